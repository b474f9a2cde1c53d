// A workflow run as GitHub drives it: jobs started when their `needs` have ended, each job's `if`
// evaluated with GitHub's job status functions (success() and failure() look at every ancestor,
// a skipped ancestor makes success() false), `strategy` (matrix legs, fail-fast on by default,
// max-parallel), job outputs (a matrix job's are those of the legs that finished last), `needs`
// visible only for direct needs, `environment` and `permissions` recorded, workflow and job
// `concurrency`, calls of reusable workflows in the same repository (inputs, secrets, outputs,
// 10 levels at most, the caller included), cancellation, and re-runs (failed jobs and their
// dependents again as attempt N, the rest kept with their outputs and artifacts).
import type { Job, ReusableWorkflowJob, WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { isReusableWorkflowJob } from '@actions/workflow-parser/model/type-guards';
import { ConcurrencyCancelled, type ConcurrencyGroups } from './concurrency.js';
import {
  child,
  evaluateExpression,
  evaluateText,
  evaluateToken,
  EvaluationError,
  isTruthy,
  keysOf,
  statusFunction,
  toText,
  type Scope,
  type Value,
} from './expressions.js';
import type { ArtifactRecord, Conclusion, JobRecord, RunRecord } from './github-state.js';
import { runLeg, type JobConclusion, type LegResult, type RunnerServices } from './job-runner.js';
import { expandMatrix, legName } from './matrix.js';
import { capped, permissionsFrom, readOnly, type Permissions } from './permissions.js';
import type { Semaphore } from './processes.js';
import { Semaphore as LocalSemaphore } from './processes.js';
import type { Annotation } from './step-commands.js';
import type { LoadedWorkflow } from './workflow-file.js';

/** GitHub's nesting limit: the caller and nine levels of reusable workflows. */
export const MAX_WORKFLOW_LEVELS = 10;

export interface JobResult {
  /** `build`, or `call/inner` for a job of a called workflow. */
  id: string;
  name: string;
  result: JobConclusion;
  outputs: Record<string, string>;
  legs: LegResult[];
  needs: string[];
  /** The attempt whose run of this job counts (a job a re-run kept has an older one). */
  attempt: number;
  permissions?: Permissions;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; cancelInProgress: boolean };
  /** Why the job failed without a leg running (its `if`, strategy or a call could not be evaluated). */
  error?: string;
  /** A reusable workflow call: the called workflow's jobs, by their qualified ids. */
  calledJobs?: string[];
}

export interface EventInfo {
  name: string;
  payload: Record<string, Value>;
  ref: string;
  sha: string;
  headRef: string;
  baseRef: string;
  /** Runs of a fork's pull request: a read-only token and no secrets. */
  fromFork: boolean;
}

/** What a run needs from the harness that owns it. */
export interface RunHost {
  services: RunnerServices;
  concurrency: ConcurrencyGroups;
  runnerSlots: Semaphore;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  defaultPermissions: Permissions;
  loadWorkflowAt(sha: string, path: string): Promise<LoadedWorkflow>;
  githubContext(run: WorkflowRun): Record<string, Value>;
  contractViolations(): number;
  describeViolationsSince(mark: number): string | undefined;
}

/** One workflow of the run (the caller, or a called workflow) being executed. */
interface WorkflowScope {
  workflow: LoadedWorkflow;
  inputs: Record<string, Value>;
  secrets: Record<string, string>;
  /** The caller job's permissions, which a called workflow's jobs cannot exceed. */
  cap?: Permissions;
  keyPrefix: string;
  namePrefix: string;
  level: number;
}

function jobIds(workflow: LoadedWorkflow): string[] {
  return workflow.template.jobs.map((j) => j.id.value);
}

export class WorkflowRun {
  /** Results of the latest attempt, kept jobs included, by qualified job id. */
  readonly jobs = new Map<string, JobResult>();
  private controller = new AbortController();
  private finished: Promise<this> | undefined;
  private rerunSet: Set<string> | 'all' = 'all';
  private violationMark = 0;

  constructor(
    private readonly host: RunHost,
    readonly workflow: LoadedWorkflow,
    readonly event: EventInfo,
    readonly record: RunRecord,
    /** `inputs` of a workflow_dispatch (typed as the inputs context has them). */
    readonly inputs: Record<string, Value>,
  ) {}

