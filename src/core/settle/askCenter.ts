/**
 * Ask the center about each candidate with 5203, at most `concurrency` queries in flight, then
 * classify. A candidate with a setl_id is asked by it (with psn_no and mdtrt_id). One without —
 * a settlement call whose answer was lost — is asked by its visit (psn_no + mdtrt_id) when its
 * msgid is known (only the msgid tells whether the visit's settlement is the one that call made:
 * centerView compares it with the answer's medins_setl_id) and hisops's own records leave the
 * call's fate open. Anything else is not asked: its center side comes from hisops's journal or
 * stays unknown.
 */
import { EXIT, isHisopsError, type HisopsError } from '../errors.js';
import type { Center } from '../center/index.js';
import { centerView, fromJournal, isRefundSettlement, toCenterSetl, type SetlinfoLike } from './centerView.js';
import { classifyStuck } from './classifyStuck.js';
import { mapPool } from '../shared/index.js';
import type { RefusalPatterns } from './stuckConfig.js';
import type { AskedBy, Candidate, CenterAnswer, Finding } from './types.js';

/** The part of the center client the job uses (5203, 2208, 2305, 2601). */
export type CenterLike = Pick<Center, 'querySettlement' | 'outpatientCancel' | 'inpatientCancel' | 'reverse'>;

export interface AskOptions {
  concurrency: number;
  patterns: RefusalPatterns;
}

export interface AskStats {
  /** 5203 queries sent (by setl_id and by visit). */
  asked: number;
  /** Of those, by visit (no setl_id was known). */
  byVisit: number;
  notAsked: number;
  maxInFlight: number;
  ms: number;
}

/** How a candidate can be asked with 5203, or why it cannot. */
export function askWay(c: Candidate): { by: AskedBy } | { by: null; why: string } {
  if (!c.psn_no) return { by: null, why: 'no psn_no is known (5203 needs one)' };
  if (c.setl_id) return { by: 'setl_id' };
  if (!c.mdtrt_id) return { by: null, why: 'neither a setl_id nor the visit (mdtrt_id) is known to ask 5203 by' };
  if (!c.msgid)
    return {
      by: null,
      why: 'no setl_id is known, and without the msgid of the call an answer by visit cannot be told apart from other settlements of the visit',
    };
  return { by: 'visit' };
}

/** Whether 5203 is worth sending for a candidate (see assessCandidates). */
export function needsAsking(c: Candidate, p: RefusalPatterns): boolean {
  const way = askWay(c).by;
  if (way === 'setl_id') return true;
  return way === 'visit' && fromJournal(c, p, '').state === 'unknown';
}

/** Failures that say the center itself could not be reached, not that it answered about one candidate. */
const CENTER_DOWN = new Set([
  'CENTER_UNREACHABLE',
  'CENTER_TIMEOUT',
  'CENTER_TLS',
  'CENTER_CONNECTION_RESET',
  'CENTER_HTTP',
  'CENTER_GATEWAY',
]);

export async function askOne(center: CenterLike, c: Candidate, failures?: HisopsError[]): Promise<CenterAnswer> {
  const way = askWay(c);
  if (way.by === null) return { kind: 'not_asked', why: way.why };
  const by = way.by;
  try {
    const q =
      by === 'setl_id'
        ? { psn_no: c.psn_no!, setl_id: c.setl_id!, ...(c.mdtrt_id ? { mdtrt_id: c.mdtrt_id } : {}) }
        : { psn_no: c.psn_no!, mdtrt_id: c.mdtrt_id! };
    const r = await center.querySettlement(q);
    return { kind: 'setlinfo', setl: toCenterSetl(r.result.setlinfo as unknown as SetlinfoLike), msgid: r.msgid, by };
  } catch (e) {
    if (isHisopsError(e) && e.code === 'CENTER_REFUSED')
      return {
        kind: 'refused',
        err_msg: String(e.details.err_msg ?? e.summary),
        msgid: (e.details.msgid as string | undefined) ?? null,
        by,
      };
    if (isHisopsError(e)) {
      failures?.push(e);
      return { kind: 'error', code: e.code, message: e.summary, by };
    }
    throw e;
  }
}

export async function assessCandidates(
  center: CenterLike | undefined,
  candidates: readonly Candidate[],
  o: AskOptions,
): Promise<{ findings: Finding[]; stats: AskStats }> {
  const t0 = performance.now();
  const answers = new Map<Candidate, CenterAnswer>();
  // By visit only when hisops's own records leave the call's fate open: a call the center refused,
  // or one hisops already reversed or cancelled, needs no query (and a visit's answer could not
  // overrule them).
  const toAsk = center ? candidates.filter((c) => needsAsking(c, o.patterns)) : [];
  const failures: HisopsError[] = [];
  const { results, maxInFlight } = await mapPool(toAsk, o.concurrency, (c) => askOne(center!, c, failures));
  // Not one query got through: the center is down, which is an external failure (exit 5), not a
  // list of stuck settlements whose state is unknown.
  if (
    toAsk.length > 0 &&
    failures.length === toAsk.length &&
    failures.every((e) => e.exit === EXIT.external && CENTER_DOWN.has(e.code))
  )
    throw failures[0]!;
  toAsk.forEach((c, i) => answers.set(c, results[i]!));
  const findings = candidates.map((c) => {
    const way = askWay(c);
    // Without a center: a known setl_id that was not asked leaves the center's side unreachable;
    // a candidate without one keeps what hisops's journal knows, as when it cannot be asked.
    const a =
      answers.get(c) ??
      (way.by === 'setl_id'
        ? { kind: 'error' as const, code: 'CENTER_NOT_ASKED', message: 'the center was not asked' }
        : {
            kind: 'not_asked' as const,
            why:
              way.by === null
                ? way.why
                : center
                  ? "hisops's journal already tells"
                  : 'no setl_id is known, and the center was not asked by visit',
          });
    return classifyStuck(c, centerView(c, a, o.patterns));
  });
  // A settlement the center cancelled: its refund row is what the HIS must record. When hisops did
  // not send the cancellation, the reconciliation that saw the refund row named it: ask for it.
  const refunds = center
    ? findings.filter(
        (f) => f.center.state === 'cancelled' && !f.center.refund && f.candidate.refund_setl_id && f.psn_no,
      )
    : [];
  const asked = await mapPool(refunds, o.concurrency, (f) =>
    askOne(center!, { ...f.candidate, setl_id: f.candidate.refund_setl_id!, his: null }),
  );
  refunds.forEach((f, i) => {
    const a = asked.results[i]!;
    if (a.kind === 'setlinfo' && isRefundSettlement(a.setl)) f.center.refund = a.setl;
  });
  const byVisit = toAsk.filter((c) => !c.setl_id).length;
  return {
    findings,
    stats: {
      asked: toAsk.length + refunds.length,
      byVisit,
      notAsked: candidates.length - toAsk.length,
      maxInFlight: toAsk.length ? maxInFlight : 0,
      ms: performance.now() - t0,
    },
  };
}
