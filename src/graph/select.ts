import { UsageError } from '../errors/dagline-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { isGate, type Dag } from './dag.js';

/**
 * Subgraph selection, as dbt users know it: `load` is that task, `+load` adds
 * everything it needs (transitively), `load+` adds everything that needs it,
 * `+load+` both. A stage name stands for all of its tasks. `--from load` is
 * `load+`.
 */
export interface Selection {
  only?: readonly string[];
  from?: readonly string[];
}

/** The selected task nodes, or undefined when nothing narrows the run. */
export function selectTasks(dag: Dag, selection: Selection): Set<number> | undefined {
  const selectors = [...(selection.only ?? []), ...(selection.from ?? []).map((s) => (s.endsWith('+') ? s : `${s}+`))];
  if (selectors.length === 0) return undefined;
  const selected = new Set<number>();
  for (const raw of selectors) {
    const upstream = raw.startsWith('+');
    const downstream = raw.endsWith('+') && raw.length > 1;
    const name = raw.slice(upstream ? 1 : 0, downstream ? -1 : undefined);
    const seeds = seedNodes(dag, name);
    for (const seed of seeds) {
      selected.add(seed);
      if (upstream) walk(dag.preds, seed, selected);
      if (downstream) walk(dag.succs, seed, selected);
    }
  }
  for (const node of [...selected]) if (isGate(dag, node)) selected.delete(node);
  return selected;
}

function seedNodes(dag: Dag, name: string): number[] {
  const task = dag.taskIndex.get(name);
  if (task !== undefined) return [task];
  const gate = dag.gateIndex.get(name);
  if (gate !== undefined) return dag.preds[gate] as number[];
  throw new UsageError(
    `no task or stage "${name}" to select`,
    {},
    didYouMean(name, [...dag.taskIndex.keys(), ...dag.gateIndex.keys()]) ??
      'select with a task id or a stage name, with + for upstream (+x) or downstream (x+)',
  );
}

function walk(edges: number[][], start: number, into: Set<number>): void {
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    for (const next of edges[node] as number[]) {
      if (!into.has(next)) {
        into.add(next);
        stack.push(next);
      }
    }
  }
}
