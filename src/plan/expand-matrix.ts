import type { MatrixSpec, Scalar } from '../pipeline-format/model.js';

export type MatrixLeg = Record<string, Scalar>;

/**
 * The legs of a matrix, with GitHub Actions' semantics: the product of the
 * axes (first axis slowest), minus every leg an `exclude` entry matches, then
 * each `include` entry is added to every leg it can extend without
 * overwriting an axis value, or becomes a leg of its own when it extends none.
 * `values` of an axis given as an expression must be resolved first
 * (`resolvedAxes`).
 */
export function expandMatrix(matrix: MatrixSpec, resolvedAxes?: Map<string, Scalar[]>): MatrixLeg[] {
  let legs: MatrixLeg[] = [{}];
  const axisNames = matrix.axes.map((a) => a.name);
  for (const axis of matrix.axes) {
    const values = Array.isArray(axis.values) ? axis.values : (resolvedAxes?.get(axis.name) ?? []);
    const next: MatrixLeg[] = [];
    for (const leg of legs) for (const value of values) next.push({ ...leg, [axis.name]: value });
    legs = next;
  }
  if (matrix.axes.length === 0) legs = [];
  legs = legs.filter((leg) => !matrix.exclude.some((ex) => matches(leg, ex)));

  const base = legs.map((leg) => ({ ...leg }));
  for (const entry of matrix.include) {
    let extended = false;
    base.forEach((original, i) => {
      // An include entry applies to a leg when it agrees on every original axis it names.
      const agrees = Object.entries(entry).every(([k, v]) => !axisNames.includes(k) || original[k] === v);
      if (agrees) {
        Object.assign(legs[i] as MatrixLeg, entry);
        extended = true;
      }
    });
    if (!extended) legs.push({ ...entry });
  }
  return legs;
}

function matches(leg: MatrixLeg, partial: Record<string, Scalar>): boolean {
  return Object.entries(partial).every(([k, v]) => leg[k] === v);
}

/** GitHub's leg name: `load (day)`, `build (linux, 20)`. */
export function legName(taskId: string, leg: MatrixLeg | undefined): string {
  if (!leg || Object.keys(leg).length === 0) return taskId;
  return `${taskId} (${Object.values(leg).map(String).join(', ')})`;
}

/** Every key a leg may have: the axes and the keys `include` adds. */
export function matrixKeys(matrix: MatrixSpec): string[] {
  const keys = new Set(matrix.axes.map((a) => a.name));
  for (const entry of matrix.include) for (const key of Object.keys(entry)) keys.add(key);
  return [...keys];
}

/** A leg's matrix values as one text, whatever order their keys come in (no matrix: `null`). */
export function legIdentity(leg: Record<string, unknown> | undefined | null): string {
  return leg === undefined || leg === null || Object.keys(leg).length === 0 ? 'null' : canonicalJson(leg);
}

/** JSON with object keys sorted: the same values give the same text, whatever order they came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
