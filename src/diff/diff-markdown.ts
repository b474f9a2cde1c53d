import type { Pipeline } from '../pipeline-format/model.js';
import { fencedBlock, markdownCode, markdownText } from '../render/markdown-text.js';
import { MERMAID_EDGE_LIMIT, MERMAID_TEXT_LIMIT } from '../render/run-summary.js';
import { changedLines, describePath, diffCounts, isMultiLine, pathChanged } from './describe-diff.js';
import { diffEdgeCount, diffToMermaid } from './diff-mermaid.js';
import type { FieldChange, PipelineDiff, TaskSummary } from './pipeline-diff.js';

/** A value longer than this is cut in a table cell; the line diffs below the table hold it whole. */
const CELL_VALUE_LIMIT = 120;

export interface MarkdownOptions {
  /** Both versions, to draw the diff as a Mermaid graph (left out without them, or when too large to draw). */
  pipelines?: { base: Pipeline | undefined; head: Pipeline | undefined };
  /** The heading's level (`###` by default). */
  headingLevel?: number;
}

/**
 * The diff for GitHub (a job summary, a pull request comment): a heading naming the file, the
 * counts, one table row per change, the critical path before and after, the graph with added,
 * removed and changed boxes styled, and the line diff of each multi-line value (scripts) folded
 * under <details>. Every user value is escaped: names and values in code spans, free text with
 * markdownText, labels with mermaidText, code blocks fenced longer than any backquote run in them.
 */
export function diffToMarkdown(diff: PipelineDiff, options: MarkdownOptions = {}): string {
  const parts = [
    `${'#'.repeat(options.headingLevel ?? 3)} ${markdownHeading(diff)}`,
    '',
    markdownText(diffCounts(diff)),
  ];
  const rows = tableRows(diff);
  if (rows.length) parts.push('', '| change | kind | name | details |', '| --- | --- | --- | --- |', ...rows);
  if (pathChanged(diff)) {
    parts.push(
      '',
      `Critical path before: ${pathText(diff.criticalPath.before)}`,
      '',
      `Critical path after: ${pathText(diff.criticalPath.after)}`,
    );
  }
  const graph = options.pipelines && graphBlock(diff, options.pipelines.base, options.pipelines.head);
  if (graph) parts.push('', graph);
  const scripts = multiLineBlocks(diff);
  if (scripts.length) parts.push('', ...scripts);
  return `${parts.join('\n')}\n`;
}

/** The heading: the file (and its name), a rename of either shown as `old → new`. */
export function markdownHeading(diff: PipelineDiff): string {
  const base = diff.base;
  const head = diff.head;
  const side = head ?? base;
  if (!side) return 'nothing';
  const files =
    base && head && base.file !== head.file
      ? `${markdownCode(base.file)} → ${markdownCode(head.file)}`
      : markdownCode(side.file);
  const names =
    base && head && base.name !== head.name
      ? `${markdownCode(base.name)} → ${markdownCode(head.name)}`
      : markdownCode(side.name);
  return `${files} (${names})`;
}

function tableRows(diff: PipelineDiff): string[] {
  const rows: string[] = [];
  const row = (change: string, kind: string, name: string, details = '') =>
    rows.push(`| ${change} | ${kind} | ${name} | ${details} |`);
  const code = (text: string) => markdownCode(text, 'cell');
  for (const change of diff.pipeline) row('changed', 'pipeline', code(change.field), changeText(change));
  for (const p of diff.params.added) row('added', 'param', code(p.name), `type ${code(p.type)}`);
  for (const p of diff.params.removed) row('removed', 'param', code(p.name), `type ${code(p.type)}`);
  for (const p of diff.params.retyped)
    row('retyped', 'param', code(p.name), `type ${code(p.before)} → ${code(p.after)}`);
  for (const p of diff.params.changed) row('changed', 'param', code(p.name), p.changes.map(changeText).join('<br>'));
  for (const s of diff.stages.added) row('added', 'stage', code(s));
  for (const s of diff.stages.removed) row('removed', 'stage', code(s));
  for (const s of diff.stages.changed) row('changed', 'stage', code(s.name), s.changes.map(changeText).join('<br>'));
  for (const t of diff.tasks.added) row('added', 'task', code(t.id), taskText(t));
  for (const t of diff.tasks.removed) row('removed', 'task', code(t.id), taskText(t));
  for (const r of diff.renames)
    row('renamed?', 'task', `${code(r.from)} → ${code(r.to)}`, 'probably renamed: same action and edges');
  for (const t of diff.tasks.changed) row('changed', 'task', code(t.id), t.changes.map(changeText).join('<br>'));
  for (const e of diff.edges.added) row('added', 'edge', `${code(e.from)} → ${code(e.to)}`);
  for (const e of diff.edges.removed) row('removed', 'edge', `${code(e.from)} → ${code(e.to)}`);
  return rows;
}

function taskText(task: TaskSummary): string {
  const parts: string[] = [task.kind];
  if (task.stage !== undefined) parts.push(`stage ${markdownCode(task.stage, 'cell')}`);
  if (task.needs.length) parts.push(`needs ${task.needs.map((n) => markdownCode(n, 'cell')).join(', ')}`);
  return parts.join('; ');
}

/** `timeout: 20m → 30m` in a cell; a multi-line value points at its line diff below. */
function changeText(change: FieldChange): string {
  const field = markdownText(change.field);
  if (isMultiLine(change)) return `${field}: changed (see below)`;
  return `${field}: ${valueText(change.before)} → ${valueText(change.after)}`;
}

function valueText(value: string | undefined): string {
  if (value === undefined) return '(none)';
  const cut = value.length > CELL_VALUE_LIMIT ? `${value.slice(0, CELL_VALUE_LIMIT)}…` : value;
  return markdownCode(cut, 'cell');
}

function pathText(path: PipelineDiff['criticalPath']['before']): string {
  return describePath(path, (id) => markdownCode(id), ' → ');
}

function graphBlock(diff: PipelineDiff, base: Pipeline | undefined, head: Pipeline | undefined): string | undefined {
  const edges = diffEdgeCount(base, head);
  if (edges > MERMAID_EDGE_LIMIT) return `(Graph left out: ${edges} edges, more than Mermaid draws.)`;
  const diagram = diffToMermaid(diff, base, head);
  if (diagram.length > MERMAID_TEXT_LIMIT) return '(Graph left out: more text than Mermaid draws.)';
  return `\`\`\`mermaid\n${diagram}\`\`\``;
}

/** The line diff of each multi-line value (a script), folded: the table says which. */
function multiLineBlocks(diff: PipelineDiff): string[] {
  const owners: [string, FieldChange[]][] = [
    ...diff.tasks.changed.map((t): [string, FieldChange[]] => [`task ${t.id}`, t.changes]),
    ...diff.stages.changed.map((s): [string, FieldChange[]] => [`stage ${s.name}`, s.changes]),
    ...diff.params.changed.map((p): [string, FieldChange[]] => [`param ${p.name}`, p.changes]),
    ['pipeline', diff.pipeline],
  ];
  const blocks: string[] = [];
  for (const [owner, changes] of owners) {
    for (const change of changes.filter(isMultiLine)) {
      const body = changedLines(change)
        .map((line) => `${line.sign} ${line.text}`)
        .join('\n');
      blocks.push(
        `<details><summary>${markdownText(`${change.field} of ${owner}`)}</summary>`,
        '',
        fencedBlock(body, 'diff'),
        '',
        '</details>',
      );
    }
  }
  return blocks;
}
