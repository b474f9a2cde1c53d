import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../src/state/run-record.js';
import { Repo } from './harness.js';

/**
 * A run that is one job of a run on GitHub: the selected task (one leg of it) runs with the local
 * executor, and the other tasks are as their jobs left them, so its `if`, status functions, needs
 * and legs read what a whole local run would have them read.
 */
const PIPELINE = `name: jobs
tasks:
  setup:
    run: echo "bucket=b1" >> "$DAGLINE_OUTPUT"
    outputs: [bucket]
  load:
    needs: [setup]
    matrix: { period: [day, month] }
    run: echo "rows=\${{ matrix.period }}-\${{ needs.setup.outputs.bucket }}" >> "$DAGLINE_OUTPUT"
    outputs: [rows]
  report:
    needs: [load]
    if: failure()
    run: |
      echo "result=\${{ needs.load.result }}" >> "$EVENTS"
      echo "legs=$DAGLINE_NEEDS_LOAD_LEGS" >> "$EVENTS"
  tidy:
    needs: [report]
    run: echo tidy >> "$EVENTS"
`;

const done = (task: string, leg: string, status: TaskState['status'], extra: Partial<TaskState> = {}): TaskState => ({
  task,
  leg,
  status,
  attempts: status === 'success' || status === 'failed' ? [{ number: 1, startedAt: '2026-01-01T00:00:00.000Z' }] : [],
  outputs: {},
  ...extra,
});

describe('a run that is one job of a run on GitHub', () => {
  it('runs only the leg its job was given, reading the outputs of needs as their jobs left them', async () => {
    const repo = new Repo();
    const pipeline = repo.pipeline('p.yml', PIPELINE);
    const outcome = await repo.run(pipeline, {
      id: 'gh-41',
      attempt: 2,
      selection: { only: ['load'] },
      job: {
        leg: { period: 'month' },
        recordsOf: (id) => (id === 'setup' ? [done('setup', 'setup', 'success', { outputs: { bucket: 'b7' } })] : []),
      },
    });
    expect(outcome.record?.id).toBe('gh-41');
    const load = outcome.tasks.filter((t) => t.task === 'load');
    expect(load.map((t) => [t.leg, t.status, t.outputs])).toEqual([['load (month)', 'success', { rows: 'month-b7' }]]);
    expect(outcome.tasks.find((t) => t.task === 'setup')?.outputs).toEqual({ bucket: 'b7' });
  });

  it("decides its task with every other job's result: failure() after a failed leg, a job that did not run as skipped", async () => {
    const repo = new Repo();
    const pipeline = repo.pipeline('p.yml', PIPELINE);
    const records: Record<string, TaskState[]> = {
      setup: [done('setup', 'setup', 'success')],
      load: [
        done('load', 'load (day)', 'success', { matrix: { period: 'day' }, outputs: { rows: '3' } }),
        done('load', 'load (month)', 'failed', { matrix: { period: 'month' } }),
      ],
    };
    const outcome = await repo.run(pipeline, {
      id: 'gh-42',
      selection: { only: ['report'] },
      job: { recordsOf: (id) => records[id] ?? [] },
    });
    expect(outcome.tasks.find((t) => t.task === 'report')?.status).toBe('success');
    expect(repo.events()[0]).toBe('result=failure');
    expect(JSON.parse(repo.events()[1]!.slice('legs='.length))).toEqual({
      'load (day)': { matrix: { period: 'day' }, result: 'success', outputs: { rows: '3' } },
      'load (month)': { matrix: { period: 'month' }, result: 'failure', outputs: {} },
    });
    // tidy, after report, is another job's: this one does not run it.
    expect(repo.events()).toHaveLength(2);

    const skippedAbove = await repo.run(pipeline, {
      id: 'gh-43',
      selection: { only: ['tidy'] },
      job: { recordsOf: (id) => (id === 'report' ? [] : (records[id] ?? [])) },
    });
    const tidy = skippedAbove.tasks.find((t) => t.task === 'tidy');
    // A leg of load failed above it: dagline's rule (upstream_failed), which GitHub's job if agrees with.
    expect([tidy?.status, tidy?.reason]).toEqual(['upstream_failed', 'needs "report", which did not succeed']);
    expect(skippedAbove.tasks.find((t) => t.task === 'report')?.reason).toBe('its job did not run');
  });

  it('fails a leg its matrix does not have, saying so', async () => {
    const repo = new Repo();
    const pipeline = repo.pipeline('p.yml', PIPELINE);
    const outcome = await repo.run(pipeline, {
      selection: { only: ['load'] },
      job: { leg: { period: 'year' }, recordsOf: () => [done('setup', 'setup', 'success')] },
    });
    const load = outcome.tasks.find((t) => t.task === 'load');
    expect(load?.status).toBe('failed');
    expect(load?.reason).toContain('its matrix has no leg {"period":"year"}');
  });

  it('meets no guards of its own: the plan job registered the run, after requires and on hold', async () => {
    const repo = new Repo();
    const pipeline = repo.pipeline(
      'p.yml',
      "name: gated\nmax-consecutive-failures: 1\nrequires:\n  - pipeline: never-ran\ntasks:\n  a: { run: 'true' }\n",
    );
    const outcome = await repo.run(pipeline, { id: 'gh-44', selection: { only: ['a'] }, job: { recordsOf: () => [] } });
    expect(outcome.tasks.map((t) => [t.task, t.status])).toEqual([['a', 'success']]);
  });
});
