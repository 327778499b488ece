/** `hisops profile draft`: read a live schema, match it to the contract, write a profile. */
export {
  matchSchema,
  columnScore,
  codesOf,
  type DraftTable,
  type DraftColumn,
  type ProposedMapping,
  type TableMatch,
  type ColumnMatch,
  type Confidence,
} from './matchSchema.js';
export { renderDraft, type RenderDraftOptions } from './renderDraft.js';
export { readDraftSchema, sqliteColumnComments } from './readDraftSchema.js';
export { draftTextZh, todoZh } from './draftZh.js';
export { draftProfile, type DraftResult } from './draftProfile.js';
export { ROLES, COLUMN_WORDS, CODE_WORDS, type Role } from './dictionary.js';
