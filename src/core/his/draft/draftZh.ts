/**
 * The drafted profile's comments in Simplified Chinese. renderDraft writes its comments, TODOs and
 * unsupported reasons in English; under `--lang zh-CN` each of those lines is rewritten here by the
 * pattern it was written with, so the YAML (SQL, names, codes) stays identical in both languages.
 * A test drafts under zh-CN and fails on any English sentence left.
 */
import { ROLES } from './dictionary.js';

/** "settlements (结算)" → "结算": the Chinese in a role's `what`. */
const ROLE_ZH = new Map(Object.values(ROLES).map((r) => [r.what, /（?\(([^)]+)\)/.exec(r.what)?.[1] ?? r.what]));
const whatZh = (list: string) =>
  list
    .split(', ')
    .map((w) => ROLE_ZH.get(w) ?? w)
    .join('、');

const CONF_ZH: Record<string, string> = { high: '高', medium: '中', low: '低' };

/** Ordered rules: [pattern, Chinese]; the first that matches a line rewrites it. */
const RULES: Array<[RegExp, (...m: string[]) => string]> = [
  [
    /^# HIS profile drafted by hisops profile draft from (.*) \((\w+)\)\.$/,
    (s, d) => `# 由 hisops profile draft 根据 ${s}（${d}）起草的 HIS 配置文件。`,
  ],
  [
    /^# Every statement says how sure the draft is and what it could not decide \(TODO\)\. Read each one,$/,
    () => '# 每条语句都注明了起草的可信度和未能确定之处（TODO）。请逐条阅读，',
  ],
  [
    /^# fix the TODOs, then run hisops profile check \(or hisops doctor\) before any job uses it\.$/,
    () => '# 处理完 TODO，再运行 hisops profile check（或 hisops doctor），然后才让任务使用它。',
  ],
  [/^# Tables found:$/, () => '# 找到的表：'],
  [/^# {3}(\w+): TODO no table found for (.*)$/, (r, w) => `#   ${r}: TODO 没有找到${whatZh(w)}的表`],
  [
    /^# {3}(\w+): (.*) — (high|medium|low): (\d+) of (\d+) key columns \(([^)]*)\)(, name\/comment says .*?)?; (\d+) of (\d+) columns found(; hospital code (\w+))?$/,
    (r, t, c, f, k, list, named, cols, total, _h, hosp) =>
      `#   ${r}: ${t} — 可信度${CONF_ZH[c]}：${k} 个关键列中找到 ${f} 个（${list}）${named ? '，表名或注释亦相符' : ''}；共 ${total} 列，找到 ${cols} 列${hosp ? `；医院编码列 ${hosp}` : ''}`,
  ],
  [
    /^# The hospital-code columns are bound to :fixmedins_code \(the institution in hisops\.yaml\)\. If they$/,
    () => '# 医院编码列绑定到 :fixmedins_code（hisops.yaml 中的机构编码）。如果这些列',
  ],
  [
    /^# hold the HIS's own hospital code instead, declare it under binds: and use that bind\.$/,
    () => '# 存的是 HIS 自己的医院编码，请在 binds: 下声明它并改用该绑定。',
  ],
  [/^(\s*)# confidence: (high|medium|low) — (.*)$/, (sp, c, t) => `${sp}# 可信度：${CONF_ZH[c]} — ${t}`],
  [/^(\s*# TODO |\s*unsupported: )(.*)$/, (head, body) => `${head}${todoZh(body)}`],
];

/** One TODO or unsupported reason in Chinese (as it came when no pattern knows it). */
export function todoZh(t: string): string {
  const rules: Array<[RegExp, (...m: string[]) => string]> = [
    [/^(\w+): no column found in (\S+)$/, (c, t2) => `${c}：在 ${t2} 中没有找到对应的列`],
    [
      /^(\w+): (\w+) holds (.*), which its comment does not explain; map it with CASE$/,
      (c, col, v) => `${c}：${col} 中有 ${v}，其注释没有说明含义；请用 CASE 映射`,
    ],
    [
      /^(\w+): (\w+) holds (.*), which is not (\S+); map it with CASE$/,
      (c, col, v, w) => `${c}：${col} 中有 ${v}，不是 ${w} 之一；请用 CASE 映射`,
    ],
    [
      /^(\w+): check that (\w+) holds (\S+); map other codes with CASE$/,
      (c, col, w) => `${c}：请确认 ${col} 存的是 ${w}；其他代码请用 CASE 映射`,
    ],
    [
      /^(\w+): no code found for (.*) in the comment of (\w+)$/,
      (c, w, col) => `${c}：${col} 的注释中没有找到 ${w} 的代码`,
    ],
    [/^(\w+): no column to write it to$/, (c) => `${c}：没有可写入的列`],
    [
      /^(\w+): (\w+) tells the kinds of codes apart; add its value for (\w+) to the join$/,
      (t2, col, r) => `${t2}：${col} 区分追溯码的种类；请在连接条件中加上 ${r} 对应的取值`,
    ],
    [/^no table found for (.*)$/, (w) => `没有找到${whatZh(w)}的表`],
    [
      /^no status or msgid column found in the settlement table — write this statement by hand$/,
      () => '结算表中没有找到状态列或 msgid 列——请手工编写这条语句',
    ],
    [/^no column found for (.*) — write this statement by hand$/, (b) => `没有找到 ${b} 对应的列——请手工编写这条语句`],
    [/^hisops profile draft does not know this statement yet$/, () => 'hisops profile draft 尚不能起草这条语句'],
  ];
  for (const [re, zh] of rules) {
    const m = re.exec(t);
    if (m) return zh(...m.slice(1));
  }
  return t;
}

/** The drafted text with its comments in Chinese. */
export function draftTextZh(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [re, zh] of RULES) {
        const m = re.exec(line);
        if (m) return zh(...m.slice(1).map((x) => x ?? ''));
      }
      return line;
    })
    .join('\n');
}
