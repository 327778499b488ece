/**
 * Parse and validate one policy file (YAML). Every problem is reported with the file, the YAML
 * line, the field path and the fix; the result is a Policy the engine can trust.
 */
import type { Decimal } from '../money.js';
import { FieldReader } from './fieldReader.js';
import { childPath, Issues } from './issues.js';
import { readGroupMap } from './policyBands.js';
import { readPool, type PoolContext } from './policyPool.js';
import { readSupplements, readVisits } from './policySupplement.js';
import { D } from '../money.js';
import { ACCOUNT_PARTS, type ChildMarkup, type Policy, type Pool } from './types.js';
import { isTreeMap, readTree, type TreeValue } from './yamlTree.js';

const TOP = [
  'name',
  'version',
  'insutype',
  'effective',
  'levels',
  'person_groups',
  'rounding',
  'price_rules',
  'items',
  'inpatient',
  'outpatient',
  'supplements',
  'account',
  'patient_categories',
  'shared_caps',
  'chronic',
  'home_ward',
  'maternity',
  'injury',
] as const;

export function parsePolicy(text: string, fileName: string): Policy {
  const tree = readTree(text, fileName);
  const issues = new Issues(fileName, tree.lines);
  issues.list.push(...tree.issues);
  issues.throwIfAny('POLICY_INVALID', `policy ${fileName} is not valid YAML`);
  const r = new FieldReader(issues);
  const m = r.map(tree.root, '', TOP, ['name', 'version', 'insutype', 'effective', 'levels', 'items']);
  if (!m) {
    issues.throwIfAny('POLICY_INVALID', `policy ${fileName} is invalid`);
    throw new Error('unreachable: a failed map read records an issue');
  }

  const name = r.text(m.name, 'name');
  const version = r.text(m.version, 'version');
  const insutypes = readInsutypes(r, m, issues);
  const { from, to } = readEffective(r, m, issues);
  const levels = readLevels(r, m, issues);
  const groups =
    m.person_groups === undefined || m.person_groups === null ? [] : (r.texts(m.person_groups, 'person_groups') ?? []);
  const rounding = readRounding(r, m.rounding);
  const childMarkup = readPriceRules(r, m.price_rules);
  const items = m.items == null ? null : readItems(r, m.items, groups);
  const categories = m.patient_categories == null ? [] : (r.texts(m.patient_categories, 'patient_categories') ?? []);
  const sharedCaps = readSharedCaps(r, m.shared_caps);
  const ctx: PoolContext = { levels, groups, categories, sharedCaps: [...sharedCaps.keys()] };
  const { inpatient, outpatient, extra, chronic } = readPools(r, m, ctx, issues);
  const supplements = readSupplements(r, m.supplements, groups);
  const account = readAccount(r, m.account);

  issues.throwIfAny('POLICY_INVALID', `policy ${fileName} is invalid`);
  return {
    name: name!,
    version: version!,
    insutypes: insutypes!,
    effective: { from: from!, to },
    levels,
    person_groups: groups,
    rounding: rounding!,
    child_markup: childMarkup ?? null,
    b_class: items!.b_class,
    hospital_borne: items!.hospital_borne,
    pools: { inpatient, outpatient, ...extra },
    chronic,
    patient_categories: categories,
    shared_caps: sharedCaps,
    supplements: supplements!,
    account: account ?? null,
    source: { file: fileName, lines: tree.lines },
  };
}

type TopMap = NonNullable<ReturnType<FieldReader['map']>>;

function readInsutypes(r: FieldReader, m: TopMap, issues: Issues): string[] | null {
  const insutypes = r.texts(m.insutype, 'insutype');
  insutypes?.forEach((t, i) => {
    if (!/^\d{3}$/.test(t))
      issues.add(
        Array.isArray(m.insutype) ? childPath('insutype', i) : 'insutype',
        `'${t}' is not an insutype code`,
        'use the national three-digit code, e.g. "310" (employee) or "390" (urban-rural resident)',
        {
          message: `'${t}' 不是险种代码`,
          fix: '请使用国家三位险种代码，如 "310"（职工基本医疗保险）或 "390"（城乡居民基本医疗保险）',
        },
      );
  });
  return insutypes;
}

