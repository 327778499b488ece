/**
 * A journal made by the previous release (test/fixtures/journal/v0Tables.ts), opened with the
 * current code on SQLite, PostgreSQL and MariaDB: the columns a center fills are widened, the new
 * columns added, the rows kept, and each migration recorded once. Two processes opening an old
 * journal at once migrate it once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { MIGRATIONS_TABLE, openJournal, RUNS_TABLE, type JournalTable } from '../../../src/core/journal/index.js';
import { CENTER_CALLS_TABLE, CENTER_SIGNINS_TABLE } from '../../../src/core/center/client/callJournal.js';
import { STUCK_ACTIONS_TABLE } from '../../../src/core/settle/actionJournal.js';
import { RECONCILE_FINDINGS_TABLE } from '../../../src/core/reconcile/store.js';
import { CATALOG_IMPORT_TABLE, MAPPING_UPLOAD_TABLE } from '../../../src/core/catalog/store/tables.js';
import { TRACE_UPLOADS_TABLE } from '../../../src/core/trace/traceJournal.js';
import { V0_TABLES } from '../../fixtures/journal/v0Tables.js';
import { createTempDatabase, describeWithMysql, describeWithPg, type TempDatabase } from '../../helpers/servers.js';
import { tmpDir } from '../trace/helpers.js';

const CURRENT: JournalTable[] = [
  RUNS_TABLE,
  CENTER_CALLS_TABLE,
  CENTER_SIGNINS_TABLE,
  STUCK_ACTIONS_TABLE,
  RECONCILE_FINDINGS_TABLE,
  CATALOG_IMPORT_TABLE,
  MAPPING_UPLOAD_TABLE,
  TRACE_UPLOADS_TABLE,
];

const SIGN_NO_32 = 'S4301002026120603000012345678901'; // 32 characters, as a real center issued
const SETL_ID_40 = '4301000000000000000000000000000000000001';

/** The previous release's journal: its tables and a row in the ones the test reads back. */
async function makeV0(url: string): Promise<void> {
  const db = await connect(url, { create: true });
  try {
    for (const t of V0_TABLES) await db.knex.schema.createTable(t.name, t.build);
    await db.knex('hisops_runs').insert({
      run_id: 'old-run',
      command: 'trace upload',
      args: '[]',
      institution: 'main',
      started_at: '2026-12-01T02:00:00.000Z',
      ended_at: '2026-12-01T02:01:00.000Z',
      outcome: 'ok',
      exit_code: 0,
      summary: null,
    });
    await db.knex('hisops_center_signins').insert({
      fixmedins_code: 'H43010000001',
      opter: 'op1',
      sign_day: '2026-12-01',
      sign_no: 'S'.padEnd(30, '1'),
      sign_time: '2026-12-01 08:00:00',
      signed_in_at: '2026-12-01T00:00:00.000Z',
    });
    await db.knex('hisops_center_calls').insert({
      msgid: 'H43010000001202612010800000001',
      infno: '2207',
      fixmedins_code: 'H43010000001',
      request_digest: 'd'.repeat(64),
      request: '{}',
      status: 'ok',
      setl_id: 'SETL0001',
      created_at: '2026-12-01T00:00:00.000Z',
    });
    await db.knex('hisops_stuck_actions').insert({
      action_id: 'a1',
      run_id: 'old-run',
      seq: 1,
      item_id: 'i1',
      step: 'center',
      status: 'done',
      setl_id: 'SETL0001',
      started_at: '2026-12-01T00:00:00.000Z',
    });
  } finally {
    await db.close();
  }
}

async function widths(db: Db, table: string): Promise<Record<string, number | null>> {
  const info = (await db.knex(table).columnInfo()) as unknown as Record<string, { maxLength: number | string | null }>;
  return Object.fromEntries(
    Object.entries(info).map(([k, v]) => [
      k,
      v.maxLength === null || v.maxLength === undefined ? null : Number(v.maxLength),
    ]),
  );
}

