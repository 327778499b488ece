/**
 * A bill document (the tree of a JSON/YAML file or of a CSV with `# key: value` headers) → the
 * engine's SettleInput, with line-numbered errors. Shape: docs/rules.md "Bill files".
 */
import { D, type Decimal } from '../money.js';
import { FieldReader, quickDate, quickDecimal } from './fieldReader.js';
import { childPath, didYouMean, type Issues } from './issues.js';
import {
  AMOUNT_FIELDS,
  type Accumulators,
  type Amounts,
  type ChrgitmLv,
  type FeeLine,
  type Person,
  type SettleInput,
  type SettleState,
  type StayTotals,
  type Visit,
  type VisitType,
  VISIT_TYPES,
} from './types.js';
import { isTreeMap, type TreeMap, type TreeValue } from './yamlTree.js';

const ZERO = new D(0);
const TOP = ['insutype', 'setl_time', 'hosp_lv', 'person', 'visit', 'lines', 'state'];
const PERSON = ['psn_no', 'age', 'retired', 'psn_groups', 'acct_balc', 'mulaid_balc', 'ytd'];
const VISIT = [
  'type',
  'admission_count',
  'interim_no',
  'in_area',
  'category',
  'disease',
  'fixed_item',
  'acct_used_flag',
  'carry',
  'mdtrt_id',
];
const LINE_KEYS = [
  'feedetl_sn',
  'medins_list_codg',
  'med_list_codg',
  'chrgitm_lv',
  'cnt',
  'pric',
  'fee_ocur_time',
  'pric_uplmt_amt',
  'selfpay_prop',
  'list_type',
  'service_item',
  'init_feedetl_sn',
];
const LINE_KEY_SET = new Set(LINE_KEYS);
const CATEGORIES = new Map<string, ChrgitmLv>([
  ['01', '01'],
  ['02', '02'],
  ['03', '03'],
  ['1', '01'],
  ['2', '02'],
  ['3', '03'],
  ['unmapped', null],
]);

export function billFromTree(root: TreeValue, file: string, lines: Map<string, number>, issues: Issues): SettleInput {
  const r = new FieldReader(issues);
  const m = r.map(root, '', TOP, ['insutype', 'hosp_lv', 'person', 'lines']) ?? ({} as TreeMap);
  const feeLines = readLines(r, m.lines);
  const insutype = r.text(m.insutype, 'insutype') ?? '';
  const hospLv = r.text(m.hosp_lv, 'hosp_lv') ?? '';
  let setl = m.setl_time === undefined || m.setl_time === null ? null : r.date(m.setl_time, 'setl_time');
  if ((m.setl_time === undefined || m.setl_time === null) && feeLines.length > 0) {
    // Without a settlement date the bill settles on the day of its latest line.
    setl = feeLines.reduce((a, l) => (l.fee_ocur_time.slice(0, 10) > a ? l.fee_ocur_time.slice(0, 10) : a), '');
  }
  const state = m.state === undefined || m.state === null ? null : readState(r, m.state, 'state');
  const person = readPerson(r, m.person, state);
  const visit = readVisit(r, m.visit);
  return {
    insutype,
    setl_time: setl ?? '',
    hosp_lv: hospLv,
    person,
    visit,
    lines: feeLines,
    ...(state ? { state } : {}),
    source: { file, lines },
  };
}

function opt<T>(v: TreeValue | undefined, read: () => T | null, def: T): T {
  return v === undefined || v === null ? def : (read() ?? def);
}

/** The `state` of an earlier result (resultToJson), to carry whole. */
function readState(r: FieldReader, v: TreeValue, path: string): SettleState | null {
  const m = r.map(v, path, ['stay', 'accumulators', 'acct_balc', 'mulaid_balc'], ['accumulators', 'acct_balc']);
  if (!m) return null;
  return {
    stay: m.stay === undefined || m.stay === null ? null : readCarry(r, m.stay, `${path}.stay`),
    accumulators: readAmountMap(r, m.accumulators, `${path}.accumulators`),
    acct_balc: r.amount(m.acct_balc, `${path}.acct_balc`) ?? ZERO,
    mulaid_balc: opt(m.mulaid_balc, () => r.amount(m.mulaid_balc, `${path}.mulaid_balc`), ZERO),
  };
}

