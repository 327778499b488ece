/**
 * center.tlsCa: a private center whose certificate is signed by its own CA. Without the setting the
 * certificate is refused (CENTER_TLS); with it the center client trusts that CA, verification on.
 * The sandbox sits behind a TLS proxy with a certificate from test/fixtures/tls.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { main } from '../../src/main.js';

const fixtures = path.resolve(__dirname, '../fixtures/tls');
let sb: Sandbox;
let proxy: tls.Server;
let url: string;
let dir: string;

beforeAll(async () => {
  sb = await startSandbox({ lenientVisits: true });
  const target = new URL(sb.url);
  proxy = tls.createServer(
    {
      key: fs.readFileSync(path.join(fixtures, 'server.key')),
      cert: fs.readFileSync(path.join(fixtures, 'server.pem')),
    },
    (socket) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  await new Promise<void>((res) => proxy.listen(0, '127.0.0.1', res));
  url = `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-tls-'));
  fs.copyFileSync(path.join(fixtures, 'ca.pem'), path.join(dir, 'private-ca.pem'));
});

afterAll(async () => {
  await new Promise<void>((res) => proxy.close(() => res()));
  await sb.close();
});

async function centerCheck(env: Record<string, string>) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_CENTER_URL: url, HISOPS_JOURNAL_URL: 'sqlite:journal.db', ...env } });
  const code = await main(['doctor', '--json'], io);
  const doc = JSON.parse(io.out());
  return { code, doc, center: doc.data?.checks?.find((c: { check: string }) => c.check === 'center') };
}

describe('center.tlsCa', () => {
  it('refuses a certificate signed by an unknown CA (verification stays on)', async () => {
    const r = await centerCheck({});
    expect(r.center).toMatchObject({ ok: false, code: 'CENTER_TLS' });
    expect(r.center.fix).toContain('center.tlsCa');
  });

  it('trusts the CA named by center.tlsCa', async () => {
    const r = await centerCheck({ HISOPS_CENTER_TLS_CA: 'private-ca.pem' });
    expect(r.center, JSON.stringify(r.doc.data.checks)).toMatchObject({ ok: true });
    expect(r.center.detail).toContain(url);
  });

  it('a tlsCa file that is missing or is no certificate is a setting to correct (exit 2)', async () => {
    fs.writeFileSync(path.join(dir, 'not-a-cert.pem'), 'hello');
    for (const f of ['missing.pem', 'not-a-cert.pem']) {
      const r = await centerCheck({ HISOPS_CENTER_TLS_CA: f });
      expect(r.code).toBe(2);
      expect(r.center).toMatchObject({ ok: false, code: 'CENTER_TLS_CA' });
      expect(r.center.detail).toContain(path.join(dir, f));
    }
  });
});
