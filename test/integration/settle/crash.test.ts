/**
 * A real crash: a child process applies a repair and is killed (SIGKILL) between the center's
 * answer and the HIS commit. The HIS transaction dies with it; the next run finds the settlement
 * again, learns it is already reversed/cancelled, and finishes with the HIS step only.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeWorld, type World } from './helpers.js';
import {
  detect,
  expectCancellationBooked,
  hisRow,
  repair,
  requests,
  twoBatches,
  writeBackFailed,
} from './scenarios.js';

const repo = path.resolve(__dirname, '../../..');
// Bundled next to node_modules so that knex and better-sqlite3 resolve from the repository.
const outDir = path.join(repo, 'node_modules', '.cache', `hisops-stuck-test-${process.pid}`);
const child = path.join(outDir, 'killAfterCenter.mjs');

function runChild(
  w: World,
  id: string,
  prefer: 'cancel' | 'complete',
): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [child, w.hisUrl, path.join(w.dir, 'journal.db'), w.sb.url, id, prefer],
      { cwd: repo, timeout: 60_000 },
      (err, stdout) => {
        resolve({ signal: (err as { signal?: NodeJS.Signals } | null)?.signal ?? null, stdout: String(stdout) });
      },
    );
  });
}

beforeAll(async () => {
  await build({
    entryPoints: [path.join(__dirname, 'fixtures/killAfterCenter.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: child,
    logLevel: 'silent',
  });
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('killed between the center call and the HIS update', () => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld('sqlite');
  });
  afterEach(async () => w.close());

  it('2601 path: the center reversed it, the HIS still pending; the re-run voids it without a second 2601', async () => {
    // A lost batch whose visit 5203 answers with another batch: reversed by its msgid.
    const { first: s } = await twoBatches(w, 'first');
    const r = await runChild(w, s.msgid, 'complete');
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toContain('["reverse"]');
    expect(r.stdout).not.toContain('not killed');
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('reversed');
    expect((await hisRow(w, s.msgid))!.his_status).toBe('pending');
    const acts = (await w.journal.knex('hisops_stuck_actions').where({ item_id: s.msgid }).orderBy('seq')) as Array<{
      step: string;
      status: string;
    }>;
    expect(acts.map((a) => `${a.step}:${a.status}`)).toEqual(['item:started', 'his:prepared', 'center:done']);
    expect(requests(w, '2601')).toBe(1);

    const found = await detect(w);
    expect(found.findings[0]).toMatchObject({
      msgid: s.msgid,
      classification: 'neither',
      center_state: 'reversed',
      center_via: 'journal',
    });
    const again = await repair(w, [s.msgid]);
    expect(again.results[0]).toMatchObject({ outcome: 'done', repair: 'void', center: null });
    expect(requests(w, '2601')).toBe(1);
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
    expect((await detect(w)).findings).toEqual([]);
  });

  it('2208 path: the center cancelled it; the re-run re-asks 5203 and finishes the HIS step only', async () => {
    const s = await writeBackFailed(w, '99.00');
    const r = await runChild(w, s.msgid, 'cancel');
    expect(r.signal).toBe('SIGKILL');
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('cancelled');
    expect((await hisRow(w, s.msgid))!.his_status).toBe('pending');
    const queriesBefore = requests(w, '5203');
    const again = await repair(w, [s.msgid], { centerOnly: 'cancel' });
    expect(requests(w, '5203')).toBe(queriesBefore + 1);
    // The journal kept the 2208's answer: the HIS books the original as cancelled and the refund row, no second 2208.
    expect(again.results[0]).toMatchObject({ outcome: 'done', repair: 'record_cancel', center: null });
    expect(requests(w, '2208')).toBe(1);
    await expectCancellationBooked(w, s.msgid);
    expect((await detect(w)).findings).toEqual([]);
    // The next reconciliation agrees: the day of the settlement and of its cancellation balance.
    const { runReconcile, parseReconcileRules } = await import('../../../src/core/reconcile/index.js');
    const { formatDate } = await import('../../../src/core/center/index.js');
    const day = formatDate(new Date(), 480);
    const rec = await runReconcile(
      {
        db: w.his,
        profile: w.profile,
        center: w.center,
        journal: w.journal,
        runId: 'after-kill',
        fixmedins_code: w.config.fixmedins_code,
        now: () => new Date(),
      },
      { rules: parseReconcileRules(undefined, { setl_optins: '430100' }), from: day, to: day, today: day },
    );
    expect(rec.findings.map((f) => `${f.kind}/${f.cause}`)).toEqual([]);
    expect(rec.status).toBe('balanced');
  });
});
