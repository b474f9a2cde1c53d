import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dagline } from './bin.js';
import { cli } from './run-cli.js';

const BEFORE = `name: nightly
params:
  day: { type: string }
tasks:
  fetch: { run: ./fetch.sh }
  parse: { needs: [fetch], run: ./parse.sh, timeout: 10m }
`;
const AFTER = `name: nightly
params:
  day: { type: number }
tasks:
  fetch: { run: ./fetch.sh }
  parse: { needs: [fetch], run: ./parse.sh, timeout: 20m }
  store: { needs: [parse], run: ./store.sh \${{ params.day }} }
`;

function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-diff-'));
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('dagline diff', () => {
  const dir = files({
    'before.yml': BEFORE,
    'after.yml': AFTER,
    'bad.yml': 'name: bad\ntasks:\n  a: { run: x, needs: [b] }\n',
  });
  const before = join(dir, 'before.yml');
  const after = join(dir, 'after.yml');

  it('prints the differences as text and exits 0', async () => {
    const result = await cli('diff', before, after);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `${before} -> ${after} (nightly): 1 task added, 1 changed; 1 edge added; 1 param retyped`,
        'params:',
        '  ~ day: type string -> number',
        'tasks:',
        '  + store (run; needs parse)',
        '  ~ parse',
        '      timeout: 10m -> 20m',
        'edges:',
        '  + parse -> store',
        'critical path:',
        '  before: fetch -> parse (2 tasks)',
        '  after:  fetch -> parse -> store (3 tasks)',
        '',
      ].join('\n'),
    });
  });

  it('prints JSON and Markdown', async () => {
    const json = await cli('diff', before, after, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      params: { retyped: [{ name: 'day', before: 'string', after: 'number' }] },
      tasks: { added: [{ id: 'store', kind: 'run', needs: ['parse'] }] },
      edges: { added: [{ from: 'parse', to: 'store' }], removed: [] },
    });
    const markdown = await cli('diff', before, after, '--format', 'markdown');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('| added | task | `store` | run; needs `parse` |');
    expect(markdown.stdout).toContain('```mermaid\nflowchart LR\n');
  });

  it('shows a renamed task as removed plus added, with the rename suggested, in every format', async () => {
    const renamed = files({
      'before.yml': 'name: p\ntasks:\n  fetch: { run: ./fetch.sh }\n  parse: { needs: [fetch], run: ./parse.sh }\n',
      'after.yml': 'name: p\ntasks:\n  fetch: { run: ./fetch.sh }\n  decode: { needs: [fetch], run: ./parse.sh }\n',
    });
    const sides = [join(renamed, 'before.yml'), join(renamed, 'after.yml')];
    const text = await cli('diff', ...sides);
    expect(text.stdout.split('\n').slice(1, 5)).toEqual([
      'tasks:',
      '  + decode (run; needs fetch)',
      '  - parse (run; needs fetch)',
      '  ? parse -> decode: probably renamed (same action and edges)',
    ]);
    const markdown = await cli('diff', ...sides, '--format', 'markdown');
    expect(markdown.stdout).toContain(
      [
        '| added | task | `decode` | run; needs `fetch` |',
        '| removed | task | `parse` | run; needs `fetch` |',
        '| renamed? | task | `parse` → `decode` | probably renamed: same action and edges |',
      ].join('\n'),
    );
    expect(JSON.parse((await cli('diff', ...sides, '--format', 'json')).stdout)).toMatchObject({
      tasks: { added: [{ id: 'decode' }], removed: [{ id: 'parse' }], changed: [] },
      renames: [{ from: 'parse', to: 'decode' }],
    });
  });

  it('refuses a side that does not validate (1) or cannot be read (2), naming the place', async () => {
    const invalid = await cli('diff', before, join(dir, 'bad.yml'));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(`${join(dir, 'bad.yml')}:3:24: error: task "a" needs unknown task "b"\n`);
    const missing = await cli('diff', before, join(dir, 'none.yml'));
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^error: cannot read .*none\.yml with git|no such file/);
  });

  it('reads REF:PATH with git show, without checking anything out', () => {
    const repo = files({ 'pipelines/nightly.yml': BEFORE });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'before');
    writeFileSync(join(repo, 'pipelines/nightly.yml'), AFTER);
    const result = dagline(repo, ['diff', 'main:pipelines/nightly.yml', 'pipelines/nightly.yml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'main:pipelines/nightly.yml -> pipelines/nightly.yml (nightly): 1 task added, 1 changed; 1 edge added; 1 param retyped',
    );
    const unknown = dagline(repo, ['diff', 'nope:pipelines/nightly.yml', 'pipelines/nightly.yml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^nope:pipelines\/nightly\.yml: error: cannot read nope:pipelines\/nightly\.yml with git: /,
    );
  });

  it('keeps its lines from acting as workflow commands on GitHub Actions', () => {
    const repo = files({
      'a.yml': 'name: p\ntasks:\n  a: { run: echo a }\n',
      'b.yml': 'name: p\ntasks:\n  a: { run: "echo a\\necho \'::add-mask::x ##[error]y\'\\n" }\n',
    });
    const result = dagline(repo, ['diff', 'a.yml', 'b.yml'], { GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const token = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[0]!)?.[1];
    expect(token).toBeDefined();
    expect(lines.at(-1)).toBe(`::${token}::`);
    // Inside the stop-commands as well, the one form the runner reads anywhere in a line is escaped.
    expect(lines).toContain("        + echo '::add-mask::x #\\x23[error]y'");
  });
});
