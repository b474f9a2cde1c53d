import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Parser,
  visit,
  type Alias,
  type CST,
  type Document,
  type Node,
  type YAMLError as YamlLibError,
  type YAMLMap,
} from 'yaml';
import { YamlError } from '../errors/dagline-error.js';
import { SourceLocator, type SourceTree } from './source-locator.js';
import { shieldTemplates } from './template-shield.js';

/** The limits that keep a hostile or broken file from hurting (SPEC section 5). */
export interface YamlLimits {
  /** Larger files are refused before parsing. */
  maxBytes: number;
  /** Collections nested deeper than this are refused. */
  maxDepth: number;
  /**
   * Nodes that aliases may expand to, in all, at least: a file may expand to
   * as many nodes as it has characters, so anchors reused across thousands of
   * tasks pass while an alias bomb (each level ten times the last) does not.
   */
  maxAliasNodes: number;
}

export const MIB = 1024 * 1024;

export const defaultYamlLimits: YamlLimits = {
  maxBytes: MIB,
  maxDepth: 64,
  maxAliasNodes: 100_000,
};

export type ReadYamlResult =
  | { ok: true; value: unknown; text: string; locator: SourceLocator }
  | { ok: false; errors: YamlError[]; text: string; locator: SourceLocator };

/**
 * Reads one YAML 1.2 document into plain values, keeping a locator for the
 * places of its parts. Refuses, with a YamlError at the place: bad syntax, more
 * than one document, a `%YAML 1.1` directive, files over the size limit,
 * invalid UTF-8, duplicate keys, non-string keys, unknown tags, nesting past
 * the depth limit and alias expansion past the alias limit.
 */
export function readYaml(
  input: string | Uint8Array,
  file: string,
  limits: YamlLimits = defaultYamlLimits,
): ReadYamlResult {
  const lineCounter = new LineCounter();
  const lines = () => lineCounter;
  const bytes = typeof input === 'string' ? utf8Length(input) : input.byteLength;
  const emptyLocator = new SourceLocator(file, '', lines);
  if (bytes > limits.maxBytes) {
    return { ok: false, text: '', locator: emptyLocator, errors: [fileTooLarge(bytes, limits, file)] };
  }

  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return {
        ok: false,
        text: '',
        locator: emptyLocator,
        errors: [new YamlError('file is not valid UTF-8 text', { file })],
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const read = readText(text, text, file, limits, lines);
  // Templates unquoted inside [ ] or { } (`[out/${{ matrix.period }}.csv]`) break YAML's flow
  // syntax: a file that does not parse is read again with them shielded (template-shield.ts).
  if (read.ok || !text.includes('${{')) return read;
  const shielded = shieldTemplates(text);
  if (!shielded) return read;
  const again = readText(text, shielded.text, file, limits, lines);
  if (again.ok) return { ...again, value: shielded.restore(again.value) };
  // Broken for another reason too: its errors, without those the templates caused.
  const restore = (error: YamlError) =>
    new YamlError(shielded.restoreText(error.message), error, error.hint && shielded.restoreText(error.hint));
  return { ...again, errors: again.errors.map(restore) };
}

/**
 * Reads `source`, which is `text` or `text` with its templates shielded: the same length and
 * lines, so places found in one are places in the other; the results carry `text`.
 */
function readText(
  text: string,
  source: string,
  file: string,
  limits: YamlLimits,
  lines: () => LineCounter,
): ReadYamlResult {
  const options = {
    version: '1.2',
    schema: 'core',
    uniqueKeys: false, // checked below in one pass per mapping: the library's check is quadratic
    prettyErrors: false,
  } as const;
  // The line counter is filled by the first parse (of the text or of its shielded twin: their
  // lines are the same); a parse again for a place leaves it as it is.
  const parseDocs = (): Document.Parsed[] => {
    const counter = lines();
    const parsed = parseAllDocuments(
      source,
      counter.lineStarts.length > 0 ? options : { ...options, lineCounter: counter },
    );
    return Array.isArray(parsed) ? parsed : [];
  };
  const treeOf = (doc: Document.Parsed | undefined): SourceTree => ({
    doc,
    // Without an anchor (&) no alias can resolve: skip the pass (an alias then reports itself unresolved).
    aliases: source.includes('&') ? resolveAliases(doc) : new Map(),
  });
  const reparse = () => treeOf(parseDocs()[0]);

  // The library builds nodes recursively: nesting thousands deep (`- - - ...`, `[[[...`) runs
  // it out of stack, where it reports the overflow at whatever node it had reached. Such a file
  // is refused for its depth, at the first collection past the limit.
  const tooDeep = (): ReadYamlResult | undefined => {
    const offset = firstTooDeep(source, limits.maxDepth);
    if (offset === undefined) return undefined;
    const locator = new SourceLocator(file, text, lines);
    return { ok: false, text, locator, errors: [depthError(limits, locator.atOffset(offset))] };
  };
  let docs: Document.Parsed[];
  let tree: SourceTree;
  try {
    docs = parseDocs();
    tree = treeOf(docs[0]);
  } catch (error) {
    // The alias pass walks the tree recursively too, past where the library's own pass stopped.
    const deep = error instanceof RangeError ? tooDeep() : undefined;
    if (deep) return deep;
    throw error;
  }
  const aliases = tree.aliases;
  const locator = new SourceLocator(file, text, lines, reparse, tree);
  const fail = (errors: YamlError[]): ReadYamlResult => ({ ok: false, errors, text, locator });

  const libErrors = docs.flatMap((doc) => [...doc.errors, ...doc.warnings]);
  if (libErrors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    const deep = tooDeep();
    if (deep) return deep;
  }
  if (libErrors.length > 0) return fail(firstOnEachLine(libErrors.map((e) => fromLibError(e, locator, source))));

  const doc = docs[0];
  if (!doc || doc.contents === null) {
    return fail([new YamlError('file is empty: a pipeline needs at least `name` and `tasks`', { file })]);
  }
  if (docs.length > 1) {
    const second = docs[1]?.range[0] ?? 0;
    return fail([
      new YamlError(
        'file holds more than one YAML document; one file is one pipeline',
        locator.atOffset(second),
        'put each pipeline in its own file',
      ),
    ]);
  }
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') {
    return fail([
      new YamlError(
        `file asks for YAML ${doc.directives.yaml.version}; dagline reads YAML 1.2 only`,
        locator.atOffset(0),
        'remove the %YAML directive',
      ),
    ]);
  }

  const walker = new PlainWalker(aliases, locator, {
    ...limits,
    maxAliasNodes: Math.max(limits.maxAliasNodes, source.length),
  });
  const value = walker.toPlain(doc.contents, 1);
  if (walker.errors.length > 0) return fail(walker.errors);
  locator.release(); // the values are out: let the tree go until an error needs a place
  return { ok: true, value, text, locator };
}

