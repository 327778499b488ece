/**
 * The four-code library and package relations with the journal on PostgreSQL and MariaDB:
 * versions numbered by hisops, replacement in one transaction, Chinese text kept, relations
 * expanded and a conflicting file refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  currentLibraryVersion,
  expandPackage,
  importLibrary,
  importRelations,
  libraryEntries,
  parentsOf,
} from '../../../src/core/trace/index.js';
import { isHisopsError } from '../../../src/core/errors.js';
import {
  createTempDatabase,
  describeWithMysql,
  describeWithPg,
  type ServerKind,
  type TempDatabase,
} from '../../helpers/servers.js';
import { tmpDir } from './helpers.js';

function suite(kind: ServerKind) {
  return (baseUrl: string) => {
    let dir: string;
    let temp: TempDatabase;
    let journal: Journal;
    const now = new Date('2026-03-01T08:00:00Z');
    const write = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };

    beforeAll(async () => {
      dir = tmpDir(`lib-${kind}`);
      temp = await createTempDatabase(kind, baseUrl, 'hisops_tlib');
      journal = await openJournal(temp.url);
    });

    afterAll(async () => {
      await journal?.close();
      await temp?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('imports, replaces and reads the library back with its Chinese names', async () => {
      const head = '药品标识码,医保编码,药品名称,批准文号,包装级别';
      const rows = Array.from(
        { length: 250 },
        (_, i) =>
          `${8100000 + i},XA${String(i).padStart(18, '0')},阿莫西林胶囊${i},国药准字H${String(i).padStart(8, '0')},${(i % 3) + 1}`,
      );
      const r1 = await importLibrary({
        journal,
        file: write('a.csv', [head, ...rows].join('\n')),
        apply: true,
        runId: 'r1',
        now,
      });
      expect(r1.version).toMatchObject({ version: 1, entries: 250 });
      const r2 = await importLibrary({
        journal,
        file: write('b.csv', [head, ...rows.slice(10)].join('\n')),
        apply: true,
        runId: 'r2',
        now,
      });
      expect(r2.diff).toMatchObject({ removed: 10, unchanged: 240 });
      expect((await currentLibraryVersion(journal))?.version).toBe(2);
      const got = await libraryEntries(journal, ['8100011', '8100001']);
      expect(got.get('8100011')![0]).toMatchObject({
        drug_name: '阿莫西林胶囊11',
        aprvno: '国药准字H00000011',
        pac_lv: '3',
      });
      expect(got.has('8100001')).toBe(false);
    });

    it('stores relations, expands a case and refuses a conflicting file', async () => {
      const c = (p: string, n: number) => p + String(n).padStart(13, '0');
      const CASE = c('8399999', 1);
      const boxes = [1, 2, 3].map((n) => c('8100011', n));
      await importRelations({
        journal,
        file: write('r.csv', ['父码,子码,级别', ...boxes.map((b) => `${CASE},${b},1`)].join('\n')),
        apply: true,
        runId: 'x1',
        now,
      });
      expect(await expandPackage(journal, CASE)).toEqual(boxes);
      expect(await parentsOf(journal, boxes[2]!)).toEqual([CASE]);
      let e: unknown;
      try {
        await importRelations({
          journal,
          file: write('r2.csv', ['父码,子码,级别', `${c('8399999', 2)},${boxes[0]},1`].join('\n')),
          apply: true,
          runId: 'x2',
          now,
        });
      } catch (x) {
        e = x;
      }
      expect(isHisopsError(e) && e.code).toBe('TRACE_RELATION_FILE');
    });
  };
}

describeWithPg('the four-code library with the journal on PostgreSQL', suite('postgres'));
describeWithMysql('the four-code library with the journal on MariaDB', suite('mysql'));
