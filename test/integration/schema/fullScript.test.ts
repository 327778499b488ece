/**
 * Scripts that run as written: for every real HIS pair, in MariaDB, PostgreSQL and SQLite, the
 * old version gets the WHOLE sync script — the safe part and then every needs-review item
 * uncommented, top to bottom, as a DBA who accepts them all would run it — and a fresh diff
 * against the new version must then be empty. Every statement must run: no item may break
 * another (a dropped column taking the primary key with it, a view over a changed column, a
 * comment change losing a CHECK).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { runFullScript } from './fullScript.js';
import { copyVersion, createMysqlDb, dumpFile, loadMysqlDump, tmpSqlite } from './helpers.js';
import { describeWithMysql, pgUrl } from '../../helpers/servers.js';

const PAIRS: Array<[string, string]> = [
  ['openemr-4.1.1', 'openemr-5.0.2'],
  ['openemr-5.0.2', 'openemr-8.2.0-dev'],
  ['openhospital-1.12.0', 'openhospital-1.14.2'],
];

describeWithMysql('full sync scripts run as written and leave no difference', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const mysqlUrls = new Map<string, string>();
  let journal: Journal;

  beforeAll(async () => {
    const j = tmpSqlite();
    cleanups.push(j.cleanup);
    journal = await openJournal(j.url);
    for (const v of new Set(PAIRS.flat())) {
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
  }, 300_000);

  /** Each test's copies are dropped at its end: the shared servers do not pile up databases. */
  async function copyOf(
    version: string,
    kind: 'mysql' | 'postgres' | 'sqlite',
    drops: Array<() => Promise<void> | void>,
  ): Promise<string> {
    return (
      await copyVersion(version, kind, {
        sourceUrl: () => mysqlUrls.get(version)!,
        journal,
        clock: () => new Date(),
        drops,
      })
    ).url;
  }

  for (const kind of ['mysql', 'postgres', 'sqlite'] as const) {
    const d = kind === 'postgres' && !pgUrl() ? describe.skip : describe;
    d(kind, () => {
      for (const [from, to] of PAIRS) {
        it(`${from} → ${to}: safe and review parts run in order, then the diff is empty`, async () => {
          const drops: Array<() => Promise<void> | void> = [];
          try {
            const oldUrl = await copyOf(from, kind, drops);
            const newUrl = kind === 'mysql' ? mysqlUrls.get(to)! : await copyOf(to, kind, drops);
            const res = await runFullScript(oldUrl, newUrl);
            if (process.env.HISOPS_TEST_VERBOSE)
              console.log(
                `${kind} ${from} → ${to}: ${res.statements} statements (${res.review} review)\n${res.failures.join('\n')}\nleft: ${res.left.join(', ')}`,
              );
            expect(res.review).toBeGreaterThan(0);
            expect(res.failures).toEqual([]);
            expect(res.left).toEqual([]);
          } finally {
            for (const d of drops.reverse()) await d();
          }
        }, 300_000);
      }
    });
  }
});
