/**
 * `hisops schema snapshot|diff|sync` with DDL files as sides, in-process: Oracle scripts and a
 * Flyway folder (no server), errors in both languages, and on MariaDB a mysqldump as the target of
 * a sync script for a live database through --scratch / schema.scratch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerSchema } from '../../../src/commands/schema.js';
import { runCommands } from '../../helpers/runCommands.js';
import { describeWithMysql } from '../../helpers/servers.js';
import { createMysqlDb, dumpFile, loadMysqlDump, repoRoot } from './helpers.js';

const DDL = path.join(repoRoot, 'test/fixtures/ddl');
let dir: string;

const run = (argv: string[], env: Record<string, string> = {}) =>
  runCommands(memoryIo({ cwd: dir, env }), argv, { schema: registerSchema });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-ddl-cli-'));
  fs.cpSync(path.join(DDL, 'oracle'), path.join(dir, 'oracle'), { recursive: true });
});

describe('schema commands with DDL files', () => {
  it('diffs Oracle scripts and a Flyway folder, writes a sync script, snapshots a folder', async () => {
    const d = await run(['--json', 'schema', 'diff', 'oracle/his-v1.sql', 'oracle/his-v2.sql']);
    expect(d.code).toBe(3);
    const env = JSON.parse(d.out);
    expect(env.data.counts.column).toEqual({ missing: 3, extra: 1, changed: 2 });
    expect(env.data.current.display).toBe('oracle/his-v1.sql (DDL)');
    expect((await run(['schema', 'diff', 'oracle/flyway', 'oracle/his-v2.sql'])).code).toBe(0);
    const sync = await run(['schema', 'sync', 'oracle/his-v1.sql', 'oracle/flyway', '-o', 'up.sql']);
    expect(sync.code).toBe(3);
    expect(fs.readFileSync(path.join(dir, 'up.sql'), 'utf8')).toMatch(
      /ALTER TABLE PAT_INFO ADD \(\n {2}PSN_NO VARCHAR2\(30 BYTE\)\n\)/,
    );
    const snap = await run(['schema', 'snapshot', 'oracle/flyway', '-o', 'v2.json']);
    expect(snap.code).toBe(0);
    expect(snap.err).toMatch(/anonymous PL\/SQL block was skipped/);
    expect((await run(['schema', 'diff', 'v2.json', 'oracle/his-v2.sql'])).code).toBe(0);
  });

  it('says what is wrong with a DDL side, naming file and line, in Chinese under zh-CN', async () => {
    fs.writeFileSync(path.join(dir, 'bad.sql'), 'CREATE TABLE A (ID NUMBER(10));\nALTER TABLE A SPLIT PARTITION P1;\n');
    const en = await run(['--json', 'schema', 'diff', 'bad.sql', 'oracle/his-v2.sql']);
    expect(en.code).toBe(2);
    expect(JSON.parse(en.out).error.code).toBe('DDL_STATEMENT_UNREADABLE');
    expect(JSON.parse(en.out).error.summary).toMatch(/^bad\.sql:2: /);
    const zh = await run(['--lang', 'zh-CN', 'schema', 'diff', 'bad.sql', 'oracle/his-v2.sql']);
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/bad\.sql:2：无法读取这条 Oracle 语句/);
    fs.writeFileSync(path.join(dir, 'plain.sql'), 'CREATE TABLE a (id int);\n');
    const unknown = await run(['--lang', 'zh-CN', 'schema', 'diff', 'plain.sql', 'oracle/his-v2.sql']);
    expect(unknown.err).toMatch(/无法判断 plain\.sql 使用的 SQL 方言/);
    expect((await run(['schema', 'diff', 'plain.sql', 'oracle/his-v2.sql', '--ddl-dialect', 'oracle'])).code).toBe(3);
    const dump = path.join(DDL, 'mysql', 'openhospital-1.12.0.mysqldump.sql.gz');
    const noScratch = await run(['--json', 'schema', 'diff', dump, dump]);
    expect(JSON.parse(noScratch.out).error.code).toBe('DDL_NEEDS_SCRATCH');
  });
});

describeWithMysql('schema sync to a mysqldump on MariaDB', (serverUrl) => {
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await createMysqlDb('utf8');
    expect((await loadMysqlDump(db.url, dumpFile('openhospital-1.12.0'))).errors).toEqual([]);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('plans a live database against a dump read through the scratch server (flag or configuration)', async () => {
    const dump = path.join(DDL, 'mysql', 'openhospital-1.14.2.mysqldump.sql.gz');
    const viaFlag = await run(['--json', 'schema', 'diff', db.url, dump, '--scratch', serverUrl]);
    expect(viaFlag.code).toBe(3);
    const viaEnv = await run(['--json', 'schema', 'diff', db.url, dump], { HISOPS_SCHEMA_SCRATCH: serverUrl });
    expect(JSON.parse(viaEnv.out).data.changes).toEqual(JSON.parse(viaFlag.out).data.changes);
    const self = path.join(DDL, 'mysql', 'openhospital-1.12.0.mysqldump.sql.gz');
    expect((await run(['schema', 'diff', db.url, self, '--scratch', serverUrl])).code).toBe(0);
  }, 120_000);
});

describe('DDL warnings in Chinese', () => {
  it("says what the reader skipped in the run's language", async () => {
    const zh = await run(['--lang', 'zh-CN', 'schema', 'diff', 'oracle/flyway', 'oracle/his-v2.sql']);
    expect(zh.code).toBe(0);
    expect(zh.err).toMatch(/oracle\/flyway: 1 个 Flyway 撤销迁移脚本/);
    expect(zh.err).toMatch(/flyway\/V10__settlement\.sql:34：已跳过一个匿名 PL\/SQL 块/);
    expect(zh.err).toMatch(/已跳过 5 条不定义结构对象的语句：SQL\*Plus 2, INSERT 2, COMMIT 1/);
  });
});
