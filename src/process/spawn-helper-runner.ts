import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants } from 'node:os';
import type { Socket } from 'node:net';
import { ChildProcessRunner, ProcessGroupAttempt, type ProcessRunner, type ProcessSpec, type RunningProcess } from './process-runner.js';
import { SPAWN_HELPER_PERL } from './spawn-helper-script.js';

const SIGNAL_NAMES = new Map<number, NodeJS.Signals>(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

/** Perl's own switches from the environment would change how the helper runs: it starts without them. */
const PERL_SETTINGS = ['PERL5OPT', 'PERL5LIB', 'PERLLIB', 'PERL5DB', 'PERL_UNICODE', 'PERLIO'];

/** A request to the helper: its fields NUL-separated, after the payload's length in bytes. */
function frame(fields: string[]): string {
  const payload = fields.join('\0');
  return `${Buffer.byteLength(payload)}\n${payload}`;
}

/** An attempt waiting for the helper to say it is ready. */
interface Waiting {
  id: string;
  spec: ProcessSpec;
  attempt: ProcessGroupAttempt;
}

/**
 * Starts task processes through the spawn helper (spawn-helper-script.ts), a
 * small Perl process, so that no fork of dagline's large process sits on its
 * main thread. Timeouts and cancels stay here: the helper reports each pid,
 * and dagline signals the groups itself.
 *
 * If the helper cannot start, the attempts waiting for it go to the plain
 * Node runner, and so does everything after; if it dies later, the attempts
 * it was running are ended and failed, and later starts go to Node too.
 */
export class SpawnHelperRunner implements ProcessRunner {
  private helper: ChildProcessWithoutNullStreams | undefined;
  private ready = false;
  /** Why the helper cannot be used any more; from then on the fallback starts processes. */
  private broken: string | undefined;
  private readonly attempts = new Map<string, ProcessGroupAttempt>();
  private waiting: Waiting[] = [];
  private nextId = 0;
  private received = '';
  private stderr = '';
  private helperEnv: Record<string, string> = {};

  /** Legs the scheduler may hand over beyond the slots: as many again, so a free slot never waits for dagline. */
  readonly queueAhead: number;

  /** `slots`: processes at once; more are queued in the helper. */
  constructor(
    private readonly perl: string,
    private readonly slots: number,
    private readonly fallback: ProcessRunner = new ChildProcessRunner(),
  ) {
    this.queueAhead = slots;
  }

  start(spec: ProcessSpec): RunningProcess {
    if (this.broken !== undefined) return this.fallback.start(spec);
    const id = String(++this.nextId);
    const attempt = new ProcessGroupAttempt(spec, {
      finished: () => {
        this.attempts.delete(id);
        if (this.attempts.size === 0) this.idle();
      },
      cancelledBeforeStart: () => {
        if (this.ready) {
          this.helper?.stdin.write(frame(['c', id]));
          return;
        }
        this.waiting = this.waiting.filter((w) => w.id !== id);
        attempt.dropped();
      },
    });
    const nul = [...spec.argv, spec.cwd, spec.logPath, ...Object.entries(spec.env).flat()].find((text) => text.includes('\0'));
    if (nul !== undefined) {
      attempt.failedToStart(`an argument, path or environment value holds a NUL character: ${JSON.stringify(nul.slice(0, 60))}`);
      return attempt;
    }
    this.attempts.set(id, attempt);
    this.busy();
    const helper = this.helper ?? this.launch();
    if (this.ready) helper.stdin.write(this.startFrame(id, spec));
    else this.waiting.push({ id, spec, attempt });
    return attempt;
  }

  close(): void {
    const helper = this.helper;
    if (!helper) return;
    this.helper = undefined;
    this.ready = false;
    helper.stdin.end();
  }

  private launch(): ChildProcessWithoutNullStreams {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !PERL_SETTINGS.includes(name)) env[name] = value;
    this.helperEnv = env;
    // detached: a session of its own, so the terminal's Ctrl-C reaches dagline alone, which decides.
    const helper = spawn(this.perl, ['-e', SPAWN_HELPER_PERL, String(this.slots)], { stdio: ['pipe', 'pipe', 'pipe'], env, detached: true });
    this.helper = helper;
    this.received = '';
    this.stderr = '';
    helper.stdout.setEncoding('utf8');
    helper.stdout.on('data', (chunk: string) => this.receive(chunk));
    helper.stderr.setEncoding('utf8');
    helper.stderr.on('data', (chunk: string) => {
      if (this.stderr.length < 4096) this.stderr += chunk;
    });
    helper.stdin.on('error', () => {
      // the helper is gone; its exit says why
    });
    helper.on('error', (error) => this.lost(helper, error.message));
    helper.on('exit', (code, signal) => this.lost(helper, `exited ${signal ?? code}`));
    helper.unref();
    (helper.stderr as unknown as Socket).unref();
    return helper;
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
        const frames = waiting.filter((w) => this.attempts.has(w.id)).map((w) => this.startFrame(w.id, w.spec));
        if (frames.length) this.helper?.stdin.write(frames.join(''));
        continue;
      }
      const space = line.indexOf(' ', 2);
      const attempt = this.attempts.get(space < 0 ? line.slice(2) : line.slice(2, space));
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

  private startFrame(id: string, spec: ProcessSpec): string {
    const set: string[] = [];
    for (const name in spec.env) {
      const value = spec.env[name] as string;
      if (this.helperEnv[name] !== value) set.push(`${name}=${value}`);
    }
    const unset: string[] = [];
    for (const name in this.helperEnv) if (!(name in spec.env)) unset.push(name);
    return frame(['s', id, spec.cwd, spec.logPath, String(spec.killGraceMs), String(spec.argv.length), ...spec.argv, String(set.length), ...set, String(unset.length), ...unset]);
  }

  /** The helper ended or never started. */
  private lost(helper: ChildProcessWithoutNullStreams, why: string): void {
    if (this.helper === helper) this.helper = undefined;
    else if (this.helper !== undefined || this.attempts.size === 0) return; // closed on purpose, and done with
    const message = `dagline's spawn helper (${this.perl}) ${why}${this.stderr ? `: ${this.stderr.trim()}` : ''}`;
    this.broken = message;
    const waiting = this.waiting;
    this.waiting = [];
    const handedOver = new Set(waiting.map((w) => w.id));
    // Never started: run them with Node instead.
    for (const { id, spec, attempt } of waiting) {
      this.attempts.delete(id);
      const running = this.fallback.start(spec);
      attempt.forwardTo(running);
    }
    // Started by the helper and now beyond reach of its reaping: end them, and say why.
    for (const [id, attempt] of [...this.attempts]) {
      if (handedOver.has(id)) continue;
      attempt.signalGroup('SIGKILL');
      attempt.failedToStart(message);
    }
  }

  /** While attempts run, the helper's output keeps dagline alive; when none do, it must not. */
  private busy(): void {
    if (this.attempts.size === 1) (this.helper?.stdout as unknown as Socket | undefined)?.ref();
  }

  private idle(): void {
    (this.helper?.stdout as unknown as Socket | undefined)?.unref();
  }
}
