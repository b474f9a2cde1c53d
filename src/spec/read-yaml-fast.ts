// The quick way through a valid pipeline file.
//
// The `yaml` package is dagline's YAML reader: its document tree keeps the place of every node
// and its errors are the ones users see. But it is slow the first time its code runs, and a
// command runs it exactly once: a 13 KB file took ~100 ms in a fresh process against ~15 ms
// for js-yaml (which passes the whole YAML test suite too). Start-up is most of a small run.
//
// So a file is first read with js-yaml, and the result is used only when it is certainly what
// the `yaml` path would give. Anything that path treats specially or reports goes there
// instead: directives, tags, aliases (their expansion limit), deep nesting, duplicate and
// non-string keys, more or fewer than one document, and every error js-yaml finds. Plain
// scalars are resolved by the rules of the `yaml` package's YAML 1.2 core schema, written out
// below in its order, not by js-yaml's own core tags (which differ at the edges, such as an
// integer too large for a double). test/spec/read-yaml-fast.test.ts holds the two readers to
// the same values.
import { constructFromEvents, defineMappingTag, defineScalarTag, EVENT_ID, FAILSAFE_SCHEMA, NOT_RESOLVED, parseEvents } from 'js-yaml';

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
    if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
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
  try {
    const events = parseEvents(text, { maxDepth: Math.max(1, maxDepth - 2) });
    let documents = 0;
    for (const event of events) {
      switch (event.type) {
        case EVENT_ID.DOCUMENT:
          documents++;
          if (event.directives.length > 0) return undefined;
          break;
        case EVENT_ID.ALIAS:
          return undefined;
        case EVENT_ID.SCALAR:
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
          if (event.tagStart >= 0) return undefined;
          break;
      }
    }
    if (documents !== 1) return undefined;
    const [value] = constructFromEvents(events, { source: text, schema, maxAliases: 0 });
    // An empty file, or one holding a bare scalar: the `yaml` path has the words for both.
    if (value === null || typeof value !== 'object') return undefined;
    return { value };
  } catch {
    return undefined;
  }
}
