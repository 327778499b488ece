/**
 * Column types: reading a dialect's spelling into the canonical form (Oracle's in typeOracle.ts,
 * re-exported here; the splitting of a type's text in typeText.ts). Comparing two canonical
 * types (equal, a widening that can be applied safely, a narrowing, or a change of family) is
 * typeCompare.ts, re-exported here; rendering a type into a dialect lives in sql/types.ts.
 */
import type { Dialect } from '../db/index.js';
import type { BaseType, ColumnType, LobSize } from './model.js';
import { parseOracleNative } from './typeOracle.js';
import { num, splitType, unquoteSqlString } from './typeText.js';

export { compareTypes, typeKey, type TypeContext, type TypeRelation } from './typeCompare.js';
export { parseOracleColumnType, parseOracleNative } from './typeOracle.js';

const LOB_SIZES: Record<string, LobSize> = { tiny: 'tiny', '': 'regular', medium: 'medium', long: 'long' };

type Make = (base: BaseType, extra?: Partial<ColumnType>) => ColumnType;
type Split = ReturnType<typeof splitType>;

/** MySQL / MariaDB COLUMN_TYPE, e.g. `int(10) unsigned`, `enum('a','b')`, `datetime(6)`. */
export function parseMysqlType(native: string): ColumnType {
  const p = splitType(native);
  const unsigned = /\bunsigned\b/.test(p.rest) || /\bunsigned\b/.test(p.name);
  const name = p.name.replace(/\s*\bunsigned\b|\s*\bzerofill\b|\s*\bsigned\b/g, '').trim();
  const t: Make = (base, extra = {}) => ({ base, ...extra, native });
  return mysqlNumber(name, p, unsigned, t) ?? mysqlOther(name, p, t);
}

/** MySQL's numbers (booleans are tinyint); undefined for any other type. */
function mysqlNumber(name: string, p: Split, unsigned: boolean, t: Make): ColumnType | undefined {
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
    default:
      return undefined;
  }
}

/** MySQL's strings, binaries, dates and the rest. */
function mysqlOther(name: string, p: Split, t: Make): ColumnType {
  switch (name) {
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
