/**
 * Types of the settlement-rules core: the policy (after validation), the engine's input and its
 * result. Amounts are Decimal everywhere; counts and ages are plain numbers.
 */
import { SETTLEMENT_AMOUNTS } from '../center/protocol/settlementAmounts.js';
import type { Decimal } from '../money.js';

export type VisitType = 'outpatient' | 'inpatient' | 'chronic' | 'home_ward' | 'maternity' | 'injury';
/** Every visit type, in the order the policy's sections are read. */
export const VISIT_TYPES: readonly VisitType[] = [
  'inpatient',
  'outpatient',
  'chronic',
  'home_ward',
  'maternity',
  'injury',
];
export type RoundMode = 'half_up' | 'half_even' | 'down';

type StoredAmount = (typeof SETTLEMENT_AMOUNTS)[number];
/** The setlinfo amount fields that add up over the interim settlements of a stay: every stored amount but the balance. */
export type AmountField = Exclude<StoredAmount, 'balc'>;

/**
 * The rules' order of the amounts (the explanation and the JSON of an interim settlement follow
 * it), derived from the one declaration SETTLEMENT_AMOUNTS: the balance left out, and a part
 * written right after the amount it is part of — hosp_part_amt after fund_pay_sumamt (medfee =
 * fund + hospital + person), acct_mulaid_pay after acct_pay.
 */
const PART_AFTER: ReadonlyMap<AmountField, AmountField> = new Map([
  ['hosp_part_amt', 'fund_pay_sumamt'],
  ['acct_mulaid_pay', 'acct_pay'],
]);
export const AMOUNT_FIELDS: readonly AmountField[] = SETTLEMENT_AMOUNTS.flatMap((f): AmountField[] => {
  if (f === 'balc' || PART_AFTER.has(f)) return [];
  return [f, ...[...PART_AFTER].filter(([, whole]) => whole === f).map(([part]) => part)];
});

/** Funds a supplement rule may pay into (everything in I2 except the basic pool hifp_pay). */
export const SUPPLEMENT_FUNDS = [
  'hifob_pay',
  'hifmi_pay',
  'cvlserv_pay',
  'hifes_pay',
  'maf_pay',
  'oth_pay',
  'hifdm_pay',
] as const;
export type SupplementFund = (typeof SUPPLEMENT_FUNDS)[number];

/** Parts of the personal burden the personal account may be allowed to pay. */
export const ACCOUNT_PARTS = ['inscp_personal', 'preselfpay', 'overlmt', 'fulamt'] as const;
export type AccountPart = (typeof ACCOUNT_PARTS)[number];

export type Amounts = Record<AmountField, Decimal>;
export type Setlinfo = Amounts & { balc: Decimal; pool_prop_selfpay: Decimal };
/** Year-to-date accumulators by name (see docs/rules.md: ip_hifp_pay, op_dedc, hifmi_pay_base, …). */
export type Accumulators = Record<string, Decimal>;

// ---------------------------------------------------------------- policy

/** An interval band: [from, to), `to` null = no upper end. */
export interface Band {
  from: Decimal;
  to: Decimal | null;
}
export interface PlusBand extends Band {
  plus: Decimal;
}
export interface RatioBand extends Band {
  ratio: Decimal;
}
export interface AgeBand {
  from: number;
  to: number | null;
  plus: Decimal;
}

/** A patient category's own parameters (省内异地, 跨省 …); what it leaves out comes from the pool. */
export interface CategoryParams {
  deductible: Map<string, Decimal> | null;
  ratio: Map<string, Decimal> | null;
  ceiling: Decimal | null | undefined;
  path: string;
}

export interface Pool {
  /** Where the section is in the policy ('inpatient', 'chronic.diseases.hypertension'); accumulator prefix. */
  path: string;
  /** Accumulator key prefix: ip, op, or the section's name. */
  acc: string;
  /** Ordered payment segments: the current-year account first (Shanghai 当年账户段) or not. */
  account_first: boolean;
  /** Named patient categories (visit.category) with their own deductible, ratio and ceiling. */
  categories: Map<string, CategoryParams>;
  /** Name of an annual cap shared with other pools (policy shared_caps), or null. */
  shared_cap: string | null;
  /** Fixed amounts the fund pays by item (生育 定额; visit.fixed_item); null = the ordinary split. */
  fixed: Map<string, Decimal> | null;
  deductible: {
    per: 'admission' | 'year';
    by_level: Map<string, Decimal>;
    out_of_area_by_level: Map<string, Decimal> | null;
    by_admission: Array<{ from: number; factor: Decimal }>;
    factor_by_person_group: Map<string, Decimal>;
  };
  ratio: {
    by_level: Map<string, Decimal>;
    retired_plus: Decimal;
    age_bands: AgeBand[];
    plus_by_person_group: Map<string, Decimal>;
    /** Group adjustments that differ by hospital level (中人一档 +0.10/+0.10/+0.20). */
    plus_by_person_group_level: Map<string, Map<string, Decimal>>;
    out_of_area_plus: Decimal;
  };
  bands: PlusBand[];
  ceiling: Decimal | null;
}

