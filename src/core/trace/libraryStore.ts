/**
 * The four-code library in hisops's journal database (one library for every institution the
 * journal serves: the product codes are national):
 *
 * - `hisops_trace_library`: the entries of the current version, one row per product code and
 *   national code.
 * - `hisops_trace_library_versions`: every import or download — where it came from, how many
 *   entries, and what it changed against the version before.
 *
 * An import replaces the library whole in one transaction (the version row, the new entries, the
 * old ones deleted): a check running meanwhile sees the old library or the new one, never half.
 */
import type { Knex } from '../db/index.js';
import type { Journal, JournalTable } from '../journal/index.js';
import { entryKey, LIBRARY_FIELDS, type LibraryEntry } from './libraryRow.js';

const fingerprint = (e: LibraryEntry): string => LIBRARY_FIELDS.map((f) => e[f] ?? '\u0000').join('\u0001');

type JournalLike = Pick<Journal, 'ensure' | 'knex'>;

/** Chinese text needs a full Unicode character set whatever the MySQL server's default is. */
function unicode(t: Knex.CreateTableBuilder): void {
  if ((t as unknown as { client?: { dialect?: string } }).client?.dialect === 'mysql') t.charset('utf8mb4');
}

export const TRACE_LIBRARY_TABLE: JournalTable = {
  name: 'hisops_trace_library',
  build: (t) => {
    unicode(t);
    t.integer('version').notNullable();
    t.string('trac_prefix', 7).notNullable();
    t.string('med_list_codg', 50).notNullable();
    t.string('drugstdcode', 50).nullable();
    t.string('aprvno', 100).nullable();
    t.string('drug_name', 200).nullable();
    t.string('drug_spec', 200).nullable();
    t.string('pacspec', 200).nullable();
    t.string('prodentp_name', 200).nullable();
    t.string('pac_lv', 3).nullable();
    t.string('pac_ratio', 50).nullable();
    t.primary(['version', 'trac_prefix', 'med_list_codg']);
    t.index(['trac_prefix'], 'hisops_trace_library_prefix');
    t.index(['med_list_codg'], 'hisops_trace_library_codg');
  },
};

export const TRACE_LIBRARY_VERSIONS_TABLE: JournalTable = {
  name: 'hisops_trace_library_versions',
  build: (t) => {
    unicode(t);
    // Numbered by hisops (the highest plus one, inside the import's transaction): the same on every dialect.
    t.integer('version').notNullable().primary();
    /** `file` or the transaction it was downloaded with (ZSMCJ003). */
    t.string('source', 20).notNullable();
    t.text('origin').nullable();
    t.integer('entries').notNullable();
    t.integer('prefixes').notNullable();
    t.integer('added').notNullable();
    t.integer('changed').notNullable();
    t.integer('removed').notNullable();
    t.integer('unchanged').notNullable();
    t.string('imported_at', 30).notNullable();
    t.string('run_id', 40).nullable();
  },
};

export interface LibraryVersion {
  version: number;
  source: string;
  origin: string | null;
  entries: number;
  prefixes: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  imported_at: string;
  run_id: string | null;
}

