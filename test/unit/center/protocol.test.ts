import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildMsgid,
  parseMsgid,
  MSGID_RE,
  buildRefmsgid,
  stamp14,
  stamp17,
  formatDateTime,
  formatDate,
  isDate,
  isDateTime,
  tifSignature,
  tifHeaders,
  hsafSignature,
  hsafHeaders,
  validateInput,
  validateRequestEnvelope,
  buildRequestEnvelope,
  buildResponseEnvelope,
  classifyResponseBody,
  normalizeInfcode,
  sniffFileBody,
  writeStmtUploadFile,
  parseStmtUploadFile,
  scanStmtUploadFile,
  writeStmtResultFile,
  parseStmtResultFile,
  STMT_UPLOAD_COLUMNS,
  STMT_RESULT_COLUMNS,
  CATALOG_COLUMNS,
  parseCatalogFile,
  writeCatalogFile,
  catalogNextVersion,
  parseSettlement,
  parsePersonInfo,
  parseFileInfo,
  parseGoodsResult,
  parseStmtInfo,
  toWireInput,
  TRANSACTIONS,
  isCode,
  field,
  dropNulls,
  type EnvelopeCommon,
} from '../../../src/core/center/index.js';
import { zipSync } from 'fflate';
import { decodeText, isZip, unzipAll, unzipOne, zipOne } from '../../../src/core/shared/index.js';
import { D, fenOfText, money } from '../../../src/core/money.js';
import { parseTsv } from '../../../src/core/center/protocol/tsv.js';
import { isHisopsError } from '../../../src/core/errors.js';

const COMMON: EnvelopeCommon = {
  fixmedins_code: 'H43011100001',
  fixmedins_name: '测试医院',
  mdtrtarea_admvs: '430100',
  insuplc_admdvs: '430100',
  recer_sys_code: 'YBXT',
  infver: 'V1.0',
  opter: 'op01',
  opter_name: '张三',
  opter_type: '1',
};

describe('msgid and clock formats', () => {
  const t = new Date(Date.UTC(2024, 0, 31, 16, 5, 9, 42)); // 2024-02-01 00:05:09.042 in China

  it('builds institution + stamp + 4-digit sequence in the center clock', () => {
    const m = buildMsgid('H43011100001', t, 7, 480);
    expect(m).toBe('H43011100001202402010005090007');
    expect(m).toHaveLength(30);
    expect(MSGID_RE.test(m)).toBe(true);
    expect(parseMsgid(m)).toEqual({ fixmedins_code: 'H43011100001', stamp: '20240201000509', seq: 7 });
    expect(buildMsgid('H43011100001', t, 9999, 0)).toBe('H43011100001202401311605099999');
  });

  it('rejects bad institution codes and sequences', () => {
    expect(() => buildMsgid('H4301', t, 1)).toThrow(/12 letters/);
    try {
      buildMsgid('H43011100001-X', t, 1);
    } catch (e) {
      expect(isHisopsError(e) && e.exit).toBe(2);
    }
    expect(() => buildMsgid('H43011100001', t, 10000)).toThrow(RangeError);
    expect(() => buildMsgid('H43011100001', t, -1)).toThrow(RangeError);
    expect(parseMsgid('H4301110000120240201000509000')).toBeUndefined();
  });

  it('formats inf_time, dates and 17-digit stamps', () => {
    expect(formatDateTime(t, 480)).toBe('2024-02-01 00:05:09');
    expect(formatDate(t, 480)).toBe('2024-02-01');
    expect(formatDate(t, 0)).toBe('2024-01-31');
    expect(stamp14(t, 480)).toBe('20240201000509');
    expect(stamp17(t, 480)).toBe('20240201000509042');
    expect(buildRefmsgid('430000', t, 12, 480)).toBe('430000202402010005090000000012');
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDateTime('2024-02-01 24:00:00')).toBe(false);
    expect(isDateTime('2024-02-01 23:59:59')).toBe(true);
  });
});

