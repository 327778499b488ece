/**
 * The words of a sync script's `-- …` comments in the run's language: the DBA who reviews the
 * script reads them, so under zh-CN they are Chinese. The SQL and the `-- hisops:` marker lines
 * stay as they are in both languages (hisops reads them back). The planner keeps its titles and
 * reasons in English (they are also in the JSON); `titleZh` and `reasonZh` turn them into Chinese
 * from their fixed shapes, and leave a text they do not know in English rather than guess.
 */
export type ScriptLang = 'en' | 'zh-CN';

export interface ScriptWords {
  title: string;
  current: string;
  target: string;
  written: (at: string, version: string, dialect: string) => string;
  fingerprint: string;
  changes: string;
  none: string;
  safePart: (statements: number, items: number) => string;
  review: (items: number) => string;
  runIt: [string, string];
  note: string;
  safeHead: string;
  nothingSafe: string;
  reviewHead: string;
  reviewItem: string;
  why: string;
  noSql: string;
  end: (safe: number, review: number) => string;
}

export const SCRIPT_WORDS: Record<ScriptLang, ScriptWords> = {
  en: {
    title: 'hisops schema sync script',
    current: 'current:    ',
    target: 'target:     ',
    written: (at, v, d) => `written:    ${at} by hisops ${v}, for ${d}`,
    fingerprint: 'fingerprint',
    changes: 'changes:    ',
    none: 'none',
    safePart: (s, i) => `safe part:  ${s} statement(s) for ${i} change(s)`,
    review: (i) => `review:     ${i} change(s) need a person (commented out below, with reasons)`,
    runIt: [
      'Run it with `hisops schema sync <db> <target> --script <this file> --apply`: hisops checks the',
      'fingerprint first and journals every statement, so a stopped run can be resumed with --resume.',
    ],
    note: 'note:       ',
    safeHead: 'SAFE PART',
    nothingSafe: 'Nothing safe to do: the current database already has everything the target adds.',
    reviewHead: 'NEEDS REVIEW: not applied. Each item says why; uncomment what you decide to run.',
    reviewItem: '[review]',
    why: 'why: ',
    noSql: '(no SQL: do it by hand)',
    end: (s, r) => `end of script (${s} statement(s) applied by hisops, ${r} for review)`,
  },
  'zh-CN': {
    title: 'hisops 表结构同步脚本',
    current: '当前库：    ',
    target: '目标：      ',
    written: (at, v, d) => `生成：      ${at}，hisops ${v}，适用于 ${d}`,
    fingerprint: '指纹',
    changes: '差异：      ',
    none: '无',
    safePart: (s, i) => `安全部分：  ${s} 条语句，对应 ${i} 处差异`,
    review: (i) => `需审核：    ${i} 处差异需人工决定（见下方注释掉的部分及原因）`,
    runIt: [
      '执行方法：`hisops schema sync <db> <target> --script <本文件> --apply`。hisops 先核对结构指纹，',
      '并把每条语句记入日志库；中途停止后可加 --resume 继续。',
    ],
    note: '注意：      ',
    safeHead: '安全部分',
    nothingSafe: '没有可安全执行的语句：当前库已具备目标新增的全部内容。',
    reviewHead: '需人工审核：不会执行。每项都写明原因；决定执行的语句请去掉注释。',
    reviewItem: '[需审核]',
    why: '原因：',
    noSql: '（无 SQL：请手工处理）',
    end: (s, r) => `脚本结束（hisops 执行 ${s} 条语句，${r} 条待审核）`,
  },
};

/** Object kinds as the planner names them, in Chinese (longest first so "primary key" wins over others). */
const KIND_ZH: Array<[string, string]> = [
  ['primary key of ', '主键 '],
  ['foreign key ', '外键 '],
  ['table ', '表 '],
  ['column ', '列 '],
  ['index ', '索引 '],
  ['check ', '检查约束 '],
  ['view ', '视图 '],
  ['sequence ', '序列 '],
  ['procedure ', '存储过程 '],
  ['function ', '函数 '],
  ['trigger ', '触发器 '],
  ['package body ', '包体 '],
  ['package ', '包 '],
  ['type body ', '类型体 '],
  ['type ', '类型 '],
];

/** What a change alters (ColumnAspect and the table options of changes.ts), in Chinese. */
const ASPECT_ZH: Record<string, string> = {
  type: '类型',
  nullable: '可空',
  default: '默认值',
  autoIncrement: '自增',
  onUpdate: 'ON UPDATE',
  generated: '生成列',
  charset: '字符集',
  comment: '注释',
  engine: '存储引擎',
};

