/**
 * MySQL / MariaDB DDL. Changes to one table are combined into a single ALTER TABLE (one table
 * rebuild instead of many), new columns keep the target's position (AFTER), and routines are
 * wrapped in DELIMITER for the mysql client.
 */
import { nameKey, type Column, type ForeignKey, type Index, type Table } from '../model.js';
import { bq, colList, defaultClause, mysqlString, stmt, type DdlRenderer, type RenderContext } from './common.js';
import type { Op, Stmt } from './ops.js';

const id = bq;

function charsetClause(c: Column, table: { charset?: string; collation?: string } | undefined): string {
  if (!c.charset) return '';
  if (table?.charset && c.charset === table.charset && (c.collation ?? '') === (table.collation ?? '')) return '';
  return ` CHARACTER SET ${c.charset}${c.collation ? ` COLLATE ${c.collation}` : ''}`;
}

function mysqlColumnDef(c: Column, table?: { charset?: string; collation?: string }): string {
  let s = `${id(c.name)} ${c.type.native}${charsetClause(c, table)}`;
  if (c.generated) s += ` GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  if (!c.nullable) s += ' NOT NULL';
  else if (c.type.base === 'timestamp') s += ' NULL';
  s += defaultClause('mysql', c);
  if (c.onUpdate)
    s += ` ON UPDATE ${c.onUpdate === 'CURRENT_TIMESTAMP' ? 'current_timestamp()' : c.onUpdate.replace(/^CURRENT_TIMESTAMP\((\d+)\)$/, 'current_timestamp($1)')}`;
  if (c.autoIncrement) s += ' AUTO_INCREMENT';
  if (c.comment) s += ` COMMENT ${mysqlString(c.comment)}`;
  return s;
}

function indexCols(i: Index): string {
  return i.columns
    .map(
      (c) =>
        (c.name !== undefined ? id(c.name) + (c.prefix ? `(${c.prefix})` : '') : `(${c.expression})`) +
        (c.desc ? ' DESC' : ''),
    )
    .join(', ');
}

function indexKind(i: Index): string {
  const m = i.method?.toLowerCase();
  if (m === 'fulltext') return 'FULLTEXT ';
  if (m === 'spatial') return 'SPATIAL ';
  return i.unique ? 'UNIQUE ' : '';
}

function indexUsing(i: Index): string {
  return i.method?.toLowerCase() === 'hash' ? ' USING HASH' : '';
}

function fkDef(fk: ForeignKey): string {
  const ref = fk.refSchema ? `${id(fk.refSchema)}.${id(fk.refTable)}` : id(fk.refTable);
  let s = `CONSTRAINT ${id(fk.name)} FOREIGN KEY (${colList(fk.columns, id)}) REFERENCES ${ref} (${colList(fk.refColumns, id)})`;
  if (fk.onDelete !== 'NO ACTION' && fk.onDelete !== 'RESTRICT') s += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== 'NO ACTION' && fk.onUpdate !== 'RESTRICT') s += ` ON UPDATE ${fk.onUpdate}`;
  return s;
}

function tableOptions(t: Table): string {
  const o = t.options ?? {};
  const parts: string[] = [];
  if (o.engine) parts.push(`ENGINE=${o.engine}`);
  if (o.charset) parts.push(`DEFAULT CHARSET=${o.charset}`);
  if (o.collation) parts.push(`COLLATE=${o.collation}`);
  if (t.comment) parts.push(`COMMENT=${mysqlString(t.comment)}`);
  return parts.length ? ' ' + parts.join(' ') : '';
}

function mysqlCreateTable(t: Table, deferFks: string[]): string {
  const lines = t.columns.map((c) => '  ' + mysqlColumnDef(c, t.options));
  if (t.primaryKey) lines.push(`  PRIMARY KEY (${colList(t.primaryKey.columns, id)})`);
  for (const i of t.indexes) lines.push(`  ${indexKind(i)}KEY ${id(i.name)} (${indexCols(i)})${indexUsing(i)}`);
  for (const fk of t.foreignKeys) if (!deferFks.includes(fk.name)) lines.push('  ' + fkDef(fk));
  for (const c of t.checks) lines.push(`  CONSTRAINT ${id(c.name)} CHECK (${c.expression})`);
  return `CREATE TABLE ${id(t.name)} (\n${lines.join(',\n')}\n)${tableOptions(t)}`;
}

/**
 * MariaDB keeps a column-level CHECK (the one it adds for `json`: json_valid(col), named after the
 * column) in the column's definition, and MODIFY COLUMN replaces the whole definition: the CHECK
 * is written again, or a comment change would drop it.
 */
function columnCheck(c: Column, table: Table | undefined): string {
  const k = table?.checks.find(
    (x) => nameKey(x.name) === nameKey(c.name) && x.expression.toLowerCase().includes(nameKey(c.name)),
  );
  return k ? ` CHECK (${k.expression})` : '';
}

function clause(
  o: Op,
  tableCharset: { charset?: string; collation?: string } | undefined,
  table?: Table,
  target?: Table,
): string | undefined {
  switch (o.op) {
    case 'addColumn':
      return `ADD COLUMN ${mysqlColumnDef(o.column, tableCharset)}${columnCheck(o.column, target)}${o.after === undefined ? '' : o.after === null ? ' FIRST' : ` AFTER ${id(o.after)}`}`;
    case 'dropColumn':
      return `DROP COLUMN ${id(o.column.name)}`;
    case 'renameColumn':
      return `RENAME COLUMN ${id(o.from)} TO ${id(o.to)}`;
    case 'alterColumn':
      return `MODIFY COLUMN ${mysqlColumnDef(o.to, tableCharset)}${columnCheck(o.to, table)}`;
    case 'addPrimaryKey':
      return `ADD PRIMARY KEY (${colList(o.pk.columns, id)})`;
    case 'dropPrimaryKey':
      return 'DROP PRIMARY KEY';
    case 'createIndex':
      return `ADD ${indexKind(o.index)}INDEX ${id(o.index.name)} (${indexCols(o.index)})${indexUsing(o.index)}`;
    case 'dropIndex':
      return `DROP INDEX ${id(o.index.name)}`;
    case 'renameIndex':
      return `RENAME INDEX ${id(o.from.name)} TO ${id(o.to.name)}`;
    case 'addForeignKey':
      return `ADD ${fkDef(o.fk)}`;
    case 'dropForeignKey':
      return `DROP FOREIGN KEY ${id(o.fk.name)}`;
    case 'addCheck':
      return `ADD CONSTRAINT ${id(o.check.name)} CHECK (${o.check.expression})`;
    case 'dropCheck':
      return `DROP CONSTRAINT ${id(o.check.name)}`;
    case 'tableOptions': {
      const parts: string[] = [];
      if (o.aspects.includes('engine') && o.to.engine) parts.push(`ENGINE=${o.to.engine}`);
      if (o.aspects.includes('charset') && o.to.charset)
        parts.push(`DEFAULT CHARSET=${o.to.charset}${o.to.collation ? ` COLLATE=${o.to.collation}` : ''}`);
      if (o.aspects.includes('comment')) parts.push(`COMMENT=${mysqlString(o.to.comment ?? '')}`);
      return parts.join(' ') || undefined;
    }
    default:
      return undefined;
  }
}

export const mysqlRenderer: DdlRenderer = {
  dialect: 'mysql',
  id,
  tableOps(table: string, ops: Op[], ctx: RenderContext): Stmt[] {
    const out: Stmt[] = [];
    let clauses: string[] = [];
    let droppedFks = new Set<string>();
    const state = ctx.currentTables.get(nameKey(table)) ?? ctx.targetTables.get(nameKey(table));
    const charset = state?.options;
    const flush = () => {
      if (clauses.length) out.push(stmt(`ALTER TABLE ${id(table)}\n  ${clauses.join(',\n  ')}`));
      clauses = [];
      droppedFks = new Set();
    };
    for (const o of ops) {
      if (o.op === 'createTable') {
        flush();
        out.push(stmt(mysqlCreateTable(o.table, o.deferFks)));
      } else if (o.op === 'dropTable') {
        flush();
        out.push(stmt(`DROP TABLE ${id(o.table)}`));
      } else if (o.op === 'renameTable') {
        flush();
        out.push(stmt(`RENAME TABLE ${id(o.from)} TO ${id(o.to)}`));
      } else {
        // MySQL refuses to drop and re-add a foreign key of the same name in one copying ALTER.
        if (o.op === 'addForeignKey' && droppedFks.has(o.fk.name.toLowerCase())) flush();
        if (o.op === 'dropForeignKey') droppedFks.add(o.fk.name.toLowerCase());
        const c = clause(o, charset, state, ctx.targetTables.get(nameKey(table)));
        if (c) clauses.push(c);
      }
    }
    flush();
    return out;
  },
  objectOp(o: Op): Stmt[] {
    switch (o.op) {
      case 'createView':
        return [stmt(`CREATE OR REPLACE VIEW ${id(o.view.name)} AS ${o.view.definition}`)];
      case 'dropView':
        return [stmt(`DROP VIEW IF EXISTS ${id(o.view.name)}`)];
      case 'createRoutine': {
        const kind = o.routine.kind.toUpperCase();
        const out: Stmt[] = [];
        // MySQL has no CREATE OR REPLACE for routines and triggers.
        out.push(stmt(`DROP ${kind} IF EXISTS ${id(o.routine.name)}`));
        out.push(stmt(o.routine.source, true));
        return out;
      }
      case 'dropRoutine':
        return [stmt(`DROP ${o.routine.kind.toUpperCase()} IF EXISTS ${id(o.routine.name)}`)];
      case 'createSequence':
        return [
          stmt(
            `CREATE SEQUENCE ${id(o.sequence.name)} INCREMENT BY ${o.sequence.increment}${o.sequence.min ? ` MINVALUE ${o.sequence.min}` : ''}${o.sequence.max ? ` MAXVALUE ${o.sequence.max}` : ''}${o.sequence.cycle ? ' CYCLE' : ''}`,
          ),
        ];
      case 'alterSequence':
        return [
          stmt(`ALTER SEQUENCE ${id(o.to.name)} INCREMENT BY ${o.to.increment}${o.to.cycle ? ' CYCLE' : ' NOCYCLE'}`),
        ];
      case 'dropSequence':
        return [stmt(`DROP SEQUENCE ${id(o.sequence.name)}`)];
      default:
        return [];
    }
  },
  terminate(s: Stmt): string {
    return s.block ? `DELIMITER ;;\n${s.sql};;\nDELIMITER ;` : `${s.sql};`;
  },
};
