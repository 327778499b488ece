/**
 * MySQL / MariaDB introspection from information_schema: one query per dictionary view for the
 * whole database (tables, columns, statistics, constraints, views, routines, parameters,
 * triggers, events), never one per table.
 */
import type { Db } from '../../db/index.js';
import { inputError } from '../../errors.js';
import { normalizeCharset, normalizeCollation } from '../charsets.js';
import { canonicalExpr, parseMysqlDefault } from '../defaults.js';
import { normalizeSource, sourceDigest, stripOwnSchema } from '../digest.js';
import { makeMatcher } from '../filter.js';
import type { Check, Column, FkRule, ForeignKey, Index, OtherObject, Routine, SchemaModel, Table, View } from '../model.js';
import { parseMysqlType } from '../types.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import { optNum, optStr, query, str, type Row } from './query.js';

const q = (id: string) => '`' + id.replace(/`/g, '``') + '`';

export async function introspectMysql(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const warnings: string[] = [];
  const [info] = await query(db, 'SELECT DATABASE() AS db, VERSION() AS version');
  const schema = opts.schema ?? optStr(info?.db) ?? db.target.database;
  if (!schema) throw inputError('SCHEMA_NO_DATABASE', `No database named in ${db.target.display}`, 'Put the database name in the URL (mysql://user@host:3306/his).').zh(`${db.target.display} 中没有指定数据库`, '请在 URL 中写出数据库名（mysql://user@host:3306/his）。');
  const version = str(info?.version);
  const mariadb = /mariadb/i.test(version);
  const ok = makeMatcher(opts.filter);
  // Only some tables (a journaled apply re-reading what a statement touched): the per-column
  // queries are narrowed in SQL, which is what makes them cheap on a big schema.
  const only = opts.tables ? (opts.tables.length ? opts.tables : ['']) : undefined;
  const narrow = (col: string) => (only ? ` AND ${col} IN (${only.map(() => '?').join(', ')})` : '');
  const args = (...a: unknown[]) => [...a, ...(only ?? [])];
  // Tables alone: the queries for views, routines, triggers and events are left out.
  const maybe = (q: () => Promise<Row[]>) => (opts.tablesOnly ? Promise.resolve([] as Row[]) : q());

  const schemata = await query(db, 'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS coll FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [schema]);
  if (!schemata.length) {
    throw inputError('SCHEMA_NOT_FOUND', `Database "${schema}" is not visible on ${db.target.display}`, 'Check the database name, and that the user has privileges on it (SHOW DATABASES lists what it can see).', undefined, { schema }).zh(`在 ${db.target.display} 上看不到数据库 "${schema}"`, '请检查数据库名，并确认该用户对其有权限（SHOW DATABASES 列出它能看到的库）。');
  }

  const [tableRows, colRows, statRows, conRows, checkRows, viewRows, routineRows, paramRows, triggerRows, eventRows] = await Promise.all([
    query(
      db,
      `SELECT t.TABLE_NAME AS name, t.TABLE_TYPE AS type, t.ENGINE AS engine, t.TABLE_COLLATION AS coll, c.CHARACTER_SET_NAME AS cs, t.TABLE_COMMENT AS comment
         FROM information_schema.TABLES t LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
        WHERE t.TABLE_SCHEMA = ?`,
      [schema],
    ),
    query(
      db,
      `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, ORDINAL_POSITION AS pos, COLUMN_DEFAULT AS dflt, IS_NULLABLE AS nullable, COLUMN_TYPE AS type,
              CHARACTER_SET_NAME AS cs, COLLATION_NAME AS coll, EXTRA AS extra, COLUMN_COMMENT AS comment, GENERATION_EXPRESSION AS gen
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?${narrow('TABLE_NAME')} ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      args(schema),
    ),
    query(db, `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?${narrow('TABLE_NAME')} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, args(schema)),
    query(
      db,
      `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.ORDINAL_POSITION AS pos, k.REFERENCED_TABLE_SCHEMA AS rschema,
              k.REFERENCED_TABLE_NAME AS rtable, k.REFERENCED_COLUMN_NAME AS rcol, r.UPDATE_RULE AS upd, r.DELETE_RULE AS del
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL${narrow('k.TABLE_NAME')}
        ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      args(schema),
    ),
    query(
      db,
      `SELECT tc.TABLE_NAME AS tbl, tc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS expr
         FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
              ${mariadb ? 'AND cc.TABLE_NAME = tc.TABLE_NAME' : ''}
        WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'${narrow('tc.TABLE_NAME')}`,
      args(schema),
    ).catch(() => [] as Row[]), // servers before CHECK support have no CHECK_CONSTRAINTS view
    maybe(() => query(db, `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS chk FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?`, [schema], 'view definitions')),
    maybe(() => query(
      db,
      `SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DTD_IDENTIFIER AS returns, ROUTINE_DEFINITION AS body, IS_DETERMINISTIC AS det,
              SQL_DATA_ACCESS AS access, SECURITY_TYPE AS security, ROUTINE_COMMENT AS comment
         FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`,
      [schema],
      'routine definitions',
    )),
    maybe(() => query(
      db,
      `SELECT SPECIFIC_NAME AS name, ROUTINE_TYPE AS type, ORDINAL_POSITION AS pos, PARAMETER_MODE AS mode, PARAMETER_NAME AS pname, DTD_IDENTIFIER AS dtd
         FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`,
      [schema],
    )),
    maybe(() => query(
      db,
      `SELECT TRIGGER_NAME AS name, EVENT_MANIPULATION AS event, EVENT_OBJECT_TABLE AS tbl, ACTION_TIMING AS timing, ACTION_STATEMENT AS stmt, ACTION_ORDER AS ord
         FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER`,
      [schema],
    )),
    maybe(() => query(db, `SELECT EVENT_NAME AS name, EVENT_DEFINITION AS def FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`, [schema]).catch(() => [] as Row[])),
  ]);

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
        options: { ...(r.engine ? { engine: str(r.engine) } : {}), ...(r.cs ? { charset: normalizeCharset(str(r.cs)) } : {}), ...(r.coll ? { collation: normalizeCollation(str(r.coll)) } : {}) },
      });
    } else if (type === 'SEQUENCE') others.push({ kind: 'SEQUENCE', name });
    else if (type !== 'VIEW') others.push({ kind: type, name });
  }

  for (const r of colRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const type = parseMysqlType(str(r.type));
    const extra = str(r.extra);
    const col: Column = { name: str(r.name), type, nullable: str(r.nullable) === 'YES' };
    const gen = optStr(r.gen);
    const generated = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(extra) ?? (/^(VIRTUAL|PERSISTENT|STORED)$/i.exec(extra.trim()) as RegExpExecArray | null);
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

  // indexes (and the primary key) from STATISTICS
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
      e = { table: t, index: { name, columns: [], unique: Number(r.NON_UNIQUE) === 0, ...(method && method !== 'BTREE' ? { method: method.toLowerCase() } : {}) } };
      idx.set(key, e);
      t.indexes.push(e.index);
    }
    e.index.columns.push({
      ...(colName ? { name: colName } : { expression: expr ?? '' }),
      ...(str(r.COLLATION) === 'D' ? { desc: true } : {}),
      ...(optNum(r.SUB_PART) !== undefined ? { prefix: optNum(r.SUB_PART) } : {}),
    });
  }

  // foreign keys
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

  for (const r of checkRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const c: Check = { name: str(r.name), expression: str(r.expr) };
    t.checks.push(c);
  }

  const views: View[] = [];
  for (const r of viewRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const def = optStr(r.def);
    if (!def) {
      warnings.push(`view ${name}: its definition is not visible to this user (needs SHOW VIEW); compared by name only`);
    }
    const definition = stripOwnSchema(def ?? '', schema);
    views.push({ name, definition, digest: sourceDigest(definition, schema) });
  }

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
    if (body === undefined) warnings.push(`${type.toLowerCase()} ${name}: its body is not visible to this user (needs SELECT on mysql.proc or to be its definer)`);
    const ps = (params.get(`${type}:${name}`) ?? []).filter((p) => Number(p.pos) > 0);
    const plist = ps.map((p) => `${type === 'PROCEDURE' && p.mode ? str(p.mode) + ' ' : ''}${q(str(p.pname))} ${str(p.dtd)}`).join(', ');
    const parts = [`CREATE ${type} ${q(name)}(${plist})`];
    if (type === 'FUNCTION') parts.push(`RETURNS ${str(r.returns)}`);
    if (str(r.comment)) parts.push(`COMMENT ${sqlString(str(r.comment))}`);
    if (str(r.det) === 'YES') parts.push('DETERMINISTIC');
    if (r.access && str(r.access) !== 'CONTAINS SQL') parts.push(str(r.access));
    if (str(r.security) === 'INVOKER') parts.push('SQL SECURITY INVOKER');
    parts.push(stripOwnSchema(body ?? '', schema));
    const source = parts.join('\n');
    routines.push({ kind: type === 'FUNCTION' ? 'function' : 'procedure', name, source, digest: sourceDigest(source, schema) });
  }
  for (const r of triggerRows) {
    const name = str(r.name);
    const tbl = str(r.tbl);
    if (!present.has(tbl) || !ok(name)) continue;
    const source = `CREATE TRIGGER ${q(name)} ${str(r.timing)} ${str(r.event)} ON ${q(tbl)} FOR EACH ROW ${stripOwnSchema(str(r.stmt), schema)}`;
    routines.push({ kind: 'trigger', name, table: tbl, source, digest: sourceDigest(source, schema) });
  }
  for (const r of eventRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    others.push({ kind: 'EVENT', name, digest: sourceDigest(str(r.def), schema), source: normalizeSource(str(r.def), schema) });
  }
  if (others.length) warnings.push(`${others.length} object(s) of kinds hisops does not manage (${[...new Set(others.map((o) => o.kind))].join(', ')}): listed, never changed`);

  const model: SchemaModel = {
    source: {
      dialect: 'mysql',
      display: db.target.display,
      database: schema,
      serverVersion: version,
      charset: normalizeCharset(str(schemata[0]!.cs)),
      collation: normalizeCollation(str(schemata[0]!.coll)),
    },
    tables: [...tables.values()],
    views,
    sequences: [],
    routines,
    others,
  };
  return { model, warnings };
}

function rule(v: unknown): FkRule {
  const s = str(v).toUpperCase();
  return (['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'].includes(s) ? s : 'NO ACTION') as FkRule;
}

function sqlString(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}
