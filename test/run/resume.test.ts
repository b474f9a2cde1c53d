import { writeFileSync } from 'node:fs';
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
