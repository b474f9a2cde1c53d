import { InternalError, ValidationError } from '../errors/dagline-error.js';
import type { Value } from '../expressions/evaluate.js';
import type { ContextReference } from '../expressions/parse-expression.js';
import { dagOf, isGate, orderOf, type Dag } from '../graph/dag.js';
import { criticalPath, longestPaths } from '../graph/longest-path.js';
import { selectTasks, type Selection } from '../graph/select.js';
import type { ParamValue, Pipeline, Shell, TaskSpec } from '../pipeline-format/model.js';
import { legName, type MatrixLeg } from './expand-matrix.js';
import { evaluatedTemplates, renderScript, renderText, renderValue } from './render-templates.js';
import { NO_LEGS_REASON, RunRules, type NeedsStatus } from './run-rules.js';
import { runTemplatePlace } from './template-place.js';
import type { ParamValues } from './resolve-params.js';

/**
 * What a run would do, before it runs: params resolved, stage and task `if`
 * evaluated where they depend only on what is known now, matrix legs
 * expanded, templates resolved, tasks placed in waves. A plan follows the
 * success path: it assumes every task that runs succeeds, and marks as
 * `conditional` what depends on outputs, on a failure, or on a task that may
 * not run.
 */
export type Decision = 'run' | 'conditional' | 'skip';

export type RenderedAction =
  | {
      kind: 'run';
      shell: Shell;
      script: string;
      /** Templates the shell evaluates again (arithmetic): each value is checked to be a plain integer. */
      checked?: { raw: string; where: string }[];
    }
  | { kind: 'command'; argv: string[] }
  | { kind: 'pipeline'; path: string; with: Record<string, Value> };

export interface PlannedLeg {
  /** `load (day)`, or the task id without a matrix. */
  name: string;
  matrix?: MatrixLeg;
  action: RenderedAction;
  env: Record<string, string>;
}

export interface PlannedTask {
  id: string;
  stage?: string;
  decision: Decision;
  /** Why a task is skipped or conditional. */
  reason?: string;
  /** True when --only / --from left the task out. */
  excluded?: boolean;
  /** Wave number from 1, for tasks that run or may run. */
  wave?: number;
  /** What it waits for as written: task ids and stage names, its stage's needs included. */
  needs: string[];
  /** Empty for a skipped task, and for a matrix whose axes are only known at run time. */
  legs: PlannedLeg[];
  /** The matrix has an axis computed at run time from outputs. */
  dynamicMatrix?: boolean;
  estimateMs?: number;
}

export interface Plan {
  pipeline: string;
  file: string;
  params: ParamValues;
  /** Tasks in file order. */
  tasks: PlannedTask[];
  /** Task ids per wave. */
  waves: string[][];
  criticalPath: { tasks: string[]; estimateMs?: number };
  /**
   * What would fail when its task starts, found now from the values known before the run: a value
   * that cannot stand where a template puts it (a non-integer in arithmetic, a NUL), an expression
   * that fails on them. A run with any does not start.
   */
  problems?: ValidationError[];
}

export interface PlanInput {
  params: ParamValues;
  selection?: Selection;
  /** The run context values a plan can know: who and why. */
  run?: { actor?: string; trigger?: string };
}

type NeedState = 'success' | 'skipped' | 'unknown';

/** The state of a node for what waits on it; for a stage gate, the worst of its tasks, and which. */
interface NodeState {
  state: NeedState;
  /** The task that makes it skipped or unknown. */
  cause?: string;
  /** It, or something it waits for, may run, and so fail: failure() may be true after it. */
  mayFail: boolean;
}

export function planPipeline(pipeline: Pipeline, input: PlanInput): Plan {
  return new Planner(pipeline, input).plan();
}

class Planner {
  private readonly dag: Dag;
  private readonly order: number[];
  private readonly selected: Set<number> | undefined;
  private readonly planned = new Map<string, PlannedTask>();
  /** By node, filled in topological order: every node's needs are known before it. */
  private readonly states: NodeState[] = [];
  private readonly rules: RunRules;
  private readonly problems: ValidationError[] = [];

  constructor(
    private readonly pipeline: Pipeline,
    private readonly input: PlanInput,
  ) {
    this.dag = dagOf(pipeline);
    const order = orderOf(this.dag);
    if (!order)
      throw new InternalError(
        new Error(`planning ${pipeline.file}: the graph has a cycle; load the pipeline with loadPipeline first`),
      );
    this.order = order;
    this.selected = input.selection ? selectTasks(this.dag, input.selection) : undefined;
    const run: Record<string, Value> = { attempt: 1 };
    if (input.run?.actor !== undefined) run.actor = input.run.actor;
    if (input.run?.trigger !== undefined) run.trigger = input.run.trigger;
    this.rules = new RunRules({ pipeline, params: input.params, run, known: knownBeforeRun });
  }

