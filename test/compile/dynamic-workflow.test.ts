import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DYNAMIC_WORKFLOW_PATH, dynamicWorkflow, WAVE_JOBS } from '../../src/compile/dynamic-workflow.js';
import { CHECKOUT, DAGLINE_ACTION, PINNED_USES } from '../../src/compile/pinned-actions.js';
import { JOB_OUTPUTS_LIMIT, MATRIX_LEGS_LIMIT, outputsSize } from '../../src/compile/github-limits.js';
import { LAYOUT_OUTPUT, PLAN_JOB, REPORT_JOB, waveJobId, waveOutput } from '../../src/github/workflow-contract.js';
import { child, evaluateExpression, evaluateText } from '../github/expressions.js';
import { REPOSITORY_ROOT } from '../github/dagline-action.js';
import { loadWorkflow } from '../github/workflow-file.js';
import { actionlint } from './actionlint.js';

interface Job {
  needs?: string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean };
  steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}

const text = dynamicWorkflow();
const workflow = parse(text) as { permissions: unknown; jobs: Record<string, Job> };

describe("dynamic mode's reusable workflow (.github/workflows/run.yml)", () => {
  it('is the committed file (write it again with -u after changing src/compile/dynamic-workflow.ts)', async () => {
    await expect(text).toMatchFileSnapshot(join(REPOSITORY_ROOT, DYNAMIC_WORKFLOW_PATH));
  });

  it("passes GitHub's workflow parser and actionlint with no finding", async () => {
    await expect(loadWorkflow(DYNAMIC_WORKFLOW_PATH, text, () => undefined)).resolves.toBeDefined();
    const findings = await actionlint(text, DYNAMIC_WORKFLOW_PATH);
    expect(findings.map((f) => `${f.line}:${f.column}: ${f.message} [${f.kind}]`)).toEqual([]);
  }, 120_000);

  it('has the plan job, the wave jobs in a chain and the report job after all, whatever happened', () => {
    const waves = Array.from({ length: WAVE_JOBS }, (_, k) => waveJobId(k + 1));
    expect(Object.keys(workflow.jobs)).toEqual([PLAN_JOB, ...waves, REPORT_JOB]);
    waves.forEach((id, k) => {
      const job = workflow.jobs[id]!;
      expect(job.needs).toEqual([PLAN_JOB, ...waves.slice(0, k)]);
      // Not GitHub's success(): a failed leg does not stop the waves after it, dagline decides.
      expect(job.if).toContain('!cancelled()');
      expect(job.strategy).toEqual({
        matrix: `\${{ fromJSON(needs.dagline-plan.outputs.wave-${k + 1}).matrix }}`,
        'fail-fast': false,
      });
    });
    expect(workflow.jobs[REPORT_JOB]!.needs).toEqual([PLAN_JOB, ...waves]);
    expect(workflow.jobs[REPORT_JOB]!.if).toBe('${{ always() }}');
  });

  it('gives each wave job and report a needs input of a few hundred bytes however large the waves are, not toJSON(needs), which holds them all', async () => {
    const loaded = await loadWorkflow(DYNAMIC_WORKFLOW_PATH, text, () => undefined);
    // The plan job's outputs near GitHub's 1 MB a job: every wave job has 256 legs.
    const wave = JSON.stringify({
      minutes: 30,
      matrix: {
        include: Array.from({ length: MATRIX_LEGS_LIMIT }, (_, i) => ({
          task: `task-${i}`,
          leg: { part: 'p'.repeat(40) },
        })),
      },
    });
    const plan = {
      go: 'true',
      params: '{"dataStage":"IaC"}',
      run: '{"id":"gh-7","actor":"octocat","trigger":"dispatch"}',
      'check-run-id': '11',
      'run-key': 'gh-7',
      [LAYOUT_OUTPUT]: 'f'.repeat(32),
      ...Object.fromEntries(Array.from({ length: WAVE_JOBS }, (_, k) => [waveOutput(k + 1), wave])),
    };
    expect(outputsSize(Object.entries(plan).flat())).toBeGreaterThan(JOB_OUTPUTS_LIMIT * 0.75);
    const results = ['success', 'failure', 'skipped', 'cancelled'];
    for (const id of [...Array.from({ length: WAVE_JOBS }, (_, k) => waveJobId(k + 1)), REPORT_JOB]) {
      const job = workflow.jobs[id]!;
      // The needs context GitHub gives the job: the plan job and each wave job it needs.
      const needs = Object.fromEntries(
        job.needs!.map((need, k) =>
          need === PLAN_JOB
            ? [need, { result: 'success', outputs: plan }]
            : [need, { result: results[k % 4]!, outputs: {} }],
        ),
      );
      const scope = { contexts: { needs } };
      expect(String(evaluateExpression('toJSON(needs)', scope)).length).toBeGreaterThan(128 * 1024);
      const steps = child(loaded.jobTokens.get(id), 'steps') as unknown as Iterable<unknown> & {
        count: number;
        get(i: number): never;
      };
      const dagline = Array.from({ length: steps.count }, (_, i) => steps.get(i)).find((step) => child(step, 'id'))!;
      const given = evaluateText(child(child(dagline, 'with'), 'needs'), scope, `${id} needs`);
      expect(given.length, id).toBeLessThan(2048);
      const planOutputs =
        id === REPORT_JOB
          ? {
              ...plan,
              ...Object.fromEntries(Array.from({ length: WAVE_JOBS }, (_, k) => [waveOutput(k + 1), undefined])),
              refusal: null, // an output the plan did not set: null here, where toJSON(needs) leaves it out
            }
          : { 'run-key': plan['run-key'], run: plan.run, [LAYOUT_OUTPUT]: plan[LAYOUT_OUTPUT] };
      expect(JSON.parse(given), id).toEqual({
        ...Object.fromEntries(Object.entries(needs).map(([need, { result }]) => [need, { result }])),
        [PLAN_JOB]: { result: 'success', outputs: JSON.parse(JSON.stringify(planOutputs)) },
      });
    }
  });

  it('is least-privilege, has no run: step, and pins every action by its full SHA, dagline at the release pin', () => {
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(workflow.jobs)) {
      const writes = id === PLAN_JOB || id === REPORT_JOB;
      expect(job.permissions, id).toEqual(
        writes ? { actions: 'read', checks: 'write', contents: 'read' } : { actions: 'read', contents: 'read' },
      );
      for (const step of job.steps ?? []) {
        expect(step.run, id).toBeUndefined();
        expect(String(step.uses), id).toMatch(PINNED_USES);
        if (step.uses === CHECKOUT.uses) expect(step.with).toEqual({ 'persist-credentials': false });
      }
      expect(job.steps?.filter((s) => s.uses === DAGLINE_ACTION.uses)).toHaveLength(1);
    }
    // Every input it gives dagline's action, and every output it reads of it, is declared in action.yml.
    const action = parse(readFileSync(join(REPOSITORY_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    for (const job of Object.values(workflow.jobs))
      for (const step of job.steps ?? [])
        if (step.uses === DAGLINE_ACTION.uses)
          for (const input of Object.keys(step.with ?? {})) expect(action.inputs).toHaveProperty([input]);
    // The plan's wave outputs are a numbered family (wave-1, wave-2, ...), described in action.yml under `layout`.
    for (const [, output] of text.matchAll(/steps\.dagline\.outputs\.([\w-]+)/g))
      expect(action.outputs).toHaveProperty([/^wave-\d+$/.test(output!) ? 'layout' : output!]);
    for (const line of text.split('\n').filter((l) => /^\s*(- )?uses: /.test(l)))
      expect(line).toMatch(/uses: \S+@[0-9a-f]{40} # \S+/);
  });
});
