import type { DaglineError } from '../../errors/dagline-error.js';
import { formatErrorLine } from '../../errors/format-error.js';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import type { PlaceOfParam } from '../../plan/resolve-params.js';
import type { Pipeline } from '../../spec/model.js';
import type { YamlLimits } from '../../spec/read-yaml.js';
import type { CliIo } from '../io.js';

/** Thrown once a command has printed its errors: the exit code is all that is left to give. */
export class ReportedErrors extends Error {
  constructor(readonly exitCode: number) {
    super('errors reported');
  }
}

export interface LoadedPipeline {
  pipeline: Pipeline;
  placeOfParam: PlaceOfParam;
}

/** Loads the one pipeline a command works on, printing every error (to stderr) if it does not load. */
export function loadOrReport(file: string, limits: YamlLimits, io: CliIo): LoadedPipeline {
  const result = readPipelineFile(file, limits);
  if (!result.ok) reportErrors(result.errors, io);
  const { pipeline, locator } = result;
  return {
    pipeline,
    placeOfParam: (param) => (pipeline.params.size === 0 ? { file: pipeline.file } : locator.at(param === undefined ? ['params'] : ['params', param], 'key')),
  };
}

export function reportErrors(errors: readonly DaglineError[], io: CliIo): never {
  for (const error of errors) io.err(`${formatErrorLine(error)}\n`);
  throw new ReportedErrors(errors[0]?.exitCode ?? 1);
}
