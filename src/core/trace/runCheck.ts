/**
 * `trace check`: every check, nothing sent, nothing written. Over a window of days read from the
 * HIS (with the journal for what happened before the window), or over the rows of a file.
 */
import { daysOf, type Window } from './days.js';
import { groupDispensing, groupStock } from './groupRows.js';
import type { MappingLookup, PrefixIndex } from './mappingIndex.js';
import { loadStores, scanDays, type LibraryLoader, type RelationLoader } from './scanDays.js';
import type { TraceSettings } from './settings.js';
import { TraceChecker } from './traceChecker.js';
import { checkCodeList, type TraceFileRows } from './traceFile.js';
import type { TraceJournal } from './traceJournal.js';
import type { TraceSource } from './traceSource.js';
import type { LibraryVersion } from './libraryStore.js';
import { FINDING_KINDS, type CheckedRecord, type Finding, type FindingKind, type TraceKind } from './types.js';

export interface DayCount {
  day: string;
  records: number;
  codes: number;
  findings: number;
}

export interface CheckReport {
  window: Window | null;
  kinds: TraceKind[];
  records: number;
  codes: number;
  /** Records without any finding. */
  clean: number;
  findings: Finding[];
  byKind: Partial<Record<FindingKind, number>>;
  perDay: DayCount[];
  /** Days of the window with no records at all. */
  emptyDays: string[];
  /** Checks that could not run for lack of data (a file without mapping columns …). */
  skipped: string[];
  /** Notes that hold nothing back (codes whose product code the four-code library lacks). */
  notes: Finding[];
  /** The four-code library the codes were checked against (null: none imported, not checked). */
  library: Pick<LibraryVersion, 'version' | 'source' | 'entries' | 'imported_at'> | null;
}

/** The four-code library and the package relations a check uses (both from the journal database). */
export interface CheckStores {
  /** The current library version; the library is used only when there is one. */
  libraryVersion?: LibraryVersion | null;
  library?: LibraryLoader;
  relations?: RelationLoader;
}

function storeOptions(s: CheckStores | undefined): { library: boolean; relations: boolean } {
  return { library: !!(s?.library && s.libraryVersion), relations: !!s?.relations };
}

/** What `skipped` says when no four-code library was imported. */
const NO_LIBRARY = 'four-code library: none imported (hisops trace library import FILE, or trace library download)';

function libraryOf(s: CheckStores | undefined): CheckReport['library'] {
  const v = s?.libraryVersion;
  return v ? { version: v.version, source: v.source, entries: v.entries, imported_at: v.imported_at } : null;
}

export interface CheckWindowOptions {
  source: TraceSource;
  journal?: TraceJournal;
  window: Window;
  kinds: readonly TraceKind[];
  settings: TraceSettings;
  stores?: CheckStores;
  onDay?: (p: { day: string; index: number; days: number }) => void;
}

function tally(report: CheckReport, day: string, checked: readonly CheckedRecord[]): void {
  let codes = 0;
  let findings = 0;
  for (const c of checked) {
    codes += c.record.codes.length;
    findings += c.findings.length;
    if (c.findings.length === 0) report.clean++;
    for (const f of c.findings) {
      report.findings.push(f);
      report.byKind[f.kind] = (report.byKind[f.kind] ?? 0) + 1;
    }
    for (const f of c.notes ?? []) {
      report.notes.push(f);
      report.byKind[f.kind] = (report.byKind[f.kind] ?? 0) + 1;
    }
  }
  report.records += checked.length;
  report.codes += codes;
  report.perDay.push({ day, records: checked.length, codes, findings });
}

function emptyReport(window: Window | null, kinds: readonly TraceKind[]): CheckReport {
  return {
    window,
    kinds: [...kinds],
    records: 0,
    codes: 0,
    clean: 0,
    findings: [],
    byKind: {},
    perDay: [],
    emptyDays: [],
    skipped: [],
    notes: [],
    library: null,
  };
}

