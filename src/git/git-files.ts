import { spawnSync } from 'node:child_process';
import { FileError } from '../errors/dagline-error.js';
import { loadPipeline, type LoadResult } from '../pipeline-format/load-pipeline.js';
import { defaultYamlLimits, fileTooLarge, type YamlLimits } from '../pipeline-format/read-yaml.js';

/**
 * Files as git has them, read with the `git` of the machine (a pull request's base version of a
 * pipeline, with no second checkout). Arguments go to git as argv, never through a shell, and a
 * ref or path that could be read as an option is refused.
 */

/** `REF:PATH` (git's own spelling of a file at a commit): the ref and the path, or undefined. */
export function parseRefPath(text: string): { ref: string; path: string } | undefined {
  // Git refuses `:` in ref names, so the first one ends the ref.
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { ref: text.slice(0, colon), path: text.slice(colon + 1) };
}

/** Loads the pipeline at `path` as commit `ref` has it; it is named `REF:PATH` in messages. */
export function readPipelineAt(
  ref: string,
  path: string,
  limits: YamlLimits = defaultYamlLimits,
  cwd = process.cwd(),
): LoadResult {
  const shown = `${ref}:${path}`;
  const bytes = showFile(ref, path, limits.maxBytes, cwd);
  if (bytes === 'too large') return { ok: false, errors: [fileTooLarge(blobSize(ref, path, cwd), limits, shown)] };
  return loadPipeline(bytes, shown, limits);
}

/** Whether the repository at `cwd` has this commit (a shallow clone may not have the base). */
export function hasCommit(sha: string, cwd = process.cwd()): boolean {
  if (sha.startsWith('-')) return false;
  return spawnSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, stdio: 'ignore' }).status === 0;
}

/** Whether `path` exists at commit `ref`. */
export function existsAt(ref: string, path: string, cwd = process.cwd()): boolean {
  refuseOption(ref);
  return spawnSync('git', ['cat-file', '-e', `${ref}:${path}`], { cwd, stdio: 'ignore' }).status === 0;
}

/** A file changed between two commits: its path now, and its path before when git saw a rename. */
export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previousPath?: string;
}

/**
 * The files `head` changes since it left `base`: `git diff base...head`, against their merge base,
 * as GitHub lists a pull request's files (a commit the base branch gained meanwhile is not the
 * pull request's). Renames are found as git finds them.
 */
export function changedFiles(base: string, head: string, cwd = process.cwd()): ChangedFile[] {
  refuseOption(base);
  refuseOption(head);
  const out = git(
    ['diff', '--name-status', '-z', '-M', '--no-ext-diff', `${base}...${head}`, '--'],
    cwd,
    64 * 1024 * 1024,
  );
  const fields = out.toString('utf8').split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const status = fields[i++] as string;
    if (status.startsWith('R')) {
      const previousPath = fields[i++] as string;
      files.push({ path: fields[i++] as string, status: 'renamed', previousPath });
    } else {
      const path = fields[i++] as string;
      files.push({ path, status: status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified' });
    }
  }
  return files;
}

/** The URL of a remote (`origin`), or undefined when the folder is no clone or has no such remote. */
export function remoteUrl(remote: string, cwd = process.cwd()): string | undefined {
  refuseOption(remote);
  return gitLine(['config', '--get', `remote.${remote}.url`], cwd);
}

/** The branch a remote's HEAD names (the repository's default branch, as the clone saw it), if known. */
export function remoteDefaultBranch(remote: string, cwd = process.cwd()): string | undefined {
  refuseOption(remote);
  const ref = gitLine(['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], cwd);
  const prefix = `refs/remotes/${remote}/`;
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

/** git's one line of output, or undefined when git fails or says nothing (not a question worth an error). */
function gitLine(args: string[], cwd: string): string | undefined {
  const result = spawnSync('git', args, { cwd, maxBuffer: 64 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.toString('utf8').trim() || undefined;
}

/** The bytes of `path` at `ref`, or 'too large' past `maxBytes`. */
function showFile(ref: string, path: string, maxBytes: number, cwd: string): Buffer | 'too large' {
  refuseOption(ref);
  const result = spawnSync('git', ['show', '--no-textconv', `${ref}:${path}`], {
    cwd,
    maxBuffer: maxBytes + 1,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOBUFS') return 'too large';
  if (result.error) throw gitError(result.error.message, `${ref}:${path}`);
  if (result.status !== 0) throw gitError(result.stderr.toString('utf8'), `${ref}:${path}`);
  return result.stdout;
}

function blobSize(ref: string, path: string, cwd: string): number {
  return Number(
    git(['cat-file', '-s', `${ref}:${path}`], cwd, 1024)
      .toString('utf8')
      .trim(),
  );
}

function git(args: string[], cwd: string, maxBuffer: number): Buffer {
  const result = spawnSync('git', args, { cwd, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw gitError(result.error.message, args.join(' '));
  if (result.status !== 0) throw gitError(result.stderr.toString('utf8'), args.join(' '));
  return result.stdout;
}

/** git's own reason (`fatal: path 'x' does not exist in 'main'`), as one line naming what was read. */
function gitError(stderr: string, what: string): FileError {
  const reason =
    stderr
      .split('\n')
      .map((line) => line.replace(/^(fatal|error): /, '').trim())
      .find(Boolean) ?? 'git failed';
  return new FileError(`cannot read ${what} with git: ${reason}`, { file: what });
}

function refuseOption(ref: string): void {
  if (ref.startsWith('-')) throw new FileError(`"${ref}" is not a git revision`, {}, 'a revision cannot start with -');
}
