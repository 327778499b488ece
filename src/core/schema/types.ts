/**
 * Column types: reading a dialect's spelling into the canonical form, and comparing two canonical
 * types (equal, a widening that can be applied safely, a narrowing, or a change of family).
 * Rendering a canonical type into a dialect lives in sql/types.ts.
 */
import type { Dialect } from '../db/index.js';
import { maxBytesPerChar } from './charsets.js';
import type { BaseType, ColumnType, LobSize } from './model.js';

interface Parsed {
  name: string;
  args: string[];
  rest: string;
}

/** Split `decimal(12,2) unsigned` into name, arguments and trailing words. Quotes in enum lists are respected. */
export function splitType(native: string): Parsed {
  const s = native.trim();
  const open = s.indexOf('(');
  if (open < 0) return { name: s.toLowerCase().replace(/\s+/g, ' '), args: [], rest: '' };
  let depth = 0;
  let inQuote = false;
  let close = -1;
  const args: string[] = [];
  let cur = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (inQuote) {
      cur += ch;
      if (ch === "'" && s[i + 1] === "'") {
        cur += "'";
        i++;
      } else if (ch === '\\' && i + 1 < s.length) {
        cur += s[++i];
      } else if (ch === "'") inQuote = false;
      continue;
    }
    if (ch === "'") {
      inQuote = true;
      cur += ch;
    } else if (ch === '(') {
      if (depth > 0) cur += ch;
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) {
        args.push(cur.trim());
        close = i;
        break;
      }
      cur += ch;
    } else if (ch === ',' && depth === 1) {
      args.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  const name = s.slice(0, open).trim().toLowerCase().replace(/\s+/g, ' ');
  const rest = close >= 0 ? s.slice(close + 1).trim().toLowerCase().replace(/\s+/g, ' ') : '';
  return { name, args: args.filter((a) => a !== ''), rest };
}

/** Unquote a MySQL/standard SQL string literal: 'it''s' → it's, with MySQL backslash escapes. */
export function unquoteSqlString(lit: string, backslashEscapes = true): string {
  const s = lit.trim();
  if (!(s.startsWith("'") && s.endsWith("'"))) return s;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (backslashEscapes && ch === '\\' && i + 1 < body.length) {
      const n = body[++i]!;
      out += n === '0' ? '\0' : n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n === 'Z' ? '\x1a' : n === 'b' ? '\b' : n;
    } else out += ch;
  }
  return out;
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '' || s === '*') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

const LOB_SIZES: Record<string, LobSize> = { tiny: 'tiny', '': 'regular', medium: 'medium', long: 'long' };

/** MySQL / MariaDB COLUMN_TYPE, e.g. `int(10) unsigned`, `enum('a','b')`, `datetime(6)`. */
export function parseMysqlType(native: string): ColumnType {
  const p = splitType(native);
  const unsigned = /\bunsigned\b/.test(p.rest) || /\bunsigned\b/.test(p.name);
  const name = p.name.replace(/\s*\bunsigned\b|\s*\bzerofill\b|\s*\bsigned\b/g, '').trim();
  const t = (base: BaseType, extra: Partial<ColumnType> = {}): ColumnType => ({ base, ...extra, native });
  switch (name) {
    case 'bool':
    case 'boolean':
      return t('tinyint');
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'bigint':
      return t(name, unsigned ? { unsigned } : {});
    case 'int':
    case 'integer':
      return t('int', unsigned ? { unsigned } : {});
    case 'decimal':
    case 'numeric':
    case 'dec':
    case 'fixed':
      return t('decimal', { precision: num(p.args[0]) ?? 10, scale: num(p.args[1]) ?? 0, ...(unsigned ? { unsigned } : {}) });
    case 'float':
      return t('float', { ...(p.args.length ? { precision: num(p.args[0]), scale: num(p.args[1]) } : {}), ...(unsigned ? { unsigned } : {}) });
    case 'double':
    case 'double precision':
    case 'real':
      return t('double', { ...(p.args.length ? { precision: num(p.args[0]), scale: num(p.args[1]) } : {}), ...(unsigned ? { unsigned } : {}) });
    case 'bit':
      return t('bit', { length: num(p.args[0]) ?? 1 });
    case 'char':
    case 'nchar':
    case 'character':
      return t('char', { length: num(p.args[0]) ?? 1, lengthUnit: 'char' });
    case 'varchar':
    case 'nvarchar':
    case 'character varying':
      return t('varchar', { length: num(p.args[0]), lengthUnit: 'char' });
    case 'tinytext':
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return t('text', { size: LOB_SIZES[name.slice(0, -4)]! });
    case 'binary':
      return t('binary', { length: num(p.args[0]) ?? 1 });
    case 'varbinary':
      return t('varbinary', { length: num(p.args[0]) });
    case 'tinyblob':
    case 'blob':
    case 'mediumblob':
    case 'longblob':
      return t('blob', { size: LOB_SIZES[name.slice(0, -4)]! });
    case 'date':
      return t('date');
    case 'time':
      return t('time', { precision: num(p.args[0]) ?? 0 });
    case 'datetime':
      return t('datetime', { precision: num(p.args[0]) ?? 0 });
    case 'timestamp':
      return t('timestamp', { precision: num(p.args[0]) ?? 0 });
    case 'year':
      return t('year');
    case 'json':
      return t('json');
    case 'uuid':
      return t('uuid');
    case 'enum':
      return t('enum', { values: p.args.map((a) => unquoteSqlString(a)) });
    case 'set':
      return t('set', { values: p.args.map((a) => unquoteSqlString(a)) });
    default:
      return t('other');
  }
}

