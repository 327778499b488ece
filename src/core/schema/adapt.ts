/**
 * Carry a model to another dialect: what `--dialect`, cross-dialect diffs and `clone` into
 * another kind of database build on. Types are re-spelled (sql/types.ts) and read back as the
 * target would report them; features the target lacks are dropped with a warning each (grouped):
 * ON UPDATE clocks, zero dates, MySQL prefix and full-text indexes, expression checks, charsets.
 * Index and constraint names are made unique where the target keeps them in one namespace per
 * schema (PostgreSQL, Oracle, SQLite) rather than per table (MySQL, SQL Server).
 *
 * Pure.
 */
import type { Dialect } from '../db/index.js';
import { shortName } from './shortName.js';
import type { Check, Column, ForeignKey, Index, SchemaModel, Table } from './model.js';
import { oracleId } from './sql/oracle.js';
import { TYPE_MAPPERS } from './sql/types.js';
import { parseType } from './types.js';

/** Where index names must be unique: per schema (shared with tables in PostgreSQL) or per table. */
const INDEX_NAMESPACE: Record<Dialect, 'schema' | 'table'> = {
  mysql: 'table',
  mssql: 'table',
  postgres: 'schema',
  oracle: 'schema',
  sqlite: 'schema',
};
/** Constraint (FK, check) names unique per schema? */
const CONSTRAINT_NAMESPACE: Record<Dialect, 'schema' | 'table'> = {
  mysql: 'schema',
  mssql: 'schema',
  postgres: 'table',
  oracle: 'schema',
  sqlite: 'table',
};
const MAX_IDENT: Record<Dialect, number> = { mysql: 64, mssql: 128, postgres: 63, oracle: 128, sqlite: 1000 };
/**
 * Oracle before 12.2 (still common in hospitals: 11g) accepts names of 30 bytes at most; 12.2+
 * takes 128. 30 is the default because a script written for it runs on every version; set
 * `schema.oracle.maxIdentifier: 128` for 12.2+ to keep generated names whole.
 */
export const ORACLE_MAX_IDENTIFIER_DEFAULT = 30;
export const ORACLE_MAX_IDENTIFIERS: readonly number[] = [30, 128];

export interface AdaptOptions {
  /** Longest Oracle identifier the target accepts (30 or 128). */
  oracleMaxIdentifier?: number;
}

/** A MySQL tinyint(1) is a boolean (as JDBC and the HIS vendors read it): carried to Oracle like PostgreSQL's boolean. */
function isBooleanLike(c: Column): boolean {
  return c.type.base === 'boolean' || (c.type.base === 'tinyint' && /^tinyint\(1\)/i.test(c.type.native));
}

