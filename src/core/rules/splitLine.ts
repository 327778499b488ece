/**
 * The per-item split (settlement-invariants.yaml per_item_split), after price rules:
 *   0. child markup: a listed service item for a patient under the age limit costs +rate;
 *   1. no valid mapping, or chrgitm_lv 03 丙类 → fully self-paid;
 *   2. price above the limit → over-limit self-pay (pric − limit) × cnt;
 *   3. 乙类 → pre-self-pay (fee − over-limit) × selfpay_prop;
 *   4. the rest is in scope.
 * Every part is rounded per line, so line parts add up to the line and lines add up to the bill.
 */
import { D, type Decimal } from '../money.js';
import { addFen, fenOfPart, fenParts, partOf, type FenParts, type FenSums } from './fenLine.js';
import { minusOrSame } from './plusOrSame.js';
import { f2, roundCents } from './rounding.js';
import type { ChildMarkup, FeeLine, LineSplit, Person, Policy, RoundMode } from './types.js';

const ZERO = new D(0);

interface LineContext {
  mode: RoundMode;
  markup: ChildMarkup | null;
  markupFactor: Decimal;
  /** The person's 乙类 self-pay ratio from the policy (by person group), overriding the line's. */
  bOverride: Decimal | null;
  bDefault: Decimal;
  hospOverLimit: boolean;
  hospUnmapped: boolean;
  explain: boolean;
}

export function lineContext(policy: Policy, person: Person, explain: boolean): LineContext {
  const cm = policy.child_markup;
  let bOverride: Decimal | null = null;
  for (const g of person.psn_groups) {
    const r = policy.b_class.by_person_group.get(g);
    // Several groups: the lowest self-pay ratio (the most favourable to the patient) applies.
    if (r !== undefined && (bOverride === null || r.lt(bOverride))) bOverride = r;
  }
  return {
    mode: policy.rounding.mode,
    markup: cm && person.age < cm.under_age ? cm : null,
    markupFactor: cm ? cm.rate.plus(1) : new D(1),
    bOverride,
    bDefault: policy.b_class.default_selfpay_prop,
    hospOverLimit: policy.hospital_borne.over_limit,
    hospUnmapped: policy.hospital_borne.unmapped,
    explain,
  };
}

function isMarkedUp(line: FeeLine, cm: ChildMarkup): boolean {
  const service = line.service_item ?? line.list_type === '201';
  if (!service) return false;
  if (cm.scope === 'all_service_items') return true;
  const code = line.med_list_codg ?? '';
  if (code === '') return false;
  if (cm.items.has(code)) return true;
  for (const p of cm.prefixes) if (code.startsWith(p)) return true;
  return false;
}

const PARTS: FenParts = { fee: 0, over: 0, pre: 0 };

/**
 * Split one line; its parts are added to `sums` (in fen) when given. Worked in integer fen
 * (fenLine.ts) when its values allow, else with Decimals: the same cents either way.
 */
export function splitLine(line: FeeLine, c: LineContext, sums: FenSums | null = null): LineSplit {
  const mapped = line.med_list_codg !== null && line.med_list_codg !== '' && line.chrgitm_lv !== null;
  let pric = line.pric;
  let limit = line.pric_uplmt_amt ?? null;
  let markup: Decimal | null = null;
  if (c.markup !== null && isMarkedUp(line, c.markup)) {
    pric = pric.times(c.markupFactor);
    if (limit !== null && c.markup.limit_too) limit = limit.times(c.markupFactor);
    markup = c.markup.rate;
  }
  const full = !mapped || line.chrgitm_lv === '03';
  const prop = !full && line.chrgitm_lv === '02' ? (c.bOverride ?? line.selfpay_prop ?? c.bDefault) : ZERO;
  const inFen = fenParts(line.cnt, pric, full ? null : limit, full ? null : prop, c.mode, PARTS);
  const fee = inFen ? partOf(PARTS.fee) : roundCents(line.cnt.times(pric), c.mode);
  const out: LineSplit = {
    feedetl_sn: line.feedetl_sn,
    medins_list_codg: line.medins_list_codg ?? null,
    med_list_codg: line.med_list_codg,
    chrgitm_lv: mapped ? line.chrgitm_lv : null,
    cnt: line.cnt,
    pric,
    pric_uplmt_amt: limit,
    selfpay_prop: ZERO,
    det_item_fee_sumamt: fee,
    fulamt_ownpay_amt: ZERO,
    overlmt_amt: ZERO,
    preselfpay_amt: ZERO,
    inscp_scp_amt: ZERO,
    hosp_part_amt: ZERO,
    markup_rate: markup,
  };
  if (full) {
    out.fulamt_ownpay_amt = fee;
    if (!mapped && c.hospUnmapped) out.hosp_part_amt = fee;
    if (sums !== null) addLine(sums, out, inFen, true, !mapped);
    if (c.explain) {
      out.rule = `${mapped ? 'chrgitm_lv 03 丙类' : 'no valid mapping'} → fully self-paid ${f2(fee)}${out.hosp_part_amt.isZero() ? '' : ', borne by the hospital'}${markupNote(markup)}`;
      out.rule_zh = `${mapped ? 'chrgitm_lv 03 丙类' : '无有效对照'} → 全自费 ${f2(fee)}${out.hosp_part_amt.isZero() ? '' : '，由医院负担'}${markupNoteZh(markup)}`;
    }
    return out;
  }
  let over: Decimal, rest: Decimal, pre: Decimal;
  if (inFen) {
    over = partOf(PARTS.over);
    rest = PARTS.over === 0 ? fee : partOf(PARTS.fee - PARTS.over);
    pre = partOf(PARTS.pre);
    out.inscp_scp_amt = PARTS.pre === 0 ? rest : partOf(PARTS.fee - PARTS.over - PARTS.pre);
  } else {
    over = limit !== null && pric.gt(limit) ? roundCents(pric.minus(limit).times(line.cnt), c.mode) : ZERO;
    rest = minusOrSame(fee, over);
    pre = prop.isZero() ? ZERO : roundCents(rest.times(prop), c.mode);
    out.inscp_scp_amt = minusOrSame(rest, pre);
  }
  if (c.hospOverLimit && !over.isZero()) out.hosp_part_amt = over;
  out.overlmt_amt = over;
  out.selfpay_prop = prop;
  out.preselfpay_amt = pre;
  if (sums !== null) addLine(sums, out, inFen, false, false);
  if (c.explain) explainSplit(out, line, pric, limit, rest, markup, c);
  return out;
}

