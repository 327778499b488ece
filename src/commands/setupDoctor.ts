/**
 * The checks behind `hisops doctor`, loaded only when doctor runs (they pull in drivers).
 * Each check reports ✓ or ✗ with the fix; one failing check does not stop the others.
 */
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import { centerSettings } from '../cli/centerSettings.js';
import { defineMessages, translate } from '../cli/i18n.js';
import type { DoctorCheck } from './setup.js';
import type { ErrorCode } from '../core/errors.js';
import { calendarDay } from '../core/time/index.js';

defineMessages({
  'doctor.nStatements': { en: '{n} statements', zh: '{n} 条语句' },
  'doctor.statementsRun': { en: '{n} read statements run', zh: '{n} 条读取语句均可执行' },
  'doctor.statementsFix': {
    en: 'Edit these statements in the profile so that they run on this HIS (hisops doctor --verbose shows the SQL).',
    zh: '请修改接口配置中的这些语句，使其能在本院 HIS 上执行（hisops doctor --verbose 显示 SQL）。',
  },
  'doctor.skew': { en: 'clock skew {s} s', zh: '时钟偏差 {s} 秒' },
  'doctor.skewOffset': {
    en: "The center's times are {h} h {dir} what center.utcOffsetMinutes ({offset}) gives: set center.utcOffsetMinutes to {suggested} in hisops.yaml (480 = China time) — if `date -u` shows the right UTC time, this machine's clock itself is fine.",
    zh: '医保中心的时间比 center.utcOffsetMinutes（{offset}）推算的{dir} {h} 小时：请在 hisops.yaml 中将 center.utcOffsetMinutes 设为 {suggested}（480 为中国时间）——如 `date -u` 显示的 UTC 时间正确，本机时钟本身没有问题。',
  },
  'doctor.ahead': { en: 'ahead of', zh: '快' },
  'doctor.behind': { en: 'behind', zh: '慢' },
  'doctor.skewNtp': {
    en: "Synchronise this machine's clock (NTP): settlement times and msgids use it.",
    zh: '请同步本机时钟（NTP）：结算时间和 msgid 都依赖它。',
  },
});

type Fail = (check: string, e: unknown) => DoctorCheck;

export async function doctorChecks(ctx: Ctx, fail: Fail): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const his = await import('../core/his/index.js');
  const { connect } = await import('../core/db/index.js');

  // Profile: present, every statement there, every bind known.
  let profile: Awaited<ReturnType<typeof his.loadProfile>> | undefined;
  const profileRef = String(ctx.get('his.profile'));
  const profilePath = his.profilePathOf(profileRef, ctx.config().baseDir);
  try {
    profile = await his.loadProfile(profilePath, { binds: ctx.hisBinds() });
    checks.push({
      check: ctx.t('doctor.profile'),
      ok: true,
      detail: `${shortPath(ctx.cwd, profilePath)} · ${ctx.t('profile.statementCount', { n: Object.keys(profile.statements).length })}`,
    });
  } catch (e) {
    checks.push(fail(ctx.t('doctor.profile'), e));
  }

  // HIS database: reachable, and each read statement of the profile runs (with no rows).
  try {
    const ref = ctx.resolveDb();
    const db = await connect(ref.url, { password: ref.password, baseDir: ref.baseDir });
    try {
      checks.push({ check: ctx.t('doctor.his'), ok: true, detail: `${ref.display} · ${db.info.label}` });
      if (profile) {
        try {
          checks.push(...(await statementChecks(ctx, his, db, profile)));
        } catch (e) {
          checks.push(fail(ctx.t('doctor.statements'), e));
        }
      }
    } finally {
      await db.close();
    }
  } catch (e) {
    checks.push(fail(ctx.t('doctor.his'), e));
  }

  // Journal: can be opened and written.
  try {
    const j = await ctx.journal();
    await j.recentRuns(1);
    checks.push({ check: ctx.t('doctor.journal'), ok: true, detail: j.db.target.display });
  } catch (e) {
    checks.push(fail(ctx.t('doctor.journal'), e));
  }
  checks.push(await centerCheck(ctx, fail));
  return checks;
}

/**
 * The profile's statements on this HIS, with the contract checks of `profile check`: reads run for
 * yesterday, writes only compiled by the database (doctor changes nothing). One row per failing
 * statement, so each error stands in its own row; a single ✓ row when all pass.
 */
