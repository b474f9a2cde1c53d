import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DaglineError, isSystemError } from '../errors/dagline-error.js';
import { APPEND_NO_LINK } from '../fs/append-no-link.js';
import { makeDirs } from '../fs/make-dirs.js';
import { valueToText, type Value } from '../expressions/evaluate.js';
import { renderScript, renderText, renderValue, type TemplateContext } from '../plan/render-templates.js';
import { runTemplatePlace } from '../plan/template-place.js';
import {
  formatDuration,
  retryDelay,
  type ParamValue,
  type Pipeline,
  type Shell,
  type TaskSpec,
} from '../pipeline-format/model.js';
import { formatPlace } from '../errors/format-error.js';
import type { Attempt, ErrorEntry, ErrorType, RunStatus } from '../state/run-record.js';
import type { ProcessGroup, ProcessResult, ProcessRunner, RunningProcess } from '../process/process-runner.js';
import type { ExtractRegistry } from './extract-registry.js';
import { argvWord } from '../render/plan-text.js';
import { printable } from '../render/printable.js';
import { setLongTimeout, type LongTimer } from '../process/long-timer.js';
import { parseOutputsFile } from './outputs-file.js';
import type { AttemptCount, RunReporter } from './reporter.js';
import type { LegInstance } from './scheduler.js';
import { ENV_VALUES_BUDGET, ENV_VARIABLE_LIMIT, fitToEnvironment, valueEnv } from './task-env.js';

/** GitHub's limit on a job's outputs, kept locally so a pipeline behaves the same on both. */
export const OUTPUTS_LIMIT = 1024 * 1024;
/** Scripts longer than this go through a file, not an argument (Linux caps one argument at 128 KiB). */
const INLINE_SCRIPT_LIMIT = 64 * 1024;

export interface ChildRunResult {
  /** Absent when no child run was registered (its file or params did not hold, or its guards refused it). */
  runId?: string;
  status: RunStatus;
  message?: string;
  /** Why it did not start: `data` for a file or params that do not hold, `process` for a refusal. */
  notStarted?: ErrorType;
}

export interface LifecycleDeps {
  runner: ProcessRunner;
  reporter: RunReporter;
  runId: string;
  /** The run's folder: logs/, outputs/, scripts/ live in it. */
  runDir: string;
  /** Where tasks run unless they set working-directory: the repository root. */
  workspace: string;
  /** The environment every task starts from (dagline's own, without unset names). */
  baseEnv: Readonly<Record<string, string>>;
  params: Record<string, ParamValue>;
  /** The pipeline the run reads: where a template is, for a value refused when its task starts. */
  pipeline?: Pipeline;
  killGraceMs: number;
  dryRun: boolean;
  /** A new run (not resumed): no leg's log exists until this run writes to it. */
  logsStartEmpty?: boolean;
  extracts?: ExtractRegistry;
  /** Runs a `pipeline:` task's pipeline as a child run. */
  runChild?: (path: string, params: Record<string, Value>, leg: LegInstance) => Promise<ChildRunResult>;
  /** Whether the disk that holds the run's logs is full: a task that failed then failed for the disk. */
  diskFull?: () => boolean;
  /** Records an error in the run's errors registry. */
  error(entry: ErrorEntry): void;
  /** Records the leg's state after a change. */
  /**
   * Records the leg's state after a change; `now`: on disk before this returns (a process group
   * that a later dagline may have to end must be on disk before the task can do anything).
   */
  changed(leg: LegInstance, now?: boolean): void;
  now(): Date;
}

/** What one attempt came to. */
interface AttemptOutcome {
  ok: boolean;
  errorType?: ErrorType;
  message?: string;
}

/**
 * One task leg from its start to its end: every attempt, the waits between
 * retries (`retry-delay * retry-backoff^(n-1)`, capped by retry-max-delay),
 * the SLA, the outputs file, the extracts it produces and consumes. The
 * scheduler decided it runs; this object owns what happens then.
 */
export class TaskLifecycle {
  private process: RunningProcess | undefined;
  private slaTimer: LongTimer | undefined;
  private cancelled = false;
  private wakeUp: (() => void) | undefined;
  private readonly task: TaskSpec;
  private readonly logPath: string;
  /** Whether the log may hold something already: a resumed run's, or what an attempt or dagline wrote. */
  private logWritten: boolean;

  constructor(
    private readonly leg: LegInstance,
    private readonly deps: LifecycleDeps,
  ) {
    this.task = leg.task;
    this.logPath = join(deps.runDir, 'logs', `${legFileName(leg)}.log`);
    this.logWritten = !deps.logsStartEmpty;
  }

