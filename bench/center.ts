/**
 * The center sandbox under load, and the client's cost per call.
 *
 *   1. Sandbox throughput for 2207 (settlement) and 3505 (sale with a trace code) with 1, 8 and 32
 *      concurrent clients posting raw envelopes with fetch: requests/s, p50 and p99 latency.
 *   2. The client's overhead per call against a bare fetch of the same envelope (target ≤ 1.3×),
 *      for a query (1101, no journal) and for a journaled settlement (2207, SQLite journal).
 *   3. Optional soak: HISOPS_BENCH_SOAK_SECONDS=60 runs 32 clients for that long and checks that
 *      every answer succeeded and the ledger holds exactly the successful writes.
 *
 * Each cell is measured in several rounds on a fresh ledger file; the table shows medians.
 *
 *   node dist-bench/bench/center.js        (or through `npm run bench center`)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildMsgid,
  buildRequestEnvelope,
  openCenter,
  type CenterConfig,
  type EnvelopeCommon,
} from '../src/core/center/index.js';
import {
  openLedger,
  sandboxRoster,
  startSandbox,
  type Person,
  type Sandbox,
} from '../src/core/center/sandbox/index.js';
import { openJournal } from '../src/core/journal/index.js';
import { median, percentile, printTable } from './_util.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CELL_MS = Number(process.env.BENCH_CELL_MS ?? 2000);
const WARM_MS = 300;
const CODE = 'H43010000001';
const COMMON: EnvelopeCommon = {
  fixmedins_code: CODE,
  fixmedins_name: '基准医院',
  mdtrtarea_admvs: '430100',
  insuplc_admdvs: '430100',
  recer_sys_code: 'YBXT',
  infver: 'V1.0',
  opter: 'bench',
  opter_name: 'bench',
  opter_type: '1',
};

/** msgids unique within this process: the second's stamp plus a per-second counter. */
let stampNow = '';
let seq = 0;
function msgid(now: Date): string {
  const s = now.toISOString().slice(0, 19);
  if (s !== stampNow) {
    stampNow = s;
    seq = 0;
  }
  if (seq >= 10_000) throw new Error('more than 10 000 requests in one second: raise the msgid space');
  return buildMsgid(CODE, now, seq++);
}

function envelope(infno: string, input: Record<string, unknown>, sign_no: string): string {
  const now = new Date();
  return JSON.stringify(buildRequestEnvelope(COMMON, { infno, msgid: msgid(now), input, now, sign_no }));
}

let serial = 0;
function settleInput(p: Person): Record<string, unknown> {
  const n = ++serial;
  return {
    data: {
      psn_no: p.psn_no,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      med_type: '11',
      medfee_sumamt: 186.4,
      psn_setlway: '01',
      mdtrt_id: `BM${n}`,
      chrg_bchno: 'B1',
      insutype: p.insutype,
      acct_used_flag: '1',
      fulamt_ownpay_amt: 12,
      overlmt_selfpay: 0,
      preselfpay_amt: 6.4,
      inscp_scp_amt: 168,
    },
  };
}

function saleInput(): Record<string, unknown> {
  const n = ++serial;
  return {
    selinfo: {
      med_list_codg: 'XA01ABA0001',
      fixmedins_hilist_id: 'D1',
      fixmedins_hilist_name: '阿莫西林胶囊',
      fixmedins_bchno: 'B1',
      prsc_dr_name: '李医生',
      phar_name: '王药师',
      phar_prac_cert_no: 'P1',
      hi_feesetl_type: '1',
      mdtrt_sn: `BM${n}`,
      psn_cert_type: '01',
      manu_lotnum: 'L1',
      manu_date: '2025-01-01',
      expy_end: '2027-01-01',
      rx_flag: '1',
      trdn_flag: '0',
      rx_circ_flag: '0',
      rtal_docno: `R${n}`,
      sel_retn_cnt: 1,
      sel_retn_time: '2026-01-10 10:00:00',
      sel_retn_opter_name: '王药师',
      drugtracinfo: [{ drug_trac_codg: `8${String(n).padStart(19, '0')}` }],
    },
  };
}

