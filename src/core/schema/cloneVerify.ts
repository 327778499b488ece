/**
 * After a masked clone: read every text column of the copy and look for any original value of a
 * masked column — the whole value, every word of free text (JSON, XML, notes), and every ID- or
 * mobile-length window of a longer run of digits (a person number that embeds an ID number).
 * The originals are 53-bit hashes in memory (maskSet.ts); the copy is read row by row, never
 * held. Findings name the table, the column and how many values — never a value.
 */
import { queryEach, type Db } from '../db/index.js';
import { MASK_KINDS, type MaskKind } from './mask.js';
import { TOKEN_SPLIT } from './masker.js';
import type { ValueSet } from './maskSet.js';
import { isTextColumn } from './maskChoice.js';
import type { SchemaModel } from './model.js';

export interface LeakFinding {
  table: string;
  column: string;
  /** Values of this column that contain an original value. */
  values: number;
  /** The kinds of the originals found (name, idcard, …). */
  kinds: MaskKind[];
}

export interface VerifyResult {
  tables: number;
  columns: number;
  values: number;
  originals: number;
  findings: LeakFinding[];
}

const SPLITTER = new RegExp(TOKEN_SPLIT.source);
const DIGIT_RUN = /[0-9]{11,}[Xx]?/g;

/** The kind code of the first original found in a value, or 0. */
export function findOriginal(v: string, originals: ValueSet): number {
  const t = v.trim();
  if (t.length < 2) return 0;
  let k = originals.kindOf(t);
  if (k) return k;
  if (t.length > 3 && SPLITTER.test(t)) {
    for (const w of t.split(TOKEN_SPLIT)) if (w && w !== t && (k = originals.kindOf(w))) return k;
  }
  // digits inside longer runs: an ID number inside a person number (18-character windows), a
  // mobile behind a country code (11 of 12–13 digits). Shorter windows of long runs would match
  // some original by chance too often to mean anything.
  if (t.length > 11) {
    for (const m of t.matchAll(DIGIT_RUN)) {
      const run = m[0];
      const lens = run.length > 18 ? [18] : run.length <= 13 ? [11] : [];
      for (const len of lens)
        for (let i = 0; i + len <= run.length; i++)
          if (len !== t.length && (k = originals.kindOf(run.slice(i, i + len)))) return k;
    }
  }
  return 0;
}

export async function verifyNoOriginals(
  dest: Db,
  model: SchemaModel,
  originals: ValueSet,
  skip: (table: string) => boolean = () => false,
): Promise<VerifyResult> {
  const res: VerifyResult = { tables: 0, columns: 0, values: 0, originals: originals.size, findings: [] };
  for (const t of model.tables) {
    if (skip(t.name)) continue;
    const cols = t.columns.filter((c) => isTextColumn(c) && !c.generated).map((c) => c.name);
    if (!cols.length) continue;
    res.tables++;
    res.columns += cols.length;
    const hits = cols.map(() => ({ n: 0, kinds: new Set<number>() }));
    const sql = dest.knex(t.name).select(cols).toString();
    await queryEach(dest, sql, [], (row) => {
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (v === null || v === undefined) continue;
        res.values++;
        const k = findOriginal(Buffer.isBuffer(v) ? v.toString('utf8') : String(v), originals);
        if (k) {
          hits[i]!.n++;
          hits[i]!.kinds.add(k);
        }
      }
    });
    cols.forEach((c, i) => {
      if (hits[i]!.n)
        res.findings.push({
          table: t.name,
          column: c,
          values: hits[i]!.n,
          kinds: [...hits[i]!.kinds].sort().map((k) => MASK_KINDS[k - 1]!),
        });
    });
  }
  return res;
}
