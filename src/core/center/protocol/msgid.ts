/**
 * The sender message id: fixmedins_code (12) + yyyyMMddHHmmss (14) + sequence (4) = 30 characters.
 * The center records it, and 2207/2304 echo it as `medins_setl_id`; 2601 reverses a call by it.
 * Building is pure; choosing a sequence that no other process uses in the same second is the
 * client's job (see client/msgidAllocator.ts).
 */
import { inputError } from '../../errors.js';
import { stamp14 } from './time.js';

/** Institution codes are 12 letters/digits (e.g. H43111100255). */
export const FIXMEDINS_CODE_RE = /^[A-Za-z0-9]{12}$/;
/** Capture groups: 1 institution code, 2 stamp, 3 sequence. */
export const MSGID_RE = /^([A-Za-z0-9]{12})(\d{14})(\d{4})$/;
/** Sequence numbers per institution per second: 0000–9999. */
export const MSGID_SEQ_SPACE = 10_000;

export function buildMsgid(fixmedins_code: string, now: Date, seq: number, utcOffsetMinutes?: number): string {
  if (!FIXMEDINS_CODE_RE.test(fixmedins_code)) {
    throw inputError(
      'CENTER_FIXMEDINS_CODE',
      `The institution code "${fixmedins_code}" is not 12 letters or digits`,
      'Set fixmedins_code in hisops.yaml to the 12-character code issued by the center (e.g. H43111100255).',
    ).zh(
      `定点医药机构编号 "${fixmedins_code}" 不是 12 位字母或数字`,
      '请将 hisops.yaml 中的 fixmedins_code 设为医保中心分配的 12 位编号（例如 H43111100255）。',
    );
  }
  if (!Number.isInteger(seq) || seq < 0 || seq >= MSGID_SEQ_SPACE) {
    throw new RangeError(`msgid sequence out of range: ${seq}`);
  }
  return `${fixmedins_code}${stamp14(now, utcOffsetMinutes)}${String(seq).padStart(4, '0')}`;
}

interface MsgidParts {
  fixmedins_code: string;
  stamp: string;
  seq: number;
}

export function parseMsgid(msgid: string): MsgidParts | undefined {
  const m = MSGID_RE.exec(msgid);
  if (!m) return undefined;
  return { fixmedins_code: m[1]!, stamp: m[2]!, seq: Number(m[3]) };
}

export function isMsgid(s: unknown): s is string {
  return typeof s === 'string' && MSGID_RE.test(s);
}

/**
 * The receiver message id (inf_refmsgid): receiver admdvs (6) + yyyyMMddHHmmss (14) + serial (10).
 * Used by the sandbox when it answers.
 */
export function buildRefmsgid(admdvs: string, now: Date, serial: number, utcOffsetMinutes?: number): string {
  return `${admdvs.padEnd(6, '0').slice(0, 6)}${stamp14(now, utcOffsetMinutes)}${String(serial % 1e10).padStart(10, '0')}`;
}
