/**
 * The trace journal on PostgreSQL and MariaDB (journal.url may point at any database hisops can
 * reach): an upload with retries, a second run that sends nothing, history for the checks, status.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  profileSource,
  runUpload,
  traceSettings,
  traceStatus,
  TraceJournal,
  TRACE_KINDS,
} from '../../../src/core/trace/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import {
  createTempDatabase,
  describeWithMysql,
  describeWithPg,
  type ServerKind,
  type TempDatabase,
} from '../../helpers/servers.js';
import { CODE, expectedAtCenter, ledgerCodes, openWorld, seededHisFile, tmpDir, type World } from './helpers.js';

function suite(kind: ServerKind) {
  return (baseUrl: string) => {
    let seed: { file: string; manifest: SeedManifest };
    let seedDir: string;
    let temp: TempDatabase;
    let journal: Journal;
    let world: World;

    beforeAll(async () => {
      seedDir = tmpDir(`srv-${kind}`);
      seed = await seededHisFile(seedDir);
      temp = await createTempDatabase(kind, baseUrl, 'hisops_trace');
      journal = await openJournal(temp.url);
      world = await openWorld(seed.file, { seed: 2, faults: '35*:reset@0.15' }, kind);
    });

    afterAll(async () => {
      await world?.close();
      await journal?.close();
      await temp?.drop();
      fs.rmSync(seedDir, { recursive: true, force: true });
    });

    it('uploads with retries, then sends nothing more; history and status read back', async () => {
      const opts = {
        source: profileSource(world.db, world.profile),
        journal,
        fixmedins_code: CODE,
        center: world.center,
        window: { from: seed.manifest.startDate, to: seed.manifest.endDate },
        kinds: TRACE_KINDS,
        apply: true,
        settings: traceSettings({ backoffMs: 10, retries: 10, rate: 0, batchSize: 30 }),
        runId: 'SRV1',
      };
      const r = await runUpload(opts);
      expect(r.pending).toEqual([]);
      expect(r.requests.retries).toBeGreaterThan(0);
      expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
      const again = await runUpload({ ...opts, runId: 'SRV2' });
      expect(again.requests.sent).toBe(0);
      expect(again.findings).toHaveLength(6);

      const tj = new TraceJournal(journal, CODE);
      const sold = (await journal.knex('hisops_trace_upload_codes').where({ kind: 'sale' }).first()) as {
        drug_trac_codg: string;
      };
      const h = await tj.history([sold.drug_trac_codg], '2099-01-01 00:00:00');
      expect(h.map((x) => x.kind)).toContain('sale');
      const status = await traceStatus({ journal, fixmedins_code: CODE });
      expect(status.totals.held).toBe(6);
      expect(status.totals.accepted).toBe(r.byKind.reduce((n, s) => n + s.accepted, 0));
      // Retried rows keep their request digest and position in the request.
      const retried = (await journal
        .knex('hisops_trace_uploads')
        .where('attempts', '>', 1)
        .select('batch_pos', 'request_digest')) as Array<{ batch_pos: number; request_digest: string }>;
      expect(retried.length).toBeGreaterThan(0);
      for (const row of retried) {
        expect(Number.isInteger(Number(row.batch_pos))).toBe(true);
        expect(
          await journal.knex('hisops_center_calls').where({ request_digest: row.request_digest }).count({ n: '*' }),
        ).not.toEqual([{ n: 0 }]);
      }
    });
  };
}

describeWithPg('trace journal on PostgreSQL', suite('postgres'));
describeWithMysql('trace journal on MariaDB', suite('mysql'));
