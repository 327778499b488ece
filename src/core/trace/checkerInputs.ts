/** What the trace checker is given: its options, and what the journal knows from before the window. */
import type { MappingLookup, PrefixIndex } from './mappingIndex.js';

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
  /**
   * Check codes against the four-code library. Its entries are loaded by the caller when the
   * checker asks (`prefixesWithoutLibrary` → `addLibrary`), a day at a time.
   */
  library?: boolean;
  /**
   * Follow package relations (a case received at stock-in holds its boxes). Loaded like the
   * library: `codesWithoutRelations` → `addRelations`.
   */
  relations?: boolean;
}