  get id(): number {
    return this.record.id;
  }
  get attempt(): number {
    return this.record.attempt;
  }
  get status(): string {
    return this.record.status;
  }
  get conclusion(): Conclusion | null {
    return this.record.conclusion;
  }
  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** The latest result of a job by id (`call/inner` for a called workflow's job). */
  job(id: string): JobResult {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`run ${this.id} has no job "${id}" (jobs: ${[...this.jobs.keys()].join(', ')})`);
    return job;
  }

  /** Artifacts of this run, every attempt's. */
  get artifacts(): ArtifactRecord[] {
    return this.host.services.state.artifacts.filter((a) => a.runId === this.id);
  }

  /** Every annotation of the latest attempt's legs (kept jobs' included). */
  get annotations(): (Annotation & { job: string })[] {
    return [...this.jobs.values()].flatMap((job) =>
      job.legs.flatMap((leg) => leg.annotations.map((a) => ({ ...a, job: leg.name }))),
    );
  }

  /** Cancels the run: running steps end, jobs not started run only if their `if` says so on cancellation. */
  cancel(): void {
    this.controller.abort('cancelled');
    if (this.record.status === 'queued' || this.record.status === 'pending') {
      this.record.status = 'completed';
      this.record.conclusion = 'cancelled';
    }
  }

  /** Runs the run (its current attempt) to its end. Rejects if a REST request broke GitHub's contract meanwhile. */
  execute(): Promise<this> {
    this.finished ??= this.executeAttempt();
    return this.finished;
  }

  /** "Re-run failed jobs": the failed and cancelled jobs and everything that needs them, as the next attempt. */
  async rerunFailed(): Promise<this> {
    await this.readyForRerun();
    const failed = [...this.jobs.values()].filter(
      (j) => !j.id.includes('/') && (j.result === 'failure' || j.result === 'cancelled'),
    );
    if (failed.length === 0) throw new Error(`run ${this.id} has no failed job to re-run`);
    const set = new Set(failed.map((j) => j.id));
    // Dependents, transitively: they were skipped or ran on the failed jobs' results.
    let grew = true;
    while (grew) {
      grew = false;
      for (const job of this.workflow.template.jobs) {
        if (!set.has(job.id.value) && (job.needs ?? []).some((n) => set.has(n.value))) {
          set.add(job.id.value);
          grew = true;
        }
      }
    }
    return this.startAttempt(set);
  }

  /** "Re-run all jobs", as the next attempt. */
  async rerunAll(): Promise<this> {
    await this.readyForRerun();
    return this.startAttempt('all');
  }

  private async readyForRerun(): Promise<void> {
    if (this.finished) await this.finished.catch(() => undefined);
    if (this.record.status !== 'completed')
      throw new Error(`run ${this.id} is ${this.record.status}: only a completed run is re-run`);
  }

  private startAttempt(set: Set<string> | 'all'): Promise<this> {
    this.record.attempt += 1;
    this.record.status = 'queued';
    this.record.conclusion = null;
    this.record.updatedAt = this.host.services.state.clock.now();
    this.controller = new AbortController();
    this.rerunSet = set;
    this.finished = this.executeAttempt();
    return this.finished;
  }

  private async executeAttempt(): Promise<this> {
    this.violationMark = this.host.contractViolations();
    const { state } = this.host.services;
    if (this.record.status === 'completed') return this.checked();
    // Workflow-level concurrency: wait (as a pending run) for the group, or cancel its running run.
    let release: (() => void) | undefined;
    const concurrency = this.concurrencySetting(
      this.workflow.template.concurrency,
      this.workflowScopeContexts(),
      'concurrency',
    );
    if (concurrency) {
      this.record.status = 'pending';
      try {
        release = await this.host.concurrency.enter(
          concurrency.group,
          { label: `run ${this.id}`, cancel: () => this.cancel() },
          concurrency,
        );
      } catch (error) {
        if (!(error instanceof ConcurrencyCancelled)) throw error;
        this.record.status = 'completed';
        this.record.conclusion = 'cancelled';
        return this.checked();
      }
      if (this.cancelled) {
        release();
        this.record.status = 'completed';
        this.record.conclusion = 'cancelled';
        return this.checked();
      }
    }
    this.record.status = 'in_progress';
    if (this.attempt === 1) this.record.runStartedAt = state.clock.now();
    const previous = new Map(this.jobs);
    try {
      const root: WorkflowScope = {
        workflow: this.workflow,
        inputs: this.inputs,
        secrets: this.event.fromFork ? {} : this.host.secrets,
        keyPrefix: '',
        namePrefix: '',
        level: 1,
      };
      await this.runWorkflow(root, previous);
    } finally {
      release?.();
    }
    const top = [...this.jobs.values()].filter((j) => !j.id.includes('/'));
    this.record.conclusion = top.some((j) => j.result === 'failure')
      ? 'failure'
      : top.some((j) => j.result === 'cancelled') || this.cancelled
        ? 'cancelled'
        : 'success';
    this.record.status = 'completed';
    this.record.updatedAt = state.clock.now();
    return this.checked();
  }