export async function checkWindow(o: CheckWindowOptions): Promise<CheckReport> {
  const report = emptyReport(o.window, o.kinds);
  report.library = libraryOf(o.stores);
  const use = storeOptions(o.stores);
  if (o.stores && !use.library) report.skipped.push(NO_LIBRARY);
  const checker = new TraceChecker({
    mapping: await o.source.mapping(),
    prefixes: await o.source.prefixes(),
    defaults: o.settings.defaults,
    ...use,
  });
  const days = daysOf(o.window);
  let i = 0;
  for await (const d of scanDays({
    source: o.source,
    journal: o.journal,
    checker,
    days: days.map((day) => ({ day })),
    kinds: new Set(o.kinds),
    historyBefore: `${o.window.from} 00:00:00`,
    library: use.library ? o.stores!.library : undefined,
    relations: use.relations ? o.stores!.relations : undefined,
  })) {
    o.onDay?.({ day: d.day, index: ++i, days: days.length });
    if (d.checked.length === 0) report.emptyDays.push(d.day);
    tally(report, d.day, d.checked);
  }
  sortFindings(report.findings);
  sortFindings(report.notes);
  return report;
}

export interface CheckFileOptions {
  file: string;
  rows: TraceFileRows;
  settings: TraceSettings;
  journal?: TraceJournal;
  mapping?: MappingLookup;
  prefixes?: PrefixIndex;
  stores?: CheckStores;
}

/** Check the rows of a file: all of them as one batch, in time order. */
export async function checkFile(o: CheckFileOptions): Promise<CheckReport> {
  const kinds: TraceKind[] = ['sale', 'return', 'stock-in', 'stock-change'];
  if (o.rows.format === 'codes') {
    const report = emptyReport(null, []);
    report.records = o.rows.codes.length;
    report.codes = o.rows.codes.length;
    report.findings = checkCodeList(o.rows.codes, o.file);
    for (const f of report.findings) report.byKind[f.kind] = (report.byKind[f.kind] ?? 0) + 1;
    report.clean = report.records - new Set(report.findings.map((f) => f.line)).size;
    report.skipped.push('a list of codes is checked for format and repeats only (no drugs, mappings or movements)');
    return report;
  }
  const records = [
    ...groupDispensing(o.rows.dispensing, { lines: o.rows.dispensingLines }),
    ...groupStock(o.rows.stock, { lines: o.rows.stockLines }),
  ];
  const report = emptyReport(null, kinds);
  report.library = libraryOf(o.stores);
  const use = storeOptions(o.stores);
  if (o.stores && !use.library) report.skipped.push(NO_LIBRARY);
  const hasMapping =
    o.mapping !== undefined ||
    records.some((r) => r.fields.med_list_codg !== undefined || r.fields.map_cnt !== undefined);
  if (!hasMapping) report.skipped.push('mapping: the file has no med_list_codg/map_cnt columns');
  if (!o.prefixes) report.skipped.push('product-identification prefixes: not read for a file');
  const checker = new TraceChecker({ mapping: o.mapping, prefixes: o.prefixes, defaults: o.settings.defaults, ...use });
  await loadStores(checker, records, {
    library: use.library ? o.stores!.library : undefined,
    relations: use.relations ? o.stores!.relations : undefined,
  });
  const first = records.reduce((m, r) => (r.time && r.time < m ? r.time : m), '9999-12-31 23:59:59');
  const known = o.journal ? await o.journal.known(records.map((r) => r.key)) : undefined;
  if (o.journal) {
    const codes = checker.codesWithoutHistory(records);
    if (codes.length) checker.addHistory(codes, await o.journal.history(codes, first));
    const origins = checker.unknownOrigins(records);
    if (origins.length) checker.addKnownSales(origins, await o.journal.knownSales(origins, first));
  }
  const checked = checker.check(records, known);
  const byDay = new Map<string, CheckedRecord[]>();
  for (const c of checked) {
    const list = byDay.get(c.record.day) ?? [];
    list.push(c);
    byDay.set(c.record.day, list);
  }
  for (const [day, list] of [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))) tally(report, day, list);
  sortFindings(report.findings);
  sortFindings(report.notes);
  return report;
}

const ORDER = new Map(FINDING_KINDS.map((k, i) => [k, i]));

export function sortFindings(fs: Finding[]): void {
  fs.sort((a, b) =>
    a.day !== b.day
      ? a.day < b.day
        ? -1
        : 1
      : a.record_id !== b.record_id
        ? a.record_id < b.record_id
          ? -1
          : 1
        : ORDER.get(a.kind)! - ORDER.get(b.kind)!,
  );
}
