import { formatDuration, type ParamValue, type Pipeline } from '../pipeline-format/model.js';
import type { ErrorEntry, RunRecord, RunStatus, TaskState, TaskStatus } from '../state/run-record.js';
import { graphToMermaid, mermaidText } from './graph-mermaid.js';
import { markdownCode, markdownText } from './markdown-text.js';

/** GitHub's limit for one step's job summary (bytes). */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

/**
 * What Mermaid itself draws at most (its defaults `maxTextSize` and `maxEdges`): past either, the
 * reader would see Mermaid's error instead of the picture, so the picture is left out and the
 * summary says why.
 */
export const MERMAID_TEXT_LIMIT = 50_000;
export const MERMAID_EDGE_LIMIT = 500;

/** A run as the summary reads it: the record with its tasks and errors, and the pipeline as it ran. */
export interface RunForSummary {
  record: RunRecord;
  tasks: TaskState[];
  errors: ErrorEntry[];
  /** The pipeline as it ran (its snapshot); without it the graph is not drawn. */
  pipeline?: Pipeline;
}

export interface RunSummaryOptions {
  /**
   * The most the Markdown may weigh, in UTF-8 bytes (never fewer than its characters, so it holds
   * for GitHub's character limits too): the job summary's 1 MiB, or a check run's 65,535.
   */
  limit?: number;
  /** The run's page (on GitHub), linked from the heading line. */
  runUrl?: string;
}

/**
 * A run as Markdown, for the job summary, the check run and `dagline runs show --format markdown`:
 * who started it with what, the DAG coloured by each task's status (stages as subgraphs), a Gantt
 * chart of every attempt, and a table of the tasks with their attempts, durations and errors.
 * Pure: no I/O. Every user value is escaped for where it goes (Markdown, HTML, Mermaid). A run too
 * large for the limit loses its pictures first (the Gantt chart, then the graph), then the table
 * keeps the tasks that did not succeed and as many others as fit; each cut is said where it is.
 */
export function renderRunSummary(run: RunForSummary, options: RunSummaryOptions = {}): string {
  const limit = options.limit ?? JOB_SUMMARY_LIMIT;
  const head = headSection(run, options.runUrl);
  const errors = runErrorsSection(run.errors);
  const graph = graphSection(run);
  const gantt = ganttSection(run);
  const rows = taskRows(run);

  const assemble = (parts: { graph: string; gantt: string }, table: string) =>
    [head, errors, parts.graph, parts.gantt, table].filter(Boolean).join('\n');
  const fullTable = tableSection(rows, rows.length);
  let pictures = { graph: graph.text, gantt: gantt.text };
  const fits = (text: string) => byteLength(text) <= limit;
  if (!fits(assemble(pictures, fullTable))) {
    pictures = { ...pictures, gantt: dropped('Timeline', 'it does not fit in this summary with the rest') };
    if (!fits(assemble(pictures, fullTable)))
      pictures = { ...pictures, graph: dropped('Graph', 'it does not fit in this summary with the rest') };
  }
  const withoutTable = assemble(pictures, '');
  const budget = limit - byteLength(withoutTable) - 1;
  const table = fits(assemble(pictures, fullTable)) ? fullTable : fittedTable(rows, budget);
  const text = assemble(pictures, table);
  // A limit smaller than the heading and run-level errors: cut, and say so, rather than exceed it.
  return fits(text) ? text : cutToBytes(text, limit);
}

// ---- the parts -------------------------------------------------------------------------------

const STATUS_MARK: Record<RunStatus | TaskStatus, string> = {
  completed: '✅',
  success: '✅',
  failed: '❌',
  upstream_failed: '⛔',
  cancelled: '🚫',
  skipped: '⏭️',
  on_hold: '⏸️',
  running: '⏳',
  pending: '⏳',
};

