/**
 * User values (task and file names, params, error messages) in GitHub Markdown: shown as the text
 * they are, never as markup. HTML's special characters become entities (a task named
 * `<img src=x onerror=...>` is text), the Markdown punctuation that acts inside a line is escaped
 * with a backslash (no emphasis, code, link, image, math, mention or table cell boundary comes from
 * a value; values never begin a line, so line-start markers need nothing), and line breaks become
 * `<br>`, so a value stays inside its table cell or line.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => htmlText(line).replace(/[\\`*_[\]!|~$@]/g, '\\$&'))
    .join('<br>');
}

/**
 * A user value inside an HTML element a summary writes (a table cell, a heading, a `<pre>` line):
 * HTML's special characters as entities, control characters (line breaks too: a blank line would
 * end the HTML block, and what follows would be read as Markdown) as spaces.
 */
export function htmlText(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, ' ').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

/**
 * A value in a code span: for names and values, shown in a fixed font as typed. A code span shows
 * its content as it is, except that a run of backquotes ends it (so its fence is one backquote
 * longer than any inside) and, in a table cell, `|` still ends the cell (GFM): there it is escaped.
 */
export function markdownCode(text: string, where: 'text' | 'cell' = 'text'): string {
  if (text === '') return '';
  let flat = text.replace(/[\x00-\x1f\x7f]+/g, ' ');
  if (where === 'cell') flat = flat.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A fenced code block holding `body` as it is (control characters but tab shown as spaces): its
 * fence is longer than any run of backquotes in it, so no line of the body can close it.
 */
export function fencedBlock(body: string, info = ''): string {
  const clean = body.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ' ');
  const fence = '`'.repeat(Math.max(3, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}${info}\n${clean}\n${fence}`;
}
