/**
 * The basic pool (统筹基金, hifp_pay): deductible, ratio, segmented bands and the annual ceiling,
 * on the in-scope amount of the whole stay (or visit). The over-ceiling part is back-computed for
 * the supplements that pay above the ceiling.
 */
import { D, minusD, plusD, type Decimal } from '../money.js';
import { backCompute, bandAt, bandPieces, clamp01, maxD, minD, sumPieces } from './bands.js';
import { f2, f4, roundCents } from './rounding.js';
import type { StayContext } from './stayContext.js';
import type { CategoryParams, Policy, Pool, Visit } from './types.js';

const ZERO = new D(0);
const ONE = new D(1);

interface PoolOutcome {
  act_pay_dedc: Decimal;
  hifp_pay: Decimal;
  pool_prop_selfpay: Decimal;
  over_ceiling_amt: Decimal;
  /** Ceiling left before the stay; null = no ceiling. */
  limit: Decimal | null;
}

export function settlePool(inscp: Decimal, c: StayContext): PoolOutcome {
  const pool = poolOf(c.policy, c.visit);
  if (!pool) return noPool(c);
  const mode = c.policy.rounding.mode;
  const cat = c.visit.category !== undefined ? pool.categories.get(c.visit.category) : undefined;
  const limit = limitLeft(pool, cat, c);

  if (pool.fixed !== null) return fixedAmount(pool, inscp, limit, c);

  // Account first (当年账户段): the current-year account pays the in-scope amount before the
  // deductible (自负段) and the fund's co-pay (共付段) see it.
  const acctFirst = pool.account_first && accountUsable(c) ? minD(c.balanceBefore, inscp) : ZERO;
  const ded = deductiblePaid(pool, cat, inscp, acctFirst, c);
  const dedc = ded.amount;

  // Ratio: level base (or the category's) + adjustments, then per band.
  const ratio = ratioBase(pool, c, cat);
  const ratioOf = (i: number): Decimal => clamp01(ratio.base.plus(pool.bands[i]!.plus));
  const pieces = bandPieces(pool.bands, plusD(acctFirst, dedc), inscp, ratioOf);
  const full = sumPieces(pieces, mode, c.policy.rounding.fund);

  // Annual ceiling (封顶线) with the year-to-date fund payments, and a cap shared with other pools.
  const left = limit.left;
  const capped = left !== null && full.gt(left);
  const hifp = capped ? left : full;
  const over = capped
    ? maxD(ZERO, minD(inscp.minus(dedc).minus(acctFirst), roundCents(inscp.minus(backCompute(pieces, left)), mode)))
    : ZERO;
  const prop = ratioOf(bandAt(pool.bands, inscp));
  if (c.ex) {
    const figures = { inscp, acctFirst, dedc, full, hifp, over, prop, capped };
    explainFund(c.ex, pool, ratio, pieces, limit, ded.clause, figures, c);
  }
  return { act_pay_dedc: dedc, hifp_pay: hifp, pool_prop_selfpay: prop, over_ceiling_amt: over, limit: left };
}

/** A visit type the policy has no section for: the fund pays nothing. */
function noPool(c: StayContext): PoolOutcome {
  c.ex?.add(
    'act_pay_dedc',
    ZERO,
    [
      `the policy has no ${c.visit.type} section: no deductible, the basic fund pays nothing`,
      `政策没有 ${c.visit.type} 部分：无起付线，统筹基金不支付`,
    ],
    null,
    {},
  );
  c.ex?.add(
    'hifp_pay',
    ZERO,
    [
      `the policy has no ${c.visit.type} section: the basic fund pays nothing`,
      `政策没有 ${c.visit.type} 部分：统筹基金不支付`,
    ],
    null,
    {},
  );
  return { act_pay_dedc: ZERO, hifp_pay: ZERO, pool_prop_selfpay: ZERO, over_ceiling_amt: ZERO, limit: ZERO };
}

/**
 * Deductible (起付线 / 自负段) paid by this settlement: the standard, less what the year already
 * paid when it is annual, at most the in-scope amount the account left. `clause` names the
 * policy line of the standard, for the explanation of the fund too.
 */
