// A floor for local runs (SPEC section 6): a bare Node script that spawns
// `count` processes of `bash -c true`, each in its own process group, at most
// `concurrency` at once, and nothing else: no DAG, no records, no logs.
import { spawn } from 'node:child_process';

const count = Number(process.argv[2]);
const concurrency = Number(process.argv[3] ?? 2);
let started = 0;
let finished = 0;

function next() {
  if (started >= count) return;
  started++;
  const child = spawn('bash', ['-c', 'true'], { detached: true, stdio: 'ignore' });
  child.on('exit', () => {
    finished++;
    if (finished === count) process.exit(0);
    next();
  });
}
for (let i = 0; i < Math.min(concurrency, count); i++) next();
