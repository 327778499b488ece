/**
 * Ask the center about each candidate with 5203 (by setl_id, with psn_no and mdtrt_id), at most
 * `concurrency` queries in flight, then classify. Candidates without a setl_id are not asked:
 * 5203 needs one; their center side comes from hisops's journal or stays unknown.
 */
import { isHisopsError } from '../errors.js';
import type { Center } from '../center/index.js';
import { centerView, toCenterSetl, type SetlinfoLike } from './centerView.js';
import { classifyStuck } from './classifyStuck.js';
import { mapLimit } from './mapLimit.js';
import type { RefusalPatterns } from './stuckConfig.js';
import type { Candidate, CenterAnswer, Finding } from './types.js';

/** The part of the center client the job uses (5203, 2208, 2305, 2601). */
export type CenterLike = Pick<Center, 'querySettlement' | 'outpatientCancel' | 'inpatientCancel' | 'reverse'>;

export interface AskOptions {
  concurrency: number;
  patterns: RefusalPatterns;
}

export interface AskStats {
  asked: number;
  notAsked: number;
  maxInFlight: number;
  ms: number;
}

export async function askOne(center: CenterLike, c: Candidate): Promise<CenterAnswer> {
  if (!c.setl_id) return { kind: 'not_asked', why: 'no setl_id is known (5203 needs one)' };
  if (!c.psn_no) return { kind: 'not_asked', why: 'no psn_no is known (5203 needs one)' };
  try {
    const r = await center.querySettlement({ psn_no: c.psn_no, setl_id: c.setl_id, ...(c.mdtrt_id ? { mdtrt_id: c.mdtrt_id } : {}) });
    return { kind: 'setlinfo', setl: toCenterSetl(r.result.setlinfo as unknown as SetlinfoLike), msgid: r.msgid };
  } catch (e) {
    if (isHisopsError(e) && e.code === 'CENTER_REFUSED') return { kind: 'refused', err_msg: String(e.details.err_msg ?? e.summary), msgid: (e.details.msgid as string | undefined) ?? null };
    if (isHisopsError(e)) return { kind: 'error', code: e.code, message: e.summary };
    throw e;
  }
}

export async function assessCandidates(center: CenterLike | undefined, candidates: readonly Candidate[], o: AskOptions): Promise<{ findings: Finding[]; stats: AskStats }> {
  const t0 = performance.now();
  const answers = new Map<Candidate, CenterAnswer>();
  const toAsk = center ? candidates.filter((c) => c.setl_id && c.psn_no) : [];
  const { results, maxInFlight } = await mapLimit(toAsk, o.concurrency, (c) => askOne(center!, c));
  toAsk.forEach((c, i) => answers.set(c, results[i]!));
  const findings = candidates.map((c) => {
    const a = answers.get(c) ?? (center || !c.setl_id ? { kind: 'not_asked' as const, why: c.setl_id ? 'no psn_no is known (5203 needs one)' : 'no setl_id is known (5203 needs one)' } : { kind: 'error' as const, code: 'CENTER_NOT_ASKED', message: 'the center was not asked' });
    return classifyStuck(c, centerView(c, a, o.patterns));
  });
  return { findings, stats: { asked: toAsk.length, notAsked: candidates.length - toAsk.length, maxInFlight: toAsk.length ? maxInFlight : 0, ms: performance.now() - t0 } };
}
