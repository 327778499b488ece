/**
 * `hisops mapping check`: the health of the mappings on a day — unmapped billed items, unknown or
 * ended codes, overlaps, gaps, endings — as a table of counts and one short list per finding.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT } from '../core/errors.js';
import type * as CatalogModule from '../core/catalog/index.js';
import { dayArg, openCatalogDb, openHis } from './catalogShared.js';
import { first, mappingDbOption, span } from './catalogMappingShared.js';

defineMessages({
  'mapping.check.describe': {
    en: 'the health of the mappings on a day: unmapped billed items, ended or unknown codes, overlaps, gaps, endings (exit 3 when something needs attention)',
    zh: '某日对照的健康状况：未对照但有收费的项目、已停用或未知编码、重叠、断档、即将到期（需处理时退出码 3）',
  },
  'mapping.check.title': {
    en: 'Mappings on {on}: {mappings} mapping(s) of {items} item(s){his}',
    zh: '{on} 的对照：{items} 个项目的 {mappings} 条对照{his}',
  },
  'mapping.check.his': { en: '; HIS items consulted', zh: '；已查询 HIS 项目' },
  'mapping.check.noHis': { en: '; HIS not consulted', zh: '；未查询 HIS' },
  'mapping.check.finding': { en: 'finding', zh: '问题' },
  'mapping.check.count': { en: 'count', zh: '数量' },
  'mapping.check.unmapped': {
    en: 'items billed in the last 30 days with no mapping on the day',
    zh: '近 30 天有收费但当日无对照的项目',
  },
  'mapping.check.unknown': {
    en: 'mappings to unknown codes (or of the wrong list type)',
    zh: '对照到未知编码（或目录类别不符）',
  },
  'mapping.check.ended': { en: 'mappings to codes not valid on some of their days', zh: '对照的编码在部分日期无效' },
  'mapping.check.overlaps': { en: 'overlapping mappings of one item', zh: '同一项目的对照重叠' },
  'mapping.check.gaps': { en: 'gaps between mappings (now or ahead)', zh: '对照断档（当前或将来）' },
  'mapping.check.ending': {
    en: 'mappings ending within {n} days with nothing after them',
    zh: '{n} 天内到期且无后续的对照',
  },
  'mapping.check.billed': {
    en: 'billed on unmapped items in the last 30 days: {amount}',
    zh: '近 30 天未对照项目的收费金额：{amount}',
  },
  'mapping.check.ok': { en: 'Nothing needs attention.', zh: '没有需要处理的问题。' },
  'mapping.check.attention': {
    en: 'Needs attention: settlements of these items fail or cost the hospital money.',
    zh: '需要处理：这些项目的结算会失败或由医院承担费用。',
  },
  'mapping.check.timing': {
    en: 'read {mappings} ms · catalog {catalog} ms · HIS {his} ms · check {check} ms',
    zh: '读取 {mappings} 毫秒 · 目录 {catalog} 毫秒 · HIS {his} 毫秒 · 检查 {check} 毫秒',
  },
});

interface CheckOpts {
  on?: string;
  within?: string;
  his?: boolean;
  db?: string;
}

type Findings = CatalogModule.CheckFindings & { timings: Record<string, number> };
type Rows = Array<Array<string | number>>;

export function registerMappingCheck(mapping: Command, app: App): void {
  const check = mapping
    .command('check')
    .description(app.t('mapping.check.describe'))
    .option('--on <day>', 'the day to check: yyyy-MM-dd, today or yesterday (default today)')
    .option('--within <days>', 'list mappings ending within this many days (default 30)')
    .option('--no-his', 'do not read HIS items and billing through the profile')
    .addOption(mappingDbOption())
    .action(app.action<CheckOpts>((ctx, _a, o) => runCheck(ctx, o)));
  app.examples(check, [
    'hisops mapping check',
    'hisops mapping check --on 2025-07-01 --within 14',
    'hisops mapping check --json --quiet   # cron: exit 3 when something needs attention',
  ]);
}

async function runCheck(ctx: Ctx, o: CheckOpts) {
  const cat = await import('../core/catalog/index.js');
  const on = dayArg(cat, ctx, o.on, '--on');
  const within = o.within === undefined ? 30 : Number(o.within);
  if (!Number.isInteger(within) || within < 0)
    throw (await import('../core/errors.js')).inputError(
      'MAPPING_WITHIN',
      `--within "${o.within}" is not a number of days`,
      'Give a whole number of days, e.g. --within 30.',
    );
  const db = await openCatalogDb(ctx, o.db);
  let source: CatalogModule.HisItemSource | undefined;
  if (o.his !== false) {
    const h = await openHis(ctx);
    source = cat.profileItemSource(h.db, h.profile);
  }
  const f = await cat.runMappingCheck(db, { on, withinDays: within, his: source });
  return {
    data: f,
    exit: f.attention ? EXIT.findings : EXIT.ok,
    human: (out: Out) => renderCheck(out, ctx, f),
  };
}

function renderCheck(out: Out, ctx: Ctx, f: Findings): void {
  out.heading(
    ctx.t('mapping.check.title', {
      on: f.on,
      mappings: f.mappings,
      items: f.items,
      his: ctx.t(f.hisConsulted ? 'mapping.check.his' : 'mapping.check.noHis'),
    }),
  );
  renderCounts(out, ctx, f);
  renderUnmapped(out, ctx, f);
  renderFindingLists(out, ctx, f);
  out.line(f.attention ? out.c.red(ctx.t('mapping.check.attention')) : out.c.green(ctx.t('mapping.check.ok')));
  if (ctx.verbose) out.note(ctx.t('mapping.check.timing', f.timings));
}

/** One line per kind of finding with its count, red when not zero. */
function renderCounts(out: Out, ctx: Ctx, f: Findings): void {
  const mark = (n: number) => (n > 0 ? out.c.red(String(n)) : out.c.green('0'));
  out.table(
    [ctx.t('mapping.check.finding'), ctx.t('mapping.check.count')],
    [
      [ctx.t('mapping.check.unmapped'), mark(f.counts.unmapped)],
      [ctx.t('mapping.check.unknown'), mark(f.counts.unknownCodes)],
      [ctx.t('mapping.check.ended'), mark(f.counts.endedCodes)],
      [ctx.t('mapping.check.overlaps'), mark(f.counts.overlaps)],
      [ctx.t('mapping.check.gaps'), mark(f.counts.gaps)],
      [ctx.t('mapping.check.ending', { n: f.withinDays }), mark(f.counts.endingSoon)],
    ],
    { align: ['left', 'right'] },
  );
}

