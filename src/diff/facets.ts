import { parseExpression, CONTEXTS, type ExpressionScope } from '../expressions/parse-expression.js';
import { splitTemplate, conditionSource } from '../expressions/template.js';
import {
  formatDuration,
  type ParamSpec,
  type ParamValue,
  type Pipeline,
  type StageSpec,
  type TaskSpec,
} from '../pipeline-format/model.js';

/**
 * A thing's facets: each key a reviewer may see change (`timeout`, `env.REGION`, `with.day`), its
 * value as text, absent when it is not set. Two versions are compared facet by facet, so every
 * field of the model is listed here once, in the order a reader looks for it. Values are the
 * effective ones (defaults applied): a change of `defaults:` shows on the tasks it changes.
 */
export type Facets = Map<string, string>;

/**
 * The order facets are listed in, for each kind of thing; `env.` stands for every `env.X`. Both
 * versions' facets are put in this order, so a facet only one of them has still shows in its place.
 */
export const TASK_FIELDS = [
  'name',
  'description',
  'stage',
  'group',
  'needs',
  'if',
  'run',
  'shell',
  'command',
  'pipeline',
  'with.',
  'dispatch',
  'working-directory',
  'env.',
  'outputs',
  'matrix.',
  'max-parallel',
  'params used',
  'timeout',
  'retries',
  'sla',
  'estimate',
  'pool',
  'produces',
  'consumes',
  'runs-on',
  'environment',
  'continue-on-error',
] as const;
export const PARAM_FIELDS = ['type', 'options', 'default', 'required', 'description'] as const;
export const STAGE_FIELDS = ['description', 'if', 'needs'] as const;
export const PIPELINE_FIELDS = [
  'name',
  'description',
  'category',
  'owner',
  'type',
  'tool',
  'sources',
  'targets',
  'max-consecutive-failures',
  'schedule',
  'push',
  'runs-on',
  'concurrency',
  'requires',
  'env.',
  'pools.',
] as const;

