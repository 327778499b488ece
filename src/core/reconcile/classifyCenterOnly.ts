/**
 * Classifying what the center holds and the HIS does not count here (a center-only line, its
 * refund rows, and the center's duplicates) from the HIS rows by setl_id / msgid / visit, the
 * HIS's log, hisops's own call journal and 5203. See classify.ts for the whole table. Pure.
 */
import type { Row } from '../his/index.js';
import { parseFen } from './fen.js';
import {
  centerGroup,
  cq,
  dayShift,
  effect,
  finding,
  hisGroup,
  inPeriod,
  resultIds,
  s,
  type Base,
  type ClassifyContext,
} from './findingBase.js';
import type { Evidence, FieldDiff, Finding, HisSettlement, ResultRow } from './types.js';

/** The fields of a center-side finding every cause shares. */
type CenterBase = Omit<Base, 'kind' | 'cause' | 'detail' | 'his'>;

export function classifyCenterOnly(r: ResultRow, ev: Evidence, ctx: ClassifyContext): Finding {
  const g = centerGroup(ev, ctx);
  const plus = [effect(ctx.scope, g, 1, r.medfee ?? 0n, r.fund ?? 0n, r.acct ?? 0n)];
  const ids = resultIds(r);
  const ct = s(cq(ev)?.setl_time);
  const base: CenterBase = {
    scope: ctx.scope,
    group: g,
    ids,
    effects: plus,
    center: r,
    ev,
    infno: s(ev.hisLog?.infno) ?? s(ev.hisByMsgid?.infno) ?? null,
  };
  if (ev.problem) {
    return finding({
      ...base,
      kind: 'unknown',
      cause: ev.problem.code.toLowerCase(),
      his: ev.problem.row,
      detail: `The center holds settlement ${r.setl_id}; the HIS row for it cannot be counted: ${ev.problem.message}.`,
    });
  }
  // The center answers 5203 for this (original) settlement as refunded: it holds the original and
  // a refund row (2208/2305), whoever sent the cancellation. The HIS must book both, not a void.
  const centerCancelled = (r.refd_setl_flag ?? '0') !== '1' && s(cq(ev)?.refd_setl_flag) === '1';
  const notRecorded = (his: Row | null, how: string) =>
    finding({
      ...base,
      kind: 'center_only',
      cause: 'cancel_not_recorded',
      his,
      times: { his: his ? s(his.setl_time) : null, center: ct },
      detail: `The center cancelled settlement ${r.setl_id} (it holds the original and its refund row); ${how}, so the day of the original does not balance.`,
    });
  const refundRow = (r.refd_setl_flag ?? '0') === '1' ? classifyRefundRow(r, ev, ctx, base) : null;
  if (refundRow) return refundRow;
  if (ev.hisBySetlId) return heldByHis(r, ev.hisBySetlId, ctx, base, ct, centerCancelled, notRecorded);
  const byMsg = ev.hisByMsgid;
  if (byMsg && centerCancelled && !ctx.rules.statuses.includes(s(byMsg.his_status) ?? ''))
    return notRecorded(byMsg, `the HIS shows it "${s(byMsg.his_status) ?? ''}"`);
  if (byMsg) return heldUnderCall(r, byMsg, ctx, base, ct);
  if (centerCancelled && (ev.hisLog || ev.call))
    return notRecorded(null, 'the HIS has no row of it (it rolled back after the center committed)');
  return noSettlementInHis(r, ev, base, ct);
}

