import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileFile, type CompiledFile } from '../../src/cli/commands/compile.js';
import type { CliIo } from '../../src/cli/io.js';
import { dispatchInputs, workflowPath } from '../../src/compile/compile-workflow.js';
import { PLAN_JOB, REPORT_JOB } from '../../src/github/workflow-contract.js';
import { DISPATCH_INPUTS_LIMIT, MATRIX_LEGS_LIMIT } from '../../src/compile/github-limits.js';
import { CHECKOUT, DAGLINE_ACTION, PINNED_USES, UPLOAD_ARTIFACT } from '../../src/compile/pinned-actions.js';
import { defaultYamlLimits } from '../../src/pipeline-format/read-yaml.js';
import { cli } from '../cli/run-cli.js';
import { pipelineOf, yamlFilesUnder } from '../helpers.js';
import { evaluateExpression, type Value } from '../github/expressions.js';
import { loadWorkflow } from '../github/workflow-file.js';
import { actionlint } from './actionlint.js';

type Job = Record<string, unknown> & {
  steps?: Record<string, unknown>[];
  needs?: string[];
  if?: string;
  permissions?: Record<string, string>;
  uses?: string;
  with?: Record<string, unknown>;
  strategy?: { matrix: Record<string, unknown> & { include?: Record<string, unknown>[] } };
};
type Trigger = { inputs: Record<string, { description?: string }> };
type Workflow = { on: Record<string, Trigger>; permissions: unknown; jobs: Record<string, Job> };

function quietIo(): CliIo & { errors: string } {
  const io = { errors: '', out: () => {}, err: (text: string) => void (io.errors += text), env: {} };
  return io;
}

function compiled(file: string, flags: { action?: string; output?: string } = {}): CompiledFile {
  const io = quietIo();
  try {
    return compileFile(file, flags, defaultYamlLimits, io);
  } catch (error) {
    throw new Error(`${file} did not compile:\n${io.errors || String(error)}`);
  }
}

/** A folder made a repository root (`.git`), holding pipeline files. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-compile-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function generated(count: number): Promise<string> {
  const path = '../../bench/generate-pipeline.mjs';
  const { generatePipeline } = (await import(/* @vite-ignore */ path)) as { generatePipeline(n: number): string };
  return generatePipeline(count);
}

const examples = yamlFilesUnder('examples').sort();

/** Every compiled workflow of the examples and the generated pipelines, by its path from its root. */
const workflows = new Map<string, { text: string; source: string; root: string }>();

beforeAll(async () => {
  for (const file of examples) {
    const result = compiled(file);
    workflows.set(workflowPath(parse(readFileSync(file, 'utf8')).name), { text: result.text, source: file, root: '.' });
  }
  for (const count of [50, 500]) {
    const root = repository({ [`pipelines/generated-${count}.yml`]: await generated(count) });
    const result = compiled(join(root, `pipelines/generated-${count}.yml`));
    workflows.set(workflowPath(`generated-${count}`), { text: result.text, source: `generated-${count}`, root });
  }
});

