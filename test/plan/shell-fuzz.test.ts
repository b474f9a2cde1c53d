import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ExpressionError } from '../../src/errors/dagline-error.js';
import type { Value } from '../../src/expressions/evaluate.js';
import { renderScript } from '../../src/plan/render-templates.js';
import {
  analyzeShellTemplate,
  PLAIN_INTEGER,
  renderShellTemplate,
  singleQuoted,
  UnsafeValueError,
} from '../../src/plan/shell-template.js';

/**
 * Hostile values in every place a template can stand in a `run` script,
 * rendered and run by real bash and dash: no value may ever run a command
 * (each payload would create the file `pwned`), a value in a plain word
 * arrives intact, and a value the shell would evaluate again is refused
 * unless it is a plain integer. Fixed seed, bounded count.
 */

const SEED = 20261206;
const RANDOM_VALUES = 50;

const PAYLOADS = [
  '$(touch pwned)',
  '`touch pwned`',
  'a[$(touch pwned)]',
  'x[`touch pwned`]',
  "'; touch pwned; '",
  '"; touch pwned; "',
  '\\"; touch pwned; #',
  "\\'; touch pwned; \\'",
  '$(touch pwned)\\',
  '\nEOF\ntouch pwned\n',
  '\n\tEOF\ntouch pwned\n',
  'EOF',
  '; touch pwned',
  '&& touch pwned',
  '|| touch pwned; false',
  '| touch pwned',
  '\ntouch pwned\n',
  '$((1+1))',
  '${PATH}',
  '${x:=$(touch pwned)}',
  '*',
  '?[a]*',
  '~root',
  '{a,b}',
  '!!',
  '-n',
  '(',
  ')',
  "it's",
  'a b',
  '',
  '\\',
  '\u0001\u001b[31m\u0007\r\u007f',
  `${'a'.repeat(5000)}$(touch pwned)`,
];
const INTEGERS = ['0', '42', '-7', '+3', '123456789012345678'];

const hostile = fc.string({
  unit: fc.constantFrom(
    ...["'", '"', '$', '`', '\\', '(', ')', '[', ']', ';', '|', '&', '\n', ' ', '\t', 'a', 'E', 'O', 'F'],
    ...['{', '}', '#', '!', '*', '?', '<', '>', '~', '=', '-', '1', '\u0001', '\u001f', '\r'],
  ),
  maxLength: 30,
});

const values = [...PAYLOADS, ...INTEGERS, ...fc.sample(hostile, { numRuns: RANDOM_VALUES, seed: SEED })];

type Shell = 'bash' | 'dash';
interface Case {
  name: string;
  script: string;
  shells: Shell[];
  /** A plain word: what the script prints for value v. */
  word?: (v: string) => string;
  /** The shell evaluates the value: integers are accepted (and print this), anything else is refused. */
  integer?: (v: string) => string | undefined;
  /** No value can stand here: every value is refused. */
  refused?: true;
}

const both: Shell[] = ['bash', 'dash'];
const bash: Shell[] = ['bash'];
const noTrailingNewlines = (v: string) => v.replace(/\n+$/, '');
const plusOne = (v: string) => String(BigInt(v) + 1n);
const stripTabs = (v: string) =>
  v
    .split('\n')
    .map((l) => l.replace(/^\t+/, ''))
    .join('\n');

