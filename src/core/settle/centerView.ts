/**
 * What the center's side of a candidate is, from the 5203 answer and from what hisops itself
 * sent before (pure). The order of trust:
 *
 * 1. 5203 by setl_id answered: settled (or cancelled when the answer is a refund / hisops's own
 *    2208/2305 for it was answered — some centers keep answering 5203 for a cancelled settlement);
 *    refused with a message that means reversed, cancelled or not found → that; any other refusal
 *    or failure → unreachable (never guessed as "absent": voiding an HIS row on a busy center's
 *    error would lose a real settlement).
 * 2. No setl_id, so no 5203: hisops's answered 2601 for the msgid → reversed; a 2601 refused as
 *    "原交易不存在" → absent; the settlement call itself certainly failed (journal `failed`, or the
 *    HIS log says the center refused it) → absent; otherwise unknown.
 */
import { fmt } from '../money.js';
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import type { RefusalPatterns } from './stuckConfig.js';
import type { Candidate, CenterAnswer, CenterSetl, CenterView } from './types.js';

/** The setlinfo fields the job reads, from the client's typed record (Decimal amounts). */
export interface SetlinfoLike {
  setl_id: string;
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
    mdtrt_id: s.mdtrt_id,
    psn_no: s.psn_no,
    setl_time: s.setl_time,
    medins_setl_id: s.medins_setl_id,
    clr_optins: s.clr_optins,
    clr_way: s.clr_way,
    clr_type: s.clr_type,
    refd_setl_flag: s.refd_setl_flag ?? null,
    pool_prop_selfpay: s.pool_prop_selfpay === null || s.pool_prop_selfpay === undefined ? null : s.pool_prop_selfpay.toString(),
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

export function centerView(c: Candidate, answer: CenterAnswer, p: RefusalPatterns): CenterView {
  const cancelledByUs = c.prior.find((x) => (x.infno === '2208' || x.infno === '2305') && x.status === 'ok');
  const reversedByUs = c.prior.find((x) => x.infno === '2601' && x.status === 'ok');
  switch (answer.kind) {
    case 'setlinfo': {
      const s = answer.setl;
      if (s.refd_setl_flag === '1' || s.medfee_sumamt.startsWith('-')) return { state: 'cancelled', via: '5203', setl: s, note: '5203 answers with a refund settlement' };
      if (cancelledByUs) return { state: 'cancelled', via: 'journal', setl: s, note: `5203 still shows it, but hisops's ${cancelledByUs.infno} (msgid ${cancelledByUs.msgid}) cancelling it was answered` };
      return { state: 'settled', via: '5203', setl: s, note: null };
    }
    case 'refused': {
      const k = refusalKind(answer.err_msg, p);
      if (k === 'other') return { state: 'unreachable', via: '5203', setl: null, note: `5203 was refused: ${answer.err_msg}` };
      return { state: k, via: '5203', setl: null, note: answer.err_msg };
    }
    case 'error':
      return { state: 'unreachable', via: 'none', setl: null, note: `${answer.code}: ${answer.message}` };
    case 'not_asked': {
      if (reversedByUs) return { state: 'reversed', via: 'journal', setl: null, note: `reversed by hisops's 2601 msgid ${reversedByUs.msgid}` };
      if (cancelledByUs) return { state: 'cancelled', via: 'journal', setl: null, note: `cancelled by hisops's ${cancelledByUs.infno} msgid ${cancelledByUs.msgid}` };
      const refusedReversal = c.prior.find((x) => x.infno === '2601' && x.status === 'failed' && refusalKind(x.err_msg, p) !== 'other');
      if (refusedReversal) {
        const k = refusalKind(refusedReversal.err_msg, p) as Exclude<RefusalKind, 'other'>;
        return { state: k, via: 'journal', setl: null, note: `2601 msgid ${refusedReversal.msgid} was answered: ${refusedReversal.err_msg}` };
      }
      if (c.call?.status === 'failed') return { state: 'absent', via: 'journal', setl: null, note: `the ${c.call.infno} call certainly failed${c.call.err_msg ? `: ${c.call.err_msg}` : ''}` };
      if (c.log && c.log.log_status === 'failed' && c.log.infcode !== null && c.log.infcode !== '0') return { state: 'absent', via: 'his_log', setl: null, note: `the HIS log records the center's refusal (infcode ${c.log.infcode})` };
      return { state: 'unknown', via: 'none', setl: null, note: answer.why };
    }
  }
}
