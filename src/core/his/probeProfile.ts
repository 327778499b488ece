/**
 * `hisops doctor`'s check of a profile against a live HIS: every read statement runs wrapped so
 * that it returns no rows (the dialect's limitZero), and where the driver can say which columns
 * came back, the canonical columns the jobs need must be among them.
 */
import type { Db } from '../db/index.js';
import { isHisopsError } from '../errors.js';
import { COLUMN_READERS } from './dialectResults.js';
import type { Profile } from './parseProfile.js';
import { bindValue, statementError, variantFor } from './runStatement.js';
import { STATEMENTS, type BindType } from './statements.js';

export interface ProbeResult {
  name: string;
  ok: boolean;
  /** What went wrong, with the fix (when not ok). */
  error?: string;
  /** Columns the statement returns (lower-case), when the driver can tell. */
  columns?: string[];
  /** Canonical columns the statement should return but does not. */
  missing?: string[];
  sql?: string;
  /** The profile marks the statement unsupported: why (not a failure). */
  unsupported?: string;
}

/** A harmless value of each bind type, so the probe can run statements with binds. */
const PROBE_VALUES: Record<BindType, string> = {
  text: '-',
  datetime: '2000-01-01 00:00:00',
  date: '2000-01-01',
  money: '0.00',
  decimal: '0',
};

export async function probeProfile(db: Db, profile: Profile): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  for (const [name, spec] of Object.entries(STATEMENTS)) {
    if (spec.kind !== 'read') continue;
    const st = profile.statements[name];
    // An optional statement the profile leaves out is not a problem: the job that needs it says so.
    if (!st && spec.optional) continue;
    if (st?.unsupported !== undefined) {
      out.push({ name, ok: true, unsupported: st.unsupported });
      continue;
    }
    let sql: string | undefined;
    try {
      const { variant } = variantFor(profile, name, db);
      sql = db.info.limitZero(variant.positional.sql);
      const values = variant.positional.order.map((b) =>
        bindValue(spec.binds[b]?.type, PROBE_VALUES[spec.binds[b]?.type ?? 'text']),
      );
      let raw: unknown;
      try {
        raw = await db.knex.raw(sql, values);
      } catch (e) {
        throw statementError(e, db, profile, name, variant.line);
      }
      const columns = (await COLUMN_READERS[db.dialect](db, sql, values, raw))?.map((c) => c.toLowerCase());
      const missing = columns ? (spec.columns ?? []).filter((c) => !columns.includes(c)) : undefined;
      if (missing && missing.length) {
        out.push({
          name,
          ok: false,
          columns,
          missing,
          sql,
          error: `${profile.file}:${variant.line}: returns no column ${missing.join(', ')} (alias your HIS's field AS the canonical name, or select NULL AS it when the HIS has none)`,
        });
      } else out.push({ name, ok: true, columns, missing: missing ?? undefined, sql });
    } catch (e) {
      const msg = isHisopsError(e) ? [e.summary, e.why].filter(Boolean).join(': ') : String((e as Error).message ?? e);
      out.push({ name, ok: false, error: msg, sql });
    }
  }
  return out;
}