/** The error for a file over the size limit, also used before reading a file at all. */
export function fileTooLarge(bytes: number, limits: YamlLimits, file: string): YamlError {
  return new YamlError(
    `file is ${formatBytes(bytes)}; pipeline files are limited to ${formatBytes(limits.maxBytes)}`,
    { file },
    'split the pipeline, or raise the limit with --max-file-size for generated files',
  );
}

/** What each alias refers to. */
export type AliasTargets = ReadonlyMap<Alias, Node | undefined>;

/**
 * Every alias's anchor, in one pass in document order: an alias names the
 * latest anchor of that name before it. (The library's Alias.resolve searches
 * the whole document on each call, quadratic over thousands of aliases.)
 */
function resolveAliases(doc: Document.Parsed | undefined): AliasTargets {
  const targets = new Map<Alias, Node | undefined>();
  if (!doc) return targets;
  const anchors = new Map<string, Node>();
  visit(doc, (_key, node) => {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
  });
  return targets;
}

/** Thrown inside the walk to stop it: the file is an alias bomb. */
class AliasBudgetExceeded extends Error {}

class PlainWalker {
  readonly errors: YamlError[] = [];
  private aliasNodes = 0;
  private aliasDepth = 0;
  /** The alias an expansion started from: where an alias bomb is reported. */
  private outerAlias: unknown;
  private readonly expanding = new Set<unknown>();

  constructor(
    private readonly aliases: AliasTargets,
    private readonly locator: SourceLocator,
    private readonly limits: YamlLimits,
  ) {}

  toPlain(node: unknown, depth: number): unknown {
    try {
      return this.walk(node, depth);
    } catch (e) {
      if (!(e instanceof AliasBudgetExceeded)) throw e;
      return undefined;
    }
  }

  private walk(node: unknown, depth: number): unknown {
    if (this.aliasDepth > 0 && ++this.aliasNodes > this.limits.maxAliasNodes) {
      this.errors.push(
        new YamlError(
          `aliases expand to more than ${this.limits.maxAliasNodes} nodes (an alias bomb?)`,
          this.placeOf(this.outerAlias ?? node),
          'use fewer nested aliases',
        ),
      );
      throw new AliasBudgetExceeded();
    }
    if (isAlias(node)) return this.walkAlias(node, depth);
    if (isScalar(node)) return node.value;
    if (isMap(node) || isSeq(node)) {
      if (depth > this.limits.maxDepth) {
        this.errors.push(depthError(this.limits, this.placeOf(node)));
        return undefined;
      }
      if (isSeq(node)) return node.items.map((item) => this.walk(item, depth + 1));
      return this.walkMap(node, depth);
    }
    return node === null || node === undefined ? null : undefined;
  }

