/**
 * The center's text files: tab-separated, no header, one record per line. Files may come in
 * UTF-8 (with or without BOM) or GBK (decoded by `decodeText`, core/shared); values may be the
 * literal `null`.
 */

const BREAK = /[\t\r\n]/;

/** A cell: tabs and line breaks inside a value would break the format, so they become spaces. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // (Most cells have none: tested before a replace builds anything.)
  return BREAK.test(s) ? s.replace(/[\t\r\n]+/g, ' ') : s;
}

/** Rows → text, `\n` line ends, a final newline. */
export function writeTsv(rows: readonly (readonly unknown[])[]): string {
  // (A 3202 result is tens of thousands of lines: each is built in place, not mapped and joined.)
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = tsvLine(rows[i]!);
  return lines.join('\n') + (rows.length ? '\n' : '');
}

/** One row's line, without its line end. */
export function tsvLine(r: readonly unknown[]): string {
  let line = r.length ? cell(r[0]) : '';
  for (let k = 1; k < r.length; k++) line += '\t' + cell(r[k]);
  return line;
}

/** Text → rows of raw strings; blank lines dropped, `\r\n` tolerated. */
export function parseTsv(text: string): string[][] {
  const out: string[][] = [];
  // (split on "\n", then the "\r" before each cut: what split(/\r?\n/) gives, without the regex.)
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i < lines.length - 1 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (!visibleStart(line) && line.trim() === '') continue;
    out.push(line.split('\t'));
  }
  return out;
}

/** Does the text start with a visible ASCII character (so it is not blank)? Checked without trim(). */
function visibleStart(s: string): boolean {
  const c = s.charCodeAt(0);
  return c > 32 && c < 127;
}

/** `s.trim()`, without a new string in the common case of visible ASCII characters at both ends. */
export function trimmed(s: string): string {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127 ? s : s.trim();
}

/** `''` and the literal `null` (any case) are absent values. */
export function nullable(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' || t.toLowerCase() === 'null' ? null : t;
}

/**
 * Map positional rows onto column names; extra trailing columns are kept as `col_<n>` (1-based)
 * so that a newer file version never breaks a reader, and missing trailing columns are null.
 */
export function rowsToRecords(
  rows: readonly (readonly string[])[],
  columns: readonly string[],
): Record<string, string | null>[] {
  return rows.map((r) => {
    const rec: Record<string, string | null> = {};
    columns.forEach((c, i) => (rec[c] = nullable(r[i])));
    for (let i = columns.length; i < r.length; i++) rec[`col_${i + 1}`] = nullable(r[i]);
    return rec;
  });
}
