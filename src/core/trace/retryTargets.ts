/**
 * `trace retry`: which records to send again — those the center rejected (optionally of one
 * reason, given as the reason code or a piece of the center's message) — grouped by day, so that
 * the upload reads only those days and sends only those records.
 */
import type { JournalLike } from '../center/index.js';
import { TraceJournal } from './traceJournal.js';
import type { TraceKind } from './types.js';

export interface RetryTargets {
  targets: Map<string, Set<string>>;
  kinds: TraceKind[];
  records: number;
  reasons: Record<string, number>;
}

export async function retryTargets(o: {
  journal: JournalLike;
  fixmedins_code: string;
  reason?: string;
  kinds?: readonly TraceKind[];
}): Promise<RetryTargets> {
  const rows = await new TraceJournal(o.journal, o.fixmedins_code, { readOnly: true }).rejected({ reason: o.reason });
  const targets = new Map<string, Set<string>>();
  const kinds = new Set<TraceKind>();
  const reasons: Record<string, number> = {};
  let records = 0;
  for (const r of rows) {
    if (o.kinds && !o.kinds.includes(r.kind)) continue;
    const set = targets.get(r.day) ?? new Set<string>();
    set.add(r.record_key);
    targets.set(r.day, set);
    kinds.add(r.kind);
    const reason = r.reason ?? 'rejected';
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    records++;
  }
  return { targets, kinds: [...kinds], records, reasons };
}
