import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeShellTemplate,
  renderShellTemplate,
  UnsafeValueError,
  type ShellTemplate,
} from '../../src/plan/shell-template.js';

function analyze(script: string): ShellTemplate {
  const t = analyzeShellTemplate(script);
  if ('error' in t) throw new Error(t.error);
  return t;
}

/** Runs the rendered script in a fresh empty directory; returns stdout and what files appeared. */
function runInBash(script: string): { stdout: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-sh-'));
  // --noprofile --norc as GitHub runs bash: Node's stdio pipes are sockets, and bash would
  // take that for a remote shell and source ~/.bashrc.
  const stdout = execFileSync('bash', ['--noprofile', '--norc', '-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { stdout, files: readdirSync(dir) };
}

const render = (script: string, value: string) => renderShellTemplate(analyze(script), () => value);

/** Scripts with one template, and what bash prints when the value is v. */
const contexts: [string, string, (v: string) => string][] = [
  ['bare', "printf '%s' ${{ params.v }}", (v) => v],
  ['bare inside a word', "printf '%s' --x=${{ params.v }}.csv", (v) => `--x=${v}.csv`],
  ['double quotes', `printf '%s' "label=\${{ params.v }} end"`, (v) => `label=${v} end`],
  ['single quotes', `printf '%s' 'a ' '\${{ params.v }}' ' b'`, (v) => `a ${v} b`],
  ['single quotes mid-string', `printf '%s' 'x\${{ params.v }}y'`, (v) => `x${v}y`],
  ['$(...) inside double quotes', `printf '%s' "$(printf '%s' \${{ params.v }})"`, (v) => v.replace(/\n+$/, '')],
  ['${x:-...} in double quotes', `printf '%s' "\${unset_var:-\${{ params.v }}}"`, (v) => v],
  ['backquotes', "printf '%s' \"`printf '%s' ${{ params.v }}`\"", (v) => v.replace(/\n+$/, '')],
  ["$'...'", `printf '%s' $'<\${{ params.v }}>'`, (v) => `<${v}>`],
  ['heredoc', 'cat <<EOF\n${{ params.v }}\nEOF', (v) => `${v}\n`],
  ['quoted heredoc', "cat <<'EOF'\n${{ params.v }}\nEOF", (v) => `${v}\n`],
  // <<- strips leading tabs from every body line, the value's lines too: data changes, nothing runs.
  [
    'heredoc with tabs stripped',
    'cat <<-EOF\n\t${{ params.v }}\n\tEOF',
    (v) =>
      `${v
        .split('\n')
        .map((l) => l.replace(/^\t+/, ''))
        .join('\n')}\n`,
  ],
  ['${x:-...} bare', `printf '%s' \${unset_var:-\${{ params.v }}}`, (v) => v],
  ['comment', "# note: ${{ params.v }}\nprintf '%s' done", () => 'done'],
];

const hostile = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      "'",
      '"',
      '$',
      '`',
      '\\',
      '(',
      ')',
      ';',
      '|',
      '&',
      '\n',
      ' ',
      'a',
      'E',
      'O',
      'F',
      '{',
      '}',
      '#',
      '!',
      '*',
      '\t',
      '<',
      '>',
    ),
  }),
  fc.constantFrom(
    '$(touch pwned)',
    '`touch pwned`',
    "'; touch pwned; '",
    '"; touch pwned; "',
    '\nEOF\ntouch pwned\n',
    '$((1+1))',
    "it's",
    'a b',
    '',
    '\\',
    '${PATH}',
  ),
);

describe('shell templates', () => {
  for (const [name, script, expected] of contexts) {
    it(`keeps any value data, ${name}`, () => {
      // 200 hostile values, one bash process: each rendered script runs in a subshell after a marker.
      const values = fc.sample(hostile, { numRuns: 200, seed: 20261125 });
      const rendered: (string | undefined)[] = values.map((value) => {
        try {
          return render(script, value);
        } catch (error) {
          // The one refusal: a value that would make a heredoc's closing line.
          expect(error).toBeInstanceOf(UnsafeValueError);
          expect(name).toMatch(/heredoc/);
          return undefined;
        }
      });
      const batch = rendered.map((r, i) => (r === undefined ? '' : `printf '\\0%s\\0' ${i}\n(\n${r}\n)\n`)).join('');
      const { stdout, files } = runInBash(batch);
      expect(files).toEqual([]);
      const outputs = new Map<number, string>();
      const pieces = stdout.split('\0');
      for (let k = 1; k + 1 < pieces.length; k += 2) outputs.set(Number(pieces[k]), pieces[k + 1] as string);
      rendered.forEach((r, i) => {
        if (r !== undefined)
          expect({ value: values[i], out: outputs.get(i) }).toEqual({
            value: values[i],
            out: expected(values[i] as string),
          });
      });
      expect(rendered.filter((r) => r !== undefined).length).toBeGreaterThan(150);
    });
  }
  it('refuses a value that would end a heredoc early', () => {
    expect(() => render('cat <<EOF\n${{ params.v }}\nEOF', 'x\nEOF\ntouch pwned')).toThrow(
      /would end the heredoc early/,
    );
  });

  it('refuses a template right after a backslash', () => {
    expect(() => render('echo \\${{ params.v }}', 'x')).toThrow(/follows a backslash/);
  });

  it('leaves unknown values as written', () => {
    expect(
      renderShellTemplate(analyze('echo ${{ needs.a.outputs.b }} "${{ params.v }}"'), (p) =>
        p.source.startsWith('params') ? 'x y' : undefined,
      ),
    ).toBe('echo ${{ needs.a.outputs.b }} "x y"');
  });

  it('writes the value as one single-quoted word when bare', () => {
    expect(render('echo ${{ params.v }}', "it's")).toBe(`echo 'it'\\''s'`);
  });
});
