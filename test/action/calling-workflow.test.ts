import { describe, expect, it } from 'vitest';
import { callingWorkflowFile } from '../../src/action/runner-context.js';

describe('callingWorkflowFile', () => {
  it("names the workflow a run belongs to from GITHUB_WORKFLOW_REF (a called workflow's is its caller's)", () => {
    expect(callingWorkflowFile({ GITHUB_WORKFLOW_REF: 'acme/data/.github/workflows/funnel.yml@refs/heads/main' })).toBe(
      'funnel.yml',
    );
    expect(
      callingWorkflowFile({ GITHUB_WORKFLOW_REF: 'acme/data/.github/workflows/nested/x.yaml@refs/pull/7/merge' }),
    ).toBe('x.yaml');
    expect(callingWorkflowFile({})).toBeUndefined();
    expect(callingWorkflowFile({ GITHUB_WORKFLOW_REF: 'not a ref' })).toBeUndefined();
  });
});
