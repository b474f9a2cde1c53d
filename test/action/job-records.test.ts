import { describe, expect, it } from 'vitest';
import {
  dynamicLayout,
  needOfTask,
  recordsOfTask,
  wavesOfTasks,
  type FoundRecord,
  type NeedOfJob,
} from '../../src/action/job-records.js';
import { layoutDigest, PLAN_JOB, type WaveSlot } from '../../src/github/workflow-contract.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';

const waves: WaveSlot[] = [
  { minutes: 20, matrix: { include: [{ task: 'load', leg: { day: 1 } }, { task: 'a' }] } },
  { minutes: 20, matrix: { include: [{ task: 'load', leg: { day: 2 } }, { task: 'b' }] } },
  { minutes: 20, matrix: { include: [{ task: 'c' }] } },
];

function dynamicNeeds(results: string[]): Record<string, NeedOfJob> {
  const needs: Record<string, NeedOfJob> = {
    [PLAN_JOB]: { result: 'success', outputs: { go: 'true', layout: 'f00d' } },
  };
  results.forEach((result, k) => (needs[`dagline-wave-${k + 1}`] = { result, outputs: {} }));
  return needs;
}

const slots = wavesOfTasks(waves);

describe("a task's job, as GitHub saw it", () => {
  it('is its own job in a compiled workflow', () => {
    const needs = { [PLAN_JOB]: { result: 'success', outputs: {} }, a: { result: 'failure', outputs: { x: '1' } } };
    expect(needOfTask(needs, 'a', undefined)).toEqual({ result: 'failure', outputs: { x: '1' } });
    expect(needOfTask(needs, 'b', undefined)).toBeUndefined();
  });

  it('is, in dynamic mode, the wave jobs its legs ran in: the worst of them', () => {
    const needs = dynamicNeeds(['success', 'failure', 'skipped']);
    expect(needOfTask(needs, 'a', slots)).toEqual({ result: 'success' });
    expect(needOfTask(needs, 'load', slots)).toEqual({ result: 'failure' });
    expect(needOfTask(needs, 'c', slots)).toEqual({ result: 'skipped' });
    // Laid out in no wave (the plan skipped it), or in a wave job this job does not see.
    expect(needOfTask(needs, 'gone', slots)).toBeUndefined();
    expect(needOfTask(dynamicNeeds(['success']), 'b', slots)).toBeUndefined();
    // A task named as a dagline job is still read from its wave.
    expect(needOfTask({ ...needs, a: { result: 'cancelled' } }, 'a', slots)).toEqual({ result: 'success' });
  });

  it('makes a leg that failed before dagline recorded it a failure, as a compiled job would be', () => {
    const none = new Map<string, FoundRecord>();
    const needs = dynamicNeeds(['cancelled', 'failure']);
    expect(recordsOfTask('b', none, needOfTask(needs, 'b', slots), 1)).toEqual([
      {
        task: 'b',
        leg: 'b',
        status: 'failed',
        attempts: [],
        outputs: {},
        reason: 'its job failed before dagline recorded it',
      },
    ]);
    expect(recordsOfTask('a', none, needOfTask(needs, 'a', slots), 1)[0]?.status).toBe('cancelled');
  });

  it("is laid out again in dynamic mode from the pipeline, params and run, and checked against the plan job's digest", () => {
    // c's runner names who started the run: the run is part of what the layout is laid out from.
    const loaded = loadPipeline(
      'name: p\nparams: { deep: { type: boolean, default: false } }\ntasks:\n  a: { run: "true" }\n  b: { needs: [a], if: "${{ params.deep }}", run: "true" }\n  c: { needs: [a], runs-on: "pool-${{ run.actor }}", run: "true" }\n',
      'p.yml',
    );
    if (!loaded.ok) throw new Error('the pipeline does not load');
    const run = { id: 'gh-7', actor: 'octocat', trigger: 'dispatch' };
    const plan = (digest: string) => ({ [PLAN_JOB]: { result: 'success', outputs: { layout: digest } } });
    const laidOut: WaveSlot[] = [
      { minutes: 370, matrix: { include: [{ task: 'a' }] } },
      { minutes: 370, matrix: { include: [{ task: 'c', 'runs-on': 'pool-octocat' }] } },
    ];
    const planned = plan(layoutDigest(laidOut));
    expect(dynamicLayout(loaded.pipeline, { deep: false }, run, planned)).toEqual(
      new Map([
        ['a', [1]],
        ['c', [2]],
      ]),
    );
    // Other params lay it out otherwise (b runs), and so does another actor: not the plan job's layout.
    expect(() => dynamicLayout(loaded.pipeline, { deep: true }, run, planned)).toThrow(/are not the plan job's/);
    expect(() => dynamicLayout(loaded.pipeline, { deep: false }, { ...run, actor: 'hubot' }, planned)).toThrow(
      /are not the plan job's/,
    );
    // A compiled workflow's plan job gives no layout.
    expect(
      dynamicLayout(loaded.pipeline, { deep: true }, run, { [PLAN_JOB]: { result: 'success', outputs: {} } }),
    ).toBe(undefined);
  });
});
