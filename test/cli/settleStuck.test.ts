/**
 * `hisops settle stuck | reverse | log` in-process against the sandbox and a SQLite HIS: exit
 * codes, the plan, consent, bad ids, apply, and the audit trail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { openCenter } from '../../src/core/center/index.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { connect, type Db } from '../../src/core/db/index.js';
import { loadReferenceSchema } from '../../src/core/his/index.js';
import { openJournal } from '../../src/core/journal/index.js';
import { settleAtCashier, type CashierResult } from '../../src/core/settle/index.js';
import { runCommands } from '../helpers/runCommands.js';
import { centerConfig } from '../integration/settle/centerConfig.js';
import { PERSONS } from '../integration/settle/helpers.js';

let dir: string;
let sb: Sandbox;
let his: Db;
let timedOut: CashierResult;
let unanswered: CashierResult;

/** main() in-process (settle.ts registers the command on the settle group). */
async function run(argv: string[]) {
  const r = await runCommands(memoryIo({ cwd: dir, env: {}, now: () => new Date(Date.now() + 2000) }), argv, {});
  return { ...r, json: () => JSON.parse(r.out) };
}

const count = (infno: string) => sb.stats().byInfno[infno]?.requests ?? 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-cli-stuck-'));
  sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db') });
  his = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  await loadReferenceSchema(his);
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    [
      'journal:',
      '  url: sqlite:journal.db',
      'institutions:',
      '  - name: main',
      '    fixmedins_code: H43010000001',
      '    fixmedins_name: 示例医院',
      '    his:',
      '      url: sqlite:his.db',
      '      profile: builtin:reference',
      '    center:',
      `      url: ${sb.url}`,
      '      opter: "op09"',
      '      opter_name: "信息科丙"',
      'stuck:',
      '  concurrency: 2',
      '',
    ].join('\n'),
  );
  const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  const center = openCenter(centerConfig(sb.url), { journal });
  try {
    sb.setFaults('2207:timeout');
    timedOut = await settleAtCashier(center, his, { person: PERSONS[0]!, medfee_sumamt: '120.00' });
    sb.setFaults('');
    unanswered = await settleAtCashier(center, his, { person: PERSONS[1]!, medfee_sumamt: '80.00' });
    // The HIS never stored this answer.
    await his
      .knex('his_settlement')
      .where({ msgid: unanswered.msgid })
      .update({ his_status: 'pending', setl_id: null, setl_time: null });
  } finally {
    await center.close();
    await journal.close();
  }
});

