import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { completeCheckRun } from '../../src/github/check-run.js';
import { octokitClient } from '../../src/github/octokit-client.js';
import type { FakeGitHubApi } from './fake-github-api.js';
import type { GitHubState } from './github-state.js';
import { GitHubHarness, type HarnessOptions } from './harness.js';
import { permissionsFrom, readOnly, TokenRegistry } from './permissions.js';
import { standaloneApi } from './standalone-api.js';

describe('the fake REST API', () => {
  let api: FakeGitHubApi;
  let state: GitHubState;
  const tokens = new TokenRegistry();
  const writer = tokens.mint('test', permissionsFrom('write-all'), 'ghp_');
  const reader = tokens.mint('fork', readOnly(permissionsFrom('write-all')), 'ghp_');
  const sha = 'a'.repeat(40);

  beforeAll(async () => {
    ({ api, state } = await standaloneApi(tokens, sha));
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

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const PINS = {
  'actions/checkout': '1'.repeat(40),
  'actions/upload-artifact': '2'.repeat(40),
  'actions/download-artifact': '3'.repeat(40),
};
const VALID_PIPELINE = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../examples/etl/etl.yml'),
  'utf8',
);

/** A repository with every fixture workflow and one pipeline, and a harness on it. */
async function harness(options: Partial<HarnessOptions> = {}): Promise<GitHubHarness> {
  const repo = mkdtempSync(join(tmpdir(), 'dagline-gh-repo-'));
  mkdirSync(join(repo, '.github/workflows'), { recursive: true });
  for (const name of readdirSync(fixtures)) copyFileSync(join(fixtures, name), join(repo, '.github/workflows', name));
  mkdirSync(join(repo, 'pipelines'));
  writeFileSync(join(repo, 'pipelines/p.yml'), VALID_PIPELINE);
  return GitHubHarness.start({ repo, pinnedActions: PINS, secrets: { API_TOKEN: 'tok-123' }, ...options });
}

// Runs start real processes on a machine other tests share: these timeouts catch hangs, not slowness.
describe('the workflow runner', { timeout: 300_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await harness();
  });
  afterAll(() => gh.close());

  it('runs jobs in needs order with outputs, inputs, env files and heredocs; no file leaks between jobs', async () => {
    const run = await gh.dispatch('needs-outputs.yml', { inputs: { greeting: 'hello' } });
    expect(run.record.displayTitle).toBe('greet hello at low');
    await run.execute();
    expect(run.conclusion).toBe('success');
    const first = run.job('first');
    expect(first.outputs).toEqual({
      word: 'hello-from-workflow',
      multi: 'line one\nline two',
      later: 'set-by-env-file',
    });
    expect(first.legs[0]!.summary).toBe('## summary of first\n');
    // GITHUB_PATH reaches the next step's PATH.
    expect(first.legs[0]!.steps[3]!.log).toEqual(['tool ran']);
    // second checks out the repository and finds no file the first job wrote (the script asserts it).
    expect(run.job('second').result).toBe('success');
    // needs shows only the direct needs.
    const needsLog = run.job('third').legs[0]!.log.join('\n');
    expect(JSON.parse(needsLog)).toEqual({ second: { result: 'success', outputs: {} } });
    expect(run.job('first').legs[0]!.apiJob.steps.map((s) => s.name)).toEqual([
      'Set up job',
      'Run actions/checkout@1111111111111111111111111111111111111111',
      'Run echo "word=$GREETING-$WORKFLOW_VALUE" >> "$GITHUB_OUTPUT"',
      'Run mkdir -p "$RUNNER_TEMP/bin"',
      'Run mytool',
      'Run echo "## summary of first" >> "$GITHUB_STEP_SUMMARY"',
      'Complete job',
    ]);
  });

  it("holds a job's outputs to GitHub's 1 MB a job, counted in UTF-16, all its outputs together", async () => {
    const run = await (await gh.dispatch('outputs-limit.yml')).execute();
    expect(run.job('one-big').result).toBe('success');
    expect(run.job('one-big').outputs.a).toHaveLength(400_000);
    expect(run.job('two-big').result).toBe('failure');
    expect(run.job('two-big').outputs).toEqual({ a: 'x'.repeat(300_000) });
    expect(run.annotations.find((a) => a.job === 'two-big')?.message).toBe(
      "The job's outputs come to 1200004 bytes with 'b' (UTF-16); GitHub's limit is 1 MB per job",
    );
  });

  it('refuses a dispatch whose inputs do not hold, as GitHub does', async () => {
    await expect(gh.dispatch('needs-outputs.yml', { inputs: { level: 'medium' } })).rejects.toThrow(
      "Provided value 'medium' for input 'level' not in the list of allowed values",
    );
    await expect(gh.dispatch('needs-outputs.yml', { inputs: { nope: 'x' } })).rejects.toThrow(
      'Unexpected inputs provided: ["nope"]',
    );
  });

  it("applies GitHub's job status functions: a skipped ancestor skips, failure() sees every ancestor", async () => {
    const run = await (await gh.dispatch('status-functions.yml')).execute();
    const results = Object.fromEntries([...run.jobs.values()].map((j) => [j.id, j.result]));
    expect(results).toEqual({
      fails: 'failure',
      skipped: 'skipped',
      'after-skip': 'skipped',
      'on-failure': 'success',
      always: 'success',
      'after-on-failure': 'skipped',
      'on-cancel': 'skipped',
      independent: 'success',
    });
    const steps = run.job('independent').legs[0]!.steps;
    expect(steps.map((s) => [s.outcome, s.conclusion])).toEqual([
      ['failure', 'success'],
      ['success', 'success'],
      ['skipped', 'skipped'],
    ]);
    expect(run.conclusion).toBe('failure');
  });

  it('expands matrices as GitHub does: include/exclude, outputs of the last leg, 257 legs refused, fail-fast', async () => {
    const run = await (await gh.dispatch('matrix.yml')).execute();
    const stat = run.job('static');
    expect(stat.legs.map((l) => l.name)).toEqual([
      'static (a, 1, x)',
      'static (a, 2, x)',
      'static (b, 1)',
      'static (c, 9)',
    ]);
    // max-parallel 1: the legs finish in order, and the job's output is the last one's;
    // an output only the first leg set stays (empty outputs do not overwrite).
    expect(stat.outputs).toEqual({ leg: 'c-9-', 'only-first': 'yes' });
    // runs-on reads the leg's matrix.
    expect(run.record.jobs.filter((j) => j.name.startsWith('static')).map((j) => j.labels)).toEqual([
      ['ubuntu-latest'],
      ['ubuntu-latest'],
      ['ubuntu-latest'],
      ['macos-latest'],
    ]);
    const tooMany = run.job('too-many');
    expect(tooMany.result).toBe('failure');
    expect(tooMany.error).toContain("the matrix generates 257 jobs; GitHub's limit is 256 per matrix");
    expect(tooMany.legs).toEqual([]);
    expect(run.job('fail-fast').legs.map((l) => l.result)).toEqual(['failure', 'cancelled', 'cancelled']);
    expect(run.job('no-fail-fast').legs.map((l) => l.result)).toEqual(['failure', 'success']);
  });

  it('reads workflow commands: annotations, masks, stop-commands, the per-step limit; set-output refused', async () => {
    const run = await (await gh.dispatch('commands.yml')).execute();
    const job = run.job('talk');
    const [talk, old] = job.legs[0]!.steps;
    expect(talk!.annotations.slice(0, 3)).toEqual([
      {
        level: 'error',
        message: 'task b: needs c\nand more',
        title: 'bad, really',
        file: 'pipelines/p.yml',
        line: 3,
        col: 5,
      },
      { level: 'warning', message: 'careful' },
      { level: 'notice', message: 'commands again' },
    ]);
    // 12 errors printed in a loop, GitHub shows 10 errors per step (one is above).
    expect(talk!.annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(talk!.log).toContain('the value is *** and the secret is ***');
    expect(talk!.log).toContain('::error::not a command while stopped');
    // An output holding a secret is dropped, with GitHub's warning.
    expect(job.outputs).toEqual({ plain: 'visible' });
    expect(job.legs[0]!.annotations).toContainEqual({
      level: 'warning',
      message: "Skip output 'secret-out' since it may contain secret.",
    });
    expect(old!.outcome).toBe('failure');
    expect(old!.annotations[0]!.message).toMatch(/set-output is deprecated/);
  });

  it('gives each job its token with its permissions, and records its environment', async () => {
    const run = await (await gh.dispatch('permissions.yml')).execute();
    expect(run.conclusion).toBe('success');
    const writer = run.job('writer');
    expect(writer.environment).toEqual({ name: 'production' });
    expect(writer.permissions).toMatchObject({ checks: 'write', contents: 'read', issues: 'none', metadata: 'read' });
    expect(run.job('reader').permissions).toMatchObject({ checks: 'none', contents: 'read' });
    expect(gh.state.checkRuns.at(-1)?.name).toBe('dagline / x');
  });

  it('emulates upload-artifact and download-artifact: immutable names, globs, hidden files, patterns, merge', async () => {
    const run = await (await gh.dispatch('artifacts.yml')).execute();
    const part0 = run.artifacts.find((a) => a.name === 'part-1')!;
    // Two paths: their least common ancestor is the root; hidden files left out by default.
    expect([...part0.files.keys()].sort()).toEqual(['other.log', 'out/sub/file.txt']);
    const [, again, badName, nothing] = run.job('duplicate').legs[0]!.steps;
    expect(again!.annotations[0]!.message).toContain(
      '(409) Conflict: an artifact with this name already exists on the workflow run',
    );
    expect(badName!.annotations[0]!.message).toContain('Contains the following character:  Forward slash /');
    expect(nothing!.annotations[0]!.message).toBe(
      'No files were found with the provided path: missing/*.txt. No artifacts will be uploaded.',
    );
    // overwrite: true replaced part-0 with a new artifact.
    expect([...run.artifacts.find((a) => a.name === 'part-0')!.files.keys()]).toEqual(['x.txt']);
    const listing = run.job('down').legs[0]!.steps.at(-1)!.log;
    expect(listing).toEqual([
      'by-name/other.log',
      'by-name/out/sub/file.txt',
      'by-pattern/part-0/x.txt',
      'by-pattern/part-1/other.log',
      'by-pattern/part-1/out/sub/file.txt',
      'lone/x.txt',
      'merged/other.log',
      'merged/out/sub/file.txt',
      'merged/x.txt',
      'via-api/other.log',
      'via-api/out/sub/file.txt',
    ]);
    // With github-token, download-artifact goes through the REST API, checked and counted there.
    const viaApi = gh.api.requests.filter((r) => r.holder === `${run.id}/down`).map((r) => [r.operationId, r.status]);
    expect(viaApi).toEqual([
      ['actions/list-workflow-run-artifacts', 200],
      ['actions/download-artifact', 302],
    ]);
  });

  it('calls reusable workflows with typed inputs, inherited secrets and outputs; refuses an eleventh level', async () => {
    const run = await (await gh.dispatch('caller.yml')).execute();
    expect(run.conclusion).toBe('success');
    expect(run.job('call').outputs).toEqual({ doubled: '14' });
    expect(run.job('call/double').legs[0]!.name).toBe('call / double');
    const deep = await (await gh.dispatch('level-1.yml')).execute();
    expect(deep.conclusion).toBe('failure');
    const failed = [...deep.jobs.values()].find((j) => j.error);
    expect(failed?.error).toContain('reusable workflows nest at most 10 levels');
  });

  it('re-runs failed jobs as attempt 2: successful jobs keep their outputs and artifacts', async () => {
    const run = await (await gh.dispatch('rerun.yml')).execute();
    expect(run.conclusion).toBe('failure');
    expect(run.job('after').result).toBe('skipped');
    await run.rerunFailed();
    expect(run.attempt).toBe(2);
    expect(run.conclusion).toBe('success');
    expect(run.job('steady').attempt).toBe(1);
    expect(run.job('steady').outputs).toEqual({ attempt: '1' });
    expect(run.job('flaky').attempt).toBe(2);
    expect(run.job('after').result).toBe('success');
    expect(run.job('report').attempt).toBe(2);
    expect(run.artifacts.map((a) => [a.name, a.attempt])).toEqual([['steady-record', 1]]);
    // A full re-run uploads the same name again: immutable artifacts refuse it, as GitHub does.
    await run.rerunAll();
    expect(run.job('steady').result).toBe('failure');
  });

  it('runs workflows on push (branch and path filters), pull_request (merge commit, fork token) and schedule', async () => {
    const scheduled = await (await gh.schedule('events.yml', '0 2 * * *')).execute();
    expect(scheduled.job('show').legs[0]!.steps[0]!.log[0]).toBe(
      'event=schedule schedule=0 2 * * * ref=refs/heads/main secret=set',
    );

    gh.commit({ 'README.md': 'docs only' });
    expect(await gh.push()).toEqual([]);
    gh.commit({ 'pipelines/p.yml': `${VALID_PIPELINE}\n# changed\n` });
    const [pushed, ...more] = await gh.push();
    expect(more).toEqual([]);
    expect((await pushed!.execute()).job('show').legs[0]!.steps[0]!.log[0]).toMatch(
      /^event=push schedule= ref=refs\/heads\/main secret=set$/,
    );

    gh.commit({ 'pipelines/new.yml': VALID_PIPELINE }, { branch: 'topic' });
    const [pull] = await gh.pullRequest({ number: 5, head: 'topic' });
    const log = (await pull!.execute()).job('show').legs[0]!.steps[0]!.log;
    expect(log).toEqual([
      'event=pull_request schedule= ref=refs/pull/5/merge secret=set',
      'comment=201',
      '"filename":"pipelines/new.yml"',
    ]);
    expect(gh.state.comments.map((c) => [c.issueNumber, c.body, c.user.login])).toEqual([
      [5, 'hello', 'github-actions[bot]'],
    ]);

    // A fork's pull request: no secrets, and the token cannot write (GitHub's 403, no contract violation).
    gh.commit({ 'pipelines/fork.yml': VALID_PIPELINE }, { branch: 'fork-topic' });
    const [forked] = await gh.pullRequest({ number: 6, head: 'fork-topic', fromFork: true });
    const forkLog = (await forked!.execute()).job('show').legs[0]!.steps[0]!.log;
    expect(forkLog.slice(0, 2)).toEqual(['event=pull_request schedule= ref=refs/pull/6/merge secret=', 'comment=403']);
    expect(forked!.job('show').permissions).toMatchObject({ 'pull-requests': 'read', contents: 'read' });
  });

  it('starts a run dispatched through the REST API from a job, which can follow it to its end', async () => {
    const run = await (await gh.dispatch('dispatcher.yml')).execute();
    expect(run.conclusion).toBe('success');
    const dispatched = gh.run(Number(run.job('dispatch').outputs.run));
    expect(dispatched.event.name).toBe('workflow_dispatch');
    expect(dispatched.record.displayTitle).toBe('greet hi at low');
    expect(dispatched.conclusion).toBe('success');
    expect(dispatched.record.actor.login).toBe('github-actions[bot]');
  });

  it("runs dagline's action from the working tree through uses:", async () => {
    const run = await (await gh.dispatch('dagline-validate.yml')).execute();
    const job = run.job('validate');
    expect(job.result).toBe('success');
    expect(job.outputs).toEqual({ valid: 'true', errors: '0' });
    expect(job.legs[0]!.summary).toContain('<h2>dagline validate</h2>');
    // The first run of a test run waits for ncc's bundle of the action: minutes on a busy machine.
  }, 1_200_000);
});

describe('the workflow runner with short minutes', { timeout: 300_000 }, () => {
  it('cancels a job past timeout-minutes (always() steps still run) and fails a step past its own', async () => {
    const gh = await harness({ minuteMs: 300 });
    try {
      const run = await (await gh.dispatch('timeout.yml')).execute();
      const slow = run.job('slow');
      expect(slow.result).toBe('cancelled');
      expect(slow.legs[0]!.steps.map((s) => s.outcome)).toEqual(['cancelled', 'success']);
      expect(slow.legs[0]!.annotations.at(-1)?.message).toBe('The job has exceeded the maximum execution time of 1m0s');
      const stepTimeout = run.job('step-timeout');
      expect(stepTimeout.result).toBe('success');
      expect(stepTimeout.legs[0]!.steps.map((s) => [s.outcome, s.conclusion])).toEqual([
        ['failure', 'success'],
        ['success', 'success'],
      ]);
    } finally {
      await gh.close();
    }
  });

  it('cancels the run in progress of a concurrency group with cancel-in-progress', async () => {
    const gh = await harness();
    try {
      const first = await gh.dispatch('concurrency.yml');
      const running = first.execute();
      await vi.waitFor(() => expect(first.record.jobs[0]?.status).toBe('in_progress'), {
        timeout: 60_000,
        interval: 20,
      });
      const second = await gh.dispatch('concurrency.yml', { inputs: { target: 'other' } });
      const third = await gh.dispatch('concurrency.yml');
      const thirdRun = third.execute();
      await running;
      expect(first.conclusion).toBe('cancelled');
      third.cancel();
      await thirdRun;
      expect(third.conclusion).toBe('cancelled');
      expect(second.status).toBe('queued');
    } finally {
      await gh.close();
    }
  });
});

describe("dagline's GitHub client against the fake", { timeout: 300_000 }, () => {
  it('makes only requests that hold to the contract: runs, jobs, artifacts, check runs, dispatch, comments, files', async () => {
    const gh = await harness();
    try {
      const repository = { owner: gh.state.repository.owner.login, repo: gh.state.repository.name };
      const client = octokitClient({ token: gh.token, repository, baseUrl: gh.api.url });
      const run = await (await gh.dispatch('rerun.yml')).execute();

      const runs = await client.listWorkflowRuns('rerun.yml', { status: 'completed' });
      expect(runs.map((r) => [r.id, r.conclusion, r.path])).toEqual([
        [run.id, 'failure', '.github/workflows/rerun.yml'],
      ]);
      expect((await client.getWorkflowRun(run.id)).runAttempt).toBe(1);
      expect((await client.listJobs(run.id, 'all')).map((j) => [j.name, j.conclusion])).toEqual([
        ['steady', 'success'],
        ['flaky', 'failure'],
        ['after', 'skipped'],
        ['report', 'success'],
      ]);
      const [artifact] = await client.listArtifacts(run.id, { name: 'steady-record' });
      const files = unzipSync(await client.downloadArtifact(artifact!.id));
      expect(Buffer.from(files['made.txt']!).toString()).toBe('made in attempt 1\n');

      const check = await client.createCheckRun({
        name: 'dagline / rerun',
        headSha: run.record.headSha,
        status: 'in_progress',
      });
      const annotations = Array.from({ length: 120 }, (_, i) => ({
        path: 'pipelines/p.yml',
        startLine: i + 1,
        endLine: i + 1,
        level: 'failure' as const,
        message: `error ${i}`,
      }));
      const requests = await completeCheckRun(client, check.id, {
        conclusion: 'failure',
        title: 't',
        summary: 's',
        annotations,
      });
      expect(requests).toBe(3);
      const stored = gh.state.checkRuns.find((c) => c.id === check.id)!;
      expect([stored.conclusion, stored.annotations.length, gh.api.count('checks/update')]).toEqual([
        'failure',
        120,
        3,
      ]);

      gh.commit({ 'pipelines/new.yml': VALID_PIPELINE }, { branch: 'topic' });
      await gh.pullRequest({ number: 9, head: 'topic' });
      expect(await client.listPullFiles(9)).toEqual([{ filename: 'pipelines/new.yml', status: 'added' }]);
      const comment = await client.createIssueComment(9, '<!-- dagline -->\nfirst');
      await client.updateIssueComment(comment.id, '<!-- dagline -->\nsecond');
      expect((await client.listIssueComments(9)).map((c) => c.body)).toEqual(['<!-- dagline -->\nsecond']);
      await client.deleteIssueComment(comment.id);

      const dispatched = await client.dispatchWorkflow('needs-outputs.yml', 'main', { greeting: 'api' });
      expect(gh.run(dispatched.runId).record.displayTitle).toBe('greet api at low');
      expect(gh.api.violations).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});
