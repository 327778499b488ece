/**
 * Reading a pool section (`inpatient:` / `outpatient:`): deductible, fund ratio, bands, ceiling.
 */
import { D, type Decimal } from '../money.js';
import type { FieldReader } from './fieldReader.js';
import { childPath } from './issues.js';
import { readAgeBands, readBands, readGroupMap, readLevelMap } from './policyBands.js';
import type { CategoryParams, PlusBand, Pool } from './types.js';
import { isTreeMap, type TreeValue } from './yamlTree.js';

const ZERO = new D(0);

export interface PoolContext {
  levels: string[];
  groups: string[];
  /** Declared patient categories (policy patient_categories). */
  categories: string[];
  /** Declared shared caps (policy shared_caps). */
  sharedCaps: string[];
}

const POOL_KEYS = ['deductible', 'ratio', 'bands', 'ceiling', 'categories', 'segments', 'shared_cap', 'fixed'] as const;
/** The payment orders a pool may take: the national one, and the current-year account first (Shanghai). */
const ORDERS = [
  ['own', 'copay'],
  ['account', 'own', 'copay'],
];

/** Accumulator prefix of a pool section: ip / op as before, the section name for the others. */
function accPrefix(path: string): string {
  return path === 'inpatient' ? 'ip' : path === 'outpatient' ? 'op' : path.replace(/^chronic\.diseases\./, 'chronic_');
}

export function readPool(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  ctx: PoolContext,
  defaultPer: 'admission' | 'year' = path === 'inpatient' || path === 'home_ward' ? 'admission' : 'year',
): Pool | null {
  // A fixed-amount section (生育 定额) needs neither a deductible nor a ratio.
  const fixedOnly = isTreeMap(v) && v.fixed !== undefined && v.fixed !== null;
  const m = r.map(v, path, POOL_KEYS, fixedOnly ? [] : ['deductible', 'ratio']);
  if (!m) return null;
  const zeros = (): Map<string, Decimal> => new Map(ctx.levels.map((l) => [l, ZERO]));
  const deductible =
    fixedOnly && m.deductible == null
      ? {
          per: defaultPer,
          by_level: zeros(),
          out_of_area_by_level: null,
          by_admission: [],
          factor_by_person_group: new Map<string, Decimal>(),
        }
      : readDeductible(r, m.deductible, childPath(path, 'deductible'), ctx, defaultPer);
  const ratio =
    fixedOnly && m.ratio == null
      ? {
          by_level: zeros(),
          retired_plus: ZERO,
          age_bands: [{ from: 0, to: null, plus: ZERO }],
          plus_by_person_group: new Map<string, Decimal>(),
          plus_by_person_group_level: new Map<string, Map<string, Decimal>>(),
          out_of_area_plus: ZERO,
        }
      : readRatio(r, m.ratio, childPath(path, 'ratio'), ctx);
  const bands: PlusBand[] | null =
    m.bands === undefined || m.bands === null
      ? [{ from: ZERO, to: null, plus: ZERO }]
      : readBands<PlusBand>(r, m.bands, childPath(path, 'bands'), 'plus', (x, p) => r.plus(x, p));
  const ceiling =
    m.ceiling === undefined || m.ceiling === null ? null : r.amount(m.ceiling, childPath(path, 'ceiling'));
  const categories = readCategories(r, m.categories, childPath(path, 'categories'), ctx);
  const accountFirst = readSegments(r, m.segments, childPath(path, 'segments'));
  const sharedCap = readSharedCap(r, m.shared_cap, childPath(path, 'shared_cap'), ctx);
  const fixed = m.fixed === undefined || m.fixed === null ? null : readFixed(r, m.fixed, childPath(path, 'fixed'));
  if (
    !deductible ||
    !ratio ||
    !bands ||
    !categories ||
    accountFirst === null ||
    (m.ceiling !== undefined && m.ceiling !== null && ceiling === null)
  )
    return null;
  if (m.fixed !== undefined && m.fixed !== null && !fixed) return null;
  return {
    path,
    acc: accPrefix(path),
    account_first: accountFirst,
    categories,
    shared_cap: sharedCap,
    fixed,
    deductible,
    ratio,
    bands,
    ceiling,
  };
}

