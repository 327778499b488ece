/**
 * What the center's side of a candidate is, from the 5203 answer and from what hisops itself
 * sent before (pure). The order of trust:
 *
 * 1. 5203 by setl_id answered: settled; cancelled when the answer is a refund (refd_setl_flag 1 or
 *    negative amounts) — unless the HIS row is itself a refund row, whose live state *is* the
 *    refund settlement — or when hisops's own 2208/2305 for it was answered (some centers keep
 *    answering 5203 for a cancelled settlement). Refused with a message that means reversed,
 *    cancelled or not found → that; any other refusal or failure → unreachable (never guessed as
 *    "absent": voiding an HIS row on a busy center's error would lose a real settlement).
 * 2. No setl_id, 5203 by visit (psn_no + mdtrt_id) answered a settlement whose medins_setl_id is
 *    the candidate's msgid → as in 1 (an answered 2601 of hisops's for the msgid wins).
 * 3. Otherwise — not asked, or the visit answered another call's settlement or nothing — hisops's
 *    answered 2601 for the msgid → reversed; a 2601 refused as "原交易不存在" → absent; the
 *    settlement call itself certainly failed (journal `failed`, or the HIS log says the center
 *    refused it) → absent; otherwise unknown (repaired by 2601 by the msgid).
 */
import { fmt } from '../money.js';
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import type { RefusalPatterns } from './stuckConfig.js';
import type { Candidate, CenterAnswer, CenterSetl, CenterView } from './types.js';

/** The setlinfo fields the job reads, from the client's typed record (Decimal amounts). */
export interface SetlinfoLike {
  setl_id: string;
  insutype?: string | null;
  med_type?: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  setl_time: string | null;
  medins_setl_id: string | null;
  clr_optins: string | null;
  clr_way: string | null;
  clr_type: string | null;
  refd_setl_flag?: string | null;
  pool_prop_selfpay: { toString(): string } | null;
  [amount: string]: unknown;
}

export function toCenterSetl(s: SetlinfoLike): CenterSetl {
  const out: Record<string, string | null> = {
    setl_id: s.setl_id,
    insutype: s.insutype ?? null,
    med_type: s.med_type ?? null,
    mdtrt_id: s.mdtrt_id,
    psn_no: s.psn_no,
    setl_time: s.setl_time,
    medins_setl_id: s.medins_setl_id,
    clr_optins: s.clr_optins,
    clr_way: s.clr_way,
    clr_type: s.clr_type,
    refd_setl_flag: s.refd_setl_flag ?? null,
    pool_prop_selfpay:
      s.pool_prop_selfpay === null || s.pool_prop_selfpay === undefined ? null : s.pool_prop_selfpay.toString(),
  };
  for (const a of SETTLEMENT_AMOUNTS) {
    const v = s[a];
    out[a] = v === null || v === undefined ? '0.00' : fmt(String(v));
  }
  return out as CenterSetl;
}

export type RefusalKind = 'absent' | 'reversed' | 'cancelled' | 'other';

/** What a refusal message means (reversed and cancelled win over "not found"). */
export function refusalKind(err_msg: string | null | undefined, p: RefusalPatterns): RefusalKind {
  const m = err_msg ?? '';
  if (p.reversed.some((r) => r.test(m))) return 'reversed';
  if (p.cancelled.some((r) => r.test(m))) return 'cancelled';
  if (p.absent.some((r) => r.test(m))) return 'absent';
  return 'other';
}

/** The HIS row is itself a refund (a 2208/2305 cancellation row): its refd_setl_flag is "1". */
export function isRefundRow(his: Candidate['his']): boolean {
  return his !== null && his !== undefined && String(his.refd_setl_flag ?? '').trim() === '1';
}

/**
 * A refund (cancellation) row of the center's books: negative amounts (the cancellation turns
 * every sign), or flagged so with nothing positive. Only such a row is written into the HIS as
 * the refund half of a pair.
 */
