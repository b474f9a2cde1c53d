import { describe, expect, it } from 'vitest';
import { needOfTask, recordsOfTask, type FoundRecord, type NeedOfJob } from '../../src/action/job-records.js';
import { PLAN_JOB, type WaveSlot } from '../../src/github/workflow-contract.js';

const waves: WaveSlot[] = [
  { minutes: 20, matrix: { include: [{ task: 'load', leg: { day: 1 } }, { task: 'a' }] } },
  { minutes: 20, matrix: { include: [{ task: 'load', leg: { day: 2 } }, { task: 'b' }] } },
  { minutes: 20, matrix: { include: [{ task: 'c' }] } },
];

function dynamicNeeds(results: string[]): Record<string, NeedOfJob> {
  const needs: Record<string, NeedOfJob> = {
    [PLAN_JOB]: { result: 'success', outputs: { go: 'true', waves: JSON.stringify(waves) } },
  };
  results.forEach((result, k) => (needs[`dagline-wave-${k + 1}`] = { result, outputs: {} }));
  return needs;
}

describe("a task's job, as GitHub saw it", () => {
  it('is its own job in a compiled workflow', () => {
    const needs = { [PLAN_JOB]: { result: 'success', outputs: {} }, a: { result: 'failure', outputs: { x: '1' } } };
    expect(needOfTask(needs, 'a')).toEqual({ result: 'failure', outputs: { x: '1' } });
    expect(needOfTask(needs, 'b')).toBeUndefined();
  });

  it('is, in dynamic mode, the wave jobs its legs ran in: the worst of them', () => {
    const needs = dynamicNeeds(['success', 'failure', 'skipped']);
    expect(needOfTask(needs, 'a')).toEqual({ result: 'success' });
    expect(needOfTask(needs, 'load')).toEqual({ result: 'failure' });
    expect(needOfTask(needs, 'c')).toEqual({ result: 'skipped' });
    // Laid out in no wave (the plan skipped it), or in a wave job this job does not see.
    expect(needOfTask(needs, 'gone')).toBeUndefined();
    expect(needOfTask(dynamicNeeds(['success']), 'b')).toBeUndefined();
    // A task named as a dagline job is still read from its wave.
    expect(needOfTask({ ...needs, a: { result: 'cancelled' } }, 'a')).toEqual({ result: 'success' });
  });

  it('makes a leg that failed before dagline recorded it a failure, as a compiled job would be', () => {
    const none = new Map<string, FoundRecord>();
    const needs = dynamicNeeds(['cancelled', 'failure']);
    expect(recordsOfTask('b', none, needOfTask(needs, 'b'), 1)).toEqual([
      {
        task: 'b',
        leg: 'b',
        status: 'failed',
        attempts: [],
        outputs: {},
        reason: 'its job failed before dagline recorded it',
      },
    ]);
    expect(recordsOfTask('a', none, needOfTask(needs, 'a'), 1)[0]?.status).toBe('cancelled');
  });
});
