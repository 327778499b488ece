/**
 * `hisops catalog`: import the national catalogs (三目录) from the center's download files or the
 * CSV/xlsx hospitals receive, or download new versions from the center and import them. Also
 * registers `hisops mapping` (catalogMapping.ts). See docs/catalog.md.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { App } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, inputError, type ExitCode } from '../core/errors.js';
import type * as CatalogModule from '../core/catalog/index.js';
import { registerMapping } from './catalogMapping.js';
import { renderImport } from './catalogImportRender.js';
import type { ReadAhead } from '../core/catalog/import/rowThread.js';
import { catalogDbRef, collectList, openCatalogDb, problemsError, type Cat } from './catalogShared.js';

defineMessages({
  'catalog.progress': { en: 'rows', zh: '行' },
  'catalog.describe': {
    en: 'import and download the national catalogs: drugs, herbs, preparations, services, consumables (三目录)',
    zh: '导入和下载国家医保目录：药品、饮片、制剂、服务项目、耗材（三目录）',
  },
  'catalog.import.describe': {
    en: 'import catalog files (center ZIP of tab-separated text, CSV, xlsx; GBK or UTF-8); dry run unless --apply',
    zh: '导入目录文件（中心下载的 ZIP 文本、CSV、xlsx；GBK 或 UTF-8）；不加 --apply 为演练',
  },
  'catalog.download.describe': {
    en: 'download versions newer than the last import from the center (1301–1306) and import them',
    zh: '从医保中心下载比上次导入更新的版本（1301–1306）并导入',
  },
  'catalog.nothingNew': {
    en: 'Nothing new: the center has no version after {ver} for {kind}.',
    zh: '{kind} 在版本 {ver} 之后没有新版本。',
  },
  'catalog.pages': { en: '{n} file(s) downloaded into {dir}', zh: '已下载 {n} 个文件到 {dir}' },
});

const KIND_CHOICES = [
  '1301',
  '1302',
  '1303',
  '1305',
  '1306',
  'drugs',
  'herbs',
  'preparations',
  'services',
  'consumables',
];

function kindsOf(cat: Cat, list: string[] | undefined): CatalogModule.CatalogKind[] {
  if (!list || list.length === 0) return cat.KIND_LIST.map((k) => k.kind);
  return list.map((v) => {
    const k = cat.resolveKind(v);
    if (!k)
      throw inputError(
        'CATALOG_KIND',
        `"${v}" is not a catalog this command imports`,
        'Use 1301 (drugs), 1302 (herbs), 1303 (preparations), 1305 (services) or 1306 (consumables).',
      ).zh(
        `"${v}" 不是本命令可导入的目录`,
        '请使用 1301（西药中成药）、1302（中药饮片）、1303（医疗机构制剂）、1305（医疗服务项目）或 1306（医用耗材）。',
      );
    return k;
  });
}

/** Exit code of an import: 2 when the input stopped it, 3 when rows were set aside. */
function importExit(r: CatalogModule.CatalogImportResult): ExitCode {
  if (r.blocked) return EXIT.usage;
  return r.rejectedRows > 0 ? EXIT.findings : EXIT.ok;
}

interface ImportOpts {
  kind?: string;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
  full?: boolean;
  apply?: boolean;
  skipInvalid?: boolean;
  rejectFile?: string;
  db?: string;
}

function archiveDir(ctx: Ctx): string {
  return path.join(ctx.config().baseDir, '.hisops', 'catalog-files');
}

/**
 * The first file's reading thread, started before the catalog modules load and the database
 * opens (a tenth of a second the thread spends reading instead). Only for what the import will
 * ask the same (no --kind to resolve first); anything amiss here just leaves it to the import.
 */
