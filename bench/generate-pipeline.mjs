// Generates a realistic pipeline of N tasks, the same for the same N and seed:
// layered needs on nearby earlier tasks, stages (one gated by a param), params
// and ${{ }} templates in scripts, outputs read by the tasks that need them,
// `if` conditions, retries and timeouts, and small matrices.

/** A small seeded PRNG (mulberry32): the file is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePipeline(taskCount, seed = 1) {
  const rand = random(seed);
  const pick = (n) => Math.floor(rand() * n);
  const stageCount = Math.max(1, Math.min(20, Math.floor(taskCount / 100)));
  const lines = [
    `name: generated-${taskCount}`,
    'description: A generated pipeline for benchmarks',
    'type: ETL',
    'tool: bash',
    'params:',
    '  region: { type: choice, options: [eu, us, asia], default: eu }',
    '  day: { type: string, default: "2026-11-25" }',
    'env:',
    '  MODE: bench',
    'defaults: { retries: 1, retry-delay: 1s, timeout: 10m }',
    'pools:',
    '  warehouse: 4',
    'stages:',
  ];
  for (let s = 0; s < stageCount; s++) {
    const gate = s === stageCount - 1 && stageCount > 1 ? `, if: "params.region != 'asia'"` : '';
    const needs = s > 0 ? `, needs: [s${s - 1}]` : '';
    lines.push(`  s${s}: { description: stage ${s}${needs}${gate} }`);
  }
  lines.push('tasks:');
  const hasOutput = [];
  for (let i = 0; i < taskCount; i++) {
    const stage = Math.floor((i / taskCount) * stageCount);
    const needs = new Set();
    const stageStart = Math.floor((stage * taskCount) / stageCount);
    const count = i === stageStart ? 0 : pick(4);
    for (let k = 0; k < count; k++) {
      const j = i - 1 - pick(Math.min(50, i - stageStart));
      if (j >= stageStart) needs.add(j);
    }
    lines.push(`  t${i}:`);
    lines.push(`    stage: s${stage}`);
    if (needs.size) lines.push(`    needs: [${[...needs].map((j) => `t${j}`).join(', ')}]`);
    const reads = [...needs].find((j) => hasOutput[j]);
    let run = `./scripts/step.sh ${i} --region \${{ params.region }}`;
    if (reads !== undefined) run += ` --input "\${{ needs.t${reads}.outputs.path }}"`;
    if (i % 7 === 0) {
      lines.push('    run: |', `      echo "step ${i} on \${{ params.day }}"`, `      ${run}`);
    } else lines.push(`    run: ${run}`);
    if (i % 5 === 0) {
      lines.push('    outputs: [path]');
      hasOutput[i] = true;
    }
    if (i % 20 === 3) lines.push(`    if: params.region == 'eu' || params.day != ''`);
    if (i % 50 === 9) lines.push('    matrix: { shard: [a, b, c] }', '    max-parallel: 2');
    if (i % 10 === 1) lines.push('    retries: 3', '    timeout: 5m', '    pool: warehouse');
    if (i % 13 === 2) lines.push(`    env: { STEP: "${i}" }`);
  }
  return `${lines.join('\n')}\n`;
}
