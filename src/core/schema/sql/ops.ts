/**
 * Dialect-neutral DDL operations: what the planner decides, before a renderer spells it for a
 * database. Table-level operations carry the table's name; `createTable` carries the whole table.
 */
import type { ColumnAspect } from '../changes.js';
import { objectKey } from '../fingerprint.js';
import type {
  Check,
  Column,
  ForeignKey,
  Index,
  PrimaryKey,
  Routine,
  Sequence,
  Table,
  TableOptions,
  View,
} from '../model.js';

export type Op =
  | {
      op: 'createTable';
      table: Table /** FKs rendered later (cycles, or tables created afterwards). */;
      deferFks: string[];
    }
  | { op: 'dropTable'; table: string }
  | { op: 'renameTable'; from: string; to: string }
  | {
      op: 'tableOptions';
      table: string;
      from: TableOptions & { comment?: string };
      to: TableOptions & { comment?: string };
      aspects: Array<'engine' | 'charset' | 'comment'>;
    }
  | {
      op: 'addColumn';
      table: string;
      column: Column /** MySQL placement: after this column, or first when null. */;
      after?: string | null;
    }
  | { op: 'dropColumn'; table: string; column: Column }
  | { op: 'renameColumn'; table: string; from: string; to: string; column: Column }
  | { op: 'alterColumn'; table: string; from: Column; to: Column; aspects: ColumnAspect[] }
  | { op: 'addPrimaryKey'; table: string; pk: PrimaryKey }
  | { op: 'dropPrimaryKey'; table: string; pk: PrimaryKey }
  | { op: 'createIndex'; table: string; index: Index }
  | { op: 'dropIndex'; table: string; index: Index }
  | { op: 'renameIndex'; table: string; from: Index; to: Index }
  | { op: 'addForeignKey'; table: string; fk: ForeignKey }
  | { op: 'dropForeignKey'; table: string; fk: ForeignKey }
  | { op: 'addCheck'; table: string; check: Check }
  | { op: 'dropCheck'; table: string; check: Check }
  | { op: 'createView'; view: View; replace: boolean }
  | { op: 'dropView'; view: View }
  | { op: 'createRoutine'; routine: Routine; replace: boolean }
  | { op: 'dropRoutine'; routine: Routine }
  | { op: 'createSequence'; sequence: Sequence }
  | { op: 'alterSequence'; from: Sequence; to: Sequence }
  | { op: 'dropSequence'; sequence: Sequence }
  /** Nothing hisops can write: the reason is the whole content (unknown object kinds). */
  | { op: 'manual'; note: string };

/** The table an operation works on, if any. */
export function opTable(o: Op): string | undefined {
  switch (o.op) {
    case 'createTable':
      return o.table.name;
    case 'renameTable':
      return o.to;
    case 'createView':
    case 'dropView':
    case 'createRoutine':
    case 'dropRoutine':
    case 'createSequence':
    case 'alterSequence':
    case 'dropSequence':
    case 'manual':
      return undefined;
    default:
      return o.table;
  }
}

/**
 * The objects (fingerprint.ts `objectKey`) an operation changes: a journaled apply compares
 * exactly these before and after each statement to tell whether a statement that was running
 * when the process died took effect.
 */
export function opObjects(o: Op): string[] {
  switch (o.op) {
    case 'renameTable':
      return [objectKey.table(o.from), objectKey.table(o.to)];
    case 'createView':
    case 'dropView':
      return [objectKey.view(o.view.name)];
    case 'createRoutine':
    case 'dropRoutine':
      return [objectKey.routine(o.routine.kind, o.routine.name)];
    case 'createSequence':
    case 'dropSequence':
      return [objectKey.sequence(o.sequence.name)];
    case 'alterSequence':
      return [objectKey.sequence(o.to.name)];
    case 'manual':
      return [];
    default: {
      const t = opTable(o);
      return t ? [objectKey.table(t)] : [];
    }
  }
}

/** One rendered statement. `block` marks bodies with their own semicolons (routines, PL/SQL). */
export interface Stmt {
  sql: string;
  block?: boolean;
}
