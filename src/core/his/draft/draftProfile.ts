/**
 * `profile draft` end to end, short of writing the file: read the live schema with its comments,
 * look at the values the coded columns hold, match, render. The text is a profile proposal whose
 * every statement carries its confidence and TODOs.
 */
import type { Db } from '../../db/index.js';
import { STATEMENT_NAMES } from '../statements.js';
import { CODE_WORDS } from './dictionary.js';
import { matchSchema, type ProposedMapping } from './matchSchema.js';
import { readDraftSchema } from './readDraftSchema.js';
import { renderDraft } from './renderDraft.js';
import { draftTextZh } from './draftZh.js';

export interface DraftResult {
  text: string;
  mapping: ProposedMapping;
  tables: number;
  todos: number;
  unsupported: string[];
}

/** Up to 20 distinct values of every matched coded column (his_status, log_status, disp_type). */
async function observeCodes(db: Db, m: ProposedMapping): Promise<void> {
  for (const t of Object.values(m)) {
    if (!t) continue;
    for (const [canonical, c] of Object.entries(t.columns)) {
      if (!CODE_WORDS[canonical] || canonical.endsWith('_trace')) continue;
      const rows = (await db.knex
        .select(db.knex.raw('DISTINCT ?? AS v', [c.column]))
        .from(t.table)
        .limit(20)) as Array<{ v: unknown }>;
      c.observed = rows
        .map((r) => (r.v === null || r.v === undefined ? '' : String(r.v)))
        .filter((v) => v !== '')
        .sort();
    }
  }
}

/** `lang` zh-CN writes the profile's comments in Chinese (draftZh.ts); the SQL is the same. */
export async function draftProfile(db: Db, o: { source: string; lang?: 'en' | 'zh-CN' }): Promise<DraftResult> {
  const tables = await readDraftSchema(db);
  const mapping = matchSchema(tables);
  await observeCodes(db, mapping);
  const r = renderDraft(mapping, { dialect: db.dialect, source: o.source, statements: STATEMENT_NAMES });
  const text = o.lang === 'zh-CN' ? draftTextZh(r.text) : r.text;
  return { ...r, text, mapping, tables: tables.length };
}
