/**
 * center.utcOffsetMinutes: on a host whose clock runs in UTC, inf_time, msgids and doctor's clock
 * check follow the center's clock (China time by default), per institution; a skew of whole hours
 * is answered with the setting to change, not with NTP. Runs `hisops doctor` through main()
 * against a small local center over real HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { memoryIo } from '../../../src/cli/io.js';
import { Center } from '../../../src/core/center/index.js';
import { skewAdvice } from '../../../src/commands/setupDoctor.js';
import { baseConfig, startFakeCenter, type FakeCenter, type Received } from './helpers.js';

const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC'; // the host clock runs in UTC, as on many servers and containers
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const p = (n: number) => String(n).padStart(2, '0');
/** `yyyy-MM-dd HH:mm:ss` of an instant in a zone `offset` minutes east of UTC. */
function at(ms: number, offset: number): string {
  const t = new Date(ms + offset * 60_000);
  return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}
/** Epoch ms of a `yyyy-MM-dd HH:mm:ss` read in a zone `offset` minutes east of UTC. */
function epoch(s: string, offset: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s)!;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - offset * 60_000;
}

/** A center whose clock runs in China time, shifted by `shiftS` seconds. */
async function chinaCenter(shiftS = 0): Promise<FakeCenter> {
  const f = await startFakeCenter((r: Received) => ({
    json: {
      infcode: 0,
      inf_refmsgid: '430000202401010800000000000001',
      err_msg: null,
      output:
        r.infno === '9001'
          ? {
              signinoutb: { sign_time: at(Date.now() + shiftS * 1000, 480), sign_no: '430100202401010800000000000001' },
            }
          : {},
    },
  }));
  cleanups.push(() => f.close());
  return f;
}

function workdir(yaml?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-utcoffset-'));
  if (yaml) fs.writeFileSync(path.join(dir, 'hisops.yaml'), yaml);
  return dir;
}

async function doctor(dir: string, env: Record<string, string>, extra: string[] = []) {
  const io = memoryIo({ cwd: dir, env });
  const code = await main(['doctor', '--json', ...extra], io);
  const doc = JSON.parse(io.out());
  const center = doc.data.checks.find((c: { check: string }) => c.check === 'center');
  return { code, center: center as { ok: boolean; detail: string; fix?: string; code?: string } };
}

describe('center.utcOffsetMinutes', () => {
  it('the client stamps inf_time and msgid in China time when told 480, on a UTC host clock', async () => {
    const f = await chinaCenter();
    const now = Date.UTC(2024, 2, 1, 17, 2, 3); // 01:02:03 on 2 March in China
    const c = new Center(baseConfig(f.url, { utcOffsetMinutes: 480 }), { clock: () => new Date(now) });
    cleanups.push(() => c.close());
    await c.signIn();
    const body = f.received[0]!.body!;
    expect(body.inf_time).toBe('2024-03-02 01:02:03');
    expect(String(body.msgid).slice(12, 26)).toBe('20240302010203');
  });

  it('by default (480) hisops stamps China time and doctor finds no skew against a China-time center', async () => {
    const f = await chinaCenter();
    const before = Date.now();
    const r = await doctor(workdir(), { HISOPS_CENTER_URL: f.url });
    const after = Date.now();
    expect(r.center.ok, JSON.stringify(r.center)).toBe(true);
    expect(r.center.detail).toMatch(/clock skew [0-2] s/);
    const env = f.received[0]!.body!;
    const sent = epoch(String(env.inf_time), 480);
    expect(sent).toBeGreaterThanOrEqual(before - 1000);
    expect(sent).toBeLessThanOrEqual(after + 1000);
    const stamp = String(env.msgid).slice(12, 26);
    expect(stamp).toBe(String(env.inf_time).replace(/\D/g, ''));
  });

  it('per institution: an institution set to 0 is told to set 480, not to run NTP', async () => {
    const f = await chinaCenter();
    const dir = workdir(
      `institutions:\n  - name: main\n    fixmedins_code: H43010000001\n    center:\n      url: ${f.url}\n  - name: east\n    fixmedins_code: H43010000002\n    center:\n      url: ${f.url}\n      utcOffsetMinutes: 0\n`,
    );
    const main_ = await doctor(dir, {});
    expect(main_.center.ok, JSON.stringify(main_.center)).toBe(true);
    const east = await doctor(dir, {}, ['--institution', 'east']);
    expect(east.center.ok).toBe(false);
    expect(east.center.code).toBe('CENTER_UTC_OFFSET');
    expect(east.center.fix).toContain('set center.utcOffsetMinutes to 480');
    expect(east.center.fix).not.toContain('NTP');
    expect(east.center.detail).toMatch(/clock skew 28[78]\d\d s/);
    const eastCall = f.received.find((r) => String(r.body?.msgid).startsWith('H43010000002'))!;
    expect(Math.abs(epoch(String(eastCall.body!.inf_time), 0) - Date.now())).toBeLessThan(60_000);
  });

  it('a skew that is not whole hours is still a clock to synchronise', async () => {
    const f = await chinaCenter(500);
    const r = await doctor(workdir(), { HISOPS_CENTER_URL: f.url });
    expect(r.center.ok).toBe(false);
    expect(r.center.code).toBe('CLOCK_SKEW');
    expect(r.center.fix).toContain('NTP');
  });

  it('skewAdvice: 28,797 s from a UTC setting names 480; -3 h from 480 names 300', () => {
    expect(skewAdvice(28_797, 0)).toMatchObject({ code: 'CENTER_UTC_OFFSET' });
    expect(skewAdvice(28_797, 0).fix).toContain('set center.utcOffsetMinutes to 480');
    expect(skewAdvice(-10_800, 480).fix).toContain('set center.utcOffsetMinutes to 300');
    expect(skewAdvice(1_900, 480).code).toBe('CLOCK_SKEW');
  });

  it('an offset beyond UTC+14 is refused with the key named', async () => {
    const f = await chinaCenter();
    const r = await doctor(workdir(), { HISOPS_CENTER_URL: f.url, HISOPS_CENTER_UTC_OFFSET_MINUTES: '900' });
    expect(r.center.ok).toBe(false);
    expect(`${r.center.detail} ${r.center.fix}`).toContain('center.utcOffsetMinutes');
    expect(f.received).toHaveLength(0);
  });
});
