/**
 * The 3202 flow of one scope (clearing type × agency × period): the detail file of the HIS's
 * settlements goes up (9101), 3202 asks the center to compare, the result file comes down (9102),
 * and the result is matched against the same HIS rows. Returns what differs; the time spent
 * parsing and matching counts as classification. The file is made beforehand (`prepareScope`), so
 * that a run can make the next period's while this one is at the center.
 */
import { performance } from 'node:perf_hooks';
import { parseFileInfo, readFileBytes, STMT_UPLOAD_FILENAME } from '../center/index.js';
import { yieldToIo, zipOneAsync } from '../shared/index.js';
import { externalError } from '../errors.js';
import { detailRequest, parseResultLine, type DetailRequest } from './detailFile.js';
import { parseResultBytes } from './resultBytes.js';
import { matchDetail } from './match.js';
import type { Period } from './period.js';
import type { ReconcileRun } from './reconcileRun.js';
import type { DetailScope, Difference, HisSettlement } from './types.js';

/** A scope ready for the center: its HIS rows, the 3202 data and the zipped detail file. */
export interface PreparedScope {
  scope: DetailScope;
  his: HisSettlement[];
  data: DetailRequest['data'];
  name: string;
  zip: Uint8Array;
}

export async function prepareScope(
  run: ReconcileRun,
  scope: DetailScope,
  his: HisSettlement[],
): Promise<PreparedScope> {
  const { center, fixmedins_code } = run.deps;
  const req = detailRequest(scope, his, run.rules);
  const name = `${fixmedins_code}_${scope.begndate.replace(/-/g, '')}_${scope.clr_type}_${scope.setl_optins}_3202.zip`;
  // Deflated off the event loop: the 3201 answers of the periods being totalled keep coming in.
  return { scope, his, data: req.data, name, zip: await zipOneAsync(STMT_UPLOAD_FILENAME, req.bytes, center.now()) };
}

export async function compareScope(run: ReconcileRun, period: Period, prepared: PreparedScope): Promise<Difference[]> {
  run.progress('detail', period, 0, 1);
  const { rules } = run;
  const bytes = await run.centerCall('3202', () => askDetail(run, prepared));
  run.calls['3202']++;
  const c0 = performance.now();
  const parsed = parseResultBytes(bytes, rules.resultColumns);
  run.timings.classify_ms += performance.now() - c0;
  // A break between the two passes over the day: the 3201 answers waiting meanwhile are read.
  await yieldToIo();
  const c1 = performance.now();
  const lines = parsed.rows.length + parsed.balanced.length;
  run.counts.result_rows += lines;
  const m = matchDetail(prepared.his, parsed.rows, parsed.balanced, (b) =>
    parseResultLine(b.raw, b.line, rules.resultColumns),
  );
  run.timings.classify_ms += performance.now() - c1;
  run.timings.classify_rows += lines;
  return m.differences;
}

/** 9101 (the zipped detail file) → 3202 → 9102: the result file's bytes (unzipped). */
async function askDetail(run: ReconcileRun, { name, zip, data }: PreparedScope): Promise<Uint8Array> {
  const { center } = run.deps;
  const up = await center.uploadFile(name, zip);
  const det = await center.request('3202', { data: { ...data, file_qury_no: up.result.file_qury_no } }, (o) =>
    parseFileInfo(o, '3202 医药机构费用结算对明细账'),
  );
  const down = await center.downloadFile({ file_qury_no: det.result.file_qury_no, filename: det.result.filename });
  try {
    return (await readFileBytes(down.result, '.txt')).data;
  } catch (e) {
    throw externalError(
      'RECONCILE_RESULT_UNREADABLE',
      `The center's 3202 result file ${det.result.filename} (file_qury_no ${det.result.file_qury_no}) cannot be read`,
      'The download was cut off or is not a ZIP: run the reconciliation again (it is safe to repeat); if it keeps failing, ask the center about the file.',
      e instanceof Error ? e.message : String(e),
      { file_qury_no: det.result.file_qury_no, filename: det.result.filename, bytes: down.result.length },
    ).zh(
      `无法读取医保中心的 3202 结果文件 ${det.result.filename}（file_qury_no ${det.result.file_qury_no}）`,
      '下载中断或不是 ZIP 文件：请再次对账（可安全重复）；如持续失败，请向医保中心询问该文件。',
    );
  }
}