function headSection(run: RunForSummary, runUrl: string | undefined): string {
  const { record } = run;
  const lines = [`## ${STATUS_MARK[record.status]} dagline / ${markdownText(record.pipeline)}: ${record.status}`, ''];
  const when = `started ${timeText(record.startedAt)}${record.endedAt ? `, took ${durationOf(record.startedAt, record.endedAt)}` : ''}`;
  const link = runUrl ? ` ([the run](${markdownUrl(runUrl)}))` : '';
  lines.push(
    `Run ${markdownCode(record.id)} of ${markdownCode(record.file)}, ${when}, by ${markdownCode(record.actor)} (${markdownText(record.trigger)})${link}.`,
  );
  if (record.resumes) lines.push(`Resumed ${record.resumes} time${record.resumes === 1 ? '' : 's'}.`);
  if (record.release) lines.push('Started with a release: the failures before it no longer count toward on hold.');
  if (record.selection)
    lines.push(
      `A part of the pipeline: ${[...record.selection.only.map((t) => `only ${markdownCode(t)}`), ...record.selection.from.map((t) => `from ${markdownCode(t)}`)].join(', ')}.`,
    );
  if (record.parent)
    lines.push(`Started by run ${markdownCode(record.parent.run)} (task ${markdownCode(record.parent.task)}).`);
  if (record.concurrencyGroup !== undefined) lines.push(`Concurrency group ${markdownCode(record.concurrencyGroup)}.`);
  const params = Object.entries(record.params);
  if (params.length > 0) {
    lines.push('', '| param | value |', '| --- | --- |');
    for (const [name, value] of params)
      lines.push(`| ${markdownCode(name, 'cell')} | ${markdownCode(paramText(value), 'cell')} |`);
  }
  return `${lines.join('\n')}\n`;
}

function runErrorsSection(errors: ErrorEntry[]): string {
  const runLevel = errors.filter((e) => e.task === undefined);
  if (runLevel.length === 0) return '';
  return `${['### Errors', '', ...runLevel.map((e) => `- ${errorText(e)}`)].join('\n')}\n`;
}

function graphSection(run: RunForSummary): { text: string } {
  if (!run.pipeline) return { text: dropped('Graph', 'the pipeline as it ran is not with the record') };
  const status = taskStatuses(run);
  const edges = edgeCount(run.pipeline);
  const mermaid = graphToMermaid(run.pipeline, { statusClass: (id) => status.get(id) });
  const classes = [...new Set(status.values())].map((s) => `  classDef ${s} ${CLASS_STYLE[s]}`);
  const diagram = `${mermaid}${classes.join('\n')}${classes.length ? '\n' : ''}`;
  if (edges > MERMAID_EDGE_LIMIT)
    return { text: dropped('Graph', `it has ${edges} edges, more than Mermaid draws (${MERMAID_EDGE_LIMIT})`) };
  if (diagram.length > MERMAID_TEXT_LIMIT)
    return {
      text: dropped('Graph', `its ${run.pipeline.tasks.size} tasks make more text than Mermaid draws`),
    };
  return { text: `### Graph\n\n\`\`\`mermaid\n${diagram}\`\`\`\n` };
}

/** Colours of a task's box by its status (GitHub's palette for its own states). */
const CLASS_STYLE: Record<TaskStatus, string> = {
  success: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  failed: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328',
  upstream_failed: 'fill:#fff1e5,stroke:#bc4c00,color:#1f2328',
  cancelled: 'fill:#eaeef2,stroke:#57606a,color:#1f2328',
  skipped: 'fill:#f6f8fa,stroke:#8c959f,color:#57606a,stroke-dasharray:4 3',
  running: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
  pending: 'fill:#ffffff,stroke:#8c959f,color:#57606a',
};

/** A task's status over its legs: the worst of them, as a matrix job's status is on GitHub. */
function taskStatuses(run: RunForSummary): Map<string, TaskStatus> {
  const legs = new Map<string, TaskStatus[]>();
  for (const state of run.tasks) legs.set(state.task, [...(legs.get(state.task) ?? []), state.status]);
  const status = new Map<string, TaskStatus>();
  for (const [task, statuses] of legs) {
    const worst = WORST_FIRST.find((s) => statuses.includes(s));
    if (worst) status.set(task, worst);
  }
  return status;
}

