/**
 * Seeding the sandbox from a hospital's own HIS, so that reconcile and the repairs can be
 * rehearsed on its test database: the settlements the HIS counts (read by the caller through the
 * profile, as reconcile reads them) are copied into a sandbox ledger as the center's history, and
 * optionally N differences are planted, of the kinds reconcile finds:
 *
 *   amount_differs       the center holds the settlement with medfee_sumamt (and cash) 1.00 higher
 *   center_only          the center holds a settlement of a visit the HIS never settled
 *   his_only             the center never received the settlement (not copied)
 *   cancelled_at_center  the center cancelled it (a negative 2208/2305 row); the HIS did not —
 *                        reconcile reports it as his_only (cause cancelled_at_center): the HIS
 *                        still counts a settlement the center no longer holds as live
 *
 * `planSeed` is pure (rows in, plan out); `applySeed` writes the plan into a ledger.
 */
import { D, fmt } from '../../money.js';
import { isMsgid } from '../protocol/index.js';
import type { Ledger } from './ledger.js';

/** One HIS settlement as reconcile counts it; amounts are two-decimal strings. */
export interface HisSettlementCopy {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  insutype: string;
  clr_type: string;
  setl_optins: string;
  setl_time: string;
  refd_setl_flag: '0' | '1';
  init_setl_id: string | null;
  msgid: string | null;
  infno: string | null;
  medfee_sumamt: string;
  fund_pay_sumamt: string;
  acct_pay: string;
  psn_cash_pay: string;
}

export const PLANT_KINDS = ['amount_differs', 'center_only', 'his_only', 'cancelled_at_center'] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

export interface PlantedDifference {
  kind: PlantKind;
  /** The HIS settlement it is made from (center_only: the visit it imitates). */
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  setl_time: string;
  insutype: string;
  clr_type: string;
  setl_optins: string;
  /** The center's own row: the new settlement (center_only) or the cancellation's negative row. */
  center_setl_id: string | null;
  /** medfee_sumamt at the HIS and at the center (null: absent on that side). */
  his_medfee_sumamt: string | null;
  center_medfee_sumamt: string | null;
  /** What reconcile reports it as (its finding kind). */
  finding: 'amount_mismatch' | 'center_only' | 'his_only';
}

export interface SeedSkip {
  setl_id: string;
  reason: 'duplicate_setl_id' | 'original_not_copied';
}

export interface SeedPlan {
  /** Settlements to copy as they are (originals first, then the HIS's own cancellations). */
  copies: HisSettlementCopy[];
  planted: PlantedDifference[];
  skipped: SeedSkip[];
}

/** Sequence of planted ids: short and recognisable in the ledger (mdtrt_id str 30). */
const plantedVisit = (i: number, time: string) =>
  `SEED${time.slice(0, 10).replace(/-/g, '')}${String(i + 1).padStart(4, '0')}`;