export interface LibraryDiff {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

const CHUNK = 400;

async function hasTables(knex: Knex): Promise<boolean> {
  return (
    (await knex.schema.hasTable(TRACE_LIBRARY_TABLE.name)) &&
    (await knex.schema.hasTable(TRACE_LIBRARY_VERSIONS_TABLE.name))
  );
}

/** The current version, or null when no library was ever imported. Reads only. */
export async function currentLibraryVersion(journal: JournalLike): Promise<LibraryVersion | null> {
  if (!(await hasTables(journal.knex))) return null;
  const row = (await journal.knex(TRACE_LIBRARY_VERSIONS_TABLE.name).orderBy('version', 'desc').first()) as
    | LibraryVersion
    | undefined;
  return row ? { ...row, version: Number(row.version) } : null;
}

function toEntry(r: Record<string, unknown>): LibraryEntry {
  const out = {} as Record<string, string | null>;
  for (const f of LIBRARY_FIELDS) out[f] = r[f] === null || r[f] === undefined ? null : String(r[f]);
  return out as unknown as LibraryEntry;
}

/** The entries of these product codes in the current library (missing ones absent). Reads only. */
export async function libraryEntries(
  journal: JournalLike,
  prefixes: readonly string[],
): Promise<Map<string, LibraryEntry[]>> {
  const out = new Map<string, LibraryEntry[]>();
  const v = await currentLibraryVersion(journal);
  if (!v) return out;
  const uniq = [...new Set(prefixes)];
  for (let i = 0; i < uniq.length; i += CHUNK) {
    const rows = (await journal
      .knex(TRACE_LIBRARY_TABLE.name)
      .where('version', v.version)
      .whereIn('trac_prefix', uniq.slice(i, i + CHUNK))
      .orderBy(['trac_prefix', 'med_list_codg'])) as Record<string, unknown>[];
    for (const r of rows) {
      const e = toEntry(r);
      const list = out.get(e.trac_prefix) ?? [];
      list.push(e);
      out.set(e.trac_prefix, list);
    }
  }
  return out;
}

/** The product codes the current library holds for a national code (`trace library show` by med_list_codg). */
export async function libraryEntriesOfDrug(journal: JournalLike, med_list_codg: string): Promise<LibraryEntry[]> {
  const v = await currentLibraryVersion(journal);
  if (!v) return [];
  const rows = (await journal
    .knex(TRACE_LIBRARY_TABLE.name)
    .where({ version: v.version, med_list_codg })
    .orderBy('trac_prefix')) as Record<string, unknown>[];
  return rows.map(toEntry);
}

/** What replacing the current library with `entries` would change. Reads only. */
export async function diffLibrary(journal: JournalLike, entries: readonly LibraryEntry[]): Promise<LibraryDiff> {
  const v = await currentLibraryVersion(journal);
  // One string per stored entry (not an object): a library of a few hundred thousand entries is compared in little memory.
  const before = new Map<string, string>();
  if (v) {
    // Read in pages by key, so that the rows of the whole library are never decoded at once.
    let after: { p: string; m: string } | null = null;
    for (;;) {
      const q = journal.knex(TRACE_LIBRARY_TABLE.name).where('version', v.version);
      if (after) {
        const a: { p: string; m: string } = after;
        q.andWhere((w) =>
          w
            .where('trac_prefix', '>', a.p)
            .orWhere((x) => x.where('trac_prefix', a.p).andWhere('med_list_codg', '>', a.m)),
        );
      }
      const rows = (await q.orderBy([{ column: 'trac_prefix' }, { column: 'med_list_codg' }]).limit(20_000)) as Record<
        string,
        unknown
      >[];
      for (const r of rows) {
        const e = toEntry(r);
        before.set(entryKey(e), fingerprint(e));
      }
      if (rows.length < 20_000) break;
      const last = rows[rows.length - 1]!;
      after = { p: String(last.trac_prefix), m: String(last.med_list_codg) };
    }
  }
  const d: LibraryDiff = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const seen = new Set<string>();
  for (const e of entries) {
    const k = entryKey(e);
    seen.add(k);
    const b = before.get(k);
    if (b === undefined) d.added++;
    else if (b === fingerprint(e)) d.unchanged++;
    else d.changed++;
  }
  for (const k of before.keys()) if (!seen.has(k)) d.removed++;
  return d;
}

/** Replace the library with `entries` as a new version, in one transaction. */
export async function replaceLibrary(
  journal: JournalLike,
  entries: readonly LibraryEntry[],
  meta: { source: string; origin: string | null; diff: LibraryDiff; at: string; runId: string | null },
): Promise<LibraryVersion> {
  await journal.ensure(TRACE_LIBRARY_TABLE);
  await journal.ensure(TRACE_LIBRARY_VERSIONS_TABLE);
  const prefixes = new Set(entries.map((e) => e.trac_prefix)).size;
  return journal.knex.transaction(async (trx: Knex.Transaction) => {
    const top = (await trx(TRACE_LIBRARY_VERSIONS_TABLE.name).max({ v: 'version' }).first()) as
      | { v: number | string | null }
      | undefined;
    const version = Number(top?.v ?? 0) + 1;
    const row = {
      source: meta.source,
      origin: meta.origin,
      entries: entries.length,
      prefixes,
      ...meta.diff,
      imported_at: meta.at,
      run_id: meta.runId,
    };
    await trx(TRACE_LIBRARY_VERSIONS_TABLE.name).insert({ version, ...row });
    await trx(TRACE_LIBRARY_TABLE.name).where('version', '<>', version).delete();
    // 11 columns a row: 80 rows stay below SQLite's 999 bound parameters.
    const rows = entries.map((e) => ({ version, ...Object.fromEntries(LIBRARY_FIELDS.map((f) => [f, e[f]])) }));
    for (let i = 0; i < rows.length; i += 80) await trx(TRACE_LIBRARY_TABLE.name).insert(rows.slice(i, i + 80));
    return { version, ...row } as LibraryVersion;
  });
}
