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
  const out: DdlStatement[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let delim = ';';
  let buf = '';
  let startLine = 0;
  let plsql = false;
  const atLineStart = () => i === 0 || text[i - 1] === '\n';
  const restOfLine = () => {
    const e = text.indexOf('\n', i);
    return text.slice(i, e < 0 ? n : e);
  };
  const push = (extra: Partial<DdlStatement> = {}) => {
    const sql = buf.trim();
    if (sql) out.push({ sql, file, line: startLine, ...(plsql ? { plsql: true } : {}), ...extra });
    buf = '';
    startLine = 0;
    plsql = false;
  };
  const take = (to: number) => {
    const s = text.slice(i, to);
    for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === 10) line++;
    buf += s;
    i = to;
  };
  const skip = (to: number) => {
    const s = text.slice(i, to);
    for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === 10) line++;
    i = to;
  };
  const skipLine = () => {
    const e = text.indexOf('\n', i);
    skip(e < 0 ? n : e + 1);
  };

  while (i < n) {
    const ch = text[i]!;
    // Line-level commands, only where a statement may start.
    if (atLineStart() && !buf.trim()) {
      const l = restOfLine();
      const lt = l.trim();
      if (dialect === 'mysql') {
        const d = /^DELIMITER\s+(\S+)/i.exec(lt);
        if (d) {
          delim = d[1]!;
          skipLine();
          continue;
        }
      }
      if (dialect === 'postgres' && lt.startsWith('\\')) {
        startLine = line;
        buf = lt;
        push({ client: true });
        skipLine();
        continue;
      }
      if (dialect === 'oracle') {
        if (SQLPLUS_LINE.test(lt) && !/^SET\s+(TRANSACTION|ROLE|CONSTRAINTS?)\b/i.test(lt)) {
          startLine = line;
          buf = lt;
          push({ client: true });
          skipLine();
          continue;
        }
      }
    }
    // SQL*Plus: a line holding only `/` ends the statement or PL/SQL unit being typed.
    if (dialect === 'oracle' && atLineStart() && /^\s*\/\s*$/.test(restOfLine())) {
      push();
      skipLine();
      continue;
    }
    // Comments: dropped (outside statements) or kept (inside, where they may be part of a body).
    if ((ch === '-' && text[i + 1] === '-') || (ch === '#' && dialect === 'mysql')) {
      const e = text.indexOf('\n', i);
      if (buf.trim()) take(e < 0 ? n : e);
      else skip(e < 0 ? n : e);
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      let e = text.indexOf('*/', i + 2);
      e = e < 0 ? n : e + 2;
      // mysqldump's conditional comments (/*!40101 SET … */) are statements the server runs.
      if (buf.trim() || (dialect === 'mysql' && text[i + 2] === '!')) {
        if (!startLine) startLine = line;
        take(e);
      } else skip(e);
      continue;
    }
    if (!startLine && !/\s/.test(ch)) {
      startLine = line;
      if (dialect === 'oracle' && PLSQL_START.test(text.slice(i, i + 120).replace(/\s+/g, ' '))) plsql = true;
    }
    if (ch === "'" || ch === '"' || (ch === '`' && dialect === 'mysql')) {
      take(quoteEnd(text, i, ch, dialect));
      continue;
    }
    if (dialect === 'oracle' && (ch === 'q' || ch === 'Q') && text[i + 1] === "'" && text[i + 2]) {
      const open = text[i + 2]!;
      const close = ({ '[': ']', '(': ')', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
      const e = text.indexOf(close + "'", i + 3);
      take(e < 0 ? n : e + 2);
      continue;
    }
    if (dialect === 'postgres' && ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const e = text.indexOf(m[0], i + m[0].length);
        take(e < 0 ? n : e + m[0].length);
        continue;
      }
    }
    // SQLite: a trigger's body holds statements of its own, up to END.
    if (
      dialect === 'sqlite' &&
      ch === ';' &&
      /^CREATE\s+(TEMP(ORARY)?\s+)?TRIGGER\b[\s\S]*\bBEGIN\b/i.test(buf.trim()) &&
      !/\bEND\s*$/i.test(buf.trimEnd())
    ) {
      take(i + 1);
      continue;
    }
    if (!plsql && text.startsWith(delim, i)) {
      i += delim.length;
      const stmt = buf.trim();
      push();
      // psql: the rows of COPY … FROM stdin follow up to a `\.` line; they are data, not schema.
      if (dialect === 'postgres' && /^COPY\b[\s\S]*\bFROM\s+stdin\b/i.test(stmt)) {
        const e = text.indexOf('\n\\.', i);
        skip(e < 0 ? n : e + 3);
      }
      continue;
    }
    take(i + 1);
  }
  push();
  return out;
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
