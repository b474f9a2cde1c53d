import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietReporter } from '../../src/run/reporter.js';
import type { LegInstance } from '../../src/run/scheduler.js';
import { waitInShell } from '../helpers.js';
import { Repo, statusOf } from './harness.js';

describe('--resume decides again what depends on the tasks it runs again', () => {
  it('runs again a task that ran after a need that runs again (always(), failure(), needs.<id>.result); what has an unchanged upstream keeps its result', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'report.yml',
      `
name: rerun-dependents
tasks:
  a: { run: 'echo a >> "$EVENTS"' }
  b: { needs: [a], run: 'echo b >> "$EVENTS"; [ -e fixed ]' }
  report: { needs: [a, b], if: always(), run: 'echo "report: b was \${{ needs.b.result }}" >> "$EVENTS"' }
  after-report: { needs: [report], run: 'echo after-report >> "$EVENTS"' }
  alert: { needs: [b], if: failure(), run: 'echo alert >> "$EVENTS"' }
  beside: { needs: [a], if: "needs.a.result == 'success'", run: 'echo beside >> "$EVENTS"' }
`,
    );
    const failed = await repo.run(p);
    expect(statusOf(failed)).toEqual({
      a: 'success',
      b: 'failed',
      report: 'success',
      'after-report': 'success',
      alert: 'success',
      beside: 'success',
    });
    expect(repo.events().sort()).toEqual(['a', 'after-report', 'alert', 'b', 'beside', 'report: b was failure']);

    writeFileSync(join(repo.dir, 'fixed'), '');
    writeFileSync(repo.eventsFile, '');
    const resumed = await repo.run(p, { resume: true });
    expect(resumed.status).toBe('completed');
    // b runs again; report and what needs it run again with b's new result; alert is decided again
    // (failure() is false now); a and beside, whose whole upstream is unchanged, keep their results.
    expect(repo.events().sort()).toEqual(['after-report', 'b', 'report: b was success']);
    expect(statusOf(resumed)).toEqual({
      a: 'success',
      b: 'success',
      report: 'success',
      'after-report': 'success',
      alert: 'skipped',
      beside: 'success',
    });
    const attempts = Object.fromEntries(resumed.tasks.map((t) => [t.leg, t.attempts.map((a) => a.number)]));
    expect(attempts).toMatchObject({ a: [1], b: [1, 2], report: [1, 2], 'after-report': [1, 2], beside: [1] });
  });
});

describe('--resume meets the guards as a new run does', () => {
  it('is refused while the pipeline is on hold (exit 3), leaving the run as it was, until dagline release', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'h.yml',
      'name: held\nmax-consecutive-failures: 1\ntasks:\n  a: { run: \'echo a >> "$EVENTS"; [ -e fixed ]\' }\n',
    );
    const failed = await repo.run(p);
    expect(failed.status).toBe('failed');
    writeFileSync(join(repo.dir, 'fixed'), '');
    const held = await repo.run(p, { resume: true });
    expect(held).toMatchObject({
      exitCode: 3,
      status: 'on_hold',
      message: 'pipeline "held" is on hold after 1 failed run in a row; nothing runs until `dagline release held`',
    });
    expect(repo.events()).toEqual(['a']);
    expect(repo.store.listRuns('held').map((r) => [r.status, r.resumes])).toEqual([['failed', 0]]);

    repo.store.release('held', new Date());
    const resumed = await repo.run(p, { resume: true });
    expect(resumed).toMatchObject({ exitCode: 0, status: 'completed', record: { id: failed.record!.id } });
    expect(repo.events()).toEqual(['a', 'a']);
  });

  it('is refused (exit 4) when requires is no longer met, and when its concurrency group is busy', async () => {
    const repo = new Repo();
    const base = repo.pipeline('base.yml', "name: base\ntasks:\n  x: { run: 'true' }\n");
    const p = repo.pipeline(
      'g.yml',
      `
name: guarded
requires: [{ pipeline: base }]
concurrency: { group: guarded, on-overlap: fail }
params: { hold: { type: boolean, default: false } }
tasks:
  a: { run: 'echo "a $DAGLINE_RUN_ID" >> "$EVENTS"; while \${{ params.hold }} && [ ! -e release ]; do sleep 0.02; done; [ -e fixed ]' }
`,
    );
    const baseRun = await repo.run(base);
    const failed = await repo.run(p);
    expect(failed.status).toBe('failed');
    writeFileSync(join(repo.dir, 'fixed'), '');

    // The required run is gone (pruned): the resume is refused as a new run would be.
    rmSync(repo.store.runDir(baseRun.record!.id), { recursive: true });
    expect(await repo.run(p, { resume: true })).toMatchObject({
      exitCode: 4,
      status: 'refused',
      message: `requires a completed run of "base", and there is none in ${repo.store.root}`,
    });
    await repo.run(base);

    // Another run holds the concurrency group.
    const holding = repo.run(p, { params: { hold: 'true' } });
    while (repo.events().length < 2) await new Promise((r) => setTimeout(r, 20));
    const refused = await repo.run(p, { resume: failed.record!.id });
    expect(refused).toMatchObject({ exitCode: 4, status: 'refused' });
    expect(refused.message).toMatch(/^concurrency group "guarded" is busy: guarded-\S+ \(pid \d+\) is running$/);
    writeFileSync(join(repo.dir, 'release'), '');
    expect((await holding).status).toBe('completed');

    expect(repo.events()).toHaveLength(2); // the first run's a and the holding run's: nothing ran on refusal
    expect(await repo.run(p, { resume: failed.record!.id })).toMatchObject({ exitCode: 0, status: 'completed' });
  });
});

