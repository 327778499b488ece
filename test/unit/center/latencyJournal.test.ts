/** hisops_center_latency keeps a year and a little: older rows go the first time a process writes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CENTER_LATENCY_TABLE,
  LATENCY_KEEP_DAYS,
  LatencyJournal,
  loadLatency,
} from '../../../src/core/center/client/latencyJournal.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';

let journal: Journal | undefined;
afterEach(async () => journal?.close());

const row = (at: string) => ({
  at,
  infno: '9001',
  fixmedins_code: 'H43010000001',
  run_id: null,
  duration_ms: 120,
  status: 'ok',
  code: null,
});

describe('LatencyJournal', () => {
  it(`drops rows older than ${LATENCY_KEEP_DAYS} days and keeps the rest`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-latency-'));
    journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    await journal.ensure(CENTER_LATENCY_TABLE);
    await journal
      .knex(CENTER_LATENCY_TABLE.name)
      .insert([row('2024-01-01T00:00:00.000Z'), row('2025-12-01T00:00:00.000Z')]);
    await new LatencyJournal(journal).note(row('2026-12-06T00:00:00.000Z'));
    const left = await loadLatency(journal, { since: '2000-01-01', until: '2100-01-01' });
    expect(left.map((r) => r.at)).toEqual(['2025-12-01T00:00:00.000Z', '2026-12-06T00:00:00.000Z']);
  });
});
