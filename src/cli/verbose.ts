/**
 * What `-v` adds on stderr for the jobs: each step as it starts, with the time since the run
 * began, and each call to the center (infno, msgid, attempt, outcome, duration). Nothing here
 * carries personal data or secrets: the center client's events hold neither. Without -v these
 * hooks are undefined, so a job pays nothing for them.
 */
import type { Ctx } from './context.js';
import { defineMessages } from './i18n.js';

defineMessages({
  'verbose.step': { en: '[{s} s] {step}', zh: '[{s} 秒] {step}' },
  'verbose.send': {
    en: '→ {infno} msgid {msgid} (attempt {attempt})',
    zh: '→ {infno} 报文 {msgid}（第 {attempt} 次）',
  },
  'verbose.answer': { en: '← {infno} {status}{code} in {ms} ms', zh: '← {infno} {status}{code}，用时 {ms} 毫秒' },
  'verbose.retry': { en: '↻ {infno}: {code}; next attempt in {ms} ms', zh: '↻ {infno}：{code}；{ms} 毫秒后重试' },
  'verbose.signin': { en: '✓ 9001 sign-in, msgid {msgid}', zh: '✓ 9001 签到，报文 {msgid}' },
  'verbose.status.ok': { en: 'ok', zh: '成功' },
  'verbose.status.failed': { en: 'failed', zh: '失败' },
  'verbose.status.unknown': { en: 'outcome unknown', zh: '结果未知' },
  'verbose.catalogFile': {
    en: '{file}: {rows} rows · {format} · encoding {encoding} ({how}) · catalog {kind} (from {from})',
    zh: '{file}：{rows} 行 · {format} · 编码 {encoding}（{how}）· 目录 {kind}（依据 {from}）',
  },
  'verbose.traceDay': {
    en: '{day} ({index}/{days}): {due} record(s) due',
    zh: '{day}（{index}/{days}）：{due} 条记录待上传',
  },
  'verbose.stuckDetect': {
    en: 'gathering candidates (journal, HIS pending rows, HIS log, reconciliation) and asking the center (5203)',
    zh: '汇总候选（调用日志、HIS 待确认记录、HIS 日志、对账结果）并向医保中心查询（5203）',
  },
  'progress.reconcile.read': { en: 'reading the HIS', zh: '读取 HIS' },
  'progress.reconcile.totals': { en: 'totals with the center (3201)', zh: '与中心对总账（3201）' },
  'progress.reconcile.detail': { en: 'details from the center (3202)', zh: '从中心取明细（3202）' },
  'progress.reconcile.classify': { en: 'classifying differences', zh: '差异分类' },
  'progress.reconcile.record': { en: 'recording the run', zh: '记录本次运行' },
  'verbose.seedDay': {
    en: 'day {day} ({done}/{days}): {n} of {total} settlements written',
    zh: '{day}（第 {done}/{days} 天）：已写入 {n}/{total} 笔结算',
  },
  'progress.rowsRead': { en: 'reading', zh: '读取' },
  'progress.rows': { en: 'rows', zh: '行' },
  'progress.seeding': { en: 'seeding', zh: '生成数据' },
  'progress.settlements': { en: 'settlements', zh: '笔结算' },
  'progress.records': { en: 'records', zh: '条记录' },
});

/** The fields of the center client's events that -v shows (core/center's CenterEvent). */
interface CenterCallEvent {
  type: 'send' | 'answer' | 'retry' | 'signin';
  infno: string;
  msgid?: string;
  attempt?: number;
  status?: string;
  code?: string;
  delayMs?: number;
  durationMs?: number;
}

/** One stderr line per center call event under -v; undefined otherwise. */
export function centerCallLog(ctx: Ctx): ((e: CenterCallEvent) => void) | undefined {
  if (!ctx.verbose) return undefined;
  return (e) => ctx.debug(centerCallLine(ctx, e));
}

function centerCallLine(ctx: Ctx, e: CenterCallEvent): string {
  switch (e.type) {
    case 'send':
      return ctx.t('verbose.send', { infno: e.infno, msgid: e.msgid ?? '?', attempt: e.attempt ?? 1 });
    case 'answer': {
      const status = ctx.t(`verbose.status.${e.status === 'failed' || e.status === 'unknown' ? e.status : 'ok'}`);
      return ctx.t('verbose.answer', {
        infno: e.infno,
        status,
        code: e.code ? ` ${e.code}` : '',
        ms: e.durationMs ?? '?',
      });
    }
    case 'retry':
      return ctx.t('verbose.retry', { infno: e.infno, code: e.code ?? '?', ms: e.delayMs ?? '?' });
    default:
      return ctx.t('verbose.signin', { msgid: e.msgid ?? '?' });
  }
}

/**
 * Under -v, a function to call with each step's name as it starts: it prints the step once with
 * the seconds since this run began. Repeated calls with the same name print nothing.
 */
export function stepLog(ctx: Ctx): (step: string) => void {
  const start = Date.now();
  let last = '';
  return (step) => {
    if (!ctx.verbose || step === last) return;
    last = step;
    ctx.debug(ctx.t('verbose.step', { s: ((Date.now() - start) / 1000).toFixed(1), step }));
  };
}
