import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The committed bundle, run as the `dagline` binary is: a real process, real exit codes. */
function dagline(...args: string[]) {
  return daglineWith(process.env, ...args);
}

function daglineWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dist/cli.js', () => {
  it('validates the examples', () => {
    expect(dagline('validate', 'examples/')).toEqual({ code: 0, stdout: 'ok: 6 files, 21 tasks\n', stderr: '' });
  });

  it('exits 1 on an invalid pipeline and 2 on usage errors, with one line on stderr and no stack', () => {
    const invalid = dagline('plan', 'test/fixtures/invalid/graph-cycle.yml');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe(
      'test/fixtures/invalid/graph-cycle.yml:7:13: error: cycle: extract -> transform -> publish -> extract (extract -> transform at line 7; transform -> publish at line 10; publish -> extract at line 4)\n',
    );
    const usage = dagline('graph', 'examples/etl/etl.yml', '--format', 'png');
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("writes nothing to the user's cache folder (regression: a launcher kept V8 bytecode there)", () => {
    const home = mkdtempSync(join(tmpdir(), 'dagline-home-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
      for (let i = 0; i < 2; i++) expect(daglineWith(env, 'validate', 'examples/').code).toBe(0);
      expect(readdirSync(home)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('prints the JSON Schema', () => {
    const schema = JSON.parse(dagline('schema').stdout);
    expect(schema.title).toBe('dagline pipeline');
    expect(schema.required).toEqual(['name', 'tasks']);
  });
});
