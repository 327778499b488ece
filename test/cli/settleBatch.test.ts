import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

const root = path.resolve(__dirname, '../..');
const golden = path.join(root, 'test/golden/rules');
const jsonBill = path.join(golden, 'employee-inpatient.bill.json');
const csvBill = path.join(golden, 'resident-child.bill.csv');

async function run(argv: string[], cwd = root, stdin?: string) {
  const io = memoryIo({ cwd, env: {} });
  if (stdin !== undefined) io.stdin = Readable.from([stdin]);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** The data of a single-bill --json run, without the explanation (a batch builds it only with --explain). */
async function alone(file: string) {
  const r = await run(['settle', 'calc', file, '--json']);
  expect(r.code).toBe(0);
  const { explanation: _e, ...data } = JSON.parse(r.out).data;
  return withoutRules(data);
}

function records(out: string) {
  return out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function strip(rec: Record<string, unknown>) {
  const { file: _f, line: _l, ok: _o, explanation: _e, ...data } = rec;
  return withoutRules(data);
}

/** The per-line `rule` is part of the explanation. */
function withoutRules(data: Record<string, unknown>) {
  return { ...data, lines: (data.lines as Record<string, unknown>[]).map(({ rule: _r, ...l }) => l) };
}

/** Bills of the golden employee bill with other persons and quantities, one JSON line each. */
function ndjsonBills(n: number): string[] {
  const base = JSON.parse(fs.readFileSync(jsonBill, 'utf8'));
  return Array.from({ length: n }, (_, i) => {
    const b = structuredClone(base);
    b.person.psn_no = `P${i}`;
    b.lines[0].cnt = 1 + (i % 7);
    return JSON.stringify(b);
  });
}

describe('hisops settle calc over many bills', () => {
  it('settles several files in order, one NDJSON line each, equal to running each bill alone', async () => {
    const r = await run(['settle', 'calc', jsonBill, csvBill, '--json']);
    expect(r.code).toBe(0);
    const recs = records(r.out);
    expect(recs.map((x) => [x.file, x.line, x.ok])).toEqual([
      [path.relative(root, jsonBill), 1, true],
      [path.relative(root, csvBill), 1, true],
    ]);
    expect(strip(recs[0]!)).toEqual(await alone(jsonBill));
    expect(strip(recs[1]!)).toEqual(await alone(csvBill));
    expect(recs[0]!.explanation).toBeNull();
  });

  it('settles every bill file of a folder, sorted by name; a bad bill gives an error line and exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-batch-'));
    fs.copyFileSync(csvBill, path.join(dir, 'a.csv'));
    const bad = JSON.parse(fs.readFileSync(jsonBill, 'utf8'));
    bad.lines[1].chrgitm_lv = '07';
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify(bad, null, 2));
    fs.copyFileSync(jsonBill, path.join(dir, 'c.json'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a bill');
    const r = await run(['settle', 'calc', '.'], dir);
    expect(r.code).toBe(2);
    const recs = records(r.out);
    expect(recs.map((x) => [x.file, x.ok])).toEqual([
      ['a.csv', true],
      ['b.json', false],
      ['c.json', true],
    ]);
    expect(recs[1]).toMatchObject({ code: 'BILL_INVALID', file: 'b.json' });
    expect(recs[1]!.line).toBeGreaterThan(1);
    expect(String(recs[1]!.message)).toContain('chrgitm_lv');
    expect(strip(recs[0]!)).toEqual(await alone(csvBill));
    expect(strip(recs[2]!)).toEqual(await alone(jsonBill));
    expect(r.err).toContain('3 bills: 2 settled');
  });

  it('reads NDJSON bills from stdin (`-`), keeps going after a bad line and names its line', async () => {
    const bills = ndjsonBills(5);
    const lines = [
      bills[0],
      bills[1],
      '{"insutype": "310", oops',
      '',
      bills[2],
      bills[3]!.replace('"cnt":1', '"cnt":"x"'),
      bills[4],
    ];
    const r = await run(['settle', 'calc', '-'], root, lines.join('\n') + '\n');
    expect(r.code).toBe(2);
    const recs = records(r.out);
    expect(recs.map((x) => [x.line, x.ok])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [5, true],
      [6, false],
      [7, true],
    ]);
    expect(recs[2]).toMatchObject({ file: '<stdin>', code: 'BILL_INVALID' });
    expect(recs[4]).toMatchObject({ file: '<stdin>', code: 'BILL_INVALID' });
    expect(String(recs[4]!.message)).toMatch(/<stdin>:6 .*cnt/);
    // Each result equals the same bill settled alone from a file.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-batch-'));
    for (const [i, rec] of [
      [0, recs[0]],
      [4, recs[5]],
    ] as const) {
      const f = path.join(dir, `bill${i}.json`);
      fs.writeFileSync(f, bills[i]!);
      expect(strip(rec!)).toEqual(await alone(f));
    }
  });

  it('numbers stdin lines as readline does: \\r\\n, a lone \\r and \\n are breaks, also across read chunks', async () => {
    const bills = ndjsonBills(4);
    const io = memoryIo({ cwd: root, env: {} });
    // A \r\n split between two reads is one break; a multi-byte character split between reads stays whole.
    const bytes = Buffer.from(
      `${bills[0]}\r\n\n${bills[1]}\r${bills[2]}\n  \n${bills[3]!.replace('"psn_no":"', '"psn_no":"张')}`,
    );
    const at = [bills[0]!.length + 1, bytes.indexOf('张') + 1];
    io.stdin = Readable.from([bytes.subarray(0, at[0]), bytes.subarray(at[0], at[1]), bytes.subarray(at[1])]);
    const code = await main(['settle', 'calc', '-'], io);
    expect(code).toBe(0);
    const recs = records(io.out());
    expect(recs.map((x) => [x.line, x.ok])).toEqual([
      [1, true],
      [3, true],
      [4, true],
      [6, true],
    ]);
  });

  it('writes a Node stream (the binary stdout) the same bytes as text, through backpressure and a line beyond its buffer', async () => {
    const bills = ndjsonBills(40);
    const big = JSON.parse(bills[0]!);
    big.person.psn_no = '张三';
    big.lines = Array.from({ length: 3000 }, (_, i) => ({
      ...big.lines[i % big.lines.length],
      feedetl_sn: `${i + 1}`,
    }));
    const input = [...bills.slice(0, 20), JSON.stringify(big), ...bills.slice(20)].join('\n') + '\n';
    const asText = await run(['settle', 'calc', '-'], root, input);
    const io = memoryIo({ cwd: root, env: {} });
    io.stdin = Readable.from([input]);
    // The chunks are kept as given, not copied: bytes handed to the stream must not change afterwards.
    const chunks: Buffer[] = [];
    io.stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    expect(await main(['settle', 'calc', '-'], io)).toBe(0);
    expect(chunks.length).toBeGreaterThan(1);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    expect(bytes.equals(Buffer.from(asText.out))).toBe(true);
  });

  it('--ndjson reads stdin without `-`; --explain puts the explanation in each line; amounts stay exact', async () => {
    const base = JSON.parse(fs.readFileSync(jsonBill, 'utf8'));
    base.lines[0].pric = 60.1;
    const r = await run(['settle', 'calc', '--ndjson', '--explain'], root, JSON.stringify(base) + '\n');
    expect(r.code).toBe(0);
    const [rec] = records(r.out);
    expect(Array.isArray(rec!.explanation)).toBe(true);
    expect((rec!.lines as { pric: string }[])[0]!.pric).toBe('60.1');
  });

  it('keeps the single-bill output when one file is named', async () => {
    const r = await run(['settle', 'calc', jsonBill, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, command: 'settle calc' });
    const none = await run(['settle', 'calc']);
    expect(none.code).toBe(2);
  });
});
