/**
 * Chinese help for the options and arguments the command files register in English, keyed by
 * the English text (one entry serves every command that shares an option, e.g. --from).
 * `cli/helpText.ts` swaps them in under --lang zh-CN; `test/cli/helpText.test.ts` fails when an
 * option or argument has no entry here, so a changed English text cannot go untranslated.
 */
export const HELP_ZH: Record<string, string> = {
  // center watch, center stats
  'time between probe rounds (30s, 500ms, 5m)': '两轮探测之间的间隔（30s、500ms、5m）',
  'stop after this long (default: until Ctrl-C)': '运行这么久后停止（默认：直到按 Ctrl-C）',
  "first day or time, in the institution's time zone (default: today)": '起始日期或时间，按机构所在时区（默认：今天）',
  'last day (inclusive) or end time (default: --from)': '截止日期（含当天）或结束时间（默认：同 --from）',
  // init, doctor
  'folder to write into': '写入哪个文件夹',
  'overwrite existing files (keeps a .bak copy)': '覆盖已有文件（保留一份 .bak 备份）',
  'short name of the institution': '机构简称',
  'institution code issued by the center (定点医药机构编号)': '医保中心分配的定点医药机构编号（fixmedins_code）',
  'institution name': '机构名称',
  'HIS database URL or connection name': 'HIS 数据库 URL 或连接名',
  "the center's base URL": '医保中心接口的基础 URL',
  'admin division (医保区划), six digits': '医保区划，六位数字',
  'operator id sent to the center': '上报医保中心的经办人编号（opter）',
  'HIS database to check instead of the configured one (URL or connection name)':
    '检查这个 HIS 数据库，而不是配置中的（URL 或连接名）',
  // demo
  'keep the demo in this folder (default: a temporary folder, removed afterwards)':
    '演示放在这个文件夹（默认：临时文件夹，结束后删除）',
  'keep the temporary folder': '保留临时文件夹',
  'small | medium | large': '数据规模：small | medium | large',
  'seed of the data generator': '数据生成器的随机种子',
  'how the stuck step repairs a settlement the center holds and the HIS does not: complete | cancel':
    '单边账步骤如何处理“中心已结算、HIS 未结算”的记录：complete（补记 HIS）| cancel（中心撤销）',
  'small | medium | large (one million settlements)': '数据规模：small | medium | large（一百万笔结算）',
  'seed: the same seed gives the same data': '随机种子：相同种子生成相同数据',
  'folder for his.db (unless --db), center.db and seed.json':
    '存放 his.db（未指定 --db 时）、center.db 和 seed.json 的文件夹',
  'seed into this database instead (URL or connection name; it must be empty)':
    '改为写入这个数据库（URL 或连接名；必须为空库）',
  'days of data (default by size)': '生成多少天的数据（默认按规模）',
  'first day, yyyy-MM-dd': '起始日期，yyyy-MM-dd',
  'skip the center side (the sandbox ledger with planted anomalies)': '不生成中心侧数据（带预置异常的模拟中心账本）',
  // schema
  'database URL or connection name': '数据库 URL 或连接名',
  'only objects whose names match (comma-separated, * and ?)': '只处理名称匹配的对象（逗号分隔，可用 * 和 ?）',
  'leave out objects whose names match': '排除名称匹配的对象',
  'PostgreSQL schema / Oracle owner (default: public / the user)':
    'PostgreSQL 的 schema / Oracle 的属主（默认：public / 当前用户）',
  'write the snapshot here (default: print it)': '快照写入此文件（默认：直接打印）',
  'no indentation (big schemas)': '不缩进（用于大型库结构）',
  'database or snapshot file': '数据库或快照文件',
  'text, sql or json': '输出格式：text、sql 或 json',
  'render for this database kind (mysql, postgres, sqlite, oracle, mssql)':
    '按这种数据库生成 SQL（mysql、postgres、sqlite、oracle、mssql）',
  'rename decisions (YAML)': '改名决定（YAML）',
  'the database to upgrade (or a snapshot, for a script only)': '要升级的数据库（或快照，此时只生成脚本）',
  'the new version: database or snapshot file': '新版本：数据库或快照文件',
  'the new version: database, snapshot file, or DDL file or folder': '新版本：数据库、快照文件，或 DDL 文件/文件夹',
  'database, snapshot file, or DDL file or folder': '数据库、快照文件，或 DDL 文件/文件夹',
  'database URL or connection name, or DDL file or folder': '数据库 URL 或连接名，或 DDL 文件/文件夹',
  'the dialect DDL files are written in: mysql, postgres, oracle, sqlite (default: detected)':
    'DDL 文件所用的方言：mysql、postgres、oracle、sqlite（默认：自动判断）',
  'server where MySQL/PostgreSQL DDL files are loaded into a temporary database to be read (default: schema.scratch)':
    '用于读取 MySQL/PostgreSQL DDL 文件的服务器：在其中建临时库载入脚本后读取（默认：schema.scratch）',
  'where to save the script (default .hisops/scripts/sync-<run>.sql)':
    '脚本保存位置（默认 .hisops/scripts/sync-<运行编号>.sql）',
  'write the script for this database kind': '按这种数据库生成脚本',
  'rename decisions (YAML): renames: { tables: {old: new}, columns: {"t.old": new} }':
    '改名决定（YAML）：renames: { tables: {旧名: 新名}, columns: {"表.旧列": 新列} }',
  'apply this saved script instead of planning again (checks its fingerprint)':
    '执行这个已保存的脚本而不重新规划（会核对其指纹）',
  'run the safe part against <current> (journaled)': '对 <current> 执行安全部分（记入日志）',
  'continue a run that stopped (with --script and --apply)': '继续一次中断的执行（与 --script 和 --apply 同用）',
  'run this statement on the connection before each step, e.g. "SET SESSION innodb_strict_mode=0" (repeatable; default: schema.session)':
    '每一步之前在连接上先执行这条语句，如 "SET SESSION innodb_strict_mode=0"（可重复；默认：schema.session）',
  'pass over safe statement <step> of the script (with --reason; journaled)':
    '跳过脚本中第 <step> 条安全语句（须加 --reason；记入日志）',
  'record safe statement <step> as done by hand (with --reason; journaled)':
    '把第 <step> 条安全语句记为已人工完成（须加 --reason；记入日志）',
  'why a step is skipped or marked done': '跳过或标记完成的原因',
  'production database (read only)': '生产库（只读）',
  'an empty database for the test copy': '用于测试副本的空库',
  'copy tables with fewer rows than this': '复制行数少于此值的表',
  'large tables to copy anyway (ICD-10, price lists), comma-separated': '仍要复制的大表（ICD-10、价表等），逗号分隔',
  'mask patient names, ID numbers, phones, addresses (key from HISOPS_MASK_KEY)':
    '对患者姓名、身份证号、电话、地址脱敏（密钥取自 HISOPS_MASK_KEY）',
  'extra masking rules (YAML): mask: [{ column: "pat_*name", kind: name }]':
    '附加脱敏规则（YAML）：mask: [{ column: "pat_*name", kind: name }]',
  'rows per batch': '每批行数',
  'write the copy (without it: show what would be copied)': '写入副本（不加此项：只显示将复制什么）',
  'continue a clone that stopped': '继续一次中断的克隆',
  'copy a consistent sample of the tables over --max-rows: n rows, their children and parents':
    '对超过 --max-rows 的表复制一致的样本：n 行及其子表行和父表行',
  'keep these rows together in the sample besides the foreign keys: child.col=parent.col (repeatable; default: schema.cloneJoins)':
    '除外键外，抽样时还按此关联保持行在一起：子表.列=父表.列（可重复；默认：schema.cloneJoins）',
  // catalog, mapping
  "catalog files: the center's ZIP, .txt, .csv or .xlsx": '目录文件：中心下载的 ZIP、.txt、.csv 或 .xlsx',
  'which catalog (default: from the file name, header or column count)': '哪个目录（默认：按文件名、表头或列数判断）',
  'text encoding': '文本编码',
  'xlsx: the sheet to read (default: the first)': 'xlsx：读取哪个工作表（默认：第一个）',
  'the files hold the whole catalog: stored entries they do not list are ended':
    '文件是完整目录：库中有而文件中没有的条目将被终止',
  'write (default: dry run with counts and samples)': '写入（默认：演练，只显示计数和样例）',
  'import the valid rows and set the bad ones aside in a reject file': '导入有效行，校验不通过的行另存到单独文件',
  'where --skip-invalid puts bad rows (default: <first file>.rejects.csv)':
    '--skip-invalid 存放校验不通过行的位置（默认：<第一个文件>.rejects.csv）',
  'database for the catalog tables (URL or connection name; default: catalog.url, else the HIS)':
    '存放目录表的数据库（URL 或连接名；默认：catalog.url，否则为 HIS 库）',
  'catalogs to download, comma-separated (default: 1301,1302,1303,1305,1306)':
    '要下载的目录，逗号分隔（默认：1301,1302,1303,1305,1306）',
  'start after this version (default: the last one imported; 0 = everything)':
    '从这个版本之后开始（默认：上次导入的版本；0 = 全部）',
  'stop after this many files per catalog (default 50)': '每个目录最多下载多少个文件（默认 50）',
  'where the downloaded files are kept (default .hisops/catalog-downloads)':
    '下载文件的保存位置（默认 .hisops/catalog-downloads）',
  'import what was downloaded (default: dry run of the import)': '导入下载的内容（默认：导入演练）',
  'import the valid rows and set the bad ones aside': '导入有效行，校验不通过的行另存',
  'where --skip-invalid puts bad rows': '--skip-invalid 存放校验不通过行的位置',
  'CSV or xlsx with a header line (national field names or 院内编码, 项目名称, 目录类别, 医保编码, 开始日期, 结束日期)':
    '带表头的 CSV 或 xlsx（国家字段名，或 院内编码、项目名称、目录类别、医保编码、开始日期、结束日期）',
  'other headers: field=Header,… (fields fixmedins_hilist_id, fixmedins_hilist_name, list_type, med_list_codg, begndate, enddate)':
    '其他表头写法：字段=表头,…（字段 fixmedins_hilist_id、fixmedins_hilist_name、list_type、med_list_codg、begndate、enddate）',
  'write, in one transaction (default: dry run)': '在一个事务中写入（默认：演练）',
  'write the good rows and set the rejected ones aside in a reject file': '写入有效行，校验不通过的行另存到单独文件',
  'where --skip-invalid puts rejected rows (default: <file>.rejects.csv)':
    '--skip-invalid 存放校验不通过行的位置（默认：<文件>.rejects.csv）',
  'do not check national codes against the imported catalogs': '不对照已导入的目录检查医保编码',
  "also write the applied changes into the HIS's mapping table (profile statements insert_mapping, end_mapping)":
    '同时把生效的变更写入 HIS 的对照表（配置文件语句 insert_mapping、end_mapping）',
  'database for the mapping tables (URL or connection name; default: catalog.url, else the HIS)':
    '存放对照表的数据库（URL 或连接名；默认：catalog.url，否则为 HIS 库）',
  'the day to check: yyyy-MM-dd, today or yesterday (default today)':
    '检查哪一天：yyyy-MM-dd、today 或 yesterday（默认今天）',
  'list mappings ending within this many days (default 30)': '列出这么多天内到期的对照（默认 30）',
  'do not read HIS items and billing through the profile': '不通过配置文件读取 HIS 项目和计费',
  'the HIS item code (fixmedins_hilist_id, 院内编码)': 'HIS 项目编码（fixmedins_hilist_id，院内编码）',
  'the day: yyyy-MM-dd, today or yesterday (default today)': '日期：yyyy-MM-dd、today 或 yesterday（默认今天）',
  'send (default: show what would be sent)': '发送（默认：只显示将发送什么）',
  'send again rows the center refused before, even unchanged': '重新发送中心曾拒收的行，即使未改动',
  'send at most n rows this run': '本次最多发送 n 行',
  // center sandbox
  'port to listen on (0 picks a free one)': '监听端口（0 = 自动选空闲端口）',
  'address to listen on': '监听地址',
  'the sandbox ledger (SQLite, created when missing)': '模拟中心的账本（SQLite，不存在时创建）',
  'fault rules: "2207:timeout-after-commit@0.2,3505:latency=50ms,*:reset@0.05", or @file (JSON/YAML)':
    '故障规则："2207:timeout-after-commit@0.2,3505:latency=50ms,*:reset@0.05"，或 @文件（JSON/YAML）',
  'seed for fault draws and generated catalogs': '故障抽样和生成目录用的随机种子',
  'settlement policy files for 2207/2304 (default: the built-in simple split)':
    '2207/2304 使用的结算政策文件（默认：内置的简单分担规则）',
  'the division the sandbox serves (mdtrtarea_admvs)': '模拟中心服务的医保区划（mdtrtarea_admvs）',
  "the center's clock as minutes east of UTC (default 480 = China time, whatever the host's zone)":
    '中心时钟相对 UTC 的分钟数（默认 480 = 北京时间，与本机时区无关）',
  'stop after this many seconds (60 or 60s) instead of waiting for Ctrl-C':
    '运行这么多秒（60 或 60s）后停止，而不是等待 Ctrl-C',
  'check x-tif gateway headers for this paasid (secret from HISOPS_CENTER_SECRET)':
    '按此 paasid 校验 x-tif 网关请求头（密钥取自 HISOPS_CENTER_SECRET）',
  'also accept this institution (fixmedins_code); repeatable. Always accepted: H43010000001 and the institutions the ledger holds':
    '额外接受此机构（fixmedins_code），可重复。始终接受：H43010000001 及账本中已有的机构',
  'accept business calls without a 9001 sign-in': '未经 9001 签到也接受业务调用',
  'accept a second settlement of the same visit and charge batch': '接受同一就诊、同一收费批次的第二次结算',
  // reconcile
  'one day: yyyy-MM-dd, today or yesterday (default: yesterday)':
    '某一天：yyyy-MM-dd、today 或 yesterday（默认：昨天）',
  'first day of a range (with --to)': '区间的第一天（与 --to 同用）',
  'last day of a range, inclusive': '区间的最后一天（含当天）',
  'only these insurance types (repeatable or comma-separated, e.g. 310,390)':
    '只对这些险种（insutype，可重复或逗号分隔，如 310,390）',
  'only these clearing types (e.g. 11,21)': '只对这些清算类别（clr_type，如 11,21）',
  '3202 detail reconciliation: auto (unbalanced groups), always, never (default: reconcile.detail)':
    '3202 明细对账：auto（仅不平的组）、always、never（默认：reconcile.detail）',
  'day: one 3201 per day and group; range: one for the whole range (month-end) (default: reconcile.period)':
    'day：每天每组一次 3201；range：整个区间一次（月底）（默认：reconcile.period）',
  'write a report for finance: .csv, .json or .html (self-contained)':
    '为财务生成对账单：.csv、.json 或 .html（单文件）',
  'hand the repairs that are certain to the stuck-settlement job (nothing else is ever changed)':
    '把确定的修复交给单边账处理（不会改动其他任何内容）',
  'HIS database instead of the configured one (URL or connection name)':
    '使用这个 HIS 数据库而不是配置中的（URL 或连接名）',
  'how many runs to list': '列出多少次运行',
  'how many days to list': '列出多少天',
  // settle
  'bill files (.json, .yaml, .csv), folders of them, .ndjson files, or - for NDJSON on stdin (see docs/rules.md)':
    '费用单文件（.json、.yaml、.csv）、其所在文件夹、.ndjson 文件，或 - 表示从标准输入读 NDJSON（见 docs/rules.md）',
  'policy file (repeatable); default: rules.policies in hisops.yaml, else the shipped examples':
    '政策文件（可重复）；默认：hisops.yaml 中的 rules.policies，否则用自带示例',
  'print the explanation of every amount (many bills: put it in each result line)':
    '打印每个金额的计算说明（多张费用单时写入每条结果）',
  'with --explain: one row per fee line too': '与 --explain 同用：每条费用明细也列一行',
  'bills are NDJSON, one bill per line: the named files, else stdin':
    '费用单为 NDJSON，每行一张：读指定文件，否则读标准输入',
  'first day (yyyy-MM-dd) of the center setl_time; default: yesterday':
    '中心结算时间（setl_time）的第一天（yyyy-MM-dd）；默认：昨天',
  'last day (yyyy-MM-dd), inclusive; default: --from': '最后一天（yyyy-MM-dd，含当天）；默认：同 --from',
  'recompute at most n settlements (default: all in the period)': '最多重算 n 笔结算（默认：期间内全部）',
  'print the explanation of every differing amount': '打印每个不一致金额的计算说明',
  "the hospital's level as the policy names it (the HIS row has none); default: the policy's last level":
    '医院等级，按政策中的写法（HIS 记录中没有）；默认：政策中的最后一级',
  'age for rows without one (default 40)': '没有年龄的记录按此年龄计算（默认 40）',
  'person group assumed for every settlement (repeatable)': '所有结算按此人员类别计算（可重复）',
  'n-th admission of the year assumed for inpatient stays (default 1)': '住院按当年第 n 次住院计算（默认 1）',
  'the HIS database (default his.url)': 'HIS 数据库（默认 his.url）',
  'first day (yyyy-MM-dd) of the period the settlements were sent in': '结算发送期间的第一天（yyyy-MM-dd）',
  'last day (yyyy-MM-dd), inclusive': '最后一天（yyyy-MM-dd，含当天）',
  'only settlements pending longer than this (30s, 10m, 2h; default stuck.olderThan, 10m)':
    '只看待确认超过此时长的结算（30s、10m、2h；默认 stuck.olderThan，10m）',
  'stuck settlements by msgid, setl_id, his_setl_no, mdtrt_id or psn_no (as settle stuck lists them)':
    '单边账，按 msgid、setl_id、his_setl_no、mdtrt_id 或 psn_no 指定（同 settle stuck 的列表）',
  'every stuck settlement found': '找到的全部单边账',
  'carry the plan out (asks per item at a terminal; needs --yes otherwise)':
    '执行计划（在终端逐条确认；否则须加 --yes）',
  'center settled, HIS pending: complete the HIS row, or cancel at the center (default stuck.centerOnly: complete)':
    '中心已结算、HIS 待确认：补记 HIS 记录（complete），或在中心撤销（cancel）（默认 stuck.centerOnly：complete）',
  'one settlement (msgid, setl_id, his_setl_no, mdtrt_id, psn_no), a center msgid or a run id':
    '某一笔结算（msgid、setl_id、his_setl_no、mdtrt_id、psn_no）、中心报文 msgid 或运行编号',
  'at most this many steps (default 500)': '最多列出这么多步（默认 500）',
  // policy
  'policy YAML files': '政策 YAML 文件',
  'insurance type (险种), e.g. 310 or 390': '险种（insutype），如 310 或 390',
  'the date (yyyy-MM-dd); default today': '日期（yyyy-MM-dd）；默认今天',
  // trace
  'a .json or .csv of dispensing/stock rows, or a .txt with one code per line (instead of the HIS)':
    '发药/库存记录的 .json 或 .csv，或每行一个追溯码的 .txt（代替从 HIS 读取）',
  'first day (yyyy-MM-dd); default today minus trace.lookbackDays':
    '第一天（yyyy-MM-dd）；默认今天减 trace.lookbackDays',
  'last day (yyyy-MM-dd); default today': '最后一天（yyyy-MM-dd）；默认今天',
  'sale, return, stock-in or stock-change (repeatable; default all)':
    '类型：sale（销售）、return（退货）、stock-in（入库）或 stock-change（库存变更）（可重复；默认全部）',
  'send to the center (without it: show what would be sent)': '发送到医保中心（不加此项：只显示将发送什么）',
  'requests in flight at once (trace.concurrency, default 4)': '同时进行的请求数（trace.concurrency，默认 4）',
  'requests per second at most, 0 = no limit (trace.rate, default 10)':
    '每秒最多请求数，0 = 不限（trace.rate，默认 10）',
  'records per 3505A/3502A request, 1 = one per request (trace.batchSize, default 50)':
    '每个 3505A/3502A 请求的记录数，1 = 每请求一条（trace.batchSize，默认 50）',
  'further attempts after a transient failure (trace.retries, default 4)':
    '临时失败后的重试次数（trace.retries，默认 4）',
  'first day; with --from/--to the HIS is read too, to count records never sent':
    '第一天；给出 --from/--to 时也读取 HIS，统计从未发送的记录',
  'last day': '最后一天',
  'only records rejected for this reason (a reason of trace status, or a piece of the center message)':
    '只处理因此原因被中心拒收的记录（trace status 列出的原因，或中心返回信息的一部分）',
  'sale, return, stock-in, stock-change or stock-count (repeatable; default all)':
    '类型：sale（销售）、return（退货）、stock-in（入库）、stock-change（库存变更）或 stock-count（盘存）（可重复；默认全部）',
  'supplier code lists (.csv, .xlsx, .txt; UTF-8 or GBK) or folders of them':
    '供应商追溯码清单（.csv、.xlsx、.txt；UTF-8 或 GBK）或其所在文件夹',
  'write the codes into the HIS (without it: show what would be written)':
    '把追溯码写入 HIS（不加此项：只显示将写入什么）',
  // trace library, trace relation
  'the library as CSV, xlsx or TXT (columns: 药品标识码/trac_prefix, 医保编码/med_list_codg, 本位码, 批准文号, 包装级别 …)':
    '四码合一库文件：CSV、xlsx 或 TXT（列：药品标识码/trac_prefix、医保编码/med_list_codg、本位码、批准文号、包装级别等）',
  'a 20-digit traceability code, a 7-digit product code, or a national code (med_list_codg)':
    '20 位追溯码、7 位药品标识码或医保编码（med_list_codg）',
  'the relations as CSV, xlsx or TXT (columns: 父码/parent_trac_codg, 子码/drug_trac_codg, 级别/pac_lv)':
    '关联关系文件：CSV、xlsx 或 TXT（列：父码/parent_trac_codg、子码/drug_trac_codg、级别/pac_lv）',
  'a 20-digit traceability code': '20 位追溯码',
};

