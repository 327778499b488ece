/**
 * The center sandbox: a local insurance center speaking the published protocol over HTTP, with
 * its own SQLite ledger, fault injection, and a ledger API for seeding history. See docs/sandbox.md.
 */
export { startSandbox } from './server.js';
export { SERVICE_PATH } from './transport.js';
export type { Sandbox, SandboxOptions, SandboxEvent, SandboxStats, TifCheck } from './sandboxOptions.js';
export {
  Ledger,
  openLedger,
  clrTypeForMedType,
  type LedgerOptions,
  type SettlementRow,
  type SettlementBrief,
  type SettlementStatus,
  type SettlementFilter,
  type LedgerTotals,
  type SeedSettlement,
  type SeedCancellation,
  type MessageRow,
  type MappingRow,
  type TraceRecordRow,
  type TraceCodeRow,
  type TraceCodeFilter,
  type TraceMovement,
  type FileRow,
  type SigninRow,
} from './ledger.js';
export { LEDGER_AMOUNTS, type LedgerAmount } from './ledgerSchema.js';
export {
  parseFaults,
  formatFaults,
  FaultPlan,
  FAULT_KINDS,
  type FaultRule,
  type FaultKind,
  type FaultDecision,
  type FaultSpecInput,
} from './faults.js';
export {
  sandboxRoster,
  personFromCertno,
  personFromPsnNo,
  psnNoFor,
  certnoInPsnNo,
  isResidentId,
  idCheckChar,
  type Person,
  type RosterOptions,
} from './roster.js';
export { rulesSplit, type RulesSplitOptions } from './rulesSplit.js';
export { simpleSplit, type SplitFn, type SplitInput, type SplitResult, type SetlDetail } from './simpleSplit.js';
export {
  catalogVersions,
  catalogCode,
  nextCatalogVersion,
  type CatalogVersion,
  type CatalogOptions,
} from './catalogGen.js';
export {
  compareDetails,
  compareDetailsBytes,
  DETAIL_MEMO,
  type DetailScope,
  type UploadLine,
  type SettlementKeys,
} from './detailCompare.js';
export { CenterService, msgidProblem, type ServiceAnswer, type ResponseBody } from './service.js';
export { offeredInfnos } from './dispatch.js';
export {
  checkMessage,
  noteMessage,
  newConformanceState,
  type Violation,
  type ViolationKind,
  type ConformanceState,
  type CheckContext,
} from './conformance/checkMessage.js';
export {
  ConformanceCollector,
  conformanceHtml,
  maskMessage,
  type ConformanceReport,
  type TransactionReport,
  type OffendingMessage,
  type ReportLabels,
} from './conformance/conformanceReport.js';
export {
  startConformance,
  jsonFileFor,
  type ConformanceOptions,
  type ConformanceRecorder,
} from './conformance/conformanceRecorder.js';
export {
  planSeed,
  applySeed,
  PLANT_KINDS,
  type HisSettlementCopy,
  type PlantKind,
  type PlantedDifference,
  type SeedPlan,
  type SeedSkip,
} from './seedFromHis.js';
export { VisitStore, type VisitRow, type VisitStatus, type FeeLineRow, type LinePricing } from './visits.js';
