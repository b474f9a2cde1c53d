import { dispatchInputs, workflowPath } from '../compile/compile-workflow.js';
import {
  ExitCode,
  GitHubApiError,
  GuardError,
  UsageError,
  type DaglineError,
  type Place,
} from '../errors/dagline-error.js';
import type { Pipeline } from '../pipeline-format/model.js';
import { resolveParams, type PlaceOfParam } from '../plan/resolve-params.js';
import { printable } from '../render/printable.js';
import { concurrencyGroupOf } from '../plan/render-templates.js';
import { assessGuards, overlapVerdict } from '../run/guards.js';
import type { GitHubClient, WorkflowJob, WorkflowRun } from './client.js';
import { gitHubHistory } from './run-history.js';
import { RELEASE_INPUT, workflowFileOf } from './workflow-contract.js';

/**
 * `dagline dispatch` and the action's dispatch: a run of a pipeline's compiled workflow started
 * through GitHub's API, after the checks a local run meets before it registers (the params against
 * their types, on hold, `requires`, the concurrency group), read from the pipeline's history on
 * GitHub; then, when asked, followed to its end.
 */

export interface DispatchRequest {
  pipeline: Pipeline;
  /** The params as given: text from `--param`, typed values from JSON or a task's `with:`. */
  given: Record<string, string | number | boolean>;
  fromText: boolean;
  placeOfParam?: PlaceOfParam;
  /** Where a key of the pipeline file is, for a refusal that comes from it (`requires`, `concurrency`). */
  placeOf?: (path: (string | number)[]) => Place;
  /** The branch or tag the run is for: its workflow file and its code are read there. */
  ref: string;
  /** Lift the pipeline from on hold and run it (the workflow's `dagline-release` input). */
  release?: boolean;
}

export type DispatchOutcome =
  /** Nothing was dispatched: the params do not hold, or a guard refused (each error has its exit code). */
  | { kind: 'not-dispatched'; errors: DaglineError[] }
  /** `on-overlap: skip` and the group is busy: nothing dispatched, and that is no failure. */
  | { kind: 'skipped'; message: string }
  | { kind: 'dispatched'; workflow: string; runId: number; htmlUrl: string };

/**
 * Checks and dispatches: the params first (`connect`, which may ask for a token, is called only once
 * they hold), then the guards (a few requests: src/github/run-history.ts), then one dispatch with
 * `return_run_details`. `on-overlap: queue` and `cancel-running` are GitHub's own to apply (the
 * workflow's `concurrency:`), so their group is not asked about.
 */
export async function dispatchPipeline(
  connect: () => GitHubClient,
  request: DispatchRequest,
): Promise<DispatchOutcome> {
  const { pipeline } = request;
  const placeOf = (path: (string | number)[]): Place => request.placeOf?.(path) ?? { file: pipeline.file };
  if (request.release && pipeline.maxConsecutiveFailures === undefined)
    return {
      kind: 'not-dispatched',
      errors: [
        new UsageError(
          `pipeline "${pipeline.name}" has no max-consecutive-failures: it is never on hold, and its workflow has no ${RELEASE_INPUT} input`,
          { file: pipeline.file },
          'dispatch it without release',
        ),
      ],
    };
  const resolved = resolveParams(pipeline, request.given, request.fromText, request.placeOfParam);
  if (!resolved.ok) return { kind: 'not-dispatched', errors: resolved.errors };
  const params = resolved.values;
  const client = connect();

  const onOverlap = pipeline.concurrency?.onOverlap;
  const group = onOverlap === 'fail' || onOverlap === 'skip' ? concurrencyGroupOf(pipeline, params) : undefined;
  const workflow = workflowFileOf(pipeline.name);
  const verdict = await assessGuards(gitHubHistory({ client }), pipeline, group, {
    release: request.release ?? false,
  });
  switch (verdict.kind) {
    case 'on-hold':
      return {
        kind: 'not-dispatched',
        errors: [
          new GuardError(
            verdict.message,
            placeOf(verdict.path),
            ExitCode.onHold,
            "once the cause is fixed: dagline dispatch --release, or the action's release: true",
          ),
        ],
      };
    case 'refused':
      return {
        kind: 'not-dispatched',
        errors: [new GuardError(verdict.message, placeOf(verdict.path), ExitCode.refused)],
      };
    case 'busy': {
      const overlap = overlapVerdict(onOverlap === 'skip' ? 'skip' : 'fail', verdict);
      if (overlap.kind === 'skipped') return { kind: 'skipped', message: overlap.message };
      return {
        kind: 'not-dispatched',
        errors: [
          new GuardError(overlap.message, placeOf(overlap.path), ExitCode.refused, 'wait for it to end, or cancel it'),
        ],
      };
    }
    case 'go':
      break;
  }

  const inputs = dispatchInputs(pipeline, params, { release: request.release ?? false });
  try {
    const run = await client.dispatchWorkflow(workflow, request.ref, inputs);
    return { kind: 'dispatched', workflow, runId: run.runId, htmlUrl: run.htmlUrl };
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404)
      throw new GitHubApiError(
        error.message,
        404,
        `is ${workflowPath(pipeline.name)} on ${request.ref}? Compile it (npx dagline compile ${pipeline.file}), commit and push it; the token must see the repository`,
      );
    throw error;
  }
}

