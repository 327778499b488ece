/**
 * `hisops mapping`: the hospital's item ↔ national code mappings (目录对照) with their validity
 * dates — import a sheet under the interval rules (catalogMappingImport.ts), check their health on
 * a day (catalogMappingCheck.ts), look one item up on a day (here), upload new and changed ones to
 * the center, 3301/3302 (catalogMappingUpload.ts). See docs/catalog.md.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { localDateTime } from '../core/time/index.js';
import type * as CatalogModule from '../core/catalog/index.js';
import { dayArg, openCatalogDb } from './catalogShared.js';
import { registerMappingCheck } from './catalogMappingCheck.js';
import { registerMappingImport } from './catalogMappingImport.js';
import { mappingDbOption, span } from './catalogMappingShared.js';
import { registerMappingUpload } from './catalogMappingUpload.js';

defineMessages({
  'mapping.describe': {
    en: "the hospital's mappings to national codes, with validity dates (目录对照)",
    zh: '院内项目与国家医保编码的对照及有效期（目录对照）',
  },
  'mapping.lookup.describe': {
    en: 'which national code, category and self-pay ratio applied to an HIS item on a day, and its history',
    zh: '某院内项目在某日对应的国家编码、甲乙类、自付比例及历史',
  },
  'mapping.lookup.none': { en: 'No mapping of {id} is valid on {on}.', zh: '{id} 在 {on} 没有有效对照。' },
  'mapping.lookup.unknown': {
    en: 'hisops has no mapping of {id}. Import the mappings first (hisops mapping import).',
    zh: 'hisops 中没有 {id} 的对照。请先导入对照（hisops mapping import）。',
  },
  'mapping.lookup.history': { en: 'History:', zh: '历史：' },
  'mapping.lookup.changes': { en: 'Changes:', zh: '变更记录：' },
});

const LV: Record<string, { en: string; zh: string }> = {
  '01': { en: 'A (甲类)', zh: '甲类' },
  '02': { en: 'B (乙类)', zh: '乙类' },
  '03': { en: 'C (丙类)', zh: '丙类' },
};

interface LookupOpts {
  on?: string;
  db?: string;
}

export function registerMapping(program: Command, app: App): void {
  const mapping = program.command('mapping').description(app.t('mapping.describe'));
  registerMappingImport(mapping, app);
  registerMappingCheck(mapping, app);
  registerMappingLookup(mapping, app);
  registerMappingUpload(mapping, app);
  app.examples(mapping, [
    'hisops mapping import mappings.xlsx --apply',
    'hisops mapping check',
    'hisops mapping lookup YP00012 --on 2025-03-01',
    'hisops mapping upload --apply',
  ]);
}

function registerMappingLookup(mapping: Command, app: App): void {
  const lookup = mapping
    .command('lookup')
    .description(app.t('mapping.lookup.describe'))
    .argument('<his-code>', 'the HIS item code (fixmedins_hilist_id, 院内编码)')
    .option('--on <day>', 'the day: yyyy-MM-dd, today or yesterday (default today)')
    .addOption(mappingDbOption())
    .action(app.action<LookupOpts>((ctx, a, o) => runLookup(ctx, a[0] as string, o)));
  app.examples(lookup, ['hisops mapping lookup YP00012', 'hisops mapping lookup YP00012 --on 2025-03-01 --json']);
}

async function runLookup(ctx: Ctx, id: string, o: LookupOpts) {
  const cat = await import('../core/catalog/index.js');
  const on = dayArg(cat, ctx, o.on, '--on');
  const db = await openCatalogDb(ctx, o.db);
  const r = await cat.lookupMapping(db, id, on);
  return {
    data: r,
    human: (out: Out) => renderLookup(out, ctx, id, r),
  };
}

function renderLookup(out: Out, ctx: Ctx, id: string, r: CatalogModule.LookupResult): void {
  if (r.history.length === 0) {
    out.line(ctx.t('mapping.lookup.unknown', { id }));
    return;
  }
  if (r.current) renderCurrent(out, ctx, r.on, r.current);
  else out.line(out.c.yellow(ctx.t('mapping.lookup.none', { id, on: r.on })));
  out.line(ctx.t('mapping.lookup.history'));
  out.table(
    [ctx.t('mapping.col.valid'), ctx.t('mapping.col.code'), 'list_type', 'source'],
    r.history.map((h) => [
      (h.validOnDay ? '▶ ' : '  ') + span(h.begndate, h.enddate),
      h.med_list_codg,
      h.list_type,
      h.source ?? '',
    ]),
  );
  if (r.changes.length) {
    out.line(ctx.t('mapping.lookup.changes'));
    out.table(
      ['import', 'action', 'begndate', 'line', 'at'],
      r.changes.map((x) => [
        x.import_id,
        x.action,
        x.begndate,
        x.line ?? '',
        localDateTime(x.at, String(ctx.get('timezone'))),
      ]),
    );
  }
}

/** The mapping valid on the day, with what the imported catalog says of its code. */
function renderCurrent(out: Out, ctx: Ctx, on: string, c: NonNullable<CatalogModule.LookupResult['current']>): void {
  const lv = (v: string | null) =>
    v ? `${v} ${(LV[v] ?? { en: '', zh: '' })[ctx.lang === 'zh-CN' ? 'zh' : 'en']}` : '';
  out.kv([
    ['fixmedins_hilist_id', `${c.fixmedins_hilist_id} ${c.fixmedins_hilist_name ?? ''}`],
    ['on', on],
    ['med_list_codg', `${c.med_list_codg}  (list_type ${c.list_type})`],
    ['mapping', span(c.begndate, c.enddate)],
    ['hilist_name', c.catalog?.hilist_name ?? ''],
    ['chrgitm_lv', lv(c.catalog?.chrgitm_lv ?? null)],
    ['selfpay_prop', c.catalog?.selfpay_prop ?? ''],
    ['pric_uplmt_amt', c.catalog?.pric_uplmt_amt ?? ''],
    [
      'catalog',
      c.catalog
        ? `${c.catalog.kind} ${span(c.catalog.begndate, c.catalog.enddate)} ${c.catalog.valid ? out.c.green('valid') : out.c.red('NOT valid on this day')}`
        : out.c.red('not in any imported catalog'),
    ],
  ]);
}
