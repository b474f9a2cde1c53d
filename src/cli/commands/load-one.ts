import type { DaglineError, Place } from '../../errors/dagline-error.js';
import { formatErrorLine } from '../../errors/format-error.js';
import { pipelineTargetResolver, readPipelineFile } from '../../fs/pipeline-files.js';
import { checkRepository, withCalledPipelines } from '../../pipeline-format/check-repository.js';
import { paramPlaces, type PlaceOfParam } from '../../plan/resolve-params.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import type { YamlLimits } from '../../pipeline-format/read-yaml.js';
import type { SourceLocator } from '../../pipeline-format/source-locator.js';
import type { CliIo } from '../io.js';
import { ReportedErrors } from '../reported-errors.js';

export interface LoadedPipeline {
  pipeline: Pipeline;
  placeOfParam: PlaceOfParam;
  /** Where a key of the file is: `['requires', 0, 'pipeline']`. */
  placeOf: (path: (string | number)[]) => Place;
  locator: SourceLocator;
}

/**
 * Loads the one pipeline a command works on, printing every error (to stderr) if it does not load.
 * With `calls`, the pipelines it runs through `pipeline:` tasks are checked too, at any depth: a run
 * never starts to fail halfway on a child that is missing, invalid or given the wrong params.
 */
export function loadOrReport(
  file: string,
  limits: YamlLimits,
  io: CliIo,
  options: { calls?: boolean } = {},
): LoadedPipeline {
  const result = readPipelineFile(file, limits);
  if (!result.ok) reportErrors(result.errors, io);
  const { pipeline, locator } = result;
  if (options.calls && [...pipeline.tasks.values()].some((task) => task.action.kind === 'pipeline')) {
    const resolveTarget = pipelineTargetResolver(limits);
    const errors = checkRepository(withCalledPipelines({ pipeline, locator }, resolveTarget), resolveTarget);
    if (errors.length > 0) reportErrors(errors, io);
  }
  return {
    pipeline,
    placeOfParam: paramPlaces(pipeline, locator),
    placeOf: (path) => locator.at(path, 'key'),
    locator,
  };
}

export function reportErrors(errors: readonly DaglineError[], io: CliIo): never {
  for (const error of errors) io.err(`${formatErrorLine(error)}\n`);
  throw new ReportedErrors(errors[0]?.exitCode ?? 1);
}
