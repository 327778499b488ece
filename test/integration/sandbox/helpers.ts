/**
 * Raw-HTTP helpers for the sandbox suites: build envelopes with the protocol module, post them
 * with the global fetch, sign in. Nothing here goes through the center client.
 */
import {
  buildMsgid,
  buildRequestEnvelope,
  stamp14,
  type EnvelopeCommon,
} from '../../../src/core/center/protocol/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/core/center/sandbox/index.js';

export const CODE = 'H43010000001';
export const COMMON: EnvelopeCommon = {
  fixmedins_code: CODE,
  fixmedins_name: '示例医院',
  mdtrtarea_admvs: '430100',
  insuplc_admdvs: '430100',
  recer_sys_code: 'YBXT',
  infver: 'V1.0',
  opter: 'op01',
  opter_name: '收费员甲',
  opter_type: '1',
};

const seqByStamp = new Map<string, number>();

/**
 * A msgid unique in this process: the stamp of `now` plus a per-second sequence counted from 0000,
 * as a HIS's own counter does (the center client's msgids stay in 5000–9999, so the two never meet).
 */
export function nextMsgid(now = new Date(), code = CODE): string {
  const stamp = stamp14(now);
  const n = seqByStamp.get(stamp) ?? 0;
  if (n >= 10_000) throw new Error('more than 10 000 msgids in one second');
  seqByStamp.set(stamp, n + 1);
  if (seqByStamp.size > 100) for (const k of [...seqByStamp.keys()].slice(0, 50)) seqByStamp.delete(k);
  return buildMsgid(code, now, n);
}

export function envelope(
  infno: string,
  input: Record<string, unknown>,
  sign_no = '',
  over: Partial<EnvelopeCommon> & { msgid?: string; insuplc_admdvs?: string } = {},
): Record<string, unknown> {
  const common = { ...COMMON, ...over };
  const now = new Date();
  return buildRequestEnvelope(common, {
    infno,
    msgid: over.msgid ?? nextMsgid(now, common.fixmedins_code),
    input,
    now,
    sign_no,
    insuplc_admdvs: over.insuplc_admdvs,
  }) as unknown as Record<string, unknown>;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export async function postRaw(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  path = '',
): Promise<Answer> {
  const r = await fetch(url + path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : Buffer.from(body),
  });
  const text = await r.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { _text: text };
  }
  return { status: r.status, body: parsed };
}

export async function post(url: string, env: Record<string, unknown>, path = ''): Promise<Answer> {
  return postRaw(url, JSON.stringify(env), { 'content-type': 'application/json;charset=utf-8' }, path);
}

/** Post and return the output of a successful answer; throws with err_msg otherwise. */
export async function call(url: string, env: Record<string, unknown>): Promise<Record<string, unknown>> {
  const a = await post(url, env);
  if (a.body.infcode !== 0) throw new Error(`${String(env.infno)} failed: ${String(a.body.err_msg)}`);
  return a.body.output as Record<string, unknown>;
}

export async function signIn(url: string, opter = COMMON.opter, over: Partial<EnvelopeCommon> = {}): Promise<string> {
  const out = await call(
    url,
    envelope('9001', { signIn: { opter_no: opter, ip: '127.0.0.1', mac: '00-00-00-00-00-00' } }, '', {
      opter,
      ...over,
    }),
  );
  return (out.signinoutb as { sign_no: string }).sign_no;
}

/** A sandbox on a throwaway in-memory ledger, and a signed-in session. */
export async function openSandbox(opts: SandboxOptions = {}): Promise<{ sb: Sandbox; sign_no: string }> {
  const sb = await startSandbox({ lenientVisits: true, dataFile: ':memory:', ...opts });
  const sign_no = opts.requireSignIn === false ? '' : await signIn(sb.url);
  return { sb, sign_no };
}

let visitSeq = 0;

/** A 2207 input for a person, with the four bill parts adding up to medfee. */
export function settleInput(
  p: { psn_no: string; certno: string; insutype: string },
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    data: {
      psn_no: p.psn_no,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      med_type: '11',
      medfee_sumamt: 200,
      psn_setlway: '01',
      mdtrt_id: `MD${String(++visitSeq).padStart(8, '0')}`,
      chrg_bchno: 'B001',
      insutype: p.insutype,
      acct_used_flag: '1',
      fulamt_ownpay_amt: 20,
      overlmt_selfpay: 0,
      preselfpay_amt: 10,
      inscp_scp_amt: 170,
      ...over,
    },
  };
}
