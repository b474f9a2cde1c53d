import type { Value } from '../expressions/evaluate.js';
import { dagOf, isGate, orderOf, type Dag } from '../graph/dag.js';
import { legIdentity, legName, type MatrixLeg } from '../plan/expand-matrix.js';
import type { TemplateContext } from '../plan/render-templates.js';
import { NO_LEGS_REASON, RunRules, type NeedsStatus, type Verdict } from '../plan/run-rules.js';
import type { ParamValue, Pipeline, TaskSpec } from '../pipeline-format/model.js';
import { resultOf, type TaskState, type TaskStatus } from '../state/run-record.js';
import { PriorityQueue } from './leg-queue.js';
import type { NeedOutputs } from './task-env.js';

/** One leg of a task (the task itself when it has no matrix): what the executor runs. */
export interface LegInstance {
  name: string;
  task: TaskSpec;
  index: number;
  matrix?: MatrixLeg;
  /** The leg's record, updated in place by the scheduler and the executor. */
  state: TaskState;
  /** The values its templates read: params, env, matrix, needs, run, pipeline. */
  context: TemplateContext;
  /** Outputs of the tasks it needs (a matrix task's by leg), for its environment. */
  needsOutputs: Record<string, NeedOutputs>;
}

export interface SchedulerHooks {
  /** Start this leg; call `legFinished` once its state is final. */
  start(leg: LegInstance): void;
  /** A state changed and should be recorded (journaled). */
  changed(state: TaskState): void;
  now(): string;
}

export interface SchedulerInput {
  pipeline: Pipeline;
  params: Record<string, ParamValue>;
  run: { id: string; attempt: number; actor: string; trigger: string };
  concurrency: number;
  /** Task nodes selected by --only / --from; the others are taken as done. */
  selected?: Set<number>;
  /** Resume: the legs of the run as they were; the successful ones are not run again. */
  previous?: Map<string, TaskState>;
  /** The legs of a task left out by the selection, from an earlier run where it succeeded: what it hands on. */
  earlierLegs?: (taskId: string) => EarlierLegs | undefined;
  /** On GitHub: this run is one job of a run, the selected task's (or one leg of it). */
  job?: JobOfRun;
}

/**
 * A run that is one job of a run on GitHub, where each task runs in a job of its own: the selected
 * task runs here (only the leg with these matrix values, for a matrix task), and every other task
 * is as its own job left it. Its records stand in the run exactly as if this run had run it, so
 * the task's `if`, status functions and needs read what a local run would read.
 */
export interface JobOfRun {
  /** The matrix values of the leg this job runs (none for a task without a matrix). */
  leg?: MatrixLeg;
  /** Another task's records, as its job left them; none: its job did not run (GitHub skipped it). */
  recordsOf(taskId: string): TaskState[];
}

/** A task's records from an earlier run, handed on when a run leaves the task out. */
export interface EarlierLegs {
  run: string;
  legs: TaskState[];
}

/** What waits on a finished node needs to know of it. */
interface NodeResult {
  /** Succeeded (or failed with continue-on-error, or was taken as done). */
  ok: boolean;
  /** It, or something it waited for (transitively), failed: failure() is true after it. */
  failedAbove: boolean;
  cancelled: boolean;
  /**
   * Resume: it, or something it waited for, ran again or came out otherwise than in the run
   * resumed. What needs it is decided and run again, as GitHub's re-run of failed jobs re-runs
   * their dependents: only a task whose whole upstream is unchanged keeps its result.
   */
  changed: boolean;
  /** The task that makes it not ok, for messages. */
  cause?: string;
}

interface TaskRuntime {
  spec: TaskSpec;
  node: number;
  legs: LegInstance[];
  unfinished: number;
  running: number;
  /** Legs waiting for a max-parallel slot. */
  parked: PriorityQueue<LegInstance>;
  /** The record of a task that ran no leg (skipped, upstream_failed, not selected, cancelled). */
  summary?: TaskState;
  /** Resume with --only / --from: the legs of a task left out, as the run being continued had them. */
  kept?: TaskState[];
  /** Left out by --only / --from: its legs in the earlier run whose outputs it hands on. */
  earlier?: TaskState[];
  /** Resume: a leg of it runs again, or it came out otherwise than in the run resumed. */
  changed?: boolean;
  /** A run that is one job: another job's records of this task. */
  settled?: TaskState[];
}

