/**
 * Carry out a repair plan (effectful), one item at a time, every step journaled before and after
 * in `hisops_stuck_actions`.
 *
 * The order inside an item keeps the two systems from ending half-repaired:
 *
 * 1. Open an HIS transaction, bound how long it may wait for a row lock, and run the HIS change
 *    (mark void / complete). A row another session holds → `locked`; a row that changed since the
 *    detection (0 rows) → `stale`. Either way nothing is sent to the center.
 * 2. Send the center call (2208/2305/2601), once. Answered → go on. Refused with a message that
 *    means the center holds nothing for it (not found, already reversed, already cancelled) → go on,
 *    the HIS change is right all the same. Any other refusal → roll the HIS back: `refused`. No
 *    answer → roll back: `unknown` (the next run re-asks the center before doing anything).
 * 3. Commit the HIS change, then close the original call's write-ahead entry.
 *
 * A process killed between 2 and 3 leaves the HIS untouched (its transaction dies with it) and the
 * center repaired; the next detection finds the candidate again, learns from the center (or from
 * the journal of the call it answered) that it is cancelled or reversed, and only the HIS step is
 * left to do. Nothing is sent twice.
 */
import { CenterCallJournal } from '../center/index.js';
import { ItemRun, result } from './repairItemRun.js';
import { StuckActionJournal } from './actionJournal.js';
import type { CenterLike } from './askCenter.js';
import type { StuckEnv } from './gatherCandidates.js';
import type { RefusalPatterns } from './stuckConfig.js';
import type { ItemResult, PlanItem } from './types.js';

export interface ApplyEnv extends StuckEnv {
  center: CenterLike;
  runId: string;
  /** The operator recorded with every step (config center.opter / center.opter_name). */
  opter: { opter: string | null; opter_name: string | null };
  /** Time of each step (default: the host clock). */
  clock?: () => Date;
}

export interface ApplyHooks {
  /** After the center answered, before the HIS commit (tests kill the process here). */
  afterCenter?: (item: PlanItem) => Promise<void> | void;
  /** Just before the HIS commit (tests make it fail here). */
  beforeHisCommit?: (item: PlanItem) => Promise<void> | void;
}

export interface ApplyOptions {
  lockTimeoutMs: number;
  patterns: RefusalPatterns;
  /** Asked per item before anything is done for it; false skips the item. */
  confirm?: (item: PlanItem) => Promise<boolean>;
  hooks?: ApplyHooks;
  onItem?: (r: ItemResult) => void;
}

export async function applyRepairs(env: ApplyEnv, items: readonly PlanItem[], o: ApplyOptions): Promise<ItemResult[]> {
  const actions = new StuckActionJournal(env.journal, env.runId, env.opter);
  const calls = new CenterCallJournal(env.journal);
  const out: ItemResult[] = [];
  await actions.closeInterrupted(
    (env.clock ?? (() => new Date()))().toISOString(),
    items.map((i) => i.id),
  );
  for (const item of items) {
    const r = await applyItem(env, actions, calls, item, o);
    out.push(r);
    o.onItem?.(r);
  }
  return out;
}

async function applyItem(
  env: ApplyEnv,
  actions: StuckActionJournal,
  calls: CenterCallJournal,
  item: PlanItem,
  o: ApplyOptions,
): Promise<ItemResult> {
  if (item.repair === 'manual') return result(item, 'manual', item.note ?? 'to be repaired by hand');
  const run = new ItemRun(env, actions, calls, item, o);
  if (o.confirm && !(await o.confirm(item))) return run.declined();
  await run.start();
  try {
    return (await run.prepareHis()) ?? (await run.callCenter()) ?? (await run.finish());
  } catch (e) {
    return run.failed(e);
  }
}
