import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  asDaglineError,
  ExitCode,
  FileError,
  isSystemError,
  type DaglineError,
  type Place,
} from '../errors/dagline-error.js';
import { formatPlace } from '../errors/format-error.js';
import type { Value } from '../expressions/evaluate.js';
import { dagOf } from '../graph/dag.js';
import { selectTasks, type Selection } from '../graph/select.js';
import { legName } from '../plan/expand-matrix.js';
import { valueProblems } from '../plan/plan-pipeline.js';
import { concurrencyGroupOf } from '../plan/render-templates.js';
import { resolveParams, type PlaceOfParam } from '../plan/resolve-params.js';
import type { ParamValue, Pipeline } from '../pipeline-format/model.js';
import { currentProcess } from '../state/process-identity.js';
import {
  DRY_RUN_ID,
  type ErrorEntry,
  type RunRecord,
  type RunStatus,
  type TaskState,
  type Trigger,
} from '../state/run-record.js';
import type { LoadedRun, RunStore } from '../state/run-store.js';
import { assessGuards, overlapVerdict, storeHistory, type GuardVerdict } from './guards.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { earlierOutputs } from './earlier-outputs.js';
import { ExtractRegistry, type FetchExtracts } from './extract-registry.js';
import { quietReporter, type RunReporter } from './reporter.js';
import { RunScheduler, type EarlierLegs, type JobOfRun, type LegInstance } from './scheduler.js';
import { TaskLifecycle, type ChildRunResult } from './task-lifecycle.js';

export interface RunRequest {
  /** The pipeline; may be left out when resuming a run by id (its snapshot is used). */
  pipeline?: Pipeline;
  /** Params as given (text from --param, or values from a parent's `with:`). */
  params: Record<string, string | number | boolean | null>;
  paramsFromText: boolean;
  selection?: Selection;
  /** Continue this run (an id), or the latest unfinished run of the pipeline (true). */
  resume?: string | true;
  dryRun?: boolean;
  concurrency: number;
  actor: string;
  trigger: Trigger;
  parent?: { run: string; task: string };
  /** Where a param is declared (the file the CLI loaded): for the errors about its value. */
  placeOfParam?: PlaceOfParam;
  /** Where a key of the pipeline file is (`['requires', 0, 'pipeline']`): for a refusal that comes from it. */
  placeOf?: (path: (string | number)[]) => Place;
  /** The run's id, when it is given rather than made (on GitHub: the run key, one for every job of the run). */
  id?: string;
  /** `run.attempt`, when the run's attempts are counted elsewhere (GitHub's run attempt). */
  attempt?: number;
  /** On GitHub: this run is one job of a run, the one selected task's (selection.only). */
  job?: JobOfRun;
}

/** The run's surroundings: where records go, what executes, who watches. */
export interface RunEnvironment {
  store: RunStore;
  runner: ProcessRunner;
  reporter: RunReporter;
  /** Where tasks run: the repository root of the pipeline file. */
  workspaceOf(pipelineFile: string): string;
  /** Reads the pipeline a `pipeline:` task names (a path from the repository root), with its params' places. */
  loadChild(path: string, from: Pipeline): { pipeline: Pipeline; placeOfParam?: PlaceOfParam };
  /**
   * Runs a `pipeline:` task's pipeline somewhere else than in this process: on GitHub, a
   * `dispatch: true` task's pipeline is a run of its own workflow. Default: a child run here.
   */
  runChild?(path: string, params: Record<string, Value>, leg: LegInstance): Promise<ChildRunResult>;
  /** Loads a pipeline from a run's snapshot, for --resume. */
  loadSnapshot(text: string, file: string): Pipeline;
  baseEnv: Record<string, string | undefined>;
  killGraceMs: number;
  /** Called on each cancel request (Ctrl-C): the first lets cleanup tasks run, the second stops all. */
  onCancel?(listener: () => void): () => void;
  /** How often a queued run looks again at its concurrency group. */
  queuePollMs?: number;
  /**
   * Before a task takes the extracts it consumes: brings them here from where they are kept (on
   * GitHub, other jobs' artifacts) and registers them ready. Locally they are here already.
   */
  fetchExtracts?: FetchExtracts;
  now(): Date;
}

