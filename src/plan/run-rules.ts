import { ExpressionError } from '../errors/dagline-error.js';
import { evaluateExpression, isTruthy, type StatusValues, type Value } from '../expressions/evaluate.js';
import {
  callsStatusFunction,
  parseExpression,
  type ContextReference,
  type ExpressionScope,
  type ParsedExpression,
} from '../expressions/parse-expression.js';
import { conditionSource } from '../expressions/template.js';
import { SCOPES } from '../pipeline-format/check-pipeline.js';
import type { Pipeline, Scalar, TaskSpec } from '../pipeline-format/model.js';
import { expandMatrix, type MatrixLeg } from './expand-matrix.js';
import { renderText, renderValue, type TemplateContext } from './render-templates.js';

/**
 * The rules that decide what runs: a stage's `if`, a task's `if` with GitHub's implicit
 * `success() &&`, what a task whose needs did not all succeed comes to, and the legs of a
 * matrix. The plan (before a run, where some values are not known yet) and the scheduler
 * (during it, where all are) ask these same functions, so the two cannot disagree.
 */

/** What a task's needs came to, as its `if` sees them. */
export interface NeedsStatus {
  /** Every need succeeded, or counts as done (continue-on-error, left out of the run). */
  allOk: boolean;
  /** A need, or something it waited for, failed: failure() is true. */
  failedAbove: boolean;
  /** A need was cancelled. */
  needCancelled: boolean;
  /** The run is being cancelled: cancelled() is true, success() false. */
  cancelling: boolean;
  /** A need that is not ok, named in the reason a task does not run. */
  cause?: string;
}

export type Verdict =
  | { kind: 'run' }
  | {
      kind: 'skip';
      status: 'skipped' | 'upstream_failed' | 'cancelled';
      reason: string;
      /** What decided it: the stage's `if`, the needs (the implicit success()), or the task's own `if`. */
      by: 'stage' | 'needs' | 'if';
    }
  /** The condition reads a value known only at run time (a plan's answer, never a run's). */
  | { kind: 'unknown'; reason: string };

/** A matrix that comes to no legs skips its task (GitHub fails such a job; an empty list from an output means nothing to do). */
export const NO_LEGS_REASON = 'its matrix has no legs';

export const RUN: Verdict = { kind: 'run' };

/** The run context values the rules may read: all of them during a run, fewer in a plan. */
export interface RulesInput {
  pipeline: Pipeline;
  params: Record<string, Value>;
  /** `run.id`, `run.attempt`, `run.actor`, `run.trigger`, as far as they are known. */
  run: Record<string, Value>;
  /** Whether a reference is known; a run knows every one. */
  known?: (reference: ContextReference, values: Record<string, Value | undefined>) => boolean;
}

type Condition =
  { always: true } | { never: true } | { source: string; expression: ParsedExpression; implicit: boolean };

/**
 * The rules for one pipeline and one set of run values. Stage verdicts are kept (a stage's `if`
 * reads nothing that changes during a run); conditions are parsed once per task.
 */
export class RunRules {
  /** params, pipeline, run and the pipeline's env, rendered once. */
  readonly baseValues: Record<string, Value>;
  private readonly stages = new Map<string, Verdict>();
  private readonly conditions = new WeakMap<TaskSpec, Condition>();
  private readonly known: NonNullable<RulesInput['known']>;

  constructor(private readonly input: RulesInput) {
    this.known = input.known ?? (() => true);
    const { pipeline } = input;
    this.baseValues = { params: { ...input.params }, pipeline: { name: pipeline.name }, run: input.run };
    const env: Record<string, string> = {};
    const context = this.context('pipeline env', {});
    for (const [name, value] of Object.entries(pipeline.env))
      env[name] = renderText(value, context, SCOPES.pipelineEnv);
    this.baseValues.env = env;
  }

  /** The values a task's templates read: the base values and what is given (needs, matrix, env). */
  context(where: string, extra: Record<string, Value | undefined>): TemplateContext {
    const values = { ...this.baseValues, ...extra };
    const known = this.known;
    return { values, where, file: this.input.pipeline.file, known: (reference) => known(reference, values) };
  }

  /** Whether a stage's tasks may run: its `if`, from params, env, run and pipeline. */
  stage(name: string): Verdict {
    let verdict = this.stages.get(name);
    if (!verdict) this.stages.set(name, (verdict = this.decideStage(name)));
    return verdict;
  }

  private decideStage(name: string): Verdict {
    const text = this.input.pipeline.stages.get(name)?.if;
    if (text === undefined || text === 'true') return RUN;
    const off = (reason: string): Verdict => ({ kind: 'skip', status: 'skipped', reason, by: 'stage' });
    if (text === 'false') return off(`stage "${name}" is off`);
    const source = conditionSource(text)?.source ?? text;
    const where = `stage "${name}"`;
    const expression = parsed(source, SCOPES.stageIf, where, this.input.pipeline.file);
    const context = this.context(where, {});
    const unread = expression.references.find((r) => !context.known(r));
    if (unread) return { kind: 'unknown', reason: `stage "${name}" if reads ${pathText(unread)}, known at run time` };
    return isTruthy(evaluated(expression, context, undefined, 'if'))
      ? RUN
      : off(`stage "${name}" is off: ${source} is false`);
  }

