import { graphToDot } from '../../render/graph-dot.js';
import { graphToJson } from '../../render/graph-json.js';
import { graphToMermaid } from '../../render/graph-mermaid.js';
import type { Pipeline } from '../../pipeline-format/model.js';
import { printableJson } from '../../render/printable.js';

export type GraphFormat = 'mermaid' | 'dot' | 'json';

export function renderGraph(pipeline: Pipeline, format: GraphFormat): string {
  if (format === 'dot') return graphToDot(pipeline);
  if (format === 'json') return printableJson(graphToJson(pipeline));
  return graphToMermaid(pipeline);
}