export interface RunOutcome {
  exitCode: number;
  /** completed, failed, cancelled, on_hold; or refused / skipped when no run was registered. */
  status: RunStatus | 'refused' | 'skipped';
  record?: RunRecord;
  tasks: TaskState[];
  errors: ErrorEntry[];
  /** Why a run was refused, skipped or put on hold; bad params. */
  message?: string;
  /** The key of the pipeline file the message is about (`requires`, `concurrency`, `max-consecutive-failures`). */
  place?: Place;
  problems?: DaglineError[];
}

/**
 * Runs a pipeline on this machine. Every run is registered before any task
 * starts (ProcessTracker): on hold after too many failures in a row, refused
 * when `requires` is unmet or its concurrency group is busy (per on-overlap),
 * and recorded as it goes so that a killed run can be resumed.
 */
export async function runPipeline(request: RunRequest, env: RunEnvironment): Promise<RunOutcome> {
  const resumed = request.resume !== undefined ? loadResumable(request, env) : undefined;
  const pipeline = resumed
    ? env.loadSnapshot(env.store.pipelineSnapshot(resumed.record), resumed.record.file)
    : request.pipeline;
  if (!pipeline) throw new FileError('no pipeline to run', {}, 'give a pipeline file, or --resume RUN');
  if (resumed && request.pipeline && request.pipeline.source.sha256 !== resumed.record.sha256) {
    // A resumed run is the run it was (as a re-run on GitHub is of the same commit): a fix made
    // to the file since would silently not be used, so say so.
    env.reporter.note(
      `${request.pipeline.file} has changed since run ${resumed.record.id} started; it resumes as it was (its snapshot). Start a new run to use the file as it is now.`,
    );
  }

  let params: Record<string, ParamValue>;
  if (resumed) params = resumed.record.params;
  else {
    const resolved = resolveParams(
      pipeline,
      request.params as Record<string, string | number | boolean>,
      request.paramsFromText,
      request.placeOfParam,
    );
    if (!resolved.ok)
      return { exitCode: ExitCode.failed, status: 'refused', tasks: [], errors: [], problems: resolved.errors };
    params = resolved.values;
  }
  const selection = resumed?.record.selection ?? request.selection;
  const selected = selection ? selectTasks(dagOf(pipeline), selection) : undefined;
  // Refused before anything is registered: outputs of a left-out task made with other params.
  // (A job of a run on GitHub takes the other tasks' records from their jobs, not from earlier runs.)
  const earlier =
    selected && !request.job
      ? earlierOutputs({
          pipeline,
          dag: dagOf(pipeline),
          selected,
          params,
          store: env.store,
          ...(resumed && { resumed }),
        })
      : undefined;
  // What the params and static matrix values would fail on when a task starts is found before the
  // first one does. (A resumed run was checked when it started; a job on GitHub, by the plan job.)
  if (!resumed && request.job === undefined) {
    const problems = valueProblems(pipeline, {
      params,
      ...(selection && { selection }),
      run: { actor: request.actor, trigger: request.trigger },
    });
    if (problems.length > 0) return { exitCode: ExitCode.failed, status: 'refused', tasks: [], errors: [], problems };
  }
  const group = concurrencyGroupOf(pipeline, params);

  if (request.dryRun) {
    // What the guards would do to a real run now is said first; the walk goes on regardless.
    const preview = existsSync(env.store.root)
      ? previewGuards(pipeline, await env.store.withLock(() => assess(pipeline, group, env.store)))
      : undefined;
    // A dry run of a resume goes through what the resume would run: finished tasks stay finished.
    const record = newRecord(pipeline, request, params, group, selection, env, DRY_RUN_ID);
    return execute(pipeline, record, params, { selected, earlier }, resumed, request, env, true, preview);
  }

  // Registration: the checks and the write happen under the store lock, so two runs cannot both pass.
  let waitingFor: string | undefined;
  /** Runs cancel-running has sent SIGTERM: once each, since a second one stops their cleanup too. */
  const signalled = new Set<string>();
  // Ctrl-C while queued behind another run: stop waiting; nothing was registered, nothing runs.
  let cancelled = false;
  let wake: (() => void) | undefined;
  const stopListening = env.onCancel?.(() => {
    cancelled = true;
    wake?.();
  });
  try {
    for (;;) {
      if (cancelled)
        return {
          exitCode: ExitCode.failed,
          status: 'cancelled',
          tasks: [],
          errors: [],
          message: `cancelled while ${waitingFor ?? 'starting'}`,
        };
      const decision = await env.store.withLock(() => guard(pipeline, request, params, group, resumed, env, signalled));
      if (decision.kind === 'wait') {
        // Said once for each run it waits for, not at every look.
        if (decision.message !== waitingFor) env.reporter.note(decision.message);
        waitingFor = decision.message;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, env.queuePollMs ?? 1000);
          // A cancel ends the wait now, and leaves no timer to hold the process open.
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        continue;
      }
      if (decision.kind === 'stop') return decision.outcome;
      stopListening?.(); // from here the run's own cancel takes over
      return await execute(pipeline, decision.record, params, { selected, earlier }, resumed, request, env, false);
    }
  } finally {
    stopListening?.();
  }
}

