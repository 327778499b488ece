/**
 * The reconciliation's journal tables: one row per run (its range, outcome and per-day result)
 * and one row per finding (the national keys, kind, cause, repair and the whole finding as JSON).
 * `hisops reconcile history` reads runs; the stuck-settlement job reads the latest one-sided
 * findings through `latestOneSidedFindings`. Re-running a day adds a run; the latest run that
 * covered a day is that day's answer.
 */
import { widenColumns, type Journal, type JournalTable } from '../journal/index.js';
import type { DaySummary, GroupResult, RunStatus } from './summary.js';
import type { Finding, FindingKind } from './types.js';
import type { ErrorCode } from '../errors.js';

export const RECONCILE_RUNS_TABLE: JournalTable = {
  name: 'hisops_reconcile_runs',
  build: (t) => {
    t.string('run_id', 40).primary();
    t.string('fixmedins_code', 30).notNullable();
    t.string('begndate', 10).notNullable();
    t.string('enddate', 10).notNullable();
    t.string('period_mode', 10).notNullable();
    t.string('started_at', 30).notNullable();
    t.string('finished_at', 30).nullable();
    /** running · balanced · unbalanced · failed */
    t.string('status', 12).notNullable();
    t.integer('groups_total').nullable();
    t.integer('groups_unbalanced').nullable();
    t.integer('findings_count').nullable();
    t.text('days').nullable();
    t.text('groups').nullable();
    t.text('errors').nullable();
    t.text('options').nullable();
    t.index(['begndate', 'enddate'], 'hisops_reconcile_runs_range');
    t.index(['started_at'], 'hisops_reconcile_runs_started');
  },
};

export const RECONCILE_FINDINGS_TABLE: JournalTable = {
  name: 'hisops_reconcile_findings',
  build: (t) => {
    t.increments('id').primary();
    t.string('run_id', 40).notNullable();
    t.integer('seq').notNullable();
    t.string('begndate', 10).notNullable();
    t.string('enddate', 10).notNullable();
    t.string('kind', 24).notNullable();
    t.string('cause', 40).notNullable();
    t.string('insutype', 6).nullable();
    t.string('clr_type', 6).nullable();
    t.string('setl_optins', 6).nullable();
    t.string('setl_id', 64).nullable();
    t.string('mdtrt_id', 64).nullable();
    t.string('psn_no', 64).nullable();
    t.string('msgid', 40).nullable();
    t.string('related_setl_id', 64).nullable();
    t.string('repair_action', 24).notNullable();
    t.integer('repair_certain').notNullable();
    t.string('repair_status', 12).notNullable();
    t.text('detail').notNullable();
    t.text('finding').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['run_id'], 'hisops_reconcile_findings_run');
    t.index(['begndate', 'kind'], 'hisops_reconcile_findings_day');
    t.index(['setl_id'], 'hisops_reconcile_findings_setl');
  },
  migrations: [
    widenColumns('001-widen-center-ids', 'hisops_reconcile_findings', [
      { name: 'setl_id', length: 64, nullable: true },
      { name: 'mdtrt_id', length: 64, nullable: true },
      { name: 'psn_no', length: 64, nullable: true },
      { name: 'related_setl_id', length: 64, nullable: true },
    ]),
  ],
};

export interface RunRow {
  run_id: string;
  fixmedins_code: string;
  begndate: string;
  enddate: string;
  period_mode: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus | 'running';
  groups_total: number | null;
  groups_unbalanced: number | null;
  findings_count: number | null;
  days: DaySummary[];
  groups: GroupResult[];
  errors: Array<{ code: string; summary: string; why?: string }>;
  options: Record<string, unknown>;
}

async function ensure(j: Pick<Journal, 'ensure'>): Promise<void> {
  await j.ensure(RECONCILE_RUNS_TABLE);
  await j.ensure(RECONCILE_FINDINGS_TABLE);
}

export async function recordRunStart(
  j: Journal,
  r: {
    run_id: string;
    fixmedins_code: string;
    begndate: string;
    enddate: string;
    period_mode: string;
    started_at: Date;
    options: Record<string, unknown>;
  },
): Promise<void> {
  await ensure(j);
  // A re-run under the same run id (a resumed command) replaces its earlier record.
  await j.knex(RECONCILE_FINDINGS_TABLE.name).where({ run_id: r.run_id }).delete();
  await j.knex(RECONCILE_RUNS_TABLE.name).where({ run_id: r.run_id }).delete();
  await j.knex(RECONCILE_RUNS_TABLE.name).insert({
    run_id: r.run_id,
    fixmedins_code: r.fixmedins_code,
    begndate: r.begndate,
    enddate: r.enddate,
    period_mode: r.period_mode,
    started_at: r.started_at.toISOString(),
    status: 'running',
    options: JSON.stringify(r.options),
  });
}

