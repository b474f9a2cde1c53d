/**
 * `${{ }}` templates inside YAML flow collections.
 *
 * The pipeline format lets a template stand unquoted anywhere a value does, as in
 * `produces: [{ path: out/${{ matrix.period }}.csv }]`. YAML itself does not: inside `[ ]`
 * and `{ }`, the template's braces open and close collections. So when a file does not parse
 * and holds templates, it is read once more with each template replaced by a placeholder of
 * the same length that YAML treats as plain text (lines and columns stay where they were),
 * and the templates are put back into the values read.
 *
 * Only a template on one line and without quotes or backslashes is replaced: its text is then
 * its value in every kind of YAML scalar (plain, quoted or block), so putting it back verbatim
 * is exact. A template with quotes inside a quoted scalar means something else once unescaped,
 * and one written unquoted inside `[ ]` with quotes of its own still needs quoting.
 */

/** The placeholder: `$`, two characters for the template's index, padding to its length. */
const DIGIT_BASE = 0xe000;
const DIGITS = 0x1000;
const PAD = '\uf000';
const PLACEHOLDER = /\$([\ue000-\uefff])([\ue000-\uefff])\uf000*/g;
/** Text that already holds characters of the placeholders' range is left alone. */
const PLACEHOLDER_RANGE = /[\ue000-\uf000]/;
/** A template: `${{`, then anything but a line break, a quote or a backslash, up to the first `}}`. */
const TEMPLATE = /\$\{\{[^\n\r'"\\]*?\}\}/g;

export interface ShieldedText {
  /** The text with each template replaced by its placeholder. */
  text: string;
  /** A value read from that text, with the templates back in its strings (keys included). */
  restore(value: unknown): unknown;
  /** A text (a message quoting the file) with the templates back. */
  restoreText(text: string): string;
}

/** The text with its templates shielded from YAML, or undefined when there is nothing to shield. */
export function shieldTemplates(text: string): ShieldedText | undefined {
  if (PLACEHOLDER_RANGE.test(text)) return undefined;
  const templates: string[] = [];
  const shielded = text.replace(TEMPLATE, (template) => {
    const index = templates.push(template) - 1;
    return `$${String.fromCharCode(DIGIT_BASE + (index >> 12), DIGIT_BASE + (index & 0xfff))}${PAD.repeat(template.length - 3)}`;
  });
  if (templates.length === 0 || templates.length > DIGITS * DIGITS) return undefined;
  const restoreText = (value: string): string =>
    value.replace(PLACEHOLDER, (placeholder, high: string, low: string) => {
      const template = templates[(high.charCodeAt(0) - DIGIT_BASE) * DIGITS + (low.charCodeAt(0) - DIGIT_BASE)];
      return template !== undefined && template.length === placeholder.length ? template : placeholder;
    });
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') return PLACEHOLDER_RANGE.test(value) ? restoreText(value) : value;
    if (Array.isArray(value)) return value.map(restore);
    if (value !== null && typeof value === 'object') {
      const restored: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const name = restoreText(key);
        // As the readers do: a key `__proto__` is a key like any other, never the prototype.
        Object.defineProperty(restored, name, {
          value: restore(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return restored;
    }
    return value;
  };
  return { text: shielded, restore, restoreText };
}
