/**
 * What `hisops schema clone` says: its messages, why a table or a column is copied, masked or
 * kept (in the run's language), the result table, and the error when the masked copy still holds
 * original values.
 */
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, HisopsError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';

defineMessages({
  'clone.col.table': { en: 'table', zh: '表' },
  'clone.col.rows': { en: 'rows', zh: '行数' },
  'clone.col.copy': { en: 'copy', zh: '复制' },
  'clone.col.why': { en: 'why', zh: '原因' },
  'clone.col.masked': { en: 'masked', zh: '脱敏列' },
  'clone.col.result': { en: 'result', zh: '结果' },
  'clone.copy.rows': { en: 'rows', zh: '数据' },
  'clone.copy.structure': { en: 'structure', zh: '仅结构' },
  'clone.plan': {
    en: '{tables} table(s); rows of {copied} ({rows} rows) would be copied.',
    zh: '共 {tables} 张表；将复制其中 {copied} 张表的数据（{rows} 行）。',
  },
  'clone.planSampled': {
    en: '{sampled} table(s) over --max-rows {max} would get a sample of {n} rows each, with the rows related to them.',
    zh: '另有 {sampled} 张表超过 --max-rows {max}，将各取 {n} 行样本及与之关联的行。',
  },
  'clone.planMasked': {
    en: '{tables} table(s); rows of {copied} ({rows} rows) would be copied, masked.',
    zh: '共 {tables} 张表；将复制其中 {copied} 张表的数据（{rows} 行），并脱敏。',
  },
  'clone.status.copied': { en: 'copied', zh: '已复制' },
  'clone.status.structure_only': { en: 'structure only', zh: '仅结构' },
  'clone.status.failed': { en: 'failed', zh: '失败' },
  'clone.k.tables': { en: 'tables', zh: '表' },
  'clone.k.rowsCopied': { en: 'rows copied', zh: '已复制行数' },
  'clone.leftovers': {
    en: '{n} object(s) could not be carried over (see the warnings).',
    zh: '{n} 个对象未能复制过去（见警告）。',
  },
  'clone.why.named': { en: 'named with --tables', zh: '由 --tables 指定' },
  'clone.why.small': { en: '{total} rows < {max}', zh: '{total} 行 < {max}' },
  'clone.why.large': {
    en: '{total} rows ≥ {max} (name it with --tables to copy it)',
    zh: '{total} 行 ≥ {max}（要复制请用 --tables 指定）',
  },
  'clone.why.earlier': { en: 'skipped by the earlier run', zh: '上次运行已跳过' },
  'clone.why.sample': {
    en: '{total} rows ≥ {max}: a sample of {n} rows and the rows related to them',
    zh: '{total} 行 ≥ {max}：抽取 {n} 行样本及与之关联的行',
  },
  'clone.copy.sample': { en: 'sample', zh: '样本' },
  'clone.status.sampled': { en: 'sampled', zh: '已抽样' },
  'clone.col.column': { en: 'column', zh: '列' },
  'clone.col.kind': { en: 'masked as', zh: '脱敏为' },
  'clone.columns': { en: 'Text columns: {masked} masked, {kept} kept', zh: '文本列：脱敏 {masked} 列，保留 {kept} 列' },
  'clone.kept': { en: 'kept', zh: '保留' },
  'clone.by.rule': { en: 'rule {detail}', zh: '规则 {detail}' },
  'clone.by.name': { en: 'name matches {detail}', zh: '列名匹配 {detail}' },
  'clone.by.comment': { en: 'comment says {detail}', zh: '注释含“{detail}”' },
  'clone.by.values': {
    en: '{hits} of {sampled} sampled values {what}',
    zh: '抽查的 {sampled} 个值中有 {hits} 个{what}',
  },
  'clone.what.id': { en: 'are ID numbers', zh: '是身份证号' },
  'clone.what.embedded-id': { en: 'embed an ID number', zh: '内含身份证号' },
  'clone.what.mobile': { en: 'are mobile numbers', zh: '是手机号' },
  'clone.what.email': { en: 'are e-mail addresses', zh: '是电子邮箱' },
  'clone.what.original': { en: 'are original values of masked columns', zh: '是脱敏列的原始值' },
  'clone.what.in-text': {
    en: 'hold ID numbers, mobiles or e-mails in their text',
    zh: '在文本中含身份证号、手机号或电子邮箱',
  },
  'clone.skip.flag': { en: 'flag values ({detail})', zh: '标志值（{detail}）' },
  'clone.skip.ip': { en: 'IP addresses, not a postal address', zh: 'IP 地址，不是住址' },
  'clone.skip.not-personal': { en: 'not personal by name ({detail})', zh: '按列名不是个人信息（{detail}）' },
  'clone.skip.too-short': { en: 'too short to hold it ({detail})', zh: '长度不足以存放（{detail}）' },
  'clone.skip.none': { en: 'no personal name, comment or values', zh: '列名、注释和取值都不像个人信息' },
  'clone.np.ip': { en: 'IP', zh: 'IP' },
  'clone.np.flag': { en: 'flag', zh: '标志' },
  'clone.np.code': { en: 'code', zh: '代码' },
  'clone.np.message': { en: 'text about a message', zh: '消息的主题或格式' },
  'clone.kind.name': { en: 'name', zh: '姓名' },
  'clone.kind.idcard': { en: 'ID number', zh: '证件号' },
  'clone.kind.phone': { en: 'phone', zh: '电话' },
  'clone.kind.address': { en: 'address', zh: '地址' },
  'clone.kind.email': { en: 'e-mail', zh: '电子邮箱' },
  'clone.kind.birthdate': { en: 'birth date', zh: '出生日期' },
  'clone.kind.tokens': { en: 'identities in text', zh: '文本中的身份信息' },
  'clone.kind.text': { en: 'text', zh: '文本' },
  'clone.verified': {
    en: 'Verified: none of {originals} original values of the masked columns is in the copy ({values} values in {columns} text columns read).',
    zh: '已核验：副本中没有脱敏列的 {originals} 个原始值中的任何一个（读取了 {columns} 个文本列的 {values} 个值）。',
  },
  'clone.leak': { en: 'The copy still holds original values of masked columns:', zh: '副本中仍有脱敏列的原始值：' },
  'clone.leakCol': { en: 'values', zh: '个值' },
});

