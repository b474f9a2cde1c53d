import { registerHandlers } from './api-handlers.js';
import { FakeGitHubApi } from './fake-github-api.js';
import { GitHubState } from './github-state.js';
import type { TokenRegistry } from './permissions.js';

/**
 * The REST fake alone, with no repository or workflow runs behind it: `acme/pipes`, where only
 * `sha` is a commit. For tests of single requests and of dagline's client.
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
    artifactZip: () => Buffer.from(''),
    actorOf: (holder) => ({ login: holder, id: 7, type: 'User' }),
  });
  return { api, state };
}