function readPerson(r: FieldReader, v: TreeValue | undefined, state: SettleState | null): Person {
  const m = v === undefined || v === null ? ({} as TreeMap) : (r.map(v, 'person', PERSON, ['age']) ?? ({} as TreeMap));
  // Age is required: it decides the child markup and the age bands.
  const ageD =
    m.age == null
      ? ZERO
      : (r.decimal(m.age, 'person.age', { min: 0, max: 150, scale: 1, what: 'age in years at the settlement date' }) ??
        ZERO);
  let groups: string[] = [];
  if (typeof m.psn_groups === 'string')
    groups = m.psn_groups
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  // An empty list is a person in no group, as an empty CSV cell is.
  else if (Array.isArray(m.psn_groups) && m.psn_groups.length === 0) groups = [];
  else if (m.psn_groups !== undefined && m.psn_groups !== null)
    groups = r.texts(m.psn_groups, 'person.psn_groups') ?? [];
  // Members set one by one in the order of the type (psn_no first when given), without spreading
  // a one-key object for the optional one: every bill of a batch is read here.
  const p = {} as Person;
  if (typeof m.psn_no === 'string') p.psn_no = m.psn_no;
  p.age = ageD.toNumber();
  p.retired = opt(m.retired, () => r.bool(m.retired, 'person.retired'), false);
  p.psn_groups = groups;
  // What the person leaves out comes from the carried state (docs/rules.md "Carried state").
  p.acct_balc = opt(m.acct_balc, () => r.amount(m.acct_balc, 'person.acct_balc'), state?.acct_balc ?? ZERO);
  p.mulaid_balc = opt(m.mulaid_balc, () => r.amount(m.mulaid_balc, 'person.mulaid_balc'), state?.mulaid_balc ?? ZERO);
  p.ytd =
    m.ytd === undefined || m.ytd === null ? { ...(state?.accumulators ?? {}) } : readAmountMap(r, m.ytd, 'person.ytd');
  return p;
}

function readAmountMap(r: FieldReader, v: TreeValue | undefined, path: string): Accumulators {
  const out: Accumulators = {};
  if (v === undefined || v === null) return out;
  if (!isTreeMap(v)) {
    r.issues.add(path, 'expected a mapping of name: amount', `write ${path} as { ip_hifp_pay: 1200.00, … }`, {
      message: '应是“名称: 金额”的映射',
      fix: `请把 ${path} 写成 { ip_hifp_pay: 1200.00, … }`,
    });
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    const d = r.amount(x, childPath(path, k));
    if (d) out[k] = d;
  }
  return out;
}

function readVisit(r: FieldReader, v: TreeValue | undefined): Visit {
  const m = v === undefined ? ({} as TreeMap) : (r.map(v, 'visit', VISIT) ?? ({} as TreeMap));
  const type = opt(m.type, () => r.oneOf(m.type, 'visit.type', VISIT_TYPES), 'outpatient' as VisitType);
  // Members set one by one in the order of the type, the optional ones only when given (as readPerson).
  const out = { type } as Visit;
  out.admission_count = opt(
    m.admission_count,
    () => r.int(m.admission_count, 'visit.admission_count', 1, 'n-th admission of the year'),
    1,
  );
  if (m.interim_no !== undefined && m.interim_no !== null)
    out.interim_no = r.int(m.interim_no, 'visit.interim_no', 1, 'number of this settlement in the stay') ?? 1;
  out.in_area = opt(m.in_area, () => r.bool(m.in_area, 'visit.in_area'), true);
  for (const k of WORDS) if (m[k] !== undefined && m[k] !== null) out[k] = r.text(m[k], `visit.${k}`) ?? '';
  out.acct_used_flag = opt(m.acct_used_flag, () => r.bool(m.acct_used_flag, 'visit.acct_used_flag'), false);
  out.carry = m.carry === undefined || m.carry === null ? null : readCarry(r, m.carry, 'visit.carry');
  if (typeof m.mdtrt_id === 'string') out.mdtrt_id = m.mdtrt_id;
  return out;
}

/** The visit's optional words, in the order a visit holds them. */
const WORDS = ['category', 'disease', 'fixed_item'] as const;

