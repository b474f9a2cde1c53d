import type { Pipeline, TaskSpec } from '../pipeline-format/model.js';
import { taskLabel } from '../render/cluster-tree.js';
import { mermaidText } from '../render/graph-mermaid.js';
import { edgesOf, type PipelineDiff } from './pipeline-diff.js';

/** Colours of the diff's boxes and lines (GitHub's palette for additions, deletions and changes). */
const CLASS_STYLE = {
  added: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  removed: 'fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 3',
  changed: 'fill:#fff8c5,stroke:#9a6700,color:#1f2328',
} as const;
const ADDED_LINK = 'stroke:#1a7f37,stroke-width:2px';
const REMOVED_LINK = 'stroke:#cf222e,stroke-dasharray:5 3';

/**
 * Both versions in one picture: every task of either (removed ones from the base), stages as
 * subgraphs, and every edge of either. Added boxes are green, removed ones red and dashed,
 * changed ones yellow; added lines are thick and green, removed ones dashed and red. Node ids are
 * positional and every label goes through mermaidText, so no name can break out of its label.
 */
export function diffToMermaid(diff: PipelineDiff, base: Pipeline | undefined, head: Pipeline | undefined): string {
  const tasks = new Map<string, TaskSpec>();
  for (const task of head?.tasks.values() ?? []) tasks.set(task.id, task);
  for (const task of base?.tasks.values() ?? []) if (!tasks.has(task.id)) tasks.set(task.id, task);
  const stages = [...new Set([...(head?.stages.keys() ?? []), ...(base?.stages.keys() ?? [])])];
  const taskKey = new Map([...tasks.keys()].map((id, i) => [id, `t${i}`]));
  const stageKey = new Map(stages.map((name, i) => [name, `s${i}`]));
  const keyOf = (name: string) => taskKey.get(name) ?? stageKey.get(name);

  const lines = ['flowchart LR'];
  const box = (task: TaskSpec) => {
    const label = `"${mermaidText(taskLabel(task))}"`;
    return `${taskKey.get(task.id)}${task.action.kind === 'pipeline' ? `[[${label}]]` : `[${label}]`}`;
  };
  const outside = [...tasks.values()].filter((t) => t.stage === undefined || !stageKey.has(t.stage));
  for (const task of outside) lines.push(`  ${box(task)}`);
  for (const stage of stages) {
    const removed = diff.stages.removed.includes(stage);
    lines.push(`  subgraph ${stageKey.get(stage)}["${mermaidText(`stage: ${stage}${removed ? ' (removed)' : ''}`)}"]`);
    for (const task of tasks.values()) if (task.stage === stage) lines.push(`    ${box(task)}`);
    lines.push('  end');
  }

  const headEdges = edgesOf(head);
  const baseEdges = edgesOf(base);
  const added: number[] = [];
  const removed: number[] = [];
  let link = 0;
  for (const [key, edge] of [...headEdges, ...[...baseEdges].filter(([k]) => !headEdges.has(k))]) {
    const from = keyOf(edge.from);
    const to = keyOf(edge.to);
    if (from === undefined || to === undefined) continue; // an unknown need: the check reports it
    const isAdded = !baseEdges.has(key);
    const isRemoved = !headEdges.has(key);
    lines.push(`  ${from} ${isRemoved ? '-.->' : isAdded ? '==>' : '-->'} ${to}`);
    if (isAdded) added.push(link);
    if (isRemoved) removed.push(link);
    link++;
  }

  const classes: [keyof typeof CLASS_STYLE, string[]][] = [
    ['added', diff.tasks.added.map((t) => t.id)],
    ['removed', diff.tasks.removed.map((t) => t.id)],
    ['changed', diff.tasks.changed.map((t) => t.id)],
  ];
  for (const [name, ids] of classes) {
    if (ids.length === 0) continue;
    lines.push(`  classDef ${name} ${CLASS_STYLE[name]}`);
    lines.push(`  class ${ids.map((id) => taskKey.get(id)).join(',')} ${name}`);
  }
  if (added.length) lines.push(`  linkStyle ${added.join(',')} ${ADDED_LINK}`);
  if (removed.length) lines.push(`  linkStyle ${removed.join(',')} ${REMOVED_LINK}`);
  return `${lines.join('\n')}\n`;
}

/** How many edges the picture draws: Mermaid refuses to draw past its limit. */
export function diffEdgeCount(base: Pipeline | undefined, head: Pipeline | undefined): number {
  const keys = new Set([...edgesOf(base).keys(), ...edgesOf(head).keys()]);
  return keys.size;
}
