/**
 * The basic pool (统筹基金, hifp_pay): deductible, ratio, segmented bands and the annual ceiling,
 * on the in-scope amount of the whole stay (or visit). The over-ceiling part is back-computed for
 * the supplements that pay above the ceiling.
 */
import { D, type Decimal } from '../money.js';
import { backCompute, bandAt, bandPieces, clamp01, maxD, minD, sumPieces } from './bands.js';
import { f2, f4, roundCents } from './rounding.js';
import { poolPrefix, type StayContext } from './stayContext.js';
import type { Pool } from './types.js';

const ZERO = new D(0);
const ONE = new D(1);

export interface PoolOutcome {
  act_pay_dedc: Decimal;
  hifp_pay: Decimal;
  pool_prop_selfpay: Decimal;
  over_ceiling_amt: Decimal;
  /** Ceiling left before the stay; null = no ceiling. */
  limit: Decimal | null;
}

export function settlePool(inscp: Decimal, c: StayContext): PoolOutcome {
  const pool = c.policy.pools[c.visit.type];
  if (!pool) {
    c.ex?.add('act_pay_dedc', ZERO, [`the policy has no ${c.visit.type} section: no deductible, the basic fund pays nothing`, `政策没有 ${c.visit.type} 部分：无起付线，统筹基金不支付`], null, {});
    c.ex?.add('hifp_pay', ZERO, [`the policy has no ${c.visit.type} section: the basic fund pays nothing`, `政策没有 ${c.visit.type} 部分：统筹基金不支付`], null, {});
    return { act_pay_dedc: ZERO, hifp_pay: ZERO, pool_prop_selfpay: ZERO, over_ceiling_amt: ZERO, limit: ZERO };
  }
  const mode = c.policy.rounding.mode;
  const pfx = poolPrefix(c.visit);
  const path = c.visit.type;

  // Deductible (起付线): the standard, less what the year already paid when it is annual.
  const std = deductibleStandard(pool, c);
  const lv = c.hosp_lv;
  const dedClause = `${path}.deductible.${!c.visit.in_area && pool.deductible.out_of_area_by_level !== null ? 'out_of_area_by_level' : 'by_level'}.${lv}`;
  const paidKey = `${pfx}_dedc`;
  const paidBefore = pool.deductible.per === 'year' ? c.yBefore[paidKey] ?? ZERO : ZERO;
  const remaining = maxD(ZERO, std.amount.minus(paidBefore));
  const dedc = minD(inscp, remaining);
  if (c.ex) {
    const yearly = pool.deductible.per === 'year';
    const rule: [string, string] = [
      `deductible 起付线 = min(in-scope amount, standard${yearly ? ' − paid this year' : ' per admission'})`,
      `起付线 = min(符合范围金额, 标准${yearly ? ' − 本年已付' : '（每次住院）'})`,
    ];
    const dedClauses = [dedClause, ...std.clauses, ...(pool.deductible.per === 'year' ? [`${path}.deductible.per`] : [])];
    c.ex.add('act_pay_dedc', dedc, rule, dedClauses, {
      inscp_scp_amt: f2(inscp), standard: f2(std.amount), ...std.inputs,
      ...(pool.deductible.per === 'year' ? { [`ytd ${paidKey}`]: f2(paidBefore) } : {}),
      ...(c.visit.carry ? { note: 'stay total: deductible paid by earlier interim settlements is carried' } : {}),
    });
  }

  // Ratio: level base + adjustments, then per band.
  const ratio = ratioBase(pool, c);
  const ratioOf = (i: number): Decimal => clamp01(ratio.base.plus(pool.bands[i]!.plus));
  const pieces = bandPieces(pool.bands, dedc, inscp, ratioOf);
  const full = sumPieces(pieces, mode, c.policy.rounding.fund);

  // Annual ceiling (封顶线) with the year-to-date fund payments.
  const ceilKey = `${pfx}_hifp_pay`;
  const paidYear = c.yBefore[ceilKey] ?? ZERO;
  const left = pool.ceiling === null ? null : maxD(ZERO, pool.ceiling.minus(paidYear));
  const capped = left !== null && full.gt(left);
  const hifp = capped ? left : full;
  const over = capped ? maxD(ZERO, minD(inscp.minus(dedc), roundCents(inscp.minus(backCompute(pieces, left)), mode))) : ZERO;
  const prop = ratioOf(bandAt(pool.bands, inscp));
  if (c.ex) {
    const bandText = pieces.map((p) => `[${f2(p.from)}, ${f2(p.to)}) × ${f4(p.ratio)} = ${p.exact.toFixed(4)}`).join('; ') || 'nothing above the deductible';
    const perBand = c.policy.rounding.fund === 'per_band';
    const rule: [string, string] = [
      `basic fund 统筹 = Σ bands (in-scope above the deductible × ratio), rounded ${perBand ? 'per band' : 'once'}, limited by the annual ceiling`,
      `统筹基金 = Σ 各段（起付线以上的符合范围金额 × 比例），${perBand ? '逐段' : '一次'}舍入，不超过年度封顶线`,
    ];
    // The clause that decided it: the ceiling when it cut in, else the ratio of the level; the
    // adjustments and the bands follow.
    const ratioClauses = [`${path}.ratio.by_level.${lv}`, ...ratio.clauses, ...(pool.bands.length > 1 ? [`${path}.bands`] : [])];
    c.ex.add('hifp_pay', hifp, rule, capped ? [`${path}.ceiling`, ...ratioClauses, dedClause] : [...ratioClauses, dedClause, ...(pool.ceiling !== null ? [`${path}.ceiling`] : [])], {
      inscp_scp_amt: f2(inscp), act_pay_dedc: f2(dedc), ratio: ratio.text, bands: bandText, before_ceiling: f2(full),
      ceiling: pool.ceiling === null ? 'none' : `${f2(pool.ceiling)} − ytd ${ceilKey} ${f2(paidYear)} = ${f2(left!)} left`,
      ...(capped ? { over_ceiling_amt: `${f2(over)} (in-scope above the point where the fund reaches the ceiling)` } : {}),
    });
    c.ex.add('pool_prop_selfpay', prop, ['fund ratio of the band of the last in-scope yuan', '最后一元符合范围金额所在段的基金支付比例'], [`${path}.ratio.by_level.${lv}`, ...ratio.clauses, ...(pool.bands.length > 1 ? [`${path}.bands[${bandAt(pool.bands, inscp)}]`] : [])], { ratio: ratio.text });
  }
  return { act_pay_dedc: dedc, hifp_pay: hifp, pool_prop_selfpay: prop, over_ceiling_amt: over, limit: left };
}

