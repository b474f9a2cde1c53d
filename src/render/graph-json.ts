import { buildDag, isGate, topologicalOrder } from '../graph/dag.js';
import { longestPaths } from '../graph/longest-path.js';
import type { Pipeline } from '../spec/model.js';

/**
 * The DAG as data, for tools and for DAG diffs: every task with its declared
 * needs and the tasks it really waits for (stages expanded), the stages, the
 * task-to-task edges and the structural levels.
 */
export interface GraphJson {
  pipeline: string;
  file: string;
  sha256: string;
  stages: { name: string; if?: string; needs: string[]; tasks: string[] }[];
  tasks: {
    id: string;
    name?: string;
    stage?: string;
    group?: string;
    kind: 'run' | 'command' | 'pipeline';
    if?: string;
    needs: string[];
    dependsOn: string[];
    matrix?: Record<string, unknown>;
    level: number;
  }[];
  edges: { from: string; to: string }[];
  levels: string[][];
}

export function graphToJson(pipeline: Pipeline): GraphJson {
  const dag = buildDag(pipeline);
  const order = topologicalOrder(dag) ?? [];
  const levels = longestPaths(dag, order, () => 1);
  const dependsOn = (node: number): string[] => {
    const ids = new Set<string>();
    for (const pred of dag.preds[node] as number[]) {
      if (!isGate(dag, pred)) ids.add(dag.names[pred] as string);
      else for (const member of dag.preds[pred] as number[]) ids.add(dag.names[member] as string);
    }
    return [...ids];
  };
  const tasks: GraphJson['tasks'] = [];
  const edges: GraphJson['edges'] = [];
  const byLevel: string[][] = [];
  for (const task of pipeline.tasks.values()) {
    const node = dag.taskIndex.get(task.id) as number;
    const level = levels.weight[node] as number;
    const waits = dependsOn(node);
    for (const from of waits) edges.push({ from, to: task.id });
    (byLevel[level - 1] ??= []).push(task.id);
    tasks.push({
      id: task.id,
      ...(task.name !== undefined && { name: task.name }),
      ...(task.stage !== undefined && { stage: task.stage }),
      ...(task.group !== undefined && { group: task.group }),
      kind: task.action.kind,
      ...(task.if !== undefined && { if: task.if }),
      needs: task.needs,
      dependsOn: waits,
      ...(task.matrix && {
        matrix: {
          ...Object.fromEntries(task.matrix.axes.map((a) => [a.name, a.values])),
          ...(task.matrix.include.length && { include: task.matrix.include }),
          ...(task.matrix.exclude.length && { exclude: task.matrix.exclude }),
        },
      }),
      level,
    });
  }
  return {
    pipeline: pipeline.name,
    file: pipeline.file,
    sha256: pipeline.source.sha256,
    stages: [...pipeline.stages.values()].map((stage) => ({
      name: stage.name,
      ...(stage.if !== undefined && { if: stage.if }),
      needs: stage.needs,
      tasks: [...pipeline.tasks.values()].filter((t) => t.stage === stage.name).map((t) => t.id),
    })),
    tasks,
    edges,
    levels: byLevel.filter((l) => l !== undefined),
  };
}
