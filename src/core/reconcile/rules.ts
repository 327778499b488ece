/**
 * The `reconcile:` section of hisops.yaml: how this province groups, includes and sums
 * settlements for 3201/3202, and the job's limits. Every province publishes its own variant of the
 * interface (refunds in or out, hospital-borne amounts, how out-of-area settlements are cleared,
 * local clearing-type codes), so these are data, validated here with errors that name the key,
 * the value found and the values allowed. Pure.
 *
 * ```yaml
 * reconcile:
 *   maxDays: 92              # the longest range one run may cover
 *   period: day              # day: one 3201 per day and group · range: one for the whole range
 *   detail: auto             # auto: 3202 for unbalanced groups · always · never
 *   refunds: include         # include: refunds count (refd_setl_flag 1) · exclude: left out (0)
 *   hospitalBorne: as_returned  # fund_pay_sumamt as the center returned it · subtract hosp_part_amt · add it
 *   outOfArea: own_agency    # 异地: under the row's own agency · local_agency · exclude
 *   setl_optins: "430100"    # the local agency (default center.setl_optins)
 *   statuses: [settled, cancelled]   # HIS statuses whose rows count
 *   clrTypeMap: { "13": "11" }       # HIS clr_type → the center's clearing type
 *   extraInsutypes: ["39999"]        # province insurance types beyond the national table
 *   extraClrTypes: ["99915"]
 *   groups: [{ insutype: "310", clr_type: "11", setl_optins: "430100" }]  # always checked, even empty
 *   knownGroupDays: 400      # also ask every group seen (HIS, center, hisops's calls) in the last N days; 0: only configured ones and the run's
 *   crossMidnightMinutes: 15
 *   queryLimit: 200          # at most this many 5203 look-ups per run
 *   concurrency: 4           # 3201 / 5203 queries in flight at once
 *   resultColumns: [psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo, medfee_sumamt, fund_pay_sumamt, acct_pay]
 * ```
 */
import { closest } from '../config/index.js';
import { parseClrTypeMap, parseGroups, parseResultColumns } from './rulesLists.js';
import { ADMDVS, bad, CODE, intIn, oneOf, stringList } from './rulesValues.js';
import { CLR_TYPE, INSUTYPE, STMT_RESULT_COLUMNS } from '../center/protocol/index.js';
import { inputError } from '../errors.js';

export type PeriodMode = 'day' | 'range';
export type DetailMode = 'auto' | 'always' | 'never';
export type RefundRule = 'include' | 'exclude';
export type HospitalBorneRule = 'as_returned' | 'subtract' | 'add';
export type OutOfAreaRule = 'own_agency' | 'local_agency' | 'exclude';

export interface GroupSpec {
  insutype: string;
  clr_type: string;
  setl_optins: string;
}

export interface ReconcileRules {
  maxDays: number;
  period: PeriodMode;
  detail: DetailMode;
  refunds: RefundRule;
  hospitalBorne: HospitalBorneRule;
  outOfArea: OutOfAreaRule;
  /** The local settlement agency; filled from center.setl_optins when the section leaves it out. */
  setl_optins: string;
  statuses: string[];
  clrTypeMap: Record<string, string>;
  extraInsutypes: string[];
  extraClrTypes: string[];
  groups: GroupSpec[];
  /** Groups seen in the HIS, the center's answers or hisops's calls within this many days before the run are asked every day (0: none). */
  knownGroupDays: number;
  crossMidnightMinutes: number;
  queryLimit: number;
  /** 3201 / 5203 calls in flight at once (queries; a province may want 1). */
  concurrency: number;
  resultColumns: string[];
}

export const DEFAULT_RULES: Omit<ReconcileRules, 'setl_optins'> = {
  maxDays: 92,
  period: 'day',
  detail: 'auto',
  refunds: 'include',
  hospitalBorne: 'as_returned',
  outOfArea: 'own_agency',
  statuses: ['settled', 'cancelled'],
  clrTypeMap: {},
  extraInsutypes: [],
  extraClrTypes: [],
  groups: [],
  knownGroupDays: 400,
  crossMidnightMinutes: 15,
  queryLimit: 200,
  concurrency: 4,
  resultColumns: [...STMT_RESULT_COLUMNS],
};

