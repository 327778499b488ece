/**
 * Request and response envelopes (reference §2, §3). Building is pure: the caller supplies the
 * msgid, the clock and the sign-in number. Classifying a response body is pure too: an envelope,
 * a non-envelope gateway answer, or something that is not JSON at all.
 */
import { isSealedNode } from './channel.js';
import { fields, type FieldSpec } from './fieldSpec.js';
import { formatDateTime, stamp17 } from './time.js';

export type Input = Record<string, unknown>;
export type Output = Record<string, unknown>;

interface RequestEnvelope {
  infno: string;
  msgid: string;
  mdtrtarea_admvs: string;
  insuplc_admdvs: string;
  recer_sys_code: string;
  dev_no: string;
  dev_safe_info: string;
  cainfo: string;
  signtype: string;
  infver: string;
  opter_type: string;
  opter: string;
  opter_name: string;
  inf_time: string;
  fixmedins_code: string;
  fixmedins_name: string;
  sign_no: string;
  input: Input;
}

interface ResponseEnvelope {
  infcode: number | string;
  inf_refmsgid?: string | null;
  refmsg_time?: string | null;
  respond_time?: string | null;
  err_msg?: string | null;
  warn_msg?: string | null;
  output?: Output | string | null;
  cainfo?: string | null;
  signtype?: string | null;
  enctype?: string | null;
}

/**
 * Envelope field specs. Lengths follow the longer of the two documented variants so that a
 * strict validator does not reject what one province legitimately sends (infno up to 6 for
 * "3505A"-style codes, fixmedins_code up to 30, fixmedins_name up to 200). infno takes up to 10:
 * the plans name ZSMCJ003 (四码合一查询), 8 characters.
 */
export const REQUEST_ENVELOPE_FIELDS: readonly FieldSpec[] = fields(
  'infno str 10 Y',
  'msgid str 30 Y',
  'mdtrtarea_admvs str 6 Y',
  'insuplc_admdvs str 6 C',
  'recer_sys_code str 10 Y',
  'dev_no str 100',
  'dev_safe_info str 2000',
  'cainfo str 1024',
  'signtype str 10',
  'infver str 6 Y',
  'opter_type str 3 Y @opter_type',
  'opter str 30 Y',
  'opter_name str 50 Y',
  'inf_time dt Y',
  'fixmedins_code str 30 Y',
  'fixmedins_name str 200 Y',
  'sign_no str 30 C',
);

/** The common fields every request carries, from configuration. */
export interface EnvelopeCommon {
  fixmedins_code: string;
  fixmedins_name: string;
  mdtrtarea_admvs: string;
  /** Default insured-place division; a call about a person should pass the person's own. */
  insuplc_admdvs: string;
  recer_sys_code: string;
  infver: string;
  opter: string;
  opter_name: string;
  opter_type: string;
  dev_no?: string;
  dev_safe_info?: string;
  cainfo?: string;
  signtype?: string;
}

interface BuildRequestArgs {
  infno: string;
  msgid: string;
  input: Input;
  now: Date;
  /** Empty for 9001 itself. */
  sign_no?: string;
  /** Overrides the configured insured-place division (take it from 1101 insuinfo). */
  insuplc_admdvs?: string;
  utcOffsetMinutes?: number;
}

/** Drop null/undefined keys (and null nodes) like the reference clients' serializers do. */
export function dropNulls<T>(v: T): T {
  // Parts without a null are shared, not copied: a request's input is walked once per call, and
  // a batch built in wire form (trace uploads) has none. The value given is never changed.
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = dropNulls(v[i]);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return (out ?? v) as T;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    let changed = Object.getPrototypeOf(o) !== Object.prototype && Object.getPrototypeOf(o) !== null;
    const kept: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const x = o[keys[i]!];
      if (x === null || x === undefined) {
        changed = true;
        continue;
      }
      const y = dropNulls(x);
      if (y !== x) changed = true;
      kept[i] = y;
    }
    if (!changed) return v;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) if (kept[i] !== undefined) out[keys[i]!] = kept[i];
    return out as T;
  }
  return v;
}

export function buildRequestEnvelope(common: EnvelopeCommon, a: BuildRequestArgs): RequestEnvelope {
  return {
    infno: a.infno,
    msgid: a.msgid,
    mdtrtarea_admvs: common.mdtrtarea_admvs,
    insuplc_admdvs: a.insuplc_admdvs ?? common.insuplc_admdvs,
    recer_sys_code: common.recer_sys_code,
    dev_no: common.dev_no ?? '',
    dev_safe_info: common.dev_safe_info ?? '',
    cainfo: common.cainfo ?? '',
    signtype: common.signtype ?? '',
    infver: common.infver,
    opter_type: common.opter_type,
    opter: common.opter,
    opter_name: common.opter_name,
    inf_time: formatDateTime(a.now, a.utcOffsetMinutes),
    fixmedins_code: common.fixmedins_code,
    fixmedins_name: common.fixmedins_name,
    sign_no: a.sign_no ?? '',
    input: dropNulls(a.input),
  };
}

