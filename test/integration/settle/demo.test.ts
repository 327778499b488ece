/**
 * End to end: one-sided settlements made for real through the client with the sandbox's
 * timeout-after-commit fault are found — exactly those — by 5203 by visit, completed in the HIS
 * from the center's answer (the center keeps them), and a 3201 of the day then balances for every
 * group, the completed settlements included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCenter } from '../../../src/core/center/index.js';
import { D } from '../../../src/core/money.js';
import { demoStuck, type DemoStuckResult } from '../../../src/core/settle/index.js';
import { makeWorld, PERSONS, type World } from './helpers.js';

let w: World;
let r: DemoStuckResult;

beforeAll(async () => {
  w = await makeWorld('sqlite');
  r = await demoStuck({
    hisDb: w.his,
    centerConfig: w.config,
    journal: w.journal,
    sandbox: w.sb,
    persons: PERSONS,
    stuck: 3,
    normal: 4,
    runId: 'demo-run',
  });
});
afterAll(async () => w.close());

describe('demoStuck', () => {
  it('creates real one-sided settlements: pending in the HIS, settled at the center, unknown in the journal', async () => {
    expect(r.created.stuck).toHaveLength(3);
    expect(r.created.normal).toHaveLength(4);
    for (const s of r.created.stuck) {
      const rows = w.sb.ledger.settlementsByMsgid(s.msgid);
      expect(rows).toHaveLength(1);
      const call = await w.journal.knex('hisops_center_calls').where({ msgid: s.msgid }).first();
      expect(call.status).toBe('unknown');
    }
  });

  it('finds exactly them, as center_only: 5203 by visit answers each with the settlement its lost call made', () => {
    expect(r.found.findings.map((f) => f.msgid).sort()).toEqual(r.created.stuck.map((s) => s.msgid).sort());
    for (const f of r.found.findings) {
      expect(f).toMatchObject({
        classification: 'center_only',
        his_state: 'pending',
        center_state: 'settled',
        center_via: '5203',
      });
      expect(f.setl_id).toBe(w.sb.ledger.settlementsByMsgid(f.msgid!)[0]!.setl_id);
      expect(f.center.setl!.medins_setl_id).toBe(f.msgid);
      expect(f.sources).toEqual(expect.arrayContaining(['his_pending', 'client_journal']));
    }
    expect(r.found.timings.center_queries).toBe(3);
    expect(r.found.sources.reconcile).toBe(0);
  });

  it("completes each pending HIS row from the center's answer (no reversal); a second look finds nothing", async () => {
    expect(r.plan.every((p) => p.repair === 'complete')).toBe(true);
    expect(r.results.map((x) => x.outcome)).toEqual(['done', 'done', 'done']);
    expect(r.after.findings).toHaveLength(0);
    expect(r.ok).toBe(true);
    expect(w.sb.stats().byInfno['2601']?.requests ?? 0).toBe(0);
    for (const s of r.created.stuck) {
      const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
      expect(center.status).toBe('settled');
      const his = await w.his.knex('his_settlement').where({ msgid: s.msgid }).first();
      expect(his).toMatchObject({ his_status: 'settled', setl_id: center.setl_id, medins_setl_id: s.msgid });
      const call = await w.journal.knex('hisops_center_calls').where({ msgid: s.msgid }).first();
      expect(call.resolved_at).toBeTruthy();
    }
    for (const s of r.created.normal) expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('settled');
  });

  it('leaves the day balanced: 3201 per insutype × clr_type over the HIS settled rows', async () => {
    const rows = (await w.his.knex('his_settlement').where({ his_status: 'settled' })) as Array<
      Record<string, unknown>
    >;
    const day = String(rows[0]!.setl_time).slice(0, 10);
    const groups = new Map<
      string,
      {
        insutype: string;
        clr_type: string;
        medfee: InstanceType<typeof D>;
        fund: InstanceType<typeof D>;
        acct: InstanceType<typeof D>;
        n: number;
      }
    >();
    for (const x of rows) {
      const k = `${x.insutype}|${x.clr_type}`;
      const g = groups.get(k) ?? {
        insutype: String(x.insutype),
        clr_type: String(x.clr_type),
        medfee: new D(0),
        fund: new D(0),
        acct: new D(0),
        n: 0,
      };
      g.medfee = g.medfee.plus(String(x.medfee_sumamt));
      g.fund = g.fund.plus(String(x.fund_pay_sumamt));
      g.acct = g.acct.plus(String(x.acct_pay));
      g.n++;
      groups.set(k, g);
    }
    expect(groups.size).toBeGreaterThan(0);
    await withCenter(w.config, { journal: w.journal }, async (c) => {
      for (const g of groups.values()) {
        const t = await c.stmtTotal({
          insutype: g.insutype,
          clr_type: g.clr_type,
          stmt_begndate: day,
          stmt_enddate: day,
          medfee_sumamt: g.medfee,
          fund_pay_sumamt: g.fund,
          acct_pay: g.acct,
          fixmedins_setl_cnt: g.n,
          refd_setl_flag: '1',
        });
        expect(t.result.balanced, `${g.insutype}/${g.clr_type}: ${t.result.stmt_rslt_dscr}`).toBe(true);
      }
    });
  });

  it('audits every step with the operator', async () => {
    const acts = await w.journal.knex('hisops_stuck_actions').where({ run_id: 'demo-run' }).orderBy('seq');
    // Completing sends nothing to the center: no center step.
    expect(acts.filter((a: { step: string }) => a.step === 'center')).toHaveLength(0);
    expect(acts.every((a: { opter: string }) => a.opter === 'op07')).toBe(true);
    expect(acts.filter((a: { step: string; status: string }) => a.step === 'his' && a.status === 'done')).toHaveLength(
      3,
    );
  });
});
