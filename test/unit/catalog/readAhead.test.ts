/**
 * A reading thread started ahead of its import (rowThread.ts readAhead): the import takes it over
 * when it asks for the same table read the same way, and stops it otherwise, reading the table
 * itself; the import's result is the same either way. The threads themselves run from the build
 * only, so a stand-in plays the thread here: the same messages, read in this thread.
 */
import { describe, expect, it, vi } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { importCatalog } from '../../../src/core/catalog/importCatalog.js';
import {
  sameRequest,
  tableMessages,
  type ReadAhead,
  type RowRequest,
} from '../../../src/core/catalog/import/rowThread.js';
import { tableRows } from '../../../src/core/catalog/import/tableRows.js';
import { openTables } from '../../../src/core/catalog/read/openTable.js';
import { centerZip, row, tmpDir } from '../../fixtures/catalog/make.js';

const dir = tmpDir('hisops-read-ahead-');
const NOW = new Date('2025-03-15T08:00:00+08:00');

async function zip(): Promise<string> {
  return centerZip(
    dir,
    '1306.zip',
    Array.from({ length: 40 }, (_, i) => row('1306', i)),
  );
}

/** A stand-in for a thread started ahead: the messages of the table, and whether it was stopped. */
async function aheadFor(req: RowRequest): Promise<ReadAhead & { closed: () => boolean }> {
  const [src] = await openTables(req.file, { onProblem: () => undefined });
  let closed = false;
  return {
    req,
    rows: { messages: tableRows(src!, req.kind, req.mode), close: async () => void (closed = true) },
    closed: () => closed,
  };
}

describe('a reading thread started ahead', () => {
  const req: RowRequest = { file: '/x/1306.zip', index: 0, mode: 'values' };

  it('asks the same only with the same file, table, kind, encoding, sheet and packing', () => {
    expect(sameRequest(req, { ...req })).toBe(true);
    expect(sameRequest(req, { ...req, encoding: undefined, kind: undefined })).toBe(true);
    for (const other of [
      { file: '/x/other.zip' },
      { index: 1 },
      { kind: '1306' as const },
      { encoding: 'gbk' as const },
      { sheet: 'Sheet1' },
      { mode: 'copy' as const },
    ])
      expect(sameRequest(req, { ...req, ...other })).toBe(false);
  });

  it('is taken over when the import asks the same, stopped and replaced otherwise', async () => {
    const file = await zip();
    const [src] = await openTables(file, { onProblem: () => undefined });
    const same = await aheadFor({ file, index: 0, mode: 'values' });
    expect(tableMessages(src!, { file, index: 0, mode: 'values' }, same)).toBe(same.rows);
    expect(same.closed()).toBe(false);
    const other = await aheadFor({ file, index: 0, mode: 'copy' });
    const rows = tableMessages(src!, { file, index: 0, mode: 'values' }, other);
    expect(rows).not.toBe(other.rows);
    expect(other.closed()).toBe(true);
    const kinds: string[] = [];
    for await (const m of rows.messages) kinds.push(m.t);
    expect(kinds[0]).toBe('table');
    expect(kinds).toContain('rows');
  });

  it('gives the import the same result, taken over or stopped', async () => {
    const file = await zip();
    const results = [];
    for (const mode of [undefined, 'values', 'copy'] as const) {
      const db = await connect(`sqlite:${dir}/ahead-${mode ?? 'none'}.db`, { create: true });
      try {
        const ahead = mode ? await aheadFor({ file, index: 0, mode }) : undefined;
        const close = ahead ? vi.spyOn(ahead.rows, 'close') : undefined;
        const r = await importCatalog(db, { files: [file], apply: true, now: NOW, readAhead: ahead });
        // SQLite packs values: the stand-in asking for COPY text is stopped, the other one used.
        if (mode === 'copy') expect(close).toHaveBeenCalled();
        if (mode === 'values') expect(close).not.toHaveBeenCalled();
        const stored = await db.knex('hisops_catalog_consumable').select().orderBy('med_list_codg');
        results.push({ kinds: r.kinds.map((k) => ({ ...k, importId: null })), stored });
      } finally {
        await db.close();
      }
    }
    expect(results[0]!.stored).toHaveLength(40);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
