/**
 * The demo: a deterministic reference HIS (`seedHis`) and the matching center history
 * (`seedCenter`), with planted anomalies listed in the seed manifest.
 */
export {
  seedHis,
  writeSeedFiles,
  SUPPLIER_CODES_FILE,
  DEFAULT_START_DATE,
  DEFAULT_FIXMEDINS_CODE,
  DEFAULT_ADMDVS,
  type SeedHisOptions,
  type SeedHisResult,
} from './seedHis.js';
export { seedCenter, type SeedCenterOptions, type SeedCenterResult, type CenterLedgerTarget } from './seedCenter.js';
export { MANIFEST_FORMAT, type SeedManifest, type ManifestGroup, type CenterSummary } from './manifest.js';
export type { PlantedAnomaly, AnomalyJob, AnomalyKind, CenterPlan, CenterSettlementRecord } from './anomalies.js';
export { SIZES, isSeedSize, totalFor, type SeedSize, type SizeSpec } from './sizes.js';
export { demoCatalog, demoNationalCatalog, type DemoItem, type DemoCatalog, type NationalEntry } from './catalog.js';
export {
  splitLine,
  splitSettlement,
  shareBp,
  poolRatioBp,
  fenToString,
  bpToString,
  type LineSplit,
  type SettlementInput,
  type SettlementAmounts,
} from './split.js';
export { traceCode } from './pharmacy.js';
export { Rng, hashString } from './prng.js';
export { demoRulesSplit, type DemoSplit, type DemoSplitInput } from './rulesSplit.js';
