import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** One process to run for one attempt of a task. */
export interface ProcessSpec {
  /** Program and arguments: never through a shell unless the program is one. */
  argv: readonly [string, ...string[]];
  cwd: string;
  /** The environment: exactly this, or, with `envBase`, the changes to it. */
  env: Record<string, string>;
  /**
   * The environment the changes in `env` apply to, the same object for every task of a run:
   * a task's own variables are a handful, the machine's can be hundreds (a CI runner's), and
   * copying those for every task cost more than the rest of its start.
   */
  envBase?: Readonly<Record<string, string>>;
  /** stdout and stderr both go to the end of this file, in the order written. */
  logPath: string;
  timeoutMs: number;
  /** After SIGTERM, how long the group has before SIGKILL. */
  killGraceMs: number;
  /** Called when the process has started (a runner may queue it first); its timeout runs from then. */
  onStart?: () => void;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not start (program not found, bad folder). */
  spawnError?: string;
  /** The process started, but what ran it was lost (the spawn helper died): it was ended. */
  lostError?: string;
  /** Cancelled while the runner still held it queued: it never started. */
  neverStarted?: boolean;
}

export interface RunningProcess {
  readonly done: Promise<ProcessResult>;
  /** False while the runner holds it queued. */
  readonly hasStarted: boolean;
  /** Ends the whole process group: SIGTERM, then SIGKILL after the grace. */
  cancel(): void;
}

/**
 * What executes an attempt: the spawn helper (the default where Perl is
 * found) or Node's own spawn. A dry run starts nothing and needs neither.
 */
export interface ProcessRunner {
  start(spec: ProcessSpec): RunningProcess;
  /**
   * How many processes beyond the run's concurrency the runner will hold
   * queued, starting each itself when a process ends (it never runs more
   * than the concurrency at once). The scheduler hands it that many legs
   * ahead; 0 or none: the runner starts what it is given at once.
   */
  readonly queueAhead?: number;
  /** Gets ready for the first start (launches a helper) while the caller does other work. */
  prepare?(): void;
  /** Lets go of what the runner holds (a helper process); later starts may open it again. */
  close?(): void;
}

/**
 * The timeout, the cancel and the end of one attempt's process group,
 * whoever started the process. A timeout or cancel that comes before the
 * process's pid is known is carried out as soon as it is.
 */
export class ProcessGroupAttempt implements RunningProcess {
  readonly done: Promise<ProcessResult>;
  private settle!: (result: ProcessResult) => void;
  private pid: number | undefined;
  private timedOut = false;
  private cancelled = false;
  private finished = false;
  private terminating = false;
  private killTimer: NodeJS.Timeout | undefined;
  private timeoutTimer: NodeJS.Timeout | undefined;
  /** Another runner took the attempt over: its result is this one's. */
  private forwarded: RunningProcess | undefined;

  constructor(
    private readonly spec: Pick<ProcessSpec, 'timeoutMs' | 'killGraceMs' | 'onStart'>,
    private readonly hooks: {
      /** The attempt has its result. */
      finished?: () => void;
      /** A cancel came before the process started: the runner should drop it from its queue. */
      cancelledBeforeStart?: () => void;
    } = {},
  ) {
    this.done = new Promise<ProcessResult>((resolve) => (this.settle = resolve));
  }

  get isFinished(): boolean {
    return this.finished;
  }

  get hasStarted(): boolean {
    return this.pid !== undefined || this.forwarded?.hasStarted === true;
  }

