/**
 * Builders of one-sided settlements for the suites, each made for real: through the client and
 * the sandbox, with the HIS and the journal then put in the state a failure leaves behind.
 */
import {
  settleAtCashier,
  planReverse,
  applyRepairs,
  detectStuck,
  type ApplyHooks,
  type CashierResult,
  type ItemResult,
  type ReversePlan,
  type StuckReport,
} from '../../../src/core/settle/index.js';
import { later, PERSONS, type World } from './helpers.js';

let personNo = 0;
const nextPerson = () => PERSONS[personNo++ % PERSONS.length]!;

/** A settlement both sides hold. */
export function settledNormally(w: World, medfee = '150.00', inpatient = false): Promise<CashierResult> {
  return settleAtCashier(w.center, w.his, { person: nextPerson(), medfee_sumamt: medfee, inpatient });
}

/** The center answered, the HIS never stored the answer: its row stays pending (amounts of the bill only). */
export async function writeBackFailed(w: World, medfee = '180.00', inpatient = false): Promise<CashierResult> {
  const r = await settledNormally(w, medfee, inpatient);
  await w.his.knex('his_settlement').where({ msgid: r.msgid }).update({
    his_status: 'pending',
    setl_id: null,
    setl_time: null,
    fund_pay_sumamt: null,
    hifp_pay: null,
    acct_pay: null,
    psn_cash_pay: null,
    psn_part_amt: null,
    medins_setl_id: null,
  });
  await w.his
    .knex('his_center_log')
    .where({ msgid: r.msgid })
    .update({ log_status: 'sent', setl_id: null, response_time: null, infcode: null });
  return r;
}

/** The HIS rolled back after the center answered: only its center-log row is left. */
export async function rolledBack(w: World, medfee = '90.00'): Promise<CashierResult> {
  const r = await settledNormally(w, medfee);
  await w.his.knex('his_settlement').where({ msgid: r.msgid }).delete();
  await w.his
    .knex('his_center_log')
    .where({ msgid: r.msgid })
    .update({ log_status: 'sent', setl_id: null, response_time: null, infcode: null });
  return r;
}

/** hisops died after sending: its journal row stays pending with no answer. */
export async function journalLeftPending(w: World, msgid: string): Promise<void> {
  await w.journal
    .knex('hisops_center_calls')
    .where({ msgid })
    .update({ status: 'pending', output: null, setl_id: null, finished_at: null });
}

/** The sandbox applies `fault` to the cashier's call (timeout-after-commit, timeout, error …). */
export async function withFault(w: World, fault: string, medfee = '130.00', inpatient = false): Promise<CashierResult> {
  w.sb.setFaults(fault);
  try {
    return await settleAtCashier(w.center, w.his, { person: nextPerson(), medfee_sumamt: medfee, inpatient });
  } finally {
    w.sb.setFaults('');
  }
}

let visitNo = 0;

/**
 * One outpatient visit, two charge batches settled one after the other by the same person; the
 * sandbox commits the `lost` batch and withholds its answer (timeout-after-commit), so the HIS
 * keeps that row pending while the visit holds two live settlements at the center.
 */
export async function twoBatches(
  w: World,
  lost: 'first' | 'second',
  medfee: [string, string] = ['60.00', '70.00'],
): Promise<{ first: CashierResult; second: CashierResult }> {
  const person = nextPerson();
  const mdtrt_id = `VB${process.pid}${String(++visitNo).padStart(4, '0')}`;
  const batch = async (n: 1 | 2): Promise<CashierResult> => {
    w.sb.setFaults((n === 1) === (lost === 'first') ? '2207:timeout-after-commit' : '');
    try {
      return await settleAtCashier(w.center, w.his, {
        person,
        mdtrt_id,
        chrg_bchno: `${mdtrt_id}B${n}`,
        medfee_sumamt: medfee[n - 1]!,
      });
    } finally {
      w.sb.setFaults('');
    }
  };
  const first = await batch(1);
  const second = await batch(2);
  return { first, second };
}

export function env(w: World) {
  return { db: w.his, profile: w.profile, journal: w.journal, now: later(), center: w.center };
}

export function detect(w: World): Promise<StuckReport> {
  return detectStuck(env(w), { olderThanMs: 0, settings: w.settings });
}

let runNo = 0;

export async function repair(
  w: World,
  ids: string[],
  o: { all?: boolean; centerOnly?: 'complete' | 'cancel'; hooks?: ApplyHooks; plan?: ReversePlan } = {},
): Promise<{ plan: ReversePlan; results: ItemResult[]; runId: string }> {
  const runId = `run-${process.pid}-${++runNo}`;
  const e = env(w);
  const plan =
    o.plan ??
    (await planReverse(e, {
      olderThanMs: 0,
      settings: w.settings,
      ids,
      all: !!o.all,
      centerOnly: o.centerOnly ?? 'complete',
      runId,
    }));
  const results = await applyRepairs({ ...e, runId, opter: { opter: 'op07', opter_name: '信息科乙' } }, plan.items, {
    lockTimeoutMs: w.settings.lockTimeoutMs,
    patterns: w.settings.patterns,
    hooks: o.hooks,
  });
  return { plan, results, runId };
}

export const requests = (w: World, infno: string): number => w.sb.stats().byInfno[infno]?.requests ?? 0;

export async function hisRow(w: World, msgid: string): Promise<Record<string, unknown> | undefined> {
  return w.his.knex('his_settlement').where({ msgid }).first();
}

/** The HIS's refund row of a settlement (refd_setl_flag 1, init_setl_id = its setl_id). */
export async function hisRefund(w: World, setl_id: string): Promise<Record<string, unknown> | undefined> {
  return w.his.knex('his_settlement').where({ init_setl_id: setl_id, refd_setl_flag: '1' }).first();
}

/**
 * The HIS books a cancellation as the center's do: the original cancelled (counted), and a refund
 * row equal to the center's (setl_id, setl_time, negated amounts).
 */
export async function expectCancellationBooked(w: World, msgid: string): Promise<void> {
  const { expect } = await import('vitest');
  const orig = (await hisRow(w, msgid))!;
  expect(orig.his_status).toBe('cancelled');
  const c = w.sb.ledger.settlementsByMsgid(msgid)[0]!;
  expect(c.status).toBe('cancelled');
  const centerRefund = w.sb.ledger.getSettlement(c.cancelled_by!)!;
  const refund = (await hisRefund(w, c.setl_id))!;
  expect(refund).toMatchObject({ setl_id: centerRefund.setl_id, his_status: 'settled', refd_setl_flag: '1' });
  const { formatDateTime } = await import('../../../src/core/his/index.js');
  const t = refund.setl_time instanceof Date ? formatDateTime(refund.setl_time) : String(refund.setl_time).slice(0, 19);
  expect(t).toBe(centerRefund.setl_time);
  expect(Number(refund.medfee_sumamt)).toBeCloseTo(Number(centerRefund.medfee_sumamt.toFixed(2)), 2);
  expect(Number(refund.fund_pay_sumamt)).toBeCloseTo(Number(centerRefund.fund_pay_sumamt.toFixed(2)), 2);
}
