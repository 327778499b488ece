/**
 * Classify each difference of a 3202 comparison into a cause, with its evidence, its effect on
 * the totals and the suggested repair. Inputs are the difference and the evidence the run looked
 * up (HIS rows by setl_id / msgid / visit, the HIS's write-ahead log, hisops's own call journal,
 * 5203); nothing is fetched here. Pure.
 *
 * | difference | evidence | finding |
 * |---|---|---|
 * | both hold it, figures differ | 5203 fields | amount_mismatch (rounding / refund_flag / amounts_differ / local_derivation) |
 * | HIS only | 5203 on another day | cross_midnight (near_midnight / other_day), refund_other_period |
 * | HIS only | 5203 in another group | group_mismatch |
 * | HIS only | 5203 refuses | his_only (reversed_at_center / not_at_center), pre_settlement (HIS infno 2206/2303) |
 * | HIS only | no result line | unknown (not_in_result) |
 * | center only | HIS row on another day | cross_midnight / refund_other_period |
 * | center only | HIS pending / log without settlement / void | center_only (no_answer / his_rollback / his_void) |
 * | center only, refund | HIS holds the original settled | his_only (cancelled_at_center) |
 * | center only (cancelled there), or its refund row | HIS pending / void / no row, or hisops's own 2208/2305 | center_only (cancel_not_recorded) |
 * | center only | nothing anywhere | center_only (unknown_to_his) |
 * | keys left empty / same visit | — | center_duplicate |
 * | malformed line, HIS row not countable | — | unknown, with the raw row |
 */
import type { Row } from '../his/index.js';
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import { fenText, parseFen } from './fen.js';
import { repairFor } from './repair.js';
import type { ReconcileRules } from './rules.js';
import type { CenterQuery, Difference, DetailScope, Effect, Evidence, FieldDiff, Finding, FindingKind, HisRowProblem, HisSettlement, ResultRow } from './types.js';

export interface ClassifyContext {
  scope: DetailScope;
  rules: Pick<ReconcileRules, 'statuses' | 'crossMidnightMinutes' | 'hospitalBorne' | 'refunds' | 'outOfArea' | 'setl_optins'>;
}

const s = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

/** Minutes between two `yyyy-MM-dd HH:mm:ss` times (b − a). */
export function minutesBetween(a: string, b: string): number {
  const t = (x: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(x);
    return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  };
  return (t(b) - t(a)) / 60_000;
}

/** Two times on different days: within the window around midnight, or further apart. */
export function dayShift(hisTime: string, centerTime: string, windowMinutes: number): 'near_midnight' | 'other_day' {
  return Math.abs(minutesBetween(hisTime, centerTime)) <= windowMinutes ? 'near_midnight' : 'other_day';
}

function inPeriod(day: string, scope: DetailScope): boolean {
  return day >= scope.begndate && day <= scope.enddate;
}

function effect(scope: DetailScope, g: { insutype: string | null; clr_type: string | null; setl_optins: string | null }, count: number, medfee: bigint, fund: bigint, acct: bigint): Effect {
  return { begndate: scope.begndate, enddate: scope.enddate, insutype: g.insutype, clr_type: g.clr_type, setl_optins: g.setl_optins, count, medfee_sumamt: fenText(medfee), fund_pay_sumamt: fenText(fund), acct_pay: fenText(acct) };
}

function centerRowEvidence(r: ResultRow | null): Finding['evidence']['center_row'] {
  return r ? { line: r.line, raw: r.raw, memo: r.memo, stmt_rslt: r.stmt_rslt } : null;
}

/** Did the center answer 5203 (either way)? */
function asked(ev: Evidence): boolean {
  return ev.center !== undefined && (ev.center.ok || ev.center.code !== 'NOT_ASKED');
}

function cq(ev: Evidence): Record<string, string | number | null> | undefined {
  return ev.center && ev.center.ok ? ev.center.setlinfo : undefined;
}

/** Does a message (memo, err_msg) say reversed / cancelled? Province texts vary; these are hints. */
const REVERSED = /冲正|revers/i;
const CANCELLED = /撤销|退费|cancel/i;

