/**
 * Parts and days overlap on the wire (the next part's requests leave while the previous one's
 * are still out), yet a code's movements reach the center one after the other: a sale in the
 * first part of a day and its return in the last, a sale at the end of a day, its return first
 * thing the next day and a new sale of the code the day after.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import {
  mappingIndex,
  prefixIndex,
  runUpload,
  traceSettings,
  type TraceSource,
} from '../../../src/core/trace/index.js';
import { code, DRUG, NATIONAL, PREFIX, returnRows, saleRows } from '../../unit/trace/fixtures.js';
import { CODE, centerConfig, tmpDir } from './helpers.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';

type Row = Record<string, unknown>;
const p2 = (n: number) => String(n).padStart(2, '0');
const time = (day: string, sec: number) =>
  `${day} ${p2(Math.floor(sec / 3600))}:${p2(Math.floor(sec / 60) % 60)}:${p2(sec % 60)}`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('overlapping parts and days', () => {
  it('sends every later movement of a code only after the earlier one has its answer', async () => {
    const days = ['2025-03-03', '2025-03-04', '2025-03-05'];
    const rows = new Map<string, Row[]>(days.map((d) => [d, []]));
    let serial = 1;
    // 1,500 filler sales a day (more than one part), each with its own code.
    for (const d of days)
      for (let i = 0; i < 1500; i++)
        rows.get(d)!.push(
          ...saleRows(`F${d.replace(/-/g, '')}${i}`, time(d, 8 * 3600 + i * 10), [code(serial++)], {
            mdtrt_sn: `ZF${i}`,
          }),
        );
    const y = code(900_001);
    const x = code(900_002);
    rows
      .get(days[0]!)!
      .push(...saleRows('SY', time(days[0]!, 60), [y]), ...returnRows('RY', time(days[0]!, 23 * 3600), [y], 'SY'));
    rows.get(days[0]!)!.push(...saleRows('SX', time(days[0]!, 23 * 3600 + 1800), [x]));
    rows.get(days[1]!)!.push(...returnRows('RX', time(days[1]!, 60), [x], 'SX'));
    rows.get(days[2]!)!.push(...saleRows('SX2', time(days[2]!, 60), [x]));
    const source: TraceSource = {
      dispensing: async (day) => rows.get(day) ?? [],
      stock: async () => [],
      prefixes: async () => prefixIndex([{ fixmedins_hilist_id: DRUG, trac_prefix: PREFIX }]),
      mapping: async () =>
        mappingIndex([
          { fixmedins_hilist_id: DRUG, med_list_codg: NATIONAL, begndate: '2020-01-01', enddate: '2099-12-31' },
        ]),
    };
    const events: SandboxEvent[] = [];
    const dir = tmpDir('overlap');
    const sb: Sandbox = await startSandbox({
      lenientVisits: true,
      dataFile: ':memory:',
      faults: '35*:latency=20ms',
      onEvent: (e) => events.push(e),
    });
    const journal: Journal = await openJournal(`sqlite:${dir}/journal.db`);
    close = async () => {
      await sb.close();
      await journal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    const r = await runUpload({
      source,
      journal,
      fixmedins_code: CODE,
      center: centerConfig(sb.url),
      window: { from: days[0]!, to: days[2]! },
      kinds: ['sale', 'return'],
      apply: true,
      settings: traceSettings({ concurrency: 8, rate: 0, batchSize: 25 }),
      runId: 'OVERLAP',
    });
    expect(r.findings).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.pending).toEqual([]);
    expect(r.byKind.find((k) => k.kind === 'sale')!.accepted).toBe(4503);
    expect(r.byKind.find((k) => k.kind === 'return')!.accepted).toBe(2);

    // Which request carried each record, and when the center had it.
    const rowsOut = (await journal.knex('hisops_trace_uploads').select('record_key', 'msgid', 'day')) as Array<{
      record_key: string;
      msgid: string;
      day: string;
    }>;
    const msgidOf = new Map(rowsOut.map((x) => [x.record_key.slice(x.record_key.indexOf(':') + 1), x.msgid]));
    const dayOfMsgid = new Map(rowsOut.map((x) => [x.msgid, x.day]));
    const calls = events.filter((e) => e.infno?.startsWith('35'));
    const at = (id: string) => {
      const e = calls.find((ev) => ev.msgid === msgidOf.get(id))!;
      return { start: e.at.getTime(), end: e.at.getTime() + e.ms };
    };
    for (const [before, after] of [
      ['SY', 'RY'],
      ['SX', 'RX'],
      ['RX', 'SX2'],
    ] as const)
      expect(at(after).start).toBeGreaterThanOrEqual(at(before).end);
    // And the days did overlap: a request of the next day reached the center while one of the day
    // before was still being handled.
    const overlap = calls.some((a) =>
      calls.some(
        (b) => dayOfMsgid.get(b.msgid!)! > dayOfMsgid.get(a.msgid!)! && b.at.getTime() < a.at.getTime() + a.ms,
      ),
    );
    expect(overlap).toBe(true);
  });
});
