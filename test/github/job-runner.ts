// One job (one matrix leg) on a fresh runner: an empty workspace (actions/checkout fills it), its own
// RUNNER_TEMP and HOME, the environment a hosted runner gives, and its steps run in order with the
// runner's rules: step `if` with the step status functions, `env` from workflow to job to
// GITHUB_ENV to step, `run:` scripts written to a file and run by the step's shell, actions resolved
// before the first step (an unknown one fails the job at set-up, as GitHub fails it), file commands
// read after each step, workflow commands read from its output, `continue-on-error`, step and job
// `timeout-minutes`, and the job's outputs evaluated at its end (empty ones and ones holding a
// secret dropped, as the runner drops them).
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Job, Step } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { isSequence } from '@actions/workflow-parser';
import { ActionFailure, type ActionStep, type EmulatedAction } from './action-step.js';
import { downloadArtifact, uploadArtifact } from './artifact-actions.js';
import { checkout } from './checkout-action.js';
import { daglineActionFolder, readActionMetadata, type NodeActionMetadata } from './dagline-action.js';
import {
  child,
  evaluateExpression,
  evaluateText,
  evaluateTextMapping,
  evaluateToken,
  EvaluationError,
  isTruthy,
  statusFunction,
  toText,
  type Scope,
  type Value,
} from './expressions.js';
import type { FakeGitHubApi } from './fake-github-api.js';
import type { Conclusion, GitHubState, JobRecord, StepRecord } from './github-state.js';
import type { TokenGrant, TokenRegistry } from './permissions.js';
import { runProcess } from './processes.js';
import { FileCommandError, parseKeyValueFile, WorkflowCommandReader, type Annotation } from './step-commands.js';
import type { LoadedWorkflow } from './workflow-file.js';

/**
 * GitHub's limits the runner enforces on what a job hands on. Outputs: 1 MB a job, all its outputs
 * together, "approximated based on UTF-16 encoding" (two bytes a code unit).
 */
export const OUTPUT_LIMIT_BYTES = 1024 * 1024;
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MINUTES = 360;

/** The third-party actions the harness emulates, by owner/repo. */
const EMULATED: Record<string, EmulatedAction> = {
  'actions/checkout': checkout,
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
};

/** What every job of every run shares: the fake GitHub and the harness's settings. */
export interface RunnerServices {
  state: GitHubState;
  api: FakeGitHubApi;
  tokens: TokenRegistry;
  repoDir: string;
  tempRoot: string;
  minuteMs: number;
  /** `owner/repo@sha` that means dagline's action from the working tree. */
  daglineAction: string;
  /** owner/repo -> the full SHA the compiler pins (anything else is refused). */
  pinnedActions: Record<string, string>;
  uploadsByJob: Map<number, number>;
  hostPath: string;
  /** Variables every step gets, as a self-hosted runner's `.env` file gives them. */
  runnerEnv: Record<string, string>;
}

export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface StepResult {
  /** The step's id (GitHub's generated one, `__run`, `__actions_checkout`, when it has none). */
  id: string;
  name: string;
  uses?: string;
  /** Inputs the action got, after defaults. */
  with?: Record<string, string>;
  outcome: StepOutcome;
  conclusion: StepOutcome;
  outputs: Record<string, string>;
  annotations: Annotation[];
  log: string[];
}

export type JobConclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface LegResult {
  name: string;
  matrix: Record<string, Value>;
  result: JobConclusion;
  /** The outputs this leg set (a matrix job's outputs are whichever legs finished last). */
  outputs: Record<string, string>;
  steps: StepResult[];
  annotations: Annotation[];
  /** GITHUB_STEP_SUMMARY of every step, masked. */
  summary: string;
  /** The leg's whole log, masked, workflow commands consumed. */
  log: string[];
  workspace: string;
  /** What the leg's token could do (its GITHUB_TOKEN's permissions), and who it was to the API. */
  token: TokenGrant;
  apiJob: JobRecord;
  /** Order in which legs of the whole harness finished: a larger one finished later. */
  finishedAt: number;
}