/** PostgreSQL `format_type()` output, e.g. `character varying(20)`, `timestamp(3) without time zone`, `numeric`. */
export function parsePgType(native: string): ColumnType {
  const s = native.trim();
  const t = (base: BaseType, extra: Partial<ColumnType> = {}): ColumnType => ({ base, ...extra, native: s });
  if (s.endsWith('[]')) return t('other');
  const withTz = /with time zone$/i.test(s);
  const p = splitType(s.replace(/\s+with(out)? time zone$/i, ''));
  switch (p.name) {
    case 'boolean':
    case 'bool':
      return t('boolean');
    case 'smallint':
    case 'int2':
      return t('smallint');
    case 'integer':
    case 'int':
    case 'int4':
      return t('int');
    case 'bigint':
    case 'int8':
      return t('bigint');
    case 'numeric':
    case 'decimal':
      return p.args.length ? t('decimal', { precision: num(p.args[0]), scale: num(p.args[1]) ?? 0 }) : t('decimal');
    case 'real':
    case 'float4':
      return t('float');
    case 'double precision':
    case 'float8':
      return t('double');
    case 'bit':
      return t('bit', { length: num(p.args[0]) ?? 1 });
    case 'character':
    case 'char':
    case 'bpchar':
      return t('char', { length: num(p.args[0]) ?? 1, lengthUnit: 'char' });
    case 'character varying':
    case 'varchar':
      return p.args.length ? t('varchar', { length: num(p.args[0]), lengthUnit: 'char' }) : t('text', { size: 'long' });
    case 'text':
      return t('text', { size: 'long' });
    case 'bytea':
      return t('blob', { size: 'long' });
    case 'date':
      return t('date');
    case 'time':
      return t('time', { precision: num(p.args[0]) ?? 6, ...(withTz ? { withTimeZone: true } : {}) });
    case 'timestamp':
      return t('timestamp', { precision: num(p.args[0]) ?? 6, ...(withTz ? { withTimeZone: true } : {}) });
    case 'interval':
      return t('interval');
    case 'json':
    case 'jsonb':
      return t('json', p.name === 'jsonb' ? { native: 'jsonb' } : {});
    case 'uuid':
      return t('uuid');
    case 'xml':
      return t('xml');
    default:
      return t('other');
  }
}

/**
 * SQLite declared types are free text; hisops writes the MySQL-like spellings below and reads
 * anything else by SQLite's own affinity rules, keeping the declared text as `native`.
 */
export function parseSqliteType(native: string): ColumnType {
  const s = native.trim();
  if (s === '') return { base: 'other', native: '' };
  const p = splitType(s);
  const t = (base: BaseType, extra: Partial<ColumnType> = {}): ColumnType => ({ base, ...extra, native: s });
  switch (p.name) {
    case 'boolean':
      return t('boolean');
    case 'integer':
      return t('bigint');
    case 'double':
    case 'double precision':
    case 'real':
      return t('double');
    case 'text':
    case 'clob':
      return t('text', { size: 'long' });
    case 'blob':
      return t('blob', { size: 'long' });
    case 'numeric':
    case 'decimal':
      return p.args.length ? t('decimal', { precision: num(p.args[0]), scale: num(p.args[1]) ?? 0 }) : t('decimal');
    default: {
      const m = parseMysqlType(s);
      return m.base === 'other' ? t('other') : { ...m, native: s };
    }
  }
}

