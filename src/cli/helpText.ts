/**
 * How `--help` reads, applied once to the whole command tree after every group has registered:
 * options grouped (input, output, safety), the global options shown under every command, and,
 * under --lang zh-CN, Chinese descriptions (HELP_ZH), headings and commander's own words.
 * Command files keep registering options with English descriptions; this is the one place that
 * turns them into the chosen language, so the language must be known before the program is built
 * (main.ts scans argv, HISOPS_LANG and the configuration file first).
 */
import type { Command, Help, Option } from 'commander';
import { HELP_ZH } from './helpZh.js';
import { defineMessages, translate, type Lang } from './i18n.js';
import { displayWidth } from './output.js';

defineMessages({
  'help.usage': { en: 'Usage:', zh: '用法：' },
  'help.arguments': { en: 'Arguments:', zh: '参数：' },
  'help.options': { en: 'Other options:', zh: '其他选项：' },
  'help.commands': { en: 'Commands:', zh: '命令：' },
  'help.group.input': { en: 'Input options:', zh: '输入选项：' },
  'help.group.output': { en: 'Output options:', zh: '输出选项：' },
  'help.group.safety': { en: 'Safety options (writing, sending, consent):', zh: '安全选项（写入、发送与确认）：' },
  'help.group.global': { en: 'Global options (any command):', zh: '全局选项（适用于所有命令）：' },
  'help.helpOption': { en: 'show help for the command', zh: '显示命令的帮助' },
  'help.helpCommand': { en: 'show help for a command', zh: '显示某个命令的帮助' },
  'help.version': { en: 'print the version number', zh: '显示版本号' },
  'help.choices': { en: 'choices', zh: '可选值' },
  'help.default': { en: 'default', zh: '默认' },
});

type HelpGroup = 'input' | 'output' | 'safety';

/** Options that let a run write, send or change something, or that steer such a run. */
const SAFETY = new Set([
  '--apply',
  '--yes',
  '--force',
  '--full',
  '--resume',
  '--script',
  '--skip',
  '--mark-done',
  '--reason',
  '--all',
  '--retry-rejected',
  '--center-only',
  '--to-his',
]);
/** Options that choose where and how results are written. */
const OUTPUT = new Set([
  '--output',
  '--report',
  '--format',
  '--dialect',
  '--compact',
  '--explain',
  '--lines',
  '--keep',
  '--reject-file',
  '--out',
]);

const RANK: Record<HelpGroup, number> = { input: 0, output: 1, safety: 2 };

function helpGroupOf(option: Option): HelpGroup {
  const flag = option.long ?? '';
  if (SAFETY.has(flag)) return 'safety';
  if (OUTPUT.has(flag)) return 'output';
  return 'input';
}

/** Group, translate and configure help on every command of the tree. */
export function localizeHelp(program: Command, lang: Lang): void {
  const t = (k: string) => translate(lang, k);
  const titles = new Map<string, string>([
    ['Usage:', t('help.usage')],
    ['Arguments:', t('help.arguments')],
    ['Options:', t('help.options')],
    ['Global Options:', t('help.group.global')],
    ['Commands:', t('help.commands')],
  ]);
  const config: Partial<Help> = {
    showGlobalOptions: true,
    styleTitle: (s: string) => titles.get(s) ?? s,
    displayWidth,
    boxWrap: (s: string, width: number) => wrapText(s, width),
    optionDescription: (o: Option) =>
      withExtras(
        o.description,
        o.argChoices,
        o.defaultValue,
        o.defaultValueDescription,
        o.required || o.optional,
        lang,
      ),
  };
  program.options.forEach((o) => o.helpGroup(t('help.group.global')));
  const version = program.options.find((o) => o.long === '--version');
  if (version) version.description = t('help.version');
  walk(program, (cmd) => {
    cmd.configureHelp(config);
    cmd.helpOption('-h, --help', t('help.helpOption'));
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', t('help.helpCommand'));
    if (cmd === program) return;
    // Groups are listed in the order of their first option: input, then output, then safety.
    (cmd.options as Option[]).sort((a, b) => RANK[helpGroupOf(a)] - RANK[helpGroupOf(b)]);
    for (const o of cmd.options) {
      o.helpGroup(t(`help.group.${helpGroupOf(o)}`));
      if (lang === 'zh-CN') o.description = HELP_ZH[o.description] ?? o.description;
    }
    for (const a of cmd.registeredArguments) {
      if (lang === 'zh-CN') a.description = HELP_ZH[a.description] ?? a.description;
    }
  });
}

