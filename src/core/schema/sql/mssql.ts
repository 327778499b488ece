/**
 * SQL Server DDL: [bracketed] identifiers, nvarchar for text (hospital data is Chinese), named
 * default constraints DF_<table>_<column> so a later script can change them, sp_rename for
 * renames, and GO after each batch in scripts. Column comments (extended properties) are not
 * written.
 */
import type { Column, ForeignKey, Index, Table } from '../model.js';
import { colList, renderDefault, stdString, stmt, type DdlRenderer } from './common.js';
import type { Op, Stmt } from './ops.js';

const id = (name: string) => `[${name.replace(/]/g, ']]')}]`;
const dfName = (table: string, col: string) => `DF_${table}_${col}`;

function defaultConstraint(table: string, c: Column): string {
  if (c.autoIncrement || c.generated || !c.default || c.default.kind === 'null') return '';
  const v = renderDefault('mssql', c.default, c.type);
  return v === undefined ? '' : ` CONSTRAINT ${id(dfName(table, c.name))} DEFAULT (${v})`;
}

function mssqlColumnDef(table: string, c: Column): string {
  if (c.generated) return `${id(c.name)} AS (${c.generated.expression})${c.generated.stored ? ' PERSISTED' : ''}`;
  return `${id(c.name)} ${c.type.native}${c.autoIncrement ? ' IDENTITY(1,1)' : ''}${c.nullable ? ' NULL' : ' NOT NULL'}${defaultConstraint(table, c)}`;
}

function fkDef(fk: ForeignKey): string {
  const ref = fk.refSchema ? `${id(fk.refSchema)}.${id(fk.refTable)}` : id(fk.refTable);
  let s = `CONSTRAINT ${id(fk.name)} FOREIGN KEY (${colList(fk.columns, id)}) REFERENCES ${ref} (${colList(fk.refColumns, id)})`;
  const r = (x: string) => (x === 'RESTRICT' ? 'NO ACTION' : x);
  if (r(fk.onDelete) !== 'NO ACTION') s += ` ON DELETE ${fk.onDelete}`;
  if (r(fk.onUpdate) !== 'NO ACTION') s += ` ON UPDATE ${fk.onUpdate}`;
  return s;
}

