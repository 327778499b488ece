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
import { CLR_TYPE, INSUTYPE, STMT_RESULT_COLUMNS } from '../center/protocol/index.js';
import { inputError } from '../errors.js';
import { DETAIL_AMOUNTS } from './detailFigures.js';

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

const ENUMS = {
  period: ['day', 'range'],
  detail: ['auto', 'always', 'never'],
  refunds: ['include', 'exclude'],
  hospitalBorne: ['as_returned', 'subtract', 'add'],
  outOfArea: ['own_agency', 'local_agency', 'exclude'],
} as const;

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

const CODE = /^[0-9A-Za-z]{1,6}$/;
const ADMDVS = /^\d{6}$/;

export interface RulesSource {
  /** The configuration file, for messages (default "hisops.yaml"). */
  file?: string;
  /** center.setl_optins of the institution: the default local agency. */
  setl_optins: string;
}

/** `zh` is the same problem and fix in Chinese: [problem, fix]. */
function bad(file: string, key: string, summary: string, fix: string, found: unknown, zh: [string, string]): never {
  const foundWords = found === undefined ? undefined : `Found: ${JSON.stringify(found)}.`;
  throw inputError('RECONCILE_CONFIG', `${file}: reconcile.${key} ${summary}`, fix, foundWords, {
    file,
    key: `reconcile.${key}`,
  }).zh(
    `${file}：reconcile.${key} ${zh[0]}`,
    zh[1],
    found === undefined ? undefined : `实际值：${JSON.stringify(found)}。`,
  );
}

function stringList(file: string, key: string, v: unknown, check?: (s: string) => string | undefined): string[] {
  if (!Array.isArray(v))
    bad(file, key, 'must be a list', `Write it as a YAML list, e.g. ${key}: ["a", "b"].`, v, [
      '必须是列表',
      `请写成 YAML 列表，例如 ${key}: ["a", "b"]。`,
    ]);
  return v.map((item, i) => {
    if (typeof item !== 'string' && typeof item !== 'number')
      bad(file, `${key}[${i}]`, 'must be a text value', 'Quote codes, e.g. "390".', item, [
        '必须是文本值',
        '代码请加引号，例如 "390"。',
      ]);
    const s = String(item);
    const problem = check?.(s);
    if (problem)
      bad(file, `${key}[${i}]`, problem, `Correct item ${i + 1} of reconcile.${key}.`, item, [
        problem,
        `请更正 reconcile.${key} 的第 ${i + 1} 项。`,
      ]);
    return s;
  });
}

function intIn(file: string, key: string, v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    bad(
      file,
      key,
      `must be a whole number from ${min} to ${max}`,
      `Write e.g. ${key}: ${Math.min(max, Math.max(min, 31))}.`,
      v,
      [`必须是 ${min} 到 ${max} 之间的整数`, `例如 ${key}: ${Math.min(max, Math.max(min, 31))}。`],
    );
  return n;
}

function oneOf<K extends keyof typeof ENUMS>(file: string, key: K, v: unknown): (typeof ENUMS)[K][number] {
  const allowed = ENUMS[key] as readonly string[];
  if (typeof v !== 'string' || !allowed.includes(v)) {
    const near = typeof v === 'string' ? closest(v, allowed) : undefined;
    bad(
      file,
      key,
      `must be one of ${allowed.join(', ')}`,
      near ? `Did you mean "${near}"?` : `Write ${key}: ${allowed[0]}.`,
      v,
      [`必须是 ${allowed.join('、')} 之一`, near ? `您是不是要写 "${near}"？` : `例如 ${key}: ${allowed[0]}。`],
    );
  }
  return v as (typeof ENUMS)[K][number];
}

function code(file: string, key: string, v: unknown, what: string): string {
  if (typeof v !== 'string' && typeof v !== 'number')
    bad(file, key, `must be ${what}`, 'Quote codes in YAML, e.g. "310".', v, [
      `必须是${what}`,
      'YAML 中的代码请加引号，例如 "310"。',
    ]);
  const s = String(v);
  if (!CODE.test(s))
    bad(file, key, `must be ${what} (letters and digits, at most 6)`, 'Quote codes in YAML, e.g. "310".', v, [
      `必须是${what}（字母和数字，最多 6 位）`,
      'YAML 中的代码请加引号，例如 "310"。',
    ]);
  return s;
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
  checkCodes(file, rules);
  return rules;
}

