import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import * as core from '@actions/core';
import type { DaglineError } from '../../errors/dagline-error.js';
import type { ErrorRecord } from '../../errors/format-error.js';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import { CHECK_RUN_TEXT_LIMIT, completeCheckRun } from '../../github/check-run.js';
import type { CheckAnnotation, CheckConclusion, GitHubClient } from '../../github/client.js';
import { JOB_FOLDERS, PLAN_JOB, runArtifactName, runKey } from '../../github/workflow-contract.js';
import type { ParamValue, Pipeline } from '../../pipeline-format/model.js';
import type { SourceLocator } from '../../pipeline-format/source-locator.js';
import { renderRunSummary } from '../../render/run-summary.js';
import { runFromJobs } from '../../run/run-from-jobs.js';
import { registration } from '../../run/run-pipeline.js';
import type { ErrorEntry, ExtractEntry, RunRecord, RunStatus, TaskState, Trigger } from '../../state/run-record.js';
import { RunStore } from '../../state/run-store.js';
import { annotate } from '../annotations.js';
import { LOG_FILE, readRecords, needOfTask, recordsOfTask, type FoundRecord, type NeedOfJob } from '../job-records.js';
import { jobFolder, type RunnerContext } from '../runner-context.js';
import type { PlanRefusal } from './plan.js';

export interface ReportSettings {
  pipeline: string;
  /** `${{ toJSON(needs) }}`: the plan job and every task job. */
  needs: Record<string, NeedOfJob>;
}

const CONCLUSION: Record<RunStatus, CheckConclusion> = {
  completed: 'success',
  failed: 'failure',
  cancelled: 'cancelled',
  on_hold: 'action_required',
  running: 'neutral',
};

/**
 * `report` (the last job, `if: always()`): the run record from every task's record (a later
 * attempt's wins), in the layout of `.dagline/runs/<id>/` so that `dagline runs show` reads the
 * artifact; the run as the job summary and the check run's text; the check run completed with the
 * run's conclusion and every error as an annotation at its line of the pipeline file (50 per
 * request). A handful of REST requests, whatever the size of the run. The step fails when the run
 * did not complete.
 */
export async function reportCommand(
  settings: ReportSettings,
  context: RunnerContext,
  client: GitHubClient,
): Promise<void> {
  const plan = settings.needs[PLAN_JOB];
  const planOutputs = plan?.outputs ?? {};
  const key = planOutputs['run-key'] || runKey(context.runId, undefined);
  const checkRunId = Number(planOutputs['check-run-id'] ?? '') || undefined;
  const run = parseJson<{ actor?: string; trigger?: Trigger }>(planOutputs.run) ?? {};
  const params = parseJson<Record<string, ParamValue>>(planOutputs.params) ?? {};
  const now = () => new Date().toISOString();

  const loaded = readPipelineFile(settings.pipeline);
  if (!loaded.ok) {
    for (const error of loaded.errors) annotate(error);
    const annotations = loaded.errors.map((error) => annotationOf(error, settings.pipeline));
    await finishCheckRun(client, checkRunId, context, `dagline / ${settings.pipeline}`, {
      conclusion: 'failure',
      title: 'the pipeline file does not validate',
      summary: `${settings.pipeline} does not validate: ${loaded.errors.length} error(s), annotated at their lines.`,
      annotations,
    });
    core.setOutput('status', 'failed');
    core.setFailed(`${settings.pipeline} does not validate (${loaded.errors.length} error(s))`);
    return;
  }
  const { pipeline, locator } = loaded;

  // What stopped the run before any task: the plan's refusal, or a plan job that ended without a word.
  const refusal =
    parseJson<PlanRefusal>(planOutputs.refusal) ??
    (planOutputs.go === 'true'
      ? undefined
      : {
          status: 'failed' as const,
          errors: [{ kind: 'run', message: `the plan job ended ${plan?.result ?? 'without running'}` }],
        });

  const records = readRecords(jobFolder(context, JOB_FOLDERS.records), key);
  const tasks = refusal
    ? []
    : runFromJobs({
        pipeline,
        params,
        run: {
          id: key,
          attempt: context.attempt,
          actor: run.actor ?? context.actor,
          trigger: run.trigger ?? 'dispatch',
        },
        recordsOf: (id) => recordsOfTask(id, records, needOfTask(settings.needs, id), context.attempt),
        now,
      });
  const legs = new Set(tasks.map((t) => t.leg));
  const ran = [...records.values()].filter((r) => legs.has(r.state.leg) && tasks.includes(r.state));
  const errors: ErrorEntry[] = [
    ...(refusal?.errors ?? []).map((e) => ({ type: 'data' as const, message: e.message, fatal: true, at: now() })),
    ...ran.flatMap((r) => r.errors),
  ];
  const status: RunStatus =
    refusal?.status ??
    (tasks.some((t) => (t.status === 'failed' && !t.continuedOnError) || t.status === 'pending')
      ? 'failed'
      : tasks.some((t) => t.status === 'cancelled')
        ? 'cancelled'
        : 'completed');

  const starts = tasks.flatMap((t) => (t.startedAt ? [t.startedAt] : [])).sort();
  const record: RunRecord = {
    ...registration(pipeline, {
      id: key,
      actor: run.actor ?? context.actor,
      trigger: run.trigger ?? 'dispatch',
      params,
      startedAt: starts[0] ?? now(),
    }),
    status,
    endedAt: now(),
    resumes: context.attempt - 1,
    tasks: Object.fromEntries(tasks.map((t) => [t.leg, t])),
    errors,
  };
  writeRunRecord(jobFolder(context, JOB_FOLDERS.runUpload), record, pipeline, ran);
  core.setOutput('dagline-artifact', runArtifactName(key, context.attempt));
  core.setOutput('status', status);

  const summaryOf = { record, tasks, errors, pipeline };
  await core.summary.addRaw(renderRunSummary(summaryOf, { runUrl: context.runUrl })).write();
  const annotations = [
    ...(refusal?.errors ?? []).map((error) => annotationOf(error, pipeline.file)),
    ...ran.flatMap((r) => r.errors.map((error) => taskAnnotation(error, pipeline, locator))),
  ];
  const counted = countByStatus(tasks);
  await finishCheckRun(client, checkRunId, context, `dagline / ${pipeline.name}`, {
    conclusion: CONCLUSION[status],
    title: `${status}${counted ? `: ${counted}` : ''}`,
    summary: `Run ${key} of ${pipeline.name} (${pipeline.file}), attempt ${context.attempt}: ${status}${
      status === 'on_hold' ? `. ${refusal?.errors[0]?.message ?? ''}` : ''
    }.`,
    text: renderRunSummary(summaryOf, { runUrl: context.runUrl, limit: CHECK_RUN_TEXT_LIMIT }),
    annotations,
  });
  if (status !== 'completed') core.setFailed(`run ${key} of ${pipeline.name}: ${status}`);
}

