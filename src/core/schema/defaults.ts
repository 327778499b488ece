/**
 * Column defaults in one canonical form, so that `'0'`, `0`, `0.00` on a decimal column, or
 * `current_timestamp()`, `now()`, `SYSDATE` and `CURRENT_TIMESTAMP` compare equal, and so that a
 * default written by one renderer reads back as the same value.
 */
import type { ColumnType, DefaultValue } from './model.js';
import { unquoteSqlString } from './typeText.js';

const NOW_FORMS =
  /^(current_timestamp|now|localtimestamp|localtime|sysdate|systimestamp|getdate|sysdatetime|transaction_timestamp|statement_timestamp)\s*(\(\s*(\d*)\s*\))?$/i;
const TODAY_FORMS = /^(current_date|curdate)\s*(\(\s*\))?$/i;
const TIME_FORMS = /^(current_time|curtime)\s*(\(\s*(\d*)\s*\))?$/i;

/** Canonical spelling of the well-known clock expressions; other expressions lower-cased outside quotes. */
export function canonicalExpr(sql: string): string {
  let s = sql.trim();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  const now = NOW_FORMS.exec(s);
  if (now) return now[3] ? `CURRENT_TIMESTAMP(${now[3]})` : 'CURRENT_TIMESTAMP';
  if (TODAY_FORMS.test(s)) return 'CURRENT_DATE';
  const time = TIME_FORMS.exec(s);
  if (time) return time[3] ? `CURRENT_TIME(${time[3]})` : 'CURRENT_TIME';
  return lowerOutsideQuotes(s.replace(/\s+/g, ' '));
}

function balanced(s: string): boolean {
  let d = 0;
  let q: string | null = null;
  for (const ch of s) {
    if (q) {
      if (ch === q) q = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') q = ch;
    else if (ch === '(') d++;
    else if (ch === ')' && --d < 0) return false;
  }
  return d === 0;
}

function lowerOutsideQuotes(s: string): string {
  let out = '';
  let q: string | null = null;
  for (const ch of s) {
    if (q) {
      out += ch;
      if (ch === q) q = null;
    } else if (ch === "'") {
      q = ch;
      out += ch;
    } else out += ch.toLowerCase();
  }
  return out;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `0.00` → `0`, `+1.50` → `1.5`, `-0` → `0`: numbers compare by value. */
export function canonicalNumber(s: string): string {
  let t = s.trim();
  if (!NUMERIC.test(t) || /e/i.test(t)) return t;
  let neg = false;
  if (t.startsWith('+')) t = t.slice(1);
  else if (t.startsWith('-')) {
    neg = true;
    t = t.slice(1);
  }
  let [i = '', f = ''] = t.split('.');
  i = i.replace(/^0+(?=\d)/, '') || '0';
  f = f.replace(/0+$/, '');
  const r = f ? `${i}.${f}` : i;
  return neg && r !== '0' ? '-' + r : r;
}

function isNumericType(t: ColumnType): boolean {
  return [
    'tinyint',
    'smallint',
    'mediumint',
    'int',
    'bigint',
    'decimal',
    'float',
    'double',
    'bit',
    'year',
    'boolean',
  ].includes(t.base);
}

function isBinaryType(t: ColumnType): boolean {
  return t.base === 'binary' || t.base === 'varbinary' || t.base === 'blob';
}

function literalFor(value: string, type: ColumnType): DefaultValue {
  if (isBinaryType(type)) return { kind: 'literal', value: Buffer.from(value, 'latin1').toString('hex'), hex: true };
  if (type.base === 'boolean') {
    const v = value.toLowerCase();
    if (v === 'true' || v === 't' || v === '1' || v === 'y' || v === 'yes' || v === 'on')
      return { kind: 'literal', value: '1' };
    if (v === 'false' || v === 'f' || v === '0' || v === 'n' || v === 'no' || v === 'off')
      return { kind: 'literal', value: '0' };
  }
  if (isNumericType(type) && NUMERIC.test(value.trim())) return { kind: 'literal', value: canonicalNumber(value) };
  return { kind: 'literal', value };
}

/** b'101' / 0x1F / X'1F' bit and hex literals. */
function bitOrHex(s: string, type: ColumnType): DefaultValue | undefined {
  const b = /^b'([01]*)'$/i.exec(s);
  if (b)
    return isBinaryType(type)
      ? { kind: 'literal', value: BigInt('0b' + (b[1] || '0')).toString(16), hex: true }
      : { kind: 'literal', value: BigInt('0b' + (b[1] || '0')).toString() };
  const x = /^(?:x'([0-9a-f]*)'|0x([0-9a-f]+))$/i.exec(s);
  if (x) {
    const hex = (x[1] ?? x[2] ?? '').toLowerCase();
    return isBinaryType(type)
      ? { kind: 'literal', value: hex, hex: true }
      : { kind: 'literal', value: hex ? BigInt('0x' + hex).toString() : '0' };
  }
  return undefined;
}

/**
 * MySQL / MariaDB `information_schema.COLUMNS.COLUMN_DEFAULT`. MariaDB (10.2.7+) reports SQL:
 * quoted literals, `NULL` for DEFAULT NULL, expressions as written. MySQL reports the bare value
 * and flags expressions with DEFAULT_GENERATED in EXTRA.
 */
export function parseMysqlDefault(
  raw: string | null,
  type: ColumnType,
  opts: { mariadb: boolean; extra?: string },
): DefaultValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  const s = String(raw);
  if (opts.mariadb) {
    if (s === 'NULL') return { kind: 'null' };
    if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return literalFor(unquoteSqlString(s, true), type);
    const bh = bitOrHex(s, type);
    if (bh) return bh;
    if (NUMERIC.test(s)) return literalFor(s, type);
    return { kind: 'expr', sql: canonicalExpr(s) };
  }
  if (/DEFAULT_GENERATED/i.test(opts.extra ?? '')) return { kind: 'expr', sql: canonicalExpr(s) };
  const bh = bitOrHex(s, type);
  if (bh && (type.base === 'bit' || isBinaryType(type))) return bh;
  if (NOW_FORMS.test(s) && ['datetime', 'timestamp'].includes(type.base))
    return { kind: 'expr', sql: canonicalExpr(s) };
  return literalFor(s, type);
}

/** Strip trailing `::type` casts, outside quotes. */
function stripCasts(s: string): string {
  let t = s.trim();
  for (;;) {
    const m = /^(.*?)::[a-z_ ]+(\(\d+(,\d+)?\))?(\[\])?$/is.exec(t);
    if (!m || !balanced(m[1]!) || quoteOpen(m[1]!)) return t;
    t = m[1]!.trim();
    while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  }
}

function quoteOpen(s: string): boolean {
  let open = false;
  for (const ch of s) if (ch === "'") open = !open;
  return open;
}

/** PostgreSQL `pg_get_expr(adbin, adrelid)`: `'a'::character varying`, `(-1)`, `now()`, `'\x00'::bytea`. */
export function parsePgDefault(raw: string | null, type: ColumnType): DefaultValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  let s = raw.trim();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  const bare = stripCasts(s);
  if (/^null$/i.test(bare)) return { kind: 'null' };
  const e = /^E'(.*)'$/s.exec(bare);
  if (e) return literalFor(unquoteSqlString(`'${e[1]}'`, true), type);
  if (bare.startsWith("'") && bare.endsWith("'") && !quoteOpen(bare.slice(1, -1).replace(/''/g, ''))) {
    const v = unquoteSqlString(bare, false);
    if (isBinaryType(type) && v.startsWith('\\x'))
      return { kind: 'literal', value: v.slice(2).toLowerCase(), hex: true };
    return literalFor(v, type);
  }
  let num = bare;
  while (num.startsWith('(') && num.endsWith(')')) num = num.slice(1, -1).trim();
  if (NUMERIC.test(num)) return literalFor(num, type);
  if (/^(true|false)$/i.test(bare)) return literalFor(bare, type);
  return { kind: 'expr', sql: canonicalExpr(bare) };
}

