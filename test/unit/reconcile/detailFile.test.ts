import { describe, expect, it } from 'vitest';
import { isHisopsError } from '../../../src/core/errors.js';
import { decodeText } from '../../../src/core/shared/index.js';
import { parseStmtUploadFile } from '../../../src/core/center/protocol/index.js';
import {
  detailRequest,
  parseResultBytes,
  parseResultLine,
  parseResultText,
  rowBalanced,
} from '../../../src/core/reconcile/index.js';
import { his, RULES, SCOPE } from './fixtures.js';

const COLS = RULES.resultColumns;

describe('the 3202 detail file', () => {
  it('writes a tab or line break inside a value as one space (the line keeps its 7 columns)', () => {
    const odd = his({ setl_id: 'S\t1', mdtrt_id: 'M\r\n\t1', psn_no: 'P\n1' });
    expect(detailRequest(SCOPE, [odd], RULES).bytes.toString()).toBe('S 1\tM 1\tP 1\t100.00\t60.00\t10.00\t0\n');
  });

  it('writes values that are not ASCII as UTF-8, and a file of many lines whole', () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      his({
        setl_id: `S${String(i).padStart(6, '0')}`,
        mdtrt_id: i % 7 === 0 ? `住院${i}号` : `M${i}`,
        psn_no: i % 11 === 0 ? `P\u00e9${i}` : `P${i}`,
        medfee: BigInt(i * 137 - 5000),
      }),
    );
    const text = rows
      .map((r) => `${r.setl_id}\t${r.mdtrt_id}\t${r.psn_no}\t${(Number(r.medfee) / 100).toFixed(2)}\t60.00\t10.00\t0\n`)
      .join('');
    expect(detailRequest(SCOPE, rows, RULES).bytes.toString('utf8')).toBe(text);
  });

  it('lists every settlement once in time order: a refunded one as its positive and its negative line', () => {
    const orig = his({ setl_id: 'S1', setl_time: '2025-03-04 09:00:00' });
    const refund = his({
      setl_id: 'S1R',
      setl_time: '2025-03-04 15:00:00',
      refd_setl_flag: '1',
      init_setl_id: 'S1',
      medfee: -10000n,
      fund: -6000n,
      acct: -1000n,
    });
    const other = his({ setl_id: 'S2', setl_time: '2025-03-04 08:00:00', medfee: 2525n, fund: 1000n, acct: 0n });
    const req = detailRequest(SCOPE, [refund, orig, other], RULES);
    expect(req.count).toBe(3);
    expect(req.bytes.toString().split('\n').filter(Boolean)).toEqual([
      'S2\tM1\tP1\t25.25\t10.00\t0.00\t0',
      'S1\tM1\tP1\t100.00\t60.00\t10.00\t0',
      'S1R\tM1\tP1\t-100.00\t-60.00\t-10.00\t1',
    ]);
    // Rows given in upload order are taken as they are, and come out the same as sorted ones.
    expect(detailRequest(SCOPE, [other, orig, refund], RULES).bytes).toEqual(req.bytes);
    // The center can read it back.
    expect(parseStmtUploadFile(req.bytes.toString()).problems).toEqual([]);
    expect(req.data).toEqual({
      setl_optins: '430100',
      stmt_begndate: '2025-03-04',
      stmt_enddate: '2025-03-04',
      medfee_sumamt: '25.25',
      fund_pay_sumamt: '10.00',
      cash_payamt: '15.25',
      fixmedins_setl_cnt: 3,
      clr_type: '11',
      refd_setl_flag: '1',
    });
  });

  it('orders a day as a sort by setl_time then setl_id would, however the rows come', () => {
    // Seconds shared by several settlements in any order (as an index on setl_time gives them),
    // rows far out of order, and a day whose times are all one (no time of day kept).
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const time = (sec: number) =>
      `2025-03-04 ${String(Math.floor(sec / 3600)).padStart(2, '0')}:${String(Math.floor(sec / 60) % 60).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
    const day = Array.from({ length: 2000 }, (_, i) =>
      his({ setl_id: `S${rnd(100000)}`, mdtrt_id: `M${i}`, setl_time: time(Math.floor(i / 3)) }),
    );
    const shuffled = [...day].sort(() => rnd(3) - 1);
    const oneTime = day.map((r) => ({ ...r, setl_time: time(0) }));
    const reversed = [...day].reverse();
    for (const rows of [day, shuffled, oneTime, reversed]) {
      const sorted = [...rows].sort((a, b) =>
        a.setl_time !== b.setl_time
          ? a.setl_time < b.setl_time
            ? -1
            : 1
          : a.setl_id < b.setl_id
            ? -1
            : a.setl_id > b.setl_id
              ? 1
              : 0,
      );
      const lines = (r: typeof rows) => detailRequest(SCOPE, r, RULES).bytes.toString();
      expect(lines(rows)).toBe(
        sorted.map((r) => `${r.setl_id}\t${r.mdtrt_id}\tP1\t100.00\t60.00\t10.00\t0\n`).join(''),
      );
    }
  });
});

describe("the center's result file", () => {
  it('reads the documented columns, null and empty as absent, keeping the raw line', () => {
    const text =
      'P1\tM1\tS1\tMSG1\t0\t0\t平\t100.00\t60.00\t10.00\r\nP2\t\tnull\tMSG2\t1\t0\t中心端有多条明细\t33.00\t20.00\t0.00\n\n';
    const { rows, balanced, bad } = parseResultText(text, COLS);
    expect(bad).toBe(0);
    // Balanced lines are kept by key; the full record is there when needed.
    expect(balanced).toEqual([{ line: 1, raw: 'P1\tM1\tS1\tMSG1\t0\t0\t平\t100.00\t60.00\t10.00', setl_id: 'S1' }]);
    expect(parseResultLine(balanced[0]!.raw, 1, COLS)).toEqual({
      line: 1,
      raw: 'P1\tM1\tS1\tMSG1\t0\t0\t平\t100.00\t60.00\t10.00',
      psn_no: 'P1',
      mdtrt_id: 'M1',
      setl_id: 'S1',
      msgid: 'MSG1',
      stmt_rslt: '0',
      refd_setl_flag: '0',
      memo: '平',
      medfee: 10000n,
      fund: 6000n,
      acct: 1000n,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 2, setl_id: null, mdtrt_id: null, memo: '中心端有多条明细', medfee: 3300n });
  });

  it.each([
    [
      'an extra column',
      'P1\tM1\tS1\tMSG1\t0\t0\t平\t100.00\t60.00\t10.00\tX',
      'expected 10 tab-separated columns, found 11',
    ],
    ['a missing column', 'P1\tM1\tS1\tMSG1\t0\t0\t平\t100.00\t60.00', 'acct_pay "" is not an amount'],
    [
      'a bad amount',
      'P1\tM1\tS1\tMSG1\t1\t0\t金额不符\t1OO.00\t60.00\t10.00',
      'medfee_sumamt "1OO.00" is not an amount',
    ],
    ['a bad result code', 'P1\tM1\tS1\tMSG1\t平\t0\t平\t100.00\t60.00\t10.00', 'stmt_rslt "平" is not a result code'],
    ['a bad refund flag', 'P1\tM1\tS1\tMSG1\t0\t2\t平\t100.00\t60.00\t10.00', 'refd_setl_flag "2" is neither 0 nor 1'],
  ])('marks a line with %s, and reads the others', (_n, line, problem) => {
    const good = 'P2\tM2\tS2\tMSG2\t0\t0\t平\t1.00\t0.00\t0.00';
    const { rows, balanced, bad } = parseResultText(`${good}\n${line}\n`, COLS);
    expect(bad).toBe(1);
    expect(balanced.map((b) => b.setl_id)).toEqual(['S2']);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.problem).toContain(problem);
    expect(rows[0]!.raw).toBe(line);
  });

  it('refuses a file none of whose lines fit (another layout, or not a result at all)', () => {
    try {
      parseResultText('<html>bad gateway</html>\n', COLS);
      throw new Error('no error');
    } catch (e) {
      if (!isHisopsError(e)) throw e;
      expect(e.code).toBe('RECONCILE_RESULT_MALFORMED');
      expect(e.exit).toBe(5);
      expect(e.fix).toContain('reconcile.resultColumns');
      expect(e.why).toContain('<html>');
    }
    expect(parseResultText('', COLS).rows).toEqual([]);
  });

  it('follows reconcile.resultColumns, "-" skipping a column', () => {
    const cols = ['setl_id', '-', 'stmt_rslt', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay'];
    const { balanced } = parseResultText('S1\twhatever\t0\t1.00\t0.50\t0.00\n', cols);
    expect(balanced.map((b) => b.setl_id)).toEqual(['S1']);
    const r = parseResultLine(balanced[0]!.raw, 1, cols);
    expect(r).toMatchObject({
      setl_id: 'S1',
      stmt_rslt: '0',
      medfee: 100n,
      fund: 50n,
      acct: 0n,
      psn_no: null,
      memo: null,
    });
    expect(r.problem).toBeUndefined();
  });

  it('sorts every line as reading it in full would (the quick path for balanced lines agrees)', () => {
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
    const setl = ['S1', ' S2 ', '', 'null', 'NULL'];
    const rslt = ['0', '000000', '0000000', ' 0 ', '1', '', 'x'];
    const refd = ['0', '1', '', 'null', '2'];
    const amt = ['1.00', '-0.05', ' 7 ', '1.005', '', 'null', 'abc', '1e3', '12.3000', '12345678901234.50', ' NuLL'];
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const cells = [
        `P${i}`,
        `M${i}`,
        pick(setl, i) + (i % 3 === 0 ? String(i) : ''),
        `G${i}`,
        pick(rslt, i * 7),
        pick(refd, i * 11),
        '平',
        pick(amt, i * 13),
        pick(amt, i * 17 + 1),
        pick(amt, i * 19 + 2),
      ];
      lines.push((i % 97 === 0 ? cells.slice(0, 9) : i % 89 === 0 ? [...cells, 'x'] : cells).join('\t'));
    }
    const { rows, balanced } = parseResultText(lines.join('\n'), COLS);
    // Read from the bytes: the same rows and balanced lines, each balanced line's text the same.
    const fromBytes = parseResultBytes(Buffer.from(lines.join('\n')), COLS);
    expect(fromBytes.rows).toEqual(rows);
    expect(fromBytes.balanced.map((b) => [b.line, b.setl_id, b.raw])).toEqual(
      balanced.map((b) => [b.line, b.setl_id, b.raw]),
    );
    const expectBalanced: number[] = [];
    lines.forEach((raw, i) => {
      const r = parseResultLine(raw, i + 1, COLS);
      if (!r.problem && r.setl_id !== null && rowBalanced(r)) expectBalanced.push(i + 1);
    });
    expect(balanced.map((b) => b.line)).toEqual(expectBalanced);
    expect(balanced.every((b) => b.setl_id === parseResultLine(b.raw, b.line, COLS).setl_id)).toBe(true);
    expect(rows.length + balanced.length).toBe(lines.length);
    expect(expectBalanced.length).toBeGreaterThan(20);
    expect(rows.length).toBeGreaterThan(20);
  });

  it('cuts lines as split(/\\r?\\n/) after a BOM would: CRLF, LF, a lone CR kept, a last line without a break', () => {
    const ok = (id: string) => `P1\tM1\t${id}\tG1\t0\t0\t平\t1.00\t1.00\t0.00`;
    const texts = [
      `\uFEFF${ok('S1')}\r\n${ok('S2')}\n${ok('S3')}\r`,
      `${ok('S1')}\r\r\n\r\n${ok('S2')}\r${ok('S3')}\n`,
      `\uFEFF\uFEFF${ok('S1')}\r\n`,
      `${ok('S1')}\n\n${ok('S2')}\r\n${ok('S3')}`,
    ];
    for (const text of texts) {
      const expected = text.replace(/^\uFEFF/, '').split(/\r?\n/);
      const { rows, balanced } = parseResultText(text, COLS);
      const got = [...rows, ...balanced].map((r) => [r.line, r.raw]).sort((a, b) => Number(a[0]) - Number(b[0]));
      const want = expected.flatMap((raw, i) => (raw.trim() === '' ? [] : [[i + 1, raw]]));
      expect(got).toEqual(want);
    }
  });

  it('reads the bytes of a file as its decoded text: BOMs, breaks, blank lines, other characters, GBK', () => {
    const ok = (id: string, rslt = '0') => `P1\tM1\t${id}\tG1\t${rslt}\t0\t平\t1.00\t1.00\t0.00`;
    const texts = [
      `\uFEFF${ok('S1')}\r\n${ok('S2')}\n${ok('S3')}\r`,
      `\uFEFF\uFEFF\uFEFF\uFEFF${ok('S1')}\r\n\u3000\n \t\n${ok('住院1')}\n${ok(' S4')}\r\r\n`,
      `${ok('S1')}\n\n${ok('S2', '1')}\r\n${ok('S3', '000')}\n${ok('null')}\n${ok('abcd')}`,
      `${ok('S1').replace('1.00', '１.00')}\n${ok('S2').replace('0.00', '0')}\n${ok('S3').replace('\t0\t平', '\t2\t平')}`,
      '',
      '\n\n',
    ];
    const read = (r: ReturnType<typeof parseResultText>) => ({
      rows: r.rows,
      balanced: r.balanced.map((b) => [b.line, b.setl_id, b.raw]),
    });
    for (const text of texts) {
      const utf8 = Buffer.from(text, 'utf8');
      const asText = () => read(parseResultText(decodeText(utf8), COLS));
      const asBytes = () => read(parseResultBytes(utf8, COLS));
      if (text.trim() === '') expect(asBytes()).toEqual(asText());
      else expect(asBytes(), JSON.stringify(text)).toEqual(asText());
    }
    // A GBK file is decoded as such.
    const gbk = Buffer.concat([
      Buffer.from(ok('S1').split('平')[0]!),
      Buffer.from([0xb2, 0xbb, 0xc6, 0xbd]),
      Buffer.from('\t1.00\t1.00\t0.00\n'),
    ]);
    expect(read(parseResultBytes(gbk, COLS))).toEqual(read(parseResultText(decodeText(gbk), COLS)));
    expect(parseResultBytes(gbk, COLS).balanced[0]!.raw).toContain('不平');
  });
});
