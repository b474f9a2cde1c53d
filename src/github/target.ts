import { UsageError } from '../errors/dagline-error.js';
import { remoteDefaultBranch, remoteUrl } from '../git/git-files.js';
import type { Repository } from './client.js';

/**
 * What a command that talks to GitHub from outside a workflow needs to know, read from the
 * environment as GitHub's own tools read it (GITHUB_TOKEN or GH_TOKEN, GITHUB_REPOSITORY), else
 * from the clone it runs in (the `origin` remote).
 */

type Env = Record<string, string | undefined>;

/** The token: GITHUB_TOKEN, else GH_TOKEN (gh's). */
export function tokenFrom(env: Env): string {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token)
    throw new UsageError(
      'no GitHub token: set GITHUB_TOKEN or GH_TOKEN',
      {},
      'a token that may write actions on the repository, e.g. GH_TOKEN=$(gh auth token)',
    );
  return token;
}

/**
 * owner/name of a remote URL on `host` (github.com, or the host of GITHUB_SERVER_URL): the https
 * and ssh forms (`https://github.com/o/r.git`, `ssh://git@github.com/o/r`, `git@github.com:o/r.git`).
 */
export function repositoryFromRemote(url: string, host = 'github.com'): Repository | undefined {
  const match =
    /^(?:https?|ssh|git|git\+ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url) ??
    /^(?:[^@/:]+@)?([^/:]+):([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  if (!match || match[1]!.toLowerCase() !== host.toLowerCase()) return undefined;
  return { owner: match[2]!, repo: match[3]! };
}

/** The repository: GITHUB_REPOSITORY (owner/name), else the GitHub repository `origin` points at. */
export function repositoryFrom(env: Env, cwd: string): Repository {
  const named = env.GITHUB_REPOSITORY;
  if (named) {
    const [owner, repo, extra] = named.split('/');
    if (!owner || !repo || extra !== undefined)
      throw new UsageError(`GITHUB_REPOSITORY=${JSON.stringify(named)} is not owner/name`);
    return { owner, repo };
  }
  const url = remoteUrl('origin', cwd);
  const host = serverHost(env);
  const repository = url === undefined ? undefined : repositoryFromRemote(url, host);
  if (!repository)
    throw new UsageError(
      url === undefined
        ? 'no repository: GITHUB_REPOSITORY is not set and this folder has no git remote "origin"'
        : `no repository: GITHUB_REPOSITORY is not set and the remote "origin" (${url}) is not on ${host}`,
      {},
      'set GITHUB_REPOSITORY=owner/name',
    );
  return repository;
}

/**
 * The ref a dispatch runs on when none is given: in a workflow, the branch or tag it runs for
 * (a master pipeline's children run the same version of the repository); elsewhere the
 * repository's default branch as the clone knows it (`origin/HEAD`), as `gh workflow run` does.
 */
export function defaultRef(env: Env, cwd: string): string | undefined {
  if (env.GITHUB_ACTIONS === 'true') {
    const ref = /^refs\/(?:heads|tags)\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
    if (ref) return ref;
  }
  return remoteDefaultBranch('origin', cwd);
}

function serverHost(env: Env): string {
  try {
    return env.GITHUB_SERVER_URL ? new URL(env.GITHUB_SERVER_URL).host : 'github.com';
  } catch {
    return 'github.com';
  }
}
