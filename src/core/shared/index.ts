/**
 * Small utilities several jobs need, in one place each: URL redaction, did-you-mean, CSV cells,
 * retry backoff, the concurrency pool and the read-ahead pipeline. Day arithmetic lives in
 * core/time (`addDays`, `daysBetween`, `dayOf`).
 */
export { redactUrl, redactUrlPath, redactUrlsInText, redactUserInfo } from './redactUrl.js';
export { closest, editDistance } from './closest.js';
export { csvCell, csvLine } from './csvCell.js';
export { backoffDelay } from './backoff.js';
export { mapPool } from './pool.js';
export { runPipeline, type PipelineStages } from './pipeline.js';