const KEYS = [
  'maxDays',
  'period',
  'detail',
  'refunds',
  'hospitalBorne',
  'outOfArea',
  'setl_optins',
  'statuses',
  'clrTypeMap',
  'extraInsutypes',
  'extraClrTypes',
  'groups',
  'knownGroupDays',
  'crossMidnightMinutes',
  'queryLimit',
  'concurrency',
  'resultColumns',
] as const;

export interface RulesSource {
  /** The configuration file, for messages (default "hisops.yaml"). */
  file?: string;
  /** center.setl_optins of the institution: the default local agency. */
  setl_optins: string;
}

/**
 * Validate the section (plain data from hisops.yaml; undefined when absent) and fill defaults.
 * Unknown keys are refused with the nearest known one, so a typo never silently falls back.
 */
export function parseReconcileRules(section: unknown, src: RulesSource): ReconcileRules {
  const file = src.file ?? 'hisops.yaml';
  if (!ADMDVS.test(src.setl_optins)) {
    throw inputError(
      'RECONCILE_CONFIG',
      `center.setl_optins "${src.setl_optins}" is not a 6-digit agency code`,
      'Set center.setl_optins (结算经办机构) of the institution in hisops.yaml, e.g. "430100".',
    ).zh(
      `center.setl_optins "${src.setl_optins}" 不是 6 位经办机构代码`,
      '请在 hisops.yaml 中为该机构设置 center.setl_optins（结算经办机构），例如 "430100"。',
    );
  }
  const rules: ReconcileRules = {
    ...DEFAULT_RULES,
    setl_optins: src.setl_optins,
    statuses: [...DEFAULT_RULES.statuses],
    resultColumns: [...DEFAULT_RULES.resultColumns],
  };
  if (section === undefined || section === null) return rules;
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw inputError(
      'RECONCILE_CONFIG',
      `${file}: reconcile must be a map of settings`,
      'Write "reconcile:" followed by indented keys such as "maxDays: 31" (see docs/reconcile.md).',
      undefined,
      { file, key: 'reconcile' },
    ).zh(
      `${file}：reconcile 必须是设置项的映射`,
      '请写 "reconcile:"，下面缩进写键，例如 "maxDays: 31"（见 docs/reconcile.md）。',
    );
  }
  const o = section as Record<string, unknown>;
  refuseUnknownKeys(file, o);
  readChoices(file, o, rules);
  readLists(file, o, rules);
  checkCodes(file, rules);
  return rules;
}

/** A key that is not a setting is refused with the nearest known one: a typo never falls back silently. */
function refuseUnknownKeys(file: string, o: Record<string, unknown>): void {
  for (const k of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(k)) {
      const near = closest(k, KEYS);
      bad(
        file,
        k,
        'is not a reconciliation setting',
        near ? `Did you mean "${near}"? Known keys: ${KEYS.join(', ')}.` : `Known keys: ${KEYS.join(', ')}.`,
        undefined,
        [
          '不是对账设置项',
          near ? `您是不是要写 "${near}"？已知的键：${KEYS.join('、')}。` : `已知的键：${KEYS.join('、')}。`,
        ],
      );
    }
  }
}

/** The single-valued settings: numbers, modes and the local agency. */
function readChoices(file: string, o: Record<string, unknown>, rules: ReconcileRules): void {
  if (o.maxDays !== undefined) rules.maxDays = intIn(file, 'maxDays', o.maxDays, 1, 366);
  if (o.period !== undefined) rules.period = oneOf(file, 'period', o.period);
  if (o.detail !== undefined) rules.detail = oneOf(file, 'detail', o.detail);
  if (o.refunds !== undefined) rules.refunds = oneOf(file, 'refunds', o.refunds);
  if (o.hospitalBorne !== undefined) rules.hospitalBorne = oneOf(file, 'hospitalBorne', o.hospitalBorne);
  if (o.outOfArea !== undefined) rules.outOfArea = oneOf(file, 'outOfArea', o.outOfArea);
  if (o.setl_optins !== undefined) {
    const s = String(o.setl_optins);
    if (!ADMDVS.test(s))
      bad(
        file,
        'setl_optins',
        'must be a 6-digit agency code',
        'Quote it in YAML, e.g. setl_optins: "430100".',
        o.setl_optins,
        ['必须是 6 位经办机构代码', 'YAML 中请加引号，例如 setl_optins: "430100"。'],
      );
    rules.setl_optins = s;
  }
}

