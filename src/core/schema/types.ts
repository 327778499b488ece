/**
 * Column types: reading a dialect's spelling into the canonical form. Comparing two canonical
 * types (equal, a widening that can be applied safely, a narrowing, or a change of family) is
 * typeCompare.ts, re-exported here; rendering a type into a dialect lives in sql/types.ts.
 */
import type { Dialect } from '../db/index.js';
import type { BaseType, ColumnType, LobSize } from './model.js';

export { compareTypes, typeKey, type TypeContext, type TypeRelation } from './typeCompare.js';

interface Parsed {
  name: string;
  args: string[];
  rest: string;
}

/** Split `decimal(12,2) unsigned` into name, arguments and trailing words. Quotes in enum lists are respected. */
function splitType(native: string): Parsed {
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
  const rest =
    close >= 0
      ? s
          .slice(close + 1)
          .trim()
          .toLowerCase()
          .replace(/\s+/g, ' ')
      : '';
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
      out +=
        n === '0'
          ? '\0'
          : n === 'n'
            ? '\n'
            : n === 'r'
              ? '\r'
              : n === 't'
                ? '\t'
                : n === 'Z'
                  ? '\x1a'
                  : n === 'b'
                    ? '\b'
                    : n;
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
      return t('decimal', {
        precision: num(p.args[0]) ?? 10,
        scale: num(p.args[1]) ?? 0,
        ...(unsigned ? { unsigned } : {}),
      });
    case 'float':
      return t('float', {
        ...(p.args.length ? { precision: num(p.args[0]), scale: num(p.args[1]) } : {}),
        ...(unsigned ? { unsigned } : {}),
      });
    case 'double':
    case 'double precision':
    case 'real':
      return t('double', {
        ...(p.args.length ? { precision: num(p.args[0]), scale: num(p.args[1]) } : {}),
        ...(unsigned ? { unsigned } : {}),
      });
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
function parseMssqlType(native: string): ColumnType {
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
      return len(p.args[0]) === undefined
        ? t('text', { size: 'long', national: true })
        : t('varchar', { length: len(p.args[0]), lengthUnit: 'char', national: true });
    case 'varchar':
      return len(p.args[0]) === undefined
        ? t('text', { size: 'long' })
        : t('varchar', { length: len(p.args[0]), lengthUnit: 'byte' });
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
  const t = (base: BaseType, native: string, extra: Partial<ColumnType> = {}): ColumnType => ({
    base,
    ...extra,
    native,
  });
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
      return t('varchar', `NVARCHAR2(${c.charLength ?? 1})`, {
        length: c.charLength ?? 1,
        lengthUnit: 'char',
        national: true,
      });
    case 'NCHAR':
      return t('char', `NCHAR(${c.charLength ?? 1})`, {
        length: c.charLength ?? 1,
        lengthUnit: 'char',
        national: true,
      });
    case 'NUMBER': {
      if (c.precision == null && c.scale == null) return t('decimal', 'NUMBER');
      if (c.precision == null) return t('decimal', 'NUMBER(*,0)', { precision: 38, scale: c.scale ?? 0 });
      const s = c.scale ?? 0;
      return t('decimal', s === 0 ? `NUMBER(${c.precision})` : `NUMBER(${c.precision},${s})`, {
        precision: c.precision,
        scale: s,
      });
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
    return t('timestamp', `TIMESTAMP(${prec})${ts[2] ?? ''}`, {
      precision: prec,
      ...(ts[2] ? { withTimeZone: true } : {}),
    });
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
  return parseOracleColumnType({
    dataType: name,
    dataLength: n ?? null,
    charLength: n ?? null,
    charUsed: name.startsWith('N') ? 'C' : unit,
  });
}