type GuardDecision =
  { kind: 'go'; record: RunRecord } | { kind: 'stop'; outcome: RunOutcome } | { kind: 'wait'; message: string };

/** What the guards say of a new run now, read from the store (under its lock), before anything is written or signalled. */
function assess(pipeline: Pipeline, group: string | undefined, store: RunStore): Promise<GuardVerdict> {
  return assessGuards(storeHistory(store), pipeline, group);
}

/** What a dry run says a real run would meet now, if not a plain start. */
function previewGuards(pipeline: Pipeline, assessment: GuardVerdict): string | undefined {
  switch (assessment.kind) {
    case 'go':
      return undefined;
    case 'on-hold':
      return `a real run now would be put on hold (exit 3): ${assessment.message}`;
    case 'refused':
      return `a real run now would be refused (exit 4): ${assessment.message}`;
    case 'busy': {
      const what = {
        fail: 'be refused (exit 4)',
        skip: 'be skipped (exit 0)',
        queue: 'wait for it',
        'cancel-running': 'cancel it, then run',
      }[pipeline.concurrency?.onOverlap ?? 'fail'];
      return `concurrency group "${assessment.group}" is busy with ${assessment.others}: a real run now would ${what}`;
    }
  }
}

async function guard(
  pipeline: Pipeline,
  request: RunRequest,
  params: Record<string, ParamValue>,
  group: string | undefined,
  resumed: LoadedRun | undefined,
  env: RunEnvironment,
  signalled: Set<string>,
): Promise<GuardDecision> {
  const { store } = env;
  const placeOf = (path: (string | number)[]): { place?: Place } =>
    request.placeOf ? { place: request.placeOf(path) } : {};

  // A resumed run meets the guards as a new run does: on hold, requires, the concurrency group.
  // One job of a run on GitHub does not: the plan job met them for the whole run, from GitHub's
  // history, and the job's store is a fresh runner's, empty (its requires would never be met).
  const assessment: GuardVerdict = request.job ? { kind: 'go' } : await assess(pipeline, group, store);
  if (assessment.kind === 'on-hold' && resumed) {
    // Refused as a new run would be; the run resumed is left as it was, and no run is registered.
    return {
      kind: 'stop',
      outcome: {
        exitCode: ExitCode.onHold,
        status: 'on_hold',
        tasks: [],
        errors: [],
        message: assessment.message,
        ...placeOf(assessment.path),
      },
    };
  }
  if (assessment.kind === 'on-hold') {
    const record = newRecord(pipeline, request, params, group, request.selection, env);
    record.status = 'on_hold';
    record.endedAt = record.startedAt;
    record.errors = [{ type: 'system', message: assessment.message, fatal: true, at: record.startedAt }];
    store.register(record, pipeline.source.text);
    return {
      kind: 'stop',
      outcome: {
        exitCode: ExitCode.onHold,
        status: 'on_hold',
        record,
        tasks: [],
        errors: record.errors,
        message: assessment.message,
        ...placeOf(assessment.path),
      },
    };
  }
  if (assessment.kind === 'refused') return refused(assessment.message, placeOf(assessment.path));
  if (assessment.kind === 'busy') {
    const { others } = assessment;
    const onOverlap = pipeline.concurrency?.onOverlap ?? 'fail';
    switch (onOverlap) {
      case 'fail':
      case 'skip': {
        const verdict = overlapVerdict(onOverlap, assessment);
        if (verdict.kind === 'refused') return refused(verdict.message, placeOf(verdict.path));
        return {
          kind: 'stop',
          outcome: {
            exitCode: ExitCode.ok,
            status: 'skipped',
            tasks: [],
            errors: [],
            message: verdict.message,
            ...placeOf(verdict.path),
          },
        };
      }
      case 'queue':
        return { kind: 'wait', message: `waiting for concurrency group "${group}": ${others} is running` };
      case 'cancel-running':
        for (const run of assessment.busy) {
          if (run.process === undefined || run.process.host !== hostname() || signalled.has(run.id)) continue;
          signalled.add(run.id);
          try {
            process.kill(run.process.pid, 'SIGTERM');
          } catch {
            // already gone: the next look finds it ended
          }
        }
        return { kind: 'wait', message: `cancelling ${others} of concurrency group "${group}"` };
    }
  }

  if (resumed) {
    // Pruned since it was read (`dagline runs prune` removes under the same lock): nothing to go on with.
    if (!store.hasRun(resumed.record.id))
      throw new FileError(`run ${resumed.record.id} was removed from ${store.root} before it could resume`);
    const record: RunRecord = {
      ...resumed.record,
      status: 'running',
      process: currentProcess(),
      resumes: resumed.record.resumes + 1,
    };
    delete record.endedAt;
    delete record.tasks;
    delete record.errors;
    delete record.counts;
    store.writeRecord(record);
    return { kind: 'go', record };
  }
  const record = newRecord(pipeline, request, params, group, request.selection, env);
  store.register(record, pipeline.source.text);
  return { kind: 'go', record };
}

