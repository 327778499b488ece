/**
 * One message catalog for human output, in English and Simplified Chinese. Each command file
 * registers its own messages with `defineMessages`; JSON keys, codes and exit codes are never
 * translated. Domain terms in help show both languages ("reconcile (对账)").
 */
export type Lang = 'en' | 'zh-CN';
export type Messages = Record<string, { en: string; zh: string }>;

const catalog = new Map<string, { en: string; zh: string }>();

export function defineMessages<M extends Messages>(m: M): M {
  for (const [k, v] of Object.entries(m)) catalog.set(k, v);
  return m;
}

/** Look up a message and fill {placeholders}; an unknown key shows itself so it is noticed. */
export function translate(lang: Lang, key: string, vars: Record<string, unknown> = {}): string {
  const m = catalog.get(key);
  const text = m ? (lang === 'zh-CN' ? m.zh : m.en) : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

export function hasMessage(key: string): boolean {
  return catalog.has(key);
}

/** Every message registered so far, for the catalogue's completeness test. */
export function catalogEntries(): Array<[string, { en: string; zh: string }]> {
  return [...catalog.entries()];
}

/** --lang > HISOPS_LANG > the config file > the system locale > English. */
export function detectLang(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  fromConfig?: string,
): Lang {
  const norm = (v: string | undefined): Lang | undefined => {
    if (!v) return undefined;
    if (/^zh/i.test(v)) return 'zh-CN';
    if (/^(en|c|posix)/i.test(v)) return 'en';
    return undefined;
  };
  return (
    norm(flag) ??
    norm(env.HISOPS_LANG) ??
    norm(fromConfig) ??
    norm(env.LC_ALL) ??
    norm(env.LC_MESSAGES) ??
    norm(env.LANG) ??
    'en'
  );
}

defineMessages({
  'common.yes': { en: 'yes', zh: '是' },
  'common.no': { en: 'no', zh: '否' },
  'common.run': { en: 'run {runId}', zh: '运行编号 {runId}' },
  'common.done': { en: 'done', zh: '完成' },
  'common.failed': { en: 'failed (exit {exit})', zh: '失败（退出码 {exit}）' },
  'common.error': { en: 'error', zh: '错误' },
  'common.why': { en: 'why', zh: '原因' },
  'common.fix': { en: 'fix', zh: '处理' },
  'common.bug': {
    en: 'This is a bug in hisops. Please report it with the command you ran, `hisops --version`, and the text below.',
    zh: '这是 hisops 的程序缺陷。请连同所执行的命令、`hisops --version` 的输出和以下内容一起报告。',
  },
  'common.needsYes': {
    en: 'This step needs confirmation and nobody can answer here (not a terminal, --json or CI).',
    zh: '此步骤需要确认，但当前无人应答（非终端、--json 或 CI）。',
  },
  'common.needsYesFix': {
    en: 'Run again with --yes to confirm, after reading the plan.',
    zh: '阅读计划后，加 --yes 再次运行以确认。',
  },
  'common.dryRun': {
    en: 'Dry run: nothing was written. Add --apply to carry it out.',
    zh: '演练模式：未写入任何内容。加 --apply 执行。',
  },
  'help.exitCodes': { en: 'Exit codes:', zh: '退出码：' },
  'help.examples': { en: 'Examples:', zh: '示例：' },
  'help.globalOptions': { en: 'Global options apply to every command.', zh: '全局选项适用于所有命令。' },
});