/**
 * Decides what runs when. A leg starts as soon as everything its task needs
 * has finished and a slot is free: the run's concurrency, the task's pool,
 * its matrix's max-parallel. Among ready legs, the one with the longest way
 * still to go starts first. When a task is due, the run's rules
 * (plan/run-rules.ts, which the plan asks too) say whether it runs: its
 * stage's `if`, its own `if` with GitHub's status functions, its matrix legs.
 * The scheduler does no I/O: it calls its hooks.
 */
export class RunScheduler {
  private readonly dag: Dag;
  private readonly priority: number[];
  private readonly tasks: (TaskRuntime | undefined)[];
  private readonly results: (NodeResult | undefined)[];
  private readonly waitingOn: number[];
  private readonly ready = new PriorityQueue<LegInstance>((a, b) => this.before(a, b));
  private readonly poolUse = new Map<string, number>();
  private readonly poolParked = new Map<string, PriorityQueue<LegInstance>>();
  private readonly rules: RunRules;
  private readonly needsReaders = new WeakMap<TaskSpec, boolean>();
  /** Legs handed to the executor and not yet finished. */
  private readonly handedOut = new Set<LegInstance>();
  private unfinishedNodes: number;
  private cancelLevel: 0 | 1 | 2 = 0;
  private previousByTask: Map<string, TaskState[]> | undefined;

  constructor(
    private readonly input: SchedulerInput,
    private readonly hooks: SchedulerHooks,
  ) {
    const { pipeline } = input;
    this.dag = dagOf(pipeline);
    const order = orderOf(this.dag);
    if (!order) throw new Error(`${pipeline.file}: the graph has a cycle`);
    this.priority = downstreamLengths(this.dag, order);
    this.tasks = this.dag.names.map((name, node) => {
      if (isGate(this.dag, node)) return undefined;
      const spec = pipeline.tasks.get(name) as TaskSpec;
      return {
        spec,
        node,
        legs: [],
        unfinished: 0,
        running: 0,
        parked: new PriorityQueue((a, b) => this.before(a, b)),
      };
    });
    this.results = this.dag.names.map(() => undefined);
    this.waitingOn = this.dag.preds.map((preds) => preds.length);
    this.unfinishedNodes = this.dag.names.length;
    this.rules = new RunRules({
      pipeline,
      params: input.params,
      run: { id: input.run.id, attempt: input.run.attempt, actor: input.run.actor, trigger: input.run.trigger },
    });
  }

  /** Evaluates what is due from the start and starts what can start. */
  begin(): void {
    // Collect first: evaluating one node can make later ones due, and each must be evaluated once.
    const due = this.dag.names.map((_, node) => node).filter((node) => this.waitingOn[node] === 0);
    for (const node of due) this.due(node);
    this.fill();
  }

  get finished(): boolean {
    return this.unfinishedNodes === 0 && this.handedOut.size === 0;
  }

  /**
   * Work is left but nothing runs and nothing can start: a bug, never a
   * state a pipeline can put the scheduler in. The run ends with an error
   * rather than waiting for ever (or Node exiting with the run unfinished).
   */
  get stalled(): boolean {
    if (this.finished || this.handedOut.size > 0 || this.ready.size > 0) return false;
    if ([...this.poolParked.values()].some((q) => q.size > 0)) return false;
    return !this.tasks.some((t) => t && t.parked.size > 0);
  }

  get cancelling(): boolean {
    return this.cancelLevel > 0;
  }

  /** The executor reports a leg whose state is final. */
  legFinished(leg: LegInstance): void {
    const task = this.tasks[this.dag.taskIndex.get(leg.task.id) as number] as TaskRuntime;
    this.handedOut.delete(leg);
    task.running--;
    task.unfinished--;
    this.hooks.changed(leg.state);
    if (leg.task.pool !== undefined) this.releasePool(leg.task.pool);
    const parked = task.parked.pop();
    if (parked) this.ready.push(parked);
    if (task.unfinished === 0) this.taskDone(task);
    this.fill();
  }

