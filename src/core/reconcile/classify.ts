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
import { DETAIL_FIGURES } from './detailFigures.js';
import { fenText, parseFen } from './fen.js';
import { classifyCenterOnly, classifyDuplicate } from './classifyCenterOnly.js';
import {
  asked,
  CANCELLED,
  cq,
  dayShift,
  effect,
  finding,
  hisGroup,
  hisIds,
  inPeriod,
  REVERSED,
  s,
  type ClassifyContext,
} from './findingBase.js';
import type {
  CenterQuery,
  Difference,
  DetailScope,
  Evidence,
  FieldDiff,
  Finding,
  HisRowProblem,
  HisSettlement,
  ResultRow,
} from './types.js';

/** Field-by-field differences: every settlement amount when 5203 answered, else the three 3202 figures. */
function fieldDiffs(
  h: HisSettlement,
  r: ResultRow,
  full: Row | null | undefined,
  center: Record<string, string | number | null> | undefined,
): FieldDiff[] {
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
  for (const { field, key } of DETAIL_FIGURES) if (!have.has(field)) push(field, h[key], r[key] ?? undefined);
  if (r.refd_setl_flag !== null && r.refd_setl_flag !== h.refd_setl_flag)
    out.push({ field: 'refd_setl_flag', his: h.refd_setl_flag, center: r.refd_setl_flag, diff: null });
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
  else if (
    ctx.rules.hospitalBorne !== 'as_returned' &&
    hosp !== undefined &&
    hosp !== 0n &&
    (fundDiff === hosp || fundDiff === -hosp) &&
    r.medfee === h.medfee
  )
    cause = 'local_derivation';
  else if (
    amounts.length > 0 &&
    amounts.every((f) => {
      const d = parseFen(f.diff!)!;
      return d >= -5n && d <= 5n;
    })
  )
    cause = 'rounding';
  const names = fields.map((f) =>
    f.diff
      ? `${f.field} ${f.his} → ${f.center} (${f.diff.startsWith('-') ? '' : '+'}${f.diff})`
      : `${f.field} ${f.his} → ${f.center}`,
  );
  return finding({
    kind: 'amount_mismatch',
    cause,
    scope: ctx.scope,
    group: hisGroup(h),
    ids: hisIds(h),
    times: { his: h.setl_time, center: s(center?.setl_time) },
    fields,
    effects: [
      effect(
        ctx.scope,
        hisGroup(h),
        0,
        (r.medfee ?? h.medfee) - h.medfee,
        (r.fund ?? h.fund) - h.fund,
        (r.acct ?? h.acct) - h.acct,
      ),
    ],
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
  const base: HisOnlyBase = {
    scope: ctx.scope,
    group: g,
    ids: hisIds(h),
    effects: minus,
    his: ev.hisBySetlId ?? null,
    center: r,
    ev,
    infno: h.infno,
  };
  if (r === null) {
    return finding({
      ...base,
      kind: 'unknown',
      cause: 'not_in_result',
      detail: `Settlement ${h.setl_id} was in the detail file but the center's result has no line for it (a truncated file, or a center that lists only differences).`,
    });
  }
  const center = cq(ev);
  if (center) return heldElsewhere(h, r, center, ctx, base);
  return notSettledAtCenter(h, r, ev, base);
}

type HisOnlyBase = Omit<Parameters<typeof finding>[0], 'kind' | 'cause' | 'detail'>;

/** 5203 finds the settlement at the center: in another period, under another group, or unexplained. */
function heldElsewhere(
  h: HisSettlement,
  r: ResultRow,
  center: NonNullable<ReturnType<typeof cq>>,
  ctx: ClassifyContext,
  base: HisOnlyBase,
): Finding {
  const ct = s(center.setl_time);
  const cday = ct ? ct.slice(0, 10) : null;
  if (ct && cday && !inPeriod(cday, ctx.scope)) {
    if (h.refd_setl_flag === '1') {
      return finding({
        ...base,
        kind: 'refund_other_period',
        cause: 'center_other_period',
        times: { his: h.setl_time, center: ct },
        detail: `Refund ${h.setl_id} is booked by the HIS at ${h.setl_time}; the center counts it at ${ct}, in another period.`,
      });
    }
    const cause = dayShift(h.setl_time, ct, ctx.rules.crossMidnightMinutes);
    return finding({
      ...base,
      kind: 'cross_midnight',
      cause,
      times: { his: h.setl_time, center: ct },
      detail: `Settlement ${h.setl_id} is booked by the HIS at ${h.setl_time}; the center's setl_time is ${ct} (${cause === 'near_midnight' ? 'across midnight' : 'another day'}), so the center counts it on ${cday}.`,
    });
  }
  const diffs: FieldDiff[] = [];
  const ci = s(center.insutype);
  const cc = s(center.clr_type);
  const co = s(center.clr_optins);
  if (ci && ci !== h.insutype) diffs.push({ field: 'insutype', his: h.insutype, center: ci, diff: null });
  if (cc && cc !== h.clr_type) diffs.push({ field: 'clr_type', his: h.clr_type, center: cc, diff: null });
  if (co && co !== h.setl_optins) diffs.push({ field: 'setl_optins', his: h.setl_optins, center: co, diff: null });
  if (diffs.length) {
    return finding({
      ...base,
      kind: 'group_mismatch',
      cause: diffs.map((d) => d.field).join('+'),
      fields: diffs,
      times: { his: h.setl_time, center: ct },
      detail: `Settlement ${h.setl_id} is held by the center under ${diffs.map((d) => `${d.field} ${d.center}`).join(', ')}; the HIS has ${diffs.map((d) => `${d.field} ${d.his}`).join(', ')}.`,
    });
  }
  return finding({
    ...base,
    kind: 'unknown',
    cause: 'center_holds_it',
    times: { his: h.setl_time, center: ct },
    detail: `The center marked settlement ${h.setl_id} not balanced${r.memo ? ` ("${r.memo}")` : ''}, yet 5203 returns it with the same period and group.`,
  });
}

/** The center does not hold it: a pre-settlement, reversed or cancelled there, or never settled. */
function notSettledAtCenter(h: HisSettlement, r: ResultRow, ev: Evidence, base: HisOnlyBase): Finding {
  const said = `${r.memo ?? ''} ${ev.center && !ev.center.ok ? (ev.center.err_msg ?? '') : ''}`;
  const wasAsked = asked(ev);
  const infno = h.infno ?? s(ev.hisLog?.infno);
  if (infno === '2206' || infno === '2303') {
    return finding({
      ...base,
      kind: 'his_only',
      cause: 'pre_settlement',
      detail: `Settlement ${h.setl_id} was stored from a pre-settlement (${infno}); the center never settled it.`,
    });
  }
  if (REVERSED.test(said)) {
    return finding({
      ...base,
      kind: 'his_only',
      cause: 'reversed_at_center',
      detail: `The center reversed settlement ${h.setl_id}${said.trim() ? ` ("${said.trim()}")` : ''}; the HIS still shows it ${h.his_status}.`,
    });
  }
  if (CANCELLED.test(said)) {
    return finding({
      ...base,
      kind: 'his_only',
      cause: 'cancelled_at_center',
      detail: `The center cancelled settlement ${h.setl_id}${said.trim() ? ` ("${said.trim()}")` : ''}; the HIS still shows it ${h.his_status}.`,
    });
  }
  return finding({
    ...base,
    kind: 'his_only',
    cause: wasAsked ? 'not_at_center' : 'not_at_center_unconfirmed',
    detail: `The center holds no settlement ${h.setl_id}${said.trim() ? ` ("${said.trim()}")` : ''}; the HIS shows it ${h.his_status} at ${h.setl_time}${wasAsked ? '' : ' (5203 not asked: query limit)'}.`,
  });
}

function classifyBadRow(r: ResultRow, h: HisSettlement | undefined, ctx: ClassifyContext, ev: Evidence): Finding {
  return finding({
    kind: 'unknown',
    cause: 'malformed_result_row',
    scope: ctx.scope,
    group: h ? hisGroup(h) : { insutype: null, clr_type: ctx.scope.clr_type, setl_optins: ctx.scope.setl_optins },
    ids: h
      ? hisIds(h)
      : {
          setl_id: r.setl_id,
          mdtrt_id: r.mdtrt_id,
          psn_no: r.psn_no,
          msgid: r.msgid,
          refd_setl_flag: r.refd_setl_flag,
        },
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
    ids: {
      setl_id: s(r.setl_id),
      mdtrt_id: s(r.mdtrt_id),
      psn_no: s(r.psn_no),
      msgid: s(r.msgid),
      refd_setl_flag: s(r.refd_setl_flag),
    },
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
      return {
        setl_id: d.his.setl_id,
        msgid: d.his.msgid,
        mdtrt_id: d.his.mdtrt_id,
        psn_no: d.his.psn_no,
        query: true,
        visit: false,
      };
    case 'his_only':
      return {
        setl_id: d.his.setl_id,
        msgid: d.his.msgid,
        mdtrt_id: d.his.mdtrt_id,
        psn_no: d.his.psn_no,
        query: d.center !== null,
        visit: false,
      };
    case 'center_only':
      return {
        setl_id: d.center.setl_id,
        msgid: d.center.msgid,
        mdtrt_id: d.center.mdtrt_id,
        psn_no: d.center.psn_no,
        query: true,
        visit: d.center.refd_setl_flag === '1',
      };
    case 'duplicate':
      return {
        setl_id: d.center.setl_id,
        msgid: d.center.msgid,
        mdtrt_id: d.center.mdtrt_id,
        psn_no: d.center.psn_no,
        query: d.center.setl_id !== null,
        visit: false,
      };
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
    else if (typeof (v as { toFixed?: unknown }).toFixed === 'function')
      out[k] = (v as { toFixed(n: number): string }).toFixed(2);
    else out[k] = String(v);
  }
  return { ok: true, setlinfo: out };
}