export function isRefundSettlement(s: CenterSetl): boolean {
  return s.medfee_sumamt.startsWith('-') || (s.refd_setl_flag === '1' && !/^[1-9]/.test(s.medfee_sumamt));
}

/** The center's answer is a refund: flagged so, or with negative amounts. */
function isRefundAnswer(s: CenterSetl): boolean {
  return s.refd_setl_flag === '1' || s.medfee_sumamt.startsWith('-');
}

/**
 * The refund row of hisops's own answered 2208/2305 for this settlement, read from the answer the
 * call journal kept (`{"setlinfo": {…}}`): the row the center added when it cancelled.
 */
function refundFromPrior(c: Candidate): CenterSetl | null {
  for (const x of c.prior) {
    if ((x.infno !== '2208' && x.infno !== '2305') || x.status !== 'ok' || !x.output) continue;
    try {
      const o = JSON.parse(x.output) as { setlinfo?: SetlinfoLike };
      if (!o.setlinfo?.setl_id) continue;
      // The row's msgid is the cancellation call's own (a center may echo the original's medins_setl_id).
      const refund: CenterSetl = { ...toCenterSetl(o.setlinfo), medins_setl_id: x.msgid, refd_setl_flag: '1' };
      if (isRefundSettlement(refund)) return refund;
    } catch {
      // An answer that is not JSON names no refund row; the job asks the center instead.
    }
  }
  return null;
}

/** What hisops's own earlier calls, the journal and the HIS log say, when 5203 could not tell. */
export function fromJournal(c: Candidate, p: RefusalPatterns, why: string): CenterView {
  const cancelledByUs = c.prior.find((x) => (x.infno === '2208' || x.infno === '2305') && x.status === 'ok');
  const reversedByUs = c.prior.find((x) => x.infno === '2601' && x.status === 'ok');
  if (reversedByUs)
    return {
      state: 'reversed',
      via: 'journal',
      setl: null,
      note: `reversed by hisops's 2601 msgid ${reversedByUs.msgid}`,
    };
  if (cancelledByUs)
    return {
      state: 'cancelled',
      via: 'journal',
      setl: null,
      refund: refundFromPrior(c),
      note: `cancelled by hisops's ${cancelledByUs.infno} msgid ${cancelledByUs.msgid}`,
    };
  const refusedReversal = c.prior.find(
    (x) => x.infno === '2601' && x.status === 'failed' && refusalKind(x.err_msg, p) !== 'other',
  );
  if (refusedReversal) {
    const k = refusalKind(refusedReversal.err_msg, p) as Exclude<RefusalKind, 'other'>;
    return {
      state: k,
      via: 'journal',
      setl: null,
      note: `2601 msgid ${refusedReversal.msgid} was answered: ${refusedReversal.err_msg}`,
    };
  }
  if (c.call?.status === 'failed')
    return {
      state: 'absent',
      via: 'journal',
      setl: null,
      note: `the ${c.call.infno} call certainly failed${c.call.err_msg ? `: ${c.call.err_msg}` : ''}`,
    };
  if (c.log && c.log.log_status === 'failed' && c.log.infcode !== null && c.log.infcode !== '0')
    return {
      state: 'absent',
      via: 'his_log',
      setl: null,
      note: `the HIS log records the center's refusal (infcode ${c.log.infcode})`,
    };
  return { state: 'unknown', via: 'none', setl: null, note: why };
}

