import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietReporter } from '../../src/run/reporter.js';
import { until, waitInShell } from '../helpers.js';
import { Repo } from '../run/harness.js';
import { cliWith } from './run-cli.js';

/** A repository in a temporary folder with these files; runs of it keep their store in its .dagline. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-store-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The command line in-process, its tasks with this machine's PATH. */
const dagline = (...argv: string[]) => cliWith({ PATH: process.env.PATH ?? '' }, ...argv);

const DAILY = `
name: daily
params: { day: { type: string, default: "1" } }
tasks:
  extract: { outputs: [rows], run: 'echo "rows=\${{ params.day }}" >> "$DAGLINE_OUTPUT"' }
  load: { needs: [extract], run: 'echo "loading \${{ needs.extract.outputs.rows }}"' }
`;

describe('outputs reused from an earlier run', () => {
  it('are said as the run starts, shown by runs show, and refused in one line (exit 2) when that run had other params', async () => {
    const dir = repo({ 'daily.yml': DAILY });
    const file = join(dir, 'daily.yml');
    const store = ['--state-dir', join(dir, '.dagline')];
    const full = await dagline('run', file, '-p', 'day=1');
    expect(full.code).toBe(0);
    const fullId = /run (daily-\S+):/.exec(full.stdout)?.[1] as string;

    const part = await dagline('run', file, '-p', 'day=1', '--only', 'load');
    expect(part.code).toBe(0);
    expect(part.stdout).toContain(
      `\n[dagline] extract: left out of this run; its outputs are those of run ${fullId}\n`,
    );
    expect(part.stdout).toContain('\n[load] loading 1\n');
    expect(part.stdout).toMatch(new RegExp(`\\nextract +skipped \\(not selected, outputs of run ${fullId}\\) +0 `));
    const partId = /run (daily-\S+):/.exec(part.stdout)?.[1] as string;
    const shown = await dagline('runs', 'show', partId, ...store);
    expect(shown.stdout).toMatch(new RegExp(`\\nextract +skipped \\(not selected, outputs of run ${fullId}\\) +0 `));
    const json = JSON.parse((await dagline('runs', 'show', partId, '--format', 'json', ...store)).stdout) as {
      tasks: Record<string, { outputsFrom?: string }>;
    };
    expect(json.tasks.extract!.outputsFrom).toBe(fullId);

    const refused = await dagline('run', file, '-p', 'day=2', '--only', 'load');
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: extract is left out of this run, and the run its outputs would come from, ${fullId}, had other params (day=1 there, 2 here) (give the params that run had, or run extract too: \`--only +load\` runs load with what it needs)\n`,
    });
    expect((await dagline('runs', 'daily', ...store)).stdout.trimEnd().split('\n')).toHaveLength(3); // a header, two runs
  });
});

