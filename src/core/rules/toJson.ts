/**
 * Plain JSON forms (money as strings with two decimals, ratios with four) for --json output, and
 * the policy in the layout of its YAML file for `policy show`.
 */
import type { Decimal } from '../money.js';
import { lineOf } from './issues.js';
import { exactText, f2, f4 } from './rounding.js';
import type { LineSplit, Policy, Pool, SettleResult, StayTotals } from './types.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function isDecimal(v: unknown): v is Decimal {
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

const RATIO_KEYS = new Set(['pool_prop_selfpay', 'selfpay_prop', 'markup_rate']);

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
    explanation:
      explanation === null
        ? null
        : explanation.map((e) => ({
            field: e.field,
            amount: e.field === 'pool_prop_selfpay' ? f4(e.amount) : f2(e.amount),
            rule: e.rule,
            source: e.source,
            ...(e.clauses ? { clauses: e.clauses } : {}),
            inputs: e.inputs,
          })),
  };
}

/**
 * The JSON text of resultToJson(r) without its braces (`"policy":…,"explanation":null`), written
 * directly rather than through the plain object and JSON.stringify: a batch writes one per bill,
 * and building the object tree first cost as much as splitting the bill. Same keys, order and
 * values as JSON.stringify(resultToJson(r)).
 */
export function resultJsonBody(r: SettleResult): string {
  let out = '';
  // `state` holds the very stay and accumulators written above it: their text is written once.
  const texts = new Map<object, string>();
  for (const k of Object.keys(r)) {
    if (k === 'explanation') continue;
    const x = (r as unknown as Record<string, unknown>)[k];
    if (x === undefined) continue;
    if (out) out += ',';
    out += JSON.stringify(k) + ':' + (k === 'lines' ? linesText(r.lines) : sharedText(x, k, texts));
  }
  // As resultToJson: the clauses of an entry when it has them (a batch run with --explain).
  const explanation =
    r.explanation === null
      ? null
      : r.explanation.map((e) => ({
          field: e.field,
          amount: e.field === 'pool_prop_selfpay' ? f4(e.amount) : f2(e.amount),
          rule: e.rule,
          source: e.source,
          ...(e.clauses ? { clauses: e.clauses } : {}),
          inputs: e.inputs,
        }));
  return `${out}${out ? ',' : ''}"explanation":${JSON.stringify(explanation)}`;
}

/**
 * jsonText of a value whose plain-object members may be ones already written (kept in `texts`,
 * by identity). A plain object's text does not depend on the key it sits under (only a
 * Decimal's, an array's or a Map's does), so the same object always writes the same text.
 */
function sharedText(v: unknown, key: string, texts: Map<object, string>): string {
  if (!isPlainObject(v)) return jsonText(v, false, key);
  const parts = ['{'];
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (x === undefined) continue;
    if (parts.length > 1) parts.push(',');
    parts.push(keyText(k), (isPlainObject(x) && texts.get(x)) || jsonText(x, false, k));
  }
  parts.push('}');
  const t = parts.join('');
  texts.set(v, t);
  return t;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Map) &&
    !(v instanceof Set) &&
    !isDecimal(v)
  );
}

function linesText(lines: SettleResult['lines']): string {
  const parts = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    parts[i] = isSplitLine(l) ? splitLineText(l) : anyLineText(l as unknown as Record<string, unknown>);
  }
  return `[${parts.join(',')}]`;
}

/** The keys of a line as splitLine makes them, in its order (`rule` and `rule_zh` follow with --explain). */
const SPLIT_KEYS = [
  'feedetl_sn',
  'medins_list_codg',
  'med_list_codg',
  'chrgitm_lv',
  'cnt',
  'pric',
  'pric_uplmt_amt',
  'selfpay_prop',
  'det_item_fee_sumamt',
  'fulamt_ownpay_amt',
  'overlmt_amt',
  'preselfpay_amt',
  'inscp_scp_amt',
  'hosp_part_amt',
  'markup_rate',
];

/** A line splitLineText writes as anyLineText would: splitLine's keys in its order, texts where it puts texts. */
function isSplitLine(l: LineSplit): boolean {
  const keys = Object.keys(l);
  const n = SPLIT_KEYS.length;
  if (!(typeof l.feedetl_sn === 'string' && textOrNullValue(l.medins_list_codg))) return false;
  if (!(textOrNullValue(l.med_list_codg) && textOrNullValue(l.chrgitm_lv) && l.markup_rate !== undefined)) return false;
  if (keys.length !== n && !(keys.length === n + 2 && keys[n] === 'rule' && keys[n + 1] === 'rule_zh')) return false;
  for (let i = 0; i < n; i++) if (keys[i] !== SPLIT_KEYS[i]) return false;
  return true;
}