  /**
   * Cancels the run. The first call lets tasks whose `if` holds when
   * cancelled() is true (cleanup, always()) still run; the second cancels
   * everything. Returns the legs handed out (running), for the executor to end.
   */
  cancel(): LegInstance[] {
    this.cancelLevel = this.cancelLevel === 0 ? 1 : 2;
    const waiting = [...this.ready.drain(), ...[...this.poolParked.values()].flatMap((q) => q.drain())];
    for (const task of this.tasks) if (task) waiting.push(...task.parked.drain());
    for (const leg of waiting) {
      const task = this.tasks[this.dag.taskIndex.get(leg.task.id) as number] as TaskRuntime;
      leg.state.status = 'cancelled';
      leg.state.reason = 'the run was cancelled before it started';
      leg.state.endedAt = this.hooks.now();
      task.unfinished--;
      this.hooks.changed(leg.state);
      if (task.unfinished === 0 && task.running === 0) this.taskDone(task);
    }
    const handedOut = [...this.handedOut];
    this.fill();
    return handedOut;
  }

  /**
   * How far the run is: records that are final, of all known so far. A task counts one until its
   * matrix is expanded (a matrix from a needed output is known only then), then one per leg.
   */
  progress(): { done: number; total: number } {
    let done = 0;
    let total = 0;
    for (const [, state] of this.recordsByTask()) {
      total++;
      if (state !== undefined && state.status !== 'pending' && state.status !== 'running') done++;
    }
    return { done, total };
  }

  /** Every record: the legs of tasks that ran, one entry for each task that did not. */
  states(): TaskState[] {
    const out: TaskState[] = [];
    for (const [task, state] of this.recordsByTask())
      out.push(state ?? { task: task.spec.id, leg: task.spec.id, status: 'pending', attempts: [], outputs: {} });
    return out;
  }

  /** Each task's records as they stand: its summary, the legs kept from a resumed run, its legs; none yet (undefined) before it is due. */
  private *recordsByTask(): Generator<[TaskRuntime, TaskState | undefined]> {
    for (const task of this.tasks) {
      if (!task) continue;
      if (task.summary) yield [task, task.summary];
      else if (task.settled) for (const state of task.settled) yield [task, state];
      else if (task.kept) for (const state of task.kept) yield [task, state];
      else if (task.legs.length) for (const leg of task.legs) yield [task, leg.state];
      else yield [task, undefined];
    }
  }

  // ---- starting legs ---------------------------------------------------------

  private before(a: LegInstance, b: LegInstance): boolean {
    const pa = this.priority[this.dag.taskIndex.get(a.task.id) as number] as number;
    const pb = this.priority[this.dag.taskIndex.get(b.task.id) as number] as number;
    if (pa !== pb) return pa > pb;
    const na = this.dag.taskIndex.get(a.task.id) as number;
    const nb = this.dag.taskIndex.get(b.task.id) as number;
    return na !== nb ? na < nb : a.index < b.index;
  }

  private fill(): void {
    while (this.handedOut.size < this.input.concurrency && this.cancelLevel < 2) {
      const leg = this.ready.pop();
      if (!leg) return;
      const task = this.tasks[this.dag.taskIndex.get(leg.task.id) as number] as TaskRuntime;
      if (leg.task.maxParallel !== undefined && task.running >= leg.task.maxParallel) {
        task.parked.push(leg);
        continue;
      }
      const pool = leg.task.pool;
      if (pool !== undefined && (this.poolUse.get(pool) ?? 0) >= (this.input.pipeline.pools.get(pool) ?? Infinity)) {
        let parked = this.poolParked.get(pool);
        if (!parked) this.poolParked.set(pool, (parked = new PriorityQueue((a, b) => this.before(a, b))));
        parked.push(leg);
        continue;
      }
      if (pool !== undefined) this.poolUse.set(pool, (this.poolUse.get(pool) ?? 0) + 1);
      this.handedOut.add(leg);
      task.running++;
      this.hooks.start(leg);
    }
  }

