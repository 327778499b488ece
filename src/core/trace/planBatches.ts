/**
 * Due records → center requests. Records of a kind go together into the batch variant of their
 * transaction (3505A selinfoDetail, 3502A/3501A invinfoDetail; returns one by one as 3506, or as
 * 3506A when trace.returnBatch is on; stock ones by one as 3501/3502 when trace.stockBatch is off),
 * `batchSize` at a time.
 *
 * Requests are sent in waves: two records that carry the same code never travel in the same wave,
 * and the earlier one goes first (a stock-in before the sale, a sale before its return, a return
 * before the code is sold again), so the center sees every code's movements in the order they
 * happened even though the requests of a wave run in parallel. Pure.
 */
import { digestOf, NODE } from './buildItem.js';
import { compareRecords } from './groupRows.js';
import { KIND_INFNO, type CheckedRecord } from './types.js';

export interface PlannedBatch {
  /** The transaction sent: 3505A, 3505, 3506, 3502A … */
  infno: string;
  node: string;
  records: CheckedRecord[];
  input: Record<string, unknown>;
  /** Codes carried (drugtracinfo entries over all records). */
  codes: number;
  /** requestDigest(infno, wire input) — what the center client writes into hisops_center_calls before sending. */
  request_digest: string;
  /** Its records are written `sending` in the journal already (an upload writes a step's requests together). */
  written?: boolean;
}

/** One request for these records (all of one transaction). */
export function makeBatch(records: readonly CheckedRecord[], useBatchVariant: boolean): PlannedBatch {
  const base = KIND_INFNO[records[0]!.record.kind];
  const nodes = NODE[base];
  const batch = useBatchVariant && nodes.batch !== null;
  const infno = batch ? `${base}A` : base;
  const node = batch ? nodes.batch! : nodes.single;
  const items = records.map((r) => r.item!);
  const input = { [node]: batch ? items : items[0]! };
  return {
    infno,
    node,
    records: [...records],
    input,
    codes: records.reduce((n, r) => n + r.codes.length, 0),
    // The items are already in wire form, so this is the digest the client computes over toWireInput(input).
    request_digest: digestOf(infno, node, batch ? items : items[0]!),
  };
}

/** Which transactions go in batches: the A variants of 3501/3502 unless stockBatch is off, 3506A only when returnBatch is on. */
export interface BatchVariants {
  stockBatch?: boolean;
  returnBatch?: boolean;
}

function batched(base: string, v: BatchVariants): boolean {
  if (NODE[base as keyof typeof NODE].batch === null) return false;
  if (base === '3506') return v.returnBatch === true;
  if (base === '3501' || base === '3502') return v.stockBatch !== false;
  return true;
}

/** Waves of requests; every request of a wave may run at the same time as the others. */
export function planWaves(
  due: readonly CheckedRecord[],
  batchSize: number,
  variants: BatchVariants = {},
): PlannedBatch[][] {
  const sorted = [...due].filter((r) => r.item).sort((a, b) => compareRecords(a.record, b.record));
  const lastWave = new Map<string, number>();
  const waves: CheckedRecord[][] = [];
  for (const r of sorted) {
    let w = 0;
    for (const c of r.codes) {
      const prev = lastWave.get(c);
      if (prev !== undefined && prev + 1 > w) w = prev + 1;
    }
    for (const c of r.codes) lastWave.set(c, w);
    (waves[w] ??= []).push(r);
  }
  return waves.map((records) => {
    const byInfno = new Map<string, CheckedRecord[]>();
    for (const r of records) {
      const base = KIND_INFNO[r.record.kind];
      const list = byInfno.get(base) ?? [];
      list.push(r);
      byInfno.set(base, list);
    }
    const out: PlannedBatch[] = [];
    for (const [base, list] of byInfno) {
      const canBatch = batchSize > 1 && batched(base, variants);
      const size = canBatch ? batchSize : 1;
      for (let i = 0; i < list.length; i += size) out.push(makeBatch(list.slice(i, i + size), canBatch));
    }
    return out;
  });
}
