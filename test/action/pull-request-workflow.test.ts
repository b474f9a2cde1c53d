import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHECKOUT, DAGLINE_ACTION, PINNED_USES } from '../../src/compile/pinned-actions.js';
import { actionlint } from '../compile/actionlint.js';
import { REPOSITORY_ROOT } from '../github/dagline-action.js';
import { loadWorkflow } from '../github/workflow-file.js';

const PATH = 'workflows/pull-request.yml';
const TEXT = readFileSync(join(REPOSITORY_ROOT, PATH), 'utf8');

/** The copy-paste caller for pull requests (its behaviour: validate-pull-request.test.ts runs it). */
describe(PATH, () => {
  it("passes GitHub's workflow parser and actionlint with no finding", async () => {
    await expect(
      loadWorkflow('.github/workflows/dagline-pull-request.yml', TEXT, () => undefined),
    ).resolves.toBeDefined();
    expect(await actionlint(TEXT, '.github/workflows/dagline-pull-request.yml')).toEqual([]);
  });

  it('asks for the least it needs, checks out all history without credentials, and pins actions as the compiler does', () => {
    const workflow = parse(TEXT) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<
        string,
        { permissions?: unknown; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }
      >;
    };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    // No paths filter: a push that reverts the pipelines must run, to delete the comment.
    expect(workflow.on.pull_request).toBeNull();
    expect(workflow.permissions).toEqual({ contents: 'read', checks: 'write', 'pull-requests': 'write' });
    const steps = Object.values(workflow.jobs).flatMap((job) => {
      expect(job.permissions).toBeUndefined();
      return job.steps;
    });
    expect(steps.map((s) => s.uses)).toEqual([CHECKOUT.uses, DAGLINE_ACTION.uses]);
    expect(steps.every((s) => s.run === undefined && PINNED_USES.test(s.uses ?? ''))).toBe(true);
    expect(steps[0]!.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
    for (const pin of [CHECKOUT, DAGLINE_ACTION]) expect(TEXT).toContain(`uses: ${pin.uses} # ${pin.version}\n`);
  });
});
