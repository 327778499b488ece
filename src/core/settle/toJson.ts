/**
 * The JSON forms of findings and plans (pure): every id and amount, and the evidence each
 * classification rests on (the HIS row's status and amounts, the journal and HIS-log entries, the
 * center's answer), without the center's raw output.
 */
import { SETTLEMENT_TOTALS } from '../his/index.js';
import type { Finding, PlanItem } from './types.js';
import { describeStep } from './repairSteps.js';

const HIS_FIELDS = [
  'his_setl_no',
  'setl_id',
  'msgid',
  'infno',
  'his_status',
  'mdtrt_id',
  'psn_no',
  'insutype',
  'clr_type',
  'setl_time',
  'created_at',
  ...SETTLEMENT_TOTALS,
];

export function findingToJson(f: Finding): Record<string, unknown> {
  const c = f.candidate;
  const { candidate: _c, center: _v, ...top } = f;
  return {
    ...top,
    evidence: {
      his: c.his ? Object.fromEntries(HIS_FIELDS.map((k) => [k, c.his![k] ?? null])) : null,
      client_journal: c.call
        ? {
            msgid: c.call.msgid,
            infno: c.call.infno,
            status: c.call.status,
            created_at: c.call.created_at,
            err_msg: c.call.err_msg,
            resolved_at: c.call.resolved_at,
          }
        : null,
      his_log: c.log,
      reconcile: c.finding,
      prior_calls: c.prior.map(({ output: _o, ...p }) => p),
      center: {
        state: f.center.state,
        via: f.center.via,
        note: f.center.note,
        setlinfo: f.center.setl,
        refund: f.center.refund ?? null,
      },
    },
  };
}

export function planItemToJson(p: PlanItem): Record<string, unknown> {
  return { ...p, described: p.steps.map(describeStep) };
}
