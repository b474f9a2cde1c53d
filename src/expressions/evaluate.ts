import { data, Evaluator } from '@actions/expressions';
import { fromjson } from '@actions/expressions/funcs/fromjson';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import type { ParsedExpression, StatusFunctionName } from './parse-expression.js';

/** Plain JSON-like values, as contexts hold them. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The values of the status functions where an `if` is evaluated. */
export type StatusValues = Record<StatusFunctionName, boolean>;

/**
 * Evaluates a parsed expression with GitHub's own evaluator. `context` maps
 * context names (params, env, ...) to plain values; status functions answer
 * from `status` when given.
 */
export function evaluateExpression(
  expression: ParsedExpression,
  context: Record<string, Value | undefined>,
  status?: StatusValues,
): Value {
  const dictionary = new data.Dictionary();
  for (const [name, value] of Object.entries(context)) {
    if (value !== undefined) dictionary.add(name, convertedOnce(value));
  }
  let functions = OWN_FUNCTIONS;
  if (status) {
    functions = new Map(OWN_FUNCTIONS);
    for (const [name, result] of Object.entries(status)) {
      functions.set(name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(result) });
    }
  }
  return fromExpressionData(new Evaluator(expression.ast, dictionary, functions).evaluate());
}

/**
 * GitHub's fromJSON, whose error ("Error parsing JSON when evaluating fromJson") says neither what
 * it was given nor where it broke: usually a task's output, which the user then has to go and find.
 */
const fromJsonSayingWhy: FunctionDefinition = {
  ...fromjson,
  call: (...args) => {
    try {
      return fromjson.call(...args);
    } catch (error) {
      const given = args[0]?.coerceString() ?? '';
      const cause = (error as { cause?: unknown }).cause;
      // V8 quotes the text again in some of its messages ('Unexpected token..., "[a" is not valid JSON'): once is enough.
      const why = (cause instanceof Error ? cause.message : (error as Error).message).replace(
        /, ".*" is not valid JSON$/s,
        '',
      );
      throw new Error(
        `fromJSON cannot read ${JSON.stringify(given.length > 80 ? `${given.slice(0, 80)}...` : given)}: ${why}`,
      );
    }
  },
};

/** Functions evaluated here, by lower-case name (as the evaluator looks them up), before GitHub's own. */
const OWN_FUNCTIONS = new Map<string, FunctionDefinition>([['fromjson', fromJsonSayingWhy]]);

/** GitHub's truthiness: false, 0, -0, NaN, '' and null are false. */
export function isTruthy(value: Value): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

/**
 * How a value reads when put into text: strings as they are, numbers and
 * booleans as GitHub writes them, null as nothing, lists and mappings as JSON
 * (more use than GitHub's "Array" / "Object").
 */
export function valueToText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Contexts are shared across many evaluations (a plan evaluates params and
 * env for every task): convert each object once. Values are never changed
 * after they are put in a context, so the cache cannot go stale.
 */
const converted = new WeakMap<object, data.ExpressionData>();

function convertedOnce(value: Value): data.ExpressionData {
  if (value === null || typeof value !== 'object') return toExpressionData(value);
  let result = converted.get(value);
  if (!result) converted.set(value, (result = toExpressionData(value)));
  return result;
}

export function toExpressionData(value: Value): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) {
    const array = new data.Array();
    for (const item of value) array.add(toExpressionData(item));
    return array;
  }
  const dictionary = new data.Dictionary();
  for (const [key, item] of Object.entries(value)) dictionary.add(key, toExpressionData(item));
  return dictionary;
}

export function fromExpressionData(value: data.ExpressionData): Value {
  if (value instanceof data.StringData) return value.value;
  if (value instanceof data.NumberData) return value.value;
  if (value instanceof data.BooleanData) return value.value;
  if (value instanceof data.Array) return value.values().map(fromExpressionData);
  if (value instanceof data.Dictionary) {
    const out: { [key: string]: Value } = {};
    for (const pair of value.pairs()) out[pair.key] = fromExpressionData(pair.value);
    return out;
  }
  return null;
}