/** Everything one leg needs: the run decides it, the leg runs it. */
export interface LegPlan {
  services: RunnerServices;
  workflow: LoadedWorkflow;
  job: Job;
  jobToken: TemplateToken;
  /** `build`, or `call/inner` within a called workflow. */
  jobKey: string;
  name: string;
  matrix: Record<string, Value>;
  strategy: Record<string, Value>;
  needs: Record<string, Value>;
  inputs: Record<string, Value>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  /** The run's github context (event, sha, ref, run id and attempt...); the leg adds its own paths. */
  github: Record<string, Value>;
  runId: number;
  attempt: number;
  token: TokenGrant;
  apiJob: JobRecord;
  /** Aborted for the run's cancellation or fail-fast; the leg's own timeout is added here. */
  signal: AbortSignal;
}

/** `defaults.run` of the job, else of the workflow. */
function runDefaults(plan: LegPlan): { shell?: string; 'working-directory'?: string } {
  const scope: Scope = {
    contexts: {
      github: plan.github,
      inputs: plan.inputs,
      vars: plan.vars,
      env: null,
      strategy: plan.strategy,
      matrix: plan.matrix,
      needs: plan.needs,
    },
  };
  const pick = (token: TemplateToken | undefined) => {
    const run = child(child(token, 'defaults'), 'run');
    const out: { shell?: string; 'working-directory'?: string } = {};
    for (const key of ['shell', 'working-directory'] as const) {
      const value = child(run, key);
      if (value) out[key] = evaluateText(value, scope, `defaults.run.${key}`);
    }
    return out;
  };
  return { ...pick(plan.workflow.root), ...pick(plan.jobToken) };
}

/** The command a `shell:` runs a script file with, as the runner maps it on Linux. */
function shellCommand(shell: string | undefined, file: string): { command: string; args: string[] } {
  const template =
    shell === undefined
      ? 'bash -e {0}'
      : shell === 'bash'
        ? 'bash --noprofile --norc -eo pipefail {0}'
        : shell === 'sh'
          ? 'sh -e {0}'
          : shell.includes('{0}')
            ? shell
            : undefined;
  if (template === undefined)
    throw new EvaluationError(`shell "${shell}" is not emulated (bash, sh, or a command with {0})`);
  const [command, ...args] = template.split(/\s+/).filter(Boolean);
  return { command: command!, args: args.map((a) => (a === '{0}' ? file : a)) };
}

/** How a step's `uses:` resolves: one of the emulated actions, or dagline's own from the working tree. */
type ResolvedAction =
  | { kind: 'emulated'; uses: string; action: EmulatedAction }
  | { kind: 'node'; uses: string; metadata: NodeActionMetadata };

async function resolveAction(uses: string, services: RunnerServices): Promise<ResolvedAction> {
  if (uses.startsWith('./') || uses.startsWith('docker://'))
    throw new EvaluationError(`uses: ${uses}: local and container actions are not emulated`);
  const match = /^([\w.-]+\/[\w.-]+)(\/[^@]*)?@(.+)$/.exec(uses);
  if (!match) throw new EvaluationError(`uses: ${uses}: not owner/repo@ref`);
  const [, repo, subpath, ref] = match as unknown as [string, string, string | undefined, string];
  if (uses === services.daglineAction) {
    const folder = await daglineActionFolder();
    return { kind: 'node', uses, metadata: readActionMetadata(folder) };
  }
  const emulated = EMULATED[repo];
  if (!emulated || subpath)
    throw new EvaluationError(
      `uses: ${uses}: not an action the harness runs (dagline's own is ${services.daglineAction}; emulated: ${Object.keys(EMULATED).join(', ')})`,
    );
  const pinned = services.pinnedActions[repo];
  if (!pinned) throw new EvaluationError(`uses: ${uses}: no pinned SHA is known for ${repo}`);
  if (ref !== pinned)
    throw new EvaluationError(
      `uses: ${uses}: ${repo} must be pinned to the SHA the compiler pins (${pinned}), not "${ref}"`,
    );
  return { kind: 'emulated', uses, action: emulated };
}

