/**
 * `hisops center watch` against the sandbox over real HTTP: latency faults raise a "slow" alert
 * that clears once they are removed, a refusing 9001 raises a "failing" alert; each reaches a
 * local webhook receiver through the notify rules. `hisops center stats` then reads the latency
 * journal those calls left, per hour and infno.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { main } from '../../src/main.js';

let dir: string;
let sb: Sandbox;
let receiver: http.Server;
let base: string;
const got: any[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      got.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-watch-'));
  sb = await startSandbox({ dataFile: path.join(dir, 'center.db') });
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:
  url: sqlite:journal.db
institutions:
  - name: east
    fixmedins_code: H43010000001
    fixmedins_name: 东院
    center:
      url: ${sb.url}
      opter: "op01"
notify:
  quietHours: "00:00-00:00"
  rules:
    center watch: { on: [findings, recovered] }
watch:
  p95Ms: 300
  failures: 2
  window: 300ms
`,
  );
});

afterAll(async () => {
  await sb.close();
  await new Promise((r) => receiver.close(r));
});

async function hisops(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { CI: 'true', HISOPS_NOTIFY_WEBHOOK_URL: `${base}/webhook` } });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('center watch', () => {
  it('alerts when the center is slow, once when it recovers, and when sign-in keeps failing', async () => {
    sb.setFaults('*:latency=400ms');
    const timers = [setTimeout(() => sb.setFaults(''), 1300), setTimeout(() => sb.setFaults('9001:error'), 2100)];
    const r = await hisops(['center', 'watch', '--every', '100ms', '--for', '2800ms', '--json']);
    timers.forEach(clearTimeout);
    sb.setFaults('');
    expect(r.code, r.err).toBe(3);
    const env = JSON.parse(r.out);
    expect(env.data.events.map((e: any) => `${e.event}:${e.findings.map((f: any) => f.kind).join()}`)).toEqual([
      'alert:center_slow',
      'recovered:',
      'alert:center_failing',
    ]);
    expect(env.data.failed_rounds).toBeGreaterThanOrEqual(2);
    const sent = got.map((m) => `${m.event}:${m.job}`);
    expect(sent).toEqual(['findings:center watch', 'recovered:center watch', 'findings:center watch']);
    expect(got[0].top_findings[0]).toContain('center_slow');
    expect(got[2].top_findings[0]).toContain('center_failing');
  }, 15_000);

  it('center stats shows percentiles per hour and infno from every call kept in the journal', async () => {
    const r = await hisops(['center', 'stats', '--json']);
    expect(r.code, r.err).toBe(0);
    const hours = JSON.parse(r.out).data.hours as any[];
    const sign = hours.filter((h) => h.infno === '9001');
    const query = hours.filter((h) => h.infno === '5203');
    // The refusing 9001 answered (refused); the watch still counted those rounds as failed.
    expect(sign.reduce((s, h) => s + h.refused, 0)).toBeGreaterThanOrEqual(2);
    expect(query.reduce((s, h) => s + h.count, 0)).toBeGreaterThan(0);
    // The made-up settlement is refused: the center answered, which is not a failure of the center.
    expect(query.reduce((s, h) => s + h.refused, 0)).toBeGreaterThan(0);
    // The slow rounds put p99 of the probes above the injected 400 ms; the median stays below it.
    expect(Math.max(...sign.map((h) => h.p99_ms))).toBeGreaterThanOrEqual(400);
    expect(hours[0].hour).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00$/);
    const human = await hisops(['center', 'stats', '--lang', 'zh-CN']);
    expect(human.out).toContain('p95 ms');
    expect(human.out).toContain('调用数');
  });

  it('rejects a malformed --every and --from with exit 2', async () => {
    expect((await hisops(['center', 'watch', '--every', 'soon'])).code).toBe(2);
    const r = await hisops(['center', 'stats', '--from', '04/03/2026', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('STATS_PERIOD');
  });
});
