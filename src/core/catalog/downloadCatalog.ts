/**
 * `catalog download`: fetch the versions of each catalog newer than the last one imported (the
 * 1301–1306 call names a file, 9102 brings its ZIP), keep every file in the download folder, and
 * import them all in one run of `importCatalog` — the same checks, the same single transaction.
 * Paging follows the reference clients: ask with the version of the last record received
 * (its ver_name, else ver) until a file comes back empty or the version stops moving.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { writeFileAtomic } from '../files/index.js';
import { layoutFor } from './catalogColumns.js';
import { clean } from './catalogRow.js';
import { importCatalog, type CatalogImportOptions, type CatalogImportResult } from './importCatalog.js';
import { KINDS, type CatalogKind } from './kinds.js';
import { openTables } from './read/openTable.js';
import { CATALOG_IMPORT_TABLE } from './store/tables.js';
import { parseFileInfo } from '../center/protocol/index.js';

/** What download needs from the center client. */
export interface CatalogSource {
  /** The file of records newer than `ver` ("0" = from the start). */
  list(kind: CatalogKind, ver: string): Promise<{ file_qury_no: string; filename: string; data_cnt: number | null }>;
  /** A file's bytes (the ZIP). */
  fetch(f: { file_qury_no: string; filename: string }): Promise<Buffer>;
}

export interface DownloadPage {
  kind: CatalogKind;
  ver: string;
  filename: string;
  file: string;
  data_cnt: number | null;
  nextVer: string | null;
}

export interface DownloadResult {
  pages: DownloadPage[];
  /** Per kind: the version asked from and the version to ask next time. */
  versions: Array<{ kind: CatalogKind; from: string; next: string }>;
  /** The import of every downloaded file (dry run unless apply). */
  imported: CatalogImportResult | null;
}

export interface DownloadOptions extends Omit<CatalogImportOptions, 'files' | 'kind'> {
  kinds: CatalogKind[];
  /** Where the downloaded files are kept. */
  dir: string;
  /** Start from this version instead of the last imported one. */
  fromVer?: string;
  /** Stop after this many files per kind (default 50). */
  maxPages?: number;
}

/** The version to ask for next: the last applied import's ver_name (or ver) of a kind, else "0". */
export async function lastImportedVersion(db: Db, kind: CatalogKind): Promise<string> {
  // Read only: no import table yet means nothing was imported (a dry run creates no table).
  if (!(await db.knex.schema.hasTable(CATALOG_IMPORT_TABLE.name))) return '0';
  const r = (await db
    .knex(CATALOG_IMPORT_TABLE.name)
    .select(['ver', 'ver_name'])
    .where({ kind })
    .whereNotNull('finished_at')
    .whereNotNull('ver')
    .orderBy('import_id', 'desc')
    .first()) as { ver: string | null; ver_name: string | null } | undefined;
  return r?.ver_name ?? r?.ver ?? '0';
}

/** The version of the last record in a downloaded file (its ver_name, else ver). */
export async function lastVersionOf(file: string, kind: CatalogKind): Promise<string | null> {
  const k = KINDS[kind];
  let last: string | null = null;
  for (const t of await openTables(file, { onProblem: () => undefined })) {
    // Cell positions of ver_name and ver: documented positions, or where the header puts them.
    let at: { name: number; ver: number } | undefined;
    for await (const batch of t.rows()) {
      for (const r of batch) {
        if (!at) {
          const lr = layoutFor(r.cells, t.file, kind);
          if (lr.ok && lr.layout.mode === 'header') {
            at = {
              name: lr.layout.toDocumented.indexOf(k.columns.indexOf('ver_name')),
              ver: lr.layout.toDocumented.indexOf(k.columns.indexOf('ver')),
            };
            continue;
          }
          at = { name: k.columns.indexOf('ver_name'), ver: k.columns.indexOf('ver') };
        }
        last = clean(r.cells[at.name]) ?? clean(r.cells[at.ver]) ?? last;
      }
    }
  }
  return last;
}

export async function downloadCatalog(db: Db, source: CatalogSource, o: DownloadOptions): Promise<DownloadResult> {
  await fs.promises.mkdir(o.dir, { recursive: true });
  const pages: DownloadPage[] = [];
  const versions: DownloadResult['versions'] = [];
  for (const kind of o.kinds) {
    const from = o.fromVer ?? (await lastImportedVersion(db, kind));
    let ver = from;
    for (let n = 0; n < (o.maxPages ?? 50); n++) {
      const info = await source.list(kind, ver);
      if (info.data_cnt === 0) break;
      const bytes = await source.fetch(info);
      const file = path.join(
        o.dir,
        `${kind}-${ver.replace(/[^\w.-]+/g, '_')}-${path.basename(info.filename).replace(/[^\w.-]+/g, '_') || 'catalog.zip'}`,
      );
      await writeFileAtomic(file, bytes, 'the downloaded catalog file');
      const nextVer = await lastVersionOf(file, kind);
      pages.push({ kind, ver, filename: info.filename, file, data_cnt: info.data_cnt, nextVer });
      if (!nextVer || nextVer === ver) break;
      ver = nextVer;
    }
    versions.push({ kind, from, next: ver });
  }
  const imported = pages.length
    ? await importCatalog(db, { ...o, files: pages.map((p) => p.file), kind: undefined, archiveDir: o.archiveDir })
    : null;
  return { pages, versions, imported };
}

/** The center client as a CatalogSource: the 1301–1306 call, then 9102 with the owner the province expects. */
export function centerCatalogSource(center: {
  request<T>(
    infno: string,
    input: Record<string, unknown>,
    parse: (output: Record<string, unknown>) => T,
  ): Promise<{ result: T }>;
  downloadFile(f: { file_qury_no: string; filename: string; fixmedins_code?: string }): Promise<{ result: Buffer }>;
  config: { catalogFileOwner?: string };
}): CatalogSource {
  return {
    async list(kind, ver) {
      const r = await center.request(kind, { data: { ver } }, (out) =>
        parseFileInfo(out, `${kind} ${KINDS[kind].label.zh}目录下载`),
      );
      return { file_qury_no: r.result.file_qury_no, filename: r.result.filename, data_cnt: r.result.data_cnt };
    },
    async fetch(f) {
      return (await center.downloadFile({ ...f, fixmedins_code: center.config.catalogFileOwner })).result;
    },
  };
}
