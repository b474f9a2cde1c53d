import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { octokitClient } from '../../src/github/octokit-client.js';
import { gitHubGuards, gitHubHistory } from '../../src/github/run-history.js';
import { assessGuards } from '../../src/run/guards.js';
import type { RunRecord as DaglineRecord } from '../../src/state/run-record.js';
import { pipelineOf } from '../helpers.js';
import { GitHubHarness } from './harness.js';
import { seedRuns, type SeededRun } from './seed-runs.js';

let gh: GitHubHarness;
beforeAll(async () => {
  const repo = mkdtempSync(join(tmpdir(), 'dagline-history-'));
  writeFileSync(join(repo, 'README.md'), 'history\n');
  gh = await GitHubHarness.start({ repo });
});
afterAll(async () => {
  await gh?.close();
});

const client = () =>
  octokitClient({
    token: gh.token,
    repository: { owner: gh.state.repository.owner.login, repo: gh.state.repository.name },
    baseUrl: gh.api.url,
  });

const seed = (pipeline: string, runs: SeededRun[]) => seedRuns(gh.state, pipeline, runs);

const failed = (extra: Partial<DaglineRecord> = {}): SeededRun => ({
  conclusion: 'failure',
  record: { status: 'failed', ...extra },
});
const completed = (extra: Partial<DaglineRecord> = {}): SeededRun => ({
  conclusion: 'success',
  record: { status: 'completed', ...extra },
});

/** The requests one question made, by operation. */
async function requestsOf<T>(
  question: () => Promise<T>,
): Promise<{ answer: T; counts: Record<string, number>; total: number }> {
  const before = gh.api.requests.length;
  const answer = await question();
  const counts: Record<string, number> = {};
  for (const request of gh.api.requests.slice(before))
    counts[request.operationId ?? '?'] = (counts[request.operationId ?? '?'] ?? 0) + 1;
  return { answer, counts, total: gh.api.requests.length - before };
}

const holdable = (name: string, limit = 3) =>
  pipelineOf(`name: ${name}\nmax-consecutive-failures: ${limit}\ntasks:\n  a: { run: 'true' }\n`);

