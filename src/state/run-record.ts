/**
 * The vocabulary of runs, as ProcessTracker records them: who started a run,
 * with what, what it read and wrote, how each task went, what went wrong and
 * which files it produced. Every part that runs or reads runs speaks these
 * types; the store writes them as JSON.
 */
import type { ParamValue } from '../pipeline-format/model.js';

export type RunStatus = 'running' | 'completed' | 'failed' | 'on_hold' | 'cancelled';
export type TaskStatus = 'pending' | 'running' | 'success' | 'failed' | 'skipped' | 'cancelled' | 'upstream_failed';
export type ErrorType = 'system' | 'process' | 'data' | 'timeout' | 'sla';
export type ExtractStatus = 'initialized' | 'ready' | 'in_use' | 'processed' | 'failed';
export type Trigger = 'manual' | 'schedule' | 'pipeline' | 'dispatch' | 'resume' | 'push';

export const FINISHED_TASK: ReadonlySet<TaskStatus> = new Set([
  'success',
  'failed',
  'skipped',
  'cancelled',
  'upstream_failed',
]);
export const FINISHED_RUN: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'on_hold', 'cancelled']);

/** The id of a --dry-run's record, which is never written. */
export const DRY_RUN_ID = 'dry-run';

/** A run as registered before any task starts, and as it ends. */
export interface RunRecord {
  id: string;
  pipeline: string;
  /** The pipeline file as it was given. */
  file: string;
  description?: string;
  category?: string;
  type?: string;
  tool?: string;
  sources: string[];
  targets: string[];
  actor: string;
  trigger: Trigger;
  params: Record<string, ParamValue>;
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  /** The hash of the pipeline text as it ran; the text itself is kept beside the record. */
  sha256: string;
  /** The dagline process that runs it: a run marked running whose process is gone was killed. */
  process: { pid: number; host: string; startTime?: string };
  concurrencyGroup?: string;
  selection?: { only: string[]; from: string[] };
  /** Set on a child run: the run and task that started it. */
  parent?: { run: string; task: string };
  /** How many times the run was resumed. */
  resumes: number;
  /**
   * Started with a release (on GitHub, dispatched with `dagline-release: true`): it lifts the
   * pipeline from on hold, and the failures before it no longer count.
   */
  release?: true;
  /**
   * On GitHub only: the workflow run stopped before it became a run of the pipeline: its params did
   * not hold, `requires` was unmet or its concurrency group was busy (`refused`), or on-overlap
   * skip passed it by (`skipped`). A local run stopped so is not registered at all; on GitHub the
   * workflow run is there all the same, and its record says why it did nothing. The history passes
   * over it, as a local history has no such run.
   */
  stopped?: 'refused' | 'skipped';
  /** Filled when the run ends (and kept current by resume); a reader replays the journal while it runs. */
  tasks?: Record<string, TaskState>;
  errors?: ErrorEntry[];
  /** When the run ends: how many tasks ended in each status, and how many errors; what a history lists. */
  counts?: { tasks: Partial<Record<TaskStatus, number>>; errors: number };
}

/** One task, or one matrix leg (`load (day)`), of a run. */
export interface TaskState {
  task: string;
  leg: string;
  matrix?: Record<string, string | number | boolean>;
  status: TaskStatus;
  attempts: Attempt[];
  outputs: Record<string, string>;
  startedAt?: string;
  endedAt?: string;
  /** Why it was skipped, failed or cancelled, in a few words. */
  reason?: string;
  /** Failed, but marked continue-on-error: it does not fail the run, and counts as done for its dependents. */
  continuedOnError?: boolean;
  /** Left out by --only / --from: taken as done, with the outputs of an earlier run that ran it. */
  notSelected?: boolean;
  /** Left out by --only / --from: the earlier run whose outputs of it this run handed on. */
  outputsFrom?: string;
  /** The log file, relative to the run's folder. */
  log?: string;
  /** For a `pipeline:` task: the child run. */
  childRun?: string;
  /** The SLA was missed (an `sla` error is registered too). */
  slaMissed?: boolean;
}

export interface Attempt {
  number: number;
  startedAt: string;
  /** Where this attempt's part of the task's log begins, in bytes (its header included). */
  logOffset?: number;
  endedAt?: string;
  exitCode?: number | null;
  signal?: string | null;
  timedOut?: boolean;
  error?: string;
  /**
   * While its process runs: its process group (the leader's pid, and on Linux the leader's start
   * time), which the next dagline ends should this one be killed. Gone once the attempt ends.
   */
  group?: { pgid: number; startTime?: string };
}

export interface ErrorEntry {
  /** The leg it belongs to; none for run-level errors. */
  task?: string;
  type: ErrorType;
  message: string;
  fatal: boolean;
  at: string;
  attempt?: number;
}

/** A file a task produced (or a run found), as the extracts registry keeps it. */
export interface ExtractEntry {
  name: string;
  filename: string;
  /** The folder, as resolved when it was registered. */
  location: string;
  status: ExtractStatus;
  run: string;
  task: string;
  updatedAt: string;
  /** The run and task using it, while in_use or once processed. */
  consumer?: { run: string; task: string };
  /** Made by no dagline run: found by the task that consumes it (`run` and `task` say which). */
  external?: true;
}

/** A task's result as `needs.<id>.result` shows it, with GitHub's words. */
export function resultOf(state: TaskState): 'success' | 'failure' | 'cancelled' | 'skipped' {
  if (state.notSelected) return 'success';
  switch (state.status) {
    case 'success':
      return 'success';
    case 'failed':
      return state.continuedOnError ? 'success' : 'failure';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'skipped';
  }
}

const TASK_STATUSES: ReadonlySet<string> = new Set<TaskStatus>([...FINISHED_TASK, 'pending', 'running']);
const ERROR_TYPES: ReadonlySet<string> = new Set<ErrorType>(['system', 'process', 'data', 'timeout', 'sla']);

/**
 * A journal line as a value, or undefined when it is not one dagline wrote: a line cut short by a
 * killed writer, or one of the wrong shape (`null`, a string, an array, a task without its leg).
 * Readers skip such lines, as a torn last line is skipped.
 */
export function journalEntryOf(line: string): { task: TaskState } | { error: ErrorEntry } | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(entry)) return undefined;
  if (isTaskState(entry.task)) return { task: entry.task };
  if (isErrorEntry(entry.error)) return { error: entry.error };
  return undefined;
}

function isTaskState(value: unknown): value is TaskState {
  return (
    isObject(value) &&
    typeof value.task === 'string' &&
    typeof value.leg === 'string' &&
    typeof value.status === 'string' &&
    TASK_STATUSES.has(value.status) &&
    Array.isArray(value.attempts) &&
    value.attempts.every(
      (attempt) => isObject(attempt) && typeof attempt.number === 'number' && typeof attempt.startedAt === 'string',
    ) &&
    isObject(value.outputs) &&
    Object.values(value.outputs).every((output) => typeof output === 'string')
  );
}

function isErrorEntry(value: unknown): value is ErrorEntry {
  return (
    isObject(value) &&
    typeof value.type === 'string' &&
    ERROR_TYPES.has(value.type) &&
    typeof value.message === 'string' &&
    typeof value.at === 'string' &&
    (value.task === undefined || typeof value.task === 'string')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
