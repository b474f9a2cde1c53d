import { isGate, type Dag } from './dag.js';

export interface LongestPaths {
  /** For each node, the heaviest path ending at it, itself included. */
  weight: number[];
  /** For each node, how many weighted nodes that path holds (ties are broken by it). */
  length: number[];
  /** For each node, the predecessor on that path, or -1. */
  via: number[];
}

/**
 * The heaviest path to every node, in one pass over a topological order.
 * Gates weigh nothing; a task weighs `taskWeight(node)`, and counts toward
 * `length` when `counts(node)` holds. Waves use weight 1 per running task;
 * the critical path uses estimated durations.
 */
export function longestPaths(
  dag: Dag,
  order: readonly number[],
  taskWeight: (node: number) => number,
  counts: (node: number) => boolean = () => true,
): LongestPaths {
  const size = dag.names.length;
  const weight = new Array<number>(size).fill(0);
  const length = new Array<number>(size).fill(0);
  const via = new Array<number>(size).fill(-1);
  for (const node of order) {
    let bestWeight = 0;
    let bestLength = 0;
    let best = -1;
    for (const p of dag.preds[node] as number[]) {
      const w = weight[p] as number;
      const l = length[p] as number;
      if (w > bestWeight || (w === bestWeight && l > bestLength) || (best === -1 && (w > 0 || l > 0))) {
        bestWeight = w;
        bestLength = l;
        best = p;
      }
    }
    const own = isGate(dag, node) ? 0 : taskWeight(node);
    weight[node] = bestWeight + own;
    length[node] = bestLength + (!isGate(dag, node) && counts(node) ? 1 : 0);
    via[node] = best;
  }
  return { weight, length, via };
}

/** The task nodes along the path ending at `end`, first to last (gates left out). */
export function pathTo(dag: Dag, paths: LongestPaths, end: number): number[] {
  const path: number[] = [];
  for (let node = end; node !== -1; node = paths.via[node] as number) {
    if (!isGate(dag, node)) path.unshift(node);
  }
  return path;
}

/**
 * The critical path: the heaviest chain of tasks (ties: the one with more tasks), first to last.
 * `estimateOf` gives a task node's expected duration; when no task has one, every task weighs 1
 * and the path is the longest chain. Only `included` task nodes weigh and count.
 */
export function criticalPath(
  dag: Dag,
  order: readonly number[],
  estimateOf: (node: number) => number | undefined,
  included: (node: number) => boolean = () => true,
): { nodes: number[]; estimateMs?: number } {
  let estimated = false;
  for (let node = 0; node < dag.taskCount; node++) if (estimateOf(node) !== undefined) estimated = true;
  const paths = longestPaths(
    dag,
    order,
    (node) => (!included(node) ? 0 : estimated ? (estimateOf(node) ?? 0) : 1),
    included,
  );
  let end = -1;
  for (let node = 0; node < dag.taskCount; node++) {
    if (!included(node)) continue;
    const weight = paths.weight[node] as number;
    const endWeight = end === -1 ? 0 : (paths.weight[end] as number);
    if (
      end === -1 ||
      weight > endWeight ||
      (weight === endWeight && (paths.length[node] as number) > (paths.length[end] as number))
    )
      end = node;
  }
  if (end === -1) return { nodes: [] };
  const nodes = pathTo(dag, paths, end).filter(included);
  return estimated ? { nodes, estimateMs: nodes.reduce((sum, node) => sum + (estimateOf(node) ?? 0), 0) } : { nodes };
}
