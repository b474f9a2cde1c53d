import { existsSync } from 'node:fs';
import { FileError, type DaglineError, type ValidationError } from '../../errors/dagline-error.js';
import { errorRecord, formatErrorLine, formatGithubAnnotation } from '../../errors/format-error.js';
import { findPipelineFiles, pipelineTargetResolver, readPipelineFile } from '../../fs/pipeline-files.js';
import { checkRepository, type LoadedPipeline } from '../../pipeline-format/check-repository.js';
import { sortByPlace } from '../../pipeline-format/load-pipeline.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import type { YamlLimits } from '../../pipeline-format/read-yaml.js';
import type { CliIo } from '../io.js';
import { printableJson } from '../../render/printable.js';

export type ValidateFormat = 'text' | 'json' | 'github';

export interface FileReport {
  file: string;
  pipeline?: string;
  tasks?: number;
  errors: DaglineError[];
  /**
   * The pipeline as loaded: checked, or unchecked when only its meaning is wrong (a cycle), enough
   * to draw it, compare it or follow its `pipeline:` tasks; absent when the file does not load.
   */
  model?: Pipeline;
}

/**
 * Validates files and folders (default `pipelines/`): each file on its own,
 * then across them (unique names, `pipeline:` targets). Returns a report per
 * file; the command prints it in the chosen format.
 */
export function validatePaths(paths: readonly string[], limits: YamlLimits): FileReport[] {
  if (paths.length === 0) {
    if (!existsSync('pipelines')) {
      throw new FileError(
        'no pipelines/ folder here',
        {},
        'give the files or folders to validate: dagline validate PATH...',
      );
    }
    paths = ['pipelines'];
  }
  const reports: FileReport[] = [];
  const loaded: LoadedPipeline[] = [];
  const reportOf = new Map<string, FileReport>();
  for (const file of findPipelineFiles(paths)) {
    const result = readOneFile(file, limits);
    if (result.ok) {
      const report: FileReport = {
        file: result.pipeline.file,
        pipeline: result.pipeline.name,
        tasks: result.pipeline.tasks.size,
        errors: [],
        model: result.pipeline,
      };
      reports.push(report);
      reportOf.set(result.pipeline.file, report);
      loaded.push({ pipeline: result.pipeline, locator: result.locator });
    } else {
      reports.push({
        file: result.errors[0]?.file ?? file,
        errors: [...result.errors],
        ...(result.unchecked !== undefined && { model: result.unchecked }),
      });
    }
  }
  for (const error of checkRepository(loaded, pipelineTargetResolver(limits))) {
    reportOf.get(error.file ?? '')?.errors.push(error);
  }
  for (const report of reportOf.values()) report.errors = sortByPlace(report.errors as ValidationError[]);
  return reports;
}

/** A file that cannot be read (a device, a pipe, no permission) is that file's error: the others are still checked. */
function readOneFile(
  file: string,
  limits: YamlLimits,
): ({ ok: true } & LoadedPipeline) | { ok: false; errors: readonly DaglineError[]; unchecked?: Pipeline } {
  try {
    return readPipelineFile(file, limits);
  } catch (error) {
    if (error instanceof FileError) return { ok: false, errors: [error] };
    throw error;
  }
}

export function printValidation(reports: FileReport[], format: ValidateFormat, io: CliIo): number {
  const errors = reports.flatMap((r) => r.errors);
  const failed = reports.filter((r) => r.errors.length > 0).length;
  if (format === 'json') {
    io.out(
      printableJson({
        ok: errors.length === 0,
        files: reports.map((r) => ({
          file: r.file,
          ...(r.pipeline !== undefined && { pipeline: r.pipeline, tasks: r.tasks }),
          ok: r.errors.length === 0,
          errors: r.errors.map(errorRecord),
        })),
      }),
    );
  } else if (format === 'github') {
    for (const error of errors) io.out(`${formatGithubAnnotation(error)}\n`);
    io.out(`${summary(reports, errors.length, failed)}\n`);
  } else {
    for (const error of errors) io.out(`${formatErrorLine(error)}\n`);
    io.out(`${summary(reports, errors.length, failed)}\n`);
  }
  // An unreadable file is an I/O error (2), as when it is the only one.
  return errors.reduce((code, error) => Math.max(code, error.exitCode), 0);
}

function summary(reports: FileReport[], errors: number, failed: number): string {
  const files = `${reports.length} file${reports.length === 1 ? '' : 's'}`;
  if (errors === 0) {
    const tasks = reports.reduce((n, r) => n + (r.tasks ?? 0), 0);
    return `ok: ${files}, ${tasks} task${tasks === 1 ? '' : 's'}`;
  }
  return `${errors} error${errors === 1 ? '' : 's'} in ${failed} of ${files}`;
}
