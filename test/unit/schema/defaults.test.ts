import { describe, expect, it } from 'vitest';
import {
  canonicalExpr,
  canonicalNumber,
  defaultKey,
  parseMysqlDefault,
  parseOracleDefault,
  parsePgDefault,
  parseSqliteDefault,
} from '../../../src/core/schema/defaults.js';
import { parseMysqlType, parseOracleNative, parsePgType, parseSqliteType } from '../../../src/core/schema/types.js';

const key = (d: ReturnType<typeof parsePgDefault>, nullable: boolean, t: Parameters<typeof defaultKey>[2]) =>
  defaultKey(d, nullable, t);

describe('defaults', () => {
  it('reads MariaDB COLUMN_DEFAULT as SQL', () => {
    const vc = parseMysqlType('varchar(10)');
    expect(parseMysqlDefault("'AMB'", vc, { mariadb: true })).toEqual({ kind: 'literal', value: 'AMB' });
    expect(parseMysqlDefault("'it''s \\\\ ok'", vc, { mariadb: true })).toEqual({
      kind: 'literal',
      value: "it's \\ ok",
    });
    expect(parseMysqlDefault('NULL', vc, { mariadb: true })).toEqual({ kind: 'null' });
    expect(parseMysqlDefault(null, vc, { mariadb: true })).toBeUndefined();
    expect(parseMysqlDefault('current_timestamp()', parseMysqlType('timestamp'), { mariadb: true })).toEqual({
      kind: 'expr',
      sql: 'CURRENT_TIMESTAMP',
    });
    expect(parseMysqlDefault('0.00', parseMysqlType('decimal(12,2)'), { mariadb: true })).toEqual({
      kind: 'literal',
      value: '0',
    });
    // BINARY(16) uuid columns default to sixteen zero bytes, reported with \0 escapes
    expect(parseMysqlDefault("'" + '\\0'.repeat(16) + "'", parseMysqlType('binary(16)'), { mariadb: true })).toEqual({
      kind: 'literal',
      value: '00'.repeat(16),
      hex: true,
    });
    expect(parseMysqlDefault("b'1'", parseMysqlType('bit(1)'), { mariadb: true })).toEqual({
      kind: 'literal',
      value: '1',
    });
  });

  it('reads MySQL 8 COLUMN_DEFAULT as bare values with DEFAULT_GENERATED for expressions', () => {
    expect(parseMysqlDefault('abc', parseMysqlType('varchar(10)'), { mariadb: false, extra: '' })).toEqual({
      kind: 'literal',
      value: 'abc',
    });
    expect(
      parseMysqlDefault('CURRENT_TIMESTAMP', parseMysqlType('datetime'), {
        mariadb: false,
        extra: 'DEFAULT_GENERATED',
      }),
    ).toEqual({ kind: 'expr', sql: 'CURRENT_TIMESTAMP' });
  });

  it('reads PostgreSQL defaults through their casts', () => {
    expect(parsePgDefault("'abc'::character varying", parsePgType('character varying(10)'))).toEqual({
      kind: 'literal',
      value: 'abc',
    });
    expect(parsePgDefault('(-1)', parsePgType('integer'))).toEqual({ kind: 'literal', value: '-1' });
    expect(parsePgDefault("'0'::numeric", parsePgType('numeric(10,2)'))).toEqual({ kind: 'literal', value: '0' });
    expect(parsePgDefault('now()', parsePgType('timestamp without time zone'))).toEqual({
      kind: 'expr',
      sql: 'CURRENT_TIMESTAMP',
    });
    expect(parsePgDefault('NULL::character varying', parsePgType('character varying(10)'))).toEqual({ kind: 'null' });
    expect(parsePgDefault("'\\x0000'::bytea", parsePgType('bytea'))).toEqual({
      kind: 'literal',
      value: '0000',
      hex: true,
    });
    expect(parsePgDefault('true', parsePgType('boolean'))).toEqual({ kind: 'literal', value: '1' });
    expect(parsePgDefault("'a''b'::text", parsePgType('text'))).toEqual({ kind: 'literal', value: "a'b" });
  });

  it('reads Oracle and SQLite defaults', () => {
    expect(parseOracleDefault('SYSDATE  \n', parseOracleNative('DATE'))).toEqual({
      kind: 'expr',
      sql: 'CURRENT_TIMESTAMP',
    });
    expect(parseOracleDefault("'N' ", parseOracleNative('CHAR(1 CHAR)'))).toEqual({ kind: 'literal', value: 'N' });
    expect(parseOracleDefault('0', parseOracleNative('NUMBER(10)'))).toEqual({ kind: 'literal', value: '0' });
    expect(parseSqliteDefault("'x'", parseSqliteType('varchar(3)'))).toEqual({ kind: 'literal', value: 'x' });
    expect(parseSqliteDefault('CURRENT_TIMESTAMP', parseSqliteType('datetime'))).toEqual({
      kind: 'expr',
      sql: 'CURRENT_TIMESTAMP',
    });
    expect(parseSqliteDefault("X'00FF'", parseSqliteType('blob'))).toEqual({
      kind: 'literal',
      value: '00ff',
      hex: true,
    });
  });

  it('folds equivalent spellings to one key', () => {
    const dec = parseMysqlType('decimal(10,2)');
    expect(key({ kind: 'literal', value: '0.00' }, true, dec)).toBe(key({ kind: 'literal', value: '0' }, true, dec));
    expect(key({ kind: 'null' }, true, dec)).toBe(key(undefined, true, dec));
    expect(key({ kind: 'null' }, false, dec)).toBe(key(undefined, false, dec));
    expect(key({ kind: 'null' }, true, dec)).not.toBe(key({ kind: 'literal', value: '0' }, true, dec));
    expect(canonicalExpr('now()')).toBe(canonicalExpr('CURRENT_TIMESTAMP'));
    expect(canonicalExpr('current_timestamp(6)')).toBe('CURRENT_TIMESTAMP(6)');
    expect(canonicalExpr('SYSTIMESTAMP')).toBe('CURRENT_TIMESTAMP');
    expect(canonicalNumber('+001.500')).toBe('1.5');
    expect(canonicalNumber('-0.0')).toBe('0');
  });
});
