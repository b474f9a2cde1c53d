import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubHarness } from '../github/harness.js';
import { actionHarness, FIRST_BUNDLE_TIMEOUT, workflow } from './action-repo.js';

const PIPELINE = `name: demo
params:
  mode:
    type: choice
    options: [fast, full]
    default: fast
  count:
    type: number
    default: 3
  day:
    type: string
schedule:
  - cron: "0 3 * * *"
    params: { mode: full, day: nightly }
tasks:
  hello:
    run: echo hello
  twice:
    if: params.mode == 'full'
    run: echo $(( \${{ params.count }} * 2 ))
`;

const WORKFLOW = workflow(`name: dagline / demo
on:
  workflow_dispatch:
    inputs:
      mode: { type: choice, options: [fast, full], default: fast }
      count: { type: number, default: 3 }
      dagline-params: { type: string, required: false, default: '' }
      dagline-release: { type: boolean, default: false }
  schedule:
    - cron: "0 3 * * *"
permissions: {}
jobs:
  dagline-plan:
    runs-on: ubuntu-latest
    permissions: { contents: read, actions: read, checks: write }
    outputs:
      go: \${{ steps.dagline.outputs.go }}
      params: \${{ steps.dagline.outputs.params }}
      run: \${{ steps.dagline.outputs.run }}
      check-run-id: \${{ steps.dagline.outputs.check-run-id }}
      run-key: \${{ steps.dagline.outputs.run-key }}
      refusal: \${{ steps.dagline.outputs.refusal }}
    steps:
      - uses: @checkout
        with: { persist-credentials: false }
      - id: dagline
        uses: @dagline
        with:
          command: plan
          pipeline: pipelines/demo.yml
          inputs: \${{ toJSON(inputs) }}
          schedule: \${{ github.event.schedule }}
          github-token: \${{ github.token }}
`);

describe('the action: plan', { timeout: 300_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await actionHarness({ 'pipelines/demo.yml': PIPELINE, '.github/workflows/dagline-demo.yml': WORKFLOW });
  });
  afterAll(() => gh.close());

  it(
    'registers the run: opens the check run in progress, outputs go, the typed params and its id, in one request',
    async () => {
      const before = gh.api.requests.length;
      const run = await (
        await gh.dispatch('dagline-demo.yml', {
          inputs: { mode: 'full', count: 5, 'dagline-params': '{"day": "2026-12-01"}' },
        })
      ).execute();
      const plan = run.job('dagline-plan');
      expect(plan.result).toBe('success');
      const check = gh.state.checkRuns.at(-1)!;
      expect(plan.outputs).toEqual({
        go: 'true',
        params: JSON.stringify({ mode: 'full', count: 5, day: '2026-12-01' }),
        run: JSON.stringify({ id: `gh-${run.id}`, actor: gh.actor.login, trigger: 'dispatch' }),
        'check-run-id': String(check.id),
        'run-key': `gh-${run.id}`,
      });
      expect(check).toMatchObject({ name: 'dagline / demo', status: 'in_progress', externalId: `gh-${run.id}` });
      expect(check.headSha).toBe(run.record.headSha);
      expect(gh.api.requests.slice(before).map((r) => r.operationId)).toEqual(['checks/create']);
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it("takes a scheduled run's params from the cron that started it", async () => {
    const run = await (await gh.schedule('dagline-demo.yml', '0 3 * * *')).execute();
    const plan = run.job('dagline-plan');
    expect(plan.outputs.params).toBe(JSON.stringify({ mode: 'full', count: 3, day: 'nightly' }));
    expect(JSON.parse(plan.outputs.run!)).toMatchObject({ trigger: 'schedule' });
  });

  it('refuses params that do not hold: go false, each error annotated at its param, the step failed', async () => {
    const run = await (
      await gh.dispatch('dagline-demo.yml', { inputs: { 'dagline-params': '{"count": "many", "colour": "red"}' } })
    ).execute();
    const plan = run.job('dagline-plan');
    expect(plan.result).toBe('failure');
    expect(plan.outputs.go).toBe('false');
    const refusal = JSON.parse(plan.outputs.refusal!) as {
      status: string;
      errors: { message: string; line?: number }[];
    };
    expect(refusal.status).toBe('failed');
    expect(refusal.errors.map((e) => [e.message, e.line])).toEqual([
      ['pipeline "demo" has no param "colour"', 2],
      ['param "count" is a number; got "many"', 7],
    ]);
    const annotations = plan.legs[0]!.annotations.filter((a) => a.level === 'error');
    expect(annotations.map((a) => [a.file, a.line])).toEqual([
      ['pipelines/demo.yml', 2],
      ['pipelines/demo.yml', 7],
      [undefined, undefined],
    ]);
  });

  it('refuses a param value a task would fail on before any job runs: go false, annotated at its template (regression: found when that job started)', async () => {
    const run = await (await gh.dispatch('dagline-demo.yml', { inputs: { mode: 'full', count: 2.5 } })).execute();
    const plan = run.job('dagline-plan');
    expect(plan.result).toBe('failure');
    expect(plan.outputs.go).toBe('false');
    const refusal = JSON.parse(plan.outputs.refusal!) as { errors: { message: string; line?: number }[] };
    expect(refusal.errors.map((e) => [e.message, e.line])).toEqual([
      [expect.stringContaining('task "twice": the value of ${{ params.count }} reaches $(( ))'), 20],
    ]);
  });
});
