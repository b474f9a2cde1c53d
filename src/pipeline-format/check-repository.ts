import { GraphError, SchemaError, type DaglineError, type ValidationError } from '../errors/dagline-error.js';
import { formatPlace } from '../errors/format-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { hasTemplate } from '../expressions/template.js';
import type { ParamValue, Pipeline } from './model.js';
import { coerceParamValue } from './param-values.js';
import type { SourceLocator } from './source-locator.js';

export interface LoadedPipeline {
  pipeline: Pipeline;
  locator: SourceLocator;
}

/** What a `pipeline:` path names: a loaded pipeline, one that failed to load, or nothing. */
export type PipelineTarget =
  | { status: 'ok'; pipeline: Pipeline; locator: SourceLocator }
  | { status: 'self' }
  | { status: 'invalid'; file: string; errors: readonly DaglineError[] }
  | { status: 'missing'; file: string }
  /** A link that leads out of the repository, to `real`. */
  | { status: 'outside'; file: string; real: string };

type ResolveTarget = (from: Pipeline, path: string) => PipelineTarget;

/**
 * A pipeline and every pipeline it runs through `pipeline:` tasks, at any
 * depth, each once: what `run` and `plan` check before anything starts, so a
 * child that is missing, does not validate or is called with the wrong params
 * fails the run before its first task rather than halfway through.
 */
export function withCalledPipelines(root: LoadedPipeline, resolveTarget: ResolveTarget): LoadedPipeline[] {
  const found = new Map<string, LoadedPipeline>([[root.pipeline.file, root]]);
  // A Map's iteration reaches what is added while it runs: children, then theirs.
  for (const { pipeline } of found.values()) {
    for (const task of pipeline.tasks.values()) {
      if (task.action.kind !== 'pipeline') continue;
      const target = resolveTarget(pipeline, task.action.path);
      if (target.status === 'ok' && !found.has(target.pipeline.file))
        found.set(target.pipeline.file, { pipeline: target.pipeline, locator: target.locator });
    }
  }
  return [...found.values()];
}

/**
 * Checks across the pipelines of a repository: names are unique, `pipeline:`
 * tasks name files that exist and validate, their `with:` fits the child's
 * params, and `requires` fits the required pipeline when it is among them.
 * `resolveTarget` is the edge's: it finds and loads the file a task names.
 */
export function checkRepository(loaded: readonly LoadedPipeline[], resolveTarget: ResolveTarget): ValidationError[] {
  const errors: ValidationError[] = [];
  const byName = new Map<string, LoadedPipeline>();
  for (const entry of loaded) {
    const first = byName.get(entry.pipeline.name);
    if (first) {
      errors.push(
        new GraphError(
          `pipeline name "${entry.pipeline.name}" is already used by ${first.pipeline.file}`,
          entry.locator.at(['name']),
          'pipeline names are unique in a repository',
        ),
      );
    } else byName.set(entry.pipeline.name, entry);
  }

  for (const { pipeline, locator } of loaded) {
    for (const task of pipeline.tasks.values()) {
      if (task.action.kind !== 'pipeline') continue;
      const at = (...rest: (string | number)[]) => locator.at(['tasks', task.id, ...rest]);
      const target = resolveTarget(pipeline, task.action.path);
      if (target.status === 'missing') {
        errors.push(
          new GraphError(
            `task "${task.id}" runs ${task.action.path}, which does not exist (looked at ${target.file})`,
            at('pipeline'),
            'pipeline paths are relative to the repository root',
          ),
        );
        continue;
      }
      if (target.status === 'outside') {
        errors.push(
          new GraphError(
            `task "${task.id}" runs ${task.action.path}, a link to ${target.real}, outside the repository`,
            at('pipeline'),
            'a pipeline runs only files its repository holds: copy the file in',
          ),
        );
        continue;
      }
      if (target.status === 'invalid') {
        // Its first error, where it is: the user may not have asked to validate that file.
        const first = target.errors[0];
        const where = first ? `: ${formatPlace({ ...first, file: first.file ?? target.file })}${first.message}` : '';
        errors.push(
          new GraphError(
            `task "${task.id}" runs ${task.action.path}, which does not validate${where}`,
            at('pipeline'),
            `dagline validate ${target.file} lists ${target.errors.length > 1 ? `all ${target.errors.length} errors` : 'it'}`,
          ),
        );
        continue;
      }
      if (target.status === 'self') {
        errors.push(
          new GraphError(`task "${task.id}" runs its own pipeline`, at('pipeline'), 'a pipeline cannot run itself'),
        );
        continue;
      }
      const withPlace = (name: string | undefined, part: 'key' | 'value') =>
        locator.at(['tasks', task.id, 'with', ...(name === undefined ? [] : [name])], part);
      errors.push(...checkParamsFor(target.pipeline, task.action.with, withPlace, `task "${task.id}"`, at('pipeline')));
    }
    pipeline.requires.forEach((req, i) => {
      const required = byName.get(req.pipeline);
      if (!required) return; // not among the files validated: checked when a run asks
      errors.push(
        ...checkParamsFor(
          required.pipeline,
          req.params,
          (name, part) => locator.at(['requires', i, 'params', ...(name === undefined ? [] : [name])], part),
          `requires[${i}]`,
          locator.at(['requires', i, 'pipeline']),
          false,
        ),
      );
    });
  }
  errors.push(...checkCallCycles(loaded, resolveTarget));
  return errors;
}

