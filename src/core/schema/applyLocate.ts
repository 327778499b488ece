/**
 * Where the live database stands in an unfinished attempt (pure): the step to go on from, the
 * step the last run stopped in and whether it took effect, or a state the attempt cannot explain.
 */
import type { ApplicablePlan } from './apply.js';
import { type ApplyRow, COMPLETED, type StepRow } from './applyJournal.js';
import type { ObjectsBefore } from './state.js';

export type Position =
  | { kind: 'continue'; next: number; found?: number }
  | { kind: 'partial'; next: number; seq: number; changed: string[]; unchanged: string[] }
  | { kind: 'unknown'; next: number; after: number | null; differing: string[] };

/**
 * Where the live database stands in an unfinished attempt (pure). What the database must show is
 * known object by object: the digests at the start of the attempt, replaced by each step's
 * reading just before it ran; an object a completed step changed is not known until a later
 * step read it again. Every known object must match; then the statement the last run stopped in
 * took effect if all its objects changed, did not if none did, and did in part otherwise.
 */
export function locate(
  plan: ApplicablePlan,
  a: ApplyRow,
  steps: Map<number, StepRow>,
  live: ReadonlyMap<string, string>,
): Position {
  const known = new Map<string, string | null>(Object.entries(JSON.parse(a.start_objects) as ObjectsBefore));
  const unknown = new Set<string>();
  let anything = false; // a step without a list of objects: everything it may have changed is unknown
  let next = plan.statements.length;
  let after: number | null = null;
  const learn = (row: StepRow | undefined) => {
    if (!row?.objects_before) return;
    for (const [o, d] of Object.entries(JSON.parse(row.objects_before) as ObjectsBefore)) {
      known.set(o, d);
      unknown.delete(o);
    }
  };
  for (let i = 0; i < plan.statements.length; i++) {
    const s = plan.statements[i]!;
    const row = steps.get(s.seq);
    if (!row || !COMPLETED.has(row.status)) {
      next = i;
      break;
    }
    learn(row);
    if (s.objects) for (const o of s.objects) unknown.add(o);
    else anything = true;
    after = s.seq;
  }
  const s = plan.statements[next];
  const stopped = s ? steps.get(s.seq) : undefined;
  const before = stopped?.objects_before ? (JSON.parse(stopped.objects_before) as ObjectsBefore) : undefined;
  learn(stopped);
  const own = new Set(before ? Object.keys(before) : []);
  const differing = anything
    ? []
    : [...new Set([...known.keys(), ...live.keys()])].filter(
        (o) => !unknown.has(o) && !own.has(o) && (live.get(o) ?? null) !== (known.get(o) ?? null),
      );
  if (differing.length) return { kind: 'unknown', next, after, differing: differing.sort() };
  // A statement the server refused did nothing (one DDL statement is all or nothing); what its
  // objects show now is the fix someone made for it, and it runs again.
  if (!stopped || !before || stopped.status === 'failed') return { kind: 'continue', next };
  const changed = Object.keys(before).filter((o) => (live.get(o) ?? null) !== before[o]);
  const unchanged = Object.keys(before).filter((o) => (live.get(o) ?? null) === before[o]);
  if (changed.length === 0) return { kind: 'continue', next };
  if (unchanged.length === 0) return { kind: 'continue', next, found: next };
  return { kind: 'partial', next, seq: stopped.seq, changed, unchanged };
}

/** An object key as people read it: `table:patient` → `table patient`. */
export const label = (k: string) =>
  k
    .replace(/^(table|view|sequence):/, '$1 ')
    .replace(/^routine:([^:]+):/, '$1 ')
    .replace(/^other:([^:]+):/, '$1 ');
