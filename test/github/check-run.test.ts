import { describe, expect, it } from 'vitest';
import { completeCheckRun, fitCheckRunText, CHECK_RUN_TEXT_LIMIT } from '../../src/github/check-run.js';
import type { CheckAnnotation, GitHubClient } from '../../src/github/client.js';

/** A client that records the check-run updates it is asked for; any other call is a test failure. */
function recordingClient() {
  const updates: Parameters<GitHubClient['updateCheckRun']>[] = [];
  const client = new Proxy({} as GitHubClient, {
    get: (_target, name) => {
      if (name === 'updateCheckRun')
        return async (...args: Parameters<GitHubClient['updateCheckRun']>) => void updates.push(args);
      throw new Error(`unexpected call: ${String(name)}`);
    },
  });
  return { client, updates };
}

const annotation = (n: number): CheckAnnotation => ({
  path: 'p.yml',
  startLine: n,
  endLine: n,
  level: 'failure',
  message: `e${n}`,
});

describe('completing a check run', () => {
  it('sends the first 50 annotations with the completion and the rest 50 per update, in order', async () => {
    const { client, updates } = recordingClient();
    const requests = await completeCheckRun(client, 7, {
      conclusion: 'failure',
      title: 't',
      summary: 's',
      annotations: Array.from({ length: 120 }, (_, i) => annotation(i + 1)),
    });
    expect(requests).toBe(3);
    expect(updates.map(([, input]) => input.output?.annotations?.length)).toEqual([50, 50, 20]);
    expect(updates[0]?.[1]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(updates.slice(1).every(([, input]) => input.status === undefined)).toBe(true);
    const messages = updates.flatMap(([, input]) => input.output?.annotations ?? []).map((a) => a.message);
    expect(messages).toEqual(Array.from({ length: 120 }, (_, i) => `e${i + 1}`));
  });

  it('makes one request when there is no annotation', async () => {
    const { client, updates } = recordingClient();
    expect(
      await completeCheckRun(client, 1, { conclusion: 'success', title: 't', summary: 's', annotations: [] }),
    ).toBe(1);
    expect(updates[0]?.[1].output?.annotations).toBeUndefined();
  });

  it("cuts a summary past GitHub's limit and says so", () => {
    const cut = fitCheckRunText('x'.repeat(CHECK_RUN_TEXT_LIMIT + 10));
    expect(cut.length).toBe(CHECK_RUN_TEXT_LIMIT);
    expect(cut).toMatch(/cut to fit GitHub's limit/);
    expect(fitCheckRunText('short')).toBe('short');
  });
});
