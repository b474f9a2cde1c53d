import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubHarness } from '../github/harness.js';
import { compiledHarness, downloadRunRecord, FIRST_BUNDLE_TIMEOUT, runsShow } from './action-repo.js';

describe('the caller workflows users copy (workflows/), run through the harness', { timeout: 900_000 }, () => {
  let gh: GitHubHarness;
  beforeAll(async () => {
    gh = await compiledHarness(
      { '.github/workflows/funnel-rollout.yml': readFileSync('workflows/funnel-rollout.yml', 'utf8') },
      ['examples/funnel/funnel.yml'],
      { copy: ['examples/funnel'] },
    );
  });
  afterAll(() => gh.close());

  it(
    'funnel-rollout runs the funnel for IaC, then for Initial data, each call a run of its own with its record and check run',
    async () => {
      const run = await (await gh.dispatch('funnel-rollout.yml', { inputs: { from: 'IaC' } })).execute();
      expect(run.conclusion).toBe('success');
      expect(run.job('iac/create-infra').result).toBe('success');
      expect(run.job('iac/run-workflows').result).toBe('skipped');
      expect(run.job('initial-data/create-infra').result).toBe('skipped');
      expect(run.job('initial-data/run-workflows').legs.map((l) => l.result)).toEqual([
        'success',
        'success',
        'success',
      ]);
      // Each call left its own run record and check run: no artifact name met another.
      for (const [key, dataStage] of [
        [`gh-${run.id}--iac`, 'IaC'],
        [`gh-${run.id}--initial-data`, 'Initial data'],
      ] as const) {
        const shown = await runsShow(downloadRunRecord(run, 1, key), key);
        expect(shown.json).toMatchObject({
          status: 'completed',
          params: { dataStage },
          concurrencyGroup: `funnel-${dataStage}`,
        });
        expect(gh.state.checkRuns.find((c) => c.externalId === key)).toMatchObject({
          name: 'dagline / funnel',
          conclusion: 'success',
        });
      }
    },
    FIRST_BUNDLE_TIMEOUT,
  );

  it('funnel-rollout from Initial data skips the IaC call', async () => {
    const run = await (await gh.dispatch('funnel-rollout.yml', { inputs: { from: 'Initial data' } })).execute();
    expect(run.conclusion).toBe('success');
    expect(run.job('iac').result).toBe('skipped');
    expect(run.job('initial-data/update-infra').result).toBe('success');
  });
});
