/**
 * Reading `supplements:` — the funds that pay after the basic pool: serious illness (hifmi_pay for
 * residents, hifob_pay for employees), civil-servant subsidy (cvlserv_pay), enterprise supplement,
 * medical assistance (maf_pay) and the like. Each pays a share of a base above a threshold, in
 * segments, up to an annual cap.
 */
import { D, type Decimal } from '../money.js';
import type { FieldReader } from './fieldReader.js';
import { childPath } from './issues.js';
import { readBands, readGroupMap } from './policyBands.js';
import { SUPPLEMENT_FUNDS, VISIT_TYPES, type RatioBand, type Supplement, type VisitType } from './types.js';
import type { TreeValue } from './yamlTree.js';

const KEYS = [
  'fund',
  'name',
  'visits',
  'groups',
  'base',
  'include_preselfpay',
  'period',
  'threshold',
  'segments',
  'plus_by_person_group',
  'cap',
] as const;

export function readSupplements(r: FieldReader, v: TreeValue | undefined, groups: string[]): Supplement[] | null {
  if (v === undefined || v === null) return [];
  const items = r.list(v, 'supplements', false);
  if (!items) return null;
  const out: Supplement[] = [];
  let ok = true;
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const s = readSupplement(r, item, childPath('supplements', i), groups);
    if (!s) return void (ok = false);
    const prev = seen.get(s.fund);
    if (prev !== undefined) {
      r.issues.add(
        childPath(s.path, 'fund'),
        `fund ${s.fund} is already paid by supplements[${prev}]`,
        'merge the two entries: each fund field has one rule (use segments for steps)',
        {
          message: `基金 ${s.fund} 已由 supplements[${prev}] 支付`,
          fix: '请合并这两项：每个基金字段只有一条规则（分段请用 segments）',
        },
      );
      ok = false;
    }
    seen.set(s.fund, i);
    out.push(s);
  });
  // An over-ceiling supplement (e.g. 职工大额) must come before those that share the whole personal
  // burden, or both could pay the same yuan.
  const firstPersonal = out.findIndex((s) => s.base === 'personal_inscp');
  out.forEach((s, i) => {
    if (s.base === 'over_ceiling' && firstPersonal >= 0 && i > firstPersonal) {
      r.issues.add(
        childPath(s.path, 'base'),
        `over_ceiling supplement ${s.fund} comes after ${out[firstPersonal]!.fund}, which already shares the personal burden`,
        `move supplements[${i}] before supplements[${firstPersonal}]`,
        {
          message: `超封顶补充 ${s.fund} 排在 ${out[firstPersonal]!.fund} 之后，而后者已分担个人负担`,
          fix: `请把 supplements[${i}] 移到 supplements[${firstPersonal}] 之前`,
        },
      );
      ok = false;
    }
  });
  return ok ? out : null;
}

function readSupplement(r: FieldReader, v: TreeValue, path: string, groups: string[]): Supplement | null {
  const m = r.map(v, path, KEYS, ['fund', 'base', 'segments']);
  if (!m) return null;
  const fund = r.oneOf(m.fund, childPath(path, 'fund'), SUPPLEMENT_FUNDS);
  const name = m.name === undefined ? (fund ?? '') : r.text(m.name, childPath(path, 'name'));
  const visits =
    m.visits === undefined
      ? (['inpatient', 'outpatient'] as VisitType[])
      : readVisits(r, m.visits, childPath(path, 'visits'));
  let sGroups: string[] | null = null;
  if (m.groups !== undefined && m.groups !== null) {
    sGroups = r.texts(m.groups, childPath(path, 'groups'));
    for (const [i, g] of (sGroups ?? []).entries()) {
      if (!groups.includes(g))
        r.issues.add(
          childPath(childPath(path, 'groups'), i),
          `person group '${g}' is not declared`,
          `add '${g}' to person_groups or correct the name (declared: ${groups.join(', ') || 'none'})`,
          {
            message: `人员类别 '${g}' 未声明`,
            fix: `请把 '${g}' 加入 person_groups，或改正名字（已声明：${groups.join('、') || '无'}）`,
          },
        );
    }
  }
  const base = r.oneOf(m.base, childPath(path, 'base'), ['personal_inscp', 'over_ceiling'] as const);
  const pre =
    m.include_preselfpay === undefined ? false : r.bool(m.include_preselfpay, childPath(path, 'include_preselfpay'));
  const period =
    m.period === undefined ? 'year' : r.oneOf(m.period, childPath(path, 'period'), ['year', 'stay'] as const);
  const threshold = readByGroup(r, m.threshold, childPath(path, 'threshold'), groups, false);
  const segments = readBands<RatioBand>(r, m.segments, childPath(path, 'segments'), 'ratio', (x, p) => r.ratio(x, p));
  const plus = readGroupMap(r, m.plus_by_person_group, childPath(path, 'plus_by_person_group'), groups, (x, p) =>
    r.plus(x, p),
  );
  const cap = readByGroup(r, m.cap, childPath(path, 'cap'), groups, true);
  if (!fund || name === null || !visits || !base || pre === null || !period || !threshold || !segments || !cap)
    return null;
  return {
    fund,
    name,
    visits,
    groups: sGroups,
    base,
    include_preselfpay: pre,
    period,
    threshold: { default: threshold.default ?? new D(0), by_person_group: threshold.byGroup as Map<string, Decimal> },
    segments,
    plus_by_person_group: plus,
    cap: { default: cap.default, by_person_group: cap.byGroup },
    path,
  };
}

export function readVisits(r: FieldReader, v: TreeValue | undefined, path: string): VisitType[] | null {
  const l = r.texts(v, path);
  if (!l) return null;
  const out: VisitType[] = [];
  l.forEach((x, i) => {
    const t = r.oneOf(x, childPath(path, i), VISIT_TYPES);
    if (t) out.push(t);
  });
  return out.length === l.length ? out : null;
}

/**
 * `threshold: 15000` or `threshold: { default: 15000, by_person_group: { poverty: 7500 } }`;
 * for caps, `null` means no cap.
 */
function readByGroup(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  groups: string[],
  nullable: boolean,
): { default: Decimal | null; byGroup: Map<string, Decimal | null> } | null {
  const one = (x: TreeValue | undefined, p: string): { d: Decimal | null } | null => {
    if (nullable && (x === null || x === undefined)) return { d: null };
    const d = r.amount(x ?? undefined, p);
    return d === null ? null : { d };
  };
  if (v === undefined || v === null || typeof v === 'string') {
    // Absent: no threshold (0) or no cap (null).
    if (v === undefined || v === null) return { default: null, byGroup: new Map() };
    const d = one(v, path);
    return d ? { default: d.d, byGroup: new Map() } : null;
  }
  const m = r.map(v, path, ['default', 'by_person_group']);
  if (!m) return null;
  const def = one(m.default, `${path}.default`);
  const byGroup = new Map<string, Decimal | null>();
  readGroupMap(r, m.by_person_group, `${path}.by_person_group`, groups, (x, p) => one(x, p)).forEach((val, g) =>
    byGroup.set(g, val.d),
  );
  return def ? { default: def.d, byGroup } : null;
}