function readEffective(r: FieldReader, m: TopMap, issues: Issues): { from: string | null; to: string | null } {
  const eff = m.effective == null ? null : r.map(m.effective, 'effective', ['from', 'to'], ['from']);
  const from = eff ? r.date(eff.from, 'effective.from') : null;
  const to = eff && eff.to !== undefined && eff.to !== null ? r.date(eff.to, 'effective.to') : null;
  if (from && to && to < from)
    issues.add(
      'effective.to',
      `the period ends (${to}) before it starts (${from})`,
      'set effective.to on or after effective.from',
      { message: `有效期结束（${to}）早于开始（${from}）`, fix: '请让 effective.to 不早于 effective.from' },
    );
  return { from, to };
}

function readLevels(r: FieldReader, m: TopMap, issues: Issues): string[] {
  const levels = r.texts(m.levels, 'levels') ?? [];
  if (new Set(levels).size !== levels.length)
    issues.add('levels', 'a hospital level is listed twice', 'list each level once', {
      message: '有医院等级重复列出',
      fix: '每个等级只列一次',
    });
  return levels;
}

/** The sections by visit type; a policy needs at least one. */
function readPools(r: FieldReader, m: TopMap, ctx: PoolContext, issues: Issues) {
  const pool = (k: 'inpatient' | 'outpatient' | 'home_ward' | 'maternity' | 'injury'): Pool | null =>
    m[k] === undefined || m[k] === null ? null : readPool(r, m[k], k, ctx);
  const inpatient = pool('inpatient');
  const outpatient = pool('outpatient');
  const extra = { home_ward: pool('home_ward'), maternity: pool('maternity'), injury: pool('injury') };
  const chronic = m.chronic == null ? null : readChronic(r, m.chronic, ctx);
  if (
    m.inpatient == null &&
    m.outpatient == null &&
    m.chronic == null &&
    m.home_ward == null &&
    m.maternity == null &&
    m.injury == null
  )
    issues.add(
      '',
      'the policy has neither an inpatient nor an outpatient section',
      'add inpatient: and/or outpatient: with deductible and ratio',
      {
        message: '政策文件既没有住院（inpatient）也没有门诊（outpatient）部分',
        fix: '请添加 inpatient: 和/或 outpatient:，写明起付线（deductible）和支付比例（ratio）',
      },
    );
  return { inpatient, outpatient, extra, chronic };
}

function readRounding(r: FieldReader, v: TreeValue | undefined): Policy['rounding'] | null {
  if (v === undefined || v === null) return { mode: 'half_up', fund: 'per_band' };
  const m = r.map(v, 'rounding', ['mode', 'fund']);
  if (!m) return null;
  const mode =
    m.mode === undefined ? 'half_up' : r.oneOf(m.mode, 'rounding.mode', ['half_up', 'half_even', 'down'] as const);
  const fund = m.fund === undefined ? 'per_band' : r.oneOf(m.fund, 'rounding.fund', ['per_band', 'total'] as const);
  return mode && fund ? { mode, fund } : null;
}

function readPriceRules(r: FieldReader, v: TreeValue | undefined): ChildMarkup | null | undefined {
  if (v === undefined || v === null) return undefined;
  const m = r.map(v, 'price_rules', ['child_markup']);
  if (!m || m.child_markup === undefined || m.child_markup === null) return undefined;
  const p = 'price_rules.child_markup';
  const c = r.map(
    m.child_markup,
    p,
    ['under_age', 'rate', 'scope', 'items', 'prefixes', 'limit_too'],
    ['under_age', 'rate'],
  );
  if (!c) return null;
  const underAge = r.int(c.under_age, `${p}.under_age`, 1, 'age in years below which the markup applies');
  const rate = r.decimal(c.rate, `${p}.rate`, { min: 0, max: 1, scale: 4, what: 'markup rate (0.20 = +20%)' });
  const scope =
    c.scope === undefined ? 'listed' : r.oneOf(c.scope, `${p}.scope`, ['listed', 'all_service_items'] as const);
  const items = c.items === undefined || c.items === null ? [] : r.texts(c.items, `${p}.items`);
  const prefixes = c.prefixes === undefined || c.prefixes === null ? [] : r.texts(c.prefixes, `${p}.prefixes`);
  const limitToo = c.limit_too === undefined ? true : r.bool(c.limit_too, `${p}.limit_too`);
  if (scope === 'listed' && items && prefixes && items.length + prefixes.length === 0) {
    r.issues.add(
      `${p}.items`,
      'scope is listed but no items or prefixes are listed',
      'list the med_list_codg of the service items (items:) or code prefixes (prefixes:), or set scope: all_service_items',
      {
        message: 'scope 为 listed，但没有列出任何项目或编码前缀',
        fix: '请列出服务项目的 med_list_codg（items:）或编码前缀（prefixes:），或设 scope: all_service_items',
      },
    );
  }
  if (underAge === null || !rate || !scope || !items || !prefixes || limitToo === null) return null;
  return { under_age: underAge, rate, scope, items: new Set(items), prefixes, limit_too: limitToo };
}

