import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { displayPath } from '../../fs/pipeline-files.js';
import { formatDuration, type ParamValue } from '../../pipeline-format/model.js';
import { printable } from '../../render/printable.js';
import { DRY_RUN_ID, type ErrorEntry, type RunRecord, type TaskState } from '../../state/run-record.js';
import { formatTable } from './table.js';

/** Lines of a failed task's log shown under it where its output was not shown as it ran (a terminal, `runs show`). */
export const FAILED_LOG_LINES = 10;

/** How long a task or run took, from its record. */
export function durationOf(from: string | undefined, to: string | undefined): string {
  if (!from || !to) return '-';
  return formatDuration(Date.parse(to) - Date.parse(from));
}

/**
 * The end of a run: a table of every task (status, attempts, duration), the
 * log of each failed task, SLA misses and other errors, and one line for the run.
 */
export function runSummary(
  record: RunRecord,
  tasks: TaskState[],
  errors: ErrorEntry[],
  runDir: string,
  /** Lines of a failed task's log to show under it: where its output was not shown as it ran. */
  tailLines = 0,
): string {
  const note = (t: TaskState) =>
    (t.continuedOnError ? ' (continue-on-error)' : '') +
    (t.notSelected ? ` (not selected${t.outputsFrom ? `, outputs of run ${t.outputsFrom}` : ''})` : '');
  // Why a task did not run (a stage that is off, a need that failed, an if): a failure's reason
  // comes below, with its log.
  const why = (t: TaskState) =>
    (t.status === 'skipped' || t.status === 'upstream_failed' || t.status === 'cancelled') && !t.notSelected
      ? (t.reason ?? '')
      : '';
  const rows = tasks.map((t) => [
    t.leg,
    t.status + note(t),
    String(t.attempts.length),
    durationOf(t.startedAt, t.endedAt),
    why(t),
  ]);
  const out = formatTable([
    ['task', 'status', 'attempts', 'duration', rows.some((row) => row[4]) ? 'why' : ''],
    ...rows,
  ]);

  const failed = tasks.filter((t) => t.status === 'failed');
  if (failed.length) {
    out.push('');
    for (const t of failed) {
      const log = t.log ? ` (log: ${printable(displayPath(`${runDir}/${t.log}`))})` : '';
      out.push(`failed: ${printable(t.leg)}: ${printable(t.reason ?? '')}${log}`);
      if (tailLines > 0 && t.log) for (const line of logTail(`${runDir}/${t.log}`, tailLines)) out.push(`  | ${line}`);
    }
  }
  const sla = errors.filter((e) => e.type === 'sla');
  if (sla.length) {
    out.push('');
    for (const e of sla) out.push(`SLA missed: ${printable(e.task ?? '')}: ${printable(e.message)}`);
  }
  const runLevel = errors.filter((e) => e.task === undefined);
  for (const e of runLevel) out.push(`error: ${printable(e.message)}`);
  if (record.id === DRY_RUN_ID) out.push('', 'dry run: nothing was started, nothing was recorded');
  else
    out.push(
      '',
      `run ${record.id}: ${record.status} in ${durationOf(record.startedAt, record.endedAt)} (records: ${printable(displayPath(runDir))})`,
    );
  return `${out.join('\n')}\n`;
}

/** A run's params as `name=value` pairs, each value printable (a null one empty). */
export function paramsText(params: Record<string, ParamValue>, separator: string): string {
  return Object.entries(params)
    .map(([name, value]) => `${printable(name)}=${value === null ? '' : printable(String(value))}`)
    .join(separator);
}

/** The last lines of a log, read from its end (a log can be large); none when it cannot be read. */
export function logTail(path: string, lines: number): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const text = buffer.toString('utf8').replace(/\n$/, '');
    if (text === '') return [];
    const all = text.split('\n');
    // Read from the middle of a long log, the first line may be cut: it is dropped unless it is all there is.
    const whole = length < size && all.length > 1 ? all.slice(1) : all;
    return whole
      .slice(-lines)
      .map((line) => (line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}...` : line));
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const TAIL_BYTES = 16 * 1024;
const TAIL_LINE_CHARS = 300;
