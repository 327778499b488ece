/**
 * Which candidates `settle reverse <id>…` means (pure). An id may be the original msgid, the
 * setl_id, the HIS settlement number, the visit (mdtrt_id) or the person (psn_no). Every id must
 * name exactly one candidate; otherwise the whole request is refused with the reason per id, and
 * nothing is sent.
 */
import type { Candidate } from './types.js';

/** What is known about an id that names no candidate (looked up by the caller). */
export interface IdHistory {
  /** The settlement was repaired (reversed, cancelled, completed, voided) before. */
  repaired?: { at: string; run_id: string | null; what: string };
  /** The id is the msgid of a call that is not a settlement (e.g. a 2208 or 3505). */
  call?: { infno: string; status: string };
}

export interface IdProblem {
  id: string;
  reason: 'no_match' | 'ambiguous' | 'already_repaired' | 'not_reversible';
  message: string;
  matches?: string[];
}

export interface Selection {
  selected: Candidate[];
  problems: IdProblem[];
}

const KEYS = ['id', 'msgid', 'setl_id', 'his_setl_no', 'mdtrt_id', 'psn_no'] as const;

export function matchId(c: Candidate, id: string): boolean {
  return KEYS.some((k) => c[k] === id);
}

export function selectCandidates(
  cands: readonly Candidate[],
  ids: readonly string[],
  history: (id: string) => IdHistory | undefined,
  reversible: readonly string[],
): Selection {
  const selected: Candidate[] = [];
  const problems: IdProblem[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    const hits = cands.filter((c) => matchId(c, id));
    if (hits.length === 1) {
      if (!selected.includes(hits[0]!)) selected.push(hits[0]!);
      continue;
    }
    if (hits.length > 1) {
      problems.push({
        id,
        reason: 'ambiguous',
        matches: hits.map((h) => h.id),
        message: `${id} matches ${hits.length} stuck settlements (${hits.map((h) => h.id).join(', ')}); name one of them by its msgid or setl_id`,
      });
      continue;
    }
    const h = history(id);
    if (h?.repaired) {
      problems.push({
        id,
        reason: 'already_repaired',
        message: `${id} was already repaired: ${h.repaired.what} at ${h.repaired.at}${h.repaired.run_id ? ` (run ${h.repaired.run_id})` : ''}; hisops settle log --id ${id} shows how`,
      });
    } else if (h?.call && !reversible.includes(h.call.infno)) {
      problems.push({
        id,
        reason: 'not_reversible',
        message: `${id} is a ${h.call.infno} call, which the center does not allow to reverse (2601 reverses only ${reversible.join(', ')}); nothing to repair here`,
      });
    } else if (h?.call) {
      problems.push({
        id,
        reason: 'no_match',
        message: `${id} is a ${h.call.infno} call (${h.call.status}) that is not stuck now; hisops settle stuck lists what is`,
      });
    } else {
      problems.push({
        id,
        reason: 'no_match',
        message: `${id} matches no stuck settlement (by msgid, setl_id, his_setl_no, mdtrt_id or psn_no); hisops settle stuck lists them`,
      });
    }
  }
  return { selected, problems };
}
