import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { FileError, UsageError } from '../../errors/dagline-error.js';
import { didYouMean, someNames } from '../../errors/did-you-mean.js';
import { loadPipeline } from '../../pipeline-format/load-pipeline.js';
import { printable } from '../../render/printable.js';
import { isAlive } from '../../state/process-identity.js';
import { FINISHED_TASK, journalEntryOf, type RunRecord, type TaskState } from '../../state/run-record.js';
import type { RunStore } from '../../state/run-store.js';
import { untrustedOut, type CliIo } from '../io.js';
import { PrefixedLines } from '../run-output/prefixed-lines.js';

export interface LogsFlags {
  attempt?: string;
  follow?: boolean;
}

/**
 * `dagline logs RUN [TASK]`: a task's log as the store keeps it, without knowing where. One task or
 * leg: its log, as the task wrote it (the last attempt, or `--attempt N`). A matrix task, or the
 * whole run: every leg's log, each line as `[leg] line`, as `dagline run` prints them in CI.
 * `--follow` goes on while the run runs: one leg until it ends (through its retries), several until
 * the run ends.
 */
export async function showLogs(
  store: RunStore,
  runArg: string,
  taskArg: string | undefined,
  flags: LogsFlags,
  io: CliIo,
): Promise<number> {
  const attempt = flags.attempt === undefined ? undefined : attemptNumber(flags.attempt);
  // A run whose dagline was killed reads as failed, not running. (No store: nothing created.)
  if (existsSync(store.root)) await store.withLock(() => store.activeRuns());
  const view = new RunView(store, store.findRun(runArg));
  const selector = selectorFor(view, taskArg);
  if (attempt !== undefined && !selector.single && flags.follow)
    throw new UsageError('--attempt with --follow needs one task or leg', {}, 'name a leg: load:day, or "load (day)"');
  const printer = new Printer(io, selector.single);
  try {
    if (flags.follow && view.running) return await follow(view, selector, attempt, printer, io);
    const legs = legsToShow(view, selector, attempt);
    for (const leg of legs) await printer.copy(leg);
    return 0;
  } finally {
    await printer.end();
  }
}

function attemptNumber(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw new UsageError(`--attempt ${printable(text)} is not an attempt number`, {}, 'attempts count from 1');
  return n;
}

// ---- the run as it stands ------------------------------------------------------------------

/** A run's record and its legs' states, read again as it goes on (the journal, while it runs). */
class RunView {
  record: RunRecord;
  readonly states: Map<string, TaskState>;
  readonly dir: string;
  private journalOffset: number;
  private journalRest = '';
  private taskIds: Map<string, { matrix: boolean }> | undefined;

  constructor(
    private readonly store: RunStore,
    readonly id: string,
  ) {
    this.dir = store.runDir(id);
    // Read from here on when it changes: entries read twice are applied twice, which changes nothing.
    this.journalOffset = sizeOf(join(this.dir, 'journal.jsonl'));
    const loaded = store.loadRun(id);
    this.record = loaded.record;
    this.states = loaded.tasks;
  }

  get running(): boolean {
    return this.record.status === 'running';
  }

  /** The run's tasks: those of the pipeline as it ran (the run may not have reached them all), and of its states. */
  tasks(): Map<string, { matrix: boolean }> {
    if (this.taskIds) return this.taskIds;
    const tasks = new Map<string, { matrix: boolean }>();
    let text: string | undefined;
    try {
      text = this.store.pipelineText(this.id);
    } catch {
      // a run folder without its pipeline: its states say what it had
    }
    const loaded = text === undefined ? undefined : loadPipeline(text, this.record.file);
    if (loaded?.ok)
      for (const [id, spec] of loaded.pipeline.tasks) tasks.set(id, { matrix: spec.matrix !== undefined });
    for (const state of this.states.values()) {
      const known = tasks.get(state.task);
      tasks.set(state.task, { matrix: (known?.matrix ?? false) || state.matrix !== undefined });
    }
    return (this.taskIds = tasks);
  }