async function readFirstFile(ctx: Ctx, abs: string[], o: ImportOpts): Promise<ReadAhead | undefined> {
  if (o.kind !== undefined || abs.length === 0) return undefined;
  try {
    // The schemes core/db reads as PostgreSQL: an import writing there packs rows as COPY text.
    const pg = !!o.apply && /^(postgres|postgresql|pg):/i.test(catalogDbRef(ctx, o.db).url);
    const { readAhead } = await import('../core/catalog/import/rowThread.js');
    return readAhead({ file: abs[0]!, index: 0, encoding: o.encoding, sheet: o.sheet, mode: pg ? 'copy' : 'values' });
  } catch {
    return undefined;
  }
}

async function runImport(ctx: Ctx, files: string[], o: ImportOpts) {
  const abs = files.map((f) => path.resolve(ctx.cwd, f));
  const ahead = await readFirstFile(ctx, abs, o);
  try {
    return await importFiles(ctx, abs, o, ahead);
  } finally {
    await ahead?.rows.close();
  }
}

async function importFiles(ctx: Ctx, abs: string[], o: ImportOpts, readAhead: ReadAhead | undefined) {
  const cat = await import('../core/catalog/index.js');
  const kind = o.kind ? kindsOf(cat, [o.kind])[0] : undefined;
  const db = await openCatalogDb(ctx, o.db);
  const rejectFile = o.skipInvalid ? path.resolve(ctx.cwd, o.rejectFile ?? `${abs[0]}.rejects.csv`) : undefined;
  const progress = ctx.progress(ctx.t('progress.rowsRead'), undefined, ctx.t('progress.rows'));
  // onProgress reports the rows read so far (a running total), not the rows of the last batch.
  const r = await cat.importCatalog(db, {
    files: abs,
    kind,
    encoding: o.encoding,
    sheet: o.sheet,
    full: o.full,
    apply: o.apply,
    skipInvalid: o.skipInvalid,
    rejectFile,
    now: ctx.now(),
    runId: ctx.runId,
    archiveDir: archiveDir(ctx),
    onProgress: (n) => progress.update(n),
    readAhead,
  });
  progress.done();
  for (const f of r.files)
    ctx.debug(
      ctx.t('verbose.catalogFile', {
        file: path.relative(ctx.cwd, f.file) || f.file,
        rows: f.rows,
        format: f.format,
        encoding: f.encoding ?? '—',
        how: f.encodingHow ?? '—',
        kind: f.kind ?? '?',
        from: f.kindFrom ?? '—',
      }),
    );
  return {
    data: r,
    exit: importExit(r),
    error: r.blocked ? problemsError(r.problems) : undefined,
    human: (out: Out) => renderImport(out, ctx, r, !!o.apply),
  };
}

interface DownloadOpts {
  kind?: string[];
  apply?: boolean;
  fromVer?: string;
  maxPages?: string;
  dir?: string;
  skipInvalid?: boolean;
  rejectFile?: string;
  db?: string;
}

async function runDownload(ctx: Ctx, o: DownloadOpts) {
  const cat = await import('../core/catalog/index.js');
  const { withCenter } = await import('../core/center/index.js');
  const kinds = kindsOf(cat, o.kind);
  const db = await openCatalogDb(ctx, o.db);
  const journal = await ctx.journal();
  const dir = path.resolve(ctx.cwd, o.dir ?? path.join(ctx.config().baseDir, '.hisops', 'catalog-downloads'));
  const maxPages = o.maxPages ? Number(o.maxPages) : undefined;
  if (maxPages !== undefined && !(maxPages > 0))
    throw inputError(
      'CATALOG_MAX_PAGES',
      `--max-pages "${o.maxPages}" is not a positive number`,
      'Give a whole number such as --max-pages 20.',
    ).zh(`--max-pages "${o.maxPages}" 不是正整数`, '请给出整数，例如 --max-pages 20。');
  const r = await withCenter(centerSettings(ctx), { journal, runId: ctx.runId }, (center) =>
    cat.downloadCatalog(db, cat.centerCatalogSource(center), {
      kinds,
      dir,
      fromVer: o.fromVer,
      maxPages,
      apply: o.apply,
      skipInvalid: o.skipInvalid,
      rejectFile: o.rejectFile ? path.resolve(ctx.cwd, o.rejectFile) : undefined,
      now: ctx.now(),
      runId: ctx.runId,
      archiveDir: archiveDir(ctx),
    }),
  );
  return {
    data: r,
    exit: r.imported ? importExit(r.imported) : EXIT.ok,
    error: r.imported?.blocked ? problemsError(r.imported.problems) : undefined,
    human: (out: Out) => {
      if (r.pages.length) {
        out.table(
          ['infno', 'ver', ctx.t('catalog.col.file'), 'data_cnt'],
          r.pages.map((p) => [p.kind, p.ver, path.relative(ctx.cwd, p.file) || p.file, p.data_cnt ?? '']),
        );
        out.note(ctx.t('catalog.pages', { n: r.pages.length, dir: path.relative(ctx.cwd, dir) || dir }));
      }
      for (const v of r.versions)
        if (v.from === v.next) out.line(ctx.t('catalog.nothingNew', { ver: v.from, kind: v.kind }));
      if (r.imported) renderImport(out, ctx, r.imported, !!o.apply);
    },
  };
}