/** Inputs after the action's defaults; inputs the action does not declare are refused (GitHub only warns). */
function actionInputs(
  declared: Record<string, string | undefined>,
  given: Record<string, string>,
  uses: string,
  scope: Scope,
): Record<string, string> {
  const unexpected = Object.keys(given).filter((name) => !(name in declared));
  if (unexpected.length)
    throw new ActionFailure(
      `Unexpected input(s) '${unexpected.join("', '")}' for ${uses}, valid inputs are ['${Object.keys(declared).join("', '")}']`,
    );
  const inputs: Record<string, string> = {};
  for (const [name, fallback] of Object.entries(declared)) {
    if (name in given) inputs[name] = given[name]!;
    else if (fallback !== undefined) {
      const expression = /^\$\{\{(.*)\}\}$/s.exec(fallback.trim());
      inputs[name] = expression ? toText(evaluateExpression(expression[1]!, scope), `${uses} input ${name}`) : fallback;
    }
  }
  return inputs;
}

function stepDisplayName(step: Step, raw: TemplateToken | undefined, scope: Scope): string {
  const name = child(raw, 'name');
  if (name) {
    try {
      return evaluateText(name, scope, 'name');
    } catch {
      return 'step';
    }
  }
  if ('run' in step) {
    const run = child(raw, 'run');
    const text = run && 'value' in run ? String((run as { value: unknown }).value) : '';
    return `Run ${text.split('\n')[0]}`;
  }
  if ('uses' in step) return `Run ${step.uses.value}`;
  return step.id;
}

