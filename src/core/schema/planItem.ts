/**
 * What the builders of plan items share (planClassify.ts, planColumnAlter.ts, planKeys.ts): the
 * context a change is classified in, and the two kinds of item, safe or for review.
 */
import type { Dialect } from '../db/index.js';
import { type Change, type ChangeKind, changeTitle } from './changes.js';
import type { Column, Table } from './model.js';
import type { PlanItem } from './planTypes.js';
import type { Op } from './sql/ops.js';

export interface ClassifyContext {
  dialect: Dialect;
  cur: Map<string, Table>;
  tgt: Map<string, Table>;
  newTables: Set<string>;
  /** table key → column keys added by this plan */
  addedColumns: Map<string, Set<string>>;
  charsetOf: (t: Table | undefined, c: Column) => string | undefined;
}

/** The plan items of one kind of change. */
export type Build<K extends ChangeKind> = (c: Extract<Change, { kind: K }>, ctx: ClassifyContext) => PlanItem[];

/** An item the script applies. */
export function safe(c: Change, phase: number, ops: Op[], table?: string): PlanItem {
  return { section: 'safe', phase, ...(table ? { table } : {}), title: changeTitle(c), reasons: [], ops };
}

/** An item written commented out, with why a person must look at it first. */
export function review(c: Change, phase: number, ops: Op[], reasons: string[], table?: string): PlanItem {
  return { section: 'review', phase, ...(table ? { table } : {}), title: changeTitle(c), reasons, ops };
}
