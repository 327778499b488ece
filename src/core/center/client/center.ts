/**
 * Typed transactions on top of CenterClient. Each method takes the national fields and returns
 * a CenterReply whose `result` is a typed record with Decimal money.
 */
import { externalError, inputError } from '../../errors.js';
import { money, sum } from '../../money.js';
import { catalogNextVersion, parseCatalogFile, type CatalogRecord } from '../protocol/catalogFile.js';
import type { Input, Output } from '../protocol/envelope.js';
import {
  asArray,
  asNum,
  outputNode,
  parseFileInfo,
  parseGoodsResult,
  parsePersonInfo,
  parseSettlement,
  parseStmtInfo,
  pick,
  type FileInfo,
  type GoodsResult,
  type PersonInfo,
  type SettlementResult,
  type StmtInfo,
} from '../protocol/records.js';
import {
  parseStmtResultFile,
  STMT_UPLOAD_FILENAME,
  writeStmtUploadFile,
  type StmtResultRow,
} from '../protocol/stmtFile.js';
import { stamp14 } from '../protocol/time.js';
import { CATALOG_FILE_INFNOS, type CatalogFileInfno } from '../protocol/catalogTransactions.js';
import { REVERSIBLE_INFNOS } from '../protocol/transactions.js';
import { nullable } from '../protocol/tsv.js';
import { decodeText, isZip, unzipOne, zipOne } from '../../shared/index.js';
import { CenterClient } from './centerClient.js';
import type {
  CallOptions,
  CenterReply,
  HilistQuery,
  InpatientSettleData,
  MappingData,
  MappingWithdrawData,
  OutpatientSettleData,
  PersonInfoQuery,
  ReverseData,
  SaleInfo,
  SaleReturnInfo,
  SettlementCancelData,
  SettlementQuery,
  StmtDetailRequest,
  StmtTotalData,
  StockChangeInfo,
  StockTakeInfo,
} from './types.js';
import type {
  AdmissionData,
  DischargeData,
  FeeDetailQuery,
  FeeLineData,
  FeeLineResult,
  OutpatientRegisterData,
  PresettleData,
  VisitAnswer,
} from './visitTypes.js';

export interface StmtDetailResult {
  /** 9101's answer for the uploaded detail file. */
  upload: FileInfo;
  /** 3202's answer: where the result file is. */
  fileinfo: FileInfo;
  /** The result file's rows. */
  rows: StmtResultRow[];
  /** Name of the text file found in the result ZIP. */
  resultFilename: string;
  msgids: { upload: string; detail: string; download: string };
}

export interface CatalogPage {
  /** The version asked for. */
  ver: string;
  fileinfo: FileInfo;
  count: number;
  /** The version the next page is asked for (undefined when the file was empty). */
  nextVer: string | undefined;
  msgids: { list: string; download: string };
}

export interface CatalogDownloadOptions {
  /** Version to start from (the last one imported; `0` or an empty string for everything). */
  ver: string;
  /** Stop after this many files (default 100). */
  maxPages?: number;
  /** Called with each page's records (for streaming into a database). */
  onPage?: (page: CatalogPage, records: CatalogRecord[]) => Promise<void> | void;
  /** Keep every record in the result (default true; set false for big catalogs with onPage). */
  collect?: boolean;
}

export interface CatalogDownloadResult {
  infno: CatalogFileInfno;
  pages: CatalogPage[];
  records: CatalogRecord[];
  /** The version to start from next time. */
  lastVer: string;
}

export interface HilistPage {
  rows: Record<string, string | null>[];
  recordCounts: number | null;
  pageNum: number | null;
  pageSize: number | null;
  pages: number | null;
}

