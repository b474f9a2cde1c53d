import { CompileError, type Place } from '../errors/dagline-error.js';
import { hasTemplate } from '../expressions/template.js';
import { dagOf, isGate, orderOf } from '../graph/dag.js';
import type { Pipeline, TaskSpec } from '../pipeline-format/model.js';
import type { DocPath } from '../pipeline-format/source-locator.js';
import { knownBeforeRun, planPipeline, type PlanInput } from '../plan/plan-pipeline.js';
import type { ParamValues } from '../plan/resolve-params.js';
import { renderText } from '../plan/render-templates.js';
import { RunRules } from '../plan/run-rules.js';
import { waveOutput, type WaveLeg, type WaveSlot } from '../github/workflow-contract.js';
import { jobMinutes } from './compile-workflow.js';
import { MATRIX_LEGS_LIMIT, outputsSize, WAVE_OUTPUTS_LIMIT } from './github-limits.js';

/**
 * Dynamic mode (docs/github.md): the plan's tasks laid out over the fixed wave jobs of
 * `.github/workflows/run.yml`, one matrix per job. Pure.
 *
 * Each task goes to the first wave slot after every slot that runs something it waits for
 * (through tasks the plan skips and stage gates, which take no slot), its legs spread over that
 * slot and the next ones so that no matrix passes GitHub's 256 legs and no task has more legs in
 * one slot than its `max-parallel` and its pool allow (GitHub runs a matrix's legs at once). What
 * dagline decides at run time (a task's `if`, a stage's) is decided by run-task from the records,
 * not here: a task the plan cannot rule out is laid out, and records its skip if it comes to one.
 */

export interface WaveLayoutInput {
  pipeline: Pipeline;
  params: ParamValues;
  /** Who started the run, and how: what a plan may read of the run context. */
  run: PlanInput['run'];
  /** The wave jobs the workflow has. */
  waveJobs: number;
  placeOf(path: DocPath, part?: 'key' | 'value'): Place;
}

export type WaveLayout = { ok: true; slots: WaveSlot[] } | { ok: false; errors: CompileError[] };

/** Why a task is not for dynamic mode, in the errors that say so. */
const COMPILED_MODE = 'run the pipeline in compiled mode (`dagline compile`, docs/github.md)';

/** The default runner, left out of each leg (the wave job's `runs-on` falls back to it). */
export const DEFAULT_RUNNER = 'ubuntu-latest';

