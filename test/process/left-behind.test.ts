import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupAlive, runRecord, until } from '../helpers.js';
import { processStartTime } from '../../src/state/process-identity.js';
import type { Attempt } from '../../src/state/run-record.js';
import { RunStore } from '../../src/state/run-store.js';
import { ChildProcessRunner, type ProcessRunner } from '../../src/process/process-runner.js';
import { Repo } from '../run/harness.js';

// A run killed with its tasks running, as the store finds it: its record says running, its
// dagline is gone, and its journal holds the running attempts with their process groups.

const started: number[] = [];
afterEach(() => {
  for (const pgid of started.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // ended by the test
    }
  }
});

/** A task's process group, started as dagline starts one, with the run's id in its environment. */
async function taskGroup(runId: string, script: string): Promise<{ child: ChildProcess; pgid: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-left-'));
  const child = spawn('bash', ['-c', script], {
    cwd: dir,
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '', DAGLINE_RUN_ID: runId },
  });
  const pgid = child.pid as number;
  started.push(pgid);
  await until(() => existsSync(join(dir, 'ready')), 'the task to start');
  return { child, pgid, dir };
}

async function killedRun(id: string, attempts: Attempt[]): Promise<RunStore> {
  const store = new RunStore(mkdtempSync(join(tmpdir(), 'dagline-store-')));
  const gone = spawn('true');
  await new Promise((done) => gone.on('exit', done));
  const record = runRecord(id, { pid: gone.pid as number, host: hostname() }, { startedAt: new Date().toISOString() });
  store.register(record, 'name: p\n');
  const journal = store.openJournal(id);
  attempts.forEach((attempt, i) =>
    journal.append({ task: { task: `t${i}`, leg: `t${i}`, status: 'running', attempts: [attempt], outputs: {} } }),
  );
  journal.close();
  return store;
}

const attempt = (group: Attempt['group']): Attempt => ({
  number: 1,
  startedAt: new Date().toISOString(),
  ...(group && { group }),
});

describe.runIf(existsSync('/proc/self/stat'))('the tasks a killed dagline left running', () => {
  it('are ended by the next dagline that finds the run killed: the whole group, SIGTERM ignored or not', async () => {
    const task = await taskGroup('p-1', `bash -c 'trap "" TERM; touch ready; sleep 30' & wait`);
    const other = await taskGroup('p-1', 'touch ready; sleep 30');
    const store = await killedRun('p-1', [
      attempt({ pgid: task.pgid, startTime: processStartTime(task.pgid) as string }),
      attempt({ pgid: other.pgid, startTime: processStartTime(other.pgid) as string }),
    ]);
    expect(groupAlive(task.pgid)).toBe(true);
    expect(store.activeRuns()).toEqual([]);
    expect(groupAlive(task.pgid)).toBe(false);
    expect(groupAlive(other.pgid)).toBe(false);
    const killed = store.loadRun('p-1');
    expect(killed.errors.at(-1)?.message).toMatch(
      /ended without finishing the run; the 2 tasks it left running were ended$/,
    );
    // The groups are history now: the record keeps none.
    expect(killed.tasks.get('t0')?.attempts).toEqual([{ number: 1, startedAt: expect.any(String) }]);
  });

  it('leaves alone a group whose leader has another start time: its pid was given to a stranger', async () => {
    const stranger = await taskGroup('p-2', 'touch ready; sleep 30');
    const recorded = String(Number(processStartTime(stranger.pgid)) - 1);
    const store = await killedRun('p-2', [attempt({ pgid: stranger.pgid, startTime: recorded })]);
    store.activeRuns();
    expect(groupAlive(stranger.pgid)).toBe(true);
    expect(store.loadRun('p-2').errors.at(-1)?.message).toMatch(/ended without finishing the run$/);
  });

  it('ends what a task left in its group after its leader ended, when it carries the run id', async () => {
    const task = await taskGroup('p-3', 'sleep 30 & touch ready');
    await new Promise((done) => (task.child.exitCode !== null ? done(null) : task.child.on('exit', done)));
    const startTime = processStartTime(task.pgid);
    expect(startTime).toBeUndefined(); // the leader is gone; its child lives on in the group
    expect(groupAlive(task.pgid)).toBe(true);
    const store = await killedRun('p-3', [attempt({ pgid: task.pgid, startTime: '1' })]);
    store.activeRuns();
    expect(groupAlive(task.pgid)).toBe(false);
  });

  it("leaves alone a group without its leader whose processes are not the run's (another run id)", async () => {
    const stranger = await taskGroup('another-run', 'sleep 30 & touch ready');
    await new Promise((done) => (stranger.child.exitCode !== null ? done(null) : stranger.child.on('exit', done)));
    const store = await killedRun('p-4', [attempt({ pgid: stranger.pgid, startTime: '1' })]);
    store.activeRuns();
    expect(groupAlive(stranger.pgid)).toBe(true);
  });

  it('ends nothing for a run that recorded no group (an attempt that had not started, or an older record)', async () => {
    const task = await taskGroup('p-5', 'touch ready; sleep 30');
    const store = await killedRun('p-5', [attempt(undefined)]);
    store.activeRuns();
    expect(groupAlive(task.pgid)).toBe(true);
    expect(readFileSync(join(store.root, 'runs', 'p-5', 'run.json'), 'utf8')).toContain('"status": "failed"');
  });

  it('are on disk as soon as their process starts, before the task can do anything (regression: the journal wrote them a turn later, and a dagline killed meanwhile left its task unknown)', async () => {
    const repo = new Repo();
    const node = new ChildProcessRunner();
    const seen: string[] = [];
    // A runner that reads the journal the moment the process has started, as a SIGKILL then would leave it.
    const looking: ProcessRunner = {
      start: (spec) => {
        const running = node.start(spec);
        seen.push(
          readFileSync(join(repo.store.root, 'runs', spec.env.DAGLINE_RUN_ID as string, 'journal.jsonl'), 'utf8'),
        );
        return running;
      },
    };
    const outcome = await repo.run(
      repo.pipeline('p.yml', "name: p\ntasks:\n  t: { run: 'true' }\n"),
      {},
      undefined,
      looking,
    );
    expect(outcome.status).toBe('completed');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(
      /"status":"running","attempts":\[\{"number":1,[^\n]*"group":\{"pgid":\d+,"startTime":"\d+"\}/,
    );
  });
});
