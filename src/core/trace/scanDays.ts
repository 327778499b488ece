/**
 * Read, group and check the records of a list of days, one day at a time and in order, so that a
 * month of dispensing never has to sit in memory at once. Before each day the checker is told
 * what the journal knows of the day's codes before the first day (history) and of the sales the
 * day's returns name. Shared by `trace check` and `trace upload`.
 */
import { yieldToIo } from '../shared/index.js';
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
  /** The day's last part (an upload reads a day in parts; else always true). */
  last: boolean;
}

interface ScanOptions {
  source: TraceSource;
  journal?: TraceJournal;
  checker: TraceChecker;
  days: readonly ScanDay[];
  kinds: ReadonlySet<TraceKind>;
  /** History before this time comes from the journal (the start of the first day). */
  historyBefore: string;
  /** The four-code library's entries of product codes (for a checker made with `library`). */
  library?: LibraryLoader;
  /** Package relations around codes (for a checker made with `relations`). */
  relations?: RelationLoader;
}

export type LibraryLoader = (prefixes: readonly string[]) => Promise<ReadonlyMap<string, readonly LibraryEntry[]>>;
export type RelationLoader = (codes: readonly string[]) => Promise<readonly PackageEdge[]>;

/** Load what the checker still lacks of the library and the relations for these records. */
export async function loadStores(
  checker: TraceChecker,
  records: readonly TraceRecord[],
  o: { library?: LibraryLoader; relations?: RelationLoader },
): Promise<void> {
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

/** One read of a scan: a day whole, or a part of it ([from, to) on the record time). */
interface ScanStep {
  day: ScanDay;
  part: { from: string; to: string } | null;
  /** The day's last step. */
  last: boolean;
}

/**
 * Reads, groups and checks the steps of a scan, one after the other and in order (the checker
 * keeps its state across steps: a step is checked against every record before it).
 */
export class DayScanner {
  private readonly wantDispensing: boolean;
  private readonly wantStock: boolean;
  private readonly wantCounts: boolean;
  private stockHistory: Promise<boolean> | undefined;

  constructor(private readonly o: ScanOptions) {
    this.wantDispensing = DISPENSE_KINDS.some((k) => o.kinds.has(k));
    // Stock is read for sales too: a code dispensed must have come in as the same drug and not have
    // gone back to the supplier (the records of kinds not wanted are checked, then left out).
    this.wantStock = this.wantDispensing || STOCK_KINDS.some((k) => o.kinds.has(k));
    this.wantCounts = o.kinds.has('stock-count') && o.source.stockCount !== undefined;
  }

  /**
   * The steps: with `parts` (an upload), each day an hour at a time when the source can (a month
   * of a busy pharmacy is then never more than an hour of rows in memory); records sort by time
   * first, so the parts in order are the day in order. Else one read per day. Stock-takes are read
   * per day only, so a day with them is read whole.
   */
  steps(parts: boolean): ScanStep[] {
    const s = this.o.source;
    const byParts =
      parts &&
      !this.wantCounts &&
      (!this.wantDispensing || s.dispensingPart || s.dispensingRecords) &&
      (!this.wantStock || s.stockPart || s.stockRecords);
    return this.o.days.flatMap((day) => {
      const list = byParts ? dayParts(day.day) : [null];
      return list.map((part, i) => ({ day, part, last: i === list.length - 1 }));
    });
  }

  /** One step's records of the wanted kinds (and keys, with `only`), checked. */
  async scan(step: ScanStep): Promise<ScannedDay> {
    const records = await this.read(step);
    const known = this.o.journal
      ? await this.o.journal.known(records.map((r) => r.key))
      : new Map<string, KnownRecord & { row: UploadRow }>();
    await this.loadHistory(records);
    await loadStores(this.o.checker, records, this.o);
    // Checked a slice at a time, giving the event loop back in between: the next step is checked
    // while the current one is being sent, and a long synchronous check would hold up the requests
    // waiting for their rate slots.
    const sorted = records.sort(compareRecords);
    const checked: CheckedRecord[] = [];
    const only = step.day.only;
    for (let i = 0; i < sorted.length; i += SLICE) {
      for (const c of this.o.checker.check(sorted.slice(i, i + SLICE), known))
        if (this.o.kinds.has(c.record.kind) && (!only || only.has(c.record.key))) checked.push(c);
      if (i + SLICE < sorted.length) await yieldToIo();
    }
    return { day: step.day.day, checked, known, last: step.last };
  }

  private async read({ day, part }: ScanStep): Promise<TraceRecord[]> {
    const s = this.o.source;
    const records: TraceRecord[] = [];
    // Sales and returns are checked together even when only one of them is wanted: a return is
    // judged against the sales before it.
    if (this.wantDispensing) {
      const got = !part
        ? groupDispensing(await s.dispensing(day.day))
        : s.dispensingRecords
          ? await s.dispensingRecords(part.from, part.to)
          : groupDispensing(await s.dispensingPart!(part.from, part.to));
      for (const r of got) records.push(r);
    }
    if (this.wantStock) {
      const got = !part
        ? groupStock(await s.stock(day.day))
        : s.stockRecords
          ? await s.stockRecords(part.from, part.to)
          : groupStock(await s.stockPart!(part.from, part.to));
      for (const r of got) records.push(r);
    }
    if (this.wantCounts) for (const r of groupStockCount(await s.stockCount!(day.day))) records.push(r);
    return records;
  }

  /** What the journal knows from before the first day about these records' codes and origins. */
  private async loadHistory(records: readonly TraceRecord[]): Promise<void> {
    const { journal, checker, historyBefore } = this.o;
    if (!journal) return;
    // Asked once: a journal without stock-ins before the window (dispensing only) costs no query per code.
    this.stockHistory ??= this.wantDispensing ? anyStockedBefore(journal, historyBefore) : Promise.resolve(false);
    const codes = checker.codesWithoutHistory(records);
    if (codes.length) {
      checker.addHistory(codes, await journal.history(codes, historyBefore));
      if (await this.stockHistory) checker.addStockHistory(await stockedBefore(journal, codes, historyBefore));
    }
    const origins = checker.unknownOrigins(records);
    if (origins.length) checker.addKnownSales(origins, await journal.knownSales(origins, historyBefore));
  }
}

/** Every wanted record of the days, a day at a time (`trace check`). */
export async function* scanDays(o: ScanOptions): AsyncGenerator<ScannedDay> {
  const scanner = new DayScanner(o);
  for (const step of scanner.steps(false)) yield await scanner.scan(step);
}
