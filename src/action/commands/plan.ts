import * as core from '@actions/core';
import { markdownText } from '../../render/markdown-text.js';
import { printable } from '../../render/printable.js';
import type { DaglineError, Place } from '../../errors/dagline-error.js';
import { errorRecord, type ErrorRecord } from '../../errors/format-error.js';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import type { GitHubClient } from '../../github/client.js';
import type { GitHubGuardVerdict } from '../../github/run-history.js';
import { LAYOUT_OUTPUT, layoutDigest, RELEASE_INPUT, runKey, workflowFileOf } from '../../github/workflow-contract.js';
import { layoutWaves, waveOutputs } from '../../compile/dynamic-waves.js';
import { valueProblems } from '../../plan/plan-pipeline.js';
import { paramPlaces, resolveParams } from '../../plan/resolve-params.js';
import type { ParamValue, Pipeline } from '../../pipeline-format/model.js';
import type { RunRecord, RunStatus, Trigger } from '../../state/run-record.js';
import { annotate } from '../annotations.js';
import { triggerOf, type RunnerContext } from '../runner-context.js';
import { givenParams, parentOf } from '../workflow-params.js';

export interface PlanSettings {
  pipeline: string;
  /** `${{ toJSON(inputs) }}`: null on push and schedule. */
  inputs: Record<string, unknown> | null;
  /** `${{ github.event.schedule }}`: the cron of a scheduled run. */
  schedule: string;
  /** Dynamic mode: the wave jobs of the workflow, which the plan lays the run out over (`wave-N`, `layout`). */
  waveJobs?: number;
}

/**
 * Why the plan stopped the run, for report to record and show: the run's status and its errors,
 * each at its place in the pipeline file. The plan job's `refusal` output.
 */
export interface PlanRefusal {
  /** on_hold as a local run on hold is recorded; failed for a refusal; cancelled for a skip. */
  status: Extract<RunStatus, 'failed' | 'on_hold' | 'cancelled'>;
  errors: ErrorRecord[];
  /** Stopped before it was a run (a local run so stopped is not registered): see RunRecord.stopped. */
  stopped?: NonNullable<RunRecord['stopped']>;
}

/**
 * What the plan job's `run` output says of the run: the `run` context its jobs' conditions read
 * (id, actor, trigger), and whether it was dispatched with a release, which report records.
 */
export interface PlanRun {
  id: string;
  actor: string;
  trigger: Trigger;
  release?: true;
}

/**
 * The guards a run meets before it starts (on hold, requires, the overlap guard), read from the
 * pipeline's history on GitHub (gitHubGuards, src/github/run-history.ts).
 */
export interface PlanGuards {
  check(pipeline: Pipeline, params: Record<string, ParamValue>, release: boolean): Promise<GitHubGuardVerdict>;
}

/**
 * `plan`: registers the run before any task starts (ProcessTracker). It opens the pipeline's check
 * run (`dagline / <pipeline>`, in progress), resolves the params from the workflow's inputs (or
 * the schedule's) and checks them against their declarations, asks the guards (on hold, requires,
 * on-overlap fail and skip, from the pipeline's history on GitHub), and hands the jobs that follow
 * `go`, `params` (JSON), `run` and `check-run-id`. A run it stops gets `go: false` and a `refusal`
 * that report records and completes the check run with (on hold: action required, with how to
 * release it; refused: failure; skipped: skipped); bad params also fail this step, each annotated
 * at its param.
 */
