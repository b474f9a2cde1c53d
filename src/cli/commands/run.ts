import { availableParallelism } from 'node:os';
import { UsageError } from '../../errors/dagline-error.js';
import { formatErrorLine, formatPlace } from '../../errors/format-error.js';
import { calledPipelineFile, readPipelineFile, repositoryRoot } from '../../fs/pipeline-files.js';
import { printable } from '../../render/printable.js';
import { ChildProcessRunner } from '../../process/process-runner.js';
import { paramPlaces, parseParamFlags } from '../../plan/resolve-params.js';
import { runPipeline, type RunEnvironment, type RunOutcome } from '../../run/run-pipeline.js';
import { loadPipeline } from '../../pipeline-format/load-pipeline.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import type { YamlLimits } from '../../pipeline-format/read-yaml.js';
import { untrustedOut, type CliIo } from '../io.js';
import { PlainReporter } from '../run-output/plain-reporter.js';
import { TtyReporter } from '../run-output/tty-reporter.js';
import { loadOrReport, reportErrors } from './load-one.js';
import { actorName } from './plan.js';
import { storeFor } from './state-store.js';

export interface RunFlags {
  param: string[];
  only: string[];
  from: string[];
  concurrency?: string;
  resume?: string | boolean;
  dryRun?: boolean;
  stateDir?: string;
}

/** The signals that cancel a run: the first lets cleanup tasks run, the next stops everything. */
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The flags and environment of `dagline run`, checked once. */
interface RunSettings {
  file: string | undefined;
  flags: RunFlags;
  resume: string | true | undefined;
  concurrency: number;
  killGraceMs: number;
}

export async function runCommand(
  file: string | undefined,
  flags: RunFlags,
  limits: YamlLimits,
  io: CliIo,
  interactive: boolean,
): Promise<number> {
  const resume =
    flags.resume === undefined || flags.resume === false ? undefined : flags.resume === true ? true : flags.resume;
  if (resume !== undefined && flags.param.length > 0)
    throw new UsageError('--param cannot change a resumed run', {}, 'a resumed run keeps the params it had');
  if (file === undefined && typeof resume !== 'string')
    throw new UsageError('give a pipeline file to run', {}, 'dagline run FILE, or dagline run --resume RUN');
  const concurrency = flags.concurrency === undefined ? availableParallelism() : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency ${flags.concurrency} is not a whole number of 1 or more`);

  const graceText = io.env.DAGLINE_KILL_GRACE_MS ?? '5000';
  const killGraceMs = Number(graceText);
  if (graceText.trim() === '' || !Number.isInteger(killGraceMs) || killGraceMs < 0) {
    throw new UsageError(
      `DAGLINE_KILL_GRACE_MS=${graceText} is not a whole number of milliseconds`,
      {},
      'e.g. DAGLINE_KILL_GRACE_MS=5000',
    );
  }

  return runWith({ file, flags, resume, concurrency, killGraceMs }, limits, io, interactive);
}

async function runWith(settings: RunSettings, limits: YamlLimits, io: CliIo, interactive: boolean): Promise<number> {
  const { file, flags, resume, concurrency, killGraceMs } = settings;
  const loaded = file === undefined ? undefined : loadOrReport(file, limits, io, { calls: true });
  const pipeline = loaded?.pipeline;
  const store = storeFor(flags.stateDir, io.env, file);
  // Tasks' output is theirs: on GitHub Actions none of its lines may act as a workflow command.
  const taskOutput = untrustedOut(io);
  const reporter = interactive && !io.env.CI ? new TtyReporter(io.out) : new PlainReporter(taskOutput.out);
  const listeners = new Set<() => void>();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    io.err(
      signals === 1
        ? `\n${signal}: cancelling the run (again to stop cleanup tasks too)\n`
        : `\n${signal}: stopping everything\n`,
    );
    for (const listener of listeners) listener();
  };
  // SIGHUP too: a closed terminal or a dropped SSH session cancels the run as Ctrl-C does, rather
  // than killing dagline and leaving its tasks (each in a session of its own) running unrecorded.
  for (const signal of CANCEL_SIGNALS) process.on(signal, onSignal);

  const environment: RunEnvironment = {
    store,
    runner: new ChildProcessRunner(),
    reporter,
    workspaceOf: (pipelineFile) => repositoryRoot(pipelineFile),
    loadChild: (path, from) => {
      // Checked with the run's pipelines before it starts; checked again as the file is read.
      const { file, outside } = calledPipelineFile(from.file, path);
      if (outside !== undefined) throw new Error(`${path} is a link to ${outside}, outside the repository`);
      const result = readPipelineFile(file, limits);
      if (!result.ok) throw new Error(`${path} does not validate: ${result.errors.map(formatErrorLine).join('; ')}`);
      return { pipeline: result.pipeline, placeOfParam: paramPlaces(result.pipeline, result.locator) };
    },
    loadSnapshot: (text, snapshotFile) => loadSnapshot(text, snapshotFile, limits, io),
    baseEnv: io.env,
    killGraceMs,
    onCancel: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now: () => new Date(),
  };
  let outcome: RunOutcome;
  try {
    outcome = await runPipeline(
      {
        ...(loaded && { pipeline: loaded.pipeline, placeOfParam: loaded.placeOfParam, placeOf: loaded.placeOf }),
        params: parseParamFlags(flags.param),
        paramsFromText: true,
        selection: { only: flags.only, from: flags.from },
        ...(resume !== undefined && { resume }),
        dryRun: flags.dryRun ?? false,
        concurrency,
        actor: actorName(io.env),
        trigger: resume !== undefined ? 'resume' : 'manual',
      },
      environment,
    );
  } finally {
    for (const signal of CANCEL_SIGNALS) process.off(signal, onSignal);
    taskOutput.end();
  }
  if (outcome.problems?.length) reportErrors(outcome.problems, io);
  if (outcome.message) {
    const where = outcome.record ? ` (run ${outcome.record.id})` : '';
    const prefix = outcome.status === 'skipped' ? '' : 'error: ';
    const place = outcome.place ?? {};
    io.err(
      `${formatPlace({ file: place.file ?? pipeline?.file, line: place.line, column: place.column })}${prefix}${printable(outcome.message)}${where}\n`,
    );
  }
  return outcome.exitCode;
}

function loadSnapshot(text: string, file: string, limits: YamlLimits, io: CliIo): Pipeline {
  const result = loadPipeline(text, file, { ...limits, maxBytes: Math.max(limits.maxBytes, text.length * 4) });
  if (!result.ok) reportErrors(result.errors, io);
  return result.pipeline;
}
