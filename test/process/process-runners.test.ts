import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive, until } from '../helpers.js';
import { ChildProcessRunner, type ProcessGroup, type ProcessSpec } from '../../src/process/process-runner.js';
import { processStartTime } from '../../src/state/process-identity.js';

const bash = spawnSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'dagline-runner-'));
}

/** A process to run in `dir`, logging to task.log; tasks that record events append to $EVENTS. */
function spec(dir: string, argv: [string, ...string[]], extra: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    argv,
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', EVENTS: join(dir, 'events') },
    logPath: join(dir, 'task.log'),
    timeoutMs: 0,
    killGraceMs: 200,
    ...extra,
  };
}

describe('the process runner', () => {
  const runner = () => new ChildProcessRunner();

  it('runs in the folder given, with exactly the environment given, output and errors appended to the log in order', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'task.log'), 'before\n');
    const env = { PATH: process.env.PATH ?? '', MULTI: 'one\ntwo = three', EMPTY: '', UNICODE: 'é✓' };
    const result = await runner().start(
      spec(
        dir,
        [bash, '-c', 'pwd; echo "$MULTI"; echo "[$EMPTY]$UNICODE"; echo err >&2; echo "home=${HOME-unset}"; exit 3'],
        { env },
      ),
    ).done;
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, cancelled: false });
    // HOME is in the test's environment, not in the task's: it must not leak through.
    expect(process.env.HOME).toBeDefined();
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe(
      `before\n${dir}\none\ntwo = three\n[]é✓\nerr\nhome=unset\n`,
    );
  });

  it('runs with a base environment and the changes to it: the base as given, changed where the task changes it', async () => {
    const made = runner();
    // One base for several tasks, as a run hands out: it lacks HOME, which dagline's own environment has.
    const envBase = { PATH: process.env.PATH ?? '', SHARED: 'base', CHANGED: 'base', OPTS: '-w' };
    const show = 'echo "$SHARED|$CHANGED|${ONLY_TASK-unset}|${HOME-unset}|$OPTS"';
    const results = [];
    for (const [name, env] of [
      ['one', { CHANGED: 'task one', ONLY_TASK: 'x' }],
      ['two', {}],
      ['three', { OPTS: '', HOME: '/elsewhere' }],
    ] as const) {
      const dir = folder();
      await made.start(spec(dir, [bash, '-c', show], { env, envBase })).done;
      results.push([name, readFileSync(join(dir, 'task.log'), 'utf8')]);
    }
    expect(results).toEqual([
      ['one', 'base|task one|x|unset|-w\n'],
      ['two', 'base|base|unset|unset|-w\n'],
      ['three', 'base|base|unset|/elsewhere|\n'],
    ]);
  });

  it('gives the task /dev/null for input and the default action for SIGPIPE', async () => {
    const dir = folder();
    // SIGPIPE ends `yes` (status 141) once head is gone; were it ignored, yes would print an error and exit 1.
    const result = await runner().start(spec(dir, [bash, '-c', 'cat; yes | head -1; echo "yes: ${PIPESTATUS[0]}"']))
      .done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('y\nyes: 141\n');
  });

  it('reports the signal that ended a process', async () => {
    const dir = folder();
    const result = await runner().start(spec(dir, [bash, '-c', 'kill -USR1 $$'])).done;
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGUSR1' });
  });

  it('reports what could not start, saying which program or folder: no such program, no such folder, a NUL in an argument', async () => {
    const dir = folder();
    const r = runner();
    const missing = await r.start(spec(dir, ['no-such-program-here'])).done;
    expect(missing).toMatchObject({
      exitCode: null,
      spawnError: "no such program: no-such-program-here (not found on the task's PATH)",
    });
    const missingPath = await r.start(spec(dir, [join(dir, 'nothing-here')])).done;
    expect(missingPath.spawnError).toBe(`no such program: ${join(dir, 'nothing-here')}`);
    // Node says "spawn bash ENOENT" when the folder is missing: the user hears of the folder.
    const noFolder = await r.start(spec(join(dir, 'nowhere'), [bash, '-c', 'true'])).done;
    expect(noFolder.spawnError).toBe(`its working directory ${join(dir, 'nowhere')} does not exist`);
    writeFileSync(join(dir, 'not-executable'), 'echo hi\n', { mode: 0o644 });
    const denied = await r.start(spec(dir, ['./not-executable'])).done;
    expect(denied.spawnError).toBe('./not-executable cannot be run (permission denied)');
    const nul = await r.start(spec(dir, [bash, '-c', 'echo a\0b'])).done;
    expect(nul.spawnError).toBe('an argument, path or environment entry holds a NUL character');
    // The runner still works after each.
    expect((await r.start(spec(dir, [bash, '-c', 'exit 0'])).done).exitCode).toBe(0);
  });

  it("says which process group it started, with the leader's start time where the system tells it", async () => {
    const dir = folder();
    let group: ProcessGroup | undefined;
    const running = runner().start(
      spec(dir, [bash, '-c', 'echo $$ > leader.pid; while [ ! -e go ]; do sleep 0.02; done'], {
        onStart: (g) => (group = g),
      }),
    );
    expect(group).toBeDefined(); // as the process starts, before anything else runs
    await until(() => spawnSync('test', ['-s', join(dir, 'leader.pid')]).status === 0, 'the task to start');
    expect(group?.pgid).toBe(Number(readFileSync(join(dir, 'leader.pid'), 'utf8')));
    expect(group?.startTime).toBe(processStartTime(group?.pgid as number));
    writeFileSync(join(dir, 'go'), '');
    expect((await running.done).exitCode).toBe(0);
  });

  it('sees every end under churn: 200 processes that exit at once, 4 at a time', async () => {
    const dir = folder();
    const r = runner();
    const codes: (number | null)[] = [];
    let next = 0;
    const worker = async () => {
      while (next < 200) {
        const i = next++;
        const result = await r.start(spec(dir, [bash, '-c', `exit ${i % 3}`], { logPath: join(dir, `t${i}.log`) }))
          .done;
        codes[i] = result.exitCode;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(codes).toEqual(Array.from({ length: 200 }, (_, i) => i % 3));
  });

  it('runs a script without #! through /bin/sh, as execvp does', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'plain-script'), 'echo "from sh: $0"\n', { mode: 0o755 });
    const result = await runner().start(spec(dir, ['./plain-script'])).done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('from sh: ./plain-script\n');
  });

  it("finds the program on the task's PATH, not the runner's, a relative folder taken from the task's folder", async () => {
    const dir = folder();
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'tools', 'only-here'), '#!/bin/sh\necho found it\n', { mode: 0o755 });
    const env = { PATH: `tools:${process.env.PATH ?? ''}` };
    const result = await runner().start(spec(dir, ['only-here'], { env })).done;
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'task.log'), 'utf8')).toBe('found it\n');
  });

  it('ends the whole group on timeout', async () => {
    const dir = folder();
    let pgid = 0;
    const result = await runner().start(
      spec(dir, [bash, '-c', 'sleep 30 & wait'], { timeoutMs: 200, killGraceMs: 100, onStart: (g) => (pgid = g.pgid) }),
    ).done;
    expect(result).toMatchObject({ timedOut: true, cancelled: false });
    await until(() => !groupAlive(pgid), 'the group to be gone');
  });

  it('ends the whole group on cancel, grandchildren that ignore SIGTERM included (SIGKILL after the grace)', async () => {
    const dir = folder();
    // Ready once both traps are set and the grandchild runs: the cancel comes after, however slow the machine.
    const script = `trap '' TERM; bash -c 'trap "" TERM; touch ready; sleep 30' & while [ ! -e ready ]; do sleep 0.02; done; touch leader-ready; wait`;
    let pgid = 0;
    const running = runner().start(
      spec(dir, [bash, '-c', script], { killGraceMs: 100, onStart: (g) => (pgid = g.pgid) }),
    );
    await until(
      () => spawnSync('test', ['-e', join(dir, 'leader-ready')]).status === 0,
      'the task and its child to start',
    );
    running.cancel();
    expect(await running.done).toMatchObject({ cancelled: true, timedOut: false, signal: 'SIGKILL' });
    await until(() => !groupAlive(pgid), 'the group to be gone');
  });

  it('kills what a task leaves running in its group when it ends', async () => {
    const dir = folder();
    let pgid = 0;
    const result = await runner().start(spec(dir, [bash, '-c', 'sleep 30 &'], { onStart: (g) => (pgid = g.pgid) }))
      .done;
    expect(result.exitCode).toBe(0);
    await until(() => !groupAlive(pgid), 'the group to be gone');
  });

  it('cancels: SIGTERM to the group, recorded as cancelled', async () => {
    const dir = folder();
    const running = runner().start(spec(dir, [bash, '-c', 'touch started; sleep 30']));
    await until(() => spawnSync('test', ['-e', join(dir, 'started')]).status === 0, 'the task to start');
    running.cancel();
    expect(await running.done).toMatchObject({ cancelled: true, signal: 'SIGTERM' });
  });
});
