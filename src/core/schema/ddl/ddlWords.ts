/**
 * The warnings of reading DDL files, in Chinese (they are made in English, like introspection's,
 * and carried as strings in the model's warnings; the command shows them in the run's language).
 */
const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /^(\d+) Flyway undo migration\(s\) \(U…__\*\.sql\) not read: .*$/,
    (m) =>
      `${m[1]} 个 Flyway 撤销迁移脚本（U…__*.sql）未读取：它们用于回退版本，该文件夹的结构以执行全部 V 与 R 迁移之后为准`,
  ],
  [
    /^not read, since they are not named as Flyway migrations \(V<version>__\*\.sql, R__\*\.sql\), as Flyway would skip them: (.*)$/,
    (m) => `以下文件未按 Flyway 迁移脚本命名（V<版本>__*.sql、R__*.sql），与 Flyway 一样不予读取：${m[1]}`,
  ],
  [
    /^(.+:\d+): an anonymous PL\/SQL block was skipped: it runs DDL through EXECUTE IMMEDIATE, which is not read; check the objects it changes by hand$/,
    (m) =>
      `${m[1]}：已跳过一个匿名 PL/SQL 块；其中用 EXECUTE IMMEDIATE 执行 DDL，这部分无法读取，请人工核对它修改的对象`,
  ],
  [/^(.+:\d+): an anonymous PL\/SQL block was skipped$/, (m) => `${m[1]}：已跳过一个匿名 PL/SQL 块`],
  [
    /^skipped (\d+) statement\(s\) that define no schema object: (.*)$/,
    (m) => `已跳过 ${m[1]} 条不定义结构对象的语句：${m[2]}`,
  ],
  [
    /^the script qualifies names with several owners \((.*)\): all objects are read as one schema$/,
    (m) => `脚本中的对象名带有多个属主（${m[1]}）：所有对象按同一个模式读取`,
  ],
  [/^a session setting the server refused was passed over: (.*)$/, (m) => `服务器不接受的会话设置已跳过：${m[1]}`],
  [
    /^(\d+) object\(s\) of kinds hisops does not manage \((.*)\): listed, never changed$/,
    (m) => `${m[1]} 个对象属于 hisops 不管理的类型（${m[2]}）：只列出，从不修改`,
  ],
  [
    /^not run \(they shape no schema object, or name databases and roles of their own\): (.*)$/,
    (m) => `未执行（不定义结构对象，或涉及脚本自己的数据库与角色）：${m[1]}`,
  ],
];

export function ddlWarningZh(w: string): string {
  for (const [re, f] of RULES) {
    const m = re.exec(w);
    if (m) return f(m);
  }
  return w;
}
