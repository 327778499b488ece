/**
 * One item of a repair plan while it is carried out (applyRepairs.ts): the HIS transaction held
 * open across the center call, and the journal entries of each step.
 */
import type { CenterCallJournal } from '../center/index.js';
import type { Knex } from '../db/index.js';
import { isHisopsError } from '../errors.js';
import { formatDateTime, runWrite } from '../his/index.js';
import type { StuckActionJournal } from './actionJournal.js';
import type { ApplyEnv, ApplyOptions } from './applyRepairs.js';
import { boundLockWait, isLockError } from './hisLock.js';
import { sendCenter, type CenterOutcome } from './repairCenterCall.js';
import { refundBindsFromAnswer } from './repairSteps.js';
import type { CenterStep, HisStep, ItemResult, PlanItem, ResolveStep } from './types.js';

/** An item's result, as every way it ends reports it. */
export function result(
  item: PlanItem,
  outcome: ItemResult['outcome'],
  message: string,
  extra: Partial<ItemResult> = {},
): ItemResult {
  return {
    id: item.id,
    classification: item.classification,
    repair: item.repair,
    outcome,
    center: null,
    his: null,
    message,
    ...extra,
  };
}

type ItemEnd = 'done' | 'refused' | 'unknown' | 'failed' | 'locked' | 'stale';
/** What every journal entry of an item repeats. */
function itemIds(item: PlanItem) {
  return {
    item_id: item.id,
    classification: item.classification,
    repair: item.repair,
    msgid: item.msgid,
    setl_id: item.setl_id,
    psn_no: item.psn_no,
    mdtrt_id: item.mdtrt_id,
    his_setl_no: item.his_setl_no,
  };
}
const NO_CALL = { infno: null, center_msgid: null, request: null, answer: null, his_change: null, message: null };

/**
 * One item while it is carried out: its steps, the HIS transaction held open across the center
 * call, and the journal entries of each step. Each step returns the item's result when the item
 * stops there, or null to go on.
 */
export class ItemRun {
  private readonly clock: () => Date;
  private readonly ids: ReturnType<typeof itemIds>;
  private readonly centerStep: CenterStep | undefined;
  private readonly hisSteps: HisStep[];
  /** HIS steps before the center call run (held open) before it is sent. */
  private readonly preSteps: HisStep[];
  /** Those after it — the refund row of a cancellation, made of the center's answer — run once it answered, in the same transaction. */
  private readonly postSteps: HisStep[];
  private readonly hisStep: HisStep | undefined;
  private itemAction = '';
  private trx: Knex.Transaction | undefined;
  private hisAction: string | undefined;
  private affected: number | null = null;
  private centerInfo: ItemResult['center'] = null;
  private readonly changes: Array<{ statement: string; binds: Record<string, unknown>; affected: number | null }> = [];

  constructor(
    private readonly env: ApplyEnv,
    private readonly actions: StuckActionJournal,
    private readonly calls: CenterCallJournal,
    private readonly item: PlanItem,
    private readonly o: ApplyOptions,
  ) {
    this.clock = env.clock ?? (() => new Date());
    this.ids = itemIds(item);
    const centerAt = item.steps.findIndex((s) => s.kind === 'center');
    this.centerStep = centerAt >= 0 ? (item.steps[centerAt] as CenterStep) : undefined;
    this.hisSteps = item.steps.filter((s): s is HisStep => s.kind === 'his');
    this.preSteps = this.hisSteps.filter((s) => !s.fromAnswer || !this.centerStep);
    this.postSteps = this.centerStep ? this.hisSteps.filter((s) => s.fromAnswer) : [];
    this.hisStep = this.hisSteps[0];
  }

  private iso(): string {
    return this.clock().toISOString();
  }

  async declined(): Promise<ItemResult> {
    await this.actions.start({
      ...this.ids,
      ...NO_CALL,
      step: 'item',
      status: 'declined',
      started_at: this.iso(),
      finished_at: this.iso(),
      message: 'declined at the prompt',
    });
    return result(this.item, 'declined', 'declined at the prompt; nothing was done');
  }

  async start(): Promise<void> {
    this.itemAction = await this.actions.start({
      ...this.ids,
      ...NO_CALL,
      step: 'item',
      status: 'started',
      request: JSON.stringify(this.item.steps),
      started_at: this.iso(),
    });
  }

  private endItem(status: ItemEnd, message: string): Promise<void> {
    return this.actions.finish(this.itemAction, { status, message, finished_at: this.iso() });
  }

  private async rollback(): Promise<void> {
    if (this.trx && !this.trx.isCompleted()) await this.trx.rollback().catch(() => undefined);
  }

  private async runHis(st: HisStep, binds: Record<string, string | null>): Promise<number | null> {
    const b = { ...binds, now: formatDateTime(this.clock()) };
    const n = await runWrite(this.env.db, this.env.profile, st.statement, b, { trx: this.trx });
    const a = n === undefined ? null : n;
    this.changes.push({ statement: st.statement, binds: b, affected: a });
    return a;
  }

