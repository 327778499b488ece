/**
 * core/settle: stuck settlements. Detection (gather candidates → ask the center → classify, pure
 * classifier), repair planning (pure), applying (journaled step by step), the audit trail, and
 * the demo step. See docs/stuck.md.
 */
export * from './types.js';
export {
  parseStuckSettings,
  parseDuration,
  DEFAULT_STUCK,
  DEFAULT_PATTERNS,
  type StuckSettings,
  type RefusalPatterns,
} from './stuckConfig.js';
export {
  centerView,
  isRefundRow,
  refusalKind,
  toCenterSetl,
  type RefusalKind,
  type SetlinfoLike,
} from './centerView.js';
export {
  mergeCandidates,
  deriveIds,
  attachPrior,
  inPeriod,
  setlIdOfOutput,
  type SourceRows,
} from './mergeCandidates.js';
export { classifyStuck, hisState, amountDeltas, isStuck, COMPARED_AMOUNTS } from './classifyStuck.js';
export { stuckWhyZh } from './findingWords.js';
export { hisStateWord, centerStateWord, centerNoteWords } from './centerNoteWords.js';
export { planRepair, planRepairs, type PlanOptions } from './planRepair.js';
export { centerOnlyMode } from './centerOnlyMode.js';
export { describeStep } from './repairSteps.js';
export { selectCandidates, matchId, type IdHistory, type IdProblem, type Selection } from './selectCandidates.js';
export {
  normalizeFinding,
  loadOneSidedFindings,
  type ReconcileSource,
  type ReconcileRead,
} from './reconcileFindings.js';
export {
  gatherCandidates,
  lookUpMissing,
  type StuckEnv,
  type GatherOptions,
  type Gathered,
  type SourceCounts,
} from './gatherCandidates.js';
export {
  askOne,
  askWay,
  needsAsking,
  assessCandidates,
  type CenterLike,
  type AskOptions,
  type AskStats,
} from './askCenter.js';
export {
  detectStuck,
  planReverse,
  type DetectOptions,
  type StuckReport,
  type ReverseOptions,
  type ReversePlan,
} from './detectStuck.js';
export { applyRepairs, type ApplyEnv, type ApplyOptions, type ApplyHooks } from './applyRepairs.js';
export {
  StuckActionJournal,
  STUCK_ACTIONS_TABLE,
  type ActionRecord,
  type ActionQuery,
  type ActionStep,
  type ActionStatus,
} from './actionJournal.js';
export { isLockError, boundLockWait } from './hisLock.js';
export { demoStuck, type DemoStuckOptions, type DemoStuckResult } from './demoStuck.js';
export { settleAtCashier, type DemoPerson, type CashierVisit, type CashierResult } from './demoCashier.js';
export { openStuckEnv, type OpenStuckEnvOptions, type OpenedStuckEnv } from './openStuckEnv.js';
export { findingToJson, planItemToJson } from './toJson.js';
