import shellParserLibrary from './shell-parser-library.cjs';

/**
 * Shell scripts parsed by mvdan/sh (the parser behind shfmt), as plain
 * objects. The `mvdan-sh` package is mvdan/sh compiled to JavaScript with
 * GopherJS; its public wrappers allocate on every field read, so the tree is
 * read from the compiled Go structs underneath them (`__internal_object__`) in
 * one pass. The package is frozen at one release, so that layout does not
 * move; test/plan/shell-syntax.test.ts holds it to the node shapes used here.
 */

export type ShellDialect = 'bash' | 'posix';

/** One node: `type` is mvdan/sh's type name (`CallExpr`, `Lit`, ...); positions are offsets into the script. */
export interface ShellNode {
  type: string;
  [field: string]: ShellValue;
}
export type ShellValue = ShellNode | ShellNode[] | string | number | boolean | undefined;

export type ParseResult =
  { ok: true; file: ShellNode } | { ok: false; message: string; offset: number; line: number; column: number };

type Parser = { Parse(text: string, name: string): { __internal_object__: unknown } };
const parsers = new Map<ShellDialect, Parser>();

function parserFor(dialect: ShellDialect): Parser {
  let parser = parsers.get(dialect);
  if (!parser) {
    const syntax = shellParserLibrary();
    parser = syntax.NewParser(
      syntax.KeepComments(true),
      syntax.Variant(dialect === 'bash' ? syntax.LangBash : syntax.LangPOSIX),
    );
    parsers.set(dialect, parser);
  }
  return parser;
}

/** Parses a script: its tree, or the first syntax error with its place in the script. */
export function parseShell(script: string, dialect: ShellDialect): ParseResult {
  const toUtf16 = utf16Offsets(script);
  let file: { __internal_object__: unknown };
  try {
    file = parserFor(dialect).Parse(script, '');
  } catch (error) {
    const { message, byteOffset } = parseErrorOf(error);
    const offset = Math.min(toUtf16(byteOffset), script.length);
    const { line, column } = lineAndColumn(script, offset);
    return { ok: false, message, offset, line, column };
  }
  return { ok: true, file: convert(file.__internal_object__, toUtf16) as ShellNode };
}

/** The text of mvdan/sh's error without its "line:col: " prefix, and where it points. */
function parseErrorOf(error: unknown): { message: string; byteOffset: number } {
  const e = error as { Error?: () => string; Text?: string; Pos?: { Offset?: () => number } } | undefined;
  const full = typeof e?.Error === 'function' ? e.Error() : String(error);
  let byteOffset = 0;
  try {
    byteOffset = e?.Pos?.Offset?.() ?? 0;
  } catch {
    byteOffset = 0;
  }
  const message = (typeof e?.Text === 'string' && e.Text !== '' ? e.Text : full.replace(/^\d+:\d+: /, '')).trim();
  return { message, byteOffset };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * mvdan/sh counts UTF-8 bytes (GopherJS hands it the script as one byte per
 * character); JavaScript counts UTF-16 units. The identity for ASCII scripts.
 */
function utf16Offsets(script: string): (byteOffset: number) => number {
  if (/^[\x00-\x7f]*$/.test(script)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < script.length; i++) {
    const code = script.codePointAt(i) as number;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (code >= 0x10000) i++;
  }
  return (b) => (b >= map.length ? script.length : (map[b] as number));
}

interface GoObject {
  constructor: { string?: string; nil?: unknown };
  [field: string]: unknown;
}
interface GoSlice {
  $array: unknown[];
  $offset: number;
  $length: number;
}

/**
 * The Go value as plain data: a struct pointer becomes a node with `type`, a
 * slice an array, a `syntax.Pos` its offset (-1 when unset), nil undefined.
 */
function convert(value: unknown, toUtf16: (b: number) => number): ShellValue {
  if (value === null || typeof value !== 'object') return value as ShellValue;
  if ('$array' in value && '$length' in value) {
    const slice = value as GoSlice;
    const out: ShellNode[] = [];
    for (let i = 0; i < slice.$length; i++) {
      const item = convert(slice.$array[slice.$offset + i], toUtf16);
      if (item !== undefined) out.push(item as ShellNode);
    }
    return out;
  }
  const go = value as GoObject;
  const typeName = go.constructor?.string;
  if (typeof typeName !== 'string' || value === go.constructor.nil) return undefined;
  if (typeName === 'syntax.Pos' || typeName === '*syntax.Pos') {
    return (go.lineCol as number) === 0 ? -1 : toUtf16(go.offs as number);
  }
  const node: ShellNode = { type: typeName.replace(/^\*?syntax\./, '') };
  for (const key of Object.keys(go)) {
    if (key === '$val') continue;
    const field = go[key];
    node[key] = typeof field === 'object' ? convert(field, toUtf16) : (field as ShellValue);
  }
  return node;
}

/** The operator codes of this build, read once from a parse of each operator (they are Go constants). */
let operators: Map<number, string> | undefined;
export function operatorName(code: number): string | undefined {
  if (!operators) {
    operators = new Map();
    const names = ['-eq', '-ne', '-lt', '-le', '-gt', '-ge'];
    const tests = names.map((op) => `[[ a ${op} b ]]`).join('\n');
    const parsed = parseShell(
      `${tests}\n[[ -v a ]]\n[[ -R a ]]\ncat <<E\nE\ncat <<-E\nE\ncat <<< a\na | b\na |& b\n`,
      'bash',
    );
    if (!parsed.ok) throw new Error(`the shell parser refused its own operators: ${parsed.message}`);
    const stmts = parsed.file.Stmts as ShellNode[];
    const cmd = (i: number) => (stmts[i] as ShellNode).Cmd as ShellNode;
    names.forEach((name, i) => operators!.set(((cmd(i).X as ShellNode).Op as number) + 0x10000, name));
    operators.set(((cmd(6).X as ShellNode).Op as number) + 0x20000, '-v');
    operators.set(((cmd(7).X as ShellNode).Op as number) + 0x20000, '-R');
    const redirect = (i: number) => ((stmts[i] as ShellNode).Redirs as ShellNode[])[0] as ShellNode;
    operators.set((redirect(8).Op as number) + 0x30000, '<<');
    operators.set((redirect(9).Op as number) + 0x30000, '<<-');
    operators.set((redirect(10).Op as number) + 0x30000, '<<<');
    operators.set((cmd(11).Op as number) + 0x40000, '|');
    operators.set((cmd(12).Op as number) + 0x40000, '|&');
  }
  return operators.get(code);
}

/** Operator kinds, as mvdan/sh numbers each kind from its own base. */
export const OperatorKind = { binaryTest: 0x10000, unaryTest: 0x20000, redirect: 0x30000, binaryCmd: 0x40000 } as const;