/** The `stay` of an earlier result, as printed by resultToJson. */
function readCarry(r: FieldReader, v: TreeValue, path: string): StayTotals | null {
  const m = r.map(
    v,
    path,
    ['settlements', 'amounts', 'over_ceiling_amt', 'hosp_overlmt_amt', 'hosp_fulamt_amt', 'bases', 'mdtrt_id'],
    ['settlements', 'amounts'],
  );
  if (!m) return null;
  const am = r.map(m.amounts, `${path}.amounts`, AMOUNT_FIELDS);
  const amounts = {} as Amounts;
  for (const f of AMOUNT_FIELDS)
    amounts[f] = am ? opt(am[f], () => r.amount(am[f], `${path}.amounts.${f}`), ZERO) : ZERO;
  return {
    settlements: r.int(m.settlements, `${path}.settlements`, 1, 'number of earlier settlements of the stay') ?? 1,
    amounts,
    over_ceiling_amt: opt(m.over_ceiling_amt, () => r.amount(m.over_ceiling_amt, `${path}.over_ceiling_amt`), ZERO),
    hosp_overlmt_amt: opt(m.hosp_overlmt_amt, () => r.amount(m.hosp_overlmt_amt, `${path}.hosp_overlmt_amt`), ZERO),
    hosp_fulamt_amt: opt(m.hosp_fulamt_amt, () => r.amount(m.hosp_fulamt_amt, `${path}.hosp_fulamt_amt`), ZERO),
    bases: readAmountMap(r, m.bases, `${path}.bases`),
    ...(typeof m.mdtrt_id === 'string' ? { mdtrt_id: m.mdtrt_id } : {}),
  };
}

function readLines(r: FieldReader, v: TreeValue | undefined): FeeLine[] {
  const items = r.list(v, 'lines');
  if (!items) return [];
  const out: FeeLine[] = [];
  const misspelt = new Set<string>();
  items.forEach((item, i) => {
    const l = quickLine(item, i) ?? readLine(r, item, childPath('lines', i), i, misspelt);
    if (l) out.push(l);
  });
  return out;
}

function readLine(r: FieldReader, v: TreeValue, p: string, i: number, misspelt: Set<string>): FeeLine | null {
  if (!isTreeMap(v)) {
    r.issues.add(
      p,
      'expected a fee line (a mapping)',
      `write ${p} as { feedetl_sn, med_list_codg, chrgitm_lv, cnt, pric, fee_ocur_time, … }`,
      {
        message: '应是一条费用明细（映射）',
        fix: `请把 ${p} 写成 { feedetl_sn, med_list_codg, chrgitm_lv, cnt, pric, fee_ocur_time, … }`,
      },
    );
    return null;
  }
  warnMisspeltKeys(r, v, p, misspelt);
  const f = (k: string): string => childPath(p, k);
  const before = r.issues.list.length;
  const cnt = r.decimal(v.cnt, f('cnt'), { scale: 4, what: 'quantity' });
  const pric = r.decimal(v.pric, f('pric'), { scale: 6, what: 'unit price' });
  const date = r.date(v.fee_ocur_time, f('fee_ocur_time'));
  const lv = readCategory(r, v.chrgitm_lv, f('chrgitm_lv'));
  const limit =
    v.pric_uplmt_amt === undefined || v.pric_uplmt_amt === null
      ? null
      : r.decimal(v.pric_uplmt_amt, f('pric_uplmt_amt'), { min: 0, scale: 6, what: 'price limit' });
  const prop =
    v.selfpay_prop === undefined || v.selfpay_prop === null ? null : r.ratio(v.selfpay_prop, f('selfpay_prop'));
  const refund = refundOf(v);
  if (cnt?.isNeg() && !refund)
    r.issues.add(
      f('cnt'),
      `negative quantity ${cnt.toString()} on a line that is not a refund`,
      'make cnt positive, or give init_feedetl_sn (the line it refunds)',
      {
        message: `数量 ${cnt.toString()} 为负，但该行不是退费`,
        fix: '请把 cnt 改为正数，或填写 init_feedetl_sn（所退费的原明细）',
      },
    );
  if (pric?.isNeg())
    r.issues.add(f('pric'), `negative price ${pric.toString()}`, 'give the unit price; a refund has a negative cnt', {
      message: `单价 ${pric.toString()} 为负`,
      fix: '请填写单价；退费用负的 cnt 表示',
    });
  const service =
    v.service_item === undefined || v.service_item === null
      ? undefined
      : (r.bool(v.service_item, f('service_item')) ?? undefined);
  if (r.issues.list.length > before || !cnt || !pric || !date) return null;
  return feeLine(v, i, { cnt, pric, date, lv, limit, prop, refund, service });
}

interface LineValues {
  cnt: Decimal;
  pric: Decimal;
  date: string;
  lv: ChrgitmLv;
  limit: Decimal | null;
  prop: Decimal | null;
  refund: string | null;
  service: boolean | undefined;
}