/** A second later, within the same day (a planted row never moves to another period). */
function justAfter(time: string, seconds: number): string {
  const [h, m, s] = time.slice(11, 19).split(':').map(Number) as [number, number, number];
  const t = Math.min(h * 3600 + m * 60 + s + seconds, 86_399);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${time.slice(0, 10)} ${p(Math.floor(t / 3600))}:${p(Math.floor(t / 60) % 60)}:${p(t % 60)}`;
}

/** Rows that may carry a planted difference: live settlements the HIS never cancelled. */
function eligible(rows: readonly HisSettlementCopy[]): HisSettlementCopy[] {
  const cancelled = new Set(rows.filter((r) => r.refd_setl_flag === '1' && r.init_setl_id).map((r) => r.init_setl_id!));
  return rows.filter((r) => r.refd_setl_flag === '0' && !cancelled.has(r.setl_id));
}

/**
 * The plan: every row copied except the his_only ones, N differences spread evenly over the
 * eligible rows, the kinds taken in turn. Throws a RangeError when N exceeds the eligible rows
 * (the caller turns it into an input error).
 */
export function planSeed(rows: readonly HisSettlementCopy[], plant = 0): SeedPlan {
  const skipped: SeedSkip[] = [];
  const seen = new Set<string>();
  const unique: HisSettlementCopy[] = [];
  for (const r of rows) {
    if (seen.has(r.setl_id)) skipped.push({ setl_id: r.setl_id, reason: 'duplicate_setl_id' });
    else {
      seen.add(r.setl_id);
      unique.push(r);
    }
  }
  const pool = eligible(unique);
  if (plant > pool.length) throw new RangeError(`only ${pool.length} settlements can carry a planted difference`);
  const planted: PlantedDifference[] = [];
  const notCopied = new Set<string>();
  for (let i = 0; i < plant; i++) {
    const r = pool[Math.floor(((i + 0.5) * pool.length) / plant)]!;
    const kind = PLANT_KINDS[i % PLANT_KINDS.length]!;
    const base = {
      kind,
      setl_id: r.setl_id,
      mdtrt_id: r.mdtrt_id,
      psn_no: r.psn_no,
      setl_time: r.setl_time,
      insutype: r.insutype,
      clr_type: r.clr_type,
      setl_optins: r.setl_optins,
    };
    if (kind === 'amount_differs')
      planted.push({
        ...base,
        center_setl_id: r.setl_id,
        his_medfee_sumamt: r.medfee_sumamt,
        center_medfee_sumamt: fmt(new D(r.medfee_sumamt).plus(1)),
        finding: 'amount_mismatch',
      });
    else if (kind === 'center_only')
      planted.push({
        ...base,
        mdtrt_id: plantedVisit(i, r.setl_time),
        setl_time: justAfter(r.setl_time, 1),
        center_setl_id: null,
        his_medfee_sumamt: null,
        center_medfee_sumamt: r.medfee_sumamt,
        finding: 'center_only',
      });
    else if (kind === 'his_only') {
      notCopied.add(r.setl_id);
      planted.push({
        ...base,
        center_setl_id: null,
        his_medfee_sumamt: r.medfee_sumamt,
        center_medfee_sumamt: null,
        finding: 'his_only',
      });
    } else
      planted.push({
        ...base,
        center_setl_id: null,
        his_medfee_sumamt: r.medfee_sumamt,
        center_medfee_sumamt: fmt(new D(r.medfee_sumamt).neg()),
        finding: 'his_only',
      });
  }
  const originals = unique.filter((r) => r.refd_setl_flag === '0' && !notCopied.has(r.setl_id));
  const have = new Set(originals.map((r) => r.setl_id));
  const cancellations: HisSettlementCopy[] = [];
  for (const r of unique.filter((x) => x.refd_setl_flag === '1')) {
    if (r.init_setl_id && have.has(r.init_setl_id)) cancellations.push(r);
    else skipped.push({ setl_id: r.setl_id, reason: 'original_not_copied' });
  }
  return { copies: [...originals, ...cancellations], planted, skipped };
}

function seedOf(
  r: HisSettlementCopy,
  fixmedins_code: string,
  msgid: string | undefined,
  over: { medfee?: string; cash?: string; mdtrt_id?: string; setl_time?: string; setl_id?: string | null } = {},
) {
  return {
    setl_id: over.setl_id === null ? undefined : (over.setl_id ?? r.setl_id),
    setl_time: over.setl_time ?? r.setl_time,
    mdtrt_id: over.mdtrt_id ?? r.mdtrt_id,
    psn_no: r.psn_no,
    insutype: r.insutype,
    clr_type: r.clr_type,
    med_type: r.clr_type === '21' ? '21' : '11',
    clr_optins: r.setl_optins,
    infno: r.infno === '2304' || r.infno === '2207' ? r.infno : undefined,
    fixmedins_code,
    medins_setl_id: msgid,
    medfee_sumamt: over.medfee ?? r.medfee_sumamt,
    amounts: { fund_pay_sumamt: r.fund_pay_sumamt, acct_pay: r.acct_pay, psn_cash_pay: over.cash ?? r.psn_cash_pay },
  };
}

/** Write the plan into the ledger in one transaction; planted rows get their center ids filled in. */
export function applySeed(ledger: Ledger, plan: SeedPlan, fixmedins_code: string): SeedPlan {
  const planted = plan.planted.map((p) => ({ ...p }));
  const byId = new Map(plan.copies.map((r) => [r.setl_id, r]));
  // The HIS's msgid goes with its row (2601 and 5203 find it) once: a msgid the HIS reused, one
  // the ledger already gave a row, or one that is not well-formed, gets one of the ledger's own.
  const used = new Set<string>();
  const msgidOf = (r: HisSettlementCopy) => {
    if (!r.msgid || !isMsgid(r.msgid) || used.has(r.msgid) || ledger.getMessage(r.msgid)) return undefined;
    used.add(r.msgid);
    return r.msgid;
  };
  ledger.transaction(() => {
    const plantOf = new Map(
      planted.filter((p) => p.kind === 'amount_differs' || p.kind === 'cancelled_at_center').map((p) => [p.setl_id, p]),
    );
    for (const r of plan.copies) {
      if (r.refd_setl_flag === '1') {
        ledger.insertCancellation({
          setl_id: r.init_setl_id!,
          setl_time: r.setl_time,
          new_setl_id: r.setl_id,
          medins_setl_id: msgidOf(r),
        });
        continue;
      }
      const p = plantOf.get(r.setl_id);
      const differs = p?.kind === 'amount_differs';
      ledger.insertSettlement(
        seedOf(
          r,
          fixmedins_code,
          msgidOf(r),
          differs ? { medfee: p.center_medfee_sumamt!, cash: fmt(new D(r.psn_cash_pay).plus(1)) } : {},
        ),
      );
    }
    for (const p of planted) {
      if (p.kind === 'cancelled_at_center') {
        p.center_setl_id = ledger.insertCancellation({
          setl_id: p.setl_id,
          setl_time: justAfter(p.setl_time, 2),
        }).setl_id;
      } else if (p.kind === 'center_only') {
        const src = byId.get(p.setl_id)!;
        // A planted settlement never takes the HIS call's msgid (2601 would reverse the wrong row).
        p.center_setl_id = ledger.insertSettlement(
          seedOf(src, fixmedins_code, undefined, { setl_id: null, mdtrt_id: p.mdtrt_id, setl_time: p.setl_time }),
        ).setl_id;
      }
    }
  });
  return { ...plan, planted };
}
