import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHandlers, type ApiHooks } from './api-handlers.js';
import { FakeGitHubApi } from './fake-github-api.js';
import { GitHubState } from './github-state.js';
import { permissionsFrom, readOnly, TokenRegistry } from './permissions.js';

describe('the fake REST API', () => {
  let api: FakeGitHubApi;
  let state: GitHubState;
  const tokens = new TokenRegistry();
  const writer = tokens.mint('test', permissionsFrom('write-all'), 'ghp_');
  const reader = tokens.mint('fork', readOnly(permissionsFrom('write-all')), 'ghp_');
  const sha = 'a'.repeat(40);

  beforeAll(async () => {
    state = new GitHubState({
      owner: { login: 'acme', id: 1, type: 'User' },
      name: 'pipes',
      id: 2,
      defaultBranch: 'main',
      private: true,
    });
    api = await FakeGitHubApi.start(state, tokens);
    const hooks: ApiHooks = {
      dispatch: () => {
        throw new Error('not used here');
      },
      cancel: () => {},
      commitExists: (s) => s === sha,
      artifactZip: () => Buffer.from(''),
      actorOf: (holder) => ({ login: holder, id: 7, type: 'User' }),
    };
    registerHandlers(api, hooks);
    state.pullRequests.push({
      id: 90,
      number: 3,
      title: 'change',
      headRef: 'topic',
      headSha: sha,
      baseRef: 'main',
      baseSha: sha,
      fromFork: false,
      files: [],
    });
  });
  afterAll(() => api.close());

  const call = (method: string, path: string, body?: unknown, token = writer.token) =>
    fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `token ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  it('answers an operation with a response that holds to the description, and counts it', async () => {
    const before = api.count('checks/create');
    const response = await call('POST', '/repos/acme/pipes/check-runs', {
      name: 'dagline / x',
      head_sha: sha,
      status: 'in_progress',
    });
    expect(response.status).toBe(201);
    const check = (await response.json()) as { id: number; status: string };
    expect(check.status).toBe('in_progress');
    expect(api.count('checks/create')).toBe(before + 1);
    expect(api.violations).toEqual([]);
  });

  it('refuses a request whose body breaks the schema, and records the violation', async () => {
    const response = await call('POST', '/repos/acme/pipes/check-runs', { name: 3 });
    expect(response.status).toBe(422);
    const [violation, ...rest] = api.takeViolations();
    expect(rest).toEqual([]);
    expect(violation?.operationId).toBe('checks/create');
    expect(violation?.problems).toEqual(["body: must have required property 'head_sha'", 'body/name: must be string']);
  });

  it('refuses more than 50 annotations in one request, as GitHub does', async () => {
    const annotation = { path: 'p.yml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' };
    const response = await call('POST', '/repos/acme/pipes/check-runs', {
      name: 'x',
      head_sha: sha,
      output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) },
    });
    expect(response.status).toBe(422);
    expect(api.takeViolations()[0]?.problems).toEqual(['body/output/annotations: must NOT have more than 50 items']);
  });

  it('refuses a query parameter the operation does not have, a path no operation has, and a missing token', async () => {
    expect((await call('GET', '/repos/acme/pipes/actions/runs?per_pag=3')).status).toBe(422);
    expect((await call('GET', '/repos/acme/pipes/actions/nonsense')).status).toBe(404);
    expect((await fetch(`${api.url}/repos/acme/pipes/actions/runs`)).status).toBe(401);
    expect(api.takeViolations().map((v) => v.problems[0])).toEqual([
      'query parameter "per_pag" is not one of actions/list-workflow-runs-for-repo\'s',
      "GET /repos/acme/pipes/actions/nonsense matches no operation of GitHub's REST API",
      'no Authorization header (token or bearer)',
    ]);
  });

  it('answers a read-only token 403 on writes, as a fork pull request gets', async () => {
    const response = await call('POST', '/repos/acme/pipes/issues/3/comments', { body: 'hi' }, reader.token);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toBe('Resource not accessible by integration');
    expect((await call('GET', '/repos/acme/pipes/issues/3/comments', undefined, reader.token)).status).toBe(200);
    expect(api.violations).toEqual([]);
  });

  it('keeps comments: create, list, update, delete', async () => {
    const created = (await (await call('POST', '/repos/acme/pipes/issues/3/comments', { body: 'one' })).json()) as {
      id: number;
    };
    await call('PATCH', `/repos/acme/pipes/issues/comments/${created.id}`, { body: 'two' });
    const listed = (await (await call('GET', '/repos/acme/pipes/issues/3/comments')).json()) as { body: string }[];
    expect(listed.map((c) => c.body)).toEqual(['two']);
    expect((await call('DELETE', `/repos/acme/pipes/issues/comments/${created.id}`)).status).toBe(204);
    expect(await (await call('GET', '/repos/acme/pipes/issues/3/comments')).json()).toEqual([]);
    expect(api.violations).toEqual([]);
  });

  it('pages lists with a Link header', async () => {
    for (let i = 0; i < 3; i++) await call('POST', '/repos/acme/pipes/issues/3/comments', { body: `c${i}` });
    const first = await call('GET', '/repos/acme/pipes/issues/3/comments?per_page=2');
    expect(((await first.json()) as unknown[]).length).toBe(2);
    expect(first.headers.get('link')).toMatch(/[?&]page=2>; rel="next"/);
    const second = await call('GET', '/repos/acme/pipes/issues/3/comments?per_page=2&page=2');
    expect(((await second.json()) as unknown[]).length).toBe(1);
    expect(second.headers.get('link')).not.toMatch(/rel="next"/);
  });
});
