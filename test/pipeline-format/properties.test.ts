import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DaglineError } from '../../src/errors/dagline-error.js';
import { buildDag, topologicalOrder } from '../../src/graph/dag.js';
import { planPipeline } from '../../src/plan/plan-pipeline.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';

/** A random DAG: task i may only need tasks before it, so there is no cycle. */
const dagArbitrary = fc
  .integer({ min: 1, max: 40 })
  .chain((size) =>
    fc.tuple(
      fc.constant(size),
      fc.array(fc.array(fc.nat({ max: size - 1 }), { maxLength: 4 }), { minLength: size, maxLength: size }),
      fc.array(fc.constantFrom(undefined, 's0', 's1'), { minLength: size, maxLength: size }),
    ),
  )
  .map(([size, needs, stages]) => {
    const tasks: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < size; i++) {
      const own = [...new Set((needs[i] ?? []).filter((j) => j < i))].map((j) => `t${j}`);
      tasks[`t${i}`] = { run: `echo ${i}`, ...(own.length && { needs: own }) };
    }
    return { size, tasks, stages };
  });

function pipelineText(tasks: Record<string, Record<string, unknown>>, stages?: Record<string, unknown>): string {
  return stringify({ name: 'random', ...(stages && { stages }), tasks });
}

describe('random DAGs', () => {
  it('are ordered so every task comes after what it needs, and planned in waves that respect needs', () => {
    fc.assert(
      fc.property(dagArbitrary, ({ tasks }) => {
        const result = loadPipeline(pipelineText(tasks), 'random.yml');
        if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
        const dag = buildDag(result.pipeline);
        const order = topologicalOrder(dag);
        expect(order).toBeDefined();
        const position = new Map(order!.map((node, i) => [node, i]));
        dag.preds.forEach((preds, node) => {
          for (const pred of preds) expect(position.get(pred)!).toBeLessThan(position.get(node)!);
        });

        const plan = planPipeline(result.pipeline, { params: {} });
        const wave = new Map(plan.tasks.map((t) => [t.id, t.wave!]));
        for (const task of plan.tasks) {
          expect(task.decision).toBe('run');
          for (const need of task.needs) expect(wave.get(need)!).toBeLessThan(wave.get(task.id)!);
          // A task is in the first wave its needs allow: one after its latest need.
          expect(wave.get(task.id)).toBe(Math.max(0, ...task.needs.map((n) => wave.get(n)!)) + 1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with stages keep order through the stage gates', () => {
    fc.assert(
      fc.property(dagArbitrary, ({ tasks, stages }) => {
        // s1 needs s0: every s1 task must come after every s0 task.
        const staged = Object.fromEntries(
          Object.entries(tasks).map(([id, t], i) => [id, stages[i] ? { ...t, stage: stages[i] } : t]),
        );
        const result = loadPipeline(pipelineText(staged, { s0: {}, s1: { needs: ['s0'] } }), 'random.yml');
        if (!result.ok) {
          // A task of s0 that needs a task of s1 closes a cycle through the gates: that must be reported as one.
          expect(result.errors.some((e) => e.message.startsWith('cycle:'))).toBe(true);
          return;
        }
        const plan = planPipeline(result.pipeline, { params: {} });
        const wave = new Map(plan.tasks.map((t) => [t.id, t.wave!]));
        const inStage = (s: string) => plan.tasks.filter((t) => t.stage === s).map((t) => wave.get(t.id)!);
        const lastS0 = Math.max(0, ...inStage('s0'));
        for (const w of inStage('s1')) expect(w).toBeGreaterThan(lastS0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('random cycles', () => {
  it('are always found, and the path reported is a real cycle', () => {
    // Walk down a random chain of needs from some task, then make the bottom of the
    // chain need the top: a cycle as long as the walk (or a task needing a new one
    // that needs it back, when the walk cannot move).
    const withCycle = dagArbitrary.chain(({ size, tasks }) =>
      fc
        .tuple(fc.nat({ max: size - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }))
        .map(([start, choices]) => {
          const copy = structuredClone(tasks);
          const top = `t${start}`;
          let bottom = top;
          for (const choice of choices) {
            const needs = (copy[bottom]!.needs as string[] | undefined) ?? [];
            if (needs.length === 0) break;
            bottom = needs[choice % needs.length]!;
          }
          if (bottom === top) {
            copy.loop = { run: 'echo loop', needs: [top] };
            copy[top] = { ...copy[top], needs: [...((copy[top]!.needs as string[]) ?? []), 'loop'] };
          } else {
            copy[bottom] = { ...copy[bottom], needs: [...((copy[bottom]!.needs as string[]) ?? []), top] };
          }
          return copy;
        }),
    );
    fc.assert(
      fc.property(withCycle, (tasks) => {
        const result = loadPipeline(pipelineText(tasks), 'cycle.yml');
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const cycles = result.errors.filter((e) => e.message.startsWith('cycle: '));
        expect(cycles.length).toBeGreaterThan(0);
        for (const error of cycles) {
          const path = error.message.slice('cycle: '.length).split(' -> ');
          expect(path[0]).toBe(path[path.length - 1]);
          expect(new Set(path.slice(1)).size).toBe(path.length - 1); // no node twice before closing
          for (let i = 0; i + 1 < path.length; i++) {
            // each step is a real edge: the next task needs the previous one
            expect((tasks[path[i + 1]!]!.needs as string[]) ?? []).toContain(path[i]);
          }
          expect(error.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the loader on hostile input', () => {
  const onlyOwnErrors = (input: string | Uint8Array) => {
    const result = loadPipeline(input, 'fuzz.yml');
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error).toBeInstanceOf(DaglineError);
      expect(error.file).toBe('fuzz.yml');
      if (error.line !== undefined) expect(error.line).toBeGreaterThan(0);
    }
  };

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), onlyOwnErrors), { numRuns: 500 });
  });

  it('never throws on random text made of YAML punctuation', () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(...'abc: -[]{},&*!|>\'"#%@`\n  \t?$=01.'.split('')),
      maxLength: 200,
    });
    fc.assert(fc.property(yamlish, onlyOwnErrors), { numRuns: 500 });
  });

  it('never throws on random YAML documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => onlyOwnErrors(stringify(value))),
      { numRuns: 300 },
    );
  });

  // Every run script is parsed by mvdan/sh now: the timeout is for a hang only, not for a busy machine.
  it('never throws on pipelines with random values in every field', { timeout: 120_000 }, () => {
    const anyValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string(),
      fc.constantFrom('${{', '${{ }}', '${{ needs.x.outputs.y }}', 'always()', '1h30m', '-1'),
    );
    const pipeline = fc.record(
      {
        name: anyValue,
        params: fc.dictionary(
          fc.string({ maxLength: 6 }),
          fc.record({ type: anyValue, options: anyValue, default: anyValue }, { requiredKeys: [] }),
        ),
        stages: fc.dictionary(
          fc.string({ maxLength: 6 }),
          fc.record({ if: anyValue, needs: anyValue }, { requiredKeys: [] }),
        ),
        tasks: fc.dictionary(
          fc.constantFrom('a', 'b', 'c', 'd'),
          fc.record(
            {
              run: anyValue,
              needs: anyValue,
              if: anyValue,
              matrix: anyValue,
              stage: anyValue,
              timeout: anyValue,
              outputs: anyValue,
              env: anyValue,
              command: anyValue,
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(pipeline, (value) => onlyOwnErrors(stringify(value))),
      { numRuns: 300 },
    );
  });
});
