/**
 * `settle audit`: read the settlements of a period from the HIS through the profile, recompute
 * each with the policy in force, and return those whose recorded split differs from the policy's
 * by more than the tolerance — each differing field with the explanation of the computed amount.
 * Cancellations and fixed-amount clearing are skipped and counted with the reason; a settlement
 * the engine refuses (no policy for its insutype, a refund line without its origin …) is listed
 * as unchecked with the error, never dropped.
 */
import path from 'node:path';
import { connect, type Db } from '../db/index.js';
import { type HisopsError, isHisopsError } from '../errors.js';
import { loadProfile, profilePathOf, runStatement, type Profile } from '../his/index.js';
import { fmt } from '../money.js';
import {
  checkInvariants,
  compareSettlement,
  explainRows,
  selectPolicy,
  splitBill,
  splitTotals,
  type ExplainRow,
  type FieldDifference,
  type Policy,
  type SettleResult,
  type SettleInput,
  type TotalsInput,
  type Violation,
} from '../rules/index.js';
import {
  type AuditAssumptions,
  type AuditInput,
  auditInputOf,
  type Row,
  skipReason,
  type SkipReason,
} from './auditInput.js';

export interface AuditOptions {
  db: Db;
  profile: Profile;
  policies: Policy[];
  /** Days yyyy-MM-dd, both inclusive (setl_time in [from 00:00, to + 1 day 00:00)). */
  from: string;
  to: string;
  /** Recompute at most this many settlements (default: all in the period). */
  limit?: number;
  assume?: AuditAssumptions;
  /** Largest accepted difference (default 0.01). */
  tolerance?: string;
}

export interface AuditDifference {
  field: string;
  recorded: string;
  policy: string;
  difference: string;
  explanation: ExplainRow | null;
}

export interface AuditFinding {
  setl_id: string;
  his_setl_no: string | null;
  psn_no: string | null;
  insutype: string;
  setl_time: string;
  policy: string;
  /** 'lines' recomputed from the fee lines, 'totals' from the recorded category totals. */
  basis: 'lines' | 'totals';
  differences: AuditDifference[];
  /** Sums the recorded row breaks (settlement-invariants.yaml, tolerance 0.01). */
  violations: Violation[];
  assumed: string[];
}

export interface AuditReport {
  from: string;
  to: string;
  read: number;
  recomputed: number;
  /** Settlements in the period left out by --limit. */
  not_examined: number;
  by_basis: { lines: number; totals: number };
  findings: AuditFinding[];
  skipped: Array<{ setl_id: string; reason: SkipReason; detail: string }>;
  skipped_by_reason: Partial<Record<SkipReason, number>>;
  /** `summary_zh` / `fix_zh`: the error's Chinese words, shown under --lang zh-CN (the JSON keeps both). */
  unchecked: Array<{
    setl_id: string;
    code: string;
    summary: string;
    fix: string | null;
    summary_zh?: string;
    fix_zh?: string;
  }>;
  /** The assumptions every recomputation shared (per-settlement extras are on each finding). */
  assumed: string[];
}

/** Next calendar day of yyyy-MM-dd (UTC arithmetic on a date only, no clock). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return t.toISOString().slice(0, 10);
}

export async function runAudit(o: AuditOptions): Promise<AuditReport> {
  const rows = await runStatement(o.db, o.profile, 'settlements_in_period', {
    from: `${o.from} 00:00:00`,
    to: `${nextDay(o.to)} 00:00:00`,
  });
  const report = emptyReport(o, rows.length);
  /** How many recomputed settlements took each assumption. */
  const shared = new Map<string, number>();
  for (const row of rows) {
    const setl_id = String(row['setl_id'] ?? row['his_setl_no'] ?? '');
    const skip = skipReason(row);
    if (skip) {
      report.skipped.push({ setl_id, ...skip });
      report.skipped_by_reason[skip.reason] = (report.skipped_by_reason[skip.reason] ?? 0) + 1;
      continue;
    }
    if (o.limit !== undefined && report.recomputed + report.unchecked.length >= o.limit) {
      report.not_examined++;
      continue;
    }
    try {
      await auditOne(o, row, setl_id, report, shared);
    } catch (e) {
      if (!isHisopsError(e) || e.exit === 1) throw e; // an engine bug is not an audit result
      report.unchecked.push(uncheckedOf(setl_id, e));
    }
  }
  // Assumptions that held for every recomputed settlement are stated once for the whole audit.
  report.assumed = [...shared].filter(([, n]) => n === report.recomputed).map(([s]) => s);
  const common = new Set(report.assumed);
  for (const f of report.findings) f.assumed = f.assumed.filter((s) => !common.has(s));
  return report;
}