interface Base {
  kind: FindingKind;
  cause: string;
  scope: DetailScope;
  group: { insutype: string | null; clr_type: string | null; setl_optins: string | null };
  ids: { setl_id: string | null; mdtrt_id: string | null; psn_no: string | null; msgid: string | null; related_setl_id?: string | null; refd_setl_flag: string | null };
  times?: { his?: string | null; center?: string | null };
  fields?: FieldDiff[];
  effects: Effect[];
  detail: string;
  his: Row | null;
  center: ResultRow | null;
  ev: Evidence;
  infno: string | null;
}

function finding(b: Base): Finding {
  return {
    kind: b.kind,
    cause: b.cause,
    begndate: b.scope.begndate,
    enddate: b.scope.enddate,
    insutype: b.group.insutype,
    clr_type: b.group.clr_type,
    setl_optins: b.group.setl_optins,
    setl_id: b.ids.setl_id,
    mdtrt_id: b.ids.mdtrt_id,
    psn_no: b.ids.psn_no,
    msgid: b.ids.msgid,
    related_setl_id: b.ids.related_setl_id ?? null,
    refd_setl_flag: b.ids.refd_setl_flag,
    his_setl_time: b.times?.his ?? null,
    center_setl_time: b.times?.center ?? null,
    fields: b.fields ?? [],
    effects: b.effects,
    detail: b.detail,
    evidence: { his: b.his, center_row: centerRowEvidence(b.center), center_query: b.ev.center ?? null, his_log: b.ev.hisLog ?? null, call: b.ev.call ?? null },
    repair: repairFor({
      kind: b.kind,
      cause: b.cause,
      setl_id: b.ids.setl_id,
      msgid: b.ids.msgid,
      clr_type: b.group.clr_type,
      infno: b.infno,
      confirmed: asked(b.ev),
    }),
  };
}

function hisGroup(h: HisSettlement) {
  return { insutype: h.insutype, clr_type: h.clr_type, setl_optins: h.setl_optins };
}

function hisIds(h: HisSettlement) {
  return { setl_id: h.setl_id, mdtrt_id: h.mdtrt_id, psn_no: h.psn_no, msgid: h.msgid, refd_setl_flag: h.refd_setl_flag };
}

/** Field-by-field differences: every settlement amount when 5203 answered, else the three 3202 figures. */
function fieldDiffs(h: HisSettlement, r: ResultRow, full: Row | null | undefined, center: Record<string, string | number | null> | undefined): FieldDiff[] {
  const out: FieldDiff[] = [];
  const push = (field: string, his: bigint | undefined, cen: bigint | undefined) => {
    if (his === undefined || cen === undefined || his === cen) return;
    out.push({ field, his: fenText(his), center: fenText(cen), diff: fenText(cen - his) });
  };
  if (center && full) {
    for (const f of SETTLEMENT_AMOUNTS) {
      if (f === 'balc') continue; // the account balance moves with every settlement of the person
      push(f, parseFen(full[f] ?? '0'), parseFen(center[f] ?? '0'));
    }
  }
  const have = new Set(out.map((d) => d.field));
  if (!have.has('medfee_sumamt')) push('medfee_sumamt', h.medfee, r.medfee ?? undefined);
  if (!have.has('fund_pay_sumamt')) push('fund_pay_sumamt', h.fund, r.fund ?? undefined);
  if (!have.has('acct_pay')) push('acct_pay', h.acct, r.acct ?? undefined);
  if (r.refd_setl_flag !== null && r.refd_setl_flag !== h.refd_setl_flag) out.push({ field: 'refd_setl_flag', his: h.refd_setl_flag, center: r.refd_setl_flag, diff: null });
  return out;
}

