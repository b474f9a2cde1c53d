import { printable } from '../render/printable.js';
import type { DaglineError } from './dagline-error.js';

/** `file:line:col: ` (as much of it as is known), the prefix compilers use; the file name printable. */
export function formatPlace(error: Pick<DaglineError, 'file' | 'line' | 'column'>): string {
  if (error.file === undefined) return '';
  const file = printable(error.file);
  if (error.line === undefined) return `${file}: `;
  if (error.column === undefined) return `${file}:${error.line}: `;
  return `${file}:${error.line}:${error.column}: `;
}

/**
 * The one line a user sees: `pipelines/x.yml:12:5: error: message (hint)`. Messages and hints
 * quote what the user wrote (values, names, paths): printable, so it stays one line of dagline's.
 */
export function formatErrorLine(error: DaglineError): string {
  const hint = error.hint ? ` (${printable(error.hint)})` : '';
  return `${formatPlace(error)}error: ${printable(error.message)}${hint}`;
}

/** The machine-readable form, for `--format json`. */
export interface ErrorRecord {
  kind: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
}

export function errorRecord(error: DaglineError): ErrorRecord {
  const record: ErrorRecord = { kind: error.kind, message: oneLine(error.message) };
  if (error.file !== undefined) record.file = error.file;
  if (error.line !== undefined) record.line = error.line;
  if (error.column !== undefined) record.column = error.column;
  if (error.hint) record.hint = error.hint;
  return record;
}

/** Messages can quote user text; a newline in it must not split our one line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}

/**
 * A GitHub workflow command (`::error file=...,line=...::message`), escaped
 * as @actions/core escapes it (toolkit command.ts: escapeData and
 * escapeProperty). Written here, not imported: @actions/core brings an HTTP
 * client that costs the command line ~70 ms at every start; the action uses
 * @actions/core itself.
 */
export function formatGithubAnnotation(error: DaglineError, level: 'error' | 'warning' = 'error'): string {
  const properties: string[] = ['title=dagline'];
  if (error.file !== undefined) properties.push(`file=${escapeProperty(error.file)}`);
  if (error.line !== undefined) properties.push(`line=${error.line}`);
  if (error.column !== undefined) properties.push(`col=${error.column}`);
  const message = error.hint ? `${error.message} (${error.hint})` : error.message;
  return `::${level} ${properties.join(',')}::${escapeData(message)}`;
}

/** A workflow command's data, escaped as @actions/core escapes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