  private checked(): this {
    const problems = this.host.describeViolationsSince(this.violationMark);
    if (problems)
      throw new Error(`run ${this.id} (attempt ${this.attempt}) broke GitHub's REST contract:\n${problems}`);
    return this;
  }

  private workflowScopeContexts(): Scope {
    return { contexts: { github: this.host.githubContext(this), inputs: this.inputs, vars: this.host.vars } };
  }

  private concurrencySetting(
    token: TemplateToken | undefined,
    scope: Scope,
    where: string,
  ): { group: string; cancelInProgress: boolean; queue: 'single' | 'max' } | undefined {
    if (!token) return undefined;
    const value = evaluateToken(token, scope);
    if (value === null || value === '') return undefined;
    if (typeof value === 'string') return { group: value, cancelInProgress: false, queue: 'single' };
    if (typeof value !== 'object' || Array.isArray(value))
      throw new EvaluationError(`${where}: a string or mapping was expected`);
    const cancelInProgress = isTruthy(value['cancel-in-progress'] ?? false);
    const queue = value.queue === 'max' ? 'max' : 'single';
    if (queue === 'max' && cancelInProgress)
      throw new EvaluationError(`${where}: queue: max cannot be combined with cancel-in-progress`);
    return { group: toText(value.group ?? '', `${where}.group`), cancelInProgress, queue };
  }

  /** Runs the jobs of one workflow (the run's, or a called one), each when its needs have ended. */
  private async runWorkflow(scope: WorkflowScope, previous: Map<string, JobResult>): Promise<Map<string, JobResult>> {
    const ids = jobIds(scope.workflow);
    const done = new Map<string, Promise<JobResult>>();
    const byId = new Map(scope.workflow.template.jobs.map((j) => [j.id.value, j]));
    const results = new Map<string, JobResult>();
    const start = (id: string): Promise<JobResult> => {
      let promise = done.get(id);
      if (!promise) {
        const job = byId.get(id)!;
        promise = (async () => {
          const needs = await Promise.all((job.needs ?? []).map((n) => start(n.value)));
          const result = await this.runJob(scope, job, needs, results, previous);
          results.set(id, result);
          this.jobs.set(result.id, result);
          return result;
        })();
        done.set(id, promise);
      }
      return promise;
    };
    await Promise.all(ids.map(start));
    return results;
  }

  private ancestors(workflow: LoadedWorkflow, id: string): string[] {
    const byId = new Map(workflow.template.jobs.map((j) => [j.id.value, j]));
    const seen = new Set<string>();
    const visit = (jobId: string) => {
      for (const need of byId.get(jobId)?.needs ?? []) {
        if (!seen.has(need.value)) {
          seen.add(need.value);
          visit(need.value);
        }
      }
    };
    visit(id);
    return [...seen];
  }

