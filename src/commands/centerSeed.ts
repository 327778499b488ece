/**
 * `hisops center seed --from-his`: copy the HIS's settlements (read through the profile, as
 * reconcile counts them) into a sandbox ledger, optionally planting N differences, and list them —
 * so that a hospital can rehearse reconcile and the repairs on its own test database.
 *
 * The HIS is only read. The ledger is the sandbox's own file, so writing it needs no --apply; an
 * existing ledger is never overwritten without --force.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import { centerUtcOffset } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { inputError } from '../core/errors.js';

defineMessages({
  'center.seed.describe': {
    en: "copy the HIS's settlements into a sandbox ledger, optionally planting differences, to rehearse reconcile (沙箱造数)",
    zh: '把 HIS 的结算复制到模拟中心账本，可埋入差异，用于演练对账与处理',
  },
  'center.seed.fromHis': {
    en: 'read the settlements from the configured HIS through its profile (the only source so far)',
    zh: '通过 HIS 配置文件的语句读取已配置 HIS 的结算（目前唯一的来源）',
  },
  'center.seed.date': {
    en: 'one day: yyyy-MM-dd, today or yesterday (default: yesterday)',
    zh: '某一天：yyyy-MM-dd、today 或 yesterday（默认昨天）',
  },
  'center.seed.from': { en: 'first day of a range (with --to)', zh: '起始日（与 --to 同用）' },
  'center.seed.to': { en: 'last day of a range, inclusive', zh: '截止日（含）' },
  'center.seed.plant': {
    en: 'plant N differences (amount differs, center only, HIS only, cancelled at center, in turn)',
    zh: '埋入 N 处差异（依次为金额不符、中心单边、医院单边、中心已撤销）',
  },
  'center.seed.ledger': {
    en: 'the sandbox ledger to write (default .hisops/center.db, the one center serve uses)',
    zh: '要写入的模拟中心账本（默认 .hisops/center.db，即 center serve 所用）',
  },
  'center.seed.force': { en: 'replace an existing ledger', zh: '覆盖已存在的账本' },
  'center.seed.done': {
    en: 'copied {copied} settlements of {from} … {to} into {ledger}; planted {planted} differences',
    zh: '已将 {from} … {to} 的 {copied} 笔结算复制到 {ledger}；埋入差异 {planted} 处',
  },
  'center.seed.skipped': {
    en: '{n} HIS rows not copied (a setl_id seen twice, or a cancellation whose original is outside the days): {ids}',
    zh: '{n} 行未复制（结算ID重复，或撤销对应的原结算不在所选日期内）：{ids}',
  },
  'center.seed.notCounted': {
    en: '{n} HIS rows were left out as reconcile leaves them out (status, refund or out-of-area rules, or rows it cannot count)',
    zh: '{n} 行按对账规则未计入（状态、退费、异地规则，或无法计入的行）',
  },
  'center.seed.next': {
    en: 'Next: hisops center serve --data {ledger}, point center.url at it, then hisops reconcile {dates}: it should find exactly the differences above.',
    zh: '下一步：hisops center serve --data {ledger}，将 center.url 指向它，再运行 hisops reconcile {dates}：应恰好发现以上差异。',
  },
  'center.seed.col.kind': { en: 'planted', zh: '埋入差异' },
  'center.seed.col.finding': { en: 'reconcile finds', zh: '对账结果' },
  'center.seed.col.setl': { en: 'setl_id (HIS)', zh: '结算ID（医院）' },
  'center.seed.col.center': { en: 'center row', zh: '中心记录' },
  'center.seed.col.visit': { en: 'mdtrt_id', zh: '就诊ID' },
  'center.seed.col.time': { en: 'setl_time', zh: '结算时间' },
  'center.seed.col.his': { en: 'HIS medfee_sumamt', zh: '医院医疗费总额' },
  'center.seed.col.centerAmt': { en: 'center medfee_sumamt', zh: '中心医疗费总额' },
  'center.seed.kind.amount_differs': { en: 'amount differs', zh: '金额不符' },
  'center.seed.kind.center_only': { en: 'center only', zh: '中心单边账' },
  'center.seed.kind.his_only': { en: 'HIS only', zh: '医院单边账' },
  'center.seed.kind.cancelled_at_center': { en: 'cancelled at center', zh: '中心已撤销' },
  // What reconcile reports for each planted difference (its finding kind, shown with the words).
  'center.seed.finding.amount_mismatch': { en: 'amount_mismatch', zh: '金额不符（amount_mismatch）' },
  'center.seed.finding.center_only': { en: 'center_only', zh: '中心单边账（center_only）' },
  'center.seed.finding.his_only': { en: 'his_only', zh: '医院单边账（his_only）' },
});

type SandboxModule = Awaited<ReturnType<typeof import('../core/center/index.js').loadSandbox>>;
type SeedPlan = ReturnType<SandboxModule['planSeed']>;
type HisSettlementCopy = Parameters<SandboxModule['planSeed']>[0][number];

interface SeedOptions {
  fromHis?: boolean;
  date?: string;
  from?: string;
  to?: string;
  plant?: string;
  ledger?: string;
  force?: boolean;
}

/** Remove a ledger and its SQLite side files (only with --force). */
function removeLedger(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/** The HIS's settlements of the days as reconcile counts them, with what was left out. */
async function readHis(ctx: Ctx, days: readonly string[]) {
  const rc = await import('../core/reconcile/index.js');
  const his = await import('../core/his/index.js');
  const cfg = ctx.config();
  const rules = rc.parseReconcileRules(cfg.sections['reconcile'], {
    file: cfg.file ? path.relative(ctx.cwd, cfg.file) || cfg.file : 'hisops.yaml',
    setl_optins: String(ctx.get('center.setl_optins')),
  });
  const { db, profile } = await ctx.his();
  const rows: HisSettlementCopy[] = [];
  let notCounted = 0;
  for (const day of days) {
    const got = await his.runStatement(db, profile, 'settlements_for_reconcile', {
      from: `${day} 00:00:00`,
      to: `${rc.addDays(day, 1)} 00:00:00`,
    });
    for (const row of got) {
      const r = rc.readHisRow(row, rules);
      if (r.kind !== 'counted') {
        notCounted++;
        continue;
      }
      const s = r.s;
      rows.push({
        setl_id: s.setl_id,
        mdtrt_id: s.mdtrt_id,
        psn_no: s.psn_no,
        insutype: s.insutype,
        clr_type: s.clr_type,
        setl_optins: s.setl_optins,
        setl_time: s.setl_time,
        refd_setl_flag: s.refd_setl_flag,
        init_setl_id: s.init_setl_id,
        msgid: s.msgid,
        infno: s.infno,
        medfee_sumamt: rc.fenText(s.medfee),
        fund_pay_sumamt: rc.fenText(s.fund),
        acct_pay: rc.fenText(s.acct),
        psn_cash_pay: rc.fenText(s.cash),
      });
    }
  }
  return { rows, notCounted };
}

async function runSeed(ctx: Ctx, o: SeedOptions) {
  const plant = plantOf(o);
  const { days, begndate, enddate } = await seedDays(ctx, o);
  const { ledgerFile, shown } = ledgerOf(ctx, o);
  const { rows, notCounted } = await readHis(ctx, days);
  const { loadSandbox } = await import('../core/center/index.js');
  const sandbox = await loadSandbox();
  const plan = planOf(sandbox, rows, plant);
  const done = writeLedger(ctx, sandbox, ledgerFile, plan, !!o.force);
  const copied = done.copies.length;
  const dates = begndate === enddate ? `--date ${begndate}` : `--from ${begndate} --to ${enddate}`;
  return {
    data: {
      ledger: shown,
      begndate,
      enddate,
      days: days.length,
      his_rows: rows.length + notCounted,
      not_counted: notCounted,
      copied,
      skipped: done.skipped,
      planted: done.planted,
    },
    human: (out: Out) =>
      renderSeed(out, ctx, done, { copied, notCounted, from: begndate, to: enddate, ledger: shown, dates }),
  };
}

/** --from-his is the one source; --plant a number of differences (0 when not given). */
function plantOf(o: SeedOptions): number {
  if (!o.fromHis)
    throw inputError(
      'CENTER_SEED_SOURCE',
      'center seed needs a source',
      "Add --from-his to copy the configured HIS's settlements (the only source so far).",
    ).zh('造数需要指定来源', '加 --from-his，从已配置的 HIS 复制结算（目前唯一的来源）。', '未指定来源');
  const plant = o.plant === undefined ? 0 : Number(o.plant);
  if (!Number.isInteger(plant) || plant < 0 || plant > 10_000)
    throw inputError(
      'CENTER_SEED_PLANT',
      `--plant ${o.plant} is not a number of differences`,
      'Give a whole number from 0 to 10000, e.g. --plant 8.',
    ).zh(`--plant ${o.plant} 不是差异数量`, '请给出 0 到 10000 之间的整数，例如 --plant 8。', '参数错误');
  return plant;
}

/** The days to copy: --date or --from/--to, at most 31 of them. */
async function seedDays(ctx: Ctx, o: SeedOptions) {
  const { formatDate } = await import('../core/center/index.js');
  const rc = await import('../core/reconcile/index.js');
  const { days, begndate, enddate } = rc.resolvePeriods({
    date: o.date,
    from: o.from,
    to: o.to,
    // The center's day, as reconcile takes it (center.utcOffsetMinutes), whatever the host's zone.
    today: formatDate(ctx.now(), centerUtcOffset(ctx)),
    maxDays: 100_000,
    mode: 'day',
  });
  // The rows are held in memory to spread the plants and pair cancellations: a month at a time.
  if (days.length > 31)
    throw inputError(
      'CENTER_SEED_RANGE',
      `${begndate}…${enddate} covers ${days.length} days; center seed copies at most 31`,
      'Seed a month or less (--from D1 --to D2), e.g. the month you want to rehearse.',
    ).zh(
      `${begndate}…${enddate} 共 ${days.length} 天，造数一次最多 31 天`,
      '请选择一个月以内的日期范围（--from D1 --to D2）。',
      '结算行需全部读入内存',
    );
  return { days, begndate, enddate };
}

/** The ledger file, refused when it exists unless --force replaces it. */
function ledgerOf(ctx: Ctx, o: SeedOptions): { ledgerFile: string; shown: string } {
  const ledgerFile = path.resolve(ctx.cwd, o.ledger ?? '.hisops/center.db');
  const shown = path.relative(ctx.cwd, ledgerFile) || ledgerFile;
  if (fs.existsSync(ledgerFile) && !o.force) {
    throw inputError(
      'CENTER_SEED_LEDGER_EXISTS',
      `The sandbox ledger ${shown} already exists`,
      `Add --force to replace it, or give another file with --ledger (e.g. --ledger .hisops/rehearsal.db).`,
      'seeding replaces the whole ledger, and a ledger may hold a rehearsal in progress',
    ).zh(
      `模拟中心账本 ${shown} 已存在`,
      '加 --force 覆盖，或用 --ledger 指定另一个文件。',
      '造数会替换整个账本，而该账本可能正用于演练',
    );
  }
  return { ledgerFile, shown };
}

/** Where the differences go: more than the settlements allow is a usage error. */
function planOf(sandbox: SandboxModule, rows: readonly HisSettlementCopy[], plant: number): SeedPlan {
  try {
    return sandbox.planSeed(rows, plant);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw inputError(
      'CENTER_SEED_PLANT',
      `--plant ${plant} is more than the HIS's settlements allow: ${e.message}`,
      'Plant fewer differences, or seed more days (--from D1 --to D2).',
    ).zh(`--plant ${plant} 超过可埋入差异的结算数`, '减少埋入数量，或选择更多日期（--from D1 --to D2）。', e.message);
  }
}

/** Write the plan into a fresh ledger; a failed write leaves no half-seeded ledger behind. */
function writeLedger(ctx: Ctx, sandbox: SandboxModule, ledgerFile: string, plan: SeedPlan, force: boolean): SeedPlan {
  if (force) removeLedger(ledgerFile);
  fs.mkdirSync(path.dirname(ledgerFile), { recursive: true });
  const fixmedins_code = String(ctx.get('fixmedins_code'));
  const ledger = sandbox.openLedger(ledgerFile, {
    fixmedins_code,
    fixmedins_name: String(ctx.get('fixmedins_name')),
    admdvs: String(ctx.get('center.mdtrtarea_admvs')),
  });
  let done: typeof plan;
  try {
    done = sandbox.applySeed(ledger, plan, fixmedins_code);
  } catch (e) {
    // Nothing half-seeded stays behind to block the next attempt.
    ledger.close();
    removeLedger(ledgerFile);
    throw e;
  }
  ledger.close();
  return done;
}

function renderSeed(
  out: Out,
  ctx: Ctx,
  plan: SeedPlan,
  a: { copied: number; notCounted: number; from: string; to: string; ledger: string; dates: string },
): void {
  out.line(
    ctx.t('center.seed.done', {
      copied: a.copied,
      from: a.from,
      to: a.to,
      ledger: a.ledger,
      planted: plan.planted.length,
    }),
  );
  if (plan.planted.length) {
    const k = (s: string) => ctx.t(`center.seed.col.${s}`);
    out.table(
      [k('kind'), k('finding'), k('setl'), k('center'), k('visit'), k('time'), k('his'), k('centerAmt')],
      plan.planted.map((p) => [
        ctx.t(`center.seed.kind.${p.kind}`),
        ctx.t(`center.seed.finding.${p.finding}`),
        p.kind === 'center_only' ? '' : p.setl_id,
        p.center_setl_id ?? '',
        p.mdtrt_id,
        p.setl_time,
        p.his_medfee_sumamt ?? '',
        p.center_medfee_sumamt ?? '',
      ]),
    );
  }
  if (plan.skipped.length)
    out.note(
      ctx.t('center.seed.skipped', {
        n: plan.skipped.length,
        ids: plan.skipped
          .slice(0, 5)
          .map((s) => s.setl_id)
          .join(', '),
      }),
    );
  if (a.notCounted) out.note(ctx.t('center.seed.notCounted', { n: a.notCounted }));
  out.note(ctx.t('center.seed.next', { ledger: a.ledger, dates: a.dates }));
}

export function registerCenterSeed(center: Command, app: App): void {
  const seed = center
    .command('seed')
    .description(app.t('center.seed.describe'))
    .option('--from-his', app.t('center.seed.fromHis'))
    .option('--date <day>', app.t('center.seed.date'))
    .option('--from <day>', app.t('center.seed.from'))
    .option('--to <day>', app.t('center.seed.to'))
    .option('--plant <n>', app.t('center.seed.plant'))
    .option('--ledger <file>', app.t('center.seed.ledger'))
    .option('--force', app.t('center.seed.force'))
    .action(app.action<SeedOptions>((ctx, _a, o) => runSeed(ctx, o)));
  app.examples(seed, [
    'hisops center seed --from-his --date 2025-03-04 --plant 8',
    'hisops center seed --from-his --from 2025-03-01 --to 2025-03-31 --ledger .hisops/rehearsal.db --force --json',
  ]);
}
