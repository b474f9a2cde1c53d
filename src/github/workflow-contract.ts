/**
 * What the compiled workflow and the action agree on (GITHUB-DESIGN.md): the names of dagline's
 * own jobs and inputs, the artifact names (unique within a run, across attempts) and the folders
 * under the runner's temp folder that the artifact steps and the action share. Pure: the compiler
 * and the action both import it, so the two cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { legIdentity } from '../plan/expand-matrix.js';

/** The job that registers the run (params, the guards, the check run). */
export const PLAN_JOB = 'dagline-plan';
/** The job that gathers the run record, writes the summary and completes the check run. */
export const REPORT_JOB = 'dagline-report';

/** The file name of a pipeline's compiled workflow, in `.github/workflows/`: where its runs are found. */
export function workflowFileOf(pipeline: string): string {
  return `dagline-${pipeline}.yml`;
}

/** The workflow_dispatch input holding, as one JSON object, the params past GitHub's input limit. */
export const PARAMS_OVERFLOW_INPUT = 'dagline-params';
/** The workflow_dispatch input that lifts a pipeline from on hold and runs it. */
export const RELEASE_INPUT = 'dagline-release';
/** The workflow_call input a calling pipeline's job gives: the run key of the run it starts (its own run key, `--`, the task). */
export const PARENT_INPUT = 'dagline-parent';

/** The plan job's outputs, which every other job reads through `needs.dagline-plan.outputs`. */
export const PLAN_OUTPUTS = ['go', 'params', 'run', 'check-run-id', 'run-key', 'refusal'] as const;

/** A step output of run-task and report that a task's own output could not be named: dagline's own start so. */
export const OWN_OUTPUT_PREFIX = 'dagline-';

/** Folders below `${{ runner.temp }}` (RUNNER_TEMP): where downloads land and uploads are taken from. */
export const JOB_FOLDERS = {
  /** Every `dagline-task--*` artifact, downloaded by the step before run-task and report. */
  records: 'dagline/records',
  /** run-task's record of its task or leg: task.json and log.txt. */
  taskUpload: 'dagline/upload/task',
  /** run-task's extracts: extracts.json and files/<path>. */
  extractUpload: 'dagline/upload/extract',
  /** report's run record, as a state folder (runs/<id>/...). */
  runUpload: 'dagline/upload/run',
} as const;

/** The characters an artifact name may not hold (@actions/artifact refuses them), and the separator `--`. */
const NOT_IN_NAME = /["<>|*?\r\n\\/:]/;

/** The run id dagline gives a workflow run: its attempts are of the same run. */
export function githubRunId(workflowRunId: number | string): string {
  return `gh-${workflowRunId}`;
}

/**
 * What tells a pipeline run apart within a workflow run (a called pipeline shares its caller's
 * workflow run): `gh-<run_id>` for a run of its own, the caller's `dagline-parent` for a called
 * one. It is the run's id in its record, and it names the run's artifacts.
 */
export function runKey(workflowRunId: number | string, parent: string | undefined): string {
  return parent ? parent : githubRunId(workflowRunId);
}

/**
 * A leg's key in artifact names: `-` for a task without a matrix, else a short stable hash of its
 * matrix values (any text may be in them; the name must hold none of the refused characters).
 */
export function legKey(matrix: Record<string, unknown> | undefined | null): string {
  const identity = legIdentity(matrix);
  return identity === 'null' ? '-' : createHash('sha256').update(identity).digest('hex').slice(0, 12);
}

export function taskArtifactName(key: string, task: string, leg: string, attempt: number): string {
  return checked(`dagline-task--${key}--${task}--${leg}--a${attempt}`);
}

export function extractArtifactName(key: string, task: string, leg: string, attempt: number): string {
  return checked(`dagline-extract--${key}--${task}--${leg}--a${attempt}`);
}

export function runArtifactName(key: string, attempt: number): string {
  return checked(`dagline-run--${key}--a${attempt}`);
}

/**
 * The pattern the download step before run-task and report gives, with the run key from the plan
 * job: `dagline-task--${{ needs.dagline-plan.outputs.run-key }}--*`. It may match a called
 * pipeline's records too (its key starts with its caller's): each record says whose it is.
 */
export function taskArtifactPattern(key: string): string {
  return `dagline-task--${key}--*`;
}

function checked(name: string): string {
  if (NOT_IN_NAME.test(name)) throw new Error(`internal error: artifact name ${JSON.stringify(name)}`);
  return name;
}

/**
 * Dynamic mode (`.github/workflows/run.yml`, docs/github.md): the plan job's output holding wave
 * slot `slot`'s job (from 1) as JSON (`WaveSlot`), empty when the run has no such wave. One output
 * a wave, so that each wave job is given its own matrix and nothing else.
 */
export function waveOutput(slot: number): string {
  return `wave-${slot}`;
}

/**
 * Dynamic mode: the plan job's output that names its layout (`layoutDigest`). run-task and report
 * lay the run out again from the same pipeline, params and run (the layout is a pure function of
 * them), where the plan's outputs would not fit in what a step is given, and check it against this.
 */
export const LAYOUT_OUTPUT = 'layout';

/** A layout's name: a digest of its slots, as the plan job gives it and run-task and report check it. */
export function layoutDigest(slots: readonly WaveSlot[]): string {
  return createHash('sha256').update(JSON.stringify(slots)).digest('hex').slice(0, 32);
}

/** The job of wave slot `slot` (from 1) in dynamic mode. */
export function waveJobId(slot: number): string {
  return `dagline-wave-${slot}`;
}

/** One leg of a wave job's matrix: a task, or one leg of a matrix task. */
export interface WaveLeg {
  task: string;
  /** The leg's matrix values (none for a task without a matrix): run-task's `matrix` input. */
  leg?: Record<string, string | number | boolean>;
  /** The task's runners, when they are not `ubuntu-latest`. */
  'runs-on'?: string | string[];
  /** The task continues on error: its failed leg does not fail the wave job. */
  'continue-on-error'?: true;
}

/** What one wave job runs: its matrix (at most 256 legs) and its timeout, the longest of its legs'. */
export interface WaveSlot {
  minutes: number;
  matrix: { include: WaveLeg[] };
}
