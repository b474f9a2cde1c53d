import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatErrorLine } from '../src/errors/format-error.js';
import { loadPipeline } from '../src/spec/load-pipeline.js';
import type { Pipeline } from '../src/spec/model.js';

/** Loads pipeline text that must be valid; a test input with errors fails loudly with them. */
export function pipelineOf(text: string, file = 'test.yml'): Pipeline {
  const result = loadPipeline(text, file);
  if (!result.ok) throw new Error(`test pipeline is invalid:\n${result.errors.map(formatErrorLine).join('\n')}`);
  return result.pipeline;
}

/** The one-line errors a text gets; [] when it is valid. */
export function errorsOf(text: string, file = 'test.yml'): string[] {
  const result = loadPipeline(text, file);
  return result.ok ? [] : result.errors.map(formatErrorLine);
}

/** Every YAML file under a folder: the examples and fixtures that tests run over. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}
