/**
 * 9101 upload and 9102 download. Files live in the ledger with a query number and a download
 * deadline; 9102 answers with the raw bytes (a ZIP) or, on failure, a JSON envelope.
 */
import { stamp14 } from '../../protocol/index.js';
import type { FileRow } from '../ledger.js';
import { addHours, node, Refusal, text, type Handler, type HandlerCtx } from './context.js';

/** admdvs (6) + yyyyMMddHHmmss (14) + serial (10) = 30 characters. */
function newFileQuryNo(ctx: HandlerCtx): string {
  return `${ctx.opts.admdvs}${stamp14(ctx.now, ctx.opts.utcOffsetMinutes)}${String(ctx.ledger.nextSerial('file_qury_no') % 1e10).padStart(10, '0')}`;
}

export function storeFile(
  ctx: HandlerCtx,
  kind: string,
  filename: string,
  bytes: Buffer,
  owner = ctx.fixmedins_code,
): FileRow {
  const f: FileRow = {
    file_qury_no: newFileQuryNo(ctx),
    filename,
    fixmedins_code: owner,
    kind,
    bytes,
    msgid: ctx.msgid,
    created_at: ctx.nowText,
    dld_endtime: addHours(ctx.nowText, ctx.opts.fileTtlHours),
  };
  ctx.ledger.putFile(f);
  return f;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

export const upload: Handler = (ctx) => {
  const d = node(ctx, 'fsUploadIn');
  const code = text(d, 'fixmedins_code');
  if (code !== ctx.fixmedins_code)
    throw new Refusal(
      `文件上传机构编号不符：fsUploadIn.fixmedins_code ${code} ≠ ${ctx.fixmedins_code} (send the sender's own code)`,
    );
  const raw = d.in;
  if (typeof raw !== 'string' || !BASE64.test(raw))
    throw new Refusal("文件内容格式错误：fsUploadIn.in must be the file's bytes in Base64");
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length === 0) throw new Refusal('文件内容为空：fsUploadIn.in holds no bytes');
  const f = storeFile(ctx, 'upload', text(d, 'filename'), bytes);
  return { output: { file_qury_no: f.file_qury_no, filename: f.filename, dld_endtime: f.dld_endtime } };
};

export const download: Handler = (ctx) => {
  const d = node(ctx, 'fsDownloadIn');
  const no = text(d, 'file_qury_no');
  const f = ctx.ledger.getFile(no);
  const code = text(d, 'fixmedins_code');
  // Catalog files are public: reference clients ask for them as the literal "plc".
  const mayRead =
    f &&
    (f.fixmedins_code === ctx.fixmedins_code ||
      (f.fixmedins_code === 'plc' && (code === 'plc' || code === ctx.fixmedins_code)));
  if (!f || !mayRead)
    throw new Refusal(
      `文件不存在：file_qury_no ${no} (no file with that number for institution ${ctx.fixmedins_code})`,
    );
  if (code !== 'plc' && code !== ctx.fixmedins_code)
    throw new Refusal(`文件下载机构编号不符：fsDownloadIn.fixmedins_code ${code} ≠ ${ctx.fixmedins_code}`);
  if (text(d, 'filename') !== f.filename)
    throw new Refusal(`文件名不符：file ${no} is named ${f.filename}, not ${text(d, 'filename')}`);
  if (f.dld_endtime < ctx.nowText)
    throw new Refusal(`文件已过下载期限：file ${no} could be downloaded until ${f.dld_endtime}; ask for it again`);
  return { file: Buffer.from(f.bytes), filename: f.filename };
};
