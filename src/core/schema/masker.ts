/**
 * The maskers. Deterministic (the same input and key give the same output everywhere, so joins
 * between tables still match) and format-preserving: a Chinese name stays a plausible Chinese
 * name of the same length; an 18-character resident ID keeps its region code, birth year and sex
 * digit, gets another valid day of that year (the same day a birth-date column of that day gets)
 * and sequence, and a correct GB 11643 check character; a mobile keeps its carrier prefix; an
 * address keeps its province/city/district; a person number that embeds an ID number (psn_no =
 * region + ID) keeps its prefix and gets the masked ID.
 *
 * ID numbers and phone numbers go through keyed permutations (maskFpe.ts): distinct originals
 * stay distinct. With the set of original values at hand (`originals`, filled before the copy),
 * a masker never returns a value that is some real person's: it tries again with another tweak,
 * and for IDs and phones also avoids what another original was masked to (`produced`).
 *
 * Pure: node:crypto only. The byte stream and the text maskers are maskText.ts.
 */
import { ID_CHECK, MASK_KINDS, idCheckDigit, isValidIdCard, type MaskKind } from './mask.js';
import { fpeDigits, permuteBelow, salt32 } from './maskFpe.js';
import { ValueSet } from './maskSet.js';
import { maskAddress, maskEmail, maskName, sameClass, Stream } from './maskText.js';