/** The state of a settlement 5203 answered with, for a candidate known to be that settlement. */
function answeredView(c: Candidate, s: CenterSetl, how: string): CenterView {
  const cancelledByUs = c.prior.find((x) => (x.infno === '2208' || x.infno === '2305') && x.status === 'ok');
  if (isRefundRow(c.his)) {
    // The HIS row is a cancellation row: the center's refund settlement is its live state, not a
    // sign that it was cancelled. A non-refund answer means the row names another settlement.
    if (isRefundAnswer(s))
      return {
        state: 'settled',
        via: '5203',
        setl: s,
        note: `${how}: the refund settlement is on record at the center`,
      };
    return {
      state: 'unreachable',
      via: '5203',
      setl: null,
      note: `the HIS row is a refund (refd_setl_flag 1), but 5203 answers setl_id ${s.setl_id} as a settlement that is not one; check the row's setl_id by hand`,
    };
  }
  if (isRefundAnswer(s))
    return {
      state: 'cancelled',
      via: '5203',
      setl: s,
      refund: refundFromPrior(c),
      note: `${how}: the center answers with a refund settlement (refd_setl_flag ${s.refd_setl_flag ?? '?'}, medfee_sumamt ${s.medfee_sumamt})`,
    };
  if (cancelledByUs)
    return {
      state: 'cancelled',
      via: 'journal',
      setl: s,
      refund: refundFromPrior(c),
      note: `5203 still shows it, but hisops's ${cancelledByUs.infno} (msgid ${cancelledByUs.msgid}) cancelling it was answered`,
    };
  return { state: 'settled', via: '5203', setl: s, note: how === '5203' ? null : how };
}

/**
 * 5203 by visit: the answer is this call's settlement only when its medins_setl_id is the
 * candidate's msgid (a visit may hold several settlements, e.g. two charge batches or a retry
 * after the lost answer). Anything else — another call's settlement, a refusal such as
 * "未查询到" — does not tell what became of this call: the journal decides, and without it the
 * side stays unknown, so that 2601 by the msgid is the check (it reverses the call, or answers
 * that the center never had it).
 */
function visitView(
  c: Candidate,
  answer: Extract<CenterAnswer, { kind: 'setlinfo' | 'refused' }>,
  p: RefusalPatterns,
): CenterView {
  const reversedByUs = c.prior.find((x) => x.infno === '2601' && x.status === 'ok');
  if (answer.kind === 'refused')
    return fromJournal(
      c,
      p,
      `no setl_id is known and 5203 by visit (mdtrt_id ${c.mdtrt_id}) did not find this call: ${answer.err_msg}`,
    );
  const s = answer.setl;
  if (!c.msgid || s.medins_setl_id !== c.msgid) {
    return fromJournal(
      c,
      p,
      `no setl_id is known; 5203 by visit (mdtrt_id ${c.mdtrt_id}) answers setl_id ${s.setl_id} of another call (medins_setl_id ${s.medins_setl_id ?? 'none'})`,
    );
  }
  // hisops's own answered 2601 of this call outweighs a center that still shows it.
  if (reversedByUs)
    return {
      state: 'reversed',
      via: 'journal',
      setl: null,
      note: `5203 by visit still shows setl_id ${s.setl_id}, but hisops's 2601 msgid ${reversedByUs.msgid} reversing the call was answered`,
    };
  return answeredView(c, s, `5203 by visit (mdtrt_id ${c.mdtrt_id}) found setl_id ${s.setl_id} made by this call`);
}

export function centerView(c: Candidate, answer: CenterAnswer, p: RefusalPatterns): CenterView {
  if ((answer.kind === 'setlinfo' || answer.kind === 'refused') && answer.by === 'visit')
    return visitView(c, answer, p);
  switch (answer.kind) {
    case 'setlinfo':
      return answeredView(c, answer.setl, '5203');
    case 'refused': {
      const k = refusalKind(answer.err_msg, p);
      if (k === 'other')
        return { state: 'unreachable', via: '5203', setl: null, note: `5203 was refused: ${answer.err_msg}` };
      return { state: k, via: '5203', setl: null, note: answer.err_msg };
    }
    case 'error':
      return { state: 'unreachable', via: 'none', setl: null, note: `${answer.code}: ${answer.message}` };
    case 'not_asked':
      return fromJournal(c, p, answer.why);
  }
}
