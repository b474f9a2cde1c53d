import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