  /** 1. The HIS change, held open: a locked row or one that changed since the detection stops the item. */
  async prepareHis(): Promise<ItemResult | null> {
    const hisStep = this.hisStep;
    if (!hisStep) return null;
    const hisAction = await this.actions.start({
      ...this.ids,
      ...NO_CALL,
      step: 'his',
      status: 'started',
      his_change: JSON.stringify(this.hisSteps.map((h) => ({ statement: h.statement, binds: h.binds }))),
      started_at: this.iso(),
    });
    this.hisAction = hisAction;
    try {
      this.trx = await this.env.db.knex.transaction();
      await boundLockWait(this.trx, this.env.db.dialect, this.o.lockTimeoutMs);
      for (const st of this.preSteps) {
        this.affected = await this.runHis(st, st.binds);
        if (this.affected === 0) break;
      }
    } catch (e) {
      await this.rollback();
      if (!isLockError(e)) throw e;
      const msg = `the HIS row (msgid ${this.item.msgid}) is locked by another session; nothing was sent or changed — run again when it is free`;
      await this.actions.finish(hisAction, { status: 'locked', message: errText(e), finished_at: this.iso() });
      await this.endItem('locked', msg);
      return result(this.item, 'locked', msg, { his: { statement: hisStep.statement, affected: 0 } });
    }
    if (this.affected === 0) {
      await this.rollback();
      const msg = `the HIS row (msgid ${this.item.msgid}) is no longer in the state the plan expects; nothing was sent or changed — run hisops settle stuck again`;
      await this.actions.finish(hisAction, { status: 'stale', message: msg, finished_at: this.iso() });
      await this.endItem('stale', msg);
      return result(this.item, 'stale', msg, { his: { statement: hisStep.statement, affected: 0 } });
    }
    await this.actions.finish(hisAction, { status: 'prepared', finished_at: this.iso() });
    return null;
  }

  /** 2. The center call, sent once; a refusal that leaves work undone, or no answer, rolls the HIS back. */
  async callCenter(): Promise<ItemResult | null> {
    const centerStep = this.centerStep;
    if (!centerStep) return null;
    const ca = await this.actions.start({
      ...this.ids,
      ...NO_CALL,
      step: 'center',
      status: 'started',
      infno: centerStep.infno,
      request: JSON.stringify(centerStep.input),
      started_at: this.iso(),
    });
    const c = await sendCenter(this.env.center, centerStep, this.o.patterns);
    const answer = c.kind === 'ok' ? c.answer : c.kind === 'refused' ? c.err_msg : `${c.code}: ${c.message}`;
    this.centerInfo = {
      infno: centerStep.infno,
      msgid: c.msgid,
      answer: c.kind === 'ok' ? 'answered' : c.kind,
      err_msg: c.kind === 'ok' ? null : answer,
    };
    const goOn = c.kind === 'ok' || (c.kind === 'refused' && c.meaning !== 'other');
    const status = c.kind === 'ok' ? 'done' : c.kind === 'refused' ? (goOn ? 'done' : 'refused') : c.kind;
    await this.actions.finish(ca, {
      status,
      center_msgid: c.msgid ?? undefined,
      answer,
      message: c.kind === 'refused' && goOn ? `the center holds nothing for it (${c.meaning})` : undefined,
      finished_at: this.iso(),
    });
    if (!goOn) return this.notCarriedOut(centerStep, c);
    await this.o.hooks?.afterCenter?.(this.item);
    return this.postSteps.length ? this.writeFromAnswer(centerStep, c) : null;
  }

  /** The center did not carry out the call: nothing changes in the HIS. */
  private async notCarriedOut(centerStep: CenterStep, c: CenterOutcome): Promise<ItemResult> {
    await this.rollback();
    if (this.hisAction)
      await this.actions.finish(this.hisAction, {
        status: 'skipped',
        message: 'rolled back: the center did not carry out the call',
        finished_at: this.iso(),
      });
    const msg =
      c.kind === 'refused'
        ? `the center refused ${centerStep.infno}: ${c.err_msg}; nothing was changed in the HIS`
        : c.kind === 'unknown'
          ? `the center did not answer ${centerStep.infno} (${c.message}); the HIS is unchanged — run hisops settle reverse again: it re-asks the center first`
          : `${centerStep.infno} was not sent (${c.kind === 'failed' ? c.message : ''}); nothing was changed in the HIS`;
    const end = c.kind === 'refused' ? 'refused' : c.kind === 'unknown' ? 'unknown' : 'failed';
    await this.endItem(end, msg);
    return result(this.item, end, msg, {
      center: this.centerInfo,
      his: this.hisStep ? { statement: this.hisStep.statement, affected: 0 } : null,
    });
  }

