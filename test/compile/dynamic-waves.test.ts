import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutWaves, waveOutputs, type WaveLayout } from '../../src/compile/dynamic-waves.js';
import { MATRIX_LEGS_LIMIT, outputsSize, WAVE_OUTPUTS_LIMIT } from '../../src/compile/github-limits.js';
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
    expect(result.ok && outputsSize(Object.entries(waveOutputs(result.slots)).flat())).toBeLessThan(WAVE_OUTPUTS_LIMIT);
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

  it("lays out waves past what one step's input can hold: each wave job is given its own wave only", () => {
    // 1,000 parallel tasks with 100-character ids: four waves, 114 KiB of matrices, which every job
    // was once given whole in toJSON(needs) (at most 128 KiB), and was refused past 96 KiB.
    const ids = Array.from({ length: 1000 }, (_, i) => `t${String(i).padStart(99, '0')}`);
    const result = layout(`name: p\ntasks:\n${ids.map((id) => `  ${id}: { run: "true" }\n`).join('')}`);
    expect(result.ok && result.slots.map((slot) => slot.matrix.include.length)).toEqual([256, 256, 256, 232]);
    const outputs = result.ok ? waveOutputs(result.slots) : {};
    expect(Object.keys(outputs)).toEqual(['wave-1', 'wave-2', 'wave-3', 'wave-4']);
    expect(JSON.parse(outputs['wave-4']!)).toEqual(result.ok && result.slots[3]);
  });

  it("refuses, naming compiled mode, waves past what the plan job can output (GitHub's 1 MB a job, in UTF-16)", () => {
    // Ten tasks of 256 legs, each leg's value 200 characters: 2,560 legs in ten waves, about 1.2 MB as GitHub counts (UTF-16).
    const values = (task: number) => Array.from({ length: 256 }, (_, i) => `v${task}-${i}-`.padEnd(200, 'x'));
    const tasks = Array.from(
      { length: 10 },
      (_, t) => `  t${t}:\n    matrix: { part: ${JSON.stringify(values(t))} }\n    run: "true"\n`,
    );
    const text = `name: p\ntasks:\n${tasks.join('')}`;
    const refused = layout(text);
    expect(!refused.ok && refused.errors.map((e) => [e.message, e.line, e.hint])).toEqual([
      [
        `the waves' matrices (2560 legs) come to 1161 KiB as GitHub counts outputs, more than the ${Math.floor(WAVE_OUTPUTS_LIMIT / 1024)} KiB the plan job can give them (GitHub takes at most 1 MB of outputs from a job)`,
        2,
        'run the pipeline in compiled mode (`dagline compile`, docs/github.md)',
      ],
    ]);
    // Values of a third of the length fit.
    expect(layout(text.replaceAll(/x{140}/g, '')).ok).toBe(true);
  });
});
