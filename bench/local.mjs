// Benchmark: `dagline run` on realistic pipelines (SPEC section 6): layered DAGs (rows of 10,
// each task needing one or two of the row before) of 50 and 500 tasks running `sleep 0.1`, and
// 50 running `sleep 1`, at concurrency 4 and 8. Each is reported as a ratio, in the same run, to:
//   - ideal: the makespan of the ideal schedule (every task takes exactly its sleep, a free slot
//     starts a ready task at once): computed, what no runner can beat;
//   - floor: bench/dag-floor.mjs, a bare Node script running the same DAG with spawn, a process
//     group per task and nothing else: measured, what any runner on Node pays at least;
// and beside the peers that run the same DAG where they are installed in bench/node_modules
// (`npm --prefix bench install`): wireit, turbo, lage, nx.
// `--baseline PATH` adds another dagline build (e.g. an older commit's dist/cli.js) side by side.
// Contenders run interleaved, several times each; the median is reported.
//
//   node bench/local.mjs [--runs N] [--baseline PATH/dist/cli.js] [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { idealMakespan, layeredDag, layeredPipeline } from './generate-layered.mjs';
import { peers } from './peers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist/cli.js');
const work = join(here, '.work', 'local');
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const RUNS = Number(flags.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const pipelines = [
  { count: 50, command: 'sleep 0.1', taskMs: 100 },
  { count: 500, command: 'sleep 0.1', taskMs: 100 },
  { count: 50, command: 'sleep 1', taskMs: 1000 },
].filter((p) => !flags.quick || p.count === 50);
const concurrencies = flags.quick ? [4] : [4, 8];

function timed(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`exited ${result.status}: ${String(result.stderr).slice(-300)}`);
  return ms;
}

rmSync(work, { recursive: true, force: true });
const rows = [];
for (const { count, command, taskMs } of pipelines) {
  for (const concurrency of concurrencies) {
    const dir = join(work, `${count}-${taskMs}-${concurrency}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'pipeline.yml');
    writeFileSync(file, layeredPipeline(count, command));
    let store = 0;
    const dagline = (script) => () =>
      timed(
        process.execPath,
        [script, 'run', file, '--concurrency', String(concurrency), '--state-dir', join(dir, `.dagline-${store++}`)],
        { cwd: dir, env: { ...process.env, CI: 'true' } },
      );
    const contenders = {
      floor: () => timed(process.execPath, [join(here, 'dag-floor.mjs'), String(count), String(concurrency), command]),
      dagline: dagline(cli),
      ...(flags.baseline && { 'dagline (baseline)': dagline(resolve(flags.baseline)) }),
    };
    for (const peer of peers(here, dir, count, concurrency, command)) contenders[peer.name] = peer.run;
    const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, run] of Object.entries(contenders)) {
        try {
          samples[name].push(run());
        } catch (error) {
          console.error(`${name} (${count} x ${command}, concurrency ${concurrency}) failed: ${error.message}`);
          delete contenders[name];
        }
      }
    }
    const ideal = idealMakespan(layeredDag(count), concurrency, taskMs);
    const floor = median(samples.floor);
    for (const [name, xs] of Object.entries(samples)) {
      if (!xs.length) continue;
      const ms = median(xs);
      rows.push({
        pipeline: `${count} x ${command}`,
        concurrency,
        contender: name,
        seconds: (ms / 1000).toFixed(2),
        'x ideal': (ms / ideal).toFixed(2),
        'x floor': (ms / floor).toFixed(2),
      });
    }
    rows.push({
      pipeline: `${count} x ${command}`,
      concurrency,
      contender: 'ideal',
      seconds: (ideal / 1000).toFixed(2),
    });
  }
}
console.table(rows);
rmSync(work, { recursive: true, force: true });
if (!existsSync(join(here, 'node_modules'))) console.log('peers: none installed (npm --prefix bench install)');
