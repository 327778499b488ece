/**
 * --include / --exclude name patterns (`*` and `?`, case-insensitive) for tables, views, routines
 * and sequences. hisops's own tables (`hisops_*`) are always left out: a journal kept inside the
 * HIS database must not show up as a difference.
 */
import type { SchemaModel } from './model.js';

/**
 * Bookkeeping tables of migration tools are left out for the same reason: a database upgraded with
 * Flyway or Liquibase has them, the DDL files it was built from do not create them.
 */
export const ALWAYS_EXCLUDED = ['hisops_*', 'flyway_schema_history', 'databasechangelog', 'databasechangeloglock'];

export interface NameFilter {
  include: string[];
  exclude: string[];
}

function globToRegExp(glob: string): RegExp {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i');
}

/** Split comma-separated pattern lists as given on the command line. */
export function splitPatterns(values: string | string[] | undefined): string[] {
  const list = Array.isArray(values) ? values : values ? [values] : [];
  return list
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

export function makeMatcher(filter: Partial<NameFilter> = {}): (name: string) => boolean {
  const inc = (filter.include ?? []).map(globToRegExp);
  const exc = [...ALWAYS_EXCLUDED, ...(filter.exclude ?? [])].map(globToRegExp);
  return (name) => (inc.length === 0 || inc.some((r) => r.test(name))) && !exc.some((r) => r.test(name));
}

/** Keep the objects the filter selects; triggers follow their table. */
export function filterModel<T extends SchemaModel>(model: T, filter: Partial<NameFilter> = {}): T {
  const ok = makeMatcher(filter);
  // A list the filter leaves whole is kept as is (not copied): a snapshot file's known fingerprint still applies (fingerprint.ts).
  const same = <T>(all: T[], kept: T[]) => (kept.length === all.length ? all : kept);
  const tables = same(
    model.tables,
    model.tables.filter((t) => ok(t.name)),
  );
  const kept = new Set(tables.map((t) => t.name.toLowerCase()));
  return {
    ...model,
    tables,
    views: same(
      model.views,
      model.views.filter((v) => ok(v.name)),
    ),
    sequences: same(
      model.sequences,
      model.sequences.filter((s) => ok(s.name)),
    ),
    routines: same(
      model.routines,
      model.routines.filter((r) =>
        r.kind === 'trigger' && r.table ? kept.has(r.table.toLowerCase()) && ok(r.name) : ok(r.name),
      ),
    ),
    others: same(
      model.others,
      model.others.filter((o) => ok(o.name)),
    ),
  };
}
