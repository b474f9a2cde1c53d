import * as core from '@actions/core';
import { validatePaths, type FileReport } from '../../cli/commands/validate.js';
import { formatErrorLine } from '../../errors/format-error.js';
import { readPipelineFile } from '../../fs/pipeline-files.js';
import { defaultYamlLimits } from '../../pipeline-format/read-yaml.js';
import { graphToMermaid } from '../../render/graph-mermaid.js';
import { htmlText, markdownText } from '../../render/markdown-text.js';
import { annotate, SUMMARY_LIMIT } from '../annotations.js';

/**
 * `validate`: annotations at file:line for every error, a job summary with each pipeline's DAG as
 * Mermaid, outputs for later steps, and a failed step when anything is invalid.
 */
export async function validateCommand(paths: string[]): Promise<void> {
  const reports = validatePaths(paths, defaultYamlLimits);
  const errors = reports.flatMap((r) => r.errors);
  for (const error of errors) annotate(error);
  core.setOutput('valid', errors.length === 0);
  core.setOutput('errors', errors.length);
  core.setOutput(
    'pipelines',
    JSON.stringify(reports.filter((r) => r.pipeline).map((r) => ({ file: r.file, name: r.pipeline, tasks: r.tasks }))),
  );
  await writeSummary(reports);
  if (errors.length > 0)
    core.setFailed(
      `${errors.length} error${errors.length === 1 ? '' : 's'} in ${reports.filter((r) => r.errors.length).length} pipeline file(s)`,
    );
}

/**
 * The job summary. @actions/core's summary puts what it is given into HTML as it is: every file
 * name, pipeline name and error goes in through htmlText (a file named `<img onerror=...>.yml`
 * is text, not a tag).
 */
async function writeSummary(reports: FileReport[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const summary = core.summary.addHeading('dagline validate', 2);
  summary.addTable([
    [
      { data: 'File', header: true },
      { data: 'Pipeline', header: true },
      { data: 'Tasks', header: true },
      { data: 'Result', header: true },
    ],
    ...reports.map((r) => [
      htmlText(r.file),
      htmlText(r.pipeline ?? ''),
      String(r.tasks ?? ''),
      r.errors.length ? `${r.errors.length} error(s)` : 'valid',
    ]),
  ]);
  const failing = reports.flatMap((r) => r.errors);
  if (failing.length) summary.addCodeBlock(failing.map((error) => htmlText(formatErrorLine(error))).join('\n'), 'text');
  for (const report of reports) {
    if (report.errors.length || report.pipeline === undefined) continue;
    const loaded = readPipelineFile(report.file);
    if (!loaded.ok) continue;
    const graph = `\`\`\`mermaid\n${graphToMermaid(loaded.pipeline)}\`\`\`\n`;
    // Keep within GitHub's summary limit: a huge DAG is listed, not drawn.
    if (summary.stringify().length + graph.length > SUMMARY_LIMIT - 4096) {
      summary.addRaw(`\n${markdownText(report.pipeline)}: DAG too large to draw here (${report.tasks} tasks)\n`);
      continue;
    }
    summary.addHeading(`${htmlText(report.pipeline)} (${htmlText(report.file)})`, 3).addRaw(`\n${graph}`);
  }
  await summary.write();
}
