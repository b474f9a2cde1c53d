import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import lockfile from 'proper-lockfile';
import { FileError, systemErrorHint } from '../errors/dagline-error.js';
import { APPEND_NO_LINK } from '../fs/append-no-link.js';
import { makeDirs } from '../fs/make-dirs.js';
import { writeAtomic } from '../fs/write-atomic.js';
import { endLeftBehindGroups } from '../process/left-behind.js';
import { isAlive } from './process-identity.js';
import { journalEntryOf, type ErrorEntry, type ExtractEntry, type RunRecord, type TaskState } from './run-record.js';

/**
 * The run records on disk, in `.dagline/` (or --state-dir, DAGLINE_STATE_DIR):
 *
 *   runs/<id>/run.json       the RunRecord: written whole, atomically (temp file + rename)
 *   runs/<id>/tasks.json     when the run has ended: its task states and errors
 *   runs/<id>/pipeline.yml   the pipeline text as it ran
 *   runs/<id>/journal.jsonl  task states and errors, one JSON line per change, appended
 *   runs/<id>/logs/<leg>.log each task's output, every attempt
 *   runs/<id>/outputs/...    the $DAGLINE_OUTPUT file of each attempt
 *   active/<id>.json         runs in progress: what concurrency groups look at
 *   pipelines/<name>.json    per pipeline: when it was last released from on hold
 *   extracts/<hash>.json     the extracts registry, one file per extract
 *   store.lock               held while a run is registered, the registry changes or runs are pruned
 *
 * The journal is what makes a killed run lose no finished task: a task's end
 * is on disk before anything that needs it starts (the run flushes the journal
 * before each start). A line cut short by a crash is ignored when read.
 */
export class RunStore {
  readonly root: string;

  /**
   * `fs`: the file system the store reads and writes through, node's own but in tests of the
   * faults a disk can have (no permission, read-only, full), which cannot be made on demand.
   */
  constructor(
    root: string,
    private readonly fs: StoreFs = nodeFs,
  ) {
    this.root = resolve(root);
  }

  /** Runs `fn` holding the store lock, so two dagline processes never interleave a check and a write. */
  async withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
      makeDirs(this.root, undefined, this.fs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR')
        throw new FileError(
          `the state store ${this.root} is not a folder`,
          {},
          'point --state-dir (or DAGLINE_STATE_DIR) at a folder',
        );
      throw new FileError(
        `the state store ${this.root} cannot be created: ${(error as Error).message}`,
        {},
        storeHint(code),
      );
    }
    for (const entry of STORE_ENTRIES) this.refuseLinks(join(this.root, entry));
    const options = {
      lockfilePath: join(this.root, 'store.lock'),
      stale: 10_000,
      ...(this.fs !== nodeFs && { fs: this.fs }),
    };
    let release: () => unknown;
    try {
      // At once when nobody holds it (the usual case, and ~4 ms sooner than the asynchronous
      // path's first try, which is on every run's way to its first task); else wait for it.
      release =
        lockFree(this.root, options) ??
        (await lockfile.lock(this.root, { ...options, retries: { retries: 200, minTimeout: 10, maxTimeout: 100 } }));
    } catch (error) {
      // Held by another dagline only when the lock says so (ELOCKED); a refused mkdir is the disk's.
      const code = (error as NodeJS.ErrnoException).code;
      throw new FileError(
        `cannot lock the state store ${this.root}: ${(error as Error).message}`,
        {},
        code === 'ELOCKED' ? 'another dagline holds it; if none runs, remove store.lock' : storeHint(code),
      );
    }
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  newRunId(pipeline: string, at: Date): string {
    const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return `${pipeline}-${stamp}-${randomBytes(2).toString('hex')}`;
  }

  runDir(id: string): string {
    return join(this.root, 'runs', id);
  }

  /**
   * Refuses a path of the store that passes through a link (a folder or file of the store replaced
   * by a link to elsewhere, `runs` -> `/etc`): the store writes nothing outside itself. The root
   * itself may be a link: that is where the user put the store.
   */
  private refuseLinks(path: string): void {
    let at = this.root;
    for (const part of relative(this.root, path).split(sep)) {
      at = join(at, part);
      const found = this.fs.lstatSync(at, { throwIfNoEntry: false });
      if (!found) return;
      if (found.isSymbolicLink()) {
        let target = '';
        try {
          target = ` (to ${this.fs.readlinkSync(at)})`;
        } catch {
          // gone meanwhile: it was a link all the same
        }
        throw new FileError(
          `the state store ${this.root} holds a link: ${relative(this.root, at)} is a link${target}, and dagline writes and reads nothing through a link in its store`,
          {},
          'replace the link with a folder, or point --state-dir (or DAGLINE_STATE_DIR) at the folder it links to',
        );
      }
    }
  }