  private async runJob(
    scope: WorkflowScope,
    job: WorkflowJob,
    needs: JobResult[],
    siblings: Map<string, JobResult>,
    previous: Map<string, JobResult>,
  ): Promise<JobResult> {
    const id = job.id.value;
    const key = `${scope.keyPrefix}${id}`;
    const rawJob = scope.workflow.jobTokens.get(id)!;
    const kept = previous.get(key);
    const topKey = key.split('/')[0]!;
    if (kept && this.rerunSet !== 'all' && !this.rerunSet.has(topKey)) {
      // A job a re-run keeps: its result, outputs and artifacts stand; its called jobs too.
      for (const [otherKey, other] of previous) if (otherKey.startsWith(`${key}/`)) this.jobs.set(otherKey, other);
      return kept;
    }

    const needsContext: Record<string, Value> = {};
    for (const need of needs) needsContext[need.id.split('/').pop()!] = { result: need.result, outputs: need.outputs };
    const github = this.host.githubContext(this);
    const jobScope: Scope = { contexts: { github, needs: needsContext, inputs: scope.inputs, vars: this.host.vars } };
    const base: JobResult = {
      id: key,
      name: `${scope.namePrefix}${id}`,
      result: 'skipped',
      outputs: {},
      legs: [],
      needs: (job.needs ?? []).map((n) => n.value),
      attempt: this.attempt,
    };
    const nameToken = child(rawJob, 'name');

    // The job's `if`, with GitHub's job status functions over all its ancestors.
    const ancestors = this.ancestors(scope.workflow, id).map((a) => siblings.get(a)!);
    const named = (names: string[]) =>
      names.length ? ancestors.filter((a) => names.includes(a.id.split('/').pop()!)) : ancestors;
    let run: boolean;
    try {
      run = isTruthy(
        evaluateExpression(job.if.expression, {
          ...jobScope,
          functions: [
            statusFunction(
              'success',
              (...names) => !this.cancelled && named(names).every((a) => a.result === 'success'),
            ),
            statusFunction('failure', (...names) => named(names).some((a) => a.result === 'failure')),
            statusFunction('cancelled', () => this.cancelled),
            statusFunction('always', () => true),
          ],
        }),
      );
    } catch (error) {
      return this.failedJob(base, (error as Error).message);
    }
    if (!run) {
      const result = { ...base, result: (this.cancelled ? 'cancelled' : 'skipped') as JobConclusion };
      this.apiJobRecord(base.name, result.result, []);
      return result;
    }

    // permissions: the job's, else the workflow's, else the repository's default; capped by a caller.
    const permissionsToken = child(rawJob, 'permissions') ?? child(scope.workflow.root, 'permissions');
    let permissions = permissionsToken
      ? permissionsFrom(evaluateToken(permissionsToken, jobScope))
      : this.host.defaultPermissions;
    if (scope.cap) permissions = capped(permissions, scope.cap);
    if (this.event.fromFork) permissions = readOnly(permissions);
    base.permissions = permissions;

    let strategy: Record<string, Value> = {};
    let legs: Record<string, Value>[];
    let hasMatrix = false;
    try {
      const strategyValue = evaluateToken(job.strategy, jobScope);
      if (strategyValue !== null && (typeof strategyValue !== 'object' || Array.isArray(strategyValue)))
        throw new EvaluationError(`job "${id}": strategy must be a mapping`);
      strategy = (strategyValue ?? {}) as Record<string, Value>;
      hasMatrix = strategy.matrix !== undefined && strategy.matrix !== null;
      legs = expandMatrix(strategy.matrix, id);
      const env = child(rawJob, 'environment');
      if (env) {
        const value = evaluateToken(env, jobScope);
        if (typeof value === 'string') base.environment = { name: value };
        else if (value && typeof value === 'object' && !Array.isArray(value))
          base.environment = {
            name: toText(value.name ?? '', 'environment.name'),
            ...(value.url ? { url: toText(value.url, 'environment.url') } : {}),
          };
      }
    } catch (error) {
      return this.failedJob(base, (error as Error).message);
    }
    const failFast = strategy['fail-fast'] === undefined ? true : isTruthy(strategy['fail-fast']);
    const maxParallel = strategy['max-parallel'] === undefined ? legs.length : Number(strategy['max-parallel']);

    // Job-level concurrency, in the same namespace as the runs'.
    let releaseGroup: (() => void) | undefined;
    try {
      const setting = this.concurrencySetting(child(rawJob, 'concurrency'), jobScope, `jobs.${id}.concurrency`);
      if (setting) {
        base.concurrency = { group: setting.group, cancelInProgress: setting.cancelInProgress };
        releaseGroup = await this.host.concurrency.enter(
          setting.group,
          { label: `job ${key} of run ${this.id}`, cancel: () => this.cancel() },
          setting,
        );
      }
    } catch (error) {
      if (error instanceof ConcurrencyCancelled) return { ...base, result: 'cancelled' };
      return this.failedJob(base, (error as Error).message);
    }

    try {
      if (isReusableWorkflowJob(job))
        return await this.runCall(
          scope,
          job,
          base,
          legs,
          hasMatrix,
          strategy,
          needsContext,
          permissions,
          previous,
          nameToken,
        );
      return await this.runLegs(
        scope,
        job as Job,
        base,
        legs,
        hasMatrix,
        strategy,
        failFast,
        maxParallel,
        needsContext,
        permissions,
        nameToken,
      );
    } finally {
      releaseGroup?.();
    }
  }

