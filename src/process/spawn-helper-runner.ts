import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants } from 'node:os';
import type { Socket } from 'node:net';
import {
  ChildProcessRunner,
  ProcessGroupAttempt,
  SlotLimitedRunner,
  type HeldAttempt,
  type ProcessRunner,
  type ProcessSpec,
  type RunningProcess,
} from './process-runner.js';

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(
  Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/** How a spawn helper is started: the program, the arguments before its slot count, what it must not inherit. */
export interface HelperProgram {
  command: string;
  args: readonly string[];
  /** Environment variables the helper is started without (the tasks still get them). */
  withoutEnv?: ReadonlySet<string>;
}

/** A request to the helper: its fields NUL-separated, after the payload's length in bytes. */
function frame(fields: string[]): string {
  const payload = fields.join('\0');
  return `${Buffer.byteLength(payload)}\n${payload}`;
}

/**
 * Starts task processes through a spawn helper: the native one (spawn-helper-c.ts)
 * where dagline could compile it, else the Perl one (spawn-helper-script.ts).
 * Either is a small process of its own, so that no fork of dagline's large
 * process sits on its main thread, and so that the next queued process starts
 * the moment one ends. Timeouts and cancels stay here: the helper reports each
 * pid, and dagline signals the groups itself.
 *
 * If the helper cannot start, the attempts waiting for it go to the fallback
 * (by default the plain Node runner), and so does everything after; if it
 * dies later, the attempts it was running are ended and failed, and later
 * starts go to the fallback too. The fallback queues as the helper does, so
 * the run's concurrency holds.
 */
export class SpawnHelperRunner implements ProcessRunner {
  /**
   * Twice as many legs as there are slots may wait in the helper's queue: dagline sends them in
   * batches (see HelperConnection.sendWaiting), and a batch is only sent once the helper's queue
   * runs low, so the queue must hold enough to last until the batch arrives.
   */
  readonly queueAhead: number;
  private connection: HelperConnection | undefined;
  /** Why the helper cannot be used any more; from then on the fallback starts processes. */
  private broken: string | undefined;

  /** `slots`: processes at once; more are queued in the helper (or, without it, in its fallback). */
  constructor(
    /** The helper it starts. */
    readonly program: HelperProgram,
    private readonly slots: number,
    private readonly fallback: ProcessRunner = new SlotLimitedRunner(new ChildProcessRunner(), slots),
  ) {
    this.queueAhead = 2 * slots;
  }

  /** The helper's pid while it runs: for diagnostics. */
  get helperPid(): number | undefined {
    return this.connection?.pid;
  }

  start(spec: ProcessSpec): RunningProcess {
    if (this.broken !== undefined) return this.fallback.start(spec);
    return this.connect().start(spec);
  }

  /** Launches the helper now: it starts while dagline reads and checks the pipeline. */
  prepare(): void {
    if (this.broken === undefined) this.connect();
  }

  private connect(): HelperConnection {
    this.connection ??= new HelperConnection(this.program, this.slots, (connection, message, waiting) =>
      this.lost(connection, message, waiting),
    );
    return this.connection;
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
    this.fallback.close?.();
  }

  /** A helper ended. If it was not closed on purpose, later starts go to the fallback. */
  private lost(connection: HelperConnection, message: string, waiting: HeldAttempt[]): void {
    if (this.connection === connection) {
      this.connection = undefined;
      this.broken = message;
    }
    // Never started (and not closed on purpose): run them with Node instead.
    // (Starting one can cancel another: an onStart hook, or a cancel it leads to.)
    for (const { spec, attempt } of waiting) if (!attempt.isFinished) attempt.forwardTo(this.fallback.start(spec));
  }
}

/** One helper process: what it was asked to run, and what it says back. */
class HelperConnection {
  readonly pid: number | undefined;
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly attempts = new Map<string, HeldAttempt>();
  /** Start requests not sent yet: made before the helper said it was ready, or held for the next batch. */
  private waiting: (HeldAttempt & { id: string; request: string })[] = [];
  /** Start requests sent that the helper has not started (or failed, or dropped) yet: its queue. */
  private readonly inHelperQueue = new Set<string>();
  /** A batch is sent once the helper's queue holds fewer than this. */
  private readonly lowWater: number;
  private sendScheduled = false;
  private ready = false;
  private closed = false;
  private ended = false;
  private nextId = 0;
  private received = '';
  private stderr = '';
  private readonly env: Record<string, string> = {};
  /** For each base environment tasks were given, how it differs from the helper's. */
  private readonly baseChanges = new WeakMap<object, { set: string[]; unset: string[] }>();

  constructor(
    private readonly program: HelperProgram,
    slots: number,
    private readonly onLost: (connection: HelperConnection, message: string, waiting: HeldAttempt[]) => void,
  ) {
    this.lowWater = slots;
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && !program.withoutEnv?.has(name)) this.env[name] = value;
    // detached: a session of its own, so the terminal's Ctrl-C reaches dagline alone, which decides.
    const helper = spawn(program.command, [...program.args, String(slots)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: this.env,
      detached: true,
    });
    this.process = helper;
    this.pid = helper.pid;
    helper.stdout.setEncoding('utf8');
    helper.stdout.on('data', (chunk: string) => this.receive(chunk));
    helper.stderr.setEncoding('utf8');
    helper.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 4096) this.stderr += chunk;
    });
    helper.stdin.on('error', () => {
      // the helper is gone; its exit says why
    });
    helper.on('error', (error) => this.lost(error.message));
    // 'close', not 'exit': what it wrote before it ended is read first.
    helper.on('close', (code, signal) => this.lost(`exited ${signal ?? code}`));
    // Only running attempts keep dagline alive (stdout is ref'd while there are some), never the helper itself.
    helper.unref();
    (helper.stderr as unknown as Socket).unref();
  }

  start(spec: ProcessSpec): RunningProcess {
    const request = this.startRequest(spec);
    if (typeof request !== 'string') {
      const attempt = new ProcessGroupAttempt(spec);
      attempt.failedToStart(
        `an argument, path or environment entry holds a NUL character: ${JSON.stringify(request.nul.slice(0, 60))}`,
      );
      return attempt;
    }
    const id = String(++this.nextId);
    const attempt = new ProcessGroupAttempt(spec, {
      finished: () => {
        this.attempts.delete(id);
        if (this.attempts.size === 0) (this.process.stdout as unknown as Socket).unref();
      },
      cancelledBeforeStart: () => {
        if (this.inHelperQueue.has(id)) {
          this.process.stdin.write(frame(['c', id]));
          return;
        }
        this.waiting = this.waiting.filter((w) => w.id !== id);
        attempt.dropped();
      },
    });
    this.attempts.set(id, { spec, attempt });
    if (this.attempts.size === 1) (this.process.stdout as unknown as Socket).ref();
    this.waiting.push({ id, request, spec, attempt });
    this.scheduleSend();
    return attempt;
  }

  /**
   * Start requests go in batches, at the end of the turn of the event loop and only once the
   * helper's queue runs low: each write to the helper's input costs a system call here and a
   * wakeup there, and the 3,000 one-request writes of a 3,000-task run were dagline's largest
   * single cost (docs/benchmarks.md). The helper still never waits with a free slot while
   * requests are held: it holds at least `lowWater` (its slots) queued until the batch comes.
   */
  private scheduleSend(): void {
    if (this.sendScheduled || !this.ready || this.waiting.length === 0 || this.inHelperQueue.size >= this.lowWater)
      return;
    this.sendScheduled = true;
    setImmediate(() => this.sendWaiting());
  }

  private sendWaiting(): void {
    this.sendScheduled = false;
    if (this.ended || this.closed || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    for (const w of batch) this.inHelperQueue.add(w.id);
    this.process.stdin.write(batch.map((w) => frame(['s', w.id, w.request])).join(''));
  }

  /** Its input closes: it ends what still runs (SIGTERM, SIGKILL after the grace) and exits. */
  close(): void {
    this.closed = true;
    this.process.stdin.end();
  }

  /** One message per line: r | s ID PID | x ID STATUS | e ID MESSAGE | d ID. */
  private receive(chunk: string): void {
    this.received += chunk;
    let start = 0;
    for (let end = this.received.indexOf('\n'); end >= 0; end = this.received.indexOf('\n', start)) {
      const line = this.received.slice(start, end);
      start = end + 1;
      const kind = line[0];
      if (kind === 'r') {
        this.ready = true;
        this.sendWaiting();
        continue;
      }
      const space = line.indexOf(' ', 2);
      const id = space < 0 ? line.slice(2) : line.slice(2, space);
      // Started, could not start, or dropped: out of the helper's queue either way.
      this.inHelperQueue.delete(id);
      const attempt = this.attempts.get(id)?.attempt;
      if (!attempt) continue;
      const rest = line.slice(space + 1);
      if (kind === 's') attempt.started(Number(rest));
      else if (kind === 'x') {
        const status = Number(rest);
        const signal = status & 0x7f;
        // The helper killed what was left of the group when it reaped the leader.
        attempt.exited(
          signal === 0 ? status >> 8 : null,
          signal === 0 ? null : (SIGNAL_NAMES.get(signal) ?? 'SIGKILL'),
          false,
        );
      } else if (kind === 'e') attempt.failedToStart(rest);
      else if (kind === 'd') attempt.dropped();
    }
    this.received = this.received.slice(start);
    this.scheduleSend();
  }

  /**
   * The fields of a start request after its id, NUL-joined; or the text that holds a NUL (the
   * helper's own environment cannot). The environment goes as changes to the helper's own:
   * most of it is the same for every task.
   */
  private startRequest(spec: ProcessSpec): string | { nul: string } {
    const set: string[] = [];
    const unset: string[] = [];
    if (spec.envBase) {
      // The base's own changes, once per run; then only what the task changes on top of it.
      const base = this.changesFrom(spec.envBase);
      for (const entry of base.set) if (!Object.hasOwn(spec.env, entry.slice(0, entry.indexOf('=')))) set.push(entry);
      for (const name of base.unset) if (!Object.hasOwn(spec.env, name)) unset.push(name);
    } else {
      for (const name in this.env) if (!Object.hasOwn(spec.env, name)) unset.push(name);
    }
    for (const name in spec.env) {
      const value = spec.env[name] as string;
      if (this.env[name] !== value) set.push(`${name}=${value}`);
    }
    const fields = [
      spec.cwd,
      spec.logPath,
      String(spec.killGraceMs),
      String(spec.argv.length),
      ...spec.argv,
      String(set.length),
      ...set,
      String(unset.length),
      ...unset,
    ];
    const nul = fields.find((field) => field.includes('\0'));
    return nul === undefined ? fields.join('\0') : { nul };
  }

  /** How an environment differs from the helper's own: what to set, what to unset. */
  private changesFrom(env: Readonly<Record<string, string>>): { set: string[]; unset: string[] } {
    let changes = this.baseChanges.get(env);
    if (!changes) {
      changes = { set: [], unset: [] };
      for (const name in env) if (this.env[name] !== env[name]) changes.set.push(`${name}=${env[name]}`);
      for (const name in this.env) if (!Object.hasOwn(env, name)) changes.unset.push(name);
      this.baseChanges.set(env, changes);
    }
    return changes;
  }

  /** The helper ended (closed, or died) or never started. */
  private lost(why: string): void {
    if (this.ended) return;
    this.ended = true;
    const message = `dagline's spawn helper (${this.program.command}) ${this.closed ? 'was closed and ' : ''}${why}${this.stderr ? `: ${this.stderr.trim()}` : ''}`;
    const notStarted: HeldAttempt[] = [];
    for (const entry of this.attempts.values()) {
      if (!entry.attempt.hasStarted && !this.closed) notStarted.push(entry);
      else entry.attempt.lost(message); // beyond the reach of its reaping now: ended, and why
    }
    this.waiting = [];
    this.attempts.clear();
    this.onLost(this, message, notStarted);
  }
}
