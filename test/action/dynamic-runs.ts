// Dynamic mode's runs through the harness, for its tests and for bench/github-dynamic.harness.ts: the
// workflow that calls dagline's run.yml, and what each task of a run came to, read from the run
// record artifact as `dagline runs show --state-dir` reads it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WAVE_JOBS } from '../../src/compile/dynamic-workflow.js';
import { DAGLINE_ACTION } from '../../src/compile/pinned-actions.js';
import { waveJobId } from '../../src/github/workflow-contract.js';
import type { RunRecord, TaskState } from '../../src/state/run-record.js';
import { RunStore } from '../../src/state/run-store.js';
import type { WorkflowRun } from '../github/workflow-run.js';

const [DAGLINE_REPO, DAGLINE_SHA] = DAGLINE_ACTION.uses.split('@') as [string, string];

/** The caller: any pipeline of the repository, with params as JSON. */
export const CALLER = `name: dynamic
on:
  workflow_dispatch:
    inputs:
      pipeline: { type: string, required: true }
      params: { type: string, required: false, default: '{}' }
permissions: {}
jobs:
  run:
    permissions: { actions: read, checks: write, contents: read }
    uses: ${DAGLINE_REPO}/.github/workflows/run.yml@${DAGLINE_SHA}
    with:
      pipeline: \${{ inputs.pipeline }}
      params: \${{ inputs.params }}
`;

/** The record of a run as `dagline runs show --state-dir` reads it from its run record artifact. */
export function runRecord(run: WorkflowRun): { record: RunRecord; tasks: Map<string, TaskState> } {
  const artifact = run.artifacts.find((a) => a.name === `dagline-run--gh-${run.id}--a${run.attempt}`);
  if (!artifact) throw new Error(`no run record: ${run.artifacts.map((a) => a.name).join(', ')}`);
  const folder = mkdtempSync(join(tmpdir(), 'dagline-dynamic-record-'));
  for (const [path, data] of artifact.files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), data);
  }
  const loaded = new RunStore(folder).loadRun(`gh-${run.id}`);
  return { record: loaded.record, tasks: loaded.tasks };
}

/** What a task came to, without what differs from one run to another (times, the run's id). */
export function results(run: WorkflowRun): Record<string, unknown> {
  const { tasks } = runRecord(run);
  return Object.fromEntries(
    [...tasks.values()]
      .sort((a, b) => a.leg.localeCompare(b.leg))
      .map((t) => [
        t.leg,
        {
          status: t.status,
          reason: t.reason,
          outputs: t.outputs,
          attempts: t.attempts.map((a) => a.exitCode),
          ...(t.continuedOnError && { continuedOnError: true }),
        },
      ]),
  );
}

/** The legs of every wave job that ran, by job. */
export function waveLegs(run: WorkflowRun): number[] {
  return Array.from({ length: WAVE_JOBS }, (_, k) => run.job(`run/${waveJobId(k + 1)}`).legs.length);
}