function readItems(
  r: FieldReader,
  v: TreeValue | undefined,
  groups: string[],
): Pick<Policy, 'b_class' | 'hospital_borne'> | null {
  const m = r.map(v, 'items', ['b_class', 'hospital_borne'], ['b_class']);
  if (!m) return null;
  const b = r.map(m.b_class, 'items.b_class', ['default_selfpay_prop', 'by_person_group'], ['default_selfpay_prop']);
  const def = b ? r.ratio(b.default_selfpay_prop, 'items.b_class.default_selfpay_prop') : null;
  const byGroup = b
    ? readGroupMap<Decimal>(r, b.by_person_group, 'items.b_class.by_person_group', groups, (x, p) => r.ratio(x, p))
    : new Map<string, Decimal>();
  let overLimit: boolean | null = false;
  let unmapped: boolean | null = false;
  if (m.hospital_borne !== undefined && m.hospital_borne !== null) {
    const h = r.map(m.hospital_borne, 'items.hospital_borne', ['over_limit', 'unmapped']);
    if (h) {
      overLimit = h.over_limit === undefined ? false : r.bool(h.over_limit, 'items.hospital_borne.over_limit');
      unmapped = h.unmapped === undefined ? false : r.bool(h.unmapped, 'items.hospital_borne.unmapped');
    }
  }
  if (!def || overLimit === null || unmapped === null) return null;
  return {
    b_class: { default_selfpay_prop: def, by_person_group: byGroup },
    hospital_borne: { over_limit: overLimit, unmapped },
  };
}

function readAccount(r: FieldReader, v: TreeValue | undefined): Policy['account'] | undefined {
  if (v === undefined || v === null) return undefined;
  const m = r.map(v, 'account', ['visits', 'pays', 'mutual_aid'], ['pays']);
  if (!m) return undefined;
  const visits =
    m.visits === undefined ? (['inpatient', 'outpatient'] as const).slice() : readVisits(r, m.visits, 'account.visits');
  const paysRaw = r.texts(m.pays, 'account.pays') ?? [];
  const pays = paysRaw.map((x, i) => r.oneOf(x, childPath('account.pays', i), ACCOUNT_PARTS)).filter((x) => x !== null);
  const mutual = m.mutual_aid === undefined ? false : r.bool(m.mutual_aid, 'account.mutual_aid');
  if (!visits || mutual === null || pays.length !== paysRaw.length) return undefined;
  return { visits, pays, mutual_aid: mutual };
}

/** `shared_caps: { basic_fund: 300000 }`: annual caps several pools share (accumulator cap_<name>). */
function readSharedCaps(r: FieldReader, v: TreeValue | undefined): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  if (v === undefined || v === null) return out;
  if (!isTreeMap(v)) {
    r.issues.add(
      'shared_caps',
      'expected a mapping of name: annual amount',
      'write shared_caps as { basic_fund: 300000 }',
      { message: '应是“名称: 年度金额”的映射', fix: '请把 shared_caps 写成 { basic_fund: 300000 }' },
    );
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    const d = r.amount(x, childPath('shared_caps', k));
    if (d) out.set(k, d);
  }
  return out;
}

/**
 * `chronic: { shared_cap?, diseases: { <code>: { name?, deductible, ratio, cap } } }` (门诊慢特病):
 * each disease is a pool of its own — an annual deductible, a ratio (one number or by_level), an
 * annual cap — with its own accumulators chronic_<code>_dedc / chronic_<code>_hifp_pay.
 */
