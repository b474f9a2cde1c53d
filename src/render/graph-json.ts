import { dagOf, orderOf } from '../graph/dag.js';
import { longestPaths } from '../graph/longest-path.js';
import type { Pipeline } from '../pipeline-format/model.js';

/**
 * The DAG as data, for tools and for DAG diffs: every task with its declared
 * needs and everything it waits for (its stage's needs too), the stages, the
 * edges as declared (a name may be a task or a stage, as in the picture; the
 * stage list tells which) and the structural levels. Nothing is expanded, so
 * the size stays linear in the file even for stages of thousands of tasks.
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
    /** needs plus the needs of its stage: task ids and stage names. */
    waitsFor: string[];
    matrix?: Record<string, unknown>;
    level: number;
  }[];
  edges: { from: string; to: string }[];
  levels: string[][];
}

export function graphToJson(pipeline: Pipeline): GraphJson {
  const dag = dagOf(pipeline);
  const levels = longestPaths(dag, orderOf(dag) ?? [], () => 1);
  const tasks: GraphJson['tasks'] = [];
  const edges: GraphJson['edges'] = [];
  const byLevel: string[][] = [];
  for (const stage of pipeline.stages.values())
    for (const need of stage.needs) edges.push({ from: need, to: stage.name });
  for (const task of pipeline.tasks.values()) {
    const node = dag.taskIndex.get(task.id) as number;
    const level = levels.weight[node] as number;
    const stageNeeds = task.stage === undefined ? [] : (pipeline.stages.get(task.stage)?.needs ?? []);
    for (const from of task.needs) edges.push({ from, to: task.id });
    (byLevel[level - 1] ??= []).push(task.id);
    tasks.push({
      id: task.id,
      ...(task.name !== undefined && { name: task.name }),
      ...(task.stage !== undefined && { stage: task.stage }),
      ...(task.group !== undefined && { group: task.group }),
      kind: task.action.kind,
      ...(task.if !== undefined && { if: task.if }),
      needs: task.needs,
      waitsFor: [...new Set([...task.needs, ...stageNeeds])],
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
