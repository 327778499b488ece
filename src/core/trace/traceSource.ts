/**
 * Where records come from: the HIS, through the profile's statements (`dispensing_for_upload`,
 * `stock_for_upload`, `drug_trace_prefixes`, `mappings`). The national code of an item on a day
 * comes from the HIS's own mapping table (`mappings`) until the catalog module offers a lookup;
 * any MappingLookup can be passed instead.
 */
import type { Db } from '../db/index.js';
import { columnKind, normalizeValue, runStatement, runStatementEach, type Profile } from '../his/index.js';
import { rawGrouper } from './groupRows.js';
import type { TraceRecord } from './types.js';
import { addDays } from './days.js';
import { mappingIndex, prefixIndex, type MappingLookup, type PrefixIndex } from './mappingIndex.js';

type Row = Record<string, unknown>;

export interface TraceSource {
  /** Sales and returns with sel_retn_time on the day, one row per code. */
  dispensing(day: string): Promise<Row[]>;
  /** Stock movements with inv_chg_time on the day, one row per code. */
  stock(day: string): Promise<Row[]>;
  /** Stock-takes (盘存) with invdate on the day, one row per code; absent when the profile has no stock_count_for_upload. */
  stockCount?(day: string): Promise<Row[]>;
  prefixes(): Promise<PrefixIndex>;
  mapping(): Promise<MappingLookup>;
  /**
   * The same rows a part of a day at a time, [from, to) on the record time (optional): an upload
   * then holds one part of a day, not the whole day. All rows of a record share its time, so no
   * record is split.
   */
  dispensingPart?(from: string, to: string): Promise<Row[]>;
  stockPart?(from: string, to: string): Promise<Row[]>;
  /**
   * The records of a part of a day, grouped as the source reads them (optional): a profile source
   * streams the rows and makes an object of a record's first row only (see rawGrouper).
   */
  dispensingRecords?(from: string, to: string): Promise<TraceRecord[]>;
  stockRecords?(from: string, to: string): Promise<TraceRecord[]>;
}

/**
 * A day's parts, [from, to), in order: its hours. An upload reads, checks and sends a day an hour
 * at a time, so a busy day is never more than about an hour of records in memory, and the first
 * requests leave as soon as the first hour is checked.
 */
export function dayParts(day: string): Array<{ from: string; to: string }> {
  const next = `${addDays(day, 1)} 00:00:00`;
  return Array.from({ length: 24 }, (_, h) => ({
    from: `${day} ${h < 10 ? '0' : ''}${h}:00:00`,
    to: h === 23 ? next : `${day} ${h + 1 < 10 ? '0' : ''}${h + 1}:00:00`,
  }));
}

/** A statement's rows, streamed and grouped into records (see rawGrouper). */
async function readRecords(
  db: Db,
  profile: Profile,
  name: string,
  what: 'dispensing' | 'stock',
  from: string,
  to: string,
): Promise<TraceRecord[]> {
  const g = rawGrouper(what, (column, v) => normalizeValue(columnKind(column), v));
  await runStatementEach(db, profile, name, { from, to }, g.sink, { timesAsText: true });
  return g.records();
}

/**
 * A day is read in four six-hour slices. All rows of a record share its time, so no record is
 * split; and a busy day does not hold the event loop (and the requests waiting for their rate
 * slots) for one long synchronous read.
 */
const SLICES = ['00:00:00', '06:00:00', '12:00:00', '18:00:00'];

async function readDay(read: (p: { from: string; to: string }) => Promise<Row[]>, day: string): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < SLICES.length; i++) {
    const to = i + 1 < SLICES.length ? `${day} ${SLICES[i + 1]}` : `${addDays(day, 1)} 00:00:00`;
    for (const r of await read({ from: `${day} ${SLICES[i]}`, to })) out.push(r);
  }
  return out;
}

export function profileSource(db: Db, profile: Profile, opts: { mapping?: MappingLookup } = {}): TraceSource {
  let prefixes: Promise<PrefixIndex> | undefined;
  let mapping: Promise<MappingLookup> | undefined;
  const counts = profile.statements['stock_count_for_upload'] !== undefined;
  return {
    ...(counts
      ? {
          stockCount: (day: string) =>
            runStatement(db, profile, 'stock_count_for_upload', {
              from: `${day} 00:00:00`,
              to: `${addDays(day, 1)} 00:00:00`,
            }),
        }
      : {}),
    dispensing: (day) => readDay((p) => runStatement(db, profile, 'dispensing_for_upload', p), day),
    stock: (day) => readDay((p) => runStatement(db, profile, 'stock_for_upload', p), day),
    dispensingPart: (from, to) => runStatement(db, profile, 'dispensing_for_upload', { from, to }),
    stockPart: (from, to) => runStatement(db, profile, 'stock_for_upload', { from, to }),
    dispensingRecords: (from, to) => readRecords(db, profile, 'dispensing_for_upload', 'dispensing', from, to),
    stockRecords: (from, to) => readRecords(db, profile, 'stock_for_upload', 'stock', from, to),
    prefixes: () =>
      (prefixes ??= runStatement(db, profile, 'drug_trace_prefixes').then((rows) =>
        prefixIndex(rows as Array<{ fixmedins_hilist_id: unknown; trac_prefix: unknown }>),
      )),
    mapping: () =>
      (mapping ??= opts.mapping
        ? Promise.resolve(opts.mapping)
        : runStatement(db, profile, 'mappings').then((rows) =>
            mappingIndex(
              rows as Array<{
                fixmedins_hilist_id: unknown;
                med_list_codg: unknown;
                begndate: unknown;
                enddate: unknown;
              }>,
            ),
          )),
  };
}
