/**
 * The demo HIS generator: a hospital's days of outpatient and inpatient settlements with their
 * visits, fee lines, write-ahead log rows, pharmacy sales with traceability codes, stock-in
 * records, items and mappings — plus the planted anomalies. It pushes rows (plain objects keyed
 * by the reference columns; money in integer fen) into a sink one day at a time and keeps only
 * the current day in memory, so a million settlements stream through.
 *
 * Everything comes from the seed: a (seed, day) stream drives each day, ids are counters, and
 * times are the day plus a second of it, so the same seed produces the same rows.
 *
 * The steps are modules of their own, each taking the generator's state (hisState.ts) first:
 * itemRows.ts, visitSteps.ts, settlementRows.ts, settlementAnomalies.ts, pharmacy.ts,
 * traceAnomalies.ts and invoiceDelivery.ts; the tables of departments and staff are hisTables.ts.
 */
import { stamp } from './dates.js';
import { HisState } from './hisState.js';
import { invoiceDelivery } from './invoiceDelivery.js';
import { itemRows } from './itemRows.js';
import { dispense, type SaleIntent } from './pharmacy.js';
import { Rng } from './prng.js';
import type { Row, RowSink } from './rowSink.js';
import { plantCenterTestRow, plantPending, plantRollback, takeTarget, type SettledRef } from './settlementAnomalies.js';
import { cancelSettlement, settlementRow, writeCall, type Call } from './settlementRows.js';
import type { SettlementAmounts } from './split.js';
import { plantTrace } from './traceAnomalies.js';
import { drawFees, drawStatus, drawVisit, splitBill, type Fees, type Status, type Visit } from './visitSteps.js';

/** Settlements generated between pauses. */
const CHUNK = 1000;

export class HisGenerator extends HisState {
  /** Items, product-identification codes and mappings (with the mapping anomalies). */
  staticRows(sink: RowSink): void {
    itemRows(this, sink);
  }

  /** All rows of day `d`. */
  day(d: number, sink: RowSink): void {
    for (const _ of this.dayChunks(d, sink)) {
      // run to the end
    }
  }