/** Fields sorted by their place in `order` (a field `env.X` at `env.`), keeping their order within one place. */
export function inFieldOrder(fields: string[], order: readonly string[]): string[] {
  const rank = (field: string) => {
    const dot = field.indexOf('.');
    const at = order.indexOf(dot > 0 ? field.slice(0, dot + 1) : field);
    return at < 0 ? order.length : at;
  };
  return fields
    .map((field, i) => ({ field, i, rank: rank(field) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((f) => f.field);
}

export function taskFacets(task: TaskSpec): Facets {
  const facets: Facets = new Map();
  const set = (field: string, value: unknown) => {
    if (value !== undefined) facets.set(field, show(value));
  };
  set('name', task.name);
  set('description', task.description);
  set('stage', task.stage);
  set('group', task.group);
  set('needs', task.needs.length ? [...task.needs].sort() : undefined);
  set('if', task.if);
  const action = task.action;
  if (action.kind === 'run') {
    set('run', action.script);
    set('shell', action.shell);
  } else if (action.kind === 'command') set('command', action.argv);
  else {
    set('pipeline', action.path);
    for (const [key, value] of Object.entries(action.with)) set(`with.${key}`, value);
    if (action.dispatch) set('dispatch', true);
  }
  set('working-directory', task.workingDirectory);
  for (const [key, value] of Object.entries(task.env)) set(`env.${key}`, value);
  set('outputs', task.outputs.length ? task.outputs : undefined);
  if (task.matrix) {
    for (const axis of task.matrix.axes) set(`matrix.${axis.name}`, axis.values);
    set('matrix.include', task.matrix.include.length ? task.matrix.include : undefined);
    set('matrix.exclude', task.matrix.exclude.length ? task.matrix.exclude : undefined);
  }
  set('max-parallel', task.maxParallel);
  const used = paramsUsed(task);
  set('params used', used.length ? used : undefined);
  set('timeout', formatDuration(task.timeoutMs));
  set('retries', retriesText(task));
  set('sla', task.slaMs === undefined ? undefined : formatDuration(task.slaMs));
  set('estimate', task.estimateMs === undefined ? undefined : formatDuration(task.estimateMs));
  set('pool', task.pool);
  set('produces', task.produces.length ? task.produces : undefined);
  set('consumes', task.consumes.length ? task.consumes : undefined);
  set('runs-on', task.runsOn);
  set('environment', task.environment?.url ? task.environment : task.environment?.name);
  if (task.continueOnError) set('continue-on-error', true);
  return facets;
}

export function paramFacets(param: ParamSpec): Facets {
  const facets: Facets = new Map([['type', param.type]]);
  if (param.options) facets.set('options', show(param.options));
  if (param.default !== undefined) facets.set('default', show(param.default));
  if (param.required) facets.set('required', 'true');
  if (param.description !== undefined) facets.set('description', param.description);
  return facets;
}

export function stageFacets(stage: StageSpec): Facets {
  const facets: Facets = new Map();
  if (stage.description !== undefined) facets.set('description', stage.description);
  if (stage.if !== undefined) facets.set('if', stage.if);
  if (stage.needs.length) facets.set('needs', show([...stage.needs].sort()));
  return facets;
}

export function pipelineFacets(pipeline: Pipeline): Facets {
  const facets: Facets = new Map();
  const set = (field: string, value: unknown) => {
    if (value !== undefined) facets.set(field, show(value));
  };
  set('name', pipeline.name);
  set('description', pipeline.description);
  set('category', pipeline.category);
  set('owner', pipeline.owner);
  set('type', pipeline.type);
  set('tool', pipeline.tool);
  set('sources', pipeline.sources.length ? pipeline.sources : undefined);
  set('targets', pipeline.targets.length ? pipeline.targets : undefined);
  set('max-consecutive-failures', pipeline.maxConsecutiveFailures);
  set('schedule', pipeline.schedule.length ? pipeline.schedule : undefined);
  set('push', pipeline.push);
  set('runs-on', pipeline.runsOn);
  set('concurrency', pipeline.concurrency);
  set('requires', pipeline.requires.length ? pipeline.requires : undefined);
  for (const [key, value] of Object.entries(pipeline.env)) set(`env.${key}`, value);
  for (const [pool, size] of pipeline.pools) set(`pools.${pool}`, size);
  return facets;
}

/**
 * Strings as they are; lists of plain words as `[a, b]`; anything else in JSON's flow form (a
 * value that holds a comma or a bracket is quoted, so the list still reads as it is).
 */
function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '' && !/[,[\]"\s]/.test(v)))
    return `[${value.join(', ')}]`;
  return JSON.stringify(value as ParamValue);
}

/** `0`, or `3 (delay 10s, backoff x2, at most 5m)`: the policy reads as one value. */
function retriesText(task: TaskSpec): string {
  const { retries, delayMs, backoff, maxDelayMs } = task.retry;
  if (retries === 0) return '0';
  const parts = [`delay ${formatDuration(delayMs)}`];
  if (backoff !== 1) parts.push(`backoff x${backoff}`);
  if (maxDelayMs !== undefined) parts.push(`at most ${formatDuration(maxDelayMs)}`);
  return `${retries} (${parts.join(', ')})`;
}

/** Every context and status function: a task's fields are read whatever place they stand in. */
const ANY_PLACE: ExpressionScope = { contexts: CONTEXTS, statusFunctions: true };

/** The params a task reads (`params.x` in its `if`, templates, env, with, matrix or extracts), sorted. */
export function paramsUsed(task: TaskSpec): string[] {
  const used = new Set<string>();
  const read = (source: string) => {
    const parsed = parseExpression(source, ANY_PLACE);
    if (!parsed.ok) return;
    for (const { path } of parsed.expression.references) {
      if (path[0]?.toLowerCase() === 'params' && path[1] !== undefined && path[1] !== '*') used.add(path[1]);
    }
  };
  const readTemplates = (text: string) => {
    const split = splitTemplate(text);
    if (split.ok) for (const part of split.parts) if (part.kind === 'expr') read(part.source);
  };
  if (task.if !== undefined) {
    const condition = conditionSource(task.if);
    if (condition) read(condition.source);
  }
  const action = task.action;
  const texts: string[] = [
    ...(action.kind === 'run' ? [action.script] : []),
    ...(action.kind === 'command' ? action.argv : []),
    ...(action.kind === 'pipeline' ? Object.values(action.with).filter((v) => typeof v === 'string') : []),
    ...Object.values(task.env),
    ...(task.matrix?.axes.flatMap((axis) => (typeof axis.values === 'string' ? [axis.values] : [])) ?? []),
    ...task.produces.map((extract) => extract.path),
    ...task.consumes.map((extract) => extract.path),
  ];
  for (const text of texts) readTemplates(text);
  return [...used].sort();
}
