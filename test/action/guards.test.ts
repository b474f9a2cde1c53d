import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanRefusal } from '../../src/action/commands/plan.js';
import { octokitClient } from '../../src/github/octokit-client.js';
import { gitHubHistory } from '../../src/github/run-history.js';
import type { PastRun } from '../../src/run/guards.js';
import { RunStore } from '../../src/state/run-store.js';
import type { GitHubHarness } from '../github/harness.js';
import type { WorkflowRun } from '../github/workflow-run.js';
import { Repo } from '../run/harness.js';
import { compiledHarness, downloadRunRecord, FIRST_BUNDLE_TIMEOUT, runsShow } from './action-repo.js';
import { markdownText } from '../../src/render/markdown-text.js';

/** Fails unless dispatched with ok: true; two failures in a row put it on hold. */
const FRAGILE = `name: fragile
max-consecutive-failures: 2
params:
  ok: { type: boolean, default: false }
concurrency:
  group: fragile-\${{ params.ok }}
  on-overlap: queue
tasks:
  check:
    retries: 0
    run: test \${{ params.ok }} = true
`;

/** A second run while one is queued or running is passed by. */
const NIGHTLY = `name: nightly
concurrency: { group: nightly, on-overlap: skip }
tasks:
  work: { run: echo work }
`;

/** The REST requests a run made, by operation, in order. */
function requestsDuring(gh: GitHubHarness, before: number): string[] {
  return gh.api.requests.slice(before).map((r) => r.operationId ?? '?');
}

async function execute(gh: GitHubHarness, workflow: string, inputs: Record<string, string | boolean> = {}) {
  const before = gh.api.requests.length;
  const run = await (await gh.dispatch(workflow, { inputs })).execute();
  return { run, requests: requestsDuring(gh, before) };
}

function refusalOf(run: WorkflowRun): PlanRefusal {
  return JSON.parse(run.job('dagline-plan').outputs.refusal!) as PlanRefusal;
}

function checkRunOf(gh: GitHubHarness, run: WorkflowRun) {
  return gh.state.checkRuns.find((c) => c.externalId === `gh-${run.id}`)!;
}