/** The HIS has a row of the call (by msgid) but not the settlement: still pending, void, or without setl_id. */
function heldUnderCall(r: ResultRow, byMsg: Row, ctx: ClassifyContext, base: CenterBase, ct: string | null): Finding {
  const status = s(byMsg.his_status) ?? '';
  const cause =
    status === 'pending'
      ? 'no_answer'
      : status === 'void'
        ? 'his_void'
        : ctx.rules.statuses.includes(status) && !s(byMsg.setl_id)
          ? 'his_missing_setl_id'
          : 'no_answer';
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

/** No HIS settlement row: the HIS's log or hisops's journal may know the call (a rollback), or nothing does. */
function noSettlementInHis(r: ResultRow, ev: Evidence, base: CenterBase, ct: string | null): Finding {
  if (ev.hisLog) {
    return finding({
      ...base,
      kind: 'center_only',
      cause: 'his_rollback',
      his: null,
      times: { center: ct },
      detail: `The center settled call ${r.msgid} (setl_id ${r.setl_id}); the HIS's log has the call (${s(ev.hisLog.log_status) ?? 'no status'}) but no settlement row: the HIS rolled back after the center committed.`,
    });
  }
  if (ev.call) {
    const st = s(ev.call.status);
    return finding({
      ...base,
      kind: 'center_only',
      cause: st === 'ok' ? 'his_rollback' : 'no_answer',
      his: null,
      times: { center: ct },
      detail: `The center settled call ${r.msgid} (setl_id ${r.setl_id}), which hisops's own journal records as "${st}"; the HIS has no settlement for it.`,
    });
  }
  return finding({
    ...base,
    kind: 'center_only',
    cause: 'unknown_to_his',
    his: null,
    times: { center: ct },
    detail: `The center holds settlement ${r.setl_id} (call ${r.msgid ?? '?'}); the HIS has no settlement, no call and no visit for it.`,
  });
}

/** The HIS holds a row under this setl_id, yet does not count it in this scope: its status, day, refund flag or group say why. */
function heldByHis(
  r: ResultRow,
  byId: Row,
  ctx: ClassifyContext,
  base: CenterBase,
  ct: string | null,
  centerCancelled: boolean,
  notRecorded: (his: Row | null, how: string) => Finding,
): Finding {
  const status = s(byId.his_status) ?? '';
  const time = s(byId.setl_time);
  const refd = s(byId.refd_setl_flag) === '1' ? '1' : '0';
  if (!ctx.rules.statuses.includes(status) && centerCancelled && status !== 'cancelled')
    return notRecorded(byId, `the HIS shows it "${status}"`);
  if (!ctx.rules.statuses.includes(status)) {
    const cause = status === 'pending' ? 'no_answer' : status === 'void' ? 'his_void' : 'excluded_by_rules';
    return finding({
      ...base,
      kind: 'center_only',
      cause,
      his: byId,
      times: { his: time, center: ct },
      detail: `The center holds settlement ${r.setl_id}; the HIS row has status "${status}", which does not count (${cause === 'no_answer' ? 'the HIS never recorded the answer' : cause === 'his_void' ? 'the HIS voided it' : 'reconcile.statuses'}).`,
    });
  }
  const hday = time ? time.slice(0, 10) : null;
  if (time && hday && !inPeriod(hday, ctx.scope)) return bookedOtherDay(r, byId, time, refd, ctx, base, ct);
  if (refd === '1' && ctx.rules.refunds === 'exclude') {
    return finding({
      ...base,
      kind: 'center_only',
      cause: 'excluded_by_rules',
      his: byId,
      times: { his: time, center: ct },
      detail: `The center counts refund ${r.setl_id}; reconcile.refunds is "exclude", so the HIS side left it out.`,
    });
  }
  const diffs: FieldDiff[] = [];
  const hc = s(byId.clr_type);
  const ho = s(byId.setl_optins) ?? s(byId.clr_optins);
  if (hc && hc !== ctx.scope.clr_type)
    diffs.push({ field: 'clr_type', his: hc, center: ctx.scope.clr_type, diff: null });
  if (ho && ho !== ctx.scope.setl_optins)
    diffs.push({ field: 'setl_optins', his: ho, center: ctx.scope.setl_optins, diff: null });
  if (diffs.length) {
    return finding({
      ...base,
      kind: 'group_mismatch',
      cause: diffs.map((d) => d.field).join('+'),
      fields: diffs,
      his: byId,
      times: { his: time, center: ct },
      detail: `The center holds settlement ${r.setl_id} under clr_type ${ctx.scope.clr_type} / agency ${ctx.scope.setl_optins}; the HIS row says ${diffs.map((d) => `${d.field} ${d.his}`).join(', ')}.`,
    });
  }
  return finding({
    ...base,
    kind: 'center_only',
    cause: 'excluded_by_rules',
    his: byId,
    times: { his: time, center: ct },
    detail: `The center holds settlement ${r.setl_id}; the HIS has it in this period but the reconcile rules left it out (out-of-area or refund rules).`,
  });
}

/** The HIS books the settlement (or refund) on a day outside this period. */
function bookedOtherDay(
  r: ResultRow,
  byId: Row,
  time: string,
  refd: '0' | '1',
  ctx: ClassifyContext,
  base: CenterBase,
  ct: string | null,
): Finding {
  if (refd === '1' || r.refd_setl_flag === '1') {
    return finding({
      ...base,
      kind: 'refund_other_period',
      cause: 'his_other_period',
      his: byId,
      times: { his: time, center: ct },
      detail: `The center counts refund ${r.setl_id} in this period${ct ? ` (${ct})` : ''}; the HIS books it at ${time}, in another period.`,
    });
  }
  const cause = ct
    ? dayShift(time, ct, ctx.rules.crossMidnightMinutes)
    : time.slice(11) >= '23:00:00' || time.slice(11) <= '01:00:00'
      ? 'near_midnight'
      : 'other_day';
  return finding({
    ...base,
    kind: 'cross_midnight',
    cause,
    his: byId,
    times: { his: time, center: ct },
    detail: `The center counts settlement ${r.setl_id} in this period${ct ? ` (${ct})` : ''}; the HIS books it at ${time}, on another day.`,
  });
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
function classifyRefundRow(r: ResultRow, ev: Evidence, ctx: ClassifyContext, base: CenterBase): Finding | null {
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
  const og = {
    insutype: s(orig?.insutype) ?? base.group.insutype,
    clr_type: ctx.scope.clr_type,
    setl_optins: ctx.scope.setl_optins,
  };
  const counted = orig !== undefined && ctx.rules.statuses.includes(s(orig.his_status) ?? '') && !hasRefund(orig);
  const who = byUs
    ? `hisops's own ${String(ev.call?.infno)} (msgid ${String(ev.call?.msgid)})`
    : 'the center (another terminal or its staff)';
  return finding({
    ...base,
    kind: counted ? 'his_only' : 'center_only',
    cause: counted ? 'cancelled_at_center' : 'cancel_not_recorded',
    group: og,
    effects: [effect(ctx.scope, og, 1, r.medfee ?? 0n, r.fund ?? 0n, r.acct ?? 0n)],
    // The settlement to act on is the original; the center's refund row is the related one.
    ids: {
      setl_id: origId,
      mdtrt_id: s(orig?.mdtrt_id) ?? base.ids.mdtrt_id,
      psn_no: s(orig?.psn_no) ?? base.ids.psn_no,
      msgid: s(orig?.msgid) ?? (byUs ? null : base.ids.msgid),
      related_setl_id: r.setl_id,
      refd_setl_flag: '0',
    },
    his: orig ?? null,
    times: { his: s(orig?.setl_time), center: ct },
    detail: counted
      ? `Settlement ${origId} was cancelled by ${who} (refund row ${r.setl_id ?? '?'}${ct ? ` at ${ct}` : ''}); the HIS still shows it ${s(orig!.his_status)} with no refund row.`
      : `Settlement ${origId} was cancelled by ${who} (refund row ${r.setl_id ?? '?'}${ct ? ` at ${ct}` : ''}); the HIS ${orig ? `shows it "${s(orig.his_status)}"` : 'has no row of it'} and no refund row.`,
  });
}

export function classifyDuplicate(
  r: ResultRow,
  original: HisSettlement | null,
  ev: Evidence,
  ctx: ClassifyContext,
): Finding {
  // A keyed row whose call the HIS made itself is a lost answer, not a duplicate.
  if (r.setl_id !== null && (ev.hisByMsgid || ev.hisLog)) return classifyCenterOnly(r, ev, ctx);
  const g = original ? hisGroup(original) : centerGroup(ev, ctx);
  return finding({
    kind: 'center_duplicate',
    cause: r.setl_id === null ? 'keys_withheld' : 'same_visit',
    scope: ctx.scope,
    group: g,
    ids: {
      setl_id: r.setl_id,
      mdtrt_id: r.mdtrt_id ?? original?.mdtrt_id ?? null,
      psn_no: r.psn_no,
      msgid: r.msgid,
      related_setl_id: original?.setl_id ?? null,
      refd_setl_flag: r.refd_setl_flag ?? '0',
    },
    times: { his: original?.setl_time ?? null, center: s(cq(ev)?.setl_time) },
    effects: [effect(ctx.scope, g, 1, r.medfee ?? 0n, r.fund ?? 0n, r.acct ?? 0n)],
    detail: `The center holds a second settlement${r.setl_id ? ` ${r.setl_id}` : ' (keys withheld)'} of ${original ? `settlement ${original.setl_id} (visit ${original.mdtrt_id})` : `person ${r.psn_no ?? '?'}`}, created by call ${r.msgid ?? '?'}.`,
    his: ev.hisBySetlId ?? null,
    center: r,
    ev,
    infno: original?.infno ?? s(ev.hisLog?.infno),
  });
}
