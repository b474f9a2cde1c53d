import type { Value } from '../expressions/evaluate.js';
import { valueToText } from '../expressions/evaluate.js';

/**
 * The environment names under which params, matrix values and needed outputs
 * reach a task (SPEC 2.1), so scripts can read them without templates:
 * DAGLINE_PARAM_DATASTAGE, DAGLINE_MATRIX_PERIOD, DAGLINE_NEEDS_CREATE_INFRA_BUCKET, and a
 * matrix task's legs as JSON, DAGLINE_NEEDS_LOAD_LEGS.
 * Names are upper-cased, and anything but letters and digits becomes `_`.
 */
export function envName(...parts: string[]): string {
  return ['DAGLINE', ...parts].map((part) => part.toUpperCase().replace(/[^A-Z0-9]+/g, '_')).join('_');
}

/** A need's outputs; a matrix task's are its legs', by leg name (`needs.<id>.legs`). */
export interface NeedOutputs {
  outputs: Record<string, string>;
  legs?: Record<string, Value>;
}

export interface TaskEnvInput {
  params: Record<string, Value>;
  matrix?: Record<string, Value>;
  needs: Record<string, NeedOutputs>;
}

export function valueEnv(input: TaskEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.params)) env[envName('PARAM', name)] = valueToText(value);
  for (const [name, value] of Object.entries(input.matrix ?? {})) env[envName('MATRIX', name)] = valueToText(value);
  for (const [task, need] of Object.entries(input.needs)) {
    for (const [name, value] of Object.entries(need.outputs)) env[envName('NEEDS', task, name)] = value;
    // A matrix task's outputs, every leg's: { "<leg>": { matrix, result, outputs } }, as needs.<id>.legs.
    if (need.legs) env[envName('NEEDS', task, 'LEGS')] = JSON.stringify(need.legs);
  }
  return env;
}
