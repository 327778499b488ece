/**
 * The audit trail of repairs (`hisops_stuck_actions` in hisops's journal): one row per step,
 * written before the step (status `started` or `prepared`) and updated after it. Who (the
 * operator of the center settings), when, what was sent, what the center answered, what changed in
 * the HIS. A killed run leaves its last step `started`: the next run re-asks the center instead of
 * trusting it.
 */
import { widenColumns, type Journal, type JournalTable } from '../journal/index.js';

export type ActionStep = 'center' | 'his' | 'resolve' | 'item';

export type ActionStatus =
  | 'started'
  | 'prepared'
  | 'done'
  | 'refused'
  | 'unknown'
  | 'failed'
  | 'locked'
  | 'stale'
  | 'skipped'
  | 'declined'
  | 'abandoned';

export const STUCK_ACTIONS_TABLE: JournalTable = {
  name: 'hisops_stuck_actions',
  build: (t) => {
    t.string('action_id', 60).primary();
    t.string('run_id', 40).notNullable();
    t.integer('seq').notNullable();
    t.string('item_id', 40).notNullable();
    t.string('step', 10).notNullable();
    t.string('status', 10).notNullable();
    t.string('classification', 20).nullable();
    t.string('repair', 10).nullable();
    t.string('infno', 10).nullable();
    t.string('center_msgid', 30).nullable();
    t.string('msgid', 30).nullable();
    t.string('setl_id', 64).nullable();
    t.string('psn_no', 64).nullable();
    t.string('mdtrt_id', 64).nullable();
    t.string('his_setl_no', 40).nullable();
    t.string('opter', 30).nullable();
    t.string('opter_name', 50).nullable();
    t.text('request').nullable();
    t.text('answer').nullable();
    t.text('his_change').nullable();
    t.text('message').nullable();
    t.string('started_at', 30).notNullable();
    t.string('finished_at', 30).nullable();
    t.index(['item_id'], 'hisops_stuck_actions_item');
    t.index(['msgid'], 'hisops_stuck_actions_msgid');
    t.index(['setl_id'], 'hisops_stuck_actions_setl');
    t.index(['run_id', 'seq'], 'hisops_stuck_actions_run');
  },
  migrations: [
    widenColumns('001-widen-center-ids', 'hisops_stuck_actions', [
      { name: 'setl_id', length: 64, nullable: true },
      { name: 'psn_no', length: 64, nullable: true },
      { name: 'mdtrt_id', length: 64, nullable: true },
    ]),
  ],
};

export interface ActionRecord {
  action_id: string;
  run_id: string;
  seq: number;
  item_id: string;
  step: ActionStep;
  status: ActionStatus;
  classification: string | null;
  repair: string | null;
  infno: string | null;
  center_msgid: string | null;
  msgid: string | null;
  setl_id: string | null;
  psn_no: string | null;
  mdtrt_id: string | null;
  his_setl_no: string | null;
  opter: string | null;
  opter_name: string | null;
  request: string | null;
  answer: string | null;
  his_change: string | null;
  message: string | null;
  started_at: string;
  finished_at: string | null;
}

type ActionStart = Omit<ActionRecord, 'action_id' | 'seq' | 'finished_at' | 'run_id' | 'opter' | 'opter_name'> & {
  finished_at?: string | null;
};

export interface ActionQuery {
  /** Matches item_id, msgid, setl_id, center_msgid, his_setl_no, mdtrt_id, psn_no or run_id. */
  id?: string;
  limit?: number;
}

export class StuckActionJournal {
  private seq = 0;
  constructor(
    readonly journal: Pick<Journal, 'ensure' | 'knex'>,
    readonly runId: string,
    readonly opter: { opter: string | null; opter_name: string | null } = { opter: null, opter_name: null },
  ) {}

  async ensure(): Promise<void> {
    await this.journal.ensure(STUCK_ACTIONS_TABLE);
  }

  /** Write a step before doing it; returns its id for `finish`. */
  async start(a: ActionStart): Promise<string> {
    await this.ensure();
    const seq = ++this.seq;
    const action_id = `${this.runId}-${String(seq).padStart(4, '0')}`;
    await this.journal.knex(STUCK_ACTIONS_TABLE.name).insert({
      finished_at: null,
      ...a,
      action_id,
      seq,
      run_id: this.runId,
      opter: this.opter.opter,
      opter_name: this.opter.opter_name,
    });
    return action_id;
  }

  async finish(
    action_id: string,
    patch: Partial<Pick<ActionRecord, 'status' | 'answer' | 'his_change' | 'message' | 'center_msgid' | 'setl_id'>> & {
      finished_at: string;
    },
  ): Promise<void> {
    const p: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) p[k] = v;
    await this.journal.knex(STUCK_ACTIONS_TABLE.name).where({ action_id }).update(p);
  }

  /**
   * Steps of other runs still `started` or `prepared`: their process died (the settle reverse run
   * lock lets one repair run per institution at a time). They are closed as `abandoned`, so the
   * audit trail never shows a step as in progress forever; the settlement itself was re-checked
   * with the center by this run. Returns how many were closed.
   */
  async closeInterrupted(now: string, itemIds: readonly string[]): Promise<number> {
    if (!itemIds.length) return 0;
    await this.ensure();
    // Only the settlements this run is repairing (and so re-checked): another institution sharing
    // the journal, or another job, keeps its own steps.
    return this.journal
      .knex(STUCK_ACTIONS_TABLE.name)
      .whereIn('status', ['started', 'prepared'])
      .whereIn('item_id', [...itemIds])
      .whereNot({ run_id: this.runId })
      .update({
        status: 'abandoned',
        finished_at: now,
        message: `the run ended before this step finished (killed or lost); run ${this.runId} re-checked the settlement with the center`,
      });
  }

  async list(q: ActionQuery = {}): Promise<ActionRecord[]> {
    await this.ensure();
    const b = this.journal.knex(STUCK_ACTIONS_TABLE.name).select('*');
    if (q.id) {
      const id = q.id;
      b.where((w) => {
        for (const k of ['item_id', 'msgid', 'setl_id', 'center_msgid', 'his_setl_no', 'mdtrt_id', 'psn_no', 'run_id'])
          w.orWhere(k, id);
      });
    }
    b.orderBy('started_at', 'asc').orderBy('run_id', 'asc').orderBy('seq', 'asc');
    if (q.limit) b.limit(q.limit);
    return ((await b) as Record<string, unknown>[]).map((r) => ({
      ...(r as unknown as ActionRecord),
      seq: Number(r.seq),
    }));
  }

  /** The last completed repair of a settlement (by item id, msgid or setl_id), if any. */
  async lastRepair(id: string): Promise<ActionRecord | undefined> {
    await this.ensure();
    const rows = (await this.journal
      .knex(STUCK_ACTIONS_TABLE.name)
      .where({ step: 'item', status: 'done' })
      .andWhere((w) => w.where('item_id', id).orWhere('msgid', id).orWhere('setl_id', id).orWhere('his_setl_no', id))
      .orderBy('started_at', 'desc')
      .limit(1)) as Record<string, unknown>[];
    return rows[0] ? { ...(rows[0] as unknown as ActionRecord), seq: Number(rows[0].seq) } : undefined;
  }
}
