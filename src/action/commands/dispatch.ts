import { resolve } from 'node:path';
import * as core from '@actions/core';
import { ParamError, UsageError, type DaglineError } from '../../errors/dagline-error.js';
import { formatErrorLine } from '../../errors/format-error.js';
import type { Value } from '../../expressions/evaluate.js';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import type { GitHubClient, WorkflowRun } from '../../github/client.js';
import { dispatchPipeline, followRun, pollMsFrom, progressLine, type DispatchOutcome } from '../../github/dispatch.js';
import { defaultRef } from '../../github/target.js';
import { githubRunId } from '../../github/workflow-contract.js';
import { paramPlaces } from '../../plan/resolve-params.js';
import { printable } from '../../render/printable.js';
import type { ChildRunResult } from '../../run/task-lifecycle.js';
import { annotate } from '../annotations.js';
import { readPipelineForStep } from '../step-pipeline.js';
import type { RunnerContext } from '../runner-context.js';
import { runTaskCommand, type RunTaskSettings } from './run-task.js';

export interface DispatchSettings {
  /** The pipeline to dispatch; with `task`, the master pipeline whose task it is. */
  pipeline: string;
  /** A `dispatch: true` task of a master pipeline (its compiled job gives it); empty: dispatch `pipeline`. */
  task: string;
  /** The params of the run to start (JSON); with `task`, the master run's params (the plan job's). */
  params: Record<string, unknown>;
  /** With `task`: its leg and the jobs it needs, as run-task takes them. */
  matrix: RunTaskSettings['matrix'];
  needs: RunTaskSettings['needs'];
  killGraceMs: number;
  /** The branch or tag to run on; empty: the workflow's own, else the default branch. */
  ref: string;
  wait: boolean;
  release: boolean;
}

/**
 * `dispatch`: a run of a pipeline's compiled workflow, started through GitHub's API once its params
 * and guards hold (src/github/dispatch.ts, as `dagline dispatch`), its id and URL as outputs; with
 * `wait`, followed to its end, the step failing unless it succeeded. With `task`, the job of a
 * master pipeline's `dispatch: true` task: the task runs as run-task runs any task (its record,
 * retries, timeout, templates of `with:` from the master's params and needs), its pipeline
 * dispatched and followed as a run of its own.
 */
export async function dispatchCommand(
  settings: DispatchSettings,
  context: RunnerContext,
  client: () => GitHubClient,
): Promise<void> {
  const ref = settings.ref || refOf(context);
  const pollMs = pollMsFrom(process.env);
  if (settings.task) {
    await runTaskCommand({ ...settings, task: settings.task }, context, client, (path, params) =>
      dispatchChild(client(), context, path, params, ref, pollMs),
    );
    return;
  }
  const loaded = readPipelineForStep(settings.pipeline);
  if (!loaded) return;
  const { pipeline, locator } = loaded;
  const given: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(settings.params)) {
    if (value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new UsageError(`input "params": param "${name}" is ${JSON.stringify(value)}, not a value`);
    given[name] = value;
  }
  const outcome = await dispatchPipeline(client, {
    pipeline,
    given,
    fromText: true,
    placeOfParam: paramPlaces(pipeline, locator),
    placeOf: (path) => locator.at(path, 'key'),
    ref,
    release: settings.release,
  });
  if (outcome.kind === 'not-dispatched') {
    for (const error of outcome.errors) annotate(error);
    core.setFailed(`${pipeline.file} was not dispatched: ${formatErrorLine(outcome.errors[0]!)}`);
    return;
  }
  if (outcome.kind === 'skipped') {
    core.notice(printable(outcome.message));
    return;
  }
  dispatched(outcome);
  if (!settings.wait) return;
  const run = await follow(client(), outcome.runId, pollMs);
  core.setOutput('conclusion', run.conclusion ?? '');
  if (run.conclusion !== 'success')
    core.setFailed(
      printable(
        `run ${run.id} of ${outcome.workflow} ended ${run.conclusion ?? 'without a conclusion'}: ${run.htmlUrl}`,
      ),
    );
}

/** A master pipeline's child: dispatched as a run of its own and followed to its end. */
async function dispatchChild(
  client: GitHubClient,
  context: RunnerContext,
  path: string,
  params: Record<string, Value>,
  ref: string,
  pollMs: number,
): Promise<ChildRunResult> {
  const loaded = readPipelineFile(resolve(context.workspace, path));
  if (!loaded.ok)
    return { status: 'failed', message: loaded.errors.map(formatErrorLine).join('; '), notStarted: 'data' };
  const { pipeline, locator } = loaded;
  const given: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(params))
    if (value !== null) given[name] = typeof value === 'object' ? JSON.stringify(value) : value;
  const outcome = await dispatchPipeline(() => client, {
    pipeline,
    given,
    fromText: false,
    placeOfParam: paramPlaces(pipeline, locator),
    placeOf: (at) => locator.at(at, 'key'),
    ref,
  });
  if (outcome.kind === 'skipped') return { status: 'failed', message: outcome.message, notStarted: 'process' };
  if (outcome.kind === 'not-dispatched') return notStarted(outcome.errors);
  dispatched(outcome);
  const run = await follow(client, outcome.runId, pollMs);
  return {
    runId: githubRunId(run.id),
    status: run.conclusion === 'success' ? 'completed' : run.conclusion === 'cancelled' ? 'cancelled' : 'failed',
    message: `${run.conclusion ?? 'no conclusion'}, ${run.htmlUrl}`,
  };
}

function notStarted(errors: DaglineError[]): ChildRunResult {
  return {
    status: 'failed',
    message: errors.map(formatErrorLine).join('; '),
    notStarted: errors.some((error) => error instanceof ParamError) ? 'data' : 'process',
  };
}

function dispatched(outcome: Extract<DispatchOutcome, { kind: 'dispatched' }>): void {
  core.setOutput('run-id', String(outcome.runId));
  core.setOutput('run-url', outcome.htmlUrl);
  core.info(printable(`dispatched ${outcome.workflow}: run ${outcome.runId} ${outcome.htmlUrl}`));
}

function follow(client: GitHubClient, runId: number, pollMs: number): Promise<WorkflowRun> {
  return followRun(client, runId, { pollMs, onProgress: (progress) => core.info(progressLine(runId, progress)) });
}

/** The branch or tag this workflow runs for, else the repository's default branch (a pull request's merge ref cannot be dispatched). */
function refOf(context: RunnerContext): string {
  const ref =
    defaultRef(process.env, context.workspace) ??
    (context.event.repository as { default_branch?: unknown } | undefined)?.default_branch;
  if (typeof ref !== 'string' || ref === '')
    throw new UsageError('no ref to dispatch on', {}, 'give the action ref: BRANCH');
  return ref;
}
