import { existsSync } from 'node:fs';
import { diffPipelines } from '../../diff/pipeline-diff.js';
import { diffToMarkdown } from '../../diff/diff-markdown.js';
import { diffToText } from '../../diff/diff-text.js';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import { parseRefPath, readPipelineAt } from '../../git/git-files.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import type { YamlLimits } from '../../pipeline-format/read-yaml.js';
import { outUntrusted, type CliIo } from '../io.js';
import { reportErrors } from './load-one.js';
import { printableJson } from '../../render/printable.js';

export type DiffFormat = 'text' | 'markdown' | 'json';

/**
 * `dagline diff BASE HEAD`: what HEAD changes in BASE's DAG. Each side is a file, or `REF:PATH`
 * read with `git show` (a path that exists as a file is a file). Differences are the output, not
 * a failure: the exit code is 0 unless a side cannot be read or does not validate.
 */
export function diffCommand(base: string, head: string, format: DiffFormat, limits: YamlLimits, io: CliIo): void {
  const pipelines = { base: loadSide(base, limits, io), head: loadSide(head, limits, io) };
  const diff = diffPipelines(pipelines.base, pipelines.head);
  if (format === 'json') io.out(printableJson(diff));
  else outUntrusted(io, format === 'markdown' ? diffToMarkdown(diff, { pipelines }) : diffToText(diff));
}

function loadSide(spec: string, limits: YamlLimits, io: CliIo): Pipeline {
  const atRef = existsSync(spec) ? undefined : parseRefPath(spec);
  const result = atRef ? readPipelineAt(atRef.ref, atRef.path, limits) : readPipelineFile(spec, limits);
  if (!result.ok) reportErrors(result.errors, io);
  return result.pipeline;
}