function deductiblePaid(
  pool: Pool,
  cat: CategoryParams | undefined,
  inscp: Decimal,
  acctFirst: Decimal,
  c: StayContext,
): { amount: Decimal; clause: string } {
  const path = pool.path;
  const std = deductibleStandard(pool, c, cat);
  const clause = cat?.deductible
    ? `${cat.path}.deductible`
    : `${path}.deductible.${!c.visit.in_area && pool.deductible.out_of_area_by_level !== null && !cat ? 'out_of_area_by_level' : 'by_level'}.${c.hosp_lv}`;
  const paidKey = `${pool.acc}_dedc`;
  const yearly = pool.deductible.per === 'year';
  const paidBefore = yearly ? (c.yBefore[paidKey] ?? ZERO) : ZERO;
  const remaining = maxD(ZERO, minusD(std.amount, paidBefore));
  const dedc = minD(minusD(inscp, acctFirst), remaining);
  if (c.ex) {
    const rule: [string, string] = [
      `deductible 起付线 = min(in-scope amount${acctFirst.isZero() ? '' : ' after the account paid first'}, standard${yearly ? ' − paid this year' : ' per admission'})`,
      `起付线 = min(符合范围金额${acctFirst.isZero() ? '' : '（当年账户先付之后）'}, 标准${yearly ? ' − 本年已付' : '（每次住院）'})`,
    ];
    const dedClauses = [clause, ...std.clauses, ...(yearly ? [`${path}.deductible.per`] : [])];
    c.ex.add('act_pay_dedc', dedc, rule, dedClauses, {
      inscp_scp_amt: f2(inscp),
      ...(acctFirst.isZero() ? {} : { account_first: f2(acctFirst) }),
      standard: f2(std.amount),
      ...std.inputs,
      ...(yearly ? { [`ytd ${paidKey}`]: f2(paidBefore) } : {}),
      ...(c.visit.carry ? { note: 'stay total: deductible paid by earlier interim settlements is carried' } : {}),
    });
  }
  return { amount: dedc, clause };
}

type Ratio = ReturnType<typeof ratioBase>;

/** The explanation of hifp_pay and pool_prop_selfpay, with the clause that decided each first. */
function explainFund(
  ex: NonNullable<StayContext['ex']>,
  pool: Pool,
  ratio: Ratio,
  pieces: ReturnType<typeof bandPieces>,
  limit: Limit,
  dedClause: string,
  f: {
    inscp: Decimal;
    acctFirst: Decimal;
    dedc: Decimal;
    full: Decimal;
    hifp: Decimal;
    over: Decimal;
    prop: Decimal;
    capped: boolean;
  },
  c: StayContext,
): void {
  const path = pool.path;
  const bandText =
    pieces.map((p) => `[${f2(p.from)}, ${f2(p.to)}) × ${f4(p.ratio)} = ${p.exact.toFixed(4)}`).join('; ') ||
    'nothing above the deductible';
  const perBand = c.policy.rounding.fund === 'per_band';
  const rule: [string, string] = [
    `basic fund 统筹 = Σ bands (in-scope above the deductible × ratio), rounded ${perBand ? 'per band' : 'once'}, limited by the annual ceiling`,
    `统筹基金 = Σ 各段（起付线以上的符合范围金额 × 比例），${perBand ? '逐段' : '一次'}舍入，不超过年度封顶线`,
  ];
  // The clause that decided it: the ceiling (or shared cap) when it cut in, else the ratio of the
  // level; the adjustments and the bands follow.
  const ratioClauses = [ratio.levelClause, ...ratio.clauses, ...(pool.bands.length > 1 ? [`${path}.bands`] : [])];
  ex.add(
    'hifp_pay',
    f.hifp,
    rule,
    f.capped ? [...limit.clauses, ...ratioClauses, dedClause] : [...ratioClauses, dedClause, ...limit.clauses],
    {
      inscp_scp_amt: f2(f.inscp),
      ...(f.acctFirst.isZero() ? {} : { account_first: f2(f.acctFirst) }),
      act_pay_dedc: f2(f.dedc),
      ratio: ratio.text,
      bands: bandText,
      before_ceiling: f2(f.full),
      ceiling: limit.text,
      ...(f.capped
        ? { over_ceiling_amt: `${f2(f.over)} (in-scope above the point where the fund reaches the ceiling)` }
        : {}),
    },
  );
  ex.add(
    'pool_prop_selfpay',
    f.prop,
    ['fund ratio of the band of the last in-scope yuan', '最后一元符合范围金额所在段的基金支付比例'],
    [
      ratio.levelClause,
      ...ratio.clauses,
      ...(pool.bands.length > 1 ? [`${path}.bands[${bandAt(pool.bands, f.inscp)}]`] : []),
    ],
    { ratio: ratio.text },
  );
}