function classifyMismatch(h: HisSettlement, r: ResultRow, ev: Evidence, ctx: ClassifyContext): Finding {
  const center = cq(ev);
  const fields = fieldDiffs(h, r, ev.hisBySetlId, center);
  const amounts = fields.filter((f) => f.diff !== null);
  let cause = 'amounts_differ';
  const fundDiff = (r.fund ?? h.fund) - h.fund;
  const hosp = ev.hisBySetlId ? parseFen(ev.hisBySetlId.hosp_part_amt ?? '0') : undefined;
  if (amounts.length === 0 && fields.some((f) => f.field === 'refd_setl_flag')) cause = 'refund_flag';
  else if (ctx.rules.hospitalBorne !== 'as_returned' && hosp !== undefined && hosp !== 0n && (fundDiff === hosp || fundDiff === -hosp) && r.medfee === h.medfee) cause = 'local_derivation';
  else if (amounts.length > 0 && amounts.every((f) => { const d = parseFen(f.diff!)!; return d >= -5n && d <= 5n; })) cause = 'rounding';
  const names = fields.map((f) => (f.diff ? `${f.field} ${f.his} → ${f.center} (${f.diff.startsWith('-') ? '' : '+'}${f.diff})` : `${f.field} ${f.his} → ${f.center}`));
  return finding({
    kind: 'amount_mismatch',
    cause,
    scope: ctx.scope,
    group: hisGroup(h),
    ids: hisIds(h),
    times: { his: h.setl_time, center: s(center?.setl_time) },
    fields,
    effects: [effect(ctx.scope, hisGroup(h), 0, (r.medfee ?? h.medfee) - h.medfee, (r.fund ?? h.fund) - h.fund, (r.acct ?? h.acct) - h.acct)],
    detail: `Settlement ${h.setl_id}: both sides hold it with different figures: ${names.join('; ')}${cause === 'local_derivation' ? ' (the difference is hosp_part_amt: check reconcile.hospitalBorne)' : cause === 'rounding' ? ' (a few fen: rounding)' : ''}.`,
    his: ev.hisBySetlId ?? null,
    center: r,
    ev,
    infno: h.infno,
  });
}

function classifyHisOnly(h: HisSettlement, r: ResultRow | null, ev: Evidence, ctx: ClassifyContext): Finding {
  const g = hisGroup(h);
  const minus = [effect(ctx.scope, g, -1, -h.medfee, -h.fund, -h.acct)];
  const base = { scope: ctx.scope, group: g, ids: hisIds(h), effects: minus, his: ev.hisBySetlId ?? null, center: r, ev, infno: h.infno };
  if (r === null) {
    return finding({ ...base, kind: 'unknown', cause: 'not_in_result', detail: `Settlement ${h.setl_id} was in the detail file but the center's result has no line for it (a truncated file, or a center that lists only differences).` });
  }
  const center = cq(ev);
  if (center) {
    const ct = s(center.setl_time);
    const cday = ct ? ct.slice(0, 10) : null;
    if (ct && cday && !inPeriod(cday, ctx.scope)) {
      if (h.refd_setl_flag === '1') {
        return finding({ ...base, kind: 'refund_other_period', cause: 'center_other_period', times: { his: h.setl_time, center: ct }, detail: `Refund ${h.setl_id} is booked by the HIS at ${h.setl_time}; the center counts it at ${ct}, in another period.` });
      }
      const cause = dayShift(h.setl_time, ct, ctx.rules.crossMidnightMinutes);
      return finding({ ...base, kind: 'cross_midnight', cause, times: { his: h.setl_time, center: ct }, detail: `Settlement ${h.setl_id} is booked by the HIS at ${h.setl_time}; the center's setl_time is ${ct} (${cause === 'near_midnight' ? 'across midnight' : 'another day'}), so the center counts it on ${cday}.` });
    }
    const diffs: FieldDiff[] = [];
    const ci = s(center.insutype);
    const cc = s(center.clr_type);
    const co = s(center.clr_optins);
    if (ci && ci !== h.insutype) diffs.push({ field: 'insutype', his: h.insutype, center: ci, diff: null });
    if (cc && cc !== h.clr_type) diffs.push({ field: 'clr_type', his: h.clr_type, center: cc, diff: null });
    if (co && co !== h.setl_optins) diffs.push({ field: 'setl_optins', his: h.setl_optins, center: co, diff: null });
    if (diffs.length) {
      return finding({ ...base, kind: 'group_mismatch', cause: diffs.map((d) => d.field).join('+'), fields: diffs, times: { his: h.setl_time, center: ct }, detail: `Settlement ${h.setl_id} is held by the center under ${diffs.map((d) => `${d.field} ${d.center}`).join(', ')}; the HIS has ${diffs.map((d) => `${d.field} ${d.his}`).join(', ')}.` });
    }
    return finding({ ...base, kind: 'unknown', cause: 'center_holds_it', times: { his: h.setl_time, center: ct }, detail: `The center marked settlement ${h.setl_id} not balanced${r?.memo ? ` ("${r.memo}")` : ''}, yet 5203 returns it with the same period and group.` });
  }
  const said = `${r?.memo ?? ''} ${ev.center && !ev.center.ok ? (ev.center.err_msg ?? '') : ''}`;
  const wasAsked = asked(ev);
  const infno = h.infno ?? s(ev.hisLog?.infno);
  if (infno === '2206' || infno === '2303') {
    return finding({ ...base, kind: 'his_only', cause: 'pre_settlement', detail: `Settlement ${h.setl_id} was stored from a pre-settlement (${infno}); the center never settled it.` });
  }
  if (REVERSED.test(said)) {
    return finding({ ...base, kind: 'his_only', cause: 'reversed_at_center', detail: `The center reversed settlement ${h.setl_id}${said.trim() ? ` ("${said.trim()}")` : ''}; the HIS still shows it ${h.his_status}.` });
  }
  if (CANCELLED.test(said)) {
    return finding({ ...base, kind: 'his_only', cause: 'cancelled_at_center', detail: `The center cancelled settlement ${h.setl_id}${said.trim() ? ` ("${said.trim()}")` : ''}; the HIS still shows it ${h.his_status}.` });
  }
  return finding({
    ...base,
    kind: 'his_only',
    cause: wasAsked ? 'not_at_center' : 'not_at_center_unconfirmed',
    detail: `The center holds no settlement ${h.setl_id}${said.trim() ? ` ("${said.trim()}")` : ''}; the HIS shows it ${h.his_status} at ${h.setl_time}${wasAsked ? '' : ' (5203 not asked: query limit)'}.`,
  });
}

