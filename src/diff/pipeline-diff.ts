import { dagOf, orderOf } from '../graph/dag.js';
import { criticalPath } from '../graph/longest-path.js';
import type { Pipeline, TaskSpec } from '../pipeline-format/model.js';
import {
  inFieldOrder,
  PARAM_FIELDS,
  paramFacets,
  PIPELINE_FIELDS,
  pipelineFacets,
  STAGE_FIELDS,
  stageFacets,
  TASK_FIELDS,
  taskFacets,
  type Facets,
} from './facets.js';

/**
 * What a change does to a pipeline's DAG, as a reviewer reads it: tasks added, removed and
 * changed (each with what changed), edges added and removed, params added, removed or retyped,
 * the critical path before and after. Pure: it compares two loaded pipelines (either may be
 * missing: a new or a deleted file) and holds plain data, so it prints as JSON as it is.
 */
export interface PipelineDiff {
  base?: PipelineSide;
  head?: PipelineSide;
  /** Pipeline-level keys: name, schedule, concurrency, env.X, ... */
  pipeline: FieldChange[];
  params: {
    added: ParamSummary[];
    removed: ParamSummary[];
    retyped: { name: string; before: string; after: string }[];
    /** Options, default, required or description changed (the type did not). */
    changed: { name: string; changes: FieldChange[] }[];
  };
  stages: { added: string[]; removed: string[]; changed: { name: string; changes: FieldChange[] }[] };
  tasks: { added: TaskSummary[]; removed: TaskSummary[]; changed: { id: string; changes: FieldChange[] }[] };
  /** A removed task and an added one with the same action and edges: probably a rename. */
  renames: { from: string; to: string }[];
  /** Declared edges (a `needs` entry, a task's or a stage's), by name: `from` is needed by `to`. */
  edges: { added: Edge[]; removed: Edge[] };
  criticalPath: { before?: PathSummary; after?: PathSummary };
}

export interface PipelineSide {
  file: string;
  name: string;
  tasks: number;
}

/** One facet of a task, param, stage or pipeline, as text; absent on the side that does not have it. */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

export interface ParamSummary {
  name: string;
  type: string;
}

export interface TaskSummary {
  id: string;
  kind: TaskSpec['action']['kind'];
  stage?: string;
  needs: string[];
}

export interface Edge {
  from: string;
  to: string;
}

/** The critical path, or `cycle` when the graph has one (it has no order, so no path). */
export type PathSummary = { tasks: string[]; estimateMs?: number } | { cycle: true };

export function diffPipelines(base: Pipeline | undefined, head: Pipeline | undefined): PipelineDiff {
  const baseTasks = base?.tasks ?? new Map<string, TaskSpec>();
  const headTasks = head?.tasks ?? new Map<string, TaskSpec>();
  const diff: PipelineDiff = {
    ...(base && { base: sideOf(base) }),
    ...(head && { head: sideOf(head) }),
    pipeline: base && head ? compareFacets(pipelineFacets(base), pipelineFacets(head), PIPELINE_FIELDS) : [],
    params: { added: [], removed: [], retyped: [], changed: [] },
    stages: { added: [], removed: [], changed: [] },
    tasks: { added: [], removed: [], changed: [] },
    renames: [],
    edges: { added: [], removed: [] },
    criticalPath: {
      ...(base && { before: pathOf(base) }),
      ...(head && { after: pathOf(head) }),
    },
  };

  const baseParams = base?.params ?? new Map();
  const headParams = head?.params ?? new Map();
  for (const [name, param] of headParams) {
    const before = baseParams.get(name);
    if (!before) diff.params.added.push({ name, type: param.type });
    else if (before.type !== param.type) diff.params.retyped.push({ name, before: before.type, after: param.type });
    else {
      const changes = compareFacets(paramFacets(before), paramFacets(param), PARAM_FIELDS);
      if (changes.length) diff.params.changed.push({ name, changes });
    }
  }
  for (const [name, param] of baseParams)
    if (!headParams.has(name)) diff.params.removed.push({ name, type: param.type });

  const baseStages = base?.stages ?? new Map();
  const headStages = head?.stages ?? new Map();
  for (const [name, stage] of headStages) {
    const before = baseStages.get(name);
    if (!before) diff.stages.added.push(name);
    else {
      const changes = compareFacets(stageFacets(before), stageFacets(stage), STAGE_FIELDS);
      if (changes.length) diff.stages.changed.push({ name, changes });
    }
  }
  for (const name of baseStages.keys()) if (!headStages.has(name)) diff.stages.removed.push(name);

  const baseFacets = new Map([...baseTasks].map(([id, task]) => [id, taskFacets(task)]));
  const headFacets = new Map([...headTasks].map(([id, task]) => [id, taskFacets(task)]));
  for (const [id, task] of headTasks) {
    const before = baseFacets.get(id);
    if (!before) diff.tasks.added.push(summaryOf(task));
    else {
      const changes = compareFacets(before, headFacets.get(id) as Facets, TASK_FIELDS);
      if (changes.length) diff.tasks.changed.push({ id, changes });
    }
  }
  for (const [id, task] of baseTasks) if (!headTasks.has(id)) diff.tasks.removed.push(summaryOf(task));

  const baseEdges = edgesOf(base);
  const headEdges = edgesOf(head);
  for (const [key, edge] of headEdges) if (!baseEdges.has(key)) diff.edges.added.push(edge);
  for (const [key, edge] of baseEdges) if (!headEdges.has(key)) diff.edges.removed.push(edge);

  diff.renames = suggestRenames(diff, { baseTasks, headTasks, baseFacets, headFacets, baseEdges, headEdges });
  return diff;
}

