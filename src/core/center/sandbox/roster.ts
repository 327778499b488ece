/**
 * The sandbox's insured persons: a pure, deterministic function of an ID number (certno) or of a
 * person number (psn_no). Any well-formed resident ID is a person; the demo and the tests take
 * persons from `sandboxRoster()` so that names, insurance types and balances agree with what the
 * sandbox answers for 1101.
 *
 * Rules (documented in docs/sandbox.md):
 * - certno is an 18-character resident ID with a valid check digit; its sequence digits 15–17
 *   equal to "000" mean "not insured" (1101 answers that no insurance was found).
 * - insutype 310 (employees) for about 60 % of persons, 390 (residents) for the rest; employees
 *   of 60 or more are retired (psn_type 12), others 11; residents are 15 (adult) or 16 (60+).
 * - Employees have a personal account with an initial balance of 200.00–5000.00; residents 0.
 * - The insured place is the sandbox's own division unless the ID's region is another city code
 *   (the roster puts every tenth person in 440300, an out-of-area patient).
 */
import { D, type Decimal } from '../../money.js';
import { pick } from './rng.js';

export interface Person {
  psn_no: string;
  psn_cert_type: string;
  certno: string;
  psn_name: string;
  /** 1 male, 2 female (GB/T 2261.1). */
  gend: string;
  naty: string;
  brdy: string;
  insutype: string;
  psn_type: string;
  cvlserv_flag: string;
  insuplc_admdvs: string;
  emp_name: string;
  psn_insu_stas: string;
  psn_insu_date: string;
  /** Personal account balance before any settlement the sandbox records. */
  initial_balc: Decimal;
  insured: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID. */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[s % 11]!;
}

/** Is `s` an 18-character resident ID with a real birth date and the right check character? */
export function isResidentId(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1900) return false;
  return idCheckChar(s.slice(0, 17)) === s[17];
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷';
const EMPLOYERS = [
  '长沙市第一机械厂',
  '湖南省建工集团',
  '长沙市教育局',
  '岳麓区社区服务中心',
  '湖南湘江新区管委会',
  '长沙银行',
  '中南大学',
];

function nameFor(key: string): string {
  const s = SURNAMES[pick(`s:${key}`, SURNAMES.length)]!;
  const n = 1 + pick(`n:${key}`, 2);
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[pick(`g${i}:${key}`, GIVEN.length)]!;
  return s + g;
}

/**
 * The person number the sandbox gives an ID number: insured place (6) + the ID (18) = 24
 * characters. Real person numbers are opaque; the sandbox's embed the ID so that any of them can
 * be resolved back to the same person without state.
 */
export function psnNoFor(certno: string, insuplc_admdvs: string): string {
  return `${insuplc_admdvs}${certno}`;
}

/** The resident ID inside a sandbox person number, if it is one of those. */
export function certnoInPsnNo(psn_no: string): string | undefined {
  if (psn_no.length !== 24 || !/^\d{6}/.test(psn_no)) return undefined;
  const id = psn_no.slice(6);
  return isResidentId(id) ? id : undefined;
}

function ageOn(brdy: string, on: string): number {
  const by = Number(brdy.slice(0, 4));
  const oy = Number(on.slice(0, 4));
  let a = oy - by;
  if (on.slice(5, 10) < brdy.slice(5, 10)) a--;
  return a;
}

/** Age in whole years on a `yyyy-MM-dd` day. */
export function personAge(p: Pick<Person, 'brdy'>, on: string): number {
  return ageOn(p.brdy, on);
}

/**
 * The person behind a resident ID. `admdvs` is the sandbox's own division (the insured place of
 * local persons); `psn_no` overrides the derived person number (a person first seen by psn_no).
 * `today` decides retirement (age 60) and should be the sandbox's date.
 */