  private releasePool(pool: string): void {
    this.poolUse.set(pool, (this.poolUse.get(pool) ?? 1) - 1);
    const next = this.poolParked.get(pool)?.pop();
    if (next) this.ready.push(next);
  }

  // ---- nodes becoming due ------------------------------------------------------

  private nodeDone(node: number, result: NodeResult): void {
    this.results[node] = result;
    this.unfinishedNodes--;
    for (const next of this.dag.succs[node] as number[]) {
      if (--(this.waitingOn[next] as number) === 0) this.due(next);
    }
  }

  private due(node: number): void {
    if (isGate(this.dag, node)) {
      const members = (this.dag.preds[node] as number[]).map((p) => this.results[p] as NodeResult);
      const notOk = members.find((r) => !r.ok);
      this.nodeDone(node, {
        ok: !notOk,
        failedAbove: members.some((r) => r.failedAbove),
        cancelled: members.some((r) => r.cancelled),
        changed: members.some((r) => r.changed),
        ...(notOk?.cause !== undefined && { cause: notOk.cause }),
      });
      return;
    }
    const task = this.tasks[node] as TaskRuntime;
    if (this.input.job && !this.input.selected?.has(node)) {
      this.settle(task, this.input.job.recordsOf(task.spec.id));
      return;
    }
    if (this.input.selected && !this.input.selected.has(node)) {
      const ran = this.ranBefore(task.spec.id);
      if (ran.length > 0) this.keep(task, ran);
      else {
        const earlier = this.input.earlierLegs?.(task.spec.id);
        if (earlier) task.earlier = earlier.legs;
        const outputs = task.spec.matrix || !earlier ? {} : mergedOutputs(earlier.legs);
        this.finishWithoutLegs(task, 'skipped', 'not selected', outputs, earlier?.run ?? true);
      }
      return;
    }
    const decision = this.decide(task);
    if (decision) this.finishWithoutLegs(task, decision.status, decision.reason);
    else this.createLegs(task);
  }

  private finishWithoutLegs(
    task: TaskRuntime,
    status: TaskStatus,
    reason: string | undefined,
    outputs: Record<string, string> = {},
    /** Left out by the selection: true, or the earlier run whose outputs it hands on. */
    notSelected: boolean | string = false,
  ): void {
    const state: TaskState = {
      task: task.spec.id,
      leg: task.spec.id,
      status,
      attempts: [],
      outputs,
      endedAt: this.hooks.now(),
    };
    if (reason !== undefined) state.reason = reason;
    if (notSelected !== false) state.notSelected = true;
    if (typeof notSelected === 'string') state.outputsFrom = notSelected;
    task.summary = state;
    if (notSelected === false) task.changed = this.input.previous?.get(task.spec.id)?.status !== status;
    this.hooks.changed(state);
    this.taskDone(task);
  }

  /**
   * A task left out of a resumed run keeps the record it had there (its attempts, status and
   * outputs are history, not to be overwritten with "skipped"), and is taken as done, as a task
   * left out always is: what needs it runs. A failure kept this way still fails the run.
   */
  private keep(task: TaskRuntime, states: TaskState[]): void {
    task.kept = states.map((state) => ({ ...state, notSelected: true }));
    for (const state of task.kept) this.hooks.changed(state);
    this.nodeDone(task.node, { ok: true, failedAbove: false, cancelled: false, changed: false });
  }

  /** A task another job ran (or skipped): its records, as they are, decide what follows it. */
  private settle(task: TaskRuntime, states: TaskState[]): void {
    if (states.length === 0) {
      // Why GitHub did not run its job is what the run rules say of it (a stage that is off, a need
      // that failed); a task they would have run did not get its job run (the run was cancelled).
      const decision = this.decide(task);
      this.finishWithoutLegs(task, decision?.status ?? 'skipped', decision?.reason ?? 'its job did not run');
      return;
    }
    task.settled = states;
    for (const state of states) this.hooks.changed(state);
    this.taskDone(task);
  }

