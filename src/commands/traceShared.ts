/**
 * What the trace subcommands share: the kinds of record, the settings and the day window their
 * options give, and the findings table.
 */
import type { Command } from 'commander';
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import { provinceProfile } from '../core/config/index.js';
import { inputError } from '../core/errors.js';
import { closest } from '../core/shared/index.js';
import type * as TraceModule from '../core/trace/index.js';

type Trace = typeof TraceModule;

/** --from/--to: the days to read. */
export interface WindowOpts {
  from?: string;
  to?: string;
}

/** --concurrency, --rate, --batch-size, --retries: on top of trace: in hisops.yaml. */
export interface SendSettingsOpts {
  concurrency?: string;
  rate?: string;
  batchSize?: string;
  retries?: string;
}

/** Chinese names of the findings, beside the codes. */
export const FINDING_ZH: Record<string, string> = {
  no_code: '无追溯码',
  bad_length: '位数错误',
  bad_chars: '含非数字',
  prefix_mismatch: '药品标识码不符',
  drug_mismatch: '药品不符',
  not_in_library: '四码合一库无此码',
  duplicate_in_record: '同一记录重复',
  duplicate_in_batch: '批次内重复',
  sold_again: '重复销售',
  return_never_sold: '退货无销售',
  return_over_quantity: '退货超量',
  no_mapping: '无有效对照',
  mapping_ambiguous: '对照不唯一',
  missing_field: '缺必填项',
  changed_after_upload: '上传后已修改',
  stock_other_drug: '入库药品不符',
  returned_to_supplier: '已退供应商',
};

const KINDS = ['sale', 'return', 'stock-in', 'stock-change', 'stock-count'] as const;

export function parseKinds(v: string[] | undefined): TraceModule.TraceKind[] {
  if (!v || v.length === 0) return [...KINDS];
  const out = new Set<TraceModule.TraceKind>();
  for (const part of v.flatMap((x) => x.split(','))) {
    const k = part.trim();
    if (!(KINDS as readonly string[]).includes(k)) {
      // stock_count, stockin, Stock-In: the kind meant is named rather than only listed.
      const near = closest(k.toLowerCase().replace(/_/g, '-'), KINDS);
      throw inputError(
        'TRACE_BAD_KIND',
        `--kind ${k} is not a kind of record${near ? ` (did you mean ${near}?)` : ''}`,
        `Use ${KINDS.join(', ')} (repeat --kind or separate with commas).`,
      ).zh(
        `--kind ${k} 不是记录类型${near ? `（是否应为 ${near}？）` : ''}`,
        `请使用 ${KINDS.join('、')}（可重复 --kind 或用逗号分隔）。`,
      );
    }
    out.add(k as TraceModule.TraceKind);
  }
  return [...out];
}

export const collect = (v: string, prev: string[] = []) => [...prev, v];

export function settingsFrom(ctx: Ctx, trace: Trace, o: SendSettingsOpts): TraceModule.TraceSettings {
  return trace.traceSettings(
    ctx.config().sections['trace'],
    {
      concurrency: o.concurrency,
      rate: o.rate,
      batchSize: o.batchSize,
      retries: o.retries,
    },
    provinceProfile(ctx.get('center.province') as string | undefined).trace,
  );
}

/** The --from/--to options whose values `windowFrom` reads. */
export function windowOptions(cmd: Command): Command {
  return cmd
    .option('--from <day>', 'first day (yyyy-MM-dd); default today minus trace.lookbackDays')
    .option('--to <day>', 'last day (yyyy-MM-dd); default today');
}

export function windowFrom(
  ctx: Ctx,
  trace: Trace,
  o: WindowOpts,
  settings: TraceModule.TraceSettings,
): TraceModule.Window {
  return trace.resolveWindow({
    from: o.from,
    to: o.to,
    today: trace.dayOf(ctx.now()),
    lookbackDays: settings.lookbackDays,
  });
}

export function fixmedins(ctx: Ctx): string {
  return String(ctx.get('fixmedins_code'));
}

function findingRows(
  ctx: Ctx,
  tm: typeof TraceModule,
  findings: readonly TraceModule.Finding[],
  max = 50,
): Array<Array<string | number>> {
  const zh = ctx.lang === 'zh-CN';
  return findings
    .slice(0, max)
    .map((f) => [
      f.line !== undefined ? `${f.day ? f.day + ' ' : ''}${ctx.t('trace.line', { n: f.line })}` : f.day,
      f.record_kind === null ? '' : f.record_id,
      f.record_kind ?? '',
      f.drug_trac_codg ?? '',
      `${f.kind} ${FINDING_ZH[f.kind] ?? ''}`.trim(),
      zh ? tm.findingMessageZh(f) : f.message,
    ]);
}

export function renderFindings(
  out: Out,
  ctx: Ctx,
  tm: typeof TraceModule,
  findings: readonly TraceModule.Finding[],
): void {
  if (!findings.length) return;
  out.table(
    [
      ctx.t('trace.col.day'),
      ctx.t('trace.col.record'),
      ctx.t('trace.col.kind'),
      ctx.t('trace.col.code'),
      ctx.t('trace.col.finding'),
      ctx.t('trace.col.detail'),
    ],
    findingRows(ctx, tm, findings),
  );
  if (findings.length > 50) out.note(ctx.t('trace.more', { n: findings.length - 50 }));
  const kinds = [...new Set(findings.map((f) => f.kind))];
  out.line(ctx.t('trace.whatToDo') + ':');
  for (const k of kinds) {
    const f = findings.find((x) => x.kind === k)!;
    out.line(`  ${k}: ${ctx.lang === 'zh-CN' ? tm.findingFixZh(f) : f.fix}`);
  }
}
