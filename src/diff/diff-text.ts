import { printable } from '../render/printable.js';
import { changedLines, describePath, diffCounts, isMultiLine, pathChanged } from './describe-diff.js';
import type { FieldChange, PipelineDiff, TaskSummary } from './pipeline-diff.js';

/**
 * The diff for a terminal or a log: one heading line, then `+` added, `-` removed, `~` changed,
 * each under its kind. Every line starts with dagline's own words or a sign, and every value is
 * printable (control characters escaped), so no value can start a workflow command on GitHub or
 * move a terminal's cursor.
 */
export function diffToText(diff: PipelineDiff): string {
  const lines: string[] = [`${heading(diff)}: ${diffCounts(diff)}`];
  const section = (title: string, body: string[]) => {
    if (body.length) lines.push(`${title}:`, ...body);
  };
  section('pipeline', changes(diff.pipeline, '  '));
  section('params', [
    ...diff.params.added.map((p) => `  + ${p.name} (${p.type})`),
    ...diff.params.removed.map((p) => `  - ${p.name} (${p.type})`),
    ...diff.params.retyped.map((p) => `  ~ ${p.name}: type ${p.before} -> ${p.after}`),
    ...diff.params.changed.flatMap((p) => [`  ~ ${p.name}`, ...changes(p.changes, '      ')]),
  ]);
  section('stages', [
    ...diff.stages.added.map((s) => `  + ${s}`),
    ...diff.stages.removed.map((s) => `  - ${s}`),
    ...diff.stages.changed.flatMap((s) => [`  ~ ${s.name}`, ...changes(s.changes, '      ')]),
  ]);
  section('tasks', [
    ...diff.tasks.added.map((t) => `  + ${describeTask(t)}`),
    ...diff.tasks.removed.map((t) => `  - ${describeTask(t)}`),
    ...diff.renames.map((r) => `  ? ${r.from} -> ${r.to}: probably renamed (same action and edges)`),
    ...diff.tasks.changed.flatMap((t) => [`  ~ ${t.id}`, ...changes(t.changes, '      ')]),
  ]);
  section('edges', [
    ...diff.edges.added.map((e) => `  + ${e.from} -> ${e.to}`),
    ...diff.edges.removed.map((e) => `  - ${e.from} -> ${e.to}`),
  ]);
  if (pathChanged(diff)) {
    lines.push(
      'critical path:',
      `  before: ${describePath(diff.criticalPath.before)}`,
      `  after:  ${describePath(diff.criticalPath.after)}`,
    );
  }
  return `${lines.map(printable).join('\n')}\n`;
}

function heading(diff: PipelineDiff): string {
  const base = diff.base;
  const head = diff.head;
  if (base && head) {
    const files = base.file === head.file ? head.file : `${base.file} -> ${head.file}`;
    const names = base.name === head.name ? head.name : `${base.name} -> ${head.name}`;
    return `${files} (${names})`;
  }
  const side = head ?? base;
  return side ? `${side.file} (${side.name})` : 'nothing';
}

function describeTask(task: TaskSummary): string {
  const parts: string[] = [task.kind];
  if (task.stage !== undefined) parts.push(`stage ${task.stage}`);
  if (task.needs.length) parts.push(`needs ${task.needs.join(', ')}`);
  return `${task.id} (${parts.join('; ')})`;
}

/** One line per one-line change (`timeout: 20m -> 30m`), a line diff under a multi-line one. */
function changes(list: FieldChange[], indent: string): string[] {
  return list.flatMap((change) => {
    if (isMultiLine(change))
      return [`${indent}${change.field}:`, ...changedLines(change).map((l) => `${indent}  ${l.sign} ${l.text}`)];
    return [`${indent}${change.field}: ${change.before ?? '(none)'} -> ${change.after ?? '(none)'}`];
  });
}
