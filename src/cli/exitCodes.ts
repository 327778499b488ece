/** The exit-code table users script against; printed in --help, README and docs/exit-codes.md. */
import { EXIT } from '../core/errors.js';

const EXIT_TABLE: ReadonlyArray<{ code: number; en: string; zh: string }> = [
  { code: EXIT.ok, en: 'done, nothing needs attention', zh: '完成，无需处理' },
  {
    code: EXIT.internal,
    en: 'internal failure (a bug: the message says how to report it)',
    zh: '内部错误（程序缺陷，按提示报告）',
  },
  {
    code: EXIT.usage,
    en: 'usage, configuration or input error (bad flag, bad file, bad date)',
    zh: '用法、配置或输入错误',
  },
  {
    code: EXIT.findings,
    en: 'done, and findings need attention (schemas differ, accounts do not balance, stuck settlements, rejected uploads)',
    zh: '完成，但有需要处理的发现（结构不同、对账不平、单边账、上传被中心拒收）',
  },
  {
    code: EXIT.needsConfirmation,
    en: 'needs confirmation or decisions and nobody can answer (not a TTY, --json or CI): use --yes or a decisions file',
    zh: '需要确认但无人应答（非终端、--json 或 CI）：请用 --yes 或决策文件',
  },
  {
    code: EXIT.external,
    en: 'an external system failed: database or center unreachable, timed out, or refused',
    zh: '外部系统失败：数据库或医保中心不可达、超时或拒绝',
  },
];

export function exitTableText(lang: 'en' | 'zh-CN'): string {
  return EXIT_TABLE.map((r) => `  ${r.code}  ${lang === 'zh-CN' ? r.zh : r.en}`).join('\n');
}