const cases: Case[] = [
  // quoting contexts: the value arrives as it was
  { name: 'bare', script: "printf '%s' ${{ params.v }}", shells: both, word: (v) => v },
  {
    name: 'bare inside a word',
    script: "printf '%s' --x=${{ params.v }}.csv",
    shells: both,
    word: (v) => `--x=${v}.csv`,
  },
  {
    name: 'double quotes',
    script: `printf '%s' "label=\${{ params.v }} end"`,
    shells: both,
    word: (v) => `label=${v} end`,
  },
  { name: 'single quotes', script: `printf '%s' 'a \${{ params.v }} b'`, shells: both, word: (v) => `a ${v} b` },
  { name: 'assignment', script: 'x=${{ params.v }}\nprintf \'%s\' "$x"', shells: both, word: (v) => v },
  {
    name: '$(...) in double quotes',
    script: `printf '%s' "$(printf '%s' \${{ params.v }})"`,
    shells: both,
    word: noTrailingNewlines,
  },
  {
    name: '${x:-...} in double quotes',
    script: `printf '%s' "\${unset_var:-\${{ params.v }}}"`,
    shells: both,
    word: (v) => v,
  },
  {
    name: '${x:-...} in a heredoc',
    script: 'cat <<EOF\n${unset_var:-${{ params.v }}}\nEOF',
    shells: both,
    word: (v) => `${v}\n`,
  },
  { name: '${x:-...} bare', script: `printf '%s' \${unset_var:-\${{ params.v }}}`, shells: both, word: (v) => v },
  {
    name: 'backquotes in double quotes',
    script: "printf '%s' \"`printf '%s' ${{ params.v }}`\"",
    shells: both,
    word: noTrailingNewlines,
  },
  { name: "$'...'", script: `printf '%s' $'<\${{ params.v }}>'`, shells: bash, word: (v) => `<${v}>` },
  { name: 'heredoc', script: 'cat <<EOF\n${{ params.v }}\nEOF', shells: both, word: (v) => `${v}\n` },
  {
    name: 'quoted heredoc',
    script: "cat <<'EOF'\nx ${{ params.v }} $y\nEOF",
    shells: both,
    word: (v) => `x ${v} $y\n`,
  },
  {
    name: 'heredoc, tabs stripped',
    script: 'cat <<-EOF\n\t${{ params.v }}\n\tEOF',
    shells: both,
    word: (v) => `${stripTabs(v)}\n`,
  },
  { name: 'here-string', script: 'cat <<< ${{ params.v }}', shells: bash, word: (v) => `${v}\n` },
  { name: 'comment', script: "# note: ${{ params.v }}\nprintf '%s' done", shells: both, word: () => 'done' },
  {
    name: 'case word',
    script: 'case ${{ params.v }} in "$V") printf same;; *) printf differ;; esac',
    shells: both,
    word: () => 'same',
  },
  {
    name: 'case pattern',
    script: 'case "$V" in ${{ params.v }}) printf same;; *) printf differ;; esac',
    shells: both,
    word: () => 'same',
  },
  { name: 'array element', script: 'a=(x ${{ params.v }} y)\nprintf \'%s\' "${a[1]}"', shells: bash, word: (v) => v },
  { name: '[[ == ]]', script: '[[ ${{ params.v }} == "$V" ]] && printf same', shells: bash, word: () => 'same' },
  { name: '[[ pattern ]]', script: '[[ "$V" == ${{ params.v }} ]] && printf same', shells: bash, word: () => 'same' },
  { name: 'test', script: '[ "$V" = ${{ params.v }} ] && printf same', shells: both },
  { name: 'function body', script: "f() { printf '%s' ${{ params.v }}; }\nf", shells: both, word: (v) => v },
  { name: 'subshell', script: `(printf '%s' "\${{ params.v }}")`, shells: both, word: (v) => v },
  {
    name: 'if and loop',
    script: 'if true; then for i in 1; do printf \'%s\' "${{ params.v }}"; done; fi',
    shells: both,
    word: (v) => v,
  },
  { name: 'bash -c positional', script: `bash -c 'printf "%s" "$1"' _ \${{ params.v }}`, shells: both, word: (v) => v },
  // arithmetic: integers only
  { name: '$(( ))', script: "printf '%s' $(( ${{ params.v }} + 1 ))", shells: both, integer: plusOne },
  { name: '"$(( ))"', script: `printf '%s' "$(( '\${{ params.v }}' + 1 ))"`, shells: both, integer: () => undefined },
  { name: '(( ))', script: '(( x = ${{ params.v }} + 1 ))\nprintf \'%s\' "$x"', shells: bash, integer: plusOne },
  { name: '$[ ]', script: "printf '%s' $[ ${{ params.v }} + 1 ]", shells: bash, integer: plusOne },
  { name: '[[ -eq ]]', script: '[[ ${{ params.v }} -eq "$V" ]] && printf same', shells: bash, integer: () => 'same' },
  { name: '[[ -v ]]', script: '[[ -v ${{ params.v }} ]] || printf unset', shells: bash, integer: () => undefined },
  { name: 'let', script: 'let "x = ${{ params.v }} + 1"\nprintf \'%s\' "$x"', shells: bash, integer: plusOne },
  {
    name: 'declare -i',
    script: 'declare -i x=${{ params.v }}\nprintf \'%s\' "$x"',
    shells: bash,
    integer: (v) => String(BigInt(v)),
  },
  {
    name: 'local -i',
    script: 'f() { local -i x=${{ params.v }}; printf \'%s\' "$x"; }\nf',
    shells: bash,
    integer: (v) => String(BigInt(v)),
  },
  {
    name: 'subscript',
    script: 'a=(p q r)\nprintf \'%s\' "${a[${{ params.v }}]}"',
    shells: bash,
    integer: () => undefined,
  },
  { name: 'subscript assignment', script: 'a[${{ params.v }}]=z', shells: bash, integer: () => undefined },
  {
    name: '${v:offset}',
    script: 'x=abcdef\nprintf \'%s\' "${x:${{ params.v }}:2}"',
    shells: bash,
    integer: () => undefined,
  },
  {
    name: 'variable used in $(( ))',
    script: "n=${{ params.v }}\nprintf '%s' $((n + 1))",
    shells: both,
    integer: plusOne,
  },
  {
    name: 'variable used in [[ -gt ]]',
    script: 'n=${{ params.v }}\n[[ $n -gt -100 ]] && printf big',
    shells: bash,
    integer: () => undefined,
  },
  {
    name: 'variable through another',
    script: "n=${{ params.v }}\nm=$n\nprintf '%s' $((m + 1))",
    shells: both,
    integer: plusOne,
  },
  {
    name: 'for (( ))',
    script: 'for ((i=${{ params.v }}; i<${{ params.v }}+1; i++)); do printf \'%s\' "$i"; done',
    shells: bash,
    integer: (v) => String(BigInt(v)),
  },
  {
    name: '$(( )) in a heredoc',
    script: 'cat <<EOF\n$(( ${{ params.v }} + 1 ))\nEOF',
    shells: both,
    integer: (v) => `${plusOne(v)}\n`,
  },
  {
    name: '$(( )) in a subshell',
    script: "(printf '%s' $(( ${{ params.v }} * 2 )))",
    shells: both,
    integer: (v) => String(BigInt(v) * 2n),
  },
  // no value is safe
  { name: 'eval', script: `eval "printf '%s' \${{ params.v }}"`, shells: both, refused: true },
  { name: 'bash -c', script: `bash -c "printf '%s' \${{ params.v }}"`, shells: both, refused: true },
  { name: 'trap', script: 'trap "echo ${{ params.v }}" EXIT', shells: both, refused: true },
  { name: 'piped into sh', script: "printf '%s' ${{ params.v }} | sh", shells: both, refused: true },
  { name: 'right after $', script: 'echo $${{ params.v }}', shells: both, refused: true },
  { name: 'after a backslash', script: 'echo \\${{ params.v }}', shells: both, refused: true },
];

