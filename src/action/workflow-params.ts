import { ParamError, type Place } from '../errors/dagline-error.js';
import { PARAMS_OVERFLOW_INPUT, PARENT_INPUT, RELEASE_INPUT } from '../github/workflow-contract.js';
import type { Pipeline } from '../pipeline-format/model.js';

/** Where a run's params come from on GitHub. */
export interface WorkflowParamSources {
  /** The workflow's inputs (`${{ toJSON(inputs) }}`): typed as GitHub types them; null on push and schedule. */
  inputs: Record<string, unknown> | null;
  /** `github.event.schedule`: the cron that started a scheduled run (a called workflow sees its caller's: ignored then). */
  schedule?: string;
}

export interface GivenParams {
  given: Record<string, string | number | boolean>;
  /** The dispatch asked to lift the pipeline from on hold. */
  release: boolean;
  problems: ParamError[];
}

/**
 * The params a run was given, before they are checked against the pipeline (resolveParams does
 * that, as for `--param`): the workflow's inputs, the params past GitHub's input limit from the
 * one JSON input that carries them, or, for a scheduled run, the params of the cron that started
 * it. An empty input is not given (GitHub sends '' for an input left empty), so its default holds.
 */
export function givenParams(pipeline: Pipeline, sources: WorkflowParamSources, where: Place = {}): GivenParams {
  // No prototype: an input `__proto__` is a param like any other (unknown, and said so).
  const given = Object.create(null) as Record<string, string | number | boolean>;
  const problems: ParamError[] = [];
  let release = false;
  const parent = parentOf(sources.inputs);
  const take = (name: string, value: unknown, from: string) => {
    if (value === null || value === undefined || value === '') return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') given[name] = value;
    else problems.push(new ParamError(`param "${name}" (${from}) is ${JSON.stringify(value)}: not a value`, where));
  };
  if (parent === undefined && sources.schedule) {
    const entry = pipeline.schedule.find((s) => s.cron === sources.schedule);
    if (entry) for (const [name, value] of Object.entries(entry.params)) take(name, value, `schedule "${entry.cron}"`);
  }
  for (const [name, value] of Object.entries(sources.inputs ?? {})) {
    if (name === PARENT_INPUT) continue;
    if (name === RELEASE_INPUT) release = value === true || value === 'true';
    else if (name === PARAMS_OVERFLOW_INPUT) {
      if (value === '' || value === null || value === undefined) continue;
      let parsed: unknown;
      try {
        parsed = typeof value === 'string' ? JSON.parse(value) : value;
      } catch (error) {
        problems.push(
          new ParamError(
            `input ${PARAMS_OVERFLOW_INPUT} is not JSON: ${(error as Error).message}`,
            where,
            `give the params as one JSON object, e.g. {"day": "2026-12-01"}`,
          ),
        );
        continue;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        problems.push(
          new ParamError(`input ${PARAMS_OVERFLOW_INPUT} is not a JSON object`, where, 'e.g. {"day": "2026-12-01"}'),
        );
        continue;
      }
      for (const [param, paramValue] of Object.entries(parsed))
        take(param, paramValue, `in input ${PARAMS_OVERFLOW_INPUT}`);
    } else take(name, value, 'input');
  }
  return { given, release, problems };
}

/** The run key a calling pipeline gave (`dagline-parent`), if this run was called. */
export function parentOf(inputs: Record<string, unknown> | null): string | undefined {
  const value = inputs?.[PARENT_INPUT];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
