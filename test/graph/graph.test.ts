import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/dagline-error.js';
import { buildDag, nodeLabel, topologicalOrder } from '../../src/graph/dag.js';
import { selectTasks } from '../../src/graph/select.js';
import { pipelineOf } from '../helpers.js';

const staged = pipelineOf(`
name: staged
stages:
  extract: {}
  load: { needs: [extract] }
tasks:
  a: { stage: extract, run: echo }
  b: { stage: extract, run: echo }
  c: { stage: load, run: echo }
  d: { stage: load, needs: [c], run: echo }
  e: { needs: [load], run: echo }
  f: { run: echo }
`);

const ids = (dag: ReturnType<typeof buildDag>, nodes: Iterable<number>) =>
  [...nodes].map((n) => nodeLabel(dag, n)).sort();

describe('the DAG', () => {
  it('joins stages through one gate each, so stage needs stay linear', () => {
    const dag = buildDag(staged);
    const gate = dag.gateIndex.get('extract')!;
    expect(ids(dag, dag.preds[gate]!)).toEqual(['a', 'b']);
    expect(ids(dag, dag.preds[dag.taskIndex.get('c')!]!)).toEqual(['stage extract']);
    expect(ids(dag, dag.preds[dag.taskIndex.get('d')!]!)).toEqual(['c', 'stage extract']);
    expect(ids(dag, dag.preds[dag.taskIndex.get('e')!]!)).toEqual(['stage load']);
    const order = topologicalOrder(dag)!;
    const at = (name: string) => order.indexOf(dag.taskIndex.get(name)!);
    expect(at('a')).toBeLessThan(at('c'));
    expect(at('b')).toBeLessThan(at('d'));
    expect(at('d')).toBeLessThan(at('e'));
  });

  it('has no order when there is a cycle', () => {
    const p = pipelineOf('name: ok\ntasks:\n  a: { run: echo }\n  b: { run: echo, needs: [a] }\n');
    const dag = buildDag(p);
    dag.preds[0]!.push(1);
    dag.succs[1]!.push(0);
    expect(topologicalOrder(dag)).toBeUndefined();
  });
});

describe('selecting tasks', () => {
  const dag = buildDag(staged);
  const select = (only: string[], from: string[] = []) => ids(dag, selectTasks(dag, { only, from })!);

  it('takes a task alone, with +x its upstream, with x+ its downstream', () => {
    expect(select(['d'])).toEqual(['d']);
    expect(select(['+d'])).toEqual(['a', 'b', 'c', 'd']);
    expect(select(['c+'])).toEqual(['c', 'd', 'e']);
    expect(select(['+c+'])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(select([], ['c'])).toEqual(['c', 'd', 'e']);
  });

  it('takes a stage as all of its tasks', () => {
    expect(select(['load'])).toEqual(['c', 'd']);
    expect(select(['extract+'])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('selects nothing special when no selector is given', () => {
    expect(selectTasks(dag, { only: [], from: [] })).toBeUndefined();
  });

  it('refuses an unknown name with a suggestion', () => {
    expect(() => selectTasks(dag, { only: ['lod'] })).toThrow(UsageError);
    try {
      selectTasks(dag, { only: ['lod'] });
    } catch (error) {
      expect((error as UsageError).hint).toBe('did you mean "load"?');
    }
  });
});

describe('the size of the DAG', () => {
  it('is linear in the tasks when a large stage needs another', () => {
    const tasks = Array.from({ length: 400 }, (_, i) => `  t${i}: { stage: ${i < 200 ? 'a' : 'b'}, run: echo }`).join(
      '\n',
    );
    const dag = buildDag(pipelineOf(`name: big\nstages:\n  a: {}\n  b: { needs: [a] }\ntasks:\n${tasks}\n`));
    const edges = dag.preds.reduce((n, preds) => n + preds.length, 0);
    expect(edges).toBe(400 + 200); // each task into its gate, each task of b from gate a
  });
});
