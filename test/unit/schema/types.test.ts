import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/core/db/index.js';
import type { ColumnType } from '../../../src/core/schema/model.js';
import { TYPE_MAPPERS } from '../../../src/core/schema/sql/types.js';
import {
  compareTypes,
  parseMysqlType,
  parseOracleColumnType,
  parseOracleNative,
  parsePgType,
  parseSqliteType,
  parseType,
  typeKey,
} from '../../../src/core/schema/types.js';

const strip = (t: ColumnType) => {
  const { native: _n, ...rest } = t;
  return rest;
};

describe('reading native types', () => {
  it.each([
    ['int(11)', { base: 'int' }],
    ['int(10) unsigned', { base: 'int', unsigned: true }],
    ['int(10) unsigned zerofill', { base: 'int', unsigned: true }],
    ['tinyint(1)', { base: 'tinyint' }],
    ['bigint(20)', { base: 'bigint' }],
    ['decimal(12,2)', { base: 'decimal', precision: 12, scale: 2 }],
    ['float(5,2)', { base: 'float', precision: 5, scale: 2 }],
    ['double', { base: 'double' }],
    ['varchar(255)', { base: 'varchar', length: 255, lengthUnit: 'char' }],
    ['char(36)', { base: 'char', length: 36, lengthUnit: 'char' }],
    ['mediumtext', { base: 'text', size: 'medium' }],
    ['text', { base: 'text', size: 'regular' }],
    ['longblob', { base: 'blob', size: 'long' }],
    ['binary(16)', { base: 'binary', length: 16 }],
    ['datetime(6)', { base: 'datetime', precision: 6 }],
    ['timestamp', { base: 'timestamp', precision: 0 }],
    ["enum('SMS','Email','it''s')", { base: 'enum', values: ['SMS', 'Email', "it's"] }],
    ["set('a','b,c')", { base: 'set', values: ['a', 'b,c'] }],
    ['year(4)', { base: 'year' }],
    ['geometry', { base: 'other' }],
  ])('MySQL %s', (native, expected) => {
    expect(strip(parseMysqlType(native))).toEqual(expected);
    expect(parseMysqlType(native).native).toBe(native);
  });

  it.each([
    ['integer', { base: 'int' }],
    ['character varying(20)', { base: 'varchar', length: 20, lengthUnit: 'char' }],
    ['character varying', { base: 'text', size: 'long' }],
    ['numeric(16,2)', { base: 'decimal', precision: 16, scale: 2 }],
    ['numeric', { base: 'decimal' }],
    ['timestamp(3) without time zone', { base: 'timestamp', precision: 3 }],
    ['timestamp with time zone', { base: 'timestamp', precision: 6, withTimeZone: true }],
    ['time(0) without time zone', { base: 'time', precision: 0 }],
    ['double precision', { base: 'double' }],
    ['bytea', { base: 'blob', size: 'long' }],
    ['integer[]', { base: 'other' }],
    ['jsonb', { base: 'json' }],
  ])('PostgreSQL %s', (native, expected) => {
    expect(strip(parsePgType(native))).toEqual(expected);
  });

  it.each([
    [
      { dataType: 'VARCHAR2', dataLength: 60, charLength: 20, charUsed: 'C' },
      { base: 'varchar', length: 20, lengthUnit: 'char' },
      'VARCHAR2(20 CHAR)',
    ],
    [
      { dataType: 'VARCHAR2', dataLength: 60, charLength: 60, charUsed: 'B' },
      { base: 'varchar', length: 60, lengthUnit: 'byte' },
      'VARCHAR2(60 BYTE)',
    ],
    [
      { dataType: 'NVARCHAR2', dataLength: 40, charLength: 20, charUsed: 'C' },
      { base: 'varchar', length: 20, lengthUnit: 'char', national: true },
      'NVARCHAR2(20)',
    ],
    [{ dataType: 'NUMBER', precision: null, scale: null }, { base: 'decimal' }, 'NUMBER'],
    [{ dataType: 'NUMBER', precision: 10, scale: 0 }, { base: 'decimal', precision: 10, scale: 0 }, 'NUMBER(10)'],
    [{ dataType: 'NUMBER', precision: 16, scale: 2 }, { base: 'decimal', precision: 16, scale: 2 }, 'NUMBER(16,2)'],
    [{ dataType: 'NUMBER', precision: null, scale: 0 }, { base: 'decimal', precision: 38, scale: 0 }, 'NUMBER(*,0)'],
    [{ dataType: 'DATE' }, { base: 'datetime', precision: 0 }, 'DATE'],
    [{ dataType: 'TIMESTAMP(6)' }, { base: 'timestamp', precision: 6 }, 'TIMESTAMP(6)'],
    [
      { dataType: 'TIMESTAMP(3) WITH TIME ZONE' },
      { base: 'timestamp', precision: 3, withTimeZone: true },
      'TIMESTAMP(3) WITH TIME ZONE',
    ],
    [{ dataType: 'CLOB' }, { base: 'text', size: 'long' }, 'CLOB'],
    [{ dataType: 'BLOB' }, { base: 'blob', size: 'long' }, 'BLOB'],
    [{ dataType: 'RAW', dataLength: 16 }, { base: 'varbinary', length: 16 }, 'RAW(16)'],
    [{ dataType: 'SDO_GEOMETRY', typeOwner: 'MDSYS' }, { base: 'other' }, 'MDSYS.SDO_GEOMETRY'],
  ])('Oracle %j', (row, expected, native) => {
    const t = parseOracleColumnType(row);
    expect(strip(t)).toEqual(expected);
    expect(t.native).toBe(native);
    if (t.base !== 'other') expect(typeKey(parseOracleNative(native))).toBe(typeKey(t));
  });

  it('reads SQLite declared types by the spellings hisops writes', () => {
    expect(strip(parseSqliteType('varchar(30)'))).toEqual({ base: 'varchar', length: 30, lengthUnit: 'char' });
    expect(strip(parseSqliteType('integer'))).toEqual({ base: 'bigint' });
    expect(strip(parseSqliteType('numeric(16,2)'))).toEqual({ base: 'decimal', precision: 16, scale: 2 });
    expect(strip(parseSqliteType(''))).toEqual({ base: 'other' });
  });
});