describe('the history of a pipeline on GitHub', () => {
  it('puts a pipeline on hold after its last N completed runs failed, reading N records whatever the history holds', async () => {
    seed('fragile', [...Array.from({ length: 60 }, () => completed()), failed(), failed(), failed()]);
    const { answer, counts, total } = await requestsOf(() =>
      assessGuards(gitHubHistory({ client: client() }), holdable('fragile'), undefined),
    );
    expect(answer).toEqual({
      kind: 'on-hold',
      message:
        'pipeline "fragile" is on hold after 3 failed runs in a row; nothing runs until a run of dagline-fragile.yml is dispatched with dagline-release: true',
      path: ['max-consecutive-failures'],
    });
    expect(counts).toEqual({
      'actions/list-workflow-runs': 1,
      'actions/list-workflow-run-artifacts': 3,
      'actions/download-artifact': 3,
    });
    expect(total).toBe(7);
  });

  it('is not on hold after a success, a release, or failures of trial runs; a release dispatch is let through', async () => {
    seed('steady', [failed(), failed(), completed(), failed()]);
    seed('released', [failed(), failed(), failed(), failed({ release: true }), failed()]);
    seed('tried', [
      failed(),
      failed({ selection: { only: ['a'], from: [] } }),
      failed({ selection: { only: [], from: ['a'] } }),
      failed(),
    ]);
    seed('held', [failed(), failed(), failed(), { conclusion: 'success', record: { status: 'on_hold' } }]);
    const history = gitHubHistory({ client: client() });
    const verdict = async (name: string, release = false) =>
      (await assessGuards(history, holdable(name), undefined, { release })).kind;
    expect(await verdict('steady')).toBe('go');
    expect(await verdict('released')).toBe('go'); // the release run and the one after: 2 of 3
    expect(await verdict('tried')).toBe('go'); // 2 full failures; the trials do not count
    expect(await verdict('held')).toBe('on-hold'); // the last run was put on hold
    expect(await verdict('held', true)).toBe('go');
    const { answer } = await requestsOf(() => gitHubGuards({ client: client() }).check(holdable('held'), {}, false));
    expect(answer.kind).toBe('on-hold');
  });

  it('counts a run without a record by its conclusion, and a pipeline never compiled has no history', async () => {
    seed('bare', [{ conclusion: 'failure' }, { conclusion: 'timed_out' }]);
    const history = gitHubHistory({ client: client() });
    expect((await assessGuards(history, holdable('bare', 2), undefined)).kind).toBe('on-hold');
    const { answer, counts } = await requestsOf(() => assessGuards(history, holdable('never', 2), undefined));
    expect(answer.kind).toBe('go');
    expect(counts).toEqual({ 'actions/list-workflow-runs': 1 });
  });

  it('meets requires with a completed run with those params, reading a bounded number of records', async () => {
    seed('base', [
      completed({ params: { stage: 'Initial data' } }),
      ...Array.from({ length: 30 }, () => completed({ params: { stage: 'IaC' } })),
      { conclusion: 'success', record: { status: 'on_hold', params: { stage: 'IaC' } } },
    ]);
    const dependent = (stage: string) =>
      pipelineOf(
        `name: dependent\nrequires:\n  - pipeline: base\n    params: { stage: ${stage} }\ntasks:\n  b: { run: 'true' }\n`,
      );
    const history = gitHubHistory({ client: client() });
    const found = await requestsOf(() => assessGuards(history, dependent('IaC'), undefined));
    expect(found.answer).toEqual({ kind: 'go' });
    expect(found.total).toBe(1 + 2 * 2); // the on-hold run, then a completed one
    const missing = await requestsOf(() => assessGuards(history, dependent("'Initial data'"), undefined));
    expect(missing.answer).toMatchObject({
      kind: 'refused',
      message: `requires a completed run of "base" with stage=Initial data, and there is none on GitHub (${gh.state.repository.owner.login}/${gh.state.repository.name})`,
      path: ['requires', 0, 'pipeline'],
    });
    // Bounded: 10 records and their pages (records already read are not read again), not one per run.
    expect(missing.counts['actions/list-workflow-runs']).toBeLessThanOrEqual(2);
    expect(missing.counts['actions/download-artifact']).toBe(8);
    expect(missing.total).toBeLessThanOrEqual(2 + 2 * 10);
  });

  it('finds the queued and running runs of a concurrency group, leaving out the run that asks', async () => {
    const [own, running, rerun] = seed('grouped', [
      { conclusion: null, status: 'in_progress' },
      { conclusion: null, status: 'in_progress' },
      { conclusion: null, status: 'queued', attempt: 2, record: { status: 'failed', concurrencyGroup: 'other-day' } },
    ]) as [number, number, number];
    const pipeline = pipelineOf(
      "name: grouped\nparams: { day: { type: string } }\nconcurrency: { group: 'g-${{ params.day }}' }\ntasks:\n  a: { run: 'true' }\n",
    );
    const history = gitHubHistory({ client: client(), currentRunId: own });
    const { answer, counts } = await requestsOf(() => assessGuards(history, pipeline, 'g-1'));
    expect(answer).toMatchObject({ kind: 'busy', group: 'g-1', busy: [{ id: `gh-${running}`, groupUnknown: true }] });
    expect(counts).toEqual({
      'actions/list-workflow-runs': 2,
      'actions/list-workflow-run-artifacts': 1,
      'actions/download-artifact': 1,
    });
    const rerunOnly = gitHubHistory({ client: client(), currentRunId: running });
    const other = await assessGuards(rerunOnly, pipeline, 'other-day');
    expect(other).toMatchObject({ kind: 'busy', busy: [{ id: `gh-${own}` }, { id: `gh-${rerun}` }] });
  });
});
