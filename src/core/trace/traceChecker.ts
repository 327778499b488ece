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
import { D } from '../money.js';
import { buildItem, describeItemProblems } from './buildItem.js';
import { compareRecords } from './groupRows.js';
import { normalizeCode, productPrefix } from './normalizeCode.js';
import type { LibraryEntry } from './libraryRow.js';
import type { PackageEdge } from './relationRow.js';
import type { CheckerOptions, HistoryMovement, KnownSale, StockedMovement } from './checkerInputs.js';
import { FINDING_FIX } from './findingFix.js';
import { CodeMovements, openSale, type AddFinding } from './codeMovements.js';
import {
  NOTE_KINDS,
  type CheckedRecord,
  type Finding,
  type FindingKind,
  type KnownRecord,
  type LibraryDrug,
  type TraceRecord,
} from './types.js';

export { FINDING_FIX } from './findingFix.js';
export type { CheckerOptions, HistoryMovement, KnownSale, StockedMovement } from './checkerInputs.js';

export class TraceChecker {
  /** Where each code is in the window, and the sales returns are counted against. */
  private readonly moves = new CodeMovements();
  private readonly historyAsked = new Set<string>();
  private readonly originsAsked = new Set<string>();
  private readonly library = new Map<string, LibraryEntry[]>();
  private readonly libraryAsked = new Set<string>();
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
      const st = this.moves.state(m.drug_trac_codg);
      if (m.kind === 'sale') openSale(st, { id: m.record_id, trdn: m.trdn_flag === '1' });
      else if (st.open.length) st.open.shift();
    }
  }

  /** Load the stock-ins of these codes before the window (the drug each was received as). */
  addStockHistory(movements: readonly StockedMovement[]): void {
    const sorted = [...movements].sort((a, b) => (a.op_time < b.op_time ? -1 : a.op_time > b.op_time ? 1 : 0));
    for (const m of sorted) {
      if (!m.fixmedins_hilist_id) continue;
      const st = this.moves.state(m.drug_trac_codg);
      st.stockDrug = { drug: m.fixmedins_hilist_id, id: m.record_id };
    }
  }

  /** Original sales named by returns that neither the window nor the journal has told about yet. */
  unknownOrigins(records: readonly TraceRecord[]): string[] {
    const out = new Set<string>();
    for (const r of records)
      if (r.kind === 'return' && r.origId && !this.moves.sales.has(r.origId) && !this.originsAsked.has(r.origId))
        out.add(r.origId);
    return [...out];
  }

  addKnownSales(asked: readonly string[], sales: readonly KnownSale[]): void {
    for (const id of asked) this.originsAsked.add(id);
    for (const s of sales)
      if (!this.moves.sales.has(s.record_id))
        this.moves.sales.set(s.record_id, { cnt: s.cnt === null ? null : D(s.cnt), returned: D(s.returned) });
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
    this.moves.tree.add(edges);
  }

  /**
   * The stock-in record that received this code in the window so far — itself, or inside one of
   * its packages (a case received whole counts for every box in it); null when none did.
   */
  receivedBy(code: string): string | null {
    return this.moves.receivedBy(code);
  }

  /** Check records (one day, or any slice that comes after the previous one in time). */
  check(records: readonly TraceRecord[], known: ReadonlyMap<string, KnownRecord> = new Map()): CheckedRecord[] {
    return [...records].sort(compareRecords).map((r) => this.checkOne(r, known.get(r.key)));
  }

  /** One record through every check, in order; a record with any finding is held back whole. */
  private checkOne(rec: TraceRecord, known: KnownRecord | undefined): CheckedRecord {
    const findings: Finding[] = [];
    const notes: Finding[] = [];
    const add = findingAdder(rec, findings, notes);
    // 1. The codes on their own.
    const codes = readCodes(rec, add);
    this.checkPrefixes(rec, codes, add);
    // 2. The codes' movements through the window.
    this.moves.move(rec, codes, add);
    // 3. The national code valid on the day.
    const med_list_codg = this.nationalCode(rec, add);
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

  /** A code whose first 7 digits are none of the drug's known product codes. */
  private checkPrefixes(rec: TraceRecord, codes: readonly string[], add: AddFinding): void {
    const known7 = this.opts.prefixes?.get(rec.fixmedins_hilist_id);
    if (!known7 || !known7.size) return;
    for (const c of codes) {
      if (!known7.has(productPrefix(c)))
        add(
          'prefix_mismatch',
          `${c} starts with ${productPrefix(c)}, but ${rec.fixmedins_hilist_id} is known by ${[...known7].sort().join(', ')}`,
          c,
        );
    }
  }

  /** The one national code the item maps to on the record's day; null when none or several (a finding) or unknown. */
  private nationalCode(rec: TraceRecord, add: AddFinding): string | null {
    const national = this.nationalCodes(rec);
    if (national === undefined) return null;
    if (national.length === 0)
      add('no_mapping', `${rec.fixmedins_hilist_id} has no mapping to a national code valid on ${rec.day}`);
    else if (national.length > 1)
      add('mapping_ambiguous', `${rec.fixmedins_hilist_id} maps to ${national.join(' and ')} on ${rec.day}`);
    else return national[0]!;
    return null;
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
    add: AddFinding,
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
}

/** The function a record's checks add their findings (and notes) with. */
function findingAdder(rec: TraceRecord, findings: Finding[], notes: Finding[]): AddFinding {
  return (
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
}

/** The record's valid codes, each once; a malformed or repeated code is a finding. */
function readCodes(rec: TraceRecord, add: AddFinding): string[] {
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
  return codes;
}