  /**
   * Whether a task whose needs are done runs: its stage, then its `if` with the status
   * functions answering from `needs` (an `if` without one means `success() && (if)`).
   * `needsValues` is the `needs` context its `if` reads.
   */
  task(spec: TaskSpec, needs: NeedsStatus, needsValues: Record<string, Value>): Verdict {
    if (spec.stage !== undefined) {
      const stage = this.stage(spec.stage);
      if (stage.kind !== 'run') return stage;
    }
    const status: StatusValues = {
      success: needs.allOk && !needs.cancelling,
      failure: needs.failedAbove,
      cancelled: needs.cancelling,
      always: true,
    };
    const condition = this.condition(spec);
    if ('always' in condition) return status.success ? RUN : blocked(needs);
    if ('never' in condition) return { kind: 'skip', status: 'skipped', reason: 'if is false', by: 'if' };
    if (condition.implicit && !status.success) return blocked(needs);
    const context = this.context(`task "${spec.id}"`, { needs: needsValues });
    const unread = condition.expression.references.find((r) => !context.known(r));
    if (unread) return { kind: 'unknown', reason: `if reads ${pathText(unread)}, known at run time` };
    if (isTruthy(evaluated(condition.expression, context, status, 'if'))) return RUN;
    return { kind: 'skip', status: 'skipped', reason: `if is false: ${condition.source}`, by: 'if' };
  }

  private condition(spec: TaskSpec): Condition {
    let condition = this.conditions.get(spec);
    if (condition) return condition;
    const text = spec.if;
    if (text === undefined || text === 'true') condition = { always: true };
    else if (text === 'false') condition = { never: true };
    else {
      const source = conditionSource(text)?.source ?? text;
      const expression = parsed(source, SCOPES.taskIf, `task "${spec.id}"`, this.input.pipeline.file);
      condition = { source, expression, implicit: !callsStatusFunction(expression) };
    }
    this.conditions.set(spec, condition);
    return condition;
  }

  /**
   * A task's legs: `[undefined]` without a matrix, none when the matrix comes to none (the
   * task is skipped, NO_LEGS_REASON), undefined when an axis reads a value not known yet.
   */
  legs(spec: TaskSpec, needsValues: Record<string, Value>): (MatrixLeg | undefined)[] | undefined {
    if (!spec.matrix) return [undefined];
    const resolved = new Map<string, Scalar[]>();
    const context = this.context(`task "${spec.id}"`, { needs: needsValues });
    for (const axis of spec.matrix.axes) {
      if (Array.isArray(axis.values)) continue;
      const value = renderValue(axis.values, context, SCOPES.matrixAxis);
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || value.some((v) => v === null || typeof v === 'object')) {
        throw new ExpressionError(
          `task "${spec.id}": matrix.${axis.name} must give a list of values, got ${JSON.stringify(value)}`,
          { file: this.input.pipeline.file },
        );
      }
      resolved.set(axis.name, value as Scalar[]);
    }
    return expandMatrix(spec.matrix, resolved);
  }
}

/** A task whose needs did not all succeed, under `success()`: why it does not run. */
function blocked(needs: NeedsStatus): Verdict {
  const cause = needs.cause ?? '?';
  if (needs.cancelling) return { kind: 'skip', status: 'cancelled', reason: 'the run was cancelled', by: 'needs' };
  if (needs.failedAbove)
    return { kind: 'skip', status: 'upstream_failed', reason: `needs "${cause}", which did not succeed`, by: 'needs' };
  if (needs.needCancelled)
    return { kind: 'skip', status: 'cancelled', reason: `needs "${cause}", which was cancelled`, by: 'needs' };
  return { kind: 'skip', status: 'skipped', reason: `needs "${cause}", which is skipped`, by: 'needs' };
}

function parsed(source: string, scope: ExpressionScope, where: string, file: string): ParsedExpression {
  const outcome = parseExpression(source, scope);
  if (!outcome.ok) throw new ExpressionError(`${where}: if: ${outcome.message}`, { file }, outcome.hint);
  return outcome.expression;
}

function evaluated(
  expression: ParsedExpression,
  context: TemplateContext,
  status: StatusValues | undefined,
  field: string,
): Value {
  try {
    return evaluateExpression(expression, context.values, status);
  } catch (error) {
    throw new ExpressionError(
      `${context.where}: ${field} failed: ${error instanceof Error ? error.message : String(error)}`,
      { file: context.file },
    );
  }
}

function pathText(reference: ContextReference): string {
  return reference.path.map((p) => p ?? '[...]').join('.');
}