  /** The rows of day `d`, pausing every CHUNK settlements so a writer can catch up. */
  *dayChunks(d: number, sink: RowSink): Generator<void> {
    const plan = this.plans[d]!;
    const rng = new Rng(this.opts.seed, `day:${d}`);
    const n = this.counts[d]!;
    for (const t of plan.targets) this.pendingRoles.push({ ...t, day: d });
    // Times (second of the day) and kinds, sorted; encoded as sec * 2 + inpatient.
    const slots = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const inpatient = rng.chance(0.15);
      const sec = inpatient ? rng.range(8 * 3600 + 1800, 17 * 3600) : this.outpatientSecond(rng);
      slots[i] = sec * 2 + (inpatient ? 1 : 0);
    }
    slots.sort();
    const sales: SaleIntent[] = [];
    for (let i = 0; i < n; i++) {
      const code = slots[i]!;
      this.settlement(sink, rng, d, i, Math.floor(code / 2), code % 2 === 1, sales, {});
      if (i % CHUNK === CHUNK - 1) yield;
    }
    if (plan.crossMidnight)
      this.settlement(sink, rng, d, n, 86_390 + rng.int(8), false, sales, { crossMidnight: true });
    if (plan.centerTestRow) plantCenterTestRow(this, rng, d);
    if (d === this.days.length - 1 && this.pendingRoles.length) {
      throw new Error(`demo seed: could not place ${this.pendingRoles.map((r) => r.role).join(', ')} (days too small)`);
    }
    plantTrace(this, rng, d, sales);
    dispense(this, sink, rng, d, sales);
  }

  /** Outpatient settlement times: morning and afternoon clinics, a thin emergency stream around the clock. */
  private outpatientSecond(rng: Rng): number {
    const w = rng.weighted([0.55, 0.37, 0.08]);
    if (w === 0) return rng.range(7 * 3600 + 1800, 12 * 3600);
    if (w === 1) return rng.range(13 * 3600 + 1800, 17 * 3600 + 1800);
    const s = rng.range(0, 14 * 3600 - 1); // 17:30 → 07:30 next morning, wrapped into the day
    return (17 * 3600 + 1800 + s) % 86_400 || 60;
  }

  /**
   * One settlement call of the day (a visit, its fee lines, the split, the HIS's rows and what it
   * plants). The parts draw from `rng` in this order, which the data depends on.
   */
  private settlement(
    sink: RowSink,
    rng: Rng,
    d: number,
    idx: number,
    sec: number,
    inpatient: boolean,
    sales: SaleIntent[],
    flags: { crossMidnight?: boolean },
  ): void {
    sec = Math.max(sec, 120);
    const v = drawVisit(this, sink, rng, d, sec, inpatient, flags.crossMidnight === true);
    const st = drawStatus(this, rng, d, idx, sec, flags.crossMidnight === true);
    const fees = drawFees(this, rng, v, sec);
    const { amounts, acctUsed } = splitBill(this, rng, v, fees);
    const reqSec = sec - rng.range(1, 3);
    const msgid = this.msgid(v.day, reqSec);
    const infno = inpatient ? '2304' : '2207';
    const settled = !st.isPending && !st.isRollback && !st.isVoid;
    const setl_id = settled || st.isRollback ? this.setlId(v.day, st.isRollback) : null;
    const call: Call = { sec, reqSec, msgid, infno, settled, setl_id, setl_time: stamp(v.day, sec) };
    const base = settlementRow(this, rng, v, st, fees, amounts, acctUsed, call);
    writeCall(this, sink, v, st, fees, amounts, call, base);
    if (st.isRollback) return plantRollback(this, v, call, base);
    sink.add('his_settlement', base);
    if (st.isPending) return plantPending(this, v, st, call, fees.his_setl_no);
    if (st.isVoid) return;
    this.settled(sink, rng, d, idx, v, st, fees, amounts, call, base, sales, flags.crossMidnight === true);
  }

  /** A settled call: the day's sums, a cancellation or a planted reconciliation target, the drugs it sells. */
  private settled(
    sink: RowSink,
    rng: Rng,
    d: number,
    idx: number,
    v: Visit,
    st: Status,
    f: Fees,
    amounts: SettlementAmounts,
    c: Call,
    base: Row,
    sales: SaleIntent[],
    crossMidnight: boolean,
  ): void {
    const { pi, day, insutype, clr_type, setl_optins, mdtrt_id, psn_no, inpatient, drName } = v;
    const { isCancelled, cancelSec } = st;
    const { his_setl_no, drugLines, rxno } = f;
    const { setl_id, setl_time, msgid, sec } = c;
    this.addGroup(day, insutype, clr_type, setl_optins, '0', amounts, 1);
    const ref: SettledRef = { his_setl_no, setl_id: setl_id!, mdtrt_id, psn_no, msgid, day, sec };
    if (isCancelled) {
      cancelSettlement(this, sink, d, base, amounts, pi, setl_id!, cancelSec);
      return;
    }
    if (crossMidnight) {
      const next = this.days[d + 1]!;
      this.addAnomaly({
        job: 'reconcile',
        kind: 'cross_midnight',
        side: 'center',
        day,
        keys: { setl_id: setl_id!, msgid, mdtrt_id, psn_no },
        detail: `the HIS books it at ${setl_time}; the center at ${next} 00:00:0x (the next day)`,
        center: { center_setl_time: stamp(next, 2 + rng.int(6)) },
      });
    } else takeTarget(this, idx, d, ref, rng);
    if (!inpatient) {
      for (const dl of drugLines) {
        sales.push({
          type: 'sale',
          drug: this.drugs.get(dl.item.fixmedins_hilist_id)!,
          cnt: dl.cnt,
          sec: Math.min(86_399, sec + rng.range(120, 900)),
          setl_id: setl_id!,
          mdtrt_sn: mdtrt_id,
          psn: pi,
          rxno,
          doctor: drName,
        });
      }
    }
  }

  /**
   * The delivery of the day after the last: supplier invoices booked as stock-in and the
   * supplier's code list (supplierRows) with planted problems (invoiceDelivery.ts).
   */
  invoiceDelivery(sink: RowSink): void {
    invoiceDelivery(this, sink);
  }
}
