import { diffLines } from 'diff';
import { formatDuration } from '../pipeline-format/model.js';
import type { FieldChange, PathSummary, PipelineDiff } from './pipeline-diff.js';

/**
 * Words shared by the renderers of a diff (text, Markdown, comment): the counts line, the lines
 * of a multi-line value's change, a path.
 */

/** `2 tasks added, 1 changed; 1 edge removed; 1 param retyped`, or `no differences`. */
export function diffCounts(diff: PipelineDiff): string {
  if (!diff.base) return `new pipeline, ${count(diff.head?.tasks ?? 0, 'task')}`;
  if (!diff.head) return `pipeline removed, ${count(diff.base.tasks, 'task')}`;
  const groups = [
    counted('task', [
      ['added', diff.tasks.added.length],
      ['removed', diff.tasks.removed.length],
      ['changed', diff.tasks.changed.length],
    ]),
    counted('edge', [
      ['added', diff.edges.added.length],
      ['removed', diff.edges.removed.length],
    ]),
    counted('param', [
      ['added', diff.params.added.length],
      ['removed', diff.params.removed.length],
      ['retyped', diff.params.retyped.length],
      ['changed', diff.params.changed.length],
    ]),
    counted('stage', [
      ['added', diff.stages.added.length],
      ['removed', diff.stages.removed.length],
      ['changed', diff.stages.changed.length],
    ]),
    diff.pipeline.length ? count(diff.pipeline.length, 'pipeline setting') + ' changed' : '',
  ].filter(Boolean);
  return groups.length ? groups.join('; ') : 'no differences';
}

function counted(noun: string, parts: [string, number][]): string {
  const present = parts.filter(([, n]) => n > 0);
  return present.map(([verb, n], i) => (i === 0 ? `${count(n, noun)} ${verb}` : `${n} ${verb}`)).join(', ');
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A change whose before or after spans lines: shown as a line diff rather than side by side. */
export function isMultiLine(change: FieldChange): boolean {
  return (change.before ?? '').includes('\n') || (change.after ?? '').includes('\n');
}

/** The lines of a multi-line change, each marked ` `, `-` or `+` (unchanged lines kept for context). */
export function changedLines(change: FieldChange): { sign: ' ' | '-' | '+'; text: string }[] {
  const lines: { sign: ' ' | '-' | '+'; text: string }[] = [];
  for (const part of diffLines(withNewline(change.before), withNewline(change.after))) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ sign, text });
  }
  return lines;
}

function withNewline(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * `a -> b -> c (3 tasks, est. 1h)`; `none` for an empty pipeline; a cycle said as such. `name`
 * and `arrow` let a renderer mark up the task ids and draw the arrow its own way.
 */
export function describePath(
  path: PathSummary | undefined,
  name: (id: string) => string = (id) => id,
  arrow = ' -> ',
): string {
  if (!path) return '(no pipeline)';
  if ('cycle' in path) return 'none (the graph has a cycle)';
  if (path.tasks.length === 0) return 'none';
  const estimate = path.estimateMs === undefined ? '' : `, est. ${formatDuration(path.estimateMs)}`;
  return `${path.tasks.map(name).join(arrow)} (${count(path.tasks.length, 'task')}${estimate})`;
}

/** Whether the critical path differs between the two sides. */
export function pathChanged(diff: PipelineDiff): boolean {
  return JSON.stringify(diff.criticalPath.before ?? null) !== JSON.stringify(diff.criticalPath.after ?? null);
}
