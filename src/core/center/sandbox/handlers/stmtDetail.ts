/**
 * 3202 detail reconciliation: read the uploaded ZIP (9101), check it against the request's totals,
 * compare it with the ledger (detailCompare.ts) and store the result ZIP (result.txt) for 9102.
 *
 * In two parts. The comparison (`stmtDetailResult`) runs before the ledger transaction, in steps
 * with breaks between them and the ZIPs (un)packed on libuv's thread pool: a day of a large
 * hospital is a few hundred milliseconds of work, and the center goes on answering the other
 * calls meanwhile (a reconciliation's 3201 totals of the next days), as a real center does. The
 * handler itself (`stmtDetail`) only stores the result.
 */
import { scanStmtUploadFile, STMT_RESULT_FILENAME, writeStmtResultFile } from '../../protocol/index.js';
import { decodeText, isZip, unzipOneAsync, yieldToIo, zipOneAsync } from '../../../shared/index.js';
import { D, fenOfText, money } from '../../../money.js';
import { compareDetails, compareDetailsBytes } from '../detailCompare.js';
import { node, Refusal, text, type Handler, type HandlerCtx } from './context.js';
import { storeFile } from './files.js';

/** The result ZIP of a 3202 request (throws Refusal). */
export async function stmtDetailResult(ctx: HandlerCtx): Promise<Buffer> {
  const d = node(ctx, 'data');
  const no = text(d, 'file_qury_no');
  const file = ctx.ledger.getFile(no);
  if (!file || file.kind !== 'upload' || file.fixmedins_code !== ctx.fixmedins_code) {
    throw new Refusal(
      `对账明细文件不存在：file_qury_no ${no} (upload the detail file with 9101 first and pass the number it returns)`,
    );
  }
  if (!isZip(file.bytes))
    throw new Refusal(
      `对账明细文件不是 ZIP 压缩包：file ${no} (${file.filename}); zip the tab-separated text before 9101`,
    );
  let textBody: string;
  try {
    textBody = decodeText((await unzipOneAsync(file.bytes, '.txt')).data);
  } catch (e) {
    throw new Refusal(`对账明细文件无法解压：${(e as Error).message}`);
  }
  // Amounts in fen: a day of a large hospital is tens of thousands of lines (money.fenOfText).
  const { rows, problems } = scanStmtUploadFile(textBody, fenOfText);
  if (problems.length) {
    const first = problems
      .slice(0, 3)
      .map((p) => `第${p.line}行 ${p.message}`)
      .join('；');
    throw new Refusal(
      `对账明细文件格式错误：${first}${problems.length > 3 ? `；等 ${problems.length} 处` : ''} (7 tab-separated columns: setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag)`,
    );
  }
  const from = text(d, 'stmt_begndate');
  const to = text(d, 'stmt_enddate');
  if (from > to) throw new Refusal(`对账开始日期晚于结束日期：${from} > ${to}`);
  let medfeeFen = 0;
  let fundFen = 0;
  for (const r of rows) {
    medfeeFen += r.medfee_sumamt;
    fundFen += r.fund_pay_sumamt;
  }
  const medfee = new D(medfeeFen).div(100);
  const fund = new D(fundFen).div(100);
  const cnt = Number(d.fixmedins_setl_cnt);
  if (
    rows.length !== cnt ||
    !medfee.eq(money(d.medfee_sumamt as string | number)) ||
    !fund.eq(money(d.fund_pay_sumamt as string | number))
  ) {
    throw new Refusal(
      `文件合计与入参不符：文件 ${rows.length} 条 medfee_sumamt=${medfee.toFixed(2)} fund_pay_sumamt=${fund.toFixed(2)}；入参 fixmedins_setl_cnt=${cnt} medfee_sumamt=${money(d.medfee_sumamt as string | number).toFixed(2)} fund_pay_sumamt=${money(d.fund_pay_sumamt as string | number).toFixed(2)}`,
    );
  }
  const scope = {
    from,
    to,
    setl_optins: text(d, 'setl_optins'),
    clr_type: text(d, 'clr_type'),
    fixmedins_code: ctx.fixmedins_code,
  };
  const filter = {
    fixmedins_code: ctx.fixmedins_code,
    from,
    to,
    setl_optins: scope.setl_optins,
    clr_type: scope.clr_type || undefined,
    refd_setl_flag: text(d, 'refd_setl_flag') === '0' ? '0' : '1',
  };
  const lookup = (id: string) => ctx.ledger.getSettlement(id);
  await yieldToIo();
  // The center's rows as bytes; as objects only when a value would not read back from them.
  const brief = ctx.ledger.briefBytes(filter);
  await yieldToIo();
  const result =
    compareDetailsBytes(rows, brief, lookup, scope) ??
    writeStmtResultFile(compareDetails(rows, ctx.ledger.listBrief(filter), lookup, scope));
  return zipOneAsync(STMT_RESULT_FILENAME, result, ctx.now);
}

/** Stores the result made beforehand (`ctx.prepared`, from stmtDetailResult) for 9102. */
export const stmtDetail: Handler = (ctx) => {
  if (!Buffer.isBuffer(ctx.prepared)) throw new Error('3202 answered without its comparison (stmtDetailResult)');
  const no = text(node(ctx, 'data'), 'file_qury_no');
  const f = storeFile(ctx, 'result', `${no}_result.zip`, ctx.prepared);
  return { output: { fileinfo: { file_qury_no: f.file_qury_no, filename: f.filename, dld_endtime: f.dld_endtime } } };
};
