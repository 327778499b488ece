/**
 * What the schema subcommands share: reading a side (a database, a snapshot file or DDL files), the
 * options that name it, the settings of `schema:` in hisops.yaml, and rename decisions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Ctx } from '../cli/context.js';
import type { Db, DbTarget, Dialect } from '../core/db/index.js';
import { inputError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';

const DIALECTS: Dialect[] = ['mysql', 'postgres', 'sqlite', 'oracle', 'mssql'];

export function hisopsVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

export const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `schema.session` from the configuration: statements separated by semicolons. */
function splitSession(v: string | undefined): string[] {
  return (v ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** `--session` absent: HISOPS_SCHEMA_SESSION, then `schema: session:` in hisops.yaml (a string or a list). */
export function sessionSetting(ctx: Ctx): string[] {
  const fromEnv = ctx.get<string | undefined>('schema.session');
  if (fromEnv) return splitSession(fromEnv);
  const file = (ctx.config().sections['schema'] as { session?: unknown } | undefined)?.session;
  if (Array.isArray(file)) return file.map((x) => String(x).trim()).filter(Boolean);
  return typeof file === 'string' ? splitSession(file) : [];
}

/**
 * `schema.oracle.maxIdentifier` (30 or 128): HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER, then
 * `schema: oracle: maxIdentifier:` in hisops.yaml; the default (30) runs on every Oracle version.
 */
export function oracleMaxIdentifier(ctx: Ctx, allowed: readonly number[]): number | undefined {
  const fromEnv = ctx.get<string | undefined>('schema.oracle.maxIdentifier');
  const oracle = (ctx.config().sections['schema'] as { oracle?: { maxIdentifier?: unknown } } | undefined)?.oracle;
  const v = fromEnv !== undefined && fromEnv !== '' ? fromEnv : oracle?.maxIdentifier;
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!allowed.includes(n)) {
    throw inputError(
      'SCHEMA_ORACLE_MAX_IDENTIFIER',
      `schema.oracle.maxIdentifier is ${String(v)}: Oracle takes names of 30 characters (before 12.2) or 128 (12.2 and later)`,
      'Set schema.oracle.maxIdentifier to 30 or 128 (in hisops.yaml under schema: oracle:, or HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER).',
    ).zh(
      `schema.oracle.maxIdentifier 为 ${String(v)}：Oracle 的名称最长 30 个字符（12.2 之前）或 128 个字符（12.2 及以后）`,
      '请把 schema.oracle.maxIdentifier 设为 30 或 128（写在 hisops.yaml 的 schema: oracle: 下，或设环境变量 HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER）。',
    );
  }
  return n;
}

export interface Side {
  model: SchemaModule.SchemaModel;
  display: string;
  db?: Db;
  warnings: string[];
  /** Read from DDL files. */
  ddl?: boolean;
}

export interface SideOptions {
  schema?: string;
  include?: string[];
  exclude?: string[];
  ddlDialect?: string;
  scratch?: string;
}

/** --scratch, else schema.scratch (HISOPS_SCHEMA_SCRATCH or hisops.yaml): a URL or a connection name. */
function scratchServer(ctx: Ctx, o: SideOptions): SchemaModule.ScratchServer | undefined {
  const spec = o.scratch ?? ctx.get<string | undefined>('schema.scratch');
  if (!spec) return undefined;
  const ref = ctx.resolveDb(spec);
  return { url: ref.url, password: ref.password, display: ref.display };
}

export async function loadSide(ctx: Ctx, schema: typeof SchemaModule, spec: string, o: SideOptions): Promise<Side> {
  const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
  const full = path.resolve(ctx.cwd, spec);
  // A folder, a .sql file, or any file that is not JSON: DDL (a script, a dump, Flyway migrations).
  // A connection named in hisops.yaml wins over a folder of the same name.
  if (!/\.json$/i.test(spec) && !ctx.config().connections[spec] && schema.looksLikeDdlSource(full)) {
    const shown = path.relative(ctx.cwd, full) || full;
    const res = await schema.readDdlSource(full, {
      dialect: o.ddlDialect,
      scratch: scratchServer(ctx, o),
      schema: o.schema,
      filter,
      display: shown,
    });
    ctx.debug(
      `${shown}: ${res.statements} statement(s) in ${res.files} file(s), ${res.dialect}, read by ${res.reader}`,
    );
    // What the reader left out is said on every command (a skipped PL/SQL block may hide a change).
    const warnings = ctx.lang === 'zh-CN' ? res.warnings.map(schema.ddlWarningZh) : res.warnings;
    for (const w of warnings) ctx.warn(`${shown}: ${w}`);
    return { model: res.model, display: res.model.source.display, warnings: res.warnings, ddl: true };
  }
  if (schema.looksLikeSnapshotFile(full) || /\.json$/i.test(spec)) {
    const file = path.resolve(ctx.cwd, spec);
    const snap = schema.readSnapshotFile(file);
    const model = schema.filterModel(snap, filter);
    return {
      model: {
        ...model,
        source: {
          ...model.source,
          display: `${path.relative(ctx.cwd, file) || file} (snapshot of ${snap.source.display})`,
        },
      },
      display: spec,
      warnings: [],
    };
  }
  const { connect, parseDbUrl } = await import('../core/db/index.js');
  const ref = ctx.resolveDb(spec);
  sqliteFileCheck(parseDbUrl(ref.url), ref.baseDir, spec);
  const db = await connect(ref.url, { password: ref.password, baseDir: ref.baseDir });
  ctx.onClose(() => db.close());
  const { model, warnings } = await schema.introspect(db, { schema: o.schema, filter });
  return { model: { ...model, source: { ...model.source, display: ref.display } }, display: ref.display, db, warnings };
}

/** A SQLite "database" that is a folder (or missing) is a usage error naming the path, not a crash. */
function sqliteFileCheck(t: DbTarget, baseDir: string, spec: string): void {
  if (t.dialect !== 'sqlite' || !t.file || t.file === ':memory:') return;
  const file = path.resolve(baseDir, t.file);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    throw inputError(
      'SCHEMA_SQLITE_MISSING',
      `There is no SQLite database at ${file}`,
      'Check the path in the URL (sqlite:path/to/his.db).',
      undefined,
      { file, spec },
    ).zh(`${file} 处没有 SQLite 数据库`, '请检查 URL 中的路径（sqlite:path/to/his.db）。');
  }
  if (!st.isFile())
    throw inputError(
      'SCHEMA_SQLITE_NOT_FILE',
      `${file} is a folder, not a SQLite database file`,
      `Name the database file inside it, e.g. sqlite:${path.join(t.file, 'his.db')}.`,
      undefined,
      { file, spec },
    ).zh(
      `${file} 是文件夹，不是 SQLite 数据库文件`,
      `请写出其中的数据库文件名，例如 sqlite:${path.join(t.file, 'his.db')}。`,
    );
}

