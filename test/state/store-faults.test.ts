import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/state/run-record.js';
import type { FileError } from '../../src/errors/dagline-error.js';
import { RunStore, type StoreFs } from '../../src/state/run-store.js';
import { cli } from '../cli/run-cli.js';
import { Repo } from '../run/harness.js';

/** A repository in a temporary folder with one pipeline file. */
function repo(pipeline: string): { dir: string; file: string; store: RunStore } {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-faults-'));
  mkdirSync(join(dir, '.git'));
  const file = join(dir, 'p.yml');
  writeFileSync(file, pipeline);
  return { dir, file, store: new RunStore(join(dir, '.dagline')) };
}

/** A process that has ended and been reaped: its pid is free. */
async function deadProcess(): Promise<RunRecord['process']> {
  const child = spawn('true');
  await new Promise((done) => child.on('exit', done));
  return { pid: child.pid as number, host: hostname() };
}

/** Journal lines that are JSON but not entries dagline writes. */
const WRONG_SHAPES = [
  'null',
  '"a string"',
  '42',
  'true',
  '[1, 2]',
  '{}',
  '{"task": null}',
  '{"task": "first"}',
  '{"task": {"leg": "first"}}',
  '{"task": {"task": "first", "leg": "first", "status": "success"}}',
  '{"task": {"task": "first", "leg": "first", "status": "done", "attempts": [], "outputs": {}}}',
  '{"task": {"task": "first", "leg": "first", "status": "success", "attempts": [null], "outputs": {}}}',
  '{"error": null}',
  '{"error": {"message": 1}}',
  '{"error": ["system"]}',
];

describe('a journal line of the wrong shape', () => {
  it('is skipped as a torn line is, by runs show and --resume; the killed run ends failed, not running for good', async () => {
    const { dir, file, store } = repo(
      "name: shapes\ntasks:\n  first: { run: 'echo first >> done.log' }\n  second: { needs: [first], run: 'test -e ok' }\n",
    );
    const ran = await cli('run', file, '--state-dir', store.root);
    expect(ran.code).toBe(1);
    const [run] = store.listRuns();
    const id = (run as RunRecord).id;
    // As if its dagline had been killed while the second task ran, with lines no dagline writes in its journal.
    const runJson = join(store.runDir(id), 'run.json');
    const record = JSON.parse(readFileSync(runJson, 'utf8')) as RunRecord;
    writeFileSync(
      runJson,
      JSON.stringify({
        ...record,
        status: 'running',
        endedAt: undefined,
        counts: undefined,
        process: await deadProcess(),
      }),
    );
    writeFileSync(join(store.root, 'active', `${id}.json`), '{}');
    const journal = join(store.runDir(id), 'journal.jsonl');
    const whole = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    writeFileSync(journal, `${[...WRONG_SHAPES, ...whole.slice(0, 2), ...WRONG_SHAPES].join('\n')}\n`);
    appendFileSync(journal, '{"task": {"task": "second", "leg": "sec'); // and a torn last line

    const show = await cli('runs', 'show', id, '--state-dir', store.root);
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^status +failed$/m);
    expect(show.stdout).toMatch(/^first +success +1 /m);
    expect(store.loadRun(id).record.status).toBe('failed');

    writeFileSync(join(dir, 'ok'), '');
    const resumed = await cli('run', '--resume', id, '--state-dir', store.root);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(dir, 'done.log'), 'utf8')).toBe('first\n'); // the first task is not run again
    expect(store.loadRun(id).record.status).toBe('completed');
  });
});

/** A system error as node gives it: a code, the call and the path. */
function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const text = { EACCES: 'permission denied', EROFS: 'read-only file system' }[code] ?? code;
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code, syscall, path });
}

/**
 * node:fs with mkdir refused under `under` as the disk would refuse it: what cannot be made on
 * demand here (a test may run as root, whom no permission stops; a read-only mount needs root).
 */
function refusingMkdir(code: string, under: string): StoreFs {
  const refuse = (path: unknown) => {
    if (String(path).startsWith(under)) throw systemError(code, 'mkdir', String(path));
  };
  return {
    ...fs,
    mkdirSync: ((path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      refuse(path);
      return fs.mkdirSync(path, options);
    }) as typeof fs.mkdirSync,
    mkdir: ((path: fs.PathLike, ...rest: unknown[]) => {
      const callback = rest.pop() as (error: Error | null) => void;
      try {
        refuse(path);
      } catch (error) {
        return callback(error as Error);
      }
      (fs.mkdir as (...args: unknown[]) => void)(path, ...rest, callback);
    }) as typeof fs.mkdir,
  };
}

