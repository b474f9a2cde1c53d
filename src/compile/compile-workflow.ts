import { stringify } from 'yaml';
import { CompileError, UsageError, type Place } from '../errors/dagline-error.js';
import { conditionSource } from '../expressions/template.js';
import { dagOf, isGate } from '../graph/dag.js';
import { SCOPES } from '../pipeline-format/check-pipeline.js';
import type { ParamSpec, ParamValue, Pipeline, TaskSpec } from '../pipeline-format/model.js';
import { retryDelay } from '../pipeline-format/model.js';
import { sortByPlace } from '../pipeline-format/load-pipeline.js';
import { coerceParamValue } from '../pipeline-format/param-values.js';
import type { DocPath } from '../pipeline-format/source-locator.js';
import { expandMatrix } from '../plan/expand-matrix.js';
import { resolveParams } from '../plan/resolve-params.js';
import { concurrencyGroupOf } from '../plan/render-templates.js';
import { DISPATCH_INPUTS_LIMIT, JOB_SETUP_MINUTES, MATRIX_LEGS_LIMIT } from './github-limits.js';
import {
  JOB_FOLDERS,
  PARAMS_OVERFLOW_INPUT,
  PARENT_INPUT,
  PLAN_JOB,
  PLAN_OUTPUTS,
  RELEASE_INPUT,
  REPORT_JOB,
  taskArtifactPattern,
  workflowFileOf,
} from '../github/workflow-contract.js';
import {
  CHECKOUT,
  DAGLINE_ACTION,
  DOWNLOAD_ARTIFACT,
  PINNED_USES,
  UPLOAD_ARTIFACT,
  type PinnedAction,
} from './pinned-actions.js';
import {
  operand,
  quote,
  templateAsExpression,
  translateExpression,
  translateTemplate,
  Untranslatable,
  type Access,
  type Replacement,
  type Rewrites,
} from './translate-expression.js';

/**
 * `dagline compile`: a pipeline as a GitHub Actions workflow that runs it with the same meaning
 * as `dagline run` (docs/github.md). Pure: the caller reads the files and writes the result.
 *
 * The workflow's shape (GITHUB-DESIGN): a plan job registers the run; one job per task, needing
 * exactly what the task needs in the DAG (stages expanded to their tasks), its `if` saying what
 * dagline's run rules say; a report job at the end, whatever happened. Every job runs dagline's
 * action, which runs the task with the local executor's code; values reach it only through
 * `with:`, never through a script.
 */

export interface CompileInput {
  pipeline: Pipeline;
  /** The pipeline file from the repository root, `/`-separated: what the jobs give the action. */
  file: string;
  /** Where a key or value of the pipeline file is, for errors. */
  placeOf(path: DocPath, part?: 'key' | 'value'): Place;
  /** The pipelines `pipeline:` tasks run, by the path the task gives. */
  children: ReadonlyMap<string, Pipeline>;
  /** `OWNER/REPO@SHA`: dagline's action as the jobs use it (default: the pinned release). */
  action?: string;
  /** The command that writes this file again, for the header. */
  command: string;
}

export type CompileResult = { ok: true; text: string } | { ok: false; errors: CompileError[] };

/** Where the compiled workflow of a pipeline goes, from the repository root. */
export function workflowPath(pipelineName: string): string {
  return `.github/workflows/${workflowFileOf(pipelineName)}`;
}

/** What `dynamic mode` means, for the errors that send a pipeline there. */
const DYNAMIC_MODE = 'run it in dynamic mode, where dagline decides at run time (docs/github.md)';

const PLAN_PARAMS = `needs.${PLAN_JOB}.outputs.params`;
const PLAN_RUN = `needs.${PLAN_JOB}.outputs.run`;
const RUN_KEY = `\${{ needs.${PLAN_JOB}.outputs.run-key }}`;

/** The token scopes of each kind of job: least privilege (docs/github.md, "Permissions"). */
export const TASK_PERMISSIONS = { actions: 'read', contents: 'read' };
export const RUN_PERMISSIONS = { actions: 'read', checks: 'write', contents: 'read' };
/** A `dispatch: true` task's job dispatches its pipeline's workflow (and reads its runs, its records). */
const DISPATCH_PERMISSIONS = { actions: 'write', contents: 'read' };

