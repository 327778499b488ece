/**
 * `schema clone --sample N`: a consistent sample of the tables too big to copy whole. Rows that
 * belong together stay together: N rows of each table that has no parent among the big tables,
 * then the children of the sampled rows (bounded: at most `childCap` rows a table), then the
 * parents of every sampled row, and their parents, until nothing is missing. Relations are the
 * foreign keys of the introspected schema and the joins the user names (`child.col=parent.col`,
 * for HIS schemas that declare none). Small tables are copied whole anyway and need no closure.
 *
 * Reads only; the rows are handed to the copy.
 */
import type { Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { nameKey, type SchemaModel, type Table } from './model.js';

export interface SampleJoin {
  child: string;
  childColumns: string[];
  parent: string;
  parentColumns: string[];
  /** 'fk' from the schema, or the join as the user wrote it. */
  source: string;
}

type Row = Record<string, unknown>;

/** `child.col=parent.col` (also `->`; several columns: `child.a+b=parent.x+y`). */
export function parseJoin(spec: string): SampleJoin {
  const m = /^\s*([^.\s=]+)\.([^=\s>-]+)\s*(?:=|->)\s*([^.\s]+)\.(\S+)\s*$/.exec(spec);
  const bad = () =>
    inputError(
      'CLONE_BAD_JOIN',
      `"${spec}" is not a join`,
      'Write child_table.column=parent_table.column, e.g. --sample-join his_settlement.ipt_otp_no=his_visit.ipt_otp_no.',
    ).zh(
      `"${spec}" 不是关联`,
      '请写成 子表.列=父表.列，例如 --sample-join his_settlement.ipt_otp_no=his_visit.ipt_otp_no。',
    );
  if (!m) throw bad();
  const childColumns = m[2]!.split('+');
  const parentColumns = m[4]!.split('+');
  if (childColumns.length !== parentColumns.length || childColumns.some((c) => !c) || parentColumns.some((c) => !c))
    throw bad();
  return { child: m[1]!, childColumns, parent: m[3]!, parentColumns, source: spec.trim() };
}

/** The relations among the big tables: foreign keys and configured joins naming existing columns. */
export function sampleRelations(model: SchemaModel, big: Set<string>, joins: SampleJoin[]): SampleJoin[] {
  const byKey = new Map(model.tables.map((t) => [nameKey(t.name), t]));
  const out: SampleJoin[] = [];
  for (const t of model.tables) {
    if (!big.has(nameKey(t.name))) continue;
    for (const fk of t.foreignKeys)
      if (big.has(nameKey(fk.refTable)) && byKey.has(nameKey(fk.refTable)))
        out.push({
          child: t.name,
          childColumns: fk.columns,
          parent: byKey.get(nameKey(fk.refTable))!.name,
          parentColumns: fk.refColumns,
          source: `fk ${fk.name}`,
        });
  }
  for (const j of joins) {
    const c = byKey.get(nameKey(j.child));
    const p = byKey.get(nameKey(j.parent));
    const has = (t: Table | undefined, cols: string[]) =>
      t && cols.every((x) => t.columns.some((y) => nameKey(y.name) === nameKey(x)));
    if (!has(c, j.childColumns) || !has(p, j.parentColumns)) {
      throw inputError(
        'CLONE_BAD_JOIN',
        `The join ${j.source} names a table or column that is not in the source`,
        'Check the table and column names (hisops schema snapshot lists them).',
        undefined,
        { join: j.source },
      ).zh(`关联 ${j.source} 中的表或列在源库中不存在`, '请核对表名和列名（hisops schema snapshot 可列出）。');
    }
    if (!big.has(nameKey(c!.name)) || !big.has(nameKey(p!.name))) continue; // a whole table needs no closure
    const col = (t: Table, x: string) => t.columns.find((y) => nameKey(y.name) === nameKey(x))!.name;
    out.push({
      child: c!.name,
      childColumns: j.childColumns.map((x) => col(c!, x)),
      parent: p!.name,
      parentColumns: j.parentColumns.map((x) => col(p!, x)),
      source: j.source,
    });
  }
  return out;
}

interface SampleResult {
  rows: Map<string, Row[]>;
  /** Per table: how its rows were chosen (roots, children of…, parents of…). */
  notes: Map<string, string[]>;
}

const CHUNK = 400;

const order = (t: Table) => t.primaryKey?.columns ?? [];
const tupleOf = (r: Row, cols: string[]) => cols.map((c) => r[c]);
const present = (v: unknown[]) => v.every((x) => x !== null && x !== undefined);
const keyOf = (v: unknown[]) => JSON.stringify(v.map((x) => (x instanceof Date ? x.toISOString() : String(x))));

/**
 * Choose the sample. `big` holds nameKeys of the tables to sample; `select(t)` gives the columns
 * to read (the copy's columns).
 */
export async function sampleTables(
  src: Db,
  model: SchemaModel,
  big: Set<string>,
  n: number,
  relations: SampleJoin[],
  select: (t: Table) => string[],
  childCap = n * 10,
): Promise<SampleResult> {
  const sampler = new Sampler(src, model, big, relations, select);
  await sampler.sampleRoots(n, childCap);
  await sampler.addMissingParents();
  return sampler.result();
}

/** The rows chosen so far, per table, and how they were chosen. */
class Sampler {
  private readonly tables: Map<string, Table>;
  private readonly rows = new Map<string, Map<string, Row>>();
  private readonly notes = new Map<string, string[]>();

  constructor(
    private readonly src: Db,
    model: SchemaModel,
    big: Set<string>,
    private readonly relations: SampleJoin[],
    private readonly select: (t: Table) => string[],
  ) {
    this.tables = new Map(model.tables.filter((t) => big.has(nameKey(t.name))).map((t) => [nameKey(t.name), t]));
  }

  result(): SampleResult {
    return { rows: new Map([...this.rows].map(([k, m]) => [k, [...m.values()]])), notes: this.notes };
  }

  /**
   * 1. roots: N rows of each big table with no parent among the big tables (every table of a
   * cycle otherwise), each followed down to its children.
   */
  async sampleRoots(n: number, childCap: number): Promise<void> {
    const hasParent = new Set(
      this.relations.filter((r) => nameKey(r.child) !== nameKey(r.parent)).map((r) => nameKey(r.child)),
    );
    const roots = [...this.tables.values()].filter((t) => !hasParent.has(nameKey(t.name)));
    for (const t of roots) await this.sampleRoot(t, n, childCap);
    for (const t of this.tables.values()) if (!this.rows.has(nameKey(t.name))) await this.sampleRoot(t, n, childCap);
  }

  /** 2. parents of every sampled row, until none is missing. */
  async addMissingParents(): Promise<void> {
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of this.tables.values()) {
        const mine = [...(this.rows.get(nameKey(t.name))?.values() ?? [])];
        for (const rel of this.parentRels(t.name)) if (await this.addParents(t, mine, rel)) changed = true;
      }
    }
  }

  /** The parents (through `rel`) of the rows `mine` of `t` that are not sampled yet; whether there were any. */
  private async addParents(t: Table, mine: Row[], rel: SampleJoin): Promise<boolean> {
    const p = this.tables.get(nameKey(rel.parent))!;
    const have = new Set(
      [...(this.rows.get(nameKey(p.name))?.values() ?? [])].map((r) => keyOf(tupleOf(r, rel.parentColumns))),
    );
    const missing = mine.map((r) => tupleOf(r, rel.childColumns)).filter((v) => present(v) && !have.has(keyOf(v)));
    if (!missing.length) return false;
    const got = this.add(p, await this.fetch(p, rel.parentColumns, missing, Infinity));
    if (!got.length) return false;
    this.note(p.name, `parents of ${t.name} (${rel.source})`);
    return true;
  }

  private async sampleRoot(t: Table, n: number, childCap: number): Promise<void> {
    let q = this.src.knex(t.name).select(this.select(t)).limit(n);
    if (order(t).length) q = q.orderBy(order(t));
    if (this.src.dialect === 'mysql')
      q = q.options({ dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    const got = this.add(t, (await q) as Row[]);
    this.note(t.name, `first ${n} rows`);
    await this.down(t, got, childCap);
  }

  /** The children of the `fresh` rows of `t`, at most `childCap` a table, and theirs in turn. */
  private async down(t: Table, fresh: Row[], childCap: number): Promise<void> {
    for (const rel of this.childRels(t.name)) {
      const c = this.tables.get(nameKey(rel.child))!;
      const room = childCap - (this.rows.get(nameKey(c.name))?.size ?? 0);
      if (room <= 0 || !fresh.length) continue;
      const got = this.add(
        c,
        await this.fetch(
          c,
          rel.childColumns,
          fresh.map((r) => tupleOf(r, rel.parentColumns)),
          room,
        ),
      );
      this.note(c.name, `children of ${t.name} (${rel.source})`);
      await this.down(c, got, childCap);
    }
  }

  private childRels(parent: string): SampleJoin[] {
    return this.relations.filter((r) => nameKey(r.parent) === nameKey(parent) && nameKey(r.child) !== nameKey(parent));
  }

  private parentRels(child: string): SampleJoin[] {
    return this.relations.filter((r) => nameKey(r.child) === nameKey(child));
  }

  private note(t: string, s: string): void {
    const l = this.notes.get(nameKey(t)) ?? [];
    if (!l.includes(s)) l.push(s);
    this.notes.set(nameKey(t), l);
  }

  private rowKey(t: Table, r: Row): string {
    return JSON.stringify((t.primaryKey?.columns ?? this.select(t)).map((c) => String(r[c] ?? '\u0000')));
  }

  /** Keep the rows not sampled yet; returns them. */
  private add(t: Table, list: Row[]): Row[] {
    let m = this.rows.get(nameKey(t.name));
    if (!m) this.rows.set(nameKey(t.name), (m = new Map()));
    const fresh: Row[] = [];
    for (const r of list) {
      const k = this.rowKey(t, r);
      if (!m.has(k)) {
        m.set(k, r);
        fresh.push(r);
      }
    }
    return fresh;
  }

  /** Rows of t whose cols match one of the tuples, at most `limit` (Infinity: all). */
  private async fetch(t: Table, cols: string[], tuples: unknown[][], limit: number): Promise<Row[]> {
    const out: Row[] = [];
    const seen = new Set<string>();
    const uniq = tuples.filter((v) => present(v) && !seen.has(keyOf(v)) && seen.add(keyOf(v)));
    for (let i = 0; i < uniq.length && out.length < limit; i += CHUNK) {
      const part = uniq.slice(i, i + CHUNK);
      let q = this.src.knex(t.name).select(this.select(t));
      q =
        cols.length === 1
          ? q.whereIn(cols[0]!, part.map((v) => v[0]) as never[])
          : q.whereIn(cols as never, part as never);
      if (order(t).length) q = q.orderBy(order(t));
      if (Number.isFinite(limit)) q = q.limit(limit - out.length);
      if (this.src.dialect === 'mysql')
        q = q.options({ dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
      out.push(...((await q) as Row[]));
    }
    return out;
  }
}