/** A type read from SQL Server's sys.types name plus lengths (used by renderer round-trip tests). */
export function parseMssqlType(native: string): ColumnType {
  const p = splitType(native);
  const t = (base: BaseType, extra: Partial<ColumnType> = {}): ColumnType => ({ base, ...extra, native });
  const len = (a: string | undefined) => (a && a.toLowerCase() === 'max' ? undefined : num(a));
  switch (p.name) {
    case 'bit':
      return t('boolean');
    case 'tinyint':
      return t('tinyint', { unsigned: true });
    case 'smallint':
      return t('smallint');
    case 'int':
      return t('int');
    case 'bigint':
      return t('bigint');
    case 'decimal':
    case 'numeric':
      return t('decimal', { precision: num(p.args[0]) ?? 18, scale: num(p.args[1]) ?? 0 });
    case 'real':
      return t('float');
    case 'float':
      return t('double');
    case 'nchar':
      return t('char', { length: num(p.args[0]) ?? 1, lengthUnit: 'char', national: true });
    case 'char':
      return t('char', { length: num(p.args[0]) ?? 1, lengthUnit: 'byte' });
    case 'nvarchar':
      return len(p.args[0]) === undefined ? t('text', { size: 'long', national: true }) : t('varchar', { length: len(p.args[0]), lengthUnit: 'char', national: true });
    case 'varchar':
      return len(p.args[0]) === undefined ? t('text', { size: 'long' }) : t('varchar', { length: len(p.args[0]), lengthUnit: 'byte' });
    case 'binary':
      return t('binary', { length: num(p.args[0]) ?? 1 });
    case 'varbinary':
      return len(p.args[0]) === undefined ? t('blob', { size: 'long' }) : t('varbinary', { length: len(p.args[0]) });
    case 'date':
      return t('date');
    case 'time':
      return t('time', { precision: num(p.args[0]) ?? 7 });
    case 'datetime2':
      return t('datetime', { precision: num(p.args[0]) ?? 7 });
    case 'datetime':
      return t('datetime', { precision: 3 });
    case 'datetimeoffset':
      return t('timestamp', { precision: num(p.args[0]) ?? 7, withTimeZone: true });
    case 'uniqueidentifier':
      return t('uuid');
    case 'xml':
      return t('xml');
    default:
      return t('other');
  }
}

/**
 * Oracle from ALL_TAB_COLUMNS: DATA_TYPE plus DATA_LENGTH / CHAR_LENGTH / CHAR_USED /
 * DATA_PRECISION / DATA_SCALE. DATA_TYPE already includes the fractional precision for
 * TIMESTAMP ("TIMESTAMP(6) WITH TIME ZONE").
 */