export function compileWorkflow(input: CompileInput): CompileResult {
  const compiler = new WorkflowCompiler(input);
  const workflow = compiler.workflow();
  if (compiler.errors.length > 0) return { ok: false, errors: sortByPlace(compiler.errors) };
  return { ok: true, text: compiler.render(workflow) };
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** How a param reaches the workflow: an input of its own, or inside `dagline-params`. */
interface InputPlan {
  direct: ParamSpec[];
  packed: ParamSpec[];
}

class WorkflowCompiler {
  readonly errors: CompileError[] = [];
  private readonly pipeline: Pipeline;
  private readonly action: PinnedAction;
  /** Task id -> its job ids (several when a static matrix is split past GitHub's leg limit). */
  private readonly jobIds = new Map<string, string[]>();
  private readonly legsOf = new Map<string, Record<string, Json>[]>();
  private readonly inputs: InputPlan;

  constructor(private readonly input: CompileInput) {
    this.pipeline = input.pipeline;
    this.action = actionPin(input.action);
    this.inputs = inputPlan(this.pipeline);
  }

  private at(path: DocPath, part: 'key' | 'value' = 'value'): Place {
    return this.input.placeOf(path, part);
  }

  private fail(message: string, path: DocPath, hint?: string, part: 'key' | 'value' = 'value'): void {
    this.errors.push(new CompileError(message, this.at(path, part), hint));
  }

  workflow(): JsonMap {
    this.assignJobIds();
    const jobs: JsonMap = { [PLAN_JOB]: this.planJob() };
    for (const task of this.pipeline.tasks.values()) {
      try {
        Object.assign(jobs, this.taskJobs(task));
      } catch (error) {
        if (!(error instanceof TaskFailure)) throw error;
        this.fail(error.message, error.path, error.hint);
      }
    }
    jobs[REPORT_JOB] = this.reportJob();
    const workflow: JsonMap = { name: `dagline / ${this.pipeline.name}`, on: this.triggers(), permissions: {} };
    const concurrency = this.concurrency();
    if (concurrency) workflow.concurrency = concurrency;
    workflow.jobs = jobs;
    return workflow;
  }

  render(workflow: JsonMap): string {
    const header = [
      `# Generated by dagline from ${this.input.file}. Do not edit: change the pipeline and run`,
      `#   ${this.input.command}`,
      `# (\`${this.input.command} --check\` in CI fails when this file is out of date).`,
    ];
    return renderWorkflow(workflow, header, this.action);
  }

  // ---- triggers -----------------------------------------------------------------------------

  private triggers(): JsonMap {
    const on: JsonMap = {};
    const dispatchInputs: JsonMap = {};
    const callInputs: JsonMap = {};
    for (const spec of this.inputs.direct) {
      dispatchInputs[spec.name] = dispatchInput(spec);
      callInputs[spec.name] = callInput(spec);
    }
    if (this.inputs.packed.length > 0) {
      const packed: JsonMap = {
        description: `Params past GitHub's ${DISPATCH_INPUTS_LIMIT} inputs, as a JSON object: ${this.inputs.packed.map((p) => p.name).join(', ')}`,
        type: 'string',
        required: false,
        default: '{}',
      };
      dispatchInputs[PARAMS_OVERFLOW_INPUT] = packed;
      callInputs[PARAMS_OVERFLOW_INPUT] = packed;
    }
    if (this.pipeline.maxConsecutiveFailures !== undefined)
      dispatchInputs[RELEASE_INPUT] = {
        description: `Lift the pipeline from on hold (after ${this.pipeline.maxConsecutiveFailures} failed runs in a row) and run it`,
        type: 'boolean',
        required: false,
        default: false,
      };
    callInputs[PARENT_INPUT] = {
      description:
        'Set by a calling dagline pipeline: its run and task. A workflow of your own that calls dagline pipelines more than once in a run gives each call its own (gh-<run id>--<job>); a single call may leave it out.',
      type: 'string',
      required: false,
      default: '',
    };
    on.workflow_dispatch = Object.keys(dispatchInputs).length > 0 ? { inputs: dispatchInputs } : null;
    on.workflow_call = { inputs: callInputs };
    const crons = this.schedules();
    if (crons.length > 0) on.schedule = crons.map((cron) => ({ cron }));
    if (this.pipeline.push) {
      this.runParams({}, ['push']);
      const push: JsonMap = {};
      if (this.pipeline.push.branches.length > 0) push.branches = [...this.pipeline.push.branches];
      push.paths = [this.input.file];
      on.push = push;
    }
    return on;
  }

  /** The crons, each once: a scheduled run on GitHub says only its cron, so two entries may not share one. */
  private schedules(): string[] {
    const seen = new Map<string, number>();
    this.pipeline.schedule.forEach((entry, i) => {
      const cron = normalCron(entry.cron);
      this.runParams(entry.params, ['schedule', i]);
      const first = seen.get(cron);
      if (first !== undefined)
        this.fail(
          `schedule[${i}] has the cron of schedule[${first}] ("${cron}"): on GitHub a scheduled run says only its cron, so its params would be ambiguous`,
          ['schedule', i, 'cron'],
          'give one of them another minute',
        );
      else seen.set(cron, i);
    });
    return [...seen.keys()];
  }

  // ---- concurrency --------------------------------------------------------------------------

  /**
   * The pipeline's overlap guard as GitHub's concurrency: `queue` waits (GitHub keeps one run
   * pending per group), `cancel-running` cancels the running one; `fail` and `skip` are the plan
   * job's to decide from the runs in progress, so GitHub must not hold the run back first.
   */
  private concurrency(): JsonMap | undefined {
    const spec = this.pipeline.concurrency;
    if (!spec || spec.onOverlap === 'fail' || spec.onOverlap === 'skip') return undefined;
    let group: string;
    try {
      group = this.concurrencyGroup(spec.group);
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      this.fail(`concurrency.group: ${error.message}`, ['concurrency']);
      return undefined;
    }
    return spec.onOverlap === 'cancel-running' ? { group, 'cancel-in-progress': true } : { group };
  }

  /**
   * The group's name for each way a run starts: from the inputs when dispatched or called, from
   * the schedule's params for a scheduled run, from the defaults for a push. GitHub names groups
   * across the repository, so dagline's get a `dagline/` prefix: never empty, never another
   * workflow's.
   */
  private concurrencyGroup(template: string): string {
    const prefix = (text: string) => `dagline/${text}`;
    const inputs: Rewrites = {
      access: (access) => {
        if (access.root === 'params') {
          const name = access.segments[0];
          if (name?.kind !== 'name') throw new Untranslatable('params must be read by name');
          if (this.inputs.packed.some((p) => p.name === name.name))
            throw new Untranslatable(
              `param "${name.name}" travels inside ${PARAMS_OVERFLOW_INPUT} (past GitHub's ${DISPATCH_INPUTS_LIMIT} inputs), which a group cannot read`,
            );
          return { text: 'inputs', consumed: 0 };
        }
        if (access.root === 'pipeline') return pipelineAccess(this.pipeline, access);
        if (access.root === 'env') {
          const name = access.segments[0];
          if (name?.kind !== 'name') throw new Untranslatable('env must be read by name');
          // As a local run reads it: the pipeline's env value as written.
          const value = this.pipeline.env[name.name];
          return { text: value === undefined ? 'null' : quote(value), consumed: 1 };
        }
        throw new Untranslatable(`${access.root} cannot name a group on GitHub`);
      },
    };
    const fromInputs = templateAsExpression(template, SCOPES.concurrencyGroup, inputs);
    const constant = (params: Record<string, ParamValue>) => prefix(concurrencyGroupOf(this.pipeline, params)!);
    if (!template.includes('${{')) return prefix(template);
    const branches: string[] = [
      `toJSON(inputs) != '{}' && toJSON(inputs) != 'null' && format('dagline/{0}', ${fromInputs})`,
    ];
    for (const entry of this.pipeline.schedule) {
      const params = this.runParams(entry.params);
      if (params)
        branches.push(`github.event.schedule == ${quote(normalCron(entry.cron))} && ${quote(constant(params))}`);
    }
    const defaults = this.runParams({});
    branches.push(quote(defaults ? constant(defaults) : prefix(this.pipeline.name)));
    return `\${{ ${branches.join(' || ')} }}`;
  }

  /** Params with their defaults, for runs GitHub starts without inputs (schedule, push); undefined if they do not resolve. */
  private runParams(given: Record<string, ParamValue>, reportAt?: DocPath): Record<string, ParamValue> | undefined {
    const plain: Record<string, string | number | boolean> = {};
    for (const [name, value] of Object.entries(given)) if (value !== null) plain[name] = value;
    const resolved = resolveParams(this.pipeline, plain, false);
    if (resolved.ok) return resolved.values;
    if (reportAt)
      for (const error of resolved.errors)
        this.fail(
          `${error.message}: a run GitHub starts this way has no inputs to give it`,
          reportAt,
          'give the param a default',
        );
    return undefined;
  }

  // ---- jobs ---------------------------------------------------------------------------------

  private assignJobIds(): void {
    const taken = new Map<string, string>([
      [PLAN_JOB, 'dagline'],
      [REPORT_JOB, 'dagline'],
    ]);
    for (const task of this.pipeline.tasks.values()) {
      const legs = this.staticLegs(task);
      if (legs) this.legsOf.set(task.id, legs);
      const parts = legs ? Math.max(1, Math.ceil(legs.length / MATRIX_LEGS_LIMIT)) : 1;
      const ids = parts === 1 ? [task.id] : Array.from({ length: parts }, (_, k) => `${task.id}--part-${k + 1}`);
      for (const id of ids) {
        const holder = taken.get(id.toLowerCase());
        if (holder !== undefined)
          this.fail(
            `task "${task.id}" would be job "${id}", which ${holder === 'dagline' ? 'is the name of a job dagline adds' : `is task "${holder}"'s`}`,
            ['tasks', task.id],
            'rename the task',
            'key',
          );
        taken.set(id.toLowerCase(), task.id);
      }
      this.jobIds.set(task.id, ids);
    }
  }

  /** The legs of a matrix whose axes are all written out; undefined for none or a dynamic one. */
  private staticLegs(task: TaskSpec): Record<string, Json>[] | undefined {
    if (!task.matrix || task.matrix.axes.some((axis) => !Array.isArray(axis.values))) return undefined;
    return expandMatrix(task.matrix);
  }

  /** The tasks a task waits for directly: its needs and its stage's, stages as their tasks, in file order. */
  private directNeeds(task: TaskSpec): TaskSpec[] {
    const dag = dagOf(this.pipeline);
    const node = dag.taskIndex.get(task.id)!;
    const found = new Set<number>();
    for (const pred of dag.preds[node]!) {
      if (isGate(dag, pred)) for (const member of dag.preds[pred]!) found.add(member);
      else found.add(pred);
    }
    return [...found].sort((a, b) => a - b).map((n) => this.pipeline.tasks.get(dag.names[n]!)!);
  }

  private planJob(): JsonMap {
    return {
      name: 'dagline plan',
      'runs-on': runsOn(this.pipeline.runsOn),
      permissions: { ...RUN_PERMISSIONS },
      outputs: Object.fromEntries(PLAN_OUTPUTS.map((name) => [name, `\${{ steps.dagline.outputs.${name} }}`])),
      steps: [
        checkoutStep(),
        this.actionStep({
          command: 'plan',
          pipeline: this.input.file,
          inputs: '${{ toJSON(inputs) }}',
          schedule: '${{ github.event.schedule }}',
          'github-token': '${{ github.token }}',
        }),
      ],
    };
  }

  private reportJob(): JsonMap {
    const needs = [PLAN_JOB, ...[...this.pipeline.tasks.keys()].flatMap((id) => this.jobIds.get(id)!)];
    return {
      name: 'dagline report',
      needs,
      if: '${{ always() }}',
      'runs-on': runsOn(this.pipeline.runsOn),
      permissions: { ...RUN_PERMISSIONS },
      steps: [
        checkoutStep(),
        downloadRecordsStep(),
        this.actionStep({
          command: 'report',
          pipeline: this.input.file,
          needs: '${{ toJSON(needs) }}',
          'github-token': '${{ github.token }}',
        }),
        uploadStep('dagline-artifact', JOB_FOLDERS.runUpload),
      ],
    };
  }

  private actionStep(withInputs: JsonMap): JsonMap {
    return { id: 'dagline', uses: this.action.uses, with: withInputs };
  }

  /** The job (or jobs, for a matrix past GitHub's leg limit) of one task. */
  private taskJobs(task: TaskSpec): JsonMap {
    const rewrites = new JobRewrites(this.pipeline, task, this.directNeeds(task), this.jobIds);
    const needs = [PLAN_JOB, ...this.directNeeds(task).flatMap((need) => this.jobIds.get(need.id)!)];
    const condition = this.jobCondition(task, rewrites);
    const jobs: JsonMap = {};
    const ids = this.jobIds.get(task.id)!;
    const legs = this.legsOf.get(task.id);
    ids.forEach((id, part) => {
      const job: JsonMap = { name: jobName(task) };
      job.needs = needs;
      job.if = condition;
      const strategy = this.strategy(
        task,
        rewrites,
        legs?.slice(part * MATRIX_LEGS_LIMIT, (part + 1) * MATRIX_LEGS_LIMIT),
      );
      if (task.action.kind === 'pipeline' && !task.action.dispatch)
        Object.assign(job, this.callJob(task, rewrites, strategy, ids.length > 1 ? part : undefined));
      else Object.assign(job, this.runJob(task, rewrites, strategy));
      jobs[id] = job;
    });
    return jobs;
  }

  /**
   * The job's `if`: the plan said go, the stage's `if`, and the task's `if` with its implicit
   * `success() &&`, each status function saying what dagline's run rules mean by it
   * (src/plan/run-rules.ts): `success()` is "no run cancel and every direct need succeeded"
   * (GitHub's own looks at every ancestor), `failure()` and `cancelled()` are GitHub's, which
   * agree with dagline's. The expression always calls a status function, so GitHub adds no
   * `success()` of its own.
   */
  private jobCondition(task: TaskSpec, rewrites: JobRewrites): string {
    const parts = [`needs.${PLAN_JOB}.outputs.go == 'true'`];
    const stage = task.stage === undefined ? undefined : this.pipeline.stages.get(task.stage);
    if (stage?.if !== undefined && stage.if !== 'true') {
      if (stage.if === 'false') return '${{ false }}';
      const source = conditionSource(stage.if)?.source ?? stage.if;
      parts.push(
        operand(
          this.translateOrFail(
            source,
            SCOPES.stageIf,
            rewrites,
            ['stages', stage.name, 'if'],
            `stage "${stage.name}": if`,
          ),
        ),
      );
    }
    const text = task.if;
    if (text === 'false') return '${{ false }}';
    if (text === undefined || text === 'true') parts.push(rewrites.success());
    else {
      const source = conditionSource(text)?.source ?? text;
      rewrites.sawStatusFunction = false;
      const translated = this.translateOrFail(source, SCOPES.taskIf, rewrites, ['tasks', task.id, 'if'], 'if');
      if (!rewrites.sawStatusFunction) parts.push(rewrites.success());
      parts.push(operand(translated));
    }
    for (const axis of this.dynamicAxes(task, rewrites))
      // A matrix that comes to no legs skips its task in dagline; GitHub would fail the job.
      parts.push(`toJSON(${axis.expression}) != '[]'`);
    return `\${{ ${parts.join(' && ')} }}`;
  }

  private translateOrFail(
    source: string,
    scope: (typeof SCOPES)[keyof typeof SCOPES],
    rewrites: Rewrites,
    path: DocPath,
    what: string,
  ): string {
    try {
      return translateExpression(source, scope, rewrites);
    } catch (error) {
      if (error instanceof Untranslatable) throw new TaskFailure(`${what}: ${error.message}`, path, error.hint);
      throw error;
    }
  }

  private dynamicAxes(task: TaskSpec, rewrites: JobRewrites): { name: string; expression: string }[] {
    const axes: { name: string; expression: string }[] = [];
    for (const axis of task.matrix?.axes ?? []) {
      if (Array.isArray(axis.values)) continue;
      const source = conditionSource(axis.values)?.source;
      const path = ['tasks', task.id, 'matrix', axis.name];
      if (source === undefined)
        throw new TaskFailure(`matrix.${axis.name}: a dynamic axis is one \${{ }} expression giving a list`, path);
      axes.push({
        name: axis.name,
        expression: this.translateOrFail(source, SCOPES.matrixAxis, rewrites, path, `matrix.${axis.name}`),
      });
    }
    return axes;
  }

  private strategy(
    task: TaskSpec,
    rewrites: JobRewrites,
    legs: Record<string, Json>[] | undefined,
  ): JsonMap | undefined {
    if (!task.matrix) return undefined;
    let matrix: JsonMap;
    if (legs) matrix = { include: legs };
    else {
      matrix = {};
      const dynamic = new Map(this.dynamicAxes(task, rewrites).map((axis) => [axis.name, axis.expression]));
      for (const axis of task.matrix.axes)
        matrix[axis.name] = Array.isArray(axis.values) ? [...axis.values] : `\${{ ${dynamic.get(axis.name)!} }}`;
      if (task.matrix.include.length > 0) matrix.include = task.matrix.include.map((entry) => ({ ...entry }));
      if (task.matrix.exclude.length > 0) matrix.exclude = task.matrix.exclude.map((entry) => ({ ...entry }));
    }
    const strategy: JsonMap = { matrix, 'fail-fast': false };
    const pool = task.pool === undefined ? undefined : this.pipeline.pools.get(task.pool);
    const maxParallel = Math.min(task.maxParallel ?? Infinity, pool ?? Infinity);
    if (maxParallel !== Infinity) strategy['max-parallel'] = maxParallel;
    return strategy;
  }

  private runJob(task: TaskSpec, rewrites: JobRewrites, strategy: JsonMap | undefined): JsonMap {
    const job: JsonMap = {};
    job['runs-on'] = runsOnValue(
      task.runsOn.map((label) => this.jobTemplate(label, rewrites, ['tasks', task.id, 'runs-on'])),
    );
    if (task.environment) {
      const environment: JsonMap = {
        name: this.jobTemplate(task.environment.name, rewrites, ['tasks', task.id, 'environment']),
      };
      if (task.environment.url !== undefined)
        environment.url = this.jobTemplate(task.environment.url, rewrites, ['tasks', task.id, 'environment']);
      job.environment = environment;
    }
    const dispatch = task.action.kind === 'pipeline' && task.action.dispatch;
    job.permissions = { ...(dispatch ? DISPATCH_PERMISSIONS : TASK_PERMISSIONS) };
    job['timeout-minutes'] = jobMinutes(task);
    if (task.continueOnError) job['continue-on-error'] = true;
    if (strategy) job.strategy = strategy;
    if (!task.matrix && task.outputs.length > 0)
      job.outputs = Object.fromEntries(task.outputs.map((name) => [name, `\${{ steps.dagline.outputs.${name} }}`]));
    const withInputs: JsonMap = {
      command: dispatch ? 'dispatch' : 'run-task',
      pipeline: this.input.file,
      task: task.id,
    };
    if (task.matrix) withInputs.matrix = '${{ toJSON(matrix) }}';
    withInputs.params = `\${{ ${PLAN_PARAMS} }}`;
    withInputs.needs = '${{ toJSON(needs) }}';
    withInputs['github-token'] = '${{ github.token }}';
    job.steps = [
      checkoutStep(),
      downloadRecordsStep(),
      this.actionStep(withInputs),
      uploadStep('dagline-artifact', JOB_FOLDERS.taskUpload),
      uploadStep('dagline-extract-artifact', JOB_FOLDERS.extractUpload, { 'include-hidden-files': true }),
    ];
    return job;
  }

  /**
   * A `pipeline:` task: a call of the child pipeline's compiled workflow, its params as inputs
   * (with `dispatch: true`, a job like any task's whose action dispatches the child's workflow).
   */
  private callJob(task: TaskSpec, rewrites: JobRewrites, strategy: JsonMap | undefined, part?: number): JsonMap {
    const action = task.action as Extract<TaskSpec['action'], { kind: 'pipeline' }>;
    const path = ['tasks', task.id, 'pipeline'];
    const child = this.input.children.get(action.path);
    if (!child) throw new TaskFailure(`pipeline ${action.path} was not loaded`, path);
    const childInputs = inputPlan(child);
    const withInputs: JsonMap = {};
    const packed: JsonMap = {};
    for (const [name, value] of Object.entries(action.with)) {
      const spec = child.params.get(name);
      if (!spec) continue; // checked by the loader
      const valuePath = ['tasks', task.id, 'with', name];
      let given: Json;
      if (typeof value === 'string' && value.includes('${{')) {
        given = this.jobTemplate(value, rewrites, valuePath);
        if (childInputs.packed.includes(spec))
          throw new TaskFailure(
            `with.${name}: pipeline "${child.name}" takes "${name}" inside ${PARAMS_OVERFLOW_INPUT} (past GitHub's ${DISPATCH_INPUTS_LIMIT} inputs), where a template cannot go`,
            valuePath,
          );
      } else {
        const coerced = value === null ? { ok: true as const, value: null } : coerceParamValue(spec, value, false);
        given = coerced.ok ? coerced.value : value;
        // workflow_call has no choice type: a choice is given as text.
      }
      if (childInputs.packed.includes(spec)) packed[name] = given;
      else withInputs[name] = given;
    }
    if (Object.keys(packed).length > 0) withInputs[PARAMS_OVERFLOW_INPUT] = JSON.stringify(packed);
    // The child's run key: each call its own (a leg of a matrix of calls by its index), so the
    // records of two calls never share an artifact name.
    const leg = strategy ? `--${part === undefined ? '' : `${part + 1}-`}\${{ strategy.job-index }}` : '';
    withInputs[PARENT_INPUT] = `${RUN_KEY}--${task.id}${leg}`;
    const job: JsonMap = { permissions: { ...RUN_PERMISSIONS } };
    if (strategy) job.strategy = strategy;
    job.uses = `./${workflowPath(child.name)}`;
    job.with = withInputs;
    return job;
  }

  /** A value of a job's (runs-on, environment, with) with its templates translated. */
  private jobTemplate(text: string, rewrites: JobRewrites, path: DocPath): string {
    try {
      return translateTemplate(text, SCOPES.taskTemplate, rewrites);
    } catch (error) {
      if (error instanceof Untranslatable) throw new TaskFailure(error.message, path, error.hint);
      throw error;
    }
  }
}

/**
 * A workflow as YAML under its header, each pinned action with the release its SHA is as a
 * comment (`uses: a/b@<sha> # v5.0.0`).
 */
export function renderWorkflow(workflow: JsonMap, header: string[], action: PinnedAction): string {
  const body = stringify(workflow, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, nullStr: '' });
  const versions = new Map(
    [CHECKOUT, DOWNLOAD_ARTIFACT, UPLOAD_ARTIFACT, action].map((pin) => [pin.uses, pin.version]),
  );
  const commented = body.replace(/^(\s*(?:- )?uses: )(\S+)$/gm, (line, lead: string, uses: string) => {
    const version = versions.get(uses);
    return version ? `${lead}${uses} # ${version}` : line;
  });
  return `${header.join('\n')}\n${commented}`;
}

