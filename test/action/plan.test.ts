import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubHarness } from '../github/harness.js';
import { compiledHarness, FIRST_BUNDLE_TIMEOUT } from './action-repo.js';

/** 23 params more than the three the tests give: past GitHub's 25 inputs, so `day` travels in dagline-params. */
const MORE_PARAMS = Array.from({ length: 23 }, (_, i) => `  extra${i + 1}: { type: string, default: x }\n`).join('');

const PIPELINE = `name: demo
params:
  mode:
    type: choice
    options: [fast, full]
    default: fast
  count:
    type: number
    default: 3
${MORE_PARAMS}  day:
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

const EXTRA = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`extra${i + 1}`, 'x']));

describe('the action: plan', { timeout: 300_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness({ 'pipelines/demo.yml': PIPELINE }, ['pipelines/demo.yml']);
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
        params: JSON.stringify({ mode: 'full', count: 5, ...EXTRA, day: '2026-12-01' }),
        run: JSON.stringify({ id: `gh-${run.id}`, actor: gh.actor.login, trigger: 'dispatch' }),
        'check-run-id': String(check.id),
        'run-key': `gh-${run.id}`,
      });
      // Opened in progress by the plan job (report completed it since).
      const opened = gh.api.requests.slice(before).find((r) => r.operationId === 'checks/create')!;
      expect(opened.holder).toBe(`${run.id}/dagline plan`); // the job, by its name
      expect(opened.body).toMatchObject({ name: 'dagline / demo', status: 'in_progress', external_id: `gh-${run.id}` });
      expect(check).toMatchObject({ name: 'dagline / demo', externalId: `gh-${run.id}` });
      expect(check.headSha).toBe(run.record.headSha);
      // The plan's one request (the check run opened); report's completes it.
      expect(gh.api.requests.slice(before).map((r) => r.operationId)).toEqual(['checks/create', 'checks/update']);
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it("takes a scheduled run's params from the cron that started it", async () => {
    const run = await (await gh.schedule('dagline-demo.yml', '0 3 * * *')).execute();
    const plan = run.job('dagline-plan');
    expect(plan.outputs.params).toBe(JSON.stringify({ mode: 'full', count: 3, ...EXTRA, day: 'nightly' }));
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
      [
        expect.stringContaining('task "twice": the value of ${{ params.count }} reaches $(( ))'),
        PIPELINE.split('\n').findIndex((line) => line.includes('$(( ${{ params.count }}')) + 1,
      ],
    ]);
  });
});
