/**
 * `hisops schema sync`: plan the script that brings a database up to a target (or read a saved
 * one), and with --apply run its safe part, journaled, resumable step by step.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import { EXIT, inputError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';
import {
  askRenames,
  collect,
  ddlOptions,
  dialectOpt,
  hisopsVersion,
  loadSide,
  oracleMaxIdentifier,
  readDecisions,
  type Side,
  type SideOptions,
} from './schemaSides.js';
import { applyScript, type Filter, type Script, stepOverrides } from './schemaSyncApply.js';

interface SyncOpts extends SideOptions {
  output?: string;
  dialect?: string;
  decisions?: string;
  script?: string;
  apply?: boolean;
  resume?: boolean;
  session?: string[];
  skip?: string;
  markDone?: string;
  reason?: string;
}

type Schema = typeof SchemaModule;

function summaryRows(ctx: Ctx, plan: SchemaModule.Plan): Array<[string, string | number]> {
  return [
    [ctx.t('schema.k.current'), `${plan.current.display}  ${plan.current.fingerprint.slice(0, 16)}`],
    [ctx.t('schema.k.target'), `${plan.target.display}  ${plan.target.fingerprint.slice(0, 16)}`],
    [ctx.t('schema.k.changes'), plan.counts.changes],
    [
      ctx.t('schema.k.safe'),
      ctx.t('schema.v.safe', { statements: plan.counts.safeStatements, items: plan.counts.safeItems }),
    ],
    [ctx.t('schema.k.review'), ctx.t('schema.v.review', { n: plan.counts.reviewItems })],
  ];
}

/** The needs-review items; titles and reasons in the run's language (the JSON keeps the English). */
function reviewTable(ctx: Ctx, out: Out, schema: typeof SchemaModule, plan: SchemaModule.Plan): void {
  const review = plan.items.filter((i) => i.section === 'review');
  if (!review.length) return;
  const zh = ctx.lang === 'zh-CN';
  const title = (t: string) => (zh ? schema.titleZh(t) : t);
  const reason = (t: string) => (zh ? schema.reasonZh(t) : t);
  out.heading(ctx.t('schema.k.review'));
  out.table(
    [ctx.t('schema.col.change'), ctx.t('schema.col.why')],
    review
      .slice(0, 40)
      .map((i) => [title(i.title.length > 70 ? i.title.slice(0, 69) + '…' : i.title), reason(i.reasons[0] ?? '')]),
  );
  if (review.length > 40) out.note(ctx.t('schema.reviewMore', { n: review.length - 40 }));
}

export function registerSync(group: Command, app: App): void {
  const sync = ddlOptions(
    group
      .command('sync')
      .description(app.t('schema.sync.describe'))
      .argument('<current>', 'the database to upgrade (or a snapshot, for a script only)')
      .argument('<target>', 'the new version: database, snapshot file, or DDL file or folder'),
  )
    .option('-o, --output <file>', 'where to save the script (default .hisops/scripts/sync-<run>.sql)')
    .option('--dialect <dialect>', 'write the script for this database kind')
    .option('--decisions <file>', 'rename decisions (YAML): renames: { tables: {old: new}, columns: {"t.old": new} }')
    .option('--script <file>', 'apply this saved script instead of planning again (checks its fingerprint)')
    .option('--apply', 'run the safe part against <current> (journaled)')
    .option('--resume', 'continue a run that stopped (with --script and --apply)')
    .option(
      '--session <sql>',
      'run this statement on the connection before each step, e.g. "SET SESSION innodb_strict_mode=0" (repeatable; default: schema.session)',
      collect,
    )
    .option('--skip <step>', 'pass over safe statement <step> of the script (with --reason; journaled)')
    .option('--mark-done <step>', 'record safe statement <step> as done by hand (with --reason; journaled)')
    .option('--reason <text>', 'why a step is skipped or marked done')
    .action(app.action(runSync, { record: true, lock: (o) => !!o.apply && 'schema sync' }));
  app.examples(sync, [
    'hisops schema sync his_test new-version.json -o upgrade-v8.sql',
    'hisops schema sync his_test new-version.json --script upgrade-v8.sql --apply --yes',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume --session "SET SESSION innodb_strict_mode=0"',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume --mark-done 17 --reason "added by hand"',
    'hisops schema sync prod.json new.json --dialect oracle -o upgrade.oracle.sql',
  ]);
}