export async function runLeg(plan: LegPlan): Promise<LegResult> {
  const { services } = plan;
  const root = mkdtempSync(join(services.tempRoot, 'runner-'));
  const repoName = String(plan.github.repository).split('/')[1]!;
  const workspace = join(root, 'work', repoName, repoName);
  const runnerTemp = join(root, 'temp');
  const home = join(root, 'home');
  const toolCache = join(root, 'tool');
  const commandsDir = join(runnerTemp, '_runner_file_commands');
  for (const dir of [workspace, runnerTemp, home, toolCache, commandsDir]) mkdirSync(dir, { recursive: true });

  const eventPath = join(root, 'workflow', 'event.json');
  mkdirSync(join(root, 'workflow'), { recursive: true });
  writeFileSync(eventPath, JSON.stringify(plan.github.event ?? {}, null, 2));

  const masks = new Set<string>([plan.token.token, ...Object.values(plan.secrets).filter((s) => s !== '')]);
  const annotations: Annotation[] = [];
  const log: string[] = [];
  let summary = '';
  const steps: StepResult[] = [];
  const stepsContext: Record<string, Value> = {};
  const globalEnv: Record<string, string> = {};
  const prependPath: string[] = [];
  let status: 'success' | 'failure' | 'cancelled' = 'success';
  const apiJob = plan.apiJob;
  const now = () => services.state.clock.now();
  apiJob.status = 'in_progress';
  apiJob.startedAt = now();

  // The leg's own deadline, added to the run's cancellation and fail-fast.
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(plan.signal.reason);
  if (plan.signal.aborted) controller.abort(plan.signal.reason);
  else plan.signal.addEventListener('abort', onOuterAbort, { once: true });
  const github: Record<string, Value> = {
    ...plan.github,
    job: plan.jobKey.split('/').pop()!,
    workspace,
    event_path: eventPath,
    token: plan.token.token,
  };
  const runner: Record<string, Value> = {
    name: 'GitHub Actions 1',
    os: 'Linux',
    arch: 'X64',
    temp: runnerTemp,
    tool_cache: toolCache,
    environment: 'github-hosted',
    debug: '',
  };
  const baseScope = (): Scope => ({
    contexts: {
      github,
      needs: plan.needs,
      strategy: plan.strategy,
      matrix: plan.matrix,
      inputs: plan.inputs,
      vars: plan.vars,
      secrets: { GITHUB_TOKEN: plan.token.token, ...plan.secrets },
      runner,
      job: { status, container: { id: '', network: '' }, services: {} },
      steps: stepsContext,
    },
  });

  const deadline: { timer?: NodeJS.Timeout } = {};
  const finish = (result: JobConclusion, outputs: Record<string, string>): LegResult => {
    if (deadline.timer) clearTimeout(deadline.timer);
    plan.signal.removeEventListener('abort', onOuterAbort);
    plan.token.expired = true;
    apiJob.status = 'completed';
    apiJob.conclusion = result as Conclusion;
    apiJob.completedAt = now();
    return {
      name: plan.name,
      matrix: plan.matrix,
      result,
      outputs,
      steps,
      annotations,
      summary,
      log,
      workspace,
      token: plan.token,
      apiJob,
      finishedAt: services.state.clock.tick(),
    };
  };
  const fail = (message: string): void => {
    annotations.push({ level: 'error', message });
    log.push(`##[error]${message}`);
  };

  // Workflow env, then the job's.
  let jobEnv: Record<string, string>;
  let timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  try {
    const workflowEnv = evaluateTextMapping(child(plan.workflow.root, 'env'), baseScope(), 'env');
    jobEnv = {
      ...workflowEnv,
      ...evaluateTextMapping(child(plan.jobToken, 'env'), baseScope(), `jobs.${plan.jobKey}.env`),
    };
    const timeout = child(plan.jobToken, 'timeout-minutes');
    if (timeout) timeoutMinutes = Number(evaluateToken(timeout, baseScope()));
  } catch (error) {
    fail((error as Error).message);
    return finish('failure', {});
  }
  // The job's own deadline (job continue-on-error is the run's business: it changes the job's result, not the leg's).
  deadline.timer = setTimeout(() => controller.abort('timeout'), timeoutMinutes * services.minuteMs);

  // Set up job: every action is resolved before the first step, as the runner downloads them.
  const rawSteps = child(plan.jobToken, 'steps');
  const resolved = new Map<number, ResolvedAction>();
  apiJob.steps.push(stepRecord('Set up job', 1, 'completed', 'success', now()));
  try {
    for (const [index, step] of plan.job.steps.entries()) {
      if ('uses' in step) resolved.set(index, await resolveAction(step.uses.value, services));
      else if (!('run' in step)) throw new EvaluationError(`step ${step.id}: only run and uses steps are emulated`);
    }
  } catch (error) {
    apiJob.steps[0]!.conclusion = 'failure';
    fail((error as Error).message);
    return finish('failure', {});
  }

  for (const [index, step] of plan.job.steps.entries()) {
    const raw = isSequence(rawSteps!) ? rawSteps.get(index) : undefined;
    const cancelled = () => controller.signal.aborted;
    const scope = (): Scope => ({
      ...baseScope(),
      contexts: { ...baseScope().contexts, env: { ...jobEnv, ...globalEnv } },
    });
    const name = stepDisplayName(step, raw, scope());
    const record = stepRecord(name, apiJob.steps.length + 1, 'in_progress', null, now());
    apiJob.steps.push(record);
    const result: StepResult = {
      id: step.id,
      name,
      outcome: 'skipped',
      conclusion: 'skipped',
      outputs: {},
      annotations: [],
      log: [],
    };
    steps.push(result);

    // The step's `if`, with the step status functions (the parser added success() where none is called).
    let run = false;
    try {
      run = isTruthy(
        evaluateExpression(step.if?.expression ?? 'success()', {
          ...scope(),
          functions: [
            statusFunction('success', () => status === 'success' && !cancelled()),
            statusFunction('failure', () => status === 'failure'),
            statusFunction('cancelled', () => cancelled()),
            statusFunction('always', () => true),
          ],
        }),
      );
    } catch (error) {
      result.outcome = result.conclusion = 'failure';
      status = 'failure';
      fail(`step "${name}": ${(error as Error).message}`);
      closeStep(record, 'failure', now());
      continue;
    }
    if (!run) {
      closeStep(record, 'skipped', now());
      continue;
    }

    const reader = new WorkflowCommandReader(masks);
    const files = {
      output: join(commandsDir, `set_output_${randomUUID()}`),
      env: join(commandsDir, `set_env_${randomUUID()}`),
      path: join(commandsDir, `add_path_${randomUUID()}`),
      summary: join(commandsDir, `step_summary_${randomUUID()}`),
      state: join(commandsDir, `save_state_${randomUUID()}`),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    let outcome: StepOutcome = 'success';
    let continueOnError = false;
    let stepTimeout: NodeJS.Timeout | undefined;
    const stepController = new AbortController();
    const onLegAbort = () => stepController.abort(controller.signal.reason);
    // A step that runs after cancellation (if: always()) is not cut short by it again.
    if (!cancelled()) controller.signal.addEventListener('abort', onLegAbort, { once: true });
    try {
      const stepScope = scope();
      const stepEnv = {
        ...jobEnv,
        ...globalEnv,
        ...evaluateTextMapping(child(raw, 'env'), stepScope, `step ${name} env`),
      };
      const envScope: Scope = { ...stepScope, contexts: { ...stepScope.contexts, env: stepEnv } };
      const coe = child(raw, 'continue-on-error');
      if (coe) continueOnError = isTruthy(evaluateToken(coe, envScope));
      const timeout = child(raw, 'timeout-minutes');
      if (timeout) {
        const minutes = Number(evaluateToken(timeout, envScope));
        stepTimeout = setTimeout(() => stepController.abort('step-timeout'), minutes * services.minuteMs);
      }
      const processEnv: Record<string, string> = {
        ...services.runnerEnv,
        ...stepEnv,
        ...runnerVariables(plan, github, { workspace, runnerTemp, toolCache, eventPath, files, step }),
        HOME: home,
        LANG: 'C.UTF-8',
        PATH: [...[...prependPath].reverse(), stepEnv.PATH ?? services.hostPath].join(':'),
      };
      const defaults = runDefaults(plan);
      const workingDirectory = child(raw, 'working-directory')
        ? evaluateText(child(raw, 'working-directory'), envScope, 'working-directory')
        : defaults['working-directory'];
      const cwd = resolve(workspace, workingDirectory ?? '');
      const onLine = (line: string) => reader.line(line);

      if ('run' in step) {
        const script = evaluateText(child(raw, 'run'), envScope, `step ${name} run`);
        const shellToken = child(raw, 'shell');
        const shell = shellToken ? evaluateText(shellToken, envScope, 'shell') : defaults.shell;
        const file = join(runnerTemp, `${randomUUID()}.sh`);
        writeFileSync(file, script);
        if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory())
          throw new ActionFailure(
            `An error occurred trying to start process '/usr/bin/bash' with working directory '${cwd}'. No such file or directory`,
          );
        const { command, args } = shellCommand(shell, file);
        const ended = await runProcess({ command, args, cwd, env: processEnv, signal: stepController.signal, onLine });
        if (ended.stoppedFor === 'step-timeout') {
          outcome = 'failure';
          reader.effects.annotations.push({ level: 'error', message: 'The action has timed out.' });
        } else if (ended.stoppedFor !== undefined) outcome = 'cancelled';
        else if (ended.exitCode !== 0) {
          outcome = 'failure';
          reader.effects.annotations.push({
            level: 'error',
            message: `Process completed with exit code ${ended.exitCode ?? 1}.`,
          });
        }
      } else {
        const action = resolved.get(index)!;
        const given = evaluateTextMapping(child(raw, 'with'), envScope, `step ${name} with`);
        if (action.kind === 'emulated') {
          const inputs = actionInputs(action.action.inputs, given, action.uses, envScope);
          result.uses = action.uses;
          result.with = inputs;
          const missing = Object.entries(action.action.inputs).find(
            ([input, fallback]) => fallback === undefined && !inputs[input],
          );
          if (missing) throw new ActionFailure(`Input required and not supplied: ${missing[0]}`);
          const actionStep: ActionStep = {
            inputs,
            workspace,
            runnerTemp,
            home,
            env: processEnv,
            github,
            runId: plan.runId,
            attempt: plan.attempt,
            jobId: apiJob.id,
            uploadsByJob: services.uploadsByJob,
            state: services.state,
            api: services.api,
            tokens: services.tokens,
            repoDir: services.repoDir,
            signal: stepController.signal,
            info: (line) => reader.line(line),
            annotate: (annotation) =>
              reader.effects.annotations.push({ ...annotation, message: reader.mask(annotation.message) }),
            setOutput: (key, value) =>
              writeFileSync(files.output, `${key}<<ghadelimiter_${randomUUID()}\n${value}\n`, { flag: 'a' }),
          };
          // setOutput writes heredocs with a fresh delimiter, as @actions/core does.
          actionStep.setOutput = (key, value) => {
            const delimiter = `ghadelimiter_${randomUUID()}`;
            writeFileSync(files.output, `${key}<<${delimiter}\n${value}\n${delimiter}\n`, { flag: 'a' });
          };
          await action.action.run(actionStep);
        } else {
          const declared = Object.fromEntries(
            Object.entries(action.metadata.inputs).map(([input, spec]) => [input, spec.default]),
          );
          const inputs = actionInputs(declared, given, action.uses, envScope);
          result.uses = action.uses;
          result.with = inputs;
          const [repo, ref] = action.uses.split('@') as [string, string];
          const inputEnv = Object.fromEntries(
            Object.entries(inputs).map(([input, value]) => [`INPUT_${input.replace(/ /g, '_').toUpperCase()}`, value]),
          );
          const ended = await runProcess({
            command: process.execPath,
            args: [join(action.metadata.folder, action.metadata.main)],
            cwd: workspace,
            env: {
              ...processEnv,
              ...inputEnv,
              GITHUB_ACTION_PATH: action.metadata.folder,
              GITHUB_ACTION_REPOSITORY: repo,
              GITHUB_ACTION_REF: ref,
            },
            signal: stepController.signal,
            onLine,
          });
          if (ended.stoppedFor === 'step-timeout') {
            outcome = 'failure';
            reader.effects.annotations.push({ level: 'error', message: 'The action has timed out.' });
          } else if (ended.stoppedFor !== undefined) outcome = 'cancelled';
          else if (ended.exitCode !== 0) outcome = 'failure';
        }
      }
    } catch (error) {
      if (error instanceof ActionFailure || error instanceof EvaluationError || error instanceof FileCommandError) {
        outcome = 'failure';
        reader.effects.annotations.push({ level: 'error', message: reader.mask(error.message) });
      } else throw error;
    } finally {
      if (stepTimeout) clearTimeout(stepTimeout);
      controller.signal.removeEventListener('abort', onLegAbort);
    }

    // File commands, read after the step as the runner reads them.
    try {
      for (const [key, value] of parseKeyValueFile(readFileSync(files.output, 'utf8'), 'GITHUB_OUTPUT'))
        result.outputs[key] = value;
      for (const [key, value] of parseKeyValueFile(readFileSync(files.env, 'utf8'), 'GITHUB_ENV')) {
        if (key.toUpperCase() === 'NODE_OPTIONS') {
          reader.effects.annotations.push({
            level: 'error',
            message: "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
          });
          continue;
        }
        globalEnv[key] = value;
      }
      for (const line of readFileSync(files.path, 'utf8').split('\n')) {
        if (line === '') continue;
        const at = prependPath.indexOf(line);
        if (at >= 0) prependPath.splice(at, 1);
        prependPath.push(line);
      }
      const stepSummary = readFileSync(files.summary, 'utf8');
      if (Buffer.byteLength(stepSummary) > SUMMARY_LIMIT_BYTES)
        reader.effects.annotations.push({
          level: 'error',
          message: `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${SUMMARY_LIMIT_BYTES / 1024}k, got ${Math.ceil(Buffer.byteLength(stepSummary) / 1024)}k.`,
        });
      else if (stepSummary)
        summary += stepSummary
          .split('\n')
          .map((line) => reader.mask(line))
          .join('\n');
    } catch (error) {
      if (!(error instanceof FileCommandError)) throw error;
      outcome = 'failure';
      reader.effects.annotations.push({
        level: 'error',
        message: `Unable to process file command successfully. ${error.message}`,
      });
    }
    for (const refused of reader.effects.refused) {
      outcome = 'failure';
      reader.effects.annotations.push({ level: 'error', message: refused });
    }

    result.outcome = outcome;
    result.conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    result.annotations = reader.effects.annotations;
    result.log = reader.effects.log;
    annotations.push(...reader.effects.annotations);
    log.push(...reader.effects.log);
    if (!step.id.startsWith('__'))
      stepsContext[step.id] = { outputs: result.outputs, outcome: result.outcome, conclusion: result.conclusion };
    if (result.conclusion === 'failure' && status === 'success') status = 'failure';
    if (outcome === 'cancelled' && status === 'success') status = 'cancelled';
    closeStep(record, result.conclusion, now());
  }

  if (controller.signal.aborted && status !== 'failure') status = 'cancelled';
  if (controller.signal.reason === 'timeout')
    fail(`The job has exceeded the maximum execution time of ${timeoutMinutes}m0s`);

  // Job outputs, evaluated on the runner at the end of the job.
  const outputs: Record<string, string> = {};
  let outputsSize = 0;
  if (plan.job.outputs) {
    try {
      const scope: Scope = { ...baseScope(), contexts: { ...baseScope().contexts, env: { ...jobEnv, ...globalEnv } } };
      for (const [key, value] of Object.entries(evaluateTextMapping(plan.job.outputs, scope, 'outputs'))) {
        if (value === '') continue;
        if ([...masks].some((secret) => value.includes(secret))) {
          annotations.push({ level: 'warning', message: `Skip output '${key}' since it may contain secret.` });
          continue;
        }
        outputsSize += 2 * (key.length + value.length);
        if (outputsSize > OUTPUT_LIMIT_BYTES) {
          fail(`The job's outputs come to ${outputsSize} bytes with '${key}' (UTF-16); GitHub's limit is 1 MB per job`);
          status = 'failure';
          continue;
        }
        outputs[key] = value;
      }
    } catch (error) {
      fail(`Fail to evaluate job outputs: ${(error as Error).message}`);
      status = 'failure';
    }
  }
  apiJob.steps.push(stepRecord('Complete job', apiJob.steps.length + 1, 'completed', 'success', now()));
  return finish(status, outputs);
}

