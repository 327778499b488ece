/**
 * Where each code is in the window, record after record: sold and not returned, received (as
 * which drug, by which stock-in, with its packages), or sent back to the supplier. The trace
 * checker (traceChecker.ts) loads what the journal knows from before the window into it, and
 * moves each record's valid codes through it; a movement that contradicts the code's state is a
 * finding (sold_again, return_never_sold, return_over_quantity, duplicate_in_batch,
 * stock_other_drug, returned_to_supplier). Pure.
 */
import { D, type Decimal } from '../money.js';
import { PackageTree } from './packageTree.js';
import { SUPPLIER_RETURN_TYPES, type Finding, type FindingKind, type TraceRecord } from './types.js';

/** Adds a finding (or a note) to the record being checked. */
export type AddFinding = (
  kind: FindingKind,
  message: string,
  code?: string | null,
  related?: string | null,
  fix?: string,
  extra?: Partial<Finding>,
) => void;

interface OpenSale {
  id: string;
  trdn: boolean;
}

interface CodeState {
  open: OpenSale[];
  stockedBy: string | null;
  /** The drug (fixmedins_hilist_id) the code was last received as, and on which record. */
  stockDrug: { drug: string; id: string } | null;
  /** The supplier return (退库) that sent the code back, until it is received again. */
  returnedBy: string | null;
}

interface SaleState {
  cnt: Decimal | null;
  returned: Decimal;
}

/** Nothing returned yet: one shared zero (a Decimal never changes) rather than one per sale the window holds. */
const NONE = D(0);

/**
 * A sale of the code still open. A code's first goes in a list of exactly one: a list grown by
 * push from empty reserves room for seventeen, and a window holds such a list for every code it sold.
 */
export function openSale(st: CodeState, sale: OpenSale): void {
  if (st.open.length) st.open.push(sale);
  else st.open = [sale];
}

export class CodeMovements {
  /**
   * Each code's state. A code sold once and nothing else (nearly every code of a window of sales)
   * is held as the id of its open sale alone, and made a CodeState when anything more happens to
   * it: a window holds one entry per code it saw.
   */
  private readonly codeState = new Map<string, CodeState | string>();
  readonly sales = new Map<string, SaleState>();
  readonly tree = new PackageTree();

  state(code: string): CodeState {
    const v = this.codeState.get(code);
    if (typeof v === 'object') return v;
    const st: CodeState = {
      open: v === undefined ? [] : [{ id: v, trdn: false }],
      stockedBy: null,
      stockDrug: null,
      returnedBy: null,
    };
    this.codeState.set(code, st);
    return st;
  }

  /**
   * The stock-in record that received this code in the window so far — itself, or inside one of
   * its packages (a case received whole counts for every box in it); null when none did.
   */
  receivedBy(code: string): string | null {
    const own = this.stockedBy(code);
    if (own) return own;
    for (const p of this.tree.parentsOf(code)) {
      const by = this.stockedBy(p);
      if (by) return by;
    }
    return null;
  }

  /** The stock-in record holding the code (a code held as its open sale alone has none). */
  private stockedBy(code: string): string | null | undefined {
    const v = this.codeState.get(code);
    return typeof v === 'object' ? v.stockedBy : v === undefined ? undefined : null;
  }

  move(rec: TraceRecord, codes: readonly string[], add: AddFinding): void {
    switch (rec.kind) {
      case 'sale':
        return this.sell(rec, codes, add);
      case 'return':
        return this.takeBack(rec, codes, add);
      case 'stock-in':
        return this.receive(rec, codes, add);
      case 'stock-change':
        return this.release(rec, codes);
      case 'stock-count':
        return;
    }
  }

