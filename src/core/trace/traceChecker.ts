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
 *   library     drug_mismatch (the four-code library gives the code another national code than
 *               the item's) · not_in_library (a note: the product code has no library entry)
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
import { normalizeCode, productPrefix } from './normalizeCode.js';
import type { LibraryEntry } from './libraryRow.js';
import { PackageTree } from './packageTree.js';
import type { PackageEdge } from './relationRow.js';
import type { CheckerOptions, HistoryMovement, KnownSale, StockedMovement } from './checkerInputs.js';
import { FINDING_FIX } from './findingFix.js';
import {
  NOTE_KINDS,
  SUPPLIER_RETURN_TYPES,
  type CheckedRecord,
  type Finding,
  type FindingKind,
  type KnownRecord,
  type LibraryDrug,
  type TraceRecord,
} from './types.js';

export { FINDING_FIX } from './findingFix.js';
export type { CheckerOptions, HistoryMovement, KnownSale, StockedMovement } from './checkerInputs.js';

/** Adds a finding (or a note) to the record being checked. */
type Add = (
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

export class TraceChecker {
  private readonly codeState = new Map<string, CodeState>();
  private readonly sales = new Map<string, SaleState>();
  private readonly historyAsked = new Set<string>();
  private readonly originsAsked = new Set<string>();
  private readonly library = new Map<string, LibraryEntry[]>();
  private readonly libraryAsked = new Set<string>();
  private readonly tree = new PackageTree();
  private readonly relationsAsked = new Set<string>();

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
    const sorted = [...movements].sort((a, b) =>
      a.op_time < b.op_time ? -1 : a.op_time > b.op_time ? 1 : a.kind === 'sale' ? -1 : 1,
    );
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
    for (const r of records)
      if (r.kind === 'return' && r.origId && !this.sales.has(r.origId) && !this.originsAsked.has(r.origId))
        out.add(r.origId);
    return [...out];
  }

  addKnownSales(asked: readonly string[], sales: readonly KnownSale[]): void {
    for (const id of asked) this.originsAsked.add(id);
    for (const s of sales)
      if (!this.sales.has(s.record_id))
        this.sales.set(s.record_id, { cnt: s.cnt === null ? null : D(s.cnt), returned: D(s.returned) });
  }

  /** Product codes of valid codes whose library entries have not been loaded yet (none without `library`). */
  prefixesWithoutLibrary(records: readonly TraceRecord[]): string[] {
    if (!this.opts.library) return [];
    const out = new Set<string>();
    for (const r of records) {
      for (const raw of r.codes) {
        const v = normalizeCode(raw);
        if (v.ok && !this.libraryAsked.has(productPrefix(v.code))) out.add(productPrefix(v.code));
      }
    }
    return [...out];
  }

  /** Load the library entries of these product codes (those without an entry are simply absent). */
  addLibrary(asked: readonly string[], entries: ReadonlyMap<string, readonly LibraryEntry[]>): void {
    for (const p of asked) this.libraryAsked.add(p);
    for (const [p, list] of entries) this.library.set(p, [...list]);
  }

  /** Valid codes whose package relations have not been loaded yet (none without `relations`). */
  codesWithoutRelations(records: readonly TraceRecord[]): string[] {
    if (!this.opts.relations) return [];
    const out = new Set<string>();
    for (const r of records) {
      for (const raw of r.codes) {
        const v = normalizeCode(raw);
        if (v.ok && !this.relationsAsked.has(v.code)) out.add(v.code);
      }
    }
    return [...out];
  }

  /** Load the relations around these codes (the packages they are in, and what they hold). */
  addRelations(asked: readonly string[], edges: Iterable<PackageEdge>): void {
    for (const c of asked) this.relationsAsked.add(c);
    this.tree.add(edges);
  }

  /**
   * The stock-in record that received this code in the window so far — itself, or inside one of
   * its packages (a case received whole counts for every box in it); null when none did.
   */
  receivedBy(code: string): string | null {
    const own = this.codeState.get(code)?.stockedBy;
    if (own) return own;
    for (const p of this.tree.parentsOf(code)) {
      const by = this.codeState.get(p)?.stockedBy;
      if (by) return by;
    }
    return null;
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
    const notes: Finding[] = [];
    const add = (
      kind: FindingKind,
      message: string,
      code: string | null = null,
      related: string | null = null,
      fix = FINDING_FIX[kind],
      extra: Partial<Finding> = {},
    ) =>
      (NOTE_KINDS.has(kind) ? notes : findings).push({
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
        ...extra,
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
        if (!repeated.has(v.code))
          add('duplicate_in_record', `${v.code} is scanned more than once in ${rec.id}`, v.code);
        repeated.add(v.code);
        return;
      }
      seen.add(v.code);
      codes.push(v.code);
    });
    const known7 = this.opts.prefixes?.get(rec.fixmedins_hilist_id);
    if (known7 && known7.size) {
      for (const c of codes) {
        if (!known7.has(productPrefix(c)))
          add(
            'prefix_mismatch',
            `${c} starts with ${productPrefix(c)}, but ${rec.fixmedins_hilist_id} is known by ${[...known7].sort().join(', ')}`,
            c,
          );
      }
    }

    // 2. The codes' movements through the window.
    this.move(rec, codes, add);

    // 3. The national code valid on the day.
    const national = this.nationalCodes(rec);
    let med_list_codg: string | null = null;
    if (national !== undefined) {
      if (national.length === 0)
        add('no_mapping', `${rec.fixmedins_hilist_id} has no mapping to a national code valid on ${rec.day}`);
      else if (national.length > 1)
        add('mapping_ambiguous', `${rec.fixmedins_hilist_id} maps to ${national.join(' and ')} on ${rec.day}`);
      else med_list_codg = national[0]!;
    }

    // 4. The four-code library: which drug each code's product code belongs to.
    if (this.opts.library) this.checkLibrary(rec, codes, med_list_codg, add);

    // 5. What the center requires.
    const built = buildItem(rec, med_list_codg, codes, this.opts.defaults);
    if (built.problems.length) add('missing_field', describeItemProblems(built.problems));
    if (known?.status === 'accepted' && known.content_digest && known.content_digest !== built.digest) {
      add(
        'changed_after_upload',
        `${rec.id} was accepted by the center with other content; the HIS record has changed since`,
      );
    }
    return {
      record: rec,
      findings,
      ...(notes.length ? { notes } : {}),
      med_list_codg,
      codes,
      ...(findings.length ? {} : { item: built.item }),
      digest: built.digest,
    };
  }

  /**
   * A code whose product code the library gives only other national codes than the item's (on
   * the record's day, or on any day: a drug whose national code changed) is another drug's box. A product code without an entry is a note, once per
   * record. Without the item's national code (no mapping) there is nothing to compare.
   */
  private checkLibrary(
    rec: TraceRecord,
    codes: readonly string[],
    med_list_codg: string | null,
    add: (
      kind: FindingKind,
      message: string,
      code?: string | null,
      related?: string | null,
      fix?: string,
      extra?: Partial<Finding>,
    ) => void,
  ): void {
    const unknown = new Set<string>();
    for (const c of codes) {
      const p = productPrefix(c);
      const entries = this.library.get(p);
      if (!entries || entries.length === 0) {
        if (!unknown.has(p))
          add('not_in_library', `product code ${p} of ${c} has no entry in the four-code library`, c);
        unknown.add(p);
        continue;
      }
      if (med_list_codg === null || entries.some((e) => e.med_list_codg === med_list_codg)) continue;
      // The library holds today's national code; a record of a day before the drug's code changed carries the older one.
      const ever = this.opts.mapping?.codesEver?.(rec.fixmedins_hilist_id) ?? [];
      if (entries.some((e) => ever.includes(e.med_list_codg))) continue;
      const e = entries[0]!;
      const drug: LibraryDrug = {
        trac_prefix: e.trac_prefix,
        med_list_codg: e.med_list_codg,
        drug_name: e.drug_name,
        drugstdcode: e.drugstdcode,
        aprvno: e.aprvno,
        pac_lv: e.pac_lv,
      };
      const named = entries
        .map((x) => (x.drug_name ? `${x.drug_name} (${x.med_list_codg})` : x.med_list_codg))
        .join(' or ');
      add(
        'drug_mismatch',
        `${c} is ${named} by the four-code library, but ${rec.fixmedins_hilist_id} is ${med_list_codg}`,
        c,
        null,
        FINDING_FIX.drug_mismatch,
        { library: drug },
      );
    }
  }

  private nationalCodes(rec: TraceRecord): string[] | undefined {
    if (this.opts.mapping) return this.opts.mapping.codesOn(rec.fixmedins_hilist_id, rec.day);
    const f = rec.fields;
    const mapped =
      f.med_list_codg === null || f.med_list_codg === undefined || f.med_list_codg === ''
        ? null
        : String(f.med_list_codg);
    if (f.map_cnt !== undefined && f.map_cnt !== null && f.map_cnt !== '') {
      const n = Number(f.map_cnt);
      if (n === 0 || !mapped) return [];
      return n > 1 ? [mapped, `(${n - 1} more)`] : [mapped];
    }
    if (mapped) return [mapped];
    return undefined;
  }

  private move(rec: TraceRecord, codes: readonly string[], add: Add): void {
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

  private sell(rec: TraceRecord, codes: readonly string[], add: Add): void {
    const trdn = String(rec.fields.trdn_flag ?? '') === '1';
    for (const c of codes) {
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
      } else st.open.push({ id: rec.id, trdn });
    }
    if (!this.sales.has(rec.id)) this.sales.set(rec.id, { cnt: rec.cnt === null ? null : D(rec.cnt), returned: D(0) });
  }

  private takeBack(rec: TraceRecord, codes: readonly string[], add: Add): void {
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

  private receive(rec: TraceRecord, codes: readonly string[], add: Add): void {
    const by = (k: string) => this.codeState.get(k)?.stockedBy;
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
