/**
 * The HIS side summed by the database (hisSums.ts: PostgreSQL, SQLite) gives exactly what reading
 * the rows one by one gives — totals per group, counts, exclusions, problems — under every
 * province rule, on days where the sums can be taken and on days where some row makes the day be
 * read row by row; and a HIS whose columns cannot be summed exactly (text amounts, text times on
 * PostgreSQL, a third decimal) is read row by row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import {
  loadProfile,
  loadReferenceSchema,
  parseProfile,
  referenceProfilePath,
  type Profile,
} from '../../../src/core/his/index.js';
import {
  GroupBook,
  HisReader,
  parseReconcileRules,
  scopeKey,
  totalsText,
  type HisSettlement,
  type ReconcileRules,
} from '../../../src/core/reconcile/index.js';
import { sumDay } from '../../../src/core/reconcile/hisSums.js';
import { createTempDatabase, describeWithPg, type TempDatabase } from '../../helpers/servers.js';
import { EMP, FAR, RES, setl, toHis } from './scenario.js';

const ADMDVS = '430100';
const CLEAN = '2025-09-01';
/** A counted row whose setl_id is only blanks (a problem row by row). */
const BLANK_ID = '2025-09-02';
/** A counted row whose setl_id has a leading blank (counted once trimmed). */
const PADDED_ID = '2025-09-03';
/** A counted row without fund_pay_sumamt among others of its group. */
const NO_FUND = '2025-09-04';
/** A row with an unknown insurance type. */
const ODD_TYPE = '2025-09-05';
/** An out-of-area row without fund_pay_sumamt (a problem even where out-of-area rows are left out). */
const FAR_NO_FUND = '2025-09-06';
const DAYS = [CLEAN, BLANK_ID, PADDED_ID, NO_FUND, ODD_TYPE, FAR_NO_FUND];

interface Outcome {
  totals: Array<[string, ReturnType<typeof totalsText>]>;
  rows: number;
  excluded: Record<string, number>;
  problems: string[];
}

async function outcome(reader: HisReader, day: string, lean: boolean): Promise<Outcome> {
  const book = new GroupBook();
  const o: Outcome = { totals: [], rows: 0, excluded: {}, problems: [] };
  await reader.day(
    day,
    (res, n) => {
      o.rows += n;
      if (res.kind === 'counted') book.add(res.s, n);
      else if (res.kind === 'excluded') o.excluded[res.reason] = (o.excluded[res.reason] ?? 0) + n;
      else
        o.problems.push(
          `${res.problem.code} ${String(res.problem.row.setl_id)} ${String(res.problem.row.his_setl_no)}`,
        );
    },
    { lean },
  );
  o.totals = [...book.totals]
    .map(([k, t]) => [k, totalsText(t)] as [string, ReturnType<typeof totalsText>])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  o.problems.sort();
  return o;
}

/** Rule variants, and whether the clean day is summed under them (a pending row without setl_id that counts is a problem). */
const MAPPED = { clrTypeMap: { '13': '11' } };
const RULES: Array<[string, Record<string, unknown>, boolean]> = [
  ['the defaults', MAPPED, true],
  ['hospital-borne amounts subtracted', { ...MAPPED, hospitalBorne: 'subtract' }, true],
  ['hospital-borne amounts added', { ...MAPPED, hospitalBorne: 'add' }, true],
  ['out-of-area under the local agency', { ...MAPPED, outOfArea: 'local_agency' }, true],
  ['out-of-area left out', { ...MAPPED, outOfArea: 'exclude' }, true],
  ['refunds left out', { ...MAPPED, refunds: 'exclude' }, true],
  ['the local clearing type unmapped', {}, false],
  ['pending rows counted', { ...MAPPED, statuses: ['settled', 'cancelled', 'pending'] }, false],
];

const bind = (day: string) => ({
  from: `${day} 00:00:00`,
  to: `${day.slice(0, 8)}${String(Number(day.slice(8)) + 1).padStart(2, '0')} 00:00:00`,
});

/** A database of the reference schema for the suite, and how to drop it. */
interface SuiteDb {
  url: string;
  drop(): Promise<void>;
}

/**
 * The suite on one database. `notSummed` are the variants the database cannot sum at all
 * (PostgreSQL: text and floating-point amounts, text times; SQLite keeps those as numbers and
 * text, and sums what reads exactly).
 */
