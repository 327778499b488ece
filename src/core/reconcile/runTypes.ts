/**
 * What a reconciliation run is given and what it returns (run.ts). The center is reached through
 * the few calls the run makes (CenterPort), so a test can hand it the sandbox's client.
 */
import type { Center } from '../center/index.js';
import type { Db } from '../db/index.js';
import type { HisopsError } from '../errors.js';
import type { Profile } from '../his/index.js';
import type { Journal } from '../journal/index.js';
import type { DetailMode, ReconcileRules } from './rules.js';
import type { DaySummary, GroupResult, RunStatus } from './summary.js';
import type { Finding } from './types.js';

/** What the run needs of the center client. */
export type CenterPort = Pick<
  Center,
  'config' | 'stmtTotal' | 'uploadFile' | 'request' | 'downloadFile' | 'querySettlement' | 'now' | 'warm'
>;

export interface ReconcileDeps {
  db: Db;
  profile: Profile;
  center: CenterPort;
  journal: Journal;
  runId: string;
  fixmedins_code: string;
  now: () => Date;
  onProgress?: (p: ReconcileProgress) => void;
}

export interface ReconcileProgress {
  phase: 'read' | 'totals' | 'detail' | 'classify' | 'record';
  period: string;
  done: number;
  total: number;
}

export interface ReconcileOptions {
  rules: ReconcileRules;
  date?: string;
  from?: string;
  to?: string;
  /** Today in the center's clock (yyyy-MM-dd). */
  today: string;
  insutypes?: string[];
  clrTypes?: string[];
  /** Overrides reconcile.detail. */
  detail?: DetailMode;
  /** Hand the certain repairs to the stuck-settlement job (recorded as pending). */
  apply?: boolean;
}

export interface ReconcileResult {
  runId: string;
  begndate: string;
  enddate: string;
  period: ReconcileRules['period'];
  status: RunStatus;
  exit: 0 | 3 | 5;
  days: DaySummary[];
  groups: GroupResult[];
  findings: Finding[];
  counts: {
    his_rows: number;
    counted: number;
    excluded: Record<'status' | 'refund' | 'out_of_area', number>;
    problems: number;
    result_rows: number;
  };
  calls: { '3201': number; '3202': number; '5203': number };
  apply: { requested: boolean; handed_off: number; note: string | null };
  error: HisopsError | null;
  /** Milliseconds: reading the HIS (rows and evidence), waiting for the center (in all and per transaction; 3202 includes 9101 and 9102), matching and classifying. */
  timings: {
    read_ms: number;
    center_ms: number;
    center_by: Record<'3201' | '3202' | '5203', number>;
    classify_ms: number;
    total_ms: number;
    classify_rows: number;
  };
}

/** The stuck-settlement job's API is not part of this build: --apply records the hand-off for it to pick up. */
export const APPLY_NOTE =
  'Certain repairs are recorded as pending hand-offs in the journal (repair.status "pending"); the stuck-settlement job picks them up from the latest run (latestOneSidedFindings) — hisops settle stuck / reverse.';
