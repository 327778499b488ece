/**
 * Delimited text → rows of cells, fed chunk by chunk. Tab-separated center files have no quoting
 * and take the fast path (split on line breaks and tabs). CSV follows RFC 4180: a quoted cell may
 * hold the delimiter, doubled quotes and line breaks; a record that opens a quote keeps taking
 * lines until the quotes balance. Every row carries the line on which it starts. Pure.
 */

export interface RawRow {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly cells: string[];
  /** The record's text as read (delimited sources). */
  readonly text?: string;
}

/**
 * A line of unquoted delimited text whose cells are split only when asked for: the catalog
 * importer reads the few fields it needs straight from the text, which spares a million rows
 * seventy string allocations each.
 */
export class TextRow implements RawRow {
  private c?: string[];
  /** Where the line's tabs are, when the decoder noted them: tabs[tabFrom, tabTo) less tabBase. */
  tabs: Int32Array | undefined;
  tabFrom = 0;
  tabTo = 0;
  tabBase = 0;
  /** The CRC-32 of the line's UTF-8, when the decoder took it; -1 when not. */
  crc = -1;
  constructor(
    readonly line: number,
    readonly text: string,
    readonly delimiter: string,
  ) {}
  get cells(): string[] {
    return (this.c ??= this.text.split(this.delimiter));
  }
}

interface DelimitedOptions {
  delimiter: string;
  /** Honour double quotes (CSV). Tab-separated center files have none. */
  quotes: boolean;
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** One CSV record (possibly spanning lines) → cells. */
export function splitQuoted(s: string, delim: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === 34 /* " */) {
      let v = '';
      i++;
      while (i < n) {
        const j = s.indexOf('"', i);
        if (j < 0) {
          v += s.slice(i);
          i = n;
          break;
        }
        v += s.slice(i, j);
        if (s.charCodeAt(j + 1) === 34) {
          v += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      const k = s.indexOf(delim, i);
      if (k < 0) {
        out.push(v + s.slice(i));
        break;
      }
      out.push(v + s.slice(i, k));
      i = k + delim.length;
    } else {
      const k = s.indexOf(delim, i);
      if (k < 0) {
        out.push(s.slice(i));
        break;
      }
      out.push(s.slice(i, k));
      i = k + delim.length;
    }
  }
  return out;
}

export class DelimitedParser {
  private rest = '';
  private line = 0;
  private pending: string | null = null;
  private pendingLine = 0;
  /** Line of a quote still open at the end of the input, if any. */
  unclosedQuoteLine: number | undefined;

  constructor(private readonly o: DelimitedOptions) {}

  /**
   * Feed decoded text; returns the rows completed by it. `tabs` and `crcs`, where the decoder noted
   * them, are the positions of the text's tabs and the CRCs of the lines that end in it (one per
   * line break), handed to the tab-separated rows cut from it.
   */
  push(text: string, tabs?: Int32Array, crcs?: Uint32Array): RawRow[] {
    const out: RawRow[] = [];
    let nl = text.indexOf('\n');
    if (nl < 0) {
      this.rest += text;
      return out;
    }
    // Lines are cut from the text where they lie: only a line split between two texts is joined.
    let from = 0;
    // The line break the CRC of a line ends at (a line joined across two texts takes none).
    let k = 0;
    if (this.rest.length) {
      this.take(this.rest + text.slice(0, nl), out);
      this.rest = '';
      from = nl + 1;
      nl = text.indexOf('\n', from);
      k = 1;
    }
    const marked = tabs && this.o.delimiter === '\t' ? tabs : undefined;
    let t = 0;
    for (; nl >= 0; nl = text.indexOf('\n', from), k++) {
      const n = out.length;
      this.take(text.slice(from, nl), out);
      if (marked) {
        while (t < marked.length && marked[t]! < from) t++;
        const row = out.length > n ? out[n] : undefined;
        if (row instanceof TextRow) {
          let e = t;
          while (e < marked.length && marked[e]! < nl) e++;
          row.tabs = marked;
          row.tabFrom = t;
          row.tabTo = e;
          row.tabBase = from;
          if (crcs) row.crc = crcs[k]!;
          t = e;
        }
      }
      from = nl + 1;
    }
    this.rest = text.slice(from);
    return out;
  }

  /** End of input: the last line (without a final line break) and any open record. */
  end(): RawRow[] {
    const out: RawRow[] = [];
    if (this.rest.length) this.take(this.rest, out);
    this.rest = '';
    if (this.pending !== null) {
      this.unclosedQuoteLine = this.pendingLine;
      out.push({ line: this.pendingLine, cells: splitQuoted(this.pending, this.o.delimiter), text: this.pending });
      this.pending = null;
    }
    return out;
  }

  /** One line of the input: a row, part of a quoted record, or nothing (a blank line). */
  private take(line: string, out: RawRow[]): void {
    const d = this.o.delimiter;
    this.line++;
    const raw = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (this.pending !== null) {
      this.pending += '\n' + raw;
      if (countQuotes(this.pending) % 2 === 0) {
        out.push({ line: this.pendingLine, cells: splitQuoted(this.pending, d), text: this.pending });
        this.pending = null;
      }
      return;
    }
    if (raw.length === 0 || (raw.charCodeAt(0) <= 32 && raw.trim() === '' && !raw.includes(d))) return;
    if (this.o.quotes && raw.includes('"')) {
      if (countQuotes(raw) % 2 === 1) {
        this.pending = raw;
        this.pendingLine = this.line;
        return;
      }
      out.push({ line: this.line, cells: splitQuoted(raw, d), text: raw });
    } else {
      out.push(new TextRow(this.line, raw, d));
    }
  }
}

/** Guess the delimiter of a CSV-ish file from its first line: the most frequent of , ; tab. */
export function sniffDelimiter(firstLine: string): string {
  const counts: Array<[string, number]> = [',', '\t', ';', '|'].map((d) => [d, firstLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}
