/**
 * The in-memory Oracle data dictionary the DDL reader (oracleDdl.ts) applies statements to:
 * tables with their columns and constraints, indexes, views, sequences, PL/SQL source and other
 * named objects, plus what the read counted and warned about. Each statement's reader
 * (oracleColumns.ts, oracleTables.ts, oracleObjects.ts) changes it; oracleRows.ts turns it into
 * the rows live introspection reads from the dictionary views.
 */
import type { NameFilter } from '../filter.js';
import { Unreadable } from './oracleCursor.js';

export interface Col {
  name: string;
  dataType: string;
  dataLength: number | null;
  charLength: number | null;
  charUsed: string | null;
  precision: number | null;
  scale: number | null;
  typeOwner: string | null;
  nullable: boolean;
  dflt: string | null;
  identity: boolean;
  virtual: boolean;
  comment?: string;
}
export interface Cons {
  name: string;
  type: 'P' | 'U' | 'R' | 'C';
  columns: string[];
  cond?: string;
  refOwner?: string;
  refTable?: string;
  refColumns?: string[];
  deleteRule?: string;
  generated: boolean;
  disabled: boolean;
  /** USING INDEX <name>: the existing index that backs a primary or unique key. */
  usingIndex?: string;
}
export interface Tbl {
  name: string;
  temporary: boolean;
  comment?: string;
  columns: Col[];
  cons: Cons[];
}
export interface Idx {
  name: string;
  table: string;
  unique: boolean;
  bitmap: boolean;
  columns: Array<{ name?: string; expr?: string; desc: boolean }>;
}
export interface Seq {
  increment: string;
  min: string;
  max: string;
  cycle: boolean;
  cache: string;
}
export interface Unit {
  kind: string;
  name: string;
  text: string;
  table?: string;
}

export interface OracleDdlOptions {
  /** The owner the script's objects belong to (default: the qualifier the script uses, if one). */
  schema?: string;
  filter?: Partial<NameFilter>;
}

export class OracleDictionary {
  readonly tables = new Map<string, Tbl>();
  readonly indexes = new Map<string, Idx>();
  readonly views = new Map<string, string>();
  readonly sequences = new Map<string, Seq>();
  /** PL/SQL units by `kind\0name`. */
  readonly units = new Map<string, Unit>();
  /** Synonyms, materialised views, database links by `kind\0name`. */
  readonly others = new Map<string, { kind: string; name: string }>();
  /** The qualifiers the script used. */
  readonly owners = new Set<string>();
  /** Statements that define no schema object, counted by kind. */
  readonly skipped = new Map<string, number>();
  readonly warnings: string[] = [];
  /** The owner given by the caller, upper-cased. */
  readonly schema: string | undefined;
  /** Set by constraintState when the constraint names its index (USING INDEX [owner.]name). */
  usingIndex: string | undefined;
  private sysc = 0;

  constructor(opts: OracleDdlOptions) {
    this.schema = opts.schema?.toUpperCase();
  }

  /** The next system-generated constraint name, as Oracle numbers them. */
  sysName(): string {
    return `SYS_C${String(++this.sysc).padStart(7, '0')}`;
  }

  count(what: string): void {
    this.skipped.set(what, (this.skipped.get(what) ?? 0) + 1);
  }

  table(name: string): Tbl {
    const t = this.tables.get(name);
    if (!t) throw new Unreadable(`table ${name} does not exist at this point of the script (ORA-00942)`);
    return t;
  }

  column(t: Tbl, name: string): Col {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Unreadable(`table ${t.name} has no column ${name} (ORA-00904)`);
    return c;
  }
}

export function renameTable(d: OracleDictionary, from: string, to: string): void {
  const t = d.table(from);
  d.tables.delete(from);
  t.name = to;
  d.tables.set(to, t);
  for (const ix of d.indexes.values()) if (ix.table === from) ix.table = to;
  for (const o of d.tables.values())
    for (const k of o.cons) if (k.type === 'R' && k.refTable === from && !k.refOwner) k.refTable = to;
  for (const u of d.units.values()) if (u.table === from) u.table = to;
}
export function dropTableExtras(d: OracleDictionary, name: string): void {
  for (const [k, ix] of d.indexes) if (ix.table === name) d.indexes.delete(k);
  for (const [k, u] of d.units) if (u.kind === 'TRIGGER' && u.table === name) d.units.delete(k);
  for (const o of d.tables.values())
    o.cons = o.cons.filter((k) => !(k.type === 'R' && k.refTable === name && !k.refOwner));
}
