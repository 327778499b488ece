/**
 * The books close: for every row of the repair table, plant the difference (HIS rows and the
 * sandbox's ledger), reconcile through the CLI (the finding as expected), run the repair the
 * finding suggests exactly as printed (a plan, exit 0), then with --apply --yes, and reconcile
 * again: the original's day and the day of the repair (where a cancellation's refund row is
 * booked) both balance, with no finding. All over real HTTP against the sandbox, SQLite HIS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { formatDate } from '../../../src/core/center/index.js';
import { main } from '../../../src/main.js';
import { centerConfig, openWorld, type World } from './helpers.js';
import { both, EMP, logCall, RES, setl, toCenter, toHis, type Setl } from './scenario.js';

let w: World;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; doc: any }> {
  const io = memoryIo({ cwd: w.dir, env: { HISOPS_LANG: 'en' } });
  const code = await main(argv, io);
  const out = io.out();
  let doc: any = null;
  try {
    doc = JSON.parse(out);
  } catch {
    doc = null;
  }
  return { code, out, err: io.err(), doc };
}

beforeAll(async () => {
  w = await openWorld({ prefix: 'close-books' });
  fs.writeFileSync(
    path.join(w.dir, 'hisops.yaml'),
    `journal:
  url: sqlite:cli-journal.db
institutions:
  - name: main
    fixmedins_code: H43010000001
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
      profile: builtin:reference
    center:
      url: ${w.sb.url}
      setl_optins: "430100"
      mdtrtarea_admvs: "430100"
      insuplc_admdvs: "430100"
      timeoutMs: 20000
`,
  );
});
afterAll(async () => {
  await w?.close();
});

const today = () => formatDate(new Date(), 480);

/** A few ordinary settlements on both sides, so that the day has a real group around the difference. */
async function background(day: string) {
  for (let i = 0; i < 2; i++) await both(w.his, w.sb.ledger, setl({ day, person: EMP[i]! }));
}

async function reconcileDay(day: string) {
  const r = await run(['reconcile', '--date', day, '--json']);
  return {
    code: r.code,
    findings: (r.doc?.data?.findings ?? []) as Array<{
      kind: string;
      cause: string;
      setl_id: string | null;
      msgid: string | null;
      repair: { command: string | null; certain: boolean; action: string };
    }>,
    r,
  };
}

/** Run the command a finding printed, as printed (a plan), then with --apply --yes. */
async function repairAsPrinted(
  command: string | null,
): Promise<{ plan: Awaited<ReturnType<typeof run>>; applied: Awaited<ReturnType<typeof run>> }> {
  expect(command).toMatch(/^hisops settle reverse \S+$/);
  const argv = command!.split(' ').slice(1);
  const plan = await run([...argv, '--json']);
  expect(plan.code, plan.out + plan.err).toBe(0);
  expect(plan.doc.data.applied).toBe(false);
  const applied = await run([...argv, '--apply', '--yes', '--json']);
  expect(applied.code, applied.out + applied.err).toBe(0);
  expect(applied.doc.data.results.every((x: { outcome: string }) => x.outcome === 'done')).toBe(true);
  return { plan, applied };
}

/** After the repair: the day and today (the refund rows' day) balance, and nothing is stuck. */
async function expectBalanced(day: string) {
  for (const d of [day, today()]) {
    const again = await reconcileDay(d);
    expect(
      again.findings.map((f) => `${f.kind}/${f.cause} ${f.setl_id}`),
      `${d}: ${again.r.err}`,
    ).toEqual([]);
    expect(again.code).toBe(0);
  }
  const stuck = await run(['settle', 'stuck', '--older-than', '0s', '--json']);
  expect(
    stuck.doc.data.findings.map((f: { id: string; classification: string }) => `${f.classification} ${f.id}`),
  ).toEqual([]);
}

interface Row {
  name: string;
  day: string;
  plant: (s: Setl) => Promise<void>;
  want: string;
  /** Needs a person's decision: never in --all. */
  decision?: boolean;
  s?: Partial<Parameters<typeof setl>[0]>;
}

