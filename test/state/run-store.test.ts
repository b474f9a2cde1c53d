import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentProcess, isAlive } from '../../src/state/process-identity.js';
import type { RunRecord, TaskState } from '../../src/state/run-record.js';
import { writeAtomic } from '../../src/fs/write-atomic.js';
import { RunStore } from '../../src/state/run-store.js';
import { runRecord as record } from '../helpers.js';

const store = () => new RunStore(mkdtempSync(join(tmpdir(), 'dagline-store-')));

const task = (leg: string, status: TaskState['status']): TaskState => ({
  task: leg,
  leg,
  status,
  attempts: [],
  outputs: {},
});

/** A process that has ended and been reaped: its pid is free. */
async function deadProcess(): Promise<RunRecord['process']> {
  const child = spawn('true');
  await new Promise((done) => child.on('exit', done));
  return { pid: child.pid as number, host: hostname() };
}

describe('the run store', () => {
  it('reads a journal whose last line a killed writer cut short, keeping every whole line', () => {
    const s = store();
    s.register(record('p-1', currentProcess()), 'name: p\n');
    const journal = s.openJournal('p-1');
    journal.append({ task: task('a', 'success') });
    journal.append({ error: { task: 'b', type: 'process', message: 'exit code 1', fatal: false, at: 'x' } });
    journal.close();
    appendFileSync(journal.path, '{"task":{"task":"b","leg":"b","stat');
    const loaded = s.loadRun('p-1');
    expect([...loaded.tasks.keys()]).toEqual(['a']);
    expect(loaded.errors.map((e) => e.message)).toEqual(['exit code 1']);
  });

  it('writes journal entries by the end of the turn, and at once on flush', async () => {
    const s = store();
    s.register(record('p-1', currentProcess()), 'name: p\n');
    const journal = s.openJournal('p-1');
    journal.append({ task: task('a', 'running') });
    const read = () => readFileSync(journal.path, 'utf8').split('\n').filter(Boolean).length;
    journal.flush();
    expect(read()).toBe(1);
    journal.append({ task: task('a', 'success') });
    await new Promise((done) => setImmediate(done));
    await new Promise((done) => setImmediate(done));
    expect(read()).toBe(2);
    journal.close();
  });

  it('marks a run whose process is gone failed, keeping the tasks the journal saw finish', async () => {
    const s = store();
    s.register(record('p-dead', await deadProcess()), 'name: p\n');
    const journal = s.openJournal('p-dead');
    journal.append({ task: task('a', 'success') });
    journal.append({ task: task('b', 'running') });
    journal.close();
    s.register(record('p-alive', currentProcess()), 'name: p\n');
    s.register(record('p-elsewhere', { pid: 1, host: `not-${hostname()}` }), 'name: p\n');

    expect(
      s
        .activeRuns()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['p-alive', 'p-elsewhere']);
    const killed = s.loadRun('p-dead');
    expect(killed.record.status).toBe('failed');
    expect(killed.tasks.get('a')?.status).toBe('success');
    expect(killed.tasks.get('b')).toMatchObject({ status: 'failed', reason: 'dagline was killed while it ran' });
    expect(killed.errors.at(-1)).toMatchObject({ type: 'system', fatal: true });
    expect(readdirSync(join(s.root, 'active')).sort()).toEqual(['p-alive.json', 'p-elsewhere.json']);
  });

  it('takes a live pid with another start time for a reused pid, so the run counts as killed', () => {
    const me = currentProcess();
    expect(isAlive(me)).toBe(true);
    expect(me.startTime).toBeDefined();
    expect(isAlive({ ...me, startTime: `${me.startTime}0` })).toBe(false);
  });

  it('writes files atomically, leaving no temp file behind', () => {
    const s = store();
    const path = join(s.root, 'x.json');
    writeAtomic(path, '{"a":1}');
    writeAtomic(path, '{"a":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(s.root)).toEqual(['x.json']);
  });

  it('lets one holder of the lock in at a time', async () => {
    const s = store();
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const first = s.withLock(async () => {
      events.push('first in');
      await held;
      events.push('first out');
    });
    await new Promise((done) => setTimeout(done, 30));
    const second = s.withLock(() => events.push('second in'));
    await new Promise((done) => setTimeout(done, 60));
    expect(events).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  it('says what is wrong with a store that is a file, and with a run record that is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dagline-store-'));
    writeFileSync(join(dir, 'a-file'), '');
    await expect(new RunStore(join(dir, 'a-file')).withLock(() => 1)).rejects.toThrow(
      /^the state store \S+a-file is not a folder$/,
    );

    const s = store();
    s.register(record('broken-1', currentProcess()), '');
    writeFileSync(join(s.runDir('broken-1'), 'run.json'), '{"id": "broken-1", ');
    expect(() => s.loadRun('broken-1')).toThrow(/^the record of run broken-1 is not readable JSON: /);
    expect(() => s.loadRun('absent-1')).toThrow('no run absent-1 in');
  });

  it('takes over a lock left by a dagline that died holding it (not refreshed for longer than its staleness)', async () => {
    const s = store();
    mkdirSync(join(s.root, 'store.lock'), { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(join(s.root, 'store.lock'), longAgo, longAgo);
    expect(await s.withLock(() => 'in')).toBe('in');
    expect(existsSync(join(s.root, 'store.lock'))).toBe(false);
  });

  it("gives a pipeline's runs newest first, reading each record only when reached", () => {
    const s = store();
    const add = (id: string, pipeline: string, startedAt: string) =>
      s.register(record(id, currentProcess(), { pipeline, status: 'completed', startedAt }), '');
    add('etl-20261124-235959-aaaa', 'etl', '2026-11-24T23:59:59.100Z');
    add('etl-20261125-080000-ffff', 'etl', '2026-11-25T08:00:00.100Z');
    add('etl-20261125-080000-0000', 'etl', '2026-11-25T08:00:00.900Z'); // same second, later: its hex sorts first
    add('etl-daily-20261126-000000-1234', 'etl-daily', '2026-11-26T00:00:00.000Z'); // another pipeline, same prefix
    const newest = s.runsNewestFirst('etl');
    expect(newest.next().value).toMatchObject({ id: 'etl-20261125-080000-0000' });
    // A record that cannot be read is left out, as listRuns leaves it out
    writeFileSync(join(s.runDir('etl-20261124-235959-aaaa'), 'run.json'), '{');
    expect([...s.runsNewestFirst('etl')].map((r) => r.id)).toEqual([
      'etl-20261125-080000-0000',
      'etl-20261125-080000-ffff',
    ]);
    expect(
      s
        .listRuns('etl')
        .map((r) => r.id)
        .reverse(),
    ).toEqual(['etl-20261125-080000-0000', 'etl-20261125-080000-ffff']);
    // Ids dagline did not make: all read, and sorted
    add('etl-x', 'etl', '2026-11-27T00:00:00.000Z');
    expect([...s.runsNewestFirst('etl')].map((r) => r.id)).toEqual([
      'etl-x',
      'etl-20261125-080000-0000',
      'etl-20261125-080000-ffff',
    ]);
  });

  it("keeps an ended run's tasks beside its record, so the history reads a small run.json whatever the run's size (regression: every run start read every big record)", () => {
    const s = store();
    const task = (leg: string, status: TaskState['status']): TaskState => ({
      task: leg,
      leg,
      status,
      attempts: [{ number: 1, startedAt: 'x', exitCode: 0 }],
      outputs: { v: 'x'.repeat(200) },
    });
    const tasks = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`t${i}`, task(`t${i}`, i === 0 ? 'failed' : 'success')]),
    );
    s.register(record('big-1', currentProcess()), '');
    s.writeRecord(
      record('big-1', currentProcess(), {
        status: 'failed',
        endedAt: 'y',
        tasks,
        errors: [{ task: 't0', type: 'process', message: 'exit code 1', fatal: true, at: 'y' }],
      }),
    );
    const onDisk = readFileSync(join(s.runDir('big-1'), 'run.json'), 'utf8');
    expect(onDisk.length).toBeLessThan(2000);
    expect(JSON.parse(onDisk)).toMatchObject({
      status: 'failed',
      counts: { tasks: { success: 1999, failed: 1 }, errors: 1 },
    });
    expect(JSON.parse(onDisk).tasks).toBeUndefined();
    expect(s.listRuns().find((r) => r.id === 'big-1')).toMatchObject({ counts: { errors: 1 } });
    const loaded = s.loadRun('big-1');
    expect(loaded.tasks.size).toBe(2000);
    expect(loaded.tasks.get('t0')).toMatchObject({ status: 'failed' });
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.record.tasks).toBeUndefined();

    // A record written before: its tasks inside run.json still load
    s.register(record('old-1', currentProcess()), '');
    writeFileSync(
      join(s.runDir('old-1'), 'run.json'),
      JSON.stringify(
        record('old-1', currentProcess(), { status: 'completed', tasks: { a: task('a', 'success') }, errors: [] }),
      ),
    );
    expect(s.loadRun('old-1').tasks.get('a')).toMatchObject({ status: 'success' });
  });

  it('lists runs oldest first, by pipeline, and finds one by id, by pipeline name (its latest) or by a prefix of its id', () => {
    const s = store();
    s.register(record('p-2', currentProcess(), { status: 'completed', startedAt: '2026-11-25T09:00:00.000Z' }), '');
    s.register(record('p-1', currentProcess(), { status: 'failed', startedAt: '2026-11-25T08:00:00.000Z' }), '');
    s.register(record('q-1', currentProcess(), { pipeline: 'q', status: 'completed' }), '');
    s.register(
      record('p-x-1', currentProcess(), {
        pipeline: 'p-x',
        status: 'completed',
        startedAt: '2026-11-25T08:30:00.000Z',
      }),
      '',
    );
    s.register(
      record('p-x-2', currentProcess(), {
        pipeline: 'p-x',
        status: 'completed',
        startedAt: '2026-11-25T08:40:00.000Z',
      }),
      '',
    );
    expect(s.listRuns().map((r) => r.id)).toEqual(['p-1', 'q-1', 'p-x-1', 'p-x-2', 'p-2']);
    expect(s.listRuns('p').map((r) => r.id)).toEqual(['p-1', 'p-2']);
    expect(s.findRun('p-1')).toBe('p-1');
    // a pipeline's name: its latest run, not a run of p-x, whose ids start with "p-" too
    expect(s.findRun('p')).toBe('p-2');
    expect(s.findRun('p-x')).toBe('p-x-2');
    expect(s.findRun('q')).toBe('q-1');
    expect(() => s.findRun('p-x-')).toThrow(/^"p-x-" matches 2 runs \(p-x-1, p-x-2\)$/);
    expect(() => s.findRun('z')).toThrow(/no run z/);
  });
});
