import { data, type Expr } from '@actions/expressions';
import {
  Binary,
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Star,
  Unary,
} from '@actions/expressions/ast';
import { parseExpression, type ExpressionScope } from '../expressions/parse-expression.js';
import { splitTemplate } from '../expressions/template.js';

/**
 * dagline's expressions rewritten into GitHub's: the same language (both are parsed by
 * @actions/expressions), so an expression keeps its shape and only what it reads changes:
 * `params.x` becomes the plan job's output, `pipeline.name` a literal, `success()` what dagline
 * means by it. Each place of a compiled workflow gives its own rewriting (`Rewrites`).
 */

/** One step of a context path: `.name` / `['name']`, `[0]`, `.*`, or an index computed at run time. */
export type Segment =
  | { kind: 'name'; name: string }
  | { kind: 'number'; lexeme: string }
  | { kind: 'star' }
  | { kind: 'computed'; expr: Expr };

/** What an expression reads from a context: `needs.load.result` is `needs` with [load, result]. */
export interface Access {
  /** The context, lower-case (GitHub's context names ignore case). */
  root: string;
  segments: Segment[];
}

/** The text that stands for the context and the first `consumed` segments; the rest follow it. */
export interface Replacement {
  text: string;
  consumed: number;
}

/** A reference or a function GitHub cannot be given here: the message says why, for a CompileError. */
export class Untranslatable extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface Rewrites {
  access(access: Access): Replacement;
  /** A status function call (success(), failure(), ...), lower-case. */
  statusFunction?(name: string): string;
}

/** Operator precedence, GitHub's: `!`, then comparisons, equality, `&&`, `||`. */
const ATOM = 10;
function precedence(expr: Expr): number {
  if (expr instanceof Unary) return 9;
  if (expr instanceof Binary) {
    const operator = expr.operator.lexeme;
    return operator === '==' || operator === '!=' ? 6 : 7;
  }
  if (expr instanceof Logical) return expr.operator.lexeme === '&&' ? 5 : 4;
  return ATOM;
}

/** A dagline expression (already checked by the loader) as GitHub expression text. */
export function translateExpression(source: string, scope: ExpressionScope, rewrites: Rewrites): string {
  const outcome = parseExpression(source, scope);
  if (!outcome.ok) throw new Untranslatable(outcome.message);
  return print(outcome.expression.ast, rewrites);
}

/**
 * A template string (`out/${{ matrix.period }}.csv`) with each expression translated; a value that
 * is one whole template stays one (so a boolean or a number keeps its type).
 */
export function translateTemplate(text: string, scope: ExpressionScope, rewrites: Rewrites): string {
  const split = splitTemplate(text);
  if (!split.ok) throw new Untranslatable(split.message);
  return split.parts
    .map((part) => (part.kind === 'text' ? part.text : `\${{ ${translateExpression(part.source, scope, rewrites)} }}`))
    .join('');
}

/**
 * A template string as one GitHub expression: a literal when it holds no template, the one
 * expression when it is one whole template, else `format('text {0}', expr)`.
 */
export function templateAsExpression(text: string, scope: ExpressionScope, rewrites: Rewrites): string {
  const split = splitTemplate(text);
  if (!split.ok) throw new Untranslatable(split.message);
  const parts = split.parts;
  if (parts.length === 0) return quote('');
  if (parts.length === 1 && parts[0]!.kind === 'text') return quote(parts[0]!.text);
  if (parts.length === 1 && parts[0]!.kind === 'expr') return translateExpression(parts[0]!.source, scope, rewrites);
  let pattern = '';
  const args: string[] = [];
  for (const part of parts) {
    if (part.kind === 'text') pattern += part.text.replace(/\{/g, '{{').replace(/\}/g, '}}');
    else {
      pattern += `{${args.length}}`;
      args.push(translateExpression(part.source, scope, rewrites));
    }
  }
  return `format(${[quote(pattern), ...args].join(', ')})`;
}

/** A string literal of GitHub's expression language. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `(text)` unless the text is one operand already (a name, a call, a literal, a group). */
export function operand(text: string): string {
  return isAtomic(text) ? text : `(${text})`;
}

function isAtomic(text: string): boolean {
  const outcome = parseExpression(text, ANY_CONTEXT);
  return outcome.ok && precedence(outcome.expression.ast) === ATOM && !(outcome.expression.ast instanceof Grouping);
}

