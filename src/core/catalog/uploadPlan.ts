/**
 * What `mapping upload` has to send: the stored mappings against what the center last accepted
 * (from the upload journal). New mappings and changed ones (a new end date, a new name) go up with
 * 3301; a mapping whose national code or list type changed is first withdrawn (3302) under the
 * old code, since the center refuses a second code for the same item and days; a mapping that is
 * no longer stored is withdrawn. Pure.
 */
import { createHash } from 'node:crypto';
import { OPEN_END, type Day } from './day.js';
import type { StoredMapping } from './intervals.js';

/** The 3301 input for one mapping. */
export interface MappingPayload {
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  list_type: string;
  med_list_codg: string;
  begndate: Day;
  enddate: Day;
  aprvno?: string;
  dosform?: string;
  exct_cont?: string;
  item_cont?: string;
  prcunt?: string;
  spec?: string;
  pacspec?: string;
  memo?: string;
}

/** The center's last accepted state of one mapping key (from the journal). */
export interface AcceptedState {
  fixmedins_hilist_id: string;
  begndate: Day;
  infno: '3301' | '3302';
  list_type: string;
  med_list_codg: string;
  payload_hash: string;
}

/** The latest rejection of a key, to avoid sending the same refused payload again. */
export interface RejectedState {
  fixmedins_hilist_id: string;
  begndate: Day;
  payload_hash: string;
  err_msg: string | null;
}

export interface UploadItem {
  infno: '3301' | '3302';
  why: 'new' | 'changed' | 'code changed' | 'removed';
  fixmedins_hilist_id: string;
  begndate: Day;
  list_type: string;
  med_list_codg: string;
  /** 3301: the mapping as sent; 3302: the withdrawal. */
  payload: MappingPayload | { fixmedins_hilist_id: string; list_type: string; med_list_codg: string };
  payload_hash: string;
}

export interface UploadPlan {
  items: UploadItem[];
  /** Mappings the center already has as they are. */
  upToDate: number;
  /** Mappings refused before and not changed since (sent again only when asked). */
  heldBack: Array<{ fixmedins_hilist_id: string; begndate: Day; med_list_codg: string; err_msg: string | null }>;
}

const OPTIONAL = ['aprvno', 'dosform', 'exct_cont', 'item_cont', 'prcunt', 'spec', 'pacspec', 'memo'] as const;

export function payloadOf(m: StoredMapping): MappingPayload {
  const p: MappingPayload = {
    fixmedins_hilist_id: m.fixmedins_hilist_id,
    fixmedins_hilist_name: m.fixmedins_hilist_name ?? m.fixmedins_hilist_id,
    list_type: m.list_type,
    med_list_codg: m.med_list_codg,
    begndate: m.begndate,
    // 3301 needs an end: an open mapping goes up with the far-future sentinel.
    enddate: m.enddate ?? OPEN_END,
  };
  for (const k of OPTIONAL) if (m.extra[k]) p[k] = m.extra[k];
  return p;
}

/** A short, stable hash of a payload (key order fixed). */
export function payloadHash(p: object): string {
  const canon = JSON.stringify(
    Object.keys(p)
      .sort()
      .map((k) => [k, (p as Record<string, unknown>)[k]]),
  );
  return createHash('sha256').update(canon).digest('hex').slice(0, 20);
}

const key = (id: string, b: Day) => `${id}\u0001${b}`;

export function planUpload(
  stored: readonly StoredMapping[],
  accepted: readonly AcceptedState[],
  rejected: readonly RejectedState[] = [],
  o: { retryRejected?: boolean } = {},
): UploadPlan {
  const acc = new Map(accepted.map((a) => [key(a.fixmedins_hilist_id, a.begndate), a]));
  const rej = new Map(rejected.map((r) => [key(r.fixmedins_hilist_id, r.begndate), r]));
  const withdrawals: UploadItem[] = [];
  const uploads: UploadItem[] = [];
  const plan: UploadPlan = { items: [], upToDate: 0, heldBack: [] };
  const seen = new Set<string>();
  for (const m of stored) {
    const k = key(m.fixmedins_hilist_id, m.begndate);
    seen.add(k);
    const p = payloadOf(m);
    const h = payloadHash(p);
    const a = acc.get(k);
    const live = a && a.infno === '3301' ? a : undefined;
    if (live && live.payload_hash === h) {
      plan.upToDate++;
      continue;
    }
    const r = rej.get(k);
    if (r && r.payload_hash === h && !o.retryRejected) {
      plan.heldBack.push({
        fixmedins_hilist_id: m.fixmedins_hilist_id,
        begndate: m.begndate,
        med_list_codg: m.med_list_codg,
        err_msg: r.err_msg,
      });
      continue;
    }
    let why: UploadItem['why'] = live ? 'changed' : 'new';
    if (live && (live.med_list_codg !== m.med_list_codg || live.list_type !== m.list_type)) {
      withdrawals.push(withdrawal('code changed', m.fixmedins_hilist_id, m.begndate, live));
      why = 'code changed';
    }
    uploads.push({
      infno: '3301',
      why,
      fixmedins_hilist_id: m.fixmedins_hilist_id,
      begndate: m.begndate,
      list_type: m.list_type,
      med_list_codg: m.med_list_codg,
      payload: p,
      payload_hash: h,
    });
  }
  for (const a of accepted) {
    if (a.infno !== '3301' || seen.has(key(a.fixmedins_hilist_id, a.begndate))) continue;
    withdrawals.push(withdrawal('removed', a.fixmedins_hilist_id, a.begndate, a));
  }
  // Withdrawals first: the center refuses a new code while the old one still covers the days.
  plan.items = [...withdrawals, ...uploads];
  return plan;
}

/** The 3302 that withdraws an item's mapping under the code the center last accepted. */
function withdrawal(
  why: UploadItem['why'],
  fixmedins_hilist_id: string,
  begndate: Day,
  accepted: Pick<AcceptedState, 'list_type' | 'med_list_codg'>,
): UploadItem {
  const w = { fixmedins_hilist_id, list_type: accepted.list_type, med_list_codg: accepted.med_list_codg };
  return {
    infno: '3302',
    why,
    fixmedins_hilist_id,
    begndate,
    list_type: accepted.list_type,
    med_list_codg: accepted.med_list_codg,
    payload: w,
    payload_hash: payloadHash(w),
  };
}
