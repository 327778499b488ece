/**
 * `hisops profile check`: run every statement of a profile on the HIS with real binds for one day
 * and check what comes back against the contract (contract.ts). Reads run as they are; writes run
 * inside a transaction that is always rolled back (their effect read back first), or with
 * `writes: 'prepare'` are only compiled by the database (EXPLAIN), which still finds a missing
 * column. Nothing is ever committed.
 */
import type { Db, Knex } from '../db/index.js';
import { isHisopsError } from '../errors.js';
import { normalizeRow, type Row } from './canonical.js';
import { checkBindsFor, type CheckSamples } from './checkBinds.js';
import { STATEMENT_CONTRACTS } from './contract.js';
import { checkRows, type ContractProblem } from './contractChecks.js';
import { COLUMN_READERS, RESULT_SHAPES } from './dialectResults.js';
import type { Profile } from './parseProfile.js';
import { executeStatement, prepareStatement, statementError, type Binds } from './runStatement.js';
import { STATEMENTS, STATEMENT_NAMES } from './statements.js';

export interface CheckOptions {
  /** The day whose rows are read (yyyy-MM-dd). */
  date: string;
  /** run: writes run in a rolled-back transaction; prepare: only compiled (EXPLAIN). */
  writes: 'run' | 'prepare';
  /** Sample rows kept per statement (default 3). */
  samples?: number;
  now?: Date;
}

export interface StatementCheck {
  name: string;
  kind: 'read' | 'write';
  status: 'ok' | 'problems' | 'warnings' | 'unsupported' | 'prepared' | 'not_checked';
  rows?: number;
  /** Rows a write changed before it was rolled back. */
  affected?: number;
  sample: Row[];
  problems: ContractProblem[];
  unsupported?: string;
  note?: string;
  line: number;
}

export interface CheckReport {
  file: string;
  date: string;
  writes: 'run' | 'prepare';
  dialect: string;
  statements: StatementCheck[];
  errors: number;
  warnings: number;
}

/** Reads first, in an order that lets later statements take their keys from earlier rows. */
const ORDER = ['settlements_in_period', 'pending_settlements', 'his_items', 'mappings'];

export async function checkProfile(db: Db, profile: Profile, o: CheckOptions): Promise<CheckReport> {
  const samples: CheckSamples = { date: o.date, now: o.now ?? new Date(), rows: {} };
  const names = [...ORDER, ...STATEMENT_NAMES.filter((n) => !ORDER.includes(n))].filter(
    (n) => STATEMENTS[n]!.kind === 'read',
  );
  const writes = STATEMENT_NAMES.filter((n) => STATEMENTS[n]!.kind === 'write');
  const out: StatementCheck[] = [];
  for (const name of [...names, ...writes]) {
    const st = profile.statements[name];
    const base = {
      name,
      kind: STATEMENTS[name]!.kind,
      sample: [] as Row[],
      problems: [] as ContractProblem[],
      line: st?.line ?? 0,
    };
    if (!st) {
      out.push({ ...base, status: 'not_checked', note: 'not in the profile (optional)' });
      continue;
    }
    if (st.unsupported !== undefined) {
      out.push({ ...base, status: 'unsupported', unsupported: st.unsupported });
      continue;
    }
    const binds = checkBindsFor(name, samples);
    const r =
      base.kind === 'read'
        ? await checkRead(db, profile, name, binds, samples, o.samples ?? 3)
        : o.writes === 'run'
          ? await runWriteRolledBack(db, profile, name, binds)
          : await prepareWrite(db, profile, name, binds);
    out.push({ ...base, ...r, status: statusOf(r.problems, r.status) });
  }
  const all = out.flatMap((s) => s.problems);
  return {
    file: profile.file,
    date: o.date,
    writes: o.writes,
    dialect: db.info.label,
    statements: out,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
  };
}

function statusOf(problems: ContractProblem[], given?: StatementCheck['status']): StatementCheck['status'] {
  if (problems.some((p) => p.severity === 'error')) return 'problems';
  if (problems.length) return 'warnings';
  return given ?? 'ok';
}

type Partial_ = Pick<StatementCheck, 'problems'> &
  Partial<Pick<StatementCheck, 'rows' | 'affected' | 'sample' | 'note' | 'status'>>;

function failed(name: string, e: unknown): ContractProblem {
  const msg = isHisopsError(e) ? [e.summary, e.why].filter(Boolean).join(': ') : String((e as Error)?.message ?? e);
  const fix = isHisopsError(e) && e.fix ? e.fix : 'Correct the SQL of the statement for this HIS.';
  const zh = isHisopsError(e) && e.zhText ? e.text('zh-CN') : undefined;
  return {
    statement: name,
    severity: 'error',
    check: 'failed',
    message: msg,
    fix,
    ...(zh ? { zh: { message: [zh.summary, zh.why].filter(Boolean).join('：'), fix: zh.fix } } : {}),
  };
}