function resultIds(r: ResultRow) {
  return { setl_id: r.setl_id, mdtrt_id: r.mdtrt_id, psn_no: r.psn_no, msgid: r.msgid, refd_setl_flag: r.refd_setl_flag ?? '0' };
}

function centerGroup(ev: Evidence, ctx: ClassifyContext, fallback?: HisSettlement | null) {
  const c = cq(ev);
  return {
    insutype: s(c?.insutype) ?? fallback?.insutype ?? s(ev.hisBySetlId?.insutype) ?? null,
    clr_type: ctx.scope.clr_type,
    setl_optins: ctx.scope.setl_optins,
  };
}

function classifyCenterOnly(r: ResultRow, ev: Evidence, ctx: ClassifyContext): Finding {
  const g = centerGroup(ev, ctx);
  const plus = [effect(ctx.scope, g, 1, r.medfee ?? 0n, r.fund ?? 0n, r.acct ?? 0n)];
  const ids = resultIds(r);
  const ct = s(cq(ev)?.setl_time);
  const base = { scope: ctx.scope, group: g, ids, effects: plus, center: r, ev, infno: s(ev.hisLog?.infno) ?? s(ev.hisByMsgid?.infno) ?? null };
  if (ev.problem) {
    return finding({ ...base, kind: 'unknown', cause: ev.problem.code.toLowerCase(), his: ev.problem.row, detail: `The center holds settlement ${r.setl_id}; the HIS row for it cannot be counted: ${ev.problem.message}.` });
  }
  // The center answers 5203 for this (original) settlement as refunded: it holds the original and
  // a refund row (2208/2305), whoever sent the cancellation. The HIS must book both, not a void.
  const centerCancelled = (r.refd_setl_flag ?? '0') !== '1' && s(cq(ev)?.refd_setl_flag) === '1';
  const notRecorded = (his: Row | null, how: string) =>
    finding({ ...base, kind: 'center_only', cause: 'cancel_not_recorded', his, times: { his: his ? s(his.setl_time) : null, center: ct }, detail: `The center cancelled settlement ${r.setl_id} (it holds the original and its refund row); ${how}, so the day of the original does not balance.` });
  const refundRow = (r.refd_setl_flag ?? '0') === '1' ? classifyRefundRow(r, ev, ctx, base) : null;
  if (refundRow) return refundRow;
  const byId = ev.hisBySetlId;
  if (byId) {
    const status = s(byId.his_status) ?? '';
    const time = s(byId.setl_time);
    const refd = s(byId.refd_setl_flag) === '1' ? '1' : '0';
    if (!ctx.rules.statuses.includes(status) && centerCancelled && status !== 'cancelled') return notRecorded(byId, `the HIS shows it "${status}"`);
    if (!ctx.rules.statuses.includes(status)) {
      const cause = status === 'pending' ? 'no_answer' : status === 'void' ? 'his_void' : 'excluded_by_rules';
      return finding({ ...base, kind: 'center_only', cause, his: byId, times: { his: time, center: ct }, detail: `The center holds settlement ${r.setl_id}; the HIS row has status "${status}", which does not count (${cause === 'no_answer' ? 'the HIS never recorded the answer' : cause === 'his_void' ? 'the HIS voided it' : 'reconcile.statuses'}).` });
    }
    const hday = time ? time.slice(0, 10) : null;
    if (time && hday && !inPeriod(hday, ctx.scope)) {
      if (refd === '1' || r.refd_setl_flag === '1') {
        return finding({ ...base, kind: 'refund_other_period', cause: 'his_other_period', his: byId, times: { his: time, center: ct }, detail: `The center counts refund ${r.setl_id} in this period${ct ? ` (${ct})` : ''}; the HIS books it at ${time}, in another period.` });
      }
      const cause = ct ? dayShift(time, ct, ctx.rules.crossMidnightMinutes) : time.slice(11) >= '23:00:00' || time.slice(11) <= '01:00:00' ? 'near_midnight' : 'other_day';
      return finding({ ...base, kind: 'cross_midnight', cause, his: byId, times: { his: time, center: ct }, detail: `The center counts settlement ${r.setl_id} in this period${ct ? ` (${ct})` : ''}; the HIS books it at ${time}, on another day.` });
    }
    if (refd === '1' && ctx.rules.refunds === 'exclude') {
      return finding({ ...base, kind: 'center_only', cause: 'excluded_by_rules', his: byId, times: { his: time, center: ct }, detail: `The center counts refund ${r.setl_id}; reconcile.refunds is "exclude", so the HIS side left it out.` });
    }
    const diffs: FieldDiff[] = [];
    const hc = s(byId.clr_type);
    const ho = s(byId.setl_optins) ?? s(byId.clr_optins);
    if (hc && hc !== ctx.scope.clr_type) diffs.push({ field: 'clr_type', his: hc, center: ctx.scope.clr_type, diff: null });
    if (ho && ho !== ctx.scope.setl_optins) diffs.push({ field: 'setl_optins', his: ho, center: ctx.scope.setl_optins, diff: null });
    if (diffs.length) {
      return finding({ ...base, kind: 'group_mismatch', cause: diffs.map((d) => d.field).join('+'), fields: diffs, his: byId, times: { his: time, center: ct }, detail: `The center holds settlement ${r.setl_id} under clr_type ${ctx.scope.clr_type} / agency ${ctx.scope.setl_optins}; the HIS row says ${diffs.map((d) => `${d.field} ${d.his}`).join(', ')}.` });
    }
    return finding({ ...base, kind: 'center_only', cause: 'excluded_by_rules', his: byId, times: { his: time, center: ct }, detail: `The center holds settlement ${r.setl_id}; the HIS has it in this period but the reconcile rules left it out (out-of-area or refund rules).` });
  }
  const byMsg = ev.hisByMsgid;
  if (byMsg && centerCancelled && !ctx.rules.statuses.includes(s(byMsg.his_status) ?? '')) return notRecorded(byMsg, `the HIS shows it "${s(byMsg.his_status) ?? ''}"`);
  if (byMsg) {
    const status = s(byMsg.his_status) ?? '';
    const cause = status === 'pending' ? 'no_answer' : status === 'void' ? 'his_void' : ctx.rules.statuses.includes(status) && !s(byMsg.setl_id) ? 'his_missing_setl_id' : 'no_answer';
    return finding({
      ...base,
      kind: 'center_only',
      cause,
      his: byMsg,
      times: { his: s(byMsg.setl_time), center: ct },
      detail:
        cause === 'his_void'
          ? `The center settled call ${r.msgid} (setl_id ${r.setl_id}); the HIS marked that settlement void.`
          : cause === 'his_missing_setl_id'
            ? `The center settled call ${r.msgid} (setl_id ${r.setl_id}); the HIS row of that call has no setl_id.`
            : `The center settled call ${r.msgid} (setl_id ${r.setl_id}); the HIS still shows it "${status}" (the answer never arrived).`,
    });
  }
  if (centerCancelled && (ev.hisLog || ev.call)) return notRecorded(null, 'the HIS has no row of it (it rolled back after the center committed)');
  if (ev.hisLog) {
    return finding({ ...base, kind: 'center_only', cause: 'his_rollback', his: null, times: { center: ct }, detail: `The center settled call ${r.msgid} (setl_id ${r.setl_id}); the HIS's log has the call (${s(ev.hisLog.log_status) ?? 'no status'}) but no settlement row: the HIS rolled back after the center committed.` });
  }
  if (ev.call) {
    const st = s(ev.call.status);
    return finding({ ...base, kind: 'center_only', cause: st === 'ok' ? 'his_rollback' : 'no_answer', his: null, times: { center: ct }, detail: `The center settled call ${r.msgid} (setl_id ${r.setl_id}), which hisops's own journal records as "${st}"; the HIS has no settlement for it.` });
  }
  return finding({ ...base, kind: 'center_only', cause: 'unknown_to_his', his: null, times: { center: ct }, detail: `The center holds settlement ${r.setl_id} (call ${r.msgid ?? '?'}); the HIS has no settlement, no call and no visit for it.` });
}

