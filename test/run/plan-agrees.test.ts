import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planPipeline, type Plan } from '../../src/plan/plan-pipeline.js';
import { resolveParams } from '../../src/plan/resolve-params.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';
import type { RunOutcome } from '../../src/run/run-pipeline.js';
import { quietReporter } from '../../src/run/reporter.js';
import { yamlFilesUnder } from '../helpers.js';
import { Repo } from './harness.js';

/**
 * The plan and the run ask the same rules (plan/run-rules.ts): on a run where every task that
 * runs succeeds, what the plan says runs runs, what it says is skipped is skipped for the same
 * reason, and a matrix has the legs the plan expanded.
 */
function expectAgreement(plan: Plan, outcome: RunOutcome): void {
  for (const task of plan.tasks) {
    const legs = outcome.tasks.filter((t) => t.task === task.id);
    const seen = `${task.id}: planned ${task.decision}${task.reason ? ` (${task.reason})` : ''}, ran ${JSON.stringify(
      legs.map((l) => [l.leg, l.status, l.reason]),
    )}`;
    if (task.excluded) continue;
    if (task.decision === 'run') {
      expect(legs.length, seen).toBeGreaterThan(0);
      expect(
        legs.every((l) => l.status === 'success'),
        seen,
      ).toBe(true);
      if (!task.dynamicMatrix)
        expect(
          legs.map((l) => l.leg),
          seen,
        ).toEqual(task.legs.map((l) => l.name));
    } else if (task.decision === 'skip') {
      expect(
        legs.map((l) => [l.status, l.reason]),
        seen,
      ).toEqual([['skipped', task.reason]]);
    }
  }
}

function planOf(pipeline: Pipeline, params: Record<string, string>): Plan {
  const resolved = resolveParams(pipeline, params);
  if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '));
  return planPipeline(pipeline, { params: resolved.values, run: { actor: 'tester', trigger: 'manual' } });
}

describe('the plan and the run agree', () => {
  it('on every example, for each choice of its choice params (a dry run: the real scheduler, no processes)', async () => {
    const repo = new Repo();
    let compared = 0;
    for (const file of yamlFilesUnder('examples')) {
      const pipeline = repo.pipeline(file, readFileSync(file, 'utf8'));
      const choices = [...pipeline.params.values()].filter((p) => p.type === 'choice');
      const paramSets: Record<string, string>[] = [{}];
      for (const param of choices)
        for (const option of param.options ?? []) paramSets.push({ [param.name]: String(option) });
      for (const params of paramSets) {
        const required = [...pipeline.params.values()].filter((p) => p.required && !(p.name in params));
        if (required.length > 0) continue;
        const plan = planOf(pipeline, params);
        const outcome = await repo.run(pipeline, { params, dryRun: true }, quietReporter);
        expectAgreement(plan, outcome);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('on tricky conditions, run with real processes', async () => {
    const repo = new Repo();
    const pipeline = repo.pipeline(
      'tricky.yml',
      `
name: tricky
params:
  n: { type: number, default: 2 }
  list: { type: string, default: "[]" }
  flag: { type: boolean, default: false }
env: { MODE: fast }
stages:
  off: { if: "params.n > 5" }
  on: { if: "\${{ env.MODE == 'fast' }}" }
tasks:
  first: { run: 'true' }
  never: { if: "false", run: 'true' }
  implicit-success: { needs: [never], if: "needs.never.result == 'skipped'", run: 'true' }
  explicit-always: { needs: [never], if: "always() && needs.never.result == 'skipped'", run: 'true' }
  not-success: { needs: [never], if: "!success()", run: 'true' }
  success-or-failure: { needs: [never], if: "success() || failure()", run: 'true' }
  not-cancelled: { needs: [never], if: "\${{ !cancelled() }}", run: 'true' }
  on-failure: { needs: [first], if: failure(), run: 'true' }
  after-failure-check: { needs: [on-failure], run: 'true' }
  always-after-skip: { needs: [on-failure], if: always(), run: 'true' }
  in-off-stage: { stage: off, if: always(), run: 'true' }
  after-off-stage: { needs: [off], run: 'true' }
  after-off-stage-always: { needs: [off], if: always(), run: 'true' }
  in-on-stage: { stage: on, run: 'true' }
  after-on-stage: { needs: [on], if: "params.n == 2", run: 'true' }
  by-param: { needs: [first], if: "params.flag", run: 'true' }
  by-attempt: { if: "run.attempt == 1 && format('{0}-{1}', params.n, env.MODE) == '2-fast'", run: 'true' }
  empty-matrix: { matrix: { x: "\${{ fromJSON(params.list) }}" }, run: 'true' }
  after-empty-matrix: { needs: [empty-matrix], run: 'true' }
  after-empty-matrix-always: { needs: [empty-matrix], if: "!failure() && !cancelled()", run: 'true' }
  static-matrix: { needs: [first], matrix: { a: [1, 2], b: [x] , exclude: [{ a: 2 }] }, run: 'true' }
  reads-result: { needs: [first, never], if: "always() && contains(needs.first.result, 'succ')", run: 'true' }
`,
    );
    const plan = planOf(pipeline, {});
    const outcome = await repo.run(pipeline);
    expectAgreement(plan, outcome);
    // Not vacuous: the plan decided each of these, and the run did the same.
    const decided = Object.fromEntries(plan.tasks.map((t) => [t.id, t.decision]));
    expect(decided).toMatchObject({
      'implicit-success': 'skip',
      'explicit-always': 'run',
      'not-success': 'run',
      'success-or-failure': 'skip',
      'not-cancelled': 'run',
      'on-failure': 'conditional',
      'after-failure-check': 'conditional',
      'always-after-skip': 'run',
      'in-off-stage': 'skip',
      'after-off-stage': 'skip',
      'after-off-stage-always': 'run',
      'in-on-stage': 'run',
      'after-on-stage': 'run',
      'by-param': 'skip',
      'by-attempt': 'run',
      'empty-matrix': 'skip',
      'after-empty-matrix': 'skip',
      'after-empty-matrix-always': 'run',
      'static-matrix': 'run',
      'reads-result': 'run',
    });
  });
});