function refused(message: string, where: { place?: Place }): GuardDecision {
  return {
    kind: 'stop',
    outcome: { exitCode: ExitCode.refused, status: 'refused', tasks: [], errors: [], message, ...where },
  };
}

function newRecord(
  pipeline: Pipeline,
  request: RunRequest,
  params: Record<string, ParamValue>,
  group: string | undefined,
  selection: Selection | undefined,
  env: RunEnvironment,
  id?: string,
): RunRecord {
  const at = env.now();
  const record = registration(pipeline, {
    id: id ?? request.id ?? env.store.newRunId(pipeline.name, at),
    actor: request.actor,
    trigger: request.trigger,
    params,
    startedAt: at.toISOString(),
    ...(group !== undefined && { group }),
    ...(selection !== undefined && { selection }),
  });
  if (request.parent) record.parent = request.parent;
  return record;
}

/**
 * A run's record as it is registered (ProcessTracker): who, with what, the pipeline's labels and
 * lineage, its concurrency group, the part of the pipeline it runs (`--only`, `--from`) and whether
 * it was started with a release. A local run and the action's report both register with it, so a
 * run on GitHub is recorded as a local run is.
 */
export function registration(
  pipeline: Pipeline,
  run: {
    id: string;
    actor: string;
    trigger: Trigger;
    params: Record<string, ParamValue>;
    startedAt: string;
    group?: string;
    selection?: Selection;
    release?: boolean;
  },
): RunRecord {
  const record: RunRecord = {
    id: run.id,
    pipeline: pipeline.name,
    file: pipeline.file,
    sources: pipeline.sources,
    targets: pipeline.targets,
    actor: run.actor,
    trigger: run.trigger,
    params: run.params,
    status: 'running',
    startedAt: run.startedAt,
    sha256: pipeline.source.sha256,
    process: currentProcess(),
    resumes: 0,
  };
  for (const key of ['description', 'category', 'type', 'tool'] as const) {
    const value = pipeline[key];
    if (value !== undefined) record[key] = value;
  }
  if (run.group !== undefined) record.concurrencyGroup = run.group;
  const { selection } = run;
  if (selection && ((selection.only?.length ?? 0) > 0 || (selection.from?.length ?? 0) > 0)) {
    record.selection = { only: [...(selection.only ?? [])], from: [...(selection.from ?? [])] };
  }
  if (run.release) record.release = true;
  return record;
}

/** The run a --resume continues: failed, cancelled, or killed (marked running, its process gone). */
function loadResumable(request: RunRequest, env: RunEnvironment): LoadedRun {
  const { store } = env;
  let id: string;
  store.activeRuns(); // marks killed runs failed
  const given = typeof request.resume === 'string' ? request.resume : undefined;
  // A run id, or its start; a pipeline's name means its latest resumable run, as the file does.
  const byName = given !== undefined && !store.hasRun(given) && !store.runsNewestFirst(given).next().done;
  if (given !== undefined && !byName) id = store.findRun(given);
  else {
    const name = byName ? given : request.pipeline?.name;
    if (name === undefined)
      throw new FileError(
        '--resume without a run id needs the pipeline file',
        {},
        'dagline run FILE --resume, or dagline run --resume RUN',
      );
    let last: RunRecord | undefined;
    for (const run of store.runsNewestFirst(name))
      if (run.status === 'failed' || run.status === 'cancelled') {
        last = run;
        break;
      }
    if (!last)
      throw new FileError(
        `no failed or cancelled run of "${name}" to resume in ${store.root}`,
        {},
        'dagline runs lists the runs',
      );
    id = last.id;
  }
  const loaded = store.loadRun(id);
  store.refuseLinksInRun(id);
  const status = loaded.record.status;
  if (status === 'running') throw new FileError(`run ${id} is still running (pid ${loaded.record.process.pid})`);
  if (status !== 'failed' && status !== 'cancelled')
    throw new FileError(`run ${id} ended ${status}: only a failed, cancelled or killed run can be resumed`);
  return loaded;
}

