/**
 * Typed field reading over a source tree. Each reader records an issue (with file, line, field
 * and fix) and returns null instead of throwing, so one validation pass reports every problem.
 */
import { D, type Decimal } from '../money.js';
import { childPath, didYouMean, type Issues } from './issues.js';
import { isTreeMap, type TreeMap, type TreeValue } from './yamlTree.js';

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DecimalOpts {
  min?: Decimal.Value;
  max?: Decimal.Value;
  /** Largest number of decimals allowed (amounts: 2). */
  scale?: number;
  what: string;
  fix?: string;
}

export class FieldReader {
  constructor(readonly issues: Issues) {}

  map(v: TreeValue | undefined, path: string, allowed: readonly string[], required: readonly string[] = []): TreeMap | null {
    if (!isTreeMap(v)) {
      this.issues.add(path, `expected a mapping of ${allowed.join(', ')}`, `write ${path || 'the document'} as key: value lines`);
      return null;
    }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) {
        const near = didYouMean(k, allowed);
        this.issues.add(childPath(path, k), `unknown key '${k}'`, `${near ? `did you mean '${near}'? ` : ''}keys allowed here: ${allowed.join(', ')}`);
      }
    }
    for (const k of required) {
      if (v[k] === undefined || v[k] === null) this.issues.add(childPath(path, k), `missing field '${k}'`, `add ${k}: under ${path || 'the top level'}`);
    }
    return v;
  }

  list(v: TreeValue | undefined, path: string, nonEmpty = true): TreeValue[] | null {
    if (!Array.isArray(v)) {
      this.issues.add(path, 'expected a list', `write ${path} as a list ([a, b] or lines starting with '- ')`);
      return null;
    }
    if (nonEmpty && v.length === 0) {
      this.issues.add(path, 'the list is empty', `give at least one entry in ${path}`);
      return null;
    }
    return v;
  }

  text(v: TreeValue | undefined, path: string): string | null {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    this.issues.add(path, v === undefined || v === null ? 'missing value' : 'expected text', `give ${path} a value`);
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
    if (typeof v !== 'string' || !NUMBER_RE.test(v.trim())) {
      const pct = typeof v === 'string' && /%$/.test(v.trim());
      this.issues.add(path, `${v === undefined || v === null ? 'missing' : `'${String(v)}' is not`} a number (${o.what})`,
        pct ? 'write percentages as fractions of 1: 0.85 for 85%' : (o.fix ?? `write a plain number such as 0.85 or 900`));
      return null;
    }
    const d = new D(v.trim());
    if (o.min !== undefined && d.lt(o.min)) {
      this.issues.add(path, `${v} is below ${String(o.min)} (${o.what})`, o.fix ?? `use a value of at least ${String(o.min)}`);
      return null;
    }
    if (o.max !== undefined && d.gt(o.max)) {
      this.issues.add(path, `${v} is above ${String(o.max)} (${o.what})`, o.fix ?? `use a value of at most ${String(o.max)}`);
      return null;
    }
    if (o.scale !== undefined && d.decimalPlaces() > o.scale) {
      this.issues.add(path, `${v} has more than ${o.scale} decimals (${o.what})`, `round it to ${o.scale} decimals`);
      return null;
    }
    return d;
  }

  ratio(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, { min: 0, max: 1, scale: 4, what: 'a ratio between 0 and 1', fix: 'write ratios as fractions of 1 between 0 and 1 (0.85 for 85%)' });
  }

  /** Percentage points added to a ratio: -1 … 1 (0.05 = +5 points). */
  plus(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, { min: -1, max: 1, scale: 4, what: 'points added to a ratio', fix: 'write points as fractions of 1 between -1 and 1 (0.05 for +5 points)' });
  }

  amount(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, { min: 0, scale: 2, what: 'an amount in yuan' });
  }

  factor(v: TreeValue | undefined, path: string): Decimal | null {
    return this.decimal(v, path, { min: 0, max: 10, scale: 4, what: 'a factor (1 = unchanged)' });
  }

  int(v: TreeValue | undefined, path: string, min: number, what: string): number | null {
    if (typeof v !== 'string' || !/^\d+$/.test(v.trim()) || Number(v) < min) {
      this.issues.add(path, `'${String(v)}' is not a whole number ≥ ${min} (${what})`, `write a whole number of at least ${min}`);
      return null;
    }
    return Number(v);
  }

  bool(v: TreeValue | undefined, path: string): boolean | null {
    if (typeof v === 'boolean') return v;
    if (v === '1' || v === '0') return v === '1';
    this.issues.add(path, `'${String(v)}' is not true or false`, 'write true or false');
    return null;
  }

  date(v: TreeValue | undefined, path: string): string | null {
    const s = typeof v === 'string' ? v.trim().slice(0, 10) : '';
    const m = DATE_RE.exec(s);
    if (m && isRealDate(+m[1]!, +m[2]!, +m[3]!)) return s;
    this.issues.add(path, `'${String(v)}' is not a date`, 'write dates as YYYY-MM-DD, e.g. 2024-01-01');
    return null;
  }

  oneOf<T extends string>(v: TreeValue | undefined, path: string, options: readonly T[]): T | null {
    if (typeof v === 'string' && (options as readonly string[]).includes(v.trim())) return v.trim() as T;
    const near = typeof v === 'string' ? didYouMean(v, options) : null;
    this.issues.add(path, `'${String(v)}' is not one of ${options.join(', ')}`, near ? `did you mean '${near}'?` : `use one of ${options.join(', ')}`);
    return null;
  }
}

export function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
