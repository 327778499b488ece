/**
 * The sync plan's data: the execution phases, plan items (a change classified as safe or for
 * review, with the operations that carry it out), the rendered statements and the plan itself.
 */
import type { Dialect } from '../db/index.js';
import type { DiffResult, RenameMap } from './diff.js';
import type { NameFilter } from './filter.js';
import type { Op } from './sql/ops.js';

export type Section = 'safe' | 'review';

/** Execution order. Review items use the same order so that uncommenting them top-down works. */
export const PHASE = {
  dropObject: 10,
  dropForeignKey: 20,
  dropIndex: 25,
  sequence: 30,
  rename: 35,
  createTable: 40,
  alterTable: 50,
  index: 60,
  foreignKey: 70,
  view: 80,
  routine: 90,
  /** Package and type bodies: Oracle compiles a body only once its specification exists. */
  routineBody: 92,
  trigger: 95,
  dropTable: 100,
  manual: 110,
} as const;

export interface PlanItem {
  section: Section;
  phase: number;
  table?: string;
  title: string;
  reasons: string[];
  ops: Op[];
}

export interface PlannedStatement {
  seq: number;
  section: Section;
  sql: string;
  block: boolean;
  titles: string[];
  reasons: string[];
  /** The objects the statement changes (objectKey form), for resuming exactly. */
  objects: string[];
}

interface PlanSide {
  display: string;
  dialect: Dialect;
  fingerprint: string;
}

export interface Plan {
  planId: string;
  dialect: Dialect;
  createdAt: string;
  hisopsVersion: string;
  current: PlanSide;
  target: PlanSide;
  diff: DiffResult;
  items: PlanItem[];
  statements: PlannedStatement[];
  counts: { changes: number; safeItems: number; reviewItems: number; safeStatements: number; reviewStatements: number };
  warnings: string[];
}

export interface PlanOptions {
  now: Date;
  hisopsVersion: string;
  /** Dialect to write the script for (default: the current database's). */
  dialect?: Dialect;
  renames?: RenameMap;
  filter?: Partial<NameFilter>;
  /** Longest Oracle identifier (30 before 12.2, 128 after; default 30): generated names are shortened to it. */
  oracleMaxIdentifier?: number;
}

/** Changes to one table in these phases are merged into one statement (one table rebuild). */
const MERGED_PHASES: Record<Dialect, number[][]> = {
  mysql: [[PHASE.alterTable, PHASE.index]],
  postgres: [],
  sqlite: [[PHASE.alterTable, PHASE.index]],
  oracle: [],
  mssql: [],
};

/** The phase a phase sorts and merges as: the first of its merged group. */
export function mergedPhase(dialect: Dialect, phase: number): number {
  const group = MERGED_PHASES[dialect].find((g) => g.includes(phase));
  return group ? group[0]! : phase;
}