/** Why a table is copied or not (core/schema/clone.ts's words), in the run's language. */
export function cloneReason(ctx: Ctx, reason: string): string {
  if (ctx.lang !== 'zh-CN') return reason;
  const s = /^sample of (\d+) rows/.exec(reason);
  if (s) return `${ctx.t('clone.copy.sample')}（${s[1]} 行）`;
  if (reason === 'named with --tables') return ctx.t('clone.why.named');
  if (reason === 'skipped by the earlier run') return ctx.t('clone.why.earlier');
  const m = /^(\d+) rows (<|≥) (\d+)/.exec(reason);
  if (m) return ctx.t(m[2] === '<' ? 'clone.why.small' : 'clone.why.large', { total: m[1], max: m[3] });
  return reason;
}

/** Why a column is masked or kept (core/schema/maskChoice.ts's decision), in the run's language. */
function choiceWhy(ctx: Ctx, c: SchemaModule.ColumnChoice): string {
  if (c.by === 'values')
    return ctx.t('clone.by.values', { hits: c.hits, sampled: c.sampled, what: ctx.t(`clone.what.${c.what}`) });
  if (c.by) return ctx.t(`clone.by.${c.by}`, { detail: c.detail ?? '' });
  const detail = c.skip === 'not-personal' ? ctx.t(`clone.np.${c.detail}`) : (c.detail ?? '');
  return ctx.t(`clone.skip.${c.skip ?? 'none'}`, { detail });
}