/** Whether the two pipelines differ in anything the diff shows. */
export function hasDifferences(diff: PipelineDiff): boolean {
  if ((diff.base === undefined) !== (diff.head === undefined)) return true;
  const { params, stages, tasks, edges } = diff;
  return (
    diff.pipeline.length +
      params.added.length +
      params.removed.length +
      params.retyped.length +
      params.changed.length +
      stages.added.length +
      stages.removed.length +
      stages.changed.length +
      tasks.added.length +
      tasks.removed.length +
      tasks.changed.length +
      edges.added.length +
      edges.removed.length >
    0
  );
}

function sideOf(pipeline: Pipeline): PipelineSide {
  return { file: pipeline.file, name: pipeline.name, tasks: pipeline.tasks.size };
}

function summaryOf(task: TaskSpec): TaskSummary {
  return {
    id: task.id,
    kind: task.action.kind,
    ...(task.stage !== undefined && { stage: task.stage }),
    needs: [...task.needs],
  };
}

function pathOf(pipeline: Pipeline): PathSummary {
  const dag = dagOf(pipeline);
  const order = orderOf(dag);
  if (!order) return { cycle: true };
  const path = criticalPath(dag, order, (node) => pipeline.tasks.get(dag.names[node] as string)?.estimateMs);
  const tasks = path.nodes.map((node) => dag.names[node] as string);
  return path.estimateMs === undefined ? { tasks } : { tasks, estimateMs: path.estimateMs };
}

/** Every declared edge, keyed `from\0to`, in file order: tasks' needs, then stages' needs. */
export function edgesOf(pipeline: Pipeline | undefined): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  if (!pipeline) return edges;
  const add = (from: string, to: string) => edges.set(`${from}\0${to}`, { from, to });
  for (const task of pipeline.tasks.values()) for (const need of task.needs) add(need, task.id);
  for (const stage of pipeline.stages.values()) for (const need of stage.needs) add(need, stage.name);
  return edges;
}

/** Each facet present on either side whose text differs, in the order the facets are listed. */
function compareFacets(before: Facets, after: Facets, order: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const fields = inFieldOrder([...new Set([...before.keys(), ...after.keys()])], order);
  for (const field of fields) {
    const b = before.get(field);
    const a = after.get(field);
    if (b === a) continue;
    changes.push({ field, ...(b !== undefined && { before: b }), ...(a !== undefined && { after: a }) });
  }
  return changes;
}

/** The facets that say what a task does: a rename keeps them. */
const ACTION_FIELD = /^(run|shell|command|pipeline|dispatch|with\..*)$/;

/**
 * A removed task and an added one are taken for a rename when they do the same thing (the same
 * action facets) and sit at the same place in the graph (the same needs, and the same tasks or
 * stages need them). Each task is paired at most once, in
 * file order.
 */
function suggestRenames(
  diff: PipelineDiff,
  sides: {
    baseTasks: Map<string, TaskSpec>;
    headTasks: Map<string, TaskSpec>;
    baseFacets: Map<string, Facets>;
    headFacets: Map<string, Facets>;
    baseEdges: Map<string, Edge>;
    headEdges: Map<string, Edge>;
  },
): PipelineDiff['renames'] {
  const renames: PipelineDiff['renames'] = [];
  const taken = new Set<string>();
  const actionOf = (facets: Facets) =>
    JSON.stringify([...facets].filter(([field]) => ACTION_FIELD.test(field)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const neighbours = (edges: Map<string, Edge>, id: string) => {
    const needs: string[] = [];
    const neededBy: string[] = [];
    for (const { from, to } of edges.values()) {
      if (to === id) needs.push(from);
      if (from === id) neededBy.push(to);
    }
    return JSON.stringify([needs.sort(), neededBy.sort()]);
  };
  for (const removed of diff.tasks.removed) {
    const action = actionOf(sides.baseFacets.get(removed.id) as Facets);
    const place = neighbours(sides.baseEdges, removed.id);
    const match = diff.tasks.added.find(
      (added) =>
        !taken.has(added.id) &&
        actionOf(sides.headFacets.get(added.id) as Facets) === action &&
        neighbours(sides.headEdges, added.id) === place,
    );
    if (!match) continue;
    taken.add(match.id);
    renames.push({ from: removed.id, to: match.id });
  }
  return renames;
}
