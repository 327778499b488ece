/**
 * Tokens and a cursor over one Oracle statement, for the DDL reader (oracleDdl.ts): names upper-
 * cased unless quoted, string literals (with q'[…]' quoting), numbers and punctuation, each with
 * its place in the text so expressions (defaults, checks, view queries) are kept as written.
 */
interface Tok {
  /** Upper-cased word, unquoted name, punctuation, or the literal's text. */
  v: string;
  kind: 'word' | 'qname' | 'str' | 'num' | 'punct';
  start: number;
  end: number;
}

export function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"') {
      const e = sql.indexOf('"', i + 1);
      const end = e < 0 ? n : e + 1;
      out.push({ v: sql.slice(i + 1, end - 1), kind: 'qname', start: i, end });
      i = end;
      continue;
    }
    if (c === "'" || ((c === 'q' || c === 'Q' || c === 'n' || c === 'N') && sql[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      if ((c === 'q' || c === 'Q') && sql[i + 1] === "'") {
        const open = sql[i + 2]!;
        const close = ({ '[': ']', '(': ')', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
        const e = sql.indexOf(close + "'", i + 3);
        const end = e < 0 ? n : e + 2;
        out.push({ v: sql.slice(i, end), kind: 'str', start: i, end });
        i = end;
        continue;
      }
      while (j < n) {
        if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      out.push({ v: sql.slice(i, j + 1), kind: 'str', start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    const w = /^[A-Za-z_][A-Za-z0-9_$#]*/.exec(sql.slice(i, i + 200));
    if (w) {
      out.push({ v: w[0].toUpperCase(), kind: 'word', start: i, end: i + w[0].length });
      i += w[0].length;
      continue;
    }
    const num = /^\d+(\.\d+)?([eE][-+]?\d+)?/.exec(sql.slice(i, i + 60));
    if (num) {
      out.push({ v: num[0], kind: 'num', start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const p = /^(\|\||<=|>=|<>|!=|=>|:=)/.exec(sql.slice(i, i + 2));
    const v = p ? p[0] : c;
    out.push({ v, kind: 'punct', start: i, end: i + v.length });
    i += v.length;
  }
  return out;
}

/** Why a statement could not be read; turned into DDL_STATEMENT_UNREADABLE with file and line. */
export class Unreadable extends Error {}

export class Cursor {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly sql: string,
  ) {}
  peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  /** The next token is this word (or punctuation). */
  is(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.toks[this.i + k];
      return t !== undefined && t.kind !== 'qname' && t.kind !== 'str' && t.v === w;
    });
  }
  eat(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.i += words.length;
    return true;
  }
  expect(...words: string[]): void {
    if (!this.eat(...words)) throw new Unreadable(`expected ${words.join(' ')} at "${this.near()}"`);
  }
  done(): boolean {
    return this.i >= this.toks.length || (this.toks.length - this.i === 1 && this.toks[this.i]!.v === ';');
  }
  near(): string {
    const t = this.peek();
    return t ? this.sql.slice(t.start, t.start + 40).replace(/\s+/g, ' ') : 'the end';
  }
  /** A name: unquoted names are upper case, quoted ones kept as written. */
  name(): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'qname')) throw new Unreadable(`expected a name at "${this.near()}"`);
    this.i++;
    return t.v;
  }
  /** [owner.]name: the owner is dropped (the model is of one schema), remembered for views. */
  qualified(owners?: Set<string>): string {
    let n = this.name();
    while (this.is('.')) {
      this.i++;
      owners?.add(n);
      n = this.name();
    }
    if (this.is('@')) throw new Unreadable('names over a database link are not objects of this schema');
    return n;
  }
  /** Text from token `from` up to (not including) the current token. */
  textFrom(from: number): string {
    if (from >= this.i) return '';
    return this.sql.slice(this.toks[from]!.start, this.toks[this.i - 1]!.end).trim();
  }
  /** Skip a balanced (…) group starting at the current `(`. */
  skipGroup(): void {
    if (!this.is('(')) return;
    let depth = 0;
    do {
      const t = this.toks[this.i++]!;
      if (t.kind === 'punct' && t.v === '(') depth++;
      else if (t.kind === 'punct' && t.v === ')') depth--;
    } while (depth > 0 && this.i < this.toks.length);
  }
  /** Tokens up to a depth-0 `,` or `)`, or one of the stop words (not consumed). */
  until(stops: string[]): string {
    const from = this.i;
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.toks[this.i]!;
      if (t.kind === 'punct' && t.v === '(') depth++;
      else if (t.kind === 'punct' && t.v === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && t.kind === 'punct' && (t.v === ',' || t.v === ';')) break;
      else if (depth === 0 && t.kind === 'word' && stops.includes(t.v) && this.i > from) break;
      this.i++;
    }
    return this.textFrom(from);
  }
  /** (a, b, c) — names. */
  nameList(): string[] {
    this.expect('(');
    const out: string[] = [];
    do out.push(this.name());
    while (this.eat(','));
    this.expect(')');
    return out;
  }
}