/** An error that ends one task's compilation (the others go on, so every error is reported). */
class TaskFailure extends Error {
  constructor(
    message: string,
    readonly path: DocPath,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * What a task's expressions read, as a compiled job reads it: params and the run from the plan
 * job's outputs, the attempt from GitHub, the pipeline's name and env as written, needs as they
 * are (GitHub's needs context has the same result and outputs).
 */
class JobRewrites implements Rewrites {
  sawStatusFunction = false;
  constructor(
    private readonly pipeline: Pipeline,
    private readonly task: TaskSpec,
    private readonly needs: TaskSpec[],
    private readonly jobIds: ReadonlyMap<string, string[]>,
  ) {}

  access(access: Access): Replacement {
    const first = access.segments[0];
    const firstName = first?.kind === 'name' ? first.name : undefined;
    switch (access.root) {
      case 'params':
        return { text: `fromJSON(${PLAN_PARAMS})`, consumed: 0 };
      case 'pipeline':
        return pipelineAccess(this.pipeline, access);
      case 'run': {
        const key = firstName?.toLowerCase();
        if (key === 'attempt') return { text: 'fromJSON(github.run_attempt)', consumed: 1 };
        if (key === 'id' || key === 'actor' || key === 'trigger')
          return { text: `fromJSON(${PLAN_RUN}).${key}`, consumed: 1 };
        throw new Untranslatable(
          'the run context is read by key on GitHub: run.id, run.attempt, run.actor, run.trigger',
        );
      }
      case 'env': {
        if (firstName === undefined) throw new Untranslatable('env is read by name in a compiled workflow: env.NAME');
        const value = this.pipeline.env[firstName];
        if (value === undefined) return { text: 'null', consumed: 1 };
        return { text: operand(templateAsExpression(value, SCOPES.pipelineEnv, this)), consumed: 1 };
      }
      case 'matrix':
        return { text: 'matrix', consumed: 0 };
      case 'needs': {
        if (firstName === undefined)
          throw new Untranslatable(`needs is read by task in a compiled workflow (needs.<id>); ${DYNAMIC_MODE}`);
        const need = this.needs.find((n) => n.id.toLowerCase() === firstName.toLowerCase());
        if (!need) throw new Untranslatable(`needs.${firstName}: not a direct need of task "${this.task.id}"`);
        const second = access.segments[1];
        if (need.matrix && second?.kind === 'name' && second.name.toLowerCase() === 'legs')
          throw new Untranslatable(
            `needs.${need.id}.legs: GitHub gives a job one result and one set of outputs per matrix job, not its legs'; ${DYNAMIC_MODE}`,
          );
        const jobs = this.jobIds.get(need.id)!;
        if (jobs.length === 1) return { text: `needs.${jobs[0]}`, consumed: 1 };
        if (second?.kind === 'name' && second.name.toLowerCase() === 'result')
          return { text: combinedResult(jobs), consumed: 2 };
        throw new Untranslatable(
          `needs.${need.id}: task "${need.id}" runs as ${jobs.length} jobs (its matrix has more than ${MATRIX_LEGS_LIMIT} legs), so only its result can be read here; ${DYNAMIC_MODE}`,
        );
      }
      default:
        throw new Untranslatable(`${access.root} cannot be read in a compiled workflow`);
    }
  }

  statusFunction(name: string): string {
    this.sawStatusFunction = true;
    if (name === 'success') return this.success();
    return `${name}()`;
  }

  /**
   * dagline's `success()`: the run is not being cancelled and every direct need succeeded
   * (a need that failed with continue-on-error counts as a success, on GitHub too).
   */
  success(): string {
    const jobs = this.needs.flatMap((need) => this.jobIds.get(need.id)!);
    if (jobs.length === 0) return '!cancelled()';
    if (jobs.length <= 3) return ['!cancelled()', ...jobs.map((id) => `needs.${id}.result == 'success'`)].join(' && ');
    // Any number of needs in constant length: none of them ended otherwise (the plan job succeeded, or go is not 'true').
    return `!cancelled() && ${['failure', 'cancelled', 'skipped'].map((r) => `!contains(needs.*.result, '${r}')`).join(' && ')}`;
  }
}

/** A task split into several matrix jobs has one result, as one matrix job would: failure first, then cancelled. */
function combinedResult(jobs: string[]): string {
  const any = (result: string) => jobs.map((id) => `needs.${id}.result == '${result}'`).join(' || ');
  return `((${any('failure')}) && 'failure' || (${any('cancelled')}) && 'cancelled' || needs.${jobs[0]}.result)`;
}

function pipelineAccess(pipeline: Pipeline, access: Access): Replacement {
  const first = access.segments[0];
  if (first?.kind === 'name' && first.name.toLowerCase() === 'name') return { text: quote(pipeline.name), consumed: 1 };
  if (first === undefined) return { text: `fromJSON(${quote(JSON.stringify({ name: pipeline.name }))})`, consumed: 0 };
  return { text: 'null', consumed: access.segments.length };
}

/** The params the concurrency group reads (they get inputs of their own, so the group can read them). */
function readByConcurrencyGroup(pipeline: Pipeline): Set<string> {
  const read = new Set<string>();
  const group = pipeline.concurrency?.group;
  if (group === undefined) return read;
  const recorder: Rewrites = {
    access: (access) => {
      const name = access.segments[0];
      if (access.root === 'params' && name?.kind === 'name') read.add(name.name);
      return { text: 'null', consumed: access.segments.length };
    },
  };
  try {
    templateAsExpression(group, SCOPES.concurrencyGroup, recorder);
  } catch {
    // Reported when the group is compiled.
  }
  return read;
}

/**
 * The inputs of a workflow_dispatch of the pipeline's compiled workflow for these params, as text
 * (as GitHub's REST API takes them): a param with an input of its own under its name, the others
 * as one JSON object in `dagline-params`, and `dagline-release` when the dispatch lifts on hold.
 * A null (an optional param without a default) is left out, as an input left empty.
 */
export function dispatchInputs(
  pipeline: Pipeline,
  params: Record<string, ParamValue>,
  options: { release?: boolean } = {},
): Record<string, string> {
  const plan = inputPlan(pipeline);
  const inputs: Record<string, string> = {};
  const packed: Record<string, ParamValue> = {};
  for (const spec of plan.direct) {
    const value = params[spec.name];
    if (value !== null && value !== undefined) inputs[spec.name] = String(value);
  }
  for (const spec of plan.packed) {
    const value = params[spec.name];
    if (value !== null && value !== undefined) packed[spec.name] = value;
  }
  if (Object.keys(packed).length > 0) inputs[PARAMS_OVERFLOW_INPUT] = JSON.stringify(packed);
  if (options.release) inputs[RELEASE_INPUT] = 'true';
  return inputs;
}

/**
 * The params that get inputs of their own, and the rest, packed in `dagline-params`. A param the
 * concurrency group reads is never packed: the group is named before any job runs.
 */
function inputPlan(pipeline: Pipeline): InputPlan {
  const readFirst = readByConcurrencyGroup(pipeline);
  const params = [...pipeline.params.values()];
  const ours = pipeline.maxConsecutiveFailures !== undefined ? 1 : 0;
  if (params.length + ours <= DISPATCH_INPUTS_LIMIT) return { direct: params, packed: [] };
  const room = DISPATCH_INPUTS_LIMIT - ours - 1;
  const ordered = [...params.filter((p) => readFirst.has(p.name)), ...params.filter((p) => !readFirst.has(p.name))];
  const direct = new Set(ordered.slice(0, room));
  return { direct: params.filter((p) => direct.has(p)), packed: params.filter((p) => !direct.has(p)) };
}

function dispatchInput(spec: ParamSpec): JsonMap {
  const input: JsonMap = {};
  if (spec.description !== undefined) input.description = spec.description;
  input.type = spec.type;
  if (spec.type === 'choice') input.options = [...(spec.options ?? [])];
  input.required = spec.required;
  if (spec.default !== undefined && spec.default !== null) input.default = spec.default;
  return input;
}

/** workflow_call has no choice type: a choice is a string there, checked by the plan job. */
function callInput(spec: ParamSpec): JsonMap {
  const input: JsonMap = {};
  if (spec.description !== undefined) input.description = spec.description;
  input.type = spec.type === 'choice' ? 'string' : spec.type;
  input.required = spec.required && spec.default === undefined;
  if (spec.default !== undefined && spec.default !== null) input.default = spec.default;
  return input;
}

function actionPin(given: string | undefined): PinnedAction {
  if (given === undefined || given === DAGLINE_ACTION.uses) return DAGLINE_ACTION;
  if (!PINNED_USES.test(given))
    throw new UsageError(
      `--action ${JSON.stringify(given)} is not OWNER/REPO@SHA with a full 40-character commit SHA`,
      {},
      'a tag or a branch can be moved to other code; a commit cannot',
    );
  return { uses: given, version: 'given with --action' };
}

export function checkoutStep(): JsonMap {
  return { uses: CHECKOUT.uses, with: { 'persist-credentials': false } };
}

/**
 * The records of the run's tasks so far, for run-task (its needs' outputs, a matrix need's legs)
 * and report: one download through the runner's artifact service, no REST request.
 */
export function downloadRecordsStep(): JsonMap {
  return {
    uses: DOWNLOAD_ARTIFACT.uses,
    with: { pattern: taskArtifactPattern(RUN_KEY), path: `\${{ runner.temp }}/${JOB_FOLDERS.records}` },
  };
}

/** The upload of what the dagline step left in `folder` under the name it gave (none: nothing to upload). */
export function uploadStep(output: string, folder: string, extra: JsonMap = {}): JsonMap {
  return {
    if: `\${{ always() && steps.dagline.outputs.${output} != '' }}`,
    uses: UPLOAD_ARTIFACT.uses,
    with: { name: `\${{ steps.dagline.outputs.${output} }}`, path: `\${{ runner.temp }}/${folder}`, ...extra },
  };
}

/** A cron as GitHub gives it back in github.event.schedule: fields separated by one space. */
function normalCron(cron: string): string {
  return cron.trim().split(/\s+/).join(' ');
}

function runsOn(labels: string[]): Json {
  return labels.length === 1 ? labels[0]! : [...labels];
}

function runsOnValue(labels: string[]): Json {
  return runsOn(labels);
}

/** A job's display name: the task's name, or its id; never an expression GitHub would evaluate. */
function jobName(task: TaskSpec): string {
  const name = task.name ?? task.id;
  return name.includes('${{') ? `\${{ ${quote(name)} }}` : name;
}

/** Every attempt of the task, the waits between them, and the job's own setup, in minutes. */
export function jobMinutes(task: TaskSpec): number {
  let ms = task.timeoutMs * (task.retry.retries + 1);
  for (let n = 1; n <= task.retry.retries; n++) ms += retryDelay(task, n);
  return Math.ceil(ms / 60_000) + JOB_SETUP_MINUTES;
}