/** reconcile.clrTypeMap: HIS clearing type → the center's, both codes. */
function parseClrTypeMap(file: string, m: unknown): Record<string, string> {
  if (typeof m !== 'object' || m === null || Array.isArray(m))
    bad(
      file,
      'clrTypeMap',
      "must be a map from the HIS clearing type to the center's",
      'Write e.g. clrTypeMap: { "13": "11", "14": "11" }.',
      m,
      ['必须是 HIS 清算类别到医保中心清算类别的映射', '例如 clrTypeMap: { "13": "11", "14": "11" }。'],
    );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
    code(file, `clrTypeMap.${k}`, k, 'a clearing-type code');
    const to = code(file, `clrTypeMap.${k}`, v, 'a clearing-type code');
    out[k] = to;
  }
  return out;
}

/** reconcile.groups: the groups always asked about, each { insutype, clr_type, setl_optins }. */
function parseGroups(file: string, groups: unknown): GroupSpec[] {
  if (!Array.isArray(groups))
    bad(
      file,
      'groups',
      'must be a list of { insutype, clr_type, setl_optins }',
      'Write e.g. groups: [{ insutype: "310", clr_type: "11", setl_optins: "430100" }].',
      groups,
      [
        '必须是 { insutype, clr_type, setl_optins } 的列表',
        '例如 groups: [{ insutype: "310", clr_type: "11", setl_optins: "430100" }]。',
      ],
    );
  return groups.map((g, i) => {
    if (typeof g !== 'object' || g === null || Array.isArray(g))
      bad(
        file,
        `groups[${i}]`,
        'must be a map with insutype, clr_type and setl_optins',
        'Write e.g. { insutype: "310", clr_type: "11", setl_optins: "430100" }.',
        g,
        [
          '必须是含 insutype、clr_type 和 setl_optins 的映射',
          '例如 { insutype: "310", clr_type: "11", setl_optins: "430100" }。',
        ],
      );
    const r = g as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!['insutype', 'clr_type', 'setl_optins'].includes(k))
        bad(
          file,
          `groups[${i}].${k}`,
          'is not a group key',
          'A group has exactly insutype, clr_type and setl_optins.',
          undefined,
          ['不是分组的键', '分组只有 insutype、clr_type 和 setl_optins 三个键。'],
        );
    const setl = String(r.setl_optins ?? '');
    if (!ADMDVS.test(setl))
      bad(
        file,
        `groups[${i}].setl_optins`,
        'must be a 6-digit agency code',
        'Quote it, e.g. "430100".',
        r.setl_optins,
        ['必须是 6 位经办机构代码', '请加引号，例如 "430100"。'],
      );
    return {
      insutype: code(file, `groups[${i}].insutype`, r.insutype, 'an insurance-type code'),
      clr_type: code(file, `groups[${i}].clr_type`, r.clr_type, 'a clearing-type code'),
      setl_optins: setl,
    };
  });
}

/** reconcile.resultColumns: the province's 3202 result columns in order ("-": ignored), with every column classification needs. */
function parseResultColumns(file: string, v: unknown): string[] {
  const cols = stringList(file, 'resultColumns', v);
  const known = new Set<string>(STMT_RESULT_COLUMNS);
  for (const [i, c] of cols.entries()) {
    if (!known.has(c) && c !== '-')
      bad(
        file,
        `resultColumns[${i}]`,
        `names "${c}", which is not a 3202 result column`,
        `Use ${STMT_RESULT_COLUMNS.join(', ')}, or "-" for a column to ignore.`,
        undefined,
        [`中的 "${c}" 不是 3202 结果文件的列`, `请使用 ${STMT_RESULT_COLUMNS.join('、')}，要忽略的列写 "-"。`],
      );
  }
  for (const need of ['setl_id', 'stmt_rslt', ...DETAIL_AMOUNTS]) {
    if (!cols.includes(need))
      bad(
        file,
        'resultColumns',
        `leaves out ${need}, which classification needs`,
        `List every column of the province's result file in order, including ${need}.`,
        undefined,
        [`缺少差异分类所需的 ${need}`, `请按顺序列出本省结果文件的每一列，包括 ${need}。`],
      );
  }
  if (new Set(cols.filter((c) => c !== '-')).size !== cols.filter((c) => c !== '-').length)
    bad(
      file,
      'resultColumns',
      'names a column twice',
      'Name each column once; use "-" for columns to ignore.',
      undefined,
      ['中有重复的列', '每列只写一次；要忽略的列写 "-"。'],
    );
  return cols;
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
