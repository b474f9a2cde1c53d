import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive, HANG_MS, processesOfRun, until } from '../helpers.js';

const cli = resolve('dist/cli.js');

/** A repository in a temporary folder: the committed bundle runs in it as the `dagline` binary. */
function repo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-cli-run-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Node's compile cache (Node 22.1 and later) for this file: the runs here use one of their own, whatever the machine's holds. */
const cacheDir = mkdtempSync(join(tmpdir(), 'dagline-cache-'));

const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  DAGLINE_KILL_GRACE_MS: '300',
  NODE_COMPILE_CACHE: cacheDir,
  ...extra,
});

function dagline(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    env: env(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function start(
  dir: string,
  ...args: string[]
): { child: ChildProcess; result: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [cli, ...args], { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const result = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout, stderr })),
  );
  return { child, result };
}

/** The records on disk: run.json, with the tasks and errors an ended run keeps beside it in tasks.json. */
function runRecords(dir: string) {
  const runs = join(dir, '.dagline/runs');
  return readdirSync(runs).map((id) => {
    const ended = join(runs, id, 'tasks.json');
    return {
      ...JSON.parse(readFileSync(join(runs, id, 'run.json'), 'utf8')),
      ...(existsSync(ended) && JSON.parse(readFileSync(ended, 'utf8'))),
    };
  });
}