export function parseOracleColumnType(c: {
  dataType: string;
  dataLength?: number | null;
  charLength?: number | null;
  charUsed?: string | null;
  precision?: number | null;
  scale?: number | null;
  typeOwner?: string | null;
}): ColumnType {
  const dt = c.dataType.toUpperCase().trim();
  const unit: 'char' | 'byte' = c.charUsed === 'C' ? 'char' : 'byte';
  const t = (base: BaseType, native: string, extra: Partial<ColumnType> = {}): ColumnType => ({ base, ...extra, native });
  if (c.typeOwner && c.typeOwner !== 'SYS' && c.typeOwner !== 'PUBLIC') return t('other', `${c.typeOwner}.${dt}`);
  switch (dt) {
    case 'VARCHAR2':
    case 'VARCHAR': {
      const n = unit === 'char' ? (c.charLength ?? c.dataLength ?? 1) : (c.dataLength ?? 1);
      return t('varchar', `VARCHAR2(${n} ${unit.toUpperCase()})`, { length: n, lengthUnit: unit });
    }
    case 'CHAR': {
      const n = unit === 'char' ? (c.charLength ?? c.dataLength ?? 1) : (c.dataLength ?? 1);
      return t('char', `CHAR(${n} ${unit.toUpperCase()})`, { length: n, lengthUnit: unit });
    }
    case 'NVARCHAR2':
      return t('varchar', `NVARCHAR2(${c.charLength ?? 1})`, { length: c.charLength ?? 1, lengthUnit: 'char', national: true });
    case 'NCHAR':
      return t('char', `NCHAR(${c.charLength ?? 1})`, { length: c.charLength ?? 1, lengthUnit: 'char', national: true });
    case 'NUMBER': {
      if (c.precision == null && c.scale == null) return t('decimal', 'NUMBER');
      if (c.precision == null) return t('decimal', 'NUMBER(*,0)', { precision: 38, scale: c.scale ?? 0 });
      const s = c.scale ?? 0;
      return t('decimal', s === 0 ? `NUMBER(${c.precision})` : `NUMBER(${c.precision},${s})`, { precision: c.precision, scale: s });
    }
    case 'FLOAT':
      return t('double', c.precision ? `FLOAT(${c.precision})` : 'FLOAT');
    case 'BINARY_FLOAT':
      return t('float', 'BINARY_FLOAT');
    case 'BINARY_DOUBLE':
      return t('double', 'BINARY_DOUBLE');
    case 'DATE':
      return t('datetime', 'DATE', { precision: 0 });
    case 'CLOB':
      return t('text', 'CLOB', { size: 'long' });
    case 'NCLOB':
      return t('text', 'NCLOB', { size: 'long', national: true });
    case 'LONG':
      return t('text', 'LONG', { size: 'long' });
    case 'BLOB':
      return t('blob', 'BLOB', { size: 'long' });
    case 'LONG RAW':
      return t('blob', 'LONG RAW', { size: 'long' });
    case 'RAW':
      return t('varbinary', `RAW(${c.dataLength ?? 1})`, { length: c.dataLength ?? 1 });
    case 'XMLTYPE':
      return t('xml', 'XMLTYPE');
    case 'JSON':
      return t('json', 'JSON');
    case 'BOOLEAN':
      return t('boolean', 'BOOLEAN');
  }
  const ts = /^TIMESTAMP(?:\((\d)\))?( WITH (LOCAL )?TIME ZONE)?$/.exec(dt);
  if (ts) {
    const prec = ts[1] === undefined ? 6 : Number(ts[1]);
    return t('timestamp', `TIMESTAMP(${prec})${ts[2] ?? ''}`, { precision: prec, ...(ts[2] ? { withTimeZone: true } : {}) });
  }
  if (dt.startsWith('INTERVAL')) return t('interval', dt);
  return t('other', dt);
}

const PARSERS: Record<Dialect, (native: string) => ColumnType> = {
  mysql: parseMysqlType,
  postgres: parsePgType,
  sqlite: parseSqliteType,
  mssql: parseMssqlType,
  oracle: (native) => parseOracleNative(native),
};

/** Read a type as a dialect spells it in DDL (used after rendering, and for Oracle round trips). */
export function parseType(dialect: Dialect, native: string): ColumnType {
  return PARSERS[dialect](native);
}

/** Oracle DDL spelling → canonical (VARCHAR2(20 CHAR), NUMBER(10,2), TIMESTAMP(6)…). */
export function parseOracleNative(native: string): ColumnType {
  const p = splitType(native);
  const name = p.name.toUpperCase();
  const a0 = p.args[0] ?? '';
  const m = /^(\d+)\s*(char|byte)?$/i.exec(a0);
  const n = m ? Number(m[1]) : undefined;
  const unit = m?.[2]?.toUpperCase() === 'CHAR' ? 'C' : 'B';
  if (name === 'NUMBER') {
    if (!p.args.length) return parseOracleColumnType({ dataType: 'NUMBER' });
    if (a0 === '*') return parseOracleColumnType({ dataType: 'NUMBER', scale: num(p.args[1]) ?? 0 });
    return parseOracleColumnType({ dataType: 'NUMBER', precision: num(a0), scale: num(p.args[1]) ?? 0 });
  }
  if (name === 'TIMESTAMP' || name.startsWith('TIMESTAMP')) {
    const tz = p.rest ? ' ' + p.rest.toUpperCase() : '';
    return parseOracleColumnType({ dataType: `TIMESTAMP${p.args.length ? `(${a0})` : ''}${tz}`.replace(/\s+/g, ' ') });
  }
  if (name === 'FLOAT') return parseOracleColumnType({ dataType: 'FLOAT', precision: num(a0) ?? null });
  return parseOracleColumnType({ dataType: name, dataLength: n ?? null, charLength: n ?? null, charUsed: name.startsWith('N') ? 'C' : unit });
}