  /** Creates the run's folder with its record, the pipeline text, and an entry among the active runs. */
  register(record: RunRecord, pipelineText: string): void {
    const dir = this.runDir(record.id);
    this.refuseLinks(dir);
    try {
      makeDirs(join(dir, 'logs'), undefined, this.fs);
      makeDirs(join(dir, 'outputs'), undefined, this.fs);
      this.fs.writeFileSync(join(dir, 'pipeline.yml'), pipelineText);
      this.writeRecord(record);
    } catch (error) {
      // Not registered after all (a full disk, say): no half-made run is left to look running.
      this.fs.rmSync(dir, { recursive: true, force: true });
      this.fs.rmSync(join(this.root, 'active', `${record.id}.json`), { force: true });
      throw error;
    }
  }

  /**
   * Rewrites the record atomically, and keeps the active index in step with the status. The
   * tasks and errors of an ended run go to tasks.json beside run.json, written first: run.json
   * stays a few hundred bytes however large the run, and the history (`runs`, the on-hold count,
   * `requires`), which reads every run.json of a pipeline, costs the same for 3 tasks or 3,000.
   */
  writeRecord(record: RunRecord): void {
    this.refuseLinks(this.runDir(record.id));
    this.refuseLinks(join(this.root, 'active'));
    const { tasks, errors, ...head } = record;
    if (tasks !== undefined || errors !== undefined) {
      writeAtomic(
        join(this.runDir(record.id), 'tasks.json'),
        `${JSON.stringify({ tasks: tasks ?? {}, errors: errors ?? [] }, null, 2)}\n`,
        undefined,
        this.fs,
      );
      head.counts = countsOf(tasks, errors);
    }
    writeAtomic(join(this.runDir(record.id), 'run.json'), `${JSON.stringify(head, null, 2)}\n`, undefined, this.fs);
    const active = join(this.root, 'active', `${record.id}.json`);
    if (record.status === 'running') {
      makeDirs(join(this.root, 'active'), undefined, this.fs);
      writeAtomic(
        active,
        JSON.stringify({
          id: record.id,
          pipeline: record.pipeline,
          group: record.concurrencyGroup,
          process: record.process,
        }),
        undefined,
        this.fs,
      );
    } else this.fs.rmSync(active, { force: true });
  }

  /**
   * Writes an ended run's record when the disk refuses a whole one (full: the temp file of an atomic
   * write finds no space): run.json rewritten in place, which reuses its own blocks, with the tasks
   * and errors inside it, or, failing that too, with its errors alone (its tasks are then the
   * journal's). Throws when even that is refused: the record says running until the next dagline
   * finds its process gone and records it failed.
   */
  writeEndedRecordInPlace(record: RunRecord): void {
    const path = join(this.runDir(record.id), 'run.json');
    this.fs.rmSync(join(this.runDir(record.id), 'tasks.json'), { force: true });
    this.fs.rmSync(join(this.root, 'active', `${record.id}.json`), { force: true });
    const whole = { ...record, counts: countsOf(record.tasks, record.errors) };
    try {
      this.fs.writeFileSync(path, `${JSON.stringify(whole)}\n`);
    } catch {
      const { tasks: _inJournal, ...head } = whole;
      this.fs.writeFileSync(path, `${JSON.stringify(head)}\n`);
    }
  }

  /** Whether the disk that holds the store has no space left for what dagline and its tasks write. */
  isFull(): boolean {
    try {
      const found = this.fs.statfsSync(this.root);
      // root writes into the blocks a file system keeps back for it; anyone else stops before them
      return (process.getuid?.() === 0 ? found.bfree : found.bavail) === 0;
    } catch {
      return false;
    }
  }

  /** The journal of a run about to run, once its folder is checked for links. */
  openJournal(id: string, failed?: (error: Error) => void): RunJournal {
    this.refuseLinksInRun(id);
    return new RunJournal(join(this.runDir(id), 'journal.jsonl'), this.fs, failed);
  }

