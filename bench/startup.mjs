// Benchmark: what a user waits for before any task runs, the start of a `dagline` command, against
// a floor measured in the same run: Node starting and ending with nothing to do (`node -e 0`).
// Commands: `--version` (the command line alone), `validate` and `plan` of a small pipeline (the
// pipeline format and the shell parser), `graph` (no shell parser), `compile --check` (the
// compiler). `--baseline PATH/dist/cli.js` adds another build side by side (e.g. the commit before
// a change to the bundles). Runs are interleaved and reported as medians: the machine is noisy.
//
//   node bench/startup.mjs [--runs N] [--baseline PATH]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist/cli.js');
const work = join(here, '.work', 'startup');
const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, baseline: { type: 'string' } },
});
const RUNS = Number(flags.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A pipeline of the kind a repository holds: a few tasks, a param, a template in a script.
mkdirSync(join(work, '.git'), { recursive: true });
const file = join(work, 'etl.yml');
writeFileSync(
  file,
  `name: etl
params:
  day: { type: string, default: "2026-12-01" }
tasks:
  extract:
    run: echo "extracting \${{ params.day }}"
  transform:
    needs: [extract]
    run: echo transforming
  load:
    needs: [transform]
    matrix: { target: [warehouse, lake] }
    run: echo "loading into \${{ matrix.target }}"
`,
);

function timed(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // compile --check exits 1 when the workflow differs (there is none here): that is still a start.
  if (result.status !== 0 && !(args.includes('--check') && result.status === 1))
    throw new Error(`${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(-300)}`);
  return ms;
}

const commands = {
  '--version': ['--version'],
  validate: ['validate', file],
  plan: ['plan', file],
  graph: ['graph', file],
  'compile --check': ['compile', file, '--check', '-o', join(work, 'etl.workflow.yml')],
};
const builds = { dagline: cli, ...(flags.baseline && { baseline: resolve(flags.baseline) }) };

const samples = { floor: [] };
for (const command of Object.keys(commands))
  for (const build of Object.keys(builds)) samples[`${build} ${command}`] = [];
for (let i = 0; i < RUNS; i++) {
  samples.floor.push(timed(['-e', '0']));
  for (const [command, args] of Object.entries(commands))
    for (const [build, path] of Object.entries(builds)) samples[`${build} ${command}`].push(timed([path, ...args]));
}

const floor = median(samples.floor);
console.log(`floor (node -e 0): ${floor.toFixed(0)} ms, ${RUNS} runs each, medians\n`);
console.log(`| command | ${Object.keys(builds).join(' | ')} |`);
console.log(
  `| --- | ${Object.keys(builds)
    .map(() => '---:')
    .join(' | ')} |`,
);
for (const command of Object.keys(commands)) {
  const cells = Object.keys(builds).map((build) => {
    const ms = median(samples[`${build} ${command}`]);
    return `${ms.toFixed(0)} ms (${(ms / floor).toFixed(2)}x)`;
  });
  console.log(`| ${command} | ${cells.join(' | ')} |`);
}