/** Every text column of the copied tables: masked as what, or kept, and why. */
export function columnTable(
  ctx: Ctx,
  out: Out,
  tables: Array<{ table: string; columns?: SchemaModule.ColumnChoice[] }>,
): void {
  const rows = tables.flatMap((t) =>
    (t.columns ?? []).map((c) => [
      t.table,
      c.column,
      c.kind ? ctx.t(`clone.kind.${c.kind}`) : ctx.t('clone.kept'),
      choiceWhy(ctx, c),
    ]),
  );
  if (!rows.length) return;
  out.table(
    [ctx.t('clone.col.table'), ctx.t('clone.col.column'), ctx.t('clone.col.kind'), ctx.t('clone.col.why')],
    rows,
  );
  const masked = rows.filter((r) => r[2] !== ctx.t('clone.kept')).length;
  out.line(ctx.t('clone.columns', { masked, kept: rows.length - masked }));
}

export function leakErrorOf(destDisplay: string, leaks: SchemaModule.LeakFinding[]): HisopsError {
  return new HisopsError({
    code: 'CLONE_LEAK',
    summary: `The masked copy ${destDisplay} still holds original values of masked columns in ${leaks.length} column(s): ${leaks
      .slice(0, 5)
      .map((f) => `${f.table}.${f.column} (${f.values} value(s), ${f.kinds.join('/')})`)
      .join(', ')}${leaks.length > 5 ? ', …' : ''}`,
    fix: `Do not hand this copy out: drop it. Add a rule for each column named (--mask-rules, e.g. mask: [{ table: ${leaks[0]!.table}, column: ${leaks[0]!.column}, kind: tokens }]) and clone again.`,
    why: 'After a masked clone hisops reads every text column of the copy and looks for each original value of a masked column (whole values, words of free text, ID numbers inside longer numbers); the values themselves are never shown.',
    details: { findings: leaks },
    exit: EXIT.usage,
  }).zh(
    `脱敏后的副本 ${destDisplay} 中仍有 ${leaks.length} 列含有脱敏列的原始值：${leaks
      .slice(0, 5)
      .map((f) => `${f.table}.${f.column}（${f.values} 个值）`)
      .join('、')}${leaks.length > 5 ? '、…' : ''}`,
    `请勿交付此副本，先删除它。为列出的每一列加一条规则（--mask-rules，例如 mask: [{ table: ${leaks[0]!.table}, column: ${leaks[0]!.column}, kind: tokens }]）后重新克隆。`,
    '脱敏克隆之后，hisops 会读取副本的每个文本列，查找脱敏列的每个原始值（整值、自由文本中的词、长数字中的身份证号）；不会显示这些值本身。',
  );
}

export function cloneHuman(ctx: Ctx, out: Out, res: SchemaModule.CloneResult, masked: boolean, failed: number): void {
  out.table(
    [ctx.t('clone.col.table'), ctx.t('clone.col.rows'), ctx.t('clone.col.result'), ctx.t('clone.col.masked')],
    res.tables
      .filter((t) => t.status !== 'structure only' || t.rows)
      .map((t) => [
        t.table,
        t.rows,
        ctx.t(`clone.status.${t.status.replace(' ', '_')}`) +
          (t.reason ? `${ctx.lang === 'zh-CN' ? '：' : ': '}${cloneReason(ctx, t.reason)}` : ''),
        t.masked.map((m) => `${m.column}:${m.kind}`).join(' '),
      ]),
  );
  out.kv([
    [ctx.t('clone.k.tables'), res.tables.length],
    [ctx.t('clone.k.rowsCopied'), res.copiedRows],
    [ctx.t('clone.status.structure_only'), res.tables.filter((t) => t.status === 'structure only').length],
    [ctx.t('clone.status.failed'), failed],
  ]);
  if (!res.leftovers.equal) out.note(ctx.t('clone.leftovers', { n: res.leftovers.changes.length }));
  if (masked) columnTable(ctx, out, res.tables);
  const v = res.verification;
  if (v && !v.findings.length)
    out.ok(ctx.t('clone.verified', { originals: v.originals, values: v.values, columns: v.columns }));
  if (v && v.findings.length) {
    out.bad(ctx.t('clone.leak'));
    out.table(
      [ctx.t('clone.col.table'), ctx.t('clone.col.column'), ctx.t('clone.leakCol')],
      v.findings.map((f) => [f.table, f.column, f.values]),
    );
  }
}