function noNulls<T extends object>(o: T): Input {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

function visitAnswer(v: unknown): VisitAnswer {
  const o = (v ?? {}) as Record<string, unknown>;
  const mdtrt_id = String(pick(o, 'mdtrt_id') ?? '');
  if (!mdtrt_id) {
    throw externalError(
      'CENTER_BAD_RESPONSE',
      "The center's answer to the registration has no mdtrt_id",
      "Check the center's answer in the journal; the visit cannot be settled without it.",
    ).zh(
      '医保中心的挂号/入院应答中没有 mdtrt_id',
      '请在调用日志中查看中心的应答；没有就诊ID无法结算。',
      '中心应答缺少必需字段',
    );
  }
  return { mdtrt_id, psn_no: String(pick(o, 'psn_no') ?? ''), ipt_otp_no: String(pick(o, 'ipt_otp_no') ?? '') };
}

/** 2206/2303 answer a settlement block without a setl_id (nothing is booked): setl_id is ''. */
function parsePresettlement(o: Output, what: string): SettlementResult {
  const info = outputNode(o, 'setlinfo', 'medfee_sumamt');
  const block = info && typeof info === 'object' && !Array.isArray(info) ? (info as Record<string, unknown>) : {};
  const r = parseSettlement({ ...o, setlinfo: { ...block, setl_id: '-' } }, what);
  return { ...r, setlinfo: { ...r.setlinfo, setl_id: '' } };
}

export class Center extends CenterClient {
  // ---- person and settlement -----------------------------------------------------------------

  personInfo(q: PersonInfoQuery, opts?: CallOptions): Promise<CenterReply<PersonInfo>> {
    return this.request('1101', { data: noNulls(q) }, parsePersonInfo, opts);
  }

  /** 2207. Pass the person's insuplc_admdvs (from 1101) in opts. */
  outpatientSettle(d: OutpatientSettleData, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('2207', { data: noNulls(d) }, (o) => parseSettlement(o, '2207 门诊结算'), opts);
  }

  /** 2208: the answer is a new, negative settlement. */
  outpatientCancel(d: SettlementCancelData, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('2208', { data: noNulls(d) }, (o) => parseSettlement(o, '2208 门诊结算撤销'), opts);
  }

  inpatientSettle(d: InpatientSettleData, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('2304', { data: noNulls(d) }, (o) => parseSettlement(o, '2304 住院结算'), opts);
  }

  inpatientCancel(d: SettlementCancelData, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('2305', { data: noNulls(d) }, (o) => parseSettlement(o, '2305 住院结算撤销'), opts);
  }

  /** 2601: reverse a call by its msgid. Only transactions the rule allows (2207, 2304, …). */
  reverse(d: ReverseData, opts?: CallOptions): Promise<CenterReply<Output>> {
    if (!REVERSIBLE_INFNOS.includes(d.oinfno)) {
      throw inputError(
        'CENTER_NOT_REVERSIBLE',
        `${d.oinfno} cannot be reversed with 2601`,
        `Only ${REVERSIBLE_INFNOS.join(', ')} can be reversed; cancel a settlement with 2208/2305 instead.`,
      ).zh(
        `${d.oinfno} 不能用 2601 冲正`,
        `只有 ${REVERSIBLE_INFNOS.join('、')} 可以冲正；结算请改用 2208/2305 撤销。`,
      );
    }
    return this.request('2601', { data: noNulls(d) }, (o) => o, opts);
  }

  /**
   * 5203: the center's view of one settlement, by setl_id or by visit (psn_no + mdtrt_id, no
   * setl_id). An answer by visit may be another settlement of that visit: compare its
   * `medins_setl_id` with the msgid of the call you are asking about.
   */
  querySettlement(q: SettlementQuery, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('5203', { data: noNulls(q) }, (o) => parseSettlement(o, '5203 结算信息查询'), opts);
  }

  // ---- the visit before settlement -------------------------------------------------------------

  /** 2201: register an outpatient visit; the answer's mdtrt_id names it in every later call. */
  outpatientRegister(d: OutpatientRegisterData, opts?: CallOptions): Promise<CenterReply<VisitAnswer>> {
    return this.request('2201', { data: noNulls(d) }, (o) => visitAnswer(outputNode(o, 'data', 'mdtrt_id')), opts);
  }

  /** 2204: upload outpatient fee lines; the answer prices each line. */
  outpatientFeeUpload(lines: readonly FeeLineData[], opts?: CallOptions): Promise<CenterReply<FeeLineResult[]>> {
    return this.request(
      '2204',
      { feedetail: lines.map(noNulls) },
      (o) => asArray(outputNode(o, 'result')) as FeeLineResult[],
      opts,
    );
  }

  /** 2206: what 2207 would split, without booking it (send its four parts back on 2207). */
  outpatientPresettle(d: PresettleData, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('2206', { data: noNulls(d) }, (o) => parsePresettlement(o, '2206 门诊预结算'), opts);
  }

  /** 2401: admit an inpatient; the answer's mdtrt_id names the stay. */
  admit(d: AdmissionData, opts?: CallOptions): Promise<CenterReply<VisitAnswer>> {
    return this.request(
      '2401',
      { mdtrtinfo: noNulls(d), diseinfo: [] },
      (o) => visitAnswer(outputNode(o, 'result', 'mdtrt_id')),
      opts,
    );
  }

  /** 2301: upload inpatient fee lines (cnt negative for a refund line). */
  inpatientFeeUpload(lines: readonly FeeLineData[], opts?: CallOptions): Promise<CenterReply<FeeLineResult[]>> {
    return this.request(
      '2301',
      { feedetail: lines.map(noNulls) },
      (o) => asArray(outputNode(o, 'result')) as FeeLineResult[],
      opts,
    );
  }

  inpatientPresettle(d: PresettleData, opts?: CallOptions): Promise<CenterReply<SettlementResult>> {
    return this.request('2303', { data: noNulls(d) }, (o) => parsePresettlement(o, '2303 住院预结算'), opts);
  }

  /** 2402: discharge. */
  discharge(d: DischargeData, opts?: CallOptions): Promise<CenterReply<Output>> {
    return this.request('2402', { dscginfo: noNulls(d), diseinfo: [] }, (o) => o, opts);
  }

  /** 5204: a visit's fee lines as the center holds them (only a settlement's, with setl_id). */
  feeDetailQuery(q: FeeDetailQuery, opts?: CallOptions): Promise<CenterReply<Record<string, unknown>[]>> {
    return this.request('5204', { data: noNulls(q) }, (o) => asArray(outputNode(o, 'feedetail', 'feedetl_sn')), opts);
  }

  // ---- reconciliation ------------------------------------------------------------------------

  stmtTotal(d: StmtTotalData, opts?: CallOptions): Promise<CenterReply<StmtInfo>> {
    return this.request(
      '3201',
      { data: noNulls({ ...d, setl_optins: d.setl_optins ?? this.config.setl_optins }) },
      parseStmtInfo,
      opts,
    );
  }

  /** 9101: upload a file (normally a ZIP). */
  uploadFile(filename: string, bytes: Uint8Array, opts?: CallOptions): Promise<CenterReply<FileInfo>> {
    return this.request(
      '9101',
      {
        fsUploadIn: { in: Buffer.from(bytes).toString('base64'), filename, fixmedins_code: this.config.fixmedins_code },
      },
      (o) => parseFileInfo(o, '9101 文件上传'),
      opts,
    );
  }

  /** 9102: download a file's bytes (a ZIP on success; a JSON envelope on failure becomes an error). */
  downloadFile(
    f: { file_qury_no: string; filename: string; fixmedins_code?: string },
    opts?: CallOptions,
  ): Promise<CenterReply<Buffer>> {
    return this.callForFile(
      '9102',
      {
        fsDownloadIn: {
          file_qury_no: f.file_qury_no,
          filename: f.filename,
          fixmedins_code: f.fixmedins_code ?? this.config.fixmedins_code,
        },
      },
      opts,
    );
  }

  /**
   * 3202, the whole flow: write the detail file, zip it, upload (9101), ask for the comparison
   * (3202), download the result (9102), unzip and parse it.
   */
  async stmtDetail(r: StmtDetailRequest, opts?: CallOptions): Promise<CenterReply<StmtDetailResult>> {
    const now = this.now();
    const text = writeStmtUploadFile(r.rows);
    const zipName =
      r.filename ?? `${this.config.fixmedins_code}_${stamp14(now, this.config.utcOffsetMinutes)}_3202.zip`;
    const zip = zipOne(STMT_UPLOAD_FILENAME, text, now);
    const up = await this.uploadFile(zipName, zip, opts);
    const medfee = money(r.totals?.medfee_sumamt ?? sum(r.rows.map((x) => x.medfee_sumamt)));
    const fund = money(r.totals?.fund_pay_sumamt ?? sum(r.rows.map((x) => x.fund_pay_sumamt)));
    const acct = sum(r.rows.map((x) => x.acct_pay));
    const cash = r.totals?.cash_payamt !== undefined ? money(r.totals.cash_payamt) : medfee.minus(fund).minus(acct);
    const detail = await this.request(
      '3202',
      {
        data: noNulls({
          setl_optins: r.setl_optins ?? this.config.setl_optins,
          file_qury_no: up.result.file_qury_no,
          stmt_begndate: r.stmt_begndate,
          stmt_enddate: r.stmt_enddate,
          medfee_sumamt: medfee,
          fund_pay_sumamt: fund,
          cash_payamt: cash,
          fixmedins_setl_cnt: r.totals?.fixmedins_setl_cnt ?? r.rows.length,
          clr_type: r.clr_type,
          refd_setl_flag: r.refd_setl_flag,
        }),
      },
      (o) => parseFileInfo(o, '3202 医药机构费用结算对明细账'),
      opts,
    );
    const down = await this.downloadFile(
      { file_qury_no: detail.result.file_qury_no, filename: detail.result.filename },
      opts,
    );
    const { name, text: resultText } = readFileBody(down.result, '.txt');
    return {
      ...detail,
      attempts: up.attempts + detail.attempts + down.attempts,
      durationMs: up.durationMs + detail.durationMs + down.durationMs,
      result: {
        upload: up.result,
        fileinfo: detail.result,
        rows: parseStmtResultFile(resultText),
        resultFilename: name,
        msgids: { upload: up.msgid, detail: detail.msgid, download: down.msgid },
      },
    };
  }

  // ---- catalogs and mappings -----------------------------------------------------------------

  /**
   * 1301–1315 file catalogs: ask for the file newer than `ver`, download it (9102), unzip, parse
   * the tab-separated rows; repeat with the version of the last record until a file is empty,
   * the version stops moving, or maxPages is reached.
   */
  async catalogDownload(
    infno: CatalogFileInfno,
    o: CatalogDownloadOptions,
    opts?: CallOptions,
  ): Promise<CenterReply<CatalogDownloadResult>> {
    if (!Object.hasOwn(CATALOG_FILE_INFNOS, infno)) {
      throw inputError(
        'CENTER_CATALOG',
        `${infno} is not a file catalog`,
        `Use one of ${Object.keys(CATALOG_FILE_INFNOS).join(', ')}; 1312 is a paged query (hilistQuery).`,
      ).zh(
        `${infno} 不是文件下载类目录`,
        `请使用 ${Object.keys(CATALOG_FILE_INFNOS).join('、')} 之一；1312 是分页查询（hilistQuery）。`,
      );
    }
    const pages: CatalogPage[] = [];
    const records: CatalogRecord[] = [];
    const maxPages = o.maxPages ?? 100;
    let ver = o.ver;
    let last: CenterReply<FileInfo> | undefined;
    let attempts = 0;
    let durationMs = 0;
    while (pages.length < maxPages) {
      const list = await this.request(
        infno,
        { data: { ver } },
        (out) => parseFileInfo(out, `${infno} ${CATALOG_FILE_INFNOS[infno]}`),
        opts,
      );
      last = list;
      attempts += list.attempts;
      durationMs += list.durationMs;
      if (list.result.data_cnt === 0) break;
      const down = await this.downloadFile(
        {
          file_qury_no: list.result.file_qury_no,
          filename: list.result.filename,
          fixmedins_code: this.config.catalogFileOwner,
        },
        opts,
      );
      attempts += down.attempts;
      durationMs += down.durationMs;
      const rows = parseCatalogFile(infno, readFileBody(down.result, '.txt').text);
      const nextVer = catalogNextVersion(rows);
      const page: CatalogPage = {
        ver,
        fileinfo: list.result,
        count: rows.length,
        nextVer,
        msgids: { list: list.msgid, download: down.msgid },
      };
      pages.push(page);
      if (o.onPage) await o.onPage(page, rows);
      if (o.collect !== false) for (const r of rows) records.push(r);
      if (rows.length === 0 || !nextVer || nextVer === ver) break;
      ver = nextVer;
    }
    const lastVer = pages.length ? (pages[pages.length - 1]!.nextVer ?? ver) : o.ver;
    return {
      infno,
      msgid: last!.msgid,
      inf_refmsgid: last!.inf_refmsgid,
      warn_msg: last!.warn_msg,
      attempts,
      durationMs,
      result: { infno, pages, records, lastVer },
    };
  }

  /** 1312 医保目录信息查询, one page. */
  hilistQuery(q: HilistQuery, opts?: CallOptions): Promise<CenterReply<HilistPage>> {
    return this.request(
      '1312',
      { data: noNulls(q) },
      (o) => {
        const rows = asArray(outputNode(o, 'data') ?? pick(o, 'list')).map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, nullable(v === null || v === undefined ? undefined : String(v))]),
          ),
        );
        return {
          rows,
          recordCounts: asNum(pick(o, 'recordCounts')),
          pageNum: asNum(pick(o, 'pageNum')),
          pageSize: asNum(pick(o, 'pageSize')),
          pages: asNum(pick(o, 'pages')),
        };
      },
      opts,
    );
  }

  /** 3301: upload one mapping (hospital item → national code). */
  mappingUpload(d: MappingData, opts?: CallOptions): Promise<CenterReply<Output>> {
    return this.request('3301', { data: noNulls(d) }, (o) => o, opts);
  }

  /** 3302: withdraw one mapping. */
  mappingWithdraw(d: MappingWithdrawData, opts?: CallOptions): Promise<CenterReply<Output>> {
    return this.request(
      '3302',
      { data: noNulls({ ...d, fixmedins_code: d.fixmedins_code ?? this.config.fixmedins_code }) },
      (o) => o,
      opts,
    );
  }

  // ---- inventory and trace codes -------------------------------------------------------------

  /** 3501 stock-take. */
  goodsUpload(d: StockTakeInfo, opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3501', { invinfo: noNulls(d) }, parseGoodsResult, opts);
  }

  /** 3502 stock change (with trace codes for 入库 types). */
  goodsChange(d: StockChangeInfo, opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3502', { invinfo: noNulls(d) }, parseGoodsResult, opts);
  }

  /** 3505 sale / dispensing, one entry per scanned code in drugtracinfo. */
  goodsSell(d: SaleInfo, opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3505', { selinfo: noNulls(d) }, parseGoodsResult, opts);
  }

  /** 3506 sale return. */
  goodsSellReturn(d: SaleReturnInfo, opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3506', { selinfo: noNulls(d) }, parseGoodsResult, opts);
  }

  /** 3501A batch stock-take. */
  goodsUploadBatch(items: readonly StockTakeInfo[], opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3501A', { invinfoDetail: items.map(noNulls) }, parseGoodsResult, opts);
  }

  /** 3502A batch stock change. */
  goodsChangeBatch(items: readonly StockChangeInfo[], opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3502A', { invinfoDetail: items.map(noNulls) }, parseGoodsResult, opts);
  }

  /** 3505A batch sale. */
  goodsSellBatch(items: readonly SaleInfo[], opts?: CallOptions): Promise<CenterReply<GoodsResult>> {
    return this.request('3505A', { selinfoDetail: items.map(noNulls) }, parseGoodsResult, opts);
  }
}

/** A downloaded file's text: unzip when it is a ZIP (preferring `prefer`), decode UTF-8 or GBK. */
export function readFileBody(bytes: Buffer, prefer?: string): { name: string; text: string } {
  if (isZip(bytes)) {
    const e = unzipOne(bytes, prefer);
    return { name: e.name, text: decodeText(e.data) };
  }
  return { name: '', text: decodeText(bytes) };
}