function sumsSuite(make: () => Promise<SuiteDb>, notSummed: readonly string[]): void {
  let tmp: SuiteDb;
  let db: Db;
  let profile: Profile;
  const rulesOf = (o: Record<string, unknown>): ReconcileRules => parseReconcileRules(o, { setl_optins: ADMDVS });

  beforeAll(async () => {
    tmp = await make();
    db = await connect(tmp.url, { create: true });
    await loadReferenceSchema(db);
    profile = await loadProfile(referenceProfilePath());
    for (const day of DAYS) {
      // A day of ordinary rows: both insurance types, out-of-area people, refunds and their
      // originals, hospital-borne amounts, a local clearing type, pending rows without setl_id,
      // cancelled rows, a missing personal-account amount.
      for (let i = 0; i < 12; i++)
        await toHis(
          db,
          setl({
            day,
            person: EMP[i % EMP.length]!,
            medfee: `${100 + i}.${i % 10}5`,
            fund: `${50 + i}.10`,
            acct: i % 3 === 0 ? '0.00' : '7.35',
          }),
        );
      for (let i = 0; i < 5; i++)
        await toHis(
          db,
          setl({
            day,
            person: RES[i % RES.length]!,
            medfee: `${300 + i}.00`,
            fund: '120.40',
            acct: '0.00',
            hosp: `${i}.50`,
          }),
        );
      for (let i = 0; i < 4; i++)
        await toHis(db, setl({ day, person: FAR[i % FAR.length]!, medfee: '88.80', fund: '44.40', acct: '4.44' }));
      const orig = setl({ day, person: EMP[1]!, medfee: '66.60', fund: '33.30', acct: '3.33' });
      await toHis(db, orig, { his_status: 'cancelled' });
      await toHis(
        db,
        setl({
          day,
          person: EMP[1]!,
          refd: '1',
          init_setl_id: orig.setl_id,
          medfee: '-66.60',
          fund: '-33.30',
          acct: '-3.33',
        }),
      );
      await toHis(db, setl({ day, person: EMP[2]!, clr_type: '13' }));
      await toHis(db, setl({ day, person: EMP[3]! }), { acct_pay: null });
      await toHis(db, setl({ day, person: EMP[4]! }), { setl_id: null, his_status: 'pending' });
      await toHis(db, setl({ day, person: EMP[5]! }), { in_area_flag: null });
    }
    await toHis(db, setl({ day: BLANK_ID, person: EMP[6]! }), { setl_id: '   ' });
    const padded = setl({ day: PADDED_ID, person: EMP[7]! });
    await toHis(db, padded, { setl_id: ` ${padded.setl_id}` });
    await toHis(db, setl({ day: NO_FUND, person: EMP[8]! }), { fund_pay_sumamt: null });
    await toHis(db, setl({ day: ODD_TYPE, person: EMP[9]! }), { insutype: '777' });
    await toHis(db, setl({ day: FAR_NO_FUND, person: FAR[0]! }), { fund_pay_sumamt: null });
    // Not counted (its status), so its missing amounts do not matter.
    await toHis(db, setl({ day: CLEAN, person: EMP[10]! }), {
      his_status: 'void',
      medfee_sumamt: null,
      fund_pay_sumamt: null,
    });
  });
  afterAll(async () => {
    await db?.close();
    await tmp?.drop();
  });

  it('sums a day whose every row reads alike, and leaves to row reading the days where one does not', async () => {
    // (Clearing type 13 is the HIS's own code: a problem row unless mapped.)
    const rules = rulesOf(MAPPED);
    const clean = await sumDay(db, profile, rules, bind(CLEAN));
    expect(clean).toEqual(expect.any(Array));
    const groups = clean as Exclude<typeof clean, string>;
    // Fewer groups than rows, and every row of the day in one of them.
    expect(groups.reduce((n, g) => n + g.rows, 0)).toBe(28);
    expect(groups.length).toBeLessThan(15);
    expect(await sumDay(db, profile, rules, bind(BLANK_ID))).toBe('rows');
    expect(await sumDay(db, profile, rules, bind(PADDED_ID))).toBe('rows');
    expect(await sumDay(db, profile, rules, bind(NO_FUND))).toBe('rows');
    expect(await sumDay(db, profile, rules, bind(ODD_TYPE))).toBe('rows');
    expect(await sumDay(db, profile, rulesOf({}), bind(CLEAN))).toBe('rows');
  });

  /** The rows a read for details keeps: those counted in `scopes`, by setl_id. */
  async function kept(
    reader: HisReader,
    day: string,
    scopes: ReadonlySet<string>,
    narrowed: boolean,
  ): Promise<string[]> {
    const out: HisSettlement[] = [];
    await reader.day(
      day,
      (res) => void (res.kind === 'counted' && scopes.has(scopeKey(res.s)) && out.push(res.s)),
      narrowed ? { scopes } : {},
    );
    return out.map((s) => `${s.setl_id} ${s.medfee} ${s.clr_type}|${s.setl_optins}`).sort();
  }

  for (const [label, o] of RULES) {
    it(`reads for details only the rows of the scopes asked, the same rows, with ${label}`, async () => {
      const rules = rulesOf(o);
      for (const day of DAYS) {
        // The day summed first (as a run does), then read again for some of its scopes.
        const reader = new HisReader(db, profile, rules);
        await outcome(reader, day, true);
        for (const scopes of [
          new Set([`11|${ADMDVS}`]),
          new Set(['11|440300', `21|${ADMDVS}`]),
          new Set(['99|000000']),
        ]) {
          const all = await kept(new HisReader(db, profile, rules), day, scopes, false);
          expect(await kept(reader, day, scopes, true), `${day} ${[...scopes].join(',')}`).toEqual(all);
          if (scopes.has(`11|${ADMDVS}`)) expect(all.length).toBeGreaterThan(5);
        }
      }
    });
  }

  for (const [label, o, summed] of RULES) {
    it(`gives what row reading gives, with ${label}`, async () => {
      const rules = rulesOf(o);
      const clean = await sumDay(db, profile, rules, bind(CLEAN));
      if (summed) expect(clean).toEqual(expect.any(Array));
      else expect(clean).toBe('rows');
      for (const day of DAYS) {
        const summed = await outcome(new HisReader(db, profile, rules), day, true);
        const rows = await outcome(new HisReader(db, profile, rules), day, false);
        expect(summed, day).toEqual(rows);
        expect(rows.rows, day).toBeGreaterThanOrEqual(27);
      }
    });
  }

  describe('a HIS whose columns cannot be summed exactly', () => {
    const variant = (from: string, to: string): Profile => {
      const text = fs.readFileSync(referenceProfilePath(), 'utf8');
      const changed = text.replace(from, to);
      expect(changed).not.toBe(text);
      return parseProfile(changed, 'variant.yaml');
    };
    it.each([
      [
        'amounts held as text',
        's.in_area_flag, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,',
        's.in_area_flag, s.setl_time, CAST(s.medfee_sumamt AS TEXT) AS medfee_sumamt, s.fund_pay_sumamt,',
      ],
      [
        'amounts held as floating point',
        's.in_area_flag, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,',
        's.in_area_flag, s.setl_time, CAST(s.medfee_sumamt AS DOUBLE PRECISION) AS medfee_sumamt, s.fund_pay_sumamt,',
      ],
      [
        'times held as text',
        's.in_area_flag, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,',
        's.in_area_flag, CAST(s.setl_time AS TEXT) AS setl_time, s.medfee_sumamt, s.fund_pay_sumamt,',
      ],
      [
        'amounts with a third decimal',
        's.in_area_flag, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,',
        's.in_area_flag, s.setl_time, s.medfee_sumamt + 0.005 AS medfee_sumamt, s.fund_pay_sumamt,',
      ],
      [
        'amounts with four decimals, the last two zeros',
        's.in_area_flag, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,',
        's.in_area_flag, s.setl_time, CAST(s.medfee_sumamt AS NUMERIC(18,4)) AS medfee_sumamt, s.fund_pay_sumamt,',
      ],
    ])('%s is read row by row, with the same result', async (label, from, to) => {
      const p = variant(from, to);
      const rules = rulesOf(MAPPED);
      expect(await sumDay(db, profile, rules, bind(CLEAN))).toEqual(expect.any(Array));
      const direct = await sumDay(db, p, rules, bind(CLEAN)).catch(() => 'failed');
      if (notSummed.includes(label)) expect(['failed', 'unsuitable', 'rows']).toContain(direct);
      const reader = new HisReader(db, p, rules);
      for (const day of DAYS) {
        const rows = await outcome(new HisReader(db, p, rules), day, false);
        expect(await outcome(reader, day, true), day).toEqual(rows);
        // The same values as the reference columns give, except where a third decimal was added.
        if (!label.includes('third'))
          expect(rows, day).toEqual(await outcome(new HisReader(db, profile, rules), day, false));
      }
    });
  });
}

describeWithPg('the HIS side summed by PostgreSQL', (url) => {
  sumsSuite(async () => {
    const t: TempDatabase = await createTempDatabase('postgres', url, 'hisops_t_sums');
    return { url: t.url, drop: () => t.drop() };
  }, [
    'amounts held as text',
    'amounts held as floating point',
    'times held as text',
    'amounts with a third decimal',
    'amounts with four decimals, the last two zeros',
  ]);
});

describe('the HIS side summed by SQLite', () => {
  sumsSuite(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-sums-'));
    return {
      url: `sqlite:${path.join(dir, 'his.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }, ['amounts with a third decimal']);
});
