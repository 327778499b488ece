/**
 * Type names per dialect, one table: canonical type → the dialect's spelling. A type read from the
 * same dialect keeps its native spelling (`int(10) unsigned`, `character varying(20)`); a type
 * from another dialect is mapped here. Each mapping reads back (types.ts parseType) to the
 * canonical type the target dialect would report, so a re-diff after a sync is empty.
 */
import type { Dialect } from '../../db/index.js';
import type { ColumnType, LobSize } from '../model.js';

type TypeMapper = (t: ColumnType) => string;

const enumLen = (t: ColumnType) => Math.max(1, ...(t.values ?? []).map((v) => [...v].length));
const setLen = (t: ColumnType) =>
  Math.max(
    1,
    (t.values ?? []).reduce((a, v) => a + [...v].length + 1, 0),
  );
const sqlQuote = (s: string) => "'" + s.replace(/'/g, "''") + "'";
const LOB_ORDER: LobSize[] = ['tiny', 'regular', 'medium', 'long'];
const p = (n: number | undefined, max: number) => Math.min(n ?? 0, max);

const mysql: TypeMapper = (t) => {
  const u = t.unsigned ? ' unsigned' : '';
  switch (t.base) {
    case 'boolean':
      return 'tinyint(1)';
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'int':
    case 'bigint':
      return t.base + u;
    case 'decimal':
      return t.precision === undefined ? 'decimal(65,30)' : `decimal(${p(t.precision, 65)},${p(t.scale, 30)})${u}`;
    case 'float':
      return 'float' + u;
    case 'double':
      return 'double' + u;
    case 'bit':
      return `bit(${p(t.length ?? 1, 64)})`;
    case 'char':
      return (t.length ?? 1) <= 255 ? `char(${t.length ?? 1})` : `varchar(${t.length})`;
    case 'varchar':
      return t.length === undefined || t.length > 16383 ? 'longtext' : `varchar(${t.length})`;
    case 'text':
      return `${t.size === 'regular' ? '' : (t.size ?? 'long')}text`;
    case 'binary':
      return (t.length ?? 1) <= 255 ? `binary(${t.length ?? 1})` : `varbinary(${t.length})`;
    case 'varbinary':
      return t.length === undefined || t.length > 65000 ? 'longblob' : `varbinary(${t.length})`;
    case 'blob':
      return `${t.size === 'regular' ? '' : (t.size ?? 'long')}blob`;
    case 'date':
      return 'date';
    case 'time':
      return t.precision ? `time(${p(t.precision, 6)})` : 'time';
    case 'datetime':
    case 'timestamp':
      return t.precision ? `datetime(${p(t.precision, 6)})` : 'datetime';
    case 'year':
      return 'year(4)';
    case 'json':
      return 'longtext';
    case 'uuid':
      return 'char(36)';
    case 'enum':
    case 'set':
      return `${t.base}(${(t.values ?? []).map((v) => "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'").join(',')})`;
    case 'interval':
      return 'varchar(64)';
    default:
      return 'longtext';
  }
};

const postgres: TypeMapper = (t) => {
  switch (t.base) {
    case 'boolean':
      return 'boolean';
    case 'tinyint':
      return 'smallint';
    case 'smallint':
      return t.unsigned ? 'integer' : 'smallint';
    case 'mediumint':
      return 'integer';
    case 'int':
      return t.unsigned ? 'bigint' : 'integer';
    case 'bigint':
      return t.unsigned ? 'numeric(20,0)' : 'bigint';
    case 'decimal':
      return t.precision === undefined ? 'numeric' : `numeric(${p(t.precision, 1000)},${t.scale ?? 0})`;
    case 'float':
      return 'real';
    case 'double':
      return 'double precision';
    case 'bit':
      return `bit(${t.length ?? 1})`;
    case 'char':
      return `character(${t.length ?? 1})`;
    case 'varchar':
      return t.length === undefined ? 'text' : `character varying(${t.length})`;
    case 'text':
      return 'text';
    case 'enum':
      return `character varying(${enumLen(t)})`;
    case 'set':
      return `character varying(${setLen(t)})`;
    case 'binary':
    case 'varbinary':
    case 'blob':
      return 'bytea';
    case 'date':
      return 'date';
    case 'time':
      return `time(${p(t.precision ?? 0, 6)}) ${t.withTimeZone ? 'with' : 'without'} time zone`;
    case 'datetime':
    case 'timestamp':
      return `timestamp(${p(t.precision ?? 0, 6)}) ${t.withTimeZone ? 'with' : 'without'} time zone`;
    case 'year':
      return 'smallint';
    case 'json':
      return 'json';
    case 'uuid':
      return 'uuid';
    case 'xml':
      return 'xml';
    case 'interval':
      return 'interval';
    default:
      return 'text';
  }
};

const sqlite: TypeMapper = (t) => {
  switch (t.base) {
    case 'boolean':
      return 'boolean';
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'int':
    case 'bigint':
    case 'year':
      return 'integer';
    case 'decimal':
      return t.precision === undefined ? 'numeric' : `numeric(${t.precision},${t.scale ?? 0})`;
    case 'float':
    case 'double':
      return 'real';
    case 'char':
      return `char(${t.length ?? 1})`;
    case 'varchar':
      return t.length === undefined ? 'text' : `varchar(${t.length})`;
    case 'enum':
      return `varchar(${enumLen(t)})`;
    case 'set':
      return `varchar(${setLen(t)})`;
    case 'text':
    case 'json':
    case 'xml':
    case 'interval':
      return t.base === 'json' ? 'json' : 'text';
    case 'bit':
    case 'binary':
    case 'varbinary':
    case 'blob':
      return 'blob';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'datetime':
    case 'timestamp':
      return 'datetime';
    case 'uuid':
      return 'uuid';
    default:
      return 'text';
  }
};

const oracle: TypeMapper = (t) => {
  const unit = t.lengthUnit === 'byte' ? 'BYTE' : 'CHAR';
  switch (t.base) {
    case 'boolean':
      return 'NUMBER(1)';
    case 'tinyint':
      return 'NUMBER(3)';
    case 'smallint':
      return 'NUMBER(5)';
    case 'mediumint':
      return t.unsigned ? 'NUMBER(8)' : 'NUMBER(7)';
    case 'int':
      return 'NUMBER(10)';
    case 'bigint':
      return t.unsigned ? 'NUMBER(20)' : 'NUMBER(19)';
    case 'decimal':
      if (t.precision === undefined || t.precision > 38) return 'NUMBER';
      return t.scale ? `NUMBER(${t.precision},${t.scale})` : `NUMBER(${t.precision})`;
    case 'float':
      return 'BINARY_FLOAT';
    case 'double':
      return 'BINARY_DOUBLE';
    case 'bit':
      return (t.length ?? 1) === 1 ? 'NUMBER(1)' : `NUMBER(${Math.ceil(((t.length ?? 1) * Math.LN2) / Math.LN10)})`;
    case 'char':
      if (t.national) return (t.length ?? 1) <= 1000 ? `NCHAR(${t.length ?? 1})` : 'NCLOB';
      return (t.length ?? 1) <= 2000 ? `CHAR(${t.length ?? 1} ${unit})` : 'CLOB';
    case 'varchar':
      if (t.national) return t.length !== undefined && t.length <= 2000 ? `NVARCHAR2(${t.length})` : 'NCLOB';
      return t.length !== undefined && t.length <= 4000 ? `VARCHAR2(${t.length} ${unit})` : 'CLOB';
    case 'enum':
      return `VARCHAR2(${enumLen(t)} CHAR)`;
    case 'set':
      return `VARCHAR2(${Math.min(4000, setLen(t))} CHAR)`;
    case 'text':
    case 'json':
      return t.national ? 'NCLOB' : 'CLOB';
    case 'binary':
    case 'varbinary':
      return (t.length ?? 1) <= 2000 ? `RAW(${t.length ?? 1})` : 'BLOB';
    case 'blob':
      return 'BLOB';
    case 'date':
      return 'DATE';
    case 'time':
      return `INTERVAL DAY(2) TO SECOND(${p(t.precision ?? 0, 9)})`;
    case 'datetime':
      return t.precision ? `TIMESTAMP(${p(t.precision, 9)})` : 'DATE';
    case 'timestamp':
      return `TIMESTAMP(${p(t.precision ?? 6, 9)})${t.withTimeZone ? ' WITH TIME ZONE' : ''}`;
    case 'year':
      return 'NUMBER(4)';
    case 'uuid':
      return 'VARCHAR2(36 CHAR)';
    case 'xml':
      return 'XMLTYPE';
    case 'interval':
      return 'INTERVAL DAY(9) TO SECOND(6)';
    default:
      return 'CLOB';
  }
};

const mssql: TypeMapper = (t) => {
  const n = (len: number | undefined, max: number) => (len === undefined || len > max ? 'max' : String(len));
  switch (t.base) {
    case 'boolean':
      return 'bit';
    case 'tinyint':
      return t.unsigned ? 'tinyint' : 'smallint';
    case 'smallint':
      return t.unsigned ? 'int' : 'smallint';
    case 'mediumint':
      return 'int';
    case 'int':
      return t.unsigned ? 'bigint' : 'int';
    case 'bigint':
      return t.unsigned ? 'decimal(20,0)' : 'bigint';
    case 'decimal':
      return t.precision === undefined ? 'decimal(38,10)' : `decimal(${p(t.precision, 38)},${p(t.scale, 38)})`;
    case 'float':
      return 'real';
    case 'double':
      return 'float';
    case 'bit':
      return (t.length ?? 1) === 1 ? 'bit' : `binary(${Math.ceil((t.length ?? 1) / 8)})`;
    case 'char':
      return (t.length ?? 1) <= 4000 ? `nchar(${t.length ?? 1})` : 'nvarchar(max)';
    case 'varchar':
      return `nvarchar(${n(t.length, 4000)})`;
    case 'enum':
      return `nvarchar(${enumLen(t)})`;
    case 'set':
      return `nvarchar(${n(setLen(t), 4000)})`;
    case 'text':
    case 'json':
    case 'interval':
      return 'nvarchar(max)';
    case 'binary':
      return (t.length ?? 1) <= 8000 ? `binary(${t.length ?? 1})` : 'varbinary(max)';
    case 'varbinary':
      return `varbinary(${n(t.length, 8000)})`;
    case 'blob':
      return 'varbinary(max)';
    case 'date':
      return 'date';
    case 'time':
      return `time(${p(t.precision ?? 0, 7)})`;
    case 'datetime':
      return `datetime2(${p(t.precision ?? 0, 7)})`;
    case 'timestamp':
      return t.withTimeZone ? `datetimeoffset(${p(t.precision ?? 0, 7)})` : `datetime2(${p(t.precision ?? 0, 7)})`;
    case 'year':
      return 'smallint';
    case 'uuid':
      return 'uniqueidentifier';
    case 'xml':
      return 'xml';
    default:
      return 'nvarchar(max)';
  }
};

export const TYPE_MAPPERS: Record<Dialect, TypeMapper> = { mysql, postgres, sqlite, oracle, mssql };

/** The dialect's spelling for a type; `sameDialect` keeps the native spelling. */
export function renderType(dialect: Dialect, t: ColumnType, sameDialect: boolean): string {
  if (sameDialect && t.native) return t.native;
  return TYPE_MAPPERS[dialect](t);
}

export { LOB_ORDER, sqlQuote };