const work = mkdtempSync(join(tmpdir(), 'dagline-fuzz-'));

// dash is /bin/sh on Debian and Ubuntu, and the shell `sh` scripts must be safe under: the test runs it, never skips it.
const dashMissing = spawnSync('dash', ['-c', 'true']).error;
if (dashMissing)
  throw new Error(
    `dash is not installed (${dashMissing.message}): the fuzz test runs real dash (apt-get install dash)`,
  );
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs each rendered script in a subshell of one shell process, in an empty folder; its output per script. */
function runBatch(
  shell: Shell,
  scripts: { index: number; script: string; value: string }[],
): {
  outputs: Map<number, string>;
  files: string[];
} {
  const dir = mkdtempSync(join(work, `${shell}-`));
  const batch = scripts
    .map(({ index, script, value }) => `printf '<fuzzmark %s>' ${index}\n(\nV=${singleQuoted(value)}\n${script}\n)\n`)
    .join('');
  // --noprofile --norc as GitHub runs bash; dash reads no startup file without -l.
  const args = shell === 'bash' ? ['--noprofile', '--norc', '-c', batch] : ['-c', batch];
  let stdout: string;
  try {
    stdout = execFileSync(shell, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    });
  } catch (error) {
    // Some values are errors to the shell (`$(( 5 - -7 ))` is fine, `[ = ]` is not): the batch goes on.
    stdout = String((error as { stdout?: string }).stdout ?? '');
  }
  const outputs = new Map<number, string>();
  const pieces = stdout.split(/<fuzzmark (\d+)>/);
  for (let k = 1; k + 1 < pieces.length; k += 2) outputs.set(Number(pieces[k]), pieces[k + 1] as string);
  return { outputs, files: readdirSync(dir) };
}

