/**
 * A checked record → the item its transaction carries (3505 selinfo, 3506 selinfo, 3502 invinfo,
 * 3501 invinfo) with one drugtracinfo entry per code, in wire form. Required fields the HIS leaves
 * empty are filled from the configured defaults; whatever is still missing or malformed is
 * reported (and the record held back) instead of letting one record spoil a whole batch. Pure.
 *
 * The item holds nothing that changes between runs (no run id, no send time): a record sent again
 * is the same record, which is what lets the center recognise it (see docs/trace.md).
 */
import crypto from 'node:crypto';
import {
  canonicalJson,
  describeProblems,
  transactionSpec,
  validateInput,
  wireValue,
  type FieldSpec,
  type Problem,
} from '../center/index.js';
import { KIND_INFNO, type TraceKind, type TraceRecord } from './types.js';

/** The node of each single-record transaction, and of its batch variant. */
export const NODE: Readonly<Record<'3501' | '3502' | '3505' | '3506', { single: string; batch: string | null }>> = {
  '3501': { single: 'invinfo', batch: 'invinfoDetail' },
  '3502': { single: 'invinfo', batch: 'invinfoDetail' },
  '3505': { single: 'selinfo', batch: 'selinfoDetail' },
  // 3506A is not in the interface reference (nhsa-interface.md §5) but the hospitals' operation
  // plans name it; hisops sends it, when trace.returnBatch is on, with 3505A's node shape.
  '3506': { single: 'selinfo', batch: 'selinfoDetail' },
};

const SALE_FIELDS = [
  'med_list_codg',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'fixmedins_bchno',
  'prsc_dr_cert_type',
  'prsc_dr_certno',
  'prsc_dr_name',
  'phar_cert_type',
  'phar_certno',
  'phar_name',
  'phar_prac_cert_no',
  'hi_feesetl_type',
  'setl_id',
  'mdtrt_sn',
  'psn_no',
  'psn_cert_type',
  'certno',
  'psn_name',
  'manu_lotnum',
  'manu_date',
  'expy_end',
  'rx_flag',
  'trdn_flag',
  'finl_trns_pric',
  'rxno',
  'rx_circ_flag',
  'rtal_docno',
  'stoout_no',
  'bchno',
  'drug_prod_barc',
  'shelf_posi',
  'sel_retn_cnt',
  'sel_retn_time',
  'sel_retn_opter_name',
  'memo',
  'mdtrt_setl_type',
];

const RETURN_FIELDS = [
  'med_list_codg',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'fixmedins_bchno',
  'setl_id',
  'psn_no',
  'psn_cert_type',
  'certno',
  'psn_name',
  'manu_lotnum',
  'manu_date',
  'expy_end',
  'rx_flag',
  'trdn_flag',
  'finl_trns_pric',
  'sel_retn_cnt',
  'sel_retn_time',
  'sel_retn_opter_name',
  'memo',
  'medins_prod_sel_no',
  'mdtrt_sn',
];

const STOCK_CHANGE_FIELDS = [
  'med_list_codg',
  'inv_chg_type',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'fixmedins_bchno',
  'pric',
  'cnt',
  'rx_flag',
  'inv_chg_time',
  'inv_chg_opter_name',
  'memo',
  'trdn_flag',
];

const STOCK_COUNT_FIELDS = [
  'med_list_codg',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'rx_flag',
  'invdate',
  'inv_cnt',
  'manu_lotnum',
  'fixmedins_bchno',
  'manu_date',
  'expy_end',
  'memo',
];

/** The fields of each kind's item, in the order they are written. */
export const ITEM_FIELDS: Readonly<Record<TraceKind, readonly string[]>> = {
  sale: SALE_FIELDS,
  return: RETURN_FIELDS,
  'stock-in': STOCK_CHANGE_FIELDS,
  'stock-change': STOCK_CHANGE_FIELDS,
  'stock-count': STOCK_COUNT_FIELDS,
};

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Values hisops derives when the HIS does not give them. */
function derived(rec: TraceRecord, field: string, defaults: Readonly<Record<string, string>>): unknown {
  const f = rec.fields;
  switch (field) {
    case 'rtal_docno':
      return rec.id;
    case 'medins_prod_sel_no':
      // The return's own document number: each return is one record at the center, also when a
      // sale is returned in parts.
      return rec.id;
    case 'sel_retn_opter_name':
      return f.phar_name;
    case 'hi_feesetl_type':
      return defaults.hi_feesetl_type ?? f.mdtrt_setl_type;
    case 'invdate':
      return rec.day;
    case 'inv_cnt':
      return rec.cnt;
    default:
      return defaults[field];
  }
}

export interface BuiltItem {
  infno: '3501' | '3502' | '3505' | '3506';
  /** Wire-form item (amounts as numbers, no nulls), drugtracinfo included. */
  item: Record<string, unknown>;
  digest: string;
  /** What the center would refuse (required fields still empty, bad formats), drugtracinfo excluded. */
  problems: Problem[];
}

