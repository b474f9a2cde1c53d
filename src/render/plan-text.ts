import { valueToText } from '../expressions/evaluate.js';
import { singleQuoted } from '../plan/shell-template.js';
import { summarizePlan, type Plan, type PlannedTask, type RenderedAction } from '../plan/plan-pipeline.js';
import { formatDuration } from '../pipeline-format/model.js';
import { printable, printableLines } from './printable.js';

/**
 * The plan for people: each wave with its tasks and the exact command each
 * leg would run, then what may run, what is skipped and why, the critical
 * path and a count. Every value, name, path and script line is printable
 * (printable.ts): a value cannot start a line or a workflow command of its own.
 */
export function planToText(plan: Plan): string {
  const out: string[] = [];
  const params = Object.entries(plan.params);
  out.push(`plan: ${printable(plan.pipeline)} (${printable(plan.file)})`);
  if (params.length) out.push(`params: ${params.map(([k, v]) => `${k}=${printable(valueToText(v))}`).join(', ')}`);
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));

  plan.waves.forEach((ids, i) => {
    out.push('', `wave ${i + 1}`);
    for (const id of ids) out.push(...taskLines(byId.get(id) as PlannedTask));
  });

  const skipped = plan.tasks.filter((t) => t.decision === 'skip' && !t.excluded);
  if (skipped.length) {
    out.push('', 'skipped');
    for (const task of skipped) out.push(`  ${task.id}: ${printable(task.reason ?? '')}`);
  }
  const excluded = plan.tasks.filter((t) => t.excluded);
  if (excluded.length) out.push('', `not selected: ${excluded.map((t) => t.id).join(', ')}`);

  out.push('');
  if (plan.criticalPath.tasks.length) {
    const estimate =
      plan.criticalPath.estimateMs === undefined ? '' : `, est. ${formatDuration(plan.criticalPath.estimateMs)}`;
    out.push(
      `critical path: ${plan.criticalPath.tasks.join(' -> ')} (${count(plan.criticalPath.tasks.length, 'task')}${estimate})`,
    );
  }
  const s = summarizePlan(plan);
  const parts = [`${s.run} to run`, count(s.legs, 'leg'), count(plan.waves.length, 'wave')];
  if (s.conditional) parts.push(`${s.conditional} conditional`);
  if (s.skip) parts.push(`${s.skip} skipped`);
  if (s.excluded) parts.push(`${s.excluded} not selected`);
  out.push(`${count(plan.tasks.length, 'task')}: ${parts.join(', ')}`);
  return `${out.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function taskLines(task: PlannedTask): string[] {
  const lines: string[] = [];
  const note = task.decision === 'conditional' ? `  [conditional: ${printable(task.reason ?? '')}]` : '';
  if (task.dynamicMatrix) {
    lines.push(`  ${task.id} (matrix known at run time)${note}`);
    return lines;
  }
  for (const leg of task.legs) {
    lines.push(`  ${printable(leg.name)}${note}`);
    for (const line of actionLines(leg.action)) lines.push(`      ${line}`);
  }
  return lines;
}

function actionLines(action: RenderedAction): string[] {
  switch (action.kind) {
    case 'run': {
      const script = printableLines(action.script.replace(/\n+$/, ''));
      const prefix = action.shell === 'bash' ? '$ ' : `${action.shell}$ `;
      return script.map((line, i) => (i === 0 ? `${prefix}${line}` : `${' '.repeat(prefix.length)}${line}`));
    }
    case 'command':
      return [`> ${action.argv.map((arg) => printable(argvWord(arg))).join(' ')}`];
    case 'pipeline': {
      const params = Object.entries(action.with).map(([k, v]) => `${k}=${printable(valueToText(v))}`);
      return [`pipeline ${printable(action.path)}${params.length ? ` with ${params.join(', ')}` : ''}`];
    }
  }
}

/** An argv element as a shell reader would need it; plain words stay plain. */
export function argvWord(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : singleQuoted(arg);
}