  /** Reads what changed: the record, and the journal's new lines (or the final states, once it ended). */
  refresh(): void {
    const wasRunning = this.running;
    try {
      this.record = JSON.parse(readFileSync(join(this.dir, 'run.json'), 'utf8')) as RunRecord;
    } catch {
      return; // being replaced (written atomically): read it next time
    }
    if (!this.running) {
      if (wasRunning) for (const [leg, state] of this.store.loadRun(this.id).tasks) this.states.set(leg, state);
      return;
    }
    const path = join(this.dir, 'journal.jsonl');
    const size = sizeOf(path);
    if (size <= this.journalOffset) return;
    const text = this.journalRest + readRange(path, this.journalOffset, size).toString('utf8');
    this.journalOffset = size;
    const lines = text.split('\n');
    this.journalRest = lines.pop() ?? ''; // a line still being written
    for (const line of lines) {
      const entry = journalEntryOf(line); // none for a line cut short by a killed dagline, or of the wrong shape
      if (entry && 'task' in entry) this.states.set(entry.task.leg, entry.task);
    }
  }

  /** The run's dagline is gone without ending the run (killed): nothing more will come. */
  abandoned(): boolean {
    return this.running && !isAlive(this.record.process);
  }
}

// ---- which legs -----------------------------------------------------------------------------

interface Selector {
  /** As the user gave it, for messages. */
  text: string;
  /** One leg (its log printed as it is), or several (each line under the leg's name). */
  single: boolean;
  matches(state: TaskState): boolean;
}

/**
 * A leg by its name (`load (day)`), by its values (`load:day`, `build:linux,20`) or by its log's
 * name (`load.0-day`, as the summary's log paths show it); a task by its id (all its legs); no
 * TASK: every leg of the run.
 */
function selectorFor(view: RunView, text: string | undefined): Selector {
  if (text === undefined) return { text: `run ${view.id}`, single: false, matches: () => true };
  const states = [...view.states.values()];
  const leg = (name: string): Selector => ({ text: name, single: true, matches: (s) => s.leg === name });
  if (states.some((s) => s.leg === text && s.matrix !== undefined)) return leg(text);
  const byLogName = states.find((s) => s.log === `logs/${text}.log`);
  if (byLogName) return leg(byLogName.leg);
  const tasks = view.tasks();
  const task = tasks.get(text);
  if (task) return { text, single: !task.matrix, matches: (s) => s.task === text };
  const named = /^(.+?) \((.*)\)$/.exec(text) ?? /^([^:]+):(.*)$/.exec(text);
  if (named && tasks.get(named[1] as string)?.matrix) {
    const values = (named[2] as string).split(',').map((value) => value.trim());
    return leg(`${named[1]} (${values.join(', ')})`);
  }
  const names = [...tasks.keys(), ...states.map((s) => s.leg)];
  throw new UsageError(
    `run ${view.id} has no task "${printable(text)}"`,
    {},
    didYouMean(text, names) ?? `its tasks: ${printable([...tasks.keys()].join(', ') || 'none')}`,
  );
}

/** A leg's log, from where one of its attempts begins to where the next begins (or its end). */
interface LegLog {
  leg: string;
  path: string;
  start: number;
  end?: number;
  startedAt: string;
}

/** The legs a selector names that ran, each with the part of its log to show; an error when none did. */
function legsToShow(view: RunView, selector: Selector, attempt: number | undefined): LegLog[] {
  const matched = [...view.states.values()].filter(selector.matches);
  const ran = matched.filter((s) => s.attempts.length > 0);
  if (ran.length === 0) throw notRun(view, selector, matched);
  if (selector.single) return [logOf(view, ran[0] as TaskState, attempt)];
  const withAttempt = ran.filter((s) => attempt === undefined || s.attempts.length >= attempt);
  if (withAttempt.length === 0)
    throw new UsageError(
      `no leg of ${printable(selector.text)} has an attempt ${attempt}`,
      {},
      'leave out --attempt for the last of each',
    );
  return withAttempt.map((s) => logOf(view, s, attempt)).sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
}

