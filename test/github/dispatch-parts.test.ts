import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { GitHubClient, WorkflowJob, WorkflowRun } from '../../src/github/client.js';
import { followRun, pollMsFrom, progressLine, type RunProgress } from '../../src/github/dispatch.js';
import { defaultRef, repositoryFrom, repositoryFromRemote, tokenFrom } from '../../src/github/target.js';

/** A clone with an `origin` remote (and, when given, origin/HEAD naming its default branch). */
function clone(url: string, head?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dagline-clone-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('remote', 'add', 'origin', url);
  if (head) git('symbolic-ref', 'refs/remotes/origin/HEAD', `refs/remotes/origin/${head}`);
  return dir;
}

describe('where a dispatch goes', () => {
  it("reads owner/name from origin's https and ssh URLs on github.com", () => {
    const acme = { owner: 'acme', repo: 'data' };
    for (const url of [
      'https://github.com/acme/data.git',
      'https://github.com/acme/data',
      'https://someone@github.com/acme/data.git',
      'ssh://git@github.com/acme/data.git',
      'ssh://git@github.com:22/acme/data',
      'git@github.com:acme/data.git',
      'git@github.com:acme/data',
    ])
      expect(repositoryFromRemote(url), url).toEqual(acme);
    expect(repositoryFromRemote('git@gitlab.com:acme/data.git')).toBeUndefined();
    expect(repositoryFromRemote('https://github.com/acme')).toBeUndefined();
    expect(repositoryFromRemote('git@git.corp.example:acme/data.git', 'git.corp.example')).toEqual(acme);
  });

  it('takes GITHUB_REPOSITORY first, else origin; the ref from the workflow, else origin/HEAD', () => {
    const dir = clone('git@github.com:acme/data.git', 'trunk');
    expect(repositoryFrom({}, dir)).toEqual({ owner: 'acme', repo: 'data' });
    expect(repositoryFrom({ GITHUB_REPOSITORY: 'other/repo' }, dir)).toEqual({ owner: 'other', repo: 'repo' });
    expect(() => repositoryFrom({ GITHUB_REPOSITORY: 'other' }, dir)).toThrow(/is not owner\/name/);
    expect(() => repositoryFrom({}, clone('git@gitlab.com:acme/data.git'))).toThrow(
      /the remote "origin" \(git@gitlab\.com:acme\/data\.git\) is not on github\.com/,
    );
    expect(defaultRef({}, dir)).toBe('trunk');
    expect(defaultRef({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/release/2' }, dir)).toBe('release/2');
    expect(defaultRef({ GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/pull/3/merge' }, dir)).toBe('trunk');
    expect(defaultRef({}, clone('git@github.com:acme/data.git'))).toBeUndefined();
  });

  it('takes the token from GITHUB_TOKEN or GH_TOKEN; none is a usage error before anything is asked', async () => {
    expect(tokenFrom({ GH_TOKEN: 'b' })).toBe('b');
    expect(tokenFrom({ GITHUB_TOKEN: 'a', GH_TOKEN: 'b' })).toBe('a');
    const dir = clone('git@github.com:acme/data.git', 'main');
    writeFileSync(join(dir, 'p.yml'), 'name: p\ntasks:\n  a: { run: "true" }\n');
    let stderr = '';
    const code = await runCli(['dispatch', join(dir, 'p.yml')], {
      out: () => {},
      err: (text) => void (stderr += text),
      env: { GITHUB_API_URL: 'http://127.0.0.1:9' },
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: no GitHub token: set GITHUB_TOKEN or GH_TOKEN (a token that may write actions on the repository, e.g. GH_TOKEN=$(gh auth token))\n',
    );
  });

  it('refuses a bad choice with its options before it asks for a token (regression: said only that no token was set)', async () => {
    const dir = clone('git@github.com:acme/data.git', 'main');
    writeFileSync(
      join(dir, 'p.yml'),
      'name: p\nparams:\n  dataStage: { type: choice, options: [IaC, Initial data] }\ntasks:\n  a: { run: "true" }\n',
    );
    let stderr = '';
    const code = await runCli(['dispatch', join(dir, 'p.yml'), '--param', 'dataStage=Bogus'], {
      out: () => {},
      err: (text) => void (stderr += text),
      env: { GITHUB_API_URL: 'http://127.0.0.1:9' },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\S*p\.yml:3:\d+: error: .*Bogus.*IaC.*Initial data.*\n$/);
    expect(stderr).not.toMatch(/token/);
  });

  it('takes the poll interval from DAGLINE_POLL_MS', () => {
    expect(pollMsFrom({})).toBe(15_000);
    expect(pollMsFrom({ DAGLINE_POLL_MS: '5' })).toBe(5);
    expect(() => pollMsFrom({ DAGLINE_POLL_MS: '1s' })).toThrow(/DAGLINE_POLL_MS=1s is not a whole number/);
  });
});

describe('following a run', () => {
  /** A client whose run goes through these looks: its status and its jobs' statuses. */
  function scripted(looks: { status: string; conclusion?: string; jobs: string[] }[]): {
    client: GitHubClient;
    requests: string[];
  } {
    const requests: string[] = [];
    let look = -1;
    const run = (status: string, conclusion: string | null): WorkflowRun => ({
      id: 7,
      runNumber: 1,
      runAttempt: 1,
      status,
      conclusion,
      title: 't',
      event: 'workflow_dispatch',
      headSha: 'a',
      headBranch: 'main',
      createdAt: '2026-01-01T00:00:00Z',
      htmlUrl: 'https://github.com/acme/data/actions/runs/7',
    });
    const client = {
      getWorkflowRun: async () => {
        requests.push('run');
        look++;
        return run(looks[look]!.status, looks[look]!.conclusion ?? null);
      },
      listJobs: async (): Promise<WorkflowJob[]> => {
        requests.push('jobs');
        return looks[look]!.jobs.map((status, i) => ({
          id: i,
          name: `j${i}`,
          status,
          conclusion: null,
          startedAt: null,
          completedAt: null,
        }));
      },
    } as unknown as GitHubClient;
    return { client, requests };
  }

  it('says its progress only when it changes, and returns the completed run', async () => {
    const { client, requests } = scripted([
      { status: 'queued', jobs: [] },
      { status: 'queued', jobs: [] },
      { status: 'in_progress', jobs: ['in_progress'] },
      { status: 'in_progress', jobs: ['completed', 'queued', 'queued'] },
      { status: 'in_progress', jobs: ['completed', 'queued', 'queued'] },
      { status: 'in_progress', jobs: ['completed', 'completed', 'completed'] },
      { status: 'completed', conclusion: 'failure', jobs: [] },
    ]);
    const seen: RunProgress[] = [];
    const waits: number[] = [];
    const run = await followRun(client, 7, {
      pollMs: 3,
      sleep: async (ms) => void waits.push(ms),
      onProgress: (progress) => seen.push(progress),
    });
    expect(run.conclusion).toBe('failure');
    expect(seen.map((p) => progressLine(7, p))).toEqual([
      'run 7: queued',
      'run 7: 0 of 1 job done',
      'run 7: 1 of 3 jobs done',
      'run 7: 3 of 3 jobs done',
    ]);
    expect(waits).toEqual([3, 3, 3, 3, 3, 3]);
    expect(requests).toEqual([...Array.from({ length: 6 }, () => ['run', 'jobs']).flat(), 'run']);
  });
});