/** The comments after `#` in the examples of `--help`. */
const EXAMPLE_ZH: Record<string, string> = {
  'cron: tell the group when it does not balance': '定时任务：对账不平时通知工作群',
  'cron, every few minutes: early warning': '定时任务，每几分钟一次：提前预警',
  'cron: exit 3 when something needs attention': '定时任务：有需要处理的情况时退出码为 3',
  'cron: exit 3 when the center refused rows': '定时任务：中心拒收记录时退出码为 3',
  'dry run: added / changed / closed / rejected': '演练：新增 / 变更 / 终止 / 校验不通过',
  'dry run: what would change': '演练：将会改变什么',
  'everything again': '全部重新执行',
  'from cron': '由定时任务执行',
  'month-end totals': '月底总额对账',
  'the plan: each center call and HIS change': '计划：每一次中心调用和 HIS 改动',
  yesterday: '昨天',
  // quoted values typed in an example
  'added by hand': '已手工添加',
};

/** An example line with its `# comment` and quoted words in Chinese (the command stays as typed). */
export function exampleZh(line: string): string {
  const quoted = line.replace(/"([^"]+)"/g, (q, inner: string) => (EXAMPLE_ZH[inner] ? `"${EXAMPLE_ZH[inner]}"` : q));
  const m = /^(.*?#\s*)(.+)$/.exec(quoted);
  if (!m) return quoted;
  return m[1]! + (EXAMPLE_ZH[m[2]!.trim()] ?? m[2]!);
}
