import * as core from '@actions/core';
import type { DaglineError } from '../errors/dagline-error.js';
import type { ErrorRecord } from '../errors/format-error.js';

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
