// The quick way through a valid pipeline file.
//
// The `yaml` package is dagline's YAML reader: its document tree keeps the place of every node
// and its errors are the ones users see. But it is slow the first time its code runs, and a
// command runs it exactly once: a 13 KB file took ~100 ms in a fresh process against ~15 ms
// for js-yaml (which passes the whole YAML test suite too). Start-up is most of a small run.
//
// So a file is first read with js-yaml, and the result is used only when it is certainly what
// the `yaml` path would give. Anything that path treats specially or reports goes there
// instead: directives, tags, anchors and aliases (their expansion limit), deep nesting, duplicate and
// non-string keys, more or fewer than one document, and every error js-yaml finds. Plain
// scalars are resolved by the rules of the `yaml` package's YAML 1.2 core schema, written out
// below in its order, not by js-yaml's own core tags (which differ at the edges, such as an
// integer too large for a double). test/pipeline-format/read-yaml-fast.test.ts holds the two readers to
// the same values.
import {
  COLLECTION_STYLE,
  constructFromEvents,
  defineMappingTag,
  defineScalarTag,
  EVENT_ID,
  FAILSAFE_SCHEMA,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
  type Event,
} from 'js-yaml';

/**
 * The value of a plain scalar under the `yaml` package's core schema (its tags `null`, `bool`,
 * `intOct`, `int`, `intHex`, `floatNaN`, `floatExp`, `float`, tried in that order), or
 * NOT_RESOLVED for a string.
 */
export function resolveCorePlainScalar(source: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === 't' || source[0] === 'T';
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    if (source.slice(-3).toLowerCase() === 'nan') return NaN;
    return source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return parseFloat(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return NOT_RESOLVED;
}

const corePlainScalarTag = defineScalarTag('tag:dagline,2026:core-plain', {
  implicit: true,
  implicitFirstChars: ['', '~', 'n', 'N', 't', 'T', 'f', 'F', '-', '+', '.', ...'0123456789'],
  resolve: (source, isExplicit) => (isExplicit ? NOT_RESOLVED : resolveCorePlainScalar(source)),
  identify: () => false,
});

/** Any key that is not a string sends the file to the `yaml` path, which reports it. */
const stringKeyMapTag = defineMappingTag('tag:yaml.org,2002:map', {
  create: (): Record<string, unknown> => ({}),
  addPair: (map, key, value) => {
    if (typeof key !== 'string') return 'a mapping key is not a string';
    if (key === '__proto__')
      Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
    else map[key] = value;
    return '';
  },
  has: (map, key) => typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key),
  keys: (map) => Object.keys(map),
  get: (map, key) => (map as Record<string, unknown>)[String(key)],
  identify: () => false,
});

const schema = FAILSAFE_SCHEMA.withTags(corePlainScalarTag, stringKeyMapTag);

/**
 * The plain value of a one-document YAML file, or undefined when the file must go the `yaml`
 * way (see above). `maxDepth` is the reader's nesting limit: files that come near it go the
 * `yaml` way, which decides exactly.
 */
export function readYamlFast(text: string, maxDepth: number): { value: unknown } | undefined {
  // Where the two parsers part (found by fuzzing them against each other): tabs (after a block
  // scalar, as indentation...), a carriage return that does not end a line, the document end
  // marker (`...`), and a document whose first line is indented. Such a file goes the `yaml` way.
  if (text.includes('\t') || /\r(?!\n)|^\.\.\./m.test(text) || /^(?:[ ]*(?:#.*)?\r?\n)*[ ]+\S/.test(text))
    return undefined;
  try {
    const events = parseEvents(text, { maxDepth: Math.max(1, maxDepth - 2) });
    if (!onlyCommonGround(events, text)) return undefined;
    const [value] = constructFromEvents(events, { source: text, schema, maxAliases: 0 });
    // An empty file, or one holding a bare scalar: the `yaml` path has the words for both.
    if (value === null || typeof value !== 'object') return undefined;
    return { value };
  } catch {
    return undefined;
  }
}

/**
 * Whether the events hold only what both parsers read alike: one document, no directive, tag,
 * anchor or alias, no quoted scalar over several lines (escaped line breaks fold differently),
 * and nothing on the line after a flow collection that closes in block context (`- [a] b: 1` is
 * an error for the `yaml` package; js-yaml reads a key `b`).
 */
function onlyCommonGround(events: readonly Event[], text: string): boolean {
  let documents = 0;
  const flowStack: boolean[] = [];
  let afterBlockFlow = false;
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      // Kept through the block collections that close after it, up to the next node.
      if (flowStack.pop() === true && flowStack[flowStack.length - 1] !== true) afterBlockFlow = true;
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      documents++;
      if (event.directives.length > 0) return false;
      flowStack.push(false);
      continue;
    }
    if (event.type === EVENT_ID.ALIAS || event.tagStart >= 0 || event.anchorStart >= 0) return false;
    const start = event.type === EVENT_ID.SCALAR ? event.valueStart : event.start;
    if (afterBlockFlow && /[\]}]/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return false;
    afterBlockFlow = false;
    if (event.type === EVENT_ID.SCALAR) {
      const quoted = event.style === SCALAR_STYLE.DOUBLE_QUOTED || event.style === SCALAR_STYLE.SINGLE_QUOTED;
      if (quoted && text.slice(event.valueStart, event.valueEnd).includes('\n')) return false;
    } else {
      flowStack.push(event.style === COLLECTION_STYLE.FLOW);
    }
  }
  return documents === 1;
}
