// Benchmark: `dagline validate` and `dagline plan` on generated pipelines of
// 1,000, 10,000 and 100,000 tasks, against a floor measured in the same run:
// a plain YAML parse plus a topological sort of the same file (floor-parse.mjs).
//
// Two views: the command line as a user runs it (one process per run, Node's
// start included for both), and in-process (the library call, start-up
// excluded). Runs are interleaved and reported as medians: the machine is noisy.
//
//   node bench/validate.mjs [sizes...]      e.g. node bench/validate.mjs 1000 10000
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floor } from './floor-parse.mjs';
import { generatePipeline } from './generate-pipeline.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const work = join(here, '.work');
mkdirSync(work, { recursive: true });
const cli = join(root, 'dist/cli.js');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const runsFor = (n) => (n >= 100_000 ? 3 : n >= 10_000 ? 7 : 15);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const run = (args) => () =>
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });

// The library itself, for the in-process view (the bundle is a CLI, so build the sources with tsc first).
execFileSync('npx', ['tsc', '-p', join(root, 'tsconfig.bench.json')], { cwd: root, stdio: 'inherit' });
// tsc copies no .cjs source beside its output: the shell parser is one.
cpSync(join(root, 'src/plan/shell-parser-library.cjs'), join(root, 'build/bench/plan/shell-parser-library.cjs'));
const { loadPipeline } = await import(join(root, 'build/bench/pipeline-format/load-pipeline.js'));
const { planPipeline } = await import(join(root, 'build/bench/plan/plan-pipeline.js'));

const rows = [];
for (const n of sizes.length ? sizes : [1000, 10_000, 100_000]) {
  const text = generatePipeline(n);
  const file = join(work, `pipeline-${n}.yml`);
  writeFileSync(file, text);
  const big = ['--max-file-size', '64MiB'];
  const commands = {
    floor: run([join(here, 'floor-parse.mjs'), file]),
    validate: run([cli, 'validate', file, ...big]),
    plan: run([cli, 'plan', file, ...big]),
  };
  const limits = { maxBytes: 1 << 30, maxDepth: 64, maxAliasNodes: 100_000 };
  const inProcess = {
    floor: () => floor(text),
    validate: () => {
      if (!loadPipeline(text, file, limits).ok) throw new Error('generated pipeline is invalid');
    },
    plan: () => {
      const loaded = loadPipeline(text, file, limits);
      planPipeline(loaded.pipeline, { params: { region: 'eu', day: '2026-11-25' } });
    },
  };
  const samples = { cli: { floor: [], validate: [], plan: [] }, lib: { floor: [], validate: [], plan: [] } };
  for (const fn of Object.values(inProcess)) fn(); // warm the JIT once
  const runs = runsFor(n);
  for (let r = 0; r < runs; r++) {
    // Rotate the order so drift in the machine's speed does not favour one side.
    const order = ['floor', 'validate', 'plan'].map((_, k, all) => all[(k + r) % all.length]);
    for (const name of order) samples.cli[name].push(time(commands[name]));
    for (const name of order) samples.lib[name].push(time(inProcess[name]));
  }
  const m = (view, name) => median(samples[view][name]);
  const row = {
    tasks: n,
    kib: Math.round(text.length / 1024),
    runs,
    cli: { floor: m('cli', 'floor'), validate: m('cli', 'validate'), plan: m('cli', 'plan') },
    lib: { floor: m('lib', 'floor'), validate: m('lib', 'validate'), plan: m('lib', 'plan') },
  };
  rows.push(row);
  const ratio = (view, name) => (row[view][name] / row[view].floor).toFixed(2);
  console.log(
    `${String(n).padStart(7)} tasks ${String(row.kib).padStart(6)} KiB | command line: floor ${row.cli.floor.toFixed(0)} ms, validate ${row.cli.validate.toFixed(0)} ms (${ratio('cli', 'validate')}x), plan ${row.cli.plan.toFixed(0)} ms (${ratio('cli', 'plan')}x) | in-process: floor ${row.lib.floor.toFixed(0)} ms, validate ${ratio('lib', 'validate')}x, plan ${ratio('lib', 'plan')}x`,
  );
}
writeFileSync(join(work, 'validate-results.json'), `${JSON.stringify(rows, null, 2)}\n`);
