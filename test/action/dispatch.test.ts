import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubHarness } from '../github/harness.js';
import type { WorkflowRun } from '../github/workflow-run.js';
import { compiledHarness, FIRST_BUNDLE_TIMEOUT, workflow } from './action-repo.js';

/** A workflow of one's own that dispatches the funnel's forced scheduler with the action. */
const START_SCHEDULER = workflow(`name: start the day scheduler
on: workflow_dispatch
permissions: {}
jobs:
  start:
    runs-on: ubuntu-latest
    permissions: { actions: write, contents: read }
    steps:
      - uses: @checkout
        with: { persist-credentials: false }
      - id: dagline
        uses: @dagline
        with:
          command: dispatch
          pipeline: examples/funnel/funnel-workflow.yml
          params: '{"scheduler": "day"}'
          wait: true
`);

/** The REST requests one job made, by operation. */
function requestsOf(gh: GitHubHarness, run: WorkflowRun, job: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of gh.api.requests.filter((r) => r.holder === `${run.id}/${job}`))
    counts[request.operationId] = (counts[request.operationId] ?? 0) + 1;
  return counts;
}

/** A followed run's looks: one request for the run each, one for its jobs each but the last. */
function looks(counts: Record<string, number>): Record<string, number> {
  const runs = counts['actions/get-workflow-run'] ?? 0;
  expect(counts['actions/list-jobs-for-workflow-run']).toBe(runs - 1);
  const rest = { ...counts };
  delete rest['actions/get-workflow-run'];
  delete rest['actions/list-jobs-for-workflow-run'];
  return rest;
}

describe('the action dispatch: runs of their own, started and followed from a workflow', { timeout: 900_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness(
      { '.github/workflows/start-scheduler.yml': START_SCHEDULER },
      ['examples/funnel/funnel.yml', 'examples/funnel/funnel-workflow.yml', 'examples/funnel/funnel-rollout.yml'],
      // Dispatched runs start at once; the dispatching jobs look at them often, within a budget that allows it.
      { copy: ['examples/funnel'], runnerEnv: { DAGLINE_POLL_MS: '200' }, rateLimit: 100_000 },
    );
  });
  afterAll(() => gh.close());

  it(
    "refuses the forced scheduler before the funnel's initial data: the step fails at the pipeline's requires",
    async () => {
      const run = await (await gh.dispatch('start-scheduler.yml')).execute();
      expect(run.conclusion).toBe('failure');
      const step = run.job('start').legs[0]!.steps[1]!;
      expect(step.outcome).toBe('failure');
      expect(step.annotations).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message:
            'requires a completed run of "funnel" with dataStage=Initial data, and there is none on GitHub (' +
            `${gh.state.repository.owner.login}/${gh.state.repository.name})`,
          file: 'examples/funnel/funnel-workflow.yml',
          line: 25,
        }),
      );
      expect(gh.runsOf('dagline-funnel-workflow.yml')).toEqual([]);
      // One look at the funnel's completed runs: none.
      expect(requestsOf(gh, run, 'start')).toEqual({ 'actions/list-workflow-runs': 1 });
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it('runs the master DAG: each step a run of its own, dispatched once the one before it completed', async () => {
    const master = await (await gh.dispatch('dagline-funnel-rollout.yml')).execute();
    expect(master.conclusion).toBe('success');
    expect(['iac', 'initial-data', 'force-day', 'dagline-report'].map((job) => master.job(job).result)).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
    // The token of a step's job may dispatch and read, nothing more.
    const granted = Object.entries(master.job('iac').permissions ?? {}).filter(([, level]) => level !== 'none');
    expect(Object.fromEntries(granted)).toEqual({ actions: 'write', contents: 'read', metadata: 'read' });

    const funnel = gh.runsOf('dagline-funnel.yml');
    expect(funnel.map((run) => [run.inputs.dataStage, run.event.name, run.conclusion])).toEqual([
      ['IaC', 'workflow_dispatch', 'success'],
      ['Initial data', 'workflow_dispatch', 'success'],
    ]);
    const [scheduler] = gh.runsOf('dagline-funnel-workflow.yml');
    expect(scheduler!.inputs).toEqual({ scheduler: 'day' });
    expect(scheduler!.conclusion).toBe('success');
    expect(scheduler!.job('force-scheduler').result).toBe('success');
    // Each step started after the one before it ended.
    expect(funnel[0]!.record.updatedAt <= funnel[1]!.record.createdAt).toBe(true);
    expect(funnel[1]!.record.updatedAt <= scheduler!.record.createdAt).toBe(true);

    // The master's record names each step's run.
    const record = master.artifacts.find((a) => a.name === `dagline-run--gh-${master.id}--a1`)!;
    const tasks = JSON.parse(record.files.get(`runs/gh-${master.id}/tasks.json`)!.toString()) as {
      tasks: Record<string, { status: string; childRun?: string }>;
    };
    expect(Object.entries(tasks.tasks).map(([id, t]) => [id, t.status, t.childRun])).toEqual([
      ['iac', 'success', `gh-${funnel[0]!.id}`],
      ['initial-data', 'success', `gh-${funnel[1]!.id}`],
      ['force-day', 'success', `gh-${scheduler!.id}`],
    ]);

    // Each step: the guards (on hold, requires, the concurrency group), one dispatch, then looks.
    expect(looks(requestsOf(gh, master, 'iac'))).toEqual({
      'actions/list-workflow-runs': 3,
      'actions/create-workflow-dispatch': 1,
    });
    for (const job of ['initial-data', 'force-day'])
      expect(looks(requestsOf(gh, master, job)), job).toEqual({
        'actions/list-workflow-runs': 3,
        'actions/list-workflow-run-artifacts': 1,
        'actions/download-artifact': 1,
        'actions/create-workflow-dispatch': 1,
      });
  });

  it('dispatches from a workflow of its own and follows the run to its end once requires is met', async () => {
    const run = await (await gh.dispatch('start-scheduler.yml')).execute();
    expect(run.conclusion).toBe('success');
    const started = gh.runsOf('dagline-funnel-workflow.yml').at(-1)!;
    expect(started.conclusion).toBe('success');
    expect(run.job('start').legs[0]!.steps[1]!.outputs).toEqual({
      'run-id': String(started.id),
      'run-url': `https://github.com/${gh.state.repository.owner.login}/${gh.state.repository.name}/actions/runs/${started.id}`,
      conclusion: 'success',
    });
  });
});