describe('the plan job decides on hold, requires and the overlap guard from GitHub', { timeout: 900_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness(
      { 'pipelines/fragile.yml': FRAGILE, 'pipelines/nightly.yml': NIGHTLY },
      [
        'pipelines/fragile.yml',
        'pipelines/nightly.yml',
        'examples/funnel/funnel.yml',
        'examples/funnel/funnel-workflow.yml',
      ],
      { copy: ['examples/funnel'] },
    );
  });
  afterAll(() => gh.close());

  it(
    'refuses a pipeline whose last N runs failed, naming the release input; a release dispatch runs it and its record says so',
    async () => {
      const first = await execute(gh, 'dagline-fragile.yml');
      expect(first.run.conclusion).toBe('failure');
      // No history yet: one page of runs, read empty.
      expect(first.requests).toEqual(['checks/create', 'actions/list-workflow-runs', 'checks/update']);
      const second = await execute(gh, 'dagline-fragile.yml');
      expect(second.run.conclusion).toBe('failure');

      const held = await execute(gh, 'dagline-fragile.yml');
      expect(held.run.conclusion).toBe('failure');
      expect(held.run.job('dagline-plan').result).toBe('success');
      expect(held.run.job('dagline-plan').outputs.go).toBe('false');
      expect(held.run.job('check').result).toBe('skipped');
      expect(held.run.job('dagline-report').result).toBe('failure');
      const message =
        'pipeline "fragile" is on hold after 2 failed runs in a row; nothing runs until a run of dagline-fragile.yml is dispatched with dagline-release: true';
      const refusal = refusalOf(held.run);
      expect(refusal).toMatchObject({
        status: 'on_hold',
        errors: [
          {
            message,
            file: 'pipelines/fragile.yml',
            line: 2,
            hint: 'run it again with dagline-release ticked ("Run workflow"), or: gh workflow run dagline-fragile.yml -f dagline-release=true',
          },
        ],
      });
      expect(refusal.stopped).toBeUndefined();
      const check = checkRunOf(gh, held.run);
      expect(check).toMatchObject({ status: 'completed', conclusion: 'action_required' });
      // The check run's summary is Markdown: the message in it is escaped for it.
      expect(check.output.summary).toContain(markdownText(message));
      expect(check.annotations.map((a) => [a.path, a.start_line, a.message])).toEqual([
        ['pipelines/fragile.yml', 2, `${message} (${refusal.errors[0]!.hint})`],
      ]);
      // The two runs before it, newest first: each a list of its artifacts and a download of its record.
      expect(held.requests).toEqual([
        'checks/create',
        'actions/list-workflow-runs',
        'actions/list-workflow-run-artifacts',
        'actions/download-artifact',
        'actions/list-workflow-run-artifacts',
        'actions/download-artifact',
        'checks/update',
      ]);

      // The record of the run put on hold is what a local run put on hold leaves.
      const shown = await runsShow(downloadRunRecord(held.run, 1), `gh-${held.run.id}`);
      expect(shown.text).toContain('status    on_hold');
      expect(shown.json).toMatchObject({
        status: 'on_hold',
        concurrencyGroup: 'fragile-false',
        tasks: {},
        errors: [{ type: 'system', message, fatal: true }],
      });
      const local = new Repo();
      const file = local.pipeline('fragile.yml', FRAGILE);
      for (let n = 0; n < 3; n++) await local.run(file);
      const [localHeld] = local.store.listRuns('fragile').filter((r) => r.status === 'on_hold');
      const localRecord = local.store.loadRun(localHeld!.id);
      const gitHubRecord = new RunStore(downloadRunRecord(held.run, 1)).loadRun(`gh-${held.run.id}`);
      expect(Object.keys(gitHubRecord.record).sort()).toEqual(Object.keys(localRecord.record).sort());
      expect(gitHubRecord.record.concurrencyGroup).toBe(localRecord.record.concurrencyGroup);
      expect(gitHubRecord.errors.map((e) => [e.type, e.fatal])).toEqual(
        localRecord.errors.map((e) => [e.type, e.fatal]),
      );

      // A release lifts it without reading the history: the check run, opened and completed.
      const released = await execute(gh, 'dagline-fragile.yml', { 'dagline-release': true, ok: true });
      expect(released.run.conclusion).toBe('success');
      expect(released.run.job('check').result).toBe('success');
      expect(JSON.parse(released.run.job('dagline-plan').outputs.run!)).toMatchObject({ release: true });
      expect(released.requests).toEqual(['checks/create', 'checks/update']);
      const releasedShown = await runsShow(downloadRunRecord(released.run, 1), `gh-${released.run.id}`);
      expect(releasedShown.json).toMatchObject({
        status: 'completed',
        release: true,
        concurrencyGroup: 'fragile-true',
        params: { ok: true },
      });
      expect(releasedShown.text).toContain('release   started with a release');
      expect(checkRunOf(gh, released.run).conclusion).toBe('success');

      // After the release the failures before it no longer count: a failing run goes ahead.
      const after = await execute(gh, 'dagline-fragile.yml');
      expect(after.run.job('dagline-plan').outputs.go).toBe('true');
      expect(after.run.job('check').result).toBe('failure');
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it('refuses a run whose requires is not met, then runs it once a run with those params completed', async () => {
    const refused = await execute(gh, 'dagline-funnel-workflow.yml', { scheduler: 'day' });
    expect(refused.run.conclusion).toBe('failure');
    expect(refused.run.job('dagline-plan').outputs.go).toBe('false');
    expect(refused.run.job('check-not-running').result).toBe('skipped');
    const where = `on GitHub (${gh.state.repository.owner.login}/${gh.state.repository.name})`;
    const message = `requires a completed run of "funnel" with dataStage=Initial data, and there is none ${where}`;
    expect(refusalOf(refused.run)).toEqual({
      status: 'failed',
      stopped: 'refused',
      errors: [{ kind: 'run', message, file: 'examples/funnel/funnel-workflow.yml', line: 25, column: 5 }],
    });
    expect(checkRunOf(gh, refused.run)).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(checkRunOf(gh, refused.run).output.title).toBe('refused');
    // funnel's completed runs, none: the refusal is decided before the group is asked.
    expect(refused.requests).toEqual(['checks/create', 'actions/list-workflow-runs', 'checks/update']);
    const shown = await runsShow(downloadRunRecord(refused.run, 1), `gh-${refused.run.id}`);
    expect(shown.json).toMatchObject({ status: 'failed', stopped: 'refused', errors: [{ type: 'data', message }] });
    expect(shown.text).toContain('stopped   refused before any task ran');

    const funnel = await execute(gh, 'dagline-funnel.yml', { dataStage: 'Initial data' });
    expect(funnel.run.conclusion).toBe('success');
    // On hold (funnel's history: none yet) and its group (on-overlap fail: queued and running runs).
    expect(funnel.requests).toEqual([
      'checks/create',
      'actions/list-workflow-runs',
      'actions/list-workflow-runs',
      'actions/list-workflow-runs',
      'checks/update',
    ]);

    const accepted = await execute(gh, 'dagline-funnel-workflow.yml', { scheduler: 'day' });
    expect(accepted.run.conclusion).toBe('success');
    expect(accepted.run.job('force-scheduler').result).toBe('success');
    expect(accepted.requests).toEqual([
      'checks/create',
      'actions/list-workflow-runs',
      'actions/list-workflow-run-artifacts',
      'actions/download-artifact',
      'actions/list-workflow-runs',
      'actions/list-workflow-runs',
      'checks/update',
    ]);
    const record = await runsShow(downloadRunRecord(accepted.run, 1), `gh-${accepted.run.id}`);
    expect(record.json.concurrencyGroup).toBe('funnel-workflow-day');

    // The refused run is none of the pipeline's history, as a refused local run is never registered.
    const history = gitHubHistory({
      client: octokitClient({
        token: gh.token,
        repository: { owner: gh.state.repository.owner.login, repo: gh.state.repository.name },
        baseUrl: gh.api.url,
      }),
    });
    const past: PastRun[] = [];
    for await (const run of history.runsNewestFirst('funnel-workflow')) past.push(run);
    expect(past.map((r) => [r.id, r.status])).toEqual([[`gh-${accepted.run.id}`, 'completed']]);
  });

  it('on-overlap fail refuses a run while another of its group is queued; skip passes it by without failing', async () => {
    const waiting = await gh.dispatch('dagline-funnel-workflow.yml', { inputs: { scheduler: 'day' } });
    const busy = await execute(gh, 'dagline-funnel-workflow.yml', { scheduler: 'day' });
    expect(busy.run.conclusion).toBe('failure');
    const refusal = refusalOf(busy.run);
    expect(refusal).toMatchObject({ status: 'failed', stopped: 'refused' });
    expect(refusal.errors[0]!.message).toMatch(
      new RegExp(
        `^concurrency group "funnel-workflow-day" is busy: gh-${waiting.id} \\(\\S+/actions/runs/${waiting.id}\\) is running$`,
      ),
    );
    expect(refusal.errors[0]!.line).toBe(21);
    await waiting.execute();
    expect(waiting.conclusion).toBe('success');

    const queued = await gh.dispatch('dagline-nightly.yml');
    const skipped = await execute(gh, 'dagline-nightly.yml');
    expect(skipped.run.conclusion).toBe('success');
    expect(skipped.run.job('work').result).toBe('skipped');
    expect(skipped.run.job('dagline-report').result).toBe('success');
    const skip = refusalOf(skipped.run);
    expect(skip).toMatchObject({ status: 'cancelled', stopped: 'skipped' });
    expect(skip.errors[0]!.message).toMatch(
      new RegExp(
        `^skipped: concurrency group "nightly" is busy with gh-${queued.id} \\(\\S+/actions/runs/${queued.id}\\)$`,
      ),
    );
    expect(checkRunOf(gh, skipped.run)).toMatchObject({ status: 'completed', conclusion: 'skipped' });
    expect(skipped.requests).toEqual([
      'checks/create',
      'actions/list-workflow-runs',
      'actions/list-workflow-runs',
      'checks/update',
    ]);
    const shown = await runsShow(downloadRunRecord(skipped.run, 1), `gh-${skipped.run.id}`);
    expect(shown.json).toMatchObject({ status: 'cancelled', stopped: 'skipped', concurrencyGroup: 'nightly' });
    await queued.execute();
    expect(queued.job('work').result).toBe('success');
  });
});
