/**
 * The words of a notification: a short message in the run's language built from a job's result
 * (institution, job, period, verdict, top findings, report path), and the fingerprint the repeat
 * limit compares. Pure: the result in, the message out.
 */
import crypto from 'node:crypto';
import type { NotifyMessage, Verdict, WebhookEvent } from '../core/notify/index.js';
import { defineMessages, translate, type Lang } from '../cli/i18n.js';

defineMessages({
  'notify.title': { en: '[hisops] {name} · {job}: {verdict}', zh: '【hisops 通知】{name} · {job}：{verdict}' },
  'notify.institution': { en: 'Institution', zh: '机构' },
  'notify.job': { en: 'Job', zh: '作业' },
  'notify.period': { en: 'Period', zh: '期间' },
  'notify.verdict': { en: 'Verdict', zh: '结论' },
  'notify.findings': { en: 'Top findings', zh: '主要差异' },
  'notify.report': { en: 'Report', zh: '报告' },
  'notify.run': { en: 'Run', zh: '运行编号' },
  'notify.verdict.balanced': { en: 'balanced', zh: '平' },
  'notify.verdict.unbalanced': { en: 'unbalanced', zh: '不平' },
  'notify.verdict.clear': { en: 'all clear', zh: '正常' },
  'notify.verdict.attention': { en: 'needs attention', zh: '需处理' },
  'notify.verdict.failed': { en: 'failed (exit {exit}): {summary}', zh: '失败（退出码 {exit}）：{summary}' },
  'notify.verdict.recovered': { en: 'recovered: {verdict}', zh: '已恢复：{verdict}' },
  'notify.verdict.test': { en: 'test message', zh: '测试消息' },
  'notify.count.oneSided': { en: '{n} one-sided (单边账)', zh: '{n} 笔单边账' },
  'notify.count.rejected': { en: '{n} traceability codes rejected', zh: '{n} 条追溯码被中心拒收' },
  'notify.count.other': { en: '{n} {kind}', zh: '{n} 条 {kind}' },
  'notify.testText': {
    en: 'If you read this, hisops can reach this channel.',
    zh: '收到此消息说明 hisops 可以通过此渠道通知。',
  },
});

