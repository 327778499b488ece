/**
 * `hisops mapping`: the hospital's item ↔ national code mappings (目录对照) with their validity
 * dates — import a sheet under the interval rules, check their health on a day, look one item
 * up on a day, upload new and changed ones to the center (3301/3302). See docs/catalog.md.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { App } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, type ExitCode } from '../core/errors.js';
import { localDateTime } from '../core/time/index.js';
import type * as CatalogModule from '../core/catalog/index.js';
import type { Problem } from '../core/catalog/problems.js';
import { problemWords } from '../core/catalog/problemWords.js';
import { dayArg, openCatalogDb, openHis, problemsError, renderProblems, stoppedError } from './catalogShared.js';

defineMessages({
  'mapping.describe': {
    en: "the hospital's mappings to national codes, with validity dates (目录对照)",
    zh: '院内项目与国家医保编码的对照及有效期（目录对照）',
  },
  'mapping.import.describe': {
    en: 'import a mapping sheet (CSV/xlsx) under the interval rules; dry run unless --apply',
    zh: '按有效期规则导入对照表（CSV/xlsx）；不加 --apply 为演练',
  },
  'mapping.check.describe': {
    en: 'the health of the mappings on a day: unmapped billed items, ended or unknown codes, overlaps, gaps, endings (exit 3 when something needs attention)',
    zh: '某日对照的健康状况：未对照但有收费的项目、已停用或未知编码、重叠、断档、即将到期（需处理时退出码 3）',
  },
  'mapping.lookup.describe': {
    en: 'which national code, category and self-pay ratio applied to an HIS item on a day, and its history',
    zh: '某院内项目在某日对应的国家编码、甲乙类、自付比例及历史',
  },
  'mapping.upload.describe': {
    en: 'send new and changed mappings to the center (3301; 3302 to withdraw); dry run unless --apply',
    zh: '向医保中心上传新增和变更的对照（3301；撤销用 3302）；不加 --apply 为演练',
  },
  'mapping.counts': {
    en: 'added {added} · changed {changed} · closed {closed} · unchanged {unchanged} · rejected {rejected}',
    zh: '新增 {added} · 变更 {changed} · 关闭 {closed} · 未变 {unchanged} · 校验不通过 {rejected}',
  },
  'mapping.col.line': { en: 'line', zh: '行' },
  'mapping.col.item': { en: 'fixmedins_hilist_id', zh: '院内编码' },
  'mapping.col.code': { en: 'med_list_codg', zh: '医保编码' },
  'mapping.col.valid': { en: 'valid', zh: '有效期' },
  'mapping.col.what': { en: 'what', zh: '内容' },
  'mapping.col.reason': { en: 'reason', zh: '原因' },
  'mapping.col.fix': { en: 'fix', zh: '处理' },
  'mapping.added': { en: 'Added:', zh: '新增：' },
  'mapping.changed': { en: 'Changed:', zh: '变更：' },
  'mapping.closed': { en: 'Closed (a new mapping takes over the next day):', zh: '关闭（次日起由新对照接替）：' },
  'mapping.rejected': { en: 'Rejected:', zh: '校验不通过：' },
  'mapping.more': { en: '… and {n} more (--json lists them all)', zh: '… 另有 {n} 条（--json 列出全部）' },
  'mapping.applied': { en: 'Written in one transaction (import {id}).', zh: '已在一个事务中写入（导入编号 {id}）。' },
  'mapping.toHis': {
    en: 'HIS mapping table: {inserted} row(s) added, {ended} end date(s) set.',
    zh: 'HIS 对照表：新增 {inserted} 行，设置结束日期 {ended} 行。',
  },
  'mapping.toHisSkipped': { en: 'Not written to the HIS: {list}', zh: '未写入 HIS：{list}' },
  'mapping.noCatalog': {
    en: 'No {kinds} catalog has been imported: every code of that kind is unknown. Import the catalog first (hisops catalog download).',
    zh: '尚未导入 {kinds} 目录：该类编码都会显示为未知。请先导入目录（hisops catalog download）。',
  },
  'mapping.next': {
    en: 'Next: hisops mapping upload (send the new and changed mappings to the center).',
    zh: '下一步：hisops mapping upload（把新增和变更的对照上传到医保中心）。',
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
  'mapping.upload.leftOver': {
    en: '{n} 3301/3302 call(s) that earlier runs left without an outcome, resolved:',
    zh: '以前运行遗留、结果未知的 {n} 个 3301/3302 调用已处理：',
  },
  'mapping.upload.leftOverDry': {
    en: '{n} 3301/3302 call(s) of earlier runs have no outcome; --apply settles them first (their mappings are planned again).',
    zh: '有 {n} 个以前运行的 3301/3302 调用没有结果；加 --apply 时先处理（其对照重新排入计划）。',
  },
  'mapping.lookup.none': { en: 'No mapping of {id} is valid on {on}.', zh: '{id} 在 {on} 没有有效对照。' },
  'mapping.lookup.unknown': {
    en: 'hisops has no mapping of {id}. Import the mappings first (hisops mapping import).',
    zh: 'hisops 中没有 {id} 的对照。请先导入对照（hisops mapping import）。',
  },
  'mapping.lookup.history': { en: 'History:', zh: '历史：' },
  'mapping.lookup.changes': { en: 'Changes:', zh: '变更记录：' },
  'mapping.upload.plan': {
    en: '{n} row(s) to send · {ok} already at the center · {held} refused before and unchanged (--retry-rejected sends them)',
    zh: '待发送 {n} 行 · 中心已有 {ok} 行 · {held} 行曾被拒收且未修改（--retry-rejected 重新发送）',
  },
  'mapping.upload.done': {
    en: 'accepted {accepted} · rejected {rejected} · unknown {unknown} · not sent {notSent}',
    zh: '接受 {accepted} · 拒收 {rejected} · 结果未知 {unknown} · 未发送 {notSent}',
  },
  'mapping.upload.stopped': {
    en: 'Stopped: {summary}. The rows not sent go with the next run.',
    zh: '已停止：{summary}。未发送的行在下次运行时发送。',
  },
  'mapping.upload.unknownHint': {
    en: 'Rows with an unknown outcome are sent again by the next run (3301 replaces a mapping with itself).',
    zh: '结果未知的行会在下次运行时重新发送（3301 重复上传会覆盖同一对照）。',
  },
  'mapping.upload.nothing': {
    en: 'Nothing to send: the center has every mapping as it is.',
    zh: '无需发送：中心的对照已是最新。',
  },
});

const LV: Record<string, { en: string; zh: string }> = {
  '01': { en: 'A (甲类)', zh: '甲类' },
  '02': { en: 'B (乙类)', zh: '乙类' },
  '03': { en: 'C (丙类)', zh: '丙类' },
};
const span = (b: string, e: string | null) => (e ? (b === e ? b : `${b}..${e}`) : `${b}..`);
const first = <T>(xs: readonly T[], n = 30) => xs.slice(0, n);

interface ImportOpts {
  columns?: string;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
  apply?: boolean;
  skipInvalid?: boolean;
  rejectFile?: string;
  catalogCheck?: boolean;
  toHis?: boolean;
  db?: string;
}

async function runImport(ctx: Ctx, file: string, o: ImportOpts) {
  const cat = await import('../core/catalog/index.js');
  const db = await openCatalogDb(ctx, o.db);
  const abs = path.resolve(ctx.cwd, file);
  const r = await cat.importMappings(db, {
    file: abs,
    columns: o.columns,
    encoding: o.encoding,
    sheet: o.sheet,
    apply: o.apply,
    skipInvalid: o.skipInvalid,
    rejectFile: o.skipInvalid ? path.resolve(ctx.cwd, o.rejectFile ?? `${abs}.rejects.csv`) : undefined,
    checkCatalog: o.catalogCheck !== false,
    now: ctx.now(),
    runId: ctx.runId,
  });
  let his: CatalogModule.HisWriteResult | undefined;
  if (o.toHis && r.applied) {
    const h = await openHis(ctx);
    his = await cat.writeMappingsToHis(h.db, h.profile, r, ctx.now());
  }
  const exit: ExitCode = r.blocked ? EXIT.usage : r.counts.rejected > 0 ? EXIT.findings : EXIT.ok;
  return {
    data: { ...r, his: his ?? null },
    exit,
    error: r.blocked ? problemsError(r.problems) : undefined,
    human: (out: Out) => {
      out.line(ctx.t('mapping.counts', r.counts));
      if (r.missingCatalogs.length)
        out.line(out.c.yellow(ctx.t('mapping.noCatalog', { kinds: r.missingCatalogs.join(', ') })));
      const more = (n: number) => n > 30 && out.note(ctx.t('mapping.more', { n: n - 30 }));
      const head = [
        ctx.t('mapping.col.line'),
        ctx.t('mapping.col.item'),
        ctx.t('mapping.col.code'),
        ctx.t('mapping.col.valid'),
        ctx.t('mapping.col.what'),
      ];
      if (r.added.length) {
        out.line(ctx.t('mapping.added'));
        out.table(
          head,
          first(r.added).map((a) => [
            a.row.line,
            a.row.fixmedins_hilist_id,
            a.row.med_list_codg,
            span(a.row.begndate, a.enddate),
            a.row.fixmedins_hilist_name ?? '',
          ]),
        );
        more(r.added.length);
      }
      if (r.changed.length) {
        out.line(ctx.t('mapping.changed'));
        out.table(
          head,
          first(r.changed).map((c) => [
            c.row.line,
            c.row.fixmedins_hilist_id,
            c.before.med_list_codg === c.row.med_list_codg
              ? c.row.med_list_codg
              : `${c.before.med_list_codg} → ${c.row.med_list_codg}`,
            `${span(c.before.begndate, c.before.enddate)} → ${span(c.row.begndate, c.enddate)}`,
            c.fields.join(', '),
          ]),
        );
        more(r.changed.length);
      }
      if (r.closed.length) {
        out.line(ctx.t('mapping.closed'));
        out.table(
          head,
          first(r.closed).map((c) => [
            c.byLine ?? '',
            c.fixmedins_hilist_id,
            c.med_list_codg,
            `${span(c.begndate, c.oldEnd)} → ${span(c.begndate, c.newEnd)}`,
            c.source ?? '',
          ]),
        );
        more(r.closed.length);
      }
      if (r.rejected.length) {
        out.line(out.c.red(ctx.t('mapping.rejected')));
        out.table(
          [
            ctx.t('mapping.col.line'),
            ctx.t('mapping.col.item'),
            ctx.t('mapping.col.code'),
            ctx.t('mapping.col.reason'),
            ctx.t('mapping.col.fix'),
          ],
          first(r.rejected, 50).map((x) => [
            x.line,
            x.fixmedins_hilist_id ?? '',
            x.med_list_codg ?? '',
            x.reasons
              .map((y) => `${y.code}${y.column ? ` ${y.column}` : ''}\n${reasonWords(ctx.lang, x.line, y).message}`)
              .join('\n'),
            x.reasons.map((y) => reasonWords(ctx.lang, x.line, y).fix).join('\n'),
          ]),
        );
        if (r.rejected.length > 50) out.note(ctx.t('mapping.more', { n: r.rejected.length - 50 }));
      } else renderProblems(out, ctx, r.problems);
      if (r.rejectFile && r.counts.rejected)
        out.note(
          ctx.t('cat.rejectFile', { n: r.counts.rejected, file: path.relative(ctx.cwd, r.rejectFile) || r.rejectFile }),
        );
      if (r.blocked) out.line(out.c.red(ctx.t('cat.nothingWritten')));
      else if (r.applied) {
        out.ok(ctx.t('mapping.applied', { id: r.importId }));
        if (his) {
          out.line(ctx.t('mapping.toHis', { inserted: his.inserted, ended: his.ended }));
          if (his.skipped.length)
            out.line(
              out.c.yellow(
                ctx.t('mapping.toHisSkipped', {
                  list: his.skipped.map((s) => `${s.fixmedins_hilist_id} ${s.begndate} (${s.why})`).join('; '),
                }),
              ),
            );
        }
        out.line(ctx.t('mapping.next'));
      } else out.note(ctx.t('common.dryRun'));
    },
  };
}

interface CheckOpts {
  on?: string;
  within?: string;
  his?: boolean;
  db?: string;
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

function renderCheck(out: Out, ctx: Ctx, f: CatalogModule.CheckFindings & { timings: Record<string, number> }): void {
  out.heading(
    ctx.t('mapping.check.title', {
      on: f.on,
      mappings: f.mappings,
      items: f.items,
      his: ctx.t(f.hisConsulted ? 'mapping.check.his' : 'mapping.check.noHis'),
    }),
  );
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
  const unmapped = f.unmapped.filter((u) => u.attention);
  if (unmapped.length) {
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
  const list = (title: string, rows: Array<Array<string | number>>) =>
    rows.length &&
    out.table(
      [ctx.t('mapping.col.item'), ctx.t('mapping.col.code'), ctx.t('mapping.col.valid'), ctx.t('mapping.col.reason')],
      first(rows, 20),
      { title },
    );
  list(
    ctx.t('mapping.check.unknown'),
    f.unknownCodes.map((u) => [
      u.mapping.fixmedins_hilist_id,
      u.mapping.med_list_codg,
      span(u.mapping.begndate, u.mapping.enddate),
      u.message,
    ]),
  );
  list(
    ctx.t('mapping.check.ended'),
    f.endedCodes.map((u) => [
      u.mapping.fixmedins_hilist_id,
      u.mapping.med_list_codg,
      span(u.mapping.begndate, u.mapping.enddate),
      u.message,
    ]),
  );
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
  out.line(f.attention ? out.c.red(ctx.t('mapping.check.attention')) : out.c.green(ctx.t('mapping.check.ok')));
  if (ctx.verbose) out.note(ctx.t('mapping.check.timing', f.timings));
}

async function runLookup(ctx: Ctx, id: string, o: { on?: string; db?: string }) {
  const cat = await import('../core/catalog/index.js');
  const on = dayArg(cat, ctx, o.on, '--on');
  const db = await openCatalogDb(ctx, o.db);
  const r = await cat.lookupMapping(db, id, on);
  const lv = (v: string | null) =>
    v ? `${v} ${(LV[v] ?? { en: '', zh: '' })[ctx.lang === 'zh-CN' ? 'zh' : 'en']}` : '';
  return {
    data: r,
    human: (out: Out) => {
      if (r.history.length === 0) {
        out.line(ctx.t('mapping.lookup.unknown', { id }));
        return;
      }
      const c = r.current;
      if (c) {
        out.kv([
          ['fixmedins_hilist_id', `${c.fixmedins_hilist_id} ${c.fixmedins_hilist_name ?? ''}`],
          ['on', r.on],
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
      } else out.line(out.c.yellow(ctx.t('mapping.lookup.none', { id, on: r.on })));
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
    },
  };
}

interface UploadOpts {
  apply?: boolean;
  retryRejected?: boolean;
  limit?: string;
  db?: string;
}

async function runUpload(ctx: Ctx, o: UploadOpts) {
  const cat = await import('../core/catalog/index.js');
  const { withCenter } = await import('../core/center/index.js');
  const db = await openCatalogDb(ctx, o.db);
  const journal = await ctx.journal();
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  // The number of rows to send is known at the first report.
  let progress: ReturnType<Ctx['progress']> | undefined;
  const settings = centerSettings(ctx);
  const timeoutMs = settings.timeouts.defaultMs || undefined;
  const upload = (center: CatalogModule.MappingCenter | undefined) =>
    cat.uploadMappings(db, journal, center, {
      apply: o.apply,
      runId: ctx.runId,
      now: () => ctx.now(),
      retryRejected: o.retryRejected,
      limit,
      onProgress: (done, total) => (progress ??= ctx.progress('3301/3302', total, ctx.t('progress.rows'))).update(done),
      fixmedins_code: String(ctx.get('fixmedins_code')),
      timeoutMs,
    });
  const r = o.apply
    ? await withCenter(settings, { journal, runId: ctx.runId }, (center) => upload(cat.centerMappings(center)))
    : await upload(undefined);
  progress?.done();
  const exit: ExitCode = r.stoppedBy
    ? EXIT.external
    : r.counts.rejected + r.counts.unknown > 0
      ? EXIT.findings
      : EXIT.ok;
  return {
    data: r,
    exit,
    error: r.stoppedBy ? stoppedError(r.stoppedBy, EXIT.external) : undefined,
    human: (out: Out) => {
      if (r.leftOver.resolved.length) {
        out.note(ctx.t('mapping.upload.leftOver', { n: r.leftOver.resolved.length }));
        for (const c of r.leftOver.resolved.slice(0, 20)) out.line(`  ${c.infno} ${c.msgid}: ${c.resolution}`);
      } else if (r.leftOver.calls && !r.applied) out.note(ctx.t('mapping.upload.leftOverDry', { n: r.leftOver.calls }));
      out.line(ctx.t('mapping.upload.plan', { n: r.plan.items, ok: r.plan.upToDate, held: r.plan.heldBack.length }));
      if (r.outcomes.length === 0) {
        out.line(ctx.t('mapping.upload.nothing'));
        return;
      }
      const colour = (v: string) => (v === 'accepted' ? out.c.green(v) : v === 'planned' ? v : out.c.red(v));
      out.table(
        [
          'infno',
          'why',
          ctx.t('mapping.col.item'),
          ctx.t('mapping.col.code'),
          'begndate',
          'verdict',
          'msgid / err_msg',
        ],
        first(r.outcomes, 100).map((x) => [
          x.infno,
          x.why,
          x.fixmedins_hilist_id,
          x.med_list_codg,
          x.begndate,
          colour(x.verdict),
          x.err_msg ? x.err_msg : (x.msgid ?? ''),
        ]),
      );
      if (r.outcomes.length > 100) out.note(ctx.t('mapping.more', { n: r.outcomes.length - 100 }));
      if (r.applied) {
        out.line(
          ctx.t('mapping.upload.done', {
            accepted: r.counts.accepted,
            rejected: r.counts.rejected,
            unknown: r.counts.unknown,
            notSent: r.counts['not sent'] + r.counts.planned,
          }),
        );
        if (r.counts.unknown) out.note(ctx.t('mapping.upload.unknownHint'));
        if (r.stoppedBy)
          out.line(
            out.c.red(ctx.t('mapping.upload.stopped', { summary: r.stoppedBy.summary })) +
              (r.stoppedBy.fix ? `\n  ${r.stoppedBy.fix}` : ''),
          );
      } else out.note(ctx.t('common.dryRun'));
    },
  };
}

export function registerMapping(program: Command, app: App): void {
  const mapping = program.command('mapping').description(app.t('mapping.describe'));
  const dbOpt = () =>
    new Option(
      '--db <db>',
      'database for the mapping tables (URL or connection name; default: catalog.url, else the HIS)',
    );
  const imp = mapping
    .command('import')
    .description(app.t('mapping.import.describe'))
    .argument(
      '<file>',
      'CSV or xlsx with a header line (national field names or 院内编码, 项目名称, 目录类别, 医保编码, 开始日期, 结束日期)',
    )
    .option(
      '--columns <map>',
      'other headers: field=Header,… (fields fixmedins_hilist_id, fixmedins_hilist_name, list_type, med_list_codg, begndate, enddate)',
    )
    .addOption(new Option('--encoding <enc>', 'text encoding').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--sheet <name>', 'xlsx: the sheet to read (default: the first)')
    .option('--apply', 'write, in one transaction (default: dry run)')
    .option('--skip-invalid', 'write the good rows and set the rejected ones aside in a reject file')
    .option('--reject-file <file>', 'where --skip-invalid puts rejected rows (default: <file>.rejects.csv)')
    .option('--no-catalog-check', 'do not check national codes against the imported catalogs')
    .option(
      '--to-his',
      "also write the applied changes into the HIS's mapping table (profile statements insert_mapping, end_mapping)",
    )
    .addOption(dbOpt())
    .action(
      app.action<ImportOpts>((ctx, a, o) => runImport(ctx, a[0] as string, o), {
        record: true,
        lock: (o) => !!o.apply && 'mapping import',
      }),
    );
  app.examples(imp, [
    'hisops mapping import 对照.xlsx                       # dry run: added / changed / closed / rejected',
    'hisops mapping import mappings.csv --apply',
    'hisops mapping import export.csv --columns fixmedins_hilist_id=ITEM_CODE,med_list_codg=YB_CODE',
    'hisops mapping import mappings.csv --apply --skip-invalid --to-his',
  ]);
  const check = mapping
    .command('check')
    .description(app.t('mapping.check.describe'))
    .option('--on <day>', 'the day to check: yyyy-MM-dd, today or yesterday (default today)')
    .option('--within <days>', 'list mappings ending within this many days (default 30)')
    .option('--no-his', 'do not read HIS items and billing through the profile')
    .addOption(dbOpt())
    .action(app.action<CheckOpts>((ctx, _a, o) => runCheck(ctx, o)));
  app.examples(check, [
    'hisops mapping check',
    'hisops mapping check --on 2025-07-01 --within 14',
    'hisops mapping check --json --quiet   # cron: exit 3 when something needs attention',
  ]);
  const lookup = mapping
    .command('lookup')
    .description(app.t('mapping.lookup.describe'))
    .argument('<his-code>', 'the HIS item code (fixmedins_hilist_id, 院内编码)')
    .option('--on <day>', 'the day: yyyy-MM-dd, today or yesterday (default today)')
    .addOption(dbOpt())
    .action(app.action<{ on?: string; db?: string }>((ctx, a, o) => runLookup(ctx, a[0] as string, o)));
  app.examples(lookup, ['hisops mapping lookup YP00012', 'hisops mapping lookup YP00012 --on 2025-03-01 --json']);
  const upload = mapping
    .command('upload')
    .description(app.t('mapping.upload.describe'))
    .option('--apply', 'send (default: show what would be sent)')
    .option('--retry-rejected', 'send again rows the center refused before, even unchanged')
    .option('--limit <n>', 'send at most n rows this run')
    .addOption(dbOpt())
    .action(
      app.action<UploadOpts>((ctx, _a, o) => runUpload(ctx, o), {
        record: true,
        lock: (o) => !!o.apply && 'mapping upload',
      }),
    );
  app.examples(upload, [
    'hisops mapping upload',
    'hisops mapping upload --apply',
    'hisops mapping upload --apply --json   # cron: exit 3 when the center refused rows',
  ]);
  app.examples(mapping, [
    'hisops mapping import mappings.xlsx --apply',
    'hisops mapping check',
    'hisops mapping lookup YP00012 --on 2025-03-01',
    'hisops mapping upload --apply',
  ]);
}

/** A rejected row's reason in the run's language (the catalog problem words, by code). */
function reasonWords(
  lang: Ctx['lang'],
  line: number,
  y: { code: string; message: string; fix: string; column?: string },
): { message: string; fix: string } {
  return problemWords(lang, {
    code: y.code as Problem['code'],
    file: '',
    line,
    column: y.column,
    message: y.message,
    fix: y.fix,
  });
}
