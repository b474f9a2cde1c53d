import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_REQUEST, publishCheckRun } from '../../src/github/check-run.js';
import type { GitHubClient } from '../../src/github/client.js';
import { keepMarkedComment } from '../../src/github/marked-comment.js';
import { octokitClient } from '../../src/github/octokit-client.js';
import type { FakeGitHubApi } from './fake-github-api.js';
import type { GitHubState } from './github-state.js';
import { permissionsFrom, TokenRegistry } from './permissions.js';
import { standaloneApi } from './standalone-api.js';

/** The writes a pull request's validation makes, against the fake (every request checked against GitHub's description). */
describe('check run and marked comment, against the fake REST API', () => {
  let api: FakeGitHubApi;
  let state: GitHubState;
  let client: GitHubClient;
  const sha = 'b'.repeat(40);
  const MARKER = '<!-- dagline:dag-diff -->';

  beforeAll(async () => {
    const tokens = new TokenRegistry();
    const writer = tokens.mint('test', permissionsFrom('write-all'), 'ghp_');
    ({ api, state } = await standaloneApi(tokens, sha));
    for (const number of [4, 5]) {
      state.pullRequests.push({
        id: 90 + number,
        number,
        title: 'change',
        headRef: 'topic',
        headSha: sha,
        baseRef: 'main',
        baseSha: sha,
        fromFork: false,
        files: [],
      });
    }
    client = octokitClient({ token: writer.token, repository: { owner: 'acme', repo: 'pipes' }, baseUrl: api.url });
  });
  afterAll(async () => {
    expect(api.violations).toEqual([]);
    await api.close();
  });

  it('publishes a completed check run with every annotation: one request, plus one per 50 past the first 50', async () => {
    const before = api.counts();
    const annotations = Array.from({ length: 2 * ANNOTATIONS_PER_REQUEST + 7 }, (_, i) => ({
      path: 'pipelines/p.yml',
      startLine: i + 1,
      endLine: i + 1,
      startColumn: 3,
      endColumn: 3,
      level: 'failure' as const,
      message: `error ${i}`,
    }));
    const published = await publishCheckRun(client, {
      name: 'dagline / validate',
      headSha: sha,
      conclusion: 'failure',
      title: '107 errors',
      summary: 'summary',
      annotations,
    });
    expect(published.requests).toBe(3);
    expect((api.counts()['checks/create'] ?? 0) - (before['checks/create'] ?? 0)).toBe(1);
    expect((api.counts()['checks/update'] ?? 0) - (before['checks/update'] ?? 0)).toBe(2);
    const stored = state.checkRuns.find((c) => c.id === published.id)!;
    expect([stored.name, stored.status, stored.conclusion]).toEqual(['dagline / validate', 'completed', 'failure']);
    expect(stored.annotations.map((a) => (a as { message: string }).message)).toEqual(
      annotations.map((a) => a.message),
    );

    const clean = await publishCheckRun(client, {
      name: 'dagline / validate',
      headSha: sha,
      conclusion: 'success',
      title: 'valid',
      summary: 'ok',
      annotations: [],
    });
    expect(clean.requests).toBe(1);
  });

  it('keeps one marked comment: created, edited in place, left alone when unchanged, deleted', async () => {
    await client.createIssueComment(4, 'a reviewer writes first');
    await client.createIssueComment(4, `> ${MARKER} quoted by someone`);
    const bodies = () => state.comments.filter((c) => c.issueNumber === 4).map((c) => c.body);

    expect((await keepMarkedComment(client, 4, MARKER, `${MARKER}\none`)).action).toBe('created');
    expect((await keepMarkedComment(client, 4, MARKER, `${MARKER}\ntwo`)).action).toBe('updated');
    expect((await keepMarkedComment(client, 4, MARKER, `${MARKER}\ntwo`)).action).toBe('unchanged');
    expect(bodies()).toEqual(['a reviewer writes first', `> ${MARKER} quoted by someone`, `${MARKER}\ntwo`]);

    expect((await keepMarkedComment(client, 4, MARKER, undefined)).action).toBe('deleted');
    expect((await keepMarkedComment(client, 4, MARKER, undefined)).action).toBe('none');
    expect(bodies()).toEqual(['a reviewer writes first', `> ${MARKER} quoted by someone`]);
  });

  it('mends a duplicate left by two runs that raced: the first is edited, the other deleted', async () => {
    await client.createIssueComment(5, `${MARKER}\nfrom run 1`);
    await client.createIssueComment(5, `${MARKER}\nfrom run 2`);
    const before = api.counts();
    expect((await keepMarkedComment(client, 5, MARKER, `${MARKER}\nnow`)).action).toBe('updated');
    expect(state.comments.filter((c) => c.issueNumber === 5).map((c) => c.body)).toEqual([`${MARKER}\nnow`]);
    const delta = (id: string) => (api.counts()[id] ?? 0) - (before[id] ?? 0);
    expect([delta('issues/list-comments'), delta('issues/update-comment'), delta('issues/delete-comment')]).toEqual([
      1, 1, 1,
    ]);
  });
});
