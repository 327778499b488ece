/**
 * Masking patient-identifying values for test databases. Deterministic (the same input and key
 * give the same output everywhere, so joins between tables still match) and format-preserving:
 * a Chinese name stays a plausible Chinese name of the same length, an 18-digit resident ID keeps
 * its region code, gets another valid birth date and sequence with the same sex digit parity, and
 * a correct GB 11643 check digit; a mobile number keeps its carrier prefix; an address keeps its
 * province/city/district. Rules pick the masker by column-name pattern (and optionally table).
 *
 * Pure: HMAC from node:crypto only.
 */
import crypto from 'node:crypto';
import YAML from 'yaml';
import { inputError } from '../errors.js';

export type MaskKind = 'name' | 'idcard' | 'phone' | 'address' | 'email' | 'text';
export const MASK_KINDS: MaskKind[] = ['name', 'idcard', 'phone', 'address', 'email', 'text'];

export interface MaskRule {
  /** Table name pattern (`*`, `?`); any table when absent. */
  table?: string;
  /** Column name pattern (`*`, `?`), case-insensitive. */
  column: string;
  kind: MaskKind;
}

/**
 * Column names that identify patients in Chinese HIS (pinyin abbreviations), in the national
 * insurance interface, and in OpenEMR / Open Hospital. Broad words like "name" alone are left
 * out on purpose: dictionaries (drug names, ward names) must stay readable.
 */
export const DEFAULT_MASK_RULES: MaskRule[] = [
  ...['psn_name', 'patient_name', 'pat_name', 'patname', 'brxm', 'hzxm', 'xm', '*_xm', 'lxrxm', 'jhrxm', 'fname', 'lname', 'mname', 'first_name', 'last_name', 'middle_name', 'pat_fname', 'pat_sname', '*fath_name', '*moth_name', 'mothersname', 'guardiansname', 'pat_next_kin', 'emergency_contact'].map((column) => ({ column, kind: 'name' as const })),
  ...['certno', 'cert_no', 'psn_cert_no', 'idcard', 'id_card', 'idcard_no', 'id_no', 'idno', 'sfzh', 'sfzhm', '*sfz*', 'ss', 'ssn', '*taxcode*'].map((column) => ({ column, kind: 'idcard' as const })),
  ...['*phone*', '*mobile*', 'tel', '*_tel', 'tel_*', 'telephone', 'lxdh', 'sjhm', 'jtdh', '*_dh', 'pat_telephone'].map((column) => ({ column, kind: 'phone' as const })),
  ...['*addr*', '*address*', 'street', 'jtzz', 'xzz', 'hkdz', 'gzdw_dz', '*_dz', 'dz', 'zz'].map((column) => ({ column, kind: 'address' as const })),
  ...['*email*', 'mail'].map((column) => ({ column, kind: 'email' as const })),
];

function glob(p: string): RegExp {
  return new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
}

export interface CompiledRules {
  kindFor(table: string, column: string): MaskKind | undefined;
}

/** Custom rules are tried first, then the defaults (unless `replaceDefaults`). */
export function compileRules(custom: MaskRule[] = [], replaceDefaults = false): CompiledRules {
  const rules = [...custom, ...(replaceDefaults ? [] : DEFAULT_MASK_RULES)].map((r) => ({ t: r.table ? glob(r.table) : undefined, c: glob(r.column), kind: r.kind }));
  return {
    kindFor(table, column) {
      for (const r of rules) if ((!r.t || r.t.test(table)) && r.c.test(column)) return r.kind;
      return undefined;
    },
  };
}

/** A rules file: `mask: [{ column: "pat_*name", kind: name }, { table: t, column: c, kind: text }]`, optional `replaceDefaults: true`. */
export function parseMaskRules(text: string, file: string): { rules: MaskRule[]; replaceDefaults: boolean } {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw inputError('MASK_RULES_BAD', `Cannot read the mask rules ${file}`, 'Write it as YAML: mask: [{ column: "pat_*name", kind: name }].', (e as Error).message, { file }).zh(`无法读取脱敏规则 ${file}`, '请写成 YAML：mask: [{ column: "pat_*name", kind: name }]。');
  }
  const d = (doc ?? {}) as { mask?: unknown; replaceDefaults?: unknown };
  const list = d.mask ?? [];
  if (!Array.isArray(list)) throw inputError('MASK_RULES_BAD', `"mask" in ${file} is not a list`, 'Write mask: [{ column: "…", kind: name|idcard|phone|address|email|text }].', undefined, { file }).zh(`${file} 中的 "mask" 不是列表`, '请写成 mask: [{ column: "…", kind: name|idcard|phone|address|email|text }]。');
  const rules = list.map((r: unknown, i: number) => {
    const x = r as Partial<MaskRule>;
    if (!x || typeof x.column !== 'string' || !MASK_KINDS.includes(x.kind as MaskKind) || (x.table !== undefined && typeof x.table !== 'string')) {
      throw inputError('MASK_RULES_BAD', `Rule ${i + 1} in ${file} is not valid`, `Each rule needs column (a name pattern) and kind (${MASK_KINDS.join(', ')}), and may name a table pattern.`, undefined, { file, rule: r }).zh(`${file} 中的第 ${i + 1} 条规则无效`, `每条规则需要 column（列名模式）和 kind（${MASK_KINDS.join('、')}），可另给 table 模式。`);
    }
    return { column: x.column, kind: x.kind as MaskKind, ...(x.table ? { table: x.table } : {}) };
  });
  return { rules, replaceDefaults: d.replaceDefaults === true };
}