export function personFromCertno(certno: string, admdvs: string, today: string, psn_no?: string): Person {
  const region = certno.slice(0, 6);
  const insuplc = /^[1-9]\d{3}00$/.test(region) ? region : admdvs;
  const brdy = `${certno.slice(6, 10)}-${certno.slice(10, 12)}-${certno.slice(12, 14)}`;
  const age = ageOn(brdy, today);
  const employee = pick(`ins:${certno}`, 10) < 6;
  const insutype = employee ? '310' : '390';
  const psn_type = employee ? (age >= 60 ? '12' : '11') : age >= 60 ? '16' : '15';
  const cents = employee ? 20000 + pick(`balc:${certno}`, 480001) : 0;
  const insuYear = Math.max(Number(brdy.slice(0, 4)) + 18, 1998 + pick(`iy:${certno}`, 20));
  return {
    psn_no: psn_no ?? psnNoFor(certno, insuplc),
    psn_cert_type: '01',
    certno,
    psn_name: nameFor(certno),
    gend: Number(certno[16]) % 2 === 1 ? '1' : '2',
    naty: '01',
    brdy,
    insutype,
    psn_type,
    cvlserv_flag: employee && pick(`cvl:${certno}`, 10) === 0 ? '1' : '0',
    insuplc_admdvs: insuplc,
    emp_name: employee ? EMPLOYERS[pick(`emp:${certno}`, EMPLOYERS.length)]! : '',
    psn_insu_stas: '1',
    psn_insu_date: `${Math.min(insuYear, Number(today.slice(0, 4)))}-01-01`,
    initial_balc: new D(cents).div(100),
    insured: certno.slice(14, 17) !== '000',
  };
}

/** A well-formed resident ID derived from any key (for persons first met by psn_no or by card). */
export function syntheticCertno(key: string, region: string): string {
  const y = 1940 + pick(`y:${key}`, 66);
  const m = 1 + pick(`m:${key}`, 12);
  const d = 1 + pick(`d:${key}`, 28);
  const seq = 1 + pick(`q:${key}`, 998);
  const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/**
 * The person behind a person number: a sandbox number resolves to its ID's person; any other
 * number (one a HIS made up) gets a synthetic, stable person.
 */
export function personFromPsnNo(psn_no: string, admdvs: string, today: string): Person {
  const embedded = certnoInPsnNo(psn_no);
  if (embedded) return personFromCertno(embedded, admdvs, today, psn_no);
  const region = /^[1-9]\d{3}00/.test(psn_no) ? psn_no.slice(0, 6) : admdvs;
  const certno = syntheticCertno(`psn:${psn_no}`, region);
  return personFromCertno(certno, admdvs, today, psn_no);
}

export interface RosterOptions {
  /** The sandbox's division (default 430100). */
  admdvs?: string;
  /** Varies the roster; the same seed gives the same persons. */
  seed?: number;
  /** The day ages are computed on (default 2026-01-01; only decides retired vs working). */
  today?: string;
  /** Division of the out-of-area persons (every tenth; default 440300). */
  outOfAreaAdmdvs?: string;
}

/**
 * `count` insured persons, deterministic for a seed: valid IDs, never the "not insured" sequence,
 * every tenth person insured elsewhere (an out-of-area patient).
 */
export function sandboxRoster(count: number, opts: RosterOptions = {}): Person[] {
  const admdvs = opts.admdvs ?? '430100';
  const far = opts.outOfAreaAdmdvs ?? '440300';
  const today = opts.today ?? '2026-01-01';
  const seed = opts.seed ?? 1;
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const region = i % 10 === 9 ? far : admdvs;
    const key = `roster:${seed}:${i}`;
    const y = 1940 + pick(`y:${key}`, 66);
    const m = 1 + pick(`m:${key}`, 12);
    const d = 1 + pick(`d:${key}`, 28);
    const seq = 1 + ((i + pick(`q:${key}`, 900)) % 998);
    const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
    const certno = first17 + idCheckChar(first17);
    const p = personFromCertno(certno, admdvs, today);
    out.push(p);
  }
  return out;
}

/** The same person under another insurance type (psn_type follows: 11/12 employees, 15/16 residents). */
export function withInsutype(p: Person, insutype: string, today: string): Person {
  if (p.insutype === insutype) return p;
  const age = ageOn(p.brdy, today);
  const employee = insutype === '310' || insutype === '320' || insutype === '330';
  return { ...p, insutype, psn_type: employee ? (age >= 60 ? '12' : '11') : age >= 60 ? '16' : '15' };
}
