// What a pipeline costs on GitHub Actions, for the examples, layered pipelines of 50 and 500
// tasks and a fan of 600 (a stage of 300 parallel tasks, then 300 more): the jobs its compiled
// workflow runs (matrix legs counted), the REST requests a run makes, and the makespan of a run
// simulated with a start-up cost per job, against the critical-path bound (the longest chain of
// tasks, or the work spread over every runner, whichever is longer; no start-up); and beside
// them, the same run in dynamic mode (dagline's run.yml: its plan job, the wave jobs that have
// legs, its report job). Both run what the plan runs with the
// pipeline's default params (a job GitHub skips takes no runner). Nothing here reaches GitHub.
//
//   node bench/github.mjs [--startup 10] [--task 60] [--runners 20]
//
// REST requests are those of dagline's own GitHub code, sent by its Octokit client to the offline
// harness's REST fake (test/github/), which checks each against GitHub's OpenAPI description and
// counts it: the plan job's guards (gitHubGuards, as the plan calls them: on hold over a history of
// 100 earlier successful runs with their run records, each `requires` over 100 runs of the
// required pipeline with the params it asks for, on-overlap fail and skip) and its check run, and
// report's completion of the check run (one request per 50 annotations; every task failing gives
// one annotation each). The requests of run-task (an extract it consumes) and of the artifact
// steps are not counted here.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { fanPipeline, layeredPipeline } from './generate-layered.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const startupS = flag('startup', 10);
const taskS = flag('task', 60);
const runners = flag('runners', 20);

// dagline's sources and the harness's REST fake, compiled together.
execFileSync('npx', ['tsc', '-p', join(root, 'tsconfig.bench-github.json')], { cwd: root, stdio: 'inherit' });
const built = join(root, 'build/bench-github');
// tsc copies no .cjs source beside its output: the shell parser is one.
cpSync(join(root, 'src/plan/shell-parser-library.cjs'), join(built, 'src/plan/shell-parser-library.cjs'));
const build = (path) => import(join(built, 'src', path));
const fake = (path) => import(join(built, 'test/github', path));
const { loadPipeline } = await build('pipeline-format/load-pipeline.js');
const { resolveParams } = await build('plan/resolve-params.js');
const { gitHubGuards } = await build('github/run-history.js');
const { completeCheckRun } = await build('github/check-run.js');
const { octokitClient } = await build('github/octokit-client.js');
const { standaloneApi } = await fake('standalone-api.js');
const { seedRuns } = await fake('seed-runs.js');
const { permissionsFrom, TokenRegistry } = await fake('permissions.js');
const { defaultYamlLimits } = await build('pipeline-format/read-yaml.js');
const { compileFile } = await build('cli/commands/compile.js');
const { planPipeline } = await build('plan/plan-pipeline.js');
const { layoutWaves } = await build('compile/dynamic-waves.js');
const { WAVE_JOBS } = await build('compile/dynamic-workflow.js');

const work = mkdtempSync(join(tmpdir(), 'dagline-bench-github-'));
mkdirSync(join(work, '.git'));
const pipelines = [
  ...[
    'funnel/funnel.yml',
    'funnel/funnel-rollout.yml',
    'flow-forge/ml-flow.yml',
    'etl/etl.yml',
    'ratings/ratings.yml',
  ].map((f) => ({ label: f, file: join(root, 'examples', f) })),
  ...[50, 500].map((n) => {
    const file = join(work, `layered-${n}.yml`);
    writeFileSync(file, layeredPipeline(n, 'sleep 1'));
    return { label: `layered ${n}`, file };
  }),
  (() => {
    const file = join(work, 'fan-600.yml');
    writeFileSync(file, fanPipeline(300, 'sleep 1'));
    return { label: 'fan 600', file };
  })(),
];
// The funnel's other stage too: its default params run the shorter one.
pipelines.splice(1, 0, {
  label: 'funnel/funnel.yml (Initial data)',
  file: pipelines[0].file,
  params: { dataStage: 'Initial data' },
});
pipelines[0].label = 'funnel/funnel.yml (IaC)';

