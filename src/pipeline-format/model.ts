/**
 * The pipeline as the rest of dagline reads it: defaults applied, durations in
 * milliseconds, one-or-many fields as lists, maps in file order. Built from a
 * file that passed the schema (build-pipeline.ts); checked by check-pipeline.ts.
 */

export type ParamType = 'string' | 'choice' | 'boolean' | 'number';
export type ParamValue = string | number | boolean | null;
export type Scalar = string | number | boolean;
export type Shell = 'bash' | 'sh' | 'python' | 'node' | 'pwsh';
export type OnOverlap = 'fail' | 'queue' | 'skip' | 'cancel-running';

export interface ParamSpec {
  name: string;
  type: ParamType;
  description?: string;
  options?: string[];
  default?: ParamValue;
  required: boolean;
}

export interface StageSpec {
  name: string;
  description?: string;
  if?: string;
  /** Stages or tasks, as written. */
  needs: string[];
}

export type TaskAction =
  | { kind: 'run'; script: string; shell: Shell }
  | { kind: 'command'; argv: string[] }
  | { kind: 'pipeline'; path: string; with: Record<string, ParamValue>; dispatch: boolean };

export interface MatrixSpec {
  /** Axis name and its values, or an expression string giving them at run time. */
  axes: { name: string; values: Scalar[] | string }[];
  include: Record<string, Scalar>[];
  exclude: Record<string, Scalar>[];
}

export interface ExtractSpec {
  path: string;
  name?: string;
  /** Consumed, and made by no dagline run: it must exist when the task starts, and is registered as found. */
  external?: boolean;
}

export interface RetryPolicy {
  retries: number;
  delayMs: number;
  backoff: number;
  maxDelayMs?: number;
}

export interface TaskSpec {
  id: string;
  name?: string;
  description?: string;
  stage?: string;
  /** Display group, `a/b` nesting b in a. */
  group?: string;
  /** Tasks or stages, as written. */
  needs: string[];
  if?: string;
  action: TaskAction;
  workingDirectory?: string;
  env: Record<string, string>;
  outputs: string[];
  matrix?: MatrixSpec;
  maxParallel?: number;
  retry: RetryPolicy;
  timeoutMs: number;
  slaMs?: number;
  estimateMs?: number;
  pool?: string;
  produces: ExtractSpec[];
  consumes: ExtractSpec[];
  runsOn: string[];
  environment?: { name: string; url?: string };
  continueOnError: boolean;
}

export interface Pipeline {
  /** The file as named by the user, for messages. */
  file: string;
  name: string;
  description?: string;
  category?: string;
  owner?: string;
  type?: string;
  tool?: string;
  sources: string[];
  targets: string[];
  maxConsecutiveFailures?: number;
  params: Map<string, ParamSpec>;
  schedule: { cron: string; params: Record<string, ParamValue> }[];
  /** On GitHub, run on a push that changes the pipeline file; no branches: any branch. */
  push?: { branches: string[] };
  /** `defaults.runs-on`, else the built-in default: where the compiled workflow's own jobs run. */
  runsOn: string[];
  concurrency?: { group: string; onOverlap: OnOverlap };
  requires: { pipeline: string; params: Record<string, ParamValue> }[];
  env: Record<string, string>;
  pools: Map<string, number>;
  stages: Map<string, StageSpec>;
  tasks: Map<string, TaskSpec>;
  /** The text as it was loaded and its hash: a run keeps the DAG it had. */
  source: { text: string; sha256: string };
}

/** Built-in defaults, for what neither the task nor `defaults:` sets. */
export const BUILTIN_DEFAULTS = {
  retries: 0,
  retryDelayMs: 10_000,
  retryBackoff: 1,
  /** GitHub's job timeout, so a task behaves the same on both engines. */
  timeoutMs: 6 * 60 * 60 * 1000,
  shell: 'bash' as Shell,
  runsOn: ['ubuntu-latest'],
};

/** Before retry n+1: retry-delay * retry-backoff^(n-1), capped by retry-max-delay. */
export function retryDelay(task: TaskSpec, failedAttempt: number): number {
  const delay = task.retry.delayMs * task.retry.backoff ** (failedAttempt - 1);
  return Math.min(delay, task.retry.maxDelayMs ?? Infinity);
}

/** Milliseconds of a duration the schema accepted (500ms, 90s, 10m, 1h30m, 2d). */
export function parseDuration(text: string): number {
  const units: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|d|h|m|s)/g)) {
    total += Number(match[1]) * (units[match[2] as string] ?? 0);
  }
  return total;
}

/** A duration for people: 1h30m, 45s, 250ms. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let seconds = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds}s`);
  return parts.join('');
}
