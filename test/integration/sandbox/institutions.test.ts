/**
 * The sandbox as a center with registered institutions: only those sign in (the demo's, the
 * ledger's, those it was started with), answers carry every key of the response envelope
 * (enctype included) and refusals keep their whole list within err_msg's 200 characters.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerCenter } from '../../../src/commands/center.js';
import { institutionsOf } from '../../../src/commands/centerServeInput.js';
import { buildProgram } from '../../../src/main.js';
import {
  openLedger,
  startSandbox,
  sandboxRoster,
  type Sandbox,
  type SandboxOptions,
} from '../../../src/core/center/sandbox/index.js';
import { compactInfnos, offeredInfnos, notOfferedMessage } from '../../../src/core/center/sandbox/dispatch.js';
import { fitErrMsg } from '../../../src/core/center/sandbox/service.js';
import { envelope, post, signIn } from './helpers.js';

const open: Sandbox[] = [];
async function sandbox(o: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox({ lenientVisits: true, dataFile: ':memory:', ...o });
  open.push(sb);
  return sb;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

let seq = 0;
/** A 9001 envelope; the msgid is built by hand so that codes the msgid builder refuses (ABC) can be sent. */
const signInEnv = (code: string) => {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  return envelope('9001', { signIn: { opter_no: 'op01', ip: '127.0.0.1', mac: '' } }, '', {
    fixmedins_code: code,
    msgid: `${code}${stamp}${String(seq++ % 10_000).padStart(4, '0')}`,
  });
};

describe('sign-in only for institutions the sandbox knows', () => {
  it('refuses an unknown code, naming it and how to add it', async () => {
    const sb = await sandbox();
    for (const code of ['ABC', 'H43010000002']) {
      const a = await post(sb.url, signInEnv(code));
      expect(a.body.infcode).toBe(-1);
      expect(a.body.err_msg).toBe(
        `机构编号 ${code} 未在本中心登记 (the sandbox does not know institution ${code}: add it with hisops center serve --institution ${code})`,
      );
    }
    expect(sb.ledger.counts().signins).toBe(0);
  });

  it("accepts the demo institution, the ones it was started with, the ledger's own and those the ledger holds", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-sb-inst-'));
    const ledger = openLedger(path.join(dir, 'c.db'), { fixmedins_code: 'H43010000777' });
    ledger.insertSettlement({
      setl_time: '2026-01-05 10:00:00',
      mdtrt_id: 'M1',
      psn_no: sandboxRoster(1)[0]!.psn_no,
      medfee_sumamt: 10,
      fixmedins_code: 'H43010000888',
    });
    try {
      const sb = await sandbox({ ledger, institutions: ['H43010000002'] });
      for (const code of ['H43010000001', 'H43010000002', 'H43010000777', 'H43010000888']) {
        expect(await signIn(sb.url, 'op01', { fixmedins_code: code }), code).toMatch(/^430100\d{24}$/);
      }
      expect((await post(sb.url, signInEnv('H43010000999'))).body.infcode).toBe(-1);
      // Business calls of an unknown institution are refused too, even without sign-in.
      const open = await sandbox({ requireSignIn: false });
      const q = await post(
        open.url,
        envelope('5203', { data: { psn_no: 'P', setl_id: 'S' } }, '', { fixmedins_code: 'H43010000999' }),
      );
      expect(String(q.body.err_msg)).toContain('未在本中心登记');
    } finally {
      ledger.close();
    }
  });
});

describe('the response envelope', () => {
  it('carries enctype (empty: plain JSON) next to cainfo and signtype, on success and on refusal', async () => {
    const sb = await sandbox();
    const ok = await post(sb.url, signInEnv('H43010000001'));
    const no = await post(sb.url, signInEnv('ABC'));
    const lost = await post(sb.url, signInEnv('H43010000001'), '/no/such/path');
    for (const a of [ok, no, lost]) {
      expect(Object.keys(a.body).sort()).toEqual([
        'cainfo',
        'enctype',
        'err_msg',
        'inf_refmsgid',
        'infcode',
        'output',
        'refmsg_time',
        'respond_time',
        'signtype',
        'warn_msg',
      ]);
      expect(a.body.enctype).toBe('');
    }
  });
});

describe('refusals stay whole', () => {
  /** Every infno a compact list names, ranges expanded. */
  function expand(list: string): string[] {
    return list.split(' ').flatMap((x) => {
      const m = /^(\d+)-(\d+)$/.exec(x);
      if (!m) return [x];
      return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => String(Number(m[1]) + i));
    });
  }

  it('"not offered" names every transaction offered, within 200 characters and without a cut', async () => {
    const sb = await sandbox();
    const sign_no = await signIn(sb.url);
    const a = await post(sb.url, envelope('3203', { data: {} }, sign_no));
    const msg = String(a.body.err_msg);
    expect(msg).toBe(notOfferedMessage('3203'));
    expect(Array.from(msg).length).toBeLessThanOrEqual(200);
    expect(msg.endsWith(')')).toBe(true);
    const listed = expand(/offered: (.*)\)$/.exec(msg)![1]!);
    expect([...listed].sort()).toEqual(offeredInfnos());
  });

  it('compactInfnos makes ranges of three or more only', () => {
    expect(compactInfnos(['1301', '1302', '1303', '1305', '2207', '2208', '3501A', '9001'])).toBe(
      '1301-1303 1305 2207 2208 9001 3501A',
    );
  });

  it('a message longer than 200 characters is cut after its last whole item, marked with …', () => {
    const items = Array.from({ length: 30 }, (_, i) => `input.data.field_${i}: required`).join('; ');
    const cut = fitErrMsg(`输入参数校验失败：${items}`);
    expect(Array.from(cut).length).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/field_\d+: required…$/);
    expect(fitErrMsg('短')).toBe('短');
  });
});

describe('hisops center serve --institution', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-center-inst-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is repeatable and each code signs in; others are refused', async () => {
    const argv = [
      'center',
      'serve',
      '--port',
      '0',
      '--for',
      '2',
      '--data',
      'i.db',
      '--institution',
      'H43010000002',
      '--institution=H43010000003',
      '--json',
    ];
    const io = memoryIo({ cwd: dir });
    const { program, app } = await buildProgram(io, argv);
    if (!program.commands.some((c) => c.name() === 'center')) registerCenter(program, app);
    const done = program.parseAsync(argv, { from: 'user' }).then(() => app.exitCode);
    let url = '';
    for (let i = 0; i < 100 && !url; i++) {
      url = /listening on (http:\/\/[^\s]+)/.exec(io.err())?.[1] ?? '';
      if (!url) await new Promise((r) => setTimeout(r, 20));
    }
    expect(url, io.err()).not.toBe('');
    for (const code of ['H43010000001', 'H43010000002', 'H43010000003'])
      expect(await signIn(url, 'op01', { fixmedins_code: code })).toBeTruthy();
    expect((await post(url, signInEnv('H43010000004'))).body.err_msg).toContain('--institution H43010000004');
    expect(await done).toBe(0);
    expect(JSON.parse(io.out()).data.institutions).toEqual(['H43010000002', 'H43010000003']);
  });

  it('institutionsOf reads only the flags after serve and refuses a malformed code', () => {
    expect(
      institutionsOf(['--institution', 'main', 'center', 'serve', '--institution', 'A1,B2', '--institution=A1']),
    ).toEqual(['A1', 'B2']);
    expect(() => institutionsOf(['center', 'serve', '--institution', 'H43 01'])).toThrow(/not an institution code/);
  });
});