function stepRecord(
  name: string,
  number: number,
  status: StepRecord['status'],
  conclusion: Conclusion | null,
  at: string,
): StepRecord {
  return { name, number, status, conclusion, startedAt: at, completedAt: status === 'completed' ? at : null };
}

function closeStep(record: StepRecord, conclusion: StepOutcome, at: string): void {
  record.status = 'completed';
  record.conclusion = conclusion as Conclusion;
  record.completedAt = at;
}

/** The variables a hosted runner sets for every step; steps cannot change GITHUB_* and RUNNER_* ones. */
function runnerVariables(
  plan: LegPlan,
  github: Record<string, Value>,
  paths: {
    workspace: string;
    runnerTemp: string;
    toolCache: string;
    eventPath: string;
    files: Record<'output' | 'env' | 'path' | 'summary' | 'state', string>;
    step: Step;
  },
): Record<string, string> {
  const text = (value: Value | undefined) => (value === null || value === undefined ? '' : String(value));
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: paths.step.id,
    GITHUB_ACTOR: text(github.actor),
    GITHUB_ACTOR_ID: text(github.actor_id),
    GITHUB_API_URL: text(github.api_url),
    GITHUB_BASE_REF: text(github.base_ref),
    GITHUB_ENV: paths.files.env,
    GITHUB_EVENT_NAME: text(github.event_name),
    GITHUB_EVENT_PATH: paths.eventPath,
    GITHUB_GRAPHQL_URL: text(github.graphql_url),
    GITHUB_HEAD_REF: text(github.head_ref),
    GITHUB_JOB: text(github.job),
    GITHUB_OUTPUT: paths.files.output,
    GITHUB_PATH: paths.files.path,
    GITHUB_REF: text(github.ref),
    GITHUB_REF_NAME: text(github.ref_name),
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_REF_TYPE: text(github.ref_type),
    GITHUB_REPOSITORY: text(github.repository),
    GITHUB_REPOSITORY_ID: text(github.repository_id),
    GITHUB_REPOSITORY_OWNER: text(github.repository_owner),
    GITHUB_REPOSITORY_OWNER_ID: text(github.repository_owner_id),
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_RUN_ATTEMPT: String(plan.attempt),
    GITHUB_RUN_ID: String(plan.runId),
    GITHUB_RUN_NUMBER: text(github.run_number),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: text(github.sha),
    GITHUB_STATE: paths.files.state,
    GITHUB_STEP_SUMMARY: paths.files.summary,
    GITHUB_TRIGGERING_ACTOR: text(github.triggering_actor),
    GITHUB_WORKFLOW: text(github.workflow),
    GITHUB_WORKFLOW_REF: text(github.workflow_ref),
    GITHUB_WORKFLOW_SHA: text(github.workflow_sha),
    GITHUB_WORKSPACE: paths.workspace,
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: paths.runnerTemp,
    RUNNER_TOOL_CACHE: paths.toolCache,
  };
}