  cancel(): void {
    this.cancelled = true;
    this.process?.cancel();
    this.wakeUp?.();
  }

  async run(): Promise<void> {
    const { leg, deps, task } = this;
    const state = leg.state;
    state.log = `logs/${basename(this.logPath)}`;
    let outcome: AttemptOutcome = { ok: false, errorType: 'system', message: 'not started' };
    let prepared: Prepared | undefined;
    // Settled at the end only once taken: extracts a task could not take are another's to settle.
    let taken = false;
    try {
      prepared = this.prepare();
      if (!deps.dryRun) await this.takeConsumed(prepared);
      taken = true;
      // A resumed task's attempts go on from the run it continues, and it gets its retries again:
      // after attempts 1 and 2 of 2 failed, the resume makes attempts 3 and 4 of 4. The record,
      // DAGLINE_TASK_ATTEMPT, the log headers and the notes all count so.
      const first = state.attempts.length + 1;
      const last = first + task.retry.retries;
      for (let n = first; n <= last && !this.cancelled; n++) {
        outcome = await this.attempt(prepared, { number: n, of: last });
        if (outcome.ok || this.cancelled) break;
        if (n < last) {
          // A failure that is retried is registered as it happens, not fatal; the last one is the
          // task's own error, registered once below (fatal unless continue-on-error).
          const failed = state.attempts[state.attempts.length - 1];
          deps.error({
            task: leg.name,
            type: outcome.errorType ?? 'process',
            message: outcome.message ?? 'failed',
            fatal: false,
            at: failed?.endedAt ?? deps.now().toISOString(),
            attempt: failed?.number ?? n,
          });
          const delay = retryDelay(task, n - first + 1);
          const retrying = `retrying in ${formatMs(delay)} (attempt ${n + 1} of ${last})`;
          this.log(retrying);
          deps.reporter.note(`${leg.name}: ${outcome.message ?? 'failed'}; ${retrying}`);
          deps.reporter.legRetrying?.(leg, delay);
          await this.sleep(delay);
        }
      }
    } catch (error) {
      outcome = {
        ok: false,
        // The disk's refusal (a script file it had no space for) is the machine's, not the pipeline's.
        errorType: isSystemError(error) ? 'system' : 'data',
        message:
          error instanceof DaglineError
            ? `${error.line !== undefined ? formatPlace(error) : ''}${error.message}`
            : String((error as Error).message ?? error),
      };
      this.log(`error: ${outcome.message}`);
    } finally {
      this.slaTimer?.clear();
    }

    if (outcome.ok) state.status = 'success';
    else if (this.cancelled) {
      state.status = 'cancelled';
      state.reason = 'the run was cancelled';
    } else {
      state.status = 'failed';
      state.reason = outcome.message ?? 'failed';
      if (task.continueOnError) state.continuedOnError = true;
      deps.error({
        task: leg.name,
        type: outcome.errorType ?? 'process',
        message: outcome.message ?? 'failed',
        fatal: !task.continueOnError,
        at: deps.now().toISOString(),
        attempt: state.attempts.length,
      });
    }
    state.endedAt = deps.now().toISOString();
    if (prepared && taken && !deps.dryRun) await this.settleExtracts(prepared, state.status === 'success');
  }

  // ---- preparing: templates, environment, extracts ------------------------------------

