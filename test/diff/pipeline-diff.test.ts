import { describe, expect, it } from 'vitest';
import { diffPipelines, hasDifferences, type PipelineDiff } from '../../src/diff/pipeline-diff.js';
import { diffToText } from '../../src/diff/diff-text.js';
import { loadPipeline } from '../../src/pipeline-format/load-pipeline.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';
import { pipelineOf } from '../helpers.js';

const BASE = `
name: etl
params:
  day: { type: string }
  count: { type: string, default: "3" }
  legacy: { type: boolean }
stages:
  prepare: {}
  publish: { needs: [prepare] }
tasks:
  extract: { stage: prepare, run: echo extract \${{ params.day }}, estimate: 5m }
  transform:
    stage: prepare
    needs: [extract]
    run: |
      echo one
      echo two
    timeout: 20m
    estimate: 10m
  load: { stage: publish, needs: [transform], command: [echo, load], estimate: 1m }
`;

/** The changes of one task, by field. */
function changesOf(diff: PipelineDiff, id: string): Record<string, { before?: string; after?: string }> {
  const task = diff.tasks.changed.find((t) => t.id === id);
  return Object.fromEntries((task?.changes ?? []).map(({ field, ...rest }) => [field, rest]));
}

function diffOf(head: string, base = BASE): PipelineDiff {
  return diffPipelines(pipelineOf(base, 'etl.yml'), pipelineOf(head, 'etl.yml'));
}

/** BASE with `from` replaced by `to` (which must be there: a test that changes nothing proves nothing). */
function edited(from: string, to: string): string {
  expect(BASE).toContain(from);
  return BASE.replace(from, to);
}

