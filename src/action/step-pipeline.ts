import * as core from '@actions/core';
import { readPipelineFile } from '../fs/pipeline-files.js';
import type { Pipeline } from '../pipeline-format/model.js';
import type { SourceLocator } from '../pipeline-format/source-locator.js';
import { annotate } from './annotations.js';

/**
 * The pipeline file a step works on; one that does not validate has each error annotated at its
 * place and fails the step (undefined: the step has nothing more to do).
 */
export function readPipelineForStep(file: string): { pipeline: Pipeline; locator: SourceLocator } | undefined {
  const loaded = readPipelineFile(file);
  if (loaded.ok) return loaded;
  for (const error of loaded.errors) annotate(error);
  core.setFailed(`${file} does not validate (${loaded.errors.length} error(s))`);
  return undefined;
}