async function post(url: string, body: string): Promise<Record<string, unknown>> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body });
  return (await r.json()) as Record<string, unknown>;
}

function ok(infno: string, a: Record<string, unknown>): boolean {
  if (a.infcode !== 0) return false;
  if (infno === '3505') return (a.output as { result?: { retRslt?: string } }).result?.retRslt === '1';
  return true;
}

interface Cell {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function withSandbox<T>(fn: (sb: Sandbox, sign_no: string, dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-center-'));
  const sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db') });
  try {
    const a = await post(sb.url, envelope('9001', { signIn: { opter_no: 'bench', ip: '127.0.0.1' } }, ''));
    const sign_no = (a.output as { signinoutb: { sign_no: string } }).signinoutb.sign_no;
    return await fn(sb, sign_no, dir);
  } finally {
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `clients` loops posting `infno` for `ms` (after a warm-up); latencies of the measured part. */
async function load(
  sb: Sandbox,
  sign_no: string,
  infno: string,
  clients: number,
  ms: number,
  roster: Person[],
): Promise<Cell> {
  const lat: number[] = [];
  let errors = 0;
  let counted = 0;
  const warmUntil = Date.now() + WARM_MS;
  const until = warmUntil + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const p = roster[c % roster.length]!;
      while (Date.now() < until) {
        const body = envelope(infno, infno === '2207' ? settleInput(p) : saleInput(), sign_no);
        const t0 = performance.now();
        const a = await post(sb.url, body);
        const t = performance.now() - t0;
        if (Date.now() < warmUntil) continue;
        counted++;
        lat.push(t);
        if (!ok(infno, a)) errors++;
      }
    }),
  );
  return { rps: counted / (ms / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99), errors };
}

async function throughput(): Promise<void> {
  const roster = sandboxRoster(32);
  const rows: (string | number)[][] = [];
  for (const infno of ['2207', '3505']) {
    for (const clients of [1, 8, 32]) {
      const cells: Cell[] = [];
      for (let r = 0; r < ROUNDS; r++)
        cells.push(await withSandbox((sb, sign_no) => load(sb, sign_no, infno, clients, CELL_MS, roster)));
      rows.push([
        infno,
        clients,
        median(cells.map((c) => c.rps)).toFixed(0),
        median(cells.map((c) => c.p50)).toFixed(2),
        median(cells.map((c) => c.p99)).toFixed(2),
        cells.reduce((a, c) => a + c.errors, 0),
      ]);
    }
  }
  console.log(
    `sandbox throughput (raw fetch, keep-alive, SQLite WAL file; median of ${ROUNDS} rounds × ${CELL_MS} ms)`,
  );
  printTable(['infno', 'clients', 'requests/s', 'p50 ms', 'p99 ms', 'errors'], rows);
}

function clientConfig(url: string): CenterConfig {
  return { ...COMMON, baseUrl: url, setl_optins: '430100', timeouts: { defaultMs: 10_000 } };
}

/** Mean ms per call of `fn`, sequentially, `n` calls. */
async function perCall(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

async function overhead(): Promise<void> {
  const N = Number(process.env.BENCH_CALLS ?? 400);
  const roster = sandboxRoster(4);
  const p = roster.find((x) => x.insutype === '310')!;
  const q1101 = { data: { mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, psn_cert_type: '01' } };
  const rows: (string | number)[][] = [];
  await withSandbox(async (sb, sign_no, dir) => {
    const bare = openCenter(clientConfig(sb.url), { allowUnjournaled: true });
    const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    const journaled = openCenter(clientConfig(sb.url), { journal });
    try {
      // Warm both paths (sign-in, connections, JIT).
      await perCall(50, () => post(sb.url, envelope('1101', q1101, sign_no)));
      await perCall(50, () => bare.personInfo(q1101.data));
      await perCall(20, () => journaled.outpatientSettle(settleInput(p).data as never));
      const fetch1101: number[] = [];
      const client1101: number[] = [];
      const fetch2207: number[] = [];
      const client2207: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        fetch1101.push(await perCall(N, () => post(sb.url, envelope('1101', q1101, sign_no))));
        client1101.push(await perCall(N, () => bare.personInfo(q1101.data)));
        fetch2207.push(await perCall(N / 2, () => post(sb.url, envelope('2207', settleInput(p), sign_no))));
        client2207.push(await perCall(N / 2, () => journaled.outpatientSettle(settleInput(p).data as never)));
      }
      const f1 = median(fetch1101);
      const c1 = median(client1101);
      const f2 = median(fetch2207);
      const c2 = median(client2207);
      rows.push(['1101 query', f1.toFixed(3), c1.toFixed(3), (c1 / f1).toFixed(2)]);
      rows.push(['2207 settle + journal', f2.toFixed(3), c2.toFixed(3), (c2 / f2).toFixed(2)]);
      console.log(`\nclient overhead per call (sequential, median of ${ROUNDS} rounds × ${N} calls)`);
      printTable(['call', 'bare fetch ms', 'client ms', '× bare'], rows);
      console.log(
        `target: client ≤ 1.30× bare fetch for a query → ${c1 / f1 <= 1.3 ? 'met' : 'NOT met'} (the journaled settlement adds two SQLite writes by design)`,
      );
    } finally {
      await bare.close();
      await journaled.close();
      await journal.db.close();
    }
  });
}

/** 32 clients for `seconds`: every answer succeeds and the ledger holds exactly the successful writes. */
export async function soak(seconds: number, clients = 32): Promise<void> {
  const roster = sandboxRoster(clients);
  await withSandbox(async (sb, sign_no) => {
    const settled = new Set<string>();
    let sold = 0;
    let errors = 0;
    const lat: number[] = [];
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      roster.map(async (p, c) => {
        for (let i = 0; Date.now() < until; i++) {
          const infno = (i + c) % 2 === 0 ? '2207' : '3505';
          const t0 = performance.now();
          try {
            const a = await post(sb.url, envelope(infno, infno === '2207' ? settleInput(p) : saleInput(), sign_no));
            lat.push(performance.now() - t0);
            if (!ok(infno, a)) errors++;
            else if (infno === '2207') settled.add((a.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id);
            else sold++;
          } catch {
            errors++;
          }
        }
      }),
    );
    const L = openLedger(sb.ledger.file);
    const rows = L.listSettlements();
    const lost = rows.length !== settled.size || rows.some((r) => !settled.has(r.setl_id));
    const codes = L.countTraceCodes({ movement: 'sale' });
    L.close();
    console.log(`\nsoak: ${clients} clients × ${seconds} s`);
    printTable(
      [
        'requests',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'settlements (answers / ledger)',
        'trace codes (answers / ledger)',
        'lost or doubled writes',
      ],
      [
        [
          lat.length,
          (lat.length / seconds).toFixed(0),
          percentile(lat, 50).toFixed(2),
          percentile(lat, 99).toFixed(2),
          errors,
          `${settled.size} / ${rows.length}`,
          `${sold} / ${codes}`,
          lost || codes !== sold ? 'YES' : 'none',
        ],
      ],
    );
  });
}

export async function run(): Promise<void> {
  await throughput();
  await overhead();
  const soakSeconds = Number(process.env.HISOPS_BENCH_SOAK_SECONDS ?? 0);
  if (soakSeconds > 0) await soak(soakSeconds);
  else console.log('\n(soak skipped: set HISOPS_BENCH_SOAK_SECONDS=60 to run 32 clients for 60 s)');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