export interface Supplement {
  fund: SupplementFund;
  name: string;
  visits: VisitType[];
  groups: string[] | null;
  base: 'personal_inscp' | 'over_ceiling';
  include_preselfpay: boolean;
  period: 'year' | 'stay';
  threshold: { default: Decimal; by_person_group: Map<string, Decimal> };
  segments: RatioBand[];
  plus_by_person_group: Map<string, Decimal>;
  cap: { default: Decimal | null; by_person_group: Map<string, Decimal | null> };
  path: string;
}

export interface ChildMarkup {
  under_age: number;
  rate: Decimal;
  scope: 'listed' | 'all_service_items';
  items: Set<string>;
  prefixes: string[];
  limit_too: boolean;
}

export interface Policy {
  name: string;
  version: string;
  insutypes: string[];
  effective: { from: string; to: string | null };
  levels: string[];
  person_groups: string[];
  rounding: { mode: RoundMode; fund: 'per_band' | 'total' };
  child_markup: ChildMarkup | null;
  b_class: { default_selfpay_prop: Decimal; by_person_group: Map<string, Decimal> };
  hospital_borne: { over_limit: boolean; unmapped: boolean };
  pools: {
    inpatient: Pool | null;
    outpatient: Pool | null;
    home_ward?: Pool | null;
    maternity?: Pool | null;
    injury?: Pool | null;
  };
  /** 门诊慢特病: one pool per disease (visit.disease), each with its deductible, ratio and annual cap. */
  chronic: { diseases: Map<string, { name: string; pool: Pool }> } | null;
  /** Patient categories a bill may name in visit.category (besides in_area). */
  patient_categories: string[];
  /** Annual caps shared by several pools, by name (accumulator cap_<name>). */
  shared_caps: Map<string, Decimal>;
  supplements: Supplement[];
  account: { visits: VisitType[]; pays: AccountPart[]; mutual_aid: boolean } | null;
  /** Where it came from: file name and the YAML line of every field path ('inpatient.bands[1].to'). */
  source: { file: string; lines: Map<string, number> };
}

// ---------------------------------------------------------------- input

/** chrgitm_lv: 01 甲类, 02 乙类, 03 丙类; null = the item has no valid mapping. */
export type ChrgitmLv = '01' | '02' | '03' | null;

export interface FeeLine {
  feedetl_sn: string;
  /** The hospital's own item code (医药机构目录编码). */
  medins_list_codg?: string;
  /** The national code; null or '' = no valid mapping at fee_ocur_time → fully self-paid. */
  med_list_codg: string | null;
  chrgitm_lv: ChrgitmLv;
  cnt: Decimal;
  pric: Decimal;
  fee_ocur_time: string;
  /** 1318 price limit valid at the date for the hospital's level; null = no limit. */
  pric_uplmt_amt?: Decimal | null;
  /** 1319 self-pay ratio of a 乙类 item for this person type; null = the policy's default. */
  selfpay_prop?: Decimal | null;
  /** list_type 201 = 医疗服务项目 (service item); used when service_item is not given. */
  list_type?: string | null;
  service_item?: boolean;
  /** A refund line (negative cnt) names the line it refunds. */
  init_feedetl_sn?: string | null;
}

export interface Person {
  psn_no?: string;
  age: number;
  retired: boolean;
  psn_groups: string[];
  /** Personal-account balance before this settlement. */
  acct_balc: Decimal;
  /** Balance available from family mutual-aid (共济) accounts. */
  mulaid_balc?: Decimal;
  /** Year-to-date accumulators as the center reports them (including earlier interim settlements of this stay). */
  ytd: Accumulators;
}

