/**
 * `hisops status` counts what waits for people: settlements whose outcome at the center is unknown
 * (the call journal's unresolved 2207/2304 rows) and mappings that end within 30 days with no later
 * period (the catalog store); the metrics file carries those counts as `hisops_pending`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { addDays, dayOf, ensureMappingTables } from '../../src/core/catalog/index.js';
import { CENTER_CALLS_TABLE } from '../../src/core/center/index.js';
import { connect } from '../../src/core/db/index.js';
import { openJournal } from '../../src/core/journal/index.js';
import { main } from '../../src/main.js';

let dir: string;
const now = new Date();

async function hisops(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { CI: 'true' } });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function call(msgid: string, infno: string, status: string) {
  const at = new Date(now.getTime() - 3600_000).toISOString();
  return {
    msgid,
    infno,
    fixmedins_code: 'H43010000001',
    opter: 'op01',
    run_id: 'gone',
    request_digest: 'x',
    request: '{}',
    status,
    created_at: at,
    finished_at: at,
  };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-status-'));
  fs.writeFileSync(path.join(dir, 'ok.txt'), '83025403161264649612\n');
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    'journal:\n  url: sqlite:journal.db\ninstitutions:\n  - name: east\n    fixmedins_code: H43010000001\n    fixmedins_name: 东院\n    catalog:\n      url: sqlite:catalog.db\n',
  );
  const j = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  await j.ensure(CENTER_CALLS_TABLE);
  // Open: an unknown settlement and one left pending by a dead run. Not open: answered, resolved, a query.
  await j
    .knex(CENTER_CALLS_TABLE.name)
    .insert([
      call('M1', '2207', 'unknown'),
      call('M2', '2304', 'pending'),
      call('M3', '2207', 'ok'),
      { ...call('M4', '2207', 'unknown'), resolved_at: now.toISOString(), resolution: 'absent' },
      call('M5', '3301', 'unknown'),
    ]);
  await j.close();
  const cat = await connect(`sqlite:${path.join(dir, 'catalog.db')}`, { create: true });
  await ensureMappingTables(cat);
  const today = dayOf(now);
  const m = (id: string, begndate: string, enddate: string | null) => ({
    fixmedins_hilist_id: id,
    begndate,
    enddate,
    list_type: '101',
    med_list_codg: `X${id}`,
  });
  await cat.knex('hisops_mapping').insert([
    m('A', '2024-01-01', addDays(today, 10)), // ends soon, nothing after: counted
    m('B', '2024-01-01', addDays(today, 10)), // ends soon, but a later period takes over
    m('B', addDays(today, 11), null),
    m('C', '2024-01-01', addDays(today, 60)), // ends later
    m('D', '2024-01-01', addDays(today, -5)), // already ended
    m('E', '2024-01-01', '2099-12-31'), // open
  ]);
  await cat.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('status: open stuck settlements, expiring mappings, pending counts in the metrics file', () => {
  it('counts them and the metrics file carries them', async () => {
    const st = await hisops(['status', '--json']);
    expect(st.code, st.err).toBe(0);
    expect(JSON.parse(st.out).data.pending).toEqual({
      institution: 'east',
      trace_pending: 0,
      trace_rejected: 0,
      trace_held: 0,
      stuck_open: 2,
      mappings_expiring: 1,
    });
    const zh = await hisops(['--lang', 'zh-CN', 'status']);
    expect(zh.out).toContain('30 天内到期');
    const job = await hisops(['trace', 'check', 'ok.txt', '--metrics-file', 'hisops.prom']);
    expect(job.code, job.err).toBe(0);
    const prom = fs.readFileSync(path.join(dir, 'hisops.prom'), 'utf8');
    expect(prom).toContain('# TYPE hisops_pending gauge');
    expect(prom).toContain('hisops_pending{institution="east",kind="stuck_open"} 2');
    // Counted by status (the job does not open the catalog store), kept for the file.
    expect(prom).toContain('hisops_pending{institution="east",kind="mappings_expiring"} 1');
    expect(prom).toContain('hisops_pending{institution="east",kind="trace_rejected"} 0');
  });
});
