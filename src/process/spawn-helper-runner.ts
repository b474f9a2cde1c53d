import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants } from 'node:os';
import type { Socket } from 'node:net';
import { ChildProcessRunner, ProcessGroupAttempt, SlotLimitedRunner, type HeldAttempt, type ProcessRunner, type ProcessSpec, type RunningProcess } from './process-runner.js';

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

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
  /** As many legs again as there are slots may wait in the helper's queue. */
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
    this.queueAhead = slots;
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
    this.connection ??= new HelperConnection(this.program, this.slots, (connection, message, waiting) => this.lost(connection, message, waiting));
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
  /** Start requests made before the helper said it was ready. */
  private waiting: (HeldAttempt & { id: string; request: string })[] = [];
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
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !program.withoutEnv?.has(name)) this.env[name] = value;
    // detached: a session of its own, so the terminal's Ctrl-C reaches dagline alone, which decides.
    const helper = spawn(program.command, [...program.args, String(slots)], { stdio: ['pipe', 'pipe', 'pipe'], env: this.env, detached: true });
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
      attempt.failedToStart(`an argument, path or environment entry holds a NUL character: ${JSON.stringify(request.nul.slice(0, 60))}`);
      return attempt;
    }
    const id = String(++this.nextId);
    const attempt = new ProcessGroupAttempt(spec, {
      finished: () => {
        this.attempts.delete(id);
        if (this.attempts.size === 0) (this.process.stdout as unknown as Socket).unref();
      },
      cancelledBeforeStart: () => {
        if (this.ready) {
          this.process.stdin.write(frame(['c', id]));
          return;
        }
        this.waiting = this.waiting.filter((w) => w.id !== id);
        attempt.dropped();
      },
    });
    this.attempts.set(id, { spec, attempt });
    if (this.attempts.size === 1) (this.process.stdout as unknown as Socket).ref();
    if (this.ready) this.process.stdin.write(frame(['s', id, request]));
    else this.waiting.push({ id, request, spec, attempt });
    return attempt;
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
        const waiting = this.waiting;
        this.waiting = [];
        if (waiting.length) this.process.stdin.write(waiting.map((w) => frame(['s', w.id, w.request])).join(''));
        continue;
      }
      const space = line.indexOf(' ', 2);
      const attempt = this.attempts.get(space < 0 ? line.slice(2) : line.slice(2, space))?.attempt;
      if (!attempt) continue;
      const rest = line.slice(space + 1);
      if (kind === 's') attempt.started(Number(rest));
      else if (kind === 'x') {
        const status = Number(rest);
        const signal = status & 0x7f;
        // The helper killed what was left of the group when it reaped the leader.
        attempt.exited(signal === 0 ? status >> 8 : null, signal === 0 ? null : (SIGNAL_NAMES.get(signal) ?? 'SIGKILL'), false);
      } else if (kind === 'e') attempt.failedToStart(rest);
      else if (kind === 'd') attempt.dropped();
    }
    this.received = this.received.slice(start);
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
    const fields = [spec.cwd, spec.logPath, String(spec.killGraceMs), String(spec.argv.length), ...spec.argv, String(set.length), ...set, String(unset.length), ...unset];
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