// ---- executing ---------------------------------------------------------------------------

async function execute(
  pipeline: Pipeline,
  record: RunRecord,
  params: Record<string, ParamValue>,
  /** The tasks --only / --from selected, and where the outputs of those left out come from. */
  part: { selected: Set<number> | undefined; earlier: Map<string, EarlierLegs | undefined> | undefined },
  resumed: LoadedRun | undefined,
  request: RunRequest,
  env: RunEnvironment,
  dryRun: boolean,
  /** A dry run's word on what the guards would do to a real run now: said as the run starts. */
  guardsPreview?: string,
): Promise<RunOutcome> {
  const { store, reporter } = env;
  const runDir = store.runDir(record.id);
  const errors: ErrorEntry[] = [...(resumed?.errors ?? [])];
  // The disk refused the journal (full, read-only): the run stops as a cancel stops it (cleanup
  // tasks still run, as they may be what frees the disk), and ends failed with a system error.
  let storeRefused = false;
  const journal = dryRun
    ? undefined
    : store.openJournal(record.id, (error) => {
        storeRefused = true;
        errors.push({
          type: 'system',
          message: `the run's journal could not be written (${error.message}): the run stops; its end is recorded from memory`,
          fatal: true,
          at: env.now().toISOString(),
        });
        reporter.note(`the run's journal could not be written (${error.message}): stopping the run`);
        // After the turn: the journal is flushed from inside the scheduler, as it hands out a leg.
        setImmediate(stop);
      });
  const extracts = dryRun ? undefined : new ExtractRegistry(store, env.now, env.fetchExtracts);
  const lifecycles = new Map<string, TaskLifecycle>();
  const workspace = env.workspaceOf(pipeline.file);
  // Copied once: process.env answers each read from the C++ side, and every task starts from it.
  const baseEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env.baseEnv)) if (value !== undefined) baseEnv[name] = value;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => (finish = resolve));

  const scheduler: RunScheduler = new RunScheduler(
    {
      pipeline,
      params,
      run: {
        id: record.id,
        attempt: request.attempt ?? record.resumes + 1,
        actor: record.actor,
        trigger: record.trigger,
      },
      concurrency: Math.max(1, request.concurrency),
      ...(part.selected && { selected: part.selected }),
      ...(request.job && { job: request.job }),
      ...(resumed && { previous: resumed.tasks }),
      earlierLegs: (taskId) => part.earlier?.get(taskId),
    },
    {
      now: () => env.now().toISOString(),
      changed: (state) => journal?.append({ task: state }),
      start: (leg) => {
        journal?.flush(); // what finished is recorded before what needs it starts
        const lifecycle = new TaskLifecycle(leg, {
          runner: env.runner,
          reporter,
          runId: record.id,
          runDir,
          workspace,
          baseEnv,
          params,
          pipeline,
          killGraceMs: env.killGraceMs,
          dryRun,
          logsStartEmpty: !resumed,
          ...(extracts && { extracts }),
          ...(!dryRun && { diskFull: () => store.isFull() }),
          runChild: (path, childParams, parentLeg) =>
            env.runChild
              ? env.runChild(path, childParams, parentLeg)
              : runChild(path, childParams, parentLeg, pipeline, record, request, env),
          error: (entry) => {
            errors.push(entry);
            journal?.append({ error: entry });
          },
          changed: (l, now) => {
            journal?.append({ task: l.state });
            if (now) journal?.flush();
          },
          now: env.now,
        });
        lifecycles.set(leg.name, lifecycle);
        lifecycle
          .run()
          .catch((error: unknown) => {
            leg.state.status = 'failed';
            leg.state.reason = asDaglineError(error).message; // a disk error says so; anything else is an internal error
          })
          .finally(() => {
            lifecycles.delete(leg.name);
            reporter.legFinished(leg, `${runDir}/${leg.state.log ?? ''}`);
            scheduler.legFinished(leg);
            if (scheduler.finished || scheduler.stalled) finish();
          });
      },
    },
  );

  function stop(): void {
    for (const leg of scheduler.cancel()) lifecycles.get(leg.name)?.cancel();
    if (scheduler.finished) finish();
  }
  const stopListening = env.onCancel?.(stop);
  reporter.runStarted(record, runDir);
  if (guardsPreview) reporter.note(guardsPreview);
  // Outputs taken from earlier runs are said, and which run each came from: never a silent mix.
  for (const [taskId, from] of part.earlier ?? []) {
    if (from) reporter.note(`${taskId}: left out of this run; its outputs are those of run ${from.run}`);
    else {
      const declared = pipeline.tasks.get(taskId)?.outputs ?? [];
      reporter.note(
        `${taskId}: left out of this run, and no earlier run of it succeeded: its outputs (${declared.join(', ')}) read as empty`,
      );
    }
  }
  reporter.watchProgress?.(() => scheduler.progress());
  scheduler.begin();
  if (scheduler.finished || scheduler.stalled) finish();
  await allDone;
  if (!scheduler.finished) {
    errors.push({
      type: 'system',
      message: 'internal error: the scheduler stalled with tasks left (a bug in dagline)',
      fatal: true,
      at: env.now().toISOString(),
    });
  }
  stopListening?.();
  journal?.close();

  const tasks = scheduler.states();
  // The run's status comes from its tasks as they stand now: errors of earlier tries (before a resume) are history.
  const failed =
    tasks.some((t) => (t.status === 'failed' && !t.continuedOnError) || t.status === 'pending') || !scheduler.finished;
  const status: RunStatus = storeRefused
    ? 'failed'
    : scheduler.cancelling
      ? 'cancelled'
      : failed
        ? 'failed'
        : 'completed';
  const final: RunRecord = {
    ...record,
    status,
    endedAt: env.now().toISOString(),
    tasks: Object.fromEntries(tasks.map((t) => [t.leg, t])),
    errors,
  };
  if (!dryRun) writeEnded(store, final);
  reporter.runFinished(final, tasks, errors, runDir);
  return { exitCode: status === 'completed' ? ExitCode.ok : ExitCode.failed, status, record: final, tasks, errors };
}