const p2 = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number) => (isLeap(y) ? 366 : 365);
function dayOfYear(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000);
}
function fromDayOfYear(y: number, day: number): { m: number; d: number } {
  const t = new Date(Date.UTC(y, 0, 1) + day * 86_400_000);
  return { m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1800 && y <= 2100 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Numbers of identity tokens inside free text: ID numbers (18 characters) and mobiles (11 digits). */
const ID_IN_TEXT = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** What separates words in free text, JSON and XML: a token between them may be an original value. */
export const TOKEN_SPLIT = /[\s"'`,;:|=<>()[\]{}\\/，。；：、（）【】]+/;

export const KIND_CODE: Record<MaskKind, number> = Object.fromEntries(MASK_KINDS.map((k, i) => [k, i + 1])) as Record<
  MaskKind,
  number
>;
export const KIND_OF_CODE = ['', ...MASK_KINDS] as Array<MaskKind | ''>;

/**
 * The form of an original value kept in the set of originals, or undefined when the value cannot
 * identify anyone by itself (a one-letter name, 'N/A' in a phone column, a date): those are not
 * looked for in the copy.
 */
function digitCount(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

export function identityValue(kind: MaskKind, value: unknown): string | undefined {
  if (value === null || value === undefined || value instanceof Date) return undefined;
  const v = (
    typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : String(value)
  ).trim();
  switch (kind) {
    case 'name':
      // a first or last name alone in Latin letters is also a common word (White, Brown, Rose):
      // not looked for; a Chinese name or a full name is
      return v.length >= 2 && /[A-Za-z\u3400-\u9fff]/.test(v) && !/^[A-Za-z][A-Za-z'.-]*$/.test(v) ? v : undefined;
    case 'idcard':
      return digitCount(v) >= 6 ? v : undefined;
    case 'phone':
      return digitCount(v) >= 7 ? v : undefined;
    case 'address':
      return [...v].length >= 6 ? v : undefined;
    case 'email':
      return /.@.+\../.test(v) ? v : undefined;
    default:
      return undefined;
  }
}

interface MaskerOptions {
  key: string;
  /** Original values of the masked columns (identityValue forms) with their kinds. */
  originals?: ValueSet;
}

export class Masker {
  readonly key: string;
  readonly originals?: ValueSet;
  /** What the originals of the one-to-one kinds (ID, phone) are masked to at the first try. */
  readonly produced = new ValueSet();
  /** The few originals whose first try was some real person's value: what they got instead. */
  private readonly retried = new Map<string, string>();
  private readonly retriedOut = new ValueSet();
  /** How many values needed another try (for the report). */
  retries = 0;
  /** First tries already computed, per kind: a person's ID number comes back in every visit, settlement and fee line. */
  private readonly firstTry = new Map<MaskKind, Map<string, string>>();

  constructor(o: MaskerOptions) {
    this.key = o.key;
    this.originals = o.originals;
  }

  /** Record an original before the copy: what it masks to at the first try is then taken. */
  notePlanned(kind: MaskKind, v: string): void {
    if (kind !== 'idcard' && kind !== 'phone') return;
    this.produced.add(this.firstMask(kind, v), 1);
  }

  /** Mask one value. NULL and empty strings stay as they are; non-strings are turned into text first. */
  mask(kind: MaskKind, value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (kind === 'birthdate') return this.birthdate(value);
    const v = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
    if (v === '') return value;
    return this.maskText(kind, v);
  }

  /** What `v` masks to at the first try, remembered (a bounded cache per kind). */
  private firstMask(kind: MaskKind, v: string): string {
    let cache = this.firstTry.get(kind);
    if (!cache) this.firstTry.set(kind, (cache = new Map()));
    let first = cache.get(v);
    if (first === undefined) {
      first = this.once(kind, v, 0);
      if (cache.size >= 200_000) cache.clear();
      cache.set(v, first);
    }
    return first;
  }

  private maskText(kind: MaskKind, v: string): string {
    const first = this.firstMask(kind, v);
    const o = this.originals;
    if (!o || kind === 'tokens' || kind === 'text') return first;
    const check = (c: string) => identityValue(kind, c) ?? c.trim();
    if (!o.has(check(first))) return first;
    const unique = kind === 'idcard' || kind === 'phone';
    const cached = this.retried.get(`${kind}\u0000${v}`);
    if (cached !== undefined) return cached;
    let c = first;
    for (let r = 1; r < 64; r++) {
      c = this.once(kind, v, r);
      if (o.has(check(c))) continue;
      if (unique && (this.produced.has(c) || this.retriedOut.has(c))) continue;
      break;
    }
    this.retries++;
    if (this.retried.size < 5_000_000) this.retried.set(`${kind}\u0000${v}`, c);
    if (unique) this.retriedOut.add(c, 1);
    return c;
  }

  /** One try (round r) of a masker. */
  once(kind: MaskKind, v: string, r: number): string {
    switch (kind) {
      case 'idcard':
        return this.idcard(v, r);
      case 'phone':
        return this.phone(v, r);
      case 'name':
        return maskName(v, new Stream(this.key, `name\u0000${r}\u0000${v}`));
      case 'address':
        return maskAddress(v, new Stream(this.key, `address\u0000${r}\u0000${v}`));
      case 'email':
        return maskEmail(v, new Stream(this.key, `email\u0000${r}\u0000${v}`));
      case 'tokens':
        return this.tokens(v);
      case 'birthdate':
        return String(this.birthdate(v));
      default: {
        const s = new Stream(this.key, `text\u0000${r}\u0000${v}`);
        return [...v].map((c) => sameClass(c, s)).join('');
      }
    }
  }

  /** The masked day of a birth date: another day of the same year, the same for every column. */
  maskDay(y: number, m: number, d: number, round = 0): { y: number; m: number; d: number } {
    const day = permuteBelow(
      dayOfYear(y, m, d),
      daysIn(y),
      this.key,
      'birth-day',
      round ? salt32(`${y}\u0000${round}`) : y,
    );
    return { y, ...fromDayOfYear(y, day) };
  }

  /** A birth date as a date or as text (yyyy-MM-dd, yyyyMMdd, with a time after it): another day of the same year, in the same spelling. */
  birthdate(value: unknown): unknown {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return value;
      // drivers hand DATE columns over as local midnight
      const t = this.maskDay(value.getFullYear(), value.getMonth() + 1, value.getDate());
      return `${t.y}-${p2(t.m)}-${p2(t.d)}`;
    }
    const v = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
    const m = /^(\s*)(\d{4})([-/.]?)(\d{2})([-/.]?)(\d{2})(.*)$/s.exec(v);
    if (!m || !realDate(Number(m[2]), Number(m[4]), Number(m[6]))) return v;
    const t = this.maskDay(Number(m[2]), Number(m[4]), Number(m[6]));
    return `${m[1]}${t.y}${m[3]}${p2(t.m)}${m[5]}${p2(t.d)}${m[7]}`;
  }

  /** A birth-date value set to the given day, spelt as the original (a date becomes yyyy-MM-dd). */
  birthdateAs(value: unknown, day: { y: number; m: number; d: number }): unknown {
    const iso = `${day.y}-${p2(day.m)}-${p2(day.d)}`;
    if (value instanceof Date) return iso;
    const v = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
    const m = /^(\s*)(\d{4})([-/.]?)(\d{2})([-/.]?)(\d{2})(.*)$/s.exec(v);
    if (!m) return this.birthdate(value);
    return `${m[1]}${day.y}${m[3]}${p2(day.m)}${m[5]}${p2(day.d)}${m[7]}`;
  }

  /**
   * Mask a row's columns; a birth-date column then takes the birth date of the row's masked ID
   * number, so the two agree (and the ID keeps the sex digit's parity: a sex column still agrees).
   */
  maskRow(row: Record<string, unknown>, masked: Array<{ column: string; kind: MaskKind }>): Record<string, unknown> {
    const out = { ...row };
    let day: { y: number; m: number; d: number } | undefined;
    for (const m of masked) {
      if (m.kind === 'birthdate' || !(m.column in row)) continue;
      const v = row[m.column];
      out[m.column] = this.mask(m.kind, v);
      if (m.kind === 'idcard' && !day && v !== null && v !== undefined) day = idBirth(String(v), String(out[m.column]));
    }
    for (const m of masked) {
      if (m.kind !== 'birthdate' || !(m.column in row)) continue;
      const v = row[m.column];
      out[m.column] =
        v === null || v === undefined || v === '' ? v : day ? this.birthdateAs(v, day) : this.mask('birthdate', v);
    }
    return out;
  }

  private idcard(v: string, r: number): string {
    const t = v.trim();
    if (/^\d{17}[\dXx]$/.test(t)) return this.id18(t, r);
    if (/^\d{15}$/.test(t) && realDate(1900 + Number(t.slice(6, 8)), Number(t.slice(8, 10)), Number(t.slice(10, 12)))) {
      // the old 15-digit ID: region, yyMMdd, 3-digit sequence (its parity is the sex)
      const y = 1900 + Number(t.slice(6, 8));
      const b = this.maskDay(y, Number(t.slice(8, 10)), Number(t.slice(10, 12)));
      const seq = this.seq(Number(t.slice(12, 15)), `${t.slice(0, 6)}\u0000${t.slice(6, 12)}\u0000${r}`);
      return `${t.slice(0, 6)}${String(b.y).slice(2)}${p2(b.m)}${p2(b.d)}${seq}`;
    }
    // a person number that embeds an ID number (psn_no = region + ID): the ID masked as in the ID column
    const embedded = /(?<![0-9])([0-9]{17}[0-9Xx])(?![0-9])|^([0-9]{1,12})([0-9]{17}[0-9Xx])$/.exec(t);
    if (embedded) {
      const id = embedded[1] ?? embedded[3]!;
      if (isValidIdCard(id)) {
        const start = embedded[1] ? embedded.index : embedded[2]!.length;
        const masked = this.maskText('idcard', id);
        const lead = v.slice(0, v.indexOf(t));
        return `${lead}${t.slice(0, start)}${masked}${t.slice(start + 18)}`;
      }
    }
    return this.digitsAndLetters(v, `idcard\u0000${r}`);
  }

  private id18(t: string, r: number): string {
    const y = Number(t.slice(6, 10));
    const m = Number(t.slice(10, 12));
    const d = Number(t.slice(12, 14));
    if (!realDate(y, m, d)) return this.digitsAndLetters(t, `idcard\u0000${r}`);
    // another sequence first; where every sequence of that day is taken (a crowded day), another day too
    const b = this.maskDay(y, m, d, r < 16 ? 0 : r);
    const seq = this.seq(Number(t.slice(14, 17)), `${t.slice(0, 6)}\u0000${t.slice(6, 14)}\u0000${r}`);
    const first17 = `${t.slice(0, 6)}${b.y}${p2(b.m)}${p2(b.d)}${seq}`;
    const check = idCheckDigit(first17);
    // a wrong check character stays wrong (and so never equals a valid ID's)
    const valid = idCheckDigit(t.slice(0, 17)) === t[17]!.toUpperCase();
    return first17 + (valid ? check : ID_CHECK[(ID_CHECK.indexOf(check) + 1) % 11]!);
  }

  /** Another 3-digit sequence with the same parity (the sex digit's). */
  private seq(seq: number, tweak: string): string {
    const half = permuteBelow(Math.floor(seq / 2), 500, this.key, 'id-seq', salt32(tweak));
    return String(half * 2 + (seq % 2)).padStart(3, '0');
  }

  private phone(v: string, r: number): string {
    const t = v.trim();
    const lead = v.slice(0, v.indexOf(t));
    const tail = v.slice(lead.length + t.length);
    const mobile = /^(\+?86[- ]?)?(1[3-9]\d)(\d{8})$/.exec(t);
    if (mobile)
      return `${lead}${mobile[1] ?? ''}${mobile[2]}${fpeDigits(mobile[3]!, this.key, 'mobile', salt32(`${mobile[2]}\u0000${r}`))}${tail}`;
    const land = /^(0\d{2,3})([- ]?)([2-9]\d{6,7})$/.exec(t);
    if (land) {
      // a local number never starts with 0 or 1: walk the permutation until it does not
      let x = land[3]!;
      for (let i = 0; i < 1000; i++) {
        x = fpeDigits(x, this.key, 'landline', salt32(`${land[1]}\u0000${r}`));
        if (x[0]! >= '2') break;
      }
      return `${lead}${land[1]}${land[2]}${x}${tail}`;
    }
    return this.digitsAndLetters(v, `phone\u0000${r}`);
  }

  /** Digits through the keyed permutation run by run (one-to-one), letters and CJK replaced. */
  private digitsAndLetters(v: string, tweak: string): string {
    const s = new Stream(this.key, `${tweak}\u0000${v}`);
    return v.replace(/[0-9]+|[^0-9]/g, (part) =>
      /^[0-9]/.test(part) ? fpeDigits(part, this.key, 'digits', salt32(tweak)) : sameClass(part, s),
    );
  }

  /**
   * Free text (a JSON message, a note): the ID numbers, mobiles and e-mails in it, and every word
   * that is an original value of a masked column, replaced by their masked forms; the rest kept.
   */
  private tokens(v: string): string {
    let out = v.replace(ID_IN_TEXT, (id) => (isValidIdCard(id) ? (this.maskText('idcard', id) as string) : id));
    out = out.replace(MOBILE_IN_TEXT, (m) => this.maskText('phone', m) as string);
    out = out.replace(EMAIL_IN_TEXT, (e) =>
      this.originals?.has(e) || !this.originals ? (this.maskText('email', e) as string) : e,
    );
    const o = this.originals;
    if (!o) return out;
    return out.replace(/[^\s"'`,;:|=<>()[\]{}\\/，。；：、（）【】]+/g, (word) => {
      const k = KIND_OF_CODE[o.kindOf(word)];
      return k && k !== 'tokens' && k !== 'text' && k !== 'birthdate' ? (this.maskText(k, word) as string) : word;
    });
  }
}

/** The birth date in a masked ID number whose original was a valid ID (alone or at the end of a person number). */
function idBirth(original: string, masked: string): { y: number; m: number; d: number } | undefined {
  const o = /(\d{17}[\dXx])\s*$/.exec(original);
  if (!o || !isValidIdCard(o[1]!)) return undefined;
  const m = /(\d{17}[\dXx])\s*$/.exec(masked);
  if (!m) return undefined;
  const id = m[1]!;
  const y = Number(id.slice(6, 10));
  const mo = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  return realDate(y, mo, d) ? { y, m: mo, d } : undefined;
}

const plain = new Map<string, Masker>();

/** Mask one value with no set of originals (each value on its own). NULL and '' stay as they are. */
export function maskValue(kind: MaskKind, value: unknown, key: string): unknown {
  let m = plain.get(key);
  if (!m) {
    if (plain.size > 100) plain.clear();
    m = new Masker({ key });
    plain.set(key, m);
  }
  return m.mask(kind, value);
}