describe('dagline compile: every example and generated pipeline', () => {
  it('compiles', () => {
    expect(workflows.size).toBe(examples.length + 2);
  });

  it("passes GitHub's workflow parser with no error (called workflows checked against their inputs)", async () => {
    for (const [path, { text }] of workflows) {
      await expect(loadWorkflow(path, text, (called) => workflows.get(called)?.text)).resolves.toBeDefined();
    }
  });

  it('passes actionlint with no finding', async () => {
    for (const [path, { text }] of workflows) {
      const findings = await actionlint(text, path);
      expect(findings.map((f) => `${path}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)).toEqual([]);
    }
  }, 120_000);

  it('has no ${{ }} in any run: (no run: at all), and every action pinned by a full SHA with its version', () => {
    for (const [path, { text }] of workflows) {
      const workflow = parse(text) as Workflow;
      for (const [id, job] of Object.entries(workflow.jobs)) {
        if (job.uses !== undefined) {
          expect(job.uses, `${path} ${id}`).toMatch(/^\.\/\.github\/workflows\/dagline-[a-z0-9_-]+\.yml$/);
          continue;
        }
        for (const step of job.steps ?? []) {
          expect(step.run, `${path} ${id}`).toBeUndefined();
          expect(String(step.uses), `${path} ${id}`).toMatch(PINNED_USES);
        }
      }
      for (const line of text.split('\n').filter((l) => /^\s*(- )?uses: [^.]/.test(l)))
        expect(line, path).toMatch(/uses: \S+@[0-9a-f]{40} # \S+/);
    }
  });

  it('is least-privilege: nothing at the top, each job only what it needs; checkout keeps no credentials', () => {
    for (const [path, { text }] of workflows) {
      const workflow = parse(text) as Workflow;
      expect(workflow.permissions, path).toEqual({});
      for (const [id, job] of Object.entries(workflow.jobs)) {
        const writes = id === PLAN_JOB || id === REPORT_JOB || job.uses !== undefined;
        const dispatches = job.steps?.some(
          (step) => (step.with as { command?: string } | undefined)?.command === 'dispatch',
        );
        expect(job.permissions, `${path} ${id}`).toEqual(
          writes
            ? { actions: 'read', checks: 'write', contents: 'read' }
            : dispatches
              ? { actions: 'write', contents: 'read' }
              : { actions: 'read', contents: 'read' },
        );
        for (const step of job.steps ?? [])
          if (step.uses === CHECKOUT.uses) expect(step.with).toEqual({ 'persist-credentials': false });
      }
    }
  });

  it('says how it was made and how to make it again', () => {
    const { text } = workflows.get(workflowPath('funnel'))!;
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# Generated by dagline from examples/funnel/funnel.yml. Do not edit: change the pipeline and run',
      '#   npx dagline compile examples/funnel/funnel.yml',
      '# (`npx dagline compile examples/funnel/funnel.yml --check` in CI fails when this file is out of date).',
    ]);
  });

  it('is the same, byte for byte, every time', () => {
    for (const [path, { source, root }] of workflows) {
      const file = root === '.' ? source : join(root, `pipelines/${source}.yml`);
      expect(compiled(file).text, path).toBe(workflows.get(path)!.text);
    }
  });
});

describe('the jobs of a compiled workflow', () => {
  const funnel = () => parse(workflows.get(workflowPath('funnel'))!.text) as Workflow;

  it('are the plan job, one job per task with exactly its DAG needs, and the report job', () => {
    const { jobs } = funnel();
    expect(Object.keys(jobs)).toEqual([
      PLAN_JOB,
      'create-infra',
      'run-workflows',
      'update-infra',
      'rerun-workflows',
      'report',
      REPORT_JOB,
    ]);
    expect(jobs['create-infra']!.needs).toEqual([PLAN_JOB]);
    expect(jobs['update-infra']!.needs).toEqual([PLAN_JOB, 'run-workflows']);
    // `needs: [infrastructure, initialization]`: the stages, as their tasks.
    expect(jobs.report!.needs).toEqual([PLAN_JOB, 'create-infra', 'run-workflows', 'update-infra', 'rerun-workflows']);
    expect(jobs[REPORT_JOB]!.needs).toEqual([
      PLAN_JOB,
      'create-infra',
      'run-workflows',
      'update-infra',
      'rerun-workflows',
      'report',
    ]);
    expect(jobs[REPORT_JOB]!.if).toBe('${{ always() }}');
  });

  it('give the stage and task conditions to the job if, and matrices as legs', () => {
    const { jobs } = funnel();
    expect(jobs['create-infra']!.if).toBe(
      "${{ needs.dagline-plan.outputs.go == 'true' && (fromJSON(needs.dagline-plan.outputs.params).dataStage == 'IaC') && !cancelled() }}",
    );
    expect(jobs.report!.if).toBe("${{ needs.dagline-plan.outputs.go == 'true' && always() }}");
    expect(jobs['run-workflows']!.strategy).toEqual({
      matrix: { include: [{ period: 'day' }, { period: 'month' }, { period: 'year' }] },
      'fail-fast': false,
      'max-parallel': 2, // the pool `dataproc: 2`
    });
  });

  it('hand every value to the action through with:', () => {
    const steps = funnel().jobs['run-workflows']!.steps!;
    expect(steps.map((step) => String(step.uses).split('@')[0])).toEqual([
      'actions/checkout',
      'actions/download-artifact',
      'dagline/dagline',
      'actions/upload-artifact',
      'actions/upload-artifact',
    ]);
    expect(steps[1]!.with).toEqual({
      pattern: 'dagline-task--${{ needs.dagline-plan.outputs.run-key }}--*',
      path: '${{ runner.temp }}/dagline/records',
    });
    expect(steps[3]).toEqual({
      if: "${{ always() && steps.dagline.outputs.dagline-artifact != '' }}",
      uses: UPLOAD_ARTIFACT.uses,
      with: { name: '${{ steps.dagline.outputs.dagline-artifact }}', path: '${{ runner.temp }}/dagline/upload/task' },
    });
    expect(steps[2]).toEqual({
      id: 'dagline',
      uses: DAGLINE_ACTION.uses,
      with: {
        command: 'run-task',
        pipeline: 'examples/funnel/funnel.yml',
        task: 'run-workflows',
        matrix: '${{ toJSON(matrix) }}',
        params: '${{ needs.dagline-plan.outputs.params }}',
        needs: '${{ toJSON(needs) }}',
        'github-token': '${{ github.token }}',
      },
    });
  });

  it('call a pipeline: task as the child pipeline’s workflow, its params as inputs', () => {
    const root = repository({
      'p.yml':
        "name: p\nparams: { s: { type: string, default: x } }\ntasks:\n  go: { pipeline: c.yml, with: { scheduler: month, label: '${{ params.s }}' } }\n",
      'c.yml':
        'name: c\nparams:\n  scheduler: { type: choice, options: [day, month] }\n  label: { type: string }\ntasks:\n  a: { run: "true" }\n',
    });
    const workflow = parse(compiled(join(root, 'p.yml')).text) as Workflow;
    expect(workflow.jobs.go).toMatchObject({
      permissions: { actions: 'read', checks: 'write', contents: 'read' },
      uses: './.github/workflows/dagline-c.yml',
      with: {
        scheduler: 'month',
        label: '${{ fromJSON(needs.dagline-plan.outputs.params).s }}',
        'dagline-parent': '${{ needs.dagline-plan.outputs.run-key }}--go',
      },
    });
  });

  it('a dispatch: true task as a job whose action dispatches the child’s workflow and follows it', () => {
    const rollout = parse(workflows.get(workflowPath('funnel-rollout'))!.text) as Workflow;
    expect(Object.keys(rollout.jobs)).toEqual([PLAN_JOB, 'iac', 'initial-data', 'force-day', REPORT_JOB]);
    const job = rollout.jobs['initial-data']!;
    expect(job.uses).toBeUndefined();
    expect(job.needs).toEqual([PLAN_JOB, 'iac']);
    expect(job.permissions).toEqual({ actions: 'write', contents: 'read' });
    expect(job.steps!.map((step) => String(step.uses).split('@')[0])).toEqual([
      'actions/checkout',
      'actions/download-artifact',
      DAGLINE_ACTION.uses.split('@')[0],
      'actions/upload-artifact',
      'actions/upload-artifact',
    ]);
    expect(job.steps![2]!.with).toEqual({
      command: 'dispatch',
      pipeline: 'examples/funnel/funnel-rollout.yml',
      task: 'initial-data',
      params: '${{ needs.dagline-plan.outputs.params }}',
      needs: '${{ toJSON(needs) }}',
      'github-token': '${{ github.token }}',
    });
  });
});

describe('dagline compile FILE', () => {
  const pipeline = 'name: tiny\ntasks:\n  a:\n    run: "true"\n';

  it('writes .github/workflows/dagline-<name>.yml at the repository root; --check says whether it is up to date', async () => {
    const root = repository({ 'pipelines/tiny.yml': pipeline });
    const file = join(root, 'pipelines/tiny.yml');
    const written = await cli('compile', file);
    expect(written.code).toBe(0);
    const output = join(root, '.github/workflows/dagline-tiny.yml');
    expect(readFileSync(output, 'utf8')).toContain('name: dagline / tiny');
    expect((await cli('compile', file, '--check')).code).toBe(0);

    writeFileSync(join(root, 'pipelines/tiny.yml'), pipeline.replace('"true"', '"false"').replace('a:', 'b:'));
    const stale = await cli('compile', file, '--check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /dagline-tiny\.yml: error: is out of date with its pipeline \(regenerate it: npx dagline compile pipelines\/tiny\.yml\)\n$/,
    );
    expect(readFileSync(output, 'utf8')).toContain('  a:');
  });

  it('--action pins another build of the action; a tag is refused', async () => {
    const root = repository({ 'p.yml': pipeline });
    const sha = 'a'.repeat(40);
    expect((await cli('compile', join(root, 'p.yml'), '--action', `me/dagline@${sha}`)).code).toBe(0);
    const text = readFileSync(join(root, '.github/workflows/dagline-tiny.yml'), 'utf8');
    expect(text).toContain(`uses: me/dagline@${sha} # given with --action`);
    expect(text).toContain(`#   npx dagline compile p.yml --action me/dagline@${sha}`);
    const tag = await cli('compile', join(root, 'p.yml'), '--action', 'me/dagline@v1');
    expect(tag.code).toBe(2);
    expect(tag.stderr).toMatch(/--action "me\/dagline@v1" is not OWNER\/REPO@SHA/);
  });
});

describe('GitHub limits', () => {
  it(`past ${DISPATCH_INPUTS_LIMIT} inputs, the rest of the params travel as one JSON input`, () => {
    const params = Array.from({ length: 30 }, (_, i) => `  p${i}: { type: number, default: ${i} }`).join('\n');
    const root = repository({
      'many.yml': `name: many\nmax-consecutive-failures: 2\nconcurrency: { group: "g-\${{ params.p29 }}", on-overlap: queue }\nparams:\n${params}\ntasks:\n  a:\n    run: "true"\n`,
    });
    const workflow = parse(compiled(join(root, 'many.yml')).text) as Workflow;
    const dispatch = Object.keys(workflow.on.workflow_dispatch!.inputs);
    expect(dispatch).toHaveLength(DISPATCH_INPUTS_LIMIT);
    // The param the concurrency group reads keeps an input of its own.
    expect(dispatch).toEqual([
      ...Array.from({ length: 22 }, (_, i) => `p${i}`),
      'p29',
      'dagline-params',
      'dagline-release',
    ]);
    expect(workflow.on.workflow_dispatch!.inputs['dagline-params']!.description).toContain('p22, p23');
    expect(Object.keys(workflow.on.workflow_call!.inputs)).toContain('dagline-params');

    // A caller gives each param as the called workflow declares it: p29 by name, p25 packed.
    writeFileSync(
      join(root, 'caller.yml'),
      'name: caller\ntasks:\n  call:\n    pipeline: many.yml\n    with: { p29: 7, p25: 8, p1: 9 }\n',
    );
    const caller = parse(compiled(join(root, 'caller.yml')).text) as Workflow;
    expect(caller.jobs.call!.with).toMatchObject({ p29: 7, p1: 9, 'dagline-params': '{"p25":8}' });

    // A dispatch gives them the same way, as text.
    const many = pipelineOf(readFileSync(join(root, 'many.yml'), 'utf8'));
    const all = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, i]));
    const inputs = dispatchInputs(many, { ...all, p3: null }, { release: true });
    expect(Object.keys(inputs)).toEqual([...dispatch.filter((name) => name !== 'p3')]);
    expect(inputs).toMatchObject({ p0: '0', p29: '29', 'dagline-release': 'true' });
    expect(JSON.parse(inputs['dagline-params']!)).toEqual({
      p22: 22,
      p23: 23,
      p24: 24,
      p25: 25,
      p26: 26,
      p27: 27,
      p28: 28,
    });
  });

  it(`a static matrix past ${MATRIX_LEGS_LIMIT} legs is split into jobs, and what needs it needs them all`, () => {
    const values = Array.from({ length: 300 }, (_, i) => i).join(', ');
    const root = repository({
      'wide.yml': `name: wide\ntasks:\n  fan:\n    matrix: { n: [${values}] }\n    run: "true"\n  after:\n    needs: [fan]\n    if: needs.fan.result == 'success' || failure()\n    run: "true"\n`,
    });
    const workflow = parse(compiled(join(root, 'wide.yml')).text) as Workflow;
    expect(workflow.jobs['fan--part-1']!.strategy!.matrix.include).toHaveLength(256);
    expect(workflow.jobs['fan--part-2']!.strategy!.matrix.include).toHaveLength(44);
    expect(workflow.jobs.after!.needs).toEqual([PLAN_JOB, 'fan--part-1', 'fan--part-2']);
    expect(workflow.jobs.after!.if).toContain(
      "((needs.fan--part-1.result == 'failure' || needs.fan--part-2.result == 'failure') && 'failure' ||",
    );
  });
});

