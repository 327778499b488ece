/**
 * Split a DDL script into statements the way the dialect's own client does: mysql (DELIMITER,
 * `#` comments, backslash escapes), psql (dollar quoting, `\` meta-commands, COPY … FROM stdin
 * data), SQL*Plus (a `/` line ends a PL/SQL unit; one-line commands such as PROMPT and SET).
 * Every statement keeps the file and line it starts on, for messages.
 */
import type { DdlDialect } from './ddlFiles.js';

export interface DdlStatement {
  sql: string;
  file: string;
  line: number;
  /** A client command (psql `\…`, SQL*Plus PROMPT/SET/…, mysql USE): never sent to a server. */
  client?: boolean;
  /** Oracle: a PL/SQL unit ended by a `/` line (not by `;`). */
  plsql?: boolean;
}

const SQLPLUS_LINE =
  /^(SET|PROMPT|SPOOL|WHENEVER|EXIT|QUIT|REM|REMARK|DEFINE|UNDEFINE|SHOW|CONNECT|CONN|START|COLUMN|TTITLE|BTITLE|BREAK|COMPUTE|CLEAR|PAUSE|ACCEPT|VARIABLE|PRINT|EXEC|EXECUTE|@@?)(\s|$|(?<=@)\S)/i;
const PLSQL_START =
  /^(CREATE\s+(OR\s+REPLACE\s+)?((NON)?EDITIONABLE\s+)?(PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE|LIBRARY|JAVA)\b|DECLARE\b|BEGIN\b)/i;

export function splitSql(text: string, dialect: DdlDialect, file: string): DdlStatement[] {
  const s = new Splitter(text, dialect, file);
  while (s.i < s.n) s.step();
  s.push();
  return s.out;
}

/** One pass over the text: the statement being gathered, where it started, the current delimiter. */
class Splitter {
  readonly out: DdlStatement[] = [];
  readonly n: number;
  i = 0;
  private line = 1;
  private delim = ';';
  private buf = '';
  private startLine = 0;
  private plsql = false;

  constructor(
    private readonly text: string,
    private readonly dialect: DdlDialect,
    private readonly file: string,
  ) {
    this.n = text.length;
  }

  /** One token's worth of text: a client line, a comment, a quoted string, a delimiter or one character. */
  step(): void {
    const ch = this.text[this.i]!;
    // Line-level commands, only where a statement may start.
    if (this.atLineStart() && !this.buf.trim() && this.lineCommand()) return;
    // SQL*Plus: a line holding only `/` ends the statement or PL/SQL unit being typed.
    if (this.dialect === 'oracle' && this.atLineStart() && /^\s*\/\s*$/.test(this.restOfLine())) {
      this.push();
      this.skipLine();
      return;
    }
    if (this.comment(ch)) return;
    this.markStart(ch);
    if (this.quoted(ch)) return;
    if (this.triggerBodySemicolon(ch)) return;
    if (!this.plsql && this.text.startsWith(this.delim, this.i)) {
      this.delimiter();
      return;
    }
    this.take(this.i + 1);
  }

  push(extra: Partial<DdlStatement> = {}): void {
    const sql = this.buf.trim();
    if (sql)
      this.out.push({ sql, file: this.file, line: this.startLine, ...(this.plsql ? { plsql: true } : {}), ...extra });
    this.buf = '';
    this.startLine = 0;
    this.plsql = false;
  }

  /** mysql's DELIMITER, a psql `\` meta-command, a SQL*Plus command line; true when the line was one. */
  private lineCommand(): boolean {
    const lt = this.restOfLine().trim();
    if (this.dialect === 'mysql') {
      const d = /^DELIMITER\s+(\S+)/i.exec(lt);
      if (d) {
        this.delim = d[1]!;
        this.skipLine();
        return true;
      }
    }
    const client =
      (this.dialect === 'postgres' && lt.startsWith('\\')) ||
      (this.dialect === 'oracle' && SQLPLUS_LINE.test(lt) && !/^SET\s+(TRANSACTION|ROLE|CONSTRAINTS?)\b/i.test(lt));
    if (!client) return false;
    this.startLine = this.line;
    this.buf = lt;
    this.push({ client: true });
    this.skipLine();
    return true;
  }

