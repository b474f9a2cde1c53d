import { data, Lexer, Parser, ExpressionError as LibExpressionError, type Expr } from '@actions/expressions';
import { ContextAccess, FunctionCall, IndexAccess, Literal, Star } from '@actions/expressions/ast';
import { didYouMean } from '../errors/did-you-mean.js';

/**
 * Expressions are GitHub Actions expressions, parsed by GitHub's own
 * @actions/expressions. This module adds what dagline needs on top: which
 * contexts an expression may name where it stands, and the list of context
 * paths it reads (`needs.build.outputs.bucket`), so references can be checked
 * against the pipeline before anything runs.
 */

/** Every context dagline provides (SPEC 2.1). Each place allows a subset. */
export const CONTEXTS = ['params', 'env', 'matrix', 'needs', 'run', 'pipeline'] as const;
export type ContextName = (typeof CONTEXTS)[number];

/** GitHub's status functions; only a task's `if` may call them. */
export const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'] as const;
export type StatusFunctionName = (typeof STATUS_FUNCTIONS)[number];

export interface ExpressionScope {
  contexts: readonly ContextName[];
  statusFunctions: boolean;
}

/** One path read from a context; a segment is undefined where the index is computed. */
export interface ContextReference {
  path: (string | undefined)[];
  /** Offset of the reference within the expression source. */
  offset: number;
}

export interface ParsedExpression {
  source: string;
  ast: Expr;
  references: ContextReference[];
  /** Function names called, lower-cased. */
  functions: Set<string>;
}

export type ParseOutcome =
  { ok: true; expression: ParsedExpression } | { ok: false; message: string; offset: number; hint?: string };

/** GitHub's contexts that users reach for, and what dagline has instead. */
const GITHUB_CONTEXT_HINTS: Record<string, string> = {
  inputs: 'dagline calls inputs params: params.<name>',
  github:
    "read GitHub's values from the environment ($GITHUB_REF, $GITHUB_SHA, ...); run.trigger and run.actor are dagline's",
  secrets: 'read secrets from the environment: they are never put into expressions',
  vars: 'read configuration variables from the environment',
  steps: 'a task is one step; read other tasks through needs.<id>.outputs',
  jobs: 'read other tasks through needs.<id>.outputs',
  strategy: 'matrix values are in matrix.<key>',
};

const BUILTIN_FUNCTIONS = ['contains', 'startsWith', 'endsWith', 'format', 'join', 'toJSON', 'fromJSON', 'case'];

const statusFunctionInfo = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));

/** Parsing is pure, and pipelines repeat expressions: parse each text once per scope. */
const caches = new WeakMap<ExpressionScope, Map<string, ParseOutcome>>();
const CACHE_LIMIT = 10_000;

export function parseExpression(source: string, scope: ExpressionScope): ParseOutcome {
  let cache = caches.get(scope);
  if (!cache) caches.set(scope, (cache = new Map()));
  const cached = cache.get(source);
  if (cached) return cached;
  const outcome = parseUncached(source, scope);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, outcome);
  return outcome;
}

function parseUncached(source: string, scope: ExpressionScope): ParseOutcome {
  let ast: Expr;
  try {
    const { tokens } = new Lexer(source).lex();
    ast = new Parser(tokens, [...scope.contexts], scope.statusFunctions ? statusFunctionInfo : []).parse();
  } catch (error) {
    return describeParseError(error, source, scope);
  }
  const references: ContextReference[] = [];
  const functions = new Set<string>();
  collect(ast, source, references, functions);
  return { ok: true, expression: { source, ast, references, functions } };
}