/** The original a cancellation (2208/2305) of hisops's cancelled: the setl_id in its request. */
function cancelledByCall(call: Evidence['call']): string | null {
  // Answered, or sent and never answered (killed, timed out): a refund row at the center with this
  // call's msgid proves it went through either way.
  if (!call || (call.infno !== '2208' && call.infno !== '2305') || call.status === 'failed') return null;
  try {
    const req = JSON.parse(String(call.request ?? '')) as { data?: { setl_id?: unknown }; setl_id?: unknown };
    return s(req.data?.setl_id ?? req.setl_id);
  } catch {
    return null;
  }
}

/**
 * A refund row (refd 1) at the center that the HIS does not hold: one half of a pair. Its original
 * is the setl_id hisops's own 2208/2305 named (the call journal), or the visit's settlement without
 * a refund row. The HIS counts the original → it lacks only the cancellation (his_only ·
 * cancelled_at_center); it does not count it (pending, void, missing) → the pair is not recorded
 * (center_only · cancel_not_recorded, merged with the original's day). Unknown original → null.
 */
function classifyRefundRow(r: ResultRow, ev: Evidence, ctx: ClassifyContext, base: Omit<Base, 'kind' | 'cause' | 'detail' | 'his'>): Finding | null {
  // The HIS holds this refund row itself (another period, another group …): the usual rules say what differs.
  if (ev.hisBySetlId) return null;
  const visit = ev.hisVisit ?? [];
  const byUs = cancelledByCall(ev.call);
  const hasRefund = (x: Row) => visit.some((y) => s(y.refd_setl_flag) === '1' && s(y.init_setl_id) === s(x.setl_id));
  const ct = s(cq(ev)?.setl_time);
  let orig: Row | undefined;
  if (byUs) {
    orig = visit.find((x) => s(x.setl_id) === byUs);
    // Its refund row is booked already: not a pair the HIS lacks.
    if (orig && hasRefund(orig)) return null;
  } else {
    // Without hisops's call, only an original of the same bill, settled before the refund and not
    // refunded in the HIS, is this refund's original — and only when exactly one fits (a visit may
    // have been settled again after the cancellation).
    const fits = visit.filter((x) => {
      if (s(x.refd_setl_flag) === '1' || hasRefund(x)) return false;
      const fee = parseFen(x.medfee_sumamt ?? '');
      if (r.medfee !== null && fee !== undefined && fee !== null && fee !== -r.medfee) return false;
      const t = s(x.setl_time);
      return !(ct && t && t > ct);
    });
    if (fits.length !== 1) return null;
    orig = fits[0];
  }
  const origId = s(orig?.setl_id) ?? byUs;
  if (!origId) return null;
  const og = { insutype: s(orig?.insutype) ?? base.group.insutype, clr_type: ctx.scope.clr_type, setl_optins: ctx.scope.setl_optins };
  const counted = orig !== undefined && ctx.rules.statuses.includes(s(orig.his_status) ?? '') && !hasRefund(orig);
  const who = byUs ? `hisops's own ${String(ev.call?.infno)} (msgid ${String(ev.call?.msgid)})` : 'the center (another terminal or its staff)';
  return finding({
    ...base,
    kind: counted ? 'his_only' : 'center_only',
    cause: counted ? 'cancelled_at_center' : 'cancel_not_recorded',
    group: og,
    effects: [effect(ctx.scope, og, 1, r.medfee ?? 0n, r.fund ?? 0n, r.acct ?? 0n)],
    // The settlement to act on is the original; the center's refund row is the related one.
    ids: { setl_id: origId, mdtrt_id: s(orig?.mdtrt_id) ?? base.ids.mdtrt_id, psn_no: s(orig?.psn_no) ?? base.ids.psn_no, msgid: s(orig?.msgid) ?? (byUs ? null : base.ids.msgid), related_setl_id: r.setl_id, refd_setl_flag: '0' },
    his: orig ?? null,
    times: { his: s(orig?.setl_time), center: ct },
    detail: counted
      ? `Settlement ${origId} was cancelled by ${who} (refund row ${r.setl_id ?? '?'}${ct ? ` at ${ct}` : ''}); the HIS still shows it ${s(orig!.his_status)} with no refund row.`
      : `Settlement ${origId} was cancelled by ${who} (refund row ${r.setl_id ?? '?'}${ct ? ` at ${ct}` : ''}); the HIS ${orig ? `shows it "${s(orig.his_status)}"` : 'has no row of it'} and no refund row.`,
  });
}