function readChronic(r: FieldReader, v: TreeValue, ctx: PoolContext): Policy['chronic'] {
  const m = r.map(v, 'chronic', ['shared_cap', 'diseases'], ['diseases']);
  if (!m) return null;
  let shared: string | null = null;
  if (m.shared_cap != null) {
    shared = r.text(m.shared_cap, 'chronic.shared_cap');
    if (shared !== null && !ctx.sharedCaps.includes(shared)) {
      r.issues.add(
        'chronic.shared_cap',
        `'${shared}' is not one of the policy's shared_caps (${ctx.sharedCaps.join(', ') || 'none declared'})`,
        `declare it at the top level (shared_caps: { ${shared}: <annual amount> }) or use one of ${ctx.sharedCaps.join(', ') || '(none)'}`,
        {
          message: `'${shared}' 不在政策文件的 shared_caps 中（${ctx.sharedCaps.join('、') || '未声明'}）`,
          fix: `请在顶层声明（shared_caps: { ${shared}: <年度限额> }），或使用 ${ctx.sharedCaps.join('、') || '（无）'} 之一`,
        },
      );
      shared = null;
    }
  }
  const d = isTreeMap(m.diseases) ? m.diseases : null;
  if (!d || Object.keys(d).length === 0) {
    r.issues.add(
      'chronic.diseases',
      'expected a mapping of disease code: { deductible, ratio, cap }',
      'list each disease: diseases: { M03900: { name: 高血压, deductible: 0, ratio: 0.80, cap: 2400 } }',
      {
        message: '应是“病种编码: { deductible, ratio, cap }”的映射',
        fix: '请逐个列出病种：diseases: { M03900: { name: 高血压, deductible: 0, ratio: 0.80, cap: 2400 } }',
      },
    );
    return null;
  }
  const diseases = new Map<string, { name: string; pool: Pool }>();
  for (const [code, x] of Object.entries(d)) {
    const p = childPath('chronic.diseases', code);
    const e = r.map(x, p, ['name', 'deductible', 'ratio', 'cap'], ['ratio']);
    if (!e) continue;
    const ded = e.deductible == null ? new D(0) : r.amount(e.deductible, childPath(p, 'deductible'));
    let ratio: Map<string, Decimal> | null = null;
    if (typeof e.ratio === 'string') {
      const x1 = r.ratio(e.ratio, childPath(p, 'ratio'));
      ratio = x1 === null ? null : new Map(ctx.levels.map((l) => [l, x1]));
    } else {
      const rm = r.map(e.ratio, childPath(p, 'ratio'), ['by_level'], ['by_level']);
      ratio = rm ? readLevelMapOf(r, rm.by_level, childPath(childPath(p, 'ratio'), 'by_level'), ctx.levels) : null;
    }
    const cap = e.cap == null ? null : r.amount(e.cap, childPath(p, 'cap'));
    if (ded === null || ratio === null || (e.cap != null && cap === null)) continue;
    const name = typeof e.name === 'string' ? e.name : code;
    diseases.set(code, {
      name,
      pool: {
        path: p,
        acc: `chronic_${code}`,
        account_first: false,
        categories: new Map(),
        shared_cap: shared,
        fixed: null,
        deductible: {
          per: 'year',
          by_level: new Map(ctx.levels.map((l) => [l, ded])),
          out_of_area_by_level: null,
          by_admission: [],
          factor_by_person_group: new Map(),
        },
        ratio: {
          by_level: ratio,
          retired_plus: new D(0),
          age_bands: [{ from: 0, to: null, plus: new D(0) }],
          plus_by_person_group: new Map(),
          plus_by_person_group_level: new Map(),
          out_of_area_plus: new D(0),
        },
        bands: [{ from: new D(0), to: null, plus: new D(0) }],
        ceiling: cap,
      },
    });
  }
  return { diseases };
}

function readLevelMapOf(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  levels: string[],
): Map<string, Decimal> | null {
  const m = r.map(v, path, levels);
  if (!m) return null;
  const out = new Map<string, Decimal>();
  for (const l of levels) {
    const x = r.ratio(m[l], childPath(path, l));
    if (x === null) return null;
    out.set(l, x);
  }
  return out;
}