describe('diffPipelines', () => {
  it('finds no differences between a pipeline and itself', () => {
    const diff = diffOf(BASE);
    expect(hasDifferences(diff)).toBe(false);
    expect(diffToText(diff)).toBe('etl.yml (etl): no differences\n');
  });

  it('lists added and removed tasks with their kind, stage and needs', () => {
    const diff = diffOf(
      edited('  load: { stage: publish', '  report: { needs: [load], pipeline: other.yml }\n  load: { stage: publish')
        .replace(/ {2}extract: .*\n/, '')
        .replace('needs: [extract]', 'needs: []'),
    );
    expect(diff.tasks.added).toEqual([{ id: 'report', kind: 'pipeline', needs: ['load'] }]);
    expect(diff.tasks.removed).toEqual([{ id: 'extract', kind: 'run', stage: 'prepare', needs: [] }]);
    expect(diff.edges.added).toEqual([{ from: 'load', to: 'report' }]);
    expect(diff.edges.removed).toEqual([{ from: 'extract', to: 'transform' }]);
  });

  it('says what changed in a task: run, command, needs, if, matrix, params used, timeout, retries, env, stage', () => {
    const diff = diffOf(`
name: etl
params:
  day: { type: string }
  count: { type: string, default: "3" }
  legacy: { type: boolean }
stages:
  prepare: {}
  publish: { needs: [prepare] }
tasks:
  extract: { stage: prepare, run: echo extract \${{ params.day }} \${{ params.count }}, estimate: 5m }
  transform:
    stage: publish
    run: |
      echo one
      echo three
    timeout: 30m
    retries: 2
    retry-backoff: 2
    if: params.legacy
    matrix: { part: [a, b] }
    env: { MODE: fast }
    estimate: 10m
  load: { stage: publish, needs: [transform, extract], command: [echo, load, --all], estimate: 1m }
`);
    expect(changesOf(diff, 'extract')).toEqual({
      run: { before: 'echo extract ${{ params.day }}', after: 'echo extract ${{ params.day }} ${{ params.count }}' },
      'params used': { before: '[day]', after: '[count, day]' },
    });
    expect(changesOf(diff, 'transform')).toEqual({
      stage: { before: 'prepare', after: 'publish' },
      needs: { before: '[extract]' },
      if: { after: 'params.legacy' },
      run: { before: 'echo one\necho two\n', after: 'echo one\necho three\n' },
      'env.MODE': { after: 'fast' },
      'matrix.part': { after: '[a, b]' },
      'params used': { after: '[legacy]' },
      timeout: { before: '20m', after: '30m' },
      retries: { before: '0', after: '2 (delay 10s, backoff x2)' },
    });
    expect(changesOf(diff, 'load')).toEqual({
      needs: { before: '[transform]', after: '[extract, transform]' },
      command: { before: '[echo, load]', after: '[echo, load, --all]' },
    });
    // The order of needs is not a change; a need added is an edge added.
    expect(diff.edges.added).toEqual([{ from: 'extract', to: 'load' }]);
    expect(diff.edges.removed).toEqual([{ from: 'extract', to: 'transform' }]);
  });

  it('says when a task changes what it is: run to command, and a call of another pipeline with its params', () => {
    const base = `
name: calls
tasks:
  a: { run: echo a }
  b: { pipeline: child.yml, with: { day: monday, n: 1 } }
`;
    const head = `
name: calls
tasks:
  a: { command: [echo, a] }
  b: { pipeline: child.yml, with: { day: tuesday, n: 1, extra: true }, dispatch: true }
`;
    const diff = diffPipelines(pipelineOf(base), pipelineOf(head));
    expect(changesOf(diff, 'a')).toEqual({
      run: { before: 'echo a' },
      shell: { before: 'bash' },
      command: { after: '[echo, a]' },
    });
    expect(changesOf(diff, 'b')).toEqual({
      'with.day': { before: 'monday', after: 'tuesday' },
      'with.extra': { after: 'true' },
      dispatch: { after: 'true' },
    });
  });

  it('lists params added, removed, retyped and otherwise changed', () => {
    const diff = diffOf(
      edited(
        '  count: { type: string, default: "3" }\n  legacy: { type: boolean }',
        '  count: { type: number, default: 3 }',
      ).replace(
        '  day: { type: string }',
        '  day: { type: string, required: true }\n  region: { type: choice, options: [eu, us] }',
      ),
    );
    expect(diff.params.added).toEqual([{ name: 'region', type: 'choice' }]);
    expect(diff.params.removed).toEqual([{ name: 'legacy', type: 'boolean' }]);
    expect(diff.params.retyped).toEqual([{ name: 'count', before: 'string', after: 'number' }]);
    expect(diff.params.changed).toEqual([{ name: 'day', changes: [{ field: 'required', after: 'true' }] }]);
  });

  it('lists stages added, removed and changed, and the edges between stages', () => {
    const diff = diffOf(
      edited(
        '  publish: { needs: [prepare] }',
        '  publish: { if: "params.day != \'\'" }\n  audit: { needs: [publish] }',
      ),
    );
    expect(diff.stages.added).toEqual(['audit']);
    expect(diff.stages.removed).toEqual([]);
    expect(diff.stages.changed).toEqual([
      {
        name: 'publish',
        changes: [
          { field: 'if', after: "params.day != ''" },
          { field: 'needs', before: '[prepare]' },
        ],
      },
    ]);
    expect(diff.edges.added).toEqual([{ from: 'publish', to: 'audit' }]);
    expect(diff.edges.removed).toEqual([{ from: 'prepare', to: 'publish' }]);
  });

  it('gives the critical path before and after, with the estimates', () => {
    const diff = diffOf(
      edited('  load: { stage: publish, needs: [transform]', '  load: { stage: publish, needs: [extract]'),
    );
    // Stage publish needs stage prepare, so load still waits for transform through its stage.
    expect(diff.criticalPath).toEqual({
      before: { tasks: ['extract', 'transform', 'load'], estimateMs: 16 * 60_000 },
      after: { tasks: ['extract', 'transform', 'load'], estimateMs: 16 * 60_000 },
    });
    const faster = diffOf(
      edited('  publish: { needs: [prepare] }', '  publish: {}').replace(
        'needs: [transform], command',
        'needs: [extract], command',
      ),
    );
    expect(faster.criticalPath.after).toEqual({ tasks: ['extract', 'transform'], estimateMs: 15 * 60_000 });
    expect(diffToText(faster)).toContain(
      'critical path:\n  before: extract -> transform -> load (3 tasks, est. 16m)\n  after:  extract -> transform (2 tasks, est. 15m)\n',
    );
  });

  it('counts tasks on the critical path when no task has an estimate', () => {
    const diff = diffPipelines(
      pipelineOf('name: p\ntasks:\n  a: { run: a }\n  b: { run: b, needs: [a] }\n  c: { run: c }\n'),
      pipelineOf(
        'name: p\ntasks:\n  a: { run: a }\n  b: { run: b }\n  c: { run: c, needs: [b] }\n  d: { run: d, needs: [c] }\n',
      ),
    );
    expect(diff.criticalPath).toEqual({ before: { tasks: ['a', 'b'] }, after: { tasks: ['b', 'c', 'd'] } });
  });

  it('compares a version with a cycle (it has no critical path) and draws its new edge', () => {
    const result = loadPipeline('name: p\ntasks:\n  a: { run: a, needs: [b] }\n  b: { run: b, needs: [a] }\n', 'p.yml');
    expect(result.ok).toBe(false);
    const unchecked = (result as { unchecked?: Pipeline }).unchecked;
    expect(unchecked).toBeDefined();
    const diff = diffPipelines(
      pipelineOf('name: p\ntasks:\n  a: { run: a }\n  b: { run: b, needs: [a] }\n'),
      unchecked,
    );
    expect(diff.edges.added).toEqual([{ from: 'b', to: 'a' }]);
    expect(diff.criticalPath.after).toEqual({ cycle: true });
    expect(diffToText(diff)).toContain('after:  none (the graph has a cycle)');
  });

  it('treats a missing side as a new or a deleted pipeline', () => {
    const head = pipelineOf(BASE, 'etl.yml');
    const created = diffPipelines(undefined, head);
    expect(created.tasks.added.map((t) => t.id)).toEqual(['extract', 'transform', 'load']);
    expect(created.edges.added).toHaveLength(3);
    expect(diffToText(created).split('\n')[0]).toBe('etl.yml (etl): new pipeline, 3 tasks');
    const deleted = diffPipelines(head, undefined);
    expect(deleted.tasks.removed).toHaveLength(3);
    expect(hasDifferences(deleted)).toBe(true);
  });

  it('shows pipeline-level changes: schedule, concurrency, env, a default that changes every task', () => {
    const diff = diffOf(
      edited(
        'name: etl\n',
        'name: etl\nschedule: [{ cron: "0 3 * * *" }]\nenv: { REGION: eu }\ndefaults: { timeout: 1h }\n',
      ),
    );
    expect(diff.pipeline.map((c) => c.field)).toEqual(['schedule', 'env.REGION']);
    expect(changesOf(diff, 'extract')).toEqual({ timeout: { before: '6h', after: '1h' } });
    expect(changesOf(diff, 'transform')).toEqual({});
  });
});

