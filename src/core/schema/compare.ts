/**
 * The normalised view of each object that comparison (and the fingerprint) is based on. Anything
 * a database reports differently without a real difference is folded here: type aliases and
 * display widths (in types.ts), default literal forms (defaults.ts), FK rules a dialect treats as
 * one, index method defaults, identifier quoting in expressions, unique constraint vs unique index.
 */
import type { Dialect } from '../db/index.js';
import { normalizeCharset, normalizeCollation } from './charsets.js';
import { canonicalExpr, defaultKey } from './defaults.js';
import type { Check, Column, FkRule, ForeignKey, Index, PrimaryKey, Sequence, Table } from './model.js';
import { typeKey } from './types.js';

/** Per dialect: FK rules it does not distinguish (folded to the value on the right). */
const FK_RULE_FOLD: Record<Dialect, Partial<Record<FkRule, FkRule>>> = {
  // InnoDB checks immediately either way: NO ACTION is RESTRICT.
  mysql: { 'NO ACTION': 'RESTRICT' },
  // Oracle has no RESTRICT keyword; its default behaviour is NO ACTION.
  oracle: { RESTRICT: 'NO ACTION' },
  mssql: { RESTRICT: 'NO ACTION' },
  postgres: {},
  sqlite: {},
};

/** Dialects that have no ON UPDATE rule for foreign keys (their update behaviour is always NO ACTION). */
const NO_ON_UPDATE: ReadonlySet<Dialect> = new Set(['oracle']);

export interface CompareContext {
  dialects: Dialect[];
}

function foldRule(rule: FkRule, ctx: CompareContext): FkRule {
  let r = rule;
  for (const d of ctx.dialects) r = FK_RULE_FOLD[d][r] ?? r;
  // A fold in one dialect may meet the other's spelling (RESTRICT→NO ACTION, NO ACTION→RESTRICT): settle on one.
  if (ctx.dialects.some((d) => FK_RULE_FOLD[d]['NO ACTION'] || FK_RULE_FOLD[d]['RESTRICT'])) {
    if (r === 'RESTRICT' || r === 'NO ACTION') return 'NO ACTION';
  }
  return r;
}

/** Expressions in checks, generated columns and partial indexes: identifier quotes and layout do not count. */
export function exprKey(sql: string | undefined): string {
  if (!sql) return '';
  let s = canonicalExpr(sql.replace(/[`"[\]]/g, ''));
  s = s.replace(/\s*([(),=<>+*/-])\s*/g, '$1');
  while (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1);
  return s;
}

const lc = (s: string) => s.toLowerCase();

export function columnKeys(c: Column, t: Table) {
  return {
    type: typeKey(c.type),
    nullable: c.nullable ? 'null' : 'not null',
    default: c.autoIncrement || c.generated ? '' : defaultKey(c.default, c.nullable, c.type),
    autoIncrement: c.autoIncrement ? 'auto' : '',
    onUpdate: c.onUpdate ? canonicalExpr(c.onUpdate) : '',
    generated: c.generated ? `${c.generated.stored ? 'stored' : 'virtual'}:${exprKey(c.generated.expression)}` : '',
    charset: charsetKey(c.charset ?? t.options?.charset, c.collation ?? t.options?.collation),
    comment: c.comment ?? '',
  };
}

function charsetKey(charset: string | undefined, collation: string | undefined): string {
  const cs = normalizeCharset(charset);
  if (!cs) return '';
  return `${cs}/${normalizeCollation(collation) ?? ''}`;
}

export function pkKey(pk: PrimaryKey | undefined): string {
  return pk ? pk.columns.map(lc).join(',') : '';
}

export function indexKey(i: Index): string {
  const cols = i.columns
    .map(
      (c) =>
        (c.name !== undefined ? lc(c.name) : `(${exprKey(c.expression)})`) +
        (c.desc ? ' desc' : '') +
        (c.prefix ? `(${c.prefix})` : ''),
    )
    .join(',');
  const method = i.method && !/^(btree|normal)$/i.test(i.method) ? lc(i.method) : '';
  return `${i.unique ? 'unique ' : ''}${method ? method + ' ' : ''}(${cols})${i.where ? ' where ' + exprKey(i.where) : ''}`;
}

export function fkKey(fk: ForeignKey, ctx: CompareContext): string {
  const upd = ctx.dialects.some((d) => NO_ON_UPDATE.has(d)) ? 'NO ACTION' : foldRule(fk.onUpdate, ctx);
  return `(${fk.columns.map(lc).join(',')}) → ${fk.refSchema ? lc(fk.refSchema) + '.' : ''}${lc(fk.refTable)}(${fk.refColumns.map(lc).join(',')}) on delete ${foldRule(fk.onDelete, ctx)} on update ${upd}`;
}

export function checkKey(c: Check): string {
  return exprKey(c.expression);
}

export function sequenceKey(s: Sequence): string {
  return `inc ${s.increment} min ${s.min ?? ''} max ${s.max ?? ''} ${s.cycle ? 'cycle' : 'nocycle'}`;
}
