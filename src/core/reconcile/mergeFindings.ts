/** One finding per settlement across the periods of a run (pure). */
import type { Finding } from './types.js';

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
    const key =
      (f.kind === 'cross_midnight' || f.kind === 'refund_other_period' || pair) && f.setl_id
        ? `${pair ? 'pair' : f.kind}|${f.setl_id}`
        : undefined;
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
