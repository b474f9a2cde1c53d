import { registerHandlers } from './api-handlers.js';
import { artifactBytes } from './artifact-actions.js';
import { FakeGitHubApi } from './fake-github-api.js';
import { GitHubState } from './github-state.js';
import type { TokenRegistry } from './permissions.js';

/**
 * The REST fake alone, with no repository behind it: `acme/pipes`, where only `sha` is a commit,
 * and whatever runs and artifacts a test puts in its state (seed-runs.ts). For tests of single
 * requests and of dagline's client, and the requests benchmark.
 */
export async function standaloneApi(
  tokens: TokenRegistry,
  sha: string,
): Promise<{ api: FakeGitHubApi; state: GitHubState }> {
  const state = new GitHubState({
    owner: { login: 'acme', id: 1, type: 'User' },
    name: 'pipes',
    id: 2,
    defaultBranch: 'main',
    private: true,
  });
  const api = await FakeGitHubApi.start(state, tokens);
  registerHandlers(api, {
    dispatch: () => {
      throw new Error('not used here');
    },
    cancel: () => {},
    commitExists: (s) => s === sha,
    artifactZip: artifactBytes,
    actorOf: (holder) => ({ login: holder, id: 7, type: 'User' }),
  });
  return { api, state };
}
