import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubHarness } from '../github/harness.js';
import { compiledHarness, downloadRunRecord, FIRST_BUNDLE_TIMEOUT, runsShow } from './action-repo.js';

/** A pipeline whose `flaky` task fails in the first attempt of a workflow run and succeeds in the next. */
const FLAKY = `name: flaky
tasks:
  prepare:
    matrix: { part: [a, b, c] }
    run: echo "size=\${{ matrix.part }}\${{ matrix.part }}" >> "$DAGLINE_OUTPUT"
    outputs: [size]
  total:
    needs: [prepare]
    run: |
      echo "$DAGLINE_NEEDS_PREPARE_LEGS" | node -e '
        const legs = JSON.parse(require("fs").readFileSync(0, "utf8"));
        const sizes = Object.values(legs).map((leg) => leg.outputs.size).sort().join(",");
        console.log("sizes=" + sizes);
      ' >> "$DAGLINE_OUTPUT"
    outputs: [sizes]
  flaky:
    needs: [total]
    retries: 0
    run: |
      echo "attempt $GITHUB_RUN_ATTEMPT"
      test "$GITHUB_RUN_ATTEMPT" -ge 2
  cleanup:
    needs: [flaky]
    if: always()
    run: echo "cleaning up after \${{ needs.flaky.result }}"
`;

