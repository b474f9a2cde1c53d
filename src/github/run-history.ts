import { GitHubApiError } from '../errors/dagline-error.js';
import type { ParamValue, Pipeline } from '../pipeline-format/model.js';
import { concurrencyGroupOf } from '../plan/render-templates.js';
import { assessGuards, overlapVerdict, type ActiveRun, type PastRun, type RunHistory } from '../run/guards.js';
import type { RunRecord, RunStatus } from '../state/run-record.js';
import { readArtifactZip } from './artifact-zip.js';
import type { GitHubClient, WorkflowRun } from './client.js';
import { githubRunId, RELEASE_INPUT, runArtifactName, workflowFileOf } from './workflow-contract.js';

export interface GitHubHistoryOptions {
  client: GitHubClient;
  /** The compiled workflow of a pipeline (its file name); default `dagline-<name>.yml`. */
  workflowOf?: (pipeline: string) => string;
  /** The workflow run asking (the plan job's own run): not an earlier run, nor another active one. */
  currentRunId?: number;
  /** Run records read at most per question (two requests each: list, download). */
  maxRecords?: number;
  /** Pages of workflow runs listed at most per question. */
  maxPages?: number;
  perPage?: number;
}

/** How far back one question reads by default: enough for any sensible max-consecutive-failures. */
export const HISTORY_RECORDS_PER_QUESTION = 10;

/**
 * A pipeline's history on GitHub, behind the questions the guards ask (src/run/guards.ts): its
 * compiled workflow's completed runs, newest first, each with the run record `report` uploaded
 * (`dagline-run--gh-<run_id>--a<attempt>`: status, params, whether it was a trial or a release),
 * read lazily; a workflow run its plan job stopped before it was a run (refused, skipped) is
 * passed over. A question costs one list request per page of runs plus two per record it reads,
 * and reads at most `maxRecords` records and `maxPages` pages whatever the history's length; what
 * lies further back is taken as not there. A run without a readable record (report did not run,
 * the artifact expired) counts by its conclusion, with no params. Active runs are the workflow's
 * queued and in-progress runs (two requests); their concurrency group is known only from an
 * earlier attempt's record, else taken to be the pipeline's own.
 */
export function gitHubHistory(options: GitHubHistoryOptions): RunHistory {
  const { client } = options;
  const workflowOf = options.workflowOf ?? workflowFileOf;
  const maxRecords = options.maxRecords ?? HISTORY_RECORDS_PER_QUESTION;
  const maxPages = options.maxPages ?? 2;
  const perPage = options.perPage ?? 20;
  const { owner, repo } = client.repository;
  /** Records already read, by workflow run and attempt: two questions about one run pay once. */
  const records = new Map<string, Promise<RunRecord | undefined>>();

  const recordOf = (run: WorkflowRun, attempt: number): Promise<RunRecord | undefined> => {
    const key = `${run.id}/${attempt}`;
    let record = records.get(key);
    if (!record) {
      record = readRunRecord(client, run.id, attempt);
      records.set(key, record);
    }
    return record;
  };

  return {
    where: `on GitHub (${owner}/${repo})`,

    async *runsNewestFirst(pipeline: string): AsyncGenerator<PastRun> {
      let read = 0;
      for (let page = 1; page <= maxPages; page++) {
        const runs = await listRuns(client, workflowOf(pipeline), { status: 'completed', perPage, page });
        for (const run of runs) {
          if (run.id === options.currentRunId) continue;
          if (read >= maxRecords) return;
          read++;
          const record = await recordOf(run, run.runAttempt);
          // Stopped before it was a run (refused, skipped): a local history would not hold it.
          if (record?.stopped !== undefined) continue;
          yield record ?? byConclusion(run);
        }
        if (runs.length < perPage) return;
      }
    },

    releasedAt: () => undefined,

    howToRelease: (pipeline) => `a run of ${workflowOf(pipeline)} is dispatched with ${RELEASE_INPUT}: true`,

    async activeRuns(pipeline: string): Promise<ActiveRun[]> {
      const workflow = workflowOf(pipeline);
      const runs = [
        ...(await listRuns(client, workflow, { status: 'in_progress', perPage: 100, page: 1 })),
        ...(await listRuns(client, workflow, { status: 'queued', perPage: 100, page: 1 })),
      ].filter((run) => run.id !== options.currentRunId);
      const active: ActiveRun[] = [];
      let read = 0;
      for (const run of runs) {
        // A re-run's earlier attempt recorded the params, hence the group; a first attempt has not yet.
        const earlier = run.runAttempt > 1 && read++ < maxRecords ? await recordOf(run, run.runAttempt - 1) : undefined;
        active.push({
          id: githubRunId(run.id),
          pipeline,
          ...(earlier?.concurrencyGroup !== undefined
            ? { concurrencyGroup: earlier.concurrencyGroup }
            : earlier
              ? {}
              : { groupUnknown: true }),
          label: `${githubRunId(run.id)} (${run.htmlUrl || run.status})`,
        });
      }
      return active;
    },
  };
}

