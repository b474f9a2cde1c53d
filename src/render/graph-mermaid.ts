import type { Pipeline } from '../pipeline-format/model.js';
import { clusterTree, taskLabel, type Cluster } from './cluster-tree.js';

/**
 * The DAG as a Mermaid flowchart: stages as subgraphs, display groups nested
 * in them, edges as declared (a need on a stage is drawn to the stage box).
 * Node ids are positional (t0, s1, g2) so no task id can clash with Mermaid's
 * keywords (`end`, `graph`, ...); labels carry the names.
 */
export function graphToMermaid(
  pipeline: Pipeline,
  options: { statusClass?: (taskId: string) => string | undefined } = {},
): string {
  const lines = ['flowchart LR'];
  const taskKey = new Map<string, string>();
  [...pipeline.tasks.keys()].forEach((id, i) => taskKey.set(id, `t${i}`));
  const tree = clusterTree(pipeline);
  const stageKey = new Map(tree.children.filter((c) => c.kind === 'stage').map((c) => [c.name, c.key]));
  const nodeKey = (name: string) => taskKey.get(name) ?? stageKey.get(name);

  const emit = (cluster: Cluster, indent: string) => {
    for (const task of cluster.tasks) {
      const key = taskKey.get(task.id) as string;
      const label = quote(taskLabel(task));
      lines.push(`${indent}${key}${task.action.kind === 'pipeline' ? `[[${label}]]` : `[${label}]`}`);
    }
    for (const child of cluster.children) {
      lines.push(
        `${indent}subgraph ${child.key}[${quote(child.kind === 'stage' ? `stage: ${child.name}` : child.name)}]`,
      );
      emit(child, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  emit(tree, '  ');

  for (const task of pipeline.tasks.values()) {
    for (const need of task.needs) {
      const from = nodeKey(need);
      if (from) lines.push(`  ${from} --> ${taskKey.get(task.id)}`);
    }
  }
  for (const stage of pipeline.stages.values()) {
    for (const need of stage.needs) {
      const from = nodeKey(need);
      if (from) lines.push(`  ${from} --> ${stageKey.get(stage.name)}`);
    }
  }
  if (options.statusClass) {
    for (const id of pipeline.tasks.keys()) {
      const cls = options.statusClass(id);
      if (cls) lines.push(`  class ${taskKey.get(id)} ${cls}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A Mermaid label in double quotes; quotes and angle brackets as entities. */
function quote(text: string): string {
  return `"${text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')}"`;
}