/** One plan title ("column t.c (type, nullable)") with its object kind and aspects in Chinese. */
export function titleZh(title: string): string {
  return title
    .split('; ')
    .map((t) => {
      const k = KIND_ZH.find(([en]) => t.startsWith(en));
      const named = k ? k[1] + t.slice(k[0].length) : t;
      return named.replace(
        / \(([a-zA-Z, ]+)\)$/,
        (_, list: string) =>
          `（${list
            .split(', ')
            .map((a) => ASPECT_ZH[a] ?? a)
            .join('、')}）`,
      );
    })
    .join('；');
}

/** The planner's reasons (plan.ts) and the adapter's notes (adapt.ts), by their fixed shapes. */
const REASON_ZH: Array<[RegExp, (...m: string[]) => string]> = [
  [/^drops the table and every row in it$/, () => '删除该表及其全部数据'],
  [
    /^changes the table's default charset (.+?): .*$/,
    (_, c) => `改变表的默认字符集 ${c}：请先核对应用的编码和索引键长度`,
  ],
  [/^adds an auto-increment column: .*$/, () => '新增自增列：必须在同一语句中成为键（见本表的主键变更）'],
  [
    /^adds a NOT NULL column without a default: (.+) refuses it .*$/,
    (_, d) => `新增无默认值的 NOT NULL 列：表中有数据时 ${d} 会拒绝；请加默认值或分步填充`,
  ],
  [/^drops the column and its data$/, () => '删除该列及其数据'],
  [/^adds a primary key to a table with data: .*$/, () => '给有数据的表加主键：若有重复行或键列有 NULL 会失败'],
  [/^drops the primary key$/, () => '删除主键'],
  [/^changes the primary key (.+)$/, (_, k) => `改变主键 ${k.replace(/: .*$/, '')}：若新键列有重复或 NULL 会失败`],
  [
    /^new UNIQUE index on existing data: .*$/,
    () => '在已有数据上新建 UNIQUE 索引：若有重复行会失败（请先用 GROUP BY … HAVING COUNT(*) > 1 检查）',
  ],
  [/^drops an index the target does not have .*$/, () => '删除目标没有的索引（可能是本院为性能自加的）'],
  [/^re-creates an index as UNIQUE on existing data: .*$/, () => '把索引重建为 UNIQUE：若有重复行会失败'],
  [
    /^new foreign key on existing data: .*$/,
    () => '在已有数据上新建外键：若有行指向不存在的父记录会失败（请先用 LEFT JOIN 检查）',
  ],
  [/^drops a foreign key$/, () => '删除外键'],
  [/^changes a foreign key: .*$/, () => '改变外键：先删除再重建，重建时会检查全部已有行'],
  [/^new check on existing data: .*$/, () => '在已有数据上新建检查约束：若有行不满足会失败'],
  [/^drops a check constraint$/, () => '删除检查约束'],
  [/^changes a check constraint: .*$/, () => '改变检查约束：已有行会被重新检查'],
  [
    /^the (view|\w+) is written for (.+): translate it by hand$/,
    (_, k, d) => `该${k === 'view' ? '视图' : '对象'}是为 ${d} 编写的：请手工改写`,
  ],
  [/^drops a view the target does not have$/, () => '删除目标没有的视图'],
  [/^SQLite has no stored routines$/, () => 'SQLite 没有存储过程'],
  [/^drops a sequence the target does not have$/, () => '删除目标没有的序列'],
  [/^drops a (\w+) the target does not have$/, (_, k) => `删除目标没有的 ${k}`],
  [
    /^hisops does not manage (.+) objects: create it by hand.*$/,
    (_, k) => `hisops 不管理 ${k} 对象：请按目标的定义手工创建`,
  ],
  [
    /^hisops does not manage (.+) objects: it is kept.*$/,
    (_, k) => `hisops 不管理 ${k} 对象：予以保留；新版本不再使用时请手工删除`,
  ],
  [
    /^hisops does not manage (.+) objects and this one differs.*$/,
    (_, k) => `hisops 不管理 ${k} 对象，且此对象有差异：请手工比对`,
  ],
  [
    /^Oracle cannot modify (.+) into (.+) \(ORA-22858\): .*$/,
    (_, a, b) =>
      `Oracle 不能把 ${a} 直接改为 ${b}（ORA-22858）：改为重建该列（新增、复制、删除、改名），列会移到表尾，其上的索引会被删除`,
  ],
  [/^narrows (.+) → (.+): .*$/, (_, a, b) => `缩小类型 ${a} → ${b}：更长或更大的值会被截断或拒绝（请先查最长值）`],
  [/^changes the type (.+) → (.+): .*$/, (_, a, b) => `改变类型 ${a} → ${b}：已有值会被转换，可能失败或改变`],
  [/^makes the column NOT NULL: .*$/, () => '改为 NOT NULL：若有 NULL 行会失败（或把 NULL 变成 0/空串）；请先填充'],
  [/^changes the charset (.+): .*$/, (_, c) => `改变字符集 ${c}：会重写每个值；请核对索引键长度和应用的编码`],
  [/^makes the column auto-increment: .*$/, () => '改为自增列：必须是键，已有的 0 值会被重新编号'],
  [/^removes auto-increment: .*$/, () => '取消自增：此后插入须自行给值'],
  [/^changes a generated column: .*$/, () => '改变生成列：该列会被重建'],
  [/^the engine change goes with it: .*$/, () => '存储引擎变更随之进行：InnoDB 不接受不在键首位的自增列'],
  [
    /^needs type (.+), which only the review part adds \(create it by hand first\)$/,
    (_, l) => `需要类型 ${l}，而它只在需审核部分中（请先手工创建）`,
  ],
  [/^needs (.+), which only the review part adds$/, (_, l) => `需要 ${l}，而它们只在需审核部分中添加`],
  [
    /^PostgreSQL refuses to change or drop a column a (view|trigger) uses \((.+)\): .*$/,
    (_, k, l) =>
      `PostgreSQL 不允许修改或删除${k === 'view' ? '视图' : '触发器'}用到的列（${l}）：变更前先删除，变更后再重建`,
  ],
  [
    /^SQLite rebuilds the table \((.+)\), which (breaks views over it|drops its triggers): .*$/,
    (_, l, w) =>
      `SQLite 要重建表（${l}），这会${w.startsWith('breaks') ? '使其上的视图失效' : '删除其触发器'}：重建前先删除，重建后再创建`,
  ],
];