export async function planCommand(
  settings: PlanSettings,
  context: RunnerContext,
  client: GitHubClient,
  guards?: PlanGuards,
): Promise<void> {
  const parent = parentOf(settings.inputs);
  const key = runKey(context.runId, parent);
  const trigger = parent ? 'pipeline' : triggerOf(context.eventName);
  core.setOutput('run-key', key);
  const run: PlanRun = { id: key, actor: context.actor, trigger };
  core.setOutput('run', JSON.stringify(run));
  const loaded = readPipelineFile(settings.pipeline);
  if (!loaded.ok) {
    refuse({ status: 'failed', stopped: 'refused', errors: loaded.errors.map(errorRecord) });
    core.setFailed(`${settings.pipeline} does not validate (${loaded.errors.length} error(s))`);
    return;
  }
  const { pipeline, locator } = loaded;
  const placeOfParam = paramPlaces(pipeline, locator);
  const given = givenParams(pipeline, { inputs: settings.inputs, schedule: settings.schedule }, placeOfParam());
  if (given.release) core.setOutput('run', JSON.stringify({ ...run, release: true } satisfies PlanRun));
  const check = await client.createCheckRun({
    name: `dagline / ${pipeline.name}`,
    headSha: context.headSha,
    status: 'in_progress',
    externalId: key,
    detailsUrl: context.runUrl,
    output: {
      title: 'running',
      summary: `Run ${markdownText(key)} of ${markdownText(pipeline.name)} (${markdownText(pipeline.file)}).`,
    },
  });
  core.setOutput('check-run-id', String(check.id));

  const resolved = resolveParams(pipeline, given.given, true, placeOfParam);
  const problems: DaglineError[] = [
    ...given.problems,
    ...(resolved.ok ? [] : resolved.errors),
    // What a task would fail on when it starts, from the params and static matrix values: before any job runs.
    ...(resolved.ok && given.problems.length === 0
      ? valueProblems(pipeline, { params: resolved.values, run: { actor: context.actor, trigger } })
      : []),
  ];
  if (!resolved.ok || problems.length > 0) {
    refuse({ status: 'failed', stopped: 'refused', errors: problems.map(errorRecord) });
    core.setFailed(`the params of ${pipeline.file} do not hold (${problems.length} error(s))`);
    return;
  }
  const params = resolved.values;
  core.setOutput('params', JSON.stringify(params));
  if (settings.waveJobs !== undefined) {
    const layout = layoutWaves({
      pipeline,
      params,
      run,
      waveJobs: settings.waveJobs,
      placeOf: locator.at.bind(locator),
    });
    if (!layout.ok) {
      refuse({ status: 'failed', errors: layout.errors.map(errorRecord) });
      core.setFailed(`${pipeline.file} cannot run in dynamic mode (${layout.errors.length} error(s))`);
      return;
    }
    for (const [name, slot] of Object.entries(waveOutputs(layout.slots))) core.setOutput(name, slot);
    core.setOutput(LAYOUT_OUTPUT, layoutDigest(layout.slots));
  }

  const verdict = guards ? await guards.check(pipeline, params, given.release) : { kind: 'go' as const };
  if (verdict.kind !== 'go') {
    const place: Place = locator.at(verdict.path, 'key');
    const error: ErrorRecord = { kind: 'run', message: verdict.message, ...place };
    if (verdict.kind === 'on-hold')
      error.hint = `run it again with ${RELEASE_INPUT} ticked ("Run workflow"), or: gh workflow run ${workflowFileOf(pipeline.name)} -f ${RELEASE_INPUT}=true`;
    refuse(
      verdict.kind === 'on-hold'
        ? { status: 'on_hold', errors: [error] }
        : verdict.kind === 'refused'
          ? { status: 'failed', stopped: 'refused', errors: [error] }
          : { status: 'cancelled', stopped: 'skipped', errors: [error] },
    );
    return;
  }
  core.setOutput('go', 'true');
  core.info(
    `run ${key} of ${pipeline.name}: ${
      Object.entries(params)
        .map(([name, value]) => `${name}=${printable(JSON.stringify(value))}`)
        .join(', ') || 'no params'
    }`,
  );
}

/** The run does not go: nothing runs, and report records why. */
function refuse(refusal: PlanRefusal): void {
  for (const error of refusal.errors) annotate(error);
  core.setOutput('go', 'false');
  core.setOutput('refusal', JSON.stringify(refusal));
}