export function layoutWaves(input: WaveLayoutInput): WaveLayout {
  const { pipeline, waveJobs } = input;
  const plan = planPipeline(pipeline, { params: input.params, ...(input.run && { run: input.run }) });
  const errors: CompileError[] = [];
  const fail = (message: string, path: DocPath, hint?: string) =>
    errors.push(new CompileError(message, input.placeOf(path, 'key'), hint));
  const dag = dagOf(pipeline);
  const order = orderOf(dag) ?? [];
  const planned = new Map(plan.tasks.map((t) => [t.id, t]));
  const rules = new RunRules({
    pipeline,
    params: plan.params,
    run: { attempt: 1, ...input.run },
    known: knownBeforeRun,
  });

  /** By node: the last slot (from 1) that runs it or anything it waits for; 0 for none. */
  const doneBy: number[] = new Array<number>(dag.names.length).fill(0);
  const slots: { legs: WaveLeg[]; minutes: number; perTask: Map<string, number> }[] = [];
  const slotAt = (index: number) => (slots[index] ??= { legs: [], minutes: 0, perTask: new Map<string, number>() });

  for (const node of order) {
    const after = Math.max(0, ...(dag.preds[node] as number[]).map((pred) => doneBy[pred] as number));
    doneBy[node] = after;
    if (isGate(dag, node)) continue;
    const id = dag.names[node] as string;
    const task = planned.get(id);
    const spec = pipeline.tasks.get(id) as TaskSpec;
    if (!task || task.decision === 'skip') continue;
    const path = ['tasks', id];
    if (spec.action.kind === 'pipeline') {
      fail(
        `task "${id}" runs pipeline ${spec.action.path}: in dynamic mode each task runs in a leg of a wave job, where a pipeline call cannot`,
        path,
        COMPILED_MODE,
      );
      continue;
    }
    if (spec.environment) {
      fail(
        `task "${id}" has an environment: the legs of a wave job share the job's, so dynamic mode runs no task in an environment of its own`,
        path,
        COMPILED_MODE,
      );
      continue;
    }
    if (task.dynamicMatrix) {
      fail(
        `task "${id}": its matrix comes from outputs, known only once its needs have run, and dynamic mode lays out every leg before the run starts`,
        ['tasks', id, 'matrix'],
        COMPILED_MODE,
      );
      continue;
    }
    const perSlot = Math.min(
      spec.maxParallel ?? Infinity,
      spec.pool === undefined ? Infinity : (pipeline.pools.get(spec.pool) ?? Infinity),
      MATRIX_LEGS_LIMIT,
    );
    const minutes = jobMinutes(spec);
    let last = after;
    for (const plannedLeg of task.legs) {
      const runsOn = runnersOf(spec, plannedLeg.matrix, rules);
      if (runsOn === undefined) {
        fail(
          `task "${id}": runs-on reads a value known only at run time, and dynamic mode picks each leg's runner before the run starts`,
          ['tasks', id, 'runs-on'],
          COMPILED_MODE,
        );
        break;
      }
      let index = after;
      while ((slotAt(index).perTask.get(id) ?? 0) >= perSlot || slotAt(index).legs.length >= MATRIX_LEGS_LIMIT) index++;
      const slot = slotAt(index);
      const leg: WaveLeg = { task: id };
      if (plannedLeg.matrix) leg.leg = plannedLeg.matrix;
      if (runsOn !== DEFAULT_RUNNER) leg['runs-on'] = runsOn;
      if (spec.continueOnError) leg['continue-on-error'] = true;
      slot.legs.push(leg);
      slot.perTask.set(id, (slot.perTask.get(id) ?? 0) + 1);
      slot.minutes = Math.max(slot.minutes, minutes);
      last = Math.max(last, index + 1);
    }
    doneBy[node] = last;
  }
  if (errors.length > 0) return { ok: false, errors };

  const result: WaveSlot[] = slots.map((slot) => ({ minutes: slot.minutes, matrix: { include: slot.legs } }));
  const legs = result.reduce((n, slot) => n + slot.matrix.include.length, 0);
  if (result.length > waveJobs) {
    const past = plan.tasks.find((t) => doneBy[dag.taskIndex.get(t.id) as number]! > waveJobs)!;
    return {
      ok: false,
      errors: [
        new CompileError(
          `the run needs ${result.length} waves of jobs one after another (${legs} legs: a chain takes a wave per task, and a wave past ${MATRIX_LEGS_LIMIT} legs or a task past its max-parallel takes more), and dynamic mode has ${waveJobs} wave jobs; task "${past.id}" would run in wave ${doneBy[dag.taskIndex.get(past.id) as number]}`,
          input.placeOf(['tasks', past.id], 'key'),
          COMPILED_MODE,
        ),
      ],
    };
  }
  const size = outputsSize(Object.entries(waveOutputs(result)).flat());
  if (size > WAVE_OUTPUTS_LIMIT)
    return {
      ok: false,
      errors: [
        new CompileError(
          `the waves' matrices (${legs} legs) come to ${Math.ceil(size / 1024)} KiB as GitHub counts outputs, more than the ${Math.floor(WAVE_OUTPUTS_LIMIT / 1024)} KiB the plan job can give them (GitHub takes at most 1 MB of outputs from a job)`,
          input.placeOf(['tasks'], 'key'),
          COMPILED_MODE,
        ),
      ],
    };
  return { ok: true, slots: result };
}

/**
 * A leg's runners as its job's `runs-on` takes them: its labels with their templates rendered,
 * one label as text; undefined when a label reads what only the run knows (outputs).
 */
function runnersOf(
  spec: TaskSpec,
  matrix: Record<string, string | number | boolean> | undefined,
  rules: RunRules,
): string | string[] | undefined {
  const context = rules.context(`task "${spec.id}"`, matrix ? { matrix } : {});
  const labels: string[] = [];
  for (const label of spec.runsOn) {
    const text = renderText(label, context);
    if (hasTemplate(text)) return undefined;
    labels.push(text);
  }
  return labels.length === 1 ? labels[0] : labels;
}

/** The plan job's wave outputs: `wave-1`, `wave-2`, ... each one wave job's slot, as JSON. */
export function waveOutputs(slots: readonly WaveSlot[]): Record<string, string> {
  return Object.fromEntries(slots.map((slot, index) => [waveOutput(index + 1), JSON.stringify(slot)]));
}