  plan(): Plan {
    for (const node of this.order) {
      if (isGate(this.dag, node)) {
        this.states[node] = this.worstOf(node);
        continue;
      }
      const task = this.pipeline.tasks.get(this.dag.names[node] as string) as TaskSpec;
      const planned = this.planTask(task, node);
      this.planned.set(task.id, planned);
      const runs = !planned.excluded && planned.decision !== 'skip';
      const mayFail = runs || (this.dag.preds[node] as number[]).some((pred) => this.states[pred]?.mayFail);
      this.states[node] = { state: stateOf(planned), cause: task.id, mayFail };
    }
    const runs = this.dag.names.map((name, node) => {
      const decision = isGate(this.dag, node) ? undefined : this.planned.get(name)?.decision;
      return decision === 'run' || decision === 'conditional';
    });
    const included = (node: number) => runs[node] as boolean;
    const waves = longestPaths(this.dag, this.order, (node) => (included(node) ? 1 : 0), included);
    const byWave: string[][] = [];
    const tasks = [...this.pipeline.tasks.keys()].map((id) => this.planned.get(id) as PlannedTask);
    tasks.forEach((task, node) => {
      // Task nodes are numbered in file order, so each wave lists its tasks in file order.
      if (!included(node)) return;
      task.wave = waves.weight[node] as number;
      (byWave[task.wave - 1] ??= []).push(task.id);
    });
    return {
      pipeline: this.pipeline.name,
      file: this.pipeline.file,
      params: this.input.params,
      tasks,
      waves: byWave.filter((w) => w !== undefined),
      criticalPath: this.criticalPath(included),
      ...(this.problems.length > 0 && { problems: this.problems }),
    };
  }

  private criticalPath(included: (node: number) => boolean): Plan['criticalPath'] {
    const estimateOf = (node: number) => this.pipeline.tasks.get(this.dag.names[node] as string)?.estimateMs;
    const path = criticalPath(this.dag, this.order, estimateOf, included);
    const tasks = path.nodes.map((node) => this.dag.names[node] as string);
    return path.estimateMs === undefined ? { tasks } : { tasks, estimateMs: path.estimateMs };
  }

  // ---- one task ---------------------------------------------------------------

  private planTask(task: TaskSpec, node: number): PlannedTask {
    const stageNeeds = task.stage === undefined ? [] : (this.pipeline.stages.get(task.stage)?.needs ?? []);
    const planned: PlannedTask = {
      id: task.id,
      decision: 'run',
      needs: [...new Set([...task.needs, ...stageNeeds])],
      legs: [],
    };
    if (task.stage !== undefined) planned.stage = task.stage;
    if (task.estimateMs !== undefined) planned.estimateMs = task.estimateMs;

    if (this.selected && !this.selected.has(node)) {
      return { ...planned, decision: 'skip', excluded: true, reason: 'not selected' };
    }
    try {
      const decided = this.decide(task, node);
      planned.decision = decided.decision;
      if (decided.reason !== undefined) planned.reason = decided.reason;
      if (planned.decision === 'skip') return planned;

      const legs = this.rules.legs(task, this.needsValues(task));
      if (legs === undefined) planned.dynamicMatrix = true;
      else if (legs.length === 0) return { ...planned, decision: 'skip', reason: NO_LEGS_REASON };
      else planned.legs = legs.flatMap((leg) => this.checked(() => [this.planLeg(task, leg)]) ?? []);
      return planned;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // What the task's `if` or matrix fails on: the plan goes on, to find every such problem.
      this.problems.push(error);
      return { ...planned, decision: 'conditional', reason: error.message };
    }
  }

  /** What `plan` gives, or undefined when it fails on the values: the problem is kept and the plan goes on. */
  private checked<T>(plan: () => T): T | undefined {
    try {
      return plan();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.problems.push(error);
      return undefined;
    }
  }

  /** A gate is skipped if any of its tasks is, unknown if any may not run. */
  private worstOf(gate: number): NodeState {
    const members = (this.dag.preds[gate] as number[]).map((member) => this.states[member] as NodeState);
    const worst = members.find((s) => s.state === 'skipped') ?? members.find((s) => s.state === 'unknown');
    return {
      state: worst?.state ?? 'success',
      ...(worst && { cause: worst.cause }),
      mayFail: members.some((s) => s.mayFail),
    };
  }

  /**
   * The run's rules (run-rules.ts), asked for the worlds a plan cannot tell apart yet: every
   * task that may run runs and succeeds; one that may not run is skipped; a need fails.
   */
  private decide(task: TaskSpec, node: number): { decision: Decision; reason?: string } {
    const preds = (this.dag.preds[node] as number[]).map((pred) => this.states[pred] as NodeState);
    const skipped = preds.find((s) => s.state === 'skipped')?.cause;
    const unknown = preds.find((s) => s.state === 'unknown')?.cause;
    const needsValues = this.needsValues(task);
    const world = (allOk: boolean, cause: string | undefined, failedAbove = false): NeedsStatus => ({
      allOk,
      failedAbove,
      needCancelled: false,
      cancelling: false,
      ...(cause !== undefined && { cause }),
    });
    const allRun = this.rules.task(task, world(!skipped, skipped), needsValues);
    if (allRun.kind === 'unknown') return { decision: 'conditional', reason: allRun.reason };
    const someSkip = unknown ? this.rules.task(task, world(false, unknown), needsValues) : allRun;
    if (someSkip.kind === 'unknown') return { decision: 'conditional', reason: someSkip.reason };
    if (allRun.kind === 'run' && someSkip.kind === 'run') return { decision: 'run' };
    if (allRun.kind === 'run' || someSkip.kind === 'run') {
      const reason =
        someSkip.kind === 'skip' && someSkip.by === 'needs'
          ? `after "${unknown}", which may not run`
          : `depends on whether "${unknown}" runs`;
      return { decision: 'conditional', reason };
    }
    if (preds.some((s) => s.mayFail)) {
      const ifOneFails = this.rules.task(task, world(false, skipped ?? unknown ?? '?', true), needsValues);
      if (ifOneFails.kind !== 'skip') return { decision: 'conditional', reason: 'runs only if a need fails' };
    }
    return { decision: 'skip', reason: allRun.reason };
  }