/** A deterministic stream of bytes for one value. */
class Stream {
  private buf: Buffer;
  private pos = 0;
  private round = 0;
  constructor(
    private readonly key: string,
    private readonly seed: string,
  ) {
    this.buf = this.next();
  }
  private next(): Buffer {
    return crypto.createHmac('sha256', this.key).update(`${this.round++}\u0000${this.seed}`).digest();
  }
  byte(): number {
    if (this.pos >= this.buf.length) {
      this.buf = this.next();
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
  int(n: number): number {
    return ((this.byte() << 8) | this.byte()) % n;
  }
}

// Common surnames and given-name characters: masked names look like names.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玉萍红鹏飞云峰志成德海亮宁波斌宇浩凯健俊帆欣怡佳琳晨阳婷雪梅琴丹慧颖琪子轩涵瑞雨欣梓博文昊天宏毅晓东';
const ADDR_CHARS = '东西南北中新和平安康宁兴华光明长丰泰福盛永顺景阳春江河湖山林园路街巷里村';

const CJK = /[\u3400-\u9fff]/;

function sameClass(ch: string, s: Stream): string {
  if (/[0-9]/.test(ch)) return String(s.int(10));
  if (/[a-z]/.test(ch)) return String.fromCharCode(97 + s.int(26));
  if (/[A-Z]/.test(ch)) return String.fromCharCode(65 + s.int(26));
  if (CJK.test(ch)) return GIVEN[s.int(GIVEN.length)]!;
  return ch;
}

function maskName(v: string, s: Stream): string {
  const chars = [...v];
  if (chars.some((c) => CJK.test(c))) {
    return chars.map((c, i) => (CJK.test(c) ? (i === 0 ? SURNAMES[s.int(SURNAMES.length)]! : GIVEN[s.int(GIVEN.length)]!) : c)).join('');
  }
  return chars.map((c) => sameClass(c, s)).join('');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdCard(v: string): boolean {
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idCheckDigit(v.slice(0, 17)) === v[17];
}

function birthDate(s: Stream): { y: number; m: number; d: number } {
  const y = 1930 + s.int(90);
  const m = 1 + s.int(12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: 1 + s.int(days) };
}

function maskIdCard(v: string, s: Stream): string {
  const t = v.trim();
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (/^\d{17}[\dXx]$/.test(t)) {
    const { y, m, d } = birthDate(s);
    // keep the sex: the 17th digit's parity
    const parity = Number(t[16]) % 2;
    let seq = s.int(1000);
    if (seq % 2 !== parity) seq = (seq + 1) % 1000;
    const first17 = `${t.slice(0, 6)}${y}${p2(m)}${p2(d)}${String(seq).padStart(3, '0')}`;
    return first17 + idCheckDigit(first17);
  }
  if (/^\d{15}$/.test(t)) {
    const { y, m, d } = birthDate(s);
    const parity = Number(t[14]) % 2;
    let seq = s.int(1000);
    if (seq % 2 !== parity) seq = (seq + 1) % 1000;
    return `${t.slice(0, 6)}${String(y).slice(2)}${p2(m)}${p2(d)}${String(seq).padStart(3, '0')}`;
  }
  return [...v].map((c) => sameClass(c, s)).join('');
}

function maskPhone(v: string, s: Stream): string {
  const t = v.trim();
  const mobile = /^(\+?86[- ]?)?(1[3-9]\d)(\d{8})$/.exec(t);
  if (mobile) return `${mobile[1] ?? ''}${mobile[2]}${Array.from({ length: 8 }, () => s.int(10)).join('')}`;
  const land = /^(0\d{2,3})([- ]?)(\d{7,8})(.*)$/.exec(t);
  if (land) return `${land[1]}${land[2]}${[...land[3]!].map((_, i) => (i === 0 ? String(2 + s.int(8)) : String(s.int(10)))).join('')}${[...land[4]!].map((c) => sameClass(c, s)).join('')}`;
  return [...v].map((c) => sameClass(c, s)).join('');
}

function maskAddress(v: string, s: Stream): string {
  const chars = [...v];
  if (chars.some((c) => CJK.test(c))) {
    // keep the administrative prefix: up to the last 省/市/区/县/旗 within the first 12 characters
    let keep = 0;
    for (let i = 0; i < Math.min(chars.length, 12); i++) if (/[省市区县旗州盟]/.test(chars[i]!)) keep = i + 1;
    return chars.map((c, i) => (i < keep ? c : CJK.test(c) ? ADDR_CHARS[s.int(ADDR_CHARS.length)]! : sameClass(c, s))).join('');
  }
  return chars.map((c) => sameClass(c, s)).join('');
}

function maskEmail(v: string, s: Stream): string {
  const at = v.lastIndexOf('@');
  if (at <= 0) return [...v].map((c) => sameClass(c, s)).join('');
  return [...v.slice(0, at)].map((c) => (/[a-zA-Z0-9]/.test(c) ? String.fromCharCode(97 + s.int(26)) : c)).join('') + v.slice(at);
}

const MASKERS: Record<MaskKind, (v: string, s: Stream) => string> = {
  name: maskName,
  idcard: maskIdCard,
  phone: maskPhone,
  address: maskAddress,
  email: maskEmail,
  text: (v, s) => [...v].map((c) => sameClass(c, s)).join(''),
};

/** Mask one value. NULL and empty strings stay as they are; non-strings are turned into text first. */
export function maskValue(kind: MaskKind, value: unknown, key: string): unknown {
  if (value === null || value === undefined) return value;
  const v = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  if (v === '') return value;
  return MASKERS[kind](v, new Stream(key, `${kind}\u0000${v}`));
}