  /**
   * Refuses a run's folder that holds a link where the run writes (its journal, logs, outputs,
   * scripts): a resumed run's folder is checked before anything of it is written again.
   */
  refuseLinksInRun(id: string): void {
    const dir = this.runDir(id);
    this.refuseLinks(dir);
    for (const entry of RUN_ENTRIES) this.refuseLinks(join(dir, entry));
    for (const folder of ['logs', 'outputs']) {
      let names: string[] = [];
      try {
        names = this.fs.readdirSync(join(dir, folder));
      } catch {
        // not made yet
      }
      for (const name of names) this.refuseLinks(join(dir, folder, name));
    }
  }

  /** The run with its task states and errors: from run.json when it ended, from the journal while it runs. */
  loadRun(id: string): LoadedRun {
    const dir = this.runDir(id);
    this.refuseLinks(dir);
    let text: string;
    try {
      text = readFileSync(join(dir, 'run.json'), 'utf8');
    } catch {
      throw new FileError(`no run ${id} in ${this.root}`, {}, 'dagline runs lists the runs');
    }
    let record: RunRecord;
    try {
      record = JSON.parse(text) as RunRecord;
    } catch (error) {
      // Written atomically by dagline, so only something else can have broken it: say so, not "no run".
      throw new FileError(
        `the record of run ${id} is not readable JSON: ${(error as Error).message}`,
        { file: join(dir, 'run.json') },
        'restore it, or remove the run folder',
      );
    }
    // Ended: its tasks.json (or, written before there was one, the tasks in run.json). Running, or
    // killed before it could say so: the journal, replayed.
    let ended: { tasks: Record<string, TaskState>; errors: ErrorEntry[] } | undefined;
    if (record.status !== 'running') {
      if (record.tasks) ended = { tasks: record.tasks, errors: record.errors ?? [] };
      else ended = readJsonIfThere(join(dir, 'tasks.json'));
    }
    const errors = record.errors;
    delete record.tasks;
    delete record.errors;
    if (ended) return { record, tasks: new Map(Object.entries(ended.tasks)), errors: ended.errors };
    const replayed = readJournal(join(dir, 'journal.jsonl'));
    // An ended record written with its errors alone (the disk was full): its tasks are the journal's.
    if (record.status !== 'running' && errors !== undefined) return { record, tasks: replayed.tasks, errors };
    return { record, tasks: replayed.tasks, errors: replayed.errors };
  }

  pipelineText(id: string): string {
    return readFileSync(join(this.runDir(id), 'pipeline.yml'), 'utf8');
  }

