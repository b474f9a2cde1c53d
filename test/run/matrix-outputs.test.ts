import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietReporter } from '../../src/run/reporter.js';
import { Repo, statusOf } from './harness.js';
import { widePipeline } from './wide-pipeline.js';

/**
 * A matrix task has no outputs of its own (on GitHub they would be whichever leg wrote last):
 * each leg's are read by leg, `needs.<id>.legs`, and in the environment as DAGLINE_NEEDS_<ID>_LEGS.
 */
const pipelineText = `
name: legs
tasks:
  load:
    matrix: { period: [day, month, year] }
    outputs: [rows]
    # The legs end in an order unlike their own (year first, day last): no leg's value can win by finishing last.
    run: |
      case "\${{ matrix.period }}" in day) sleep 0.4;; month) sleep 0.2;; esac
      echo "rows=\${{ matrix.period }}-rows" >> "$DAGLINE_OUTPUT"
  report:
    needs: [load]
    run: |
      [ -e fixed ] || exit 1
      echo "all=\${{ join(needs.load.legs.*.outputs.rows, ',') }}" >> "$EVENTS"
      echo "month=\${{ needs.load.legs['load (month)'].outputs.rows }}" >> "$EVENTS"
      echo "matrix=\${{ needs.load.legs['load (year)'].matrix.period }} \${{ needs.load.legs['load (year)'].result }}" >> "$EVENTS"
      echo "env=$DAGLINE_NEEDS_LOAD_LEGS" >> "$EVENTS"
`;

const legsJson = JSON.stringify({
  'load (day)': { matrix: { period: 'day' }, result: 'success', outputs: { rows: 'day-rows' } },
  'load (month)': { matrix: { period: 'month' }, result: 'success', outputs: { rows: 'month-rows' } },
  'load (year)': { matrix: { period: 'year' }, result: 'success', outputs: { rows: 'year-rows' } },
});
const reported = ['all=day-rows,month-rows,year-rows', 'month=month-rows', 'matrix=year success', `env=${legsJson}`];

describe("a matrix task's outputs", () => {
  it('are read by leg, in leg order, whatever order the legs end in; on resume from the legs kept; with --from from the earlier run', async () => {
    const repo = new Repo();
    const p = repo.pipeline('legs.yml', pipelineText);
    const failed = await repo.run(p);
    expect(statusOf(failed)).toMatchObject({ 'load (day)': 'success', report: 'failed' });

    writeFileSync(join(repo.dir, 'fixed'), '');
    const resumed = await repo.run(p, { resume: true });
    expect(resumed.status).toBe('completed');
    expect(repo.events()).toEqual(reported);

    writeFileSync(repo.eventsFile, '');
    const part = await repo.run(p, { selection: { only: [], from: ['report'] } });
    expect(part.status).toBe('completed');
    expect(repo.events()).toEqual(reported);
  });
});

describe('values past what an environment can hold', () => {
  it('are left out of the environment with a warning, and read through their templates (regression: the task did not start, E2BIG)', async () => {
    // 40 legs of 4,000 characters: DAGLINE_NEEDS_PART_LEGS (the legs' names, matrices and outputs) would be 316 KiB, past Linux's 128 KiB a variable.
    const repo = new Repo();
    const p = repo.pipeline(
      'wide.yml',
      widePipeline(
        'echo "legs set: ${DAGLINE_NEEDS_PART_LEGS+yes}" >> "$EVENTS"\n' +
          `echo "lengths: \${{ join(needs.part.legs.*.outputs.length, ' ') }}" >> "$EVENTS"`,
      ),
    );
    const notes: string[] = [];
    const outcome = await repo.run(p, {}, { ...quietReporter, note: (message) => notes.push(message) });
    expect(outcome.status).toBe('completed');
    expect(repo.events()).toEqual(['legs set: ', `lengths: ${Array(40).fill('4000').join(' ')}`]);
    expect(notes).toEqual([
      "gather: warning: DAGLINE_NEEDS_PART_LEGS is not set: 316 KiB, more than its environment can hold (128 KiB a variable, 1024 KiB for all of dagline's); read the value through its template (${{ ... }})",
    ]);
  });
});
