import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync } from 'node:fs';
import { APPEND_NO_LINK } from '../fs/append-no-link.js';
import { processStartTime } from '../state/process-identity.js';
import { setLongTimeout, type LongTimer } from './long-timer.js';

/** One process to run for one attempt of a task. */
export interface ProcessSpec {
  /** Program and arguments: never through a shell unless the program is one. */
  argv: readonly [string, ...string[]];
  cwd: string;
  /** The environment: exactly this, or, with `envBase`, the changes to it. */
  env: Record<string, string>;
  /** The environment the changes in `env` apply to, the same object for every task of a run. */
  envBase?: Readonly<Record<string, string>>;
  /** stdout and stderr both go to the end of this file, in the order written. */
  logPath: string;
  timeoutMs: number;
  /** After SIGTERM, how long the group has before SIGKILL. */
  killGraceMs: number;
  /** Called once the process runs, with its group: what a later dagline may have to end. */
  onStart?: (group: ProcessGroup) => void;
}

/**
 * An attempt's process group as the run records it: the leader's pid (the group's id) and, on
 * Linux, the leader's start time, so that a later dagline that finds the run killed ends this
 * group and never another that got the same number since.
 */
export interface ProcessGroup {
  pgid: number;
  startTime?: string;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not start (no such program, no such folder), and why. */
  spawnError?: string;
}

export interface RunningProcess {
  readonly done: Promise<ProcessResult>;
  /** Ends the whole process group: SIGTERM, then SIGKILL after the grace. */
  cancel(): void;
}

/** What executes an attempt: Node's spawn, or a test's stand-in. */
export interface ProcessRunner {
  start(spec: ProcessSpec): RunningProcess;
}

/** A spec's whole environment. */
export function fullEnv(spec: Pick<ProcessSpec, 'env' | 'envBase'>): Record<string, string> {
  return spec.envBase ? { ...spec.envBase, ...spec.env } : spec.env;
}

/**
 * Runs each attempt as a child process of Node in a process group of its own
 * (`detached`, as wireit and lage do), so that a timeout or a cancel reaches
 * everything the task started (grandchildren too), and so that the terminal's
 * Ctrl-C goes to dagline alone, which then ends the groups itself. When the
 * task's main process ends, what is left of its group is killed, as GitHub's
 * runner cleans up orphan processes at the end of a job.
 */
export class ChildProcessRunner implements ProcessRunner {
  start(spec: ProcessSpec): RunningProcess {
    return new GroupAttempt(spec);
  }
}

/** One attempt's process group: its timeout, its cancel, its end. */
class GroupAttempt implements RunningProcess {
  readonly done: Promise<ProcessResult>;
  private settle!: (result: ProcessResult) => void;
  private pid: number | undefined;
  private log: number | undefined;
  private timedOut = false;
  private cancelled = false;
  private finished = false;
  private killTimer: LongTimer | undefined;
  private timeoutTimer: LongTimer | undefined;

  constructor(private readonly spec: ProcessSpec) {
    this.done = new Promise<ProcessResult>((resolve) => (this.settle = resolve));
    try {
      this.log = openSync(spec.logPath, APPEND_NO_LINK);
      const child = spawn(spec.argv[0], spec.argv.slice(1), {
        cwd: spec.cwd,
        env: fullEnv(spec),
        detached: true,
        stdio: ['ignore', this.log, this.log],
      });
      child.on('error', (error) => this.failedToStart(error));
      // 'exit', not 'close': the task's output goes to a file, no pipe of dagline's is left to drain.
      child.on('exit', (exitCode, signal) => this.exited(exitCode, signal));
      if (child.pid !== undefined) this.started(child.pid);
    } catch (error) {
      this.failedToStart(error as Error);
    }
  }

  cancel(): void {
    if (this.finished || this.cancelled) return;
    this.cancelled = true;
    this.endGroup();
  }

  private started(pid: number): void {
    this.pid = pid;
    const { timeoutMs } = this.spec;
    if (timeoutMs > 0) {
      this.timeoutTimer = setLongTimeout(() => {
        this.timedOut = true;
        this.endGroup();
      }, timeoutMs);
    }
    const startTime = processStartTime(pid);
    this.spec.onStart?.({ pgid: pid, ...(startTime !== undefined && { startTime }) });
  }

  /** The leader ended: what it left running in its group is killed. */
  private exited(exitCode: number | null, signal: NodeJS.Signals | null): void {
    this.signalGroup('SIGKILL');
    this.finish({ exitCode, signal, timedOut: this.timedOut, cancelled: this.cancelled });
  }

  private failedToStart(error: Error): void {
    this.finish({
      exitCode: null,
      signal: null,
      timedOut: false,
      cancelled: this.cancelled,
      spawnError: startFailure(error as NodeJS.ErrnoException, this.spec),
    });
  }

  /** SIGTERM now, SIGKILL after the grace. */
  private endGroup(): void {
    if (this.pid === undefined) return; // not started: it fails to start, or has ended
    this.signalGroup('SIGTERM');
    if (this.killTimer === undefined) {
      this.killTimer = setLongTimeout(() => this.signalGroup('SIGKILL'), this.spec.killGraceMs, { unref: true });
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid === undefined || this.finished) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // the group is already gone
    }
  }

  private finish(result: ProcessResult): void {
    if (this.finished) return;
    this.finished = true;
    this.timeoutTimer?.clear();
    this.killTimer?.clear();
    if (this.log !== undefined) closeSync(this.log);
    this.settle(result);
  }
}

/** Why a process did not start, in the words a user needs: which folder, which program. */
function startFailure(error: NodeJS.ErrnoException, spec: ProcessSpec): string {
  const program = spec.argv[0];
  if (error.code === 'ENOENT') {
    // Node says "spawn bash ENOENT" for a missing folder too: tell the two apart.
    if (!statSync(spec.cwd, { throwIfNoEntry: false })?.isDirectory())
      return `its working directory ${spec.cwd} does not exist`;
    return program.includes('/')
      ? `no such program: ${program}`
      : `no such program: ${program} (not found on the task's PATH)`;
  }
  if (error.code === 'EACCES') return `${program} cannot be run (permission denied)`;
  if (error.code === 'ERR_INVALID_ARG_VALUE' || error.code === 'ERR_INVALID_ARG_TYPE')
    return `an argument, path or environment entry holds a NUL character`;
  return error.message;
}
