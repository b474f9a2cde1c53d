/**
 * Text dagline prints (names, values, paths, messages that quote what the user typed) made safe
 * to put in one of its lines: a value must not move the cursor, recolour the terminal, reorder
 * the text around it, start a line of its own, or be read by a CI runner as a command.
 * - control characters (C0, DEL, C1: newline, carriage return, ESC, NUL...), the line and
 *   paragraph separators and the bidirectional overrides are shown as escapes (`\x0a`, `\u202e`);
 * - a GitHub workflow command (`::error::...`, `::add-mask::...`) is what a line holds after
 *   leading blanks, so a value that begins with blanks and `::` has its first colon escaped
 *   (`\x3a:`): wherever it stands, even at the start of a line, it is not a command;
 *   the runner's older form (`##[error]...`) acts anywhere in a line, so `##[` becomes `#\x23[`.
 * Every value goes through here on its own, so no value depends on what stands around it.
 */
export function printable(text: string): string {
  return text
    .replace(UNPRINTABLE, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    })
    .replace(COMMAND_START, '$1\\x3a:')
    .replace(/##\[/g, '#\\x23[');
}

/**
 * Printable text of several lines (a script a plan shows): each line made printable on its own,
 * the line breaks kept. A line of it begins one of dagline's lines after a prefix of blanks, so
 * what is a command at a line's start is escaped there too.
 */
export function printableLines(text: string): string[] {
  return text.split('\n').map(printable);
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same but C0, which JSON escapes itself (and whose newlines indent its text). */
const UNPRINTABLE_PAST_C0 = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A line the runner reads as a command once it has trimmed white space from its start. */
const COMMAND_START = /^(\s*):(?=:)/;

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}

/**
 * A value as dagline prints JSON (`--format json`), indented, with a newline. JSON escapes C0
 * control characters itself; DEL, C1, the separators and the bidirectional overrides are written
 * as `\uXXXX` too, and the one command that could act inside a string, `##[`, as `#\u0023[`: the
 * same text to any JSON reader (all of them stand only inside strings).
 */
export function printableJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2)
    .replace(UNPRINTABLE_PAST_C0, (c) => `\\u${hex(c.charCodeAt(0), 4)}`)
    .replace(/##\[/g, '#\\u0023[');
  return `${json}\n`;
}
