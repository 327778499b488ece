/**
 * Small utilities several jobs need, in one place each (pure): URL redaction, did-you-mean, CSV
 * cells. Day arithmetic lives in core/time (`addDays`, `daysBetween`, `dayOf`).
 */
export { redactUrl, redactUrlPath, redactUrlsInText, redactUserInfo } from './redactUrl.js';
export { closest, editDistance } from './closest.js';
export { csvCell, csvLine } from './csvCell.js';