/**
 * The run record as a state folder: `runs/<id>/` (run.json, tasks.json, pipeline.yml, each leg's
 * log where its record says) and `extracts/`, exactly as a local run leaves it.
 */
function writeRunRecord(folder: string, record: RunRecord, pipeline: Pipeline, ran: FoundRecord[]): void {
  rmSync(folder, { recursive: true, force: true });
  const store = new RunStore(folder);
  store.register(record, pipeline.source.text);
  const runDir = store.runDir(record.id);
  for (const found of ran) {
    const log = found.state.log;
    const from = join(found.folder, LOG_FILE);
    // The log's place comes from a record: it must stay inside the run's folder.
    if (!log || !existsSync(from) || posix.normalize(log).startsWith('..') || posix.isAbsolute(log)) continue;
    const to = join(runDir, posix.normalize(log));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  const extracts: ExtractEntry[] = ran.flatMap((found) =>
    found.extracts.map((e) => ({
      name: e.name,
      filename: posix.basename(e.path),
      location: posix.dirname(e.path),
      status: e.status as ExtractEntry['status'],
      run: record.id,
      task: found.state.leg,
      updatedAt: found.state.endedAt ?? record.endedAt ?? record.startedAt,
    })),
  );
  if (extracts.length > 0) store.writeExtracts(extracts);
}

/** Completes the run's check run; one the plan could not open is opened here. */
async function finishCheckRun(
  client: GitHubClient,
  checkRunId: number | undefined,
  context: RunnerContext,
  name: string,
  result: Parameters<typeof completeCheckRun>[2],
): Promise<void> {
  let id = checkRunId;
  if (id === undefined) {
    id = (
      await client.createCheckRun({
        name,
        headSha: context.headSha,
        status: 'in_progress',
        detailsUrl: context.runUrl,
      })
    ).id;
  }
  await completeCheckRun(client, id, result);
}

/** An error of a task, at the task's line of the pipeline file. */
function taskAnnotation(error: ErrorEntry, pipeline: Pipeline, locator: SourceLocator): CheckAnnotation {
  const task = error.task?.split(' ')[0];
  const place = task && pipeline.tasks.has(task) ? locator.at(['tasks', task], 'key') : {};
  const line = place.line ?? 1;
  return {
    path: pipeline.file,
    startLine: line,
    endLine: line,
    ...(place.column !== undefined && { startColumn: place.column }),
    level: error.fatal ? 'failure' : 'warning',
    title: `${error.task ?? 'run'}: ${error.type}${error.attempt !== undefined ? `, attempt ${error.attempt}` : ''}`,
    message: error.message,
  };
}

function annotationOf(error: DaglineError | ErrorRecord, file: string): CheckAnnotation {
  const line = error.line ?? 1;
  return {
    path: error.file ?? file,
    startLine: line,
    endLine: line,
    ...(error.column !== undefined && { startColumn: error.column }),
    level: 'failure',
    title: 'dagline',
    message: error.hint ? `${error.message} (${error.hint})` : error.message,
  };
}

function countByStatus(tasks: TaskState[]): string {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