describe('comparing types', () => {
  const my = parseMysqlType;
  it.each([
    ['int(11)', 'int(10)', 'equal'],
    ['int(11)', 'bigint(20)', 'widen'],
    ['bigint(20)', 'int(11)', 'narrow'],
    ['int(10) unsigned', 'bigint(20)', 'widen'],
    ['int(11)', 'int(10) unsigned', 'narrow'],
    ['varchar(100)', 'varchar(255)', 'widen'],
    ['varchar(256)', 'varchar(128)', 'narrow'],
    ['varchar(255)', 'text', 'widen'],
    ['text', 'varchar(255)', 'narrow'],
    ['text', 'longtext', 'widen'],
    ['char(10)', 'varchar(10)', 'widen'],
    ['varchar(10)', 'char(10)', 'change'],
    ['decimal(10,2)', 'decimal(12,2)', 'widen'],
    ['decimal(10,2)', 'decimal(10,4)', 'narrow'],
    ['decimal(10,2)', 'decimal(12,4)', 'widen'],
    ['int(11)', 'decimal(12,0)', 'widen'],
    ['int(11)', 'decimal(8,0)', 'change'],
    ['float', 'double', 'widen'],
    ['float(5,2)', 'decimal(12,6)', 'change'],
    ['bigint(20)', 'varchar(40)', 'change'],
    ['date', 'datetime', 'change'],
    ['datetime', 'datetime(6)', 'widen'],
    ['datetime', 'timestamp', 'change'],
    ["enum('a','b')", "enum('a','b','c')", 'widen'],
    ["enum('a','b')", "enum('b','a')", 'narrow'],
    ['binary(16)', 'varbinary(32)', 'widen'],
    ['varbinary(32)', 'binary(32)', 'change'],
  ])('%s → %s is %s', (a, b, rel) => {
    expect(compareTypes(my(a), my(b), { fromCharset: 'utf8mb4' })).toBe(rel);
  });

  it('compares byte and character lengths by the charset', () => {
    const byte60 = parseOracleColumnType({ dataType: 'VARCHAR2', dataLength: 60, charLength: 60, charUsed: 'B' });
    const char20 = parseOracleColumnType({ dataType: 'VARCHAR2', dataLength: 80, charLength: 20, charUsed: 'C' });
    const char60 = parseOracleColumnType({ dataType: 'VARCHAR2', dataLength: 240, charLength: 60, charUsed: 'C' });
    const byte20 = parseOracleColumnType({ dataType: 'VARCHAR2', dataLength: 20, charLength: 20, charUsed: 'B' });
    // AL32UTF8: 20 CHAR may need 80 bytes, so 60 BYTE cannot hold it; 60 CHAR holds any 60 BYTE value.
    expect(compareTypes(char20, byte60, { fromCharset: 'AL32UTF8' })).toBe('narrow');
    expect(compareTypes(byte60, char60, { fromCharset: 'AL32UTF8' })).toBe('widen');
    expect(compareTypes(byte20, char20, { fromCharset: 'AL32UTF8' })).toBe('widen');
    // ZHS16GBK is 2 bytes per character at most: 20 CHAR fits in 40 BYTE
    const byte40 = parseOracleColumnType({ dataType: 'VARCHAR2', dataLength: 40, charLength: 40, charUsed: 'B' });
    expect(compareTypes(char20, byte40, { fromCharset: 'ZHS16GBK' })).toBe('widen');
    // in a single-byte charset the two spellings are the same column
    expect(compareTypes(byte20, char20, { fromCharset: 'WE8MSWIN1252' })).toBe('equal');
  });

  it('treats a charset change on its own as an equal type (reported separately)', () => {
    expect(compareTypes(my('varchar(20)'), my('varchar(20)'), { fromCharset: 'utf8mb3', toCharset: 'utf8mb4' })).toBe(
      'equal',
    );
  });
});

