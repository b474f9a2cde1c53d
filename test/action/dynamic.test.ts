import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAVE_JOBS } from '../../src/compile/dynamic-workflow.js';
import { MATRIX_LEGS_LIMIT } from '../../src/compile/github-limits.js';
import { DAGLINE_ACTION } from '../../src/compile/pinned-actions.js';
import { PLAN_JOB, REPORT_JOB, waveJobId, waveOutput } from '../../src/github/workflow-contract.js';
import type { GitHubHarness } from '../github/harness.js';
import { compiledHarness, FIRST_BUNDLE_TIMEOUT } from './action-repo.js';
import { WIDE_VALUES, widePipeline } from '../run/wide-pipeline.js';
import { CALLER, results, runRecord, waveLegs } from './dynamic-runs.js';

/**
 * Dynamic mode end to end: a workflow of the repository calls dagline's `.github/workflows/run.yml`
 * (run from the working tree, as its action is) with a pipeline and its params, and the same
 * pipelines' compiled workflows run beside it: each task must come out the same both ways.
 */

/**
 * A pipeline with a failure, what it skips, a cleanup that runs after it, a matrix whose legs a task
 * reads, and a task the plan cannot rule out (`recover` runs only if something fails) that run-task
 * finds skipped.
 */
const FAILING = `name: failing
tasks:
  square:
    matrix: { n: [1, 2, 3] }
    run: echo "square=$(( \${{ matrix.n }} * \${{ matrix.n }} ))" >> "$DAGLINE_OUTPUT"
    outputs: [square]
  sum:
    needs: [square]
    run: >-
      node -e 'const legs = JSON.parse(process.env.DAGLINE_NEEDS_SQUARE_LEGS);
      let sum = 0; for (const leg of Object.values(legs)) sum += Number(leg.outputs.square);
      console.log("sum=" + sum)' >> "$DAGLINE_OUTPUT"
    outputs: [sum]
  recover:
    needs: [square]
    if: failure()
    run: echo never
  broken:
    needs: [sum]
    retries: 0
    run: exit 3
  after:
    needs: [broken]
    run: echo never
  cleanup:
    needs: [after]
    if: always()
    run: echo "cleaning up after \${{ needs.after.result }}"
`;