function classifyDuplicate(r: ResultRow, original: HisSettlement | null, ev: Evidence, ctx: ClassifyContext): Finding {
  // A keyed row whose call the HIS made itself is a lost answer, not a duplicate.
  if (r.setl_id !== null && (ev.hisByMsgid || ev.hisLog)) return classifyCenterOnly(r, ev, ctx);
  const g = original ? hisGroup(original) : centerGroup(ev, ctx);
  return finding({
    kind: 'center_duplicate',
    cause: r.setl_id === null ? 'keys_withheld' : 'same_visit',
    scope: ctx.scope,
    group: g,
    ids: { setl_id: r.setl_id, mdtrt_id: r.mdtrt_id ?? original?.mdtrt_id ?? null, psn_no: r.psn_no, msgid: r.msgid, related_setl_id: original?.setl_id ?? null, refd_setl_flag: r.refd_setl_flag ?? '0' },
    times: { his: original?.setl_time ?? null, center: s(cq(ev)?.setl_time) },
    effects: [effect(ctx.scope, g, 1, r.medfee ?? 0n, r.fund ?? 0n, r.acct ?? 0n)],
    detail: `The center holds a second settlement${r.setl_id ? ` ${r.setl_id}` : ' (keys withheld)'} of ${original ? `settlement ${original.setl_id} (visit ${original.mdtrt_id})` : `person ${r.psn_no ?? '?'}`}, created by call ${r.msgid ?? '?'}.`,
    his: ev.hisBySetlId ?? null,
    center: r,
    ev,
    infno: original?.infno ?? s(ev.hisLog?.infno),
  });
}