function logOf(view: RunView, state: TaskState, attempt: number | undefined): LegLog {
  const count = state.attempts.length;
  const n = attempt ?? count;
  if (n > count)
    throw new UsageError(
      `"${printable(state.leg)}" has ${count} attempt${count === 1 ? '' : 's'}: there is no attempt ${n}`,
      {},
      `--attempt 1 to ${count}`,
    );
  const chosen = state.attempts[n - 1];
  const next = state.attempts[n];
  // A record from before attempts knew where they begin: the whole log.
  const start = chosen?.logOffset ?? 0;
  return {
    leg: state.leg,
    path: join(view.dir, state.log ?? `logs/${state.leg}.log`),
    start,
    ...(next?.logOffset !== undefined && chosen?.logOffset !== undefined && { end: next.logOffset }),
    startedAt: chosen?.startedAt ?? '',
  };
}

/** Why a selector has no log to show: not started yet, did not run, or no such leg. */
function notRun(view: RunView, selector: Selector, matched: TaskState[]): FileError | UsageError {
  const what = printable(selector.text);
  const ended = matched.find((s) => FINISHED_TASK.has(s.status));
  if (ended)
    return new FileError(
      `"${what}" did not run: ${ended.status}${ended.reason ? `, ${printable(ended.reason)}` : ''}`,
      {},
      `dagline runs show ${view.id} lists what ran`,
    );
  if (view.running) return new FileError(`"${what}" has not started yet`, {}, '--follow waits for it');
  const task = /^(.+?) \(/.exec(selector.text)?.[1] ?? selector.text;
  if (matched.length === 0 && view.tasks().has(task) && !view.tasks().get(task)?.matrix)
    return new FileError(`"${what}" did not run: the run ended ${view.record.status} before it started`);
  const legs = [...view.states.values()].filter((s) => s.task === task).map((s) => s.leg);
  return new UsageError(
    `run ${view.id} has no leg "${what}"`,
    {},
    didYouMean(selector.text, legs) ?? (legs.length ? `its legs of ${task}: ${printable(someNames(legs))}` : undefined),
  );
}

// ---- following --------------------------------------------------------------------------------

/**
 * Prints the selected legs' logs as they grow, woken by changes in the run's folder (and, as a net
 * for a file system that does not say, twice a second). One leg: until it ends, through its
 * retries (one log file holds them all). Several: until the run ends.
 */
async function follow(
  view: RunView,
  selector: Selector,
  attempt: number | undefined,
  printer: Printer,
  io: CliIo,
): Promise<number> {
  const wake = new Wakeup([view.dir, join(view.dir, 'logs')]);
  const followed = new Map<string, LegLog & { offset: number }>();
  let first = true;
  try {
    for (;;) {
      view.refresh();
      for (const state of view.states.values()) {
        if (followed.has(state.leg) || state.attempts.length === 0 || !selector.matches(state)) continue;
        const log = logOf(view, state, attempt);
        delete log.end; // through the retries that follow
        followed.set(state.leg, { ...log, offset: log.start });
        if (selector.single) break;
      }
      const ended = (leg: string) => !view.running || FINISHED_TASK.has(view.states.get(leg)?.status ?? 'running');
      for (const log of followed.values()) log.offset = await printer.copy(log, log.offset, ended(log.leg));
      // One leg: done when it ended, run or not (a task skipped while the run goes on). Several: when the run ends.
      const done = selector.single && [...view.states.values()].some((s) => selector.matches(s) && ended(s.leg));
      if (done || !view.running) break;
      if (first && selector.single && followed.size === 0)
        io.err(`dagline logs: waiting for "${printable(selector.text)}" to start\n`);
      first = false;
      if (view.abandoned()) {
        await printer.end();
        io.err(
          `dagline logs: run ${view.id} stopped without an end: its dagline (pid ${view.record.process.pid}) is gone\n`,
        );
        return 1;
      }
      await wake.wait();
    }
  } finally {
    wake.close();
  }
  if (followed.size === 0) {
    view.refresh();
    const matched = [...view.states.values()].filter(selector.matches);
    if (matched.some((s) => s.attempts.length > 0)) return 0;
    if (selector.single || matched.length > 0) throw notRun(view, selector, matched);
  }
  return 0;
}

/** Resolves `wait()` when the watched folders change, or after a while when they say nothing. */
class Wakeup {
  private readonly watchers: FSWatcher[] = [];
  private readonly timer: NodeJS.Timeout;
  private changed = false;
  private waiting: (() => void) | undefined;

  constructor(dirs: string[]) {
    for (const dir of dirs) {
      try {
        this.watchers.push(watch(dir, () => this.poke()));
      } catch {
        // no watcher here (a folder not made yet, no inotify left): the timer still wakes it
      }
    }
    this.timer = setInterval(() => this.poke(), 500);
  }

  private poke(): void {
    this.changed = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  wait(): Promise<void> {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting = () => {
        this.changed = false;
        resolve();
      };
    });
  }

  close(): void {
    clearInterval(this.timer);
    for (const watcher of this.watchers) watcher.close();
  }
}

