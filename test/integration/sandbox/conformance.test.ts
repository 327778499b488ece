/**
 * The interface test end to end: `hisops center serve --conformance report.html` in-process,
 * good and bad messages over HTTP, then the report files — the HTML names the violation, the JSON
 * lists it under its transaction — and exit 3 for a run with violations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerCenter } from '../../../src/commands/center.js';
import { buildProgram } from '../../../src/main.js';
import { sandboxRoster } from '../../../src/core/center/sandbox/index.js';
import { envelope, post, postRaw, settleInput, signIn } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-conformance-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], lang: string, during: (err: () => string) => Promise<void>) {
  const io = memoryIo({ cwd: dir, env: { HISOPS_LANG: lang } });
  const { program, app } = await buildProgram(io, argv);
  if (!program.commands.some((c) => c.name() === 'center')) registerCenter(program, app);
  const done = program.parseAsync(argv, { from: 'user' }).then(() => app.exitCode);
  await during(io.err);
  const code = await done;
  return { code, out: io.out(), err: io.err() };
}

async function waitForUrl(err: () => string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(err());
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no start line: ${err()}`);
}

describe('hisops center serve --conformance', () => {
  it('checks every message and writes the report in HTML and JSON, per transaction', async () => {
    const person = sandboxRoster(5).find((x) => x.insutype === '310')!;
    const p = { psn_no: person.psn_no, certno: person.certno, insutype: person.insutype };
    const r = await run(
      [
        'center',
        'serve',
        '--port',
        '0',
        '--for',
        '3',
        '--utc-offset',
        '0',
        '--data',
        'c.db',
        '--conformance',
        'out/接口测试.html',
        '--lenient-visits',
        '--json',
      ],
      'zh-CN',
      async (err) => {
        const url = await waitForUrl(err);
        const sign_no = await signIn(url);
        // A good settlement, with fee lines that add up.
        const good = settleInput(p);
        const mdtrt_id = (good.data as { mdtrt_id: string }).mdtrt_id;
        await post(
          url,
          envelope(
            '2204',
            { feedetail: [{ mdtrt_id, chrg_bchno: 'B001', cnt: 2, pric: 100, det_item_fee_sumamt: '200.00' }] },
            sign_no,
          ),
        );
        expect((await post(url, envelope('2207', good, sign_no))).body.infcode).toBe(0);
        // A settlement whose total differs from its uploaded lines: the sandbox cannot know, the test can.
        const other = settleInput(p);
        const mdtrt2 = (other.data as { mdtrt_id: string }).mdtrt_id;
        await post(
          url,
          envelope(
            '2204',
            { feedetail: [{ mdtrt_id: mdtrt2, chrg_bchno: 'B001', cnt: 1, pric: 150, det_item_fee_sumamt: '150.00' }] },
            sign_no,
          ),
        );
        await post(url, envelope('2207', other, sign_no));
        // A bad code, and a 1101 from a HIS whose clock runs in UTC.
        await post(
          url,
          envelope('2207', settleInput(p, { insutype: '999' }), sign_no, { cainfo: 'SECRET-CA-SIGNATURE' }),
        );
        const utc = envelope(
          '1101',
          { data: { mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01', certno: person.certno } },
          sign_no,
        );
        utc.inf_time = String(utc.inf_time).replace(
          / (\d\d)/,
          (_, h: string) => ` ${String((Number(h) + 16) % 24).padStart(2, '0')}`,
        );
        await post(url, utc);
        // A body that is no envelope at all (an upgrade that changed the HTTP client).
        await postRaw(url, JSON.stringify(settleInput(p)), { 'content-type': 'text/plain' });
        // The report exists while the sandbox runs (rewritten as messages arrive).
        for (
          let i = 0;
          i < 100 && !fs.readFileSync(path.join(dir, 'out/接口测试.json'), 'utf8').includes('"2207"');
          i++
        )
          await new Promise((res) => setTimeout(res, 50));
        expect(fs.readFileSync(path.join(dir, 'out/接口测试.json'), 'utf8')).toContain('"2207"');
      },
    );
    expect(r.code, r.err).toBe(3);
    const doc = JSON.parse(r.out);
    expect(doc.data.conformance).toMatchObject({ report: path.join('out', '接口测试.html'), messages: 8 });
    // The envelopes are built on the host's clock, which this sandbox (--utc-offset 0) shares.

    const report = JSON.parse(fs.readFileSync(path.join(dir, 'out/接口测试.json'), 'utf8'));
    const t2207 = report.transactions.find((t: { infno: string }) => t.infno === '2207');
    expect(t2207).toMatchObject({
      messages: 3,
      violating: 2,
      by_path: { 'input.data.medfee_sumamt': 1, 'input.data.insutype': 1 },
    });
    expect(
      t2207.offending.flatMap((o: { violations: { kind: string }[] }) => o.violations.map((v) => v.kind)).sort(),
    ).toEqual(['code', 'sum']);
    const t1101 = report.transactions.find((t: { infno: string }) => t.infno === '1101');
    expect(t1101.offending[0].violations.map((v: { path: string; kind: string }) => `${v.kind} ${v.path}`)).toContain(
      'clock inf_time',
    );
    expect(report.transactions.find((t: { infno: string }) => t.infno === '9001')).toMatchObject({
      messages: 1,
      violating: 0,
    });
    // 2204 is checked against its field table (the test's lines carry only what the sums need); its sums are right.
    const t2204 = report.transactions.find((t: { infno: string }) => t.infno === '2204');
    expect(t2204.messages).toBe(2);
    expect(
      t2204.offending
        .flatMap((o: { violations: { kind: string }[] }) => o.violations.map((v) => v.kind))
        .filter((k: string) => k === 'sum'),
    ).toEqual([]);
    expect(doc.data.conformance.violating).toBe(4 + t2204.violating);
    const transport = report.transactions.find((t: { infno: string }) => t.infno === '?');
    expect(transport.offending[0].violations[0]).toMatchObject({
      kind: 'transport',
      message: expect.stringContaining('Content-Type'),
    });

    const html = fs.readFileSync(path.join(dir, 'out/接口测试.html'), 'utf8');
    expect(html).toContain('接口测试报告');
    expect(html).toContain('代码值不在代码表中：input.data.insutype');
    expect(html).toContain('金额不平：input.data.medfee_sumamt');
    expect(html).toContain('is not a known insutype code');
    expect(html).not.toContain('SECRET-CA-SIGNATURE');
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['接口测试.html', '接口测试.json']);
  });

  it('writes an empty report in English when nothing arrives, and exits 0', async () => {
    const r = await run(
      ['center', 'serve', '--port', '0', '--for', '1', '--data', 'c2.db', '--conformance', 'empty.html'],
      'en',
      async (err) => {
        await waitForUrl(err);
      },
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('interface test: 0 messages, 0 with violations');
    expect(fs.readFileSync(path.join(dir, 'empty.html'), 'utf8')).toContain('No message received yet');
  });
});
