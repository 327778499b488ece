/**
 * Each fault kind over real HTTP, what it leaves in the ledger, and reproducibility with a seed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxRoster, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { call, envelope, openSandbox, post, settleInput } from './helpers.js';

const person = sandboxRoster(3)[0]!;
const q1101 = () => ({ data: { mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' } });
let open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

async function sandbox(faults: string, seed = 7) {
  const r = await openSandbox({ faults, seed });
  open.push(r.sb);
  return r;
}

describe('fault kinds', () => {
  it('latency delays the answer of the named transaction only', async () => {
    const { sb, sign_no } = await sandbox('1101:latency=150ms');
    const t0 = Date.now();
    expect((await post(sb.url, envelope('1101', q1101(), sign_no))).body.infcode).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
    expect(sb.stats().faults.latency).toBe(1);
    // The other transaction is not delayed: the sandbox counts each delay it adds (no wall clock
    // here: a loaded machine may take 140 ms to answer anything).
    await call(sb.url, envelope('9001', { signIn: { opter_no: 'x', ip: '1.1.1.1' } }));
    expect(sb.stats().faults.latency).toBe(1);
  });

  it('error answers infcode -1 with the given message and commits nothing', async () => {
    const { sb, sign_no } = await sandbox('2207:error=系统维护中@1');
    const a = await post(sb.url, envelope('2207', settleInput(person), sign_no));
    expect(a.body).toMatchObject({ infcode: -1, err_msg: '系统维护中', output: null });
    expect(sb.ledger.listSettlements()).toHaveLength(0);
  });

  it('reset drops the connection without an answer', async () => {
    const { sb, sign_no } = await sandbox('1101:reset');
    await expect(post(sb.url, envelope('1101', q1101(), sign_no))).rejects.toThrow(/fetch failed/);
    expect(sb.stats().faults.reset).toBe(1);
  });

  it('gateway answers an HTTP error with a non-envelope body', async () => {
    const { sb, sign_no } = await sandbox('5203:gateway=502');
    const a = await post(sb.url, envelope('5203', { data: { psn_no: person.psn_no, setl_id: 'X' } }, sign_no));
    expect(a.status).toBe(502);
    expect(a.body.infcode).toBeUndefined();
    expect(a.body).toMatchObject({ success: false, code: 500159 });
  });

  it('timeout holds the socket and commits nothing', async () => {
    const { sb, sign_no } = await sandbox('2207:timeout');
    const env = envelope('2207', settleInput(person), sign_no);
    await expect(
      fetch(sb.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(env),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/aborted|timeout/i);
    expect(sb.ledger.settlementsByMsgid(String(env.msgid))).toHaveLength(0);
  });

  it('timeout-after-commit settles at the center while the client gets no answer; 2601 then reverses it', async () => {
    const { sb, sign_no } = await sandbox('2207:timeout-after-commit');
    const env = envelope('2207', settleInput(person), sign_no);
    const t0 = Date.now();
    await expect(
      fetch(sb.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(env),
        signal: AbortSignal.timeout(400),
      }),
    ).rejects.toThrow(/aborted|timeout/i);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    const rows = sb.ledger.settlementsByMsgid(String(env.msgid));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('settled');
    await call(
      sb.url,
      envelope('2601', { data: { psn_no: person.psn_no, omsgid: env.msgid, oinfno: '2207' } }, sign_no),
    );
    expect(sb.ledger.getSettlement(rows[0]!.setl_id)!.status).toBe('reversed');
  });

  it('timeout-after-commit=reset commits, then destroys the socket at once', async () => {
    const { sb, sign_no } = await sandbox('2207:timeout-after-commit=reset');
    const env = envelope('2207', settleInput(person), sign_no);
    await expect(post(sb.url, env)).rejects.toThrow(/fetch failed/);
    expect(sb.ledger.settlementsByMsgid(String(env.msgid))).toHaveLength(1);
  });

  it('a prefix rule reaches the batch variants; rules can change while running', async () => {
    const { sb, sign_no } = await sandbox('35*:error=busy');
    const a = await post(sb.url, envelope('3505A', { selinfoDetail: [] }, sign_no));
    expect(a.body.err_msg).toBe('busy');
    sb.setFaults('');
    const b = await post(sb.url, envelope('3505A', { selinfoDetail: [] }, sign_no));
    expect(b.body.err_msg).toMatch(/selinfoDetail must not be empty/);
  });

  it('close() releases held connections', async () => {
    const { sb, sign_no } = await sandbox('1101:timeout');
    const pending = post(sb.url, envelope('1101', q1101(), sign_no)).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 100));
    await sb.close();
    open = open.filter((s) => s !== sb);
    expect(await pending).toBe('dropped');
  });
});

describe('reproducibility', () => {
  async function outcomes(seed: number, n = 40): Promise<string> {
    const { sb, sign_no } = await sandbox('1101:error@0.5,*:latency=0..3ms@0.5', seed);
    let s = '';
    for (let i = 0; i < n; i++)
      s += (await post(sb.url, envelope('1101', q1101(), sign_no))).body.infcode === 0 ? '.' : 'E';
    return s;
  }
  it('the same seed and the same requests give the same faults; another seed gives others', async () => {
    const a = await outcomes(42);
    const b = await outcomes(42);
    const c = await outcomes(43);
    expect(a).toBe(b);
    expect(a).toMatch(/E/);
    expect(a).toMatch(/\./);
    expect(c).not.toBe(a);
  });
});
