import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** One process to run for one attempt of a task. */
export interface ProcessSpec {
  /** Program and arguments: never through a shell unless the program is one. */
  argv: readonly [string, ...string[]];
  cwd: string;
  env: Record<string, string>;
  /** stdout and stderr both go to the end of this file, in the order written. */
  logPath: string;
  timeoutMs: number;
  /** After SIGTERM, how long the group has before SIGKILL. */
  killGraceMs: number;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not start (program not found, bad folder). */
  spawnError?: string;
}

export interface RunningProcess {
  readonly done: Promise<ProcessResult>;
  /** Ends the whole process group: SIGTERM, then SIGKILL after the grace. */
  cancel(): void;
}

/** What executes an attempt. The process runner is the real one; the no-op runner serves --dry-run. */
export interface ProcessRunner {
  start(spec: ProcessSpec): RunningProcess;
}

/**
 * Runs each attempt as a child process in a process group of its own
 * (`detached`), so that a timeout or a cancel reaches everything the task
 * started (grandchildren too), and so that the terminal's Ctrl-C goes to
 * dagline alone, which then ends the groups itself. When the task's main
 * process ends, what is left of its group is killed, as GitHub's runner
 * cleans up orphan processes at the end of a job.
 */
export class ChildProcessRunner implements ProcessRunner {
  start(spec: ProcessSpec): RunningProcess {
    let log: number | undefined;
    let settle!: (result: ProcessResult) => void;
    const done = new Promise<ProcessResult>((resolve) => (settle = resolve));
    let timedOut = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;
    let finished = false;
    let pid: number | undefined;

    const signalGroup = (signal: NodeJS.Signals) => {
      if (pid === undefined) return;
      try {
        process.kill(-pid, signal);
      } catch {
        // the group is already gone
      }
    };
    const terminate = () => {
      signalGroup('SIGTERM');
      killTimer ??= setTimeout(() => signalGroup('SIGKILL'), spec.killGraceMs);
      killTimer.unref();
    };
    const finish = (result: ProcessResult) => {
      if (finished) return;
      finished = true;
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      signalGroup('SIGKILL'); // what the task left running in its group
      if (log !== undefined) closeSync(log);
      settle(result);
    };

    try {
      log = openSync(spec.logPath, 'a');
      const child = spawn(spec.argv[0], spec.argv.slice(1), {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: ['ignore', log, log],
      });
      pid = child.pid;
      child.on('error', (error) => finish({ exitCode: null, signal: null, timedOut, cancelled, spawnError: error.message }));
      child.on('exit', (exitCode, signal) => finish({ exitCode, signal, timedOut, cancelled }));
      // setTimeout fires at once past 2^31-1 ms (24.8 days): longer timeouts mean no timeout.
      if (spec.timeoutMs > 0 && spec.timeoutMs <= MAX_TIMER_MS) {
        timeoutTimer = setTimeout(() => {
          timedOut = true;
          terminate();
        }, spec.timeoutMs);
      }
    } catch (error) {
      finish({ exitCode: null, signal: null, timedOut: false, cancelled: false, spawnError: (error as Error).message });
    }
    return {
      done,
      cancel: () => {
        if (finished) return;
        cancelled = true;
        terminate();
      },
    };
  }
}
