/**
 * Reading CSV text (RFC 4180; pure): quotes, doubled quotes, CRLF and quoted cells over several
 * lines, each record with the line it starts on so errors can name it. Bill files (rules) and
 * trace files read whole texts through it; the catalog's reader streams its own (read/delimited.ts:
 * chunked files of a million rows, cells split only when asked for).
 */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** RFC 4180 with quotes, doubled quotes, CRLF and multi-line quoted cells; `line` is where a record starts. */
export function parseCsv(text: string, lineOffset = 0): CsvRecord[] {
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1 + lineOffset;
  let start = line;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ cells, line: start });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ cells, line: start });
  }
  return out;
}
