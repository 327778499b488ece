/**
 * Plain JSON forms (money as strings with two decimals, ratios with four) for --json output, and
 * the policy in the layout of its YAML file for `policy show`.
 */
import type { Decimal } from '../money.js';
import { lineOf } from './issues.js';
import { f2, f4 } from './rounding.js';
import type { Policy, Pool, SettleResult, StayTotals } from './types.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export function isDecimal(v: unknown): v is Decimal {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Decimal).toFixed === 'function' &&
    typeof (v as Decimal).isZero === 'function'
  );
}

/**
 * Decimals → strings (results: ratio fields with 4 decimals, money with 2; `exact`: as written),
 * Maps → objects, Sets → arrays.
 */
export function plain(v: unknown, exact = false, key = ''): Json {
  // Loops rather than entries/filter/map: a batch of bills serialises every result and its lines.
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return v as Json;
  if (t !== 'object') return String(v);
  if (isDecimal(v)) return exact ? v.toString() : RATIO_KEYS.has(key) ? f4(v) : f2(v);
  if (Array.isArray(v)) {
    const out: Json[] = new Array<Json>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = plain(v[i], exact, key);
    return out;
  }
  if (v instanceof Map) {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of v) out[String(k)] = plain(x, exact, key);
    return out;
  }
  if (v instanceof Set) return [...v].map((x) => plain(x, exact));
  const o = v as Record<string, unknown>;
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x !== undefined) out[k] = plain(x, exact, k);
  }
  return out;
}

export const RATIO_KEYS: ReadonlySet<string> = new Set(['pool_prop_selfpay', 'selfpay_prop', 'markup_rate']);

export function resultToJson(r: SettleResult): Json {
  const { explanation, ...rest } = r;
  // The lines are converted below; an empty stand-in keeps their key in place without converting them twice.
  return {
    ...(plain({ ...rest, lines: [] }) as Record<string, Json>),
    // rule_zh is for the terminal only: the JSON line keeps its English rule, as before.
    lines: r.lines.map(({ rule_zh: _zh, ...l }) => ({
      ...(plain(l) as Record<string, Json>),
      pric: l.pric.toString(),
      pric_uplmt_amt: l.pric_uplmt_amt === null ? null : l.pric_uplmt_amt.toString(),
      cnt: l.cnt.toString(),
    })),
    explanation: explanationJson(explanation),
  };
}

/** A result's explanation as JSON: each entry's clauses when it has them (a run with --explain). */
export function explanationJson(explanation: SettleResult['explanation']): Json {
  return explanation === null
    ? null
    : explanation.map((e) => ({
        field: e.field,
        amount: e.field === 'pool_prop_selfpay' ? f4(e.amount) : f2(e.amount),
        rule: e.rule,
        source: e.source,
        ...(e.clauses ? { clauses: e.clauses } : {}),
        inputs: e.inputs,
      }));
}

export function stayToJson(s: StayTotals): Json {
  return plain(s);
}

/** The policy as its YAML lays it out, defaults filled in. */
export function policyToJson(p: Policy): Json {
  return plain(
    {
      name: p.name,
      version: p.version,
      insutype: p.insutypes,
      effective: p.effective,
      levels: p.levels,
      person_groups: p.person_groups,
      rounding: p.rounding,
      price_rules: p.child_markup ? { child_markup: p.child_markup } : {},
      items: { b_class: p.b_class, hospital_borne: p.hospital_borne },
      inpatient: poolJson(p.pools.inpatient),
      outpatient: poolJson(p.pools.outpatient),
      ...(p.pools.home_ward ? { home_ward: poolJson(p.pools.home_ward) } : {}),
      ...(p.pools.maternity ? { maternity: poolJson(p.pools.maternity) } : {}),
      ...(p.pools.injury ? { injury: poolJson(p.pools.injury) } : {}),
      ...(p.chronic ? { chronic: chronicJson(p.chronic) } : {}),
      ...(p.patient_categories.length ? { patient_categories: p.patient_categories } : {}),
      ...(p.shared_caps.size ? { shared_caps: p.shared_caps } : {}),
      supplements: p.supplements.map(({ path: _path, ...s }) => s),
      account: p.account,
    },
    true,
  );
}

function chronicJson(c: NonNullable<Policy['chronic']>): unknown {
  const shared = [...c.diseases.values()][0]?.pool.shared_cap ?? null;
  return {
    ...(shared ? { shared_cap: shared } : {}),
    diseases: Object.fromEntries(
      [...c.diseases].map(([k, d]) => [
        k,
        {
          name: d.name,
          deductible: d.pool.deductible.by_level.values().next().value,
          ratio: d.pool.ratio.by_level,
          cap: d.pool.ceiling,
        },
      ]),
    ),
  };
}

/** A pool as its YAML section reads (the engine's own bookkeeping left out). */
function poolJson(x: Pool | null | undefined): unknown {
  if (!x) return null;
  const { path: _p, acc: _a, account_first, categories, shared_cap, fixed, ratio, ...rest } = x;
  const { plus_by_person_group_level: byLevel, ...r } = ratio;
  return {
    ...rest,
    ratio: { ...r, plus_by_person_group: new Map<string, unknown>([...r.plus_by_person_group, ...byLevel]) },
    ...(account_first ? { segments: ['account', 'own', 'copay'] } : {}),
    ...(categories.size
      ? {
          categories: new Map(
            [...categories].map(([k, c]) => [
              k,
              { deductible: c.deductible, ratio: c.ratio, ceiling: c.ceiling ?? undefined },
            ]),
          ),
        }
      : {}),
    ...(shared_cap ? { shared_cap } : {}),
    ...(fixed ? { fixed } : {}),
  };
}

export interface PolicyRow {
  field: string;
  value: string;
  source: string;
}

/** One row per setting: path, value, and the file line it was read from ('' = default). */
export function policyRows(p: Policy): PolicyRow[] {
  const rows: PolicyRow[] = [];
  const walk = (v: Json, path: string): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
      return;
    }
    if (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
      return;
    }
    // A per-level value may have been written as `{ by_level: {…} }` or as one number for all levels.
    const last = path.slice(path.lastIndexOf('.') + 1);
    const parent = path.slice(0, path.lastIndexOf('.'));
    const written = [path, ...(p.levels.includes(last) ? [`${parent}.by_level.${last}`, parent] : [])].find((x) =>
      p.source.lines.has(x),
    );
    rows.push({
      field: path,
      value: Array.isArray(v) ? v.join(', ') : v === null ? 'none' : String(v),
      source: written === undefined ? '' : `${p.source.file}:${lineOf(p.source.lines, written)}`,
    });
  };
  walk(policyToJson(p), '');
  return rows;
}
