/**
 * The pharmacy of the demo HIS: traceability codes, stock-in of the traceable drugs with their
 * codes, and the day's sales and returns (his_dispense with the codes scanned), planted records
 * included.
 */
import { addDays, compact, stamp } from './dates.js';
import { PHARMACISTS, SUPPLIERS } from './hisTables.js';
import { pad, type DrugState, type HisState } from './hisState.js';
import type { Rng } from './prng.js';
import type { RowSink } from './rowSink.js';
import { fenToString } from './split.js';
import { recordPlanted } from './traceAnomalies.js';

/** A traceability code: 7-digit product-identification code + 13 digits derived from a serial. */
export function traceCode(prefix: string, drugIndex: number, serial: number): string {
  // k ↦ (k × 7654321 + offset) mod 10^13 is one-to-one in k (7654321 is coprime to 10), and the
  // product stays exact in a double for every serial below 1.1 × 10^9.
  const body =
    (serial * 7_654_321 + ((drugIndex * 982_451_653 + 3_141_592_653_589) % 10_000_000_000_000)) % 10_000_000_000_000;
  return prefix + pad(body, 13);
}

/** A sale or return of the day: a settled visit's drug or a planted walk-in record, before its codes are known. */
export interface SaleIntent {
  type: 'sale' | 'return';
  drug: DrugState;
  cnt: number;
  sec: number;
  setl_id: string | null;
  mdtrt_sn: string;
  psn: number | null;
  rxno: string | null;
  doctor: string | null;
  /** Serials, assigned after the day's settlements; a planted record may override the codes. */
  serials?: number[];
  codes?: string[];
  orig?: string | null;
  planted?: string;
  disp_id?: string;
}

/** Serials and codes for the day's sales, stock-in to cover them, then the sale/return rows. */
export function dispense(g: HisState, sink: RowSink, rng: Rng, d: number, sales: SaleIntent[]): void {
  const day = g.days[d]!;
  const plan = g.plans[d]!;
  sales.sort((a, b) => a.sec - b.sec);
  // The drug with the planted no-mapping sale is stocked on the first day, while still mapped.
  if (plan.noMappingStock) stockIn(g, sink, rng, day, g.drugs.get('YP90001')!, 20);
  for (const s of sales) {
    if (s.planted === 'sold_twice_second' || s.planted === 'return_never_sold') continue;
    s.serials = [];
    const n = s.planted === 'duplicate' ? 1 : s.cnt;
    for (let k = 0; k < n; k++) s.serials.push(s.drug.consumed++);
  }
  for (const drug of g.drugs.values()) {
    if (drug.item.special) continue;
    const need = drug.consumed - drug.stocked;
    if (need > 0) stockIn(g, sink, rng, day, drug, Math.ceil((need * 1.2 + 10) / 50) * 50);
  }
  const returns: SaleIntent[] = [];
  for (const s of sales) {
    const disp_id = `FY${compact(day)}${pad(++g.seq.disp, 7)}`;
    s.disp_id = disp_id;
    let codes: string[];
    let batchSerial: number;
    if (s.planted === 'sold_twice_second') {
      codes = [g.soldTwiceCode!.code];
      batchSerial = g.soldTwiceCode!.serial;
    } else if (s.planted === 'return_never_sold') {
      const serial = 1_000_000_000 + rng.int(1_000_000);
      codes = [traceCode(s.drug.item.trac_prefixes[0]!, s.drug.index, serial)];
      batchSerial = 0;
    } else {
      codes = s.serials!.map((k) => traceCode(batchOf(g, s.drug, k).prefix, s.drug.index, k));
      batchSerial = s.serials![0]!;
      if (s.planted === 'invalid_length') codes = [codes[0]!.slice(0, 19)];
      else if (s.planted === 'invalid_chars') codes = [codes[0]!.slice(0, 10) + 'AB' + codes[0]!.slice(12)];
      else if (s.planted === 'duplicate') codes = [codes[0]!, codes[0]!];
    }
    saleRow(g, sink, rng, day, s, disp_id, codes, batchOf(g, s.drug, batchSerial), null);
    recordPlanted(g, s, day, disp_id, codes);
    if (!s.planted && s.type === 'sale' && rng.chance(0.004))
      returns.push({
        ...s,
        type: 'return',
        cnt: 1,
        sec: Math.min(86_399, s.sec + rng.range(1800, 14_400)),
        orig: disp_id,
        codes: [codes[0]!],
        serials: [s.serials![0]!],
      });
  }
  for (const r of returns) {
    const disp_id = `FY${compact(day)}${pad(++g.seq.disp, 7)}`;
    saleRow(g, sink, rng, day, r, disp_id, r.codes!, batchOf(g, r.drug, r.serials![0]!), r.orig ?? null);
  }
}

