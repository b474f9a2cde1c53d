import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { printable } from '../../render/printable.js';
import { PlainReporter } from '../../cli/run-output/plain-reporter.js';
import { FileError, UsageError } from '../../errors/dagline-error.js';
import { formatErrorLine } from '../../errors/format-error.js';
import { readArtifactZip } from '../../github/artifact-zip.js';
import type { GitHubClient } from '../../github/client.js';
import {
  extractArtifactName,
  JOB_FOLDERS,
  legKey,
  OWN_OUTPUT_PREFIX,
  PLAN_JOB,
  runKey,
  taskArtifactName,
} from '../../github/workflow-contract.js';
import type { MatrixLeg } from '../../plan/expand-matrix.js';
import { paramPlaces, resolveParams } from '../../plan/resolve-params.js';
import { loadPipeline } from '../../pipeline-format/load-pipeline.js';
import { ChildProcessRunner } from '../../process/process-runner.js';
import type { ExtractRegistry } from '../../run/extract-registry.js';
import { runPipeline, type RunEnvironment } from '../../run/run-pipeline.js';
import { resultOf, type ErrorEntry, type Trigger } from '../../state/run-record.js';
import { RunStore } from '../../state/run-store.js';
import { annotate } from '../annotations.js';
import { readPipelineForStep } from '../step-pipeline.js';
import { JobLog } from '../job-log.js';
import {
  dynamicLayout,
  LOG_FILE,
  readRecords,
  RECORD_FILE,
  needOfTask,
  recordsOfTask,
  type FoundRecord,
  type NeedOfJob,
  type TaskRecordFile,
} from '../job-records.js';
import { jobFolder, type RunnerContext } from '../runner-context.js';

export interface RunTaskSettings {
  pipeline: string;
  task: string;
  /** `${{ toJSON(matrix) }}`: the leg's values, null for a task without a matrix. */
  matrix: MatrixLeg | null;
  /** The plan job's `params` output. */
  params: Record<string, unknown>;
  /**
   * `${{ toJSON(needs) }}`: the plan job and the task's direct needs; in dynamic mode the part of
   * it run-task reads (the plan's run-key, run and layout, the earlier wave jobs' results).
   */
  needs: Record<string, NeedOfJob>;
  /** How long a task's process group has after SIGTERM, when the job is cancelled. */
  killGraceMs: number;
}

/** The variables of an action's step that a task must not see or write: its inputs, the runtime's tokens, the step's files. */
const NOT_FOR_TASKS =
  /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_RESULTS_URL$|ACTIONS_CACHE_URL$|ACTIONS_ID_TOKEN_REQUEST_|GITHUB_(OUTPUT|ENV|PATH|STATE|STEP_SUMMARY)$)/;

/**
 * `run-task`: one task, or one leg of a matrix task, in its own job, by the code `dagline run`
 * runs it with (run-pipeline and the task lifecycle: retries, backoff, the process group's
 * timeout, SLA, outputs, extracts, continue-on-error). The records of the tasks before it come
 * from their jobs' artifacts (downloaded by the step before), so its `if` is decided again as a
 * local run decides it, with every leg's outputs (a matrix job's outputs on GitHub are the last
 * leg's only). Its output is printed between stop-commands; its outputs become step outputs; its
 * record, log and produced extracts are left for the upload steps after it.
 */