  private failedJob(base: JobResult, message: string): JobResult {
    this.apiJobRecord(base.name, 'failure', []);
    return { ...base, result: 'failure', error: message };
  }

  /** A job record for the REST API (GitHub lists skipped and failed-to-start jobs too). */
  private apiJobRecord(name: string, conclusion: JobConclusion | null, labels: string[]): JobRecord {
    const { state } = this.host.services;
    const now = state.clock.now();
    const record: JobRecord = {
      id: state.nextId(),
      runId: this.id,
      attempt: this.attempt,
      name,
      status: conclusion === null ? 'queued' : 'completed',
      conclusion: conclusion as Conclusion | null,
      createdAt: now,
      startedAt: now,
      completedAt: conclusion === null ? null : now,
      steps: [],
      labels,
      workflowName: this.workflow.name,
      headBranch: this.record.headBranch,
      headSha: this.record.headSha,
    };
    this.record.jobs.push(record);
    return record;
  }

  /** A leg's contexts: the job's, with its matrix values and the strategy context. */
  private legScope(
    base: Scope,
    matrix: Record<string, Value>,
    index: number,
    total: number,
    maxParallel: number,
    failFast: boolean,
  ): { scope: Scope; strategy: Record<string, Value> } {
    const strategyContext = {
      'fail-fast': failFast,
      'job-index': index,
      'job-total': total,
      'max-parallel': maxParallel,
    };
    return { scope: { contexts: { ...base.contexts, strategy: strategyContext, matrix } }, strategy: strategyContext };
  }

