/**
 * `hisops settle log`: the audit trail of the stuck-settlement repairs — who, when, what the center
 * answered, what changed in the HIS. Registered on the `settle` group by settleStuck.ts.
 */
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { localDateTime } from '../core/time/index.js';

defineMessages({
  'stuck.log.describe': {
    en: 'the audit trail of repairs: who, when, what the center answered, what changed in the HIS',
    zh: '单边账处理记录：操作员、时间、中心应答、HIS 变更',
  },
  'stuck.log.none': { en: 'No repairs recorded{id}.', zh: '没有处理记录{id}。' },
  'stuck.col.when': { en: 'when', zh: '时间' },
  'stuck.col.run': { en: 'run', zh: '运行' },
  'stuck.col.opter': { en: 'operator', zh: '操作员' },
  'stuck.col.step': { en: 'step', zh: '步骤' },
  'stuck.col.status': { en: 'status', zh: '状态' },
  'stuck.col.answer': { en: 'center answer', zh: '中心应答' },
  'stuck.col.change': { en: 'HIS change', zh: 'HIS 变更' },
});

interface LogOpts {
  id?: string;
  limit: string;
}

export function registerLog(settle: Command, app: App): void {
  const log = settle
    .command('log')
    .description(app.t('stuck.log.describe'))
    .option('--id <id>', 'one settlement (msgid, setl_id, his_setl_no, mdtrt_id, psn_no), a center msgid or a run id')
    .option('--limit <n>', 'at most this many steps (default 500)', '500')
    .action(app.action(runLog));
  app.examples(log, [
    'hisops settle log',
    'hisops settle log --id H43010000001202601051000000001',
    'hisops settle log --json',
  ]);
}

async function runLog(ctx: Ctx, _a: unknown[], o: LogOpts): Promise<CommandResult> {
  const s = await import('../core/settle/index.js');
  const { inputError } = await import('../core/errors.js');
  const limit = Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw inputError(
      'BAD_LIMIT',
      `--limit ${String(o.limit)} is not a positive whole number`,
      'Use e.g. --limit 100.',
    ).zh(`--limit ${String(o.limit)} 不是正整数`, '例如 --limit 100。');
  const journal = await ctx.journal();
  const rows = await new s.StuckActionJournal(journal, ctx.runId).list({ id: o.id, limit });
  return {
    data: { actions: rows },
    human: (out) => {
      if (!rows.length) return out.line(ctx.t('stuck.log.none', { id: o.id ? ` (${o.id})` : '' }));
      out.table(
        [
          ctx.t('stuck.col.when'),
          ctx.t('stuck.col.run'),
          ctx.t('stuck.col.opter'),
          ctx.t('stuck.col.id'),
          ctx.t('stuck.col.step'),
          ctx.t('stuck.col.status'),
          ctx.t('stuck.col.answer'),
          ctx.t('stuck.col.change'),
        ],
        rows.map((r) => [
          localDateTime(r.finished_at ?? r.started_at, String(ctx.get('timezone'))),
          r.run_id,
          [r.opter, r.opter_name].filter(Boolean).join(' '),
          r.item_id,
          r.step === 'center'
            ? `center ${r.infno ?? ''}${r.center_msgid ? ` ${r.center_msgid}` : ''}`
            : r.step === 'item'
              ? `${r.repair ?? ''} (${r.classification ?? ''})`
              : r.step,
          r.status,
          r.step === 'center' ? short(r.answer) : r.step === 'item' ? short(r.message) : '',
          r.step === 'his' ? hisChange(r.his_change) : '',
        ]),
      );
    },
  };
}

function short(s: string | null, n = 80): string {
  if (!s) return '';
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function hisChange(s: string | null): string {
  if (!s) return '';
  try {
    type Change = { statement?: string; binds?: Record<string, unknown>; affected?: number | null };
    const parsed = JSON.parse(s) as Change | Change[];
    const one = (c: Change) => {
      const b = c.binds ?? {};
      const what =
        c.statement === 'complete_settlement'
          ? `settled setl_id=${String(b.setl_id)}`
          : c.statement === 'mark_settlement_void'
            ? `void: ${String(b.reason ?? '')}`
            : c.statement === 'mark_settlement_cancelled'
              ? 'cancelled'
              : c.statement === 'insert_settlement'
                ? `+row setl_id=${String(b.setl_id ?? '?')}${String(b.refd_setl_flag) === '1' ? ' (refund)' : ''}`
                : String(c.statement);
      return `${what}${c.affected !== undefined && c.affected !== null ? ` (${c.affected} row)` : ''}`;
    };
    return short((Array.isArray(parsed) ? parsed : [parsed]).map(one).join('; '));
  } catch {
    return short(s);
  }
}