/**
 * Writes an ended run's record. A disk that refuses it (full) gets it in place with a system error
 * saying so, rather than a record left saying running; if even that is refused, the error is
 * thrown (the next dagline finds the run's process gone and records it failed).
 */
function writeEnded(store: RunStore, final: RunRecord): void {
  try {
    store.writeRecord(final);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    (final.errors ??= []).push({
      type: 'system',
      message: `the run's record could not be written whole (${error.message}): written in place`,
      fatal: true,
      at: new Date().toISOString(),
    });
    if (final.status === 'completed') final.status = 'failed';
    store.writeEndedRecordInPlace(final);
  }
}

async function runChild(
  path: string,
  params: Record<string, Value>,
  leg: LegInstance,
  parentPipeline: Pipeline,
  parentRecord: RunRecord,
  request: RunRequest,
  env: RunEnvironment,
): Promise<ChildRunResult> {
  let child: Pipeline;
  let placeOfParam: PlaceOfParam | undefined;
  try {
    ({ pipeline: child, placeOfParam } = env.loadChild(path, parentPipeline));
  } catch (error) {
    return { status: 'failed', message: (error as Error).message, notStarted: 'data' };
  }
  const given: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(params))
    given[name] = value === null || typeof value !== 'object' ? value : JSON.stringify(value);
  const outcome = await runPipeline(
    {
      pipeline: child,
      ...(placeOfParam && { placeOfParam }),
      params: given,
      paramsFromText: false,
      concurrency: request.concurrency,
      actor: request.actor,
      trigger: 'pipeline',
      parent: { run: parentRecord.id, task: leg.name },
    },
    // A matrix task's legs each run a child: its lines name the leg (`deploy (eu)/`), else they mingle.
    { ...env, reporter: env.reporter.child?.(legName(child.name, leg.matrix)) ?? quietReporter },
  );
  const message = outcome.message ?? outcome.problems?.map((p) => `${formatPlace(p)}${p.message}`).join('; ');
  const status = outcome.status === 'refused' || outcome.status === 'skipped' ? 'failed' : outcome.status;
  if (!outcome.record)
    return { status, ...(message && { message }), notStarted: outcome.problems?.length ? 'data' : 'process' };
  return { runId: outcome.record.id, status, ...(message && { message }) };
}