function textOrNullValue(v: unknown): boolean {
  return v === null || typeof v === 'string';
}

function textOrNull(s: string | null): string {
  return s === null ? 'null' : JSON.stringify(s);
}

/**
 * anyLineText of a line with splitLine's keys, written field by field: a batch writes 20 or more
 * per bill, and the general walk asked every value what it was.
 */
function splitLineText(l: LineSplit): string {
  // Joined from an array: one flat string, where `+` would leave a rope of thirty pieces that
  // writing it out would have to walk.
  return [
    '{"feedetl_sn":',
    JSON.stringify(l.feedetl_sn),
    ',"medins_list_codg":',
    textOrNull(l.medins_list_codg),
    ',"med_list_codg":',
    textOrNull(l.med_list_codg),
    ',"chrgitm_lv":',
    textOrNull(l.chrgitm_lv),
    ',"cnt":"',
    exactText(l.cnt),
    '","pric":"',
    exactText(l.pric),
    l.pric_uplmt_amt === null ? '","pric_uplmt_amt":null' : `","pric_uplmt_amt":"${exactText(l.pric_uplmt_amt)}"`,
    ',"selfpay_prop":"',
    f4(l.selfpay_prop),
    '","det_item_fee_sumamt":"',
    f2(l.det_item_fee_sumamt),
    '","fulamt_ownpay_amt":"',
    f2(l.fulamt_ownpay_amt),
    '","overlmt_amt":"',
    f2(l.overlmt_amt),
    '","preselfpay_amt":"',
    f2(l.preselfpay_amt),
    '","inscp_scp_amt":"',
    f2(l.inscp_scp_amt),
    '","hosp_part_amt":"',
    f2(l.hosp_part_amt),
    l.markup_rate === null ? '","markup_rate":null' : `","markup_rate":"${f4(l.markup_rate)}"`,
    l.rule === undefined ? '}' : `,"rule":${JSON.stringify(l.rule)}}`,
  ].join('');
}

/** Any line, key by key: as resultToJson writes it. */
function anyLineText(l: Record<string, unknown>): string {
  let out = '';
  for (const k of Object.keys(l)) {
    if (k === 'rule_zh') continue;
    const x = l[k];
    let t: string;
    // As resultToJson: the line's own quantity and prices as written, not rounded.
    if (k === 'pric' || k === 'cnt') t = `"${exactText(x as Decimal)}"`;
    else if (k === 'pric_uplmt_amt') t = x === null ? 'null' : `"${exactText(x as Decimal)}"`;
    else if (x === undefined) continue;
    else t = jsonText(x, false, k);
    out += (out ? ',"' : '"') + k + '":' + t;
  }
  return `{${out}}`;
}

/** `"key":` of the keys a result repeats on every bill, made once. */
const KEY_TEXT = new Map<string, string>();
function keyText(k: string): string {
  let t = KEY_TEXT.get(k);
  if (t === undefined) {
    t = JSON.stringify(k) + ':';
    // Accumulator and base names come from policies: a handful. Other keys are not kept.
    if (KEY_TEXT.size < 1024) KEY_TEXT.set(k, t);
  }
  return t;
}

/** JSON.stringify(plain(v, exact, key)), without building plain's tree. */
function jsonText(v: unknown, exact: boolean, key: string): string {
  if (v === null || v === undefined) return 'null';
  const t = typeof v;
  if (t === 'string') return JSON.stringify(v);
  if (t === 'number') return JSON.stringify(v);
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t !== 'object') return JSON.stringify(String(v));
  // Decimal text is digits, sign, point (or Infinity/NaN): nothing to escape.
  if (isDecimal(v)) return `"${exact ? v.toString() : RATIO_KEYS.has(key) ? f4(v) : f2(v)}"`;
  if (Array.isArray(v)) {
    const parts = new Array<string>(v.length);
    for (let i = 0; i < v.length; i++) parts[i] = jsonText(v[i], exact, key);
    return `[${parts.join(',')}]`;
  }
  if (v instanceof Map || v instanceof Set) return JSON.stringify(plain(v, exact, key));
  const o = v as Record<string, unknown>;
  // Parts joined once (a flat string), as splitLineText.
  const parts = ['{'];
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined) continue;
    if (parts.length > 1) parts.push(',');
    parts.push(keyText(k), jsonText(x, exact, k));
  }
  parts.push('}');
  return parts.join('');
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
