/**
 * The interface test (接口测试): what a HIS sends, checked against the interface reference —
 * the envelope, the msgid rule and its uniqueness, sign-in before business calls, the clock,
 * each transaction's field table (required, types, lengths, code tables) and the sums that must
 * hold (the four bill parts add up to medfee_sumamt; a settlement's total equals the fee lines
 * uploaded for its visit; a fee line's amount is count × price).
 *
 * Pure: `checkMessage(message, state)` returns every violation and changes nothing; the caller
 * then records the message with `noteMessage` so that later messages are judged against it.
 */
import { digestOf } from '../canonical.js';
import { msgidProblem } from '../service.js';
import { D, fmt, type Decimal } from '../../../money.js';
import {
  isDateTime,
  parseMsgid,
  transactionSpec,
  validateInput,
  validateRequestEnvelope,
  type Problem,
  type ValidateOptions,
} from '../../protocol/index.js';

export type ViolationKind = Problem['kind'] | 'duplicate' | 'session' | 'clock' | 'sum' | 'transport';

export interface Violation {
  /** JSON path in the message (`msgid`, `input.data.medfee_sumamt`, …). */
  path: string;
  kind: ViolationKind;
  message: string;
  message_zh: string;
}

/** What earlier messages established (mutated only by noteMessage). */
export interface ConformanceState {
  /** msgid → digest of infno + input of its first use. */
  msgids: Map<string, string>;
  /** sign_no values issued by 9001 answers. */
  signNos: Set<string>;
  /** Fee lines uploaded (2204/2301), by mdtrt_id then chrg_bchno ('' when not given): sum of det_item_fee_sumamt. */
  feeLines: Map<string, Map<string, Decimal>>;
}

export function newConformanceState(): ConformanceState {
  return { msgids: new Map(), signNos: new Set(), feeLines: new Map() };
}

export interface CheckContext {
  /** The center's receive time, `yyyy-MM-dd HH:mm:ss` in its clock. */
  receivedAt: string;
  /** Accepted distance of inf_time from the center's clock, in seconds (default 300). */
  maxSkewSeconds?: number;
  validate?: ValidateOptions;
}

const KIND_ZH: Record<ViolationKind, string> = {
  missing: '缺少必填项',
  type: '类型错误',
  length: '长度超限',
  format: '格式错误',
  code: '代码值不在代码表中',
  shape: '结构错误',
  unknown: '交易编号不在接口规范中',
  duplicate: '报文ID重复',
  session: '未签到',
  clock: '时间偏差',
  sum: '金额不平',
  transport: '请求不是有效的接口报文',
};

const v = (path: string, kind: ViolationKind, message: string, zhDetail?: string): Violation => ({
  path,
  kind,
  message,
  message_zh: `${KIND_ZH[kind]}：${path}${zhDetail ? `，${zhDetail}` : ''}`,
});
/** The Chinese detail of a field-table problem, from the English message's known shapes. */
function problemZh(p: Problem): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = /"(.*)" is not a known (\w+) code/.exec(p.message))) return `值 "${m[1]}" 不在 ${m[2]} 代码表中`;
  if ((m = /is longer than (\d+) characters/.exec(p.message))) return `超过 ${m[1]} 个字符`;
  if ((m = /has more than (\d+) decimals/.exec(p.message))) return `小数超过 ${m[1]} 位`;
  if ((m = /has more than (\d+) integer digits/.exec(p.message))) return `整数部分超过 ${m[1]} 位`;
  if (/must be a date-time/.test(p.message)) return '应为 yyyy-MM-dd HH:mm:ss';
  if (/must be a date/.test(p.message)) return '应为 yyyy-MM-dd';
  if (/must be a number/.test(p.message)) return '应为数值';
  if (/must be a string/.test(p.message)) return '应为字符串';
  if (/must be a list/.test(p.message)) return '应为数组';
  if (/must be an object/.test(p.message)) return '应为对象';
  if (/msgid must/.test(p.message)) return '报文ID须为 机构编号 + yyyyMMddHHmmss + 4 位顺序号，且以本机构编号开头';
  if (/sign in with 9001/.test(p.message)) return '请先 9001 签到';
  return undefined;
}
const fromProblem = (p: Problem): Violation => v(p.path, p.kind, p.message, problemZh(p));
const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const text = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x).trim() : '');

/** A decimal from a number or string, or undefined. */
function amount(x: unknown): Decimal | undefined {
  const s = text(x);
  if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return undefined;
  return new D(s);
}

/** Seconds between two `yyyy-MM-dd HH:mm:ss` times of the same clock. */
function secondsBetween(a: string, b: string): number {
  const t = (s: string) =>
    Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19));
  return Math.round((t(a) - t(b)) / 1000);
}

const stampTime = (st: string) =>
  `${st.slice(0, 4)}-${st.slice(4, 6)}-${st.slice(6, 8)} ${st.slice(8, 10)}:${st.slice(10, 12)}:${st.slice(12, 14)}`;

/** Envelope, msgid shape, divisions and the clock. */
function envelopeViolations(env: Record<string, unknown>, ctx: CheckContext): Violation[] {
  const out = validateRequestEnvelope(env, ctx.validate)
    .filter((p) => p.path !== 'msgid')
    .map(fromProblem);
  const mp = msgidProblem(env.msgid, env.fixmedins_code);
  if (mp) out.unshift(fromProblem(mp));
  for (const k of ['mdtrtarea_admvs', 'insuplc_admdvs']) {
    const s = text(env[k]);
    if (s !== '' && !/^\d{6}$/.test(s))
      out.push(v(k, 'format', `${k} "${s}" must be a six-digit division code`, `应为 6 位医保区划代码`));
  }
  const infTime = text(env.inf_time);
  if (isDateTime(infTime)) {
    const skew = secondsBetween(infTime, ctx.receivedAt);
    if (Math.abs(skew) > (ctx.maxSkewSeconds ?? 300)) {
      out.push(
        v(
          'inf_time',
          'clock',
          `inf_time ${infTime} is ${skew} s away from the center's clock (${ctx.receivedAt}): set the HIS server's clock and time zone (China time, UTC+8)`,
          `与中心时间相差 ${skew} 秒，请校准服务器时钟与时区（北京时间）`,
        ),
      );
    }
    const parts = parseMsgid(text(env.msgid));
    if (parts && Math.abs(secondsBetween(stampTime(parts.stamp), infTime)) > 60) {
      out.push(
        v(
          'msgid',
          'clock',
          `the time inside msgid (${stampTime(parts.stamp)}) and inf_time ${infTime} differ by more than 60 s: both must come from the same clock`,
          `报文ID中的时间与 inf_time 不一致`,
        ),
      );
    }
  }
  return out;
}

/** msgid reuse and sign-in before business calls. */
function stateViolations(env: Record<string, unknown>, infno: string, state: ConformanceState): Violation[] {
  const out: Violation[] = [];
  const msgid = text(env.msgid);
  const prior = msgid ? state.msgids.get(msgid) : undefined;
  if (prior !== undefined && prior !== digestOf({ infno, input: env.input ?? null })) {
    out.push(
      v(
        'msgid',
        'duplicate',
        `msgid ${msgid} was already used for another message: every call needs a new msgid (only a resend of the same message may reuse it)`,
        `报文ID ${msgid} 已用于其他报文，每次调用须使用新的报文ID`,
      ),
    );
  }
  const sign = text(env.sign_no);
  if (infno !== '9001' && sign !== '' && !state.signNos.has(sign)) {
    out.push(
      v(
        'sign_no',
        'session',
        `sign_no ${sign} was not issued by a 9001 sign-in seen by this test: sign in with 9001 first and send the sign_no it returned`,
        `签到流水号 ${sign} 不是本次测试中 9001 签到返回的，请先签到`,
      ),
    );
  }
  return out;
}

/** The bill parts, fee lines against the settlement total, count × price per line. */
function sumViolations(infno: string, input: Record<string, unknown>, state: ConformanceState): Violation[] {
  const out: Violation[] = [];
  if (infno === '2204' || infno === '2301') {
    const lines = Array.isArray(input.feedetail) ? input.feedetail : isObj(input.feedetail) ? [input.feedetail] : [];
    lines.forEach((l, i) => {
      if (!isObj(l)) return;
      const [cnt, pric, total] = [amount(l.cnt), amount(l.pric), amount(l.det_item_fee_sumamt)];
      if (cnt && pric && total && cnt.times(pric).minus(total).abs().gt('0.01')) {
        out.push(
          v(
            `input.feedetail[${i}].det_item_fee_sumamt`,
            'sum',
            `det_item_fee_sumamt ${fmt(total)} is not cnt ${cnt} × pric ${pric} = ${fmt(cnt.times(pric))}`,
            `明细金额 ${fmt(total)} 不等于数量 × 单价 ${fmt(cnt.times(pric))}`,
          ),
        );
      }
    });
  }
  if (infno !== '2207' && infno !== '2304' && infno !== '2206' && infno !== '2303') return out;
  const d = isObj(input.data) ? input.data : undefined;
  const medfee = amount(d?.medfee_sumamt);
  if (!d || !medfee) return out;
  const partNames = ['fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'];
  const parts = partNames.map((k) => amount(d[k]));
  if (parts.every((p) => p !== undefined)) {
    const s = parts.reduce((a, b) => a!.plus(b!), new D(0))!;
    if (!s.eq(medfee))
      out.push(
        v(
          'input.data.medfee_sumamt',
          'sum',
          `medfee_sumamt ${fmt(medfee)} is not ${partNames.join(' + ')} = ${fmt(s)}`,
          `医疗费总额 ${fmt(medfee)} 不等于四项之和 ${fmt(s)}`,
        ),
      );
  }
  const visit = state.feeLines.get(text(d.mdtrt_id));
  if (visit && visit.size) {
    const bch = text(d.chrg_bchno);
    const uploaded =
      bch && visit.has(bch) ? visit.get(bch)! : [...visit.values()].reduce((a, b) => a.plus(b), new D(0));
    if (!uploaded.eq(medfee)) {
      out.push(
        v(
          'input.data.medfee_sumamt',
          'sum',
          `medfee_sumamt ${fmt(medfee)} differs from the fee lines uploaded for mdtrt_id ${text(d.mdtrt_id)}${bch && visit.has(bch) ? ` chrg_bchno ${bch}` : ''}: ${fmt(uploaded)}`,
          `医疗费总额 ${fmt(medfee)} 与已上传费用明细合计 ${fmt(uploaded)} 不一致`,
        ),
      );
    }
  }
  return out;
}

/** A request the center refused before reading an envelope: its err_msg says why (content type, charset, JSON…). */
export function transportViolation(err_msg: string): Violation {
  // The sandbox's err_msg is Chinese with an English hint in brackets at the end: the Chinese text keeps only the Chinese.
  const zh = err_msg.replace(/ \([^()]*[a-z]{2}[^()]*\)$/, '');
  return { path: '', kind: 'transport', message: err_msg, message_zh: `${KIND_ZH.transport}：${zh}` };
}

/** Every violation of one message (the parsed request body). */
export function checkMessage(message: unknown, state: ConformanceState, ctx: CheckContext): Violation[] {
  if (!isObj(message))
    return [v('', 'shape', 'the request body must be a JSON object (the envelope)', '请求报文须为 JSON 对象')];
  const infno = text(message.infno);
  const out = envelopeViolations(message, ctx);
  out.push(...stateViolations(message, infno, state));
  if (!isObj(message.input)) return out;
  if (infno && !transactionSpec(infno))
    out.push(
      v(
        'infno',
        'unknown',
        `infno ${infno} has no field table in the interface reference: its input was not checked`,
        `交易 ${infno} 的入参未校验`,
      ),
    );
  else if (infno) out.push(...validateInput(infno, message.input, ctx.validate).map(fromProblem));
  out.push(...sumViolations(infno, message.input, state));
  return out;
}

/** Record a message (and the center's answer) so later messages are judged against it. */
export function noteMessage(
  state: ConformanceState,
  message: unknown,
  answer: { infcode?: unknown; output?: unknown } | undefined,
): void {
  if (!isObj(message)) return;
  const infno = text(message.infno);
  const msgid = text(message.msgid);
  if (msgid && !state.msgids.has(msgid)) state.msgids.set(msgid, digestOf({ infno, input: message.input ?? null }));
  const out = isObj(answer?.output) ? answer.output : undefined;
  const signNo = isObj(out?.signinoutb) ? text(out.signinoutb.sign_no) : '';
  if (infno === '9001' && signNo) state.signNos.add(signNo);
  const input = isObj(message.input) ? message.input : {};
  if (infno === '2204' || infno === '2301') {
    const lines = Array.isArray(input.feedetail) ? input.feedetail : isObj(input.feedetail) ? [input.feedetail] : [];
    for (const l of lines) {
      if (!isObj(l)) continue;
      const amt = amount(l.det_item_fee_sumamt);
      const mdtrt = text(l.mdtrt_id);
      if (!amt || !mdtrt) continue;
      const visit = state.feeLines.get(mdtrt) ?? new Map<string, Decimal>();
      state.feeLines.set(mdtrt, visit);
      const bch = text(l.chrg_bchno);
      visit.set(bch, (visit.get(bch) ?? new D(0)).plus(amt));
    }
  }
  if (infno === '2205' || infno === '2302') {
    // Fee lines revoked: a batch (chrg_bchno) or, without one, every line of the visit.
    const d = isObj(input.data) ? input.data : {};
    const visit = state.feeLines.get(text(d.mdtrt_id));
    if (visit) text(d.chrg_bchno) ? visit.delete(text(d.chrg_bchno)) : visit.clear();
  }
}