export function walk(cmd: Command, visit: (c: Command) => void): void {
  visit(cmd);
  for (const sub of cmd.commands) walk(sub, visit);
}

/** commander's "(choices: …, default: …)" suffix, in the chosen language. */
function withExtras(
  desc: string,
  choices: readonly string[] | undefined,
  dflt: unknown,
  dfltText: string | undefined,
  takesValue: boolean,
  lang: Lang,
): string {
  const extra: string[] = [];
  const colon = lang === 'zh-CN' ? '：' : ': ';
  if (choices) extra.push(`${translate(lang, 'help.choices')}${colon}${choices.join(', ')}`);
  if (dflt !== undefined && takesValue)
    extra.push(`${translate(lang, 'help.default')}${colon}${dfltText ?? String(dflt)}`);
  if (extra.length === 0) return desc;
  return lang === 'zh-CN' ? `${desc}（${extra.join('；')}）` : `${desc} (${extra.join(', ')})`;
}

/**
 * Wrap to `width` terminal columns. Chinese has no spaces between words, so a line may also break
 * between two CJK characters (commander's own wrap breaks only at spaces).
 */
export function wrapText(s: string, width: number): string {
  if (width < 40) return s;
  const out: string[] = [];
  for (const line of s.split(/\r?\n/)) {
    const chunks = line.match(/\s*(?:[\u2E80-\uFFFF]|[^\s\u2E80-\uFFFF]+)/g);
    if (!chunks) {
      out.push('');
      continue;
    }
    let cur = chunks.shift()!;
    for (const chunk of chunks) {
      // A closing mark stays on its line even one character over, as Chinese typesetting does.
      if (displayWidth(cur) + displayWidth(chunk) <= width || /^[，。、；：）」』》！？]$/.test(chunk)) cur += chunk;
      else {
        // …and an opening mark goes down with what it opens.
        const open = cur.length > 1 ? (/[（「『《“<]$/.exec(cur)?.[0] ?? '') : '';
        out.push(cur.slice(0, cur.length - open.length));
        cur = open + chunk.trimStart();
      }
    }
    out.push(cur);
  }
  return out.join('\n');
}

/** commander's usage errors, in Chinese (the flags, names and values stay as typed). */
const USAGE_ZH: Array<[RegExp, string]> = [
  [/^error: unknown option '([^']+)'/m, "错误：未知选项 '$1'"],
  [/^error: unknown command '([^']+)'/m, "错误：未知命令 '$1'"],
  [/^error: missing required argument '([^']+)'/m, "错误：缺少必需的参数 '$1'"],
  [/^error: option '([^']+)' argument missing/m, "错误：选项 '$1' 缺少取值"],
  [/^error: required option '([^']+)' not specified/m, "错误：未指定必需的选项 '$1'"],
  [
    /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\./m,
    '错误：参数过多 $1（应为 $2 个，实际 $3 个）。',
  ],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are ([^\n]+)\./m,
    "错误：选项 '$1' 的取值 '$2' 无效，可选值：$3。",
  ],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\./m, "错误：选项 '$1' 的取值 '$2' 无效。"],
  [/^error: (.+) cannot be used with (.+)$/m, '错误：$1 不能与 $2 同时使用'],
  [/\(Did you mean one of ([^?]+)\?\)/, '（是否想用以下之一：$1？）'],
  [/\(Did you mean ([^?]+)\?\)/, '（是否想用 $1？）'],
  [/^error: /m, '错误：'],
];

export function usageErrorZh(text: string): string {
  let out = text;
  for (const [re, zh] of USAGE_ZH) out = out.replace(re, zh);
  return out.replace(/ (?=（)/g, '');
}