describe('hostile values in every template context', () => {
  for (const testCase of cases) {
    // Real shells on a busy machine: the timeout is for a hang only.
    it(testCase.name, { timeout: 120_000 }, () => {
      const sh = testCase.shells.includes('dash') ? 'sh' : 'bash';
      const template = analyzeShellTemplate(testCase.script, sh);
      if (!('slots' in template)) throw new Error(`does not analyze: ${JSON.stringify(template)}`);
      const rendered: { index: number; script: string; value: string }[] = [];
      values.forEach((value, index) => {
        try {
          rendered.push({ index, script: renderShellTemplate(template, () => value), value });
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeValueError);
          const message = (error as Error).message;
          if (testCase.refused) return;
          if (testCase.integer) {
            expect(PLAIN_INTEGER.test(value), `${JSON.stringify(value)} refused: ${message}`).toBe(false);
            return;
          }
          // In a plain word only a line that would end the heredoc is refused, and a "{" that bash
          // would brace-expand inside "${x:-...}".
          expect(message, JSON.stringify(value)).toMatch(/would end the heredoc early|brace-expand/);
        }
      });
      if (testCase.refused) expect(rendered).toEqual([]);
      if (testCase.integer) expect(rendered.map((r) => r.value)).toEqual(INTEGERS);
      if (testCase.word) expect(rendered.length).toBeGreaterThan(values.length * 0.8);

      for (const shell of testCase.shells) {
        const { outputs, files } = runBatch(shell, rendered);
        expect(files, `${shell} ran a command`).toEqual([]);
        for (const { index, value } of rendered) {
          const expected = testCase.word?.(value) ?? testCase.integer?.(value);
          if (expected === undefined) continue;
          expect({ shell, value, out: outputs.get(index) }).toEqual({ shell, value, out: expected });
        }
      }
    });
  }

  it('the value is refused where dash and bash read an `sh` script differently', () => {
    const template = analyzeShellTemplate(`printf '%s' $'<\${{ params.v }}>'`, 'sh');
    if (!('slots' in template)) throw new Error('does not analyze');
    expect(template.slots[0]?.refused?.message).toMatch(/dash and bash/);
  });
});

/**
 * The same contexts with the value coming from each place a run takes values from: a param, a
 * matrix value (also one built from outputs), a task's output, a pipeline env value. Rendered as
 * a run renders them (renderScript with the run's template context) and run by real bash and dash.
 */
describe('hostile values from every source of values', () => {
  const SOURCES: { template: string; values: (v: string) => Record<string, Value> }[] = [
    { template: 'matrix.v', values: (v) => ({ matrix: { v } }) },
    { template: 'needs.a.outputs.v', values: (v) => ({ needs: { a: { result: 'success', outputs: { v } } } }) },
    {
      template: "needs.a.legs['a (1)'].outputs.v",
      values: (v) => ({ needs: { a: { result: 'success', legs: { 'a (1)': { outputs: { v } } } } } }),
    },
    { template: 'env.V', values: (v) => ({ env: { V: v } }) },
  ];
  const sourceValues = [...PAYLOADS, ...INTEGERS];
  // Every source reaches the script through the one rendering above: a few word and arithmetic
  // contexts of each shell show that each source's value takes it (all contexts per source would
  // only repeat the rendering's own test at several times its cost).
  const chosen = cases.filter((c) =>
    ['bare', 'double quotes', 'heredoc', 'case word', '$(( ))', '(( ))', '[[ -eq ]]', '$(( )) in a heredoc'].includes(
      c.name,
    ),
  );

  for (const source of SOURCES)
    for (const testCase of chosen) {
      it(`${source.template}: ${testCase.name}`, { timeout: 120_000 }, () => {
        const sh = testCase.shells.includes('dash') ? 'sh' : 'bash';
        const script = testCase.script.replaceAll('params.v', source.template);
        const rendered: { index: number; script: string; value: string }[] = [];
        sourceValues.forEach((value, index) => {
          const context = { values: source.values(value), known: () => true, where: 'task "t"', file: 'p.yml' };
          try {
            rendered.push({ index, script: renderScript(script, sh, context), value });
          } catch (error) {
            expect(error).toBeInstanceOf(ExpressionError);
            if (testCase.integer) expect(PLAIN_INTEGER.test(value), JSON.stringify(value)).toBe(false);
            else
              expect((error as Error).message, JSON.stringify(value)).toMatch(
                /would end the heredoc early|brace-expand/,
              );
          }
        });
        if (testCase.integer) expect(rendered.map((r) => r.value)).toEqual(INTEGERS);
        for (const shell of testCase.shells) {
          const { outputs, files } = runBatch(shell, rendered);
          expect(files, `${shell} ran a command`).toEqual([]);
          for (const { index, value } of rendered) {
            const expected = testCase.word?.(value) ?? testCase.integer?.(value);
            if (expected !== undefined)
              expect({ shell, value, out: outputs.get(index) }).toEqual({ shell, value, out: expected });
          }
        }
      });
    }
});