  private walkAlias(alias: Alias, depth: number): unknown {
    const target = this.aliases.get(alias);
    if (target === undefined) {
      this.errors.push(new YamlError(`alias *${alias.source} has no anchor`, this.placeOf(alias)));
      return undefined;
    }
    if (this.expanding.has(target)) {
      this.errors.push(new YamlError(`alias *${alias.source} refers to a node that contains it`, this.placeOf(alias)));
      return undefined;
    }
    this.expanding.add(target);
    if (this.aliasDepth === 0) this.outerAlias = alias;
    this.aliasDepth++;
    try {
      return this.walk(target, depth);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(target);
    }
  }

  private walkMap(map: YAMLMap, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      let keyNode: unknown = pair.key;
      if (isAlias(keyNode)) keyNode = this.aliases.get(keyNode);
      const key = isScalar(keyNode) ? keyNode.value : keyNode;
      if (typeof key !== 'string') {
        this.errors.push(nonStringKey(key, this.placeOf(pair.key ?? pair.value ?? map)));
        continue;
      }
      if (seen.has(key)) {
        const first = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
        const firstLine = first ? this.placeOf(first.key).line : undefined;
        this.errors.push(
          new YamlError(
            `duplicate key "${key}"${firstLine ? ` (first at line ${firstLine})` : ''}`,
            this.placeOf(pair.key),
            'a key may appear once per mapping',
          ),
        );
        continue;
      }
      seen.add(key);
      const value = this.walk(pair.value, depth + 1);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }

  private placeOf(node: unknown) {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? this.locator.atOffset(range[0]) : { file: this.locator.file };
  }
}

function depthError(limits: YamlLimits, place: ReturnType<SourceLocator['atOffset']>): YamlError {
  return new YamlError(`nesting is deeper than ${limits.maxDepth} levels`, place);
}

/**
 * The offset of the first collection nested deeper than `maxDepth` (the document's own
 * collection is level 1), or undefined. Walks the parser's tokens with a stack of its own:
 * the parser keeps no recursion either, so any depth is measured.
 */
function firstTooDeep(source: string, maxDepth: number): number | undefined {
  const pending: Array<{ token: CST.Token | undefined; depth: number }> = [];
  for (const top of new Parser().parse(source)) {
    if (top.type === 'document') pending.push({ token: top.value, depth: 1 });
    while (pending.length > 0) {
      const { token, depth } = pending.pop()!;
      if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') continue;
      if (depth > maxDepth) return token.offset;
      // Last first, so that the first item is the next one taken: document order.
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i]!;
        pending.push({ token: item.value, depth: depth + 1 });
        if ('key' in item) pending.push({ token: item.key ?? undefined, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function nonStringKey(key: unknown, place: ReturnType<SourceLocator['atOffset']>): YamlError {
  if (key === null || key === undefined)
    return new YamlError('a mapping key is empty', place, 'every key must be a name');
  if (typeof key === 'object') return new YamlError('a mapping key is a collection; keys must be strings', place);
  return new YamlError(
    `key ${String(key)} is a ${typeof key}; keys must be strings`,
    place,
    `quote it ("${String(key)}") if you mean the text`,
  );
}

const yamlHints: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation of this line against its siblings',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing on the line above?',
  BLOCK_AS_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing on the line above?',
  MISSING_CHAR: 'a quote or bracket is not closed',
  BAD_SCALAR_START: 'quote the value',
  TAG_RESOLVE_FAILED: 'dagline reads plain YAML 1.2: remove the tag',
};

/** `source`: the text parsed, in which the templates that could be shielded no longer show. */
function fromLibError(error: YamlLibError, locator: SourceLocator, source: string): YamlError {
  let hint = yamlHints[error.code];
  if (/compact mappings|Nested mappings/.test(error.message)) {
    hint = 'a value holding ": " must be quoted, or written as a block scalar (key: |)';
  }
  const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
  if (lineAt(source, error.pos[0]).includes('${{')) {
    hint = 'inside [ ] or { }, a value whose ${{ }} holds quotes must itself be quoted: ["${{ x }}"]';
  }
  return new YamlError(`invalid YAML: ${lowerFirst(message)}`, locator.atOffset(error.pos[0]), hint);
}

/** After one syntax error, the parser's next ones on the same line follow from it: they only add noise. */
function firstOnEachLine(errors: YamlError[]): YamlError[] {
  const lines = new Set<string>();
  return errors.filter((error) => {
    if (error.line === undefined) return true;
    const line = `${error.file}:${error.line}`;
    if (lines.has(line)) return false;
    lines.add(line);
    return true;
  });
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** UTF-8 length of a string, without allocating its encoding. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${+(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
