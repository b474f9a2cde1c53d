// A layered DAG of trivial tasks for the local-run benchmark: `layers` rows of
// `width` tasks, each needing one or two tasks of the row before. The same
// DAG is written as a dagline pipeline and, for peers, as a monorepo.

export function layeredDag(count, width = 10) {
  const tasks = [];
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / width);
    const needs = [];
    if (layer > 0) {
      const prev = (layer - 1) * width;
      needs.push(prev + (i % width));
      if (i % 3 === 0) needs.push(prev + ((i + 1) % width));
    }
    tasks.push({ id: `t${i}`, needs: [...new Set(needs)].map((j) => `t${j}`) });
  }
  return tasks;
}

export function layeredPipeline(count, width = 10) {
  const lines = [`name: layered-${count}`, 'tasks:'];
  for (const task of layeredDag(count, width)) {
    lines.push(`  ${task.id}:`, '    run: "true"');
    if (task.needs.length) lines.push(`    needs: [${task.needs.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
