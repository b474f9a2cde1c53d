import { describe, expect, it } from 'vitest';
import { ExpressionError, UsageError } from '../../src/errors/dagline-error.js';
import { planPipeline, type Plan } from '../../src/plan/plan-pipeline.js';
import { parseParamFlags, resolveParams } from '../../src/plan/resolve-params.js';
import { pipelineOf } from '../helpers.js';

const funnel = pipelineOf(`
name: funnel
params:
  dataStage: { type: choice, options: [IaC, Initial data], default: IaC }
env: { REGION: eu }
stages:
  infrastructure: { if: "params.dataStage == 'IaC'" }
  initialization: { if: "params.dataStage == 'Initial data'" }
tasks:
  create-infra:
    stage: infrastructure
    run: gcp.sh create-infra
    outputs: [bucket]
  load:
    stage: initialization
    matrix: { period: [day, month] }
    run: gcp.sh run \${{ matrix.period }} --region "\${{ env.REGION }}"
  after-load:
    needs: [load]
    run: echo done
  report:
    needs: [create-infra, load]
    if: always()
    command: [report, --stage, "\${{ params.dataStage }}"]
`);

function plan(params: Record<string, string> = {}, extra: Partial<Parameters<typeof planPipeline>[1]> = {}): Plan {
  const resolved = resolveParams(funnel, params);
  if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '));
  return planPipeline(funnel, { params: resolved.values, run: { actor: 'ana', trigger: 'manual' }, ...extra });
}
const decisions = (p: Plan) =>
  Object.fromEntries(
    p.tasks.map((t) => [t.id, t.decision === 'run' ? `wave ${t.wave}` : `${t.decision}: ${t.reason}`]),
  );

describe('planning', () => {
  it('evaluates stage conditions from params and propagates skips as GitHub does', () => {
    expect(decisions(plan())).toEqual({
      'create-infra': 'wave 1',
      load: `skip: stage "initialization" is off: params.dataStage == 'Initial data' is false`,
      'after-load': 'skip: needs "load", which is skipped',
      report: 'wave 2',
    });
    expect(decisions(plan({ dataStage: 'Initial data' }))).toEqual({
      'create-infra': `skip: stage "infrastructure" is off: params.dataStage == 'IaC' is false`,
      load: 'wave 1',
      'after-load': 'wave 2',
      report: 'wave 2',
    });
  });

  it('expands matrix legs and resolves templates, quoted for the shell in run, one argument in command', () => {
    const p = plan({ dataStage: 'Initial data' });
    const load = p.tasks.find((t) => t.id === 'load')!;
    expect(load.legs.map((l) => [l.name, l.action])).toEqual([
      ['load (day)', { kind: 'run', shell: 'bash', script: `gcp.sh run 'day' --region "eu"` }],
      ['load (month)', { kind: 'run', shell: 'bash', script: `gcp.sh run 'month' --region "eu"` }],
    ]);
    const report = p.tasks.find((t) => t.id === 'report')!;
    expect(report.legs[0]!.action).toEqual({ kind: 'command', argv: ['report', '--stage', 'Initial data'] });
    expect(p.waves).toEqual([['load'], ['after-load', 'report']]);
  });

  it('narrows to a selection and takes what it leaves out as done', () => {
    const p = plan({ dataStage: 'Initial data' }, { selection: { only: ['after-load'] } });
    expect(decisions(p)).toMatchObject({ load: 'skip: not selected', 'after-load': 'wave 1' });
    expect(p.tasks.find((t) => t.id === 'load')!.excluded).toBe(true);
  });

  it('finds the critical path, by estimates when given', () => {
    const p = pipelineOf(`
name: cp
tasks:
  a: { run: echo, estimate: 1m }
  b: { run: echo, estimate: 10m }
  c: { run: echo, needs: [a], estimate: 2m }
  d: { run: echo, needs: [b, c], estimate: 1m }
  e: { run: echo, needs: [a] }
`);
    const result = planPipeline(p, { params: {} });
    expect(result.criticalPath).toEqual({ tasks: ['b', 'd'], estimateMs: 11 * 60_000 });
    const unestimated = planPipeline(
      pipelineOf('name: cp\ntasks:\n  a: { run: echo }\n  b: { run: echo, needs: [a] }\n  c: { run: echo }\n'),
      { params: {} },
    );
    expect(unestimated.criticalPath).toEqual({ tasks: ['a', 'b'] });
  });
});

describe('planning conditions', () => {
  const conditional = pipelineOf(`
name: cond
params: { notify: { type: boolean, default: false } }
tasks:
  build: { run: make, outputs: [version] }
  publish:
    needs: [build]
    if: needs.build.outputs.version != ''
    run: publish
  on-failure:
    needs: [build]
    if: failure()
    run: alert
  notify:
    needs: [build]
    if: params.notify
    run: notify
  after-publish:
    needs: [publish]
    run: echo
  always-after:
    needs: [publish]
    if: always()
    run: echo
`);
  it('marks what depends on outputs or failures as conditional, and follows the success path', () => {
    const p = planPipeline(conditional, { params: { notify: false } });
    expect(decisions(p)).toEqual({
      build: 'wave 1',
      publish: 'conditional: if reads needs.build.outputs.version, known at run time',
      'on-failure': 'conditional: runs only if a need fails',
      notify: 'skip: if is false: params.notify',
      'after-publish': 'conditional: after "publish", which may not run',
      'always-after': 'wave 3',
    });
  });
});