// ---- printing -----------------------------------------------------------------------------------

/**
 * Writes logs: one leg's bytes as they are, or several legs' lines each under `[leg] `. On GitHub
 * Actions a log is text the runner would read workflow commands from (`::set-output`, `::add-mask`,
 * a line after a lone `\r` too): the output goes between `::stop-commands::` and its end, with a
 * token no log can guess, as GitHub advises for printing untrusted text.
 */
class Printer {
  private readonly lines = new Map<string, PrefixedLines>();
  private readonly output: ReturnType<typeof untrustedOut>;

  constructor(
    private readonly io: CliIo,
    private readonly raw: boolean,
  ) {
    this.output = untrustedOut(io);
  }

  /**
   * Prints a leg's log from `from` (default its start) to its end, or to what is written now;
   * returns where it stopped. `final`: nothing more of it will come, so a last line without a
   * newline is shown too.
   */
  async copy(log: LegLog, from = log.start, final = true): Promise<number> {
    const size = sizeOf(log.path);
    const end = Math.min(log.end ?? size, size);
    let offset = from;
    if (end > offset) {
      const fd = openSync(log.path, 'r');
      try {
        const buffer = Buffer.allocUnsafe(64 * 1024);
        while (offset < end) {
          const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - offset), offset);
          if (n <= 0) break;
          offset += n;
          this.write(log.leg, buffer.subarray(0, n));
          await this.io.drained?.();
        }
      } finally {
        closeSync(fd);
      }
    }
    if (final) this.endLine(log.leg);
    return offset;
  }

  private write(leg: string, bytes: Buffer): void {
    if (this.raw) {
      this.output.out(Buffer.from(bytes));
      return;
    }
    let lines = this.lines.get(leg);
    if (!lines) this.lines.set(leg, (lines = new PrefixedLines(`[${printable(leg)}] `)));
    this.output.out(lines.push(bytes));
  }

  /** A leg's last line without a newline, once nothing more of it will come. */
  private endLine(leg: string): void {
    const text = this.lines.get(leg)?.end();
    this.lines.delete(leg);
    if (text) this.output.out(text);
  }

  async end(): Promise<void> {
    for (const leg of [...this.lines.keys()]) this.endLine(leg);
    this.output.end();
    await this.io.drained?.();
  }
}

// ---- small helpers ------------------------------------------------------------------------------

function sizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

function readRange(path: string, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(end - start);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n <= 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