const sqlLiteral = (v: string) => "'" + v.replace(/'/g, "''") + "'";
const HAS_CHARSETS: ReadonlySet<Dialect> = new Set(['mysql']);
const HAS_COMMENTS: ReadonlySet<Dialect> = new Set(['mysql', 'postgres', 'oracle']);
const HAS_ON_UPDATE: ReadonlySet<Dialect> = new Set(['mysql']);
const HAS_SEQUENCES: ReadonlySet<Dialect> = new Set(['postgres', 'oracle', 'mssql']);
const HAS_PREFIX_INDEX: ReadonlySet<Dialect> = new Set(['mysql']);
const INDEX_METHODS: Record<Dialect, ReadonlySet<string>> = {
  mysql: new Set(['fulltext', 'spatial', 'hash']),
  postgres: new Set(['hash', 'gin', 'gist', 'brin', 'spgist']),
  oracle: new Set(['bitmap']),
  sqlite: new Set(),
  mssql: new Set(),
};

export interface AdaptResult {
  model: SchemaModel;
  warnings: string[];
}

export { shortName };

const ZERO_DATE = /^0000-00-00/;

export function adaptModel(model: SchemaModel, to: Dialect, opts: AdaptOptions = {}): AdaptResult {
  const from = model.source.dialect;
  if (from === to) return { model, warnings: [] };
  const adapter = new Adapter(model, to, opts);
  const tables: Table[] = [...model.tables]
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
    .map((t) => adapter.table(t));
  const sequences = HAS_SEQUENCES.has(to) ? model.sequences : [];
  if (!HAS_SEQUENCES.has(to) && model.sequences.length)
    adapter.note('sequences left out (the target has none)', model.sequences.map((s) => s.name).join(', '));
  return {
    model: {
      source: { ...model.source, dialect: to, charset: to === 'mysql' ? 'utf8mb4' : model.source.charset },
      tables,
      views: model.views.map((v) => ({ ...v, dialect: v.dialect ?? from })),
      routines: model.routines.map((r) => ({ ...r, dialect: r.dialect ?? from })),
      sequences,
      others: model.others,
    },
    warnings: adapter.warnings(),
  };
}

/**
 * One model carried from its dialect to `to`: the warnings noted on the way (grouped by what was
 * dropped or changed, in the order first met) and the names already taken in the target's
 * schema-wide namespaces. Tables must be adapted in name order, as the unique names depend on it.
 */
class Adapter {
  private readonly from: Dialect;
  private readonly max: number;
  private readonly notes = new Map<string, string[]>();
  /** Index names taken where they share the schema's namespace (with the tables, as in PostgreSQL). */
  private readonly used: Set<string>;
  private readonly usedConstraints = new Set<string>();

  constructor(
    model: SchemaModel,
    private readonly to: Dialect,
    opts: AdaptOptions,
  ) {
    this.from = model.source.dialect;
    this.max = to === 'oracle' ? (opts.oracleMaxIdentifier ?? ORACLE_MAX_IDENTIFIER_DEFAULT) : MAX_IDENT[to];
    this.used = new Set<string>(model.tables.map((t) => t.name.toLowerCase()));
  }

  note(what: string, where: string): void {
    const l = this.notes.get(what) ?? [];
    l.push(where);
    this.notes.set(what, l);
  }

  warnings(): string[] {
    return [...this.notes.entries()].map(
      ([what, where]) => `${what}: ${where.length} (${where.slice(0, 5).join(', ')}${where.length > 5 ? ', …' : ''})`,
    );
  }

  // Names hisops makes up or carries (indexes, constraints) are shortened to fit, each noted; table
  // and column names are the application's and are never changed: too long ones are noted.
  private short(name: string): string {
    const n = shortName(name, this.max);
    if (n !== name)
      this.note(
        `index and constraint names shortened to ${this.max} characters${this.to === 'oracle' ? ' (schema.oracle.maxIdentifier)' : ''}`,
        `${name} → ${n}`,
      );
    return n;
  }

  private tooLong(name: string): void {
    if (name.length > this.max)
      this.note(
        `table and column names over ${this.max} characters${this.to === 'oracle' ? ' (Oracle 12.2+ with schema.oracle.maxIdentifier: 128)' : ''}`,
        name,
      );
  }

  private unique(base: string, set: Set<string>): string {
    let n = this.short(base);
    for (let i = 2; set.has(n.toLowerCase()); i++) n = this.short(`${base}_${i}`);
    set.add(n.toLowerCase());
    return n;
  }

  /** A constraint (FK, check) name: made unique when the target's namespace is the schema and the source's the table. */
  private constraintName(name: string): string {
    return CONSTRAINT_NAMESPACE[this.to] === 'schema' && CONSTRAINT_NAMESPACE[this.from] === 'table'
      ? this.unique(name, this.usedConstraints)
      : this.short(name);
  }

  table(t: Table): Table {
    const to = this.to;
    this.tooLong(t.name);
    /** Oracle has no enum and no boolean: the allowed values become a CHECK, as in the source. */
    const valueChecks: Check[] = [];
    const columns: Column[] = t.columns.map((c) => this.column(t, c, valueChecks));
    if (to === 'sqlite') this.keepSqliteAutoIncrement(t, columns);
    const indexes = this.indexes(t);
    const foreignKeys = this.foreignKeys(t);
    const checks = this.checks(t);
    for (const vc of valueChecks)
      checks.push({ name: this.unique(vc.name, this.usedConstraints), expression: vc.expression });
    const out: Table = { name: t.name, columns, indexes, foreignKeys, checks };
    if (t.primaryKey) out.primaryKey = { columns: t.primaryKey.columns };
    if (t.comment && HAS_COMMENTS.has(to)) out.comment = t.comment;
    if (to === 'mysql') out.options = { engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_general_ci' };
    return out;
  }

  /** The column re-spelled for the target; Oracle's value checks (booleans, enums) pushed onto `valueChecks`. */
  private column(t: Table, c: Column, valueChecks: Check[]): Column {
    const to = this.to;
    this.tooLong(c.name);
    const asBool = to === 'oracle' && isBooleanLike(c);
    const fromType = asBool ? { ...c.type, base: 'boolean' as const } : c.type;
    // Identity columns must stay integers: outside MySQL there is no unsigned, and an unsigned
    // BIGINT would become a NUMERIC that cannot auto-increment.
    const srcType =
      c.autoIncrement && to !== 'mysql' && fromType.unsigned ? { ...fromType, unsigned: false } : fromType;
    if (to === 'oracle' && !c.autoIncrement && (asBool || (c.type.base === 'enum' && c.type.values?.length)))
      valueChecks.push({
        name: `${t.name}_${c.name}_ck`,
        expression: `${oracleId(c.name)} IN (${asBool ? '0, 1' : c.type.values!.map(sqlLiteral).join(', ')})`,
      });
    const native = TYPE_MAPPERS[to](srcType);
    const type = parseType(to, native);
    const col: Column = { name: c.name, type: { ...type, native }, nullable: c.nullable };
    this.carryDefault(t, c, col);
    if (c.autoIncrement) col.autoIncrement = true;
    if (c.onUpdate) {
      if (HAS_ON_UPDATE.has(to)) col.onUpdate = c.onUpdate;
      else this.note('ON UPDATE clocks dropped (use a trigger)', `${t.name}.${c.name}`);
    }
    if (c.generated) this.note('generated columns become plain columns', `${t.name}.${c.name}`);
    if (HAS_CHARSETS.has(to) && c.charset) {
      col.charset = c.charset;
      if (c.collation) col.collation = c.collation;
    }
    if (c.comment && HAS_COMMENTS.has(to)) col.comment = c.comment;
    return col;
  }

  /** The default onto `col` when the target has it (clocks and literals, not MySQL's zero dates). */
  private carryDefault(t: Table, c: Column, col: Column): void {
    if (c.default) {
      if (c.default.kind === 'literal' && ZERO_DATE.test(c.default.value) && this.to !== 'mysql')
        this.note('zero-date defaults dropped (no such date outside MySQL)', `${t.name}.${c.name}`);
      else if (c.default.kind === 'expr' && !/^CURRENT_(TIMESTAMP|DATE|TIME)/.test(c.default.sql))
        this.note(`${this.from} expression defaults dropped`, `${t.name}.${c.name}`);
      else col.default = c.default;
    }
    if (
      this.to === 'oracle' &&
      !c.nullable &&
      c.default?.kind === 'literal' &&
      c.default.value === '' &&
      !c.default.hex
    )
      this.note(
        "NOT NULL columns defaulting to '' (Oracle stores '' as NULL: inserts that omit them will fail; give them a real default)",
        `${t.name}.${c.name}`,
      );
  }

  /** SQLite auto-increments only a sole INTEGER PRIMARY KEY. */
  private keepSqliteAutoIncrement(t: Table, columns: Column[]): void {
    for (const c of columns) {
      if (
        c.autoIncrement &&
        !(t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0]!.toLowerCase() === c.name.toLowerCase())
      ) {
        delete c.autoIncrement;
        this.note('auto-increment dropped where it is not the single-column primary key', `${t.name}.${c.name}`);
      }
    }
  }

  private indexes(t: Table): Index[] {
    const { to, from } = this;
    const indexes: Index[] = [];
    for (const i of t.indexes) {
      const method = i.method?.toLowerCase();
      if (!this.indexCarries(t, i, method)) continue;
      const columnsOut = i.columns.map((c) => ({
        name: c.name!,
        ...(c.desc ? { desc: true } : {}),
        ...(c.prefix && HAS_PREFIX_INDEX.has(to) ? { prefix: c.prefix } : {}),
      }));
      const name =
        INDEX_NAMESPACE[to] === 'schema' && INDEX_NAMESPACE[from] === 'table'
          ? this.unique(
              i.name.toLowerCase().startsWith(t.name.toLowerCase()) ? i.name : `${t.name}_${i.name}`,
              this.used,
            )
          : this.short(i.name);
      indexes.push({
        name,
        columns: columnsOut,
        unique: i.unique,
        ...(method && INDEX_METHODS[to].has(method) ? { method } : {}),
        ...(i.constraint ? { constraint: true } : {}),
        ...(i.generatedName ? { generatedName: true } : {}),
      });
    }
    return indexes;
  }

  /** Whether the target can have index `i`; when not, why is noted. */
  private indexCarries(t: Table, i: Index, method: string | undefined): boolean {
    if (method && method !== 'btree' && !INDEX_METHODS[this.to].has(method)) {
      this.note(`${method} indexes left out`, `${t.name}.${i.name}`);
      return false;
    }
    if (i.columns.some((c) => c.expression !== undefined) || i.where) {
      this.note(`expression or partial indexes left out (written for ${this.from})`, `${t.name}.${i.name}`);
      return false;
    }
    const lob = i.columns.some((c) => {
      const col = t.columns.find((x) => x.name.toLowerCase() === (c.name ?? '').toLowerCase());
      return col && (col.type.base === 'text' || col.type.base === 'blob');
    });
    if (lob && !HAS_PREFIX_INDEX.has(this.to)) {
      this.note('indexes on TEXT/BLOB columns left out', `${t.name}.${i.name}`);
      return false;
    }
    return true;
  }

  private foreignKeys(t: Table): ForeignKey[] {
    const to = this.to;
    return t.foreignKeys.map((f) => ({
      name: this.constraintName(f.name),
      columns: f.columns,
      refTable: f.refTable,
      refColumns: f.refColumns,
      onDelete: to === 'oracle' && f.onDelete !== 'CASCADE' && f.onDelete !== 'SET NULL' ? 'NO ACTION' : f.onDelete,
      onUpdate: to === 'oracle' ? 'NO ACTION' : f.onUpdate,
      ...(f.generatedName ? { generatedName: true } : {}),
    }));
  }

  private checks(t: Table): Check[] {
    const checks: Check[] = [];
    for (const c of t.checks) {
      // Function calls and quoting are dialect-specific; plain comparisons carry over.
      if (/[a-z_]\w*\s*\(/i.test(c.expression.replace(/\b(in|and|or|not|is)\s*\(/gi, ''))) {
        this.note(`checks using ${this.from} functions left out`, `${t.name}.${c.name}`);
        continue;
      }
      const expression = c.expression.replace(/`([^`]*)`/g, (_m, n: string) =>
        this.to === 'mssql' ? `[${n}]` : `"${n}"`,
      );
      checks.push({
        name: this.constraintName(c.name),
        expression,
        ...(c.generatedName ? { generatedName: true } : {}),
      });
    }
    return checks;
  }
}