const WORST_FIRST: TaskStatus[] = [
  'failed',
  'cancelled',
  'upstream_failed',
  'running',
  'pending',
  'success',
  'skipped',
];

function edgeCount(pipeline: Pipeline): number {
  let edges = 0;
  for (const task of pipeline.tasks.values()) edges += task.needs.length;
  for (const stage of pipeline.stages.values()) edges += stage.needs.length;
  return edges;
}

/**
 * The run's attempts on a time line (Mermaid Gantt): one bar per attempt, unstaged tasks first and
 * then a section per stage; a failed attempt is marked critical, one still running active. Times
 * are milliseconds since the epoch (`dateFormat x`), drawn in the reader's time zone.
 */
function ganttSection(run: RunForSummary): { text: string } {
  const runEnd = run.record.endedAt ?? latestTime(run.tasks) ?? run.record.startedAt;
  const bySection = new Map<string, string[]>();
  let bars = 0;
  for (const state of run.tasks) {
    const stage = run.pipeline?.tasks.get(state.task)?.stage ?? '';
    const lines = bySection.get(stage) ?? [];
    bySection.set(stage, lines);
    for (const attempt of state.attempts) {
      const start = Date.parse(attempt.startedAt);
      if (Number.isNaN(start)) continue;
      const endText = attempt.endedAt ?? (state.status === 'running' ? runEnd : (state.endedAt ?? runEnd));
      const end = Math.max(start, Date.parse(endText) || start);
      const failed =
        attempt.endedAt !== undefined && (attempt.exitCode !== 0 || attempt.timedOut || attempt.error !== undefined);
      const tag = attempt.endedAt === undefined ? 'active, ' : failed ? 'crit, ' : 'done, ';
      const label = state.attempts.length > 1 ? `${state.leg} (attempt ${attempt.number})` : state.leg;
      lines.push(`  ${ganttLabel(label)} :${tag}${start}, ${end}`);
      bars++;
    }
  }
  if (bars === 0) return { text: '' };
  const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M:%S', '  todayMarker off'];
  for (const [stage, stageLines] of [...bySection].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0))) {
    if (stageLines.length === 0) continue;
    if (stage !== '') lines.push(`  section ${mermaidText(`stage: ${stage}`)}`);
    lines.push(...stageLines);
  }
  const diagram = `${lines.join('\n')}\n`;
  if (diagram.length > MERMAID_TEXT_LIMIT)
    return { text: dropped('Timeline', `its ${bars} attempts make more text than Mermaid draws`) };
  return { text: `### Timeline\n\n\`\`\`mermaid\n${diagram}\`\`\`\n` };
}

/**
 * A Gantt task's text: Mermaid-escaped, and never read as one of the Gantt keywords it could begin
 * with (a task called `title x` would become the chart's title): then its first character is
 * written as an entity too.
 */
function ganttLabel(text: string): string {
  const escaped = mermaidText(text).trim() || '-';
  if (!GANTT_KEYWORD.test(escaped)) return escaped;
  return `#${escaped.charCodeAt(0)};${escaped.slice(1)}`;
}

const GANTT_KEYWORD =
  /^(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|acctitle|accdescr|accdescription|section|click|call|href|\d{4}-\d\d-\d\d)/i;

function latestTime(tasks: TaskState[]): string | undefined {
  let latest: string | undefined;
  for (const state of tasks)
    for (const attempt of state.attempts) {
      for (const at of [attempt.startedAt, attempt.endedAt])
        if (at !== undefined && (latest === undefined || at > latest)) latest = at;
    }
  return latest;
}

interface TaskRow {
  text: string;
  /** Kept first when the table must be cut: what did not succeed. */
  notable: boolean;
}

