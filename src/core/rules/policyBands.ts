/**
 * Readers for the structured parts of a policy: contiguous bands (amount bands, age bands,
 * supplement segments) and maps keyed by hospital level or person group.
 */
import { D, type Decimal } from '../money.js';
import type { FieldReader } from './fieldReader.js';
import { childPath } from './issues.js';
import type { AgeBand, Band } from './types.js';
import type { TreeValue } from './yamlTree.js';

type Read<T> = (v: TreeValue | undefined, path: string) => T | null;

/**
 * A list of bands [from, to) that must start at 0, follow each other without gap or overlap and
 * end open (no `to` on the last one), so every amount falls in exactly one band.
 */
export function readBands<T extends Band>(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  valueKey: string,
  readValue: Read<Decimal>,
): Array<T> | null {
  const items = r.list(v, path);
  if (!items) return null;
  const out: Band[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const p = childPath(path, i);
    const m = r.map(item, p, ['from', 'to', valueKey], ['from', valueKey]);
    if (!m) return void (ok = false);
    const from = r.amount(m.from, childPath(p, 'from'));
    const to = m.to === undefined || m.to === null ? null : r.amount(m.to, childPath(p, 'to'));
    const val = readValue(m[valueKey], childPath(p, valueKey));
    if (from === null || val === null || (m.to !== undefined && m.to !== null && to === null)) return void (ok = false);
    out.push({ from, to, [valueKey]: val } as Band);
  });
  if (!ok) return null;
  return checkContiguous(
    r,
    out.map((b) => ({ from: b.from, to: b.to })),
    path,
    (x) => x.toString(),
  )
    ? (out as T[])
    : null;
}

export function readAgeBands(r: FieldReader, v: TreeValue | undefined, path: string): AgeBand[] | null {
  const items = r.list(v, path);
  if (!items) return null;
  const out: AgeBand[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const p = childPath(path, i);
    const m = r.map(item, p, ['from', 'to', 'plus'], ['from', 'plus']);
    if (!m) return void (ok = false);
    const from = r.int(m.from, childPath(p, 'from'), 0, 'age in years');
    const to = m.to === undefined || m.to === null ? null : r.int(m.to, childPath(p, 'to'), 1, 'age in years');
    const plus = r.plus(m.plus, childPath(p, 'plus'));
    if (from === null || plus === null || (m.to !== undefined && m.to !== null && to === null))
      return void (ok = false);
    out.push({ from, to, plus });
  });
  if (!ok) return null;
  const asDec = out.map((b) => ({ from: new D(b.from), to: b.to === null ? null : new D(b.to) }));
  return checkContiguous(r, asDec, path, (x) => x.toString()) ? out : null;
}

function checkContiguous(
  r: FieldReader,
  bands: Array<{ from: Decimal; to: Decimal | null }>,
  path: string,
  show: (d: Decimal) => string,
): boolean {
  let ok = true;
  const first = bands[0]!;
  if (!first.from.isZero()) {
    r.issues.add(
      childPath(childPath(path, 0), 'from'),
      `the first band starts at ${show(first.from)}, not 0`,
      'start the first band at from: 0 so every amount falls in a band',
      {
        message: `第一段从 ${show(first.from)} 开始，而不是 0`,
        fix: '请让第一段从 from: 0 开始，使每个金额都落在某一段内',
      },
    );
    ok = false;
  }
  for (let i = 0; i < bands.length; i++) if (!bandFollows(r, bands, i, path, show)) ok = false;
  return ok;
}

type Span = { from: Decimal; to: Decimal | null };