async function runSync(ctx: Ctx, args: unknown[], o: SyncOpts): Promise<CommandResult> {
  const schema = await import('../core/schema/index.js');
  const cur = await loadSide(ctx, schema, args[0] as string, o);
  const tgt = await loadSide(ctx, schema, args[1] as string, o);
  const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
  const overrides = stepOverrides(o, ctx.env);
  if ((o.resume || overrides.length) && !o.script)
    throw inputError(
      'SCHEMA_RESUME_NEEDS_SCRIPT',
      `${o.resume ? '--resume' : overrides[0]!.action === 'skip' ? '--skip' : '--mark-done'} continues a saved script`,
      'Run the same command with --script <the script it saved> --apply --resume.',
    ).zh(
      `${o.resume ? '--resume' : overrides[0]!.action === 'skip' ? '--skip' : '--mark-done'} 用于继续执行已保存的脚本`,
      '请用相同命令加 --script <已保存的脚本> --apply --resume 运行。',
    );
  if (overrides.length && !o.apply)
    throw inputError(
      'SCHEMA_OVERRIDE_NEEDS_APPLY',
      '--skip and --mark-done take effect in an apply',
      'Add --apply (and --resume) to the command.',
    ).zh('--skip 和 --mark-done 只在执行（--apply）时生效', '请在命令中加上 --apply（以及 --resume）。');
  const s = o.script ? readSavedScript(ctx, schema, o.script, tgt) : await planScript(ctx, schema, o, cur, tgt, filter);
  const shownScript = path.relative(ctx.cwd, s.scriptFile) || s.scriptFile;
  if (!o.apply) return dryRun(ctx, schema, s, shownScript);
  return applyScript(ctx, schema, { args, o, cur, tgt, filter, overrides, script: s, shownScript });
}

function readSavedScript(ctx: Ctx, schema: Schema, script: string, tgt: Side): Script {
  const scriptFile = path.resolve(ctx.cwd, script);
  let text: string;
  try {
    text = fs.readFileSync(scriptFile, 'utf8');
  } catch {
    throw inputError('SCRIPT_UNREADABLE', `Cannot read the script ${scriptFile}`, 'Check the path.').zh(
      `无法读取脚本 ${scriptFile}`,
      '请检查路径。',
    );
  }
  const saved = schema.parseScript(text, scriptFile);
  const applicable: SchemaModule.ApplicablePlan = {
    planId: saved.header.planId,
    dialect: saved.header.dialect,
    currentFingerprint: saved.header.current,
    targetFingerprint: saved.header.target,
    targetDisplay: tgt.display,
    statements: saved.statements,
  };
  return { applicable, scriptFile };
}

async function planScript(
  ctx: Ctx,
  schema: Schema,
  o: SyncOpts,
  cur: Side,
  tgt: Side,
  filter: Filter,
): Promise<Script> {
  const decided = readDecisions(ctx, schema, o.decisions);
  const renames = await askRenames(ctx, schema, cur.model, tgt.model, decided, !!o.decisions);
  const plan = schema.makePlan(cur.model, tgt.model, {
    now: ctx.now(),
    hisopsVersion: hisopsVersion(),
    dialect: dialectOpt(o.dialect),
    renames,
    filter,
    oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS),
  });
  for (const w of plan.warnings) ctx.warn(w);
  const scriptFile = path.resolve(
    o.output ? ctx.cwd : ctx.config().baseDir,
    o.output ?? path.join('.hisops', 'scripts', `sync-${ctx.runId}.sql`),
  );
  schema.writeFileAtomic(scriptFile, schema.renderScript(plan, ctx.lang), {
    what: 'the sync script',
    mkdir: !o.output,
  });
  const applicable: SchemaModule.ApplicablePlan = {
    planId: plan.planId,
    dialect: plan.dialect,
    currentFingerprint: plan.current.fingerprint,
    targetFingerprint: plan.target.fingerprint,
    targetDisplay: plan.target.display,
    statements: plan.statements
      .filter((s) => s.section === 'safe')
      .map((s) => ({ seq: s.seq, sql: s.sql, objects: s.objects })),
  };
  return { applicable, plan, scriptFile };
}

function dryRun(
  ctx: Ctx,
  schema: Schema,
  { applicable, plan, scriptFile }: Script,
  shownScript: string,
): CommandResult {
  return {
    data: {
      script: scriptFile,
      planId: applicable.planId,
      applied: false,
      counts: plan?.counts,
      diff: plan ? { equal: plan.diff.equal, counts: plan.diff.counts } : undefined,
      review: plan?.items.filter((i) => i.section === 'review').map((i) => ({ change: i.title, reasons: i.reasons })),
    },
    exit: plan && plan.diff.equal ? EXIT.ok : EXIT.findings,
    human: (out) => {
      if (plan) {
        if (plan.diff.equal) return out.ok(ctx.t('schema.nothing'));
        out.kv(summaryRows(ctx, plan));
        reviewTable(ctx, out, schema, plan);
      }
      out.ok(ctx.t('schema.wrote', { file: shownScript }));
      out.note(ctx.t('common.dryRun'));
    },
  };
}
