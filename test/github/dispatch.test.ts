import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { compiledHarness, FIRST_BUNDLE_TIMEOUT } from '../action/action-repo.js';
import type { GitHubHarness } from './harness.js';

/**
 * `dagline dispatch` against the fake GitHub, with the pipelines' compiled workflows run by the
 * harness. Dispatched runs are held queued; the command's wait between two looks at its run runs
 * every held run to its end, so each command makes a known number of requests.
 */

/** The funnel's initial data load as a pipeline of its own: refused until the funnel's infrastructure (IaC) is there. */
const FUNNEL_DATA = `name: funnel-data
params:
  dataStage: { type: choice, options: [Initial data], default: Initial data }
requires:
  - pipeline: funnel
    params: { dataStage: IaC }
tasks:
  load:
    run: examples/funnel/scripts/gcp.sh run-workflow day --refined_flows=false
`;

/** Fails until the file \`fixed\` is committed; on hold after two failed runs in a row. */
const FRAGILE = `name: fragile
max-consecutive-failures: 2
tasks:
  check:
    run: test -f fixed
`;

let gh: GitHubHarness;
/** The command line's token: only what a dispatch needs. */
let token: string;
beforeAll(async () => {
  gh = await compiledHarness(
    { 'pipelines/funnel-data.yml': FUNNEL_DATA, 'pipelines/fragile.yml': FRAGILE },
    ['examples/funnel/funnel.yml', 'pipelines/funnel-data.yml', 'pipelines/fragile.yml'],
    { copy: ['examples/funnel'], onApiDispatch: 'hold' },
  );
  token = gh.tokenWith({ actions: 'write', contents: 'read' }, 'cli');
});
afterAll(() => gh?.close());

/** Runs every held run to its end: what the command's wait sees happen between two looks. */
async function runHeld(): Promise<void> {
  const held = gh.runs.filter((r) => r.status === 'queued');
  // A wait with nothing to wait for would look again for ever.
  if (held.length === 0) throw new Error('the command waits, and no run is queued');
  await Promise.all(held.map((r) => r.execute()));
}

interface Dispatched {
  code: number;
  stdout: string;
  stderr: string;
  /** The command's REST requests, by operation. */
  counts: Record<string, number>;
  total: number;
}

async function dispatch(file: string, ...args: string[]): Promise<Dispatched> {
  const before = gh.api.requests.length;
  let stdout = '';
  let stderr = '';
  const code = await runCli(['dispatch', join(gh.repoDir, file), '--ref', gh.state.repository.defaultBranch, ...args], {
    out: (text) => void (stdout += String(text)),
    err: (text) => void (stderr += text),
    env: {
      GITHUB_TOKEN: token,
      GITHUB_REPOSITORY: `${gh.state.repository.owner.login}/${gh.state.repository.name}`,
      GITHUB_API_URL: gh.api.url,
    },
    sleep: runHeld,
  });
  const mine = gh.api.requests.slice(before).filter((r) => r.holder === 'cli');
  const counts: Record<string, number> = {};
  for (const request of mine) counts[request.operationId] = (counts[request.operationId] ?? 0) + 1;
  return { code, stdout, stderr, counts, total: mine.length };
}

const FUNNEL = 'examples/funnel/funnel.yml';
const urlOf = (id: number) =>
  `https://github.com/${gh.state.repository.owner.login}/${gh.state.repository.name}/actions/runs/${id}`;