describe('--resume runs the snapshot the run started with', () => {
  it('refuses a snapshot changed after the run started, naming it, and leaves the run as it was', async () => {
    const repo = new Repo();
    const p = repo.pipeline('s.yml', 'name: snap\ntasks:\n  a: { run: \'echo a >> "$EVENTS"; [ -e fixed ]\' }\n');
    const failed = await repo.run(p);
    expect(failed.status).toBe('failed');
    const id = failed.record!.id;
    const snapshot = join(repo.store.runDir(id), 'pipeline.yml');
    const text = readFileSync(snapshot, 'utf8');
    writeFileSync(snapshot, text.replace('echo a', 'echo tampered'));
    writeFileSync(join(repo.dir, 'fixed'), '');

    await expect(repo.run(undefined, { resume: id })).rejects.toThrow(
      new RegExp(
        `^the pipeline snapshot of run ${id} was changed after the run started \\(its sha256 is \\w{12}, the record says \\w{12}\\): it is not run$`,
      ),
    );
    expect(repo.events()).toEqual(['a']); // nothing of the changed snapshot ran
    expect(repo.store.loadRun(id).record).toMatchObject({ status: 'failed', resumes: 0 });

    writeFileSync(snapshot, text); // as it was: it resumes
    expect(await repo.run(undefined, { resume: id })).toMatchObject({ status: 'completed' });
    expect(repo.events()).toEqual(['a', 'a']);
  });
});

describe('attempt numbers across resumes', () => {
  it('continue the count: the record, DAGLINE_TASK_ATTEMPT, every log header (the first too), the retry notes and the starts say the same "attempt N of M"', async () => {
    const repo = new Repo();
    const p = repo.pipeline(
      'a.yml',
      `
name: attempts
tasks:
  flaky:
    retries: 1
    retry-delay: 0s
    run: 'echo "attempt $DAGLINE_TASK_ATTEMPT"; [ "$DAGLINE_TASK_ATTEMPT" = 4 ]'
`,
    );
    const notes: string[] = [];
    const starts: string[] = [];
    const watching = {
      ...quietReporter,
      note: (message: string) => void notes.push(message),
      legStarted: (leg: LegInstance, attempt: { number: number; of: number }) =>
        void starts.push(`${leg.name} ${attempt.number} of ${attempt.of}`),
    };
    const failed = await repo.run(p, {}, watching);
    expect(failed.status).toBe('failed');
    const resumed = await repo.run(p, { resume: true }, watching);
    expect(resumed.status).toBe('completed');

    const flaky = resumed.tasks.find((t) => t.leg === 'flaky')!;
    expect(flaky.attempts.map((a) => [a.number, a.exitCode])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 0],
    ]);
    // The resumed task gets its retries again: attempts 3 and 4, of 4.
    expect(starts).toEqual(['flaky 1 of 2', 'flaky 2 of 2', 'flaky 3 of 4', 'flaky 4 of 4']);
    expect(notes).toEqual([
      'flaky: exit code 1; retrying in 0ms (attempt 2 of 2)',
      'flaky: exit code 1; retrying in 0ms (attempt 4 of 4)',
    ]);
    const log = readFileSync(join(repo.store.runDir(resumed.record!.id), flaky.log!), 'utf8');
    const at = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
    expect(log).toMatch(
      new RegExp(
        [
          `^\\[dagline\\] --- attempt 1 of 2, ${at}`,
          'attempt 1',
          '\\[dagline\\] flaky: exit code 1',
          '\\[dagline\\] retrying in 0ms \\(attempt 2 of 2\\)',
          `\\[dagline\\] --- attempt 2 of 2, ${at}`,
          'attempt 2',
          '\\[dagline\\] flaky: exit code 1',
          `\\[dagline\\] --- attempt 3 of 4, ${at}`,
          'attempt 3',
          '\\[dagline\\] flaky: exit code 1',
          '\\[dagline\\] retrying in 0ms \\(attempt 4 of 4\\)',
          `\\[dagline\\] --- attempt 4 of 4, ${at}`,
          'attempt 4\n$',
        ].join('\n'),
      ),
    );
    // Each attempt's part of the log begins with its own header.
    const bytes = Buffer.from(log);
    const headers = flaky.attempts.map(
      (a, i) =>
        bytes
          .subarray(a.logOffset, flaky.attempts[i + 1]?.logOffset ?? bytes.length)
          .toString()
          .split(',')[0],
    );
    expect(headers).toEqual([1, 2, 3, 4].map((n) => `[dagline] --- attempt ${n} of ${n <= 2 ? 2 : 4}`));
    // The errors registry: the first run's retried and last failures, then the resumed run's retried one.
    expect(resumed.errors.map((e) => [e.attempt, e.fatal])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });

  it('records an SLA miss once per task: a resumed task that missed it keeps the miss and is not timed again', async () => {
    const repo = new Repo();
    // The first run's attempt fails once its miss is journaled; the resumed one outlasts the SLA.
    const p = repo.pipeline(
      's.yml',
      `
name: sla-once
tasks:
  slow:
    sla: 100ms
    run: 'if [ -e resumed ]; then sleep 0.5; else ${waitInShell('grep -q slaMissed "$STORE"/runs/*/journal.jsonl')}; exit 1; fi'
`,
    );
    const failed = await repo.run(p);
    expect(failed.status).toBe('failed');
    expect(failed.tasks[0]).toMatchObject({ slaMissed: true });
    writeFileSync(join(repo.dir, 'resumed'), '');
    const resumed = await repo.run(p, { resume: true });
    expect(resumed.status).toBe('completed');
    expect(resumed.tasks[0]).toMatchObject({ status: 'success', slaMissed: true });
    expect(resumed.errors.filter((e) => e.type === 'sla')).toHaveLength(1);
  });
});