const HEAD = 'a'.repeat(40);
const tokens = new TokenRegistry();
// The plan and report jobs' token: what the compiled workflow grants them.
const jobToken = tokens.mint('bench', permissionsFrom({ contents: 'read', actions: 'read', checks: 'write' }), 'ghs_');

/**
 * The REST requests of one run of `pipeline` as the fake counted them, by operation: the plan's
 * guards and check run, report's completion of it with `annotations` annotations.
 */
async function requestsOfRun(pipeline, annotations) {
  const { api, state } = await standaloneApi(tokens, HEAD);
  try {
    const success = (params) => ({ conclusion: 'success', record: { status: 'completed', params } });
    seedRuns(
      state,
      pipeline.name,
      Array.from({ length: 100 }, () => success({})),
    );
    for (const required of pipeline.requires)
      seedRuns(
        state,
        required.pipeline,
        Array.from({ length: 100 }, () => success(required.params)),
      );
    const client = octokitClient({
      token: jobToken.token,
      repository: { owner: 'acme', repo: 'pipes' },
      baseUrl: api.url,
    });
    const before = api.requests.length;
    const held = { ...pipeline, maxConsecutiveFailures: pipeline.maxConsecutiveFailures ?? 3 };
    const params = resolveParams(pipeline, {}, false);
    const verdict = await gitHubGuards({ client }).check(held, params.ok ? params.values : {}, false);
    if (verdict.kind !== 'go') throw new Error(`${pipeline.name}: ${verdict.message}`);
    const { id } = await client.createCheckRun({
      name: `dagline / ${pipeline.name}`,
      headSha: HEAD,
      status: 'in_progress',
    });
    await completeCheckRun(client, id, {
      conclusion: annotations > 0 ? 'failure' : 'success',
      title: 't',
      summary: 's',
      annotations: Array.from({ length: annotations }, (_, i) => ({
        path: 'p.yml',
        startLine: i + 1,
        endLine: i + 1,
        level: 'failure',
        message: 'x',
      })),
    });
    if (api.violations.length > 0) throw new Error(`REST contract broken: ${JSON.stringify(api.violations[0])}`);
    const counts = {};
    for (const request of api.requests.slice(before))
      counts[request.operationId] = (counts[request.operationId] ?? 0) + 1;
    return counts;
  } finally {
    await api.close();
  }
}

const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Jobs of a compiled workflow that run, with their needs, legs (a static matrix's include; a
 * dynamic one counts 1) and max-parallel: a task's job when the plan does not skip it.
 */
function jobsOf(workflowText, runs) {
  const jobs = YAML.parse(workflowText).jobs;
  const kept = Object.entries(jobs).filter(([id]) => runs(id.replace(/--part-\d+$/, '')));
  const ids = new Set(kept.map(([id]) => id));
  return kept.map(([id, job]) => {
    const include = job.strategy?.matrix?.include;
    return {
      id,
      needs: [job.needs ?? []].flat().filter((need) => ids.has(need)),
      legs: Array.isArray(include) ? include.length : 1,
      maxParallel: job.strategy?.['max-parallel'] ?? Infinity,
      own: id === 'dagline-plan' || id === 'dagline-report',
    };
  });
}

/** Dynamic mode's jobs that run: the plan job, each wave job with legs (after every wave before it), the report job. */
function dynamicJobsOf(slots) {
  const waves = slots.map((slot, k) => ({
    id: `dagline-wave-${k + 1}`,
    needs: ['dagline-plan', ...slots.slice(0, k).map((_, j) => `dagline-wave-${j + 1}`)],
    legs: slot.matrix.include.length,
    maxParallel: Infinity,
    own: false,
  }));
  return [
    { id: 'dagline-plan', needs: [], legs: 1, maxParallel: Infinity, own: true },
    ...waves,
    { id: 'dagline-report', needs: waves.map((w) => w.id), legs: 1, maxParallel: Infinity, own: true },
  ];
}

