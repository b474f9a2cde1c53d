// The repository a harness serves, as a real git repository: workflows are read from the commit an
// event names (as GitHub reads them), actions/checkout clones it, pull requests get their merge
// commit (refs/pull/N/merge) and their list of changed files from git itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DiffEntryRecord } from './github-state.js';

const IDENTITY = [
  '-c',
  'user.name=dagline test',
  '-c',
  'user.email=test@example.invalid',
  '-c',
  'commit.gpgsign=false',
];

/** git with no user or system configuration: a developer's settings must not change what tests see. */
export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      LANG: 'C',
    },
    maxBuffer: 256 * 1024 * 1024,
  });
}

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return git(cwd, args).trim();
  } catch {
    return undefined;
  }
}

/** Writes files (path -> text; null deletes) and commits them on the current branch; returns the new sha. */
export function commitFiles(dir: string, files: Record<string, string | null>, message = 'change'): string {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    if (text === null) {
      git(dir, ['rm', '-q', '--ignore-unmatch', '--', path]);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    git(dir, ['add', '--', path]);
  }
  git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** Makes `dir` a git repository on `branch` with everything in it committed, unless it is one already. */
export function ensureRepository(dir: string, branch: string): void {
  if (existsSync(join(dir, '.git'))) {
    if (tryGit(dir, ['rev-parse', '--verify', 'HEAD']) === undefined) commitFiles(dir, {}, 'initial');
    return;
  }
  git(dir, ['init', '-q', '-b', branch]);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'initial']);
}

export function resolveCommit(dir: string, ref: string): string | undefined {
  return tryGit(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
}

export function commitExists(dir: string, sha: string): boolean {
  return /^[0-9a-f]{40}$/.test(sha) && tryGit(dir, ['cat-file', '-e', `${sha}^{commit}`]) !== undefined;
}

/** A branch or tag name (or a full ref) as the full ref GitHub reports: refs/heads/x or refs/tags/x. */
export function fullRef(dir: string, ref: string): string | undefined {
  if (ref.startsWith('refs/')) return resolveCommit(dir, ref) ? ref : undefined;
  if (resolveCommit(dir, `refs/heads/${ref}`)) return `refs/heads/${ref}`;
  if (resolveCommit(dir, `refs/tags/${ref}`)) return `refs/tags/${ref}`;
  return undefined;
}

export function currentBranch(dir: string): string {
  return git(dir, ['symbolic-ref', '--short', 'HEAD']).trim();
}

export function readFileAt(dir: string, sha: string, path: string): string | undefined {
  try {
    return git(dir, ['show', `${sha}:${path}`]);
  } catch {
    return undefined;
  }
}

export function listFilesAt(dir: string, sha: string, folder: string): string[] {
  const out = tryGit(dir, ['ls-tree', '--name-only', `${sha}:${folder}`]);
  return out
    ? out
        .split('\n')
        .filter(Boolean)
        .map((name) => `${folder}/${name}`)
    : [];
}

/** Files changed from one commit to another (for push path filters). */
export function changedFiles(dir: string, from: string | undefined, to: string): string[] {
  const args = from ? ['diff', '--name-only', from, to] : ['show', '--name-only', '--format=', to];
  return git(dir, args).split('\n').filter(Boolean);
}

/** The merge commit GitHub makes for a pull request (refs/pull/N/merge): base and head merged, no conflict. */
export function mergeCommit(dir: string, number: number, baseSha: string, headSha: string): string {
  const tree = tryGit(dir, ['merge-tree', '--write-tree', baseSha, headSha]);
  if (tree === undefined) throw new Error(`pull request #${number}: head and base do not merge without conflict`);
  const sha = git(dir, [
    'commit-tree',
    tree.split('\n')[0]!,
    '-p',
    baseSha,
    '-p',
    headSha,
    '-m',
    `Merge ${headSha} into ${baseSha}`,
  ]).trim();
  git(dir, ['update-ref', `refs/pull/${number}/merge`, sha]);
  git(dir, ['update-ref', `refs/pull/${number}/head`, headSha]);
  return sha;
}

/** A pull request's files, as GitHub lists them: the head against its merge base with the base. */
export function pullRequestFiles(dir: string, baseSha: string, headSha: string): DiffEntryRecord[] {
  const base = git(dir, ['merge-base', baseSha, headSha]).trim();
  const numstat = git(dir, ['diff', '--numstat', '-M', base, headSha]).split('\n').filter(Boolean);
  const status = git(dir, ['diff', '--name-status', '-M', base, headSha]).split('\n').filter(Boolean);
  return status.map((line, i) => {
    const [code, first, second] = line.split('\t') as [string, string, string | undefined];
    const [added, deleted] = numstat[i]!.split('\t');
    const filename = second ?? first;
    const kind = code[0] === 'A' ? 'added' : code[0] === 'D' ? 'removed' : code[0] === 'R' ? 'renamed' : 'modified';
    const patch = tryGit(dir, ['diff', base, headSha, '--', ...(second ? [first, second] : [first])]);
    return {
      filename,
      status: kind,
      additions: Number(added) || 0,
      deletions: Number(deleted) || 0,
      sha: kind === 'removed' ? null : (tryGit(dir, ['rev-parse', `${headSha}:${filename}`]) ?? null),
      ...(second !== undefined && { previousFilename: first }),
      ...(patch !== undefined && { patch: patch.split('\n').slice(4).join('\n') }),
    };
  });
}

/**
 * actions/checkout: a fresh clone of the repository at one commit, as the action makes it (origin
 * pointing at GitHub, the commit checked out on its branch or detached, `fetch-depth` commits of
 * history, every branch when the depth is 0).
 */
export function checkoutInto(
  source: string,
  target: string,
  options: { sha: string; ref: string; fetchDepth: number; fetchTags: boolean; remoteUrl: string },
): void {
  mkdirSync(target, { recursive: true });
  git(target, ['init', '-q']);
  git(target, ['remote', 'add', 'origin', `file://${source}`]);
  const depth = options.fetchDepth > 0 ? [`--depth=${options.fetchDepth}`] : [];
  const tags = options.fetchTags || options.fetchDepth === 0 ? [] : ['--no-tags'];
  const branch = options.ref.startsWith('refs/heads/') ? options.ref.slice('refs/heads/'.length) : undefined;
  const pull = /^refs\/pull\/(\d+)\/merge$/.exec(options.ref);
  const refspecs =
    options.fetchDepth === 0
      ? ['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*', `+${options.sha}:${localRef()}`]
      : [`+${options.sha}:${localRef()}`];
  function localRef(): string {
    if (branch) return `refs/remotes/origin/${branch}`;
    if (pull) return `refs/remotes/pull/${pull[1]}/merge`;
    if (options.ref.startsWith('refs/tags/')) return options.ref;
    return 'refs/remotes/origin/HEAD-commit';
  }
  git(target, ['-c', 'protocol.file.allow=always', 'fetch', '-q', ...tags, ...depth, 'origin', ...refspecs]);
  if (branch) git(target, ['checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`]);
  else git(target, ['checkout', '-q', '--force', '--detach', options.sha]);
  // After checkout the remote is GitHub's: nothing more can be fetched offline, as a runner cannot reach a repository it has no token for.
  git(target, ['remote', 'set-url', 'origin', options.remoteUrl]);
}
