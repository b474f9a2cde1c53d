import {
  JOB_FOLDERS,
  LAYOUT_OUTPUT,
  PLAN_JOB,
  PLAN_OUTPUTS,
  REPORT_JOB,
  waveJobId,
  waveOutput,
} from '../github/workflow-contract.js';
import {
  checkoutStep,
  downloadRecordsStep,
  renderWorkflow,
  RUN_PERMISSIONS,
  TASK_PERMISSIONS,
  uploadStep,
  type JsonMap,
} from './compile-workflow.js';
import { DEFAULT_RUNNER } from './dynamic-waves.js';
import { DAGLINE_ACTION } from './pinned-actions.js';

/**
 * Dynamic mode's reusable workflow, `.github/workflows/run.yml` of dagline's repository
 * (docs/github.md): a pipeline runs from its file, with no workflow generated for it. Its plan job
 * lays the run out in waves (src/compile/dynamic-waves.ts); `WAVE_JOBS` matrix jobs run them one
 * after another, each leg a task (or a matrix leg) through run-task, which decides its `if` from
 * the records of the legs before it; the report job closes the run. The file is this function's
 * text (test/compile/dynamic-workflow.test.ts holds them equal). Pure.
 */

/**
 * How many wave jobs the workflow has: the deepest run dynamic mode takes, counted in waves of
 * jobs one after another (a chain of tasks is one wave per task; a wave of more than 256 legs, or
 * a task's legs past its max-parallel, take the next ones). Jobs whose wave is empty are skipped.
 */
export const WAVE_JOBS = 20;

/** Where the workflow is, from dagline's repository root: callers write `OWNER/dagline/<this>@SHA`. */
export const DYNAMIC_WORKFLOW_PATH = '.github/workflows/run.yml';

const PLAN_OUTPUT = (name: string) => `needs.${PLAN_JOB}.outputs.${name}`;

export function dynamicWorkflow(): string {
  const jobs: JsonMap = { [PLAN_JOB]: planJob() };
  for (let slot = 1; slot <= WAVE_JOBS; slot++) jobs[waveJobId(slot)] = waveJob(slot);
  jobs[REPORT_JOB] = reportJob();
  const workflow: JsonMap = {
    name: 'dagline',
    on: {
      workflow_call: {
        inputs: {
          pipeline: {
            description: 'The pipeline file, from the repository root (pipelines/funnel.yml).',
            type: 'string',
            required: true,
          },
          params: {
            description: `The run's params as one JSON object ({"dataStage": "IaC"}); the others take their defaults.`,
            type: 'string',
            required: false,
            default: '{}',
          },
          'runs-on': {
            description: `The runner of the plan and report jobs (each task runs on its own runs-on, ${DEFAULT_RUNNER} by default).`,
            type: 'string',
            required: false,
            default: DEFAULT_RUNNER,
          },
        },
      },
    },
    permissions: {},
    jobs,
  };
  const header = [
    `# dagline's dynamic mode (docs/github.md): a pipeline run from its file, with no workflow generated`,
    '# for it. Call it from a job of your own:',
    '#   uses: OWNER/dagline/.github/workflows/run.yml@SHA',
    '#   with: { pipeline: pipelines/funnel.yml, params: \'{"dataStage": "IaC"}\' }',
    '# Written by src/compile/dynamic-workflow.ts; do not edit: change that file and run',
    '#   npx vitest run test/compile/dynamic-workflow.test.ts -u',
  ];
  return renderWorkflow(workflow, header, DAGLINE_ACTION);
}

function actionStep(withInputs: JsonMap): JsonMap {
  return { id: 'dagline', uses: DAGLINE_ACTION.uses, with: withInputs };
}

function planJob(): JsonMap {
  return {
    name: 'dagline plan',
    'runs-on': '${{ inputs.runs-on }}',
    permissions: { ...RUN_PERMISSIONS },
    outputs: Object.fromEntries(
      [...PLAN_OUTPUTS, LAYOUT_OUTPUT, ...waveSlots(WAVE_JOBS).map(waveOutput)].map((name) => [
        name,
        `\${{ steps.dagline.outputs.${name} }}`,
      ]),
    ),
    steps: [
      checkoutStep(),
      actionStep({
        command: 'plan',
        pipeline: '${{ inputs.pipeline }}',
        inputs: '${{ inputs.params }}',
        'wave-jobs': String(WAVE_JOBS),
        'github-token': '${{ github.token }}',
      }),
    ],
  };
}