export function dialectOpt(v: string | undefined): Dialect | undefined {
  if (v === undefined) return undefined;
  const d = (
    v === 'mariadb' ? 'mysql' : v === 'pg' || v === 'postgresql' ? 'postgres' : v === 'sqlserver' ? 'mssql' : v
  ) as Dialect;
  if (!DIALECTS.includes(d))
    throw inputError(
      'SCHEMA_BAD_DIALECT',
      `"${v}" is not a dialect hisops writes`,
      `Use one of ${DIALECTS.join(', ')}.`,
    ).zh(`"${v}" 不是 hisops 支持的数据库方言`, `请使用 ${DIALECTS.join('、')} 之一。`);
  return d;
}

export function readDecisions(ctx: Ctx, schema: typeof SchemaModule, file: string | undefined): SchemaModule.RenameMap {
  if (!file) return {};
  const full = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw inputError(
      'DECISIONS_UNREADABLE',
      `Cannot read the decisions file ${full}`,
      'Check the path (see docs/schema.md, "Renames").',
    ).zh(`无法读取决定文件 ${full}`, '请检查路径（见 docs/schema.md 的 "Renames" 一节）。');
  }
  return schema.parseRenames(text, full);
}

/** Renames are asked about only at a terminal and only without a decisions file; never guessed. */
export async function askRenames(
  ctx: Ctx,
  schema: typeof SchemaModule,
  current: SchemaModule.SchemaModel,
  target: SchemaModule.SchemaModel,
  decided: SchemaModule.RenameMap,
  hadFile: boolean,
): Promise<SchemaModule.RenameMap> {
  if (hadFile || !ctx.interactive || ctx.yes) return decided;
  let map = decided;
  for (const c of schema.renameCandidates(schema.diffModels(current, target, { renames: decided }))) {
    const what = c.kind === 'table' ? `table ${c.from} → ${c.to}` : `column ${c.table}.${c.from} → ${c.to}`;
    const shown = ctx.lang === 'zh-CN' ? schema.titleZh(what) : what;
    if (await ctx.confirm(ctx.t('schema.renameQ', { what: shown, why: c.why }), false)) map = schema.addRename(map, c);
  }
  return map;
}

/** --include, --exclude, --schema: which objects of a side are read. */
export function commonOptions(c: Command): Command {
  return c
    .option('--include <patterns>', 'only objects whose names match (comma-separated, * and ?)', collect)
    .option('--exclude <patterns>', 'leave out objects whose names match', collect)
    .option('--schema <name>', 'PostgreSQL schema / Oracle owner (default: public / the user)');
}

/** Sides that may be DDL files (a script, a dump, a Flyway folder): docs/schema.md, "DDL files". */
export function ddlOptions(c: Command): Command {
  return commonOptions(c)
    .option(
      '--ddl-dialect <dialect>',
      'the dialect DDL files are written in: mysql, postgres, oracle, sqlite (default: detected)',
    )
    .option(
      '--scratch <db>',
      'server where MySQL/PostgreSQL DDL files are loaded into a temporary database to be read (default: schema.scratch)',
    );
}