/**
 * Per transaction, made once: each field with its spec (the value goes on the wire through
 * wireValue, as toWireInput would take it), and every key the item can have in sorted order (its
 * canonical JSON is written in that order without sorting each item's keys).
 */
interface ItemShape {
  node: string;
  fields: ReadonlyArray<readonly [string, FieldSpec | undefined]>;
  sorted: ReadonlyArray<readonly [string, string]>;
}
const shapes = new Map<TraceKind, ItemShape>();
function shapeOf(kind: TraceKind): ItemShape {
  let s = shapes.get(kind);
  if (!s) {
    const infno = KIND_INFNO[kind];
    const node = NODE[infno].single;
    const spec = transactionSpec(infno)?.input.find((n) => n.node === node);
    const names = [...ITEM_FIELDS[kind], 'drugtracinfo'].sort();
    s = {
      node,
      fields: ITEM_FIELDS[kind].map((f) => [f, spec?.fields.find((x) => x.name === f)] as const),
      sorted: names.map((k) => [k, JSON.stringify(k)] as const),
    };
    shapes.set(kind, s);
  }
  return s;
}

export function buildItem(
  rec: TraceRecord,
  med_list_codg: string | null,
  codes: readonly string[],
  defaults: Readonly<Record<string, string>>,
): BuiltItem {
  const infno = KIND_INFNO[rec.kind];
  const shape = shapeOf(rec.kind);
  // The wire item straight away (what toWireInput makes of the trimmed values): no null, amounts as numbers.
  const item: Record<string, unknown> = {};
  for (const [field, spec] of shape.fields) {
    let v = field === 'med_list_codg' ? med_list_codg : rec.fields[field];
    if (blank(v)) v = derived(rec, field, defaults);
    if (!blank(v)) item[field] = wireValue(spec, typeof v === 'string' ? v.trim() : v);
  }
  if (codes.length) item.drugtracinfo = codes.map((c) => ({ drug_trac_codg: c }));
  // The item's own fields: its codes are checked one by one by the checker (a bad one is a finding).
  const problems = validateInput(infno, { [shape.node]: item }, { fieldsOnly: true }).filter(
    (p) => !p.path.endsWith('.med_list_codg'),
  );
  const text = shapeText(shape, item, codes);
  texts.set(item, text);
  // requestDigest(infno, item), over the item's kept text.
  return { infno, item, digest: sha256(`${infno}\n`, text), problems };
}

/** canonicalJson(item) of an item buildItem made: its keys in the shape's sorted order. */
function shapeText(shape: ItemShape, item: Record<string, unknown>, codes: readonly string[]): string {
  let out = '{';
  for (const [k, quoted] of shape.sorted) {
    const v = item[k];
    if (v === undefined) continue;
    let t: string;
    if (k === 'drugtracinfo') {
      t = '[';
      for (let i = 0; i < codes.length; i++) t += `${i ? ',' : ''}{"drug_trac_codg":${JSON.stringify(codes[i])}}`;
      t += ']';
    } else t = typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v);
    out += `${out.length > 1 ? ',' : ''}${quoted}:${t}`;
  }
  return out + '}';
}

/**
 * The canonical JSON of a built item, kept with the item: its own digest and the digest of every
 * request it travels in are taken over that text (a batch's is its items' texts joined), so no
 * item is walked twice.
 */
const texts = new WeakMap<object, string>();
function itemText(item: Record<string, unknown>): string {
  let t = texts.get(item);
  if (t === undefined) {
    t = canonicalJson(item);
    texts.set(item, t);
  }
  return t;
}

/** requestDigest(infno, input) of a request whose input is `{ [node]: item }` or `{ [node]: items }`, from the items' texts. */
export function digestOf(
  infno: string,
  node: string,
  items: Record<string, unknown> | readonly Record<string, unknown>[],
): string {
  // Fed to the hash piece by piece: a batch's text is never put together in one string. The
  // request's digest is the last use of its items' texts: they are let go (a request made again
  // of one of them, after a split, writes its text anew), so a queued request holds no text.
  const list = Array.isArray(items) ? items : [items as Record<string, unknown>];
  const h = crypto.createHash('sha256').update(`${infno}\n{${JSON.stringify(node)}:`, 'utf8');
  if (Array.isArray(items)) h.update('[');
  list.forEach((item, i) => {
    (i ? h.update(',') : h).update(itemText(item), 'utf8');
    texts.delete(item);
  });
  if (Array.isArray(items)) h.update(']');
  return h.update('}').digest('hex');
}

const sha256 = (head: string, text: string) =>
  crypto.createHash('sha256').update(head, 'utf8').update(text, 'utf8').digest('hex');

export function describeItemProblems(problems: readonly Problem[]): string {
  return describeProblems(
    problems.map((p) => ({ ...p, path: p.path.replace(/^input\.[a-zA-Z]+\./, '') })),
    5,
  );
}
