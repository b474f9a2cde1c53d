/**
 * `${{ expr }}` templates inside strings. The rule for where a template ends is
 * GitHub's own (workflow-parser's template-reader): the first `}}` that is not
 * inside a single-quoted expression string.
 */

export const OPEN = '${{';
export const CLOSE = '}}';

export type TemplatePart =
  | { kind: 'text'; text: string }
  | {
      kind: 'expr';
      /** The expression between the braces, trimmed. */
      source: string;
      /** The whole `${{ ... }}` as written. */
      raw: string;
      /** Offset of `${{` in the string. */
      start: number;
    };

export type SplitOutcome = { ok: true; parts: TemplatePart[] } | { ok: false; message: string; offset: number };

export function hasTemplate(text: string): boolean {
  return text.includes(OPEN);
}

export function splitTemplate(text: string): SplitOutcome {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(OPEN, at);
    if (start < 0) {
      if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
      return { ok: true, parts };
    }
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) });
    let inString = false;
    let end = -1;
    for (let i = start + OPEN.length; i < text.length; i++) {
      const c = text[i];
      if (c === "'")
        inString = !inString; // '' inside a string toggles twice: GitHub's rule too
      else if (!inString && c === '}' && text[i - 1] === '}' && i - 1 >= start + OPEN.length) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) {
      return { ok: false, message: 'a ${{ is not closed by }}', offset: start };
    }
    const raw = text.slice(start, end);
    const source = raw.slice(OPEN.length, -CLOSE.length).trim();
    if (source === '') return { ok: false, message: 'an empty ${{ }} holds no expression', offset: start };
    parts.push({ kind: 'expr', source, raw, start });
    at = end;
  }
}

/**
 * An `if` may be written bare (`a == b`) or as one whole template
 * (`${{ a == b }}`). Returns the expression, or undefined when the text mixes
 * templates with other text: GitHub would read that as a non-empty string,
 * always true, which is never what was meant.
 */
export function conditionSource(text: string): { source: string; offset: number } | undefined {
  const trimmed = text.trim();
  if (!hasTemplate(trimmed)) return { source: trimmed, offset: text.indexOf(trimmed) };
  const split = splitTemplate(trimmed);
  if (!split.ok || split.parts.length !== 1) return undefined;
  const [part] = split.parts;
  if (part?.kind !== 'expr') return undefined;
  const offset = text.indexOf(trimmed) + part.raw.indexOf(part.source);
  return { source: part.source, offset };
}
