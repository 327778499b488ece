/**
 * The checks every record passes before anything is sent. Pure and stateful across calls: the
 * caller feeds a window's records day by day, in time order, and the checker follows each code
 * through the window — sold, returned, stocked — so that a code sold twice is caught whether the
 * two sales are minutes or days apart. What happened before the window comes from the journal,
 * which the caller loads when the checker asks for it (`codesWithoutHistory`, `unknownOrigins`).
 *
 * Per record:
 *   codes       no_code · bad_length · bad_chars (surrounding spaces are trimmed, not reported)
 *               duplicate_in_record · prefix_mismatch (first 7 digits vs the drug's known ones)
 *   movements   sold_again (a code sold and not returned is sold again: a fraud signal, never sent)
 *               return_never_sold · return_over_quantity · duplicate_in_batch (stock received twice)
 *               stock_other_drug (a code received as one drug is dispensed as another)
 *               returned_to_supplier (a code sent back to the supplier is dispensed afterwards)
 *   mapping     no_mapping · mapping_ambiguous (the national code valid on the record's day)
 *   fields      missing_field (what the center requires, after trace.defaults)
 *   journal     changed_after_upload (accepted before with other content)
 * A record with any finding is held back whole: nothing of it is half-sent.
 */
import { D, type Decimal } from '../money.js';
import { buildItem, describeItemProblems } from './buildItem.js';
import { compareRecords } from './groupRows.js';
import type { MappingLookup, PrefixIndex } from './mappingIndex.js';
import { normalizeCode, productPrefix } from './normalizeCode.js';
import { SUPPLIER_RETURN_TYPES, type CheckedRecord, type Finding, type FindingKind, type KnownRecord, type TraceRecord } from './types.js';

/** A sale or return of a code before the window, from the journal. */
export interface HistoryMovement {
  drug_trac_codg: string;
  kind: 'sale' | 'return';
  record_id: string;
  op_time: string;
  trdn_flag: string | null;
}

/** A stock-in of a code before the window, from the journal: which drug the code came in as. */
export interface StockedMovement {
  drug_trac_codg: string;
  fixmedins_hilist_id: string | null;
  record_id: string;
  op_time: string;
}

/** A sale before the window that a return in the window names, with what was returned of it since. */
export interface KnownSale {
  record_id: string;
  cnt: string | null;
  returned: string;
}

export interface CheckerOptions {
  /** National code per item and day; without it the rows' own med_list_codg/map_cnt are used, if present. */
  mapping?: MappingLookup;
  prefixes?: PrefixIndex;
  /** Fill-ins for empty required fields (trace.defaults). */
  defaults: Readonly<Record<string, string>>;
}

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

export const FINDING_FIX: Readonly<Record<FindingKind, string>> = {
  no_code: 'Scan the traceability code of every box into the record in the HIS, then run again.',
  bad_length: 'Rescan the code from the box: a 码上放心 traceability code has 20 digits.',
  bad_chars: 'Rescan the code from the box (check that the scanner is not typing through an input method).',
  prefix_mismatch: "Check that the box belongs to this drug (the first 7 digits identify the product); rescan it, or add the product code to the drug's prefixes in the HIS (drug_trace_prefixes).",
  duplicate_in_record: 'Every box has its own code: rescan the other boxes of this record.',
  duplicate_in_batch: 'The same box was received twice: remove the double scan from one of the stock records.',
  sold_again: 'A code can be sold only once until it is returned. Check the box (a returned or recycled drug?) and the earlier sale; this record is not sent.',
  return_never_sold: 'Check the return: hisops knows no sale of this code. Correct the record, or upload the day of the original sale first.',
  return_over_quantity: 'The returns exceed the quantity sold: correct sel_retn_cnt of the return.',
  no_mapping: "Map the item to its national code for that day (the HIS's mapping table), then run again.",
  mapping_ambiguous: 'Close one of the overlapping mapping rows so that exactly one national code is valid on that day.',
  missing_field: 'Fill these fields in the HIS record, or give a value under trace.defaults in hisops.yaml.',
  changed_after_upload: 'The center holds the earlier version: restore the HIS record, or have the record deleted at the center (3507) and upload it again.',
  stock_other_drug: 'The box was received as another drug: check the box and the stock-in record (drug or code scanned wrongly), correct the wrong one in the HIS; this record is not sent.',
  returned_to_supplier: 'The box was sent back to the supplier before this dispensing: check the box and the supplier return, correct the wrong record in the HIS; this record is not sent.',
};

export class TraceChecker {
  private readonly codeState = new Map<string, CodeState>();
  private readonly sales = new Map<string, SaleState>();
  private readonly historyAsked = new Set<string>();
  private readonly originsAsked = new Set<string>();

  constructor(private readonly opts: CheckerOptions) {}

