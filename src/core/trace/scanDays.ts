/**
 * Read, group and check the records of a list of days, one day at a time and in order, so that a
 * month of dispensing never has to sit in memory at once. Before each day the checker is told
 * what the journal knows of the day's codes before the first day (history) and of the sales the
 * day's returns name. Shared by `trace check` and `trace upload`.
 */
import { compareRecords, groupDispensing, groupStock, groupStockCount } from './groupRows.js';
import { anyStockedBefore, stockedBefore } from './stockHistory.js';
import type { LibraryEntry } from './libraryRow.js';
import type { PackageEdge } from './relationRow.js';
import type { TraceChecker } from './traceChecker.js';
import type { TraceJournal, UploadRow } from './traceJournal.js';
import { dayParts, type TraceSource } from './traceSource.js';
import type { CheckedRecord, KnownRecord, TraceKind, TraceRecord } from './types.js';

export interface ScanDay {
  day: string;
  /** Only these records of the day are wanted (retry, or a day outside the window with unresolved records). */
  only?: ReadonlySet<string>;
}

export interface ScannedDay {
  day: string;
  /** Records of the wanted kinds (and keys, with `only`), checked. */
  checked: CheckedRecord[];
  known: Map<string, KnownRecord & { row: UploadRow }>;
  /** The day's last part (with `chunk`, a day comes in parts of about that many records; else always true). */
  last: boolean;
}

export interface ScanOptions {
  source: TraceSource;
  journal?: TraceJournal;
  checker: TraceChecker;
  days: readonly ScanDay[];
  kinds: ReadonlySet<TraceKind>;
  /** History before this time comes from the journal (the start of the first day). */
  historyBefore: string;
  /**
   * Yield a day in parts of about this many checked records instead of whole, so that a caller
   * can start sending the day's first records while the rest is still being checked.
   */
  chunk?: number;
  /** The four-code library's entries of product codes (for a checker made with `library`). */
  library?: LibraryLoader;
  /** Package relations around codes (for a checker made with `relations`). */
  relations?: RelationLoader;
}

export type LibraryLoader = (prefixes: readonly string[]) => Promise<ReadonlyMap<string, readonly LibraryEntry[]>>;
export type RelationLoader = (codes: readonly string[]) => Promise<readonly PackageEdge[]>;

/** Load what the checker still lacks of the library and the relations for these records. */
export async function loadStores(checker: TraceChecker, records: readonly TraceRecord[], o: { library?: LibraryLoader; relations?: RelationLoader }): Promise<void> {
  if (o.library) {
    const prefixes = checker.prefixesWithoutLibrary(records);
    if (prefixes.length) checker.addLibrary(prefixes, await o.library(prefixes));
  }
  if (o.relations) {
    const codes = checker.codesWithoutRelations(records);
    if (codes.length) checker.addRelations(codes, await o.relations(codes));
  }
}

const DISPENSE_KINDS: TraceKind[] = ['sale', 'return'];
/** Records checked between two turns of the event loop. */
const SLICE = 250;
const STOCK_KINDS: TraceKind[] = ['stock-in', 'stock-change', 'stock-count'];

export async function* scanDays(o: ScanOptions): AsyncGenerator<ScannedDay> {
  const wantDispensing = DISPENSE_KINDS.some((k) => o.kinds.has(k));
  // Stock is read for sales too: a code dispensed must have come in as the same drug and not have
  // gone back to the supplier (the records of kinds not wanted are checked, then left out).
  const wantStock = wantDispensing || STOCK_KINDS.some((k) => o.kinds.has(k));
  const wantCounts = o.kinds.has('stock-count') && o.source.stockCount !== undefined;
  // Asked once: a journal without stock-ins before the window (dispensing only) costs no query per code.
  const stockHistory = wantDispensing && o.journal ? await anyStockedBefore(o.journal, o.historyBefore) : false;
  // With `chunk` (an upload), a day is read a part at a time when the source can (a month of a
  // busy pharmacy is then never more than a few hours of rows in memory); records sort by time
  // first, so the parts in order are the day in order. Without it, as one read per day. Stock-takes
  // are read per day only, so a day with them is read whole.
  const byParts = o.chunk !== undefined && !wantCounts && (!wantDispensing || o.source.dispensingPart) && (!wantStock || o.source.stockPart);
  for (const d of o.days) {
    const parts = byParts ? dayParts(d.day) : [null];
    let checked: CheckedRecord[] = [];
    let known = new Map<string, KnownRecord & { row: UploadRow }>();
    for (const [pi, part] of parts.entries()) {
      const records: TraceRecord[] = [];
      // Sales and returns are checked together even when only one of them is wanted: a return is
      // judged against the sales before it.
      if (wantDispensing) records.push(...groupDispensing(await (part ? o.source.dispensingPart!(part.from, part.to) : o.source.dispensing(d.day))));
      if (wantStock) records.push(...groupStock(await (part ? o.source.stockPart!(part.from, part.to) : o.source.stock(d.day))));
      if (wantCounts) records.push(...groupStockCount(await o.source.stockCount!(d.day)));
      const partKnown = o.journal ? await o.journal.known(records.map((r) => r.key)) : new Map<string, KnownRecord & { row: UploadRow }>();
      if (part && checked.length === 0) known = partKnown;
      else for (const [k, v] of partKnown) known.set(k, v);
      if (o.journal) {
        const codes = o.checker.codesWithoutHistory(records);
        if (codes.length) {
          o.checker.addHistory(codes, await o.journal.history(codes, o.historyBefore));
          if (stockHistory) o.checker.addStockHistory(await stockedBefore(o.journal, codes, o.historyBefore));
        }
        const origins = o.checker.unknownOrigins(records);
        if (origins.length) o.checker.addKnownSales(origins, await o.journal.knownSales(origins, o.historyBefore));
      }
      await loadStores(o.checker, records, o);
      // Checked a slice at a time, giving the event loop back in between: the next day is checked
      // while the current one is being sent, and a long synchronous check would hold up the requests
      // waiting for their rate slots.
      const sorted = records.sort(compareRecords);
      const lastPart = pi === parts.length - 1;
      for (let i = 0; i < sorted.length; i += SLICE) {
        for (const c of o.checker.check(sorted.slice(i, i + SLICE), partKnown)) if (o.kinds.has(c.record.kind) && (!d.only || d.only.has(c.record.key))) checked.push(c);
        if (o.chunk && checked.length >= o.chunk && (i + SLICE < sorted.length || !lastPart)) {
          // The checker keeps its state across parts: a part is checked against every record before it.
          yield { day: d.day, checked, known, last: false };
          checked = [];
          known = new Map(partKnown);
        }
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    yield { day: d.day, checked, known, last: true };
  }
}