/** The lists and maps: statuses, extra codes, clearing-type map, groups, limits, result columns. */
function readLists(file: string, o: Record<string, unknown>, rules: ReconcileRules): void {
  if (o.statuses !== undefined) {
    rules.statuses = stringList(file, 'statuses', o.statuses, (s) => (s.trim() === '' ? 'is empty' : undefined));
    if (rules.statuses.length === 0)
      bad(
        file,
        'statuses',
        'lists no status, so no settlement would count',
        'List the HIS statuses of settlements the center knows, e.g. [settled, cancelled].',
        undefined,
        [
          '未列出任何状态，因此没有结算会被计入',
          '请列出医保中心知晓的结算在 HIS 中的状态，例如 [settled, cancelled]。',
        ],
      );
  }
  if (o.extraInsutypes !== undefined)
    rules.extraInsutypes = stringList(file, 'extraInsutypes', o.extraInsutypes, (s) =>
      CODE.test(s) ? undefined : 'is not a code (letters and digits, at most 6)',
    );
  if (o.extraClrTypes !== undefined)
    rules.extraClrTypes = stringList(file, 'extraClrTypes', o.extraClrTypes, (s) =>
      CODE.test(s) ? undefined : 'is not a code (letters and digits, at most 6)',
    );
  if (o.clrTypeMap !== undefined) rules.clrTypeMap = parseClrTypeMap(file, o.clrTypeMap);
  if (o.groups !== undefined) rules.groups = parseGroups(file, o.groups);
  if (o.knownGroupDays !== undefined) rules.knownGroupDays = intIn(file, 'knownGroupDays', o.knownGroupDays, 0, 3660);
  if (o.crossMidnightMinutes !== undefined)
    rules.crossMidnightMinutes = intIn(file, 'crossMidnightMinutes', o.crossMidnightMinutes, 0, 720);
  if (o.queryLimit !== undefined) rules.queryLimit = intIn(file, 'queryLimit', o.queryLimit, 0, 100_000);
  if (o.concurrency !== undefined) rules.concurrency = intIn(file, 'concurrency', o.concurrency, 1, 32);
  if (o.resultColumns !== undefined) rules.resultColumns = parseResultColumns(file, o.resultColumns);
}

/** Groups and mapped clearing types must be codes the center can be asked about. */
function checkCodes(file: string, rules: ReconcileRules): void {
  for (const [i, g] of rules.groups.entries()) {
    if (!isInsutype(rules, g.insutype))
      bad(
        file,
        `groups[${i}].insutype`,
        `"${g.insutype}" is not a known insurance type`,
        "Use a national code (310, 390, …) or add the province's code to reconcile.extraInsutypes.",
        undefined,
        [
          `"${g.insutype}" 不是已知的险种`,
          '请使用国家编码（310、390 等），或将本省的代码加入 reconcile.extraInsutypes。',
        ],
      );
    if (!isClrType(rules, g.clr_type))
      bad(
        file,
        `groups[${i}].clr_type`,
        `"${g.clr_type}" is not a known clearing type`,
        "Use 11, 21, 41 or 99, or add the province's code to reconcile.extraClrTypes.",
        undefined,
        [`"${g.clr_type}" 不是已知的清算类别`, '请使用 11、21、41 或 99，或将本省的代码加入 reconcile.extraClrTypes。'],
      );
  }
  for (const [from, to] of Object.entries(rules.clrTypeMap)) {
    if (!isClrType(rules, to))
      bad(
        file,
        `clrTypeMap.${from}`,
        `maps to "${to}", which is not a known clearing type`,
        'Map to 11, 21, 41 or 99, or add the code to reconcile.extraClrTypes.',
        undefined,
        [`映射到的 "${to}" 不是已知的清算类别`, '请映射到 11、21、41 或 99，或将该代码加入 reconcile.extraClrTypes。'],
      );
  }
}

export function isInsutype(rules: Pick<ReconcileRules, 'extraInsutypes'>, v: string): boolean {
  return Object.hasOwn(INSUTYPE, v) || rules.extraInsutypes.includes(v);
}

export function isClrType(rules: Pick<ReconcileRules, 'extraClrTypes'>, v: string): boolean {
  return Object.hasOwn(CLR_TYPE, v) || rules.extraClrTypes.includes(v);
}

/** The refd_setl_flag sent in 3201/3202 under these rules. */
export function refdFlag(rules: Pick<ReconcileRules, 'refunds'>): '0' | '1' {
  return rules.refunds === 'include' ? '1' : '0';
}