export interface RunFacts {
  institution: string;
  fixmedins_code: string;
  fixmedins_name: string;
  job: string;
  runId: string;
  exit: number;
  verdict: Verdict;
  event: WebhookEvent['event'];
  /** Result data of the command (findings, totals, period, report) or undefined after a failure. */
  data?: unknown;
  opts: Record<string, unknown>;
  errorSummary?: string;
  errorCode?: string;
  now: Date;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const ONE_SIDED = new Set(['center_only', 'his_only']);
const ID_FIELDS = ['setl_id', 'mdtrt_id', 'drug_trac_codg', 'msgid', 'psn_no', 'fixmedins_setl_id', 'day'];

/** The period a result speaks of: begndate…enddate, a period object, or the options given. */
export function periodOf(data: unknown, opts: Obj): string | null {
  const d = obj(data);
  const p = obj(d['period']);
  const from = d['begndate'] ?? p['from'] ?? p['begin'] ?? opts['from'] ?? opts['date'];
  const to = d['enddate'] ?? p['to'] ?? p['end'] ?? opts['to'] ?? from;
  if (from === undefined || from === null) return null;
  return String(from) === String(to) ? String(from) : `${String(from)}…${String(to)}`;
}

/** Findings counted by kind (rejected traceability codes from the totals). */
export function countsOf(data: unknown): Record<string, number> {
  const d = obj(data);
  const counts: Record<string, number> = {};
  for (const f of Array.isArray(d['findings']) ? d['findings'] : []) {
    const kind = String(obj(f)['kind'] ?? 'finding');
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  const rejected = Number(obj(d['totals'])['rejected'] ?? obj(d['counts'])['rejected'] ?? 0);
  if (rejected > 0 && !counts['rejected']) counts['rejected'] = rejected;
  return counts;
}

function findingLine(f: unknown): string {
  const o = obj(f);
  const id = ID_FIELDS.find((k) => o[k] !== undefined && o[k] !== null && o[k] !== '');
  const amount = o['medfee_sumamt'] ?? o['amount'];
  return [
    String(o['kind'] ?? ''),
    id ? `${id}=${String(o[id])}` : '',
    amount !== undefined && amount !== null ? String(amount) : '',
    o['message'] ? String(o['message']).slice(0, 80) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function topFindings(data: unknown, n = 5): string[] {
  const all = obj(data)['findings'];
  return Array.isArray(all) ? all.slice(0, n).map(findingLine) : [];
}

function verdictText(f: RunFacts, counts: Record<string, number>, lang: Lang): string {
  const t = (k: string, v?: Obj) => translate(lang, k, v);
  const isReconcile = f.job === 'reconcile';
  if (f.event === 'test') return t('notify.verdict.test');
  if (f.verdict === 'failure') return t('notify.verdict.failed', { exit: f.exit, summary: f.errorSummary ?? '' });
  const parts: string[] = [];
  if (f.verdict === 'ok') parts.push(t(isReconcile ? 'notify.verdict.balanced' : 'notify.verdict.clear'));
  else {
    const unbalanced =
      isReconcile && obj(f.data)['status'] !== undefined
        ? /unbalanced|不平/.test(String(obj(f.data)['status'])) ||
          (counts['center_only'] ?? 0) + (counts['his_only'] ?? 0) > 0
        : false;
    parts.push(
      t(
        isReconcile
          ? unbalanced
            ? 'notify.verdict.unbalanced'
            : 'notify.verdict.attention'
          : 'notify.verdict.attention',
      ),
    );
    const oneSided = Object.entries(counts)
      .filter(([k]) => ONE_SIDED.has(k))
      .reduce((s, [, n]) => s + n, 0);
    if (oneSided) parts.push(t('notify.count.oneSided', { n: oneSided }));
    if (counts['rejected']) parts.push(t('notify.count.rejected', { n: counts['rejected'] }));
    for (const [k, n] of Object.entries(counts))
      if (!ONE_SIDED.has(k) && k !== 'rejected') parts.push(t('notify.count.other', { n, kind: k }));
  }
  const text = parts.join(lang === 'zh-CN' ? '，' : ', ');
  return f.event === 'recovered' ? t('notify.verdict.recovered', { verdict: text }) : text;
}

/** What the repeat limit compares: the same period, verdict and findings make the same message. */
export function fingerprintOf(f: Pick<RunFacts, 'verdict' | 'data' | 'opts' | 'errorCode' | 'exit'>): string {
  const all = obj(f.data)['findings'];
  const keys = Array.isArray(all) ? all.slice(0, 200).map(findingLine).sort() : [];
  const basis = {
    v: f.verdict,
    p: periodOf(f.data, f.opts),
    c: countsOf(f.data),
    k: keys,
    e: f.errorCode ?? null,
    x: f.verdict === 'failure' ? f.exit : null,
  };
  return crypto.createHash('sha256').update(JSON.stringify(basis)).digest('hex').slice(0, 32);
}

export function buildMessage(f: RunFacts, lang: Lang): NotifyMessage {
  const t = (k: string, v?: Obj) => translate(lang, k, v);
  const counts = countsOf(f.data);
  const verdict = verdictText(f, counts, lang);
  const period = periodOf(f.data, f.opts);
  const top = topFindings(f.data);
  const report = obj(f.data)['report'] ?? f.opts['report'];
  const title = t('notify.title', { name: f.fixmedins_name || f.institution, job: f.job, verdict });
  const sep = lang === 'zh-CN' ? '：' : ': ';
  const lines = [
    title,
    `${t('notify.institution')}${sep}${f.fixmedins_name} (${f.institution}, ${f.fixmedins_code})`,
    `${t('notify.job')}${sep}hisops ${f.job}`,
  ];
  if (period) lines.push(`${t('notify.period')}${sep}${period}`);
  lines.push(`${t('notify.verdict')}${sep}${verdict}`);
  if (f.event === 'test') lines.push(t('notify.testText'));
  if (top.length && f.event !== 'recovered') lines.push(`${t('notify.findings')}${sep}`, ...top.map((l) => `- ${l}`));
  if (typeof report === 'string' && report) lines.push(`${t('notify.report')}${sep}${report}`);
  lines.push(`${t('notify.run')}${sep}${f.runId}`);
  const text = lines.join('\n');
  const event: WebhookEvent = {
    source: 'hisops',
    version: 1,
    event: f.event,
    institution: f.institution,
    fixmedins_code: f.fixmedins_code,
    job: f.job,
    period,
    verdict: f.verdict,
    exit_code: f.exit,
    summary: verdict,
    counts,
    top_findings: top,
    report: typeof report === 'string' && report ? report : null,
    run_id: f.runId,
    at: f.now.toISOString(),
    lang,
    text,
  };
  return { title, text, event };
}
