/**
 * core/reconcile: reconciliation with the center (对账). Pure parts: the province's rules
 * (rules.ts), periods, grouping and sums (groups.ts), the 3202 detail and result files
 * (detailFile.ts), matching (match.ts), classification with evidence and repairs (classify.ts,
 * repair.ts), the census of rows left out (hisValues.ts), summaries and reports. Effectful: the
 * run (run.ts: a ReconcileRun record filled by its phases, see docs/architecture.md "Where to
 * start reading"), the journal tables (store.ts: runs and findings; knownGroups.ts: the
 * institution's known groups) and the demo step (demo.ts). See docs/reconcile.md.
 */
export * from './types.js';
export {
  parseReconcileRules,
  DEFAULT_RULES,
  isInsutype,
  isClrType,
  refdFlag,
  type ReconcileRules,
  type GroupSpec,
  type PeriodMode,
  type DetailMode,
  type RefundRule,
  type HospitalBorneRule,
  type OutOfAreaRule,
  type RulesSource,
} from './rules.js';
export {
  resolvePeriods,
  periodOf,
  addDays,
  isDay,
  daysBetween,
  type Period,
  type PeriodPlan,
  type PeriodRequest,
} from './period.js';
export { parseFen, fenText, fenDecimal, decimalFen } from './fen.js';
export { HisReader } from './hisReader.js';
export {
  readHisRow,
  readHisValues,
  columnIndex,
  RECONCILE_COLUMNS,
  SUMMED_COLUMNS,
  type ColumnIndex,
} from './hisRows.js';
export {
  GroupBook,
  groupKey,
  groupOfKey,
  scopeKey,
  groupsToSend,
  knownGroupKeys,
  groupAllowed,
  ASK_REASONS,
  totalsRequest,
  totalsText,
  sameTotals,
  zeroTotals,
  addTo,
  type FenTotals,
  type TotalsText,
  type GroupFilter,
  type AskReason,
  type GroupToAsk,
} from './groups.js';
export { HisValueCensus, DOCUMENTED_STATUSES } from './hisValues.js';
export {
  detailRequest,
  parseResultText,
  parseResultLine,
  rowBalanced,
  type DetailRequest,
  type ParsedResult,
} from './detailFile.js';
export { parseResultBytes } from './resultBytes.js';
export { matchDetail, type MatchResult } from './match.js';
export { classify, problemFinding, evidenceNeeds, centerQueryOf, type EvidenceNeeds } from './classify.js';
export { dayShift, minutesBetween, type ClassifyContext } from './findingBase.js';
export { mergeFindings } from './mergeFindings.js';
export { repairFor, handedOff, type RepairInput } from './repair.js';
export { findingDetailZh, repairHowZh } from './findingWords.js';
export {
  settleGroupSums,
  daySummaries,
  type GroupResult,
  type DaySummary,
  type RunStatus,
  type DetailState,
} from './summary.js';
export {
  reportCsv,
  reportJson,
  reportHtml,
  reportFormat,
  dailyChartSvg,
  type ReportInput,
  type ReportFormat,
} from './report.js';
export { reportModel, totalRow, type ReportModel, type Sheet, type Column, type Cell } from './reportModel.js';
export { reportXlsx } from './reportXlsx.js';
/** Codes with their names ("310 职工基本医疗保险") for the command's tables. */
export { codeLabel } from '../center/protocol/codeNames.js';
export {
  RECONCILE_RUNS_TABLE,
  RECONCILE_FINDINGS_TABLE,
  recordRunStart,
  recordRunEnd,
  reconcileHistory,
  latestPerDay,
  latestOneSidedFindings,
  runFindings,
  type RunRow,
  type OneSidedFinding,
} from './store.js';
export {
  RECONCILE_KNOWN_GROUPS_TABLE,
  knownGroups,
  recordKnownGroups,
  groupsOfCalls,
  type KnownGroup,
  type GroupSighting,
  type GroupSource,
} from './knownGroups.js';
export { runReconcile } from './run.js';
export {
  APPLY_NOTE,
  type CenterPort,
  type ReconcileDeps,
  type ReconcileOptions,
  type ReconcileResult,
  type ReconcileProgress,
} from './runTypes.js';
export {
  demoReconcile,
  expectedFindings,
  findingMatches,
  type DemoReconcileOptions,
  type DemoReconcileResult,
  type ExpectedFinding,
} from './demo.js';
