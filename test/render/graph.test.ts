// @vitest-environment jsdom
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphToDot } from '../../src/render/graph-dot.js';
import { graphToJson } from '../../src/render/graph-json.js';
import { graphToMermaid } from '../../src/render/graph-mermaid.js';
import type { Pipeline } from '../../src/pipeline-format/model.js';
import { examplePipelines, pipelineOf } from '../helpers.js';

/** Ids Mermaid would choke on as node ids, names with quotes, nested groups, a stage-to-stage need. */
const tricky = pipelineOf(`
name: tricky
stages:
  extract: {}
  end: { needs: [extract] }
tasks:
  graph: { stage: extract, group: raw/api, run: echo, name: 'the "graph" <task>' }
  subgraph: { stage: extract, group: raw, run: echo }
  end_: { stage: end, needs: [graph], run: echo, matrix: { period: [day, month] } }
  style: { needs: [end], pipeline: other.yml }
`);

const examples = examplePipelines();

let graphviz: Awaited<ReturnType<typeof Graphviz.load>>;
beforeAll(async () => {
  graphviz = await Graphviz.load();
});

describe('mermaid', () => {
  it('draws stages as subgraphs with groups nested, and edges as declared', () => {
    expect(graphToMermaid(tricky)).toBe(`flowchart LR
  t3[["style -#gt; other.yml"]]
  subgraph s0["stage#58; extract"]
    subgraph g0["raw"]
      t1["subgraph"]
      subgraph g1["api"]
        t0["graph#58; the #quot;graph#quot; #lt;task#gt;"]
      end
    end
  end
  subgraph s1["stage#58; end"]
    t2["end_ (x2)"]
  end
  t0 --> t2
  s1 --> t3
  s0 --> s1
`);
  });

  it("is accepted by Mermaid's own parser, for tricky names and every example", async () => {
    for (const pipeline of [tricky, ...examples]) {
      await expect(mermaid.parse(graphToMermaid(pipeline))).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    }
  });
});

describe('dot', () => {
  it('is accepted by Graphviz, with stages and groups as clusters', () => {
    for (const pipeline of [tricky, ...examples]) {
      const dot = graphToDot(pipeline);
      expect(() => graphviz.dot(dot, 'plain')).not.toThrow();
    }
    const dot = graphToDot(tricky);
    expect(dot).toContain('subgraph "cluster_s0" {');
    expect(dot).toContain('"end_" -> "style" [ltail="cluster_s1"];');
    expect(dot).toContain('"graph" -> "end_";');
  });

  it('draws every task once', () => {
    const plain = graphviz.dot(graphToDot(tricky), 'plain');
    const nodes = plain
      .split('\n')
      .filter((l) => l.startsWith('node '))
      .map((l) => l.split(' ')[1]!.replace(/"/g, ''));
    expect(nodes.sort()).toEqual(['end_', 'graph', 'style', 'subgraph']);
  });
});

describe('json', () => {
  it('lists tasks with declared needs, what they wait for, edges as declared, and levels', () => {
    const json = graphToJson(tricky);
    const byId = (p: Pipeline, id: string) => json.tasks.find((t) => t.id === id)!;
    expect(byId(tricky, 'end_')).toMatchObject({
      stage: 'end',
      needs: ['graph'],
      waitsFor: ['graph', 'extract'],
      level: 2,
      matrix: { period: ['day', 'month'] },
    });
    expect(byId(tricky, 'style')).toMatchObject({ kind: 'pipeline', needs: ['end'], waitsFor: ['end'], level: 3 });
    expect(json.levels).toEqual([['graph', 'subgraph'], ['end_'], ['style']]);
    expect(json.stages).toEqual([
      { name: 'extract', needs: [], tasks: ['graph', 'subgraph'] },
      { name: 'end', needs: ['extract'], tasks: ['end_'] },
    ]);
    expect(json.edges).toEqual([
      { from: 'extract', to: 'end' },
      { from: 'graph', to: 'end_' },
      { from: 'end', to: 'style' },
    ]);
  });
});