/** What the guards say of a run about to start on GitHub, where nothing waits: go, or why not. */
export type GitHubGuardVerdict =
  { kind: 'go' } | { kind: 'on-hold' | 'refused' | 'skipped'; message: string; path: (string | number)[] };

/**
 * The plan job's guards on GitHub: on hold (lifted by a release dispatch), `requires`, and the
 * overlap guard for on-overlap `fail` and `skip` (the run's group rendered with its params, asked
 * of the workflow's queued and running runs), read through the history. `queue` and
 * `cancel-running` are GitHub's own to keep (the workflow's `concurrency:`): not asked here.
 */
export function gitHubGuards(
  options: GitHubHistoryOptions & {
    /**
     * The workflow the asking run belongs to, when it is not the pipeline's compiled one: in
     * dynamic mode, the workflow that calls run.yml. The pipeline's own history (on hold, its
     * group's active runs) is that workflow's runs; `requires` still reads compiled workflows.
     */
    ownWorkflow?: string;
  },
) {
  const { ownWorkflow, ...historyOptions } = options;
  const compiled = options.workflowOf ?? workflowFileOf;
  return {
    async check(pipeline: Pipeline, params: Record<string, ParamValue>, release: boolean): Promise<GitHubGuardVerdict> {
      const history = gitHubHistory({
        ...historyOptions,
        workflowOf: (name) => (ownWorkflow !== undefined && name === pipeline.name ? ownWorkflow : compiled(name)),
      });
      const onOverlap = pipeline.concurrency?.onOverlap;
      const asked = onOverlap === 'fail' || onOverlap === 'skip' ? onOverlap : undefined;
      const group = asked ? concurrencyGroupOf(pipeline, params) : undefined;
      const verdict = await assessGuards(history, pipeline, group, { release });
      if (verdict.kind !== 'busy') return verdict;
      return asked ? overlapVerdict(asked, verdict) : { kind: 'go' };
    },
  };
}

/** A workflow's runs; a workflow GitHub does not know (never compiled, or not pushed yet) has none. */
async function listRuns(
  client: GitHubClient,
  workflow: string,
  query: { status: string; perPage: number; page: number },
): Promise<WorkflowRun[]> {
  try {
    return await client.listWorkflowRuns(workflow, query);
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return [];
    throw error;
  }
}

/** The run record of one attempt of a workflow run, from its artifact; none when it is not there. */
export async function readRunRecord(
  client: GitHubClient,
  workflowRunId: number,
  attempt: number,
): Promise<RunRecord | undefined> {
  const name = runArtifactName(githubRunId(workflowRunId), attempt);
  const artifact = (await client.listArtifacts(workflowRunId, { name })).find((a) => a.name === name && !a.expired);
  if (!artifact) return undefined;
  let files: Map<string, Uint8Array>;
  try {
    files = readArtifactZip(await client.downloadArtifact(artifact.id));
  } catch {
    return undefined; // not a zip dagline can read: as if there were no record
  }
  // The artifact is a state folder: runs/<id>/run.json beside tasks.json and pipeline.yml.
  const path = [...files.keys()].find((p) => /^(?:runs\/[^/]+\/)?run\.json$/.test(p));
  if (path === undefined) return undefined;
  try {
    const record = JSON.parse(new TextDecoder().decode(files.get(path))) as RunRecord;
    if (typeof record.status !== 'string' || typeof record.startedAt !== 'string') return undefined;
    if (typeof record.params !== 'object' || record.params === null) record.params = {};
    return record;
  } catch {
    return undefined;
  }
}

/** A run without a record, as its conclusion says: no params known, neither a trial nor a release. */
function byConclusion(run: WorkflowRun): PastRun {
  const status: RunStatus =
    run.conclusion === 'cancelled'
      ? 'cancelled'
      : run.conclusion === 'failure' || run.conclusion === 'timed_out' || run.conclusion === 'startup_failure'
        ? 'failed'
        : 'completed';
  return { id: githubRunId(run.id), status, startedAt: run.createdAt, params: {} };
}