const ROWS: Row[] = [
  {
    name: 'center_only · no_answer (HIS pending, the center settled): complete the HIS row',
    day: '2025-07-01',
    want: 'center_only/no_answer',
    plant: async (s) => {
      await toHis(w.his, s, { his_status: 'pending', setl_id: null });
      toCenter(w.sb.ledger, s);
    },
  },
  {
    name: 'center_only · his_rollback (only the HIS log): cancel 2208 and write the pair',
    day: '2025-07-02',
    want: 'center_only/his_rollback',
    plant: async (s) => {
      await logCall(w.his, s, 'sent');
      toCenter(w.sb.ledger, s);
    },
  },
  {
    name: 'center_only · his_rollback of an inpatient settlement: cancel 2305 and write the pair',
    day: '2025-07-03',
    want: 'center_only/his_rollback',
    s: { clr_type: '21', infno: '2304', medfee: '1329.00', fund: '900.00', acct: '0.00' },
    plant: async (s) => {
      // An inpatient settled on both sides that day: the group is one the HIS has rows in.
      await both(
        w.his,
        w.sb.ledger,
        setl({
          day: s.setl_time.slice(0, 10),
          person: RES[1]!,
          clr_type: '21',
          infno: '2304',
          medfee: '800.00',
          fund: '500.00',
          acct: '0.00',
        }),
      );
      await logCall(w.his, s, 'sent');
      toCenter(w.sb.ledger, s);
    },
  },
  {
    name: 'his_only · not_at_center (the HIS settled, the center has nothing): void',
    day: '2025-07-04',
    want: 'his_only/not_at_center',
    plant: async (s) => {
      await toHis(w.his, s);
    },
  },
  {
    name: 'his_only · cancelled_at_center (another terminal cancelled it): record the cancellation',
    day: '2025-07-05',
    want: 'his_only/cancelled_at_center',
    plant: async (s) => {
      await both(w.his, w.sb.ledger, s);
      w.sb.ledger.insertCancellation({ setl_id: s.setl_id, setl_time: `${s.setl_time.slice(0, 10)} 16:00:00` });
    },
  },
  {
    name: 'center_only · cancel_not_recorded (the HIS voided what the center cancelled): record the cancellation',
    day: '2025-07-06',
    want: 'center_only/cancel_not_recorded',
    plant: async (s) => {
      await toHis(w.his, s, { his_status: 'void' });
      toCenter(w.sb.ledger, s);
      w.sb.ledger.insertCancellation({ setl_id: s.setl_id, setl_time: `${s.setl_time.slice(0, 10)} 16:00:00` });
    },
  },
  {
    name: 'center_only · his_void (the HIS voided, the center holds it): named, cancel and record',
    day: '2025-07-07',
    want: 'center_only/his_void',
    decision: true,
    plant: async (s) => {
      await toHis(w.his, s, { his_status: 'void' });
      toCenter(w.sb.ledger, s);
    },
  },
  {
    name: 'center_only · unknown_to_his (test data at the center): named, cancel and write the pair',
    day: '2025-07-08',
    want: 'center_only/unknown_to_his',
    decision: true,
    plant: async (s) => {
      toCenter(w.sb.ledger, s);
    },
  },
];