  /** The legs of a task that started in the run being resumed. */
  private ranBefore(taskId: string): TaskState[] {
    if (!this.input.previous) return [];
    if (!this.previousByTask) {
      this.previousByTask = new Map();
      for (const state of this.input.previous.values()) {
        if (state.attempts.length === 0) continue;
        const list = this.previousByTask.get(state.task) ?? [];
        list.push(state);
        this.previousByTask.set(state.task, list);
      }
    }
    return this.previousByTask.get(taskId) ?? [];
  }

  private taskDone(task: TaskRuntime): void {
    const preds = (this.dag.preds[task.node] as number[]).map((p) => this.results[p] as NodeResult);
    const states = task.summary ? [task.summary] : (task.settled ?? task.legs.map((l) => l.state));
    const failed = states.find((s) => s.status === 'failed' && !s.continuedOnError);
    const notOk = states.find((s) => resultOf(s) !== 'success');
    this.nodeDone(task.node, {
      ok: !notOk,
      failedAbove: !!failed || states.some((s) => s.status === 'upstream_failed') || preds.some((r) => r.failedAbove),
      cancelled: states.some((s) => s.status === 'cancelled'),
      changed: !!task.changed || preds.some((r) => r.changed),
      ...(notOk && { cause: task.spec.id }),
    });
  }

  /** Undefined when a due task runs; otherwise its status and why (run-rules.ts decides). */
  private decide(task: TaskRuntime): { status: TaskStatus; reason: string } | undefined {
    if (this.cancelLevel === 2) return { status: 'cancelled', reason: 'the run was cancelled' };
    const preds = (this.dag.preds[task.node] as number[]).map((p) => this.results[p] as NodeResult);
    const cause = preds.find((r) => !r.ok)?.cause;
    const needs: NeedsStatus = {
      allOk: preds.every((r) => r.ok),
      failedAbove: preds.some((r) => r.failedAbove),
      needCancelled: preds.some((r) => r.cancelled),
      cancelling: this.cancelLevel > 0,
      ...(cause !== undefined && { cause }),
    };
    let verdict: Verdict;
    try {
      verdict = this.rules.task(task.spec, needs, task.spec.if === undefined ? {} : this.needsContext(task));
    } catch (error) {
      return { status: 'failed', reason: (error as Error).message };
    }
    if (verdict.kind === 'skip') return { status: verdict.status, reason: verdict.reason };
    return undefined; // a run knows every value: never 'unknown'
  }

  // ---- legs ----------------------------------------------------------------------

  private createLegs(task: TaskRuntime): void {
    const spec = task.spec;
    const needs = this.needsContext(task);
    const context = this.rules.context(`task "${spec.id}"`, { needs });
    let legs: (MatrixLeg | undefined)[];
    try {
      legs = this.rules.legs(spec, needs) as (MatrixLeg | undefined)[];
    } catch (error) {
      this.finishWithoutLegs(task, 'failed', (error as Error).message);
      return;
    }
    if (legs.length === 0) {
      this.finishWithoutLegs(task, 'skipped', NO_LEGS_REASON);
      return;
    }
    let chosen = legs.map((matrix, index) => ({ matrix, index }));
    const job = this.input.job;
    if (job) {
      // One job runs one leg: the one GitHub's matrix gave it, found among the legs dagline expands.
      const wanted = legIdentity(job.leg);
      const index = legs.findIndex((leg) => legIdentity(leg) === wanted);
      if (index < 0) {
        const reason = job.leg
          ? `its matrix has no leg ${JSON.stringify(job.leg)} (GitHub's matrix and dagline's differ: a bug in the compiled workflow)`
          : 'it has a matrix, and this job ran it without one';
        this.finishWithoutLegs(task, 'failed', reason);
        return;
      }
      chosen = [{ matrix: legs[index], index }];
    }
    const needsOutputs: Record<string, NeedOutputs> = {};
    for (const [id, need] of Object.entries(needs)) needsOutputs[id] = need as unknown as NeedOutputs;
    task.unfinished = chosen.length;
    const upstreamChanged = (this.dag.preds[task.node] as number[]).some((p) => this.results[p]?.changed);
    chosen.forEach(({ matrix, index }) => {
      const name = legName(spec.id, matrix);
      const previous = this.input.previous?.get(name);
      const leg: LegInstance = {
        name,
        task: spec,
        index,
        ...(matrix && { matrix }),
        state: { task: spec.id, leg: name, status: 'pending', attempts: [], outputs: {}, ...(matrix && { matrix }) },
        context: matrix ? this.rules.context(`task "${name}"`, { needs, matrix }) : context,
        needsOutputs,
      };
      task.legs.push(leg);
      if (previous?.status === 'success' && !upstreamChanged) {
        // Resume: done in the run being continued, from the same inputs.
        leg.state = previous;
        task.unfinished--;
        return;
      }
      if (previous) {
        // It runs again in the same run: its attempts count on, and an SLA it missed stays missed.
        leg.state.attempts = [...previous.attempts];
        if (previous.slaMissed) leg.state.slaMissed = true;
      }
      task.changed = true;
      this.ready.push(leg);
    });
    if (task.unfinished === 0) this.taskDone(task);
  }