/** The pool of a visit: its section, or for 门诊慢特病 the disease's. */
export function poolOf(policy: Policy, visit: Visit): Pool | null {
  if (visit.type === 'chronic')
    return visit.disease === undefined ? null : (policy.chronic?.diseases.get(visit.disease)?.pool ?? null);
  return policy.pools[visit.type] ?? null;
}

function accountUsable(c: StayContext): boolean {
  const a = c.policy.account;
  return c.visit.acct_used_flag && a !== null && a.visits.includes(c.visit.type);
}

interface Limit {
  /** What the fund may still pay this year in this pool; null = no limit. */
  left: Decimal | null;
  text: string;
  clauses: string[];
}

/** The pool's (or the category's) ceiling and the shared cap, whichever leaves less. */
function limitLeft(pool: Pool, cat: CategoryParams | undefined, c: StayContext): Limit {
  const ceiling = cat && cat.ceiling !== undefined ? cat.ceiling : pool.ceiling;
  const ceilClause =
    cat && cat.ceiling !== undefined
      ? `${cat.path}.ceiling`
      : `${pool.path}.${pool.path.startsWith('chronic.') ? 'cap' : 'ceiling'}`;
  const key = `${pool.acc}_hifp_pay`;
  const paid = c.yBefore[key] ?? ZERO;
  const own = ceiling === null ? null : maxD(ZERO, minusD(ceiling, paid));
  // The texts are for the explanation only: not built on the bulk path.
  const texts = c.ex ? [ceiling === null ? 'none' : `${f2(ceiling)} − ytd ${key} ${f2(paid)} = ${f2(own!)} left`] : [];
  let left = own;
  const clauses = ceiling === null ? [] : [ceilClause];
  if (pool.shared_cap !== null) {
    const cap = c.policy.shared_caps.get(pool.shared_cap)!;
    const sk = `cap_${pool.shared_cap}`;
    const sp = c.yBefore[sk] ?? ZERO;
    const shared = maxD(ZERO, minusD(cap, sp));
    if (c.ex) texts.push(`shared cap ${pool.shared_cap} ${f2(cap)} − ytd ${sk} ${f2(sp)} = ${f2(shared)} left`);
    const first = left === null || shared.lt(left);
    left = left === null ? shared : minD(left, shared);
    const sc = `shared_caps.${pool.shared_cap}`;
    if (first) clauses.unshift(sc);
    else clauses.push(sc);
  }
  return { left, text: c.ex ? texts.join('; ') : '', clauses };
}

/** 生育 定额 and the like: the fund pays the item's fixed amount, never more than the in-scope amount. */
function fixedAmount(pool: Pool, inscp: Decimal, limit: Limit, c: StayContext): PoolOutcome {
  const item = c.visit.fixed_item!;
  const amount = pool.fixed!.get(item)!;
  let pay = minD(amount, inscp);
  if (limit.left !== null) pay = minD(pay, limit.left);
  if (c.ex) {
    c.ex.add(
      'act_pay_dedc',
      ZERO,
      ['fixed-amount visit: no deductible', '定额支付：无起付线'],
      `${pool.path}.fixed.${item}`,
      {},
    );
    c.ex.add(
      'hifp_pay',
      pay,
      [`fixed amount for ${item}, at most the in-scope amount`, `${item} 定额支付，不超过符合范围金额`],
      [`${pool.path}.fixed.${item}`, ...limit.clauses],
      { fixed: f2(amount), inscp_scp_amt: f2(inscp), ceiling: limit.text },
    );
    c.ex.add(
      'pool_prop_selfpay',
      ZERO,
      ['fixed-amount visit: no ratio', '定额支付：无比例'],
      `${pool.path}.fixed.${item}`,
      {},
    );
  }
  return { act_pay_dedc: ZERO, hifp_pay: pay, pool_prop_selfpay: ZERO, over_ceiling_amt: ZERO, limit: limit.left };
}

