/**
 * The center's side written while the HIS is generated (seedHis with a ledger, what `demo seed`
 * does) is the same ledger, row for row, as seedCenter reading the seeded HIS back afterwards; and
 * a bulk seed leaves the ledger with every index it had.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src/core/center/sandbox/index.js';
import { connect } from '../../../src/core/db/index.js';
import { seedCenter, seedHis } from '../../../src/core/demo/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-center-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TABLES = ['settlements', 'messages', 'persons', 'accounts', 'counters'];

function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((t) => [t, db.prepare(`SELECT rowid AS _rowid, * FROM ${t} ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

function indexes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Array<{ name: string }>
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

async function seed(name: string, streamed: boolean, seedNo: number) {
  const out = path.join(dir, name);
  const his = await connect(`sqlite:${path.join(out, 'his.db')}`, { create: true });
  const ledger = openLedger(path.join(out, 'center.db'), { fixmedins_code: 'H43010000001', admdvs: '430100' });
  try {
    if (streamed) return (await seedHis({ db: his, size: 'small', seed: seedNo, days: 4, ledger })).manifest;
    const { manifest } = await seedHis({ db: his, size: 'small', seed: seedNo, days: 4 });
    return (await seedCenter({ his, ledger, manifest })).manifest;
  } finally {
    ledger.close();
    await his.close();
  }
}

describe('seeding the center while the HIS is generated', () => {
  it.each([3, 11])('gives the same ledger and manifest as reading the HIS back (seed %i)', async (seedNo) => {
    const streamed = await seed(`streamed-${seedNo}`, true, seedNo);
    const readBack = await seed(`read-back-${seedNo}`, false, seedNo);
    expect(streamed.center).toEqual(readBack.center);
    expect(streamed.center!.settlements).toBeGreaterThan(1000);
    expect(streamed).toEqual(readBack);
    const a = dump(path.join(dir, `streamed-${seedNo}`, 'center.db'));
    const b = dump(path.join(dir, `read-back-${seedNo}`, 'center.db'));
    for (const t of TABLES) expect(a[t], t).toEqual(b[t]);
    expect(a.settlements!.length).toBeGreaterThan(1000);
  });

  it('gives every seeded settlement fund lines that add up to its amounts, as a 5203 answer shows them', () => {
    const db = new Database(path.join(dir, 'streamed-3', 'center.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT setl_id, fund_pay_sumamt, acct_pay, setldetail FROM settlements').all() as Array<{
        setl_id: string;
        fund_pay_sumamt: string;
        acct_pay: string;
        setldetail: string;
      }>;
      const fen = (t: string) => Math.round(Number(t) * 100);
      const off = rows.filter((r) => {
        const lines = JSON.parse(r.setldetail) as Array<{ fund_pay_type: string; fund_payamt: string }>;
        const funds = lines.filter((l) => l.fund_pay_type !== '310200').reduce((t, l) => t + fen(l.fund_payamt), 0);
        const acct = lines.filter((l) => l.fund_pay_type === '310200').reduce((t, l) => t + fen(l.fund_payamt), 0);
        return funds !== fen(r.fund_pay_sumamt) || acct !== fen(r.acct_pay);
      });
      expect(rows.length).toBeGreaterThan(1000);
      expect(off.map((r) => r.setl_id)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('leaves every index of a new ledger in place after the bulk load', () => {
    const fresh = path.join(dir, 'fresh.db');
    openLedger(fresh).close();
    const want = indexes(fresh);
    expect(want).toContain('settlements_fen_totals');
    expect(indexes(path.join(dir, 'streamed-3', 'center.db'))).toEqual(want);
    expect(indexes(path.join(dir, 'read-back-3', 'center.db'))).toEqual(want);
  });
});
