// strategy.matrix expanded as GitHub expands it: the cartesian product of the vectors in the order
// they are written, then `exclude` (an entry removes every combination it matches on all its keys),
// then `include` (an entry is merged into every combination whose original values it does not
// overwrite, or becomes a combination of its own when it fits none). At most 256 combinations.
import { EvaluationError, type Value } from './expressions.js';

/** GitHub's limit of jobs one matrix may generate. */
export const MAX_MATRIX_LEGS = 256;

export type Combination = Record<string, Value>;

function equal(a: Value | undefined, b: Value | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isMapping(value: Value | undefined): value is { [key: string]: Value } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The legs of a matrix (already evaluated to plain values). A job without a matrix has one leg with
 * no values; errors are GitHub's validation errors, which fail the job before any leg runs.
 */
export function expandMatrix(matrix: Value | undefined, jobId: string): Combination[] {
  if (matrix === undefined || matrix === null) return [{}];
  if (!isMapping(matrix)) throw new EvaluationError(`job "${jobId}": strategy.matrix must be a mapping`);
  const vectors: [string, Value[]][] = [];
  for (const [key, value] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(value)) throw new EvaluationError(`job "${jobId}": matrix vector "${key}" must be a sequence`);
    if (value.length === 0)
      throw new EvaluationError(`job "${jobId}": matrix vector "${key}" does not contain any values`);
    vectors.push([key, value]);
  }
  const include = matrix.include ?? [];
  const exclude = matrix.exclude ?? [];
  for (const [name, list] of [
    ['include', include],
    ['exclude', exclude],
  ] as const) {
    if (!Array.isArray(list) || !list.every(isMapping))
      throw new EvaluationError(`job "${jobId}": matrix ${name} must be a sequence of mappings`);
  }

  let combinations: Combination[] = vectors.length ? [{}] : [];
  // Bound the product before building it: a huge matrix must fail fast, not exhaust memory.
  const size = vectors.reduce((n, [, values]) => n * values.length, vectors.length ? 1 : 0);
  if (size > 100_000) throw new EvaluationError(`job "${jobId}": the matrix has ${size} combinations`);
  for (const [key, values] of vectors) {
    combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }

  const originalKeys = new Set(vectors.map(([key]) => key));
  for (const entry of exclude as Combination[]) {
    for (const key of Object.keys(entry)) {
      if (!originalKeys.has(key))
        throw new EvaluationError(
          `job "${jobId}": matrix exclude key "${key}" does not match any key within the matrix`,
        );
    }
    combinations = combinations.filter((c) => !Object.entries(entry).every(([key, value]) => matches(c[key], value)));
  }

  // Values an include added may be overwritten by a later include; original values never are.
  const original = combinations.map((c) => ({ ...c }));
  const extra: Combination[] = [];
  for (const entry of include as Combination[]) {
    let merged = false;
    combinations.forEach((combination, i) => {
      const overwritesOriginal = Object.entries(entry).some(
        ([key, value]) => originalKeys.has(key) && key in original[i]! && !equal(original[i]![key], value),
      );
      if (!overwritesOriginal) {
        Object.assign(combination, entry);
        merged = true;
      }
    });
    if (!merged) extra.push({ ...entry });
  }
  const legs = [...combinations, ...extra];
  if (legs.length === 0) throw new EvaluationError(`job "${jobId}": the matrix has no combinations left`);
  if (legs.length > MAX_MATRIX_LEGS)
    throw new EvaluationError(
      `job "${jobId}": the matrix generates ${legs.length} jobs; GitHub's limit is ${MAX_MATRIX_LEGS} per matrix`,
    );
  return legs;
}

/** An exclude entry's value matches a combination's when equal, or (for mappings) when it is a subset. */
function matches(actual: Value | undefined, wanted: Value): boolean {
  if (isMapping(wanted) && isMapping(actual))
    return Object.entries(wanted).every(([key, value]) => matches(actual[key], value));
  return equal(actual, wanted);
}

/** The name GitHub gives a leg: `build (ubuntu, 20)`; values that are mappings are not shown. */
export function legName(jobName: string, combination: Combination, hasMatrix: boolean): string {
  if (!hasMatrix) return jobName;
  const shown = Object.values(combination)
    .filter((v) => v === null || typeof v !== 'object')
    .map((v) => (v === null ? '' : String(v)));
  return shown.length ? `${jobName} (${shown.join(', ')})` : jobName;
}