/** One reason in Chinese, or the English when its shape is not known. */
export function reasonZh(reason: string): string {
  for (const [re, f] of REASON_ZH) {
    const m = re.exec(reason);
    if (m) return f(...(m as unknown as string[]));
  }
  return reason;
}

/** The adapter's notes ("current: sequences left out (the target has none): 2 (a, b)"). */
const NOTE_ZH: Array<[RegExp, string]> = [
  [/^current: /, '当前库：'],
  [/^target: /, '目标：'],
  [/zero-date defaults dropped \(no such date outside MySQL\)/, '零日期默认值已去掉（MySQL 以外没有这种日期）'],
  [/(\w+) expression defaults dropped/, '$1 表达式默认值已去掉'],
  [
    /NOT NULL columns defaulting to '' \(.*?\)/,
    "默认值为 '' 的 NOT NULL 列（Oracle 把 '' 存为 NULL：省略它们的插入会失败；请给出真正的默认值）",
  ],
  [/ON UPDATE clocks dropped \(use a trigger\)/, 'ON UPDATE 时间戳已去掉（请用触发器）'],
  [/generated columns become plain columns/, '生成列变为普通列'],
  [/auto-increment dropped where it is not the single-column primary key/, '非单列主键上的自增已去掉'],
  [/expression or partial indexes left out \(written for (\w+)\)/, '表达式索引或部分索引未包含（为 $1 编写）'],
  [/indexes on TEXT\/BLOB columns left out/, 'TEXT/BLOB 列上的索引未包含'],
  [/(\w+) indexes left out/, '$1 索引未包含'],
  [/checks using (\w+) functions left out/, '使用 $1 函数的检查约束未包含'],
  [/sequences left out \(the target has none\)/, '序列未包含（目标库不支持序列）'],
  [
    /index and constraint names shortened to (\d+) characters \(schema\.oracle\.maxIdentifier\)/,
    '索引和约束名已缩短到 $1 个字符（schema.oracle.maxIdentifier）',
  ],
  [/index and constraint names shortened to (\d+) characters/, '索引和约束名已缩短到 $1 个字符'],
  [
    /table and column names over (\d+) characters \(Oracle 12\.2\+ with schema\.oracle\.maxIdentifier: 128\)/,
    '表名和列名超过 $1 个字符（需 Oracle 12.2+ 并设 schema.oracle.maxIdentifier: 128）',
  ],
  [/table and column names over (\d+) characters/, '表名和列名超过 $1 个字符'],
  [/: (\d+) \((.*)\)$/, '：$1 处（$2）'],
];

export function noteZh(note: string): string {
  return NOTE_ZH.reduce((s, [re, zh]) => s.replace(re, zh), note);
}
