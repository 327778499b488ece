/**
 * The demo step: reconcile the seeded days against the center's ledger and check that the run
 * finds exactly the reconciliation anomalies the seed planted (the manifest's list) — each one,
 * of the right kind, and nothing else. `hisops demo` calls it after seeding the HIS and the center.
 */
import type { Db } from '../db/index.js';
import { loadProfile, referenceProfilePath, type Profile } from '../his/index.js';
import type { Journal } from '../journal/index.js';
import { formatDate } from '../center/index.js';
import { parseReconcileRules, type ReconcileRules } from './rules.js';
import { runReconcile } from './run.js';
import type { CenterPort, ReconcileResult } from './runTypes.js';
import type { Finding, FindingKind } from './types.js';

/** What the step reads of the seed manifest (seed.json). */
interface DemoManifest {
  startDate: string;
  endDate: string;
  institution: { fixmedins_code: string; admdvs: string };
  anomalies: ReadonlyArray<{
    id: string;
    job: string;
    kind: string;
    day: string | null;
    keys: Record<string, unknown>;
  }>;
}

export interface ExpectedFinding {
  anomaly: string;
  planted: string;
  kind: FindingKind;
  /** The settlement the finding is about (or, for a duplicate, the HIS settlement it repeats). */
  setl_id: string;
  cause?: string;
}

/** The finding each planted reconciliation anomaly should produce. */
export function expectedFindings(m: DemoManifest): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  for (const a of m.anomalies) {
    if (a.job !== 'reconcile') continue;
    const setl_id = String(a.keys.setl_id ?? '');
    const base = { anomaly: a.id, planted: a.kind, setl_id };
    switch (a.kind) {
      case 'center_only': {
        const cause = { his_rollback: 'his_rollback', timeout: 'no_answer', center_test_data: 'unknown_to_his' }[
          String(a.keys.cause)
        ];
        out.push({ ...base, kind: 'center_only', ...(cause ? { cause } : {}) });
        break;
      }
      case 'his_only':
        out.push({ ...base, kind: 'his_only' });
        break;
      case 'amount_mismatch':
        out.push({ ...base, kind: 'amount_mismatch' });
        break;
      case 'center_duplicate':
        out.push({ ...base, kind: 'center_duplicate' });
        break;
      case 'cross_midnight':
        out.push({ ...base, kind: 'cross_midnight' });
        break;
      case 'refund_pair':
        // Cancelled at the center from another terminal: the HIS still holds a settlement the center undid.
        out.push({ ...base, kind: 'his_only', cause: 'cancelled_at_center' });
        break;
      default:
        out.push({ ...base, kind: 'unknown' });
    }
  }
  return out;
}

export interface DemoReconcileOptions {
  hisDb: Db;
  center: CenterPort;
  journal: Journal;
  manifest: DemoManifest;
  /** Default: the manifest's first and last day. */
  from?: string;
  to?: string;
  profile?: Profile;
  rules?: ReconcileRules;
  runId: string;
  now?: () => Date;
  onProgress?: Parameters<typeof runReconcile>[0]['onProgress'];
}

export interface DemoReconcileResult {
  result: ReconcileResult;
  expected: ExpectedFinding[];
  /** Planted anomalies the run did not find (as the expected kind). */
  missing: ExpectedFinding[];
  /** Findings that match no planted anomaly. */
  unexpected: Finding[];
  /** Exactly the planted anomalies, nothing else. */
  ok: boolean;
}

/** A finding is the one a planted anomaly should produce: its kind, its settlement (or the one it repeats), its cause when the plant says. */
export const findingMatches = (f: Finding, e: ExpectedFinding) =>
  f.kind === e.kind &&
  (f.setl_id === e.setl_id || f.related_setl_id === e.setl_id) &&
  (e.cause === undefined || f.cause === e.cause);

export async function demoReconcile(o: DemoReconcileOptions): Promise<DemoReconcileResult> {
  const now = o.now ?? (() => new Date());
  const profile = o.profile ?? (await loadProfile(referenceProfilePath()));
  const rules = o.rules ?? parseReconcileRules(undefined, { setl_optins: o.manifest.institution.admdvs });
  const from = o.from ?? o.manifest.startDate;
  const to = o.to ?? o.manifest.endDate;
  const today = formatDate(now(), o.center.config.utcOffsetMinutes);
  const result = await runReconcile(
    {
      db: o.hisDb,
      profile,
      center: o.center,
      journal: o.journal,
      runId: o.runId,
      fixmedins_code: o.manifest.institution.fixmedins_code,
      now,
      onProgress: o.onProgress,
    },
    { rules, from, to, today: today < to ? to : today },
  );
  const inRange = (e: ExpectedFinding) => {
    const a = o.manifest.anomalies.find((x) => x.id === e.anomaly);
    return !a?.day || (a.day >= from && a.day <= to);
  };
  const expected = expectedFindings(o.manifest).filter(inRange);
  const missing = expected.filter((e) => !result.findings.some((f) => findingMatches(f, e)));
  const unexpected = result.findings.filter((f) => !expected.some((e) => findingMatches(f, e)));
  return {
    result,
    expected,
    missing,
    unexpected,
    ok: result.error === null && missing.length === 0 && unexpected.length === 0,
  };
}