describe('dagline run', () => {
  it("runs the README's first example end to end on a fresh copy", () => {
    const dir = repo();
    cpSync('examples', join(dir, 'examples'), { recursive: true });
    // The command as the README gives it: its first line after `npm ci &&`.
    const readme = readFileSync('README.md', 'utf8');
    const first = /```sh\nnpm ci && node dist\/cli\.js (.+)\n/.exec(readme)?.[1];
    expect(first).toBe('run examples/funnel/funnel.yml --param "dataStage=Initial data"');
    const args = [...(first as string).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    const result = dagline(dir, ...args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[run-workflows (day)] running workflow template day (--refined_flows=false)');
    expect(result.stdout).toMatch(/\nrerun-workflows \(year\) +success +1 /);
    expect(result.stdout).toMatch(/\nrun funnel-\S+: completed in /);
  });

  it("shows a resumed task's new output only, not what its log holds from the run before", () => {
    const dir = repo({
      'p.yml': `name: again\ntasks:\n  flaky: { run: '[ -e ok ] || { echo "first try"; exit 1; }; echo "second try"' }\n`,
    });
    const failed = dagline(dir, 'run', 'p.yml');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('[flaky] first try');
    writeFileSync(join(dir, 'ok'), '');
    const resumed = dagline(dir, 'run', 'p.yml', '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('[flaky] second try');
    expect(resumed.stdout).not.toContain('first try');
  });

  it('resumes a run whose dagline was SIGKILLed, without running its finished tasks again', async () => {
    const dir = repo({
      'p.yml': `name: killed
tasks:
  first: { run: 'echo first >> done.log' }
  second: { needs: [first], run: 'echo $$ > second.pid; [ -e fast ] || sleep 30; echo second >> done.log' }
`,
    });
    const { child, result } = start(dir, 'run', 'p.yml');
    await until(() => existsSync(join(dir, 'second.pid')), 'the second task to start');
    child.kill('SIGKILL');
    await result;
    // Its task outlives the killed dagline, until the next dagline finds the run killed.
    const second = Number(readFileSync(join(dir, 'second.pid'), 'utf8'));
    expect(groupAlive(second)).toBe(true);
    expect(runRecords(dir)[0].status).toBe('running');

    writeFileSync(join(dir, 'fast'), '');
    const resumed = dagline(dir, 'run', 'p.yml', '--resume');
    expect(groupAlive(second)).toBe(false); // ended before anything was resumed
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(dir, 'done.log'), 'utf8')).toBe('first\nsecond\n');
    const [record] = runRecords(dir);
    expect(record).toMatchObject({
      status: 'completed',
      resumes: 1,
      tasks: { first: { attempts: [{ number: 1 }] }, second: { status: 'success' } },
    });
    expect(record.errors[0]).toMatchObject({
      type: 'system',
      message: expect.stringMatching(
        /^the dagline process \(pid \d+\) ended without finishing the run; the task it left running was ended$/,
      ),
    });
  });

  it("ends a killed dagline's tasks when the next run starts, what they left behind in their groups included", async () => {
    const dir = repo({
      'long.yml': `name: long
tasks:
  waits: { run: 'echo $$ > waits.pid; sleep 30' }
  leaves: { run: 'sleep 30 & echo $$ > leaves.pid; while [ ! -e leader-go ]; do sleep 0.02; done' }
`,
      'other.yml': "name: other\ntasks:\n  quick: { run: 'true' }\n",
    });
    const { child, result } = start(dir, 'run', 'long.yml');
    await until(() => existsSync(join(dir, 'waits.pid')) && existsSync(join(dir, 'leaves.pid')), 'both tasks to start');
    const waits = Number(readFileSync(join(dir, 'waits.pid'), 'utf8'));
    const leaves = Number(readFileSync(join(dir, 'leaves.pid'), 'utf8'));
    // A task may write its pid before dagline has journaled its group, and a group never journaled
    // cannot be ended: wait for the journal (regression: a slower start lost this race).
    const runs = join(dir, '.dagline/runs');
    const journal = (id: string) => join(runs, id, 'journal.jsonl');
    const journaled = () =>
      (existsSync(runs) ? readdirSync(runs) : [])
        .map((id) => (existsSync(journal(id)) ? readFileSync(journal(id), 'utf8') : ''))
        .join('');
    await until(
      () => journaled().includes(`"pgid":${waits},`) && journaled().includes(`"pgid":${leaves},`),
      'both groups in the journal',
    );
    child.kill('SIGKILL');
    await result;
    // The second task's leader ends now, with no dagline to end its group: its child lives on in it.
    writeFileSync(join(dir, 'leader-go'), '');
    await until(() => spawnSync('kill', ['-0', String(leaves)]).status !== 0, 'the leader to end');
    expect([groupAlive(waits), groupAlive(leaves)]).toEqual([true, true]);

    const other = dagline(dir, 'run', 'other.yml');
    expect(other.code).toBe(0);
    expect(
      [groupAlive(waits), groupAlive(leaves)],
      JSON.stringify({ other, records: runRecords(dir) }, null, 1),
    ).toEqual([false, false]);
    const killed = runRecords(dir).find((run) => run.pipeline === 'long');
    expect(killed.status).toBe('failed');
    expect(killed.errors.at(-1).message).toMatch(/; the 2 tasks it left running were ended$/);
  });

  it('refuses a second concurrent run of one pipeline under on-overlap: fail (exit 4)', async () => {
    const dir = repo({
      'p.yml':
        "name: single\nconcurrency: { group: single, on-overlap: fail }\ntasks:\n  wait: { run: 'touch started; while [ ! -e go ]; do sleep 0.02; done' }\n",
    });
    const first = start(dir, 'run', 'p.yml');
    await until(() => existsSync(join(dir, 'started')), 'the first run to start');
    const second = dagline(dir, 'run', 'p.yml');
    expect(second.code).toBe(4);
    // At the key the refusal comes from
    expect(second.stderr).toMatch(
      /^p\.yml:2:16: error: concurrency group "single" is busy: single-\S+ \(pid \d+\) is running\n$/,
    );
    writeFileSync(join(dir, 'go'), '');
    expect((await first.result).code).toBe(0);
  });

  it('cancel-running: a new run ends the one in progress, which is recorded cancelled', async () => {
    const dir = repo({
      'p.yml':
        "name: latest\nparams: { wait: { type: boolean, default: true } }\nconcurrency: { group: latest, on-overlap: cancel-running }\ntasks:\n  work: { run: 'touch started; ! ${{ params.wait }} || sleep 30' }\n",
    });
    const first = start(dir, 'run', 'p.yml');
    await until(() => existsSync(join(dir, 'started')), 'the first run to start');
    const second = dagline(dir, 'run', 'p.yml', '--param', 'wait=false');
    expect(second.code).toBe(0);
    expect((await first.result).code).toBe(1);
    expect(
      runRecords(dir)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['cancelled', 'completed']);
  });

  it('cancel-running: signals the run in progress once, so its cleanup tasks finish (regression: a SIGTERM a second stopped them)', async () => {
    const dir = repo({
      'p.yml':
        "name: latest\nparams: { wait: { type: boolean, default: true } }\nconcurrency: { group: latest, on-overlap: cancel-running }\ntasks:\n  work: { run: 'touch started; ! ${{ params.wait }} || sleep 30' }\n  cleanup: { needs: [work], if: always(), run: '! ${{ params.wait }} || { sleep 2.5; touch cleaned; }' }\n",
    });
    const first = start(dir, 'run', 'p.yml');
    await until(() => existsSync(join(dir, 'started')), 'the first run to start');
    const second = dagline(dir, 'run', 'p.yml', '--param', 'wait=false');
    expect(second.code).toBe(0);
    const ended = await first.result;
    expect(ended.stderr).not.toContain('stopping everything');
    expect(existsSync(join(dir, 'cleaned'))).toBe(true);
    const cancelled = runRecords(dir).find((r) => r.status === 'cancelled');
    expect(cancelled).toMatchObject({ tasks: { work: { status: 'cancelled' }, cleanup: { status: 'success' } } });
  });

  it.each(['SIGHUP', 'SIGINT', 'SIGTERM'] as const)(
    '%s cancels the run: cleanup tasks run, the record says cancelled, no task is left behind (regression: SIGHUP, a closed terminal, killed dagline and left its tasks)',
    async (signal) => {
      const dir = repo({
        'p.yml': `name: hangup
tasks:
  long: { run: 'sleep 300 & echo $$ > long.pid; wait' }
  cleanup: { needs: [long], if: always(), run: 'touch cleaned' }
`,
      });
      const { child, result } = start(dir, 'run', 'p.yml');
      await until(() => existsSync(join(dir, 'long.pid')), 'the task to start');
      child.kill(signal);
      const ended = await result;
      expect(ended.code).toBe(1);
      expect(ended.stderr).toContain(`${signal}: cancelling the run`);
      expect(existsSync(join(dir, 'cleaned'))).toBe(true);
      const [record] = runRecords(dir);
      expect(record).toMatchObject({
        status: 'cancelled',
        tasks: { long: { status: 'cancelled' }, cleanup: { status: 'success' } },
      });
      // Signals are delivered as the processes get to them: what dagline ended is gone soon after it exits.
      const long = Number(readFileSync(join(dir, 'long.pid'), 'utf8'));
      await until(() => !groupAlive(long) && processesOfRun(record.id).length === 0, 'the task and its child to end');
    },
  );

  it('records a run cancelled by SIGTERM, ending its tasks', async () => {
    const dir = repo({ 'p.yml': "name: stopped\ntasks:\n  long: { run: 'echo $$ > long.pid; sleep 30' }\n" });
    const { child, result } = start(dir, 'run', 'p.yml');
    await until(() => existsSync(join(dir, 'long.pid')), 'the task to start');
    child.kill('SIGTERM');
    const ended = await result;
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain('SIGTERM: cancelling the run');
    const [record] = runRecords(dir);
    expect(record).toMatchObject({ status: 'cancelled', tasks: { long: { status: 'cancelled' } } });
  });

  it('refuses a run whose requires is unmet (exit 4), at the requires entry', () => {
    const dir = repo({
      'p.yml':
        "name: dependent\nrequires:\n  - pipeline: base\n    params: { day: d1 }\ntasks:\n  a: { run: 'true' }\n",
    });
    expect(dagline(dir, 'run', 'p.yml')).toMatchObject({
      code: 4,
      stderr: `p.yml:3:5: error: requires a completed run of "base" with day=d1, and there is none in ${join(dir, '.dagline')}\n`,
    });
  });

  it('holds a pipeline after repeated failures (exit 3) until dagline release', () => {
    const dir = repo({ 'p.yml': 'name: fragile\nmax-consecutive-failures: 1\ntasks:\n  a: { run: exit 1 }\n' });
    expect(dagline(dir, 'run', 'p.yml').code).toBe(1);
    const held = dagline(dir, 'run', 'p.yml');
    expect(held.code).toBe(3);
    expect(held.stderr).toMatch(
      /^p\.yml:2:1: error: pipeline "fragile" is on hold after 1 failed run in a row; nothing runs until `dagline release fragile` \(run fragile-\S+\)\n$/,
    );
    // A name with no runs is refused, not "released": most likely a typo.
    expect(dagline(dir, 'release', 'fragil')).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no runs of pipeline "fragil" in ${join(dir, '.dagline')}: nothing to release (did you mean "fragile"?)\n`,
    });
    expect(dagline(dir, 'release', 'fragile')).toEqual({
      code: 0,
      stdout: 'released fragile: its next run executes\n',
      stderr: '',
    });
    expect(dagline(dir, 'run', 'p.yml').code).toBe(1);
  });

  it('lists runs and shows one, as text and JSON', () => {
    const dir = repo({
      'p.yml':
        "name: listed\ntype: ETL\nsources: [crm]\ntargets: [dw]\nparams: { day: { type: string, default: d1 } }\ntasks:\n  a: { run: 'true' }\n  b: { needs: [a], run: exit 2 }\n  a-longer-name: { run: exit 3 }\n",
    });
    dagline(dir, 'run', 'p.yml');
    const list = dagline(dir, 'runs');
    expect(list.stdout).toMatch(
      /^run +status +started \(UTC\) +duration +tasks ok +actor +trigger +params\nlisted-\S+ +failed +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\S+ +1\/3 +\S+ +manual +day=d1\n$/,
    );
    const id = list.stdout.split('\n')[1]!.split(' ')[0]!;
    const show = dagline(dir, 'runs', 'show', id.slice(0, 20));
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`run ${id}\npipeline  listed (p.yml, sha256 `);
    expect(show.stdout).toContain('lineage   crm -> dw');
    expect(show.stdout).toMatch(/\nb +failed +1 +\S+\n/);
    expect(show.stdout).toMatch(/failed: b: exit code 2 \(log: \.dagline\/runs\/listed-\S+\/logs\/b\.log\)/);
    // The errors in columns: each error's type starts where the others' do.
    const errorLines = show.stdout.split('\nerrors\n')[1]!.trimEnd().split('\n');
    expect(errorLines.map((line) => line.replace(/process.*/, '').length)).toEqual(
      errorLines.map(() => '  2026-11-25T00:00:00.000Z  a-longer-name  '.length),
    );
    const json = JSON.parse(dagline(dir, 'runs', 'show', id, '--format', 'json').stdout);
    expect(json).toMatchObject({ id, status: 'failed', tasks: { a: { status: 'success' }, b: { status: 'failed' } } });
    const markdown = dagline(dir, 'runs', 'show', id, '--format', 'markdown');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^## ❌ dagline \/ listed: failed\n/);
    expect(markdown.stdout).toContain('```mermaid\nflowchart LR\n');
    expect(markdown.stdout).toContain('```mermaid\ngantt\n');
    expect(markdown.stdout).toMatch(
      /\n\| `b` \| ❌ failed \| 1 \| \S+ \| \*\*process\*\* \(fatal\), attempt 1: exit code 2 \|\n/,
    );
    expect(dagline(dir, 'runs', 'show', 'nope')).toMatchObject({
      code: 2,
      stderr: `error: no run nope in ${join(dir, '.dagline')} (dagline runs lists the runs)\n`,
    });
  });

  it('narrows the history to one pipeline or one category, in text and JSON', () => {
    const dir = repo({
      'a.yml': "name: alpha\ncategory: finance\ntasks:\n  a: { run: 'true' }\n",
      'b.yml': "name: beta\ncategory: marketing\ntasks:\n  b: { run: 'true' }\n",
    });
    expect(dagline(dir, 'run', 'a.yml').code).toBe(0);
    expect(dagline(dir, 'run', 'b.yml').code).toBe(0);
    const ids = (...args: string[]) =>
      (JSON.parse(dagline(dir, 'runs', ...args, '--format', 'json').stdout) as { pipeline: string }[]).map(
        (r) => r.pipeline,
      );
    expect(ids()).toEqual(['alpha', 'beta']);
    expect(ids('beta')).toEqual(['beta']);
    expect(ids('--category', 'finance')).toEqual(['alpha']);
    expect(ids('--category', 'none')).toEqual([]);
    expect(dagline(dir, 'runs', 'gamma').stdout).toBe('no runs of gamma in .dagline\n');
  });

  it('keeps one state store at the repository root, whichever folder of the repository runs start from', () => {
    const dir = repo({ 'p.yml': "name: rooted\ntasks:\n  a: { run: 'true' }\n" });
    mkdirSync(join(dir, 'sub'));
    const inSub = (...args: string[]) =>
      spawnSync(process.execPath, [cli, ...args], { cwd: join(dir, 'sub'), env: env(), encoding: 'utf8' });
    expect(inSub('run', '../p.yml').status).toBe(0);
    expect(dagline(dir, 'run', 'p.yml').code).toBe(0);
    expect(existsSync(join(dir, 'sub', '.dagline'))).toBe(false);
    expect(readdirSync(join(dir, '.dagline', 'runs'))).toHaveLength(2);
    expect(inSub('runs', 'rooted').stdout.trimEnd().split('\n')).toHaveLength(3); // a header and two runs
  });

  it('shows the child runs of a run, and the parent of a child run', () => {
    const dir = repo({
      'parent.yml': 'name: parent\ntasks:\n  go: { pipeline: child.yml }\n',
      'child.yml': "name: child\ntasks:\n  c: { run: 'true' }\n",
    });
    expect(dagline(dir, 'run', 'parent.yml').code).toBe(0);
    const parent = dagline(dir, 'runs', 'show', 'parent').stdout;
    const childId = /\nchild runs\n {2}go {2}(child-\S+)\n/.exec(parent)?.[1];
    expect(childId, parent).toBeDefined();
    expect(dagline(dir, 'runs', 'show', childId!).stdout).toMatch(/\nparent {4}parent-\S+ \(task go\)\n/);
  });

  it('reads the history without creating a state store where there is none (regression: runs made an empty .dagline)', () => {
    const dir = repo();
    expect(dagline(dir, 'runs')).toMatchObject({ code: 0, stdout: 'no runs in .dagline\n' });
    expect(dagline(dir, 'runs', 'show', 'x')).toMatchObject({ code: 2 });
    expect(dagline(dir, 'release', 'x')).toMatchObject({
      code: 2,
      stderr: `error: no runs of pipeline "x" in ${join(dir, '.dagline')}: nothing to release (dagline runs lists the runs)\n`,
    });
    expect(dagline(dir, 'run', 'missing.yml')).toMatchObject({ code: 2 });
    expect(existsSync(join(dir, '.dagline'))).toBe(false);
  });

  it('runs on, records the run and ends quietly when its output is no longer read (regression: EPIPE stack trace)', async () => {
    const dir = repo({
      'p.yml':
        "name: unread\ntasks:\n  a: { run: 'for i in 1 2 3; do echo line $i; done' }\n  b: { needs: [a], run: 'echo done > b.out' }\n",
    });
    for (const args of [['run', 'p.yml'], ['runs'], ['runs', 'show', 'unread']]) {
      // `dagline ... | head` once head has gone: the reading end is closed before dagline writes.
      const child = spawn(process.execPath, [cli, ...args], {
        cwd: dir,
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.destroy();
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
    }
    expect(readFileSync(join(dir, 'b.out'), 'utf8')).toBe('done\n');
    expect(dagline(dir, 'runs').stdout).toMatch(/\nunread-\S+ +completed /);
  });

  it.runIf(existsSync('/proc/self'))(
    'fails at once, in one line, with a state store or compile cache it cannot create (regression: it spun for ever on /proc)',
    () => {
      const dir = repo({ 'p.yml': "name: nowhere\ntasks:\n  a: { run: 'true' }\n" });
      const run = spawnSync(process.execPath, [cli, 'run', 'p.yml', '--state-dir', '/proc/dagline-x'], {
        cwd: dir,
        env: env(),
        encoding: 'utf8',
        timeout: HANG_MS,
      });
      expect({ code: run.status, stderr: run.stderr }).toEqual({
        code: 2,
        stderr:
          "error: the state store /proc/dagline-x cannot be created: ENOENT: no such file or directory, mkdir '/proc/dagline-x' (a folder on its path does not exist or cannot hold folders: point --state-dir (or DAGLINE_STATE_DIR) at a folder dagline can write)\n",
      });
      // Reading the history creates nothing: there is none there
      const runs = spawnSync(process.execPath, [cli, 'runs', '--state-dir', '/proc/dagline-x'], {
        cwd: dir,
        env: env(),
        encoding: 'utf8',
        timeout: HANG_MS,
      });
      expect({ code: runs.status, stdout: runs.stdout }).toEqual({ code: 0, stdout: 'no runs in /proc/dagline-x\n' });
      const validate = spawnSync(process.execPath, [cli, 'validate', 'p.yml'], {
        cwd: dir,
        env: env({ NODE_COMPILE_CACHE: '/proc/dagline-x/cache' }),
        encoding: 'utf8',
        timeout: HANG_MS,
      });
      expect({ code: validate.status, stdout: validate.stdout, stderr: validate.stderr }).toEqual({
        code: 0,
        stdout: 'ok: 1 file, 1 task\n',
        stderr: '',
      });
    },
  );

  it("says what the disk refused, in one line and exit 2, not 'a bug in dagline' (a file where the runs folder goes)", () => {
    const dir = repo({ 'p.yml': "name: blocked\ntasks:\n  a: { run: 'true' }\n" });
    mkdirSync(join(dir, '.dagline'));
    writeFileSync(join(dir, '.dagline', 'runs'), '');
    const result = dagline(dir, 'run', 'p.yml');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: ENOTDIR: \S.* \(a part of the path is a file, not a folder\)\n$/);
  });

  it('refuses a bad param before anything runs or is recorded, pointing at its declaration', () => {
    const dir = repo({
      'p.yml':
        "name: typed\nparams:\n  n: { type: number }\n  day: { type: string, required: true }\ntasks:\n  a: { run: 'true' }\n",
    });
    expect(dagline(dir, 'run', 'p.yml', '-p', 'n=abc')).toMatchObject({
      code: 1,
      stderr:
        'p.yml:3:3: error: param "n" is a number; got "abc"\np.yml:4:3: error: param "day" is required (give it with --param day=...)\n',
    });
    expect(existsSync(join(dir, '.dagline', 'runs'))).toBe(false);
  });

  it('checks the pipelines a run calls, at any depth, before anything runs (regression: it failed halfway, on the task that called them)', () => {
    const dir = repo({
      'parent.yml':
        "name: parent\ntasks:\n  first: { run: 'touch first-ran' }\n  load:\n    needs: [first]\n    pipeline: child.yml\n    with: { region: mars }\n",
      'child.yml':
        'name: child\nparams:\n  region: { type: choice, options: [eu, us] }\ntasks:\n  go: { pipeline: grandchild.yml }\n',
      'grandchild.yml': "name: grandchild\ntasks:\n  x: { run: 'true', needs: [nothere] }\n",
    });
    const run = dagline(dir, 'run', 'parent.yml');
    const expected = [
      'parent.yml:7:21: error: task "load": "mars" is not an option of param "region" (options: "eu", "us")',
      'child.yml:5:19: error: task "go" runs grandchild.yml, which does not validate: grandchild.yml:3:29: task "x" needs unknown task "nothere" (dagline validate grandchild.yml lists it)',
      '',
    ].join('\n');
    expect(run).toMatchObject({ code: 1, stderr: expected });
    expect(existsSync(join(dir, 'first-ran'))).toBe(false);
    expect(existsSync(join(dir, '.dagline', 'runs'))).toBe(false);
    expect(dagline(dir, 'plan', 'parent.yml')).toMatchObject({ code: 1, stderr: expected });
    // graph draws the one file it is given; it does not need the others to hold
    expect(dagline(dir, 'graph', 'parent.yml').code).toBe(0);
  });

  it('refuses pipelines that run each other round, naming the cycle', () => {
    const dir = repo({
      'a.yml': 'name: a\ntasks:\n  call-b: { pipeline: b.yml }\n',
      'b.yml': "name: b\ntasks:\n  step: { run: 'true' }\n  back: { needs: [step], pipeline: a.yml }\n",
    });
    expect(dagline(dir, 'run', 'a.yml')).toMatchObject({
      code: 1,
      stderr:
        'b.yml:4:36: error: task "back" runs a.yml, closing a cycle of pipelines: a.yml -> b.yml -> a.yml (pipelines cannot run each other round: break the cycle)\n',
    });
    expect(dagline(dir, 'validate', 'a.yml', 'b.yml')).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('b.yml:4:36: error: task "back" runs a.yml, closing a cycle'),
    });
    // One file of the cycle alone, or a file that leads into it: the error is in the file checked
    expect(dagline(dir, 'validate', 'a.yml')).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /^a\.yml:3:23: error: task "call-b" runs b\.yml, part of a cycle of pipelines: a\.yml -> b\.yml -> a\.yml /,
      ),
    });
    writeFileSync(join(dir, 'top.yml'), 'name: top\ntasks:\n  go: { pipeline: b.yml }\n');
    expect(dagline(dir, 'validate', 'top.yml')).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /^top\.yml:3:19: error: task "go" runs b\.yml, which leads into a cycle of pipelines: b\.yml -> a\.yml -> b\.yml /,
      ),
    });
  });

  it('refuses a kill grace that is not a number, in one line (regression: NaN meant SIGKILL at once)', () => {
    const dir = repo({ 'p.yml': "name: graceful\ntasks:\n  a: { run: 'true' }\n" });
    const result = spawnSync(process.execPath, [cli, 'run', 'p.yml'], {
      cwd: dir,
      env: env({ DAGLINE_KILL_GRACE_MS: '5s' }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: DAGLINE_KILL_GRACE_MS=5s is not a whole number of milliseconds (e.g. DAGLINE_KILL_GRACE_MS=5000)\n',
    );
    expect(existsSync(join(dir, '.dagline'))).toBe(false);
  });
});