// ---------------------------------------------------------------------------------------------
// Comparison

export type TypeRelation = 'equal' | 'widen' | 'narrow' | 'change';

export interface TypeContext {
  /** Charsets that turn byte lengths into characters (column charset, or the database's). */
  fromCharset?: string;
  toCharset?: string;
}

const INT_RANK: Partial<Record<BaseType, number>> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, bigint: 5 };
/** Decimal digits an integer type can need (the unsigned maximum's digits). */
const INT_DIGITS: Record<number, [number, number]> = { 1: [3, 3], 2: [5, 5], 3: [7, 8], 4: [10, 10], 5: [19, 20] };
const LOB_BYTES: Record<LobSize, number> = { tiny: 255, regular: 65535, medium: 16777215, long: 4294967295 };

/** A stable string for a canonical type; equal keys ⇔ equal types (native spelling ignored). */
export function typeKey(t: ColumnType): string {
  const parts: string[] = [t.base];
  if (t.length !== undefined) parts.push(`len=${t.length}${t.lengthUnit === 'byte' ? 'B' : ''}`);
  if (t.national) parts.push('national');
  if (t.precision !== undefined) parts.push(`p=${t.precision}`);
  if (t.scale !== undefined) parts.push(`s=${t.scale}`);
  if (t.unsigned) parts.push('unsigned');
  if (t.withTimeZone) parts.push('tz');
  if (t.size) parts.push(`size=${t.size}`);
  if (t.values) parts.push(`values=${JSON.stringify(t.values)}`);
  if (t.base === 'other') parts.push(`native=${t.native.toLowerCase().replace(/\s+/g, ' ')}`);
  return parts.join(' ');
}

function family(b: BaseType): string {
  if (b in INT_RANK) return 'int';
  if (b === 'char' || b === 'varchar' || b === 'text' || b === 'enum' || b === 'set') return 'string';
  if (b === 'binary' || b === 'varbinary' || b === 'blob') return 'binary';
  if (b === 'float' || b === 'double') return 'float';
  if (b === 'datetime' || b === 'timestamp') return b; // different semantics (time zone conversion)
  return b;
}

interface StringCap {
  /** Most characters a value may have. */
  chars: number;
  /** Most bytes a value may take. */
  bytes: number;
}

/** Limits of a string type: char lengths limit characters, byte lengths and LOB sizes limit bytes. */
function stringCapacity(t: ColumnType, charset: string | undefined): StringCap {
  const bpc = maxBytesPerChar(charset);
  if (t.base === 'text') {
    const bytes = LOB_BYTES[t.size ?? 'long'];
    return { chars: bytes, bytes };
  }
  if (t.base === 'enum' || t.base === 'set') {
    const longest = t.base === 'enum' ? Math.max(0, ...(t.values ?? []).map((v) => [...v].length)) : (t.values ?? []).reduce((a, v) => a + [...v].length + 1, 0);
    return { chars: longest, bytes: longest * bpc };
  }
  const n = t.length ?? 65535;
  return t.lengthUnit === 'byte' ? { chars: n, bytes: n } : { chars: n, bytes: n * bpc };
}

/** Does `to` accept every value `from` accepts? The worst value is the longest in characters or in bytes. */
function holds(from: StringCap, to: StringCap, bpc: number): boolean {
  return to.chars >= Math.min(from.chars, from.bytes) && to.bytes >= Math.min(from.bytes, from.chars * bpc);
}

function decimalFits(from: { p?: number; s?: number }, to: { p?: number; s?: number }): boolean {
  if (to.p === undefined) return true; // NUMBER without precision holds any decimal
  if (from.p === undefined) return false;
  const fs = from.s ?? 0;
  const ts = to.s ?? 0;
  return ts >= fs && to.p - ts >= from.p - fs;
}

/**
 * How `to` relates to `from`: equal, a widening (every value of `from` fits `to` unchanged), a
 * narrowing (same family, some values may not fit), or a change of type family.
 */
