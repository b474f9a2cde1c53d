import * as core from '@actions/core';
import type { DaglineError } from '../errors/dagline-error.js';
import type { ErrorRecord } from '../errors/format-error.js';
import type { CheckAnnotation } from '../github/client.js';

/** GitHub's limit for one step's job summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

/** An error as an annotation of the step at its file, line and column (@actions/core escapes it). */
export function annotate(error: DaglineError | ErrorRecord, level: 'error' | 'warning' = 'error'): void {
  const message = error.hint ? `${error.message} (${error.hint})` : error.message;
  const properties = {
    title: 'dagline',
    ...(error.file !== undefined && { file: error.file }),
    ...(error.line !== undefined && { startLine: error.line }),
    ...(error.column !== undefined && { startColumn: error.column }),
  };
  if (level === 'error') core.error(message, properties);
  else core.warning(message, properties);
}

/** An error as a check run's annotation at its file, line and column (a place-less one at line 1 of `file`). */
export function checkAnnotationOf(error: DaglineError | ErrorRecord, file: string): CheckAnnotation {
  const line = error.line ?? 1;
  return {
    path: error.file ?? file,
    startLine: line,
    endLine: line,
    ...(error.column !== undefined && { startColumn: error.column }),
    level: 'failure',
    title: 'dagline',
    message: error.hint ? `${error.message} (${error.hint})` : error.message,
  };
}
