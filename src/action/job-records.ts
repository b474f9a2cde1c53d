import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutWaves } from '../compile/dynamic-waves.js';
import { LAYOUT_OUTPUT, layoutDigest, PLAN_JOB, waveJobId, type WaveSlot } from '../github/workflow-contract.js';
import type { Pipeline } from '../pipeline-format/model.js';
import type { ParamValues } from '../plan/resolve-params.js';
import type { ErrorEntry, TaskState } from '../state/run-record.js';

/**
 * What run-task leaves of one task or leg (`task.json` in its `dagline-task--...` artifact, beside
 * `log.txt`): enough for the jobs after it to decide and run as a local run would, and for report
 * to build the run record.
 */
export interface TaskRecordFile {
  /** The run it belongs to (the plan's run key): a called pipeline's records may be downloaded too. */
  runKey: string;
  pipeline: string;
  /** GitHub's run attempt that wrote it: a later attempt's record of a leg wins. */
  runAttempt: number;
  state: TaskState;
  /** The errors registered for the leg (retries, SLA, its failure). */
  errors: ErrorEntry[];
  /** The files it produced, from the repository root, as the registry left them. */
  extracts: { path: string; name: string; status: string }[];
}

export interface FoundRecord extends TaskRecordFile {
  /** The folder it was found in: its log.txt is there. */
  folder: string;
}

/** The name of the record's file and of the log beside it, in the task artifact. */
export const RECORD_FILE = 'task.json';
export const LOG_FILE = 'log.txt';

/**
 * The records of one run found below a folder (download-artifact puts a lone artifact straight in
 * it, several each in a folder of its name), the latest attempt's of each leg. Files that are not
 * records, or another run's, are passed over.
 */
export function readRecords(folder: string, runKey: string): Map<string, FoundRecord> {
  const latest = new Map<string, FoundRecord>();
  const visit = (dir: string, depth: number) => {
    if (!existsSync(dir) || depth > 3) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path, depth + 1);
      else if (entry.name === RECORD_FILE) {
        const record = parseRecord(path);
        if (!record || record.runKey !== runKey) continue;
        const leg = record.state.leg;
        const held = latest.get(leg);
        if (!held || held.runAttempt < record.runAttempt) latest.set(leg, { ...record, folder: dir });
      }
    }
  };
  visit(folder, 0);
  return latest;
}

function parseRecord(path: string): TaskRecordFile | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<TaskRecordFile>;
    const state = value.state;
    if (
      typeof value.runKey !== 'string' ||
      typeof value.runAttempt !== 'number' ||
      !state ||
      typeof state.task !== 'string' ||
      typeof state.leg !== 'string' ||
      typeof state.status !== 'string'
    )
      return undefined;
    return {
      runKey: value.runKey,
      pipeline: String(value.pipeline ?? ''),
      runAttempt: value.runAttempt,
      state: { ...state, attempts: state.attempts ?? [], outputs: state.outputs ?? {} },
      errors: Array.isArray(value.errors) ? value.errors : [],
      extracts: Array.isArray(value.extracts) ? value.extracts : [],
    };
  } catch {
    return undefined;
  }
}

/** A need's result as GitHub's needs context gives it (`${{ toJSON(needs) }}`). */
export interface NeedOfJob {
  result?: string;
  outputs?: Record<string, string>;
}

/**
 * A task's records for the jobs after it: its legs' latest records, checked against what GitHub
 * says of its job where the job is a direct need. A job GitHub skipped in this attempt keeps no
 * record of an earlier attempt; a job with no record (it failed before dagline could record it, or
 * GitHub skipped it) is recorded from its result. None: its job did not run.
 */
export function recordsOfTask(
  task: string,
  records: ReadonlyMap<string, FoundRecord>,
  need: NeedOfJob | undefined,
  attempt: number,
): TaskState[] {
  const found = [...records.values()].filter((r) => r.state.task === task);
  if (need?.result === 'skipped' && found.some((r) => r.runAttempt < attempt && r.state.status !== 'skipped'))
    return [];
  if (found.length > 0) return found.map((r) => r.state);
  if (!need?.result || need.result === 'skipped') return [];
  const state: TaskState = { task, leg: task, status: 'pending', attempts: [], outputs: {} };
  switch (need.result) {
    case 'success':
      // Its record was not kept (its upload failed): its job outputs are what is left of it.
      state.status = 'success';
      for (const [name, value] of Object.entries(need.outputs ?? {}))
        if (!name.startsWith('dagline-')) state.outputs[name] = value;
      break;
    case 'cancelled':
      state.status = 'cancelled';
      state.reason = 'its job was cancelled before dagline recorded it';
      break;
    default:
      state.status = 'failed';
      state.reason = 'its job failed before dagline recorded it';
  }
  return [state];
}

/** Dynamic mode: by task, the wave slots (from 1) its legs run in. */
export type WavesOfTasks = ReadonlyMap<string, readonly number[]>;

/**
 * What GitHub says of the job that ran a task, for recordsOfTask: in a compiled workflow the
 * task's own job (when it is a direct need); in dynamic mode (`waves`, from dynamicLayout) the
 * wave jobs its legs ran in, as one result: failure if any failed, else cancelled if any was,
 * skipped if all were, else success. Outputs: none (legs hand theirs on through their records).
 */
export function needOfTask(
  needs: Record<string, NeedOfJob>,
  task: string,
  waves: WavesOfTasks | undefined,
): NeedOfJob | undefined {
  if (!waves) return needs[task];
  const results = (waves.get(task) ?? []).map((slot) => needs[waveJobId(slot)]?.result);
  if (results.length === 0 || results.some((r) => r === undefined)) return undefined;
  const result =
    (['failure', 'cancelled'] as const).find((r) => results.includes(r)) ??
    (results.every((r) => r === 'skipped') ? 'skipped' : 'success');
  return { result };
}

/** By task, the slots of a layout that run its legs. */
export function wavesOfTasks(slots: readonly WaveSlot[]): Map<string, number[]> {
  const waves = new Map<string, number[]>();
  slots.forEach((slot, index) => {
    for (const leg of slot.matrix.include) {
      const list = waves.get(leg.task) ?? [];
      if (!list.includes(index + 1)) list.push(index + 1);
      waves.set(leg.task, list);
    }
  });
  return waves;
}

/**
 * Dynamic mode (the plan job gave a `layout`): the run's waves, laid out again from the pipeline,
 * params and run the plan job laid them out from, and checked against its digest. A job is given
 * only its own wave (all of them would not fit in a step's inputs), and the layout is a pure
 * function of these. Undefined in a compiled workflow.
 */
export function dynamicLayout(
  pipeline: Pipeline,
  params: ParamValues,
  /** As the plan job gave it to the layout: the run key, who and why. */
  run: { id: string; actor?: string | undefined; trigger?: string | undefined },
  needs: Record<string, NeedOfJob>,
): WavesOfTasks | undefined {
  const digest = needs[PLAN_JOB]?.outputs?.[LAYOUT_OUTPUT];
  if (!digest) return undefined;
  const layout = layoutWaves({
    pipeline,
    params,
    run,
    waveJobs: Infinity,
    placeOf: () => ({ file: pipeline.file }),
  });
  if (!layout.ok || layoutDigest(layout.slots) !== digest)
    throw new Error(
      `the waves laid out again from ${pipeline.file} are not the plan job's (layout ${digest}): a bug in dagline, or the file changed within the run`,
    );
  return wavesOfTasks(layout.slots);
}
