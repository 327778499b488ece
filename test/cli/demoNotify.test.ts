/**
 * `hisops demo --notify webhook`: what the reconciliation leaves after the repairs reaches a local
 * receiver over real HTTP, in the shape a cron run of `hisops reconcile --notify` sends.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/main.js';

let receiver: http.Server;
let base = '';
const got: Array<{ path: string; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      got.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describe('hisops demo --notify', () => {
  it('sends the findings left after the repairs to a local webhook, and exits 0', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-notify-'));
    const io = memoryIo({ cwd, env: { HISOPS_NOTIFY_WEBHOOK_URL: `${base}/hook` } });
    expect(await main(['demo', '--notify', 'webhook', '--lang', 'zh-CN'], io), io.err()).toBe(0);
    expect(got).toHaveLength(1);
    const body = got[0]!.body;
    expect(got[0]!.path).toBe('/hook');
    expect(body).toMatchObject({ source: 'hisops', event: 'findings', job: 'reconcile', exit_code: 3 });
    // The five the demo leaves for a person: one center-only, one duplicate, one cross-midnight, two amounts.
    expect(body['counts']).toEqual({ center_only: 1, center_duplicate: 1, cross_midnight: 1, amount_mismatch: 2 });
    expect(String(body['summary'])).toContain('单边账');
    fs.rmSync(cwd, { recursive: true, force: true });
  }, 240_000);
});