afterAll(async () => {
  await his.close();
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hisops settle stuck', () => {
  it('lists the stuck settlements with their class and exits 3', async () => {
    const r = await run(['settle', 'stuck', '--older-than', '0', '--json']);
    expect(r.code).toBe(3);
    const doc = r.json();
    expect(doc.command).toBe('settle stuck');
    const byId = Object.fromEntries(
      doc.data.findings.map((f: { id: string; classification: string }) => [f.id, f.classification]),
    );
    expect(byId).toEqual({ [timedOut.msgid]: 'unconfirmed', [unanswered.msgid]: 'center_only' });
    expect(doc.data.concurrency).toBe(2);
    expect(doc.data.timings.center_queries).toBe(2);
    const f = doc.data.findings.find((x: { id: string }) => x.id === unanswered.msgid);
    expect(f.evidence.center).toMatchObject({ state: 'settled', via: '5203' });
    expect(f.evidence.client_journal).toMatchObject({ status: 'ok' });
  });

  it('prints a table for people', async () => {
    const r = await run(['settle', 'stuck', '--older-than', '0']);
    expect(r.code).toBe(3);
    expect(r.out).toContain(timedOut.msgid);
    expect(r.out).toContain('center_only');
    expect(r.out).toMatch(/2 stuck settlement/);
  });

  it("exits 5 with the center's error when the center cannot be reached (not 3 with every state unknown)", async () => {
    const cfg = fs
      .readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')
      .replace(`url: ${sb.url}`, 'url: http://127.0.0.1:9');
    fs.writeFileSync(path.join(dir, 'hisops-down.yaml'), cfg);
    const r = await run(['settle', 'stuck', '--older-than', '0', '--config', 'hisops-down.yaml', '--json']);
    expect(r.code).toBe(5);
    const doc = r.json();
    expect(doc.ok).toBe(false);
    expect(doc.error).toMatchObject({ code: 'CENTER_UNREACHABLE', fix: expect.any(String) });
  });

  it('honours --older-than (nothing is older than an hour) and refuses a bad date', async () => {
    expect((await run(['settle', 'stuck', '--older-than', '1h'])).code).toBe(0);
    const bad = await run(['settle', 'stuck', '--from', '2026-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('yyyy-MM-dd');
  });
});

describe('hisops settle reverse', () => {
  it('plans by default: each center call and each HIS change, nothing sent', async () => {
    const before = count('2601') + count('2208');
    const r = await run(['settle', 'reverse', '--all', '--older-than', '0', '--center-only', 'cancel']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`center 2601 冲正 psn_no=`);
    expect(r.out).toContain(`omsgid=${timedOut.msgid}`);
    expect(r.out).toContain('center 2208 门诊结算撤销');
    expect(r.out).toContain('HIS mark_settlement_void');
    expect(r.out).toContain('--apply');
    expect(count('2601') + count('2208')).toBe(before);
  });

  it('needs --yes to apply when nobody can answer (exit 4), before anything is sent', async () => {
    const before = count('2601') + count('5203');
    const r = await run(['settle', 'reverse', '--all', '--older-than', '0', '--apply']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('--yes');
    expect(count('2601') + count('5203')).toBe(before);
  });

  it('refuses ids that match nothing, with the reason (exit 2)', async () => {
    const r = await run(['settle', 'reverse', 'H43010000001209901010000000000', '--older-than', '0', '--json']);
    expect(r.code).toBe(2);
    const doc = r.json();
    expect(doc.error.code).toBe('STUCK_IDS');
    expect(doc.error.details.issues[0]).toMatchObject({ reason: 'no_match' });
    expect((await run(['settle', 'reverse', '--older-than', '0'])).code).toBe(2);
    expect((await run(['settle', 'reverse', '--all', '--center-only', 'maybe'])).code).toBe(2);
  });

  it('applies with --yes: completes one, reverses the other; then nothing is stuck', async () => {
    const r = await run(['settle', 'reverse', '--all', '--older-than', '0', '--apply', '--yes', '--json']);
    expect(r.code).toBe(0);
    const res = r.json().data.results as Array<{ id: string; outcome: string; repair: string }>;
    expect(Object.fromEntries(res.map((x) => [x.id, `${x.repair}:${x.outcome}`]))).toEqual({
      [timedOut.msgid]: 'reverse:done',
      [unanswered.msgid]: 'complete:done',
    });
    expect((await his.knex('his_settlement').where({ msgid: unanswered.msgid }).first()).his_status).toBe('settled');
    expect((await his.knex('his_settlement').where({ msgid: timedOut.msgid }).first()).his_status).toBe('void');
    expect((await run(['settle', 'stuck', '--older-than', '0'])).code).toBe(0);
    const again = await run(['settle', 'reverse', timedOut.msgid, '--older-than', '0']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already repaired/);
  });
});

describe('hisops settle log', () => {
  it('shows who, when, what the center answered and what changed in the HIS', async () => {
    const r = await run(['settle', 'log', '--id', timedOut.msgid]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('op09');
    expect(r.out).toContain('center 2601');
    expect(r.out).toMatch(/void: reversed at the center/);
    const j = (await run(['settle', 'log', '--json'])).json();
    const steps = j.data.actions.map(
      (a: { item_id: string; step: string; status: string }) => `${a.item_id}:${a.step}:${a.status}`,
    );
    expect(steps).toEqual(
      expect.arrayContaining([
        `${timedOut.msgid}:center:done`,
        `${unanswered.msgid}:his:done`,
        `${unanswered.msgid}:item:done`,
      ]),
    );
    expect(j.data.actions.every((a: { opter: string }) => a.opter === 'op09')).toBe(true);
    expect((await run(['settle', 'log', '--id', 'nothing-here'])).out).toMatch(/No repairs recorded/);
  });
});
