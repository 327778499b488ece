/**
 * core/audit: recompute the settlements the HIS recorded with the policy in force and list those
 * whose split differs (`settle audit`). The row-to-input mapping is pure; `runAudit` reads through
 * the HIS profile. See docs/rules.md, "settle audit".
 */
export {
  auditInputOf,
  feeLineOf,
  recordedSetlinfo,
  skipReason,
  DEFAULT_AGE,
  type AuditAssumptions,
  type AuditInput,
  type SkipReason,
  type Row,
} from './auditInput.js';
export {
  runAudit,
  openAudit,
  nextDay,
  type AuditOptions,
  type AuditReport,
  type AuditFinding,
  type AuditDifference,
  type OpenAuditOptions,
} from './runAudit.js';