describe('what cannot be compiled is an error at its line', () => {
  async function errorsOf(files: Record<string, string>, main: string): Promise<string> {
    const root = repository(files);
    const result = await cli('compile', join(root, main));
    expect(result.code).toBe(1);
    return result.stderr.replaceAll(`${root}/`, '');
  }

  it("a matrix need's legs in an if, naming dynamic mode", async () => {
    const stderr = await errorsOf(
      {
        'p.yml': [
          'name: p',
          'tasks:',
          '  load:',
          '    matrix: { day: [mon, tue] }',
          '    outputs: [rows]',
          '    run: "true"',
          '  report:',
          '    needs: [load]',
          "    if: needs.load.legs['load (mon)'].result == 'success'",
          '    run: "true"',
          '',
        ].join('\n'),
      },
      'p.yml',
    );
    expect(stderr).toMatch(
      /^p\.yml:9:9: error: if: needs\.load\.legs: GitHub gives a job one result and one set of outputs per matrix job, not its legs'; run it in dynamic mode/,
    );
  });

  it('two schedules with one cron, and a task named like a job dagline adds', async () => {
    const stderr = await errorsOf(
      {
        'p.yml': [
          'name: p',
          'params:',
          '  x: { default: a }',
          'schedule:',
          '  - cron: "0 3 * * *"',
          '  - cron: "0  3 * * *"',
          '    params: { x: b }',
          'tasks:',
          '  dagline-plan:',
          '    run: "true"',
          '',
        ].join('\n'),
      },
      'p.yml',
    );
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^p\.yml:6:11: error: schedule\[1\] has the cron of schedule\[0\]/),
      expect.stringMatching(/^p\.yml:9:3: error: task "dagline-plan" would be job "dagline-plan"/),
    ]);
  });
});

