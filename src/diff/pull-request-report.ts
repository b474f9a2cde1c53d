import type { DaglineError } from '../errors/dagline-error.js';
import { formatErrorLine, formatPlace } from '../errors/format-error.js';
import type { Pipeline } from '../pipeline-format/model.js';
import { graphToMermaid } from '../render/graph-mermaid.js';
import { fencedBlock, markdownCode, markdownText } from '../render/markdown-text.js';
import { printable } from '../render/printable.js';
import { MERMAID_TEXT_LIMIT } from '../render/run-summary.js';
import { count, diffCounts } from './describe-diff.js';
import { diffToMarkdown, markdownHeading } from './diff-markdown.js';
import { hasDifferences, type PipelineDiff } from './pipeline-diff.js';

/**
 * What validating a pull request found, said three ways: the pull request's comment (within
 * GitHub's comment limit, a large diff summarised), the check run's output, and the job summary
 * (everything: each changed pipeline's DAG and its full diff). Pure: the action gathers the report
 * and writes these where they go.
 */

/** Opens dagline's comment on a pull request: how the next run finds it again. */
export const COMMENT_MARKER = '<!-- dagline:dag-diff -->';
/** GitHub's limit for a comment's body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** A pipeline file the pull request changes, and how its DAG changes. */
export interface ChangedPipeline {
  /** The file as the pull request leaves it (where it was, when it is removed). */
  file: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Where a renamed file was. */
  previousFile?: string;
  /** Absent when the two versions could not be compared: `unavailable` says why. */
  diff?: PipelineDiff;
  base?: Pipeline;
  head?: Pipeline;
  unavailable?: string;
  /** What a reader of the diff should know (a version that does not validate, compared as written). */
  notes: string[];
}

export interface ValidatedFile {
  file: string;
  pipeline?: string;
  tasks?: number;
  errors: number;
  reason: 'changed' | 'calls a changed pipeline';
}

/** A committed compiled workflow that no longer is what its changed pipeline compiles to. */
export interface StaleWorkflow {
  workflow: string;
  pipelineFile: string;
  command: string;
}

export interface PullRequestReport {
  number: number;
  baseSha?: string;
  changed: ChangedPipeline[];
  validated: ValidatedFile[];
  errors: readonly DaglineError[];
  stale: StaleWorkflow[];
  /** Said once for the whole report (the base commit is not in the checkout...). */
  notes: string[];
  /** The workflow run's page, whose job summary holds the full report. */
  runUrl: string;
}

/** Errors listed in the comment; the check run and the job summary hold them all. */
const COMMENT_ERRORS = 10;

/** `2 errors in 1 file (3 pipeline files checked)`, or that all are valid, or that none changed. */
export function validationLine(report: PullRequestReport): string {
  const checked = count(report.validated.length, 'pipeline file');
  if (report.errors.length) {
    const files = new Set(report.errors.map((e) => e.file ?? '')).size;
    return `${count(report.errors.length, 'error')} in ${count(files, 'file')} (${checked} checked)`;
  }
  if (report.validated.length === 0 && report.changed.length === 0) return 'no pipeline file changed';
  return `valid (${checked} checked)`;
}

/** Whether the comment has anything to say: some pipeline's DAG differs, or could not be compared. */
export function pipelinesDiffer(report: PullRequestReport): boolean {
  return report.changed.some((c) => c.unavailable !== undefined || (c.diff !== undefined && hasDifferences(c.diff)));
}

/** The pull request's comment, opening with the marker; undefined when the pipelines do not differ (it goes). */
export function commentBody(report: PullRequestReport, limit = COMMENT_LIMIT): string | undefined {
  if (!pipelinesDiffer(report)) return undefined;
  return `${COMMENT_MARKER}\n${fittedReport(report, limit - COMMENT_MARKER.length - 1)}`;
}

/** The check run's output: a title, a short summary, and the comment's report as its text. */
export function checkRunOutput(
  report: PullRequestReport,
  limit: number,
): { title: string; summary: string; text?: string } {
  const lines = [`**dagline validate**: ${markdownText(validationLine(report))}`];
  for (const change of report.changed) lines.push(`- ${sectionHeading(change)}: ${markdownText(changeCounts(change))}`);
  for (const stale of report.stale) lines.push(`- ${staleLine(stale)}`);
  const summary = lines.join('\n');
  return {
    title: validationLine(report),
    summary: summary.length > limit ? `${summary.slice(0, limit - 2)}…` : summary,
    ...(pipelinesDiffer(report) && { text: fittedReport(report, limit) }),
  };
}

/**
 * The report within `limit` characters: every section in full when it fits; otherwise each
 * pipeline's counts, the first ones in full as long as they fit, the rest in the job summary.
 */
