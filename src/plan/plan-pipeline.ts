import { ExpressionError, InternalError } from '../errors/dagline-error.js';
import { evaluateExpression, isTruthy, type StatusValues, type Value } from '../expressions/evaluate.js';
import { callsStatusFunction, parseExpression, type ContextReference } from '../expressions/parse-expression.js';
import { conditionSource } from '../expressions/template.js';
import { buildDag, isGate, topologicalOrder, type Dag } from '../graph/dag.js';
import { longestPaths, pathTo } from '../graph/longest-path.js';
import { selectTasks, type Selection } from '../graph/select.js';
import { SCOPES } from '../spec/check-pipeline.js';
import { type ParamValue, type Pipeline, type Scalar, type Shell, type TaskSpec } from '../spec/model.js';
import { expandMatrix, legName, type MatrixLeg } from './expand-matrix.js';
import { renderScript, renderText, renderValue, type TemplateContext } from './render-templates.js';
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
  | { kind: 'run'; shell: Shell; script: string }
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
  /** The tasks it waits for, stages expanded. */
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
}

export interface PlanInput {
  params: ParamValues;
  selection?: Selection;
  /** The run context values a plan can know: who and why. */
  run?: { actor?: string; trigger?: string };
}

type NeedState = 'success' | 'skipped' | 'unknown';

export function planPipeline(pipeline: Pipeline, input: PlanInput): Plan {
  return new Planner(pipeline, input).plan();
}

