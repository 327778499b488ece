/**
 * The institution's known groups in the journal (hisops_reconcile_known_groups): recorded at the
 * end of each reconciliation from what it saw, read at the start of the next, and gathered from
 * hisops's own settlement calls. See RECONCILE_KNOWN_GROUPS_TABLE.
 */
import type { Journal, JournalTable } from '../journal/index.js';
import type { GroupSpec } from './rules.js';

/**
 * Every group (insutype × clr_type × setl_optins) the institution is known to use: seen in the
 * HIS's rows of a reconciliation, in the center's answers (3202 findings, 5203), or in the answer
 * to one of hisops's own settlement or cancellation calls. Reconciliation asks the center about
 * each of them every day, so that a settlement the center holds in a group the HIS has no row in
 * that day (a cancellation made at another terminal) is never missed. One row per group; the
 * days are the settlement days it was seen on.
 */
export const RECONCILE_KNOWN_GROUPS_TABLE: JournalTable = {
  name: 'hisops_reconcile_known_groups',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('insutype', 6).notNullable();
    t.string('clr_type', 6).notNullable();
    t.string('setl_optins', 6).notNullable();
    t.string('first_seen', 10).notNullable();
    t.string('last_seen', 10).notNullable();
    /** Where it was first seen: his · center · call. */
    t.string('source', 10).notNullable();
    /** Where it was last seen. */
    t.string('last_source', 10).notNullable();
    t.string('updated_at', 30).notNullable();
    t.primary(['fixmedins_code', 'insutype', 'clr_type', 'setl_optins']);
    t.index(['fixmedins_code', 'last_seen'], 'hisops_reconcile_known_groups_seen');
  },
};

/** his: the HIS's rows of a reconciliation · center: the center's answers · call: hisops's own settlement calls. */
export type GroupSource = 'his' | 'center' | 'call';

export interface GroupSighting extends GroupSpec {
  /** The settlement day it was seen on (yyyy-MM-dd). */
  day: string;
  source: GroupSource;
}

export interface KnownGroup extends GroupSpec {
  first_seen: string;
  last_seen: string;
  source: GroupSource;
  last_source: GroupSource;
}

const CODE = /^[0-9A-Za-z]{1,6}$/;
const AGENCY = /^\d{6}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A sighting worth keeping: codes that are codes, a 6-digit agency, a day. */
function saneSighting(g: { insutype?: unknown; clr_type?: unknown; setl_optins?: unknown; day?: unknown }): boolean {
  return (
    typeof g.insutype === 'string' &&
    CODE.test(g.insutype) &&
    typeof g.clr_type === 'string' &&
    CODE.test(g.clr_type) &&
    typeof g.setl_optins === 'string' &&
    AGENCY.test(g.setl_optins) &&
    typeof g.day === 'string' &&
    DAY.test(g.day)
  );
}

/** The groups of an institution seen on or after `since` (yyyy-MM-dd), sorted. */
export async function knownGroups(
  j: Pick<Journal, 'ensure' | 'knex'>,
  o: { fixmedins_code: string; since: string },
): Promise<KnownGroup[]> {
  await j.ensure(RECONCILE_KNOWN_GROUPS_TABLE);
  const rows = (await j
    .knex(RECONCILE_KNOWN_GROUPS_TABLE.name)
    .select('insutype', 'clr_type', 'setl_optins', 'first_seen', 'last_seen', 'source', 'last_source')
    .where({ fixmedins_code: o.fixmedins_code })
    .where('last_seen', '>=', o.since)
    .orderBy(['insutype', 'clr_type', 'setl_optins'])) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    insutype: String(r.insutype),
    clr_type: String(r.clr_type),
    setl_optins: String(r.setl_optins),
    first_seen: String(r.first_seen),
    last_seen: String(r.last_seen),
    source: String(r.source) as GroupSource,
    last_source: String(r.last_source) as GroupSource,
  }));
}

/**
 * Record sightings: a new group is inserted, a known one has its first/last day widened. A run
 * sees a few dozen groups; the table holds one row per group, so this reads the institution's
 * rows once and writes only what changed.
 */
