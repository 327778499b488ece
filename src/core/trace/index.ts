/**
 * core/trace: drug traceability codes (药品追溯码) — validation and batching (pure), the upload
 * journal, and the check / upload / status / retry runs. See docs/trace.md.
 */
export * from './types.js';
export { normalizeCode, productPrefix, CODE_LENGTH, type CodeVerdict } from './normalizeCode.js';
export { findingMessageZh, findingFixZh, skippedZh, FINDING_FIX_ZH } from './findingWords.js';
export { groupDispensing, groupStock, dispenseKind, stockKind, compareRecords } from './groupRows.js';
export { mappingIndex, prefixIndex, type MappingLookup, type MappingRow, type PrefixIndex } from './mappingIndex.js';
export {
  traceSettings,
  DEFAULT_SETTINGS,
  DEFAULT_FILL,
  type TraceSettings,
  type SettingOverrides,
} from './settings.js';
export { buildItem, NODE, type BuiltItem } from './buildItem.js';
export {
  TraceChecker,
  FINDING_FIX,
  type CheckerOptions,
  type HistoryMovement,
  type KnownSale,
} from './traceChecker.js';
export { planWaves, makeBatch, type PlannedBatch } from './planBatches.js';
export {
  recordResults,
  rejectionReason,
  failureClass,
  mayHaveArrived,
  type RecordResult,
  type FailureClass,
} from './readResults.js';
export { RateLimiter, Gate } from './rateLimiter.js';
export { addDays, dayOf, daysOf, isDay, resolveWindow, type Window } from './days.js';
export {
  TraceJournal,
  TRACE_UPLOADS_TABLE,
  TRACE_CODES_TABLE,
  type UploadRow,
  type RecordWrite,
  type Outcome,
  type StatusGroup,
} from './traceJournal.js';
export { profileSource, type TraceSource } from './traceSource.js';
export { scanDays, type ScanDay, type ScannedDay } from './scanDays.js';
export {
  checkWindow,
  checkFile,
  sortFindings,
  type CheckReport,
  type DayCount,
  type CheckWindowOptions,
  type CheckFileOptions,
} from './runCheck.js';
export { parseTraceFile, checkCodeList, type TraceFileRows } from './traceFile.js';
export {
  runUpload,
  type ResolvedCall,
  type UploadOptions,
  type UploadResult,
  type UploadEvent,
  type KindStats,
  type PlanLine,
  type RecordNote,
} from './runUpload.js';
export {
  traceStatus,
  type StatusReport,
  type StatusLine,
  type ReasonLine,
  type CallResolution,
} from './traceStatus.js';
export { retryTargets, type RetryTargets } from './retryTargets.js';
export {
  demoTrace,
  PLANTED_FINDING,
  type DemoTraceOptions,
  type DemoTraceResult,
  type PlantedLike,
  type PlantedMatch,
} from './demoTrace.js';
export { groupStockCount } from './groupRows.js';
export { stockedBefore } from './stockHistory.js';
export type { BatchVariants } from './planBatches.js';
export {
  invoiceFindingMessageZh,
  INVOICE_FINDING_KINDS,
  INVOICE_FINDING_FIX,
  INVOICE_FINDING_FIX_ZH,
  type InvoiceFinding,
  type InvoiceFindingKind,
} from './invoiceFindings.js';
export {
  planInvoiceCodes,
  invoiceLines,
  type InvoiceCodeRow,
  type InvoiceLine,
  type InvoicePlan,
  type InvoiceWrite,
  type InvoiceLineSummary,
} from './planInvoiceCodes.js';
export { invoiceFiles, readInvoiceFile } from './readInvoiceFiles.js';
export {
  importInvoiceCodes,
  TRACE_INVOICE_CODES_TABLE,
  type ImportInvoiceOptions,
  type ImportInvoiceResult,
} from './importInvoiceCodes.js';
export type { StockedMovement } from './traceChecker.js';
export type { TraceVariantDefaults } from './settings.js';
export { issue, issuesError, headerKey, layoutOf, cellText, type FileIssue } from './fileIssues.js';
export {
  libraryEntry,
  libraryLayout,
  missingLibraryColumns,
  packageLevel,
  prefixOf,
  entryKey,
  sameEntry,
  entryLabel,
  LIBRARY_FIELDS,
  LIBRARY_HEADERS,
  type LibraryEntry,
  type LibraryField,
  type LibraryLayout,
} from './libraryRow.js';
export { librarySettings, DEFAULT_LIBRARY_DOWNLOAD, type LibraryDownloadSettings } from './librarySettings.js';
export {
  currentLibraryVersion,
  libraryEntries,
  libraryEntriesOfDrug,
  diffLibrary,
  replaceLibrary,
  TRACE_LIBRARY_TABLE,
  TRACE_LIBRARY_VERSIONS_TABLE,
  type LibraryVersion,
  type LibraryDiff,
} from './libraryStore.js';
export {
  importLibrary,
  downloadLibrary,
  type LibraryImportResult,
  type LibraryImportOptions,
  type LibraryDownloadOptions,
} from './importLibrary.js';
export {
  relationEdge,
  relationLayout,
  missingRelationColumns,
  RELATION_FIELDS,
  RELATION_HEADERS,
  type PackageEdge,
  type RelationField,
  type RelationLayout,
} from './relationRow.js';
export { PackageTree } from './packageTree.js';
export {
  expandPackage,
  parentsOf,
  relationsAround,
  packageTreeAround,
  planRelations,
  storeRelations,
  TRACE_RELATIONS_TABLE,
  TRACE_RELATION_IMPORTS_TABLE,
  type RelationPlan,
} from './relationStore.js';
export { importRelations, type RelationImportResult } from './importRelations.js';
export { checkStores } from './checkStores.js';
export { loadStores, type LibraryLoader, type RelationLoader } from './scanDays.js';
export { readTableFile, type TableRow } from './readTableFile.js';
export type { CheckStores } from './runCheck.js';