describe('every row of the repair table closes the books', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_n, row) => {
    await background(row.day);
    const s = setl({ day: row.day, person: row.s?.clr_type === '21' ? RES[0]! : EMP[3]!, ...(row.s ?? {}) });
    await row.plant(s);
    const first = await reconcileDay(row.day);
    expect(first.code, first.r.err).toBe(3);
    expect(first.findings.map((f) => `${f.kind}/${f.cause}`)).toEqual([row.want]);
    const f = first.findings[0]!;
    expect(f.repair.certain).toBe(!row.decision);
    if (row.decision) {
      // --all leaves it alone and says why: a person names it.
      const all = await run(['settle', 'reverse', '--all', '--apply', '--yes', '--json']);
      const mine = all.doc.data.results.find((x: { id: string }) => x.id === f.msgid || x.id === f.setl_id);
      expect(mine?.outcome).toBe('manual');
      expect(mine?.message).toMatch(/needs a decision/);
      expect((await reconcileDay(row.day)).findings.map((x) => `${x.kind}/${x.cause}`)).toEqual([row.want]);
    }
    await repairAsPrinted(f.repair.command);
    await expectBalanced(row.day);
  });

  it('the cancel path: --center-only cancel on a pending HIS row books the cancellation, and both days balance', async () => {
    const day = '2025-07-09';
    await background(day);
    const s = setl({ day, person: EMP[4]! });
    await toHis(w.his, s, { his_status: 'pending', setl_id: null });
    toCenter(w.sb.ledger, s);
    const first = await reconcileDay(day);
    expect(first.findings.map((f) => `${f.kind}/${f.cause}`)).toEqual(['center_only/no_answer']);
    const argv = first.findings[0]!.repair.command!.split(' ').slice(1);
    const applied = await run([...argv, '--center-only', 'cancel', '--apply', '--yes', '--json']);
    expect(applied.code, applied.out).toBe(0);
    expect(applied.doc.data.items[0].repair).toBe('cancel');
    const row = await w.his.knex('his_settlement').where({ msgid: s.msgid }).first();
    expect(row.his_status).toBe('cancelled');
    await expectBalanced(day);
  });

  it("a repair killed after the center answered is finished by the next run, and the books close (hisops's own cancellation is not a new finding)", async () => {
    const day = '2025-07-10';
    await background(day);
    const s = setl({ day, person: EMP[5]! });
    await logCall(w.his, s, 'sent');
    toCenter(w.sb.ledger, s);
    // The center cancels it (as hisops's 2208 would) but the HIS step never ran: reconcile names the pair.
    const { applyRepairs, planReverse, parseStuckSettings } = await import('../../../src/core/settle/index.js');
    const { loadProfile, referenceProfilePath } = await import('../../../src/core/his/index.js');
    const { openJournal } = await import('../../../src/core/journal/index.js');
    const { openCenter } = await import('../../../src/core/center/index.js');
    // The CLI's journal: the cancellation is hisops's own, as the next reconcile must recognise.
    const journal = await openJournal(`sqlite:${path.join(w.dir, 'cli-journal.db')}`);
    const center = openCenter(centerConfig(w.sb.url), { journal, runId: 'kill-test' });
    try {
      const env = { db: w.his, profile: await loadProfile(referenceProfilePath()), journal, now: new Date(), center };
      const settings = parseStuckSettings(undefined);
      const { items } = await planReverse(env, {
        olderThanMs: 0,
        settings,
        ids: [s.msgid],
        all: false,
        centerOnly: 'complete',
        runId: 'kill-test',
      });
      const r = await applyRepairs({ ...env, runId: 'kill-test', opter: { opter: 't', opter_name: 't' } }, items, {
        lockTimeoutMs: 2000,
        patterns: settings.patterns,
        hooks: {
          afterCenter: () => {
            throw new Error('injected: killed after the center answered');
          },
        },
      });
      expect(r[0]!.outcome).toBe('failed');
    } finally {
      await center.close();
      await journal.close();
    }
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('cancelled');
    const seen = await reconcileDay(day);
    expect(seen.findings.map((f) => `${f.kind}/${f.cause}`)).toEqual(['center_only/cancel_not_recorded']);
    const t = await reconcileDay(today());
    expect(t.findings.map((f) => `${f.kind}/${f.cause} ${f.setl_id}`)).toContainEqual(
      `center_only/cancel_not_recorded ${s.setl_id}`,
    );
    const before = w.sb.ledger.settlementsByMsgid(s.msgid).length;
    await repairAsPrinted(seen.findings[0]!.repair.command);
    // The center was not asked to cancel twice.
    expect(w.sb.ledger.settlementsByMsgid(s.msgid).length).toBe(before);
    await expectBalanced(day);
  });

  it.each([
    ['2207', 'complete'],
    ['2207', 'cancel'],
    ['2304', 'complete'],
    ['2304', 'cancel'],
  ] as const)(
    'timeout-after-commit on %s, repaired with --center-only %s: the finding, the repair as printed, both sides balance',
    async (infno, how) => {
      const { settleAtCashier } = await import('../../../src/core/settle/index.js');
      const { openCenter } = await import('../../../src/core/center/index.js');
      const { openJournal } = await import('../../../src/core/journal/index.js');
      const inpatient = infno === '2304';
      const person = inpatient ? RES[2]! : EMP[6]!;
      const journal = await openJournal(`sqlite:${path.join(w.dir, 'cli-journal.db')}`);
      // The cashier's client: the center commits, the answer never arrives (its wait is short).
      const center = openCenter(centerConfig(w.sb.url, { timeouts: { defaultMs: 3000, byInfno: { [infno]: 500 } } }), {
        journal,
        runId: `cashier-${infno}-${how}`,
      });
      let msgid: string;
      try {
        await settleAtCashier(center, w.his, {
          person: { psn_no: person.psn_no, certno: person.certno, insutype: person.insutype },
          medfee_sumamt: '100.00',
        }); // a normal one beside it: the group is known
        w.sb.setFaults(`${infno}:timeout-after-commit`);
        const r = await settleAtCashier(center, w.his, {
          person: { psn_no: person.psn_no, certno: person.certno, insutype: person.insutype },
          medfee_sumamt: inpatient ? '2400.00' : '88.00',
          inpatient,
        });
        msgid = r.msgid;
        expect(r.his_status).toBe('pending');
      } finally {
        w.sb.setFaults('');
        await center.close();
        await journal.close();
      }
      const day = today();
      const first = await reconcileDay(day);
      const mine = first.findings.filter((f) => f.msgid === msgid);
      expect(mine.map((f) => `${f.kind}/${f.cause}`)).toEqual(['center_only/no_answer']);
      const argv = mine[0]!.repair.command!.split(' ').slice(1);
      expect(argv).toEqual(['settle', 'reverse', msgid]);
      const plan = await run([...argv, '--center-only', how, '--json']);
      expect(plan.code, plan.out).toBe(0);
      const applied = await run([...argv, '--center-only', how, '--apply', '--yes', '--json']);
      expect(applied.code, applied.out).toBe(0);
      expect(applied.doc.data.items[0].repair).toBe(how);
      const row = await w.his.knex('his_settlement').where({ msgid }).first();
      expect(row.his_status).toBe(how === 'complete' ? 'settled' : 'cancelled');
      await expectBalanced(day);
    },
  );
});