/** The fee line of its tree and read values: one shape whichever way the values were read. */
function feeLine(v: TreeMap, i: number, x: LineValues): FeeLine {
  const code = typeof v.med_list_codg === 'string' && v.med_list_codg.trim() !== '' ? v.med_list_codg.trim() : null;
  // Members set one by one in the order of the type, the optional ones only when given: no
  // one-key objects spread, twenty times per bill.
  const l = {
    feedetl_sn: typeof v.feedetl_sn === 'string' && v.feedetl_sn !== '' ? v.feedetl_sn : String(i + 1),
  } as FeeLine;
  if (typeof v.medins_list_codg === 'string') l.medins_list_codg = v.medins_list_codg;
  l.med_list_codg = code;
  l.chrgitm_lv = x.lv;
  l.cnt = x.cnt;
  l.pric = x.pric;
  l.fee_ocur_time = typeof v.fee_ocur_time === 'string' ? v.fee_ocur_time.trim() : x.date;
  l.pric_uplmt_amt = x.limit;
  l.selfpay_prop = x.prop;
  l.list_type = typeof v.list_type === 'string' ? v.list_type : null;
  if (x.service !== undefined) l.service_item = x.service;
  l.init_feedetl_sn = x.refund;
  return l;
}

/**
 * A fee line whose values all read without an issue (known keys, numbers in range, a date seen
 * before, a known category), read without the reader's paths and checks: a batch reads every
 * line of every bill. Null for anything else, which readLine reads and reports as ever.
 */
function quickLine(v: TreeValue, i: number): FeeLine | null {
  if (!isTreeMap(v)) return null;
  for (const k of Object.keys(v)) if (!LINE_KEY_SET.has(k)) return null;
  const cnt = quickDecimal(v.cnt, 4, null, null);
  const pric = quickDecimal(v.pric, 6, null, null);
  const date = quickDate(v.fee_ocur_time);
  const lv = categoryOf(v.chrgitm_lv);
  if (cnt === null || pric === null || date === null || lv === undefined || pric.isNeg()) return null;
  const refund = refundOf(v);
  if (cnt.isNeg() && !refund) return null;
  const none = (x: TreeValue | undefined): boolean => x === undefined || x === null;
  const limit = none(v.pric_uplmt_amt) ? null : quickDecimal(v.pric_uplmt_amt, 6, 0, null);
  const prop = none(v.selfpay_prop) ? null : quickDecimal(v.selfpay_prop, 4, 0, 1);
  if ((limit === null && !none(v.pric_uplmt_amt)) || (prop === null && !none(v.selfpay_prop))) return null;
  const s = v.service_item;
  let service: boolean | undefined;
  if (typeof s === 'boolean') service = s;
  else if (s === '1' || s === '0') service = s === '1';
  else if (!none(s)) return null;
  return feeLine(v, i, { cnt, pric, date, lv, limit, prop, refund, service });
}

function refundOf(v: TreeMap): string | null {
  return typeof v.init_feedetl_sn === 'string' && v.init_feedetl_sn.trim() !== '' ? v.init_feedetl_sn.trim() : null;
}

/**
 * HIS exports carry extra columns (names, departments): they are ignored, but a key close to a fee
 * line's own is reported once (in a CSV every row has the same header).
 */
function warnMisspeltKeys(r: FieldReader, v: Record<string, TreeValue>, p: string, misspelt: Set<string>): void {
  for (const k of Object.keys(v)) {
    if (LINE_KEY_SET.has(k) || misspelt.has(k)) continue;
    const near = didYouMean(k, LINE_KEYS);
    if (near) {
      misspelt.add(k);
      r.issues.add(childPath(p, k), `unknown key '${k}'`, `did you mean '${near}'? (other unknown keys are ignored)`, {
        message: `未知的键 '${k}'`,
        fix: `是不是 '${near}'？（其他未知的键会被忽略）`,
      });
    }
  }
}

/** 01/02/03 (甲/乙/丙), or null when empty (an item without a valid mapping). */
function readCategory(r: FieldReader, v: TreeValue | undefined, at: string): ChrgitmLv {
  const lv = categoryOf(v);
  if (lv !== undefined) return lv;
  const raw = String(v).trim();
  r.issues.add(
    at,
    `unknown category '${raw}'`,
    'use 01 (甲类), 02 (乙类), 03 (丙类), or leave it empty when the item has no valid mapping',
    categoryZh(raw),
  );
  return null;
}

/** The category of a written value; undefined when it names none. */
function categoryOf(v: TreeValue | undefined): ChrgitmLv | undefined {
  const raw = v === undefined || v === null ? '' : String(v).trim();
  return raw === '' ? null : CATEGORIES.get(raw);
}

/** The Chinese words of an unknown fee category (shared with checkInput). */
export function categoryZh(raw: string): { message: string; fix: string } {
  return {
    message: `未知的收费类别 '${raw}'`,
    fix: '请使用 01（甲类）、02（乙类）、03（丙类）；该项目没有有效对照时留空',
  };
}
