/** The center call of a repair (2208/2305/2601), sent once, and what became of it. */
import { isHisopsError } from '../errors.js';
import { fmt } from '../money.js';
import type { CenterLike } from './askCenter.js';
import { refusalKind, toCenterSetl, type SetlinfoLike } from './centerView.js';
import type { RefusalPatterns } from './stuckConfig.js';
import type { CenterSetl, CenterStep } from './types.js';

export type CenterOutcome =
  | { kind: 'ok'; msgid: string; answer: string; setl_id: string | null; setl?: CenterSetl }
  | { kind: 'refused'; msgid: string | null; err_msg: string; meaning: ReturnType<typeof refusalKind> }
  | { kind: 'unknown'; msgid: string | null; code: string; message: string }
  | { kind: 'failed'; msgid: string | null; code: string; message: string };

export async function sendCenter(center: CenterLike, s: CenterStep, p: RefusalPatterns): Promise<CenterOutcome> {
  try {
    if (s.infno === '2601') {
      const r = await center.reverse({ psn_no: s.input.psn_no!, omsgid: s.input.omsgid!, oinfno: s.input.oinfno! });
      return { kind: 'ok', msgid: r.msgid, answer: JSON.stringify(r.result ?? {}), setl_id: null };
    }
    const data = { setl_id: s.input.setl_id!, mdtrt_id: s.input.mdtrt_id!, psn_no: s.input.psn_no! };
    const r = s.infno === '2305' ? await center.inpatientCancel(data) : await center.outpatientCancel(data);
    const si = r.result.setlinfo;
    const setl = { ...toCenterSetl(si as unknown as SetlinfoLike), refd_setl_flag: '1', medins_setl_id: r.msgid };
    const answer = {
      setl_id: si.setl_id,
      setl_time: si.setl_time,
      medfee_sumamt: fmt(si.medfee_sumamt),
      fund_pay_sumamt: fmt(si.fund_pay_sumamt),
      acct_pay: fmt(si.acct_pay),
      psn_cash_pay: fmt(si.psn_cash_pay),
    };
    return { kind: 'ok', msgid: r.msgid, answer: JSON.stringify(answer), setl_id: si.setl_id, setl };
  } catch (e) {
    if (!isHisopsError(e)) throw e;
    const msgid = (e.details.msgid as string | undefined) ?? null;
    if (e.code === 'CENTER_REFUSED') {
      const err_msg = String(e.details.err_msg ?? e.summary);
      return { kind: 'refused', msgid, err_msg, meaning: refusalKind(err_msg, p) };
    }
    // Delivered maybe: the center may have done it. Not delivered (or refused locally): it did not.
    if (e.details.delivery === 'no' || e.exit === 2) return { kind: 'failed', msgid, code: e.code, message: e.summary };
    return { kind: 'unknown', msgid, code: e.code, message: e.summary };
  }
}