  /** Comments: dropped (outside statements) or kept (inside, where they may be part of a body). */
  private comment(ch: string): boolean {
    const { text, i, n } = this;
    if ((ch === '-' && text[i + 1] === '-') || (ch === '#' && this.dialect === 'mysql')) {
      const e = text.indexOf('\n', i);
      if (this.buf.trim()) this.take(e < 0 ? n : e);
      else this.skip(e < 0 ? n : e);
      return true;
    }
    if (ch === '/' && text[i + 1] === '*') {
      let e = text.indexOf('*/', i + 2);
      e = e < 0 ? n : e + 2;
      // mysqldump's conditional comments (/*!40101 SET … */) are statements the server runs.
      if (this.buf.trim() || (this.dialect === 'mysql' && text[i + 2] === '!')) {
        if (!this.startLine) this.startLine = this.line;
        this.take(e);
      } else this.skip(e);
      return true;
    }
    return false;
  }

  /** The first non-blank character starts a statement (an Oracle PL/SQL unit ends only at a `/` line). */
  private markStart(ch: string): void {
    if (this.startLine || /\s/.test(ch)) return;
    this.startLine = this.line;
    if (this.dialect === 'oracle' && PLSQL_START.test(this.text.slice(this.i, this.i + 120).replace(/\s+/g, ' ')))
      this.plsql = true;
  }

  /** A quoted string or identifier, an Oracle q'…' literal, a PostgreSQL dollar-quoted body: taken whole. */
  private quoted(ch: string): boolean {
    const { text, i, n, dialect } = this;
    if (ch === "'" || ch === '"' || (ch === '`' && dialect === 'mysql')) {
      this.take(quoteEnd(text, i, ch, dialect));
      return true;
    }
    if (dialect === 'oracle' && (ch === 'q' || ch === 'Q') && text[i + 1] === "'" && text[i + 2]) {
      const open = text[i + 2]!;
      const close = ({ '[': ']', '(': ')', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
      const e = text.indexOf(close + "'", i + 3);
      this.take(e < 0 ? n : e + 2);
      return true;
    }
    if (dialect === 'postgres' && ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const e = text.indexOf(m[0], i + m[0].length);
        this.take(e < 0 ? n : e + m[0].length);
        return true;
      }
    }
    return false;
  }

  /** SQLite: a trigger's body holds statements of its own, up to END. */
  private triggerBodySemicolon(ch: string): boolean {
    if (
      this.dialect === 'sqlite' &&
      ch === ';' &&
      /^CREATE\s+(TEMP(ORARY)?\s+)?TRIGGER\b[\s\S]*\bBEGIN\b/i.test(this.buf.trim()) &&
      !/\bEND\s*$/i.test(this.buf.trimEnd())
    ) {
      this.take(this.i + 1);
      return true;
    }
    return false;
  }

  /** The delimiter ends the statement. */
  private delimiter(): void {
    this.i += this.delim.length;
    const stmt = this.buf.trim();
    this.push();
    // psql: the rows of COPY … FROM stdin follow up to a `\.` line; they are data, not schema.
    if (this.dialect === 'postgres' && /^COPY\b[\s\S]*\bFROM\s+stdin\b/i.test(stmt)) {
      const e = this.text.indexOf('\n\\.', this.i);
      this.skip(e < 0 ? this.n : e + 3);
    }
  }

  private atLineStart(): boolean {
    return this.i === 0 || this.text[this.i - 1] === '\n';
  }

  private restOfLine(): string {
    const e = this.text.indexOf('\n', this.i);
    return this.text.slice(this.i, e < 0 ? this.n : e);
  }

  /** Add the text up to `to` to the statement, counting lines. */
  private take(to: number): void {
    const s = this.text.slice(this.i, to);
    this.buf += s;
    this.skip(to);
  }

  /** Pass over the text up to `to`, counting lines. */
  private skip(to: number): void {
    const s = this.text.slice(this.i, to);
    for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === 10) this.line++;
    this.i = to;
  }

  private skipLine(): void {
    const e = this.text.indexOf('\n', this.i);
    this.skip(e < 0 ? this.n : e + 1);
  }
}

function quoteEnd(text: string, i: number, q: string, dialect: DdlDialect): number {
  const n = text.length;
  // PostgreSQL E'…' strings and MySQL strings take backslash escapes.
  const backslash =
    q !== '`' && q !== '"' ? dialect === 'mysql' || (dialect === 'postgres' && /[eE]/.test(text[i - 1] ?? '')) : false;
  let j = i + 1;
  while (j < n) {
    const c = text[j]!;
    if (backslash && c === '\\') j += 2;
    else if (c === q) {
      if (text[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return n;
}
