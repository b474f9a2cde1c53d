import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Alias, Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import type { Place } from '../errors/dagline-error.js';

/** A path into the document: mapping keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/** The parsed document a locator searches, and what each of its aliases refers to. */
export interface SourceTree {
  doc: Document.Parsed | undefined;
  aliases: ReadonlyMap<Alias, Node | undefined>;
}

/**
 * Answers "where in the file is this?" for a path into the document. Lookups
 * are lazy (only errors need places), and each mapping gets an index on its
 * first lookup so that many errors in a large file stay linear.
 *
 * The document tree is large (a node object per scalar). A valid file never
 * asks for a place, so the reader releases the tree once it has the values,
 * and the locator parses the text again on the first lookup after that.
 */
export class SourceLocator {
  private pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    readonly file: string,
    private readonly text: string,
    /** The file's line starts, counted by its first parse. */
    private readonly lines: () => LineCounter,
    private readonly parseTree: () => SourceTree = () => ({ doc: undefined, aliases: new Map() }),
    private tree?: SourceTree,
  ) {}

  /** Lets the document tree be collected; the next lookup parses the text again. */
  release(): void {
    this.tree = undefined;
    this.pairIndex = new WeakMap();
  }

  private get doc(): Document.Parsed | undefined {
    this.tree ??= this.parseTree();
    return this.tree.doc;
  }

  private get aliases(): ReadonlyMap<Alias, Node | undefined> {
    this.tree ??= this.parseTree();
    return this.tree.aliases;
  }

  /** The place of an offset into the text. */
  atOffset(offset: number): Place {
    const { line, col } = this.lines().linePos(offset);
    return { file: this.file, line, column: col };
  }

  /**
   * The place of the value at `path` (or of its key, with `part: 'key'`). When
   * the path runs out of the document (a missing key), the deepest node found
   * stands in for it.
   */
  at(path: DocPath, part: 'key' | 'value' = 'value'): Place {
    const found = this.find(path, part);
    return found !== undefined ? this.atOffset(found) : { file: this.file };
  }

  /**
   * The place of `needle` inside the source text of the scalar at `path` (its
   * `occurrence`-th appearance), so an error inside an `if` or a `${{ }}` in a
   * multi-line `run` points at the line it is on; `within` moves further into
   * the needle. Falls back to the scalar when the needle is not written
   * verbatim (a quoted string with escapes).
   */
  inText(path: DocPath, needle: string, occurrence = 0, within = 0): Place {
    const node = this.node(path);
    if (node?.range && needle) {
      const source = this.text.slice(node.range[0], node.range[1]);
      let at = -1;
      for (let seen = 0; seen <= occurrence; seen++) {
        at = source.indexOf(needle, at + 1);
        if (at < 0) break;
      }
      if (at >= 0) return this.atOffset(node.range[0] + at + Math.min(within, needle.length));
    }
    return this.at(path);
  }

  private node(path: DocPath): Node | undefined {
    let node: unknown = this.doc?.contents;
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) node = this.pair(node, String(segment))?.value;
      else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
      else return undefined;
    }
    node = this.resolve(node);
    return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
  }

  private find(path: DocPath, part: 'key' | 'value'): number | undefined {
    let node: unknown = this.doc?.contents;
    let best = startOf(node);
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string | number;
      node = this.resolve(node);
      if (isMap(node)) {
        const pair = this.pair(node, String(segment));
        if (!pair) return best;
        const keyStart = startOf(pair.key);
        if (i === path.length - 1 && part === 'key') return keyStart ?? best;
        best = keyStart ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return best;
      }
      best = startOf(node) ?? best;
    }
    return best;
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? this.aliases.get(node) : node;
  }

  private pair(map: YAMLMap, key: string): Pair | undefined {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items) {
        if (!isPair(item)) continue;
        const keyNode = this.resolve(item.key);
        const name = isScalar(keyNode) ? String(keyNode.value) : undefined;
        if (name !== undefined && !index.has(name)) index.set(name, item);
      }
      this.pairIndex.set(map, index);
    }
    return index.get(key);
  }
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}
