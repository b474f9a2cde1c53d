/**
 * Text dagline prints (names, values, what the user typed) with its control characters shown as
 * escapes: a value must not move the cursor, recolour the terminal or start a line of its own.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
