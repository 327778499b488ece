/**
 * The classifier (pure): the HIS's state of a candidate against the center's.
 *
 * | HIS \ center         | settled                       | cancelled          | reversed · absent | unknown (no setl_id) |
 * |----------------------|-------------------------------|--------------------|-------------------|----------------------|
 * | settled              | consistent, or amounts_differ | cancel_unrecorded  | his_only          | unconfirmed          |
 * | pending              | center_only                   | cancel_unrecorded  | neither           | unconfirmed          |
 * | missing (rolled back)| center_only                   | cancel_unrecorded  | neither           | unconfirmed          |
 * | void                 | center_only                   | cancel_unrecorded  | consistent        | unconfirmed          |
 * | cancelled            | center_only                   | consistent with its refund row, else cancel_unrecorded | consistent | unconfirmed |
 *
 * A center that could not be asked makes the candidate `unreachable`, whatever the HIS says.
 * `unknown`: no setl_id, and 5203 by visit could not tell (not asked, or the visit held no
 * settlement made by this call).
 */
import { D, fmt } from '../money.js';
import type { SettlementTotal } from '../his/index.js';
import type { AmountDelta, Candidate, CenterView, Finding, HisState, StuckClass } from './types.js';

/** Amount fields compared when both sides settled. */
export const COMPARED_AMOUNTS = [
  'medfee_sumamt',
  'fund_pay_sumamt',
  'hifp_pay',
  'acct_pay',
  'psn_cash_pay',
  'psn_part_amt',
  'hosp_part_amt',
] as const;

export function hisState(c: Candidate): HisState {
  if (!c.his) return 'missing';
  const s = String(c.his.his_status ?? '').toLowerCase();
  if (s === 'settled' || s === 'pending' || s === 'void' || s === 'cancelled') return s;
  return 'other';
}

export function amountDeltas(c: Candidate, v: CenterView): AmountDelta[] {
  if (!c.his || !v.setl) return [];
  const out: AmountDelta[] = [];
  for (const f of COMPARED_AMOUNTS) {
    const h = c.his[f];
    const cv = v.setl[f];
    if (h === null || h === undefined || cv === null || cv === undefined) continue;
    const diff = new D(cv).minus(new D(String(h)));
    if (!diff.isZero()) out.push({ field: f, his: fmt(String(h)), center: fmt(cv), diff: fmt(diff) });
  }
  return out;
}

/** The HIS books hold a cancellation as the center does: the original cancelled and its refund row. */
function hisHoldsCancellation(c: Candidate, his: HisState): boolean {
  return his === 'cancelled' && !!c.hisRefund;
}

function decide(
  c: Candidate,
  his: HisState,
  v: CenterView,
  deltas: AmountDelta[],
  openEntry: boolean,
): { cls: StuckClass; why: string } {
  const center = v.state;
  if (center === 'unreachable')
    return { cls: 'unreachable', why: `the center could not be asked (${v.note ?? 'no answer'})` };
  // The center's books hold the original and its refund row: so must the HIS's, or the original's
  // day stays unbalanced (a void, or no row at all, is not the same). A candidate that is itself a
  // refund row reads as settled (centerView), not here.
  if (center === 'cancelled' && !hisHoldsCancellation(c, his)) {
    const hisWord =
      his === 'missing'
        ? 'has no row for it'
        : his === 'cancelled'
          ? 'marked it cancelled but has no refund row'
          : `shows it ${his}`;
    return {
      cls: 'cancel_unrecorded',
      why: `the center cancelled it (original and refund row on its books); the HIS ${hisWord}`,
    };
  }
  const gone = center === 'cancelled' || center === 'reversed' || center === 'absent';
  const centerWord =
    center === 'absent'
      ? 'has no such settlement'
      : center === 'reversed'
        ? 'reversed it'
        : center === 'cancelled'
          ? 'cancelled it'
          : 'settled it';
  if (center === 'unknown') {
    return {
      cls: 'unconfirmed',
      why: `no setl_id is known and 5203 could not tell what became of the call; the HIS shows it ${his}`,
    };
  }
  switch (his) {
    case 'settled':
      if (gone) return { cls: 'his_only', why: `the HIS shows it settled; the center ${centerWord}` };
      return deltas.length
        ? { cls: 'amounts_differ', why: `both settled it; ${deltas.map((d) => d.field).join(', ')} differ` }
        : { cls: 'consistent', why: 'both settled it with the same amounts' };
    case 'pending':
      return gone
        ? { cls: 'neither', why: `the HIS waits for an answer; the center ${centerWord}` }
        : { cls: 'center_only', why: 'the center settled it; the HIS never stored the answer (still pending)' };
    case 'missing':
      // Nobody holds it: only an open write-ahead entry is left to close (an HIS log row alone agrees with both sides).
      if (gone)
        return openEntry
          ? { cls: 'neither', why: `the HIS has no settlement row; the center ${centerWord}` }
          : { cls: 'consistent', why: `the HIS has no settlement row; the center ${centerWord}` };
      return {
        cls: 'center_only',
        why: 'the center settled it; the HIS has no settlement row (rolled back after the call)',
      };
    case 'void':
    case 'cancelled':
      return gone
        ? { cls: 'consistent', why: `the HIS marked it ${his}; the center ${centerWord}` }
        : { cls: 'center_only', why: `the center settled it; the HIS marked it ${his}` };
    default:
      return gone
        ? { cls: 'his_only', why: `the HIS status is "${String(his)}"; the center ${centerWord}` }
        : { cls: 'amounts_differ', why: `the HIS status is "${String(his)}"; the center settled it` };
  }
}

export function classifyStuck(c: Candidate, v: CenterView): Finding {
  const his = hisState(c);
  const deltas = his === 'settled' ? amountDeltas(c, v) : [];
  const openEntry = !!c.call && !c.call.resolved_at && (c.call.status === 'pending' || c.call.status === 'unknown');
  const { cls, why } = decide(c, his, v, deltas, openEntry);
  const amt = (f: SettlementTotal): string | null => {
    if (v.setl) return v.setl[f];
    const h = c.his?.[f];
    return h === null || h === undefined ? null : String(h);
  };
  return {
    id: c.id,
    classification: cls,
    msgid: c.msgid,
    setl_id: v.setl?.setl_id ?? c.setl_id,
    infno: c.infno,
    psn_no: c.psn_no,
    mdtrt_id: c.mdtrt_id,
    his_setl_no: c.his_setl_no,
    at: c.at,
    sources: c.sources,
    his_state: his,
    center_state: v.state,
    center_via: v.via,
    medfee_sumamt: amt('medfee_sumamt'),
    fund_pay_sumamt: amt('fund_pay_sumamt'),
    acct_pay: amt('acct_pay'),
    psn_cash_pay: amt('psn_cash_pay'),
    deltas,
    why: v.note && cls !== 'unreachable' && v.via !== '5203' ? `${why} (${v.note})` : why,
    candidate: c,
    center: v,
  };
}

/** Everything but `consistent` needs attention. */
export function isStuck(f: Finding): boolean {
  return f.classification !== 'consistent';
}
