/**
 * The state of a live database as a journaled apply sees it: one digest per object
 * (fingerprint.ts `objectDigests`) and a digest of them all. Every step of an apply records the
 * state before and after it, and the digests of the objects it changes as they were before it
 * ran; so a later run can tell exactly where the database stands — after which step, in the middle
 * of which statement, or somewhere the journal never saw (a recreated or restored database).
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index.js';
import type { NameFilter } from './filter.js';
import { objectDigests } from './fingerprint.js';
import { introspect } from './introspect/index.js';
import type { SchemaModel } from './model.js';

/** Digest of a whole state: every object key with its digest, in key order. */
export function stateDigest(digests: ReadonlyMap<string, string>): string {
  const hash = crypto.createHash('sha256');
  for (const k of [...digests.keys()].sort()) hash.update(`${k} ${digests.get(k)}\n`);
  return hash.digest('hex');
}

/** The digests of some objects (null: the object does not exist). */
export type ObjectsBefore = Record<string, string | null>;

/** The live state, kept current by re-reading only what each statement touched. */
export class LiveState {
  digests: Map<string, string>;
  /** Objects a statement changed since they were last read (`allDirty`: maybe any). */
  private readonly dirty = new Set<string>();
  private allDirty = false;
  constructor(
    model: SchemaModel,
    private readonly read: { schema?: string; filter?: Partial<NameFilter> },
  ) {
    this.digests = objectDigests(model);
  }

  get state(): string {
    return stateDigest(this.digests);
  }

  subset(objects: readonly string[]): ObjectsBefore {
    return Object.fromEntries(objects.map((k) => [k, this.digests.get(k) ?? null]));
  }

  /**
   * Read the objects again from the database: the tables named (everything when `objects` is
   * unknown), plus every view, routine, sequence and other object when one of those is asked for.
   * Returns the new digests without keeping them.
   */
  async peek(db: Db, objects: readonly string[] | undefined): Promise<Map<string, string>> {
    if (!objects) return objectDigests((await introspect(db, this.read)).model);
    const tables = objects.filter((k) => k.startsWith('table:')).map((k) => k.slice('table:'.length));
    const tablesOnly = tables.length === objects.length;
    const { model } = await introspect(db, { ...this.read, tables, tablesOnly });
    const next = new Map(
      [...this.digests].filter(([k]) => (k.startsWith('table:') ? !objects.includes(k) : tablesOnly)),
    );
    for (const [k, d] of objectDigests(model)) if (!tablesOnly || k.startsWith('table:')) next.set(k, d);
    return next;
  }

  async reread(db: Db, objects: readonly string[] | undefined): Promise<void> {
    this.digests = await this.peek(db, objects);
  }

  /** A statement changed these objects (undefined: which is not known): they are read again before the next statement that changes them. */
  changed(objects: readonly string[] | undefined): void {
    if (objects) for (const o of objects) this.dirty.add(o);
    else this.allDirty = true;
  }

  /** Before a statement that changes `objects` (undefined: not known): read again what earlier statements changed. */
  async freshen(db: Db, objects: readonly string[] | undefined): Promise<void> {
    if (!objects || this.allDirty) {
      await this.reread(db, undefined);
      this.dirty.clear();
      this.allDirty = false;
    } else if (objects.some((o) => this.dirty.has(o))) {
      const stale = objects.filter((o) => this.dirty.has(o));
      await this.reread(db, stale);
      for (const o of stale) this.dirty.delete(o);
    }
  }
}
