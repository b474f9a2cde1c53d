import type { Pipeline } from '../pipeline-format/model.js';
import { clusterTree, taskLabel, type Cluster } from './cluster-tree.js';
import { printable } from './printable.js';

/**
 * The DAG in Graphviz dot: stages and display groups as clusters. A need on
 * a stage is drawn from (or to) the stage's cluster: `compound=true` with an
 * anchor node inside the cluster and ltail/lhead.
 */
export function graphToDot(pipeline: Pipeline): string {
  const lines = [
    `digraph ${quote(pipeline.name)} {`,
    '  rankdir=LR;',
    '  compound=true;',
    '  node [shape=box, style=rounded];',
  ];
  const tree = clusterTree(pipeline);
  const anchors = new Map<string, { node: string; cluster: string }>();

  const emit = (cluster: Cluster, indent: string) => {
    for (const task of cluster.tasks) {
      const shape = task.action.kind === 'pipeline' ? ', shape=component' : '';
      lines.push(`${indent}${quote(task.id)} [label=${quote(taskLabel(task))}${shape}];`);
    }
    for (const child of cluster.children) {
      lines.push(`${indent}subgraph ${quote(`cluster_${child.key}`)} {`);
      lines.push(`${indent}  label=${quote(child.kind === 'stage' ? `stage: ${child.name}` : child.name)};`);
      emit(child, `${indent}  `);
      if (child.kind === 'stage') {
        const first = firstTask(child);
        let node = first;
        if (node === undefined) {
          node = `stage:${child.name}`;
          lines.push(`${indent}  ${quote(node)} [shape=point, style=invis];`);
        }
        anchors.set(child.name, { node, cluster: `cluster_${child.key}` });
      }
      lines.push(`${indent}}`);
    }
  };
  emit(tree, '  ');

  const edge = (from: string, to: string, toIsStage: boolean) => {
    const source = pipeline.tasks.has(from) ? { node: from, cluster: undefined } : anchors.get(from);
    const target = toIsStage ? anchors.get(to) : { node: to, cluster: undefined };
    if (!source || !target) return;
    const attrs = [
      source.cluster && `ltail=${quote(source.cluster)}`,
      target.cluster && `lhead=${quote(target.cluster)}`,
    ].filter(Boolean);
    lines.push(`  ${quote(source.node)} -> ${quote(target.node)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  };
  for (const task of pipeline.tasks.values()) for (const need of task.needs) edge(need, task.id, false);
  for (const stage of pipeline.stages.values()) for (const need of stage.needs) edge(need, stage.name, true);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function firstTask(cluster: Cluster): string | undefined {
  if (cluster.tasks[0]) return cluster.tasks[0].id;
  for (const child of cluster.children) {
    const found = firstTask(child);
    if (found) return found;
  }
  return undefined;
}

/** A DOT string: each line printable (printable.ts), then escaped for DOT; line breaks as DOT's `\n`. */
function quote(text: string): string {
  const lines = text.split('\n').map((line) => printable(line).replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
  return `"${lines.join('\\n')}"`;
}