describe('params', () => {
  const p = pipelineOf(`
name: params
params:
  stage: { type: choice, options: [IaC, Initial data], required: true }
  count: { type: number, default: 3 }
  dry: { type: boolean }
  label: { type: string, default: x }
tasks:
  a: { run: echo }
`);
  it('types values from text, applies defaults and gives null to optional params without one', () => {
    expect(resolveParams(p, { stage: 'Initial data', count: '12.5', dry: 'true' })).toEqual({
      ok: true,
      values: { stage: 'Initial data', count: 12.5, dry: true, label: 'x' },
    });
    expect(resolveParams(p, { stage: 'IaC' })).toEqual({
      ok: true,
      values: { stage: 'IaC', count: 3, dry: null, label: 'x' },
    });
  });

  it('reports every bad value at once, with suggestions', () => {
    const result = resolveParams(p, { stage: 'iac', count: 'many', dry: 'yes', lable: 'y' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.message, e.hint])).toEqual([
      ['pipeline "params" has no param "lable"', 'did you mean "label"?'],
      ['"iac" is not an option of param "stage" (options: "IaC", "Initial data")', 'did you mean "IaC"?'],
      ['param "count" is a number; got "many"', undefined],
      ['param "dry" is a boolean; got "yes"', 'use true or false'],
    ]);
    expect(result.errors.every((e) => e.exitCode === 1)).toBe(true);
  });

  it('requires required params', () => {
    const result = resolveParams(p, {});
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(['param "stage" is required']);
  });

  it('parses --param flags, splitting at the first =', () => {
    expect(parseParamFlags(['a=1', 'b=x=y', 'c='])).toEqual({ a: '1', b: 'x=y', c: '' });
    expect(() => parseParamFlags(['novalue'])).toThrow(UsageError);
    expect(() => parseParamFlags(['a=1', 'a=2'])).toThrow(/given twice/);
  });
});

describe('planning templates', () => {
  it('keeps a hostile param value one argument in command, and quoted data in run', () => {
    const p = pipelineOf(`
name: quoting
params: { label: { type: string } }
tasks:
  argv: { command: [printf, "%s", "\${{ params.label }}"] }
  script: { run: 'printf %s "\${{ params.label }}" \${{ params.label }}' }
`);
    const label = `a "b" $(touch x) \`y\` 'z'`;
    const result = planPipeline(p, { params: { label } });
    expect(result.tasks[0]!.legs[0]!.action).toEqual({ kind: 'command', argv: ['printf', '%s', label] });
    expect(result.tasks[1]!.legs[0]!.action).toEqual({
      kind: 'run',
      shell: 'bash',
      script: `printf %s "a \\"b\\" \\$(touch x) \\\`y\\\` 'z'" 'a "b" $(touch x) \`y\` '\\''z'\\'''`,
    });
  });

  it('resolves a dynamic matrix axis from params, and leaves one from outputs to run time', () => {
    const p = pipelineOf(`
name: dynamic
params: { days: { type: string, default: '["mon","tue"]' } }
tasks:
  list: { run: echo, outputs: [periods] }
  from-params:
    matrix: { day: "\${{ fromJSON(params.days) }}" }
    run: echo \${{ matrix.day }}
  from-outputs:
    needs: [list]
    matrix: { period: "\${{ fromJSON(needs.list.outputs.periods) }}" }
    run: echo \${{ matrix.period }}
`);
    const result = planPipeline(p, { params: { days: '["mon","tue"]' } });
    expect(result.tasks[1]!.legs.map((l) => l.name)).toEqual(['from-params (mon)', 'from-params (tue)']);
    expect(result.tasks[2]!.dynamicMatrix).toBe(true);
    // A value the matrix fails on is a problem of the plan, as it would be of the task in a run.
    const bad = planPipeline(p, { params: { days: 'not json' } });
    expect(bad.problems).toEqual([expect.any(ExpressionError)]);
    expect(bad.tasks[1]).toMatchObject({ decision: 'conditional', legs: [] });
  });
});

describe('values no process can carry', () => {
  it('finds a NUL that a template puts in an argument or an environment value, at its task (regression: the process could not start)', () => {
    const p = pipelineOf(`
name: nul
params: { list: { type: string } }
tasks:
  argv:
    matrix: { v: "\${{ fromJSON(params.list) }}" }
    command: [echo, "\${{ matrix.v }}"]
  env:
    matrix: { v: "\${{ fromJSON(params.list) }}" }
    env: { V: "x\${{ matrix.v }}" }
    run: 'echo "$V"'
`);
    const plan = planPipeline(p, { params: { list: '["ok", "a\\u0000b"]' } });
    expect(plan.problems?.map((e) => e.message)).toEqual([
      'task "argv (a\0b)": the value of ${{ matrix.v }} holds a NUL character, which no command, argument or environment variable can carry',
      'task "env (a\0b)": the value of ${{ matrix.v }} holds a NUL character, which no command, argument or environment variable can carry',
    ]);
    expect(plan.tasks.map((t) => t.legs.map((l) => l.name))).toEqual([['argv (ok)'], ['env (ok)']]);
  });
});

describe('planning large stages', () => {
  it('keeps needs as declared, so a stage of many tasks needing another stays linear in size', () => {
    const tasks = Array.from(
      { length: 600 },
      (_, i) => `  t${i}: { stage: ${i < 300 ? 'first' : 'second'}, run: echo }`,
    ).join('\n');
    const p = pipelineOf(`name: big-stages\nstages:\n  first: {}\n  second: { needs: [first] }\ntasks:\n${tasks}\n`);
    const plan = planPipeline(p, { params: {} });
    expect(plan.tasks[450]!.needs).toEqual(['first']);
    expect(plan.tasks.reduce((n, t) => n + t.needs.length, 0)).toBe(300);
    expect(plan.waves.map((w) => w.length)).toEqual([300, 300]);
  });
});
