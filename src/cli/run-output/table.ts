/** Rows as columns: each cell padded to its column's widest, two spaces between, no trailing blanks. */
export function formatTable(rows: string[][], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `${indent}${row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')}`.trimEnd());
}