  /**
   * The pipeline text a run ran, checked against the hash its record keeps: a resumed run runs the
   * pipeline it was, and a snapshot changed since (by hand, by another tool) is refused, not run.
   */
  pipelineSnapshot(record: RunRecord): string {
    const path = join(this.runDir(record.id), 'pipeline.yml');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new FileError(
        `run ${record.id} has no readable pipeline snapshot: ${(error as Error).message}`,
        { file: path },
        'start a new run of the pipeline file',
      );
    }
    const sha256 = createHash('sha256').update(text).digest('hex');
    if (sha256 !== record.sha256)
      throw new FileError(
        `the pipeline snapshot of run ${record.id} was changed after the run started (its sha256 is ${sha256.slice(0, 12)}, the record says ${record.sha256.slice(0, 12)}): it is not run`,
        { file: path },
        'a resumed run runs the pipeline as it was; start a new run of the pipeline file',
      );
    return text;
  }

  /** Every run's record, oldest first; `pipeline` narrows to one pipeline's runs. */
  listRuns(pipeline?: string): RunRecord[] {
    const dir = join(this.root, 'runs');
    if (!existsSync(dir)) return [];
    const records: RunRecord[] = [];
    for (const id of readdirSync(dir)) {
      if (pipeline !== undefined && !id.startsWith(`${pipeline}-`)) continue;
      try {
        const record = JSON.parse(readFileSync(join(dir, id, 'run.json'), 'utf8')) as RunRecord;
        if (pipeline === undefined || record.pipeline === pipeline) records.push(record);
      } catch {
        // a run folder being created right now, or not a run: skip it
      }
    }
    return records.sort((a, b) =>
      a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1,
    );
  }

  /**
   * The runs of one pipeline, newest first, each record read only when reached: what needs the
   * latest few (the on-hold count, the run to resume, a `requires` met lately) stops early,
   * however long the history.
   */
  *runsNewestFirst(pipeline: string): Generator<RunRecord> {
    const dir = join(this.root, 'runs');
    if (!existsSync(dir)) return;
    const ids = readdirSync(dir).filter((id) => id.startsWith(`${pipeline}-`));
    // newRunId ends each id in -YYYYMMDD-HHMMSS-xxxx: by that stamp to the second, then by startedAt.
    const bySecond = new Map<string, string[]>();
    for (const id of ids) {
      const stamp = RUN_ID_STAMP.exec(id)?.[1];
      if (stamp === undefined) {
        yield* this.listRuns(pipeline).reverse(); // not all dagline's ids: read them all, and sort
        return;
      }
      const group = bySecond.get(stamp);
      if (group) group.push(id);
      else bySecond.set(stamp, [id]);
    }
    for (const stamp of [...bySecond.keys()].sort().reverse()) {
      const records: RunRecord[] = [];
      for (const id of bySecond.get(stamp) as string[]) {
        const record = readJsonIfThere<RunRecord>(join(dir, id, 'run.json'));
        if (record?.pipeline === pipeline) records.push(record);
      }
      yield* records.sort((a, b) =>
        a.startedAt > b.startedAt ? -1 : a.startedAt < b.startedAt ? 1 : a.id > b.id ? -1 : 1,
      );
    }
  }

  /** Whether a run of exactly this id is in the store. */
  hasRun(id: string): boolean {
    return existsSync(join(this.root, 'runs', id, 'run.json'));
  }

  /** A run by id, the latest run of a pipeline by the pipeline's name, or a run by a prefix of its id. */
  findRun(idOrPrefix: string): string {
    const dir = join(this.root, 'runs');
    const ids = existsSync(dir) ? readdirSync(dir) : [];
    if (ids.includes(idOrPrefix)) return idOrPrefix;
    // Run ids begin with the pipeline's name: `runs show nightly` means its latest run.
    const latest = this.runsNewestFirst(idOrPrefix).next();
    if (!latest.done) return latest.value.id;
    const matches = ids.filter((id) => id.startsWith(idOrPrefix)).sort();
    if (matches.length === 1) return matches[0] as string;
    if (matches.length > 1) {
      const shown = matches.slice(-3).join(', ');
      throw new FileError(
        `"${idOrPrefix}" matches ${matches.length} runs (${matches.length > 3 ? '..., ' : ''}${shown})`,
        {},
        'give more of the run id, or a pipeline name for its latest run',
      );
    }
    throw new FileError(`no run ${idOrPrefix} in ${this.root}`, {}, 'dagline runs lists the runs');
  }

  /**
   * The disk space a run's folder takes (records, journal, logs, outputs, scripts, and the folders
   * themselves), as `du` counts it, following no link: what removing it frees.
   */
  runSize(id: string): number {
    const sizeOf = (path: string): number => {
      const found = this.fs.lstatSync(path, { throwIfNoEntry: false });
      if (!found) return 0;
      // Blocks of 512 bytes where the system says (a small file takes a whole block); else its length.
      const own = found.blocks > 0 ? found.blocks * 512 : found.size;
      if (!found.isDirectory()) return own;
      return this.fs.readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), own);
    };
    return sizeOf(this.runFolder(id));
  }

  /** Removes a run's folder whole (`dagline runs prune`), and its entry among the active runs. */
  removeRun(id: string): void {
    this.fs.rmSync(this.runFolder(id), { recursive: true, force: true });
    this.fs.rmSync(join(this.root, 'active', `${id}.json`), { force: true });
  }

  /**
   * A run's folder, only as a folder of runs/ by its own name and not a link: an id read from a
   * record (which anything may have edited) never points a removal elsewhere.
   */
  private runFolder(id: string): string {
    const runs = join(this.root, 'runs');
    const names = existsSync(runs) ? this.fs.readdirSync(runs) : [];
    if (id === '.' || id === '..' || id.includes('/') || id.includes(sep) || !names.includes(id))
      throw new FileError(`no run folder ${JSON.stringify(id)} in ${runs}`, {}, 'a run record names a folder of runs/');
    this.refuseLinks(this.runDir(id));
    return this.runDir(id);
  }

  /**
   * The runs marked running. One whose process is gone was killed: it is
   * marked failed here, with a system error, as ProcessTracker would have it.
   */
  activeRuns(): RunRecord[] {
    const dir = join(this.root, 'active');
    if (!existsSync(dir)) return [];
    const active: RunRecord[] = [];
    for (const entry of readdirSync(dir)) {
      const id = entry.replace(/\.json$/, '');
      let loaded: LoadedRun;
      try {
        loaded = this.loadRun(id);
      } catch {
        rmSync(join(dir, entry), { force: true });
        continue;
      }
      if (loaded.record.status !== 'running') {
        rmSync(join(dir, entry), { force: true });
        continue;
      }
      if (isAlive(loaded.record.process)) active.push(loaded.record);
      else this.markKilled(loaded);
    }
    return active;
  }

  /**
   * Records a run whose process died as failed, keeping every task the journal saw finish, and
   * ends the process groups its running attempts left behind (those still provably its own).
   */
  markKilled(loaded: LoadedRun): RunRecord {
    const at = new Date().toISOString();
    const { record } = loaded;
    const groups = [...loaded.tasks.values()].flatMap((state) =>
      state.attempts.flatMap((attempt) => (attempt.group ? [attempt.group] : [])),
    );
    const ended = endLeftBehindGroups(record.id, groups).length;
    const tasks: Record<string, TaskState> = {};
    for (const [leg, state] of loaded.tasks) {
      tasks[leg] =
        state.status === 'running' || state.status === 'pending'
          ? {
              ...state,
              status: 'failed',
              reason: 'dagline was killed while it ran',
              attempts: state.attempts.map(({ group: _ended, ...attempt }) => attempt),
            }
          : state;
    }
    const leftBehind =
      ended === 0
        ? ''
        : `; the ${ended === 1 ? 'task it left running was' : `${ended} tasks it left running were`} ended`;
    const error: ErrorEntry = {
      type: 'system',
      message: `the dagline process (pid ${record.process.pid}) ended without finishing the run${leftBehind}`,
      fatal: true,
      at,
    };
    const updated: RunRecord = { ...record, status: 'failed', endedAt: at, tasks, errors: [...loaded.errors, error] };
    this.writeRecord(updated);
    return updated;
  }

  releasedAt(pipeline: string): string | undefined {
    try {
      return (
        JSON.parse(readFileSync(join(this.root, 'pipelines', `${pipeline}.json`), 'utf8')) as { releasedAt?: string }
      ).releasedAt;
    } catch {
      return undefined;
    }
  }

  release(pipeline: string, at: Date): void {
    makeDirs(join(this.root, 'pipelines'));
    writeAtomic(
      join(this.root, 'pipelines', `${pipeline}.json`),
      `${JSON.stringify({ releasedAt: at.toISOString() }, null, 2)}\n`,
    );
  }

  /**
   * The extracts registry: one small file per extract under extracts/, named by its path, so a
   * change reads and writes the extracts it is about, not the whole registry (which grows with
   * every file ever produced).
   */
  readExtracts(): ExtractEntry[] {
    const entries: ExtractEntry[] = [];
    const dir = join(this.root, 'extracts');
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        if (!name.endsWith('.json')) continue;
        const entry = readJsonIfThere<ExtractEntry>(join(dir, name));
        if (entry) entries.push(entry);
      }
    }
    const where = (e: ExtractEntry) => `${e.location}/${e.filename}`;
    return entries.sort((a, b) => (where(a) < where(b) ? -1 : where(a) > where(b) ? 1 : 0));
  }

  /** The registered extracts at these paths (folder and file name), under the store lock. */
  readExtractsAt(paths: readonly { location: string; filename: string }[]): ExtractEntry[] {
    const entries: ExtractEntry[] = [];
    for (const { location, filename } of paths) {
      const entry = readJsonIfThere<ExtractEntry>(this.extractFile(location, filename));
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Writes these extracts' entries, each in its own file, under the store lock. */
  writeExtracts(entries: readonly ExtractEntry[]): void {
    makeDirs(join(this.root, 'extracts'));
    for (const entry of entries)
      writeAtomic(this.extractFile(entry.location, entry.filename), `${JSON.stringify(entry, null, 2)}\n`);
  }

  private extractFile(location: string, filename: string): string {
    return join(this.root, 'extracts', `${extractKey(location, filename)}.json`);
  }
}

/** An ended run's counts, as the history lists them: tasks by status, and how many errors. */
function countsOf(tasks: RunRecord['tasks'], errors: RunRecord['errors']): NonNullable<RunRecord['counts']> {
  const byStatus: Partial<Record<TaskState['status'], number>> = {};
  for (const state of Object.values(tasks ?? {})) byStatus[state.status] = (byStatus[state.status] ?? 0) + 1;
  return { tasks: byStatus, errors: errors?.length ?? 0 };
}

/** What the store keeps at its root, and in a run's folder: none of them may be a link. */
const STORE_ENTRIES = ['runs', 'active', 'pipelines', 'extracts', 'store.lock'];
const RUN_ENTRIES = ['run.json', 'tasks.json', 'pipeline.yml', 'journal.jsonl', 'logs', 'outputs', 'scripts'];

/** The file system calls the store makes: node:fs, or a test's with faults in it. */
export type StoreFs = typeof nodeFs;

/** What to do about a store dagline cannot write, by the system's reason. */
function storeHint(code: string | undefined): string {
  const elsewhere = 'or point --state-dir (or DAGLINE_STATE_DIR) at a folder dagline can write';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `dagline may not write there: check the folder's owner and permissions, ${elsewhere}`;
    case 'EROFS':
      return `the file system is read-only: ${elsewhere.slice(3)}`;
    case 'ENOENT':
      return `a folder on its path does not exist or cannot hold folders: ${elsewhere.slice(3)}`;
    default:
      return systemErrorHint(code);
  }
}

