// Benchmark: `dagline run` on a layered DAG of trivial tasks (`run: "true"`)
// at concurrency 2, against two floors measured in the same run (SPEC section 6):
//   - xargs: the same number of `bash -c true` spawned by `xargs -P2`;
//   - node:  a bare Node script spawning them, each in its own process group
//            (spawn-floor.mjs), with no DAG, no records and no logs.
// dagline runs twice over: with its default spawn helper (the native one, built here first where
// there is a C compiler) and with the Perl one (DAGLINE_SPAWNER=perl), which machines without a
// compiler use. And against peers running the same DAG where they are installed in
// bench/node_modules (`npm --prefix bench install`): wireit, turbo, lage, nx.
// Peers run at the smaller size only: some spawn npm per task.
//
// Each row is the median of interleaved runs, and the best run beside it: the machine is
// noisy (other tenants, a disk that discards), and noise only ever adds time, so the best
// run of each is the steadier estimate of what it costs.
//
//   node bench/local.mjs [sizes...]     e.g. node bench/local.mjs 300 3000
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layeredPipeline } from './generate-layered.mjs';
import { peers } from './peers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const work = join(here, '.work', 'local');
const cli = join(root, 'dist/cli.js');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const CONCURRENCY = 2;
const runsFor = (n) => (n >= 3000 ? 5 : 15);
const PEER_RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs) => Math.min(...xs);

function timed(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 28, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

mkdirSync(work, { recursive: true });
// On ext4 without a journal (this sandbox's disk), an inode freed in the last 60-300 s is not reused,
// and every file created meanwhile in that group pays for looking past it (docs/benchmarks.md): the
// stores this script deleted last time would slow dagline's log files, which the floors never create.
const cleaned = join(work, 'stores-deleted-at');
const sinceCleanup = existsSync(cleaned) ? (Date.now() - Number(readFileSync(cleaned, 'utf8'))) / 1000 : Infinity;
if (sinceCleanup < 300) {
  console.warn(
    `note: the last run's stores were deleted ${Math.round(sinceCleanup)} s ago; on a disk like this one, files created within 5 minutes of mass deletions cost more (docs/benchmarks.md)`,
  );
}
// dagline's default: the native spawn helper, built once into the cache folder where there is a C
// compiler (a user's first run builds it in the background). Built here before anything is timed.
const probe = join(work, 'probe');
mkdirSync(probe, { recursive: true });
writeFileSync(join(probe, 'p.yml'), 'name: probe\ntasks:\n  t: { run: "true" }\n');
const built = spawnSync(process.execPath, [cli, 'run', 'p.yml', '--state-dir', join(probe, '.dagline')], {
  cwd: probe,
  env: { ...process.env, CI: 'true', DAGLINE_SPAWNER: 'native' },
  encoding: 'utf8',
});
rmSync(probe, { recursive: true, force: true });
const native = built.status === 0;
console.log(
  native
    ? 'dagline: the native spawn helper (and, for comparison, the Perl one)'
    : `dagline: the Perl spawn helper (no native one: ${built.stderr.trim()})`,
);
const rows = [];
const stores = [];
for (const n of sizes.length ? sizes : [300, 3000]) {
  const dir = join(work, String(n));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'pipeline.yml');
  writeFileSync(file, layeredPipeline(n));
  const trues = Array.from({ length: n }, () => 'true').join('\n');
  // A fresh store for every run, removed only when every size is done: on this machine's disk
  // (ext4 with discard), creating files just after deleting thousands of them is several times
  // slower, and the floors create none. A user's store is never wiped before each run either.
  let runs = 0;
  const dagline = (spawner) => () => {
    const stateDir = join(dir, `.dagline-${runs++}`);
    stores.push(stateDir);
    return timed(process.execPath, [cli, 'run', file, '--concurrency', String(CONCURRENCY), '--state-dir', stateDir], {
      cwd: dir,
      env: { ...process.env, CI: 'true', DAGLINE_SPAWNER: spawner },
    });
  };
  const contenders = {
    xargs: () => timed('xargs', ['-P', String(CONCURRENCY), '-n', '1', 'bash', '-c'], { input: trues }),
    node: () => timed(process.execPath, [join(here, 'spawn-floor.mjs'), String(n), String(CONCURRENCY)]),
    ...(native && { dagline: dagline('native') }),
    'dagline (perl helper)': dagline('perl'),
  };
  const peerNames = new Set();
  if (n <= 300) {
    for (const peer of peers(here, dir, n, CONCURRENCY)) {
      contenders[peer.name] = peer.run;
      peerNames.add(peer.name);
    }
  }
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let i = 0; i < runsFor(n); i++) {
    for (const [name, run] of Object.entries(contenders)) {
      if (peerNames.has(name) && i >= PEER_RUNS) continue; // peers take seconds a run: fewer samples do
      try {
        samples[name].push(run());
      } catch (error) {
        console.error(`${name} at ${n} tasks failed: ${error.message.split('\n')[0]}`);
        delete contenders[name];
      }
    }
  }
  const xargs = median(samples.xargs);
  const node = median(samples.node);
  const bestNode = best(samples.node);
  const bestXargs = best(samples.xargs);
  for (const [name, xs] of Object.entries(samples)) {
    if (!xs.length) continue;
    const ms = median(xs);
    rows.push({
      tasks: n,
      contender: name,
      seconds: (ms / 1000).toFixed(2),
      'x xargs': (ms / xargs).toFixed(2),
      'x node': (ms / node).toFixed(2),
      'best s': (best(xs) / 1000).toFixed(2),
      'best x xargs': (best(xs) / bestXargs).toFixed(2),
      'best x node': (best(xs) / bestNode).toFixed(2),
    });
  }
}
console.table(rows);
for (const store of stores) rmSync(store, { recursive: true, force: true });
writeFileSync(cleaned, String(Date.now()));
if (!existsSync(join(here, 'node_modules'))) console.log('peers: none installed (npm --prefix bench install)');