export async function recordRunEnd(
  j: Journal,
  r: {
    run_id: string;
    finished_at: Date;
    status: RunStatus;
    days: DaySummary[];
    groups: GroupResult[];
    findings: Finding[];
    errors: Array<{ code: ErrorCode; summary: string; why?: string }>;
  },
): Promise<void> {
  await ensure(j);
  const now = r.finished_at.toISOString();
  const rows = r.findings.map((f, i) => ({
    run_id: r.run_id,
    seq: i + 1,
    begndate: f.begndate,
    enddate: f.enddate,
    kind: f.kind,
    cause: f.cause,
    insutype: f.insutype,
    clr_type: f.clr_type,
    setl_optins: f.setl_optins,
    setl_id: f.setl_id,
    mdtrt_id: f.mdtrt_id,
    psn_no: f.psn_no,
    msgid: f.msgid,
    related_setl_id: f.related_setl_id,
    repair_action: f.repair.action,
    repair_certain: f.repair.certain ? 1 : 0,
    repair_status: f.repair.status,
    detail: f.detail,
    finding: JSON.stringify(f),
    created_at: now,
  }));
  await j.knex.transaction(async (trx) => {
    await trx(RECONCILE_FINDINGS_TABLE.name).where({ run_id: r.run_id }).delete();
    // Modest batches: every dialect accepts them within its bind-parameter limit.
    for (let i = 0; i < rows.length; i += 50) await trx(RECONCILE_FINDINGS_TABLE.name).insert(rows.slice(i, i + 50));
    await trx(RECONCILE_RUNS_TABLE.name)
      .where({ run_id: r.run_id })
      .update({
        finished_at: now,
        status: r.status,
        groups_total: r.groups.length,
        groups_unbalanced: r.groups.filter((g) => g.balanced === false).length,
        findings_count: r.findings.length,
        days: JSON.stringify(r.days),
        groups: JSON.stringify(r.groups),
        errors: JSON.stringify(r.errors),
      });
  });
}

const parse = <T>(v: unknown, fallback: T): T => {
  if (typeof v !== 'string' || v === '') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

function runRow(r: Record<string, unknown>): RunRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    run_id: String(r.run_id),
    fixmedins_code: String(r.fixmedins_code),
    begndate: String(r.begndate),
    enddate: String(r.enddate),
    period_mode: String(r.period_mode),
    started_at: String(r.started_at),
    finished_at: r.finished_at === null || r.finished_at === undefined ? null : String(r.finished_at),
    status: String(r.status) as RunRow['status'],
    groups_total: n(r.groups_total),
    groups_unbalanced: n(r.groups_unbalanced),
    findings_count: n(r.findings_count),
    days: parse<DaySummary[]>(r.days, []),
    groups: parse<GroupResult[]>(r.groups, []),
    errors: parse(r.errors, []),
    options: parse(r.options, {}),
  };
}

/** The last runs, newest first. */
export async function reconcileHistory(
  j: Journal,
  o: { limit?: number; fixmedins_code?: string } = {},
): Promise<RunRow[]> {
  await ensure(j);
  const q = j
    .knex(RECONCILE_RUNS_TABLE.name)
    .select('*')
    .orderBy('started_at', 'desc')
    .orderBy('run_id', 'desc')
    .limit(o.limit ?? 20);
  if (o.fixmedins_code) q.where({ fixmedins_code: o.fixmedins_code });
  return ((await q) as Record<string, unknown>[]).map(runRow);
}

/** Each day's latest finished run (balanced / unbalanced), newest day first. */
export function latestPerDay(
  runs: readonly RunRow[],
): Array<{ day: string; run_id: string; started_at: string } & DaySummary> {
  const best = new Map<string, { run: RunRow; d: DaySummary }>();
  for (const run of runs) {
    if (run.status !== 'balanced' && run.status !== 'unbalanced') continue;
    for (const d of run.days) {
      const cur = best.get(d.day);
      if (!cur || cur.run.started_at < run.started_at) best.set(d.day, { run, d });
    }
  }
  return [...best.values()]
    .map(({ run, d }) => ({ ...d, run_id: run.run_id, started_at: run.started_at }))
    .sort((a, b) => (a.day < b.day ? 1 : -1));
}

