/**
 * The demo of the stuck-settlement job, end to end against the sandbox: a cashier settles a few
 * visits through the center client; for some of them the sandbox commits the settlement and then
 * never answers (its `timeout-after-commit` fault), so the HIS keeps them pending while the center
 * holds them — real one-sided settlements. Then the job finds exactly those, repairs them, and a
 * second detection finds nothing.
 *
 * The cashier (demoCashier.ts) writes the reference HIS tables directly (as a HIS's own settlement
 * code would); the job itself only goes through the profile.
 */
import { loadSandbox, withCenter, type CenterConfig, type JournalLike } from '../center/index.js';
import type { Db } from '../db/index.js';
import { fmt, money } from '../money.js';
import { loadProfile, loadReferenceSchema, referenceProfilePath, type Profile } from '../his/index.js';
import { applyRepairs } from './applyRepairs.js';
import { settleAtCashier, type CashierResult, type DemoPerson } from './demoCashier.js';
import { detectStuck, planReverse, type StuckReport } from './detectStuck.js';
import { DEFAULT_STUCK } from './stuckConfig.js';
import type { ItemResult, PlanItem } from './types.js';

export interface DemoStuckOptions {
  /** A reference HIS (its tables are created when missing). */
  hisDb: Db;
  /** Default: the reference profile. */
  profile?: Profile;
  centerConfig: CenterConfig;
  journal: JournalLike;
  /** The running sandbox the config points at (its faults are set and cleared by the demo). */
  sandbox: { setFaults(spec: string, seed?: number): void };
  /** One-sided settlements to create (default 3) and normal ones beside them (default 3). */
  stuck?: number;
  normal?: number;
  persons?: DemoPerson[];
  runId?: string;
  opter?: { opter: string | null; opter_name: string | null };
  clock?: () => Date;
  /** How long the client waits for the settlement that never answers (ms, default 600). */
  timeoutMs?: number;
  /**
   * Ids (msgid or setl_id) of stuck settlements already in the HIS, e.g. the seed's planted
   * `settle` anomalies: found and repaired along with the created ones. Anything else found makes
   * the demo fail.
   */
  expect?: string[];
  /** Center settled, HIS pending: complete the HIS row (default) or cancel at the center. */
  centerOnly?: 'complete' | 'cancel';
}

export interface DemoStuckResult {
  created: { stuck: CashierResult[]; normal: CashierResult[] };
  found: StuckReport;
  plan: PlanItem[];
  results: ItemResult[];
  after: StuckReport;
  /** Items `--all` leaves to a person (named, they would be cancelled): still stuck afterwards, by design. */
  decisions: PlanItem[];
  /** Every one-sided settlement created was found, nothing else was, and all but those needing a decision were repaired. */
  ok: boolean;
}

export async function demoStuck(o: DemoStuckOptions): Promise<DemoStuckResult> {
  const clock = o.clock ?? (() => new Date());
  const runId = o.runId ?? `demo-stuck-${clock().getTime()}`;
  await loadReferenceSchema(o.hisDb);
  const profile = o.profile ?? (await loadProfile(referenceProfilePath()));
  let persons = o.persons;
  if (!persons) {
    const sb = await loadSandbox();
    persons = sb
      .sandboxRoster(40)
      .filter((p) => p.insured && p.insuplc_admdvs === (o.centerConfig.insuplc_admdvs ?? '430100'))
      .map((p) => ({ psn_no: p.psn_no, certno: p.certno, insutype: p.insutype }));
  }
  const nStuck = o.stuck ?? 3;
  const nNormal = o.normal ?? 3;
  const byInfno = {
    ...(o.centerConfig.timeouts?.byInfno ?? {}),
    '2207': o.timeoutMs ?? 600,
    '2304': o.timeoutMs ?? 600,
  };
  const config: CenterConfig = { ...o.centerConfig, timeouts: { ...(o.centerConfig.timeouts ?? {}), byInfno } };
  const created = { stuck: [] as CashierResult[], normal: [] as CashierResult[] };

  return withCenter(config, { journal: o.journal, runId, clock }, async (center) => {
    try {
      // Normal and one-sided settlements interleaved, as they happen at a cashier's window.
      const kinds: boolean[] = [];
      for (let i = 0; i < Math.max(nStuck, nNormal); i++) {
        if (i < nNormal) kinds.push(false);
        if (i < nStuck) kinds.push(true);
      }
      for (const [i, stuck] of kinds.entries()) {
        o.sandbox.setFaults(stuck ? '2207:timeout-after-commit' : '');
        const r = await settleAtCashier(
          center,
          o.hisDb,
          { person: persons![i % persons!.length]!, medfee_sumamt: fmt(money(120).plus(i * 17.5)) },
          clock,
        );
        (r.his_status === 'pending' ? created.stuck : created.normal).push(r);
      }
    } finally {
      o.sandbox.setFaults('');
    }
    // HIS times have whole seconds: look from just after the last one, with no age threshold.
    const now = new Date(clock().getTime() + 2000);
    const settings = { ...DEFAULT_STUCK };
    const env = { db: o.hisDb, profile, journal: o.journal, now, center };
    const found = await detectStuck(env, { olderThanMs: 0, settings });
    const { items } = await planReverse(env, {
      olderThanMs: 0,
      settings,
      ids: [],
      all: true,
      centerOnly: o.centerOnly ?? settings.centerOnly,
      runId,
    });
    const results = await applyRepairs(
      { ...env, runId, opter: o.opter ?? { opter: config.opter, opter_name: config.opter_name } },
      items,
      { lockTimeoutMs: settings.lockTimeoutMs, patterns: settings.patterns },
    );
    const after = await detectStuck({ ...env, now: new Date(clock().getTime() + 2000) }, { olderThanMs: 0, settings });
    const decisions = items.filter((i) => i.decision);
    const decided = new Set(decisions.map((i) => i.id));
    const created_ = new Set(created.stuck.map((s) => s.msgid));
    const expected = new Set(o.expect ?? []);
    const isExpected = (f: { msgid: string | null; setl_id: string | null; id: string }) =>
      [f.msgid, f.setl_id, f.id].some((x) => x !== null && (created_.has(x) || expected.has(x)));
    const foundCreated = found.findings.filter((f) => f.msgid !== null && created_.has(f.msgid)).length;
    const ok =
      foundCreated === created_.size &&
      found.findings.every(isExpected) &&
      results.every((r) => r.outcome === 'done' || decided.has(r.id)) &&
      after.findings.every((f) => decided.has(f.id));
    return { created, found, plan: items, results, after, decisions, ok };
  });
}