  private async runLegs(
    scope: WorkflowScope,
    job: Job,
    base: JobResult,
    legs: Record<string, Value>[],
    hasMatrix: boolean,
    strategy: Record<string, Value>,
    failFast: boolean,
    maxParallel: number,
    needsContext: Record<string, Value>,
    permissions: Permissions,
    nameToken: TemplateToken | undefined,
  ): Promise<JobResult> {
    const id = job.id.value;
    const rawJob = scope.workflow.jobTokens.get(id)!;
    const jobFailFast = new AbortController();
    const onRunAbort = () => jobFailFast.abort(this.controller.signal.reason);
    if (this.controller.signal.aborted) jobFailFast.abort(this.controller.signal.reason);
    else this.controller.signal.addEventListener('abort', onRunAbort, { once: true });
    const parallel = new LocalSemaphore(Math.max(1, maxParallel));
    const github = this.host.githubContext(this);
    const baseScope: Scope = { contexts: { github, needs: needsContext, inputs: scope.inputs, vars: this.host.vars } };
    const results: { leg: LegResult; continueOnError: boolean }[] = [];

    await Promise.all(
      legs.map(async (matrix, index) => {
        const { scope: legScope, strategy: strategyContext } = this.legScope(
          baseScope,
          matrix,
          index,
          legs.length,
          maxParallel,
          failFast,
        );
        let displayName: string;
        try {
          displayName =
            nameToken && nameToken.isExpression
              ? evaluateText(nameToken, legScope, 'name')
              : legName(nameToken ? evaluateText(nameToken, legScope, 'name') : id, matrix, hasMatrix);
        } catch {
          displayName = legName(id, matrix, hasMatrix);
        }
        displayName = `${scope.namePrefix}${displayName}`;
        // runs-on may read the leg's matrix (`runs-on: ${{ matrix.os }}`).
        const runsOn = evaluateToken(child(rawJob, 'runs-on'), legScope);
        const labels = (Array.isArray(runsOn) ? runsOn : [runsOn]).filter((l) => l !== null).map((l) => String(l));
        const apiJob = this.apiJobRecord(displayName, null, labels);
        const releaseParallel = await parallel.acquire();
        const releaseSlot = await this.host.runnerSlots.acquire();
        try {
          const continueOnErrorToken = child(rawJob, 'continue-on-error');
          let continueOnError = false;
          try {
            continueOnError = continueOnErrorToken ? isTruthy(evaluateToken(continueOnErrorToken, legScope)) : false;
          } catch {
            continueOnError = false;
          }
          const token = this.host.services.tokens.mint(`${this.id}/${displayName}`, permissions);
          const leg = await runLeg({
            services: this.host.services,
            workflow: scope.workflow,
            job,
            jobToken: rawJob,
            jobKey: base.id,
            name: displayName,
            matrix,
            strategy: strategyContext,
            needs: needsContext,
            inputs: scope.inputs,
            secrets: scope.secrets,
            vars: this.host.vars,
            github,
            runId: this.id,
            attempt: this.attempt,
            token,
            apiJob,
            signal: jobFailFast.signal,
          });
          results.push({ leg, continueOnError });
          if (leg.result === 'failure' && !continueOnError && failFast && hasMatrix && !jobFailFast.signal.aborted)
            jobFailFast.abort('fail-fast');
        } finally {
          releaseSlot();
          releaseParallel();
        }
      }),
    );
    this.controller.signal.removeEventListener('abort', onRunAbort);

    // Outputs: each leg's (non-empty) outputs over the earlier finishers', in the order legs finished.
    const outputs: Record<string, string> = {};
    for (const { leg } of [...results].sort((a, b) => a.leg.finishedAt - b.leg.finishedAt))
      Object.assign(outputs, leg.outputs);
    const counted = results.map(({ leg, continueOnError }) =>
      leg.result === 'failure' && continueOnError ? 'success' : leg.result,
    );
    const result: JobConclusion = counted.includes('failure')
      ? 'failure'
      : counted.includes('cancelled')
        ? 'cancelled'
        : 'success';
    return {
      ...base,
      name: `${scope.namePrefix}${nameToken && !nameToken.isExpression ? evaluateText(nameToken, baseScope, 'name') : id}`,
      result,
      outputs,
      legs: results.map((r) => r.leg).sort((a, b) => legs.indexOf(a.matrix) - legs.indexOf(b.matrix)),
    };
  }