/** The rule text of a split 甲/乙 line: fee, over the limit, 乙类 pre-self-pay, in scope. */
function explainSplit(
  out: LineSplit,
  line: FeeLine,
  pric: Decimal,
  limit: Decimal | null,
  rest: Decimal,
  markup: Decimal | null,
  c: LineContext,
): void {
  const parts = [`fee ${line.cnt.toString()} × ${pric.toString()} = ${f2(out.det_item_fee_sumamt)}`];
  const zh = [`费用 ${line.cnt.toString()} × ${pric.toString()} = ${f2(out.det_item_fee_sumamt)}`];
  if (!out.overlmt_amt.isZero()) {
    parts.push(
      `over limit (${pric.toString()} − ${limit!.toString()}) × ${line.cnt.toString()} = ${f2(out.overlmt_amt)}${c.hospOverLimit ? ' borne by the hospital' : ''}`,
    );
    zh.push(
      `超限价 (${pric.toString()} − ${limit!.toString()}) × ${line.cnt.toString()} = ${f2(out.overlmt_amt)}${c.hospOverLimit ? '，由医院负担' : ''}`,
    );
  }
  if (line.chrgitm_lv === '02') {
    const whence = c.bOverride !== null ? 'person group' : line.selfpay_prop != null ? 'catalog' : 'policy default';
    const whenceZh = c.bOverride !== null ? '人员类别' : line.selfpay_prop != null ? '目录' : '政策默认';
    parts.push(
      `乙类 pre-self-pay ${f2(rest)} × ${out.selfpay_prop.toString()} (${whence}) = ${f2(out.preselfpay_amt)}`,
    );
    zh.push(`乙类先行自付 ${f2(rest)} × ${out.selfpay_prop.toString()}（${whenceZh}）= ${f2(out.preselfpay_amt)}`);
  }
  parts.push(`in scope ${f2(out.inscp_scp_amt)}`);
  zh.push(`符合范围 ${f2(out.inscp_scp_amt)}`);
  out.rule = `chrgitm_lv ${line.chrgitm_lv}: ${parts.join('; ')}${markupNote(markup)}`;
  out.rule_zh = `chrgitm_lv ${line.chrgitm_lv}：${zh.join('；')}${markupNoteZh(markup)}`;
}

/** Add a split line to the bill's fen sums: from PARTS when it was split in fen, else read from its Decimals. */
function addLine(sums: FenSums, l: LineSplit, inFen: boolean, full: boolean, unmapped: boolean): void {
  const hosp = !l.hosp_part_amt.isZero();
  if (inFen) {
    const { fee, over, pre } = PARTS;
    if (full) addFen(sums, fee, fee, 0, 0, 0, hosp ? fee : 0, unmapped);
    else addFen(sums, fee, 0, over, pre, fee - over - pre, hosp ? over : 0, unmapped);
    return;
  }
  const f = fenOfPart(l.det_item_fee_sumamt);
  const parts = [
    fenOfPart(l.fulamt_ownpay_amt),
    fenOfPart(l.overlmt_amt),
    fenOfPart(l.preselfpay_amt),
    fenOfPart(l.inscp_scp_amt),
    fenOfPart(l.hosp_part_amt),
  ] as const;
  if (Number.isNaN(f) || parts.some((x) => Number.isNaN(x))) {
    sums.exact = false;
    return;
  }
  addFen(sums, f, parts[0], parts[1], parts[2], parts[3], parts[4], unmapped);
}

function markupNoteZh(rate: Decimal | null): string {
  return rate === null ? '' : `（儿童加收 +${rate.times(100).toString()}% 已计入价格）`;
}

function markupNote(rate: Decimal | null): string {
  return rate === null ? '' : ` (child markup +${rate.times(100).toString()}% applied to the price)`;
}