  /** The HIS rows made of the center's answer (the refund row of a cancellation), in the same transaction. */
  private async writeFromAnswer(centerStep: CenterStep, c: CenterOutcome): Promise<ItemResult | null> {
    if (c.kind !== 'ok' || !c.setl) {
      // Refused as "already cancelled": the refund row is not in this answer. The next run
      // learns it (5203 or the reconciliation) and records the cancellation then.
      await this.rollback();
      const msg = `the center says ${centerStep.infno} has nothing to do (${c.kind === 'refused' ? c.err_msg : 'no settlement in the answer'}); the HIS is unchanged — run hisops settle stuck, then repair it again`;
      if (this.hisAction)
        await this.actions.finish(this.hisAction, { status: 'skipped', message: msg, finished_at: this.iso() });
      await this.endItem('unknown', msg);
      return result(this.item, 'unknown', msg, {
        center: this.centerInfo,
        his: { statement: this.hisStep!.statement, affected: 0 },
      });
    }
    for (const st of this.postSteps) {
      const binds = st.fromAnswer === 'refund' ? refundBindsFromAnswer(st, c.setl, c.msgid) : st.binds;
      if (!binds)
        throw new Error(
          `the center's answer to ${centerStep.infno} is not a refund row (medfee_sumamt ${c.setl.medfee_sumamt}); nothing was written in the HIS`,
        );
      const n = await this.runHis(st, binds);
      if (n === 0) throw new Error(`statement ${st.statement} changed no row`);
    }
    return null;
  }

  /** 3. Commit the HIS change, then close the write-ahead entry. */
  async finish(): Promise<ItemResult> {
    const { item, hisStep, centerInfo } = this;
    if (this.trx && this.hisAction) {
      await this.o.hooks?.beforeHisCommit?.(item);
      await this.trx.commit();
      await this.actions.finish(this.hisAction, {
        status: 'done',
        his_change: JSON.stringify(this.changes.length === 1 ? this.changes[0] : this.changes),
        finished_at: this.iso(),
      });
    }
    const resolveStep = item.steps.find((s): s is ResolveStep => s.kind === 'resolve');
    if (resolveStep) {
      const text = `${resolveStep.resolution}${centerInfo ? ` (${centerInfo.infno} msgid ${centerInfo.msgid ?? '?'}: ${centerInfo.answer})` : ''}${hisStep ? `; HIS ${hisStep.statement}` : ''}; hisops run ${this.env.runId}`;
      const ra = await this.actions.start({
        ...this.ids,
        ...NO_CALL,
        step: 'resolve',
        status: 'started',
        request: JSON.stringify(resolveStep.msgids),
        started_at: this.iso(),
      });
      for (const m of resolveStep.msgids) await this.calls.resolve(m, { resolution: text, now: this.clock() });
      await this.actions.finish(ra, { status: 'done', finished_at: this.iso() });
    }
    const msg = doneMessage(item, centerInfo, hisStep, this.affected);
    await this.endItem('done', msg);
    return result(item, 'done', msg, {
      center: centerInfo,
      his: hisStep ? { statement: hisStep.statement, affected: this.affected } : null,
    });
  }

  /** Anything that went wrong on the way: roll the HIS back and say whether the center already acted. */
  async failed(e: unknown): Promise<ItemResult> {
    await this.rollback();
    const { centerInfo } = this;
    const msg = `${centerInfo ? `the center answered ${centerInfo.infno} but ` : ''}the HIS change failed: ${errText(e)}; ${centerInfo ? 'run hisops settle reverse again to finish it (the center is not asked to do it twice)' : 'nothing was sent to the center'}`;
    if (this.hisAction)
      await this.actions
        .finish(this.hisAction, { status: 'failed', message: errText(e), finished_at: this.iso() })
        .catch(() => undefined);
    await this.endItem('failed', msg).catch(() => undefined);
    return result(this.item, 'failed', msg, {
      center: centerInfo,
      his: this.hisStep ? { statement: this.hisStep.statement, affected: 0 } : null,
    });
  }
}

function errText(e: unknown): string {
  if (isHisopsError(e)) return `${e.summary}${e.why ? ` (${e.why})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

function doneMessage(
  item: PlanItem,
  c: ItemResult['center'],
  his: HisStep | undefined,
  affected: number | null,
): string {
  const parts: string[] = [];
  if (c)
    parts.push(
      `${c.infno} ${c.answer === 'answered' ? 'answered' : `refused as ${c.err_msg}`} (msgid ${c.msgid ?? '?'})`,
    );
  if (his)
    parts.push(
      `HIS ${item.repair === 'record_cancel' || item.repair === 'cancel' ? 'cancellation recorded' : his.statement === 'complete_settlement' ? 'completed' : 'marked void'}${affected !== null ? ` (${affected} row)` : ''}`,
    );
  if (!parts.length) parts.push('write-ahead entry closed');
  return parts.join('; ');
}
