/**
 * What `trace upload` is given and what it answers: options, events, the per-kind counts, the plan
 * and the result (runUpload.ts describes the run).
 */
import type { CenterConfig, CenterDeps, JournalLike } from '../center/index.js';
import type { Window } from './days.js';
import type { TraceSettings } from './settings.js';
import type { TraceSource } from './traceSource.js';
import type { Finding, TraceKind, UploadStatus } from './types.js';

export type UploadEvent =
  | { type: 'resolve'; unresolved: number; accepted: number; rejected: number; resend: number }
  | { type: 'day'; day: string; index: number; days: number; records: number; due: number; codes: number }
  | {
      type: 'sent';
      day: string;
      infno: string;
      records: number;
      codes: number;
      accepted: number;
      rejected: number;
      pending: number;
    }
  | { type: 'retry'; infno: string; attempt: number; delayMs: number; code: string };

export interface UploadOptions {
  source: TraceSource;
  journal: JournalLike;
  fixmedins_code: string;
  center: CenterConfig;
  /** Extra center-client dependencies (tests: clock, sleep). The journal and run id are passed by the run. */
  centerDeps?: Omit<CenterDeps, 'journal' | 'runId'>;
  /** Days to upload. */
  window?: Window;
  /** Days with only some records wanted (trace retry): day → record keys. */
  targets?: ReadonlyMap<string, ReadonlySet<string>>;
  kinds: readonly TraceKind[];
  apply: boolean;
  /** Send rejected records again even when unchanged (trace retry). */
  force?: boolean;
  settings: TraceSettings;
  runId: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (e: UploadEvent) => void;
}

export interface KindStats {
  kind: TraceKind;
  /** Records of the kind in the days read. */
  records: number;
  codes: number;
  /** Accepted by the center in an earlier run: not sent. */
  already: number;
  /** Held back by findings. */
  held: number;
  /** Rejected earlier and unchanged since: waiting for a fix (trace retry sends them). */
  waiting: number;
  /** Due this run (what a dry run would send). */
  due: number;
  dueCodes: number;
  accepted: number;
  acceptedCodes: number;
  rejected: number;
  retry: number;
  unknown: number;
}

export interface PlanLine {
  infno: string;
  requests: number;
  records: number;
  codes: number;
}

export interface RecordNote {
  record_id: string;
  kind: TraceKind;
  day: string;
  status: UploadStatus;
  reason: string | null;
  message: string | null;
}

export interface ResolvedCall {
  msgid: string;
  infno: string;
  run_id: string | null;
  created_at: string;
  /** What the row said before: pending (its run stopped) or unknown (no answer came). */
  was: string;
  resolution: string;
  /** Resolved (resolution and resolved_at written), or only noted: left to a later run (its records were not settled in this one). */
  done: boolean;
}

export interface UploadResult {
  runId: string;
  apply: boolean;
  window: Window | null;
  kinds: TraceKind[];
  days: string[];
  emptyDays: string[];
  records: number;
  codes: number;
  findings: Finding[];
  byKind: KindStats[];
  plan: PlanLine[];
  /** Records the center rejected (this run), and rejected ones still waiting for a fix. */
  rejected: RecordNote[];
  /** Records left to retry or with an unknown outcome at the end. */
  pending: RecordNote[];
  resolved: {
    unresolved: number;
    accepted: number;
    rejected: number;
    resend: number;
    otherKinds: number;
    notInHis: number;
  };
  /**
   * The center client's write-ahead rows (hisops_center_calls) of 35xx requests that earlier runs
   * left without an outcome: how many there were, and how each was resolved (dry run: none is).
   */
  calls: { leftOver: number; resolved: ResolvedCall[] };
  /** Why sending stopped early (the center kept failing), or null. */
  stopped: string | null;
  requests: { sent: number; attempts: number; retries: number; split: number };
  timing: { startedAt: string; durationMs: number; sendMs: number };
}

export const emptyStats = (kind: TraceKind): KindStats => ({
  kind,
  records: 0,
  codes: 0,
  already: 0,
  held: 0,
  waiting: 0,
  due: 0,
  dueCodes: 0,
  accepted: 0,
  acceptedCodes: 0,
  rejected: 0,
  retry: 0,
  unknown: 0,
});
