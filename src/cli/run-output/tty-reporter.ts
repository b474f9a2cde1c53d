import type { RunReporter } from '../../run/reporter.js';
import type { LegInstance } from '../../run/scheduler.js';
import { printable } from '../../render/printable.js';
import { durationOf, FAILED_LOG_LINES, runSummary } from './summary.js';

/**
 * Output for a person at a terminal: one line for each task that ends, and
 * a status line kept at the bottom (how many done, which run, elapsed time).
 * Task output stays in the log files; the summary names the logs of failures.
 */
export class TtyReporter implements RunReporter {
  private readonly running = new Set<string>();
  /** Legs between a failed attempt and the next: when the next starts (ms since the epoch). */
  private readonly retrying = new Map<string, number>();
  private failed = 0;
  private startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private progress: (() => { done: number; total: number }) | undefined;
  /** What goes out at the end of this turn of the event loop: finished-task lines, then one status line. */
  private pending = '';
  private redraw = false;
  private scheduled = false;

  constructor(private readonly out: (text: string) => void) {}

  /** Many short tasks end in one turn: they share one write and one redraw of the status line. */
  private write(text: string): void {
    this.pending += text;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.redraw) {
      this.redraw = false;
      this.pending += this.statusLine();
    }
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.out(text);
  }

  runStarted(record: Parameters<RunReporter['runStarted']>[0]): void {
    this.startedAt = Date.now();
    this.write(`run ${record.id}: ${printable(record.pipeline)}\n`);
    this.timer = setInterval(() => this.status(), 250);
    this.timer.unref();
  }

  watchProgress(progress: () => { done: number; total: number }): void {
    this.progress = progress;
  }

  legStarted(leg: LegInstance): void {
    this.retrying.delete(leg.name);
    this.running.add(leg.name);
    this.status();
  }

  legRetrying(leg: LegInstance, delayMs: number): void {
    this.running.delete(leg.name);
    this.retrying.set(leg.name, Date.now() + delayMs);
    this.status();
  }

  legFinished(leg: LegInstance): void {
    this.running.delete(leg.name);
    this.retrying.delete(leg.name); // cancelled while it waited
    const s = leg.state;
    const mark = s.status === 'success' ? '\u2713' : s.status === 'cancelled' ? '-' : '\u2717';
    if (s.status === 'failed') this.failed++;
    this.clear();
    this.write(
      `${mark} ${printable(leg.name)}  ${s.status}${s.status === 'success' ? '' : `: ${printable(s.reason ?? '')}`}  ${durationOf(s.startedAt, s.endedAt)}\n`,
    );
    this.status();
  }

  note(message: string): void {
    this.clear();
    this.write(`  ${printable(message)}\n`);
    this.status();
  }

  runFinished(...args: Parameters<RunReporter['runFinished']>): void {
    if (this.timer) clearInterval(this.timer);
    this.redraw = false;
    this.clear();
    // Task output is not shown on a terminal as it runs: the end of each failed task's log is.
    this.write(`\n${runSummary(...args, FAILED_LOG_LINES)}`);
    this.flush();
  }

  private clear(): void {
    this.write('\r\x1b[K');
  }

  private status(): void {
    this.redraw = true;
    this.schedule();
  }

  private statusLine(): string {
    const elapsed = Math.round((Date.now() - this.startedAt) / 1000);
    const clock = `${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}`;
    const names = [...this.running].map(printable);
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '');
    const now = Date.now();
    const waits = [...this.retrying].map(
      ([name, at]) => `${printable(name)} in ${Math.max(0, Math.ceil((at - now) / 1000))}s`,
    );
    // Of how many, where the run says: skipped tasks count as done, and a matrix grows the total when it expands.
    const progress = this.progress?.();
    const parts = [
      ...(progress ? [`${progress.done}/${progress.total} done`] : []),
      ...(this.failed ? [`${this.failed} failed`] : []),
      `${names.length} running${shown ? `: ${shown}` : ''}`,
      ...(waits.length
        ? [
            `${waits.length} to retry: ${waits.slice(0, 2).join(', ')}${waits.length > 2 ? ` +${waits.length - 2}` : ''}`,
          ]
        : []),
    ];
    const width = process.stdout.columns || 100;
    return `\r\x1b[K${`${clock}  ${parts.join(', ')}`.slice(0, width - 1)}`;
  }
}
