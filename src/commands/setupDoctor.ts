/**
 * The checks behind `hisops doctor`, loaded only when doctor runs (they pull in drivers).
 * Each check reports ✓ or ✗ with the fix; one failing check does not stop the others.
 */
import path from 'node:path';
import type { Ctx } from '../cli/context.js';
import type { DoctorCheck } from './setup.js';

type Fail = (check: string, e: unknown) => DoctorCheck;

export async function doctorChecks(ctx: Ctx, fail: Fail): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const his = await import('../core/his/index.js');
  const { connect } = await import('../core/db/index.js');

  // Profile: present, every statement there, every bind known.
  let profile: Awaited<ReturnType<typeof his.loadProfile>> | undefined;
  const profileRef = String(ctx.get('his.profile'));
  const profilePath = profileRef === 'builtin:reference' ? his.referenceProfilePath() : path.resolve(ctx.config().baseDir, profileRef);
  try {
    profile = await his.loadProfile(profilePath);
    checks.push({ check: ctx.t('doctor.profile'), ok: true, detail: `${path.relative(ctx.cwd, profilePath) || profilePath} · ${Object.keys(profile.statements).length} statements` });
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
          const probe = await his.probeProfile(db, profile);
          const bad = probe.filter((p) => !p.ok);
          if (bad.length === 0) checks.push({ check: ctx.t('doctor.statements'), ok: true, detail: `${probe.length} read statements run` });
          else
            checks.push({
              check: ctx.t('doctor.statements'),
              ok: false,
              detail: bad.map((b) => `${b.name}: ${b.error ?? ''}`).join('; '),
              fix: 'Edit these statements in the profile so that they run on this HIS (hisops doctor --verbose shows the SQL).',
              code: 'PROFILE_PROBE',
            });
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
  return checks;
}
