/**
 * HIS version sync: schema snapshot, diff, sync script, journaled apply, and test-database clone.
 * The public face of core/schema; commands import only this file.
 */
export * from './model.js';
export {
  type Change,
  type ChangeKind,
  type ColumnAspect,
  changeTitle,
  changeObject,
  changeDirection,
} from './changes.js';
export {
  diffModels,
  countChanges,
  type DiffResult,
  type DiffOptions,
  type DiffCounts,
  type RenameMap,
} from './diff.js';
export {
  makePlan,
  PHASE,
  type Plan,
  type PlanItem,
  type PlannedStatement,
  type PlanOptions,
  type Section,
} from './plan.js';
export { titleZh, reasonZh } from './scriptWords.js';
export {
  renderScript,
  parseScript,
  planSummary,
  SCRIPT_FORMAT,
  type SavedScript,
  type ScriptHeader,
} from './script.js';
export { fingerprint, shortFingerprint, objectDigests, objectKey } from './fingerprint.js';
export { stateDigest } from './state.js';
export {
  adaptModel,
  ORACLE_MAX_IDENTIFIER_DEFAULT,
  ORACLE_MAX_IDENTIFIERS,
  type AdaptOptions,
  type AdaptResult,
} from './adapt.js';
export { makeMatcher, filterModel, splitPatterns, ALWAYS_EXCLUDED, type NameFilter } from './filter.js';
export { parseSnapshot, serializeSnapshot, toSnapshot } from './snapshotFile.js';
export {
  snapshotDb,
  readSnapshotFile,
  writeSnapshotFile,
  looksLikeSnapshotFile,
  type SnapshotOptions,
} from './snapshot.js';
export { introspect, type IntrospectOptions, type IntrospectResult } from './introspect/index.js';
export {
  applyPlan,
  planProgress,
  APPLIES_TABLE,
  APPLY_STEPS_TABLE,
  type ApplicablePlan,
  type ApplyOptions,
  type ApplyResult,
  type ApplyFailure,
  type StepOverride,
} from './apply.js';
export { writeFileAtomic } from './writeAtomic.js';
export { parseRenames, renameCandidates, addRename, type RenameCandidate } from './renames.js';
export { formatDiffText } from './report.js';
export {
  cloneDatabase,
  planClone,
  CLONE_TABLE,
  type ClonePlanTable,
  type CloneOptions,
  type CloneResult,
  type CloneTableResult,
  type CloneProgress,
} from './clone.js';
export {
  compileRules,
  parseMaskRules,
  idCheckDigit,
  isValidIdCard,
  DEFAULT_MASK_RULES,
  NOT_PERSONAL,
  MASK_KINDS,
  type MaskKind,
  type MaskRule,
  type CompiledRules,
} from './mask.js';
export { maskValue, Masker, identityValue } from './masker.js';
export { chooseMaskColumns, type ColumnChoice, type ChoiceBy, type SkipWhy } from './maskChoice.js';
export { fpeDigits } from './maskFpe.js';
export { ValueSet } from './maskSet.js';
export { parseJoin, sampleRelations, type SampleJoin } from './cloneSample.js';
export { verifyNoOriginals, findOriginal, type LeakFinding, type VerifyResult } from './cloneVerify.js';
export {
  readDdlSource,
  ddlDialect,
  type ReadDdlOptions,
  type DdlReadResult,
  type ScratchServer,
} from './ddl/readDdl.js';
export { looksLikeDdlSource, detectDialect, listDdlFiles, DDL_DIALECTS, type DdlDialect } from './ddl/ddlFiles.js';
export { splitSql, type DdlStatement } from './ddl/splitSql.js';
export { readOracleDdl } from './ddl/oracleDdl.js';
export { ddlWarningZh } from './ddl/ddlWords.js';