export function registerCatalog(program: Command, app: App): void {
  const catalog = program.command('catalog').description(app.t('catalog.describe'));
  const dbOpt = () =>
    new Option(
      '--db <db>',
      'database for the catalog tables (URL or connection name; default: catalog.url, else the HIS)',
    );
  const imp = catalog
    .command('import')
    .description(app.t('catalog.import.describe'))
    .argument('<file...>', "catalog files: the center's ZIP, .txt, .csv or .xlsx")
    .addOption(
      new Option('--kind <kind>', 'which catalog (default: from the file name, header or column count)').choices(
        KIND_CHOICES,
      ),
    )
    .addOption(new Option('--encoding <enc>', 'text encoding').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--sheet <name>', 'xlsx: the sheet to read (default: the first)')
    .option('--full', 'the files hold the whole catalog: stored entries they do not list are ended')
    .option('--apply', 'write (default: dry run with counts and samples)')
    .option('--skip-invalid', 'import the valid rows and set the bad ones aside in a reject file')
    .option('--reject-file <file>', 'where --skip-invalid puts bad rows (default: <first file>.rejects.csv)')
    .addOption(dbOpt())
    .action(
      app.action<ImportOpts>((ctx, a, o) => runImport(ctx, a[0] as string[], o), {
        record: true,
        lock: (o) => !!o.apply && 'catalog import',
      }),
    );
  app.examples(imp, [
    'hisops catalog import 1306_20250101.zip                # dry run: what would change',
    'hisops catalog import 1306_20250101.zip --apply',
    'hisops catalog import 西药中成药.xlsx --kind 1301 --apply',
    'hisops catalog import list.csv --encoding gbk --apply --skip-invalid --reject-file bad.csv',
  ]);
  const dl = catalog
    .command('download')
    .description(app.t('catalog.download.describe'))
    .option('--kind <kinds>', 'catalogs to download, comma-separated (default: 1301,1302,1303,1305,1306)', collectList)
    .option('--from-ver <ver>', 'start after this version (default: the last one imported; 0 = everything)')
    .option('--max-pages <n>', 'stop after this many files per catalog (default 50)')
    .option('--dir <dir>', 'where the downloaded files are kept (default .hisops/catalog-downloads)')
    .option('--apply', 'import what was downloaded (default: dry run of the import)')
    .option('--skip-invalid', 'import the valid rows and set the bad ones aside')
    .option('--reject-file <file>', 'where --skip-invalid puts bad rows')
    .addOption(dbOpt())
    .action(
      app.action<DownloadOpts>((ctx, _a, o) => runDownload(ctx, o), {
        record: true,
        lock: (o) => !!o.apply && 'catalog import',
      }),
    );
  app.examples(dl, [
    'hisops catalog download --kind 1306',
    'hisops catalog download --apply --json',
    'hisops catalog download --kind 1301 --from-ver 0 --apply   # everything again',
  ]);
  app.examples(catalog, ['hisops catalog import 1306.zip --apply', 'hisops catalog download --apply']);
  registerMapping(program, app);
}