/**
 * Wave job `slot`: its wave's matrix from the plan job (its own output), after every wave before
 * it, whatever they came to (dagline decides what a failure above means, leg by leg); skipped when
 * its wave is empty, and once the run is cancelled.
 */
function waveJob(slot: number): JsonMap {
  const wave = `fromJSON(${PLAN_OUTPUT(waveOutput(slot))})`;
  return {
    name: "${{ matrix.leg && format('{0} ({1})', matrix.task, join(matrix.leg.*, ', ')) || matrix.task }}",
    needs: [PLAN_JOB, ...waveSlots(slot - 1).map(waveJobId)],
    if: `\${{ ${PLAN_OUTPUT('go')} == 'true' && ${PLAN_OUTPUT(waveOutput(slot))} != '' && !cancelled() }}`,
    'runs-on': `\${{ matrix.runs-on || '${DEFAULT_RUNNER}' }}`,
    permissions: { ...TASK_PERMISSIONS },
    'timeout-minutes': `\${{ ${wave}.minutes }}`,
    'continue-on-error': '${{ matrix.continue-on-error == true }}',
    strategy: { matrix: `\${{ ${wave}.matrix }}`, 'fail-fast': false },
    steps: [
      checkoutStep(),
      downloadRecordsStep(),
      actionStep({
        command: 'run-task',
        pipeline: '${{ inputs.pipeline }}',
        task: '${{ matrix.task }}',
        matrix: '${{ toJSON(matrix.leg) }}',
        params: `\${{ ${PLAN_OUTPUT('params')} }}`,
        needs: needsInput(['run-key', 'run', LAYOUT_OUTPUT], slot - 1),
        'github-token': '${{ github.token }}',
      }),
      uploadStep('dagline-artifact', JOB_FOLDERS.taskUpload),
      uploadStep('dagline-extract-artifact', JOB_FOLDERS.extractUpload, { 'include-hidden-files': true }),
    ],
  };
}

/** Slots 1 to `count`. */
function waveSlots(count: number): number[] {
  return Array.from({ length: count }, (_, k) => k + 1);
}

/**
 * The `needs` a job of the workflow gives dagline's action: the part of `${{ toJSON(needs) }}` it
 * reads, in the same shape (the plan job's result and these outputs, the results of wave jobs 1 to
 * `waves`). Not `toJSON(needs)` itself: that holds every wave's matrix, and a step's input is an
 * environment variable of at most 128 KiB. Each value goes in through toJSON, so that whatever it
 * holds stays one JSON value.
 */
function needsInput(planOutputs: readonly string[], waves: number): string {
  const plan = planOutputs.map((name) => `"${name}": \${{ toJSON(${PLAN_OUTPUT(name)}) }}`).join(', ');
  const lines = [`{"${PLAN_JOB}": {"result": \${{ toJSON(needs.${PLAN_JOB}.result) }}, "outputs": {${plan}}}`];
  for (const slot of waveSlots(waves))
    lines.push(`"${waveJobId(slot)}": {"result": \${{ toJSON(needs.${waveJobId(slot)}.result) }}}`);
  return `${lines.join(',\n ')}}`;
}

function reportJob(): JsonMap {
  return {
    name: 'dagline report',
    needs: [PLAN_JOB, ...waveSlots(WAVE_JOBS).map(waveJobId)],
    if: '${{ always() }}',
    'runs-on': '${{ inputs.runs-on }}',
    permissions: { ...RUN_PERMISSIONS },
    steps: [
      checkoutStep(),
      downloadRecordsStep(),
      actionStep({
        command: 'report',
        pipeline: '${{ inputs.pipeline }}',
        needs: needsInput([...PLAN_OUTPUTS, LAYOUT_OUTPUT], WAVE_JOBS),
        'github-token': '${{ github.token }}',
      }),
      uploadStep('dagline-artifact', JOB_FOLDERS.runUpload),
    ],
  };
}
