// A layered DAG for the local-run benchmark: rows of `width` tasks, each needing
// one or two tasks of the row before. The same DAG is written as a dagline
// pipeline and, for peers, as a monorepo, every task running `command`.

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

export function layeredPipeline(count, command = 'true', width = 10) {
  const lines = [`name: layered-${count}`, 'tasks:'];
  for (const task of layeredDag(count, width)) {
    lines.push(`  ${task.id}:`, `    run: ${JSON.stringify(command)}`);
    if (task.needs.length) lines.push(`    needs: [${task.needs.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The makespan of the ideal schedule: every task takes exactly `taskMs`, a free slot starts a
 * ready task at once (lowest index first), at most `concurrency` at a time, nothing else costs.
 * No runner can beat it; the ratio to it is what a runner's own work adds.
 */
export function idealMakespan(dag, concurrency, taskMs) {
  const index = new Map(dag.map((t, i) => [t.id, i]));
  const finish = new Array(dag.length).fill(Infinity);
  const slots = new Array(concurrency).fill(0);
  const done = new Set();
  while (done.size < dag.length) {
    // The earliest a slot is free, then the earliest ready task at that time.
    slots.sort((a, b) => a - b);
    const free = slots[0];
    let pick = -1;
    let readyAt = Infinity;
    for (let i = 0; i < dag.length; i++) {
      if (done.has(i)) continue;
      const ready = Math.max(0, ...dag[i].needs.map((n) => finish[index.get(n)]));
      const start = Math.max(free, ready);
      if (start < readyAt) {
        readyAt = start;
        pick = i;
      }
    }
    finish[pick] = readyAt + taskMs;
    slots[0] = finish[pick];
    done.add(pick);
  }
  return Math.max(...finish);
}

/**
 * A wide pipeline for dynamic mode on GitHub: a stage of `width` parallel tasks (`fan-1`...), and
 * `width` more (`gather-1`...), each needing its own fan task: 2 x width tasks in two waves.
 */
export function fanPipeline(width, command = 'true') {
  const lines = [`name: fan-${width * 2}`, 'stages:', '  fan: {}', '  gather: {}', 'tasks:'];
  for (let i = 1; i <= width; i++) lines.push(`  fan-${i}:`, '    stage: fan', `    run: ${JSON.stringify(command)}`);
  for (let i = 1; i <= width; i++)
    lines.push(`  gather-${i}:`, '    stage: gather', `    needs: [fan-${i}]`, `    run: ${JSON.stringify(command)}`);
  return `${lines.join('\n')}\n`;
}