function classifyBadRow(r: ResultRow, h: HisSettlement | undefined, ctx: ClassifyContext, ev: Evidence): Finding {
  return finding({
    kind: 'unknown',
    cause: 'malformed_result_row',
    scope: ctx.scope,
    group: h ? hisGroup(h) : { insutype: null, clr_type: ctx.scope.clr_type, setl_optins: ctx.scope.setl_optins },
    ids: h ? hisIds(h) : { setl_id: r.setl_id, mdtrt_id: r.mdtrt_id, psn_no: r.psn_no, msgid: r.msgid, refd_setl_flag: r.refd_setl_flag },
    effects: [],
    detail: `Line ${r.line} of the center's result file does not fit: ${r.problem}${h ? ` (it names settlement ${h.setl_id} of the HIS)` : ''}.`,
    his: ev.hisBySetlId ?? null,
    center: r,
    ev,
    infno: null,
  });
}

export function classify(d: Difference, ev: Evidence, ctx: ClassifyContext): Finding {
  switch (d.type) {
    case 'mismatch':
      return classifyMismatch(d.his, d.center, ev, ctx);
    case 'his_only':
      return classifyHisOnly(d.his, d.center, ev, ctx);
    case 'center_only':
      return classifyCenterOnly(d.center, ev, ctx);
    case 'duplicate':
      return classifyDuplicate(d.center, d.original, ev, ctx);
    case 'bad_row':
      return classifyBadRow(d.center, d.his, ctx, ev);
  }
}