export interface Visit {
  type: VisitType;
  /** n-th admission in the year, 1 = first (inpatient). */
  admission_count: number;
  /** Number of this settlement within the stay: 1 = first or only; n > 1 needs `carry` from settlement n-1. */
  interim_no?: number;
  in_area: boolean;
  /** Named patient category (policy patient_categories); absent = in_area decides. */
  category?: string;
  /** The disease of a chronic-disease outpatient visit (门诊慢特病; policy chronic.diseases). */
  disease?: string;
  /** The item of a fixed-amount visit (生育 定额; the pool's fixed). */
  fixed_item?: string;
  acct_used_flag: boolean;
  /** `stay` of the previous interim settlement's result. */
  carry?: StayTotals | null;
  mdtrt_id?: string;
}

export interface SettleInput {
  insutype: string;
  /** Settlement date (YYYY-MM-DD); selects the policy. */
  setl_time: string;
  /** Hospital level as the policy names it (dedc_hosp_lv), e.g. '1' | '2' | '3'. */
  hosp_lv: string;
  person: Person;
  visit: Visit;
  lines: FeeLine[];
  /**
   * The state a previous result handed on (its `state`), accepted whole: the stay continues when
   * `visit.interim_no` > 1 (or `visit.mdtrt_id` names the state's stay); balances and accumulators
   * fill what person leaves out. See docs/rules.md "Carried state".
   */
  state?: SettleState | null;
  /** Where the bill came from, for error messages. */
  source?: { file: string; lines?: Map<string, number> };
}

// ---------------------------------------------------------------- result

export interface LineSplit {
  feedetl_sn: string;
  medins_list_codg: string | null;
  med_list_codg: string | null;
  chrgitm_lv: ChrgitmLv;
  cnt: Decimal;
  /** Unit price after price rules (child markup). */
  pric: Decimal;
  pric_uplmt_amt: Decimal | null;
  selfpay_prop: Decimal;
  det_item_fee_sumamt: Decimal;
  fulamt_ownpay_amt: Decimal;
  overlmt_amt: Decimal;
  preselfpay_amt: Decimal;
  inscp_scp_amt: Decimal;
  /** Part of this line borne by the hospital (over-limit / unmapped, when the policy says so). */
  hosp_part_amt: Decimal;
  markup_rate: Decimal | null;
  rule?: string;
  /** The same in Chinese (`--explain --lines` under --lang zh-CN); not part of the JSON result. */
  rule_zh?: string;
}

/** Cumulative totals of a stay so far: pass as `visit.carry` to the next interim settlement. */
export interface StayTotals {
  settlements: number;
  amounts: Amounts;
  over_ceiling_amt: Decimal;
  hosp_overlmt_amt: Decimal;
  hosp_fulamt_amt: Decimal;
  /** Base each supplement counted in this stay (toward its threshold). */
  bases: Record<string, Decimal>;
  /** The stay's mdtrt_id when the bill gave one (a later bill naming it continues the stay). */
  mdtrt_id?: string;
}

/**
 * Everything a later settlement needs from an earlier one, returned as `result.state` and
 * accepted whole as `input.state`: the stay so far (its interim settlements; null after an
 * outpatient visit), the year-to-date accumulators and both balances after the settlement.
 */
export interface SettleState {
  stay: StayTotals | null;
  accumulators: Accumulators;
  acct_balc: Decimal;
  mulaid_balc: Decimal;
}

export interface ExplainEntry {
  field: string;
  amount: Decimal;
  rule: string;
  /** The same rule in Chinese (`--explain` under --lang zh-CN); not part of the JSON result. */
  rule_zh?: string;
  /** 'employee.yaml:42' — the policy line of the clause that decided the amount, when there is one. */
  source: string | null;
  /** Every clause that took part, the deciding one first: { clause: 'inpatient.ceiling', source: 'employee.yaml:66' }. */
  clauses?: Array<{ clause: string; source: string }>;
  inputs: Record<string, string>;
}

export interface SettleResult {
  policy: { name: string; version: string; file: string };
  insutype: string;
  setl_time: string;
  visit_type: VisitType;
  setlinfo: Setlinfo;
  lines: LineSplit[];
  accumulators: Accumulators;
  stay: StayTotals;
  /** What each fund could still pay before this settlement (ceiling or cap left; null = no limit). */
  fund_limits: Partial<Record<'hifp_pay' | SupplementFund, Decimal | null>>;
  /** What the next settlement of this person (or of this stay) takes as `input.state`. */
  state: SettleState;
  explanation: ExplainEntry[] | null;
}
