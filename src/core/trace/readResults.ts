/**
 * Reading the center's answer to a 35xx request record by record, and sorting failures into
 * those worth another attempt and those that are final. Pure.
 *
 * 3501–3506 answer `result: { retRslt, msgRslt }` (1 accepted, 0 rejected). For a batch, a per-
 * record list (`resultDetail`, or `result` as a list) says which records failed; when a batch is
 * rejected with no such list, nobody can tell which record it was, so the records are sent again
 * one by one (`undefined` below).
 */
import type { HisopsError } from '../errors.js';

export interface RecordResult {
  accepted: boolean;
  message: string | null;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function retOf(o: Obj): RecordResult {
  const r = str(o.retRslt ?? o.ret_rslt ?? o.RetRslt);
  const message = str(o.msgRslt ?? o.msg_rslt ?? o.MsgRslt);
  return { accepted: r === '1', message };
}

/** Per-record results of a request that carried `n` records, or undefined when the answer does not say. */
export function recordResults(outputIn: unknown, n: number): RecordResult[] | undefined {
  const output = parseMaybeJson(outputIn);
  if (!isObj(output)) return Array.from({ length: n }, () => ({ accepted: true, message: null }));
  for (const key of ['resultDetail', 'result_detail', 'resultList', 'results', 'result']) {
    const list = parseMaybeJson(output[key]);
    if (Array.isArray(list) && list.length === n && list.every(isObj)) {
      const out: RecordResult[] = new Array(n);
      list.forEach((it, pos) => {
        const i = typeof it.index === 'number' && it.index >= 0 && it.index < n ? it.index : pos;
        out[i] = retOf(it);
      });
      if (out.every(Boolean)) return out;
    }
  }
  const result = parseMaybeJson(output.result);
  // infcode 0 without a result node: the call was carried out (docs/center.md).
  if (!isObj(result) || (result.retRslt === undefined && result.ret_rslt === undefined))
    return Array.from({ length: n }, () => ({ accepted: true, message: null }));
  const one = retOf(result);
  if (one.accepted) return Array.from({ length: n }, () => ({ accepted: true, message: one.message }));
  return n === 1 ? [one] : undefined;
}

/** A short, stable reason for a rejection, for `trace status` and `trace retry --reason`. */
export function rejectionReason(message: string | null): string {
  const m = message ?? '';
  if (/不能重复销售|已.{0,40}销售|sold before/i.test(m)) return 'center_sold_before';
  if (/内容不同|other content/i.test(m)) return 'center_changed';
  if (/校验失败|格式错误|不能为空|必填|is required|invalid/i.test(m)) return 'center_invalid';
  return 'center_rejected';
}

export type FailureClass = 'transient' | 'final' | 'fatal';

/** A refusal of the whole request that no resend can change (the request itself is wrong). */
const FINAL_REFUSAL = /校验失败|格式错误|不存在|未开放|不属于|not offered|unknown infno/i;

/**
 * transient: try again (the records are idempotent, so a resend can do no harm);
 * final: the center refused the request as such — record it as rejected;
 * fatal: hisops itself cannot go on (journal, configuration) — stop the run.
 */
export function failureClass(e: HisopsError): FailureClass {
  switch (e.code) {
    case 'CENTER_TIMEOUT':
    case 'CENTER_CONNECTION_RESET':
    case 'CENTER_UNREACHABLE':
    case 'CENTER_HTTP':
    case 'CENTER_NOT_JSON':
    case 'CENTER_GATEWAY':
    case 'CENTER_BAD_RESPONSE':
      return 'transient';
    case 'CENTER_REFUSED':
      return FINAL_REFUSAL.test(String(e.details.err_msg ?? '')) ? 'final' : 'transient';
    case 'CENTER_INPUT_INVALID':
    case 'CENTER_REJECTED':
      return 'final';
    default:
      return 'fatal';
  }
}

/** Whether a failed request may have been carried out by the center. */
export function mayHaveArrived(e: HisopsError): boolean {
  return e.details.delivery !== 'no';
}