/** The pool's shared cap: one the policy declares at the top level (shared_caps). */
function readSharedCap(r: FieldReader, v: TreeValue | undefined, path: string, ctx: PoolContext): string | null {
  if (v === undefined || v === null) return null;
  const sharedCap = r.text(v, path);
  if (sharedCap === null || ctx.sharedCaps.includes(sharedCap)) return sharedCap;
  r.issues.add(
    path,
    `'${sharedCap}' is not one of the policy's shared_caps (${ctx.sharedCaps.join(', ') || 'none declared'})`,
    `declare it at the top level (shared_caps: { ${sharedCap}: <annual amount> }) or use one of ${ctx.sharedCaps.join(', ') || '(none)'}`,
    {
      message: `'${sharedCap}' 不在政策文件的 shared_caps 中（${ctx.sharedCaps.join('、') || '未声明'}）`,
      fix: `请在顶层声明（shared_caps: { ${sharedCap}: <年度限额> }），或使用 ${ctx.sharedCaps.join('、') || '（无）'} 之一`,
    },
  );
  return null;
}

/** `segments: [account, own, copay]` (当年账户段 → 自负段 → 共付段) or the default [own, copay]. */
function readSegments(r: FieldReader, v: TreeValue | undefined, path: string): boolean | null {
  if (v === undefined || v === null) return false;
  const l = r.texts(v, path);
  if (!l) return null;
  const i = ORDERS.findIndex((o) => o.length === l.length && o.every((x, k) => x === l[k]));
  if (i < 0) {
    r.issues.add(
      path,
      `'${l.join(', ')}' is not a payment order the engine knows`,
      "write [own, copay] (deductible, then the fund's co-pay; the account pays after) or [account, own, copay] (the current-year account first, 当年账户段 → 自负段 → 共付段)",
      {
        message: `'${l.join('、')}' 不是引擎支持的支付顺序`,
        fix: '请写 [own, copay]（先起付线，再共付；个人账户最后支付）或 [account, own, copay]（当年账户段 → 自负段 → 共付段）',
      },
    );
    return null;
  }
  return i === 1;
}

/** `fixed: { vaginal: 1100, cesarean: 1500 }`: the amount the fund pays for each item. */
function readFixed(r: FieldReader, v: TreeValue, path: string): Map<string, Decimal> | null {
  if (!isTreeMap(v) || Object.keys(v).length === 0) {
    r.issues.add(path, 'expected a mapping of item: amount', `write ${path} as { vaginal: 1100, cesarean: 1500 }`, {
      message: '应是“项目: 金额”的映射',
      fix: `请把 ${path} 写成 { vaginal: 1100, cesarean: 1500 }`,
    });
    return null;
  }
  const out = new Map<string, Decimal>();
  let ok = true;
  for (const [k, x] of Object.entries(v)) {
    const d = r.amount(x, childPath(path, k));
    if (d === null) ok = false;
    else out.set(k, d);
  }
  return ok ? out : null;
}

/** `categories: { in_province: { deductible: {by_level}, ratio: {by_level}, ceiling } }`. */
function readCategories(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  ctx: PoolContext,
): Map<string, CategoryParams> | null {
  const out = new Map<string, CategoryParams>();
  if (v === undefined || v === null) return out;
  const m = r.map(v, path, ctx.categories);
  if (!m) return null;
  let ok = true;
  for (const name of Object.keys(m)) {
    if (!ctx.categories.includes(name)) {
      ok = false;
      continue;
    }
    const p = childPath(path, name);
    const c = r.map(m[name], p, ['deductible', 'ratio', 'ceiling']);
    if (!c) {
      ok = false;
      continue;
    }
    const amount = (x: TreeValue | undefined, q: string): Decimal | null => r.amount(x, q);
    const ded =
      c.deductible === undefined || c.deductible === null
        ? null
        : readByLevel(r, c.deductible, childPath(p, 'deductible'), ctx.levels, amount);
    const rat =
      c.ratio === undefined || c.ratio === null
        ? null
        : readByLevel(r, c.ratio, childPath(p, 'ratio'), ctx.levels, (x, q) => r.ratio(x, q));
    const ceil =
      c.ceiling === undefined ? undefined : c.ceiling === null ? null : r.amount(c.ceiling, childPath(p, 'ceiling'));
    if ((c.deductible != null && !ded) || (c.ratio != null && !rat) || (c.ceiling != null && ceil === null)) ok = false;
    out.set(name, { deductible: ded, ratio: rat, ceiling: ceil, path: p });
  }
  return ok ? out : null;
}

/** `{ by_level: { … } }` or one value for every level. */
function readByLevel(
  r: FieldReader,
  v: TreeValue,
  path: string,
  levels: string[],
  read: (x: TreeValue | undefined, p: string) => Decimal | null,
): Map<string, Decimal> | null {
  if (typeof v === 'string') {
    const d = read(v, path);
    return d === null ? null : new Map(levels.map((l) => [l, d]));
  }
  const m = r.map(v, path, ['by_level'], ['by_level']);
  return m ? readLevelMap(r, m.by_level, childPath(path, 'by_level'), levels, read) : null;
}

