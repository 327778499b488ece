/**
 * The catalog part of `hisops demo`: write the demo's national catalog as the center's download
 * files (GBK, tab-separated, zipped) and the HIS's mapping table as the sheet a hospital exports
 * (Chinese headers), import both, and say what the mapping import rejected — which must be
 * exactly the overlaps and unknown codes the seed planted — and what `mapping check` finds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { importCatalog } from './importCatalog.js';
import { importMappings, type RejectedRow } from './importMappings.js';
import { kindOfListType, type CatalogKind } from './kinds.js';
import type { CheckFindings } from './checkMappings.js';
import { runMappingCheck, type HisItemSource } from './mappingQueries.js';
import { encodeText, sampleRow, sampleText } from './sampleFiles.js';
import { writeZipStream } from '../files/index.js';
import { csvLine } from '../shared/index.js';

export interface DemoNationalEntry {
  med_list_codg: string;
  name: string;
  list_type: string;
  chrgitm_lv?: string | null;
  begndate: string;
  enddate?: string | null;
}

export interface DemoHisMapping {
  fixmedins_hilist_id: string;
  fixmedins_hilist_name?: string | null;
  list_type: string;
  med_list_codg: string;
  begndate: string;
  enddate?: string | null;
}

export interface DemoFinding {
  kind: string;
  fixmedins_hilist_id: string;
  med_list_codg: string[];
  lines: number[];
  detail: string;
}

export interface DemoCatalogResult {
  files: { catalogs: string[]; mappings: string };
  catalog: Array<{ kind: CatalogKind; added: number; changed: number; ended: number }>;
  mappings: {
    counts: { added: number; changed: number; closed: number; unchanged: number; rejected: number };
    rejected: RejectedRow[];
  };
  /** What the mapping import rejected, one finding per HIS item and kind of problem. */
  found: DemoFinding[];
  check: { attention: boolean; counts: CheckFindings['counts']; unmapped: string[] };
}

const KIND_OF_PROBLEM: Record<string, string> = {
  OVERLAP: 'mapping_overlap',
  UNKNOWN_NATIONAL_CODE: 'mapping_unknown_code',
  WRONG_LIST_TYPE: 'mapping_wrong_list_type',
  UNCOVERED_DAYS: 'mapping_uncovered_days',
};

export async function demoCatalogStep(o: {
  db: Db;
  dir: string;
  now: Date;
  national: readonly DemoNationalEntry[];
  hisMappings: readonly DemoHisMapping[];
  his?: HisItemSource;
  on?: string;
}): Promise<DemoCatalogResult> {
  await fs.promises.mkdir(o.dir, { recursive: true });
  const catalogs = await writeCatalogFiles(o.dir, o.national);
  const cat = await importCatalog(o.db, {
    files: catalogs,
    apply: true,
    now: o.now,
    archiveDir: path.join(o.dir, 'catalog-files'),
  });
  const mappingsFile = await writeMappingSheet(o.dir, o.hisMappings);
  const imp = await importMappings(o.db, {
    file: mappingsFile,
    now: o.now,
    apply: true,
    skipInvalid: true,
    rejectFile: path.join(o.dir, 'his_mappings.rejects.csv'),
  });
  const found = findingsOf(imp.rejected);
  const check = await runMappingCheck(o.db, { on: o.on ?? o.now.toISOString().slice(0, 10), his: o.his });
  return {
    files: { catalogs, mappings: mappingsFile },
    catalog: cat.kinds.map((k) => ({ kind: k.kind, added: k.added, changed: k.changed, ended: k.ended })),
    mappings: { counts: imp.counts, rejected: imp.rejected },
    found,
    check: {
      attention: check.attention,
      counts: check.counts,
      unmapped: check.unmapped.filter((u) => u.attention).map((u) => u.fixmedins_hilist_id),
    },
  };
}

/** The center's files: one ZIP per catalog kind, documented column order, GBK. */
async function writeCatalogFiles(dir: string, national: readonly DemoNationalEntry[]): Promise<string[]> {
  const byKind = new Map<CatalogKind, DemoNationalEntry[]>();
  for (const e of national) {
    const k = kindOfListType(e.list_type);
    if (!k) continue;
    const list = byKind.get(k) ?? [];
    list.push(e);
    byKind.set(k, list);
  }
  const catalogs: string[] = [];
  for (const [kind, entries] of byKind) {
    const rows = entries.map((e, n) =>
      sampleRow(kind, n, {
        code: e.med_list_codg,
        name: e.name,
        begndate: e.begndate,
        enddate: e.enddate ?? null,
        chrgitm_lv: e.chrgitm_lv ?? undefined,
      }),
    );
    const file = path.join(dir, `${kind}_demo.zip`);
    await writeZipStream(file, `${kind}_demo.txt`, [encodeText(sampleText(rows), 'gbk')]);
    catalogs.push(file);
  }
  return catalogs;
}

/** The hospital's mapping sheet, as exported from the HIS (Chinese headers, UTF-8 with BOM). */
async function writeMappingSheet(dir: string, hisMappings: readonly DemoHisMapping[]): Promise<string> {
  const head = ['院内编码', '项目名称', '目录类别', '医保编码', '开始日期', '结束日期'];
  const lines = [
    head,
    ...hisMappings.map((m) => [
      m.fixmedins_hilist_id,
      m.fixmedins_hilist_name ?? '',
      m.list_type,
      m.med_list_codg,
      String(m.begndate).slice(0, 10),
      m.enddate ? String(m.enddate).slice(0, 10) : '',
    ]),
  ];
  const mappingsFile = path.join(dir, 'his_mappings.csv');
  await fs.promises.writeFile(mappingsFile, '\uFEFF' + lines.map(csvLine).join('\r\n') + '\r\n');
  return mappingsFile;
}

/** What the mapping import rejected, one finding per HIS item and kind of problem (sorted). */
function findingsOf(rejected: readonly RejectedRow[]): DemoFinding[] {
  const found = new Map<string, DemoFinding>();
  for (const r of rejected) {
    for (const reason of r.reasons) {
      const kind = KIND_OF_PROBLEM[reason.code] ?? `mapping_${reason.code.toLowerCase()}`;
      const key = `${kind}\u0001${r.fixmedins_hilist_id}`;
      const f = found.get(key) ?? {
        kind,
        fixmedins_hilist_id: r.fixmedins_hilist_id ?? '',
        med_list_codg: [],
        lines: [],
        detail: reason.message,
      };
      if (r.med_list_codg && !f.med_list_codg.includes(r.med_list_codg)) f.med_list_codg.push(r.med_list_codg);
      if (!f.lines.includes(r.line)) f.lines.push(r.line);
      found.set(key, f);
    }
  }
  return [...found.values()].sort((a, b) => (a.kind + a.fixmedins_hilist_id < b.kind + b.fixmedins_hilist_id ? -1 : 1));
}
