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

/**
 * Linux's limit on one environment variable, `NAME=value` and its NUL (MAX_ARG_STRLEN): a process
 * given a longer one does not start (E2BIG).
 */
export const ENV_VARIABLE_LIMIT = 128 * 1024;

/**
 * What dagline's value variables may take together: the arguments and environment of a process
 * share ARG_MAX (2 MiB on most Linux systems), and the task's own environment and script need room.
 */
export const ENV_VALUES_BUDGET = 1024 * 1024;

/** A value variable left out of a task's environment, and its size as `NAME=value`. */
export interface LeftOutVariable {
  name: string;
  bytes: number;
}

/**
 * The value variables that fit in a process's environment: each within ENV_VARIABLE_LIMIT, all
 * within ENV_VALUES_BUDGET, the smallest first (so the fewest are left out). A value left out can
 * still be read through its template, which puts it in the script (a long script runs from a file).
 */
export function fitToEnvironment(values: Record<string, string>): {
  env: Record<string, string>;
  leftOut: LeftOutVariable[];
} {
  const sized = Object.entries(values).map(([name, value]) => ({
    name,
    value,
    bytes: Buffer.byteLength(name) + Buffer.byteLength(value) + 2,
  }));
  sized.sort((a, b) => a.bytes - b.bytes);
  const env: Record<string, string> = {};
  const leftOut: LeftOutVariable[] = [];
  let total = 0;
  for (const { name, value, bytes } of sized) {
    if (bytes > ENV_VARIABLE_LIMIT || total + bytes > ENV_VALUES_BUDGET) leftOut.push({ name, bytes });
    else {
      env[name] = value;
      total += bytes;
    }
  }
  return { env, leftOut };
}
