/**
 * The HIS profile: named SQL statements that read and write canonical records in a hospital's
 * own tables, plus the reference HIS schema hisops ships for the demo and the tests.
 */
export { loadProfile, withBindValues, type LoadProfileOptions } from './loadProfile.js';
export { expandFragments, FRAGMENT_REF, type Fragment, type SourceText } from './expandFragments.js';
export {
  parseProfile,
  INSTITUTION_BIND,
  type Profile,
  type ProfileStatement,
  type StatementVariant,
  type ProfileProblem,
  type VariantKey,
} from './parseProfile.js';
export {
  runStatement,
  runStatementEach,
  runWrite,
  executeStatement,
  prepareStatement,
  bindValue,
  unsupportedError,
  variantFor,
  type Binds,
  type BindValue,
  type RunOptions,
  type StatementResult,
  type EachOptions,
} from './runStatement.js';
export { CONTRACT_ZH, contractText, contractTextsWithoutZh, problemFixZh, problemWords } from './contractZh.js';
export { probeProfile, type ProbeResult } from './probeProfile.js';
export {
  STATEMENTS,
  STATEMENT_NAMES,
  READ_STATEMENTS,
  SETTLEMENT_COLUMNS,
  FEE_LINE_COLUMNS,
  DISPENSE_COLUMNS,
  STOCK_COLUMNS,
  MAPPING_COLUMNS,
  ITEM_COLUMNS,
  type StatementSpec,
  type BindSpec,
  type BindType,
} from './statements.js';
export {
  SETTLEMENT_AMOUNTS,
  SETTLEMENT_TOTALS,
  type SettlementTotal,
  FUND_FIELDS,
  COLUMN_KINDS,
  columnKind,
  normalizeRow,
  normalizeValue,
  formatDateTime,
  formatDate,
  type Row,
  type ColumnKind,
  type SettlementAmount,
} from './canonical.js';
export { scanSql, toPositional, type SqlScan, type BindUse, type Positional } from './sqlBinds.js';
export {
  REFERENCE_TABLES,
  REFERENCE_DIALECTS,
  referenceTable,
  renderReferenceSchema,
  type RefTable,
  type RefColumn,
  type RefType,
} from './referenceSchema.js';
export { loadReferenceSchema, type LoadSchemaResult } from './loadReferenceSchema.js';
export { splitSqlScript } from './splitSqlScript.js';
export {
  referenceProfilePath,
  referenceSchemaPath,
  vendorProfilePath,
  vendorSchemaPath,
  hisTemplatesDir,
} from './templatesDir.js';
export { openHis, profilePathOf, BUILTIN_REFERENCE, type OpenHisOptions } from './openHis.js';
export {
  VENDOR_TABLES,
  VENDOR_DIALECTS,
  VENDOR_CODES,
  renderVendorSchema,
  vendorCopyStatements,
  vendorOtherTenantStatements,
  type VendorTable,
  type VendorColumn,
} from './vendorSchema.js';
export { loadVendorSchema, convertToVendor, OTHER_TENANT } from './vendorHis.js';
export {
  matchSchema,
  renderDraft,
  readDraftSchema,
  draftProfile,
  type DraftResult,
  sqliteColumnComments,
  columnScore,
  codesOf,
  ROLES as DRAFT_ROLES,
  type DraftTable,
  type ProposedMapping,
  type TableMatch,
  type Role as DraftRole,
} from './draft/index.js';
export { checkProfile, type CheckOptions, type CheckReport, type StatementCheck } from './checkProfile.js';
export { checkRows, typeProblem, type ContractProblem } from './contractChecks.js';
export {
  COLUMN_CONTRACT,
  STATEMENT_CONTRACTS,
  columnContract,
  statementsWithoutContract,
  type ColumnContract,
  type StatementContract,
  type WriteEffect,
} from './contract.js';