/** List scheduling on `runners` runners: each leg takes start-up + work; returns the makespan in seconds. */
function simulate(jobs) {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const done = new Map();
  const order = [];
  const visit = (j) => {
    if (done.has(j.id)) return;
    done.set(j.id, 0);
    for (const n of j.needs) visit(byId.get(n));
    order.push(j);
  };
  jobs.forEach(visit);
  const free = Array.from({ length: runners }, () => 0);
  for (const job of order) {
    const ready = Math.max(0, ...job.needs.map((n) => done.get(n)));
    let end = ready;
    const ends = [];
    for (let leg = 0; leg < job.legs; leg++) {
      free.sort((a, b) => a - b);
      // max-parallel: a leg waits for the one max-parallel places before it.
      const start = Math.max(ready, free[0], leg >= job.maxParallel ? ends[leg - job.maxParallel] : 0);
      free[0] = start + startupS + (job.own ? 0 : taskS);
      ends.push(free[0]);
      end = Math.max(end, free[0]);
    }
    done.set(job.id, end);
  }
  return Math.max(...done.values());
}

/** The longest chain of task jobs, in tasks (work only). */
function longestChain(jobs) {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const memo = new Map();
  const depth = (j) => {
    if (memo.has(j.id)) return memo.get(j.id);
    const d = (j.own ? 0 : 1) + Math.max(0, ...j.needs.map((n) => depth(byId.get(n))));
    memo.set(j.id, d);
    return d;
  };
  return Math.max(...jobs.map(depth));
}

const rows = [];
for (const { label, file, params: given = {} } of pipelines) {
  // `dagline compile FILE` from the sources, as built above: no bundle to rebuild first.
  const io = { out: () => {}, err: (text) => process.stderr.write(text), env: {} };
  const compiled = compileFile(file, {}, defaultYamlLimits, io);
  const loaded = loadPipeline(readFileSync(file, 'utf8'), file);
  const pipeline = loaded.pipeline;
  const params = resolveParams(pipeline, given, false).values;
  const plan = planPipeline(pipeline, { params });
  const skipped = new Set(plan.tasks.filter((t) => t.decision === 'skip').map((t) => t.id));
  const jobs = jobsOf(compiled.text, (id) => !skipped.has(id));
  const layout = layoutWaves({
    pipeline,
    params,
    run: { actor: 'octocat', trigger: 'dispatch' },
    waveJobs: WAVE_JOBS,
    placeOf: (path) => loaded.locator.at(path, 'key'),
  });
  const dynamic = layout.ok ? dynamicJobsOf(layout.slots) : undefined;
  const tasks = pipeline.tasks.size;
  const ok = await requestsOfRun(pipeline, 0);
  const allFailing = await requestsOfRun(pipeline, tasks);
  // The bound no scheduler beats, start-up aside: the longest chain's work, or all the work on every runner at once.
  const taskLegs = jobs.filter((j) => !j.own).reduce((n, j) => n + j.legs, 0);
  const bound = Math.max(longestChain(jobs) * taskS, Math.ceil((taskLegs * taskS) / runners));
  const makespan = simulate(jobs);
  const dynamicMakespan = dynamic && simulate(dynamic);
  rows.push({
    pipeline: label,
    tasks,
    jobs: jobs.length,
    legs: jobs.reduce((n, j) => n + j.legs, 0),
    'requests (ok)': total(ok),
    'requests (all failing)': total(allFailing),
    'check run updates (all failing)': allFailing['checks/update'],
    'makespan s': makespan,
    'bound s': bound,
    ratio: (makespan / bound).toFixed(2),
    'dynamic jobs': dynamic ? dynamic.length : '-',
    'dynamic legs': dynamic ? dynamic.reduce((n, j) => n + j.legs, 0) : '-',
    'dynamic makespan s': dynamic ? dynamicMakespan : `refused: ${layout.errors[0].message.slice(0, 60)}...`,
    'dynamic ratio': dynamic ? (dynamicMakespan / bound).toFixed(2) : '-',
  });
}
console.log(`start-up ${startupS} s per job, ${taskS} s of work per task, ${runners} runners`);
console.table(rows);
