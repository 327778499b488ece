/**
 * The catalogs and the hospital's mappings: readers for the center's files and hospital exports,
 * the catalog store with versioned imports, the mapping interval rules, check, lookup, upload
 * and download. Commands and the demo import from here.
 */
export * from './day.js';
export * from './kinds.js';
export * from './problems.js';
export {
  importCatalog,
  TRACKED_FIELDS,
  type CatalogImportOptions,
  type CatalogImportResult,
  type KindImportSummary,
  type FileSummary,
  type EntrySample,
  type ChangeSample,
} from './importCatalog.js';
export { documentedFields } from './catalogRow.js';
export { CATALOG_COLUMNS_STORED } from './storedColumns.js';
export { ensureCatalogTables, ensureMappingTables, CATALOG_VIEW } from './store/tables.js';
export { writeSampleCatalogZip, sampleRow, sampleCode, sampleText, encodeText } from './sampleFiles.js';
export { openTables, type TableSource, type TableFormat } from './read/openTable.js';
export type { EncodingChoice, Encoding } from './read/encoding.js';
export {
  importMappings,
  describeRejected,
  describeClosed,
  type MappingImportOptions,
  type MappingImportResult,
  type RejectedRow,
} from './importMappings.js';
export { catalogReasons, type CodeCoverage, type CatalogLookup } from './catalogCoverage.js';
export {
  planMappings,
  type MappingPlan,
  type StoredMapping,
  type Reason,
  type Added,
  type Changed,
  type Closed,
  type Rejected,
} from './intervals.js';
export { mappingRow, type MappingRow } from './mappingRow.js';
export { mappingLayout, parseColumnsOption, MAPPING_FIELDS, MAPPING_OPTIONAL } from './mappingLayout.js';
export {
  checkMappings,
  type CheckFindings,
  type CheckInput,
  type HisItem,
  type BilledItem,
  type MappingRef,
} from './checkMappings.js';
export {
  runMappingCheck,
  lookupMapping,
  type HisItemSource,
  type MappingCheckOptions,
  type LookupResult,
} from './mappingQueries.js';
export { validSpan, type CatalogPeriod } from './store/catalogQuery.js';
export { expiringMappings } from './store/expiringMappings.js';
export {
  planUpload,
  payloadOf,
  payloadHash,
  type UploadPlan,
  type UploadItem,
  type MappingPayload,
  type AcceptedState,
  type RejectedState,
} from './uploadPlan.js';
export {
  uploadMappings,
  uploadState,
  centerMappings,
  type MappingCenter,
  type UploadResult,
  type UploadOutcome,
  type UploadOptions,
  type Verdict,
} from './uploadMappings.js';
export {
  downloadCatalog,
  centerCatalogSource,
  lastImportedVersion,
  lastVersionOf,
  type CatalogSource,
  type DownloadResult,
  type DownloadPage,
  type DownloadOptions,
} from './downloadCatalog.js';
export {
  demoCatalogStep,
  type DemoCatalogResult,
  type DemoFinding,
  type DemoNationalEntry,
  type DemoHisMapping,
} from './demoStep.js';
export { profileItemSource, hisMappingRows, writeMappingsToHis, type HisWriteResult } from './hisMappings.js';