describe('dagline runs prune', () => {
  /** A repository whose pipeline `p.yml` fails while a file `broken` is there; the store's run ids, oldest first. */
  const setup = (text: string) => {
    const dir = repo({ 'p.yml': text });
    const store = join(dir, '.dagline');
    return {
      dir,
      run: async (...args: string[]) => (await dagline('run', join(dir, 'p.yml'), ...args)).code,
      prune: (...args: string[]) => dagline('runs', 'prune', ...args, '--state-dir', store),
      ids: () =>
        existsSync(join(store, 'runs'))
          ? readdirSync(join(store, 'runs')).sort((a, b) => startOf(store, a).localeCompare(startOf(store, b)))
          : [],
    };
  };
  const startOf = (store: string, id: string) =>
    (JSON.parse(readFileSync(join(store, 'runs', id, 'run.json'), 'utf8')) as { startedAt: string }).startedAt;
  const FLAKY = "name: flaky\nmax-consecutive-failures: 2\ntasks:\n  a: { run: '[ ! -e broken ]' }\n";

  it('--keep N removes whole run folders past the newest N of each pipeline, saying what it removed; --dry-run only lists', async () => {
    const { dir, run, prune, ids } = setup(FLAKY);
    for (let i = 0; i < 4; i++) expect(await run()).toBe(0);
    const [first, second, third, fourth] = ids();
    const dry = await prune('--keep', '2', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      new RegExp(
        `^would remove {2}${first} {2}completed {2}\\S+ \\S+ {2}\\d+(\\.\\d)? KiB\\nwould remove {2}${second} {2}completed `,
      ),
    );
    expect(dry.stdout).toMatch(/\nwould remove 2 runs \(\d+(\.\d)? KiB\) from \S+\n$/);
    expect(ids()).toHaveLength(4);
    const pruned = await prune('--keep', '2');
    expect(pruned.stdout).toContain(`removed  ${first}  completed  `);
    expect(pruned.stdout).toMatch(/\nremoved 2 runs \(\d+(\.\d)? KiB\) from \S+\n$/);
    expect(ids()).toEqual([third, fourth]);
    expect((await dagline('runs', 'flaky', '--state-dir', join(dir, '.dagline'))).stdout).not.toContain(first);
    expect((await prune('--keep', '2')).stdout).toMatch(/^nothing to remove in \S+\n$/);
  });

  it('never lifts a hold: the failures the on-hold count reads, and the run it stops at, are kept', async () => {
    const { dir, run, prune, ids } = setup(FLAKY);
    writeFileSync(join(dir, 'broken'), '');
    expect(await run()).toBe(1); // an old failure, before a success: the count no longer reads it
    rmSync(join(dir, 'broken'));
    expect(await run()).toBe(0);
    writeFileSync(join(dir, 'broken'), '');
    expect(await run()).toBe(1);
    expect(await run()).toBe(1);
    const [oldFailure, success, failure1, failure2] = ids();
    const pruned = await prune('--keep', '0');
    const lines = pruned.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^removed {2}${oldFailure} {2}failed `));
    expect(lines.slice(1, 4)).toEqual([
      `kept ${success} (completed): the on-hold count stops at it`,
      `kept ${failure1} (failed): the on-hold count reads it (failed)`,
      `kept ${failure2} (failed): the on-hold count reads it (failed)`,
    ]);
    expect(lines[4]).toMatch(/^removed 1 run \(.*\) from \S+; kept 3 runs still running or read by the guards$/);
    expect(ids()).toEqual([success, failure1, failure2]);
    expect(await run()).toBe(3); // still on hold
    const [, , , held] = ids();
    // The run put on hold is what the count reads first now; the failures before it stay read too.
    expect((await prune('--keep', '0')).stdout).toContain(
      `kept ${held} (on_hold): the on-hold count reads it (on hold)`,
    );
    expect(await run()).toBe(3);
  });

  it("keeps each pipeline's newest completed run with each set of params, which requires may ask for", async () => {
    const dir = repo({
      'base.yml': "name: base\nparams: { stage: { type: string } }\ntasks:\n  a: { run: 'true' }\n",
      'dep.yml':
        "name: dep\nrequires:\n  - pipeline: base\n    params: { stage: init }\ntasks:\n  b: { run: 'true' }\n",
    });
    const store = join(dir, '.dagline');
    expect((await dagline('run', join(dir, 'base.yml'), '-p', 'stage=init')).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await dagline('run', join(dir, 'base.yml'), '-p', 'stage=infra')).code).toBe(0);
    const pruned = await dagline('runs', 'prune', 'base', '--keep', '1', '--state-dir', store);
    expect(pruned.stdout).toMatch(/^removed {2}base-\S+ {2}completed /);
    expect(pruned.stdout).toMatch(
      /\nkept base-\S+ \(completed\): requires may read it \(the newest completed run with its params\)\n/,
    );
    expect(readdirSync(join(store, 'runs'))).toHaveLength(2);
    expect((await dagline('run', join(dir, 'dep.yml'))).code).toBe(0);
  });

  it('--older-than removes only runs started longer ago, and never a running run', async () => {
    const { dir, run, prune, ids } = setup(
      `name: slow\ntasks:\n  a: { run: 'touch started; ${waitInShell('[ -e release ]')}' }\n`,
    );
    writeFileSync(join(dir, 'release'), '');
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);
    const [old, recent] = ids();
    const record = join(dir, '.dagline', 'runs', old!, 'run.json');
    const aged = { ...JSON.parse(readFileSync(record, 'utf8')), startedAt: '2020-01-01T00:00:00.000Z' };
    writeFileSync(record, JSON.stringify(aged));
    rmSync(join(dir, 'release'));
    rmSync(join(dir, 'started')); // left by the runs above: wait for the third run's own
    const running = run();
    await until(() => existsSync(join(dir, 'started')), 'the run to start its task');
    const runningId = ids().find((id) => id !== old && id !== recent);
    const pruned = await prune('--older-than', '30d');
    expect(pruned.stdout).toMatch(new RegExp(`^removed {2}${old} {2}completed {2}2020-01-01 00:00:00 `));
    expect(ids()).toEqual([recent, runningId]);
    expect((await prune('--keep', '0')).stdout).toContain(`kept ${runningId} (running): running`);
    writeFileSync(join(dir, 'release'), '');
    expect(await running).toBe(0);
  });

  it('removes nothing when a record names no folder of runs/ (an edited run.json cannot point it elsewhere)', async () => {
    const { dir, run, prune, ids } = setup(FLAKY);
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);
    const [first] = ids();
    mkdirSync(join(dir, 'victim'));
    const record = join(dir, '.dagline', 'runs', first!, 'run.json');
    writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), id: '../../victim' }));
    const refused = await prune('--keep', '0');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(
      /^error: no run folder "\.\.\/\.\.\/victim" in \S+ \(a run record names a folder of runs\/\)\n$/,
    );
    expect(existsSync(join(dir, 'victim'))).toBe(true);
    expect(readdirSync(join(dir, '.dagline', 'runs'))).toHaveLength(2);
  });

  it('a resume waiting for its concurrency group whose run is pruned meanwhile stops with a one-line error', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'q.yml',
      `name: queued\nconcurrency: { group: q, on-overlap: queue }\ntasks:\n  a: { run: '[ -e ok ]; touch started; ${waitInShell('[ -e release ]')}' }\n`,
    );
    const failed = await repo.run(p);
    expect(failed.status).toBe('failed');
    repo.write('ok', '');
    repo.write('release', '');
    expect((await repo.run(p)).status).toBe('completed'); // the on-hold count stops here: the failure before is prunable
    rmSync(join(repo.dir, 'release'));
    rmSync(join(repo.dir, 'started'));
    const busy = repo.run(p);
    await until(() => repo.exists('started'), 'the run that holds the group to start');
    const notes: string[] = [];
    const resume = repo.run(p, { resume: failed.record!.id }, { ...quietReporter, note: (m) => void notes.push(m) });
    await until(() => notes.some((note) => note.startsWith('waiting for concurrency group "q"')), 'the resume to wait');
    const pruned = await dagline('runs', 'prune', '--keep', '0', '--state-dir', repo.store.root);
    expect(pruned.stdout).toMatch(new RegExp(`^removed {2}${failed.record!.id} {2}failed `));
    repo.write('release', '');
    await expect(resume).rejects.toThrow(
      `run ${failed.record!.id} was removed from ${repo.store.root} before it could resume`,
    );
    expect((await busy).status).toBe('completed');
  });

  it('refuses a prune with no rule, a count or an age it cannot read (exit 2, one line)', async () => {
    const { prune } = setup(FLAKY);
    expect(await prune()).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: runs prune needs --keep N or --older-than AGE (e.g. dagline runs prune --keep 20)\n',
    });
    expect((await prune('--keep', 'ten')).stderr).toBe(
      'error: --keep ten is not a whole number of runs (e.g. --keep 20)\n',
    );
    expect((await prune('--older-than', '30')).stderr).toBe(
      'error: --older-than 30 is not an age (e.g. --older-than 30d, 12h or 1d12h)\n',
    );
    expect((await prune('--keep', '1')).stdout).toMatch(/^no runs in \S+: nothing to remove\n$/);
  });
});