export interface OneSidedFinding {
  run_id: string;
  /** The day the finding showed (the period's first day). */
  day: string;
  /** The period the finding showed in. */
  begndate: string;
  enddate: string;
  kind: Extract<FindingKind, 'center_only' | 'his_only'>;
  cause: string;
  setl_id: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  msgid: string | null;
  /** The settlement call's infno (2207/2304) when known. */
  infno: string | null;
  related_setl_id: string | null;
  insutype: string | null;
  clr_type: string | null;
  setl_optins: string | null;
  repair_action: string;
  repair_certain: boolean;
  repair_status: string;
  detail: string;
  found_at: string;
}

const ONE_SIDED = ['center_only', 'his_only'] as const;

/**
 * For the stuck-settlement job: the one-sided findings (center-only and HIS-only settlements) of
 * the latest finished run covering each day of [from, to] (yyyy-MM-dd, inclusive; either end open).
 */
export async function latestOneSidedFindings(
  j: Pick<Journal, 'ensure' | 'knex'>,
  period: { from?: string; to?: string; fixmedins_code?: string } = {},
): Promise<OneSidedFinding[]> {
  const o = { from: period.from ?? '0000-01-01', to: period.to ?? '9999-12-31', fixmedins_code: period.fixmedins_code };
  await ensure(j);
  const q = j
    .knex(RECONCILE_RUNS_TABLE.name)
    .select('run_id', 'begndate', 'enddate', 'started_at')
    .whereIn('status', ['balanced', 'unbalanced'])
    .where('begndate', '<=', o.to)
    .where('enddate', '>=', o.from)
    .orderBy('started_at', 'desc');
  if (o.fixmedins_code) q.where({ fixmedins_code: o.fixmedins_code });
  const runs = (await q) as Array<{ run_id: string; begndate: string; enddate: string; started_at: string }>;
  // The latest run that covered each day answers for it.
  const owner = new Map<string, string>();
  for (const r of runs) {
    for (let d = r.begndate > o.from ? r.begndate : o.from; d <= r.enddate && d <= o.to; d = nextDay(d))
      if (!owner.has(d)) owner.set(d, r.run_id);
  }
  const runIds = [...new Set(owner.values())];
  if (runIds.length === 0) return [];
  const rows = (await j
    .knex(RECONCILE_FINDINGS_TABLE.name)
    .select('*')
    .whereIn('run_id', runIds)
    .whereIn('kind', [...ONE_SIDED])
    .orderBy('run_id')
    .orderBy('seq')) as Record<string, unknown>[];
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows
    .filter((r) => {
      const b = String(r.begndate);
      if (String(r.enddate) < o.from || b > o.to) return false;
      return owner.get(b < o.from ? o.from : b) === String(r.run_id);
    })
    .map((r) => {
      const f = JSON.parse(String(r.finding)) as Finding;
      return {
        run_id: String(r.run_id),
        day: String(r.begndate),
        begndate: String(r.begndate),
        enddate: String(r.enddate),
        kind: String(r.kind) as OneSidedFinding['kind'],
        cause: String(r.cause),
        setl_id: str(r.setl_id),
        mdtrt_id: str(r.mdtrt_id),
        psn_no: str(r.psn_no),
        msgid: str(r.msgid),
        infno: str(f.evidence.his_log?.infno) ?? str(f.evidence.his?.infno) ?? infnoOf(f),
        related_setl_id: str(r.related_setl_id),
        insutype: str(r.insutype),
        clr_type: str(r.clr_type),
        setl_optins: str(r.setl_optins),
        repair_action: String(r.repair_action),
        repair_certain: Number(r.repair_certain) === 1,
        repair_status: String(r.repair_status),
        detail: String(r.detail),
        found_at: String(r.created_at),
      };
    });
}

/** The settlement transaction a finding's call was, from the repair when nothing better is known. */
function infnoOf(f: Finding): string | null {
  if (f.repair.infno === '2208') return '2207';
  if (f.repair.infno === '2305') return '2304';
  return null;
}

function nextDay(d: string): string {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
}

/** Findings of one run (whole records), in their order. */
export async function runFindings(j: Journal, run_id: string): Promise<Finding[]> {
  await ensure(j);
  const rows = (await j
    .knex(RECONCILE_FINDINGS_TABLE.name)
    .select('finding')
    .where({ run_id })
    .orderBy('seq')) as Array<{ finding: string }>;
  return rows.map((r) => JSON.parse(r.finding) as Finding);
}
