/**
 * What the journal knows of codes received before the window: the stock-in records (and the drug
 * each code came in as) that hisops read from the HIS in earlier runs, whatever became of their
 * upload — a box on the shelf is the hospital's whether or not the center has its stock-in yet.
 * The checker uses it to tell a code dispensed as another drug than it was received as.
 */
import type { Knex } from '../db/index.js';
import type { StockedMovement } from './traceChecker.js';
import { TRACE_CODES_TABLE, TRACE_UPLOADS_TABLE, type TraceJournal } from './traceJournal.js';

const CHUNK = 400;

/** Whether the journal holds any stock-in before `before` (when not, there is nothing to ask per code). */
export async function anyStockedBefore(tj: TraceJournal, before: string): Promise<boolean> {
  const knex: Knex = tj.journal.knex;
  if (!(await knex.schema.hasTable(TRACE_CODES_TABLE.name))) return false;
  const row = await knex(TRACE_CODES_TABLE.name)
    .where({ fixmedins_code: tj.fixmedins_code, kind: 'stock-in' })
    .where('op_time', '<', before)
    .first('seq');
  return row !== undefined;
}

export async function stockedBefore(
  tj: TraceJournal,
  codes: readonly string[],
  before: string,
): Promise<StockedMovement[]> {
  const knex: Knex = tj.journal.knex;
  if (!(await knex.schema.hasTable(TRACE_CODES_TABLE.name)) || !(await knex.schema.hasTable(TRACE_UPLOADS_TABLE.name)))
    return [];
  const out: StockedMovement[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = (await knex(`${TRACE_CODES_TABLE.name} as c`)
      .join(`${TRACE_UPLOADS_TABLE.name} as u`, function (this: Knex.JoinClause) {
        this.on('u.fixmedins_code', '=', 'c.fixmedins_code').andOn('u.record_key', '=', 'c.record_key');
      })
      .where('c.fixmedins_code', tj.fixmedins_code)
      .whereIn('c.drug_trac_codg', codes.slice(i, i + CHUNK))
      .where('c.kind', 'stock-in')
      .where('c.op_time', '<', before)
      .select('c.drug_trac_codg', 'u.fixmedins_hilist_id', 'u.record_id', 'c.op_time')) as StockedMovement[];
    out.push(...rows);
  }
  return out;
}
