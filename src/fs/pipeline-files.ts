import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { FileError } from '../errors/dagline-error.js';
import type { PipelineTarget } from '../pipeline-format/check-repository.js';
import { loadPipeline, type LoadResult } from '../pipeline-format/load-pipeline.js';
import type { Pipeline } from '../pipeline-format/model.js';
import { defaultYamlLimits, fileTooLarge, type YamlLimits } from '../pipeline-format/read-yaml.js';

/** Folders never searched for pipelines. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.dagline']);

/**
 * The YAML files under each path: a file as given, a folder searched
 * recursively (hidden folders and node_modules left out), in a stable order.
 */
export function findPipelineFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    const stats = statOrThrow(path);
    if (stats.isDirectory()) {
      const found = walk(path);
      if (found.length === 0) throw new FileError(`no .yml or .yaml files in ${path}`, { file: path });
      files.push(...found);
    } else files.push(path);
  }
  return [...new Set(files)];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) out.push(...walk(path));
    } else if (/\.ya?ml$/i.test(entry.name) && !isLinkToFolder(entry, path)) {
      // Links, pipes and devices named .yml too: reading one says what it is (readPipelineFile).
      out.push(path);
    }
  }
  return out;
}

/** A link to a folder is not followed (it could lead back up, or out of the repository). */
function isLinkToFolder(entry: { isSymbolicLink(): boolean }, path: string): boolean {
  return entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

function statOrThrow(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw fileError(error, path);
  }
}

/**
 * Reads and loads one pipeline file; a file that cannot be read is a FileError (exit 2). Only a
 * regular file is read, and never more than the size limit: a device reports no size and may
 * never end (/dev/zero), and a named pipe blocks until a writer comes. The file is opened without
 * waiting (O_NONBLOCK) and looked at through the open descriptor, so what is read is what was
 * checked, even if the path is swapped meanwhile.
 */
export function readPipelineFile(path: string, limits: YamlLimits = defaultYamlLimits): LoadResult {
  const shown = displayPath(path);
  let bytes: Uint8Array;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new FileError(`${shown} is a folder; give a pipeline file`, { file: shown });
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) throw notAFile(opened, shown);
      // Refuse before reading: a hostile file is not loaded into memory to be measured.
      if (opened.size > limits.maxBytes) return { ok: false, errors: [fileTooLarge(opened.size, limits, shown)] };
      const read = readAtMost(fd, limits.maxBytes + 1);
      // It grew since it was measured.
      if (read.byteLength > limits.maxBytes)
        return { ok: false, errors: [fileTooLarge(read.byteLength, limits, shown)] };
      bytes = read;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw fileError(error, shown);
  }
  return loadPipeline(bytes, shown, limits);
}

function notAFile(stats: Stats, shown: string): FileError {
  const kind = stats.isFIFO()
    ? 'a named pipe'
    : stats.isSocket()
      ? 'a socket'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : 'not a regular file';
  return new FileError(`${shown} is ${kind}; a pipeline is read from a regular file only`, { file: shown });
}

/** Up to `limit` bytes of an open file, however large it says it is. */
function readAtMost(fd: number, limit: number): Uint8Array {
  const buffer = Buffer.allocUnsafe(Math.min(limit, 64 * 1024));
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, limit - total), null);
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/** Paths in messages are relative to where the user stands, as compilers print them. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function fileError(error: unknown, path: string): FileError {
  if (error instanceof FileError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileError(`no such file or folder: ${path}`, { file: path });
  if (code === 'EACCES') return new FileError(`permission denied: ${path}`, { file: path });
  return new FileError(`cannot read ${path}: ${(error as Error).message}`, { file: path });
}

/**
 * The repository root a `pipeline:` path is relative to: the nearest folder
 * above the pipeline file that holds `.git`, else the current folder.
 */
export function repositoryRoot(fromFile: string): string {
  return repositoryRootAbove(dirname(resolve(fromFile)));
}

/** The nearest folder holding `.git`, from `folder` up; else the current folder. */
export function repositoryRootAbove(folder: string): string {
  let dir = resolve(folder);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * The file a `pipeline:` task of the pipeline in `fromFile` runs, from its repository root, and
 * where it really is when a link takes it out of the repository (validation refuses paths that
 * leave it; a link is only known on the disk).
 */
export function calledPipelineFile(fromFile: string, path: string): { file: string; outside?: string } {
  const root = repositoryRoot(fromFile);
  const file = resolve(root, path);
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { file }; // missing: reported as such
  }
  const inside = relative(realpathSync(root), real);
  return inside.startsWith('..') || isAbsolute(inside) ? { file, outside: real } : { file };
}

/** Finds and loads the pipeline a `pipeline:` task names, once per file. */
export function pipelineTargetResolver(
  limits: YamlLimits = defaultYamlLimits,
): (from: Pipeline, path: string) => PipelineTarget {
  const cache = new Map<string, PipelineTarget>();
  return (from, path) => {
    const { file: absolute, outside } = calledPipelineFile(from.file, path);
    if (absolute === resolve(from.file)) return { status: 'self' };
    const cached = cache.get(absolute);
    if (cached) return cached;
    let target: PipelineTarget;
    if (!existsSync(absolute)) target = { status: 'missing', file: displayPath(absolute) };
    else if (outside !== undefined) target = { status: 'outside', file: displayPath(absolute), real: outside };
    else {
      try {
        const loaded = readPipelineFile(absolute, limits);
        target = loaded.ok
          ? { status: 'ok', pipeline: loaded.pipeline, locator: loaded.locator }
          : { status: 'invalid', file: displayPath(absolute), errors: loaded.errors };
      } catch (error) {
        // A folder, no permission: it cannot be read, so it does not validate either.
        target = { status: 'invalid', file: displayPath(absolute), errors: error instanceof FileError ? [error] : [] };
      }
    }
    cache.set(absolute, target);
    return target;
  };
}