async function statementChecks(
  ctx: Ctx,
  his: typeof import('../core/his/index.js'),
  db: import('../core/db/index.js').Db,
  profile: import('../core/his/index.js').Profile,
): Promise<DoctorCheck[]> {
  const date = calendarDay(new Date(ctx.now().getTime() - 86_400_000));
  const report = await his.checkProfile(db, profile, { date, writes: 'prepare', now: ctx.now() });
  const bad = report.statements.filter((s) => s.status === 'problems');
  if (bad.length === 0) {
    const unsupported = report.statements.filter((s) => s.status === 'unsupported').map((s) => s.name);
    const detail =
      ctx.t('doctor.statementsOk', { n: report.statements.length, date }) +
      (unsupported.length ? ' · ' + ctx.t('doctor.unsupported', { names: unsupported.join(', ') }) : '');
    return [{ check: ctx.t('doctor.statements'), ok: true, detail }];
  }
  return bad.map((s) => {
    const errors = s.problems.filter((p) => p.severity === 'error');
    const detail = errors
      .map(
        (p) =>
          `${p.column ? p.column + ': ' : ''}${his.problemWords(ctx.lang, p).problem}${p.values?.length ? ` (${p.values.join(', ')})` : ''}`,
      )
      .join('\n');
    return {
      check: ctx.t('doctor.statement', { name: s.name }),
      ok: false,
      detail: `${profile.file}:${s.line}: ${detail}`,
      fix: `${errors[0] ? his.problemWords(ctx.lang, errors[0]).fix : ''} ${ctx.t('doctor.statementFix')}`.trim(),
      code: 'PROFILE_PROBE',
      exit: 2,
    };
  });
}

/** The center: reachable, signs us in, and its clock agrees with ours (settlement times come from it). */
async function centerCheck(ctx: Ctx, fail: Fail): Promise<DoctorCheck> {
  const name = ctx.t('doctor.center');
  try {
    const { withCenter } = await import('../core/center/index.js');
    const settings = centerSettings(ctx);
    const journal = await ctx.journal();
    return await withCenter(settings, { journal, runId: ctx.runId }, async (center) => {
      const before = Date.now();
      const r = await center.signIn();
      const after = Date.now();
      const signTime = parseCenterTime(String(r.result.sign_time ?? ''), settings.utcOffsetMinutes);
      const skewS = signTime === undefined ? undefined : Math.round((signTime - (before + after) / 2) / 1000);
      const detail = `${settings.baseUrl} · sign_no ${r.result.sign_no} · ${r.durationMs} ms${skewS === undefined ? '' : ` · ${ctx.t('doctor.skew', { s: Math.abs(skewS) })}`}`;
      if (skewS !== undefined && Math.abs(skewS) > MAX_SKEW_S)
        return { check: name, ok: false, detail, ...skewAdvice(skewS, settings.utcOffsetMinutes, ctx.t.bind(ctx)) };
      return { check: name, ok: true, detail };
    });
  } catch (e) {
    return fail(name, e);
  }
}

/** A clock difference doctor tolerates, in seconds. */
const MAX_SKEW_S = 120;

/**
 * What to do about a skew (center minus host, seconds). A skew within MAX_SKEW_S of a whole number
 * of hours is almost always a wrong time zone, not a drifting clock: the center's clock is set by
 * center.utcOffsetMinutes, so name the value that makes it agree.
 */
export function skewAdvice(
  skewS: number,
  utcOffsetMinutes: number,
  t: (key: string, vars?: Record<string, unknown>) => string = (key, vars) => translate('en', key, vars),
): { fix: string; code: ErrorCode; exit: 2 | 5 } {
  const hours = Math.round(skewS / 3600);
  if (hours !== 0 && Math.abs(skewS - hours * 3600) <= MAX_SKEW_S) {
    const suggested = utcOffsetMinutes + hours * 60;
    return {
      code: 'CENTER_UTC_OFFSET',
      exit: 2,
      fix: t('doctor.skewOffset', {
        h: Math.abs(hours),
        dir: t(hours > 0 ? 'doctor.ahead' : 'doctor.behind'),
        offset: utcOffsetMinutes,
        suggested,
      }),
    };
  }
  return { code: 'CLOCK_SKEW', exit: 5, fix: t('doctor.skewNtp') };
}

/** "yyyy-MM-dd HH:mm:ss" in the center's clock (minutes east of UTC) → epoch ms. */
function parseCenterTime(s: string, utcOffsetMinutes: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - utcOffsetMinutes * 60_000;
}

function shortPath(cwd: string, p: string): string {
  const r = path.relative(cwd, p);
  return r && !r.startsWith('..') ? r : p;
}