/** Band i ends after it starts and meets the next one (or, the last, is open-ended). */
function bandFollows(r: FieldReader, bands: Span[], i: number, path: string, show: (d: Decimal) => string): boolean {
  const b = bands[i]!;
  let ok = true;
  const p = childPath(path, i);
  if (b.to !== null && !b.to.gt(b.from)) {
    r.issues.add(
      childPath(p, 'to'),
      `band ends at ${show(b.to)}, not after its start ${show(b.from)}`,
      'make `to` larger than `from`',
      { message: `分段结束于 ${show(b.to)}，不在其起点 ${show(b.from)} 之后`, fix: '请让 to 大于 from' },
    );
    ok = false;
  }
  const next = bands[i + 1];
  if (!next) {
    if (b.to !== null) {
      r.issues.add(
        childPath(p, 'to'),
        `the last band ends at ${show(b.to)}: amounts above it fall in no band`,
        `remove 'to' from the last band (it is open-ended)`,
        {
          message: `最后一段结束于 ${show(b.to)}：高于它的金额不落在任何一段`,
          fix: '请删去最后一段的 to（最后一段不设上限）',
        },
      );
      ok = false;
    }
    return ok;
  }
  if (b.to === null) {
    r.issues.add(
      childPath(p, 'to'),
      `band ${i} has no end but is not the last band`,
      `give band ${i} a 'to' equal to the next band's 'from' (${show(next.from)})`,
      {
        message: `第 ${i} 段没有结束值，但它不是最后一段`,
        fix: `请给第 ${i} 段写 to，等于下一段的 from（${show(next.from)}）`,
      },
    );
    ok = false;
  } else if (next.from.gt(b.to)) {
    r.issues.add(
      childPath(childPath(path, i + 1), 'from'),
      `gap between ${path}[${i}].to ${show(b.to)} and ${path}[${i + 1}].from ${show(next.from)}`,
      `set ${path}[${i + 1}].from to ${show(b.to)} (bands must follow each other without gaps)`,
      {
        message: `${path}[${i}].to ${show(b.to)} 与 ${path}[${i + 1}].from ${show(next.from)} 之间有空档`,
        fix: `请把 ${path}[${i + 1}].from 设为 ${show(b.to)}（各段须首尾相接）`,
      },
    );
    ok = false;
  } else if (next.from.lt(b.to)) {
    r.issues.add(
      childPath(childPath(path, i + 1), 'from'),
      `bands overlap: ${path}[${i + 1}].from ${show(next.from)} is below ${path}[${i}].to ${show(b.to)}`,
      `set ${path}[${i + 1}].from to ${show(b.to)}`,
      {
        message: `分段重叠：${path}[${i + 1}].from ${show(next.from)} 小于 ${path}[${i}].to ${show(b.to)}`,
        fix: `请把 ${path}[${i + 1}].from 设为 ${show(b.to)}`,
      },
    );
    ok = false;
  }
  return ok;
}

/** A value for every hospital level the policy declares; an unknown or missing level is an issue. */
export function readLevelMap(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  levels: readonly string[],
  read: Read<Decimal>,
): Map<string, Decimal> | null {
  const m = r.map(v, path, levels);
  if (!m) return null;
  const out = new Map<string, Decimal>();
  let ok = true;
  for (const lv of levels) {
    if (m[lv] === undefined || m[lv] === null) {
      r.issues.add(
        path,
        `no value for hospital level '${lv}' (the policy's levels are ${levels.join(', ')})`,
        `add "${lv}": <value> under ${path}, or remove '${lv}' from levels`,
        {
          message: `缺少医院等级 '${lv}' 的值（政策文件的等级：${levels.join('、')}）`,
          fix: `请在 ${path} 下添加 "${lv}": <值>，或从 levels 中删去 '${lv}'`,
        },
      );
      ok = false;
      continue;
    }
    const d = read(m[lv], childPath(path, lv));
    if (d === null) ok = false;
    else out.set(lv, d);
  }
  return ok ? out : null;
}

/** Values keyed by declared person groups. */
export function readGroupMap<T>(
  r: FieldReader,
  v: TreeValue | undefined,
  path: string,
  groups: readonly string[],
  read: Read<T>,
): Map<string, T> {
  const out = new Map<string, T>();
  if (v === undefined || v === null) return out;
  const m = r.map(v, path, groups);
  if (!m) return out;
  for (const g of Object.keys(m)) {
    if (!groups.includes(g)) continue;
    const val = read(m[g], childPath(path, g));
    if (val !== null) out.set(g, val);
  }
  return out;
}
