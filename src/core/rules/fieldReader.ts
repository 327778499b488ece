/**
 * Typed field reading over a source tree. Each reader records an issue (with file, line, field
 * and fix) and returns null instead of throwing, so one validation pass reports every problem.
 */
import { cmpD, D, type Decimal } from '../money.js';
import { childPath, didYouMean, type Issues } from './issues.js';
import { isTreeMap, type TreeMap, type TreeValue } from './yamlTree.js';

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days already found valid: a batch of bills repeats the same few dates on every fee line, and
 * checking one builds a Date. Bounded: cleared when it grows large.
 */
const REAL_DATES = new Set<string>();

/**
 * Decimals already read, by their text: a batch of bills repeats the same quantities and prices
 * (one drug, one price) on line after line. A Decimal is never changed once made, so one instance
 * serves every line that wrote the same text. Bounded: cleared when it grows large.
 */
const DECIMALS = new Map<string, Decimal>();

function decimalOf(text: string): Decimal {
  let d = DECIMALS.get(text);
  if (d === undefined) {
    if (DECIMALS.size >= 4096) DECIMALS.clear();
    DECIMALS.set(text, (d = new D(text)));
  }
  return d;
}

/** Bounds given as numbers (the usual 0, 1, 150) as Decimals, made once rather than per comparison. */
const BOUNDS = new Map<number, Decimal>();
function bound(v: Decimal.Value): Decimal.Value {
  if (typeof v !== 'number') return v;
  let d = BOUNDS.get(v);
  if (d === undefined) BOUNDS.set(v, (d = new D(v)));
  return d;
}

/** a < b, without decimal.js's copy of b when both are Decimals (a bill's amounts are read against their bounds). */
function below(a: Decimal.Value, b: Decimal.Value): boolean {
  if (a instanceof D && b instanceof D) return cmpD(a, b) < 0;
  return new D(a).lt(b);
}

interface DecimalOpts {
  min?: Decimal.Value;
  max?: Decimal.Value;
  /** Largest number of decimals allowed (amounts: 2). */
  scale?: number;
  what: string;
  fix?: string;
}

export class FieldReader {
  constructor(readonly issues: Issues) {}

