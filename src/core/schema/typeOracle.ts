/**
 * Oracle column types: as the dictionary reports them (ALL_TAB_COLUMNS) and as DDL spells them,
 * read into the canonical form.
 */
import type { BaseType, ColumnType } from './model.js';
import { num, splitType } from './typeText.js';

/** A column as ALL_TAB_COLUMNS describes it. */
interface OracleColumn {
  dataType: string;
  dataLength?: number | null;
  charLength?: number | null;
  charUsed?: string | null;
  precision?: number | null;
  scale?: number | null;
  typeOwner?: string | null;
}

const t = (base: BaseType, native: string, extra: Partial<ColumnType> = {}): ColumnType => ({
  base,
  ...extra,
  native,
});

/**
 * Oracle from ALL_TAB_COLUMNS: DATA_TYPE plus DATA_LENGTH / CHAR_LENGTH / CHAR_USED /
 * DATA_PRECISION / DATA_SCALE. DATA_TYPE already includes the fractional precision for
 * TIMESTAMP ("TIMESTAMP(6) WITH TIME ZONE").
 */
export function parseOracleColumnType(c: OracleColumn): ColumnType {
  const dt = c.dataType.toUpperCase().trim();
  if (c.typeOwner && c.typeOwner !== 'SYS' && c.typeOwner !== 'PUBLIC') return t('other', `${c.typeOwner}.${dt}`);
  return oracleCharacter(dt, c) ?? oracleNumber(dt, c) ?? oracleOther(dt, c);
}

/** VARCHAR2, CHAR and the national ones, with their length unit; undefined for any other type. */
function oracleCharacter(dt: string, c: OracleColumn): ColumnType | undefined {
  const unit: 'char' | 'byte' = c.charUsed === 'C' ? 'char' : 'byte';
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
    default:
      return undefined;
  }
}

/** NUMBER and the floating-point types; undefined for any other type. */
function oracleNumber(dt: string, c: OracleColumn): ColumnType | undefined {
  switch (dt) {
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
    default:
      return undefined;
  }
}

/** Dates and timestamps, LOBs, RAW, XML, JSON, BOOLEAN, intervals, and the rest as `other`. */
function oracleOther(dt: string, c: OracleColumn): ColumnType {
  switch (dt) {
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