export async function recordKnownGroups(
  j: Pick<Journal, 'ensure' | 'knex'>,
  fixmedins_code: string,
  sightings: readonly GroupSighting[],
  now: Date,
): Promise<number> {
  const merged = new Map<
    string,
    { g: GroupSpec; first: string; last: string; source: GroupSource; last_source: GroupSource }
  >();
  for (const s of sightings) {
    if (!saneSighting(s)) continue;
    const k = `${s.insutype}|${s.clr_type}|${s.setl_optins}`;
    const m = merged.get(k);
    if (!m)
      merged.set(k, {
        g: { insutype: s.insutype, clr_type: s.clr_type, setl_optins: s.setl_optins },
        first: s.day,
        last: s.day,
        source: s.source,
        last_source: s.source,
      });
    else {
      if (s.day < m.first) (m.first = s.day), (m.source = s.source);
      if (s.day >= m.last) (m.last = s.day), (m.last_source = s.source);
    }
  }
  if (merged.size === 0) return 0;
  await j.ensure(RECONCILE_KNOWN_GROUPS_TABLE);
  const at = now.toISOString();
  let changed = 0;
  await j.knex.transaction(async (trx) => {
    const have = new Map<string, { first_seen: string; last_seen: string }>();
    const rows = (await trx(RECONCILE_KNOWN_GROUPS_TABLE.name)
      .select('insutype', 'clr_type', 'setl_optins', 'first_seen', 'last_seen')
      .where({ fixmedins_code })) as Array<Record<string, unknown>>;
    for (const r of rows)
      have.set(`${String(r.insutype)}|${String(r.clr_type)}|${String(r.setl_optins)}`, {
        first_seen: String(r.first_seen),
        last_seen: String(r.last_seen),
      });
    for (const [k, m] of merged) {
      const h = have.get(k);
      const where = { fixmedins_code, ...m.g };
      if (!h) {
        await trx(RECONCILE_KNOWN_GROUPS_TABLE.name).insert({
          ...where,
          first_seen: m.first,
          last_seen: m.last,
          source: m.source,
          last_source: m.last_source,
          updated_at: at,
        });
        changed++;
        continue;
      }
      const patch: Record<string, string> = {};
      if (m.first < h.first_seen) Object.assign(patch, { first_seen: m.first, source: m.source });
      if (m.last > h.last_seen) Object.assign(patch, { last_seen: m.last, last_source: m.last_source });
      if (Object.keys(patch).length === 0) continue;
      await trx(RECONCILE_KNOWN_GROUPS_TABLE.name)
        .where(where)
        .update({ ...patch, updated_at: at });
      changed++;
    }
  });
  return changed;
}

/** Settlement and cancellation calls whose answer names the settlement's group. */
const SETTLEMENT_CALLS = ['2207', '2304', '2208', '2305'];

/**
 * The groups named by the answers (output.setlinfo: insutype, clr_type, clr_optins) of hisops's
 * own settlement and cancellation calls (hisops_center_calls) made on or after `since`, so that a
 * group used only through hisops counts. A reduced answer without the group (some 2208/2305
 * variants) names none. Nothing is created when the table is not there.
 */
export async function groupsOfCalls(
  j: Pick<Journal, 'knex'>,
  o: { fixmedins_code: string; since: string },
): Promise<GroupSighting[]> {
  if (!(await j.knex.schema.hasTable('hisops_center_calls'))) return [];
  const rows = (await j
    .knex('hisops_center_calls')
    .select('output', 'created_at')
    .where({ fixmedins_code: o.fixmedins_code, status: 'ok' })
    .whereIn('infno', SETTLEMENT_CALLS)
    .where('created_at', '>=', o.since)
    .whereNotNull('output')) as Array<{ output: unknown; created_at: unknown }>;
  const out: GroupSighting[] = [];
  for (const r of rows) {
    const info = setlinfoOf(r.output);
    if (!info) continue;
    const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
    const time = str(info.setl_time);
    const g: GroupSighting = {
      insutype: str(info.insutype),
      clr_type: str(info.clr_type),
      setl_optins: str(info.clr_optins) || str(info.setl_optins),
      day: DAY.test(time.slice(0, 10)) ? time.slice(0, 10) : String(r.created_at).slice(0, 10),
      source: 'call',
    };
    if (saneSighting(g)) out.push(g);
  }
  return out;
}

function setlinfoOf(output: unknown): Record<string, unknown> | null {
  if (typeof output !== 'string' || output === '') return null;
  try {
    const o = JSON.parse(output) as Record<string, unknown> | null;
    const s = o && typeof o === 'object' ? (o.setlinfo ?? null) : null;
    return s && typeof s === 'object' && !Array.isArray(s) ? (s as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