class Planner {
  private readonly dag: Dag;
  private readonly order: number[];
  private readonly selected: Set<number> | undefined;
  private readonly planned = new Map<string, PlannedTask>();
  private readonly stageDecisions = new Map<string, { decision: Decision; reason?: string }>();
  private readonly baseValues: Record<string, Value | undefined>;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly input: PlanInput,
  ) {
    this.dag = buildDag(pipeline);
    const order = topologicalOrder(this.dag);
    if (!order) throw new InternalError(new Error(`planning ${pipeline.file}: the graph has a cycle; load the pipeline with loadPipeline first`));
    this.order = order;
    this.selected = input.selection ? selectTasks(this.dag, input.selection) : undefined;
    const run: Record<string, Value> = { attempt: 1 };
    if (input.run?.actor !== undefined) run.actor = input.run.actor;
    if (input.run?.trigger !== undefined) run.trigger = input.run.trigger;
    this.baseValues = { params: { ...input.params }, pipeline: { name: pipeline.name }, run };
    const env: Record<string, string> = {};
    const pipelineContext = this.context('pipeline env', {});
    for (const [name, value] of Object.entries(pipeline.env)) env[name] = renderText(value, pipelineContext, SCOPES.pipelineEnv);
    this.baseValues.env = env;
  }

  plan(): Plan {
    for (const node of this.order) {
      if (isGate(this.dag, node)) continue;
      const task = this.pipeline.tasks.get(this.dag.names[node] as string) as TaskSpec;
      this.planned.set(task.id, this.planTask(task, node));
    }
    const included = (node: number) => {
      const decision = this.planned.get(this.dag.names[node] as string)?.decision;
      return decision === 'run' || decision === 'conditional';
    };
    const waves = longestPaths(this.dag, this.order, (node) => (included(node) ? 1 : 0), included);
    const byWave: string[][] = [];
    for (const [id, task] of this.planned) {
      const node = this.dag.taskIndex.get(id) as number;
      if (!included(node)) continue;
      task.wave = waves.weight[node] as number;
      (byWave[task.wave - 1] ??= []).push(id);
    }
    const tasks = [...this.pipeline.tasks.keys()].map((id) => this.planned.get(id) as PlannedTask);
    for (const wave of byWave) wave.sort((a, b) => (this.dag.taskIndex.get(a) as number) - (this.dag.taskIndex.get(b) as number));
    return {
      pipeline: this.pipeline.name,
      file: this.pipeline.file,
      params: this.input.params,
      tasks,
      waves: byWave.filter((w) => w !== undefined),
      criticalPath: this.criticalPath(included),
    };
  }

  private criticalPath(included: (node: number) => boolean): Plan['criticalPath'] {
    const estimated = [...this.pipeline.tasks.values()].some((t) => t.estimateMs !== undefined);
    const estimate = (node: number) => this.pipeline.tasks.get(this.dag.names[node] as string)?.estimateMs ?? 0;
    const paths = longestPaths(this.dag, this.order, (node) => (!included(node) ? 0 : estimated ? estimate(node) : 1), included);
    let end = -1;
    for (let node = 0; node < this.dag.taskCount; node++) {
      if (!included(node)) continue;
      if (end === -1 || (paths.weight[node] as number) > (paths.weight[end] as number) || ((paths.weight[node] as number) === paths.weight[end] && (paths.length[node] as number) > (paths.length[end] as number))) {
        end = node;
      }
    }
    if (end === -1) return { tasks: [] };
    const tasks = pathTo(this.dag, paths, end).filter(included).map((node) => this.dag.names[node] as string);
    return estimated ? { tasks, estimateMs: tasks.reduce((sum, id) => sum + (this.pipeline.tasks.get(id)?.estimateMs ?? 0), 0) } : { tasks };
  }

  // ---- one task ---------------------------------------------------------------

  private planTask(task: TaskSpec, node: number): PlannedTask {
    const needs = this.directNeeds(node);
    const planned: PlannedTask = { id: task.id, decision: 'run', needs, legs: [] };
    if (task.stage !== undefined) planned.stage = task.stage;
    if (task.estimateMs !== undefined) planned.estimateMs = task.estimateMs;

    if (this.selected && !this.selected.has(node)) {
      return { ...planned, decision: 'skip', excluded: true, reason: 'not selected' };
    }
    const decided = this.decide(task, needs);
    planned.decision = decided.decision;
    if (decided.reason !== undefined) planned.reason = decided.reason;
    if (planned.decision === 'skip') return planned;

    const legs = this.legs(task);
    if (legs === undefined) planned.dynamicMatrix = true;
    else planned.legs = legs.map((leg) => this.planLeg(task, leg));
    return planned;
  }

  private directNeeds(node: number): string[] {
    const ids = new Set<string>();
    for (const pred of this.dag.preds[node] as number[]) {
      if (!isGate(this.dag, pred)) ids.add(this.dag.names[pred] as string);
      else for (const member of this.dag.preds[pred] as number[]) ids.add(this.dag.names[member] as string);
    }
    return [...ids].sort((a, b) => (this.dag.taskIndex.get(a) as number) - (this.dag.taskIndex.get(b) as number));
  }

  private needState(id: string): NeedState {
    const need = this.planned.get(id);
    if (!need || need.excluded) return 'success'; // left out by the selection: taken as done
    if (need.decision === 'run') return 'success';
    return need.decision === 'skip' ? 'skipped' : 'unknown';
  }

  private decide(task: TaskSpec, needs: string[]): { decision: Decision; reason?: string } {
    if (task.stage !== undefined) {
      const stage = this.stageDecision(task.stage);
      if (stage.decision !== 'run') return stage;
    }
    const states = needs.map((id) => [id, this.needState(id)] as const);
    const skipped = states.find(([, s]) => s === 'skipped')?.[0];
    const unknown = states.find(([, s]) => s === 'unknown')?.[0];
    const context = this.context(`task "${task.id}"`, { needs: this.needsValues(needs) });

    const text = task.if;
    if (text === undefined || text === 'true') {
      if (skipped) return { decision: 'skip', reason: `needs "${skipped}", which is skipped` };
      if (unknown) return { decision: 'conditional', reason: `after "${unknown}", which may not run` };
      return { decision: 'run' };
    }
    if (text === 'false') return { decision: 'skip', reason: 'if is false' };
    const source = conditionSource(text)?.source ?? text;
    const parsed = parseExpression(source, SCOPES.taskIf);
    if (!parsed.ok) throw new ExpressionError(`task "${task.id}": if: ${parsed.message}`, { file: this.pipeline.file }, parsed.hint);
    const expression = parsed.expression;
    const unread = expression.references.find((r) => !context.known(r));
    if (unread) return { decision: 'conditional', reason: `if reads ${unread.path.map((p) => p ?? '[...]').join('.')}, known at run time` };

    const evaluate = (status: StatusValues) => {
      try {
        return isTruthy(evaluateExpression(expression, context.values, status));
      } catch (error) {
        throw new ExpressionError(`task "${task.id}": if failed: ${error instanceof Error ? error.message : String(error)}`, { file: this.pipeline.file });
      }
    };
    if (!callsStatusFunction(expression)) {
      // GitHub's rule: an `if` without a status function is `success() && (if)`.
      if (skipped) return { decision: 'skip', reason: `needs "${skipped}", which is skipped` };
      if (!evaluate(statusOnSuccessPath(true))) return { decision: 'skip', reason: `if is false: ${source}` };
      if (unknown) return { decision: 'conditional', reason: `after "${unknown}", which may not run` };
      return { decision: 'run' };
    }
    const ifAllRun = evaluate(statusOnSuccessPath(!skipped));
    const ifSomeSkip = unknown ? evaluate(statusOnSuccessPath(false)) : ifAllRun;
    if (ifAllRun && ifSomeSkip) return { decision: 'run' };
    if (ifAllRun !== ifSomeSkip) return { decision: 'conditional', reason: `depends on whether "${unknown}" runs` };
    if (needs.length > 0 && evaluate({ success: false, failure: true, cancelled: false, always: true })) {
      return { decision: 'conditional', reason: 'runs only if a need fails' };
    }
    return { decision: 'skip', reason: `if is false: ${source}` };
  }

  private stageDecision(name: string): { decision: Decision; reason?: string } {
    const cached = this.stageDecisions.get(name);
    if (cached) return cached;
    const stage = this.pipeline.stages.get(name);
    let decided: { decision: Decision; reason?: string } = { decision: 'run' };
    if (stage?.if !== undefined && stage.if !== 'true') {
      const source = stage.if === 'false' ? 'false' : (conditionSource(stage.if)?.source ?? stage.if);
      const parsed = parseExpression(source, SCOPES.stageIf);
      if (!parsed.ok) throw new ExpressionError(`stage "${name}": if: ${parsed.message}`, { file: this.pipeline.file });
      const context = this.context(`stage "${name}"`, {});
      const unread = parsed.expression.references.find((r) => !context.known(r));
      if (unread) decided = { decision: 'conditional', reason: `stage "${name}" if reads ${unread.path.join('.')}, known at run time` };
      else if (!isTruthy(evaluateExpression(parsed.expression, context.values))) {
        decided = { decision: 'skip', reason: `stage "${name}" is off: ${source} is false` };
      }
    }
    this.stageDecisions.set(name, decided);
    return decided;
  }

  private needsValues(needs: string[]): Record<string, Value> {
    const values: Record<string, Value> = {};
    for (const id of needs) {
      const state = this.needState(id);
      if (state !== 'unknown') values[id] = { result: state, outputs: {} };
    }
    return values;
  }

  // ---- legs and commands ------------------------------------------------------

  /** The matrix legs, or undefined when an axis is only known at run time. */
  private legs(task: TaskSpec): (MatrixLeg | undefined)[] | undefined {
    if (!task.matrix) return [undefined];
    const resolved = new Map<string, Scalar[]>();
    const context = this.context(`task "${task.id}"`, {});
    for (const axis of task.matrix.axes) {
      if (Array.isArray(axis.values)) continue;
      const value = renderValue(axis.values, context, SCOPES.matrixAxis);
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || value.some((v) => v === null || typeof v === 'object')) {
        throw new ExpressionError(`task "${task.id}": matrix.${axis.name} must give a list of values, got ${JSON.stringify(value)}`, { file: this.pipeline.file });
      }
      resolved.set(axis.name, value as Scalar[]);
    }
    return expandMatrix(task.matrix, resolved);
  }

  private planLeg(task: TaskSpec, leg: MatrixLeg | undefined): PlannedLeg {
    const name = legName(task.id, leg);
    const base = this.context(`task "${name}"`, leg ? { matrix: leg } : {});
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(task.env)) env[key] = renderText(value, base);
    const context = this.context(`task "${name}"`, { ...(leg && { matrix: leg }), env: { ...(this.baseValues.env as object), ...env } });
    const action = task.action;
    let rendered: RenderedAction;
    if (action.kind === 'run') rendered = { kind: 'run', shell: action.shell, script: renderScript(action.script, context) };
    else if (action.kind === 'command') rendered = { kind: 'command', argv: action.argv.map((arg) => renderText(arg, context)) };
    else {
      const withValues: Record<string, Value> = {};
      for (const [key, value] of Object.entries(action.with)) {
        withValues[key] = typeof value === 'string' ? (renderValue(value, context) ?? value) : (value as ParamValue);
      }
      rendered = { kind: 'pipeline', path: action.path, with: withValues };
    }
    return { name, ...(leg && { matrix: leg }), action: rendered, env };
  }

  private context(where: string, extra: Record<string, Value | undefined>): TemplateContext {
    const values = { ...this.baseValues, ...extra };
    return {
      values,
      where,
      file: this.pipeline.file,
      known: (reference) => isKnown(reference, values),
    };
  }
}

function statusOnSuccessPath(needsSucceeded: boolean): StatusValues {
  return { success: needsSucceeded, failure: false, cancelled: false, always: true };
}

/** A plan knows params, env, matrix, pipeline, who and why; not run ids, nor outputs. */
function isKnown(reference: ContextReference, values: Record<string, Value | undefined>): boolean {
  const [root, first, second] = reference.path;
  switch (root?.toLowerCase()) {
    case 'params':
    case 'env':
    case 'matrix':
    case 'pipeline':
      return true;
    case 'run':
      return first !== undefined && first.toLowerCase() !== 'id' && (values.run as Record<string, Value> | undefined)?.[first.toLowerCase()] !== undefined;
    case 'needs': {
      if (first === undefined || second?.toLowerCase() !== 'result') return false;
      const needs = values.needs as Record<string, Value> | undefined;
      return needs !== undefined && Object.keys(needs).some((k) => k.toLowerCase() === first.toLowerCase());
    }
    default:
      return false;
  }
}

export function summarizePlan(plan: Plan): { run: number; conditional: number; skip: number; excluded: number; legs: number } {
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

