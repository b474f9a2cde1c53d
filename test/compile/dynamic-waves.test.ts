import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutWaves, outputSize, type WaveLayout } from '../../src/compile/dynamic-waves.js';
import { MATRIX_LEGS_LIMIT, WAVES_OUTPUT_LIMIT } from '../../src/compile/github-limits.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import type { ParamValues } from '../../src/plan/resolve-params.js';
import { resolveParams } from '../../src/plan/resolve-params.js';

async function fanPipeline(width: number): Promise<string> {
  const path = '../../bench/generate-layered.mjs';
  const module = (await import(/* @vite-ignore */ path)) as { fanPipeline(width: number, command?: string): string };
  return module.fanPipeline(width);
}

function layout(text: string, given: Record<string, string> = {}, waveJobs = 20): WaveLayout {
  const loaded = loadPipeline(text, 'pipelines/p.yml');
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const params = resolveParams(loaded.pipeline, given, false);
  if (!params.ok) throw new Error('params');
  return layoutWaves({
    pipeline: loaded.pipeline,
    params: params.values as ParamValues,
    run: { actor: 'octocat', trigger: 'dispatch' },
    waveJobs,
    placeOf: (path) => loaded.locator.at(path, 'key'),
  });
}

/** Each slot as `task (leg values)` names, for reading. */
function names(result: WaveLayout): string[][] {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.slots.map((slot) =>
    slot.matrix.include.map((l) => (l.leg ? `${l.task} (${Object.values(l.leg).join(', ')})` : l.task)),
  );
}

const funnel = readFileSync('examples/funnel/funnel.yml', 'utf8');

describe('dynamic mode: the run laid out over the wave jobs', () => {
  it("lays out the funnel's plan: stages that are off take no slot, a pool's size caps a task's legs per slot", () => {
    expect(names(layout(funnel, { dataStage: 'IaC' }))).toEqual([['create-infra'], ['report']]);
    expect(names(layout(funnel, { dataStage: 'Initial data' }))).toEqual([
      ['run-workflows (day)', 'run-workflows (month)'],
      ['run-workflows (year)'],
      ['update-infra'],
      ['rerun-workflows (day)', 'rerun-workflows (month)'],
      ['rerun-workflows (year)'],
      ['report'],
    ]);
    const slots = (layout(funnel, { dataStage: 'IaC' }) as { slots: { minutes: number }[] }).slots;
    // create-infra: 10m, one retry after 1s, and the job's own 10 minutes.
    expect(slots[0]!.minutes).toBe(31);
  });

  it('splits a wave of 300 at 256 legs, and packs the next wave into the room left', async () => {
    const result = layout(await fanPipeline(300));
    const slots = names(result);
    expect(slots.map((s) => s.length)).toEqual([256, 256, 88]);
    expect(slots[1]!.slice(0, 45)).toEqual([...Array.from({ length: 44 }, (_, i) => `fan-${257 + i}`), 'gather-1']);
    // Every task after everything it needs: gather-i in a later slot than fan-i.
    const slotOf = new Map(slots.flatMap((slot, k) => slot.map((name) => [name, k] as const)));
    for (let i = 1; i <= 300; i++) expect(slotOf.get(`gather-${i}`)!).toBeGreaterThan(slotOf.get(`fan-${i}`)!);
    expect(Math.max(...slots.map((s) => s.length))).toBeLessThanOrEqual(MATRIX_LEGS_LIMIT);
    expect(result.ok && outputSize(result.slots)).toBeLessThan(WAVES_OUTPUT_LIMIT);
  });

  it('waits through tasks the plan skips and stage gates: a task after a skipped one comes after what that one waits for', () => {
    const text = `name: p
stages:
  off: { if: "false" }
tasks:
  a: { run: "true" }
  b: { stage: off, needs: [a], run: "true" }
  c: { needs: [b], if: always(), run: "true" }
`;
    expect(names(layout(text))).toEqual([['a'], ['c']]);
  });

  it('gives each leg its runner and its continue-on-error; the default runner is left out', () => {
    const text = `name: p
tasks:
  build:
    matrix: { os: [ubuntu-latest, macos-latest] }
    runs-on: \${{ matrix.os }}
    continue-on-error: true
    run: "true"
`;
    const result = layout(text);
    expect(result.ok && result.slots[0]!.matrix.include).toEqual([
      { task: 'build', leg: { os: 'ubuntu-latest' }, 'continue-on-error': true },
      { task: 'build', leg: { os: 'macos-latest' }, 'runs-on': 'macos-latest', 'continue-on-error': true },
    ]);
  });

  it('refuses, naming compiled mode, a run deeper than the wave jobs and the tasks it cannot run', () => {
    const chain = `name: p
tasks:
  a: { run: "true" }
  b: { needs: [a], run: "true" }
  c: { needs: [b], run: "true" }
`;
    const deep = layout(chain, {}, 2);
    expect(!deep.ok && deep.errors.map((e) => [e.message, e.line, e.hint])).toEqual([
      [
        'the run needs 3 waves of jobs one after another (3 legs: a chain takes a wave per task, and a wave past 256 legs or a task past its max-parallel takes more), and dynamic mode has 2 wave jobs; task "c" would run in wave 3',
        5,
        'run the pipeline in compiled mode (`dagline compile`, docs/github.md)',
      ],
    ]);
    const unfit = `name: p
tasks:
  list: { run: "echo days=[1] >> $DAGLINE_OUTPUT", outputs: [days] }
  load:
    needs: [list]
    matrix: { day: "\${{ fromJSON(needs.list.outputs.days) }}" }
    run: "true"
  deploy: { environment: prod, run: "true" }
  where: { runs-on: "\${{ needs.list.outputs.days }}", needs: [list], run: "true" }
`;
    const refused = layout(unfit);
    expect(!refused.ok && refused.errors.map((e) => [e.message.split(':')[0], e.line])).toEqual([
      ['task "load"', 6],
      ['task "deploy" has an environment', 8],
      ['task "where"', 9],
    ]);
  });

  it("refuses, naming compiled mode, waves past what every job's toJSON(needs) can hold, at any depth", () => {
    // 1,000 parallel tasks with 100-character ids: four waves, 114 KiB of matrices.
    const ids = Array.from({ length: 1000 }, (_, i) => `t${String(i).padStart(99, '0')}`);
    const text = `name: p\ntasks:\n${ids.map((id) => `  ${id}: { run: "true" }\n`).join('')}`;
    const refused = layout(text);
    expect(!refused.ok && refused.errors.map((e) => [e.message, e.line, e.hint])).toEqual([
      [
        "the waves' matrices (1000 legs) come to 114 KiB, more than the 96 KiB every job of the run can be given (GitHub passes a step's inputs as environment variables, at most 128 KiB each)",
        2,
        'run the pipeline in compiled mode (`dagline compile`, docs/github.md)',
      ],
    ]);
    // A tenth of the ids' length fits.
    expect(layout(text.replaceAll(/0{90}/g, '')).ok).toBe(true);
  });
});