export function compareTypes(from: ColumnType, to: ColumnType, ctx: TypeContext = {}): TypeRelation {
  // Charset changes are reported on their own; the same declared type is equal here.
  if (typeKey(from) === typeKey(to)) return 'equal';
  const fb = from.base;
  const tb = to.base;
  // integers
  const fr = INT_RANK[fb];
  const tr = INT_RANK[tb];
  if (fr !== undefined && tr !== undefined) {
    if (fr === tr && !!from.unsigned === !!to.unsigned) return 'equal';
    if (from.unsigned && !to.unsigned) return tr > fr ? 'widen' : 'narrow';
    if (!from.unsigned && to.unsigned) return 'narrow';
    return tr > fr ? 'widen' : tr < fr ? 'narrow' : 'equal';
  }
  if (fr !== undefined && tb === 'decimal') {
    const digits = INT_DIGITS[fr]![from.unsigned ? 1 : 0];
    return decimalFits({ p: digits, s: 0 }, { p: to.precision, s: to.scale }) ? 'widen' : 'change';
  }
  if (fb === 'decimal' && tb === 'decimal') {
    const a = decimalFits({ p: from.precision, s: from.scale }, { p: to.precision, s: to.scale });
    const b = decimalFits({ p: to.precision, s: to.scale }, { p: from.precision, s: from.scale });
    if (a && b) return !!from.unsigned === !!to.unsigned ? 'equal' : from.unsigned ? 'widen' : 'narrow';
    return a && (!to.unsigned || from.unsigned) ? 'widen' : 'narrow';
  }
  if (family(fb) === 'float' && family(tb) === 'float') {
    if (fb === tb) {
      if (from.precision === to.precision && from.scale === to.scale) return 'equal';
      if (to.precision === undefined) return 'widen';
      if (from.precision === undefined) return 'narrow';
      return decimalFits({ p: from.precision, s: from.scale }, { p: to.precision, s: to.scale }) ? 'widen' : 'narrow';
    }
    return fb === 'float' ? 'widen' : 'narrow';
  }
  // strings
  if (family(fb) === 'string' && family(tb) === 'string') {
    if ((fb === 'enum' || fb === 'set') && tb === fb) {
      const fv = from.values ?? [];
      const tv = to.values ?? [];
      if (fv.length === tv.length && fv.every((v, i) => v === tv[i])) return 'equal';
      // Appending members keeps every stored ordinal; anything else rewrites data.
      if (tv.length > fv.length && fv.every((v, i) => v === tv[i])) return 'widen';
      return 'narrow';
    }
    if (tb === 'enum' || tb === 'set') return 'narrow';
    if (fb === 'varchar' && tb === 'char') return 'change'; // trailing-space padding changes values
    if (!!from.national !== !!to.national) return 'change';
    const a = stringCapacity(from, ctx.fromCharset);
    const b = stringCapacity(to, ctx.toCharset ?? ctx.fromCharset);
    const ab = holds(a, b, maxBytesPerChar(ctx.fromCharset));
    const ba = holds(b, a, maxBytesPerChar(ctx.toCharset ?? ctx.fromCharset));
    if (ab && ba && fb === tb) return 'equal';
    return ab ? 'widen' : 'narrow';
  }
  if (family(fb) === 'binary' && family(tb) === 'binary') {
    const cap = (t: ColumnType) => (t.base === 'blob' ? LOB_BYTES[t.size ?? 'long'] : (t.length ?? 65535));
    if (fb === tb && cap(from) === cap(to)) return 'equal';
    if (fb === 'varbinary' && tb === 'binary') return 'change';
    return cap(to) >= cap(from) ? 'widen' : 'narrow';
  }
  if (fb === 'bit' && tb === 'bit') {
    const a = from.length ?? 1;
    const b = to.length ?? 1;
    return a === b ? 'equal' : b > a ? 'widen' : 'narrow';
  }
  if (fb === tb && (fb === 'time' || fb === 'datetime' || fb === 'timestamp')) {
    if (!!from.withTimeZone !== !!to.withTimeZone) return 'change';
    const a = from.precision ?? 0;
    const b = to.precision ?? 0;
    return a === b ? 'equal' : b > a ? 'widen' : 'narrow';
  }
  if (fb === tb && fb !== 'other') return typeKey(from) === typeKey(to) ? 'equal' : 'change';
  if (fb === 'other' && tb === 'other') return typeKey(from) === typeKey(to) ? 'equal' : 'change';
  return 'change';
}