describe('the action end to end: compiled workflows through the harness', { timeout: 600_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness(
      { 'pipelines/flaky.yml': FLAKY },
      ['examples/funnel/funnel.yml', 'pipelines/flaky.yml'],
      {
        copy: ['examples/funnel'],
      },
    );
  });
  afterAll(() => gh.close());

  it(
    'runs the funnel for dataStage=IaC: the infrastructure stage, the report, a completed check run, the summary, a run record runs show reads',
    async () => {
      const before = gh.api.requests.length;
      const run = await (await gh.dispatch('dagline-funnel.yml', { inputs: { dataStage: 'IaC' } })).execute();
      expect(run.conclusion).toBe('success');
      const results = Object.fromEntries(
        [
          'dagline-plan',
          'create-infra',
          'run-workflows',
          'update-infra',
          'rerun-workflows',
          'report',
          'dagline-report',
        ].map((job) => [job, run.job(job).result]),
      );
      expect(results).toEqual({
        'dagline-plan': 'success',
        'create-infra': 'success',
        'run-workflows': 'skipped',
        'update-infra': 'skipped',
        'rerun-workflows': 'skipped',
        report: 'success',
        'dagline-report': 'success',
      });
      expect(run.job('create-infra').outputs).toEqual({ bucket: 'gs://funnel-raw-europe-west1' });

      const check = gh.state.checkRuns.find((c) => c.externalId === `gh-${run.id}`)!;
      expect(check).toMatchObject({ name: 'dagline / funnel', status: 'completed', conclusion: 'success' });
      expect(check.output.title).toBe('completed: 2 success, 3 skipped');
      expect(check.output.text).toContain('```mermaid');
      expect(check.annotations).toEqual([]);
      const summary = run.job('dagline-report').legs[0]!.summary;
      expect(summary).toContain('```mermaid');
      expect(summary).toContain('create-infra');

      // A handful of requests for the whole run: the check run opened, the history read for on hold
      // (none yet) and the group (on-overlap fail: the queued and running runs), the check run completed.
      expect(gh.api.requests.slice(before).map((r) => r.operationId)).toEqual([
        'checks/create',
        'actions/list-workflow-runs',
        'actions/list-workflow-runs',
        'actions/list-workflow-runs',
        'checks/update',
      ]);

      const shown = await runsShow(downloadRunRecord(run, 1), `gh-${run.id}`);
      expect(shown.code).toBe(0);
      expect(shown.text).toContain(`run gh-${run.id}`);
      expect(shown.json.status).toBe('completed');
      expect(shown.json.params).toEqual({ dataStage: 'IaC' });
      const tasks = shown.json.tasks;
      expect(Object.fromEntries(Object.values(tasks).map((t) => [t.leg, t.status]))).toEqual({
        'create-infra': 'success',
        'run-workflows': 'skipped',
        'update-infra': 'skipped',
        'rerun-workflows': 'skipped',
        report: 'success',
      });
      expect(tasks['run-workflows']!.reason).toBe(
        `stage "initialization" is off: params.dataStage == 'Initial data' is false`,
      );
      // Jobs ran in needs order: the report after the infrastructure it needs.
      expect(tasks['create-infra']!.endedAt! <= tasks.report!.startedAt!).toBe(true);
      expect(tasks['create-infra']!.outputs).toEqual({ bucket: 'gs://funnel-raw-europe-west1' });
      // Each task's log is in the record where its state says, as in a local run's folder.
      expect(tasks.report!.log).toBe('logs/report.log');
      const record = run.artifacts.find((a) => a.name === `dagline-run--gh-${run.id}--a1`)!;
      expect(record.files.get(`runs/gh-${run.id}/logs/report.log`)?.toString()).toContain(
        "funnel rollout report: stage 'IaC' finished",
      );
      expect(shown.text).toContain('report');
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it("runs the funnel for dataStage='Initial data': every leg, the infrastructure stage skipped", async () => {
    const run = await (await gh.dispatch('dagline-funnel.yml', { inputs: { dataStage: 'Initial data' } })).execute();
    expect(run.conclusion).toBe('success');
    expect(run.job('create-infra').result).toBe('skipped');
    expect(run.job('run-workflows').legs.map((l) => l.result)).toEqual(['success', 'success', 'success']);
    expect(run.job('update-infra').outputs).toEqual({ bucket: 'gs://funnel-raw-europe-west1' });
    const shown = await runsShow(downloadRunRecord(run, 1), `gh-${run.id}`);
    expect(shown.json.status).toBe('completed');
    expect(
      Object.values(shown.json.tasks)
        .map((t) => `${t.leg}: ${t.status}`)
        .sort(),
    ).toEqual([
      'create-infra: skipped',
      'report: success',
      'rerun-workflows (day): success',
      'rerun-workflows (month): success',
      'rerun-workflows (year): success',
      'run-workflows (day): success',
      'run-workflows (month): success',
      'run-workflows (year): success',
      'update-infra: success',
    ]);
    const check = gh.state.checkRuns.find((c) => c.externalId === `gh-${run.id}`)!;
    expect(check.conclusion).toBe('success');
  });

  it("fails the check run at the failing task's line while report still runs; a re-run of failed jobs makes one coherent record", async () => {
    const before = gh.api.requests.length;
    const run = await (await gh.dispatch('dagline-flaky.yml')).execute();
    expect(run.conclusion).toBe('failure');
    expect(run.job('flaky').result).toBe('failure');
    expect(run.job('cleanup').result).toBe('success');
    expect(run.job('dagline-report').result).toBe('failure');
    // Every leg's outputs reached the task that needs the matrix (GitHub would give it one leg's).
    expect(run.job('total').outputs).toEqual({ sizes: 'aa,bb,cc' });

    const check = gh.state.checkRuns.find((c) => c.externalId === `gh-${run.id}`)!;
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.message])).toEqual([
      ['pipelines/flaky.yml', 16, 'failure', 'exit code 1'],
    ]);
    const first = await runsShow(downloadRunRecord(run, 1), `gh-${run.id}`);
    expect(first.json.status).toBe('failed');
    expect(first.json.tasks.flaky).toMatchObject({ status: 'failed', reason: 'exit code 1' });
    expect(first.json.tasks.cleanup!.status).toBe('success');

    await run.rerunFailed();
    expect(run.conclusion).toBe('success');
    expect(run.job('flaky').result).toBe('success');
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' });
    // No artifact name met another: each attempt's records and run record stand side by side.
    const names = run.artifacts.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(`dagline-task--gh-${run.id}--flaky-----a1`);
    expect(names).toContain(`dagline-task--gh-${run.id}--flaky-----a2`);
    const second = await runsShow(downloadRunRecord(run, 2), `gh-${run.id}`);
    expect(second.json.status).toBe('completed');
    expect(second.json.resumes).toBe(1);
    const tasks = second.json.tasks;
    expect(tasks.flaky).toMatchObject({ status: 'success' });
    expect(tasks.cleanup!.status).toBe('success');
    // The legs of attempt 1, kept by the re-run, stand beside what attempt 2 ran.
    expect(Object.keys(tasks).sort()).toEqual([
      'cleanup',
      'flaky',
      'prepare (a)',
      'prepare (b)',
      'prepare (c)',
      'total',
    ]);
    expect(second.text).toContain('flaky');
    // Per attempt: the check run opened once, completed once per report; no request per task.
    expect(gh.api.requests.slice(before).map((r) => r.operationId)).toEqual([
      'checks/create',
      'checks/update',
      'checks/update',
    ]);
  });
});