function createIndex(table: string, i: Index): string {
  const cols = i.columns
    .map((c) => (c.name !== undefined ? id(c.name) : `(${c.expression})`) + (c.desc ? ' DESC' : ''))
    .join(', ');
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${id(i.name)} ON ${id(table)} (${cols})${i.where ? ` WHERE ${i.where}` : ''}`;
}

const pkName = (table: string, name?: string) => (name && name !== 'PRIMARY' ? name : `PK_${table}`);

function mssqlCreateTable(t: Table, deferFks: string[]): Stmt[] {
  const lines = t.columns.map((c) => '  ' + mssqlColumnDef(t.name, c));
  if (t.primaryKey)
    lines.push(
      `  CONSTRAINT ${id(pkName(t.name, t.primaryKey.name))} PRIMARY KEY (${colList(t.primaryKey.columns, id)})`,
    );
  for (const fk of t.foreignKeys) if (!deferFks.includes(fk.name)) lines.push('  ' + fkDef(fk));
  for (const c of t.checks) lines.push(`  CONSTRAINT ${id(c.name)} CHECK (${c.expression})`);
  return [
    stmt(`CREATE TABLE ${id(t.name)} (\n${lines.join(',\n')}\n)`),
    ...t.indexes.map((i) => stmt(createIndex(t.name, i))),
  ];
}

/** A column with a default constraint cannot change type or nullability: drop the constraint, alter, re-add. */
function mssqlAlterColumn(table: string, o: Extract<Op, { op: 'alterColumn' }>): Stmt[] {
  const out: Stmt[] = [];
  const T = id(table);
  const c = o.to;
  const hasDefault = (x: Column) => !!x.default && x.default.kind !== 'null' && !x.autoIncrement;
  const typeOrNull = o.aspects.includes('type') || o.aspects.includes('nullable');
  const defaultChange = o.aspects.includes('default');
  if ((typeOrNull && hasDefault(o.from)) || defaultChange)
    out.push(stmt(`ALTER TABLE ${T} DROP CONSTRAINT IF EXISTS ${id(dfName(table, c.name))}`));
  if (typeOrNull)
    out.push(stmt(`ALTER TABLE ${T} ALTER COLUMN ${id(c.name)} ${c.type.native}${c.nullable ? ' NULL' : ' NOT NULL'}`));
  if (((typeOrNull && hasDefault(o.from)) || defaultChange) && hasDefault(c)) {
    const v = renderDefault('mssql', c.default, c.type);
    if (v !== undefined)
      out.push(stmt(`ALTER TABLE ${T} ADD CONSTRAINT ${id(dfName(table, c.name))} DEFAULT (${v}) FOR ${id(c.name)}`));
  }
  return out;
}

export const mssqlRenderer: DdlRenderer = {
  dialect: 'mssql',
  id,
  tableOps(table: string, ops: Op[]): Stmt[] {
    const out: Stmt[] = [];
    const T = id(table);
    let adds: string[] = [];
    const flush = () => {
      if (adds.length) out.push(stmt(`ALTER TABLE ${T} ADD\n  ${adds.join(',\n  ')}`));
      adds = [];
    };
    for (const o of ops) {
      if (o.op === 'addColumn') {
        adds.push(mssqlColumnDef(table, o.column));
        continue;
      }
      flush();
      switch (o.op) {
        case 'createTable':
          out.push(...mssqlCreateTable(o.table, o.deferFks));
          break;
        case 'dropTable':
          out.push(stmt(`DROP TABLE ${id(o.table)}`));
          break;
        case 'renameTable':
          out.push(stmt(`EXEC sp_rename ${stdString(o.from)}, ${stdString(o.to)}`));
          break;
        case 'renameColumn':
          out.push(stmt(`EXEC sp_rename ${stdString(`${table}.${o.from}`)}, ${stdString(o.to)}, 'COLUMN'`));
          break;
        case 'dropColumn':
          if (o.column.default && o.column.default.kind !== 'null')
            out.push(stmt(`ALTER TABLE ${T} DROP CONSTRAINT IF EXISTS ${id(dfName(table, o.column.name))}`));
          out.push(stmt(`ALTER TABLE ${T} DROP COLUMN ${id(o.column.name)}`));
          break;
        case 'alterColumn':
          out.push(...mssqlAlterColumn(table, o));
          break;
        case 'addPrimaryKey':
          out.push(
            stmt(
              `ALTER TABLE ${T} ADD CONSTRAINT ${id(pkName(table, o.pk.name))} PRIMARY KEY (${colList(o.pk.columns, id)})`,
            ),
          );
          break;
        case 'dropPrimaryKey':
          out.push(stmt(`ALTER TABLE ${T} DROP CONSTRAINT ${id(pkName(table, o.pk.name))}`));
          break;
        case 'createIndex':
          out.push(stmt(createIndex(table, o.index)));
          break;
        case 'dropIndex':
          out.push(stmt(`DROP INDEX ${id(o.index.name)} ON ${T}`));
          break;
        case 'renameIndex':
          out.push(stmt(`EXEC sp_rename ${stdString(`${table}.${o.from.name}`)}, ${stdString(o.to.name)}, 'INDEX'`));
          break;
        case 'addForeignKey':
          out.push(stmt(`ALTER TABLE ${T} ADD ${fkDef(o.fk)}`));
          break;
        case 'dropForeignKey':
          out.push(stmt(`ALTER TABLE ${T} DROP CONSTRAINT ${id(o.fk.name)}`));
          break;
        case 'addCheck':
          out.push(stmt(`ALTER TABLE ${T} ADD CONSTRAINT ${id(o.check.name)} CHECK (${o.check.expression})`));
          break;
        case 'dropCheck':
          out.push(stmt(`ALTER TABLE ${T} DROP CONSTRAINT ${id(o.check.name)}`));
          break;
        default:
          break;
      }
    }
    flush();
    return out;
  },
  objectOp(o: Op): Stmt[] {
    switch (o.op) {
      case 'createView':
        return [stmt(`CREATE OR ALTER VIEW ${id(o.view.name)} AS ${o.view.definition}`, true)];
      case 'dropView':
        return [stmt(`DROP VIEW IF EXISTS ${id(o.view.name)}`)];
      case 'createRoutine':
        return [stmt(o.routine.source.replace(/^CREATE\s+(OR\s+ALTER\s+)?/i, 'CREATE OR ALTER '), true)];
      case 'dropRoutine':
        return [stmt(`DROP ${o.routine.kind.toUpperCase()} IF EXISTS ${id(o.routine.name)}`)];
      case 'createSequence': {
        const s = o.sequence;
        return [
          stmt(
            `CREATE SEQUENCE ${id(s.name)} INCREMENT BY ${s.increment}${s.min ? ` MINVALUE ${s.min}` : ''}${s.max ? ` MAXVALUE ${s.max}` : ''}${s.cycle ? ' CYCLE' : ''}`,
          ),
        ];
      }
      case 'alterSequence':
        return [
          stmt(`ALTER SEQUENCE ${id(o.to.name)} INCREMENT BY ${o.to.increment}${o.to.cycle ? ' CYCLE' : ' NO CYCLE'}`),
        ];
      case 'dropSequence':
        return [stmt(`DROP SEQUENCE ${id(o.sequence.name)}`)];
      default:
        return [];
    }
  },
  terminate(s: Stmt): string {
    return `${s.sql};\nGO`;
  },
};