function deductibleStandard(pool: Pool, c: StayContext): { amount: Decimal; inputs: Record<string, string>; clauses: string[] } {
  const d = pool.deductible;
  const outOfArea = !c.visit.in_area && d.out_of_area_by_level !== null;
  const base = (outOfArea ? d.out_of_area_by_level! : d.by_level).get(c.hosp_lv)!;
  let adm = ONE;
  const clauses: string[] = [];
  let admAt = -1;
  if (c.visit.type === 'inpatient') d.by_admission.forEach((a, i) => { if (c.visit.admission_count >= a.from) { adm = a.factor; admAt = i; } });
  const path = c.visit.type;
  if (admAt >= 0) clauses.push(`${path}.deductible.by_admission[${admAt}]`);
  let grp: Decimal | null = null;
  let grpName = '';
  for (const g of c.person.psn_groups) {
    const f = d.factor_by_person_group.get(g);
    // Several groups: the lowest factor (most favourable) applies.
    if (f !== undefined && (grp === null || f.lt(grp))) {
      grp = f;
      grpName = g;
    }
  }
  if (grp !== null) clauses.push(`${path}.deductible.factor_by_person_group.${grpName}`);
  const amount = roundCents(base.times(adm).times(grp ?? ONE), c.policy.rounding.mode);
  const inputs: Record<string, string> = { [`level ${c.hosp_lv}${outOfArea ? ' out of area' : ''}`]: f2(base) };
  if (c.visit.type === 'inpatient') inputs[`admission #${c.visit.admission_count}`] = `× ${adm.toString()}`;
  if (grp !== null) inputs[`group ${grpName}`] = `× ${grp.toString()}`;
  return { amount, inputs, clauses };
}

function ratioBase(pool: Pool, c: StayContext): { base: Decimal; text: string; clauses: string[] } {
  const r = pool.ratio;
  const path = `${c.visit.type}.ratio`;
  const clauses: string[] = [];
  const lvl = r.by_level.get(c.hosp_lv)!;
  let base = lvl;
  const parts = [`level ${c.hosp_lv} ${f4(lvl)}`];
  if (c.person.retired && !r.retired_plus.isZero()) {
    base = base.plus(r.retired_plus);
    parts.push(`retired ${signed(r.retired_plus)}`);
    clauses.push(`${path}.retired_plus`);
  }
  const age = r.age_bands.find((b) => c.person.age >= b.from && (b.to === null || c.person.age < b.to));
  if (age && !age.plus.isZero()) {
    base = base.plus(age.plus);
    parts.push(`age ${age.from}–${age.to ?? ''} ${signed(age.plus)}`);
    clauses.push(`${path}.age_bands[${r.age_bands.indexOf(age)}]`);
  }
  let gp: Decimal | null = null;
  let gName = '';
  for (const g of c.person.psn_groups) {
    const p = r.plus_by_person_group.get(g);
    // Several groups: the largest adjustment applies (they do not add up).
    if (p !== undefined && (gp === null || p.gt(gp))) {
      gp = p;
      gName = g;
    }
  }
  if (gp !== null && !gp.isZero()) {
    base = base.plus(gp);
    parts.push(`group ${gName} ${signed(gp)}`);
    clauses.push(`${path}.plus_by_person_group.${gName}`);
  }
  if (!c.visit.in_area && !r.out_of_area_plus.isZero()) {
    base = base.plus(r.out_of_area_plus);
    parts.push(`out of area ${signed(r.out_of_area_plus)}`);
    clauses.push(`${path}.out_of_area_plus`);
  }
  return { base, clauses, text: parts.join(' ') + (pool.bands.length > 1 ? ' (+ band points, each ratio kept within 0…1)' : '') };
}

function signed(d: Decimal): string {
  return d.isNeg() ? `− ${f4(d.abs())}` : `+ ${f4(d)}`;
}
