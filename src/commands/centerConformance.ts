/**
 * `hisops center serve --conformance report.html`: the interface test (接口测试) wired into the
 * serve command — the labels of the report in the language of the run, the recorder that checks
 * every message, and the lines printed at the end.
 */
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';

defineMessages({
  'center.conf.title': { en: 'Interface test report (接口测试)', zh: '接口测试报告' },
  'center.conf.summary': { en: 'Summary', zh: '汇总' },
  'center.conf.infno': { en: 'infno', zh: '交易编号' },
  'center.conf.name': { en: 'transaction', zh: '交易名称' },
  'center.conf.messages': { en: 'messages', zh: '报文数' },
  'center.conf.violating': { en: 'messages with violations', zh: '校验不通过的报文' },
  'center.conf.violations': { en: 'violations', zh: '问题数' },
  'center.conf.path': { en: 'field', zh: '字段' },
  'center.conf.kind': { en: 'kind', zh: '类别' },
  'center.conf.problem': { en: 'problem', zh: '问题' },
  'center.conf.message': { en: 'the message (sensitive fields masked)', zh: '报文（敏感字段已脱敏）' },
  'center.conf.none': {
    en: 'No message received yet: point the HIS at this sandbox and click through its flows.',
    zh: '尚未收到报文：请将 HIS 的医保接口地址指向本沙箱，并完成收费、发药等流程。',
  },
  'center.conf.more': {
    en: '{n} more offending messages are counted but not shown.',
    zh: '另有 {n} 条校验不通过的报文已计数，未列出。',
  },
  'center.conf.started': { en: 'started', zh: '开始' },
  'center.conf.updated': { en: 'last message', zh: '最后报文' },
  'center.conf.writing': {
    en: 'interface test: every message is checked; the report {file} (and {json}) is rewritten as messages arrive',
    zh: '接口测试：逐条校验收到的报文，报告 {file}（及 {json}）随报文到达而更新',
  },
  'center.conf.result': {
    en: 'interface test: {messages} messages, {violating} with violations ({violations} in all) · report {file}',
    zh: '接口测试：共 {messages} 条报文，{violating} 条校验不通过（共 {violations} 个问题）· 报告 {file}',
  },
  'center.conf.option': {
    en: 'interface test (接口测试): check every message the HIS sends against the interface reference and write this HTML report (and a .json beside it)',
    zh: '接口测试：按接口规范校验 HIS 发来的每条报文，写入此 HTML 报告（旁边另有 .json）',
  },
});

type Sandbox = Awaited<ReturnType<typeof import('../core/center/index.js').loadSandbox>>;

/** Start the recorder for `--conformance FILE`. */
export function startConformanceFor(ctx: Ctx, sandbox: Sandbox, file: string, utcOffsetMinutes: number | undefined) {
  const htmlFile = path.resolve(ctx.cwd, file);
  const t = (k: string) => ctx.t(`center.conf.${k}`);
  const labels = {
    title: t('title'),
    summary: t('summary'),
    infno: t('infno'),
    name: t('name'),
    messages: t('messages'),
    violating: t('violating'),
    violations: t('violations'),
    path: t('path'),
    kind: t('kind'),
    problem: t('problem'),
    message: t('message'),
    none: t('none'),
    more: t('more'),
    started: t('started'),
    updated: t('updated'),
  };
  return sandbox.startConformance({ htmlFile, lang: ctx.lang, labels, utcOffsetMinutes }, ctx.now());
}

/** What `center serve` reports about the interface test (data and the closing line). */
export function conformanceSummary(ctx: Ctx, rec: ReturnType<typeof startConformanceFor>) {
  const r = rec.report();
  const rel = (f: string) => path.relative(ctx.cwd, f) || f;
  const data = {
    report: rel(rec.htmlFile),
    json: rel(rec.jsonFile),
    messages: r.messages,
    violating: r.violating,
    violations: r.violations,
    transactions: r.transactions.map((x) => ({
      infno: x.infno,
      messages: x.messages,
      violating: x.violating,
      violations: x.violations,
      by_path: x.by_path,
    })),
  };
  const line = (out: Out) => {
    const text = ctx.t('center.conf.result', {
      messages: r.messages,
      violating: r.violating,
      violations: r.violations,
      file: data.report,
    });
    if (r.violating) out.bad(text);
    else out.ok(text);
  };
  return { data, line, violating: r.violating };
}