/** The batch a serial was received in (the serials of a drug's batches are consecutive). */
function batchOf(g: HisState, drug: DrugState, serial: number): DrugState['batches'][number] {
  const b = drug.batches;
  if (b.length === 0)
    return {
      start: 0,
      bchno: `B00000000${drug.item.fixmedins_hilist_id}`,
      prefix: drug.item.trac_prefixes[0]!,
      lot: '000000',
      manu: g.opts.startDate,
      expy: addDays(g.opts.startDate, 730),
    };
  let lo = 0;
  let hi = b.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b[mid]!.start <= serial) lo = mid;
    else hi = mid - 1;
  }
  return b[lo]!;
}

/** Stock-in of a new batch of the drug: its his_stock row and the codes of every box (his_stock_trac). */
function stockIn(g: HisState, sink: RowSink, rng: Rng, day: string, drug: DrugState, qty: number): void {
  const it = drug.item;
  const stock_id = `RK${compact(day)}${pad(++g.seq.stock, 6)}`;
  const bchno = `B${compact(day)}${it.fixmedins_hilist_id}`;
  const prefix = it.trac_prefixes[drug.batches.length % it.trac_prefixes.length]!;
  const manu = addDays(day, -rng.range(60, 240));
  const expy = addDays(manu, 730);
  const lot = `${compact(manu).slice(2)}${pad(rng.int(100), 2)}`;
  const batch = { start: drug.stocked, bchno, prefix, lot, manu, expy };
  drug.batches.push(batch);
  const time = stamp(day, rng.range(7 * 3600, 7 * 3600 + 3000));
  addStockRow(sink, drug, batch, stock_id, qty, time, null);
  for (let k = 0; k < qty; k++)
    sink.add('his_stock_trac', {
      stock_id,
      trac_seq: k + 1,
      drug_trac_codg: traceCode(prefix, drug.index, drug.stocked + k),
    });
  drug.stocked += qty;
}

/** The his_stock row of a received batch (`invc_no`: the supplier's invoice it was booked from, if any). */
export function addStockRow(
  sink: RowSink,
  drug: DrugState,
  batch: DrugState['batches'][number],
  stock_id: string,
  qty: number,
  time: string,
  invc_no: string | null,
): void {
  const it = drug.item;
  sink.add('his_stock', {
    stock_id,
    inv_chg_type: '108',
    fixmedins_hilist_id: it.fixmedins_hilist_id,
    fixmedins_hilist_name: it.fixmedins_hilist_name,
    fixmedins_bchno: batch.bchno,
    pric: fenToString(Math.round(it.pricFen * 0.85)),
    cnt: qty,
    rx_flag: it.rx_flag,
    trdn_flag: '0',
    inv_chg_time: time,
    inv_chg_opter_name: '药库管理员',
    manu_lotnum: batch.lot,
    manu_date: batch.manu,
    expy_end: batch.expy,
    spler_name: SUPPLIERS[drug.index % SUPPLIERS.length],
    memo: null,
    created_at: time,
    invc_no,
  });
}

/** A sale or return row (his_dispense) and its scanned codes (his_dispense_trac). */
function saleRow(
  g: HisState,
  sink: RowSink,
  rng: Rng,
  day: string,
  s: SaleIntent,
  disp_id: string,
  codes: string[],
  batch: DrugState['batches'][number],
  orig: string | null,
): void {
  const it = s.drug.item;
  const pool = g.pool;
  const p = s.psn;
  const [phar, pharNo] = PHARMACISTS[rng.int(PHARMACISTS.length)]!;
  const time = stamp(day, s.sec);
  sink.add('his_dispense', {
    disp_id,
    disp_type: s.type,
    orig_disp_id: orig,
    fixmedins_hilist_id: it.fixmedins_hilist_id,
    fixmedins_hilist_name: it.fixmedins_hilist_name,
    fixmedins_bchno: batch.bchno,
    setl_id: s.setl_id,
    mdtrt_sn: s.mdtrt_sn,
    psn_no: p === null ? null : pool.psn_no[p],
    psn_cert_type: p === null ? '99' : '01',
    certno: p === null ? null : pool.certno[p],
    psn_name: p === null ? null : pool.psn_name[p],
    mdtrt_setl_type: s.setl_id ? '1' : '2',
    manu_lotnum: batch.lot,
    manu_date: batch.manu,
    expy_end: batch.expy,
    rx_flag: it.rx_flag,
    trdn_flag: '0',
    finl_trns_pric: fenToString(it.pricFen),
    sel_retn_cnt: s.cnt,
    sel_retn_time: time,
    sel_retn_opter_name: phar,
    prsc_dr_name: s.doctor,
    phar_name: phar,
    phar_prac_cert_no: pharNo,
    rxno: s.rxno,
    created_at: time,
  });
  codes.forEach((c, k) => sink.add('his_dispense_trac', { disp_id, trac_seq: k + 1, drug_trac_codg: c }));
}
