/**
 * Where records come from: the HIS, through the profile's statements (`dispensing_for_upload`,
 * `stock_for_upload`, `drug_trace_prefixes`, `mappings`). The national code of an item on a day
 * comes from the HIS's own mapping table (`mappings`) until the catalog module offers a lookup;
 * any MappingLookup can be passed instead.
 */
import type { Db } from '../db/index.js';
import { runStatement, type Profile } from '../his/index.js';
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
}

/** A day's parts, [from, to), in order: the slices readDay reads. */
export function dayParts(day: string): Array<{ from: string; to: string }> {
  return SLICES.map((s, i) => ({ from: `${day} ${s}`, to: i + 1 < SLICES.length ? `${day} ${SLICES[i + 1]}` : `${addDays(day, 1)} 00:00:00` }));
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
    ...(counts ? { stockCount: (day: string) => runStatement(db, profile, 'stock_count_for_upload', { from: `${day} 00:00:00`, to: `${addDays(day, 1)} 00:00:00` }) } : {}),
    dispensing: (day) => readDay((p) => runStatement(db, profile, 'dispensing_for_upload', p), day),
    stock: (day) => readDay((p) => runStatement(db, profile, 'stock_for_upload', p), day),
    dispensingPart: (from, to) => runStatement(db, profile, 'dispensing_for_upload', { from, to }),
    stockPart: (from, to) => runStatement(db, profile, 'stock_for_upload', { from, to }),
    prefixes: () => (prefixes ??= runStatement(db, profile, 'drug_trace_prefixes').then((rows) => prefixIndex(rows as Array<{ fixmedins_hilist_id: unknown; trac_prefix: unknown }>))),
    mapping: () =>
      (mapping ??= opts.mapping
        ? Promise.resolve(opts.mapping)
        : runStatement(db, profile, 'mappings').then((rows) => mappingIndex(rows as Array<{ fixmedins_hilist_id: unknown; med_list_codg: unknown; begndate: unknown; enddate: unknown }>))),
  };
}