describe('renames', () => {
  const base = `
name: p
tasks:
  fetch: { run: ./fetch.sh }
  parse: { needs: [fetch], run: ./parse.sh }
  store: { needs: [parse], run: ./store.sh }
`;

  it('suggests a rename when a removed and an added task have the same action and edges', () => {
    const diff = diffPipelines(
      pipelineOf(base),
      pipelineOf(base.replace(/parse:/, 'decode:').replace('[parse]', '[decode]')),
    );
    expect(diff.tasks.removed.map((t) => t.id)).toEqual(['parse']);
    expect(diff.tasks.added.map((t) => t.id)).toEqual(['decode']);
    expect(diff.renames).toEqual([{ from: 'parse', to: 'decode' }]);
    expect(diffToText(diff)).toContain('  ? parse -> decode: probably renamed (same action and edges)\n');
  });

  it('suggests none when the action or the edges differ', () => {
    const otherAction = base.replace(/parse:(.*)\.\/parse\.sh/, 'decode:$1./decode.sh').replace('[parse]', '[decode]');
    expect(diffPipelines(pipelineOf(base), pipelineOf(otherAction)).renames).toEqual([]);
    const otherEdges = base
      .replace('parse: { needs: [fetch], run: ./parse.sh }', 'decode: { run: ./parse.sh }')
      .replace('[parse]', '[decode]');
    const diff = diffPipelines(pipelineOf(base), pipelineOf(otherEdges));
    expect(diff.tasks.added.map((t) => t.id)).toEqual(['decode']);
    expect(diff.renames).toEqual([]);
  });

  it('pairs each task once when several could match', () => {
    const twins = 'name: p\ntasks:\n  a: { run: echo }\n  b: { run: echo }\n';
    const diff = diffPipelines(
      pipelineOf(twins),
      pipelineOf('name: p\ntasks:\n  c: { run: echo }\n  d: { run: echo }\n'),
    );
    expect(diff.renames).toEqual([
      { from: 'a', to: 'c' },
      { from: 'b', to: 'd' },
    ]);
  });
});

describe('text', () => {
  it('shows control characters of values as escapes, and starts every line with its own words or a sign', () => {
    const base = pipelineOf('name: p\ntasks:\n  a: { run: echo a }\n');
    const head = pipelineOf(
      'name: p\ntasks:\n  a: { run: "echo a\\necho \'::error::x\'\\n", name: "red \\u001b[31m bell \\u0007" }\n',
    );
    const text = diffToText(diffPipelines(base, head));
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expect(text).toContain('      name: (none) -> red \\x1b[31m bell \\x07\n');
    expect(text).toContain("        + echo '::error::x'\n");
    for (const line of text.trimEnd().split('\n')) expect(line.trimStart()).toMatch(/^[a-z+~?-]|^\S+\.yml /);
  });
});
