/**
 * `hisops schema clone`: a test database from production — the structure, the small tables and the
 * named ones, a consistent sample of the large ones, patients masked — and the proof that no
 * original value of a masked column is left in the copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import type { Db } from '../core/db/index.js';
import { EXIT, HisopsError, inputError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';
import { cloneHuman, cloneReason, columnTable, leakErrorOf } from './schemaCloneReport.js';
import { collect, commonOptions } from './schemaSides.js';

interface CloneOpts {
  include?: string[];
  exclude?: string[];
  schema?: string;
  maxRows: string;
  tables?: string[];
  mask?: boolean;
  maskRules?: string;
  batchSize: string;
  sample?: string;
  sampleJoin?: string[];
  apply?: boolean;
  resume?: boolean;
}

type Schema = typeof SchemaModule;
type Mask = { rules: SchemaModule.CompiledRules; key: string };

/** The numbers and names of the options, checked. */
interface CloneSettings {
  maxRows: number;
  batchSize: number;
  sample: number | undefined;
  joins: ReturnType<Schema['parseJoin']>[];
  filter: { include: string[]; exclude: string[] };
  tables: string[];
}

/** `schema: cloneJoins: [child.col=parent.col, …]` in hisops.yaml: joins for --sample besides the foreign keys. */
function cloneJoinsSetting(ctx: Ctx): string[] {
  const v = (ctx.config().sections['schema'] as { cloneJoins?: unknown } | undefined)?.cloneJoins;
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  return typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

export function registerClone(group: Command, app: App): void {
  const clone = commonOptions(
    group
      .command('clone')
      .description(app.t('schema.clone.describe'))
      .argument('<source>', 'production database (read only)')
      .argument('<dest>', 'an empty database for the test copy'),
  )
    .option('--max-rows <n>', 'copy tables with fewer rows than this', '20000')
    .option('--tables <patterns>', 'large tables to copy anyway (ICD-10, price lists), comma-separated', collect)
    .option('--mask', 'mask patient names, ID numbers, phones, addresses (key from HISOPS_MASK_KEY)')
    .option('--mask-rules <file>', 'extra masking rules (YAML): mask: [{ column: "pat_*name", kind: name }]')
    .option('--batch-size <n>', 'rows per batch', '1000')
    .option(
      '--sample <n>',
      'copy a consistent sample of the tables over --max-rows: n rows, their children and parents',
    )
    .option(
      '--sample-join <join>',
      'keep these rows together in the sample besides the foreign keys: child.col=parent.col (repeatable; default: schema.cloneJoins)',
      collect,
    )
    .option('--apply', 'write the copy (without it: show what would be copied)')
    .option('--resume', 'continue a clone that stopped')
    .action(app.action(runClone, { record: true, lock: (o) => !!o.apply && 'schema clone' }));
  app.examples(clone, [
    'hisops schema clone his_prod mysql://root@127.0.0.1:3306/his_test --tables icd10,price_list',
    'HISOPS_MASK_KEY=… hisops schema clone his_prod sqlite:test.db --mask --apply --yes',
    'hisops schema clone his_prod postgres://his@127.0.0.1:5432/his_test --mask --apply --resume',
  ]);
}

async function runClone(ctx: Ctx, args: unknown[], o: CloneOpts): Promise<CommandResult> {
  const schema = await import('../core/schema/index.js');
  const { connect } = await import('../core/db/index.js');
  const settings = cloneSettings(ctx, schema, o);
  const mask = await maskOf(ctx, schema, o);
  const srcRef = ctx.resolveDb(args[0] as string);
  const src = await connect(srcRef.url, { password: srcRef.password, baseDir: srcRef.baseDir });
  ctx.onClose(() => src.close());
  if (!o.apply) return clonePlan(ctx, schema, src, settings, mask, o.schema);
  const destRef = ctx.resolveDb(args[1] as string);
  // asked before connecting: connecting creates a SQLite file, which a refusal must not leave behind
  if (!(await ctx.confirm(ctx.t('schema.cloneQ', { n: 'all', db: destRef.display }))))
    throw new HisopsError({ code: 'CANCELLED', summary: 'Nothing was written', exit: EXIT.needsConfirmation }).zh(
      '未写入任何内容',
    );
  const dest = await connect(destRef.url, { password: destRef.password, baseDir: destRef.baseDir, create: true });
  ctx.onClose(() => dest.close());
  return cloneApply(ctx, schema, { src, dest, destDisplay: destRef.display, settings, mask, o });
}

function cloneSettings(ctx: Ctx, schema: Schema, o: CloneOpts): CloneSettings {
  const maxRows = Number(o.maxRows);
  const batchSize = Number(o.batchSize);
  if (!Number.isInteger(maxRows) || maxRows < 0)
    throw inputError(
      'CLONE_BAD_MAX_ROWS',
      `--max-rows ${String(o.maxRows)} is not a row count`,
      'Give a whole number, e.g. --max-rows 20000.',
    ).zh(`--max-rows ${String(o.maxRows)} 不是有效的行数`, '请给出整数，例如 --max-rows 20000。');
  const sample = o.sample === undefined ? undefined : Number(o.sample);
  if (sample !== undefined && (!Number.isInteger(sample) || sample < 1))
    throw inputError(
      'CLONE_BAD_SAMPLE',
      `--sample ${String(o.sample)} is not a row count`,
      'Give a whole number of rows, e.g. --sample 1000.',
    ).zh(`--sample ${String(o.sample)} 不是有效的行数`, '请给出整数行数，例如 --sample 1000。');
  const joins = (o.sampleJoin && o.sampleJoin.length ? o.sampleJoin : cloneJoinsSetting(ctx)).map((j) =>
    schema.parseJoin(j),
  );
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw inputError(
      'CLONE_BAD_BATCH',
      `--batch-size ${String(o.batchSize)} is not a row count`,
      'Give a whole number, e.g. --batch-size 1000.',
    ).zh(`--batch-size ${String(o.batchSize)} 不是有效的行数`, '请给出整数，例如 --batch-size 1000。');
  const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
  const tables = schema.splitPatterns(o.tables);
  return { maxRows, batchSize, sample, joins, filter, tables };
}

/** --mask / --mask-rules: the rules and the key (HISOPS_MASK_KEY, else one for this run only). */
async function maskOf(ctx: Ctx, schema: Schema, o: CloneOpts): Promise<Mask | undefined> {
  if (!o.mask && !o.maskRules) return undefined;
  let custom: SchemaModule.MaskRule[] = [];
  let replace = false;
  if (o.maskRules) {
    const file = path.resolve(ctx.cwd, o.maskRules);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw inputError('MASK_RULES_UNREADABLE', `Cannot read ${file}`, 'Check the path of --mask-rules.').zh(
        `无法读取 ${file}`,
        '请检查 --mask-rules 的路径。',
      );
    }
    ({ rules: custom, replaceDefaults: replace } = schema.parseMaskRules(text, file));
  }
  let key = ctx.env.HISOPS_MASK_KEY;
  if (!key) {
    const { randomBytes } = await import('node:crypto');
    key = randomBytes(16).toString('hex');
    ctx.warn(
      'HISOPS_MASK_KEY is not set: masking uses a key made for this run only, so another clone (or a resume) masks differently. Set HISOPS_MASK_KEY to a secret to keep masks stable.',
    );
  }
  return { rules: schema.compileRules(custom, replace), key };
}

