import { ParamError, UsageError, type Place } from '../errors/dagline-error.js';
import { didYouMean } from '../errors/did-you-mean.js';
import type { ParamValue, Pipeline } from '../pipeline-format/model.js';
import { coerceParamValue } from '../pipeline-format/param-values.js';
import type { SourceLocator } from '../pipeline-format/source-locator.js';

export type ParamValues = Record<string, ParamValue>;

/** Where a param (or, without a name, the params) is declared: for the errors about its value. */
export type PlaceOfParam = (param?: string) => Place;

/** The places of a loaded pipeline's params: its `params:` entries, or the file when it has none. */
export function paramPlaces(pipeline: Pipeline, locator: SourceLocator): PlaceOfParam {
  return (param) =>
    pipeline.params.size === 0
      ? { file: pipeline.file }
      : locator.at(param === undefined ? ['params'] : ['params', param], 'key');
}

/**
 * `--param k=v` flags into a map. Only the first `=` splits, so values may
 * hold `=`. A flag without `=` is a usage error (exit 2).
 */
export function parseParamFlags(flags: readonly string[]): Record<string, string> {
  // No prototype: `--param __proto__=x` is a param like any other (unknown, and said so), not the prototype.
  const given: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--param ${JSON.stringify(flag)} is not key=value`, {}, 'write --param name=value');
    const name = flag.slice(0, at);
    if (Object.hasOwn(given, name)) throw new UsageError(`--param ${name} is given twice`);
    given[name] = flag.slice(at + 1);
  }
  return given;
}

/**
 * Every declared param with its typed value: given values checked against
 * their declaration, then defaults, then null for an optional param without
 * one. Returns all problems at once, each a ParamError naming the param.
 */
export function resolveParams(
  pipeline: Pipeline,
  given: Record<string, string | number | boolean>,
  fromText = true,
  /** The file alone by default. */
  placeOf: PlaceOfParam = () => ({ file: pipeline.file }),
): { ok: true; values: ParamValues } | { ok: false; errors: ParamError[] } {
  const errors: ParamError[] = [];
  for (const name of Object.keys(given)) {
    if (!pipeline.params.has(name)) {
      const declared = [...pipeline.params.keys()];
      errors.push(
        new ParamError(
          `pipeline "${pipeline.name}" has no param "${name}"`,
          placeOf(),
          didYouMean(name, declared) ??
            (declared.length ? `its params: ${declared.join(', ')}` : 'it declares no params'),
        ),
      );
    }
  }
  const values: ParamValues = {};
  for (const spec of pipeline.params.values()) {
    const raw = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
    if (raw === undefined) {
      if (spec.default !== undefined) values[spec.name] = spec.default;
      else if (spec.required) {
        errors.push(
          new ParamError(
            `param "${spec.name}" is required`,
            placeOf(spec.name),
            `give it with --param ${spec.name}=...`,
          ),
        );
      } else values[spec.name] = null;
      continue;
    }
    const outcome = coerceParamValue(spec, raw, fromText);
    if (outcome.ok) values[spec.name] = outcome.value;
    else errors.push(new ParamError(outcome.message, placeOf(spec.name), outcome.hint));
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}