  /**
   * `needs.<id>` for a task: result and outputs of what it waits for (stage members through the
   * gates). A matrix task has no outputs of its own: its legs' are in `legs`, by leg name.
   */
  private needsContext(task: TaskRuntime): Record<string, Value> {
    const needs: Record<string, Value> = {};
    const add = (node: number) => {
      const runtime = this.tasks[node];
      if (!runtime) return;
      const state =
        runtime.summary ??
        runtime.kept?.[0] ??
        runtime.settled?.find((s) => resultOf(s) !== 'success') ??
        runtime.settled?.[0] ??
        runtime.legs.find((l) => resultOf(l.state) !== 'success')?.state ??
        runtime.legs[0]?.state;
      const result = state ? resultOf(state) : 'success';
      const handedOn = this.handedOn(runtime);
      if (!runtime.spec.matrix) needs[runtime.spec.id] = { result, outputs: mergedOutputs(handedOn) };
      else {
        const legs: Record<string, Value> = {};
        for (const leg of handedOn)
          legs[leg.leg] = { matrix: leg.matrix ?? {}, result: resultOf(leg), outputs: { ...leg.outputs } };
        needs[runtime.spec.id] = { result, outputs: {}, legs };
      }
    };
    for (const pred of this.dag.preds[task.node] as number[]) {
      if (!isGate(this.dag, pred)) add(pred);
      else if (this.readsNeeds(task.spec)) for (const member of this.dag.preds[pred] as number[]) add(member);
    }
    return needs;
  }

  /** The records whose outputs a finished task hands on: its legs, those kept from the run resumed, or an earlier run's. */
  private handedOn(task: TaskRuntime): TaskState[] {
    if (task.summary) return task.earlier ?? [];
    if (task.kept) return task.kept;
    if (task.settled) return task.settled;
    return task.legs.map((leg) => leg.state);
  }

  /**
   * Whether a task's expressions may read `needs` at all. Listing the members
   * of a needed stage costs the stage's size, so it is done only then.
   */
  private readsNeeds(spec: TaskSpec): boolean {
    let reads = this.needsReaders.get(spec);
    if (reads === undefined) {
      reads = JSON.stringify([spec.if, spec.action, spec.env, spec.produces, spec.consumes, spec.matrix]).includes(
        'needs',
      );
      this.needsReaders.set(spec, reads);
    }
    return reads;
  }
}

/** The outputs of a task without a matrix (one leg). */
function mergedOutputs(states: TaskState[]): Record<string, string> {
  return Object.assign({}, ...states.map((state) => state.outputs)) as Record<string, string>;
}

/** For each node, the most tasks on a path from it to the end: how much is still to go after it. */
function downstreamLengths(dag: Dag, order: readonly number[]): number[] {
  const length = new Array<number>(dag.names.length).fill(0);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as number;
    let longest = 0;
    for (const next of dag.succs[node] as number[]) longest = Math.max(longest, length[next] as number);
    length[node] = longest + (isGate(dag, node) ? 0 : 1);
  }
  return length;
}
