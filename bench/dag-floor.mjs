// A measured floor for local runs (SPEC section 6): a bare Node script that runs a layered DAG
// with Node's spawn, each task in its own process group, at most `concurrency` at once, a task
// starting as soon as its needs have exited: the scheduling any runner must do, and nothing
// else (no records, no logs, no checks).
//   node bench/dag-floor.mjs COUNT CONCURRENCY COMMAND
import { spawn } from 'node:child_process';
import { layeredDag } from './generate-layered.mjs';

const count = Number(process.argv[2]);
const concurrency = Number(process.argv[3] ?? 2);
const command = process.argv[4] ?? 'true';
const dag = layeredDag(count);
const waiting = new Map(dag.map((t) => [t.id, new Set(t.needs)]));
const dependents = new Map(dag.map((t) => [t.id, []]));
for (const t of dag) for (const n of t.needs) dependents.get(n).push(t.id);
const ready = dag.filter((t) => t.needs.length === 0).map((t) => t.id);
let running = 0;
let finished = 0;

function pump() {
  while (running < concurrency && ready.length) {
    const id = ready.shift();
    running++;
    const child = spawn('bash', ['-c', command], { detached: true, stdio: 'ignore' });
    child.on('exit', (code) => {
      if (code !== 0) process.exit(1);
      running--;
      finished++;
      for (const d of dependents.get(id)) {
        const left = waiting.get(d);
        left.delete(id);
        if (left.size === 0) ready.push(d);
      }
      if (finished === count) process.exit(0);
      pump();
    });
  }
}
pump();
