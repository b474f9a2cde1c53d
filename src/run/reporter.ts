import type { ErrorEntry, RunRecord, TaskState } from '../state/run-record.js';
import type { LegInstance } from './scheduler.js';

/**
 * What a run tells the person watching it. The command line has two: live
 * progress on a terminal, prefixed log lines in CI; tests and child runs use
 * a quiet one.
 */
export interface RunReporter {
  runStarted(record: RunRecord, runDir: string): void;
  /**
   * An attempt's process started. `logOffset`: the log's size before the attempt was handed to
   * the runner; the attempt's output starts there (it may have written some already).
   */
  legStarted(leg: LegInstance, attempt: AttemptCount, logPath: string, logOffset: number): void;
  legFinished(leg: LegInstance, logPath: string): void;
  /** Called once as the run starts: how far it is, whenever the reporter wants to show it. */
  watchProgress?(progress: () => { done: number; total: number }): void;
  /** An attempt failed and the next starts in `delayMs` (its retry-delay): the leg waits, not runs. */
  legRetrying?(leg: LegInstance, delayMs: number): void;
  /** Retries, SLA misses, waiting for a concurrency group, dry-run commands. */
  note(message: string): void;
  /**
   * dagline appended `bytes` of its own to the leg's log (an attempt's end, a retry, a warning),
   * while none of the leg's processes ran. A reporter that shows logs need not show them again:
   * what they say comes as notes and as the leg's end.
   */
  ownLogLines?(leg: LegInstance, bytes: number): void;
  runFinished(record: RunRecord, tasks: TaskState[], errors: ErrorEntry[], runDir: string): void;
  /**
   * The reporter for a child run of a `pipeline:` task, named by the child pipeline (with the
   * leg's values for a leg of a matrix task: `deploy (eu)`); none means the child runs quietly.
   */
  child?(name: string): RunReporter;
}

/**
 * "Attempt 3 of 4": the attempt's number in the leg's record (counted on across resumes), and the
 * last this run makes if it keeps failing (a resumed task gets its retries again).
 */
export interface AttemptCount {
  number: number;
  of: number;
}

export const quietReporter: RunReporter = {
  runStarted() {},
  legStarted() {},
  legFinished() {},
  note() {},
  runFinished() {},
};