function migrationSuite(
  label: string,
  newUrl: () => Promise<{ url: string; drop(): Promise<void> }>,
  enforcesLength: boolean,
): void {
  it(`${label}: widens and adds columns, keeps the rows, records each migration once`, async () => {
    const t = await newUrl();
    try {
      await makeV0(t.url);
      const j = await openJournal(t.url);
      try {
        for (const table of CURRENT) await j.ensure(table);
        const runs = await widths(j.db, 'hisops_runs');
        expect(Object.keys(runs)).toEqual(expect.arrayContaining(['pid', 'host']));
        if (enforcesLength) {
          expect((await widths(j.db, 'hisops_center_signins')).sign_no).toBe(100);
          const calls = await widths(j.db, 'hisops_center_calls');
          expect([calls.setl_id, calls.mdtrt_id, calls.psn_no, calls.inf_refmsgid, calls.infcode]).toEqual([
            64, 64, 64, 64, 40,
          ]);
          expect((await widths(j.db, 'hisops_stuck_actions')).setl_id).toBe(64);
          expect((await widths(j.db, 'hisops_reconcile_findings')).related_setl_id).toBe(64);
          expect((await widths(j.db, 'hisops_mapping_upload')).infcode).toBe(40);
          expect((await widths(j.db, 'hisops_catalog_import')).ver_name).toBe(200);
          expect((await widths(j.db, 'hisops_trace_uploads')).reason).toBe(250);
        }
        // The old rows are there, and the longer values a center sends now fit.
        expect((await j.recentRuns(5)).map((r) => [r.run_id, r.outcome, r.pid])).toEqual([['old-run', 'ok', null]]);
        await j.knex('hisops_center_signins').insert({
          fixmedins_code: 'H43010000001',
          opter: 'op1',
          sign_day: '2026-12-02',
          sign_no: SIGN_NO_32,
          signed_in_at: '2026-12-02T00:00:00.000Z',
        });
        await j.knex('hisops_center_calls').insert({
          msgid: 'H43010000001202612020800000001',
          infno: '2207',
          fixmedins_code: 'H43010000001',
          request_digest: 'e'.repeat(64),
          request: '{}',
          status: 'ok',
          setl_id: SETL_ID_40,
          created_at: '2026-12-02T00:00:00.000Z',
        });
        const signs = (await j.knex('hisops_center_signins').orderBy('sign_day').select('sign_no')) as Array<{
          sign_no: string;
        }>;
        expect(signs.map((s) => s.sign_no)).toEqual(['S'.padEnd(30, '1'), SIGN_NO_32]);
        expect(
          (
            (await j.knex('hisops_center_calls').orderBy('created_at').select('setl_id')) as Array<{ setl_id: string }>
          ).map((r) => r.setl_id),
        ).toEqual(['SETL0001', SETL_ID_40]);
        expect(
          ((await j.knex('hisops_stuck_actions').select('setl_id')) as Array<{ setl_id: string }>).map(
            (r) => r.setl_id,
          ),
        ).toEqual(['SETL0001']);
        await j.startRun({
          runId: 'new-run',
          command: 'trace upload',
          args: [],
          now: new Date('2026-12-02T02:00:00Z'),
        });
        const newRun = (await j.recentRuns(5)).find((r) => r.run_id === 'new-run')!;
        expect(Number(newRun.pid)).toBe(process.pid);
        const recorded = (await j
          .knex(MIGRATIONS_TABLE)
          .select('table_name', 'migration_id')
          .orderBy(['table_name', 'migration_id'])) as Array<{ table_name: string; migration_id: string }>;
        expect(recorded.map((r) => `${r.table_name}:${r.migration_id}`)).toEqual(
          CURRENT.flatMap((c) => (c.migrations ?? []).map((m) => `${c.name}:${m.id}`)).sort(),
        );
      } finally {
        await j.close();
      }
      // Opened again: nothing left to do, nothing recorded twice.
      const again = await openJournal(t.url);
      try {
        for (const table of CURRENT) await again.ensure(table);
        expect(
          Number(((await again.knex(MIGRATIONS_TABLE).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n),
        ).toBe(CURRENT.reduce((n, c) => n + (c.migrations?.length ?? 0), 0));
      } finally {
        await again.close();
      }
    } finally {
      await t.drop();
    }
  }, 60_000);

  it(`${label}: a new journal gets the current shape with every migration recorded as applied`, async () => {
    const t = await newUrl();
    try {
      const j = await openJournal(t.url);
      try {
        await j.ensure(CENTER_SIGNINS_TABLE);
        if (enforcesLength) expect((await widths(j.db, 'hisops_center_signins')).sign_no).toBe(100);
        expect(await j.appliedMigrations('hisops_center_signins')).toEqual(new Set(['001-widen-sign-no']));
      } finally {
        await j.close();
      }
    } finally {
      await t.drop();
    }
  }, 60_000);

  it(`${label}: two processes opening an old journal at once migrate it once`, async () => {
    const t = await newUrl();
    let runs = 0;
    let inside = 0;
    let overlapped = false;
    const table: JournalTable = {
      name: 'hisops_migration_probe',
      build: (b) => {
        b.string('id', 10).primary();
        b.string('added', 10).nullable();
      },
      migrations: [
        {
          id: '001-probe',
          async up(db) {
            runs++;
            inside++;
            if (inside > 1) overlapped = true;
            await new Promise((r) => setTimeout(r, 300));
            if (!(await db.knex.schema.hasColumn('hisops_migration_probe', 'added')))
              await db.knex.schema.alterTable('hisops_migration_probe', (b) => void b.string('added', 10).nullable());
            inside--;
          },
        },
      ],
    };
    try {
      const setup = await connect(t.url, { create: true });
      await setup.knex.schema.createTable('hisops_migration_probe', (b) => void b.string('id', 10).primary());
      await setup.close();
      // Two journals on two connections, as two processes would have.
      const [a, b] = [await openJournal(t.url), await openJournal(t.url)];
      try {
        await Promise.all([a.ensure(table), b.ensure(table)]);
        expect(runs).toBe(1);
        expect(overlapped).toBe(false);
        expect(await a.appliedMigrations('hisops_migration_probe')).toEqual(new Set(['001-probe']));
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await t.drop();
    }
  }, 60_000);
}

describe('journal migrations on SQLite', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = tmpDir('migrate');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // SQLite does not enforce varchar lengths: nothing is rewritten there (see migrations.ts), a long value fits as it is.
  migrationSuite(
    'SQLite',
    async () => ({ url: `sqlite:${path.join(dir, `journal-${++n}.db`)}`, drop: async () => undefined }),
    false,
  );
});

describeWithPg('journal migrations on PostgreSQL', (base) => {
  migrationSuite('PostgreSQL', (): Promise<TempDatabase> => createTempDatabase('postgres', base, 'hisops_mig'), true);
});

describeWithMysql('journal migrations on MariaDB', (base) => {
  migrationSuite('MariaDB', (): Promise<TempDatabase> => createTempDatabase('mysql', base, 'hisops_mig'), true);
});
