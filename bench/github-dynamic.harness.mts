// Dynamic mode at size, through the offline GitHub harness (test/github/): a fan of 600 tasks (a
// stage of 300 parallel tasks, then 300 more, each needing one of them; every task `true`) run by
// dagline's run.yml and, in the same harness, by its compiled workflow, the floor. It checks the
// same task results both ways and no matrix over 256 legs, and prints what a user waits for on
// GitHub, each way: the jobs in the run's graph, the runner start-ups (a leg each) and the REST
// requests the run made, by operation. The harness's own time is printed too; it is this machine's
// cost of emulating GitHub, not GitHub's. Many minutes of CPU: not part of the unit suite.
//
//   npx vitest run --config bench/vitest.harness.config.mts
import { expect, it } from 'vitest';
import { MATRIX_LEGS_LIMIT } from '../src/compile/github-limits.js';
import { DAGLINE_ACTION } from '../src/compile/pinned-actions.js';
import { compiledHarness } from '../test/action/action-repo.js';
import { CALLER, results, waveLegs } from '../test/action/dynamic-runs.js';
import type { GitHubHarness } from '../test/github/harness.js';
import type { WorkflowRun } from '../test/github/workflow-run.js';

interface Cost {
  jobs: number;
  startups: number;
  requests: number;
  byOperation: Record<string, number>;
  seconds: number;
}

/** Runs a queued run to its end and counts what it cost (runs one at a time: the requests between are its own). */
async function measure(gh: GitHubHarness, queued: Promise<WorkflowRun>): Promise<{ run: WorkflowRun; cost: Cost }> {
  const first = gh.api.requests.length;
  const start = Date.now();
  const run = await (await queued).execute();
  const seconds = (Date.now() - start) / 1000;
  const requests = gh.api.requests.slice(first);
  const byOperation: Record<string, number> = {};
  for (const r of requests) byOperation[r.operationId] = (byOperation[r.operationId] ?? 0) + 1;
  // A call of a reusable workflow takes no runner; a skipped job has no legs.
  const ran = [...run.jobs.values()].filter((job) => !job.calledJobs && job.legs.length > 0);
  return {
    run,
    cost: {
      jobs: ran.length,
      startups: ran.reduce((n, job) => n + job.legs.length, 0),
      requests: requests.length,
      byOperation,
      seconds,
    },
  };
}

it('runs a fan of 600 tasks in dynamic mode as compiled mode runs it', async () => {
  const generator = './generate-layered.mjs';
  const { fanPipeline } = (await import(/* @vite-ignore */ generator)) as {
    fanPipeline(width: number, command?: string): string;
  };
  const gh = await compiledHarness(
    { '.github/workflows/dynamic.yml': CALLER, 'pipelines/fan-600.yml': fanPipeline(300, 'true') },
    ['pipelines/fan-600.yml'],
    // Counted against GitHub's hourly budget of 1,000 in the report, not enforced here: both runs share one harness.
    { daglineAction: DAGLINE_ACTION.uses, rateLimit: 100_000 },
  );
  try {
    const compiled = await measure(gh, gh.dispatch('dagline-fan-600.yml'));
    const dynamic = await measure(gh, gh.dispatch('dynamic.yml', { inputs: { pipeline: 'pipelines/fan-600.yml' } }));
    const ratio = (key: 'jobs' | 'startups' | 'requests' | 'seconds') =>
      (dynamic.cost[key] / compiled.cost[key]).toFixed(2);
    console.log(
      [
        `compiled (floor): ${JSON.stringify(compiled.cost)}`,
        `dynamic: ${JSON.stringify(dynamic.cost)}, legs per wave ${waveLegs(dynamic.run).join(' ')}`,
        `dynamic / compiled: jobs ${ratio('jobs')}, start-ups ${ratio('startups')}, requests ${ratio('requests')}, harness time ${ratio('seconds')}`,
      ].join('\n'),
    );
    expect(compiled.run.conclusion).toBe('success');
    expect(dynamic.run.conclusion).toBe('success');
    expect(Math.max(...waveLegs(dynamic.run))).toBeLessThanOrEqual(MATRIX_LEGS_LIMIT);
    expect(waveLegs(dynamic.run).filter((n) => n > 0)).toEqual([256, 256, 88]);
    const got = results(dynamic.run);
    expect(Object.keys(got)).toHaveLength(600);
    expect(got).toEqual(results(compiled.run));
  } finally {
    await gh.close();
  }
});