describe('the state store, when the disk refuses it', () => {
  it('gives a hint that fits the cause: no permission, read-only, no such folder, not "another dagline holds the lock" (regression)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'dagline-store-'));
    const hint = (promise: Promise<unknown>) =>
      promise.then(
        () => 'no error',
        (error: FileError) => `${error.message} (${error.hint})`,
      );

    // The store is there, but its lock cannot be made.
    const there = join(parent, 'there');
    mkdirSync(there);
    const locked = await hint(new RunStore(there, refusingMkdir('EACCES', there)).withLock(() => 1));
    expect(locked).toMatch(
      /^cannot lock the state store \S+: EACCES: permission denied, mkdir '\S+store.lock' \(dagline may not write there: check the folder's owner and permissions, or point --state-dir \(or DAGLINE_STATE_DIR\) at a folder dagline can write\)$/,
    );
    expect(await hint(new RunStore(there, refusingMkdir('EROFS', there)).withLock(() => 1))).toMatch(
      /\(the file system is read-only: point --state-dir \(or DAGLINE_STATE_DIR\) at a folder dagline can write\)$/,
    );
    // Not there, and cannot be made.
    const missing = join(parent, 'missing', '.dagline');
    expect(await hint(new RunStore(missing, refusingMkdir('EACCES', missing)).withLock(() => 1))).toMatch(
      /^the state store \S+ cannot be created: EACCES: permission denied, mkdir \S+ \(dagline may not write there: /,
    );
    // A real ENOENT: /proc is a folder that holds no folder of ours.
    expect(await hint(new RunStore('/proc').withLock(() => 1))).toMatch(
      /^cannot lock the state store \/proc: ENOENT: .* \(a folder on its path does not exist or cannot hold folders: point --state-dir/,
    );
    expect(locked).not.toContain('another dagline');
  });
});

describe('the state store follows no link', () => {
  const linkError =
    /^error: the state store \S+ holds a link: (\S+) is a link \(to \S+\), and dagline writes and reads nothing through a link in its store \(replace the link with a folder, or point --state-dir \(or DAGLINE_STATE_DIR\) at the folder it links to\)\n$/;

  it.each(['runs', 'active', 'store.lock'])(
    'refuses a run when %s is a link to elsewhere, writing nothing there (regression: a run wrote into the folder runs linked to)',
    async (entry) => {
      const { dir, file, store } = repo("name: linked\ntasks:\n  a: { run: 'touch ran' }\n");
      const elsewhere = mkdtempSync(join(tmpdir(), 'dagline-elsewhere-'));
      mkdirSync(store.root);
      fs.symlinkSync(elsewhere, join(store.root, entry));
      const result = await cli('run', file, '--state-dir', store.root);
      expect(result.code).toBe(2);
      expect(linkError.exec(result.stderr)?.[1]).toBe(entry);
      expect(fs.readdirSync(elsewhere)).toEqual([]);
      expect(fs.existsSync(join(dir, 'ran'))).toBe(false);
      // Reading the history does not go through it either.
      expect((await cli('runs', '--state-dir', store.root)).stderr).toMatch(linkError);
    },
  );

  it.each(['logs', 'journal.jsonl', 'logs/a.log'])(
    'refuses to resume a run whose %s is a link to elsewhere, writing nothing there',
    async (entry) => {
      const { dir, file, store } = repo("name: linked\ntasks:\n  a: { run: 'echo a; test -e ok' }\n");
      expect((await cli('run', file, '--state-dir', store.root)).code).toBe(1);
      const [run] = store.listRuns();
      const id = (run as RunRecord).id;
      const elsewhere = mkdtempSync(join(tmpdir(), 'dagline-elsewhere-'));
      const outside = entry.includes('.') ? join(elsewhere, 'file') : elsewhere;
      if (outside !== elsewhere) writeFileSync(outside, 'untouched\n');
      const path = join(store.runDir(id), entry);
      fs.rmSync(path, { recursive: true });
      fs.symlinkSync(outside, path);
      writeFileSync(join(dir, 'ok'), '');
      const result = await cli('run', '--resume', id, '--state-dir', store.root);
      expect(result.code).toBe(2);
      expect(linkError.exec(result.stderr)?.[1]).toBe(join('runs', id, entry));
      expect(store.loadRun(id).record).toMatchObject({ status: 'failed', resumes: 0 }); // as it was
      if (outside === elsewhere) expect(fs.readdirSync(elsewhere)).toEqual([]);
      else expect(readFileSync(outside, 'utf8')).toBe('untouched\n');
    },
  );
});

const BLOCK = 4096;

/**
 * node:fs over a disk that is full once `full()` says so: a write under `root` that needs new space
 * then fails with ENOSPC, as a full disk fails it. A new file (an atomic write's temp file) or a
 * folder gets none; an append takes the last bytes there are (half of it is written) and the next
 * is refused; a file rewritten in place keeps its blocks, and one that no longer fits is left empty.
 * statfs says no block is free. (A real full disk needs a mount, which needs root.)
 */
function fillingDisk(root: string, full: () => boolean): StoreFs {
  const paths = new Map<number, string>();
  const cutShort = new Set<number>();
  const refused = (path: string) => full() && path.startsWith(root);
  const noSpace = (syscall: string, path: string) =>
    Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { code: 'ENOSPC', syscall, path });
  const allocated = (size: number) => Math.ceil(size / BLOCK) * BLOCK;
  return {
    ...fs,
    openSync: ((path: fs.PathLike, ...rest: unknown[]) => {
      const fd = (fs.openSync as (...args: unknown[]) => number)(path, ...rest);
      paths.set(fd, String(path));
      return fd;
    }) as typeof fs.openSync,
    closeSync: (fd: number) => {
      paths.delete(fd);
      fs.closeSync(fd);
    },
    writeSync: ((fd: number, data: string | Uint8Array, offset?: number, length?: number) => {
      const bytes =
        typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const from = typeof data === 'string' ? 0 : (offset ?? 0);
      const wanted = length ?? bytes.length - from;
      const path = paths.get(fd) ?? '';
      if (!refused(path)) return fs.writeSync(fd, bytes, from, wanted);
      // The last bytes the disk had: half of this write, then nothing.
      if (cutShort.has(fd) || wanted < 2) throw noSpace('write', path);
      cutShort.add(fd);
      return fs.writeSync(fd, bytes, from, Math.floor(wanted / 2));
    }) as typeof fs.writeSync,
    writeFileSync: ((path: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: unknown) => {
      const where = String(path);
      if (refused(where)) {
        const length = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
        const had = fs.statSync(where, { throwIfNoEntry: false })?.size;
        if (had === undefined || length > allocated(had)) {
          fs.writeFileSync(where, ''); // opened, truncated, then refused
          throw noSpace('write', where);
        }
      }
      fs.writeFileSync(path, data, options as fs.WriteFileOptions);
    }) as typeof fs.writeFileSync,
    mkdirSync: ((path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      if (refused(String(path))) throw noSpace('mkdir', String(path));
      return fs.mkdirSync(path, options);
    }) as typeof fs.mkdirSync,
    statfsSync: ((path: fs.PathLike) => {
      const found = fs.statfsSync(path);
      return full() ? { ...found, bavail: 0, bfree: 0 } : found;
    }) as typeof fs.statfsSync,
  };
}

describe('a disk that fills up during a run', () => {
  it('records the failure as a system error, not the task’s, stops the run, and ends its record failed, not running (regression: the record stayed running)', async () => {
    const full = { path: '' };
    const repo = new Repo(fillingDisk(realpathSync(tmpdir()), () => full.path !== '' && fs.existsSync(full.path)));
    full.path = join(repo.dir, 'full');
    const p = repo.pipeline(
      'fill.yml',
      `name: filling
tasks:
  fill: { run: 'echo filling; touch full; exit 1' }
  later: { needs: [fill], if: always(), run: 'echo later >> "$EVENTS"' }
`,
    );
    const outcome = await repo.run(p);
    expect(outcome.status).toBe('failed');
    const id = outcome.record!.id;
    const fill = outcome.errors.find((e) => e.task === 'fill');
    expect(fill).toMatchObject({
      type: 'system',
      message: 'exit code 1: the disk that holds its log is full (no space left on device)',
    });
    const runLevel = outcome.errors.filter((e) => e.task === undefined).map((e) => `${e.type}: ${e.message}`);
    expect(runLevel).toEqual([
      "system: the run's journal could not be written (ENOSPC: no space left on device, write): the run stops; its end is recorded from memory",
      "system: the run's record could not be written whole (ENOSPC: no space left on device, write): written in place",
    ]);

    // On disk: ended failed, its tasks and errors kept, not among the runs in progress.
    const loaded = repo.store.loadRun(id);
    expect(loaded.record.status).toBe('failed');
    expect(loaded.tasks.get('fill')).toMatchObject({ status: 'failed' });
    expect(loaded.errors.map((e) => e.type)).toContain('system');
    expect(repo.store.activeRuns()).toEqual([]);
    expect(repo.store.listRuns().map((r) => r.status)).toEqual(['failed']);
  });
});