/**
 * JSON.stringify(buildRequestEnvelope(common, args)) with the input's text given: the JSON of
 * dropNulls(input), written once per call (a 35xx batch is tens of kilobytes) and shared by every
 * attempt and by the journal row. The input is the envelope's last key.
 */
export function requestEnvelopeText(
  common: EnvelopeCommon,
  a: Omit<BuildRequestArgs, 'input'>,
  inputText: string,
): string {
  const head = JSON.stringify(buildRequestEnvelope(common, { ...a, input: {} }));
  return `${head.slice(0, -EMPTY_INPUT.length)}"input":${inputText}}`;
}
const EMPTY_INPUT = '"input":{}}';

/** infcode arrives as 0, "0", " 0", -1, "-1"; anything not a number is NaN (a failure). */
export function normalizeInfcode(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && /^[+-]?\d+$/.test(v.trim())) return Number(v.trim());
  return Number.NaN;
}

export type ClassifiedBody =
  | {
      kind: 'envelope';
      envelope: ResponseEnvelope;
      infcode: number;
      /** {} when the output is sealed: never read a sealed answer as an empty success. */
      output: Output;
      /** output is ciphertext (国密 channel, see channel.ts): it must be opened or refused. */
      sealed: boolean;
      err_msg: string | null;
      warn_msg: string | null;
    }
  | { kind: 'gateway'; body: Record<string, unknown>; message: string | null; code: string | null }
  | { kind: 'not-json'; text: string };

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Classify a response body (already decoded to text). An envelope is a JSON object with an
 * `infcode` key; `output` is accepted as an object, a list (read as `{ data: [...] }`), JSON text
 * holding either, or absent. Any other string is ciphertext (`sealed`), never an empty output.
 */
export function classifyResponseBody(text: string): ClassifiedBody {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return { kind: 'not-json', text: trimmed.slice(0, 500) };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { kind: 'not-json', text: trimmed.slice(0, 500) };
  const o = body as Record<string, unknown>;
  if (!('infcode' in o)) {
    const message = str(o.message ?? o.msg ?? o.err_msg ?? o.errMsg ?? o.error_description ?? o.error ?? null);
    const code = str(o.code ?? o.status ?? o.errcode ?? null);
    return { kind: 'gateway', body: o, message, code };
  }
  let output: unknown = o.output;
  const sealed = isSealedNode(output, o);
  if (sealed) output = {};
  else if (typeof output === 'string') output = output.trim() === '' ? {} : JSON.parse(output.trim());
  if (output === null || output === undefined || typeof output !== 'object' || Array.isArray(output)) {
    output = Array.isArray(output) ? { data: output } : {};
  }
  const err = str(o.err_msg);
  return {
    kind: 'envelope',
    envelope: o as unknown as ResponseEnvelope,
    infcode: normalizeInfcode(o.infcode),
    output: output as Output,
    sealed,
    err_msg: err,
    warn_msg: str(o.warn_msg),
  };
}

/** Does a body (bytes) look like a ZIP file rather than a JSON envelope? (9102) */
export function sniffFileBody(buf: Uint8Array): 'zip' | 'json' | 'other' {
  if (buf.length >= 2 && buf[0] === 0x50 && buf[1] === 0x4b) return 'zip';
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
  return buf[i] === 0x7b ? 'json' : 'other';
}

interface BuildResponseArgs {
  infcode: number;
  inf_refmsgid: string;
  /** When the request arrived and when the answer leaves. */
  received: Date;
  now: Date;
  output?: Output | null;
  err_msg?: string | null;
  warn_msg?: string | null;
  utcOffsetMinutes?: number;
}

/** A response envelope as a strict center sends it (the sandbox's answers). */
export function buildResponseEnvelope(a: BuildResponseArgs): ResponseEnvelope {
  return {
    infcode: a.infcode,
    inf_refmsgid: a.inf_refmsgid,
    refmsg_time: stamp17(a.received, a.utcOffsetMinutes),
    respond_time: stamp17(a.now, a.utcOffsetMinutes),
    err_msg: a.err_msg ?? (a.infcode === 0 ? '成功' : null),
    warn_msg: a.warn_msg ?? null,
    output: a.output ?? null,
    cainfo: null,
    signtype: null,
    // Plain JSON: no encryption. Encrypted variants (reference §1.3) name theirs, e.g. SM4.
    enctype: '',
  };
}