describe('dynamic mode through the harness: the same task results as compiled mode', { timeout: 600_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness(
      { '.github/workflows/dynamic.yml': CALLER, 'pipelines/failing.yml': FAILING },
      ['examples/funnel/funnel.yml', 'pipelines/failing.yml'],
      { copy: ['examples/funnel'], daglineAction: DAGLINE_ACTION.uses },
    );
  });
  afterAll(() => gh.close());

  async function both(pipeline: string, compiled: string, params: Record<string, string>) {
    const before = gh.api.requests.length;
    const dynamic = await (
      await gh.dispatch('dynamic.yml', { inputs: { pipeline, params: JSON.stringify(params) } })
    ).execute();
    const requests = gh.api.requests.slice(before).map((r) => {
      // A list of workflow runs names its workflow: the history the guards read.
      const workflow = /\/actions\/workflows\/([^/]+)\/runs/.exec(r.url)?.[1];
      return workflow ? `${r.operationId} ${decodeURIComponent(workflow)}` : r.operationId;
    });
    const reference = await (await gh.dispatch(compiled, { inputs: params })).execute();
    return { dynamic, reference, requests };
  }

  it(
    'runs the funnel for dataStage=IaC: a wave a task, report closing the run, as the compiled workflow does',
    async () => {
      const { dynamic, reference, requests } = await both('examples/funnel/funnel.yml', 'dagline-funnel.yml', {
        dataStage: 'IaC',
      });
      expect(dynamic.conclusion).toBe('success');
      expect(dynamic.job(`run/${PLAN_JOB}`).result).toBe('success');
      expect(waveLegs(dynamic)).toEqual([1, 1, ...new Array<number>(WAVE_JOBS - 2).fill(0)]);
      expect(dynamic.job(`run/${waveJobId(3)}`).result).toBe('skipped');
      expect(dynamic.job(`run/${REPORT_JOB}`).result).toBe('success');
      expect(results(dynamic)).toEqual(results(reference));
      expect(runRecord(dynamic).record).toMatchObject({ status: 'completed', params: { dataStage: 'IaC' } });
      const check = gh.state.checkRuns.find((c) => c.externalId === `gh-${dynamic.id}`)!;
      expect(check).toMatchObject({ name: 'dagline / funnel', status: 'completed', conclusion: 'success' });
      // The funnel's history (on hold, its on-overlap fail group's queued and running runs) is the
      // calling workflow's runs, not those of its compiled workflow (regression: read dagline-funnel.yml's).
      expect(requests).toEqual([
        'checks/create',
        'actions/list-workflow-runs dynamic.yml',
        'actions/list-workflow-runs dynamic.yml',
        'actions/list-workflow-runs dynamic.yml',
        'checks/update',
      ]);
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it("runs the funnel for dataStage='Initial data': the pool's two legs a wave, every leg's record", async () => {
    const { dynamic, reference } = await both('examples/funnel/funnel.yml', 'dagline-funnel.yml', {
      dataStage: 'Initial data',
    });
    expect(dynamic.conclusion).toBe('success');
    expect(waveLegs(dynamic).slice(0, 7)).toEqual([2, 1, 1, 2, 1, 1, 0]);
    expect(dynamic.job(`run/${waveJobId(1)}`).legs.map((l) => l.name)).toEqual([
      'run / run-workflows (day)',
      'run / run-workflows (month)',
    ]);
    expect(Math.max(...waveLegs(dynamic))).toBeLessThanOrEqual(MATRIX_LEGS_LIMIT);
    expect(Object.keys(results(dynamic))).toHaveLength(9);
    expect(results(dynamic)).toEqual(results(reference));
  });

  it('decides from the records as compiled mode does: a failure, what it skips, an always() cleanup, needs.<id>.legs', async () => {
    const { dynamic, reference } = await both('pipelines/failing.yml', 'dagline-failing.yml', {});
    expect(dynamic.conclusion).toBe('failure');
    // GitHub runs the waves after a failed one: dagline decides, leg by leg, what the failure means.
    expect(waveLegs(dynamic).slice(0, 6)).toEqual([3, 2, 1, 1, 1, 0]);
    const got = results(dynamic);
    expect(got).toMatchObject({
      sum: { status: 'success', outputs: { sum: '14' } },
      recover: { status: 'skipped' },
      broken: { status: 'failed', reason: 'exit code 3' },
      after: { status: 'upstream_failed' },
      cleanup: { status: 'success' },
    });
    expect(got).toEqual(results(reference));
    expect(runRecord(dynamic).record.status).toBe('failed');
  });

  it("runs waves past what a step's input can hold: each wave job is given its own wave, each step the part of needs it reads", async () => {
    // 40 legs, each with a value of 4,000 characters: a wave of 160 KiB, past the 128 KiB of the
    // environment variable that \${{ toJSON(needs) }} becomes in a step (the plan once refused past 96 KiB).
    gh.commit({ 'pipelines/wide.yml': widePipeline('echo gathered') });
    const run = await (await gh.dispatch('dynamic.yml', { inputs: { pipeline: 'pipelines/wide.yml' } })).execute();
    expect(run.job(`run/${PLAN_JOB}`).outputs[waveOutput(1)]!.length).toBeGreaterThan(160_000);
    expect(run.conclusion).toBe('success');
    expect(waveLegs(run).slice(0, 3)).toEqual([40, 1, 0]);
    const got = results(run);
    expect(Object.keys(got)).toHaveLength(41);
    expect(Object.values(got).every((t) => (t as { status: string }).status === 'success')).toBe(true);
    expect(got[`part (${WIDE_VALUES[7]})`]).toMatchObject({ outputs: { length: '4000' } });
  });

  it('refuses a pipeline it cannot lay out, naming compiled mode, and report still closes the check run', async () => {
    gh.commit({
      'pipelines/deploy.yml': `name: deploy
tasks:
  ship:
    environment: production
    run: "true"
`,
    });
    const run = await (await gh.dispatch('dynamic.yml', { inputs: { pipeline: 'pipelines/deploy.yml' } })).execute();
    expect(run.conclusion).toBe('failure');
    expect(run.job(`run/${PLAN_JOB}`).result).toBe('failure');
    expect(run.job(`run/${waveJobId(1)}`).result).toBe('skipped');
    const annotation = run.annotations.find((a) => a.job === 'run / dagline plan' && a.level === 'error')!;
    expect(annotation.message).toContain('task "ship" has an environment');
    expect(annotation.message).toContain('compiled mode');
    const check = gh.state.checkRuns.find((c) => c.externalId === `gh-${run.id}`)!;
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(runRecord(run).record.status).toBe('failed');
  });
});