  /** A job that calls a reusable workflow: each leg runs the called workflow's jobs within this run. */
  private async runCall(
    scope: WorkflowScope,
    job: ReusableWorkflowJob,
    base: JobResult,
    legs: Record<string, Value>[],
    hasMatrix: boolean,
    strategy: Record<string, Value>,
    needsContext: Record<string, Value>,
    permissions: Permissions,
    previous: Map<string, JobResult>,
    nameToken: TemplateToken | undefined,
  ): Promise<JobResult> {
    const id = job.id.value;
    if (scope.level + 1 > MAX_WORKFLOW_LEVELS)
      return this.failedJob(
        base,
        `job "${id}": reusable workflows nest at most ${MAX_WORKFLOW_LEVELS} levels, the caller included`,
      );
    const path = job.ref.value.replace(/^\.\//, '');
    let called: LoadedWorkflow;
    try {
      called = await this.host.loadWorkflowAt(this.record.headSha, path);
    } catch (error) {
      return this.failedJob(base, (error as Error).message);
    }
    const github = this.host.githubContext(this);
    const baseScope: Scope = { contexts: { github, needs: needsContext, inputs: scope.inputs, vars: this.host.vars } };
    const callDefinition = child(child(called.root, 'on'), 'workflow_call');
    const inputDefinitions = child(callDefinition, 'inputs');
    const secretDefinitions = child(callDefinition, 'secrets');
    const outputDefinitions = child(callDefinition, 'outputs');
    const calledJobs: string[] = [];
    const legResults: { outputs: Record<string, string>; result: JobConclusion }[] = [];

    for (const [index, matrix] of legs.entries()) {
      const { scope: legScope } = this.legScope(baseScope, matrix, index, legs.length, legs.length, true);
      const legLabel = legName(nameToken ? evaluateText(nameToken, legScope, 'name') : id, matrix, hasMatrix);
      try {
        const given = evaluateToken(job['input-values'], legScope) ?? {};
        const inputs: Record<string, Value> = {};
        for (const name of keysOf(inputDefinitions)) {
          const definition = child(inputDefinitions, name);
          const type = String(evaluateToken(child(definition, 'type'), legScope));
          const required = isTruthy(evaluateToken(child(definition, 'required'), legScope) ?? false);
          let value = (given as Record<string, Value>)[name];
          if (value === undefined) {
            if (required) throw new EvaluationError(`job "${id}": input "${name}" of ${path} is required`);
            const fallback = child(definition, 'default');
            value = fallback
              ? evaluateToken(fallback, legScope)
              : type === 'boolean'
                ? false
                : type === 'number'
                  ? 0
                  : '';
          }
          if (type === 'boolean' && typeof value !== 'boolean')
            throw new EvaluationError(
              `job "${id}": input "${name}" of ${path} is a boolean; got ${JSON.stringify(value)}`,
            );
          if (type === 'number' && typeof value !== 'number')
            throw new EvaluationError(
              `job "${id}": input "${name}" of ${path} is a number; got ${JSON.stringify(value)}`,
            );
          if (type === 'string') value = toText(value, `input ${name}`);
          inputs[name] = value;
        }
        for (const name of Object.keys(given as Record<string, Value>)) {
          if (!keysOf(inputDefinitions).includes(name))
            throw new EvaluationError(`job "${id}": ${path} has no input "${name}"`);
        }
        let secrets: Record<string, string> = {};
        if (job['inherit-secrets']) secrets = { ...scope.secrets };
        else if (job['secret-values']) {
          const secretScope: Scope = { contexts: { ...legScope.contexts, secrets: scope.secrets } };
          for (const [name, value] of Object.entries(
            (evaluateToken(job['secret-values'], secretScope) ?? {}) as Record<string, Value>,
          )) {
            if (!keysOf(secretDefinitions).includes(name))
              throw new EvaluationError(`job "${id}": ${path} has no secret "${name}"`);
            secrets[name] = toText(value, `secret ${name}`);
          }
        }
        for (const name of keysOf(secretDefinitions)) {
          const required = isTruthy(
            evaluateToken(child(child(secretDefinitions, name), 'required'), legScope) ?? false,
          );
          if (required && !(name in secrets) && !job['inherit-secrets'])
            throw new EvaluationError(`job "${id}": secret "${name}" of ${path} is required`);
        }
        const legKey = hasMatrix ? `${base.id}[${index}]` : base.id;
        const inner = await this.runWorkflow(
          {
            workflow: called,
            inputs,
            secrets,
            cap: permissions,
            keyPrefix: `${legKey}/`,
            namePrefix: `${scope.namePrefix}${legLabel} / `,
            level: scope.level + 1,
          },
          this.rerunSet === 'all' || this.rerunSet.has(base.id.split('/')[0]!) ? new Map() : previous,
        );
        calledJobs.push(...[...inner.values()].map((j) => j.id));
        const jobsContext: Record<string, Value> = {};
        for (const [innerId, result] of inner)
          jobsContext[innerId] = { result: result.result, outputs: result.outputs };
        const outputScope: Scope = { contexts: { ...legScope.contexts, inputs, jobs: jobsContext } };
        const outputs: Record<string, string> = {};
        for (const name of keysOf(outputDefinitions)) {
          const value = evaluateText(child(child(outputDefinitions, name), 'value'), outputScope, `output ${name}`);
          if (value !== '') outputs[name] = value;
        }
        const results = [...inner.values()].map((r) => r.result);
        legResults.push({
          outputs,
          result: results.includes('failure') ? 'failure' : results.includes('cancelled') ? 'cancelled' : 'success',
        });
      } catch (error) {
        this.apiJobRecord(`${scope.namePrefix}${legLabel}`, 'failure', []);
        legResults.push({ outputs: {}, result: 'failure' });
        base.error = (error as Error).message;
      }
    }
    const outputs: Record<string, string> = {};
    for (const leg of legResults) Object.assign(outputs, leg.outputs);
    const results = legResults.map((l) => l.result);
    return {
      ...base,
      result: results.includes('failure') ? 'failure' : results.includes('cancelled') ? 'cancelled' : 'success',
      outputs,
      calledJobs,
    };
  }
}
