/**
 * The demo's trace step: check the seeded HIS's pharmacy records over the seeded days, upload
 * everything that passes to the center (the sandbox), and compare the findings with the anomalies
 * the seed planted (seed.json): every planted one must be found, and nothing else.
 */
import type { CenterConfig, CenterDeps, JournalLike } from '../center/index.js';
import type { Db } from '../db/index.js';
import type { Profile } from '../his/index.js';
import type { Window } from './days.js';
import { checkWindow, type CheckReport } from './runCheck.js';
import { runUpload, type UploadEvent, type UploadResult } from './runUpload.js';
import { traceSettings, type TraceSettings } from './settings.js';
import { TraceJournal } from './traceJournal.js';
import { profileSource } from './traceSource.js';
import { TRACE_KINDS, type Finding, type FindingKind } from './types.js';

/** A planted anomaly as the seed manifest lists it. */
export interface PlantedLike {
  id: string;
  job: string;
  kind: string;
  keys: Record<string, string | string[] | null>;
}

/** Which finding each planted trace anomaly must produce. */
export const PLANTED_FINDING: Readonly<Record<string, FindingKind>> = {
  trace_invalid_length: 'bad_length',
  trace_invalid_chars: 'bad_chars',
  trace_duplicate_in_record: 'duplicate_in_record',
  trace_sold_twice: 'sold_again',
  trace_return_never_sold: 'return_never_sold',
  dispense_no_mapping: 'no_mapping',
};

export interface DemoTraceOptions {
  db: Db;
  profile: Profile;
  journal: JournalLike;
  center: CenterConfig;
  centerDeps?: Omit<CenterDeps, 'journal' | 'runId'>;
  fixmedins_code: string;
  manifest: { startDate: string; endDate: string; anomalies: readonly PlantedLike[] };
  runId: string;
  now?: () => Date;
  settings?: TraceSettings;
  onEvent?: (e: UploadEvent) => void;
}

export interface PlantedMatch {
  id: string;
  kind: string;
  finding: FindingKind;
  record_id: string;
  drug_trac_codg: string | null;
  found: boolean;
}

export interface DemoTraceResult {
  window: Window;
  check: CheckReport;
  upload: UploadResult;
  planted: PlantedMatch[];
  /** Findings that match no planted anomaly (should be none). */
  unexpected: Finding[];
  /** Every planted anomaly found, nothing else, and every clean record accepted. */
  ok: boolean;
}

export async function demoTrace(o: DemoTraceOptions): Promise<DemoTraceResult> {
  const window: Window = { from: o.manifest.startDate, to: o.manifest.endDate };
  const settings = o.settings ?? traceSettings(undefined);
  const source = profileSource(o.db, o.profile);
  const journal = new TraceJournal(o.journal, o.fixmedins_code);
  const check = await checkWindow({ source, journal, window, kinds: TRACE_KINDS, settings });
  const upload = await runUpload({
    source,
    journal: o.journal,
    fixmedins_code: o.fixmedins_code,
    center: o.center,
    centerDeps: o.centerDeps,
    window,
    kinds: TRACE_KINDS,
    apply: true,
    settings,
    runId: o.runId,
    now: o.now,
    onEvent: o.onEvent,
  });

  const planted: PlantedMatch[] = [];
  for (const a of o.manifest.anomalies) {
    const finding = PLANTED_FINDING[a.kind];
    if (!finding) continue;
    const ids = a.keys.disp_id;
    // A code sold twice: the second sale is the one held back.
    const record_id = Array.isArray(ids) ? ids[ids.length - 1]! : String(ids ?? '');
    const code = typeof a.keys.drug_trac_codg === 'string' ? a.keys.drug_trac_codg : null;
    planted.push({
      id: a.id,
      kind: a.kind,
      finding,
      record_id,
      drug_trac_codg: code,
      found: check.findings.some((f) => f.kind === finding && f.record_id === record_id),
    });
  }
  const unexpected = check.findings.filter(
    (f) => !planted.some((p) => p.finding === f.kind && p.record_id === f.record_id),
  );
  const sentOk = upload.pending.length === 0 && upload.rejected.length === 0;
  return {
    window,
    check,
    upload,
    planted,
    unexpected,
    ok: planted.every((p) => p.found) && unexpected.length === 0 && sentOk,
  };
}
