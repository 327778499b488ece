/**
 * The keys (med_list_codg + begndate) and fingerprints a catalog table holds, read a page at a
 * time: what an import compares each row with, and what a full catalog ends when a file does
 * not mention it.
 */
import type { Knex } from '../../db/index.js';
import { EXISTED, KeyTable } from '../keyTable.js';

/**
 * Every stored key of a table, read a page at a time in code order. Pages are cut on the leading
 * key column only (a plain index range on every dialect): a page's last code is read again in full
 * by the next page, so no code is split between two pages.
 */
export async function scanKeys(
  knex: Knex,
  table: string,
  each: (code: string, begndate: string, fp: string | null) => void | Promise<void>,
): Promise<void> {
  const page = 20000;
  let after: string | undefined;
  for (;;) {
    const qb = knex(table).select(['med_list_codg', 'begndate', 'row_fp']).orderBy('med_list_codg').limit(page);
    if (after !== undefined) qb.where('med_list_codg', '>', after);
    const rows = (await qb) as Array<{ med_list_codg: string; begndate: string; row_fp: string | null }>;
    let upto = rows.length;
    if (rows.length === page) {
      const lastCode = rows[rows.length - 1]!.med_list_codg;
      while (upto > 0 && rows[upto - 1]!.med_list_codg === lastCode) upto--;
      if (upto === 0) upto = rows.length; // one code filling a page: take it whole (cannot happen with real periods)
    }
    for (let i = 0; i < upto; i++) {
      const r = rows[i]!;
      await each(r.med_list_codg, r.begndate, r.row_fp);
    }
    if (rows.length < page) break;
    after = rows[upto - 1]!.med_list_codg;
  }
}

/** The stored keys and fingerprints of a catalog table. */
export async function loadKeys(knex: Knex, table: string): Promise<KeyTable> {
  const [{ n }] = (await knex(table).count({ n: '*' })) as [{ n: number | string }];
  const t = new KeyTable(Number(n) + 1024);
  await scanKeys(knex, table, (code, begndate, fp) => {
    const i = t.slot(code, begndate);
    t.setFp(i, fp ? parseInt(fp, 36) : 0);
    t.setFlag(i, EXISTED);
  });
  return t;
}
