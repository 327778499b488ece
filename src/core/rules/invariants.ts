/**
 * The sums of settlement-invariants.yaml (I1–I7) and the per-line split sum. The engine checks its
 * every result with tolerance 0 (a violation is a bug, exit 1); audits check what the center
 * returned with the spec's tolerance of 0.01.
 */
import { HisopsError, EXIT } from '../errors.js';
import { cmpD, D, plusD, type Decimal } from '../money.js';
import { fenOfPart } from './fenLine.js';
import { plusOrSame } from './plusOrSame.js';
import { SETTLEMENT_AMOUNTS } from '../center/protocol/settlementAmounts.js';
import { AMOUNT_FIELDS, type AmountField, type LineSplit, type SettleResult } from './types.js';

const ZERO = new D(0);

/** The stored amounts from `first` up to, not including, `end` (SETTLEMENT_AMOUNTS lists each group together). */
function span(first: AmountField, end: AmountField): AmountField[] {
  return SETTLEMENT_AMOUNTS.slice(SETTLEMENT_AMOUNTS.indexOf(first), SETTLEMENT_AMOUNTS.indexOf(end)) as AmountField[];
}
/** I2: the fund fields, hifp_pay … hifdm_pay; the sum is checked with and without hifdm_pay. */
const FUNDS_BUT_HIFDM = span('hifp_pay', 'fund_pay_sumamt').filter((f) => f !== 'hifdm_pay');
/** I5: the parts of medfee_sumamt, fulamt_ownpay_amt … inscp_scp_amt. */
const MEDFEE_PARTS = span('fulamt_ownpay_amt', 'act_pay_dedc');
/** I7: every amount and the balance. */
const ALL_AMOUNTS: ReadonlyArray<AmountField | 'balc'> = [...AMOUNT_FIELDS, 'balc'];

export type SetlinfoLike = Partial<Record<AmountField | 'balc', Decimal>>;

export interface Violation {
  id: 'I1' | 'I2' | 'I3' | 'I4' | 'I5' | 'I6' | 'I7' | 'LINE';
  /** I4 is inferred, not verbatim in the spec: a warning for the center's data. */
  severity: 'error' | 'warning';
  check: string;
  detail: string;
}

export interface InvariantOptions {
  /** Largest difference accepted (default 0.01, the spec's). */
  tolerance?: Decimal.Value;
  /** Fixed-amount clearing (定额/DRG/单病种): I5 does not hold and is skipped. */
  fixedAmount?: boolean;
  lines?: LineSplit[];
}

/** What the checks read of a result: its setlinfo and fee lines. */
type Checked = Pick<SettleResult, 'setlinfo' | 'lines'>;

function isResult(x: Checked | SetlinfoLike): x is Checked {
  return typeof (x as Checked).setlinfo === 'object' && Array.isArray((x as Checked).lines);
}

export function checkInvariants(x: Checked | SetlinfoLike, opts: InvariantOptions = {}): Violation[] {
  const s: SetlinfoLike = isResult(x) ? x.setlinfo : x;
  const lines = opts.lines ?? (isResult(x) ? x.lines : []);
  const tol = opts.tolerance === 0 ? ZERO : new D(opts.tolerance ?? '0.01');
  const g = (f: AmountField): Decimal => s[f] ?? ZERO;
  const out: Violation[] = [];
  // Tolerance 0 (the engine checking itself, once per bill): equality, without a difference per sum.
  const near = tol.isZero()
    ? (a: Decimal, b: Decimal): boolean => cmpD(a, b) === 0
    : (a: Decimal, b: Decimal): boolean => a.minus(b).abs().lte(tol);

  checkSetlinfo(s, g, near, tol, !!opts.fixedAmount, out);
  checkLines(lines, near, tol.isZero(), out);
  return out;
}

type Near = (a: Decimal, b: Decimal) => boolean;
const t = (v: Decimal): string => v.toFixed(2);

