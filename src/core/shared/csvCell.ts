/** CSV as hisops writes it (RFC 4180; pure). */

/** One cell: quoted when it holds a quote, comma or line break; null and undefined are empty. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line of cells, without its line break. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}