export async function runTaskCommand(
  settings: RunTaskSettings,
  context: RunnerContext,
  client: () => GitHubClient,
  /** How a `pipeline:` task runs its pipeline here (the dispatch command's: a run of its own workflow). */
  runChild?: RunEnvironment['runChild'],
): Promise<void> {
  const loaded = readPipelineForStep(settings.pipeline);
  if (!loaded) return;
  const { pipeline, locator } = loaded;
  const spec = pipeline.tasks.get(settings.task);
  if (!spec)
    throw new UsageError(`pipeline "${pipeline.name}" has no task "${settings.task}"`, { file: pipeline.file });
  const plan = settings.needs[PLAN_JOB]?.outputs ?? {};
  const key = plan['run-key'] || runKey(context.runId, undefined);
  const run = parseRun(plan.run);
  const leg = settings.matrix && Object.keys(settings.matrix).length > 0 ? settings.matrix : undefined;

  const given = Object.create(null) as Record<string, string | number | boolean>;
  for (const [name, value] of Object.entries(settings.params))
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') given[name] = value;
  const placeOfParam = paramPlaces(pipeline, locator);
  const resolved = resolveParams(pipeline, given, false, placeOfParam);
  if (!resolved.ok) {
    for (const error of resolved.errors) annotate(error);
    core.setFailed(`the params the plan job gave do not hold (${resolved.errors.length} error(s))`);
    return;
  }

  const records = readRecords(jobFolder(context, JOB_FOLDERS.records), key);
  const waves = dynamicLayout(pipeline, resolved.values, { id: key, ...run }, settings.needs);
  const store = new RunStore(jobFolder(context, 'dagline/state'));
  const log = new JobLog((text) => process.stdout.write(text), [core.getInput('github-token')]);
  const listeners = new Set<() => void>();
  const onSignal = () => {
    for (const listener of listeners) listener();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome;
  try {
    outcome = await runPipeline(
      {
        pipeline,
        params: resolved.values,
        paramsFromText: false,
        placeOfParam,
        selection: { only: [spec.id] },
        concurrency: 1,
        actor: run.actor ?? context.actor,
        trigger: run.trigger ?? 'dispatch',
        id: key,
        attempt: context.attempt,
        job: {
          ...(leg && { leg }),
          recordsOf: (id) => recordsOfTask(id, records, needOfTask(settings.needs, id, waves), context.attempt),
        },
      },
      {
        store,
        runner: new ChildProcessRunner(),
        reporter: new OneTaskReporter((text) => log.write(text), spec.id),
        workspaceOf: () => context.workspace,
        ...(runChild && { runChild }),
        loadChild: (path) => {
          throw new FileError(`${path}: a pipeline: task runs as a call of its compiled workflow, not in run-task`);
        },
        loadSnapshot: (text, file) => {
          const again = loadPipeline(text, file);
          if (!again.ok) throw new FileError(again.errors.map(formatErrorLine).join('; '));
          return again.pipeline;
        },
        baseEnv: taskEnvironment(process.env),
        killGraceMs: settings.killGraceMs,
        onCancel: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        fetchExtracts: (paths, registry) => fetchExtracts(paths, registry, { context, key, records, client }),
        now: () => new Date(),
      },
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    log.end();
  }
  if (outcome.problems?.length) {
    for (const problem of outcome.problems) annotate(problem);
    core.setFailed(`${spec.id} did not start (${outcome.problems.length} error(s))`);
    return;
  }

  const states = outcome.tasks.filter((t) => t.task === spec.id);
  const state = states[0];
  if (!state || states.length !== 1)
    throw new Error(`run-task ran ${states.length} records of ${spec.id}, not one (a bug in dagline)`);
  const errors = outcome.errors.filter((e) => e.task === state.leg);
  const runDir = store.runDir(key);
  const produced = store
    .readExtracts()
    .filter((e) => e.run === key && e.task === state.leg && !e.external)
    .map((e) => ({ path: fromWorkspace(context, join(e.location, e.filename)), name: e.name, status: e.status }));

  const legId = legKey(leg);
  const taskFolder = jobFolder(context, JOB_FOLDERS.taskUpload);
  rmSync(taskFolder, { recursive: true, force: true });
  mkdirSync(taskFolder, { recursive: true });
  const record: TaskRecordFile = {
    runKey: key,
    pipeline: pipeline.name,
    runAttempt: context.attempt,
    state,
    errors,
    extracts: produced,
  };
  writeFileSync(join(taskFolder, RECORD_FILE), log.mask(`${JSON.stringify(record, null, 2)}\n`));
  const logPath = state.log ? join(runDir, state.log) : undefined;
  writeFileSync(
    join(taskFolder, LOG_FILE),
    log.mask(logPath && existsSync(logPath) ? readFileSync(logPath, 'utf8') : `${state.reason ?? state.status}\n`),
  );
  core.setOutput('dagline-artifact', taskArtifactName(key, spec.id, legId, context.attempt));

  const ready = produced.filter((e) => e.status === 'ready');
  if (ready.length > 0) {
    const extractFolder = jobFolder(context, JOB_FOLDERS.extractUpload);
    rmSync(extractFolder, { recursive: true, force: true });
    for (const extract of ready) {
      const target = join(extractFolder, 'files', extract.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(resolve(context.workspace, extract.path), target);
    }
    writeFileSync(join(extractFolder, 'extracts.json'), `${JSON.stringify(ready, null, 2)}\n`);
    core.setOutput('dagline-extract-artifact', extractArtifactName(key, spec.id, legId, context.attempt));
  }

  for (const [name, value] of Object.entries(state.outputs)) {
    if (name.startsWith(OWN_OUTPUT_PREFIX)) {
      core.warning(
        `output "${name}" of ${state.leg} is not a step output: names starting ${OWN_OUTPUT_PREFIX} are dagline's`,
      );
      continue;
    }
    core.setOutput(name, value);
  }
  core.setOutput('dagline-result', resultOf(state));
  for (const error of errors) if (error.fatal || error.type === 'sla') annotateTaskError(error, pipeline.file, locator);
  if (state.status === 'failed') {
    core.setFailed(
      `${state.leg} failed: ${state.reason ?? 'failed'}${state.continuedOnError ? ' (continue-on-error)' : ''}`,
    );
  } else if (state.status === 'cancelled') core.setFailed(`${state.leg} was cancelled`);
  else core.info(`${printable(state.leg)}: ${state.status}${state.reason ? ` (${printable(state.reason)})` : ''}`);
}

/** The plan job's `run` output: who started the run, and how. */
function parseRun(text: string | undefined): { actor?: string; trigger?: Trigger } {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as { actor?: unknown; trigger?: unknown };
    return {
      ...(typeof value.actor === 'string' && { actor: value.actor }),
      ...(typeof value.trigger === 'string' && { trigger: value.trigger as Trigger }),
    };
  } catch {
    return {};
  }
}

/** The step's environment as a `run:` step would give it: no action inputs, runtime tokens or step files. */
function taskEnvironment(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (!NOT_FOR_TASKS.test(name)) out[name] = value;
  return out;
}

/** A path from the repository root (the workspace), `/`-separated; an absolute path outside it stays absolute. */
function fromWorkspace(context: RunnerContext, path: string): string {
  const inside = relative(context.workspace, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split('\\').join('/');
}

function annotateTaskError(
  error: ErrorEntry,
  file: string,
  locator: { at(path: (string | number)[], part?: 'key' | 'value'): { line?: number; column?: number } },
): void {
  const task = error.task?.split(' ')[0] ?? '';
  const place = task ? locator.at(['tasks', task], 'key') : {};
  annotate(
    { kind: 'run', message: `${error.task ?? ''}: ${error.message}`, file, ...place },
    error.fatal ? 'error' : 'warning',
  );
}

/**
 * Brings the extracts a task consumes from the artifacts of the jobs that produced them (their
 * records say which produced what), into the workspace, and registers them ready as a local run
 * would have: two REST requests per producing leg (find its artifact by name, download it).
 */
async function fetchExtracts(
  paths: string[],
  registry: ExtractRegistry,
  from: { context: RunnerContext; key: string; records: ReadonlyMap<string, FoundRecord>; client: () => GitHubClient },
): Promise<void> {
  const { context, key, records } = from;
  const producers = new Map<string, { record: FoundRecord; paths: string[] }>();
  for (const path of paths) {
    const wanted = fromWorkspace(context, path);
    let best: FoundRecord | undefined;
    for (const record of records.values()) {
      if (!record.extracts.some((e) => e.path === wanted && e.status === 'ready')) continue;
      if (!best || best.runAttempt < record.runAttempt) best = record;
    }
    if (!best) continue; // not produced in this run: the registry says so when the task takes it
    const entry = producers.get(best.state.leg) ?? { record: best, paths: [] };
    entry.paths.push(wanted);
    producers.set(best.state.leg, entry);
  }
  if (producers.size === 0) return;
  const client = from.client();
  for (const { record, paths: wanted } of producers.values()) {
    const name = extractArtifactName(key, record.state.task, legKey(record.state.matrix), record.runAttempt);
    const [artifact] = (await client.listArtifacts(context.runId, { name })).sort((a, b) => b.id - a.id);
    if (!artifact) {
      core.warning(`the extracts of ${record.state.leg} were not uploaded (no artifact ${name})`);
      continue;
    }
    const files = readArtifactZip(await client.downloadArtifact(artifact.id));
    const absolute: string[] = [];
    for (const path of wanted) {
      const data = files.get(`files/${path}`);
      if (!data) continue;
      const target = resolve(context.workspace, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
      absolute.push(target);
    }
    if (absolute.length === 0) continue;
    await registry.initialize(
      absolute.map((path) => ({ path, name: basename(path) })),
      key,
      record.state.leg,
    );
    await registry.settleProduced(absolute, key, record.state.leg, true);
  }
}

/** The run's reporter, for a run of one task: its summary shows that task, not the ones other jobs ran. */
class OneTaskReporter extends PlainReporter {
  constructor(
    out: (text: string) => void,
    private readonly task: string,
  ) {
    super(out);
  }

  override runFinished(...[record, tasks, errors, runDir]: Parameters<PlainReporter['runFinished']>): void {
    const mine = tasks.filter((t) => t.task === this.task);
    const legs = new Set(mine.map((t) => t.leg));
    // The run's status counts the tasks other jobs ran; this job's summary says how its own went.
    const status = mine.some((t) => t.status === 'failed' && !t.continuedOnError)
      ? 'failed'
      : mine.some((t) => t.status === 'cancelled')
        ? 'cancelled'
        : 'completed';
    super.runFinished(
      { ...record, status },
      mine,
      errors.filter((e) => e.task !== undefined && legs.has(e.task)),
      runDir,
    );
  }
}