/**
 * Pipelines that run each other round: a -> b -> a would start child runs
 * for ever. Each cycle is reported once, at the `pipeline:` task that closes
 * it; when that task is in a file not being checked (`validate a.yml` alone),
 * at the last call on the way there that is in one.
 */
function checkCallCycles(loaded: readonly LoadedPipeline[], resolveTarget: ResolveTarget): ValidationError[] {
  const errors: ValidationError[] = [];
  const checked = new Map(loaded.map((entry) => [entry.pipeline.file, entry.locator]));
  const state = new Map<string, 'open' | 'done'>();
  /** The calls from the pipeline where the walk began to the one it is in. */
  const calls: { file: string; task: string; path: string }[] = [];
  const visit = (pipeline: Pipeline): void => {
    state.set(pipeline.file, 'open');
    for (const task of pipeline.tasks.values()) {
      if (task.action.kind !== 'pipeline') continue;
      const target = resolveTarget(pipeline, task.action.path);
      if (target.status !== 'ok') continue;
      const next = target.pipeline;
      const call = { file: pipeline.file, task: task.id, path: task.action.path };
      const seen = state.get(next.file);
      if (seen === 'open') {
        const way = [...calls, call];
        const start = way.findIndex((c) => c.file === next.file);
        const round = [...way.slice(start).map((c) => c.file), next.file].join(' -> ');
        const at = [...way].reverse().find((c) => checked.has(c.file));
        if (at) {
          const how =
            at === call
              ? 'closing a cycle of pipelines'
              : way.indexOf(at) >= start
                ? 'part of a cycle of pipelines'
                : 'which leads into a cycle of pipelines';
          const message = `${how}: ${round}`;
          errors.push(
            new GraphError(
              `task "${at.task}" runs ${at.path}, ${message}`,
              (checked.get(at.file) as SourceLocator).at(['tasks', at.task, 'pipeline']),
              'pipelines cannot run each other round: break the cycle',
            ),
          );
        }
      } else if (seen === undefined) {
        calls.push(call);
        visit(next);
        calls.pop();
      }
    }
    state.set(pipeline.file, 'done');
  };
  for (const { pipeline } of loaded) if (!state.has(pipeline.file)) visit(pipeline);
  return errors;
}

function checkParamsFor(
  target: Pipeline,
  values: Record<string, ParamValue>,
  placeOf: (name: string | undefined, part: 'key' | 'value') => ReturnType<SourceLocator['at']>,
  owner: string,
  ownerPlace: ReturnType<SourceLocator['at']>,
  requireAll = true,
): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const [name, value] of Object.entries(values)) {
    const spec = target.params.get(name);
    if (!spec) {
      errors.push(
        new SchemaError(
          `${owner}: pipeline "${target.name}" has no param "${name}"`,
          placeOf(name, 'key'),
          didYouMean(name, target.params.keys()) ?? `its params: ${[...target.params.keys()].join(', ') || 'none'}`,
        ),
      );
      continue;
    }
    if (value === null || (typeof value === 'string' && hasTemplate(value))) continue;
    const outcome = coerceParamValue(spec, value, false);
    if (!outcome.ok) errors.push(new SchemaError(`${owner}: ${outcome.message}`, placeOf(name, 'value'), outcome.hint));
  }
  if (requireAll) {
    for (const spec of target.params.values()) {
      if (spec.required && spec.default === undefined && !(spec.name in values)) {
        errors.push(
          new SchemaError(
            `${owner}: pipeline "${target.name}" requires param "${spec.name}"`,
            ownerPlace,
            `add it under with:`,
          ),
        );
      }
    }
  }
  return errors;
}
