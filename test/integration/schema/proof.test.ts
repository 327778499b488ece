/**
 * Proof on real HIS schemas: for every fixture pair, load the old and the new version into
 * MariaDB, `sync --apply` the new onto the old, and check that what is still different is exactly
 * what the script's needs-review part lists (planning again yields no safe statement at all).
 * The same through PostgreSQL and SQLite, with both versions carried there by `clone`. The
 * snapshot fixtures of the golden tests are checked against the same loaded databases.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  applyPlan,
  fingerprint,
  introspect,
  makePlan,
  serializeSnapshot,
  snapshotDb,
  type Plan,
  type Snapshot,
} from '../../../src/core/schema/index.js';
import {
  copyVersion,
  createMysqlDb,
  dumpFile,
  loadMysqlDump,
  readSnapshotFixture,
  SNAPSHOT_FIXTURES,
  tmpSqlite,
} from './helpers.js';
import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';

const PAIRS: Array<[string, string]> = [
  ['openemr-4.1.1', 'openemr-5.0.2'],
  ['openemr-5.0.2', 'openemr-8.2.0-dev'],
  ['openhospital-1.12.0', 'openhospital-1.14.2'],
];

describeWithMysql('proof on real HIS schemas (MariaDB, PostgreSQL, SQLite)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const mysqlUrls = new Map<string, string>();
  let journal: Journal;
  const clock = () => new Date();

  beforeAll(async () => {
    const j = tmpSqlite();
    cleanups.push(j.cleanup);
    journal = await openJournal(j.url);
    const versions = [...new Set(PAIRS.flat())];
    for (const v of versions) {
      const db = await createMysqlDb();
      cleanups.push(db.drop);
      const load = await loadMysqlDump(db.url, dumpFile(v));
      expect(load.errors).toEqual([]);
      mysqlUrls.set(v, db.url);
    }
  }, 180_000);

  afterAll(async () => {
    await journal?.close();
    for (const c of cleanups.reverse()) await c();
  });

  /** A fresh copy of a version in a throw-away database of the given kind (MariaDB copies are loaded from the dump). */
  async function copyOf(version: string, kind: 'mysql' | 'postgres' | 'sqlite'): Promise<string> {
    const { url, clone } = await copyVersion(version, kind, {
      sourceUrl: () => mysqlUrls.get(version)!,
      journal,
      clock,
      drops: cleanups,
    });
    // the copy has the carried-over structure exactly (views/routines of another dialect aside)
    if (clone)
      expect(
        clone.leftovers.changes.filter((c) => !c.kind.startsWith('view.') && !c.kind.startsWith('routine.')),
      ).toEqual([]);
    return url;
  }

  async function syncApplyAndCheck(oldUrl: string, newUrl: string): Promise<{ plan: Plan; after: Plan }> {
    const oldDb: Db = await connect(oldUrl);
    const newDb: Db = await connect(newUrl);
    try {
      const current = (await introspect(oldDb)).model;
      const target = (await introspect(newDb)).model;
      const plan = makePlan(current, target, { now: new Date(), hisopsVersion: 'proof' });
      const res = await applyPlan(
        oldDb,
        {
          planId: plan.planId,
          dialect: plan.dialect,
          currentFingerprint: plan.current.fingerprint,
          targetFingerprint: plan.target.fingerprint,
          targetDisplay: plan.target.display,
          statements: plan.statements.filter((s) => s.section === 'safe'),
        },
        target,
        { journal, runId: 'proof', clock },
      );
      expect(res.failed).toBeUndefined();
      expect(res.status).toBe('done');
      // What is still different is only what needs review: planning again finds nothing safe to do…
      const again = makePlan((await introspect(oldDb)).model, target, { now: new Date(), hisopsVersion: 'proof' });
      expect(again.statements.filter((s) => s.section === 'safe').map((s) => s.sql)).toEqual([]);
      // …and every remaining item was in the first script's review part.
      const reviewTitles = new Set(
        plan.items.filter((i) => i.section === 'review').flatMap((i) => i.title.split('; ')),
      );
      const leftoverTitles = again.items.flatMap((i) => i.title.split('; ').map((t) => t.replace(/ \(.*\)$/, '')));
      const reviewBare = new Set([...reviewTitles].map((t) => t.replace(/ \(.*\)$/, '')));
      expect(leftoverTitles.filter((t) => !reviewBare.has(t))).toEqual([]);
      expect(res.leftovers!.changes.length).toBeGreaterThan(0);
      return { plan, after: again };
    } finally {
      await oldDb.close();
      await newDb.close();
    }
  }

  function normalise(s: Snapshot, version: string): Snapshot {
    return {
      ...s,
      takenAt: '2000-01-01T00:00:00.000Z',
      hisopsVersion: 'fixture',
      source: { ...s.source, display: `${version} (MariaDB fixture)`, database: version, serverVersion: 'MariaDB' },
    };
  }

  describe('HIS schema snapshot fixtures', () => {
    // The golden and unit tests read these gzipped snapshots; they must match what hisops reads from
    // MariaDB today (HISOPS_UPDATE_FIXTURES=1 rewrites them).
    it('match fresh snapshots of every version loaded into MariaDB', async () => {
      for (const version of mysqlUrls.keys()) {
        const conn = await connect(mysqlUrls.get(version)!);
        const snap = normalise(
          await snapshotDb(conn, { now: new Date('2000-01-01T00:00:00Z'), hisopsVersion: 'fixture' }),
          version,
        );
        await conn.close();
        if (process.env.HISOPS_UPDATE_FIXTURES === '1')
          fs.writeFileSync(
            path.join(SNAPSHOT_FIXTURES, `${version}.snapshot.json.gz`),
            zlib.gzipSync(serializeSnapshot(snap, true)),
          );
        const committed = readSnapshotFixture(version);
        expect(committed.fingerprint, version).toBe(fingerprint(snap));
        expect(JSON.parse(JSON.stringify(committed.tables))).toEqual(JSON.parse(JSON.stringify(snap.tables)));
        expect(committed.routines.map((r) => r.digest)).toEqual(snap.routines.map((r) => r.digest));
      }
    });
  });

  // Each case clones two real HIS versions, applies the whole sync script and snapshots again:
  // about 40 s for the largest pair on an idle 2-core machine, several times that when it is busy.
  const PROOF_TIMEOUT = 180_000;
  describe('sync proof on real HIS schemas', () => {
    for (const [from, to] of PAIRS) {
      it(
        `MariaDB: ${from} → ${to} leaves only the needs-review items`,
        async () => {
          const { plan } = await syncApplyAndCheck(await copyOf(from, 'mysql'), mysqlUrls.get(to)!);
          expect(plan.counts.safeStatements).toBeGreaterThan(10);
        },
        PROOF_TIMEOUT,
      );
    }

    for (const kind of ['postgres', 'sqlite'] as const) {
      // PostgreSQL copies need that server too; SQLite ones only MariaDB.
      (kind === 'postgres'
        ? (f: () => void) => describeWithPg('through PostgreSQL', () => f())
        : (f: () => void) => f())(() => {
        for (const [from, to] of PAIRS) {
          it(
            `${kind}: ${from} → ${to}, both cloned from MariaDB by hisops, leaves only the needs-review items`,
            async () => {
              const oldUrl = await copyOf(from, kind);
              const newUrl = await copyOf(to, kind);
              await syncApplyAndCheck(oldUrl, newUrl);
            },
            PROOF_TIMEOUT,
          );
        }
      });
    }
  });
});