describe('gateway signatures', () => {
  it('x-tif: SHA-256(timestamp + token + nonce + timestamp), lower-case hex, seconds', () => {
    const expected = crypto.createHash('sha256').update('1700000000tok-enn0nce1700000000').digest('hex');
    expect(tifSignature('1700000000', 'tok-en', 'n0nce')).toBe(expected);
    const h = tifHeaders({ paasid: 'mbs_fsi_auth', token: 'tok-en', now: new Date(1_700_000_000_999), nonce: 'n0nce' });
    expect(h).toEqual({
      'x-tif-paasid': 'mbs_fsi_auth',
      'x-tif-timestamp': '1700000000',
      'x-tif-nonce': 'n0nce',
      'x-tif-signature': expected,
    });
    expect(h['x-tif-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('_api_*: Base64(HMAC-SHA1(secret, sorted params)), milliseconds', () => {
    const msg = '_api_access_key=ak&_api_name=1101&_api_timestamp=1700000000123&_api_version=1.0.0';
    const expected = crypto.createHmac('sha1', 'sk').update(msg).digest('base64');
    expect(hsafSignature({ accessKey: 'ak', name: '1101', timestamp: '1700000000123', version: '1.0.0' }, 'sk')).toBe(
      expected,
    );
    const h = hsafHeaders({ accessKey: 'ak', secret: 'sk', infno: '1101', now: new Date(1_700_000_000_123) });
    expect(h._api_signature).toBe(expected);
    expect(h._api_timestamp).toBe('1700000000123');
    expect(h._api_name).toBe('1101');
  });
});

describe('field tables and validation', () => {
  it('parses every spec line of every transaction (a typo fails here)', () => {
    const all = Object.values(TRANSACTIONS);
    expect(all.length).toBeGreaterThanOrEqual(35);
    for (const t of all)
      for (const n of [...t.input, ...t.output])
        for (const f of n.fields) expect(f.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(field('medfee_sumamt num 16,2 Y')).toEqual({
      name: 'medfee_sumamt',
      type: 'num',
      len: 16,
      scale: 2,
      req: 'Y',
    });
    expect(field('insutype str 6 Y @insutype')).toEqual({
      name: 'insutype',
      type: 'str',
      len: 6,
      req: 'Y',
      code: 'insutype',
    });
    expect(() => field('bad spec line')).toThrow();
    for (const infno of [
      '9001',
      '9002',
      '1101',
      '2207',
      '2208',
      '2304',
      '2305',
      '2601',
      '5203',
      '3201',
      '3202',
      '9101',
      '9102',
      '3301',
      '3302',
      '1301',
      '1302',
      '1303',
      '1305',
      '1306',
      '1312',
      '3501',
      '3502',
      '3505',
      '3506',
      '3501A',
      '3502A',
      '3505A',
    ]) {
      expect(TRANSACTIONS[infno], infno).toBeDefined();
    }
    expect(TRANSACTIONS['2207']!.kind).toBe('change');
    expect(TRANSACTIONS['5203']!.kind).toBe('query');
    expect(TRANSACTIONS['3505A']!.input[0]!.node).toBe('selinfoDetail');
    expect(TRANSACTIONS['3505A']!.input[0]!.children![0]!.node).toBe('drugtracinfo');
  });

  it('reports missing, type, length, decimals, code, date and shape problems with paths', () => {
    const problems = validateInput('2207', {
      data: {
        psn_no: 'x'.repeat(31),
        mdtrt_cert_type: '09',
        mdtrt_cert_no: 'A',
        med_type: '11',
        medfee_sumamt: '12.345',
        psn_setlway: '01',
        mdtrt_id: 'M',
        chrg_bchno: 'B',
        insutype: '310',
        acct_used_flag: '1',
        fulamt_ownpay_amt: 'abc',
        overlmt_selfpay: 0,
        preselfpay_amt: 0,
      },
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.kind]));
    expect(byPath).toEqual({
      'input.data.psn_no': 'length',
      'input.data.mdtrt_cert_type': 'code',
      'input.data.medfee_sumamt': 'format',
      'input.data.fulamt_ownpay_amt': 'type',
      'input.data.inscp_scp_amt': 'missing',
    });
    expect(validateInput('9999', {})[0]!.kind).toBe('unknown');
    expect(validateInput('2207', { data: [] })[0]!.kind).toBe('shape');
    expect(validateInput('5203', { data: { psn_no: 'P', setl_id: 'S' } })).toEqual([]);
  });

  it('checks nested trace-code lists and batch arrays; lenient shapes on request', () => {
    const sel = {
      med_list_codg: 'XA01',
      fixmedins_hilist_id: 'H1',
      fixmedins_hilist_name: '阿莫西林',
      fixmedins_bchno: 'B1',
      prsc_dr_name: '医生',
      phar_name: '药师',
      phar_prac_cert_no: 'P1',
      hi_feesetl_type: '1',
      mdtrt_sn: 'MD1',
      psn_cert_type: '01',
      manu_lotnum: 'L1',
      manu_date: '2024-01-01',
      expy_end: '2026-01-01',
      rx_flag: '1',
      trdn_flag: '0',
      rx_circ_flag: '0',
      rtal_docno: 'R1',
      sel_retn_cnt: 2,
      sel_retn_time: '2024-05-01 10:00:00',
      sel_retn_opter_name: '药师',
      drugtracinfo: [{ drug_trac_codg: '81234567890123456789' }, { drug_trac_codg: '' }],
    };
    const p = validateInput('3505A', { selinfoDetail: [sel, { ...sel, manu_date: '2024-13-01' }] });
    expect(p.map((x) => x.path).sort()).toEqual([
      'input.selinfoDetail[0].drugtracinfo[1].drug_trac_codg',
      'input.selinfoDetail[1].drugtracinfo[1].drug_trac_codg',
      'input.selinfoDetail[1].manu_date',
    ]);
    expect(validateInput('3505A', { selinfoDetail: { ...sel, drugtracinfo: [] } })[0]!.kind).toBe('shape');
    expect(validateInput('3505A', { selinfoDetail: { ...sel, drugtracinfo: [] } }, { lenientShapes: true })).toEqual(
      [],
    );
  });

  it("accepts a province's local codes when told, and conditional card_sn", () => {
    expect(isCode('clr_type', '9902')).toBe(false);
    expect(isCode('clr_type', '9902', ['9902'])).toBe(true);
    const d = {
      insutype: '310',
      clr_type: '9902',
      setl_optins: '430100',
      stmt_begndate: '2024-01-01',
      stmt_enddate: '2024-01-31',
      medfee_sumamt: 1,
      fund_pay_sumamt: 1,
      acct_pay: 0,
      fixmedins_setl_cnt: 1,
    };
    expect(validateInput('3201', { data: d })[0]!.kind).toBe('code');
    expect(validateInput('3201', { data: d }, { extraCodes: { clr_type: ['9902'] } })).toEqual([]);
    const p = validateInput('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: 'C1', psn_cert_type: '01' } });
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe('input.data.card_sn');
  });

  it('validates request envelopes: msgid rule, sender, sign_no, insuplc_admdvs', () => {
    const now = new Date(Date.UTC(2024, 0, 1, 2, 0, 0));
    const env = buildRequestEnvelope(COMMON, {
      infno: '5203',
      msgid: buildMsgid('H43011100001', now, 1, 480),
      input: { data: { psn_no: 'P', setl_id: 'S', mdtrt_id: null } },
      now,
      sign_no: 'SN1',
      utcOffsetMinutes: 480,
    });
    expect(env.inf_time).toBe('2024-01-01 10:00:00');
    expect(env.input).toEqual({ data: { psn_no: 'P', setl_id: 'S' } });
    expect(validateRequestEnvelope(env)).toEqual([]);
    expect(validateRequestEnvelope({ ...env, sign_no: '' }).map((p) => p.path)).toEqual(['sign_no']);
    expect(validateRequestEnvelope({ ...env, infno: '9001', sign_no: '' })).toEqual([]);
    expect(validateRequestEnvelope({ ...env, insuplc_admdvs: '' }).map((p) => p.path)).toEqual(['insuplc_admdvs']);
    expect(validateRequestEnvelope({ ...env, msgid: 'H43011100009202401011000000001' }).map((p) => p.message)).toEqual([
      "msgid must start with the sender's fixmedins_code",
    ]);
    expect(validateRequestEnvelope({ ...env, msgid: '123' }).map((p) => p.kind)).toEqual(['format']);
    expect(validateRequestEnvelope({ ...env, opter_type: '7', inf_time: '2024/01/01' }).map((p) => p.path)).toEqual([
      'opter_type',
      'inf_time',
    ]);
    expect(validateRequestEnvelope([])[0]!.kind).toBe('shape');
  });

  it('dropNulls removes null keys at every level', () => {
    expect(dropNulls({ a: null, b: { c: undefined, d: 1 }, e: [{ f: null }] })).toEqual({ b: { d: 1 }, e: [{}] });
  });
});

describe('response bodies', () => {
  it('classifies envelopes with infcode as number or string and output as string', () => {
    for (const v of [0, '0', ' 0 ']) expect(normalizeInfcode(v)).toBe(0);
    expect(normalizeInfcode('-1')).toBe(-1);
    expect(normalizeInfcode(null)).toBeNaN();
    const c = classifyResponseBody(
      '\uFEFF{"infcode":"0","err_msg":null,"output":"{\\"stmtinfo\\":{\\"stmt_rslt\\":\\"0\\"}}"}',
    );
    expect(c.kind).toBe('envelope');
    if (c.kind === 'envelope') {
      expect(c.infcode).toBe(0);
      expect(c.err_msg).toBeNull();
      expect(parseStmtInfo(c.output).balanced).toBe(true);
    }
    const g = classifyResponseBody('{"message":"签名验证失败","success":false,"code":500159}');
    expect(g).toMatchObject({ kind: 'gateway', message: '签名验证失败', code: '500159' });
    expect(classifyResponseBody('{"code":"999","msg":"系统繁忙"}')).toMatchObject({
      kind: 'gateway',
      message: '系统繁忙',
      code: '999',
    });
    expect(classifyResponseBody('<html>502 Bad Gateway</html>').kind).toBe('not-json');
    expect(classifyResponseBody('[1,2]').kind).toBe('not-json');
  });

  it('builds strict response envelopes for the sandbox', () => {
    const r = buildResponseEnvelope({
      infcode: 0,
      inf_refmsgid: 'X',
      received: new Date(0),
      now: new Date(5),
      output: { a: 1 },
      utcOffsetMinutes: 0,
    });
    expect(r).toMatchObject({
      infcode: 0,
      err_msg: '成功',
      refmsg_time: '19700101000000000',
      respond_time: '19700101000000005',
      output: { a: 1 },
    });
  });

  it('sniffs 9102 bodies', () => {
    expect(sniffFileBody(zipOne('a.txt', 'x'))).toBe('zip');
    expect(sniffFileBody(Buffer.from(' \n{"infcode":-1}'))).toBe('json');
    expect(sniffFileBody(Buffer.from('abc'))).toBe('other');
  });
});

describe('typed records tolerate real-world shapes', () => {
  it('settlement: array for object, object for array, string/number amounts, camelCase, unknown keys', () => {
    const r = parseSettlement(
      {
        setlinfo: [
          {
            setl_id: 'S1',
            MEDFEE_SUMAMT: '100.10',
            fundPaySumamt: 60,
            acct_pay: null,
            psn_cash_pay: '40.1',
            insutype: 390,
            cashPayamt: '40.10',
            extra: 1,
          },
        ],
        setldetail: { fund_pay_type: '310100', fund_payamt: '60', inscp_scp_amt: 100.1 },
      },
      't',
    );
    expect(r.setlinfo.setl_id).toBe('S1');
    expect(r.setlinfo.medfee_sumamt.equals(D('100.10'))).toBe(true);
    expect(r.setlinfo.fund_pay_sumamt.toFixed(2)).toBe('60.00');
    expect(r.setlinfo.acct_pay.isZero()).toBe(true);
    expect(r.setlinfo.insutype).toBe('390');
    expect(r.setlinfo.cash_payamt?.toFixed(2)).toBe('40.10');
    expect(r.setlinfo.psn_name).toBeNull();
    expect(r.setldetail).toHaveLength(1);
    expect(r.setldetail[0]!.fund_payamt.toFixed(2)).toBe('60.00');
    expect(r.setldetail[0]!.crt_payb_lmt_amt).toBeNull();
  });

  it('throws a HisopsError on an amount that is not a number and on a missing setl_id', () => {
    expect(() => parseSettlement({ setlinfo: { setl_id: 'S', medfee_sumamt: '12元' } }, 't')).toThrow(/not an amount/);
    expect(() => parseSettlement({ setlinfo: { medfee_sumamt: 1 } }, '2207')).toThrow(/setl_id/);
  });

  it('person info with insuinfo as an object and insu_admdvs spelling', () => {
    const p = parsePersonInfo({
      baseinfo: { psn_no: 'P1', age: '34.5', psn_name: '王五' },
      insuinfo: { balc: '1,234.56', insutype: '310', insu_admdvs: '430100' },
    });
    expect(p.baseinfo.age).toBe(34.5);
    expect(p.insuinfo).toHaveLength(1);
    expect(p.insuinfo[0]!.balc.toFixed(2)).toBe('1234.56');
    expect(p.insuinfo[0]!.insuplc_admdvs).toBe('430100');
    expect(p.idetinfo).toEqual([]);
  });

  it('file info flat, nested or under data; goods results as object or list', () => {
    expect(
      parseFileInfo({ file_qury_no: 'F1', filename: 'a.zip', dld_end_time: '2024-01-01 00:00:00', data_cn: '3' }, 't'),
    ).toEqual({ file_qury_no: 'F1', filename: 'a.zip', dld_endtime: '2024-01-01 00:00:00', data_cnt: 3 });
    expect(parseFileInfo({ fileinfo: { file_qury_no: 'F2', filename: 'b' } }, 't').file_qury_no).toBe('F2');
    expect(parseFileInfo({ data: { file_qury_no: 'F3', filename: 'c' } }, 't').file_qury_no).toBe('F3');
    expect(parseGoodsResult({ result: { retRslt: 1, msgRslt: null } }).ok).toBe(true);
    expect(parseGoodsResult({ result: [{ retRslt: '1' }, { retRslt: '0', msgRslt: '追溯码重复' }] })).toEqual({
      retRslt: '0',
      msgRslt: '追溯码重复',
      ok: false,
    });
    expect(parseStmtInfo({ stmtinfo: { stmt_rslt: '1', stmt_rslt_dscr: '不平' } }).balanced).toBe(false);
    expect(parseStmtInfo({ stmtinfo: { stmt_rslt: '000000' } }).balanced).toBe(true);
  });

  it('wire form: Decimal → number at the field scale, numeric codes → strings', () => {
    const w = toWireInput('3502', {
      invinfo: {
        pric: D('1.23456789'),
        cnt: '2.00005',
        inv_chg_type: 101,
        memo: null,
        drugtracinfo: [{ drug_trac_codg: '8' }],
      },
      extra: { x: D('1.5') },
    });
    expect(w).toEqual({
      invinfo: { pric: 1.234568, cnt: 2.0001, inv_chg_type: '101', drugtracinfo: [{ drug_trac_codg: '8' }] },
      extra: { x: 1.5 },
    });
    expect(JSON.stringify(toWireInput('2207', { data: { medfee_sumamt: money('100.005') } }))).toBe(
      '{"data":{"medfee_sumamt":100.01}}',
    );
  });
});

describe('3202 files', () => {
  const rows = [
    {
      setl_id: 'S1',
      mdtrt_id: 'M1',
      psn_no: 'P1',
      medfee_sumamt: D('100.5'),
      fund_pay_sumamt: D('60'),
      acct_pay: D('20'),
      refd_setl_flag: '0',
    },
    {
      setl_id: 'S2',
      mdtrt_id: 'M\t2',
      psn_no: 'P2',
      medfee_sumamt: D('-100.5'),
      fund_pay_sumamt: D('-60'),
      acct_pay: D('-20'),
      refd_setl_flag: '1',
    },
  ];

  it('writes the 7-column upload file and reads it back', () => {
    expect(STMT_UPLOAD_COLUMNS).toHaveLength(7);
    const text = writeStmtUploadFile(rows);
    expect(text.split('\n')[0]).toBe('S1\tM1\tP1\t100.50\t60.00\t20.00\t0');
    const back = parseStmtUploadFile(text);
    expect(back.problems).toEqual([]);
    expect(back.rows[1]!.mdtrt_id).toBe('M 2');
    expect(back.rows[1]!.medfee_sumamt.toFixed(2)).toBe('-100.50');
    const bad = parseStmtUploadFile('S1\tM1\n\tM\tP\t1\t1\t1\t0\nS3\tM\tP\tx\t1\t1\t0\n');
    expect(bad.problems.map((p) => p.line)).toEqual([1, 2, 3]);
  });

  it('reads an upload file line by line and cell by cell as parseTsv cuts it', () => {
    // The reader as it was, over parseTsv: the reference the scanner must agree with.
    const reference = (text: string) => {
      const rows: unknown[] = [];
      const problems: unknown[] = [];
      parseTsv(text).forEach((cells, i) => {
        const line = i + 1;
        if (cells.length < 7) {
          problems.push({ line, message: `expected 7 tab-separated columns, found ${cells.length}` });
          return;
        }
        const [setl_id, mdtrt_id, psn_no, a, b, c, flag] = cells.map((x) => x.trim()) as string[];
        const m = fenOfText(a!);
        const f = fenOfText(b!);
        const k = fenOfText(c!);
        if (!setl_id) problems.push({ line, message: 'setl_id is empty' });
        else if (m === undefined || f === undefined || k === undefined)
          problems.push({
            line,
            message: 'medfee_sumamt, fund_pay_sumamt and acct_pay must be amounts (at most two decimals)',
          });
        else
          rows.push({
            setl_id,
            mdtrt_id,
            psn_no,
            medfee_sumamt: m,
            fund_pay_sumamt: f,
            acct_pay: k,
            refd_setl_flag: flag || '0',
          });
      });
      return { rows, problems };
    };
    const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
    const ids = ['S1', ' S2 ', '', '住院', 'M\u00a0', 'null'];
    const amounts = ['1.00', '-3.5', ' 7 ', '0', '0.00', 'x', '1.005'];
    const flags = ['0', '1', '', ' 1 ', '2'];
    const cellsOf = (k: number) => (k < 3 ? ids : k < 6 ? amounts : k === 6 ? flags : ids);
    const breaks = ['\n', '\r\n', '\n\n', '\n \t \n', '\r\r\n', '\n\r\n'];
    let valid = 0;
    for (let round = 0; round < 40; round++) {
      let text = round % 5 === 0 ? '\uFEFF' : '';
      for (let i = 0; i < 60; i++) {
        const n = 3 + ((i * 7 + round) % 7);
        const cells = Array.from({ length: n }, (_, k) => pick(cellsOf(k), i * 3 + k * 5 + round));
        text += cells.join('\t') + (i < 59 || round % 2 ? pick(breaks, i + round) : round % 4 ? '' : '\r');
      }
      const got = scanStmtUploadFile(text, fenOfText);
      expect(got, `round ${round}`).toEqual(reference(text));
      valid += got.rows.length;
    }
    expect(valid).toBeGreaterThan(80);
  });

  it('writes and parses the 10-column result file, tolerant of null, blanks and CRLF', () => {
    expect(STMT_RESULT_COLUMNS).toHaveLength(10);
    const text = writeStmtResultFile([
      {
        psn_no: 'P1',
        mdtrt_id: null,
        setl_id: null,
        msgid: 'H43011100001202401010000000001',
        stmt_rslt: '1',
        refd_setl_flag: '0',
        memo: '中心多条',
        medfee_sumamt: D(10),
        fund_pay_sumamt: null,
        acct_pay: D(0),
      },
    ]);
    const r = parseStmtResultFile(text.replace(/\n/g, '\r\n') + 'P2\tnull\tS2\t\t0\n');
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({
      psn_no: 'P1',
      mdtrt_id: null,
      setl_id: null,
      stmt_rslt: '1',
      memo: '中心多条',
      fund_pay_sumamt: null,
    });
    expect(r[0]!.medfee_sumamt!.toFixed(2)).toBe('10.00');
    expect(r[1]).toMatchObject({
      psn_no: 'P2',
      mdtrt_id: null,
      setl_id: 'S2',
      msgid: null,
      stmt_rslt: '0',
      medfee_sumamt: null,
    });
  });
});

describe('catalog files and zips', () => {
  it('has the documented column counts', () => {
    const counts = Object.fromEntries(Object.entries(CATALOG_COLUMNS).map(([k, v]) => [k, v.length]));
    expect(counts).toMatchObject({
      '1301': 92,
      '1302': 28,
      '1303': 78,
      '1305': 16,
      '1306': 71,
      '1307': 24,
      '1308': 24,
      '1309': 16,
      '1310': 15,
      '1311': 15,
      '1313': 11,
      '1314': 14,
      '1315': 14,
    });
    for (const cols of Object.values(CATALOG_COLUMNS)) expect(new Set(cols).size).toBe(cols.length);
  });

  it('parses positionally, keeps extra columns, reads null literals, finds the next version', () => {
    const rec = {
      med_list_codg: '001101000010000-ZZ001',
      servitem_name: '挂号费',
      vali_flag: '1',
      ver: '20240101',
      ver_name: '20240101000001',
    };
    const text = writeCatalogFile('1305', [rec, { ...rec, med_list_codg: 'B', ver_name: '20240102000001' }]);
    const rows = parseCatalogFile('1305', text.replace('挂号费', '挂号费').trimEnd() + '\textra1\tNULL\n');
    expect(rows[0]!.servitem_name).toBe('挂号费');
    expect(rows[0]!.prcunt).toBeNull();
    expect(rows[1]!.col_17).toBe('extra1');
    expect(rows[1]!.col_18).toBeNull();
    expect(catalogNextVersion(rows)).toBe('20240102000001');
    expect(catalogNextVersion([])).toBeUndefined();
  });

  it('writes a ZIP that other readers open, with a UTF-8 name and the CRC they check', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `S${i}\tM${i}\t中文\t12.30\n`).join('');
    const z = zipOne('对账明细.txt', text, new Date(2025, 2, 4, 9, 10, 12));
    const [entry] = unzipAll(z);
    expect(entry!.name).toBe('对账明细.txt');
    expect(entry!.data.toString('utf8')).toBe(text);
    expect(z.length).toBeLessThan(text.length / 3);
    // Python's zipfile checks the CRC and the headers independently of the reader above.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-zip-'));
    fs.writeFileSync(path.join(dir, 'a.zip'), z);
    const out = execFileSync('python3', [
      '-c',
      'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); i=z.infolist()[0]; print(i.filename, i.date_time, len(z.read(i)))',
      path.join(dir, 'a.zip'),
    ]).toString();
    expect(out.trim().split('\n')).toEqual(['None', `对账明细.txt (2025, 3, 4, 9, 10, 12) ${Buffer.byteLength(text)}`]);
    fs.rmSync(dir, { recursive: true, force: true });
    // Undated: the same bytes for the same content.
    expect(zipOne('a.txt', text).equals(zipOne('a.txt', text))).toBe(true);
  });

  it('zips in memory and decodes UTF-8 or GBK text', () => {
    const z = zipOne('result.txt', '中文\tA\n');
    expect(isZip(z)).toBe(true);
    expect(unzipOne(z, '.txt')).toMatchObject({ name: 'result.txt' });
    expect(decodeText(unzipOne(z).data)).toBe('中文\tA\n');
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GBK
    expect(decodeText(gbk)).toBe('中文');
    expect(decodeText(Buffer.from('\uFEFFabc'))).toBe('abc');
    expect(() => unzipAll(Buffer.from('not a zip'))).toThrow();
  });

  it('refuses an entry whose bytes do not match its CRC, deflated or stored', () => {
    const text = 'S1\tM1\tP1\t12.30\t6.00\t1.00\t0\n'.repeat(50);
    const deflated = zipOne('scmxdz.txt', text);
    expect(decodeText(unzipOne(deflated).data)).toBe(text);
    // The stored CRC is at offset 14 of the local header and 16 of the central one.
    const bad = Buffer.from(deflated);
    const central = bad.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bad[14]! ^= 0xff;
    bad[central + 16]! ^= 0xff;
    expect(() => unzipAll(bad)).toThrow(/CRC32/);
    const ok = Buffer.from(zipSync({ 'a.txt': [Buffer.from('abc'), { level: 0 }] }));
    expect(unzipOne(ok).data.toString()).toBe('abc');
    const storedBad = Buffer.from(ok);
    storedBad[storedBad.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16]! ^= 0xff;
    expect(() => unzipAll(storedBad)).toThrow(/CRC32/);
  });
});