/** A HIS row of the period the job cannot count, as an "unknown" finding with the raw row. */
export function problemFinding(p: HisRowProblem, scope: DetailScope): Finding {
  const r = p.row;
  return finding({
    kind: 'unknown',
    cause: p.code.toLowerCase(),
    scope,
    group: { insutype: s(r.insutype), clr_type: s(r.clr_type), setl_optins: s(r.setl_optins) ?? s(r.clr_optins) },
    ids: { setl_id: s(r.setl_id), mdtrt_id: s(r.mdtrt_id), psn_no: s(r.psn_no), msgid: s(r.msgid), refd_setl_flag: s(r.refd_setl_flag) },
    times: { his: s(r.setl_time) },
    effects: [],
    detail: `The HIS row cannot be counted: ${p.message}.`,
    his: r,
    center: null,
    ev: { problem: p },
    infno: s(r.infno),
  });
}

/** What the difference needs looked up (the run fetches these, bounded by reconcile.queryLimit for 5203). */
export interface EvidenceNeeds {
  setl_id: string | null;
  msgid: string | null;
  mdtrt_id: string | null;
  psn_no: string | null;
  /** Ask 5203 (needs setl_id and psn_no). */
  query: boolean;
  /** Look up every HIS settlement of the visit (center-side refunds). */
  visit: boolean;
}

export function evidenceNeeds(d: Difference): EvidenceNeeds {
  switch (d.type) {
    case 'mismatch':
      return { setl_id: d.his.setl_id, msgid: d.his.msgid, mdtrt_id: d.his.mdtrt_id, psn_no: d.his.psn_no, query: true, visit: false };
    case 'his_only':
      return { setl_id: d.his.setl_id, msgid: d.his.msgid, mdtrt_id: d.his.mdtrt_id, psn_no: d.his.psn_no, query: d.center !== null, visit: false };
    case 'center_only':
      return { setl_id: d.center.setl_id, msgid: d.center.msgid, mdtrt_id: d.center.mdtrt_id, psn_no: d.center.psn_no, query: true, visit: d.center.refd_setl_flag === '1' };
    case 'duplicate':
      return { setl_id: d.center.setl_id, msgid: d.center.msgid, mdtrt_id: d.center.mdtrt_id, psn_no: d.center.psn_no, query: d.center.setl_id !== null, visit: false };
    case 'bad_row':
      return { setl_id: null, msgid: null, mdtrt_id: null, psn_no: null, query: false, visit: false };
  }
}

/** 5203's answer as plain data (amounts as two-decimal text). */
export function centerQueryOf(setlinfo: Record<string, unknown>): CenterQuery {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(setlinfo)) {
    if (v === null || v === undefined) out[k] = null;
    else if (typeof v === 'number' || typeof v === 'string') out[k] = v;
    else if (typeof (v as { toFixed?: unknown }).toFixed === 'function') out[k] = (v as { toFixed(n: number): string }).toFixed(2);
    else out[k] = String(v);
  }
  return { ok: true, setlinfo: out };
}

/**
 * Merge findings of one settlement seen in several periods (a cross-midnight settlement shows on
 * both days; a refund in both periods) into one, with each period's effect.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  const at = new Map<string, number>();
  for (const f of findings) {
    // A cancellation the HIS did not book shows on the original's day and on the refund's: one finding.
    const pair = f.cause === 'cancel_not_recorded' || f.cause === 'cancelled_at_center';
    const key = (f.kind === 'cross_midnight' || f.kind === 'refund_other_period' || pair) && f.setl_id ? `${pair ? 'pair' : f.kind}|${f.setl_id}` : undefined;
    const i = key === undefined ? undefined : at.get(key);
    if (key === undefined || i === undefined) {
      if (key !== undefined) at.set(key, out.length);
      out.push(f);
      continue;
    }
    const prev = out[i]!;
    out[i] = {
      ...prev,
      begndate: prev.begndate < f.begndate ? prev.begndate : f.begndate,
      enddate: prev.enddate > f.enddate ? prev.enddate : f.enddate,
      insutype: prev.insutype ?? f.insutype,
      related_setl_id: prev.related_setl_id ?? f.related_setl_id,
      msgid: prev.msgid ?? f.msgid,
      his_setl_time: prev.his_setl_time ?? f.his_setl_time,
      center_setl_time: prev.center_setl_time ?? f.center_setl_time,
      effects: [...prev.effects, ...f.effects],
      evidence: {
        his: prev.evidence.his ?? f.evidence.his,
        center_row: prev.evidence.center_row ?? f.evidence.center_row,
        center_query: prev.evidence.center_query ?? f.evidence.center_query,
        his_log: prev.evidence.his_log ?? f.evidence.his_log,
        call: prev.evidence.call ?? f.evidence.call,
      },
    };
  }
  return out;
}
