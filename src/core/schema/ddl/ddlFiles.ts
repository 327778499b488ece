/**
 * DDL sources on disk: which path is one, the files of a folder in the order they are meant to
 * run (Flyway's `V<version>__*.sql` by version, then `R__*.sql` repeatables by description; other
 * folders by name, numbers compared as numbers), and the dialect the SQL is written in.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { inputError } from '../../errors.js';

export type DdlDialect = 'mysql' | 'postgres' | 'oracle' | 'sqlite';
export const DDL_DIALECTS: readonly DdlDialect[] = ['mysql', 'postgres', 'oracle', 'sqlite'];

const DDL_EXT = /\.(sql|ddl|pls|pks|pkb|plb|prc|fnc|trg|vw|tab)(\.gz)?$/i;
const FLYWAY_V = /^V(\d+(?:[._]\d+)*)__.*\.sql$/i;
const FLYWAY_R = /^R__(.*)\.sql$/i;
const FLYWAY_U = /^U\d+(?:[._]\d+)*__.*\.sql$/i;

/**
 * A command-line side that names DDL rather than a database or a snapshot: a folder, a file with
 * a SQL extension, or any other existing file that does not start with `{` (JSON).
 */
export function looksLikeDdlSource(file: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return DDL_EXT.test(file) && !/^[a-z][a-z0-9+]*:/i.test(file);
  }
  if (st.isDirectory()) return true;
  if (!st.isFile()) return false;
  if (DDL_EXT.test(file)) return true;
  if (/\.json$/i.test(file)) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(512);
    const got = fs.readSync(fd, b, 0, 512, 0);
    const head = b
      .subarray(0, got)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return head.length > 0 && !head.startsWith('{') && !head.startsWith('SQLite format 3');
  } finally {
    fs.closeSync(fd);
  }
}

interface DdlFile {
  file: string;
  /** Shown in messages: relative to the folder given, or the file as given. */
  shown: string;
  text: string;
}

export interface DdlFileList {
  files: DdlFile[];
  /** The order rule used: 'flyway', 'name' or 'file'. */
  order: 'flyway' | 'name' | 'file';
  warnings: string[];
}

/** Version parts as numbers, trailing zeros dropped (Flyway: 1.0 is 1). */
const versionParts = (v: string) => {
  const p = v.split(/[._]/).map(Number);
  while (p.length > 1 && p[p.length - 1] === 0) p.pop();
  return p;
};
function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function readText(file: string, shown: string): string {
  try {
    const raw = fs.readFileSync(file);
    const buf = /\.gz$/i.test(file) ? zlib.gunzipSync(raw) : raw;
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw inputError(
      'DDL_UNREADABLE',
      `Cannot read the DDL file ${shown}`,
      "Check the path and the file's permissions (a .gz file must be gzip).",
      (e as Error).message,
      { file },
    ).zh(`无法读取 DDL 文件 ${shown}`, '请检查路径和文件权限（.gz 文件须为 gzip 格式）。');
  }
}