function emptyReport(o: AuditOptions, read: number): AuditReport {
  return {
    from: o.from,
    to: o.to,
    read,
    recomputed: 0,
    not_examined: 0,
    by_basis: { lines: 0, totals: 0 },
    findings: [],
    skipped: [],
    skipped_by_reason: {},
    unchecked: [],
    assumed: [],
  };
}

/** Recompute one settlement with the policy in force; a finding when its split or its sums are off. */
async function auditOne(
  o: AuditOptions,
  row: Row,
  setl_id: string,
  report: AuditReport,
  shared: Map<string, number>,
): Promise<void> {
  const policy = selectPolicy(o.policies, String(row['insutype']), String(row['setl_time'] ?? '').slice(0, 10), {
    file: `setl_id ${setl_id}`,
    line: null,
    field: 'insutype',
  });
  const lines = await runStatement(o.db, o.profile, 'fee_lines_of_settlement', { setl_id });
  const a = auditInputOf(row, lines, policy, o.assume);
  if (a.kind === 'skip') return; // handled by the caller; kept for the type
  const result =
    a.kind === 'lines'
      ? splitBill(a.input as SettleInput, policy, { explain: true })
      : splitTotals(a.input as TotalsInput, policy, { explain: true });
  report.recomputed++;
  report.by_basis[a.kind]++;
  for (const s of a.assumed) shared.set(s, (shared.get(s) ?? 0) + 1);
  const diffs = compareSettlement(a.recorded, result, o.tolerance ?? '0.01');
  const violations = checkInvariants(a.recorded, { tolerance: o.tolerance ?? '0.01' }).filter(
    (v) => v.severity === 'error',
  );
  if (diffs.length === 0 && violations.length === 0) return;
  report.findings.push(findingOf(row, setl_id, policy, a, { diffs, violations, result }));
}

function findingOf(
  row: Row,
  setl_id: string,
  policy: Policy,
  a: Exclude<AuditInput, { kind: 'skip' }>,
  found: { diffs: FieldDifference[]; violations: Violation[]; result: SettleResult },
): AuditFinding {
  const explained = new Map(explainRows(found.result).map((r) => [r.field, r]));
  return {
    setl_id,
    his_setl_no: (row['his_setl_no'] as string | null) ?? null,
    psn_no: (row['psn_no'] as string | null) ?? null,
    insutype: String(row['insutype']),
    setl_time: String(row['setl_time'] ?? ''),
    policy: `${policy.name} ${policy.version} (${path.basename(policy.source.file)})`,
    basis: a.kind,
    differences: found.diffs.map((d) => ({
      field: d.field,
      recorded: fmt(d.recorded),
      policy: fmt(d.computed),
      difference: fmt(d.difference),
      explanation: explained.get(d.field) ?? null,
    })),
    violations: found.violations,
    assumed: a.assumed,
  };
}

/** A settlement the engine refused, with its error in both languages. */
function uncheckedOf(setl_id: string, e: HisopsError): AuditReport['unchecked'][number] {
  return {
    setl_id,
    code: e.code,
    summary: e.summary,
    fix: e.fix ?? null,
    ...(e.zhText ? { summary_zh: e.zhText.summary, ...(e.zhText.fix ? { fix_zh: e.zhText.fix } : {}) } : {}),
  };
}

export interface OpenAuditOptions {
  his: { url: string; password?: string; baseDir: string };
  /** `builtin:reference` or a path relative to baseDir. */
  profile: string;
  /** The institution's bind values (`fixmedins_code` and `institutions[].binds`). */
  binds?: Record<string, string | undefined>;
}

/** The HIS database and its profile, for `runAudit`; `close()` releases the connection. */
export async function openAudit(o: OpenAuditOptions): Promise<{ db: Db; profile: Profile; close(): Promise<void> }> {
  const profile = await loadProfile(profilePathOf(o.profile, o.his.baseDir), { binds: o.binds });
  const db = await connect(o.his.url, { password: o.his.password, baseDir: o.his.baseDir });
  return { db, profile, close: () => db.close().catch(() => undefined) };
}