function fittedReport(report: PullRequestReport, limit: number): string {
  const top = [
    '## dagline: what this pull request does to its pipelines',
    `**Validation:** ${markdownText(validationLine(report))}`,
    errorList(report.errors, COMMENT_ERRORS),
    report.stale.map((s) => `- ${staleLine(s)}`).join('\n'),
    ...report.notes.map((note) => `> ${markdownText(note)}`),
  ]
    .filter(Boolean)
    .join('\n\n');
  const shown = report.changed.filter((c) => c.unavailable !== undefined || (c.diff && hasDifferences(c.diff)));
  const quiet = report.changed.filter((c) => !shown.includes(c));
  const sections = shown.map((change) => ({ full: fullSection(change), short: shortSection(change) }));
  const unchangedDags = quiet.length
    ? `Changed without a change to the DAG: ${quiet.map((c) => markdownCode(c.file)).join(', ')}.`
    : '';
  const footer = `The full diff of each pipeline, with its DAG, is in the [job summary](${report.runUrl}) of the run.`;
  const join = (parts: string[]) => parts.filter(Boolean).join('\n\n');

  const complete = join([top, ...sections.map((s) => s.full), unchangedDags]);
  if (complete.length <= limit) return `${complete}\n`;

  const chosen = sections.map((s) => s.short);
  let left = sections.length;
  const assemble = () =>
    join([
      top,
      ...chosen.slice(0, left),
      left < sections.length ? `… and ${count(sections.length - left, 'more changed pipeline')}.` : '',
      unchangedDags,
      footer,
    ]);
  // As many summaries as fit (the most that do, found by halving), then the first ones in full.
  let [fits, fitsNot] = [0, sections.length + 1];
  while (fitsNot - fits > 1) {
    left = Math.floor((fits + fitsNot) / 2);
    if (assemble().length <= limit) fits = left;
    else fitsNot = left;
  }
  left = fits;
  let size = assemble().length;
  for (let i = 0; i < left; i++) {
    const section = sections[i] as { full: string; short: string };
    const grown = size + section.full.length - section.short.length;
    if (grown > limit) continue;
    chosen[i] = section.full;
    size = grown;
  }
  const text = assemble();
  return text.length <= limit ? `${text}\n` : `${text.slice(0, limit - 2)}…\n`;
}

/**
 * The job summary: the validation, a table of the files checked and why, every error, the stale
 * compiled workflows, and for each changed pipeline its full diff and its DAG as Mermaid. Sections
 * past `limit` (GitHub's 1 MiB per step) are named, with the command that shows them locally.
 */
export function summaryMarkdown(report: PullRequestReport, limit: number): string {
  const parts = [
    `## dagline validate: pull request #${report.number}`,
    `**Validation:** ${markdownText(validationLine(report))}`,
  ];
  if (report.validated.length) {
    parts.push(
      [
        '| file | pipeline | tasks | checked because | result |',
        '| --- | --- | --- | --- | --- |',
        ...report.validated.map(
          (v) =>
            `| ${markdownCode(v.file, 'cell')} | ${v.pipeline ? markdownCode(v.pipeline, 'cell') : ''} | ${v.tasks ?? ''} | ${v.reason} | ${v.errors ? count(v.errors, 'error') : 'valid'} |`,
        ),
      ].join('\n'),
    );
  }
  if (report.errors.length)
    parts.push(fencedBlock(report.errors.map((e) => printable(formatErrorLine(e))).join('\n'), 'text'));
  if (report.stale.length) parts.push(report.stale.map((s) => `- ${staleLine(s)}`).join('\n'));
  for (const note of report.notes) parts.push(`> ${markdownText(note)}`);
  let text = parts.join('\n\n');
  for (const change of report.changed) {
    const section = [fullSection(change), dagBlock(change)].filter(Boolean).join('\n\n');
    const left = `${sectionHeading(change, 3)}\n\nLeft out: too large for the job summary. Locally: ${markdownCode(localCommand(change, report.baseSha))}`;
    const next = text.length + section.length + 2 <= limit ? section : left;
    text += `\n\n${next}`;
  }
  return `${text}\n`;
}

function fullSection(change: ChangedPipeline): string {
  if (!change.diff) return shortSection(change);
  const pipelines = { base: change.base, head: change.head };
  return [diffToMarkdown(change.diff, { pipelines, headingLevel: 3 }).trimEnd(), ...notesOf(change)].join('\n\n');
}

function shortSection(change: ChangedPipeline): string {
  return [sectionHeading(change, 3), markdownText(changeCounts(change)), ...notesOf(change)].join('\n\n');
}

function notesOf(change: ChangedPipeline): string[] {
  return change.notes.map((note) => `> ${markdownText(note)}`);
}

function changeCounts(change: ChangedPipeline): string {
  return change.diff ? diffCounts(change.diff) : `no diff: ${change.unavailable ?? 'not compared'}`;
}

function sectionHeading(change: ChangedPipeline, level?: number): string {
  const title = change.diff ? markdownHeading(change.diff) : markdownCode(change.file);
  return level === undefined ? title : `${'#'.repeat(level)} ${title}`;
}

function dagBlock(change: ChangedPipeline): string {
  if (!change.head) return '';
  const diagram = graphToMermaid(change.head);
  if (diagram.length > MERMAID_TEXT_LIMIT) return '(DAG left out: more text than Mermaid draws.)';
  return `#### The DAG after this change\n\n\`\`\`mermaid\n${diagram}\`\`\``;
}

/** The first errors as a list, each at its place; the check run and the job summary hold them all. */
function errorList(errors: readonly DaglineError[], most: number): string {
  const lines = errors
    .slice(0, most)
    .map((e) => `- ${markdownCode(formatPlace(e).replace(/: $/, '') || 'dagline')}: ${markdownText(errorText(e))}`);
  if (errors.length > most) lines.push(`- … and ${count(errors.length - most, 'more error')} (see the check run)`);
  return lines.join('\n');
}

function errorText(error: DaglineError): string {
  return error.hint ? `${error.message} (${error.hint})` : error.message;
}

function staleLine(stale: StaleWorkflow): string {
  return `${markdownCode(stale.workflow)} is out of date with ${markdownCode(stale.pipelineFile)}: regenerate it with ${markdownCode(stale.command)}`;
}

/** The command that shows a changed pipeline locally: its diff, or its graph when it is new. */
function localCommand(change: ChangedPipeline, baseSha: string | undefined): string {
  if (change.status === 'added' || baseSha === undefined) return `npx dagline graph ${change.file}`;
  const base = `${baseSha}:${change.previousFile ?? change.file}`;
  if (change.status === 'removed') return `git show ${base}`;
  return `npx dagline diff ${base} ${change.file} --format markdown`;
}
