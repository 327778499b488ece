/**
 * `hisops trace relation import | show`: the package relations (码上放心: case → medium package →
 * box) that `trace check` uses, kept in the journal database. See docs/trace.md.
 */
import { Option, type Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { EXIT } from '../core/errors.js';
import { importInput, type ImportOpts } from './traceLibrary.js';

defineMessages({
  'trel.describe': {
    en: 'package relations (码上放心): which boxes a case holds',
    zh: '包装关联关系（码上放心）：大包装中有哪些小包装',
  },
  'trel.import.describe': {
    en: 'import package relations exported from the 码上放心 platform (parent, child, level; a plan unless --apply)',
    zh: '导入从码上放心平台导出的包装关联关系（父码、子码、级别；不加 --apply 只显示计划）',
  },
  'trel.show.describe': {
    en: 'show the packages a code is inside and the boxes it holds',
    zh: '显示追溯码所在的包装及其包含的小包装',
  },
  'trel.rows': { en: 'rows read', zh: '读取行数' },
  'trel.added': { en: 'new relations', zh: '新的关联关系' },
  'trel.unchanged': { en: 'already stored', zh: '已存在' },
  'trel.repeated': { en: 'repeated rows', zh: '重复行' },
  'trel.parents': { en: 'parent codes', zh: '父码数' },
  'trel.headerless': {
    en: 'The file has no header: columns taken as parent, child, level.',
    zh: '文件没有表头：各列按 父码、子码、级别 读取。',
  },
  'trel.written': {
    en: '{n} package relation(s) stored (import {id}).',
    zh: '已保存 {n} 条包装关联关系（第 {id} 次导入）。',
  },
  'trel.nothingNew': {
    en: 'Every relation of the file is stored already: nothing to write.',
    zh: '文件中的关联关系都已保存：无需写入。',
  },
  'trel.none': { en: '{code} has no package relations.', zh: '{code} 没有包装关联关系。' },
});

export function registerTraceRelation(group: Command, app: App): void {
  const rel = group.command('relation').description(app.t('trel.describe'));
  const rimp = rel
    .command('import')
    .description(app.t('trel.import.describe'))
    .argument(
      '<file>',
      'the relations as CSV, xlsx or TXT (columns: 父码/parent_trac_codg, 子码/drug_trac_codg, 级别/pac_lv)',
    )
    .addOption(new Option('--encoding <enc>', 'text encoding').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--apply', 'write, in one transaction (default: dry run)')
    .action(app.action(runRelationImport, { record: true }));
  app.examples(rimp, [
    'hisops trace relation import 关联关系.xlsx',
    'hisops trace relation import relations.csv --apply',
  ]);

  const rshow = rel
    .command('show')
    .description(app.t('trel.show.describe'))
    .argument('<code>', 'a 20-digit traceability code')
    .action(app.action(runRelationShow));
  app.examples(rshow, [
    'hisops trace relation show 83456780000000000012',
    'hisops trace relation show 83456780000000000012 --json',
  ]);
  app.examples(rel, [
    'hisops trace relation import relations.csv --apply',
    'hisops trace relation show 83456780000000000012',
  ]);
}

async function runRelationImport(ctx: Ctx, args: unknown[], o: ImportOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const r = await trace.importRelations(await importInput(ctx, args, o));
  return {
    data: r,
    human: (out) => {
      if (r.headerless) out.note(ctx.t('trel.headerless'));
      out.kv([
        [ctx.t('tlib.source'), r.file],
        [ctx.t('trel.rows'), r.rows],
        [ctx.t('trel.parents'), r.parents],
        [ctx.t('trel.added'), r.added],
        [ctx.t('trel.unchanged'), r.unchanged],
        ...(r.repeated ? ([[ctx.t('trel.repeated'), r.repeated]] as Array<[string, number]>) : []),
      ]);
      if (!r.apply) out.note(ctx.t('common.dryRun'));
      else if (r.import_id !== null) out.ok(ctx.t('trel.written', { n: r.added, id: r.import_id }));
      else out.ok(ctx.t('trel.nothingNew'));
    },
  };
}

async function runRelationShow(ctx: Ctx, args: unknown[]): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const journal = await ctx.journal();
  const raw = String(args[0]).trim();
  const code = trace.normalizeCode(raw);
  const parents = code.ok ? await trace.parentsOf(journal, code.code) : [];
  const boxes = code.ok ? await trace.expandPackage(journal, code.code) : [];
  const found = parents.length > 0 || boxes.length > 0;
  return {
    data: { code: raw, parents, small_packages: boxes },
    exit: found ? EXIT.ok : EXIT.findings,
    findings: { summary: `${raw} has no package relations`, count: found ? 0 : 1 },
    human: (out) => {
      if (!found) {
        out.bad(ctx.t('trel.none', { code: raw }));
        return;
      }
      out.kv([
        [ctx.t('tlib.parents'), parents.join(' → ')],
        [ctx.t('tlib.boxes'), String(boxes.length)],
      ]);
      if (boxes.length) out.line(boxes.join('\n'));
    },
  };
}
