import { printable } from '../../render/printable.js';

/**
 * Rows as columns: each cell padded to its column's widest, two spaces between, no trailing
 * blanks. Cells hold names and values: each is made printable, so none breaks its row.
 */
export function formatTable(cells: string[][], indent = ''): string[] {
  const rows = cells.map((row) => row.map(printable));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `${indent}${row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')}`.trimEnd());
}
