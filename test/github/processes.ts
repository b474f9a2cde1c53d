// Processes a runner starts for a step (bash for `run:`, node for an action), each in its own process
// group so that a cancelled or timed-out step ends with everything it started, as the runner ends it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Ended because the signal fired (cancellation, a timeout): the reason given. */
  stoppedFor?: string;
}

/** How long a process may take to end after SIGINT before it is killed (the runner waits longer). */
export const KILL_GRACE_MS = 2500;

export function runProcess(options: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  signal: AbortSignal;
  onLine: (line: string) => void;
}): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stoppedFor: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      stoppedFor = String(options.signal.reason ?? 'cancelled');
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        return;
      }
      // Only a process that ignores SIGINT meets this timer: it bounds a hang, not a normal exit.
      killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, KILL_GRACE_MS);
    };
    if (options.signal.aborted) queueMicrotask(stop);
    else options.signal.addEventListener('abort', stop, { once: true });
    // stdout and stderr go to one log, as the runner's; both may carry workflow commands.
    let open = 2;
    let exit: ProcessOutcome | undefined;
    const finish = () => {
      if (open > 0 || !exit) return;
      if (killTimer) clearTimeout(killTimer);
      options.signal.removeEventListener('abort', stop);
      resolve({ ...exit, ...(stoppedFor !== undefined && { stoppedFor }) });
    };
    for (const stream of [child.stdout, child.stderr]) {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      lines.on('line', options.onLine);
      lines.on('close', () => {
        open -= 1;
        finish();
      });
    }
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => {
      exit = { exitCode, signal };
      // A background process the step left holding stdout keeps the streams open: end the group.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // group already gone
      }
      finish();
    });
  });
}

/** A counting semaphore: at most `size` holders at once, served in order of asking. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async acquire(): Promise<() => void> {
    // A released slot passes straight to the next waiter, so no later caller can take it in between.
    if (this.active < this.size) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}
