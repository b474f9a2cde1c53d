import { UsageError } from '../errors/dagline-error.js';
import { valueToText } from '../expressions/evaluate.js';
import { isGate, type Dag } from '../graph/dag.js';
import type { ParamValue, Pipeline } from '../pipeline-format/model.js';
import type { RunRecord, TaskState } from '../state/run-record.js';
import type { LoadedRun, RunStore } from '../state/run-store.js';
import type { EarlierLegs } from './scheduler.js';

/**
 * The outputs a run with --only / --from takes from earlier runs. A task left out whose outputs a
 * task of the run may read (it is needed, directly or through a needed stage) hands on the outputs
 * of the newest earlier run of the pipeline in which it succeeded. That run must have had the same
 * params: outputs made for other params are refused (a usage error) rather than silently mixed in.
 * A resumed run goes on with the run its left-out tasks' outputs came from, while that run is kept.
 *
 * Returns, for each such task that declares outputs, where they come from: an earlier run's legs,
 * or undefined when no earlier run of it succeeded (they read as empty).
 */
export function earlierOutputs(request: {
  pipeline: Pipeline;
  dag: Dag;
  selected: ReadonlySet<number>;
  params: Record<string, ParamValue>;
  store: RunStore;
  resumed?: LoadedRun;
}): Map<string, EarlierLegs | undefined> {
  const { pipeline, dag, selected, params, store, resumed } = request;
  const found = new Map<string, EarlierLegs | undefined>();
  const history = earlierRuns(store, pipeline.name, resumed?.record.id);
  for (const [taskId, readBy] of leftOutAndRead(dag, selected)) {
    if ((pipeline.tasks.get(taskId)?.outputs.length ?? 0) === 0) continue;
    // Kept from the run resumed (it ran there): its own record stands, no earlier run is asked.
    const before = resumed ? [...resumed.tasks.values()].filter((state) => state.task === taskId) : [];
    if (before.some((state) => state.attempts.length > 0)) continue;
    const chosenBefore = before.find((state) => state.outputsFrom !== undefined)?.outputsFrom;
    const earlier =
      (chosenBefore !== undefined ? history.legsIn(chosenBefore, taskId) : undefined) ?? history.newest(taskId);
    if (earlier) {
      const differing = differingParams(earlier.record.params, params);
      if (differing.length > 0)
        throw new UsageError(
          `${taskId} is left out of this run, and the run its outputs would come from, ${earlier.record.id}, had other params (${differing.join(', ')})`,
          {},
          `give the params that run had, or run ${taskId} too: \`--only +${readBy}\` runs ${readBy} with what it needs`,
        );
    }
    found.set(taskId, earlier && { run: earlier.record.id, legs: earlier.legs });
  }
  return found;
}

/** Each task left out that a selected task needs (directly, or as a member of a needed stage), with one that needs it. */
function leftOutAndRead(dag: Dag, selected: ReadonlySet<number>): Map<string, string> {
  const read = new Map<string, string>();
  for (const node of selected) {
    if (isGate(dag, node)) continue;
    const reader = dag.names[node] as string;
    const pending = [...(dag.preds[node] as number[])];
    const seen = new Set<number>();
    while (pending.length > 0) {
      const pred = pending.pop() as number;
      if (seen.has(pred)) continue;
      seen.add(pred);
      if (isGate(dag, pred)) pending.push(...(dag.preds[pred] as number[]));
      else if (!selected.has(pred) && !read.has(dag.names[pred] as string)) read.set(dag.names[pred] as string, reader);
    }
  }
  // In the pipeline's order, so what is said of them, and the first refused, does not depend on the selection's.
  return new Map([...read].sort((a, b) => (dag.taskIndex.get(a[0]) as number) - (dag.taskIndex.get(b[0]) as number)));
}

interface RunLegs {
  record: RunRecord;
  legs: TaskState[];
}

/** A pipeline's earlier runs (all but `except`), read newest first and each once, only as far as asked. */
function earlierRuns(store: RunStore, pipeline: string, except: string | undefined) {
  const runs = store.runsNewestFirst(pipeline);
  const read: { record: RunRecord; tasks: TaskState[] }[] = [];
  const tasksOf = (record: RunRecord): TaskState[] =>
    record.tasks ? Object.values(record.tasks) : [...store.loadRun(record.id).tasks.values()];
  /** The task's legs in a run, when it succeeded there (every leg of it). */
  const succeeded = (run: { record: RunRecord; tasks: TaskState[] }, taskId: string): RunLegs | undefined => {
    const legs = run.tasks.filter((state) => state.task === taskId);
    return legs.length > 0 && legs.every((state) => state.status === 'success')
      ? { record: run.record, legs }
      : undefined;
  };
  return {
    newest(taskId: string): RunLegs | undefined {
      for (const run of read) {
        const legs = succeeded(run, taskId);
        if (legs) return legs;
      }
      for (let next = runs.next(); !next.done; next = runs.next()) {
        if (next.value.id === except) continue;
        const run = { record: next.value, tasks: tasksOf(next.value) };
        read.push(run);
        const legs = succeeded(run, taskId);
        if (legs) return legs;
      }
      return undefined;
    },
    legsIn(id: string, taskId: string): RunLegs | undefined {
      if (!store.hasRun(id)) return undefined;
      const { record, tasks } = store.loadRun(id);
      return record.pipeline === pipeline ? succeeded({ record, tasks: [...tasks.values()] }, taskId) : undefined;
    },
  };
}

/** The params whose values differ, as `day=1 there, 2 here` (a param one run lacks reads as empty). */
function differingParams(there: Record<string, ParamValue>, here: Record<string, ParamValue>): string[] {
  const names = [...new Set([...Object.keys(there), ...Object.keys(here)])].sort();
  const text = (value: ParamValue | undefined) => valueToText(value ?? null);
  return names
    .filter((name) => text(there[name]) !== text(here[name]))
    .map((name) => `${name}=${text(there[name])} there, ${text(here[name])} here`);
}