/** I1–I7 on the settlement's amounts. */
function checkSetlinfo(
  s: SetlinfoLike,
  g: (f: AmountField) => Decimal,
  near: Near,
  tol: Decimal,
  fixedAmount: boolean,
  out: Violation[],
): void {
  const negTol = tol.neg();
  // x + tol, without a copy of x when the tolerance is 0 (the engine's own check).
  const up = tol.isZero() ? (x: Decimal): Decimal => x : (x: Decimal): Decimal => x.plus(tol);
  const i1 = plusD(plusD(g('fund_pay_sumamt'), g('psn_part_amt')), g('hosp_part_amt'));
  if (!near(g('medfee_sumamt'), i1))
    out.push({
      id: 'I1',
      severity: 'error',
      check: 'medfee_sumamt == fund_pay_sumamt + psn_part_amt + hosp_part_amt',
      detail: `${t(g('medfee_sumamt'))} ≠ ${t(i1)}`,
    });

  const i2b = FUNDS_BUT_HIFDM.reduce((a, f) => plusOrSame(a, g(f)), ZERO);
  const i2a = plusOrSame(i2b, g('hifdm_pay'));
  if (!near(g('fund_pay_sumamt'), i2a) && !near(g('fund_pay_sumamt'), i2b)) {
    out.push({
      id: 'I2',
      severity: 'error',
      check: 'fund_pay_sumamt == Σ fund fields (with or without hifdm_pay)',
      detail: `${t(g('fund_pay_sumamt'))} ≠ ${t(i2a)} (or ${t(i2b)})`,
    });
  }
  if (cmpD(g('acct_mulaid_pay'), up(g('acct_pay'))) > 0)
    out.push({
      id: 'I3',
      severity: 'error',
      check: 'acct_mulaid_pay <= acct_pay',
      detail: `${t(g('acct_mulaid_pay'))} > ${t(g('acct_pay'))}`,
    });

  const i4 = plusD(g('acct_pay'), g('psn_cash_pay'));
  if (!near(g('psn_part_amt'), i4))
    out.push({
      id: 'I4',
      severity: 'warning',
      check: 'psn_part_amt == acct_pay + psn_cash_pay',
      detail: `${t(g('psn_part_amt'))} ≠ ${t(i4)}`,
    });

  if (!fixedAmount) {
    const i5 = MEDFEE_PARTS.reduce((a, f) => plusD(a, g(f)), ZERO);
    if (!near(g('medfee_sumamt'), i5))
      out.push({
        id: 'I5',
        severity: 'error',
        check: 'medfee_sumamt == fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt',
        detail: `${t(g('medfee_sumamt'))} ≠ ${t(i5)}`,
      });
  }
  const dedc = g('act_pay_dedc');
  const inscp = g('inscp_scp_amt');
  if (cmpD(dedc, negTol) < 0 || cmpD(dedc, up(inscp)) > 0 || cmpD(g('hifp_pay'), up(inscp.minus(dedc))) > 0) {
    out.push({
      id: 'I6',
      severity: 'error',
      check: '0 <= act_pay_dedc <= inscp_scp_amt and hifp_pay <= inscp_scp_amt - act_pay_dedc',
      detail: `act_pay_dedc ${t(dedc)}, inscp_scp_amt ${t(inscp)}, hifp_pay ${t(g('hifp_pay'))}`,
    });
  }
  const negative = ALL_AMOUNTS.filter((f) => cmpD(s[f] ?? ZERO, negTol) < 0);
  if (negative.length > 0)
    out.push({
      id: 'I7',
      severity: 'error',
      check: 'all amounts >= 0',
      detail: negative.map((f) => `${f} ${t(s[f]!)}`).join(', '),
    });
}

/** Each fee line's parts add up to its total. */
function checkLines(lines: LineSplit[], near: Near, exact: boolean, out: Violation[]): void {
  for (const l of lines) {
    if (exact && addsUpInFen(l)) continue;
    const parts = plusOrSame(
      plusOrSame(plusOrSame(l.fulamt_ownpay_amt, l.overlmt_amt), l.preselfpay_amt),
      l.inscp_scp_amt,
    );
    if (!near(l.det_item_fee_sumamt, parts)) {
      out.push({
        id: 'LINE',
        severity: 'error',
        check: 'det_item_fee_sumamt == fulamt_ownpay_amt + overlmt_amt + preselfpay_amt + inscp_scp_amt',
        detail: `line ${l.feedetl_sn}: ${t(l.det_item_fee_sumamt)} ≠ ${t(parts)}`,
      });
    }
  }
}

/** Below it four parts and their partial sums are exact in a double. */
const FEN_EXACT = 2 ** 50;

/**
 * True when the line's amounts are whole fen (at most 2 decimals) whose parts add up to its fee:
 * then the Decimal sum is equal too (exact integers either way). False leaves it to the Decimals.
 */
function addsUpInFen(l: LineSplit): boolean {
  const fee = fenOfPart(l.det_item_fee_sumamt);
  const a = fenOfPart(l.fulamt_ownpay_amt);
  const b = fenOfPart(l.overlmt_amt);
  const c = fenOfPart(l.preselfpay_amt);
  const d = fenOfPart(l.inscp_scp_amt);
  // NaN (not whole fen) fails every comparison.
  const small = (x: number): boolean => x < FEN_EXACT && x > -FEN_EXACT;
  return small(a) && small(b) && small(c) && small(d) && fee === a + b + c + d;
}

/** Throws an internal error (exit 1) when the engine's own result breaks a sum. */
export function assertInvariants(r: Pick<SettleResult, 'setlinfo' | 'lines' | 'policy'>): void {
  const v = checkInvariants(r, { tolerance: 0 });
  if (v.length === 0) return;
  throw new HisopsError({
    code: 'RULES_INVARIANT',
    summary: `internal error: the settlement breaks ${v.map((x) => x.id).join(', ')} — a bug in the rules engine`,
    why: v.map((x) => `${x.id} ${x.check}: ${x.detail}`).join('\n'),
    fix: `report it with the bill and the policy file (${r.policy.file}); run the same bill with --json --explain and attach the output`,
    details: { violations: v, policy: r.policy },
    exit: EXIT.internal,
  }).zh(
    `内部错误：结算违反了 ${v.map((x) => x.id).join('、')}——这是规则引擎的缺陷`,
    `请连同账单和政策文件（${r.policy.file}）一起报告；用 --json --explain 运行同一账单并附上输出`,
  );
}
