/**
 * Run one profile statement: pick the SQL for the database's dialect, turn named binds into
 * positional knex binds (values never enter the SQL text), convert each value by its declared
 * type, and hand back rows with lower-case canonical column names and canonical values.
 */
import type { Decimal } from '../money.js';
import {
  classifyDbError,
  parenthesized,
  queryEach,
  type ArrayOptions,
  type Db,
  type Knex,
  type RowSink,
} from '../db/index.js';
import { EXIT, externalError, HisopsError, inputError } from '../errors.js';
import { fmt } from '../money.js';
import { formatDate, formatDateTime, normalizeRow, type Row } from './canonical.js';
import { RESULT_SHAPES } from './dialectResults.js';
import { INSTITUTION_BIND, type Profile, type ProfileStatement, type StatementVariant } from './parseProfile.js';
import { STATEMENTS, type BindType } from './statements.js';

export type BindValue = string | number | Decimal | Date | null | undefined;
export type Binds = Record<string, BindValue>;

export interface RunOptions {
  /** Run inside this transaction instead of on the pool. */
  trx?: Knex.Transaction;
}

export interface StatementResult {
  rows: Row[];
  /** Rows a write changed; undefined when the driver does not report it (Oracle). */
  affected: number | undefined;
}

/** The statement's SQL for a dialect: its own variant, else the default. */
export function variantFor(
  profile: Profile,
  name: string,
  db: Pick<Db, 'dialect' | 'info'>,
): { statement: ProfileStatement; variant: StatementVariant } {
  const statement = profile.statements[name];
  if (!statement) {
    throw inputError(
      'PROFILE_NO_STATEMENT',
      `The profile ${profile.file} has no statement "${name}"`,
      `Add "${name}" to the profile (copy it from templates/profiles/reference.yaml).`,
    ).zh(
      `接口配置 ${profile.file} 中没有语句 "${name}"`,
      `请将 "${name}" 加入接口配置（可从 templates/profiles/reference.yaml 复制）。`,
    );
  }
  if (statement.unsupported !== undefined) throw unsupportedError(profile, statement);
  const variant = statement.variants[db.dialect] ?? statement.variants.default;
  if (!variant) {
    throw inputError(
      'PROFILE_NO_VARIANT',
      `${profile.file}:${statement.line}: statement "${name}" has no SQL for ${db.info.label}`,
      `Add "${db.dialect}:" (or "default:") under its sql.`,
      `It has SQL only for ${Object.keys(statement.variants).join(', ')}.`,
    ).zh(
      `${profile.file}:${statement.line}：语句 "${name}" 没有适用于 ${db.info.label} 的 SQL`,
      `请在其 sql 下添加 "${db.dialect}:"（或 "default:"）。`,
      `它只有适用于 ${Object.keys(statement.variants).join('、')} 的 SQL。`,
    );
  }
  return { statement, variant };
}

/**
 * The profile says this HIS does not provide the statement: the job cannot do what was asked here
 * (rather than finding "nothing to do", which would read as a quiet day).
 */
export function unsupportedError(profile: Profile, statement: ProfileStatement): HisopsError {
  const what = STATEMENTS[statement.name]?.doc ?? statement.name;
  return inputError(
    'PROFILE_UNSUPPORTED',
    `This HIS does not provide ${statement.name} (${what}): ${statement.unsupported}`,
    `Nothing was read or changed. If the HIS does hold this data, replace "unsupported:" of "${statement.name}" in ${profile.file}:${statement.line} with its sql, then run hisops profile check.`,
    `The profile marks the statement unsupported.`,
    { statement: statement.name, file: profile.file, line: statement.line, reason: statement.unsupported },
  ).zh(
    `此 HIS 不提供 ${statement.name}：${statement.unsupported ?? ''}`,
    `未读取或修改任何数据。若 HIS 确有此数据，请在 ${profile.file}:${statement.line} 将 "${statement.name}" 的 unsupported: 换成其 sql，然后运行 hisops profile check。`,
    '配置文件将该语句标为不支持（unsupported）。',
  );
}

/** The value of an institution bind (`:fixmedins_code`, or one the profile declares under binds:). */
function institutionValue(profile: Profile, name: string, bind: string): string {
  const v = profile.bindValues?.[bind];
  if (v !== undefined) return v;
  const declared = bind === INSTITUTION_BIND || bind in profile.binds;
  if (!declared) {
    throw new HisopsError({
      code: 'PROFILE_BIND_VALUE',
      summary: `No value was given for :${bind} of statement "${name}"`,
      fix: 'This is a bug in hisops: report it with the command you ran.',
      exit: EXIT.internal,
    }).zh(`语句 "${name}" 的 :${bind} 没有给出值`, '这是 hisops 的程序缺陷：请连同所执行的命令一起报告。');
  }
  throw inputError(
    'PROFILE_INSTITUTION_BIND',
    `Statement "${name}" of ${profile.file} uses :${bind}, and the institution gives it no value`,
    bind === INSTITUTION_BIND
      ? 'Set fixmedins_code of the institution in hisops.yaml.'
      : `Add binds:\n      ${bind}: <value>\nunder the institution in hisops.yaml (${profile.binds[bind] || 'declared in the profile'}).`,
    undefined,
    { statement: name, bind },
  ).zh(
    `语句 "${name}" 使用 :${bind}，但机构未给出其值`,
    bind === INSTITUTION_BIND
      ? '请在 hisops.yaml 中为该机构设置 fixmedins_code。'
      : `请在 hisops.yaml 的该机构下添加 binds: { ${bind}: <值> }。`,
    '机构绑定值缺失。',
  );
}

