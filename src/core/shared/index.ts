/**
 * Small utilities several jobs need, in one place each: URL redaction, did-you-mean, CSV lines and
 * records,
 * text decoding (UTF-8 or GBK), a growing UTF-8 buffer, ZIP, retry backoff, the concurrency pool and the read-ahead
 * pipeline. Day arithmetic lives in
 * core/time (`addDays`, `daysBetween`, `dayOf`).
 */
export { redactUrl, redactUrlPath, redactUrlsInText, redactUserInfo } from './redactUrl.js';
export { closest } from './closest.js';
export { csvLine } from './csvLine.js';
export { parseCsv, type CsvRecord } from './csvRecords.js';
export { decodeText, type TextHint } from './decodeText.js';
export {
  checkEntry,
  dataStart,
  findDirectory,
  isZip,
  parseDirectory,
  unzipAll,
  unzipOne,
  unzipOneAsync,
  unzipAllAsync,
  ZIP_TAIL_MAX,
  ZipError,
  zipOne,
  zipOneAsync,
  type ZipEntry,
  type ZipEntryInfo,
} from './zip.js';
export { backoffDelay } from './backoff.js';
export { mapPool } from './pool.js';
export { Slots } from './slots.js';
export { Utf8Buffer } from './utf8Buffer.js';
export { runPipeline, type PipelineStages } from './pipeline.js';
export { yieldToIo } from './yieldToIo.js';
