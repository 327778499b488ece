/**
 * Reading a pool section (`inpatient:` / `outpatient:`): deductible, fund ratio, bands, ceiling.
 */
import { D, type Decimal } from '../money.js';
import type { FieldReader } from './fieldReader.js';
import { childPath } from './issues.js';
import { readAgeBands, readBands, readGroupMap, readLevelMap } from './policyBands.js';
import type { PlusBand, Pool, VisitType } from './types.js';
import type { TreeValue } from './yamlTree.js';

const ZERO = new D(0);

export interface PoolContext {
  levels: string[];
  groups: string[];
}

export function readPool(r: FieldReader, v: TreeValue | undefined, path: VisitType, ctx: PoolContext): Pool | null {
  const m = r.map(v, path, ['deductible', 'ratio', 'bands', 'ceiling'], ['deductible', 'ratio']);
  if (!m) return null;
  const deductible = readDeductible(r, m.deductible, childPath(path, 'deductible'), ctx, path === 'inpatient' ? 'admission' : 'year');
  const ratio = readRatio(r, m.ratio, childPath(path, 'ratio'), ctx);
  const bands: PlusBand[] | null = m.bands === undefined || m.bands === null
    ? [{ from: ZERO, to: null, plus: ZERO }]
    : readBands<PlusBand>(r, m.bands, childPath(path, 'bands'), 'plus', (x, p) => r.plus(x, p));
  const ceiling = m.ceiling === undefined || m.ceiling === null ? null : r.amount(m.ceiling, childPath(path, 'ceiling'));
  if (!deductible || !ratio || !bands || (m.ceiling !== undefined && m.ceiling !== null && ceiling === null)) return null;
  return { deductible, ratio, bands, ceiling };
}

function readDeductible(r: FieldReader, v: TreeValue | undefined, path: string, ctx: PoolContext, defaultPer: 'admission' | 'year'): Pool['deductible'] | null {
  const m = r.map(v, path, ['per', 'by_level', 'out_of_area_by_level', 'by_admission', 'factor_by_person_group'], ['by_level']);
  if (!m) return null;
  const per = m.per === undefined ? defaultPer : r.oneOf(m.per, childPath(path, 'per'), ['admission', 'year'] as const);
  const amount = (x: TreeValue | undefined, p: string): Decimal | null => r.amount(x, p);
  const byLevel = readLevelMap(r, m.by_level, childPath(path, 'by_level'), ctx.levels, amount);
  const outOfArea = m.out_of_area_by_level === undefined ? null : readLevelMap(r, m.out_of_area_by_level, childPath(path, 'out_of_area_by_level'), ctx.levels, amount);
  const byAdmission: Array<{ from: number; factor: Decimal }> = [];
  let admissionsOk = true;
  if (m.by_admission !== undefined && m.by_admission !== null) {
    const items = r.list(m.by_admission, childPath(path, 'by_admission')) ?? [];
    items.forEach((item, i) => {
      const p = childPath(childPath(path, 'by_admission'), i);
      const e = r.map(item, p, ['from', 'factor'], ['from', 'factor']);
      if (!e) return void (admissionsOk = false);
      const from = r.int(e.from, childPath(p, 'from'), 2, 'the n-th admission of the year from which the factor applies');
      const factor = r.factor(e.factor, childPath(p, 'factor'));
      if (from === null || factor === null) return void (admissionsOk = false);
      const prev = byAdmission[byAdmission.length - 1];
      if (prev && from <= prev.from) {
        r.issues.add(childPath(p, 'from'), `admission ${from} does not come after ${prev.from}`, 'list by_admission entries in increasing order of from', { message: `第 ${from} 次住院不在第 ${prev.from} 次之后`, fix: '请按 from 从小到大排列 by_admission 各项' });
        admissionsOk = false;
      }
      byAdmission.push({ from, factor });
    });
  }
  const groups = readGroupMap(r, m.factor_by_person_group, childPath(path, 'factor_by_person_group'), ctx.groups, (x, p) => r.factor(x, p));
  if (!per || !byLevel || (m.out_of_area_by_level !== undefined && !outOfArea) || !admissionsOk) return null;
  return { per, by_level: byLevel, out_of_area_by_level: outOfArea, by_admission: byAdmission, factor_by_person_group: groups };
}

function readRatio(r: FieldReader, v: TreeValue | undefined, path: string, ctx: PoolContext): Pool['ratio'] | null {
  const m = r.map(v, path, ['by_level', 'retired_plus', 'age_bands', 'plus_by_person_group', 'out_of_area_plus'], ['by_level']);
  if (!m) return null;
  const byLevel = readLevelMap(r, m.by_level, childPath(path, 'by_level'), ctx.levels, (x, p) => r.ratio(x, p));
  const retired = m.retired_plus === undefined ? ZERO : r.plus(m.retired_plus, childPath(path, 'retired_plus'));
  const ages = m.age_bands === undefined ? [{ from: 0, to: null, plus: ZERO }] : readAgeBands(r, m.age_bands, childPath(path, 'age_bands'));
  const groups = readGroupMap(r, m.plus_by_person_group, childPath(path, 'plus_by_person_group'), ctx.groups, (x, p) => r.plus(x, p));
  const outOfArea = m.out_of_area_plus === undefined ? ZERO : r.plus(m.out_of_area_plus, childPath(path, 'out_of_area_plus'));
  if (!byLevel || retired === null || !ages || outOfArea === null) return null;
  return { by_level: byLevel, retired_plus: retired, age_bands: ages, plus_by_person_group: groups, out_of_area_plus: outOfArea };
}