async function clonePlan(
  ctx: Ctx,
  schema: Schema,
  src: Db,
  { maxRows, tables, sample, filter, joins }: CloneSettings,
  mask: Mask | undefined,
  schemaName: string | undefined,
): Promise<CommandResult> {
  const p = await schema.planClone(src, { maxRows, tables, mask, schema: schemaName, filter, sample, joins });
  const copy = p.tables.filter((t) => t.copy);
  const why = (t: SchemaModule.ClonePlanTable) =>
    t.sample ? ctx.t('clone.why.sample', { total: t.rows, max: maxRows, n: t.sample }) : cloneReason(ctx, t.reason);
  return {
    data: { applied: false, tables: p.tables },
    human: (out) => {
      out.table(
        [
          ctx.t('clone.col.table'),
          ctx.t('clone.col.rows'),
          ctx.t('clone.col.copy'),
          ctx.t('clone.col.why'),
          ctx.t('clone.col.masked'),
        ],
        p.tables.map((t) => [
          t.table,
          t.rows,
          ctx.t(t.copy ? 'clone.copy.rows' : t.sample ? 'clone.copy.sample' : 'clone.copy.structure'),
          why(t),
          t.masked.map((m) => `${m.column}:${m.kind}`).join(' '),
        ]),
      );
      if (mask) columnTable(ctx, out, p.tables);
      out.line(
        ctx.t(mask ? 'clone.planMasked' : 'clone.plan', {
          tables: p.tables.length,
          copied: copy.length,
          rows: copy.reduce((a, t) => a + t.rows, 0),
        }),
      );
      // the line above counts whole tables only; sampled ones are sized at copy time
      const sampled = p.tables.filter((t) => !t.copy && t.sample);
      if (sampled.length) out.line(ctx.t('clone.planSampled', { sampled: sampled.length, max: maxRows, n: sample }));
      out.note(ctx.t('common.dryRun'));
    },
  };
}

interface ApplyInput {
  src: Db;
  dest: Db;
  destDisplay: string;
  settings: CloneSettings;
  mask: Mask | undefined;
  o: CloneOpts;
}

async function cloneApply(
  ctx: Ctx,
  schema: Schema,
  { src, dest, destDisplay, settings: { maxRows, tables, batchSize, sample, joins, filter }, mask, o }: ApplyInput,
): Promise<CommandResult> {
  let bar: ReturnType<Ctx['progress']> | undefined;
  let current = '';
  let seen = 0;
  const res = await schema.cloneDatabase(src, dest, {
    journal: await ctx.journal(),
    clock: () => ctx.now(),
    maxRows,
    tables,
    mask,
    batchSize,
    schema: o.schema,
    filter,
    resume: !!o.resume,
    sample,
    joins,
    onProgress: (p) => {
      if (p.table !== current) {
        bar?.done();
        bar = ctx.progress(`${p.table} (${p.tableIndex + 1}/${p.tables})`, p.total);
        current = p.table;
        seen = 0;
      }
      bar!.tick(p.copied - seen);
      seen = p.copied;
    },
  });
  bar?.done();
  for (const w of res.warnings) ctx.warn(w);
  const failed = res.tables.filter((t) => t.status === 'failed');
  const leaks = res.verification?.findings ?? [];
  const leakError = leaks.length ? leakErrorOf(destDisplay, leaks) : undefined;
  return {
    data: res,
    exit: leakError ? EXIT.usage : failed.length ? EXIT.findings : EXIT.ok,
    error: leakError,
    human: (out) => cloneHuman(ctx, out, res, !!mask, failed.length),
  };
}
