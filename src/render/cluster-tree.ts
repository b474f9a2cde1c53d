import { expandMatrix } from '../plan/expand-matrix.js';
import type { Pipeline, TaskSpec } from '../pipeline-format/model.js';

/**
 * The nesting a picture of the DAG shows: stages as the outer boxes, display
 * groups (`group: a/b`) inside them, tasks as leaves, all in file order.
 */
export interface Cluster {
  kind: 'root' | 'stage' | 'group';
  name: string;
  /** Stable id for the picture: s0, g3, ... */
  key: string;
  tasks: TaskSpec[];
  children: Cluster[];
}

export function clusterTree(pipeline: Pipeline): Cluster {
  const root: Cluster = { kind: 'root', name: pipeline.name, key: 'root', tasks: [], children: [] };
  const stages = new Map<string, Cluster>();
  let stageCount = 0;
  for (const name of pipeline.stages.keys()) {
    const cluster: Cluster = { kind: 'stage', name, key: `s${stageCount++}`, tasks: [], children: [] };
    stages.set(name, cluster);
    root.children.push(cluster);
  }
  let groupCount = 0;
  for (const task of pipeline.tasks.values()) {
    let cluster = (task.stage !== undefined && stages.get(task.stage)) || root;
    for (const part of (task.group ?? '').split('/').filter(Boolean)) {
      let child = cluster.children.find((c) => c.kind === 'group' && c.name === part);
      if (!child) {
        child = { kind: 'group', name: part, key: `g${groupCount++}`, tasks: [], children: [] };
        cluster.children.push(child);
      }
      cluster = child;
    }
    cluster.tasks.push(task);
  }
  return root;
}

/** A task's label in pictures: its id, its display name, and its matrix size. */
export function taskLabel(task: TaskSpec): string {
  let label = task.name && task.name !== task.id ? `${task.id}: ${task.name}` : task.id;
  if (task.matrix) {
    const dynamic = task.matrix.axes.some((a) => !Array.isArray(a.values));
    label += dynamic ? ' (matrix at run time)' : ` (x${expandMatrix(task.matrix).length})`;
  }
  if (task.action.kind === 'pipeline') label += ` -> ${task.action.path}`;
  return label;
}
