// What a pipeline costs on GitHub Actions, for the examples and layered pipelines of 50 and 500
// tasks: the jobs its compiled workflow has (matrix legs counted), the REST requests a run makes,
// and the makespan of a run simulated with a start-up cost per job, against the critical-path
// bound (the longest chain of tasks, no start-up). Nothing here reaches GitHub.
//
//   npm run build && node bench/github.mjs [--startup 10] [--task 60] [--runners 20]
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
import { layeredPipeline } from './generate-layered.mjs';

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
];

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

/** Jobs of a compiled workflow with their needs and legs (a static matrix's include; a dynamic one counts 1). */
function jobsOf(workflowText) {
  const jobs = YAML.parse(workflowText).jobs;
  return Object.entries(jobs).map(([id, job]) => {
    const include = job.strategy?.matrix?.include;
    return {
      id,
      needs: [job.needs ?? []].flat(),
      legs: Array.isArray(include) ? include.length : 1,
      own: id === 'dagline-plan' || id === 'dagline-report',
    };
  });
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
    for (let leg = 0; leg < job.legs; leg++) {
      free.sort((a, b) => a - b);
      const start = Math.max(ready, free[0]);
      free[0] = start + startupS + (job.own ? 0 : taskS);
      end = Math.max(end, free[0]);
    }
    done.set(job.id, end);
  }
  return Math.max(...done.values());
}

/** The longest chain of task jobs, in tasks: the bound no scheduler beats (work only). */
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
for (const { label, file } of pipelines) {
  const out = join(work, 'workflow.yml');
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'compile', file, '-o', out], { stdio: 'ignore' });
  const jobs = jobsOf(readFileSync(out, 'utf8'));
  const loaded = loadPipeline(readFileSync(file, 'utf8'), file);
  const pipeline = loaded.pipeline;
  const tasks = pipeline.tasks.size;
  const ok = await requestsOfRun(pipeline, 0);
  const allFailing = await requestsOfRun(pipeline, tasks);
  const chain = longestChain(jobs);
  const makespan = simulate(jobs);
  rows.push({
    pipeline: label,
    tasks,
    jobs: jobs.length,
    legs: jobs.reduce((n, j) => n + j.legs, 0),
    'requests (ok)': total(ok),
    'requests (all failing)': total(allFailing),
    'check run updates (all failing)': allFailing['checks/update'],
    'makespan s': makespan,
    'bound s': chain * taskS,
    ratio: (makespan / (chain * taskS)).toFixed(2),
  });
}
console.log(`start-up ${startupS} s per job, ${taskS} s of work per task, ${runners} runners`);
console.table(rows);
