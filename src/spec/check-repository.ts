import { GraphError, SchemaError, type ValidationError } from '../errors/dagline-error.js';
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
  | { status: 'ok'; pipeline: Pipeline }
  | { status: 'self' }
  | { status: 'invalid'; file: string }
  | { status: 'missing'; file: string };

/**
 * Checks across the pipelines of a repository: names are unique, `pipeline:`
 * tasks name files that exist and validate, their `with:` fits the child's
 * params, and `requires` fits the required pipeline when it is among them.
 * `resolveTarget` is the edge's: it finds and loads the file a task names.
 */
export function checkRepository(loaded: readonly LoadedPipeline[], resolveTarget: (from: Pipeline, path: string) => PipelineTarget): ValidationError[] {
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
        errors.push(new GraphError(`task "${task.id}" runs ${task.action.path}, which does not exist (looked at ${target.file})`, at('pipeline'), 'pipeline paths are relative to the repository root'));
        continue;
      }
      if (target.status === 'invalid') {
        errors.push(new GraphError(`task "${task.id}" runs ${task.action.path}, which does not validate`, at('pipeline'), `run dagline validate ${target.file}`));
        continue;
      }
      if (target.status === 'self') {
        errors.push(new GraphError(`task "${task.id}" runs its own pipeline`, at('pipeline'), 'a pipeline cannot run itself'));
        continue;
      }
      const withPlace = (name: string | undefined, part: 'key' | 'value') => locator.at(['tasks', task.id, 'with', ...(name === undefined ? [] : [name])], part);
      errors.push(...checkParamsFor(target.pipeline, task.action.with, withPlace, `task "${task.id}"`, at('pipeline')));
    }
    pipeline.requires.forEach((req, i) => {
      const required = byName.get(req.pipeline);
      if (!required) return; // not among the files validated: checked when a run asks
      errors.push(
        ...checkParamsFor(required.pipeline, req.params, (name, part) => locator.at(['requires', i, 'params', ...(name === undefined ? [] : [name])], part), `requires[${i}]`, locator.at(['requires', i, 'pipeline']), false),
      );
    });
  }
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
        new SchemaError(`${owner}: pipeline "${target.name}" has no param "${name}"`, placeOf(name, 'key'), didYouMean(name, target.params.keys()) ?? `its params: ${[...target.params.keys()].join(', ') || 'none'}`),
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
        errors.push(new SchemaError(`${owner}: pipeline "${target.name}" requires param "${spec.name}"`, ownerPlace, `add it under with:`));
      }
    }
  }
  return errors;
}
