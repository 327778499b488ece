/**
 * MySQL / MariaDB dictionary rows (mysqlQueries.ts) turned into the schema model, one step per
 * object kind: tables, columns, indexes and the primary key, foreign keys, checks, views,
 * routines and triggers, events.
 */
import { normalizeCharset, normalizeCollation } from '../charsets.js';
import { canonicalExpr, parseMysqlDefault } from '../defaults.js';
import { normalizeSource, sourceDigest, stripOwnSchema } from '../digest.js';
import type { Check, Column, FkRule, ForeignKey, Index, OtherObject, Routine, Table, View } from '../model.js';
import { parseMysqlType } from '../types.js';
import { optNum, optStr, str, type Row } from './query.js';

/** What every step needs: the database read, the name filter, the tables asked for, and where warnings go. */
export interface MysqlRead {
  schema: string;
  mariadb: boolean;
  ok: (name: string) => boolean;
  only: string[] | undefined;
  warnings: string[];
}

const q = (id: string) => '`' + id.replace(/`/g, '``') + '`';

/** Base tables (and the names of every selected one, read or not: triggers follow these); sequences and other kinds as other objects. */
export function mysqlTables(
  tableRows: Row[],
  c: MysqlRead,
): { tables: Map<string, Table>; present: Set<string>; others: OtherObject[] } {
  const { ok, only } = c;
  const tables = new Map<string, Table>();
  /** Every table the filter selects, read or not: triggers follow these. */
  const present = new Set<string>();
  const others: OtherObject[] = [];
  for (const r of tableRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const type = str(r.type);
    if (type === 'BASE TABLE' || type === 'SYSTEM VERSIONED') {
      present.add(name);
      if (only && !only.some((o) => o.toLowerCase() === name.toLowerCase())) continue;
      tables.set(name, {
        name,
        columns: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
        ...(str(r.comment) ? { comment: str(r.comment) } : {}),
        options: {
          ...(r.engine ? { engine: str(r.engine) } : {}),
          ...(r.cs ? { charset: normalizeCharset(str(r.cs)) } : {}),
          ...(r.coll ? { collation: normalizeCollation(str(r.coll)) } : {}),
        },
      });
    } else if (type === 'SEQUENCE') others.push({ kind: 'SEQUENCE', name });
    else if (type !== 'VIEW') others.push({ kind: type, name });
  }
  return { tables, present, others };
}

export function addColumns(tables: Map<string, Table>, colRows: Row[], mariadb: boolean): void {
  for (const r of colRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const type = parseMysqlType(str(r.type));
    const extra = str(r.extra);
    const col: Column = { name: str(r.name), type, nullable: str(r.nullable) === 'YES' };
    const gen = optStr(r.gen);
    const generated =
      /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(extra) ??
      (/^(VIRTUAL|PERSISTENT|STORED)$/i.exec(extra.trim()) as RegExpExecArray | null);
    if (generated && gen) col.generated = { expression: gen, stored: !/VIRTUAL/i.test(generated[1]!) };
    else {
      const d = parseMysqlDefault(r.dflt === null ? null : str(r.dflt), type, { mariadb, extra });
      if (d) col.default = d;
    }
    if (/auto_increment/i.test(extra)) col.autoIncrement = true;
    const onUpd = /on update (\S+(?:\(\d*\))?)/i.exec(extra);
    if (onUpd) col.onUpdate = canonicalExpr(onUpd[1]!);
    if (r.cs) col.charset = normalizeCharset(str(r.cs));
    if (r.coll) col.collation = normalizeCollation(str(r.coll));
    if (str(r.comment)) col.comment = str(r.comment);
    t.columns.push(col);
  }
}

/** Indexes (and the primary key) from STATISTICS. */
export function addIndexes(tables: Map<string, Table>, statRows: Row[]): void {
  const idx = new Map<string, { table: Table; index: Index }>();
  for (const r of statRows) {
    const t = tables.get(str(r.TABLE_NAME));
    if (!t) continue;
    const name = str(r.INDEX_NAME);
    const colName = optStr(r.COLUMN_NAME);
    const expr = optStr(r.EXPRESSION);
    if (name === 'PRIMARY') {
      t.primaryKey ??= { name: 'PRIMARY', columns: [] };
      if (colName) t.primaryKey.columns.push(colName);
      continue;
    }
    const key = `${t.name}\u0000${name}`;
    let e = idx.get(key);
    if (!e) {
      const method = str(r.INDEX_TYPE).toUpperCase();
      e = {
        table: t,
        index: {
          name,
          columns: [],
          unique: Number(r.NON_UNIQUE) === 0,
          ...(method && method !== 'BTREE' ? { method: method.toLowerCase() } : {}),
        },
      };
      idx.set(key, e);
      t.indexes.push(e.index);
    }
    e.index.columns.push({
      ...(colName ? { name: colName } : { expression: expr ?? '' }),
      ...(str(r.COLLATION) === 'D' ? { desc: true } : {}),
      ...(optNum(r.SUB_PART) !== undefined ? { prefix: optNum(r.SUB_PART) } : {}),
    });
  }
}

export function addForeignKeys(tables: Map<string, Table>, conRows: Row[], schema: string): void {
  const fks = new Map<string, ForeignKey>();
  for (const r of conRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const key = `${t.name}\u0000${str(r.name)}`;
    let fk = fks.get(key);
    if (!fk) {
      const rschema = str(r.rschema);
      fk = {
        name: str(r.name),
        columns: [],
        refTable: str(r.rtable),
        ...(rschema && rschema !== schema ? { refSchema: rschema } : {}),
        refColumns: [],
        onDelete: rule(r.del),
        onUpdate: rule(r.upd),
      };
      fks.set(key, fk);
      t.foreignKeys.push(fk);
    }
    fk.columns.push(str(r.col));
    fk.refColumns.push(str(r.rcol));
  }
}

export function addChecks(tables: Map<string, Table>, checkRows: Row[]): void {
  for (const r of checkRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const c: Check = { name: str(r.name), expression: str(r.expr) };
    t.checks.push(c);
  }
}

export function mysqlViews(viewRows: Row[], c: MysqlRead): View[] {
  const { ok, schema, warnings } = c;
  const views: View[] = [];
  for (const r of viewRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const def = optStr(r.def);
    if (!def) {
      warnings.push(
        `view ${name}: its definition is not visible to this user (needs SHOW VIEW); compared by name only`,
      );
    }
    const definition = stripOwnSchema(def ?? '', schema);
    views.push({ name, definition, digest: sourceDigest(definition, schema) });
  }
  return views;
}

/** Procedures and functions rebuilt as CREATE statements from ROUTINES and PARAMETERS, then triggers on the selected tables. */
export function mysqlRoutines(
  routineRows: Row[],
  paramRows: Row[],
  triggerRows: Row[],
  present: Set<string>,
  c: MysqlRead,
): Routine[] {
  const { ok, schema, warnings } = c;
  const params = new Map<string, Row[]>();
  for (const p of paramRows) {
    const k = `${str(p.type)}:${str(p.name)}`;
    const l = params.get(k) ?? [];
    l.push(p);
    params.set(k, l);
  }
  const routines: Routine[] = [];
  for (const r of routineRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const type = str(r.type).toUpperCase();
    const body = optStr(r.body);
    if (body === undefined)
      warnings.push(
        `${type.toLowerCase()} ${name}: its body is not visible to this user (needs SELECT on mysql.proc or to be its definer)`,
      );
    const ps = (params.get(`${type}:${name}`) ?? []).filter((p) => Number(p.pos) > 0);
    const plist = ps
      .map((p) => `${type === 'PROCEDURE' && p.mode ? str(p.mode) + ' ' : ''}${q(str(p.pname))} ${str(p.dtd)}`)
      .join(', ');
    const parts = [`CREATE ${type} ${q(name)}(${plist})`];
    if (type === 'FUNCTION') parts.push(`RETURNS ${str(r.returns)}`);
    if (str(r.comment)) parts.push(`COMMENT ${sqlString(str(r.comment))}`);
    if (str(r.det) === 'YES') parts.push('DETERMINISTIC');
    if (r.access && str(r.access) !== 'CONTAINS SQL') parts.push(str(r.access));
    if (str(r.security) === 'INVOKER') parts.push('SQL SECURITY INVOKER');
    parts.push(stripOwnSchema(body ?? '', schema));
    const source = parts.join('\n');
    routines.push({
      kind: type === 'FUNCTION' ? 'function' : 'procedure',
      name,
      source,
      digest: sourceDigest(source, schema),
    });
  }
  for (const r of triggerRows) {
    const name = str(r.name);
    const tbl = str(r.tbl);
    if (!present.has(tbl) || !ok(name)) continue;
    const source = `CREATE TRIGGER ${q(name)} ${str(r.timing)} ${str(r.event)} ON ${q(tbl)} FOR EACH ROW ${stripOwnSchema(str(r.stmt), schema)}`;
    routines.push({ kind: 'trigger', name, table: tbl, source, digest: sourceDigest(source, schema) });
  }
  return routines;
}

export function addEvents(others: OtherObject[], eventRows: Row[], c: MysqlRead): void {
  const { ok, schema } = c;
  for (const r of eventRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    others.push({
      kind: 'EVENT',
      name,
      digest: sourceDigest(str(r.def), schema),
      source: normalizeSource(str(r.def), schema),
    });
  }
}

function rule(v: unknown): FkRule {
  const s = str(v).toUpperCase();
  return (['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'].includes(s) ? s : 'NO ACTION') as FkRule;
}

function sqlString(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}
