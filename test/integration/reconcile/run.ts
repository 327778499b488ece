/** Run a reconciliation in a test world (SQLite or server HIS, sandbox over HTTP). */
import { loadProfile, referenceProfilePath, type Profile } from '../../../src/core/his/index.js';
import {
  parseReconcileRules,
  runReconcile,
  type ReconcileOptions,
  type ReconcileResult,
} from '../../../src/core/reconcile/index.js';
import type { Center } from '../../../src/core/center/index.js';
import { ADMDVS, CODE, runId, type World } from './helpers.js';

let profile: Profile | undefined;

export async function reconcile(
  w: Pick<World, 'his' | 'journal'> & { center: Center },
  o: Partial<Omit<ReconcileOptions, 'rules'>> & { rules?: Record<string, unknown>; today?: string } = {},
): Promise<ReconcileResult> {
  profile ??= await loadProfile(referenceProfilePath());
  const { rules, today, ...rest } = o;
  return runReconcile(
    {
      db: w.his,
      profile,
      center: w.center,
      journal: w.journal,
      runId: runId(),
      fixmedins_code: CODE,
      now: () => new Date(),
    },
    { rules: parseReconcileRules(rules, { setl_optins: ADMDVS }), today: today ?? '2025-12-31', ...rest },
  );
}

/** kind/cause setl_id, for compact assertions. */
export const brief = (r: ReconcileResult) => r.findings.map((f) => `${f.kind}/${f.cause} ${f.setl_id ?? '-'}`).sort();
