// The compiled job `if`s decide as dagline's run rules do. Each case is a small pipeline run twice:
// locally by dagline's own runner (real processes), and as its compiled workflow by the offline
// GitHub harness, which evaluates every job `if` with GitHub's @actions/expressions and GitHub's
// job status functions (success() over every ancestor, failure() over any). Until the action's
// run-task lands, each job's dagline steps stand replaced by the task's own script (the plan job's
// by its outputs): the jobs' `needs`, `if` and `strategy` are the compiler's, untouched. The
// result of each task must be the same on both.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compileFile } from '../../src/cli/commands/compile.js';
import type { CliIo } from '../../src/cli/io.js';
import { workflowPath } from '../../src/compile/compile-workflow.js';
import { PLAN_JOB, REPORT_JOB } from '../../src/github/workflow-contract.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';
import { defaultYamlLimits } from '../../src/pipeline-format/read-yaml.js';
import { resolveParams } from '../../src/plan/resolve-params.js';
import { resultOf, type TaskState } from '../../src/state/run-record.js';
import { GitHubHarness } from '../github/harness.js';
import { Repo } from '../run/harness.js';

interface Case {
  name: string;
  pipeline: string;
  params?: Record<string, string | number | boolean>;
  /** What each task comes to (dagline's result: success, failure, skipped, cancelled), on both. */
  expected: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'a failed need skips what needs it; always() runs; what needs that runs again; failure() sees any ancestor',
    expected: {
      a: 'failure',
      b: 'skipped',
      c: 'success',
      d: 'success',
      e: 'success',
      f: 'skipped',
      g: 'success',
      h: 'skipped',
    },
    pipeline: `tasks:
  a: { run: exit 1 }
  b: { needs: [a], run: "true" }
  c: { needs: [b], if: always(), run: "true" }
  d: { needs: [c], run: "true" }
  e: { needs: [d], if: failure(), run: "true" }
  f: { needs: [d], if: "!failure()", run: "true" }
  g: { run: "true" }
  h: { needs: [g], if: failure(), run: "true" }
`,
  },
  {
    name: 'a skipped need: skipped below it, unless the if says otherwise',
    expected: { a: 'skipped', b: 'skipped', c: 'success', d: 'skipped', e: 'success' },
    pipeline: `tasks:
  a: { if: "false", run: "true" }
  b: { needs: [a], run: "true" }
  c: { needs: [b], if: "always() && needs.b.result == 'skipped'", run: "true" }
  d: { needs: [b], if: "needs.b.result == 'skipped'", run: "true" }
  e: { needs: [b], if: "!cancelled()", run: "true" }
`,
  },
  {
    name: "a stage's if gates its tasks, always() included; needing a stage is needing its tasks",
    expected: { a: 'skipped', b: 'skipped', c: 'skipped', d: 'success', e: 'success', f: 'skipped', g: 'success' },
    pipeline: `params:
  mode: { type: choice, options: [fast, full], default: fast }
stages:
  s1: { if: "params.mode == 'full'" }
  s2: { needs: [s1] }
tasks:
  a: { stage: s1, run: "true" }
  b: { stage: s1, if: always(), run: "true" }
  c: { stage: s2, run: "true" }
  d: { stage: s2, if: always(), run: "true" }
  e: { needs: [s1], if: always(), run: "true" }
  f: { needs: [s2], run: "true" }
  g: { needs: [s1, s2], if: "needs.a.result == 'skipped' || failure()", run: "true" }
`,
    params: { mode: 'fast' },
  },
  {
    name: 'continue-on-error: a failure that counts as a success',
    expected: { a: 'success', b: 'success', c: 'skipped', d: 'success' },
    pipeline: `tasks:
  a: { run: exit 1, continue-on-error: true }
  b: { needs: [a], run: "true" }
  c: { needs: [a], if: failure(), run: "true" }
  d: { needs: [a], if: "needs.a.result == 'success'", run: "true" }
`,
  },
  {
    name: 'params, env, pipeline and run in conditions',
    expected: { a: 'success', b: 'success', c: 'success', d: 'skipped', e: 'success' },
    pipeline: `params:
  flag: { type: boolean, default: true }
  mode: { type: string, default: fast }
  n: { type: number, default: 3 }
env:
  MODE: plain
  LABEL: "\${{ params.mode }}-x"
tasks:
  a: { if: "params.flag && params.n > 2 && env.MODE == 'plain'", run: "true" }
  b: { if: "env.LABEL == 'fast-x' && pipeline.name == 'case-4'", run: "true" }
  c: { if: "run.attempt == 1 && run.trigger == 'manual' && run.actor == 'tester'", run: "true" }
  d: { if: "!params.flag || params.mode != 'fast'", run: "true" }
  e: { if: "\${{ contains(fromJSON('[\\"fast\\", \\"full\\"]'), params.mode) }}", run: "true" }
`,
    params: { n: 4 },
  },
  {
    name: "a need's outputs",
    expected: { a: 'success', b: 'success', c: 'skipped' },
    pipeline: `tasks:
  a: { outputs: [v], run: "echo v=yes >> \\"$DAGLINE_OUTPUT\\"" }
  b: { needs: [a], if: "needs.a.outputs.v == 'yes'", run: "true" }
  c: { needs: [a], if: "needs.a.outputs.v == 'no'", run: "true" }
`,
  },
  {
    name: 'a matrix with a failing leg',
    expected: { m: 'failure', n: 'skipped', o: 'success', p: 'skipped', q: 'success' },
    pipeline: `tasks:
  m: { matrix: { period: [day, month] }, run: "test \${{ matrix.period }} != month" }
  n: { needs: [m], run: "true" }
  o: { needs: [m], if: always(), run: "true" }
  p: { needs: [m], if: "needs.m.result == 'failure'", run: "true" }
  q: { needs: [m], if: "always() && needs.m.result == 'failure'", run: "true" }
`,
  },
  {
    name: 'many needs (the constant-length form of success())',
    expected: {
      a: 'success',
      b: 'success',
      c: 'success',
      d: 'success',
      e: 'failure',
      f: 'success',
      g: 'skipped',
      h: 'success',
      i: 'skipped',
      j: 'skipped',
    },
    pipeline: `tasks:
  a: { run: "true" }
  b: { run: "true" }
  c: { run: "true" }
  d: { run: "true" }
  e: { run: exit 1 }
  f: { needs: [a, b, c, d], run: "true" }
  g: { needs: [a, b, c, e], run: "true" }
  h: { needs: [a, b, c, e], if: always(), run: "true" }
  i: { if: "false", run: "true" }
  j: { needs: [a, b, c, i], run: "true" }
`,
  },
  {
    name: "a dynamic matrix from a need's output; an empty one skips its task",
    expected: { a: 'success', b: 'success', c: 'success', d: 'skipped', e: 'skipped', f: 'success' },
    pipeline: `tasks:
  a: { outputs: [list], run: "echo 'list=[\\"x\\",\\"y\\"]' >> \\"$DAGLINE_OUTPUT\\"" }
  b: { needs: [a], matrix: { v: "\${{ fromJSON(needs.a.outputs.list) }}" }, run: "true" }
  c: { outputs: [list], run: "echo 'list=[]' >> \\"$DAGLINE_OUTPUT\\"" }
  d: { needs: [c], matrix: { v: "\${{ fromJSON(needs.c.outputs.list) }}" }, run: "true" }
  e: { needs: [d], run: "true" }
  f: { needs: [d], if: "!failure() && !cancelled()", run: "true" }
`,
  },
];

