import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileWorkflow, workflowPath } from '../../compile/compile-workflow.js';
import { FileError, UsageError, type DaglineError } from '../../errors/dagline-error.js';
import { makeDirs } from '../../fs/make-dirs.js';
import { displayPath, pipelineTargetResolver, repositoryRoot } from '../../fs/pipeline-files.js';
import { writeAtomic } from '../../fs/write-atomic.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import type { YamlLimits } from '../../pipeline-format/read-yaml.js';
import type { SourceLocator } from '../../pipeline-format/source-locator.js';
import { printable } from '../../render/printable.js';
import type { CliIo } from '../io.js';
import { loadOrReport, reportErrors } from './load-one.js';

export interface CompileFlags {
  output?: string;
  check?: boolean;
  action?: string;
}

/** A pipeline file compiled: the workflow's text, where it goes, and the command that writes it. */
export interface CompiledFile {
  text: string;
  output: string;
  command: string;
  /** The pipelines its `pipeline:` tasks call (their workflows are compiled from their own files). */
  children: Pipeline[];
  root: string;
}

/** Loads FILE (and the pipelines it calls) and compiles it; prints errors and throws ReportedErrors if it cannot. */
export function compileFile(file: string, flags: CompileFlags, limits: YamlLimits, io: CliIo): CompiledFile {
  const result = compileLoaded(loadOrReport(file, limits, io, { calls: true }), file, flags, limits);
  if (!result.ok) reportErrors(result.errors, io);
  return result.compiled;
}

/**
 * A loaded pipeline compiled: the workflow's text, where it goes and the command that writes it,
 * or what the workflow cannot say as errors (values: the action annotates them).
 */
export function compileLoaded(
  loaded: { pipeline: Pipeline; locator: SourceLocator },
  file: string,
  flags: CompileFlags,
  limits: YamlLimits,
): { ok: true; compiled: CompiledFile } | { ok: false; errors: readonly DaglineError[] } {
  const { pipeline, locator } = loaded;
  const root = repositoryRoot(file);
  const fromRoot = (path: string) => relative(root, resolve(path)).split(sep).join('/');
  const pipelineFile = fromRoot(file);
  if (pipelineFile.startsWith('../') || isAbsolute(pipelineFile))
    throw new UsageError(`${file} is outside the repository at ${root}`);
  const output = flags.output ?? join(root, workflowPath(pipeline.name));
  const command = [
    'npx dagline compile',
    pipelineFile,
    ...(flags.output !== undefined ? ['-o', fromRoot(flags.output)] : []),
    ...(flags.action !== undefined ? ['--action', flags.action] : []),
  ].join(' ');

  const resolveTarget = pipelineTargetResolver(limits);
  const children = new Map<string, Pipeline>();
  for (const task of pipeline.tasks.values()) {
    if (task.action.kind !== 'pipeline') continue;
    const target = resolveTarget(pipeline, task.action.path);
    if (target.status === 'ok') children.set(task.action.path, target.pipeline);
  }

  const result = compileWorkflow({
    pipeline,
    file: pipelineFile,
    placeOf: (path, part) => locator.at(path, part),
    children,
    ...(flags.action !== undefined && { action: flags.action }),
    command,
  });
  if (!result.ok) return result;
  return { ok: true, compiled: { text: result.text, output, command, children: [...children.values()], root } };
}

/** Whether the file at the compiled workflow's place holds exactly what compiling gives now. */
export function compiledState(compiled: CompiledFile): 'up to date' | 'out of date' | 'missing' {
  const committed = existsSync(compiled.output) ? readFileSync(compiled.output, 'utf8') : undefined;
  if (committed === undefined) return 'missing';
  return committed === compiled.text ? 'up to date' : 'out of date';
}

/**
 * `dagline compile FILE`: writes the pipeline's GitHub workflow (default
 * `.github/workflows/dagline-<name>.yml` at the repository root of FILE); with `--check`,
 * writes nothing and exits 1 when the file there is not what compiling gives now.
 */
export function compileCommand(file: string, flags: CompileFlags, limits: YamlLimits, io: CliIo): number {
  const compiled = compileFile(file, flags, limits, io);
  const { text, output, command, children, root } = compiled;
  const fromRoot = (path: string) => relative(root, resolve(path)).split(sep).join('/');
  const shown = displayPath(output);
  // Paths are the user's: printable in dagline's own lines (an error's place is made printable where it is printed).
  const printed = printable(shown);
  if (flags.check) {
    const state = compiledState(compiled);
    if (state === 'up to date') {
      io.out(`${printed} is up to date\n`);
      return 0;
    }
    io.err(
      `${printed}: error: ${state === 'missing' ? 'does not exist' : 'is out of date with its pipeline'} (regenerate it: ${printable(command)})\n`,
    );
    return 1;
  }
  try {
    makeDirs(dirname(output));
    writeAtomic(output, text);
  } catch (error) {
    throw new FileError(`cannot write ${shown}: ${(error as Error).message}`, { file: shown });
  }
  io.out(`wrote ${printed}\n`);
  for (const child of children) {
    const called = join(root, workflowPath(child.name));
    if (!existsSync(called))
      io.err(
        `note: ${printed} calls ${workflowPath(child.name)}, which does not exist yet: npx dagline compile ${printable(fromRoot(child.file))}\n`,
      );
  }
  return 0;
}