function deductibleStandard(
  pool: Pool,
  c: StayContext,
  cat: CategoryParams | undefined,
): { amount: Decimal; inputs: Record<string, string>; clauses: string[] } {
  const d = pool.deductible;
  // A named category with its own deductible replaces the in-area / out-of-area pair.
  const outOfArea = !cat?.deductible && !c.visit.in_area && d.out_of_area_by_level !== null;
  const base = cat?.deductible
    ? cat.deductible.get(c.hosp_lv)!
    : (outOfArea ? d.out_of_area_by_level! : d.by_level).get(c.hosp_lv)!;
  let adm = ONE;
  const clauses: string[] = [];
  let admAt = -1;
  if (c.visit.type === 'inpatient' || c.visit.type === 'home_ward')
    d.by_admission.forEach((a, i) => {
      if (c.visit.admission_count >= a.from) {
        adm = a.factor;
        admAt = i;
      }
    });
  const path = pool.path;
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
  const amount = roundCents(
    grp === null ? (adm === ONE ? base : base.times(adm)) : base.times(adm).times(grp),
    c.policy.rounding.mode,
  );
  if (!c.ex) return { amount, inputs: {}, clauses };
  const inputs: Record<string, string> = {
    [`level ${c.hosp_lv}${cat?.deductible ? ` category ${c.visit.category}` : outOfArea ? ' out of area' : ''}`]:
      f2(base),
  };
  if (c.visit.type === 'inpatient' || c.visit.type === 'home_ward')
    inputs[`admission #${c.visit.admission_count}`] = `× ${adm.toString()}`;
  if (grp !== null) inputs[`group ${grpName}`] = `× ${grp.toString()}`;
  return { amount, inputs, clauses };
}

function ratioBase(
  pool: Pool,
  c: StayContext,
  cat: CategoryParams | undefined,
): { base: Decimal; text: string; clauses: string[]; levelClause: string } {
  const r = pool.ratio;
  const path = `${pool.path}.ratio`;
  const clauses: string[] = [];
  // A named category's ratio replaces the level's (and the out-of-area points).
  const lvl = cat?.ratio ? cat.ratio.get(c.hosp_lv)! : r.by_level.get(c.hosp_lv)!;
  const levelClause = cat?.ratio ? `${cat.path}.ratio` : `${path}.by_level.${c.hosp_lv}`;
  let base = lvl;
  // The text is for the explanation only: not built on the bulk path.
  const ex = c.ex !== null;
  const parts = ex ? [`level ${c.hosp_lv}${cat?.ratio ? ` category ${c.visit.category}` : ''} ${f4(lvl)}`] : [];
  if (c.person.retired && !r.retired_plus.isZero()) {
    base = base.plus(r.retired_plus);
    if (ex) parts.push(`retired ${signed(r.retired_plus)}`);
    clauses.push(`${path}.retired_plus`);
  }
  const age = r.age_bands.find((b) => c.person.age >= b.from && (b.to === null || c.person.age < b.to));
  if (age && !age.plus.isZero()) {
    base = base.plus(age.plus);
    if (ex) parts.push(`age ${age.from}–${age.to ?? ''} ${signed(age.plus)}`);
    clauses.push(`${path}.age_bands[${r.age_bands.indexOf(age)}]`);
  }
  let gp: Decimal | null = null;
  let gName = '';
  for (const g of c.person.psn_groups) {
    const p = r.plus_by_person_group.get(g) ?? r.plus_by_person_group_level.get(g)?.get(c.hosp_lv);
    // Several groups: the largest adjustment applies (they do not add up).
    if (p !== undefined && (gp === null || p.gt(gp))) {
      gp = p;
      gName = g;
    }
  }
  if (gp !== null && !gp.isZero()) {
    base = base.plus(gp);
    if (ex) parts.push(`group ${gName} ${signed(gp)}`);
    clauses.push(
      `${path}.plus_by_person_group.${gName}${r.plus_by_person_group_level.has(gName) ? `.${c.hosp_lv}` : ''}`,
    );
  }
  if (!cat?.ratio && !c.visit.in_area && !r.out_of_area_plus.isZero()) {
    base = base.plus(r.out_of_area_plus);
    if (ex) parts.push(`out of area ${signed(r.out_of_area_plus)}`);
    clauses.push(`${path}.out_of_area_plus`);
  }
  return {
    base,
    clauses,
    levelClause,
    text: ex ? parts.join(' ') + (pool.bands.length > 1 ? ' (+ band points, each ratio kept within 0…1)' : '') : '',
  };
}

function signed(d: Decimal): string {
  return d.isNeg() ? `− ${f4(d.abs())}` : `+ ${f4(d)}`;
}
