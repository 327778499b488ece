/**
 * The in-memory dictionary of the Oracle DDL reader turned into the rows of the dictionary views,
 * so that oracleModelFromRows reads a script exactly as it reads a live schema.
 */
import type { OracleRows } from '../introspect/oracle.js';
import type { Cons, OracleDictionary, Tbl } from './oracleDictionary.js';

/** The dictionary as the rows of the dictionary views live introspection reads (all_tables, all_tab_columns, all_constraints …). */
export function toRows(d: OracleDictionary, owner: string): OracleRows {
  const rows: OracleRows = {
    params: [],
    version: [],
    tables: [],
    columns: [],
    constraints: [],
    consColumns: [],
    indexes: [],
    indColumns: [],
    indExpressions: [],
    views: [],
    sequences: [],
    source: [],
    triggers: [],
    objects: [],
  };
  const refKey = tableRows(d, rows);
  constraintRows(d, owner, refKey, rows);
  indexRows(d, rows);
  objectRows(d, rows);
  return rows;
}

/** Tables and their columns; returns the primary and unique keys by table and columns, which foreign keys name. */
function tableRows(d: OracleDictionary, rows: OracleRows): Map<string, string> {
  const { tables } = d;
  const refKey = new Map<string, string>();
  for (const t of tables.values()) {
    rows.tables.push({ table_name: t.name, temporary: t.temporary ? 'Y' : 'N', comments: t.comment ?? null });
    t.columns.forEach((c, i) =>
      rows.columns.push({
        table_name: t.name,
        column_name: c.name,
        column_id: i + 1,
        data_type: c.dataType,
        data_type_owner: c.typeOwner,
        data_length: c.dataLength,
        data_precision: c.precision,
        data_scale: c.scale,
        char_length: c.charLength,
        char_used: c.charUsed,
        nullable: c.nullable ? 'Y' : 'N',
        data_default: c.dflt,
        virtual_column: c.virtual ? 'YES' : 'NO',
        identity_column: c.identity ? 'YES' : 'NO',
        comments: c.comment ?? null,
      }),
    );
    for (const k of t.cons)
      if (k.type === 'P' || k.type === 'U')
        refKey.set(`${t.name}\u0000${k.type === 'P' ? '' : k.columns.join(',')}`, k.name);
  }
  return refKey;
}

/** Constraints and their columns (the key a foreign key references gets its columns too when the script does not declare it). */
function constraintRows(d: OracleDictionary, owner: string, refKey: Map<string, string>, rows: OracleRows): void {
  const { tables } = d;
  for (const t of tables.values()) {
    for (const k of t.cons) {
      const row: Record<string, unknown> = {
        table_name: t.name,
        constraint_name: k.name,
        constraint_type: k.type,
        search_condition: k.cond ?? null,
        status: k.disabled ? 'DISABLED' : 'ENABLED',
        generated: k.generated ? 'GENERATED NAME' : 'USER NAME',
        index_name: k.type === 'P' || k.type === 'U' ? (k.usingIndex ?? k.name) : null,
        delete_rule: k.deleteRule ?? null,
      };
      k.columns.forEach((c, i) =>
        rows.consColumns.push({ owner, constraint_name: k.name, table_name: t.name, column_name: c, position: i + 1 }),
      );
      if (k.type === 'R') Object.assign(row, referencedKey(k, owner, tables, refKey, rows));
      rows.constraints.push(row);
    }
  }
}

/** Where a foreign key points: the owner, the referenced key's name (an invented `<name>$REF` when the script does not declare it) and table. */
function referencedKey(
  k: Cons,
  owner: string,
  tables: Map<string, Tbl>,
  refKey: Map<string, string>,
  rows: OracleRows,
): Record<string, unknown> {
  const rOwner = k.refOwner && k.refOwner !== owner ? k.refOwner : owner;
  const refT = tables.get(k.refTable!);
  const refCols = k.refColumns ?? refT?.cons.find((x) => x.type === 'P')?.columns ?? [];
  // The referenced key: the table's primary or unique key on those columns, as the dictionary links it.
  const rName =
    (rOwner === owner &&
      (refKey.get(`${k.refTable}\u0000${refCols.join(',')}`) ??
        (refT?.cons.find((x) => x.type === 'P')?.columns.join(',') === refCols.join(',')
          ? refKey.get(`${k.refTable}\u0000`)
          : undefined))) ||
    `${k.name}$REF`;
  if (rName === `${k.name}$REF`)
    refCols.forEach((c, i) =>
      rows.consColumns.push({
        owner: rOwner,
        constraint_name: rName,
        table_name: k.refTable,
        column_name: c,
        position: i + 1,
      }),
    );
  return { r_owner: rOwner, r_constraint_name: rName, r_table_name: k.refTable };
}

/** Indexes and their columns; an expression or descending column is a hidden SYS_NC column, as in Oracle. */
function indexRows(d: OracleDictionary, rows: OracleRows): void {
  const { indexes } = d;
  for (const ix of indexes.values()) {
    rows.indexes.push({
      index_name: ix.name,
      table_name: ix.table,
      index_type: ix.bitmap ? 'BITMAP' : ix.columns.some((c) => c.expr || c.desc) ? 'FUNCTION-BASED NORMAL' : 'NORMAL',
      uniqueness: ix.unique ? 'UNIQUE' : 'NONUNIQUE',
      generated: 'N',
    });
    ix.columns.forEach((c, i) => {
      // Like Oracle: an expression, or a descending column, is a hidden SYS_NC column with its expression.
      if (c.expr || c.desc) {
        rows.indColumns.push({
          index_name: ix.name,
          table_name: ix.table,
          column_name: `SYS_NC${String(i + 1).padStart(5, '0')}$`,
          column_position: i + 1,
          descend: c.desc ? 'DESC' : 'ASC',
        });
        rows.indExpressions.push({
          index_name: ix.name,
          column_position: i + 1,
          column_expression: c.expr ?? `"${c.name}"`,
        });
      } else
        rows.indColumns.push({
          index_name: ix.name,
          table_name: ix.table,
          column_name: c.name,
          column_position: i + 1,
          descend: 'ASC',
        });
    });
  }
}

/** Views, sequences, PL/SQL source and triggers, other objects. */
function objectRows(d: OracleDictionary, rows: OracleRows): void {
  const { views, sequences, units, others } = d;
  for (const [name, text] of views) rows.views.push({ view_name: name, text });
  for (const [name, s] of sequences)
    rows.sequences.push({
      sequence_name: name,
      min_value: s.min,
      max_value: s.max,
      increment_by: s.increment,
      cycle_flag: s.cycle ? 'Y' : 'N',
      cache_size: s.cache,
    });
  for (const u of units.values()) {
    rows.source.push({ name: u.name, type: u.kind, line: 1, text: u.text });
    if (u.kind === 'TRIGGER' && u.table)
      rows.triggers.push({ trigger_name: u.name, table_name: u.table ?? null, base_object_type: 'TABLE' });
  }
  for (const o of others.values()) rows.objects.push({ object_name: o.name, object_type: o.kind, status: 'VALID' });
}
