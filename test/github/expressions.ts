// Workflow values evaluated as GitHub evaluates them: @actions/expressions for every expression
// (GitHub's own parser and evaluator), the template tokens @actions/workflow-parser produced for
// the structure around them, and GitHub's rules for turning a result into the text an input, an
// env value or a script gets.
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { fromExpressionData, toExpressionData, type Value } from '../../src/expressions/evaluate.js';

export type { Value };

/** An expression that could not be evaluated: the job or step it belongs to fails, as on GitHub. */
export class EvaluationError extends Error {}

/**
 * The env context is case-sensitive on Linux runners (the runner's CaseSensitiveDictionaryContextData):
 * `env.path` is not `env.PATH` there. @actions/expressions' Dictionary ignores case; this one does not.
 */
class CaseSensitiveDictionary extends data.Dictionary {
  private readonly exact = new Map<string, data.ExpressionData>();
  override add(key: string, value: data.ExpressionData): void {
    this.exact.set(key, value);
    super.add(key, value);
  }
  override get(key: string): data.ExpressionData | undefined {
    return this.exact.get(key);
  }
  override pairs(): { key: string; value: data.ExpressionData }[] {
    return [...this.exact].map(([key, value]) => ({ key, value }));
  }
  override values(): data.ExpressionData[] {
    return [...this.exact.values()];
  }
}

/** A context as @actions/expressions data; `env` case-sensitive, as the runner has it on Linux. */
function contextData(name: string, value: Value): data.ExpressionData {
  if (name !== 'env' || value === null || typeof value !== 'object' || Array.isArray(value))
    return toExpressionData(value);
  const dictionary = new CaseSensitiveDictionary();
  for (const [key, item] of Object.entries(value)) dictionary.add(key, toExpressionData(item));
  return dictionary;
}

/** Where an expression is evaluated: its contexts, and the functions that place adds (status functions). */
export interface Scope {
  contexts: Record<string, Value | undefined>;
  functions?: FunctionDefinition[];
}

/** A status function answering a fixed value, or computing one from its arguments (job ids, at job level). */
export function statusFunction(name: string, answer: (...args: string[]) => boolean): FunctionDefinition {
  return {
    name,
    minArgs: 0,
    maxArgs: 255,
    call: (...args) => new data.BooleanData(answer(...args.map((a) => a.coerceString()))),
  };
}

export function evaluateExpression(expression: string, scope: Scope): Value {
  const dictionary = new data.Dictionary();
  for (const [name, value] of Object.entries(scope.contexts)) {
    if (value !== undefined) dictionary.add(name, contextData(name, value));
  }
  const functions = new Map<string, FunctionDefinition>();
  for (const f of scope.functions ?? []) functions.set(f.name.toLowerCase(), f);
  try {
    const { tokens } = new Lexer(expression).lex();
    const ast = new Parser(
      tokens,
      Object.keys(scope.contexts),
      (scope.functions ?? []).map((f) => ({ name: f.name, minArgs: f.minArgs, maxArgs: f.maxArgs })),
    ).parse();
    return fromExpressionData(new Evaluator(ast, dictionary, functions).evaluate());
  } catch (error) {
    throw new EvaluationError(`${(error as Error).message} (in \${{ ${expression} }})`);
  }
}

/** GitHub's truthiness: false, 0, -0, NaN, '' and null are false. */
export function isTruthy(value: Value): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

/**
 * A value as the text an input, an env value, a `run:` script or a job output receives. Objects and
 * arrays are refused, as the runner refuses a mapping or a sequence where it expects a string.
 */
export function toText(value: Value, where: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return new data.NumberData(value).coerceString();
  throw new EvaluationError(
    `${where}: a ${Array.isArray(value) ? 'sequence' : 'mapping'} was not expected (use toJSON)`,
  );
}

/** A template token (mapping, sequence, literal or expression) evaluated to a plain value. */
export function evaluateToken(token: TemplateToken | undefined, scope: Scope): Value {
  if (token === undefined) return null;
  if (isBasicExpression(token)) return evaluateExpression(token.expression, scope);
  if (isString(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isSequence(token)) {
    const out: Value[] = [];
    for (let i = 0; i < token.count; i++) out.push(evaluateToken(token.get(i), scope));
    return out;
  }
  if (isMapping(token)) {
    const out: { [key: string]: Value } = {};
    for (const pair of token) {
      const key = toText(evaluateToken(pair.key, scope), 'a mapping key');
      out[key] = evaluateToken(pair.value, scope);
    }
    return out;
  }
  if (token.isExpression) throw new EvaluationError(`${token.typeName()}: this kind of expression is not emulated`);
  return null;
}

export function evaluateText(token: TemplateToken | undefined, scope: Scope, where: string): string {
  return toText(evaluateToken(token, scope), where);
}

/** A mapping of names to texts (env, with, outputs): each value evaluated on its own, as the runner does. */
export function evaluateTextMapping(
  token: TemplateToken | undefined,
  scope: Scope,
  where: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (token === undefined) return out;
  if (isBasicExpression(token)) {
    const value = evaluateToken(token, scope);
    if (value === null) return out;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new EvaluationError(`${where}: a mapping was expected`);
    for (const [key, item] of Object.entries(value)) out[key] = toText(item, `${where}.${key}`);
    return out;
  }
  if (!isMapping(token)) throw new EvaluationError(`${where}: a mapping was expected`);
  for (const pair of token) {
    const key = toText(evaluateToken(pair.key, scope), `${where} key`);
    out[key] = evaluateText(pair.value, scope, `${where}.${key}`);
  }
  return out;
}

/** The raw token of a key in a mapping token, by name. */
export function child(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  if (!token || !isMapping(token)) return undefined;
  for (const pair of token) if (isString(pair.key) && pair.key.value === key) return pair.value;
  return undefined;
}

/** The keys of a mapping token, in order. */
export function keysOf(token: TemplateToken | undefined): string[] {
  if (!token || !isMapping(token)) return [];
  const keys: string[] = [];
  for (const pair of token) if (isString(pair.key)) keys.push(pair.key.value);
  return keys;
}