/** The files of a DDL source, read, in the order they run. */
export function listDdlFiles(spec: string): DdlFileList {
  let st: fs.Stats;
  try {
    st = fs.statSync(spec);
  } catch (e) {
    throw inputError(
      'DDL_UNREADABLE',
      `There is no file or folder ${spec}`,
      'Check the path of the DDL file or folder.',
      (e as Error).message,
      { file: spec },
    ).zh(`没有文件或文件夹 ${spec}`, '请检查 DDL 文件或文件夹的路径。');
  }
  if (!st.isDirectory())
    return {
      files: [{ file: spec, shown: path.basename(spec), text: readText(spec, spec) }],
      order: 'file',
      warnings: [],
    };
  const all = walk(spec).filter((f) => DDL_EXT.test(f));
  const base = (f: string) => path.basename(f);
  const v = all.filter((f) => FLYWAY_V.test(base(f)));
  const r = all.filter((f) => FLYWAY_R.test(base(f)));
  const warnings: string[] = [];
  let ordered: string[];
  let order: DdlFileList['order'];
  if (v.length || r.length) {
    order = 'flyway';
    const seen = new Map<string, string>();
    for (const f of v) {
      const key = versionParts(FLYWAY_V.exec(base(f))![1]!).join('.');
      if (seen.has(key))
        throw inputError(
          'DDL_FLYWAY_DUPLICATE',
          `Two migrations have version ${key}: ${path.relative(spec, seen.get(key)!)} and ${path.relative(spec, f)}`,
          'Flyway refuses this too: rename one of them.',
          undefined,
          { folder: spec },
        ).zh(
          `两个迁移脚本的版本号都是 ${key}：${path.relative(spec, seen.get(key)!)} 和 ${path.relative(spec, f)}`,
          'Flyway 同样拒绝这种情况：请将其中一个改名。',
        );
      seen.set(key, f);
    }
    v.sort((a, b) =>
      compareVersions(versionParts(FLYWAY_V.exec(base(a))![1]!), versionParts(FLYWAY_V.exec(base(b))![1]!)),
    );
    r.sort((a, b) => (FLYWAY_R.exec(base(a))![1]! < FLYWAY_R.exec(base(b))![1]! ? -1 : 1));
    ordered = [...v, ...r];
    const undo = all.filter((f) => FLYWAY_U.test(base(f)));
    const other = all.filter((f) => !ordered.includes(f) && !undo.includes(f));
    if (undo.length)
      warnings.push(
        `${undo.length} Flyway undo migration(s) (U…__*.sql) not read: they reverse a version, the folder's schema is the one after all V and R migrations`,
      );
    if (other.length)
      warnings.push(
        `not read, since they are not named as Flyway migrations (V<version>__*.sql, R__*.sql), as Flyway would skip them: ${other.map((f) => path.relative(spec, f)).join(', ')}`,
      );
  } else {
    order = 'name';
    ordered = all.sort((a, b) => path.relative(spec, a).localeCompare(path.relative(spec, b), 'en', { numeric: true }));
  }
  if (!ordered.length)
    throw inputError(
      'DDL_EMPTY',
      `The folder ${spec} holds no SQL files`,
      'Give a folder of .sql files (Flyway V<n>__*.sql, or files run in name order) or a single .sql file.',
      undefined,
      { folder: spec },
    ).zh(
      `文件夹 ${spec} 中没有 SQL 文件`,
      '请给出含 .sql 文件的文件夹（Flyway 的 V<n>__*.sql，或按文件名顺序执行的文件）或单个 .sql 文件。',
    );
  return {
    files: ordered.map((f) => ({ file: f, shown: path.relative(spec, f), text: readText(f, path.relative(spec, f)) })),
    order,
    warnings,
  };
}

/** Signs of each dialect, with weights; mysqldump, pg_dump and Navicat headers settle it at once. */
const SIGNS: Record<DdlDialect, Array<[RegExp, number]>> = {
  mysql: [
    [/^-- (MySQL|MariaDB) dump/m, 100],
    [/Source Server Type\s*:\s*(MySQL|MariaDB)/i, 100],
    [/\bENGINE\s*=\s*\w+/i, 5],
    [/`\w+`/, 3],
    [/\bAUTO_INCREMENT\b/i, 3],
    [/\/\*!\d{5}/, 5],
    [/\bunsigned\b/i, 2],
  ],
  postgres: [
    [/^-- PostgreSQL database dump/m, 100],
    [/Source Server Type\s*:\s*PostgreSQL/i, 100],
    [/\bSET search_path\b|pg_catalog\./i, 10],
    [/::\w+/, 3],
    [/\$\w*\$/, 3],
    [/\b(bigserial|serial|timestamptz|bytea|jsonb)\b/i, 3],
    [/\bOWNER TO\b/i, 5],
  ],
  oracle: [
    [/Source Server Type\s*:\s*Oracle/i, 100],
    [/\b(N?VARCHAR2|NUMBER\s*\(|N?CLOB|SYSDATE|SYSTIMESTAMP|BINARY_DOUBLE)\b/i, 5],
    [/^\s*\/\s*$/m, 4],
    [/\bCREATE\s+OR\s+REPLACE\s+PACKAGE\b/i, 10],
    [/\bCOMMENT\s+ON\s+(TABLE|COLUMN)\b/i, 1],
    [/\bTABLESPACE\b/i, 1],
    [/\bNOCACHE\b|\bNOCYCLE\b/i, 2],
  ],
  sqlite: [
    [/\bAUTOINCREMENT\b/i, 5],
    [/\bWITHOUT ROWID\b/i, 10],
    [/\bPRAGMA\b/i, 5],
  ],
};

/** The dialect a script is most likely written in, or undefined when the signs do not say. */
export function detectDialect(texts: string[]): { dialect?: DdlDialect; scores: Record<DdlDialect, number> } {
  const sample = texts.map((t) => t.slice(0, 200_000)).join('\n');
  const scores = { mysql: 0, postgres: 0, oracle: 0, sqlite: 0 } as Record<DdlDialect, number>;
  for (const d of DDL_DIALECTS) for (const [re, w] of SIGNS[d]) if (re.test(sample)) scores[d] += w;
  const ranked = [...DDL_DIALECTS].sort((a, b) => scores[b] - scores[a]);
  const [first, second] = [scores[ranked[0]!], scores[ranked[1]!]];
  // A clear lead only: a guess that picks the wrong reader would report errors about the wrong language.
  return { dialect: first >= 4 && first >= 2 * second ? ranked[0] : undefined, scores };
}