function describeParseError(error: unknown, source: string, scope: ExpressionScope): ParseOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof LibExpressionError) {
    const offset = offsetOf(source, error.pos.line, error.pos.column);
    const named = /^Unrecognized named-value: '(.*)'$/.exec(message);
    if (named?.[1] !== undefined) {
      const name = named[1];
      const allowed = scope.contexts.length ? scope.contexts.join(', ') : 'none';
      return {
        ok: false,
        message: `unknown context "${name}" (here: ${allowed})`,
        offset,
        hint:
          GITHUB_CONTEXT_HINTS[name.toLowerCase()] ??
          didYouMean(name, scope.contexts) ??
          ((CONTEXTS as readonly string[]).includes(name) ? `"${name}" is not available here` : undefined),
      };
    }
    const fn = /^Unrecognized function: '(.*)'$/.exec(message);
    if (fn?.[1] !== undefined) {
      const name = fn[1];
      const isStatus = (STATUS_FUNCTIONS as readonly string[]).includes(name.toLowerCase());
      return {
        ok: false,
        message: isStatus ? `${name}() is only allowed in a task's if` : `unknown function ${name}()`,
        offset,
        hint: isStatus
          ? undefined
          : didYouMean(name, [...BUILTIN_FUNCTIONS, ...(scope.statusFunctions ? STATUS_FUNCTIONS : [])]),
      };
    }
    return { ok: false, message: lowerFirst(message), offset };
  }
  // The lexer reports "Unexpected symbol: 'x'. Located at position N within expression: ..." (N from 1).
  const located = /^(.*?)\. Located at position (\d+) within expression/s.exec(message);
  if (located?.[1] !== undefined && located[2] !== undefined) {
    const symbol = located[1];
    const hint =
      /'\s*'[^']*$/.test(symbol) || /^Unexpected symbol: ''/.test(symbol)
        ? 'a string is not closed by a single quote'
        : undefined;
    return { ok: false, message: lowerFirst(symbol), offset: Math.max(0, Number(located[2]) - 1), hint };
  }
  return { ok: false, message: lowerFirst(message), offset: 0 };
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + column;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** A chain of property reads from one context, or undefined if `expr` is something else. */
function accessChain(expr: Expr): { path: (string | undefined)[]; offset: number; dynamic: Expr[] } | undefined {
  if (expr instanceof ContextAccess) {
    return { path: [expr.name.lexeme], offset: 0, dynamic: [] };
  }
  if (expr instanceof IndexAccess) {
    const base = accessChain(expr.expr);
    if (!base) return undefined;
    const index = expr.index;
    if (index instanceof Star) base.path.push('*');
    else if (
      index instanceof Literal &&
      (index.literal instanceof data.StringData || index.literal instanceof data.NumberData)
    ) {
      base.path.push(String(index.literal.coerceString()));
    } else {
      base.path.push(undefined);
      base.dynamic.push(index);
    }
    return base;
  }
  return undefined;
}

function collect(expr: Expr, source: string, references: ContextReference[], functions: Set<string>): void {
  const chain = accessChain(expr);
  if (chain) {
    references.push({ path: chain.path, offset: rootOffset(expr, source) });
    for (const d of chain.dynamic) collect(d, source, references, functions);
    return;
  }
  if (expr instanceof FunctionCall) functions.add(expr.functionName.lexeme.toLowerCase());
  for (const childExpr of children(expr)) collect(childExpr, source, references, functions);
}

function rootOffset(expr: Expr, source: string): number {
  let e: Expr = expr;
  while (e instanceof IndexAccess) e = e.expr;
  if (e instanceof ContextAccess) return offsetOf(source, e.name.range.start.line, e.name.range.start.column);
  return 0;
}

function children(expr: Expr): Expr[] {
  const e = expr as unknown as { expr?: Expr; index?: Expr; left?: Expr; right?: Expr; args?: Expr[]; group?: Expr };
  const out: Expr[] = [];
  if (e.expr) out.push(e.expr);
  if (e.index) out.push(e.index);
  if (e.left) out.push(e.left);
  if (e.right) out.push(e.right);
  if (e.group) out.push(e.group);
  if (e.args) out.push(...e.args);
  return out;
}

/** True when the expression calls success(), failure(), always() or cancelled(). */
export function callsStatusFunction(expression: ParsedExpression): boolean {
  for (const name of STATUS_FUNCTIONS) if (expression.functions.has(name)) return true;
  return false;
}