async function checkRead(
  db: Db,
  profile: Profile,
  name: string,
  binds: Binds,
  samples: CheckSamples,
  keep: number,
): Promise<Partial_> {
  try {
    const { sql, values, variant } = prepareStatement(profile, name, db, binds);
    let raw: unknown;
    try {
      raw = await db.knex.raw(sql, values);
    } catch (e) {
      throw statementError(e, db, profile, name, variant.line);
    }
    const rows = RESULT_SHAPES[db.dialect](raw).rows.map(lowerKeys);
    const columns = rows.length
      ? undefined
      : (
          await COLUMN_READERS[db.dialect](
            db,
            db.info.limitZero(sql),
            values,
            await db.knex.raw(db.info.limitZero(sql), values),
          ).catch(() => undefined)
        )?.map((c) => c.toLowerCase());
    const problems = checkRows(name, rows, columns);
    const sample = rows.slice(0, keep).map((r) => maskSample(safeNormalize(r)));
    samples.rows[name] = rows.length ? safeNormalize(pickSample(name, rows)) : undefined;
    return { problems, rows: rows.length, sample };
  } catch (e) {
    return { problems: [failed(name, e)] };
  }
}

/** A settlement that is neither a refund nor pending makes the best key for the other statements. */
function pickSample(name: string, rows: Row[]): Row {
  if (name !== 'settlements_in_period') return rows[0]!;
  return rows.find((r) => String(r.refd_setl_flag) === '0' && r.his_status === 'settled' && r.setl_id) ?? rows[0]!;
}

function lowerKeys(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const k of Object.keys(r)) out[k.toLowerCase()] = r[k];
  return out;
}

/**
 * Samples are shown and put into JSON: identity numbers and names of patients are masked there
 * (the rows themselves are checked unmasked).
 */
const MASKS: Record<string, (v: string) => string> = {
  certno: (v) => (v.length > 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : '*'.repeat(v.length)),
  psn_name: (v) => (v.length > 1 ? `${v[0]}${'*'.repeat(v.length - 1)}` : '*'),
  phar_prac_cert_no: (v) => `${'*'.repeat(Math.max(0, v.length - 4))}${v.slice(-4)}`,
};

function maskSample(r: Row): Row {
  const out: Row = { ...r };
  for (const [k, m] of Object.entries(MASKS))
    if (typeof out[k] === 'string' && out[k] !== '') out[k] = m(out[k] as string);
  return out;
}

/** Canonical values for the sample; a value that does not convert is shown as it came. */
function safeNormalize(r: Row): Row {
  try {
    return normalizeRow(r);
  } catch {
    return r;
  }
}

async function runWriteRolledBack(db: Db, profile: Profile, name: string, binds: Binds): Promise<Partial_> {
  const trx: Knex.Transaction = await db.knex.transaction();
  try {
    const { affected } = await executeStatement(db, profile, name, binds, { trx });
    const problems = affected ? await checkEffect(db, profile, name, binds, trx) : [];
    return {
      problems,
      affected,
      note: affected === 0 ? 'ran; changed no row for the sample key (rolled back)' : 'ran and rolled back',
    };
  } catch (e) {
    return { problems: [failed(name, e)] };
  } finally {
    await trx.rollback().catch(() => undefined);
  }
}

/** Read the changed row back inside the transaction and compare it with the contract's effect. */
async function checkEffect(
  db: Db,
  profile: Profile,
  name: string,
  binds: Binds,
  trx: Knex.Transaction,
): Promise<ContractProblem[]> {
  const effect = STATEMENT_CONTRACTS[name]?.effect;
  if (!effect || profile.statements[effect.read]?.unsupported !== undefined || !profile.statements[effect.read])
    return [];
  const rows = (await executeStatement(db, profile, effect.read, { [effect.key]: binds[effect.key] }, { trx })).rows;
  const out: ContractProblem[] = [];
  for (const [c, want] of Object.entries(effect.expect)) {
    const seen = rows[0]?.[c];
    if (rows.length && String(seen ?? '') === want) continue;
    out.push({
      statement: name,
      column: c,
      severity: 'error',
      check: 'effect',
      message: rows.length
        ? `after it ran, ${effect.read} reads ${c} ${JSON.stringify(seen ?? null)}, not ${want}`
        : `after it ran, ${effect.read} finds no row for :${effect.key}`,
      values: [JSON.stringify(seen ?? null)],
      fix: `The write must leave the row so that ${effect.read} reads ${c} = ${want}: set the HIS value that your ${effect.read} maps to ${want}.`,
      consequence: STATEMENT_CONTRACTS[name]!.wrong,
    });
  }
  return out;
}

/** The database's own compile of a write, without running it. */
const EXPLAIN: Partial<Record<Db['dialect'], (sql: string) => string>> = {
  sqlite: (sql) => `EXPLAIN ${sql}`,
  postgres: (sql) => `EXPLAIN ${sql}`,
  mysql: (sql) => `EXPLAIN ${sql}`,
  oracle: (sql) => `EXPLAIN PLAN FOR ${sql}`,
};

async function prepareWrite(db: Db, profile: Profile, name: string, binds: Binds): Promise<Partial_> {
  const explain = EXPLAIN[db.dialect];
  if (!explain)
    return {
      problems: [],
      status: 'not_checked',
      note: `${db.info.label} cannot compile a write without running it; run profile check without --no-writes`,
    };
  try {
    const { sql, values, variant } = prepareStatement(profile, name, db, binds);
    try {
      await db.knex.raw(explain(sql), values);
    } catch (e) {
      throw statementError(e, db, profile, name, variant.line);
    }
    return { problems: [], status: 'prepared', note: 'compiled by the database (not run)' };
  } catch (e) {
    return { problems: [failed(name, e)] };
  }
}