  /**
   * `needs.<id>.result` of the tasks a task names directly (stage members are
   * not listed: that would cost a stage's size per task; a plan shows their
   * results as known at run time).
   */
  private needsValues(task: TaskSpec): Record<string, Value> {
    const values: Record<string, Value> = {};
    for (const id of task.needs) {
      const node = this.dag.taskIndex.get(id);
      const state = node === undefined ? undefined : this.states[node]?.state;
      if (state !== undefined && state !== 'unknown') values[id] = { result: state, outputs: {} };
    }
    return values;
  }

  // ---- legs and commands ------------------------------------------------------

  private planLeg(task: TaskSpec, leg: MatrixLeg | undefined): PlannedLeg {
    const name = legName(task.id, leg);
    const env: Record<string, string> = {};
    let context = this.rules.context(`task "${name}"`, leg ? { matrix: leg } : {});
    if (Object.keys(task.env).length > 0) {
      for (const [key, value] of Object.entries(task.env)) env[key] = renderText(value, context);
      context = this.rules.context(`task "${name}"`, {
        ...(leg && { matrix: leg }),
        env: { ...(this.rules.baseValues.env as object), ...env },
      });
    }
    const action = task.action;
    let rendered: RenderedAction;
    if (action.kind === 'run') {
      const script = renderScript(action.script, action.shell, context, runTemplatePlace(this.pipeline, task.id));
      const checked = evaluatedTemplates(action.script, action.shell);
      rendered = { kind: 'run', shell: action.shell, script, ...(checked.length > 0 && { checked }) };
    } else if (action.kind === 'command')
      rendered = { kind: 'command', argv: action.argv.map((arg) => renderText(arg, context)) };
    else {
      const withValues: Record<string, Value> = {};
      for (const [key, value] of Object.entries(action.with)) {
        withValues[key] = typeof value === 'string' ? (renderValue(value, context) ?? value) : (value as ParamValue);
      }
      rendered = { kind: 'pipeline', path: action.path, with: withValues };
    }
    return { name, ...(leg && { matrix: leg }), action: rendered, env };
  }
}

/** What a planned task is to the tasks that wait for it; one left out by the selection is taken as done. */
function stateOf(planned: PlannedTask): NeedState {
  if (planned.excluded || planned.decision === 'run') return 'success';
  return planned.decision === 'skip' ? 'skipped' : 'unknown';
}

/** A plan knows params, env, matrix, pipeline, who and why; not run ids, nor outputs. */
export function knownBeforeRun(reference: ContextReference, values: Record<string, Value | undefined>): boolean {
  const [root, first, second] = reference.path;
  switch (root?.toLowerCase()) {
    case 'params':
    case 'env':
    case 'matrix':
    case 'pipeline':
      return true;
    case 'run':
      return (
        first !== undefined &&
        first.toLowerCase() !== 'id' &&
        (values.run as Record<string, Value> | undefined)?.[first.toLowerCase()] !== undefined
      );
    case 'needs': {
      if (first === undefined || second?.toLowerCase() !== 'result') return false;
      const needs = values.needs as Record<string, Value> | undefined;
      return needs !== undefined && Object.keys(needs).some((k) => k.toLowerCase() === first.toLowerCase());
    }
    default:
      return false;
  }
}

export function summarizePlan(plan: Plan): {
  run: number;
  conditional: number;
  skip: number;
  excluded: number;
  legs: number;
} {
  let run = 0;
  let conditional = 0;
  let skip = 0;
  let excluded = 0;
  let legs = 0;
  for (const task of plan.tasks) {
    if (task.excluded) excluded++;
    else if (task.decision === 'run') run++;
    else if (task.decision === 'conditional') conditional++;
    else skip++;
    legs += task.legs.length;
  }
  return { run, conditional, skip, excluded, legs };
}

/**
 * What a run with these values would fail on when a task starts (plan.problems), found before any
 * task does; also a pipeline `env` that fails on them. The run's own rules and templates, as a plan
 * sees them: values known only later (outputs) are checked when their task starts.
 */
export function valueProblems(pipeline: Pipeline, input: PlanInput): ValidationError[] {
  try {
    return planPipeline(pipeline, input).problems ?? [];
  } catch (error) {
    if (error instanceof ValidationError) return [error];
    throw error;
  }
}