/** Oracle `ALL_TAB_COLUMNS.DATA_DEFAULT` (a LONG with the text as written, often with trailing blanks). */
export function parseOracleDefault(raw: string | null, type: ColumnType): DefaultValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^null$/i.test(s)) return { kind: 'null' };
  if (s.startsWith("'") && s.endsWith("'")) {
    const v = unquoteSqlString(s, false);
    if (isBinaryType(type)) return { kind: 'literal', value: v.toLowerCase(), hex: true };
    return literalFor(v, type);
  }
  let num = s;
  while (num.startsWith('(') && num.endsWith(')')) num = num.slice(1, -1).trim();
  if (NUMERIC.test(num)) return literalFor(num, type);
  return { kind: 'expr', sql: canonicalExpr(s) };
}

/** SQLite `pragma table_info.dflt_value`: the default's SQL text as written in CREATE TABLE. */
export function parseSqliteDefault(raw: string | null, type: ColumnType): DefaultValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  let s = raw.trim();
  if (/^null$/i.test(s)) return { kind: 'null' };
  const bh = bitOrHex(s, type);
  if (bh) return bh;
  if (s.startsWith("'") && s.endsWith("'")) return literalFor(unquoteSqlString(s, false), type);
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  if (NUMERIC.test(s)) return literalFor(s, type);
  if (/^(true|false)$/i.test(s)) return literalFor(s, type);
  return { kind: 'expr', sql: canonicalExpr(s) };
}

/**
 * What comparison sees: DEFAULT NULL is the same as no default (a NOT NULL column cannot default
 * to NULL, a nullable one defaults to NULL anyway); literals on numeric columns by value.
 */
export function defaultKey(d: DefaultValue | undefined, nullable: boolean, type: ColumnType): string {
  void nullable;
  if (!d || d.kind === 'null') return 'none';
  if (d.kind === 'expr') return 'expr:' + canonicalExpr(d.sql);
  if (d.hex) return 'hex:' + d.value.toLowerCase();
  if (isNumericType(type) && NUMERIC.test(d.value)) return 'lit:' + canonicalNumber(d.value);
  return 'lit:' + d.value;
}