  /** The process runs, as the leader of its own group. */
  started(pid: number): void {
    if (this.finished) return;
    this.pid = pid;
    // setTimeout fires at once past 2^31-1 ms (24.8 days): longer timeouts mean no timeout.
    const { timeoutMs } = this.spec;
    if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) {
      this.timeoutTimer = setTimeout(() => {
        this.timedOut = true;
        this.terminate();
      }, timeoutMs);
    }
    this.spec.onStart?.();
    if (this.terminating) this.endGroup();
  }

  cancel(): void {
    if (this.finished) return;
    this.cancelled = true;
    this.terminate();
  }

  /** The process ended. `killGroup`: what it left running in its group is killed here. */
  exited(exitCode: number | null, signal: NodeJS.Signals | null, killGroup: boolean): void {
    this.finish({ exitCode, signal, timedOut: this.timedOut, cancelled: this.cancelled }, killGroup);
  }

  /** The runner dropped it from its queue after a cancel: it never started. */
  dropped(): void {
    this.finish({ exitCode: null, signal: null, timedOut: false, cancelled: true, neverStarted: true }, false);
  }

  failedToStart(message: string): void {
    this.finish(
      { exitCode: null, signal: null, timedOut: this.timedOut, cancelled: this.cancelled, spawnError: message },
      false,
    );
  }

  /** What ran the process is gone: the group is killed, and the attempt fails with why. */
  lost(message: string): void {
    if (!this.hasStarted) return this.failedToStart(message);
    this.signalGroup('SIGKILL');
    this.finish(
      { exitCode: null, signal: null, timedOut: this.timedOut, cancelled: this.cancelled, lostError: message },
      false,
    );
  }

  /** Sends a signal to the whole group, if it is known and still there. */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.pid === undefined) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // the group is already gone
    }
  }

  /** Hands the attempt to another runner's process; cancels go to it, and its result is this attempt's. */
  forwardTo(running: RunningProcess): void {
    this.forwarded = running;
    if (this.terminating) running.cancel();
    void running.done.then((result) => this.finish(result, false));
  }

  private terminate(): void {
    const first = !this.terminating;
    this.terminating = true;
    if (this.forwarded) {
      this.forwarded.cancel();
      return;
    }
    if (this.pid === undefined) {
      if (first) this.hooks.cancelledBeforeStart?.();
      return;
    }
    this.endGroup();
  }

  /** SIGTERM now, SIGKILL after the grace. */
  private endGroup(): void {
    this.signalGroup('SIGTERM');
    if (this.killTimer === undefined) {
      this.killTimer = setTimeout(() => this.signalGroup('SIGKILL'), this.spec.killGraceMs);
      this.killTimer.unref();
    }
  }

  private finish(result: ProcessResult, killGroup: boolean): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.killTimer);
    if (killGroup) this.signalGroup('SIGKILL');
    this.hooks.finished?.();
    this.settle(result);
  }
}

/** A spec's whole environment. */
export function fullEnv(spec: Pick<ProcessSpec, 'env' | 'envBase'>): Record<string, string> {
  return spec.envBase ? { ...spec.envBase, ...spec.env } : spec.env;
}

/**
 * Runs each attempt as a child process of Node in a process group of its own
 * (`detached`), so that a timeout or a cancel reaches everything the task
 * started (grandchildren too), and so that the terminal's Ctrl-C goes to
 * dagline alone, which then ends the groups itself. When the task's main
 * process ends, what is left of its group is killed, as GitHub's runner
 * cleans up orphan processes at the end of a job.
 *
 * Node forks its whole process for each spawn, on its main thread, so each
 * start costs more as dagline's heap grows: the spawn helper
 * (spawn-helper-runner.ts) is preferred where Perl is found.
 */
export class ChildProcessRunner implements ProcessRunner {
  start(spec: ProcessSpec): RunningProcess {
    let log: number | undefined;
    const attempt = new ProcessGroupAttempt(spec, {
      finished: () => {
        if (log !== undefined) closeSync(log);
      },
    });
    try {
      log = openSync(spec.logPath, 'a');
      const child = spawn(spec.argv[0], spec.argv.slice(1), {
        cwd: spec.cwd,
        env: fullEnv(spec),
        detached: true,
        stdio: ['ignore', log, log],
      });
      if (child.pid !== undefined) attempt.started(child.pid);
      child.on('error', (error) => attempt.failedToStart(error.message));
      child.on('exit', (exitCode, signal) => attempt.exited(exitCode, signal, true));
    } catch (error) {
      attempt.failedToStart((error as Error).message);
    }
    return attempt;
  }
}

/** An attempt a runner holds with what it was asked to run: in a queue, or in flight. */
export interface HeldAttempt {
  spec: ProcessSpec;
  attempt: ProcessGroupAttempt;
}

/**
 * Runs at most `slots` processes of another runner at once and queues the
 * rest in order, as the spawn helper does: its fallback keeps the run's
 * concurrency when it is handed legs ahead. A cancel of a queued process
 * drops it; it never starts.
 */
export class SlotLimitedRunner implements ProcessRunner {
  private running = 0;
  private readonly queue: HeldAttempt[] = [];

  constructor(
    private readonly inner: ProcessRunner,
    private readonly slots: number,
  ) {}

  start(spec: ProcessSpec): RunningProcess {
    // No timer of its own: the inner runner's attempt times the process from its start.
    const attempt: ProcessGroupAttempt = new ProcessGroupAttempt(
      { timeoutMs: 0, killGraceMs: spec.killGraceMs },
      {
        cancelledBeforeStart: () => {
          const at = this.queue.findIndex((queued) => queued.attempt === attempt);
          if (at < 0) return;
          this.queue.splice(at, 1);
          attempt.dropped();
        },
      },
    );
    this.queue.push({ spec, attempt });
    this.startQueued();
    return attempt;
  }

  private startQueued(): void {
    while (this.running < this.slots && this.queue.length > 0) {
      const { spec, attempt } = this.queue.shift() as HeldAttempt;
      this.running++;
      const running = this.inner.start(spec);
      attempt.forwardTo(running);
      void running.done.then(() => {
        this.running--;
        this.startQueued();
      });
    }
  }
}