function taskRows(run: RunForSummary): TaskRow[] {
  const byLeg = new Map<string, ErrorEntry[]>();
  for (const error of run.errors)
    if (error.task !== undefined) byLeg.set(error.task, [...(byLeg.get(error.task) ?? []), error]);
  return run.tasks.map((state) => {
    const notes = [
      state.continuedOnError ? 'continue-on-error' : '',
      state.notSelected ? 'not selected' : '',
      state.outputsFrom ? `outputs of run ${markdownText(state.outputsFrom)}` : '',
      state.slaMissed ? 'SLA missed' : '',
    ].filter(Boolean);
    const status = `${STATUS_MARK[state.status]} ${state.status}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    const errors = (byLeg.get(state.leg) ?? []).map(errorText);
    const shown = errors.slice(0, ERRORS_PER_ROW);
    if (errors.length > ERRORS_PER_ROW) shown.push(`and ${errors.length - ERRORS_PER_ROW} more`);
    if (shown.length === 0 && state.reason && state.status !== 'success') shown.push(markdownText(clip(state.reason)));
    const text = `| ${markdownCode(state.leg, 'cell')} | ${status} | ${state.attempts.length} | ${durationOf(state.startedAt, state.endedAt)} | ${shown.join('<br>')} |`;
    return { text, notable: state.status !== 'success' && state.status !== 'skipped' };
  });
}

const ERRORS_PER_ROW = 3;
const MESSAGE_CHARS = 500;

const TABLE_HEAD = '### Tasks\n\n| task | status | attempts | duration | errors |\n| --- | --- | --- | ---: | --- |';

function tableSection(rows: TaskRow[], total: number, note?: string): string {
  if (total === 0) return '### Tasks\n\nNo task ran.\n';
  return `${[TABLE_HEAD, ...rows.map((r) => r.text)].join('\n')}\n${note ? `\n${note}\n` : ''}`;
}

/** The table cut to a budget: the tasks that did not succeed first, then others in order, as many as fit. */
function fittedTable(rows: TaskRow[], budget: number): string {
  const noteFor = (left: number) =>
    `… and ${left} more task${left === 1 ? '' : 's'}, left out to fit GitHub's limit: the run record holds every task.`;
  let used = byteLength(TABLE_HEAD) + 2 + byteLength(noteFor(rows.length)) + 2;
  const kept = new Set<TaskRow>();
  for (const pass of [true, false])
    for (const row of rows) {
      if (row.notable !== pass || kept.has(row)) continue;
      const size = byteLength(row.text) + 1;
      if (used + size > budget) continue;
      used += size;
      kept.add(row);
    }
  const left = rows.length - kept.size;
  return tableSection(
    rows.filter((r) => kept.has(r)),
    rows.length,
    left > 0 ? noteFor(left) : undefined,
  );
}

function dropped(what: string, why: string): string {
  return `### ${what}\n\nNot drawn: ${why}.\n`;
}

function errorText(error: ErrorEntry): string {
  const where = error.attempt !== undefined ? `, attempt ${error.attempt}` : '';
  return `**${error.type}**${error.fatal ? ' (fatal)' : ''}${where}: ${markdownText(clip(error.message))}`;
}

function clip(text: string): string {
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}

function paramText(value: ParamValue): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function durationOf(from: string | undefined, to: string | undefined): string {
  if (!from || !to) return '-';
  return formatDuration(Math.max(0, Date.parse(to) - Date.parse(from)));
}

/** A link target: only http(s) URLs, with the characters that could end it percent-encoded. */
function markdownUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return '#';
  return url.replace(/[\s()<>"'\\[\]`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A time of the record as `2026-03-01 10:00:00 UTC`; what is not a time, escaped as it is. */
function timeText(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? markdownText(iso) : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function cutToBytes(text: string, limit: number): string {
  const note = "\n\n… cut to fit GitHub's limit: the run record holds it all.\n";
  let cut = text.slice(0, Math.max(0, limit - byteLength(note)));
  while (byteLength(cut) + byteLength(note) > limit)
    cut = cut.slice(0, -Math.max(1, Math.ceil((byteLength(cut) + byteLength(note) - limit) / 4)));
  return `${cut}${note}`;
}