  private sell(rec: TraceRecord, codes: readonly string[], add: AddFinding): void {
    const trdn = String(rec.fields.trdn_flag ?? '') === '1';
    for (const c of codes) {
      // A code not seen before, sold whole: its state is this open sale alone.
      if (!trdn && !this.codeState.has(c)) {
        this.codeState.set(c, rec.id);
        continue;
      }
      const st = this.state(c);
      // What the stock side says of the box: received as this drug, and still the hospital's.
      if (st.returnedBy !== null) {
        add(
          'returned_to_supplier',
          `${c} was sent back to the supplier on ${st.returnedBy}; it is dispensed afterwards on ${rec.id}`,
          c,
          st.returnedBy,
        );
        continue;
      }
      if (st.stockDrug && rec.fixmedins_hilist_id && st.stockDrug.drug !== rec.fixmedins_hilist_id) {
        add(
          'stock_other_drug',
          `${c} was received as ${st.stockDrug.drug} on ${st.stockDrug.id}; it is dispensed as ${rec.fixmedins_hilist_id} on ${rec.id}`,
          c,
          st.stockDrug.id,
        );
        continue;
      }
      // A split-package sale (拆零) legitimately sells one box's code several times.
      if (st.open.length && !(trdn && st.open.every((o) => o.trdn))) {
        add(
          'sold_again',
          `${c} was sold on ${st.open[0]!.id} and not returned; it is sold again on ${rec.id}`,
          c,
          st.open[0]!.id,
        );
      } else openSale(st, { id: rec.id, trdn });
    }
    if (!this.sales.has(rec.id)) this.sales.set(rec.id, { cnt: rec.cnt === null ? null : D(rec.cnt), returned: NONE });
  }

  private takeBack(rec: TraceRecord, codes: readonly string[], add: AddFinding): void {
    const orig = rec.origId ? this.sales.get(rec.origId) : undefined;
    for (const c of codes) {
      const st = this.state(c);
      if (st.open.length) st.open.shift();
      // A return naming a sale hisops has never seen (sold before hisops kept a journal) cannot be judged.
      else if (!(rec.origId && !orig))
        add(
          'return_never_sold',
          `${c} is returned on ${rec.id} but hisops knows no sale of it${rec.origId ? ` (not on ${rec.origId})` : ''}`,
          c,
          rec.origId,
        );
    }
    if (orig && rec.cnt !== null) {
      orig.returned = orig.returned.plus(D(rec.cnt));
      if (orig.cnt !== null && orig.returned.gt(orig.cnt)) {
        add(
          'return_over_quantity',
          `${rec.id} returns ${D(rec.cnt).toString()}, bringing the returns of ${rec.origId} to ${orig.returned.toString()} of ${orig.cnt.toString()} sold`,
          null,
          rec.origId,
        );
      }
    }
  }

  private receive(rec: TraceRecord, codes: readonly string[], add: AddFinding): void {
    const by = (k: string) => this.stockedBy(k);
    const elsewhere = (k: string) => !!by(k) && by(k) !== rec.id;
    for (const c of codes) {
      const st = this.state(c);
      if (st.stockedBy !== null && st.stockedBy !== rec.id) {
        add('duplicate_in_batch', `${c} was received on ${st.stockedBy} and again on ${rec.id}`, c, st.stockedBy);
        continue;
      }
      // A box whose case came in already, or a case one of whose boxes came in already, is received twice.
      const inCase = this.tree.parentsOf(c).find(elsewhere);
      const inside = inCase === undefined ? this.tree.descendantsOf(c).find(elsewhere) : undefined;
      const other = inCase ?? inside;
      if (other !== undefined) {
        const at = by(other)!;
        add(
          'duplicate_in_batch',
          inCase !== undefined
            ? `${c} was received on ${at} inside package ${other} and again on ${rec.id}`
            : `${c} holds ${other}, which was received on ${at}; ${c} is received again on ${rec.id}`,
          c,
          at,
        );
        continue;
      }
      // The box (and the boxes of a case) came in as this drug, and are the hospital's again.
      for (const k of [c, ...this.tree.descendantsOf(c)]) {
        const ks = this.state(k);
        ks.stockedBy = rec.id;
        ks.returnedBy = null;
        if (rec.fixmedins_hilist_id) ks.stockDrug = { drug: rec.fixmedins_hilist_id, id: rec.id };
      }
    }
  }

  private release(rec: TraceRecord, codes: readonly string[]): void {
    const toSupplier = SUPPLIER_RETURN_TYPES.has(String(rec.fields.inv_chg_type ?? '').trim());
    for (const c of codes) {
      const st = this.state(c);
      st.stockedBy = null;
      if (toSupplier) st.returnedBy = rec.id;
      for (const k of this.tree.descendantsOf(c)) {
        if (!this.codeState.has(k) && !toSupplier) continue;
        const ks = this.state(k);
        ks.stockedBy = null;
        if (toSupplier) ks.returnedBy = rec.id;
      }
    }
  }
}