  /** Valid codes of sales and returns whose history before the window has not been loaded yet. */
  codesWithoutHistory(records: readonly TraceRecord[]): string[] {
    const out = new Set<string>();
    for (const r of records) {
      if (r.kind !== 'sale' && r.kind !== 'return') continue;
      for (const raw of r.codes) {
        const v = normalizeCode(raw);
        if (v.ok && !this.historyAsked.has(v.code)) out.add(v.code);
      }
    }
    return [...out];
  }

  /** Load what the journal knows of these codes before the window (sales and returns, any order). */
  addHistory(asked: readonly string[], movements: readonly HistoryMovement[]): void {
    for (const c of asked) this.historyAsked.add(c);
    const sorted = [...movements].sort((a, b) => (a.op_time < b.op_time ? -1 : a.op_time > b.op_time ? 1 : a.kind === 'sale' ? -1 : 1));
    for (const m of sorted) {
      const st = this.state(m.drug_trac_codg);
      if (m.kind === 'sale') st.open.push({ id: m.record_id, trdn: m.trdn_flag === '1' });
      else if (st.open.length) st.open.shift();
    }
  }

  /** Load the stock-ins of these codes before the window (the drug each was received as). */
  addStockHistory(movements: readonly StockedMovement[]): void {
    const sorted = [...movements].sort((a, b) => (a.op_time < b.op_time ? -1 : a.op_time > b.op_time ? 1 : 0));
    for (const m of sorted) {
      if (!m.fixmedins_hilist_id) continue;
      const st = this.state(m.drug_trac_codg);
      st.stockDrug = { drug: m.fixmedins_hilist_id, id: m.record_id };
    }
  }

  /** Original sales named by returns that neither the window nor the journal has told about yet. */
  unknownOrigins(records: readonly TraceRecord[]): string[] {
    const out = new Set<string>();
    for (const r of records) if (r.kind === 'return' && r.origId && !this.sales.has(r.origId) && !this.originsAsked.has(r.origId)) out.add(r.origId);
    return [...out];
  }

  addKnownSales(asked: readonly string[], sales: readonly KnownSale[]): void {
    for (const id of asked) this.originsAsked.add(id);
    for (const s of sales) if (!this.sales.has(s.record_id)) this.sales.set(s.record_id, { cnt: s.cnt === null ? null : D(s.cnt), returned: D(s.returned) });
  }

  /** Check records (one day, or any slice that comes after the previous one in time). */
  check(records: readonly TraceRecord[], known: ReadonlyMap<string, KnownRecord> = new Map()): CheckedRecord[] {
    return [...records].sort(compareRecords).map((r) => this.checkOne(r, known.get(r.key)));
  }

  private state(code: string): CodeState {
    let st = this.codeState.get(code);
    if (!st) {
      st = { open: [], stockedBy: null, stockDrug: null, returnedBy: null };
      this.codeState.set(code, st);
    }
    return st;
  }

  private checkOne(rec: TraceRecord, known: KnownRecord | undefined): CheckedRecord {
    const findings: Finding[] = [];
    const add = (kind: FindingKind, message: string, code: string | null = null, related: string | null = null, fix = FINDING_FIX[kind]) =>
      findings.push({
        kind,
        record_key: rec.key,
        record_id: rec.id,
        record_kind: rec.kind,
        day: rec.day,
        fixmedins_hilist_id: rec.fixmedins_hilist_id,
        drug_trac_codg: code,
        related_id: related,
        message,
        fix,
        ...(rec.line !== undefined ? { line: rec.line } : {}),
      });

    // 1. The codes on their own.
    const codes: string[] = [];
    const seen = new Set<string>();
    const repeated = new Set<string>();
    if (rec.codes.length === 0) add('no_code', `${rec.kind} ${rec.id} carries no traceability code`);
    rec.codes.forEach((raw, i) => {
      const v = normalizeCode(raw);
      if (!v.ok) {
        add(v.kind, rec.codes.length > 1 ? `code ${i + 1} of ${rec.codes.length}: ${v.reason}` : v.reason, raw);
        return;
      }
      if (seen.has(v.code)) {
        if (!repeated.has(v.code)) add('duplicate_in_record', `${v.code} is scanned more than once in ${rec.id}`, v.code);
        repeated.add(v.code);
        return;
      }
      seen.add(v.code);
      codes.push(v.code);
    });
    const known7 = this.opts.prefixes?.get(rec.fixmedins_hilist_id);
    if (known7 && known7.size) {
      for (const c of codes) {
        if (!known7.has(productPrefix(c))) add('prefix_mismatch', `${c} starts with ${productPrefix(c)}, but ${rec.fixmedins_hilist_id} is known by ${[...known7].sort().join(', ')}`, c);
      }
    }

    // 2. The codes' movements through the window.
    this.move(rec, codes, add);

    // 3. The national code valid on the day.
    const national = this.nationalCodes(rec);
    let med_list_codg: string | null = null;
    if (national !== undefined) {
      if (national.length === 0) add('no_mapping', `${rec.fixmedins_hilist_id} has no mapping to a national code valid on ${rec.day}`);
      else if (national.length > 1) add('mapping_ambiguous', `${rec.fixmedins_hilist_id} maps to ${national.join(' and ')} on ${rec.day}`);
      else med_list_codg = national[0]!;
    }

    // 4. What the center requires.
    const built = buildItem(rec, med_list_codg, codes, this.opts.defaults);
    if (built.problems.length) add('missing_field', describeItemProblems(built.problems));
    if (known?.status === 'accepted' && known.content_digest && known.content_digest !== built.digest) {
      add('changed_after_upload', `${rec.id} was accepted by the center with other content; the HIS record has changed since`);
    }
    return { record: rec, findings, med_list_codg, codes, ...(findings.length ? {} : { item: built.item }), digest: built.digest };
  }