/** The billed items with no mapping on the day (the first 20), and what they were billed. */
function renderUnmapped(out: Out, ctx: Ctx, f: Findings): void {
  const unmapped = f.unmapped.filter((u) => u.attention);
  if (!unmapped.length) return;
  out.table(
    [ctx.t('mapping.col.item'), ctx.t('mapping.col.what'), 'billed', 'count', 'last mapping'],
    first(unmapped, 20).map((u) => [
      u.fixmedins_hilist_id,
      u.fixmedins_hilist_name ?? '',
      u.billed_amount ?? '',
      u.billed_count,
      u.previous ? `${u.previous.med_list_codg} ${span(u.previous.begndate, u.previous.enddate)}` : '',
    ]),
    { title: ctx.t('mapping.check.unmapped') },
  );
  if (f.unmappedBilled) out.line(ctx.t('mapping.check.billed', { amount: f.unmappedBilled }));
}

/** Unknown and ended codes, overlaps, gaps, endings: one table each (the first 20), when any. */
function renderFindingLists(out: Out, ctx: Ctx, f: Findings): void {
  const list = (title: string, rows: Rows) =>
    rows.length &&
    out.table(
      [ctx.t('mapping.col.item'), ctx.t('mapping.col.code'), ctx.t('mapping.col.valid'), ctx.t('mapping.col.reason')],
      first(rows, 20),
      { title },
    );
  const coded = (u: { mapping: CatalogModule.MappingRef; message: string }) => [
    u.mapping.fixmedins_hilist_id,
    u.mapping.med_list_codg,
    span(u.mapping.begndate, u.mapping.enddate),
    u.message,
  ];
  list(ctx.t('mapping.check.unknown'), f.unknownCodes.map(coded));
  list(ctx.t('mapping.check.ended'), f.endedCodes.map(coded));
  list(
    ctx.t('mapping.check.overlaps'),
    f.overlaps.map((o) => [
      o.fixmedins_hilist_id,
      `${o.a.med_list_codg}\n${o.b.med_list_codg}`,
      `${span(o.a.begndate, o.a.enddate)}\n${span(o.b.begndate, o.b.enddate)}`,
      span(o.days.begin, o.days.end),
    ]),
  );
  list(
    ctx.t('mapping.check.gaps'),
    f.gaps
      .filter((g) => g.attention)
      .map((g) => [
        g.fixmedins_hilist_id,
        `${g.before.med_list_codg} → ${g.after.med_list_codg}`,
        span(g.gap.begin, g.gap.end),
        '',
      ]),
  );
  list(
    ctx.t('mapping.check.ending', { n: f.withinDays }),
    f.endingSoon.map((e) => [
      e.mapping.fixmedins_hilist_id,
      e.mapping.med_list_codg,
      span(e.mapping.begndate, e.mapping.enddate),
      `${e.daysLeft} d`,
    ]),
  );
}
