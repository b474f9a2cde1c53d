import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import * as core from '@actions/core';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import { CHECK_RUN_TEXT_LIMIT, completeCheckRun } from '../../github/check-run.js';
import type { CheckAnnotation, CheckConclusion, GitHubClient } from '../../github/client.js';
import { JOB_FOLDERS, PLAN_JOB, runArtifactName, runKey } from '../../github/workflow-contract.js';
import type { ParamValue, Pipeline } from '../../pipeline-format/model.js';
import type { SourceLocator } from '../../pipeline-format/source-locator.js';
import { concurrencyGroupOf } from '../../plan/render-templates.js';
import { markdownText } from '../../render/markdown-text.js';
import { renderRunSummary } from '../../render/run-summary.js';
import { runFromJobs } from '../../run/run-from-jobs.js';
import { registration } from '../../run/run-pipeline.js';
import type { ErrorEntry, ExtractEntry, RunRecord, RunStatus, TaskState } from '../../state/run-record.js';
import { RunStore } from '../../state/run-store.js';
import { annotate, checkAnnotationOf } from '../annotations.js';
import {
  dynamicLayout,
  LOG_FILE,
  readRecords,
  needOfTask,
  recordsOfTask,
  type FoundRecord,
  type NeedOfJob,
} from '../job-records.js';
import { jobFolder, type RunnerContext } from '../runner-context.js';
import type { PlanRefusal, PlanRun } from './plan.js';

export interface ReportSettings {
  pipeline: string;
  /**
   * `${{ toJSON(needs) }}`: the plan job and every task job; in dynamic mode the part of it report
   * reads (the plan's outputs but the waves, every wave job's result).
   */
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
  const run = parseJson<Partial<PlanRun>>(planOutputs.run) ?? {};
  const params = parseJson<Record<string, ParamValue>>(planOutputs.params);
  const now = () => new Date().toISOString();

  const loaded = readPipelineFile(settings.pipeline);
  if (!loaded.ok) {
    for (const error of loaded.errors) annotate(error);
    const annotations = loaded.errors.map((error) => checkAnnotationOf(error, settings.pipeline));
    await finishCheckRun(client, checkRunId, context, `dagline / ${settings.pipeline}`, {
      conclusion: 'failure',
      title: 'the pipeline file does not validate',
      summary: `${markdownText(settings.pipeline)} does not validate: ${loaded.errors.length} error(s), annotated at their lines.`,
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
  const waves = refusal
    ? undefined
    : dynamicLayout(pipeline, params ?? {}, { id: key, actor: run.actor, trigger: run.trigger }, settings.needs);
  const tasks = refusal
    ? []
    : runFromJobs({
        pipeline,
        params: params ?? {},
        run: {
          id: key,
          attempt: context.attempt,
          actor: run.actor ?? context.actor,
          trigger: run.trigger ?? 'dispatch',
        },
        recordsOf: (id) => recordsOfTask(id, records, needOfTask(settings.needs, id, waves), context.attempt),
        now,
      });
  const legs = new Set(tasks.map((t) => t.leg));
  const ran = [...records.values()].filter((r) => legs.has(r.state.leg) && tasks.includes(r.state));
  // On hold is the system's word, as a local run on hold records it; a refusal is of what the run was given.
  const refusalType = refusal?.status === 'on_hold' ? ('system' as const) : ('data' as const);
  const errors: ErrorEntry[] = [
    ...(refusal?.errors ?? []).map((e) => ({ type: refusalType, message: e.message, fatal: true, at: now() })),
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
      params: params ?? {},
      startedAt: starts[0] ?? now(),
      // The group the run had: none when its params never held.
      ...(params !== undefined && { group: groupOf(pipeline, params) }),
      release: run.release === true,
    }),
    status,
    endedAt: now(),
    resumes: context.attempt - 1,
    tasks: Object.fromEntries(tasks.map((t) => [t.leg, t])),
    errors,
    ...(refusal?.stopped !== undefined && { stopped: refusal.stopped }),
  };
  writeRunRecord(jobFolder(context, JOB_FOLDERS.runUpload), record, pipeline, ran);
  core.setOutput('dagline-artifact', runArtifactName(key, context.attempt));
  core.setOutput('status', status);

  const summaryOf = { record, tasks, errors, pipeline };
  await core.summary.addRaw(renderRunSummary(summaryOf, { runUrl: context.runUrl })).write();
  const annotations = [
    ...(refusal?.errors ?? []).map((error) => checkAnnotationOf(error, pipeline.file)),
    ...ran.flatMap((r) => r.errors.map((error) => taskAnnotation(error, pipeline, locator))),
  ];
  const counted = countByStatus(tasks);
  // What a run stopped before it began says: the plan's reason, and how to get past it.
  const reason = refusal?.errors[0];
  const skipped = refusal?.stopped === 'skipped';
  const said = skipped ? 'skipped' : refusal?.stopped === 'refused' ? 'refused' : status;
  await finishCheckRun(client, checkRunId, context, `dagline / ${pipeline.name}`, {
    conclusion: skipped ? 'skipped' : CONCLUSION[status],
    title: `${said}${counted ? `: ${counted}` : ''}`,
    // The summary is Markdown: the values in it are escaped for it.
    summary: `Run ${markdownText(key)} of ${markdownText(pipeline.name)} (${markdownText(pipeline.file)}), attempt ${context.attempt}: ${said}${
      reason ? `. ${markdownText(reason.message)}${reason.hint ? ` (${markdownText(reason.hint)})` : ''}` : ''
    }.`,
    text: renderRunSummary(summaryOf, { runUrl: context.runUrl, limit: CHECK_RUN_TEXT_LIMIT }),
    annotations,
  });
  // A skip is no failure (locally it exits 0); anything else that did not complete fails the step.
  if (status !== 'completed' && !skipped) core.setFailed(`run ${key} of ${pipeline.name}: ${said}`);
}

/** The run's concurrency group, as the plan rendered it from the same params. */
function groupOf(pipeline: Pipeline, params: Record<string, ParamValue>): string | undefined {
  try {
    return concurrencyGroupOf(pipeline, params);
  } catch {
    return undefined; // the plan job stopped on it and said why; the record is kept without it
  }
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