  map(
    v: TreeValue | undefined,
    path: string,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): TreeMap | null {
    if (!isTreeMap(v)) {
      this.issues.add(
        path,
        `expected a mapping of ${allowed.join(', ')}`,
        `write ${path || 'the document'} as key: value lines`,
        { message: `应是映射，可用的键：${allowed.join('、')}`, fix: `请把 ${path || '整个文件'} 写成“键: 值”的各行` },
      );
      return null;
    }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) {
        const near = didYouMean(k, allowed);
        this.issues.add(
          childPath(path, k),
          `unknown key '${k}'`,
          `${near ? `did you mean '${near}'? ` : ''}keys allowed here: ${allowed.join(', ')}`,
          { message: `未知的键 '${k}'`, fix: `${near ? `是不是 '${near}'？` : ''}此处可用的键：${allowed.join('、')}` },
        );
      }
    }
    for (const k of required) {
      if (v[k] === undefined || v[k] === null)
        this.issues.add(childPath(path, k), `missing field '${k}'`, `add ${k}: under ${path || 'the top level'}`, {
          message: `缺少字段 '${k}'`,
          fix: `请在 ${path || '顶层'} 下添加 ${k}:`,
        });
    }
    return v;
  }

  list(v: TreeValue | undefined, path: string, nonEmpty = true): TreeValue[] | null {
    if (!Array.isArray(v)) {
      this.issues.add(path, 'expected a list', `write ${path} as a list ([a, b] or lines starting with '- ')`, {
        message: '应是列表',
        fix: `请把 ${path} 写成列表（[a, b]，或以 '- ' 开头的各行）`,
      });
      return null;
    }
    if (nonEmpty && v.length === 0) {
      this.issues.add(path, 'the list is empty', `give at least one entry in ${path}`, {
        message: '列表为空',
        fix: `请在 ${path} 中至少写一项`,
      });
      return null;
    }
    return v;
  }

  text(v: TreeValue | undefined, path: string): string | null {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    this.issues.add(path, v === undefined || v === null ? 'missing value' : 'expected text', `give ${path} a value`, {
      message: v === undefined || v === null ? '缺少值' : '应是文本',
      fix: `请给 ${path} 一个值`,
    });
    return null;
  }

  /** Text or a list of texts → list. */
  texts(v: TreeValue | undefined, path: string): string[] | null {
    if (typeof v === 'string') return [v.trim()];
    const l = this.list(v, path);
    if (!l) return null;
    const out: string[] = [];
    l.forEach((x, i) => {
      const t = this.text(x, childPath(path, i));
      if (t !== null) out.push(t);
    });
    return out;
  }

  decimal(v: TreeValue | undefined, path: string, o: DecimalOpts): Decimal | null {
    const text = typeof v === 'string' ? v.trim() : '';
    if (typeof v !== 'string' || !NUMBER_RE.test(text)) {
      const pct = typeof v === 'string' && /%$/.test(v.trim());
      this.issues.add(
        path,
        `${v === undefined || v === null ? 'missing' : `'${String(v)}' is not`} a number (${o.what})`,
        pct
          ? 'write percentages as fractions of 1: 0.85 for 85%'
          : (o.fix ?? `write a plain number such as 0.85 or 900`),
        {
          message: v === undefined || v === null ? '缺少数值' : `'${String(v)}' 不是数字`,
          fix: pct ? '百分比请写成小数：85% 写作 0.85' : '请写普通数字，如 0.85 或 900（比例写成 0 到 1 之间的小数）',
        },
      );
      return null;
    }
    const d = decimalOf(text);
    if (o.min !== undefined && below(d, bound(o.min))) {
      this.issues.add(
        path,
        `${v} is below ${String(o.min)} (${o.what})`,
        o.fix ?? `use a value of at least ${String(o.min)}`,
        { message: `${v} 小于 ${String(o.min)}`, fix: `请使用不小于 ${String(o.min)} 的值` },
      );
      return null;
    }
    if (o.max !== undefined && below(bound(o.max), d)) {
      this.issues.add(
        path,
        `${v} is above ${String(o.max)} (${o.what})`,
        o.fix ?? `use a value of at most ${String(o.max)}`,
        {
          message: `${v} 大于 ${String(o.max)}`,
          fix: `请使用不大于 ${String(o.max)} 的值（比例写成 0 到 1 之间的小数，0.85 即 85%）`,
        },
      );
      return null;
    }
    if (o.scale !== undefined && d.decimalPlaces() > o.scale) {
      this.issues.add(path, `${v} has more than ${o.scale} decimals (${o.what})`, `round it to ${o.scale} decimals`, {
        message: `${v} 的小数位多于 ${o.scale} 位`,
        fix: `请舍入到 ${o.scale} 位小数`,
      });
      return null;
    }
    return d;
  }

  ratio(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, {
      min: 0,
      max: 1,
      scale: 4,
      what: 'a ratio between 0 and 1',
      fix: 'write ratios as fractions of 1 between 0 and 1 (0.85 for 85%)',
    });
  }

  /** Percentage points added to a ratio: -1 … 1 (0.05 = +5 points). */
  plus(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, {
      min: -1,
      max: 1,
      scale: 4,
      what: 'points added to a ratio',
      fix: 'write points as fractions of 1 between -1 and 1 (0.05 for +5 points)',
    });
  }

  amount(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, { min: 0, scale: 2, what: 'an amount in yuan' });
  }

  factor(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, { min: 0, max: 10, scale: 4, what: 'a factor (1 = unchanged)' });
  }

  int(v: TreeValue | undefined, path: string, min: number, what: string): number | null {
    if (typeof v !== 'string' || !/^\d+$/.test(v.trim()) || Number(v) < min) {
      this.issues.add(
        path,
        `'${String(v)}' is not a whole number ≥ ${min} (${what})`,
        `write a whole number of at least ${min}`,
        { message: `'${String(v)}' 不是不小于 ${min} 的整数`, fix: `请写不小于 ${min} 的整数` },
      );
      return null;
    }
    return Number(v);
  }

  bool(v: TreeValue | undefined, path: string): boolean | null {
    if (typeof v === 'boolean') return v;
    if (v === '1' || v === '0') return v === '1';
    this.issues.add(path, `'${String(v)}' is not true or false`, 'write true or false', {
      message: `'${String(v)}' 不是 true 或 false`,
      fix: '请写 true 或 false',
    });
    return null;
  }

  date(v: TreeValue | undefined, path: string): string | null {
    const s = typeof v === 'string' ? v.trim().slice(0, 10) : '';
    if (REAL_DATES.has(s)) return s;
    const m = DATE_RE.exec(s);
    if (m && isRealDate(+m[1]!, +m[2]!, +m[3]!)) {
      if (REAL_DATES.size >= 4096) REAL_DATES.clear();
      REAL_DATES.add(s);
      return s;
    }
    this.issues.add(path, `'${String(v)}' is not a date`, 'write dates as YYYY-MM-DD, e.g. 2024-01-01', {
      message: `'${String(v)}' 不是日期`,
      fix: '日期请写成 YYYY-MM-DD，如 2024-01-01',
    });
    return null;
  }

  oneOf<T extends string>(v: TreeValue | undefined, path: string, options: readonly T[]): T | null {
    if (typeof v === 'string' && (options as readonly string[]).includes(v.trim())) return v.trim() as T;
    const near = typeof v === 'string' ? didYouMean(v, options) : null;
    this.issues.add(
      path,
      `'${String(v)}' is not one of ${options.join(', ')}`,
      near ? `did you mean '${near}'?` : `use one of ${options.join(', ')}`,
      {
        message: `'${String(v)}' 不是 ${options.join('、')} 之一`,
        fix: near ? `是不是 '${near}'？` : `请使用 ${options.join('、')} 之一`,
      },
    );
    return null;
  }
}

/**
 * The Decimal `FieldReader.decimal` gives for text it accepts without an issue, under a lower
 * bound of `min` and an upper one of `max` (null: none); null for anything it would report,
 * which the caller then reads through the reader for the issue.
 */
export function quickDecimal(
  v: TreeValue | undefined,
  scale: number,
  min: number | null,
  max: number | null,
): Decimal | null {
  if (typeof v !== 'string') return null;
  const text = v.trim();
  let d = DECIMALS.get(text);
  if (d === undefined) {
    if (!NUMBER_RE.test(text)) return null;
    d = decimalOf(text);
  }
  if (min !== null && cmpD(d, bound(min) as Decimal) < 0) return null;
  if (max !== null && cmpD(d, bound(max) as Decimal) > 0) return null;
  return d.decimalPlaces() > scale ? null : d;
}

/** The day `FieldReader.date` gives for a date it has already found valid; null otherwise. */
export function quickDate(v: TreeValue | undefined): string | null {
  const s = typeof v === 'string' ? v.trim().slice(0, 10) : '';
  return REAL_DATES.has(s) ? s : null;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