/** An extract's file name in the registry: a hash of its folder and name, which may hold anything. */
function extractKey(location: string, filename: string): string {
  return createHash('sha256').update(`${location}\0${filename}`).digest('hex').slice(0, 32);
}

const RUN_ID_STAMP = /-(\d{8}-\d{6})-[0-9a-f]{4}$/;

function readJsonIfThere<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export interface LoadedRun {
  record: RunRecord;
  tasks: Map<string, TaskState>;
  errors: ErrorEntry[];
}

/** A journal line: a task's state after a change, or an error. */
export type JournalEntry = { task: TaskState } | { error: ErrorEntry };

/**
 * The append-only journal of one run. Entries are buffered and written
 * together by `flush`, which the run calls before it starts anything: what
 * has finished is on disk before anything that needs it begins. A turn of
 * the event loop never ends with entries unwritten.
 */
export class RunJournal {
  private fd: number | undefined;
  private buffered = '';
  private scheduled = false;
  /** The write the disk refused: nothing more is written (the run's end record holds it all). */
  private refused: Error | undefined;

  /** `failed`: told once when the disk refuses a write (full, read-only), which flush never throws. */
  constructor(
    readonly path: string,
    private readonly fs: Pick<StoreFs, 'openSync' | 'writeSync' | 'closeSync'> = nodeFs,
    private readonly failed?: (error: Error) => void,
  ) {}