describe("the pipeline's concurrency as GitHub's", () => {
  const pipeline = (onOverlap: string) => `name: conc
params:
  day: { default: "2026-01-01" }
  n: { type: number, default: 1 }
schedule:
  - cron: "0 2 * * *"
    params: { day: nightly }
  - cron: "0 4 * * *"
    params: { n: 7 }
push: true
concurrency: { group: "load-\${{ params.day }}-\${{ params.n }}", on-overlap: ${onOverlap} }
tasks:
  a: { run: "true" }
`;

  it('names the same group as dagline for a dispatch, each schedule and a push; queue waits, cancel-running cancels', () => {
    const root = repository({ 'q.yml': pipeline('queue'), 'c.yml': pipeline('cancel-running') });
    const queued = parse(compiled(join(root, 'q.yml')).text) as { concurrency: { group: string } };
    expect(Object.keys(queued.concurrency)).toEqual(['group']);
    const group = /^\$\{\{ (.*) \}\}$/.exec(queued.concurrency.group)![1]!;
    const name = (inputs: Value, github: Record<string, Value>) =>
      evaluateExpression(group, { contexts: { inputs, github, vars: {} } });
    expect(name({ day: 'mon', n: 3 }, { event_name: 'workflow_dispatch' })).toBe('dagline/load-mon-3');
    expect(
      name({ day: 'mon', n: 3, 'dagline-parent': '' }, { event_name: 'schedule', event: { schedule: '0 2 * * *' } }),
    ).toBe('dagline/load-mon-3');
    for (const inputs of [{}, null]) {
      expect(name(inputs, { event_name: 'schedule', event: { schedule: '0 2 * * *' } })).toBe('dagline/load-nightly-1');
      expect(name(inputs, { event_name: 'schedule', event: { schedule: '0 4 * * *' } })).toBe(
        'dagline/load-2026-01-01-7',
      );
      expect(name(inputs, { event_name: 'push', event: {} })).toBe('dagline/load-2026-01-01-1');
    }
    const cancelling = parse(compiled(join(root, 'c.yml')).text) as { concurrency: Record<string, unknown> };
    expect(cancelling.concurrency['cancel-in-progress']).toBe(true);
  });

  it('leaves fail and skip to the plan job, which sees the runs in progress', () => {
    const root = repository({ 'f.yml': pipeline('fail') });
    expect(parse(compiled(join(root, 'f.yml')).text)).not.toHaveProperty('concurrency');
  });
});
