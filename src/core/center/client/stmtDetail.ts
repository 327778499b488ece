/** 3202 through the client: the detail file up (9101), the comparison (3202), the result down (9102). */
import { money, sum } from '../../money.js';
import { parseFileInfo, type FileInfo } from '../protocol/records.js';
import {
  parseStmtResultFile,
  STMT_UPLOAD_FILENAME,
  writeStmtUploadFile,
  type StmtResultRow,
} from '../protocol/stmtFile.js';
import { stamp14 } from '../protocol/time.js';
import { zipOne } from '../../shared/index.js';
import type { Center } from './center.js';
import { noNulls, readFileBody } from './fileBody.js';
import type { CallOptions, CenterReply, StmtDetailRequest } from './types.js';

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

/**
 * 3202, the whole flow: write the detail file, zip it, upload (9101), ask for the comparison
 * (3202), download the result (9102), unzip and parse it.
 */
export async function stmtDetail(
  center: Center,
  r: StmtDetailRequest,
  opts?: CallOptions,
): Promise<CenterReply<StmtDetailResult>> {
  const now = center.now();
  const text = writeStmtUploadFile(r.rows);
  const zipName =
    r.filename ?? `${center.config.fixmedins_code}_${stamp14(now, center.config.utcOffsetMinutes)}_3202.zip`;
  const zip = zipOne(STMT_UPLOAD_FILENAME, text, now);
  const up = await center.uploadFile(zipName, zip, opts);
  const medfee = money(r.totals?.medfee_sumamt ?? sum(r.rows.map((x) => x.medfee_sumamt)));
  const fund = money(r.totals?.fund_pay_sumamt ?? sum(r.rows.map((x) => x.fund_pay_sumamt)));
  const acct = sum(r.rows.map((x) => x.acct_pay));
  const cash = r.totals?.cash_payamt !== undefined ? money(r.totals.cash_payamt) : medfee.minus(fund).minus(acct);
  const detail = await center.request(
    '3202',
    {
      data: noNulls({
        setl_optins: r.setl_optins ?? center.config.setl_optins,
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
  const down = await center.downloadFile(
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
