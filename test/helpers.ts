import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatErrorLine } from '../src/errors/format-error.js';
import { buildNativeHelper, findCompiler } from '../src/process/native-helper.js';
import { loadPipeline } from '../src/pipeline-format/load-pipeline.js';
import type { Pipeline } from '../src/pipeline-format/model.js';

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

/**
 * A new dagline cache folder with the native spawn helper built in it, where this machine has a C
 * compiler (else the folder is empty, and runs choose the Perl helper): runs started with it use
 * the helper a user's runs use after their first, whatever the machine's own cache holds.
 */
export function cacheWithNativeHelper(): { dir: string; binary: string | undefined } {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-cache-'));
  const compiler = findCompiler(process.env);
  if (compiler === undefined) return { dir, binary: undefined };
  const built = buildNativeHelper(dir, compiler);
  if ('error' in built) throw new Error(`the native spawn helper did not build: ${built.error}`);
  return { dir, binary: built.file };
}
