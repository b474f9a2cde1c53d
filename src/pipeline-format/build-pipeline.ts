import { createHash } from 'node:crypto';
import {
  BUILTIN_DEFAULTS,
  parseDuration,
  type ExtractSpec,
  type MatrixSpec,
  type ParamSpec,
  type ParamValue,
  type Pipeline,
  type Scalar,
  type StageSpec,
  type TaskAction,
  type TaskSpec,
} from './model.js';
import type { PipelineFile, TaskFile } from './schema.js';

/**
 * The model of a file that passed the schema: defaults applied, durations in
 * milliseconds, one-or-many fields as lists. Nothing here can fail; what is
 * wrong but well-typed is found by checkPipeline.
 */
export function buildPipeline(file: PipelineFile, fileName: string, text: string): Pipeline {
  const defaults = file.defaults ?? {};
  const params = new Map<string, ParamSpec>();
  for (const [name, p] of Object.entries(file.params ?? {})) {
    params.set(name, {
      name,
      type: p.type ?? 'string',
      ...(p.description !== undefined && { description: p.description }),
      ...(p.options !== undefined && { options: p.options }),
      ...(p.default !== undefined && { default: p.default }),
      required: p.required ?? false,
    });
  }

  const stages = new Map<string, StageSpec>();
  for (const [name, s] of Object.entries(file.stages ?? {})) {
    stages.set(name, {
      name,
      ...(s.description !== undefined && { description: s.description }),
      ...(s.if !== undefined && { if: String(s.if) }),
      needs: list(s.needs),
    });
  }

  const tasks = new Map<string, TaskSpec>();
  for (const [id, t] of Object.entries(file.tasks)) {
    const runsOn = t['runs-on'] ?? defaults['runs-on'];
    const environment = typeof t.environment === 'string' ? { name: t.environment } : t.environment;
    const retryMaxDelay = t['retry-max-delay'] ?? defaults['retry-max-delay'];
    const task: TaskSpec = {
      id,
      needs: list(t.needs),
      action: actionOf(t, defaults.shell ?? BUILTIN_DEFAULTS.shell),
      env: envOf(t.env),
      outputs: t.outputs ?? [],
      retry: {
        retries: t.retries ?? defaults.retries ?? BUILTIN_DEFAULTS.retries,
        delayMs: durationOr(t['retry-delay'] ?? defaults['retry-delay'], BUILTIN_DEFAULTS.retryDelayMs),
        backoff: t['retry-backoff'] ?? defaults['retry-backoff'] ?? BUILTIN_DEFAULTS.retryBackoff,
        ...(retryMaxDelay !== undefined && { maxDelayMs: parseDuration(retryMaxDelay) }),
      },
      timeoutMs: durationOr(t.timeout ?? defaults.timeout, BUILTIN_DEFAULTS.timeoutMs),
      produces: extracts(t.produces),
      consumes: extracts(t.consumes),
      runsOn: runsOn === undefined ? BUILTIN_DEFAULTS.runsOn : list(runsOn),
      continueOnError: t['continue-on-error'] ?? false,
    };
    if (t.name !== undefined) task.name = t.name;
    if (t.description !== undefined) task.description = t.description;
    if (t.stage !== undefined) task.stage = t.stage;
    if (t.group !== undefined) task.group = t.group;
    if (t.if !== undefined) task.if = String(t.if);
    const workingDirectory = t['working-directory'] ?? defaults['working-directory'];
    if (workingDirectory !== undefined) task.workingDirectory = workingDirectory;
    if (t.matrix !== undefined) task.matrix = matrixOf(t.matrix);
    if (t['max-parallel'] !== undefined) task.maxParallel = t['max-parallel'];
    if (t.sla !== undefined) task.slaMs = parseDuration(t.sla);
    if (t.estimate !== undefined) task.estimateMs = parseDuration(t.estimate);
    if (t.pool !== undefined) task.pool = t.pool;
    if (environment !== undefined) task.environment = environment;
    tasks.set(id, task);
  }

  const pipeline: Pipeline = {
    file: fileName,
    name: file.name,
    sources: list(file.sources),
    targets: list(file.targets),
    params,
    schedule: (file.schedule ?? []).map((s) => ({ cron: s.cron, params: s.params ?? {} })),
    runsOn: defaults['runs-on'] === undefined ? BUILTIN_DEFAULTS.runsOn : list(defaults['runs-on']),
    requires: (file.requires ?? []).map((r) => ({ pipeline: r.pipeline, params: r.params ?? {} })),
    env: envOf(file.env),
    pools: new Map(Object.entries(file.pools ?? {})),
    stages,
    tasks,
    source: { text, sha256: createHash('sha256').update(text).digest('hex') },
  };
  for (const key of ['description', 'category', 'owner', 'type', 'tool'] as const) {
    const value = file[key];
    if (value !== undefined) pipeline[key] = value;
  }
  if (file['max-consecutive-failures'] !== undefined)
    pipeline.maxConsecutiveFailures = file['max-consecutive-failures'];
  if (file.push !== undefined && file.push !== false)
    pipeline.push = { branches: file.push === true ? [] : (file.push.branches ?? []) };
  if (file.concurrency !== undefined) {
    pipeline.concurrency =
      typeof file.concurrency === 'string'
        ? { group: file.concurrency, onOverlap: 'fail' }
        : { group: file.concurrency.group, onOverlap: file.concurrency['on-overlap'] ?? 'fail' };
  }
  return pipeline;
}

function actionOf(t: TaskFile, defaultShell: NonNullable<TaskFile['shell']>): TaskAction {
  // checkPipeline reports a task with none or several of these; the model takes the first.
  if (t.run !== undefined) return { kind: 'run', script: t.run, shell: t.shell ?? defaultShell };
  if (t.command !== undefined) return { kind: 'command', argv: t.command.map(String) };
  if (t.pipeline !== undefined) {
    return {
      kind: 'pipeline',
      path: t.pipeline,
      with: { ...(t.with ?? {}) } as Record<string, ParamValue>,
      dispatch: t.dispatch ?? false,
    };
  }
  return { kind: 'run', script: '', shell: t.shell ?? defaultShell };
}

function matrixOf(m: NonNullable<TaskFile['matrix']>): MatrixSpec {
  const axes: MatrixSpec['axes'] = [];
  for (const [name, values] of Object.entries(m)) {
    if (name === 'include' || name === 'exclude') continue;
    axes.push({ name, values: values as Scalar[] | string });
  }
  return { axes, include: m.include ?? [], exclude: m.exclude ?? [] };
}

function extracts(items: TaskFile['produces'] | TaskFile['consumes']): ExtractSpec[] {
  return (items ?? []).map((item) => {
    if (typeof item === 'string') return { path: item };
    const { external, ...spec } = item as ExtractSpec;
    return external ? { ...spec, external } : spec;
  });
}

function envOf(env: Record<string, Scalar> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env ?? {})) out[name] = String(value);
  return out;
}

function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function durationOr(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : parseDuration(text);
}