  append(entry: JournalEntry): void {
    this.buffered += `${JSON.stringify(entry)}\n`;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (!this.buffered || this.refused) return;
    const bytes = Buffer.from(this.buffered);
    this.buffered = '';
    try {
      // No link is followed (ELOOP): the store's folder was checked, and this is its last part.
      this.fd ??= this.fs.openSync(this.path, APPEND_NO_LINK);
      // A disk filling up takes part of a write, then refuses the rest: written on until it refuses.
      for (let at = 0; at < bytes.length;) at += this.fs.writeSync(this.fd, bytes, at);
    } catch (error) {
      this.refused = error as Error;
      this.failed?.(this.refused);
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) this.fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

function readJournal(path: string): { tasks: Map<string, TaskState>; errors: ErrorEntry[] } {
  const tasks = new Map<string, TaskState>();
  const errors: ErrorEntry[] = [];
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { tasks, errors };
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    // A torn last line (its writer was killed mid-write), or a line of the wrong shape: skipped.
    const entry = journalEntryOf(line);
    if (entry === undefined) continue;
    if ('task' in entry) tasks.set(entry.task.leg, entry.task);
    else errors.push(entry.error);
  }
  return { tasks, errors };
}

/** Takes the lock if nobody holds it: its release, or undefined when it is held. */
function lockFree(root: string, options: lockfile.LockOptions): (() => void) | undefined {
  try {
    return lockfile.lockSync(root, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw error;
  }
}
