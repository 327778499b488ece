/**
 * What the demo HIS generator pushes its rows into: plain objects keyed by the reference columns
 * (money in integer fen), one table at a time.
 */
export type Row = Record<string, unknown>;

export interface RowSink {
  add(table: string, row: Row): void;
}