  private nationalCodes(rec: TraceRecord): string[] | undefined {
    if (this.opts.mapping) return this.opts.mapping.codesOn(rec.fixmedins_hilist_id, rec.day);
    const f = rec.fields;
    const mapped = f.med_list_codg === null || f.med_list_codg === undefined || f.med_list_codg === '' ? null : String(f.med_list_codg);
    if (f.map_cnt !== undefined && f.map_cnt !== null && f.map_cnt !== '') {
      const n = Number(f.map_cnt);
      if (n === 0 || !mapped) return [];
      return n > 1 ? [mapped, `(${n - 1} more)`] : [mapped];
    }
    if (mapped) return [mapped];
    return undefined;
  }

  private move(rec: TraceRecord, codes: readonly string[], add: (kind: FindingKind, message: string, code?: string | null, related?: string | null) => void): void {
    const trdn = String(rec.fields.trdn_flag ?? '') === '1';
    switch (rec.kind) {
      case 'sale': {
        for (const c of codes) {
          const st = this.state(c);
          // What the stock side says of the box: received as this drug, and still the hospital's.
          if (st.returnedBy !== null) {
            add('returned_to_supplier', `${c} was sent back to the supplier on ${st.returnedBy}; it is dispensed afterwards on ${rec.id}`, c, st.returnedBy);
            continue;
          }
          if (st.stockDrug && rec.fixmedins_hilist_id && st.stockDrug.drug !== rec.fixmedins_hilist_id) {
            add('stock_other_drug', `${c} was received as ${st.stockDrug.drug} on ${st.stockDrug.id}; it is dispensed as ${rec.fixmedins_hilist_id} on ${rec.id}`, c, st.stockDrug.id);
            continue;
          }
          // A split-package sale (拆零) legitimately sells one box's code several times.
          if (st.open.length && !(trdn && st.open.every((o) => o.trdn))) {
            add('sold_again', `${c} was sold on ${st.open[0]!.id} and not returned; it is sold again on ${rec.id}`, c, st.open[0]!.id);
          } else st.open.push({ id: rec.id, trdn });
        }
        if (!this.sales.has(rec.id)) this.sales.set(rec.id, { cnt: rec.cnt === null ? null : D(rec.cnt), returned: D(0) });
        break;
      }
      case 'return': {
        const orig = rec.origId ? this.sales.get(rec.origId) : undefined;
        for (const c of codes) {
          const st = this.state(c);
          if (st.open.length) st.open.shift();
          // A return naming a sale hisops has never seen (sold before hisops kept a journal) cannot be judged.
          else if (!(rec.origId && !orig)) add('return_never_sold', `${c} is returned on ${rec.id} but hisops knows no sale of it${rec.origId ? ` (not on ${rec.origId})` : ''}`, c, rec.origId);
        }
        if (orig && rec.cnt !== null) {
          orig.returned = orig.returned.plus(D(rec.cnt));
          if (orig.cnt !== null && orig.returned.gt(orig.cnt)) {
            add('return_over_quantity', `${rec.id} returns ${D(rec.cnt).toString()}, bringing the returns of ${rec.origId} to ${orig.returned.toString()} of ${orig.cnt.toString()} sold`, null, rec.origId);
          }
        }
        break;
      }
      case 'stock-in':
        for (const c of codes) {
          const st = this.state(c);
          if (st.stockedBy !== null && st.stockedBy !== rec.id) add('duplicate_in_batch', `${c} was received on ${st.stockedBy} and again on ${rec.id}`, c, st.stockedBy);
          else {
            st.stockedBy = rec.id;
            st.returnedBy = null;
            if (rec.fixmedins_hilist_id) st.stockDrug = { drug: rec.fixmedins_hilist_id, id: rec.id };
          }
        }
        break;
      case 'stock-change': {
        const toSupplier = SUPPLIER_RETURN_TYPES.has(String(rec.fields.inv_chg_type ?? '').trim());
        for (const c of codes) {
          const st = this.state(c);
          st.stockedBy = null;
          if (toSupplier) st.returnedBy = rec.id;
        }
        break;
      }
      case 'stock-count':
        break;
    }
  }
}
