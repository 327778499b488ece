/**
 * Typed transactions on top of CenterClient. Each method takes the national fields and returns
 * a CenterReply whose `result` is a typed record with Decimal money.
 */
import { externalError, inputError } from '../../errors.js';
import type { Output } from '../protocol/envelope.js';
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
import type { CatalogFileInfno } from '../protocol/catalogTransactions.js';
import { REVERSIBLE_INFNOS } from '../protocol/transactions.js';
import { nullable } from '../protocol/tsv.js';
import { catalogDownload, type CatalogDownloadOptions, type CatalogDownloadResult } from './catalogDownload.js';
import { CenterClient } from './centerClient.js';
import { noNulls } from './fileBody.js';
import { stmtDetail, type StmtDetailResult } from './stmtDetail.js';
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

export interface HilistPage {
  rows: Record<string, string | null>[];
  recordCounts: number | null;
  pageNum: number | null;
  pageSize: number | null;
  pages: number | null;
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
   * (3202), download the result (9102), unzip and parse it (stmtDetail.ts).
   */
  stmtDetail(r: StmtDetailRequest, opts?: CallOptions): Promise<CenterReply<StmtDetailResult>> {
    return stmtDetail(this, r, opts);
  }

  // ---- catalogs and mappings -----------------------------------------------------------------

  /**
   * 1301–1315 file catalogs: ask for the file newer than `ver`, download it (9102), unzip, parse
   * the tab-separated rows; repeat until a file is empty, the version stops moving, or maxPages
   * is reached (catalogDownload.ts).
   */
  catalogDownload(
    infno: CatalogFileInfno,
    o: CatalogDownloadOptions,
    opts?: CallOptions,
  ): Promise<CenterReply<CatalogDownloadResult>> {
    return catalogDownload(this, infno, o, opts);
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