describe('type spellings per dialect', () => {
  const arbType: fc.Arbitrary<ColumnType> = fc.oneof(
    fc
      .constantFrom<ColumnType['base']>(
        'boolean',
        'tinyint',
        'smallint',
        'mediumint',
        'int',
        'bigint',
        'float',
        'double',
        'date',
        'json',
        'uuid',
      )
      .map((base) => ({ base, native: '' })),
    fc
      .record({
        base: fc.constant<'decimal'>('decimal'),
        precision: fc.integer({ min: 1, max: 38 }),
        scale: fc.integer({ min: 0, max: 10 }),
      })
      .map((t) => ({ ...t, scale: Math.min(t.scale, t.precision), native: '' })),
    fc
      .record({
        base: fc.constantFrom<'char' | 'varchar'>('char', 'varchar'),
        length: fc.integer({ min: 1, max: 4000 }),
        lengthUnit: fc.constantFrom<'char' | 'byte'>('char', 'byte'),
      })
      .map((t) => ({ ...t, native: '' })),
    fc
      .record({
        base: fc.constantFrom<'text' | 'blob'>('text', 'blob'),
        size: fc.constantFrom<'tiny' | 'regular' | 'medium' | 'long'>('tiny', 'regular', 'medium', 'long'),
      })
      .map((t) => ({ ...t, native: '' })),
    fc
      .record({
        base: fc.constantFrom<'datetime' | 'timestamp' | 'time'>('datetime', 'timestamp', 'time'),
        precision: fc.integer({ min: 0, max: 6 }),
      })
      .map((t) => ({ ...t, native: '' })),
    fc
      .array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 })
      .map((values) => ({ base: 'enum' as const, values, native: '' })),
  );

  for (const d of ['mysql', 'postgres', 'sqlite', 'oracle', 'mssql'] as Dialect[]) {
    it(`${d}: writing a type and reading it back gives a type that writes the same way`, () => {
      fc.assert(
        fc.property(arbType, (t) => {
          const once = TYPE_MAPPERS[d](t);
          const read = parseType(d, once);
          expect(read.base).not.toBe('other');
          expect(typeKey(parseType(d, TYPE_MAPPERS[d](read)))).toBe(typeKey(read));
          // and carrying a type to a dialect never makes it narrower (what fits before fits after)
          if (t.base !== 'enum' && d !== 'sqlite')
            expect(compareTypes(t, read, { fromCharset: 'utf8mb4' })).not.toBe('narrow');
        }),
        { numRuns: 300 },
      );
    });
  }
});