  private prepare(): Prepared {
    const { leg, deps, task } = this;
    const cwd = resolve(deps.workspace, task.workingDirectory ?? '.');
    const taskEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(task.env)) taskEnv[name] = renderText(value, leg.context);
    const context: TemplateContext = {
      ...leg.context,
      values: { ...leg.context.values, env: { ...(leg.context.values.env as Record<string, Value>), ...taskEnv } },
    };
    // What the task changes in the run's environment (deps.baseEnv, handed over as is).
    const values = fitToEnvironment(
      valueEnv({ params: deps.params, ...(leg.matrix && { matrix: leg.matrix }), needs: leg.needsOutputs }),
    );
    for (const { name, bytes } of values.leftOut)
      this.warn(
        `${name} is not set: ${Math.ceil(bytes / 1024)} KiB, more than its environment can hold (${ENV_VARIABLE_LIMIT / 1024} KiB a variable, ${ENV_VALUES_BUDGET / 1024} KiB for all of dagline's); read the value through its template (\${{ ... }})`,
      );
    const env: Record<string, string> = Object.assign({}, context.values.env, values.env, {
      DAGLINE_RUN_ID: deps.runId,
      DAGLINE_PIPELINE: (context.values.pipeline as { name: string }).name,
      DAGLINE_TASK: task.id,
      DAGLINE_LEG: leg.name,
    });
    const extract = (path: string) => resolve(cwd, renderText(path, context));
    return {
      cwd,
      env,
      context,
      produces: task.produces.map((e) => ({ path: extract(e.path), ...(e.name !== undefined && { name: e.name }) })),
      consumes: task.consumes.map((e) => ({
        path: extract(e.path),
        ...(e.name !== undefined && { name: e.name }),
        ...(e.external && { external: true }),
      })),
    };
  }

  private async takeConsumed(prepared: Prepared): Promise<void> {
    const registry = this.deps.extracts;
    if (!registry) return;
    if (prepared.consumes.length) await registry.take(prepared.consumes, this.deps.runId, this.leg.name);
    if (prepared.produces.length) await registry.initialize(prepared.produces, this.deps.runId, this.leg.name);
  }

  private async settleExtracts(prepared: Prepared, success: boolean): Promise<void> {
    const registry = this.deps.extracts;
    if (!registry) return;
    try {
      if (prepared.produces.length)
        await registry.settleProduced(
          prepared.produces.map((e) => e.path),
          this.deps.runId,
          this.leg.name,
          success,
        );
      if (prepared.consumes.length)
        await registry.settleConsumed(
          prepared.consumes.map((e) => e.path),
          this.deps.runId,
          this.leg.name,
          success,
        );
    } catch (error) {
      this.deps.error({
        task: this.leg.name,
        type: 'system',
        message: `extracts registry: ${(error as Error).message}`,
        fatal: false,
        at: this.deps.now().toISOString(),
      });
    }
  }

  // ---- one attempt ----------------------------------------------------------------------

  private async attempt(prepared: Prepared, count: AttemptCount): Promise<AttemptOutcome> {
    const { leg, deps, task } = this;
    const state = leg.state;
    const attempt: Attempt = { number: count.number, startedAt: deps.now().toISOString() };
    // Where this attempt's part of the log begins, its header included: `dagline logs --attempt N`
    // reads from there. (A log nothing wrote to yet is not there: most legs are asked once, and a
    // stat is a system call.)
    const logStart =
      deps.dryRun || !this.logWritten ? 0 : (statSync(this.logPath, { throwIfNoEntry: false })?.size ?? 0);
    if (!deps.dryRun) attempt.logOffset = logStart;
    const header = this.log(`--- attempt ${count.number} of ${count.of}, ${attempt.startedAt}`);
    // Where this attempt's output begins: its process may write before dagline hears it started.
    const logOffset = logStart + header;
    this.logWritten = true;
    const begin = (group?: ProcessGroup) => {
      attempt.startedAt = deps.now().toISOString();
      if (group) attempt.group = group;
      state.attempts.push(attempt);
      if (state.status !== 'running') {
        state.status = 'running';
        state.startedAt ??= attempt.startedAt;
        this.watchSla();
      }
      deps.changed(leg, group !== undefined);
      deps.reporter.legStarted(leg, count, this.logPath, logOffset);
    };

    let outcome: AttemptOutcome;
    if (task.action.kind === 'pipeline') {
      begin();
      outcome = await this.runChildPipeline(prepared);
    } else {
      const outputsPath = join(deps.runDir, 'outputs', `${legFileName(leg)}.${attempt.number}.txt`);
      const action =
        task.action.kind === 'run'
          ? ({
              kind: 'run',
              shell: task.action.shell,
              script: renderScript(
                task.action.script,
                task.action.shell,
                prepared.context,
                deps.pipeline && runTemplatePlace(deps.pipeline, task.id),
              ),
            } as const)
          : ({ kind: 'command', argv: task.action.argv.map((a) => renderText(a, prepared.context)) } as const);
      const argv = this.argv(action, attempt.number);
      if (deps.dryRun) {
        begin();
        const shown =
          action.kind === 'run'
            ? `${action.shell === 'bash' ? '' : `${action.shell}: `}${action.script.trimEnd()}`
            : action.argv.map(argvWord).join(' ');
        this.deps.reporter.note(`${leg.name}: would run ${shown}`);
        outcome = { ok: true };
      } else {
        // The task creates the file when it writes an output (>> "$DAGLINE_OUTPUT"), as on GitHub.
        const env = { ...prepared.env, DAGLINE_OUTPUT: outputsPath, DAGLINE_TASK_ATTEMPT: String(attempt.number) };
        this.process = deps.runner.start({
          argv,
          cwd: prepared.cwd,
          env,
          envBase: deps.baseEnv,
          logPath: this.logPath,
          timeoutMs: task.timeoutMs,
          killGraceMs: deps.killGraceMs,
          onStart: begin,
        });
        if (!state.attempts.includes(attempt)) begin(); // it could not start: that was an attempt too
        const result = await this.process.done;
        this.process = undefined;
        delete attempt.group; // ended: nothing of it is left to end
        attempt.exitCode = result.exitCode;
        attempt.signal = result.signal;
        if (result.timedOut) attempt.timedOut = true;
        outcome = describe(result, task.timeoutMs);
        if (outcome.ok) outcome = this.collectOutputs(outputsPath, prepared);
        else if (outcome.errorType === 'process' && !result.cancelled && deps.diskFull?.()) {
          // Its output goes to its log: on a full disk its writes failed, and so did it.
          outcome = {
            ok: false,
            errorType: 'system',
            message: `${outcome.message}: the disk that holds its log is full (no space left on device)`,
          };
        }
      }
    }
    attempt.endedAt = deps.now().toISOString();
    if (!outcome.ok) {
      attempt.error = outcome.message;
      this.log(`${leg.name}: ${outcome.message}`);
    }
    // No journal entry here: the leg's final state, or the next attempt's start, records this attempt's end.
    return outcome;
  }

  private argv(
    action: { kind: 'run'; shell: Shell; script: string } | { kind: 'command'; argv: string[] },
    attempt: number,
  ): [string, ...string[]] {
    if (action.kind === 'command') return action.argv as [string, ...string[]];
    let script = action.script;
    let viaFile = false;
    if (script.length > INLINE_SCRIPT_LIMIT) {
      const file = join(this.deps.runDir, 'scripts', `${legFileName(this.leg)}.${attempt}`);
      makeDirs(dirname(file));
      writeFileSync(file, script);
      script = file;
      viaFile = true;
    }
    // The shells as GitHub runs them: bash without profile or rc files, -e and pipefail.
    switch (action.shell) {
      case 'bash':
        return viaFile
          ? ['bash', '--noprofile', '--norc', '-eo', 'pipefail', script]
          : ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', script];
      case 'sh':
        return viaFile ? ['sh', '-e', script] : ['sh', '-e', '-c', script];
      case 'python':
        return viaFile ? ['python3', script] : ['python3', '-c', script];
      case 'node':
        return viaFile ? ['node', script] : ['node', '-e', script];
      case 'pwsh':
        return viaFile
          ? ['pwsh', '-NoProfile', '-NonInteractive', '-File', script]
          : ['pwsh', '-NoProfile', '-NonInteractive', '-Command', script];
    }
  }

  private collectOutputs(path: string, prepared: Prepared): AttemptOutcome {
    const state = this.leg.state;
    // Most tasks write no outputs: no file, and no exception for it.
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (size > OUTPUTS_LIMIT)
      return { ok: false, errorType: 'data', message: `outputs are ${size} bytes; the limit is 1 MiB (as on GitHub)` };
    if (size > 0) {
      const parsed = parseOutputsFile(readFileSync(path, 'utf8'));
      // GitHub fails a step whose $GITHUB_OUTPUT it cannot read ("Unable to process file command
      // 'output' successfully"): a value lost to a malformed line must not pass as an empty output.
      if (parsed.problems.length > 0) {
        for (const problem of parsed.problems) this.log(`$DAGLINE_OUTPUT: ${problem}`);
        const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more, in the log)` : '';
        return { ok: false, errorType: 'data', message: `$DAGLINE_OUTPUT: ${parsed.problems[0]}${more}` };
      }
      const declared = new Set(this.task.outputs);
      for (const [name, value] of Object.entries(parsed.values)) {
        if (declared.has(name)) state.outputs[name] = value;
        else this.warn(`output "${name}" is not declared in outputs: it is not kept`);
      }
    }
    for (const name of this.task.outputs) state.outputs[name] ??= '';
    for (const produced of prepared.produces) {
      if (!existsSync(produced.path)) {
        return {
          ok: false,
          errorType: 'data',
          message: `it declares it produces ${produced.path}, which it did not write`,
        };
      }
    }
    return { ok: true };
  }

  private async runChildPipeline(prepared: Prepared): Promise<AttemptOutcome> {
    const action = this.task.action;
    if (action.kind !== 'pipeline' || !this.deps.runChild)
      return { ok: false, errorType: 'system', message: 'pipeline tasks cannot run here' };
    const params: Record<string, Value> = {};
    for (const [name, value] of Object.entries(action.with))
      params[name] = typeof value === 'string' ? (renderValue(value, prepared.context) ?? value) : value;
    if (this.deps.dryRun) {
      this.deps.reporter.note(`${this.leg.name}: would run pipeline ${action.path}`);
      return { ok: true };
    }
    this.log(
      `running pipeline ${action.path} with ${
        Object.entries(params)
          .map(([k, v]) => `${k}=${valueToText(v)}`)
          .join(', ') || 'no params'
      }`,
    );
    const child = await this.deps.runChild(action.path, params, this.leg);
    if (child.runId === undefined) {
      const message = `${action.path} did not start${child.message ? `: ${child.message}` : ''}`;
      return { ok: false, errorType: child.notStarted ?? 'process', message };
    }
    this.leg.state.childRun = child.runId;
    this.log(`child run ${child.runId}: ${child.status}${child.message ? ` (${child.message})` : ''}`);
    if (child.status === 'completed') return { ok: true };
    return {
      ok: false,
      errorType: 'process',
      message: `child run ${child.runId} of ${action.path} ended ${child.status}${child.message ? `: ${child.message}` : ''}`,
    };
  }

  // ---- SLA, waiting, logging ----------------------------------------------------------

  /**
   * The SLA is measured from the task's own start; a miss is recorded once and the task goes on.
   * Once for the task: not again for a retry, nor for a resume of a task that missed it before.
   */
  private watchSla(): void {
    const { leg, deps, task } = this;
    if (task.slaMs === undefined || deps.dryRun || leg.state.slaMissed) return;
    this.slaTimer = setLongTimeout(
      () => {
        if (leg.state.status !== 'running') return;
        leg.state.slaMissed = true;
        const message = `still running after its SLA of ${formatMs(task.slaMs as number)}`;
        deps.error({ task: leg.name, type: 'sla', message, fatal: false, at: deps.now().toISOString() });
        deps.reporter.note(`${leg.name}: SLA missed (${formatMs(task.slaMs as number)})`);
        deps.changed(leg);
      },
      task.slaMs,
      { unref: true },
    );
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setLongTimeout(done, ms);
      function done() {
        timer.clear();
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** A warning about the task: in its log, and to whoever watches the run. */
  private warn(message: string): void {
    this.log(`warning: ${message}`);
    this.deps.reporter.note(`${this.leg.name}: warning: ${message}`);
  }

  /**
   * Appends one of dagline's own lines to the task's log: the bytes written (0 when none were).
   * Printable, as every line dagline prints: `dagline logs` shows it as it is.
   */
  private log(line: string): number {
    if (this.deps.dryRun) return 0;
    const text = `[dagline] ${printable(line)}\n`;
    this.logWritten = true;
    try {
      const fd = openSync(this.logPath, APPEND_NO_LINK);
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
    } catch {
      return 0; // a log line is never worth failing a task over
    }
    const bytes = Buffer.byteLength(text);
    this.deps.reporter.ownLogLines?.(this.leg, bytes);
    return bytes;
  }
}

interface Prepared {
  cwd: string;
  /** The task's changes to the run's environment. */
  env: Record<string, string>;
  context: TemplateContext;
  produces: { path: string; name?: string }[];
  consumes: { path: string; name?: string; external?: boolean }[];
}

function describe(result: ProcessResult, timeoutMs: number): AttemptOutcome {
  if (result.spawnError) return { ok: false, errorType: 'system', message: `could not start: ${result.spawnError}` };
  if (result.timedOut) return { ok: false, errorType: 'timeout', message: `timed out after ${formatMs(timeoutMs)}` };
  if (result.cancelled) return { ok: false, errorType: 'process', message: 'cancelled' };
  if (result.exitCode === 0) return { ok: true };
  if (result.signal) return { ok: false, errorType: 'process', message: `killed by ${result.signal}` };
  return { ok: false, errorType: 'process', message: `exit code ${result.exitCode}` };
}

/**
 * A leg's file name: the task id, and for a matrix leg its index and values
 * (`load.0-day`). Task ids hold no `.`, so no two legs share a name.
 */
export function legFileName(leg: Pick<LegInstance, 'task' | 'index' | 'matrix'>): string {
  if (!leg.matrix) return leg.task.id;
  const values = Object.values(leg.matrix)
    .map(String)
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .slice(0, 60);
  return `${leg.task.id}.${leg.index}${values ? `-${values}` : ''}`;
}

const formatMs = formatDuration;
