/**
 * buildItem writes the wire item, its problems and its canonical text in one pass over a field
 * list made once per transaction. The reference here takes the general road (raw item →
 * toWireInput → validateInput → canonicalJson); both must agree on generated records of every
 * kind, blanks, spaces, odd amounts and bad values included.
 */
import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toWireInput, validateInput } from '../../../src/core/center/index.js';
import { buildItem, NODE, type TraceKind, type TraceRecord } from '../../../src/core/trace/index.js';
import { ITEM_FIELDS } from '../../../src/core/trace/buildItem.js';
import { KIND_INFNO } from '../../../src/core/trace/types.js';

const FIELD_NAMES = [
  'med_list_codg',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'fixmedins_bchno',
  'prsc_dr_name',
  'phar_name',
  'phar_prac_cert_no',
  'hi_feesetl_type',
  'setl_id',
  'mdtrt_sn',
  'psn_no',
  'psn_cert_type',
  'certno',
  'manu_lotnum',
  'manu_date',
  'expy_end',
  'rx_flag',
  'trdn_flag',
  'finl_trns_pric',
  'rxno',
  'rx_circ_flag',
  'sel_retn_cnt',
  'sel_retn_time',
  'sel_retn_opter_name',
  'memo',
  'mdtrt_setl_type',
  'medins_prod_sel_no',
  'inv_chg_type',
  'pric',
  'cnt',
  'inv_chg_time',
  'inv_chg_opter_name',
  'inv_cnt',
  'invdate',
];

/** Values of every sort a HIS gives, good and bad. */
const VALUES: unknown[] = [
  null,
  undefined,
  '',
  '   ',
  ' X1 ',
  'YP00021',
  '1',
  '0',
  '99',
  '39.6',
  ' 39.6 ',
  '12.3456789',
  '0.00001',
  '007.50',
  '-3.5',
  '1e3',
  '12.',
  '.5',
  '123456789012345678.25',
  12.5,
  7,
  new Decimal('2.345'),
  '2026-01-05',
  '2026-02-30',
  '0050-01-01',
  '2026-01-05 08:00:00',
  '2026-01-05 25:00:00',
  '张三',
  'x'.repeat(60),
  '𠀀'.repeat(30),
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function record(kind: TraceKind, r: () => number, i: number): TraceRecord {
  const fields: Record<string, unknown> = {};
  for (const f of FIELD_NAMES) if (r() < 0.8) fields[f] = VALUES[Math.floor(r() * VALUES.length)];
  return {
    key: `disp:R${i}`,
    kind,
    id: `R${i}`,
    time: '2026-01-05 08:00:00',
    day: '2026-01-05',
    fixmedins_hilist_id: 'YP00021',
    origId: null,
    cnt: r() < 0.5 ? '2' : null,
    codes: [],
    fields,
  };
}

/** The general road, as buildItem went before it wrote the item itself. */
function reference(rec: TraceRecord, codes: readonly string[]) {
  const infno = KIND_INFNO[rec.kind];
  const node = NODE[infno].single;
  const raw: Record<string, unknown> = {};
  for (const k of ITEM_FIELDS[rec.kind]) {
    const v = rawValue(rec, k);
    if (!blank(v)) raw[k] = v;
  }
  if (codes.length) raw.drugtracinfo = codes.map((c) => ({ drug_trac_codg: c }));
  const wire = toWireInput(infno, { [node]: raw })[node] as Record<string, unknown>;
  const problems = validateInput(infno, { [node]: wire }).filter(
    (p) => !p.path.includes('drugtracinfo') && !p.path.endsWith('.med_list_codg'),
  );
  const digest = crypto
    .createHash('sha256')
    .update(`${infno}\n${canonicalJson(wire)}`, 'utf8')
    .digest('hex');
  return { wire, problems, digest };
}

const DEFAULTS = { rx_circ_flag: '0', hi_feesetl_type: '1', memo: ' m ' };

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

function rawValue(rec: TraceRecord, k: string): unknown {
  let v = k === 'med_list_codg' ? 'XA01' : rec.fields[k];
  if (blank(v)) {
    const derived: Record<string, unknown> = {
      rtal_docno: rec.id,
      medins_prod_sel_no: rec.id,
      sel_retn_opter_name: rec.fields.phar_name,
      hi_feesetl_type: DEFAULTS.hi_feesetl_type ?? rec.fields.mdtrt_setl_type,
      invdate: rec.day,
      inv_cnt: rec.cnt,
    };
    v = k in derived ? derived[k] : (DEFAULTS as Record<string, unknown>)[k];
  }
  return typeof v === 'string' ? v.trim() : v;
}

describe('buildItem', () => {
  it('makes the same item, problems and digest as toWireInput, validateInput and canonicalJson', () => {
    const r = rng(7);
    const kinds: TraceKind[] = ['sale', 'return', 'stock-in', 'stock-change', 'stock-count'];
    let problems = 0;
    for (let i = 0; i < 3000; i++) {
      const rec = record(kinds[i % kinds.length]!, r, i);
      const codes = Array.from(
        { length: Math.floor(r() * 4) },
        (_, k) => `8302540${String(i * 10 + k).padStart(13, '0')}`,
      );
      const built = buildItem(rec, 'XA01', codes, DEFAULTS);
      const ref = reference(rec, codes);
      expect(built.item).toEqual(ref.wire);
      expect(Object.keys(built.item)).toEqual(Object.keys(ref.wire));
      expect(built.problems).toEqual(ref.problems);
      expect(built.digest).toBe(ref.digest);
      problems += built.problems.length;
    }
    // The generated values do reach the checks.
    expect(problems).toBeGreaterThan(1000);
  });

  it('fails when an amount is wired differently (the comparison can fail)', () => {
    const rec = record('sale', rng(1), 0);
    rec.fields.finl_trns_pric = '2.3456785';
    const built = buildItem(rec, 'XA01', [], DEFAULTS);
    const ref = reference(rec, []);
    expect(ref.wire.finl_trns_pric).toBe(2.345679);
    expect({ ...built.item, finl_trns_pric: 2.3456785 }).not.toEqual(ref.wire);
  });
});
