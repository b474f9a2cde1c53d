import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { AttemptCount, RunReporter } from '../../run/reporter.js';
import type { LegInstance } from '../../run/scheduler.js';
import { printable } from '../../render/printable.js';
import { PrefixedLines } from './prefixed-lines.js';
import { durationOf, paramsText, runSummary } from './summary.js';

/** One buffer for every read: reporters read one log at a time, and never across an await. */
let readBuffer: Buffer | undefined;

/**
 * Text held for one write goes out at once past this many characters: a task that writes
 * hundreds of megabytes between two polls is shown a read at a time, not gathered whole.
 */
const HELD_CHARS = 256 * 1024;

interface Followed {
  name: string;
  path: string;
  offset: number;
  lines: PrefixedLines;
}

/**
 * Output for CI and for anything that is not a terminal: each task's output
 * as `[task] line`, read from its log file as it grows (tasks write their
 * logs directly, so output reaches the screen within a poll interval), and
 * a line when a task starts and ends.
 */
export class PlainReporter implements RunReporter {
  private readonly followed = new Map<string, Followed>();
  /** Start lines held until the end of this turn of the event loop, by leg. */
  private readonly starts = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private pending = '';

  constructor(
    private readonly out: (text: string) => void,
    private readonly prefix = '',
    private readonly pollMs = 200,
  ) {}

  /** Lines go out together once per turn of the event loop: one write for many short tasks. */
  private write(text: string): void {
    if (!text) return;
    if (!this.pending) setImmediate(() => this.flush());
    this.pending += text;
    if (this.pending.length > HELD_CHARS) this.flush();
  }

  private flush(): void {
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.out(text);
  }

  runStarted(record: Parameters<RunReporter['runStarted']>[0]): void {
    const params = paramsText(record.params, ', ');
    this.write(
      `[dagline] ${this.prefix}run ${record.id}: ${printable(record.pipeline)} (${printable(record.file)})${params ? `, ${params}` : ''}\n`,
    );
  }

  legStarted(leg: LegInstance, attempt: AttemptCount, logPath: string, logOffset: number): void {
    const name = this.nameOf(leg);
    // A start can come in the turn of the end that freed its slot, before that end is shown: the
    // start waits for the turn to finish, so a log never shows more tasks running than the
    // concurrency allows.
    if (this.starts.size === 0) setImmediate(() => this.writeStarts());
    // A leg followed already is being retried; a resumed one starts at the attempt it is on.
    const what = this.followed.has(name) ? 'retry' : 'start';
    const count = attempt.of > 1 ? ` (attempt ${attempt.number} of ${attempt.of})` : '';
    this.starts.set(name, `[dagline] ${what} ${name}${count}\n`);
    this.followed.set(name, { name, path: logPath, offset: logOffset, lines: new PrefixedLines(`[${name}] `) });
    this.timer ??= setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
  }

  legFinished(leg: LegInstance): void {
    const name = this.nameOf(leg);
    this.writeStart(name); // one that could not start ends in the turn it began
    const followed = this.followed.get(name);
    if (followed) {
      this.read(followed);
      this.endLine(followed);
      this.followed.delete(name);
    }
    const s = leg.state;
    const reason = s.status === 'success' ? '' : `: ${printable(s.reason ?? '')}`;
    this.write(`[dagline] ${s.status} ${name} (${durationOf(s.startedAt, s.endedAt)})${reason}\n`);
    if (this.followed.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  note(message: string): void {
    this.poll(); // what tasks printed before the note comes before it
    this.write(`[dagline] ${this.prefix}${printable(message)}\n`);
  }

  /** Shows what the task wrote before dagline's own lines, then steps over them: notes say it. */
  ownLogLines(leg: LegInstance, bytes: number): void {
    const followed = this.followed.get(this.nameOf(leg));
    if (!followed) return;
    const size = statSync(followed.path, { throwIfNoEntry: false })?.size ?? 0;
    this.read(followed, size - bytes);
    this.endLine(followed);
    followed.offset = Math.max(followed.offset, size);
  }

  /** What the task wrote after its last newline, shown as a line of its own. */
  private endLine(followed: Followed): void {
    this.write(followed.lines.end());
  }

  runFinished(...args: Parameters<RunReporter['runFinished']>): void {
    this.writeStarts();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.prefix) {
      this.write(`[dagline] ${this.prefix}run ${args[0].id}: ${args[0].status}\n`);
    } else this.write(`\n${runSummary(...args)}`);
    this.flush();
  }

  child(name: string): RunReporter {
    return new PlainReporter((text) => this.write(text), `${this.prefix}${printable(name)}/`, this.pollMs);
  }

  /** A leg as its lines name it: its name printable (matrix values are the user's), under a child run's prefix. */
  private nameOf(leg: LegInstance): string {
    return this.prefix + printable(leg.name);
  }

  private poll(): void {
    for (const followed of this.followed.values()) this.read(followed);
  }

  private writeStarts(): void {
    for (const line of this.starts.values()) this.write(line);
    this.starts.clear();
  }

  private writeStart(name: string): void {
    const line = this.starts.get(name);
    if (line === undefined) return;
    this.write(line);
    this.starts.delete(name);
  }

  /** Shows the log's new lines, up to `end` (a byte offset) when given. */
  private read(followed: Followed, end?: number): void {
    this.writeStart(followed.name); // a task's start comes before anything it printed
    // A stat is one call where open, read and close are three: most polls, and most short tasks, find nothing new.
    const size = end ?? statSync(followed.path, { throwIfNoEntry: false })?.size;
    if (size === undefined || size <= followed.offset) return;
    let fd: number;
    try {
      fd = openSync(followed.path, 'r');
    } catch {
      return;
    }
    try {
      const buffer = (readBuffer ??= Buffer.allocUnsafe(64 * 1024));
      for (;;) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - followed.offset), followed.offset);
        if (n <= 0) break;
        followed.offset += n;
        this.write(followed.lines.push(buffer.subarray(0, n)));
      }
    } finally {
      closeSync(fd);
    }
  }
}
