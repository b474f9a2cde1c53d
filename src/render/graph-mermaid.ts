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
    // One line per class, naming its tasks: a large run's picture stays within Mermaid's text limit longer.
    const byClass = new Map<string, string[]>();
    for (const id of pipeline.tasks.keys()) {
      const cls = options.statusClass(id);
      if (cls) byClass.set(cls, [...(byClass.get(cls) ?? []), taskKey.get(id) as string]);
    }
    for (const [cls, keys] of byClass) lines.push(`  class ${keys.join(',')} ${cls}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A Mermaid label in double quotes. */
function quote(text: string): string {
  return `"${mermaidText(text)}"`;
}

/**
 * Text that Mermaid shows as it is, in any diagram: every character that means something to one of
 * its parsers is written as Mermaid's entity code (`#35;`), which Mermaid turns back into the
 * character only when it draws. So a name can close no label (`"`, `]`), start no comment or
 * directive (`%%`, `%%{init}`), end no Gantt task text (`:`), make no HTML (`<img onerror=...>`)
 * and no Markdown label (a backquote); line breaks and other control characters become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .replace(MERMAID_SPECIAL, (c) => MERMAID_NAMED[c] ?? `#${c.charCodeAt(0)};`);
}

const MERMAID_SPECIAL = /[#%"<>&`:]/g;
const MERMAID_NAMED: Record<string, string> = { '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };
