/** 9001 sign-in and 9002 sign-out. A sign_no is valid until the end of its day (or a set time) or until signed out. */
import { stamp14 } from '../../protocol/index.js';
import { addHours, node, Refusal, text, type Handler, type HandlerCtx } from './context.js';

function expiry(ctx: HandlerCtx): string {
  const v = ctx.opts.signInValidity;
  if (v === 'day') return `${ctx.today} 23:59:59`;
  return addHours(ctx.nowText, v / 3_600_000);
}

export const signIn: Handler = (ctx) => {
  const d = node(ctx, 'signIn');
  const serial = ctx.ledger.nextSerial('sign_no');
  // admdvs (6) + yyyyMMddHHmmss (14) + serial (10) = 30 characters.
  const sign_no = `${ctx.opts.admdvs}${stamp14(ctx.now, ctx.opts.utcOffsetMinutes)}${String(serial % 1e10).padStart(10, '0')}`;
  ctx.ledger.putSignin({
    sign_no,
    fixmedins_code: ctx.fixmedins_code,
    opter: text(ctx.env, 'opter'),
    opter_no: text(d, 'opter_no'),
    ip: text(d, 'ip'),
    mac: text(d, 'mac') || null,
    sign_time: ctx.nowText,
    expires_at: expiry(ctx),
  });
  return { output: { signinoutb: { sign_time: ctx.nowText, sign_no } } };
};

export const signOut: Handler = (ctx) => {
  const d = node(ctx, 'signOut');
  const sign_no = text(d, 'sign_no');
  const s = ctx.ledger.getSignin(sign_no);
  if (!s || s.fixmedins_code !== ctx.fixmedins_code)
    throw new Refusal(
      `签退失败：签到流水号 ${sign_no} 不存在 (no sign-in ${sign_no} for institution ${ctx.fixmedins_code})`,
    );
  if (s.signed_out_at)
    throw new Refusal(`签退失败：签到流水号 ${sign_no} 已于 ${s.signed_out_at} 签退 (already signed out)`);
  ctx.ledger.signOut(sign_no, ctx.nowText);
  return { output: { signoutoutb: { sign_time: ctx.nowText } } };
};

/**
 * The sign-in check every business call passes (not a handler: the service runs it before
 * dispatch). Returns the refusal text, or undefined when the sign_no is good.
 */
export function signInProblem(ctx: HandlerCtx): string | undefined {
  const sign_no = text(ctx.env, 'sign_no');
  const s = ctx.ledger.getSignin(sign_no);
  if (!s) return `签到流水号 ${sign_no} 无效，请先签到 (sign_no ${sign_no} was never issued: sign in with 9001 first)`;
  if (s.fixmedins_code !== ctx.fixmedins_code)
    return `签到流水号 ${sign_no} 不属于本机构 (sign_no ${sign_no} was issued to another institution: sign in with 9001 as ${ctx.fixmedins_code})`;
  if (s.signed_out_at)
    return `签到流水号 ${sign_no} 已签退 (signed out at ${s.signed_out_at}: sign in again with 9001)`;
  if (s.expires_at < ctx.nowText)
    return `签到流水号 ${sign_no} 已过期 (expired at ${s.expires_at}: sign in again with 9001)`;
  return undefined;
}