const quietIo: CliIo = { out: () => {}, err: () => {}, env: {} };

/** The compiled workflow with the dagline steps replaced by what they stand for (see the top). */
function standIns(text: string, pipeline: Pipeline, params: Record<string, unknown>): string {
  const workflow = parse(text) as { jobs: Record<string, Record<string, unknown>> };
  const plan = workflow.jobs[PLAN_JOB]!;
  const run = { id: 'gh-1', actor: 'tester', trigger: 'manual' };
  const outputs = { go: 'true', params: JSON.stringify(params), run: JSON.stringify(run), 'run-key': 'gh-1' };
  plan.steps = [
    {
      id: 'dagline',
      run: Object.entries(outputs)
        .map(([name, value]) => `echo '${name}=${value}' >> "$GITHUB_OUTPUT"`)
        .join('\n'),
    },
  ];
  workflow.jobs[REPORT_JOB]!.steps = [{ run: 'true' }];
  for (const task of pipeline.tasks.values()) {
    const job = workflow.jobs[task.id]!;
    const script = (task.action as { script: string }).script.replaceAll('DAGLINE_OUTPUT', 'GITHUB_OUTPUT');
    job.steps = [{ id: 'dagline', run: script }];
  }
  return stringify(workflow, { lineWidth: 0 });
}

/** What each task came to: a matrix task's first leg that did not succeed, as dagline's needs context says. */
function resultsOf(states: TaskState[]): Record<string, string> {
  const results: Record<string, string> = {};
  for (const state of states) {
    const result = resultOf(state);
    if (results[state.task] === undefined || results[state.task] === 'success') results[state.task] = result;
  }
  return results;
}

describe('compiled job conditions decide as dagline run rules do', { timeout: 600_000 }, () => {
  let gh: GitHubHarness;
  const local: Record<string, string>[] = [];
  const names: string[] = [];

  beforeAll(async () => {
    const repoDir = mkdtempSync(join(tmpdir(), 'dagline-conditions-'));
    mkdirSync(join(repoDir, '.git'));
    mkdirSync(join(repoDir, 'pipelines'));
    for (const [i, { pipeline: body, params }] of cases.entries()) {
      const name = `case-${i}`;
      names.push(name);
      const file = join(repoDir, `pipelines/${name}.yml`);
      writeFileSync(file, `name: ${name}\n${body}`);
      const { text } = compileFile(file, {}, defaultYamlLimits, quietIo);

      const repo = new Repo();
      const pipeline = repo.pipeline(`${name}.yml`, `name: ${name}\n${body}`);
      const outcome = await repo.run(pipeline, { params: params ?? {} });
      local.push(resultsOf(outcome.tasks));

      const resolved = resolveParams(pipeline, params ?? {}, false);
      if (!resolved.ok) throw new Error(`case ${i}: bad params`);
      mkdirSync(join(repoDir, '.github/workflows'), { recursive: true });
      writeFileSync(join(repoDir, workflowPath(name)), standIns(text, pipeline, resolved.values));
    }
    // The harness makes the folder a git repository of its own: the marker compile needed goes.
    rmSync(join(repoDir, '.git'), { recursive: true });
    gh = await GitHubHarness.start({ repo: repoDir });
  });
  afterAll(() => gh?.close());

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', async (_, i) => {
    const run = await gh.dispatch(`dagline-${names[i]}.yml`, { inputs: cases[i]!.params ?? {} });
    await run.execute();
    const onGitHub: Record<string, string> = {};
    for (const task of Object.keys(local[i]!)) onGitHub[task] = run.job(task).result;
    expect(local[i]).toEqual(cases[i]!.expected);
    expect(onGitHub).toEqual(local[i]);
  });
});
