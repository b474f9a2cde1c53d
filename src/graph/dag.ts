import toposort from 'toposort';
import type { Pipeline } from '../pipeline-format/model.js';

/**
 * The DAG of a pipeline. Nodes are the tasks (in file order) followed by one
 * gate per stage: a gate waits for every task of its stage, and whatever needs
 * the stage waits for the gate. This keeps stage-to-stage needs linear in size
 * (a stage of 5,000 tasks needing another of 5,000 is 10,000 edges, not 25
 * million). Gates take no time and never show as a task.
 */
export interface Dag {
  /** Task ids, then stage names, by node index. */
  names: string[];
  taskCount: number;
  taskIndex: Map<string, number>;
  gateIndex: Map<string, number>;
  /** What each node waits for. */
  preds: number[][];
  /** What waits for each node. */
  succs: number[][];
}

export function isGate(dag: Dag, node: number): boolean {
  return node >= dag.taskCount;
}

/** `load` for a task, `stage init` for a gate. */
export function nodeLabel(dag: Dag, node: number): string {
  return isGate(dag, node) ? `stage ${dag.names[node]}` : (dag.names[node] as string);
}

const dags = new WeakMap<Pipeline, Dag>();
const orders = new WeakMap<Dag, number[] | undefined>();

/** The DAG of a pipeline, built once and shared by the checker, the planner and the renderers. */
export function dagOf(pipeline: Pipeline): Dag {
  let dag = dags.get(pipeline);
  if (!dag) dags.set(pipeline, (dag = buildDag(pipeline)));
  return dag;
}

/** topologicalOrder, computed once per DAG. */
export function orderOf(dag: Dag): number[] | undefined {
  if (!orders.has(dag)) orders.set(dag, topologicalOrder(dag));
  return orders.get(dag);
}

/**
 * Builds the DAG. Names that match no task or stage, a task needing itself or
 * its own stage, are left out here: checkPipeline reports them with their place.
 */
export function buildDag(pipeline: Pipeline): Dag {
  const names: string[] = [];
  const taskIndex = new Map<string, number>();
  const gateIndex = new Map<string, number>();
  for (const id of pipeline.tasks.keys()) {
    taskIndex.set(id, names.length);
    names.push(id);
  }
  const taskCount = names.length;
  for (const name of pipeline.stages.keys()) {
    gateIndex.set(name, names.length);
    names.push(name);
  }
  const preds: number[][] = names.map(() => []);
  const succs: number[][] = names.map(() => []);
  const link = (from: number, to: number) => {
    const into = preds[to] as number[];
    if (from === to || into.includes(from)) return; // a task's own needs: a short list
    into.push(from);
    (succs[from] as number[]).push(to);
  };
  /** The node a `needs` entry names: a task first, then a stage. */
  const resolve = (name: string) => taskIndex.get(name) ?? gateIndex.get(name);

  for (const [id, task] of pipeline.tasks) {
    const node = taskIndex.get(id) as number;
    const ownGate = task.stage === undefined ? undefined : gateIndex.get(task.stage);
    const stageNeeds = task.stage === undefined ? [] : (pipeline.stages.get(task.stage)?.needs ?? []);
    for (const need of [...task.needs, ...stageNeeds]) {
      const from = resolve(need);
      if (from !== undefined && from !== ownGate) link(from, node);
    }
    if (ownGate !== undefined) {
      // Each task joins its stage once: no need to scan the stage's (long) list for duplicates.
      (preds[ownGate] as number[]).push(node);
      (succs[node] as number[]).push(ownGate);
    }
  }
  return { names, taskCount, taskIndex, gateIndex, preds, succs };
}

/**
 * The nodes in an order where every node comes after what it waits for,
 * computed with `toposort`; undefined when the graph has a cycle (findCycles
 * then names it).
 */
export function topologicalOrder(dag: Dag): number[] | undefined {
  const nodes = dag.names.map((_, i) => i);
  const edges: [number, number][] = [];
  dag.succs.forEach((targets, from) => {
    for (const to of targets) edges.push([from, to]);
  });
  try {
    return toposort.array(nodes, edges);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Cyclic dependency')) return undefined;
    throw error;
  }
}
