/**
 * The dialect-neutral schema model. A snapshot of any database (or a JSON file written from one)
 * becomes this shape; diff, plan and the SQL renderers only ever see it.
 *
 * Names are kept exactly as the database reports them. Column types carry both a canonical form
 * (`base`, length, unit, precision…) that comparison uses and the `native` spelling the source
 * database used, which same-dialect rendering reproduces verbatim.
 */
import type { Dialect } from '../db/index.js';

export const SNAPSHOT_FORMAT = 'hisops-schema-snapshot';
/**
 * Bump when the JSON shape changes in a way older readers would misread. 2: the file ends with a
 * `seal` proving its stored fingerprint valid (snapshotFile.ts); version-1 files are still read,
 * their fingerprints recomputed.
 */
export const SNAPSHOT_FORMAT_VERSION = 2;
export const SNAPSHOT_READABLE_VERSIONS: readonly number[] = [1, 2];

export type BaseType =
  | 'boolean'
  | 'tinyint'
  | 'smallint'
  | 'mediumint'
  | 'int'
  | 'bigint'
  | 'decimal'
  | 'float'
  | 'double'
  | 'bit'
  | 'char'
  | 'varchar'
  | 'text'
  | 'binary'
  | 'varbinary'
  | 'blob'
  | 'date'
  | 'time'
  | 'datetime'
  | 'timestamp'
  | 'year'
  | 'interval'
  | 'json'
  | 'uuid'
  | 'enum'
  | 'set'
  | 'xml'
  | 'other';

/** Capacity class of text/blob types: tiny 255 B, regular 64 KiB, medium 16 MiB, long 4 GiB (CLOB, PG text). */
export type LobSize = 'tiny' | 'regular' | 'medium' | 'long';

export interface ColumnType {
  base: BaseType;
  /** char/varchar/binary/varbinary/bit length. */
  length?: number;
  /** Length semantics of char/varchar: characters or bytes (Oracle VARCHAR2(n BYTE)). */
  lengthUnit?: 'char' | 'byte';
  /** National character type (Oracle NVARCHAR2/NCHAR/NCLOB, SQL Server nvarchar). */
  national?: boolean;
  /** decimal precision; fractional-second digits for time/datetime/timestamp. */
  precision?: number;
  scale?: number;
  unsigned?: boolean;
  /** timestamp/time WITH TIME ZONE. */
  withTimeZone?: boolean;
  size?: LobSize;
  /** enum/set members in order. */
  values?: string[];
  /** The type exactly as the source database spells it. */
  native: string;
}

export type DefaultValue =
  | { kind: 'null' }
  /** A literal: strings as their value, numbers as their decimal text, binary as `hex`. */
  | { kind: 'literal'; value: string; hex?: boolean }
  /** An expression; well-known ones are canonical: CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME. */
  | { kind: 'expr'; sql: string };

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  default?: DefaultValue;
  /** AUTO_INCREMENT, IDENTITY, serial, AUTOINCREMENT. */
  autoIncrement?: boolean;
  /** MySQL ON UPDATE CURRENT_TIMESTAMP (canonical expression). */
  onUpdate?: string;
  generated?: { expression: string; stored: boolean };
  /** Effective character set and collation (MySQL, SQL Server); absent where the dialect has none per column. */
  charset?: string;
  collation?: string;
  comment?: string;
}

interface IndexColumn {
  /** Column name, or absent for an expression part. */
  name?: string;
  expression?: string;
  desc?: boolean;
  /** MySQL prefix length (`KEY (name(20))`). */
  prefix?: number;
}

export interface Index {
  name: string;
  columns: IndexColumn[];
  unique: boolean;
  /** btree unless said otherwise: fulltext, spatial, hash, gin, gist, bitmap… */
  method?: string;
  /** Partial index predicate (PostgreSQL, SQLite). */
  where?: string;
  /** Declared as a UNIQUE constraint (PostgreSQL, Oracle, SQLite) rather than as an index. */
  constraint?: boolean;
  /** The database made the name up (Oracle SYS_C…, SQLite autoindex): matched by definition, not by name. */
  generatedName?: boolean;
}

export type FkRule = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  /** Only when the referenced table lives in another schema. */
  refSchema?: string;
  refColumns: string[];
  onDelete: FkRule;
  onUpdate: FkRule;
  generatedName?: boolean;
}

export interface Check {
  name: string;
  expression: string;
  generatedName?: boolean;
}

export interface PrimaryKey {
  name?: string;
  columns: string[];
}

export interface TableOptions {
  engine?: string;
  charset?: string;
  collation?: string;
}

export interface Table {
  name: string;
  columns: Column[];
  primaryKey?: PrimaryKey;
  indexes: Index[];
  foreignKeys: ForeignKey[];
  checks: Check[];
  comment?: string;
  options?: TableOptions;
}

export interface View {
  name: string;
  /** The SELECT (or the whole CREATE for dialects that only keep that), own-schema qualifiers removed. */
  definition: string;
  /** sha256 of the normalised definition: what comparison uses. */
  digest: string;
  /** Set when the model was carried to another dialect: the SQL dialect the definition is written in. */
  dialect?: Dialect;
}

export type RoutineKind = 'procedure' | 'function' | 'trigger' | 'package' | 'package body' | 'type' | 'type body';

export interface Routine {
  kind: RoutineKind;
  name: string;
  /** For triggers: the table they fire on. */
  table?: string;
  /** A complete CREATE statement in the source dialect. */
  source: string;
  digest: string;
  /** Set when the model was carried to another dialect: the SQL dialect the source is written in. */
  dialect?: Dialect;
}

export interface Sequence {
  name: string;
  start?: string;
  increment: string;
  min?: string;
  max?: string;
  cycle: boolean;
  cache?: string;
}

/** An object type hisops does not manage (events, synonyms, materialised views, domains…): kept and reported, never dropped. */
export interface OtherObject {
  kind: string;
  name: string;
  digest?: string;
  source?: string;
}

export interface SchemaSource {
  dialect: Dialect;
  /** The database as the user named it, password removed, or the file it was read from. */
  display: string;
  database?: string;
  schema?: string;
  serverVersion?: string;
  /** Database character set (Oracle NLS_CHARACTERSET, MySQL schema default, PostgreSQL server encoding). */
  charset?: string;
  collation?: string;
  /** Oracle NLS_NCHAR_CHARACTERSET. */
  ncharCharset?: string;
}

export interface SchemaModel {
  source: SchemaSource;
  tables: Table[];
  views: View[];
  sequences: Sequence[];
  routines: Routine[];
  others: OtherObject[];
}

export interface Snapshot extends SchemaModel {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  hisopsVersion: string;
  takenAt: string;
  fingerprint: string;
  filters: { include: string[]; exclude: string[] };
  /** Things introspection noticed and could not express (kept for the report). */
  warnings: string[];
}

export function emptyModel(dialect: Dialect, display = '(empty)'): SchemaModel {
  return { source: { dialect, display }, tables: [], views: [], sequences: [], routines: [], others: [] };
}

/** Key for name lookups: names compare case-insensitively (MySQL on Windows, Oracle's upper case, SQL Server). */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

export function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items) m.set(nameKey(it.name), it);
  return m;
}
