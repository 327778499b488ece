/**
 * The third source: settlements the latest reconciliation classified as one-sided. core/reconcile
 * exports `latestOneSidedFindings(journal, { from, to })`, loaded on first use (a tested
 * `source` may stand in for it). Its rows are read tolerantly: a
 * `kind`/`classification`/`cause` naming center-only or HIS-only, and any of setl_id, msgid,
 * mdtrt_id, psn_no, infno, day (or stmt day / setl_time).
 */
import type { JournalLike } from '../center/index.js';
import type { OneSidedFinding } from './types.js';

export type ReconcileSource = (journal: JournalLike, period: { from?: string; to?: string }) => Promise<unknown[]>;

export interface ReconcileRead {
  available: boolean;
  findings: OneSidedFinding[];
  note: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

function sideOf(r: Record<string, unknown>): OneSidedFinding['side'] | null {
  const k = String(r.kind ?? r.classification ?? r.cause ?? r.type ?? '')
    .toLowerCase()
    .replace(/[-\s]/g, '_');
  if (/center_?only|centre_?only|center_one_sided|医药机构无此结算/.test(k)) return 'center_only';
  if (/his_?only|hospital_?only|中心无此结算|中心已冲正/.test(k)) return 'his_only';
  return null;
}

export function normalizeFinding(raw: unknown): OneSidedFinding | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const side = sideOf(r);
  if (!side) return null;
  const center = (r.center ?? {}) as Record<string, unknown>;
  const his = (r.his ?? {}) as Record<string, unknown>;
  const pick = (k: string) => str(r[k]) ?? str(center[k]) ?? str(his[k]);
  const finding: OneSidedFinding = {
    side,
    setl_id: pick('setl_id'),
    msgid: pick('msgid') ?? pick('medins_setl_id'),
    mdtrt_id: pick('mdtrt_id'),
    psn_no: pick('psn_no'),
    infno: pick('infno'),
    day: (str(r.day) ?? pick('setl_time') ?? '').slice(0, 10) || null,
    cause: str(r.cause),
    related_setl_id: str(r.related_setl_id),
  };
  return finding.setl_id || finding.msgid ? finding : null;
}

export async function loadOneSidedFindings(
  journal: JournalLike,
  period: { from?: string; to?: string },
  source?: ReconcileSource,
): Promise<ReconcileRead> {
  // A literal dynamic import: tsc and the architecture test see the dependency, and the settle
  // commands load core/reconcile (and its report writers) only when this source is read.
  const fn: ReconcileSource = source ?? (await import('../reconcile/index.js')).latestOneSidedFindings;
  const rows = await fn(journal, period);
  return {
    available: true,
    findings: (Array.isArray(rows) ? rows : []).map(normalizeFinding).filter((f): f is OneSidedFinding => f !== null),
    note: null,
  };
}
