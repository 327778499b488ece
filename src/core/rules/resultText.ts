/**
 * The JSON text of a result as a batch writes it, one line per bill: the same text as
 * JSON.stringify(resultToJson(r)) (toJson.ts), written value by value rather than through the
 * plain object tree, which cost as much as splitting the bill. Pieces are added with `+`: the
 * line is flattened once, when the writer turns its chunk into UTF-8.
 */
import type { Decimal } from '../money.js';
import { exactText, f2, f4 } from './rounding.js';
import { explanationJson, isDecimal, plain, RATIO_KEYS } from './toJson.js';
import type { LineSplit, SettleResult } from './types.js';

/**
 * The text of resultToJson(r) without its braces (`"policy":…,"explanation":null`): same keys,
 * order and values as JSON.stringify(resultToJson(r)).
 */
export function resultJsonBody(r: SettleResult): string {
  let out = '';
  // `state` holds the very stay and accumulators written above it: their text is written once.
  const texts = new Map<object, string>();
  for (const k of Object.keys(r)) {
    if (k === 'explanation') continue;
    const x = (r as unknown as Record<string, unknown>)[k];
    if (x === undefined) continue;
    let t: string;
    if (k === 'lines') t = linesText(r.lines);
    else if (isPlainObject(x)) texts.set(x, (t = objectText(x, texts)));
    else t = jsonText(x, k);
    out += (out === '' ? '' : ',') + keyText(k).text + t;
  }
  return `${out}${out ? ',' : ''}"explanation":${JSON.stringify(explanationJson(r.explanation))}`;
}

/**
 * jsonText of a plain object, member by member: a Decimal written at once, a plain-object member
 * already written (kept in `texts`, by identity) taken from there. A plain object's text does not
 * depend on the key it sits under (only a Decimal's, an array's or a Map's does), so the same
 * object always writes the same text.
 */
function objectText(o: Record<string, unknown>, texts: Map<object, string> | null): string {
  let out = '';
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined) continue;
    const key = keyText(k);
    let t: string | undefined;
    if (x === null) t = 'null';
    else if (typeof x !== 'object') t = jsonText(x, k);
    else if (isDecimal(x)) t = `"${key.ratio ? f4(x) : f2(x)}"`;
    else if (texts === null || (t = texts.get(x)) === undefined)
      t = isPlainObject(x) ? objectText(x, null) : jsonText(x, k);
    out += (out === '' ? '{' : ',') + key.text + t;
  }
  return out === '' ? '{}' : out + '}';
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
  let out = '[';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > 0) out += ',';
    out += isSplitLine(l) ? splitLineText(l) : anyLineText(l as unknown as Record<string, unknown>);
  }
  return out + ']';
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

/**
 * JSON.stringify of a text, kept for the texts a batch repeats line after line (item codes,
 * serial numbers, categories). Bounded: cleared when it grows large.
 */
const stringText = boundedMemo((s: string) => JSON.stringify(s));

/**
 * exactText of a quantity or price, and f4 of a ratio, kept by the Decimal itself: a bill's reader
 * hands the same Decimal to every line that wrote the same text (fieldReader.ts), and the policy's
 * ratios are its own, so line after line writes the same few.
 */
const exactOf = boundedMemo(exactText);
const ratioOf = boundedMemo(f4);

/** `make` kept by its argument; bounded: cleared when it grows large. */
function boundedMemo<K>(make: (k: K) => string): (k: K) => string {
  const memo = new Map<K, string>();
  return (k) => {
    let t = memo.get(k);
    if (t === undefined) {
      if (memo.size >= 4096) memo.clear();
      memo.set(k, (t = make(k)));
    }
    return t;
  };
}

function textOrNull(s: string | null): string {
  return s === null ? 'null' : stringText(s);
}

/**
 * anyLineText of a line with splitLine's keys, written field by field: a batch writes 20 or more
 * per bill, and the general walk asked every value what it was.
 */
function splitLineText(l: LineSplit): string {
  return (
    '{"feedetl_sn":' +
    stringText(l.feedetl_sn) +
    ',"medins_list_codg":' +
    textOrNull(l.medins_list_codg) +
    ',"med_list_codg":' +
    textOrNull(l.med_list_codg) +
    ',"chrgitm_lv":' +
    textOrNull(l.chrgitm_lv) +
    ',"cnt":"' +
    exactOf(l.cnt) +
    '","pric":"' +
    exactOf(l.pric) +
    (l.pric_uplmt_amt === null ? '","pric_uplmt_amt":null' : `","pric_uplmt_amt":"${exactOf(l.pric_uplmt_amt)}"`) +
    ',"selfpay_prop":"' +
    ratioOf(l.selfpay_prop) +
    '","det_item_fee_sumamt":"' +
    f2(l.det_item_fee_sumamt) +
    '","fulamt_ownpay_amt":"' +
    f2(l.fulamt_ownpay_amt) +
    '","overlmt_amt":"' +
    f2(l.overlmt_amt) +
    '","preselfpay_amt":"' +
    f2(l.preselfpay_amt) +
    '","inscp_scp_amt":"' +
    f2(l.inscp_scp_amt) +
    '","hosp_part_amt":"' +
    f2(l.hosp_part_amt) +
    (l.markup_rate === null ? '","markup_rate":null' : `","markup_rate":"${f4(l.markup_rate)}"`) +
    (l.rule === undefined ? '}' : `,"rule":${JSON.stringify(l.rule)}}`)
  );
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
    else t = jsonText(x, k);
    out += (out ? ',"' : '"') + k + '":' + t;
  }
  return `{${out}}`;
}

interface KeyText {
  /** `"key":` */
  text: string;
  /** A Decimal under this key is a ratio, written with 4 decimals. */
  ratio: boolean;
}

/** The keys a result repeats on every bill, their text made once. */
const KEY_TEXT = new Map<string, KeyText>();
function keyText(k: string): KeyText {
  let t = KEY_TEXT.get(k);
  if (t === undefined) {
    t = { text: JSON.stringify(k) + ':', ratio: RATIO_KEYS.has(k) };
    // Accumulator and base names come from policies: a handful. Other keys are not kept.
    if (KEY_TEXT.size < 1024) KEY_TEXT.set(k, t);
  }
  return t;
}

/** JSON.stringify(plain(v, false, key)), without building plain's tree. */
function jsonText(v: unknown, key: string): string {
  if (v === null || v === undefined) return 'null';
  const t = typeof v;
  if (t === 'string') return JSON.stringify(v);
  if (t === 'number') return JSON.stringify(v);
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t !== 'object') return JSON.stringify(String(v));
  // Decimal text is digits, sign, point (or Infinity/NaN): nothing to escape.
  if (isDecimal(v)) return `"${RATIO_KEYS.has(key) ? f4(v) : f2(v)}"`;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + jsonText(v[i], key);
    return out + ']';
  }
  if (v instanceof Map || v instanceof Set) return JSON.stringify(plain(v, false, key));
  return objectText(v as Record<string, unknown>, null);
}