/** Parsing for `operand` only: every name GitHub knows at job level, and the status functions. */
const ANY_CONTEXT: ExpressionScope = {
  contexts: ['params', 'env', 'matrix', 'needs', 'run', 'pipeline', 'github', 'inputs', 'vars', 'strategy'] as never,
  statusFunctions: true,
};

/** Name segments GitHub's dot syntax takes as they are. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function printSegment(segment: Segment, rewrites: Rewrites): string {
  switch (segment.kind) {
    case 'name':
      return PLAIN_NAME.test(segment.name) ? `.${segment.name}` : `[${quote(segment.name)}]`;
    case 'number':
      return `[${segment.lexeme}]`;
    case 'star':
      return '.*';
    case 'computed':
      return `[${print(segment.expr, rewrites)}]`;
  }
}

function accessOf(expr: Expr): Access | undefined {
  const segments: Segment[] = [];
  let e: Expr = expr;
  while (e instanceof IndexAccess) {
    const index = e.index;
    if (index instanceof Star) segments.push({ kind: 'star' });
    else if (index instanceof Literal && index.literal instanceof data.StringData)
      segments.push({ kind: 'name', name: index.literal.coerceString() });
    else if (index instanceof Literal && index.literal instanceof data.NumberData)
      segments.push({ kind: 'number', lexeme: index.token.lexeme });
    else segments.push({ kind: 'computed', expr: index });
    e = e.expr;
  }
  if (!(e instanceof ContextAccess)) return undefined;
  return { root: e.name.lexeme.toLowerCase(), segments: segments.reverse() };
}

function print(expr: Expr, rewrites: Rewrites): string {
  const access = accessOf(expr);
  if (access) {
    const { text, consumed } = rewrites.access(access);
    return (
      operand(text) +
      access.segments
        .slice(consumed)
        .map((s) => printSegment(s, rewrites))
        .join('')
    );
  }
  if (expr instanceof IndexAccess) {
    // An index into something that is not a context: fromJSON(x).y, (a || b)[0].
    const base = print(expr.expr, rewrites);
    const index = expr.index;
    const segment: Segment =
      index instanceof Star
        ? { kind: 'star' }
        : index instanceof Literal && index.literal instanceof data.StringData
          ? { kind: 'name', name: index.literal.coerceString() }
          : { kind: 'computed', expr: index };
    return operand(base) + printSegment(segment, rewrites);
  }
  if (expr instanceof Literal) return literal(expr);
  if (expr instanceof Grouping) return `(${print(expr.group, rewrites)})`;
  if (expr instanceof Unary) return `!${child(expr.expr, 9, rewrites)}`;
  if (expr instanceof Binary) {
    const own = precedence(expr);
    return `${child(expr.left, own, rewrites)} ${expr.operator.lexeme} ${child(expr.right, own + 1, rewrites)}`;
  }
  if (expr instanceof Logical) {
    const own = precedence(expr);
    return expr.args.map((arg) => child(arg, own, rewrites)).join(` ${expr.operator.lexeme} `);
  }
  if (expr instanceof FunctionCall) {
    const name = expr.functionName.lexeme;
    const lower = name.toLowerCase();
    if (['success', 'failure', 'cancelled', 'always'].includes(lower) && expr.args.length === 0) {
      if (!rewrites.statusFunction) throw new Untranslatable(`${name}() is only allowed in a task's if`);
      return operand(rewrites.statusFunction(lower));
    }
    return `${name}(${expr.args.map((arg) => print(arg, rewrites)).join(', ')})`;
  }
  throw new Untranslatable('an expression of a kind dagline does not know');
}

/** A child of an operator, in parentheses when it binds less tightly than `least`. */
function child(expr: Expr, least: number, rewrites: Rewrites): string {
  const text = print(expr, rewrites);
  return precedence(expr) < least ? `(${text})` : text;
}

function literal(expr: Literal): string {
  const value = expr.literal;
  if (value instanceof data.StringData) return quote(value.coerceString());
  if (value instanceof data.NumberData) return expr.token.lexeme;
  if (value instanceof data.BooleanData) return value.coerceString() === 'true' ? 'true' : 'false';
  return 'null';
}