describe('dagline dispatch through the harness', { timeout: 600_000 }, () => {
  it('refuses a bad choice before any request, naming the options', async () => {
    const bad = await dispatch(FUNNEL, '--param', 'dataStage=Initial');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /funnel\.yml:\d+:\d+: error: "Initial" is not an option of param "dataStage" \(options: "IaC", "Initial data"\)/,
    );
    expect(bad.total).toBe(0);
    expect(gh.runsOf('dagline-funnel.yml')).toEqual([]);
  });

  it('refuses Initial data until an IaC run has completed', async () => {
    const refused = await dispatch('pipelines/funnel-data.yml', '--param', 'dataStage=Initial data');
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      /funnel-data\.yml:5:5: error: requires a completed run of "funnel" with dataStage=IaC, and there is none on GitHub/,
    );
    // One look at the funnel's completed runs (there are none): nothing dispatched.
    expect(refused.counts).toEqual({ 'actions/list-workflow-runs': 1 });
    expect(gh.runsOf('dagline-funnel-data.yml')).toEqual([]);
  });

  it(
    'dispatches dataStage=IaC and follows it to success',
    async () => {
      const done = await dispatch(FUNNEL, '--param', 'dataStage=IaC', '--wait');
      const [run] = gh.runsOf('dagline-funnel.yml');
      expect(run!.inputs).toEqual({ dataStage: 'IaC', 'dagline-release': false });
      expect(run!.conclusion).toBe('success');
      expect(run!.job('create-infra').result).toBe('success');
      expect(done.stdout).toBe(
        [
          `dispatched dagline-funnel.yml on ${gh.state.repository.defaultBranch}: run ${run!.id} ${urlOf(run!.id)}`,
          `run ${run!.id}: queued`,
          `run ${run!.id}: success`,
          '',
        ].join('\n'),
      );
      expect(done.code).toBe(0);
      expect(done.counts).toEqual({
        // on hold (no completed run yet), then the group: runs in progress, runs queued
        'actions/list-workflow-runs': 3,
        'actions/create-workflow-dispatch': 1,
        // a look while it was queued (the run and its jobs), a look once it completed
        'actions/get-workflow-run': 2,
        'actions/list-jobs-for-workflow-run': 1,
      });
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it('refuses a second dispatch while the first is queued or in progress, naming its run', async () => {
    const first = await dispatch(FUNNEL, '--param', 'dataStage=IaC');
    expect(first.code).toBe(0);
    const held = gh.runsOf('dagline-funnel.yml').at(-1)!;
    expect(held.status).toBe('queued');
    expect(first.stdout).toBe(
      `dispatched dagline-funnel.yml on ${gh.state.repository.defaultBranch}: run ${held.id} ${urlOf(held.id)}\n`,
    );

    const second = await dispatch(FUNNEL, '--param', 'dataStage=IaC');
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(
      `error: concurrency group "funnel-IaC" is busy: gh-${held.id} (${urlOf(held.id)}) is running (wait for it to end, or cancel it)`,
    );
    // on hold: the runs completed, the record of the latest (a success); the group: in progress, queued
    expect(second.counts).toEqual({
      'actions/list-workflow-runs': 3,
      'actions/list-workflow-run-artifacts': 1,
      'actions/download-artifact': 1,
    });
    expect(gh.runsOf('dagline-funnel.yml')).toHaveLength(2);
    await held.execute();
    expect(held.conclusion).toBe('success');
  });

  it('accepts Initial data once an IaC run has completed', async () => {
    const accepted = await dispatch('pipelines/funnel-data.yml', '--param', 'dataStage=Initial data', '--wait');
    expect(accepted.code).toBe(0);
    const [run] = gh.runsOf('dagline-funnel-data.yml');
    expect(run!.conclusion).toBe('success');
    expect(run!.inputs).toEqual({ dataStage: 'Initial data' });
    // requires: the funnel's completed runs, the latest one's record (IaC); then the dispatch and two looks.
    expect(accepted.counts).toEqual({
      'actions/list-workflow-runs': 1,
      'actions/list-workflow-run-artifacts': 1,
      'actions/download-artifact': 1,
      'actions/create-workflow-dispatch': 1,
      'actions/get-workflow-run': 2,
      'actions/list-jobs-for-workflow-run': 1,
    });
  });

  it('refuses a pipeline whose last runs failed until it is released, then runs it', async () => {
    for (let i = 0; i < 2; i++) {
      const failed = await dispatch('pipelines/fragile.yml', '--wait');
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/: failure\n$/);
    }
    const held = await dispatch('pipelines/fragile.yml');
    expect(held.code).toBe(3);
    expect(held.stderr).toContain(
      `fragile.yml:2:1: error: pipeline "fragile" is on hold after 2 failed runs in a row; nothing runs until a run of dagline-fragile.yml is dispatched with dagline-release: true (once the cause is fixed: dagline dispatch --release, or the action's release: true)`,
    );
    // The completed runs, and the records of the two failed ones.
    expect(held.counts).toEqual({
      'actions/list-workflow-runs': 1,
      'actions/list-workflow-run-artifacts': 2,
      'actions/download-artifact': 2,
    });
    expect(gh.runsOf('dagline-fragile.yml')).toHaveLength(2);

    gh.commit({ fixed: 'yes\n' });
    const released = await dispatch('pipelines/fragile.yml', '--release', '--wait');
    expect(released.code).toBe(0);
    const run = gh.runsOf('dagline-fragile.yml').at(-1)!;
    expect(run.inputs).toEqual({ 'dagline-release': true });
    expect(run.conclusion).toBe('success');
    // A release asks nothing of the history: no concurrency group either.
    expect(released.counts).toEqual({
      'actions/create-workflow-dispatch': 1,
      'actions/get-workflow-run': 2,
      'actions/list-jobs-for-workflow-run': 1,
    });
    const after = await dispatch('pipelines/fragile.yml');
    expect(after.code).toBe(0);
  });
});
