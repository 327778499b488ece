/**
 * Supplement funds after the basic pool, in policy order: each pays a share of its base (the
 * personal in-scope burden left, or the over-ceiling part) above a threshold, by segments, up to
 * an annual cap. Thresholds and segments work on the cumulative base (the year's or the stay's),
 * so a settlement pays S(base after) − S(base before): split settlements add up to one.
 */
import { D, minusD, plusD, type Decimal } from '../money.js';
import { bandPieces, clamp01, maxD, minD, sumPieces } from './bands.js';
import { minusOrSame } from './plusOrSame.js';
import { f2, f4 } from './rounding.js';
import type { StayContext } from './stayContext.js';
import type { Supplement, SupplementFund } from './types.js';

const ZERO = new D(0);

interface SupplementOutcome {
  pays: Partial<Record<SupplementFund, Decimal>>;
  bases: Record<string, Decimal>;
  /** Cap left before the stay by fund; null = no cap. */
  limits: Partial<Record<SupplementFund, Decimal | null>>;
  total: Decimal;
}

export function settleSupplements(
  inscp: Decimal,
  pre: Decimal,
  hifp: Decimal,
  overCeiling: Decimal,
  c: StayContext,
): SupplementOutcome {
  const pays: Partial<Record<SupplementFund, Decimal>> = {};
  const bases: Record<string, Decimal> = {};
  const limits: Partial<Record<SupplementFund, Decimal | null>> = {};
  let paid = ZERO;
  let overLeft = overCeiling;
  for (const s of c.policy.supplements) {
    if (
      !s.visits.includes(c.visit.type) ||
      (s.groups !== null && !s.groups.some((g) => c.person.psn_groups.includes(g)))
    ) {
      const who = s.visits.includes(c.visit.type);
      c.ex?.add(
        s.fund,
        ZERO,
        [
          `${s.name}: not for this ${who ? 'person' : 'visit type'}`,
          `${s.name}：不适用于该${who ? '参保人' : '就诊类型'}`,
        ],
        s.path,
        {
          ...(s.groups
            ? { groups: s.groups.join(', '), person: c.person.psn_groups.join(', ') || 'none' }
            : { visits: s.visits.join(', ') }),
        },
      );
      continue;
    }
    const personal = maxD(ZERO, minusD(minusD(plusD(inscp, s.include_preselfpay ? pre : ZERO), hifp), paid));
    const base = s.base === 'over_ceiling' ? minD(overLeft, personal) : personal;
    const { pay, capLeft } = supplementPay(s, base, personal, c);
    pays[s.fund] = pay;
    limits[s.fund] = capLeft;
    bases[s.fund] = base;
    paid = plusD(paid, pay);
    if (s.base === 'over_ceiling') overLeft = minusD(overLeft, pay);
  }
  return { pays, bases, limits, total: paid };
}

function supplementPay(
  s: Supplement,
  base: Decimal,
  personal: Decimal,
  c: StayContext,
): { pay: Decimal; capLeft: Decimal | null } {
  const g = c.person.psn_groups;
  const threshold = mostFavourable(s.threshold.default, s.threshold.by_person_group, g, (a, b) => a.lt(b))!;
  const cap = capFor(s, g);
  let plus: Decimal | null = null;
  for (const x of g) {
    const p = s.plus_by_person_group.get(x);
    if (p !== undefined && (plus === null || p.gt(plus))) plus = p;
  }
  const yearly = s.period === 'year';
  const b0 = yearly ? (c.yBefore[`${s.fund}_base`] ?? ZERO) : ZERO;
  const b1 = plusD(b0, base);
  const schedule = (b: Decimal): Decimal => {
    const above = maxD(ZERO, minusD(b, threshold));
    return sumPieces(
      bandPieces(s.segments, ZERO, above, (i) => clamp01(s.segments[i]!.ratio.plus(plus ?? ZERO))),
      c.policy.rounding.mode,
      c.policy.rounding.fund,
    );
  };
  // Nothing before (the stay's first settlement, or the year's first base): S(0) is 0 when the
  // threshold is not negative, so only S(b1) is worked out.
  const due = b0.isZero() && !threshold.isNeg() ? minusOrSame(schedule(b1), ZERO) : minusD(schedule(b1), schedule(b0));
  const paidYear = c.yBefore[s.fund] ?? ZERO;
  const capLeft = cap === null ? null : maxD(ZERO, minusD(cap, paidYear));
  let pay = maxD(ZERO, minD(due, personal));
  if (capLeft !== null) pay = minD(pay, capLeft);
  if (c.ex) {
    const over = s.base === 'over_ceiling';
    const rule: [string, string] = [
      `${s.name}: segments over the ${over ? 'over-ceiling amount' : 'personal in-scope burden'}${s.include_preselfpay ? ' (pre-self-pay included)' : ''} above the threshold, ${yearly ? 'counted over the year' : 'counted over the stay'}, up to the annual cap`,
      `${s.name}：${over ? '超封顶线金额' : '个人负担的符合范围金额'}${s.include_preselfpay ? '（含先行自付）' : ''}超过起付标准的部分分段支付，${yearly ? '按年度累计' : '按本次住院累计'}，不超过年度限额`,
    ];
    // The deciding clause: the cap when it cut in, the threshold when nothing was due, else the segment.
    const capCut = capLeft !== null && pay.eq(capLeft) && due.gt(capLeft);
    const seg = Math.max(
      0,
      s.segments.findIndex((x) => x.to === null || maxD(ZERO, b1.minus(threshold)).lte(x.to)),
    );
    const segs = `${s.path}.segments[${seg}]`;
    const clauses = capCut
      ? [`${s.path}.cap`, segs, `${s.path}.threshold`]
      : due.isZero()
        ? [`${s.path}.threshold`, segs]
        : [segs, `${s.path}.threshold`, `${s.path}.cap`];
    c.ex.add(s.fund, pay, rule, clauses, {
      base: f2(base),
      ...(yearly ? { [`ytd ${s.fund}_base`]: f2(b0), cumulative_base: f2(b1) } : {}),
      threshold: f2(threshold),
      segments: s.segments
        .map((x) => `${f2(x.from)}–${x.to === null ? '' : f2(x.to)} × ${f4(clamp01(x.ratio.plus(plus ?? ZERO)))}`)
        .join('; '),
      due: f2(due),
      cap: cap === null ? 'none' : `${f2(cap)} − ytd ${s.fund} ${f2(paidYear)} = ${f2(capLeft!)} left`,
    });
  }
  return { pay, capLeft };
}

/** Several groups: the lowest threshold / highest cap applies (null cap = none, the best). */
function mostFavourable(
  def: Decimal,
  byGroup: Map<string, Decimal>,
  groups: string[],
  better: (a: Decimal, b: Decimal) => boolean,
): Decimal {
  let best: Decimal | null = null;
  for (const g of groups) {
    const v = byGroup.get(g);
    if (v !== undefined && (best === null || better(v, best))) best = v;
  }
  return best ?? def;
}

function capFor(s: Supplement, groups: string[]): Decimal | null {
  let found = false;
  let best: Decimal | null = null;
  for (const g of groups) {
    if (!s.cap.by_person_group.has(g)) continue;
    const v = s.cap.by_person_group.get(g)!;
    if (v === null) return null;
    if (!found || (best !== null && v.gt(best))) best = v;
    found = true;
  }
  return found ? best : s.cap.default;
}
