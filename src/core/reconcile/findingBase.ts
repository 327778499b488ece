/**
 * What every classification builds on (classify.ts, classifyCenterOnly.ts): a finding from its
 * parts (kind, cause, group, keys, effects, evidence; its repair from repair.ts), the HIS or
 * center side's group and keys, 5203's answer, and the time arithmetic of day shifts. Pure.
 */
import type { Row } from '../his/index.js';
import { fenText } from './fen.js';
import { repairFor } from './repair.js';
import type { ReconcileRules } from './rules.js';
import type {
  DetailScope,
  Effect,
  Evidence,
  FieldDiff,
  Finding,
  FindingKind,
  HisSettlement,
  ResultRow,
} from './types.js';

export interface ClassifyContext {
  scope: DetailScope;
  rules: Pick<
    ReconcileRules,
    'statuses' | 'crossMidnightMinutes' | 'hospitalBorne' | 'refunds' | 'outOfArea' | 'setl_optins'
  >;
}

export const s = (v: unknown): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();

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

export function inPeriod(day: string, scope: DetailScope): boolean {
  return day >= scope.begndate && day <= scope.enddate;
}

export function effect(
  scope: DetailScope,
  g: { insutype: string | null; clr_type: string | null; setl_optins: string | null },
  count: number,
  medfee: bigint,
  fund: bigint,
  acct: bigint,
): Effect {
  return {
    begndate: scope.begndate,
    enddate: scope.enddate,
    insutype: g.insutype,
    clr_type: g.clr_type,
    setl_optins: g.setl_optins,
    count,
    medfee_sumamt: fenText(medfee),
    fund_pay_sumamt: fenText(fund),
    acct_pay: fenText(acct),
  };
}

function centerRowEvidence(r: ResultRow | null): Finding['evidence']['center_row'] {
  return r ? { line: r.line, raw: r.raw, memo: r.memo, stmt_rslt: r.stmt_rslt } : null;
}

/** Did the center answer 5203 (either way)? */
export function asked(ev: Evidence): boolean {
  return ev.center !== undefined && (ev.center.ok || ev.center.code !== 'NOT_ASKED');
}

export function cq(ev: Evidence): Record<string, string | number | null> | undefined {
  return ev.center && ev.center.ok ? ev.center.setlinfo : undefined;
}

/** Does a message (memo, err_msg) say reversed / cancelled? Province texts vary; these are hints. */
export const REVERSED = /冲正|revers/i;
export const CANCELLED = /撤销|退费|cancel/i;

export interface Base {
  kind: FindingKind;
  cause: string;
  scope: DetailScope;
  group: { insutype: string | null; clr_type: string | null; setl_optins: string | null };
  ids: {
    setl_id: string | null;
    mdtrt_id: string | null;
    psn_no: string | null;
    msgid: string | null;
    related_setl_id?: string | null;
    refd_setl_flag: string | null;
  };
  times?: { his?: string | null; center?: string | null };
  fields?: FieldDiff[];
  effects: Effect[];
  detail: string;
  his: Row | null;
  center: ResultRow | null;
  ev: Evidence;
  infno: string | null;
}

export function finding(b: Base): Finding {
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
    evidence: {
      his: b.his,
      center_row: centerRowEvidence(b.center),
      center_query: b.ev.center ?? null,
      his_log: b.ev.hisLog ?? null,
      call: b.ev.call ?? null,
    },
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

export function hisGroup(h: HisSettlement) {
  return { insutype: h.insutype, clr_type: h.clr_type, setl_optins: h.setl_optins };
}

export function hisIds(h: HisSettlement) {
  return {
    setl_id: h.setl_id,
    mdtrt_id: h.mdtrt_id,
    psn_no: h.psn_no,
    msgid: h.msgid,
    refd_setl_flag: h.refd_setl_flag,
  };
}

export function resultIds(r: ResultRow) {
  return {
    setl_id: r.setl_id,
    mdtrt_id: r.mdtrt_id,
    psn_no: r.psn_no,
    msgid: r.msgid,
    refd_setl_flag: r.refd_setl_flag ?? '0',
  };
}

export function centerGroup(ev: Evidence, ctx: ClassifyContext, fallback?: HisSettlement | null) {
  const c = cq(ev);
  return {
    insutype: s(c?.insutype) ?? fallback?.insutype ?? s(ev.hisBySetlId?.insutype) ?? null,
    clr_type: ctx.scope.clr_type,
    setl_optins: ctx.scope.setl_optins,
  };
}