/** How far a run has come: its status and its jobs done of those GitHub lists so far. */
export interface RunProgress {
  status: string;
  done: number;
  total: number;
}

export interface FollowOptions {
  /** Between two looks at the run. */
  pollMs: number;
  /** Waits (tests give one that waits for nothing, or runs the run). */
  sleep?: (ms: number) => Promise<void>;
  /** Called when the progress changes (not at every look). */
  onProgress?: (progress: RunProgress) => void;
}

/**
 * Follows a run until GitHub says it completed, and returns it (its conclusion). Each look is one
 * request for the run and, while it is not done, one for its jobs (per 100 jobs).
 */
export async function followRun(client: GitHubClient, runId: number, options: FollowOptions): Promise<WorkflowRun> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last = '';
  for (;;) {
    const run = await client.getWorkflowRun(runId);
    if (run.status === 'completed') return run;
    const progress = progressOf(run, await client.listJobs(runId));
    const key = `${progress.status} ${progress.done}/${progress.total}`;
    if (key !== last) options.onProgress?.(progress);
    last = key;
    await sleep(options.pollMs);
  }
}

function progressOf(run: WorkflowRun, jobs: WorkflowJob[]): RunProgress {
  return { status: run.status, done: jobs.filter((job) => job.status === 'completed').length, total: jobs.length };
}

/** The line that says a progress: `run 123: 2 of 7 jobs done`, or its status before any job. */
export function progressLine(runId: number, progress: RunProgress): string {
  const text =
    progress.total === 0
      ? progress.status.replace(/_/g, ' ')
      : `${progress.done} of ${progress.total} job${progress.total === 1 ? '' : 's'} done`;
  return printable(`run ${runId}: ${text}`);
}

/** A completed run's conclusion as an exit code: 0 for success, 1 for anything else (failure, cancelled, timed out). */
export function conclusionExitCode(conclusion: string | null): number {
  return conclusion === 'success' ? ExitCode.ok : ExitCode.failed;
}

/** Between two looks at a followed run, unless DAGLINE_POLL_MS says otherwise: a few requests a minute. */
export const DEFAULT_POLL_MS = 15_000;

/** DAGLINE_POLL_MS (milliseconds, for tests and impatient people), else the default. */
export function pollMsFrom(env: Record<string, string | undefined>): number {
  const text = env.DAGLINE_POLL_MS;
  if (text === undefined || text === '') return DEFAULT_POLL_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 0)
    throw new UsageError(
      `DAGLINE_POLL_MS=${text} is not a whole number of milliseconds`,
      {},
      'e.g. DAGLINE_POLL_MS=15000',
    );
  return ms;
}