/** Convert a bind value to what every driver accepts: text for money, times and dates. */
export function bindValue(type: BindType | undefined, v: BindValue): string | number | null {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'money':
      return fmt(v instanceof Date ? String(v) : v);
    case 'decimal':
      return typeof v === 'number' ? v : String(v);
    case 'datetime':
      return v instanceof Date ? formatDateTime(v) : String(v);
    case 'date':
      return v instanceof Date ? formatDate(v) : String(v).slice(0, 10);
    default:
      return typeof v === 'number' ? String(v) : v instanceof Date ? formatDateTime(v) : String(v);
  }
}

/** The positional SQL and the values in order, ready for knex.raw. */
export function prepareStatement(
  profile: Profile,
  name: string,
  db: Pick<Db, 'dialect' | 'info'>,
  binds: Binds,
): { sql: string; values: Array<string | number | null>; statement: ProfileStatement; variant: StatementVariant } {
  const { statement, variant } = variantFor(profile, name, db);
  const spec = STATEMENTS[name]!;
  const values = variant.positional.order.map((b) => {
    if (!(b in spec.binds)) return institutionValue(profile, name, b);
    if (!(b in binds)) {
      throw new HisopsError({
        code: 'PROFILE_BIND_VALUE',
        summary: `No value was given for :${b} of statement "${name}"`,
        fix: 'This is a bug in hisops: report it with the command you ran.',
        exit: EXIT.internal,
      }).zh(`语句 "${name}" 的 :${b} 没有给出值`, '这是 hisops 的程序缺陷：请连同所执行的命令一起报告。');
    }
    return bindValue(spec.binds[b]?.type, binds[b]);
  });
  return { sql: variant.positional.sql, values, statement, variant };
}

export async function executeStatement(
  db: Db,
  profile: Profile,
  name: string,
  binds: Binds = {},
  opts: RunOptions = {},
): Promise<StatementResult> {
  const { sql, values, variant } = prepareStatement(profile, name, db, binds);
  let raw: unknown;
  try {
    raw = await (opts.trx ?? db.knex).raw(sql, values);
  } catch (e) {
    throw statementError(e, db, profile, name, variant.line);
  }
  const { rows, affected } = RESULT_SHAPES[db.dialect](raw);
  return { rows: rows.map(normalizeRow), affected };
}

export interface EachOptions extends ArrayOptions {
  /**
   * Only these of the statement's (canonical) columns: the statement becomes a derived table they
   * are selected from, so the database does not send the rest.
   */
  only?: readonly string[];
  /**
   * The statement as a derived table inside a query of the caller's: `outer` is given the FROM
   * item (`(…statement…) hisops_q`) and returns the whole SELECT (e.g. sums grouped by the
   * database). The statement's binds are bound as usual; `outer` adds none.
   */
  outer?: (from: string) => string;
}

/**
 * A read statement's rows handed to `onRow` one by one as they come (queryEach), as arrays raw as
 * the driver gives them (no normalisation), with the lower-cased column names: for the few reads
 * that pass a million rows (reconciliation), where an object per row costs more than the query
 * and a caller that only sums the rows need hold none of them. Resolves to the column names.
 */
export async function runStatementEach(
  db: Db,
  profile: Profile,
  name: string,
  binds: Binds,
  onRow: RowSink,
  opts: EachOptions = {},
): Promise<string[]> {
  const prepared = prepareStatement(profile, name, db, binds);
  const { values, variant } = prepared;
  const sql = opts.outer
    ? opts.outer(`${parenthesized(prepared.sql)} hisops_q`)
    : opts.only
      ? `SELECT ${opts.only.join(', ')} FROM ${parenthesized(prepared.sql)} hisops_only`
      : prepared.sql;
  let raw: readonly string[] | undefined;
  let lower: string[] = [];
  // What onRow throws is the caller's and passes as it is; the rest is the database's.
  let own: unknown;
  const each: RowSink = (v, columns) => {
    if (columns !== raw) {
      raw = columns;
      lower = columns.map((c) => c.toLowerCase());
    }
    try {
      onRow(v, lower);
    } catch (e) {
      own = e;
      throw e;
    }
  };
  let columns: string[];
  try {
    columns = await queryEach(db, sql, values, each, opts);
  } catch (e) {
    if (e === own) throw e;
    throw statementError(e, db, profile, name, variant.line);
  }
  return columns.map((c) => c.toLowerCase());
}

/** Rows of a read statement (a write returns no rows; use runWrite for its count). */
export async function runStatement(
  db: Db,
  profile: Profile,
  name: string,
  binds: Binds = {},
  opts: RunOptions = {},
): Promise<Row[]> {
  return (await executeStatement(db, profile, name, binds, opts)).rows;
}

/** Run a write statement; the number of rows it changed (undefined when the driver does not say). */
export async function runWrite(
  db: Db,
  profile: Profile,
  name: string,
  binds: Binds = {},
  opts: RunOptions = {},
): Promise<number | undefined> {
  return (await executeStatement(db, profile, name, binds, opts)).affected;
}

export function statementError(e: unknown, db: Db, profile: Profile, name: string, line: number): HisopsError {
  const c = classifyDbError(e, db.target);
  if (c.code !== 'DB_FAILED') return c;
  return externalError(
    'PROFILE_STATEMENT_FAILED',
    `Statement "${name}" (${profile.file}:${line}) failed on ${db.info.label}`,
    'Check its SQL against your HIS tables and columns, then run hisops doctor (it runs every read statement).',
    c.why,
    { statement: name, file: profile.file, line },
  ).zh(
    `语句 "${name}"（${profile.file}:${line}）在 ${db.info.label} 上执行失败`,
    '请对照 HIS 的表和列检查其 SQL，然后运行 hisops doctor（它会运行每条读语句）。',
    c.why ? `数据库报错：\`${c.why}\`` : undefined,
  );
}