function readDeductible(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  ctx: PoolContext,
  defaultPer: 'admission' | 'year',
): Pool['deductible'] | null {
  const m = r.map(
    v,
    path,
    ['per', 'by_level', 'out_of_area_by_level', 'by_admission', 'factor_by_person_group'],
    ['by_level'],
  );
  if (!m) return null;
  const per = m.per === undefined ? defaultPer : r.oneOf(m.per, childPath(path, 'per'), ['admission', 'year'] as const);
  const amount = (x: TreeValue | undefined, p: string): Decimal | null => r.amount(x, p);
  const byLevel = readLevelMap(r, m.by_level, childPath(path, 'by_level'), ctx.levels, amount);
  const outOfArea =
    m.out_of_area_by_level === undefined
      ? null
      : readLevelMap(r, m.out_of_area_by_level, childPath(path, 'out_of_area_by_level'), ctx.levels, amount);
  const byAdmission: Array<{ from: number; factor: Decimal }> = [];
  let admissionsOk = true;
  if (m.by_admission !== undefined && m.by_admission !== null) {
    const items = r.list(m.by_admission, childPath(path, 'by_admission')) ?? [];
    items.forEach((item, i) => {
      const p = childPath(childPath(path, 'by_admission'), i);
      const e = r.map(item, p, ['from', 'factor'], ['from', 'factor']);
      if (!e) return void (admissionsOk = false);
      const from = r.int(
        e.from,
        childPath(p, 'from'),
        2,
        'the n-th admission of the year from which the factor applies',
      );
      const factor = r.factor(e.factor, childPath(p, 'factor'));
      if (from === null || factor === null) return void (admissionsOk = false);
      const prev = byAdmission[byAdmission.length - 1];
      if (prev && from <= prev.from) {
        r.issues.add(
          childPath(p, 'from'),
          `admission ${from} does not come after ${prev.from}`,
          'list by_admission entries in increasing order of from',
          { message: `第 ${from} 次住院不在第 ${prev.from} 次之后`, fix: '请按 from 从小到大排列 by_admission 各项' },
        );
        admissionsOk = false;
      }
      byAdmission.push({ from, factor });
    });
  }
  const groups = readGroupMap(
    r,
    m.factor_by_person_group,
    childPath(path, 'factor_by_person_group'),
    ctx.groups,
    (x, p) => r.factor(x, p),
  );
  if (!per || !byLevel || (m.out_of_area_by_level !== undefined && !outOfArea) || !admissionsOk) return null;
  return {
    per,
    by_level: byLevel,
    out_of_area_by_level: outOfArea,
    by_admission: byAdmission,
    factor_by_person_group: groups,
  };
}

function readRatio(r: FieldReader, v: TreeValue | undefined, path: string, ctx: PoolContext): Pool['ratio'] | null {
  const m = r.map(
    v,
    path,
    ['by_level', 'retired_plus', 'age_bands', 'plus_by_person_group', 'out_of_area_plus'],
    ['by_level'],
  );
  if (!m) return null;
  const byLevel = readLevelMap(r, m.by_level, childPath(path, 'by_level'), ctx.levels, (x, p) => r.ratio(x, p));
  const retired = m.retired_plus === undefined ? ZERO : r.plus(m.retired_plus, childPath(path, 'retired_plus'));
  const ages =
    m.age_bands === undefined
      ? [{ from: 0, to: null, plus: ZERO }]
      : readAgeBands(r, m.age_bands, childPath(path, 'age_bands'));
  // A group's points are one number, or a map by hospital level (中人一档: { "1": 0.10, "2": 0.10, "3": 0.20 }).
  const byGroupLevel = new Map<string, Map<string, Decimal>>();
  const groups = readGroupMap(
    r,
    m.plus_by_person_group,
    childPath(path, 'plus_by_person_group'),
    ctx.groups,
    (x, p) => {
      if (isTreeMap(x)) {
        const lv = readLevelMap(r, x, p, ctx.levels, (y, q) => r.plus(y, q));
        if (lv) byGroupLevel.set(p.slice(p.lastIndexOf('.') + 1), lv);
        return null;
      }
      return r.plus(x, p);
    },
  );
  const outOfArea =
    m.out_of_area_plus === undefined ? ZERO : r.plus(m.out_of_area_plus, childPath(path, 'out_of_area_plus'));
  if (!byLevel || retired === null || !ages || outOfArea === null) return null;
  return {
    by_level: byLevel,
    retired_plus: retired,
    age_bands: ages,
    plus_by_person_group: groups,
    plus_by_person_group_level: byGroupLevel,
    out_of_area_plus: outOfArea,
  };
}
