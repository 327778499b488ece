/**
 * `trace upload` at scale: 100,000 traceability codes on 30,000 dispensing records (three days of
 * 10,000) in a reference HIS (SQLite), sent to the sandbox center with 50 ms of simulated latency
 * per request. The ceiling is what the configured limits allow:
 *
 *   requests/s ≤ min(concurrency × 1000 / latency ms, rate)      codes/s ceiling = that × codes per request
 *
 * and the run should reach at least 80 % of it. Memory is sampled while it runs (heap at the start
 * of each day and at the end, and the peak) to show that it stays flat rather than growing with
 * the data. Measured once (the machine is shared).
 *
 *   node dist-bench/bench/trace.js        (or through `npm run bench trace`)
 *   BENCH_TRACE_PART=command node dist-bench/bench/trace.js     (the command's rounds only; BENCH_ROUNDS)
 *   BENCH_TRACE_PROF=DIR …    (the command and the center child write V8 CPU profiles to DIR)
 *   BENCH_TRACE_NODE_ARGS='--perf-basic-prof' …   (more node options for both children, e.g. for `perf record`)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { connect, type Db } from '../src/core/db/index.js';
import { openJournal, type Journal } from '../src/core/journal/index.js';
import { loadProfile, loadReferenceSchema, referenceProfilePath } from '../src/core/his/index.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openLedger, startSandbox } from '../src/core/center/sandbox/index.js';
import { profileSource, runUpload, traceSettings, type TraceKind, type UploadEvent } from '../src/core/trace/index.js';
import { compare, hisopsCmd, isQuick, printComparison, printTable, type CaseResult } from './_util.js';

const CODE = 'H43010000001';
const RECORDS = Number(process.env.BENCH_TRACE_RECORDS ?? (isQuick() ? 3_000 : 30_000));
const DAYS = 3;
const LATENCY_MS = 50;
// 16 in flight and no rate limit (0): the ceiling is concurrency ÷ latency, 320 requests a second,
// so what binds is hisops's own work per request (BENCH_TRACE_RATE sets a limit to try one).
const CONCURRENCY = Number(process.env.BENCH_TRACE_CONCURRENCY ?? 16);
const RATE = Number(process.env.BENCH_TRACE_RATE ?? 0);
const BATCH = Number(process.env.BENCH_TRACE_BATCH ?? 50);
const DRUGS = 40;
/** Codes per record, cycled: 1+2+3+4+5+5 = 20 over 6 records, 3.33 on average. */
const PER_RECORD = [1, 2, 3, 4, 5, 5];

/**
 * Node options of the command and the center child: CPU profiles into BENCH_TRACE_PROF when set
 * (wall-clock samples: under load they count time spent waiting for a CPU too), and any given in
 * BENCH_TRACE_NODE_ARGS (`--perf-basic-prof` names JavaScript frames for `perf`'s on-CPU samples).
 */
const PROF = [
  ...(process.env.BENCH_TRACE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_TRACE_PROF}`] : []),
  ...(process.env.BENCH_TRACE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
];

const p = (n: number, w: number) => String(n).padStart(w, '0');
const drugId = (d: number) => `YP${p(d, 5)}`;
const prefixOf = (d: number) => `83${p(d, 5)}`;

async function seed(file: string): Promise<{ codes: number; days: string[] }> {
  const db = await connect(`sqlite:${file}`, { create: true });
  await loadReferenceSchema(db);
  const days = Array.from({ length: DAYS }, (_, i) => `2026-01-${p(5 + i, 2)}`);
  let codes = 0;
  try {
    await db.knex.transaction(async (trx) => {
      const maps = [];
      const prefixes = [];
      for (let d = 0; d < DRUGS; d++) {
        maps.push({
          fixmedins_hilist_id: drugId(d),
          fixmedins_hilist_name: `药品${d}`,
          list_type: '101',
          med_list_codg: `XA01BENCH${p(d, 6)}`,
          begndate: '2020-01-01',
          enddate: '2099-12-31',
          created_at: '2024-01-01 09:00:00',
          updated_at: '2024-01-01 09:00:00',
        });
        prefixes.push({ fixmedins_hilist_id: drugId(d), trac_prefix: prefixOf(d), pack_lv: '1' });
      }
      await trx.batchInsert('his_mapping', maps, 100);
      await trx.batchInsert('his_item_trac_prefix', prefixes, 100);
      let disp: Record<string, unknown>[] = [];
      let trac: Record<string, unknown>[] = [];
      const flush = async () => {
        await trx.batchInsert('his_dispense', disp, 150);
        await trx.batchInsert('his_dispense_trac', trac, 300);
        disp = [];
        trac = [];
      };
      for (let i = 0; i < RECORDS; i++) {
        const day = days[Math.floor((i * DAYS) / RECORDS)]!;
        const sec = 8 * 3600 + Math.floor(((i % (RECORDS / DAYS)) * 9 * 3600) / (RECORDS / DAYS));
        const time = `${day} ${p(Math.floor(sec / 3600), 2)}:${p(Math.floor(sec / 60) % 60, 2)}:${p(sec % 60, 2)}`;
        const d = i % DRUGS;
        const n = PER_RECORD[i % PER_RECORD.length]!;
        const disp_id = `FY${day.replace(/-/g, '')}${p(i, 7)}`;
        disp.push({
          disp_id,
          disp_type: 'sale',
          orig_disp_id: null,
          fixmedins_hilist_id: drugId(d),
          fixmedins_hilist_name: `药品${d}`,
          fixmedins_bchno: `B${drugId(d)}`,
          setl_id: null,
          mdtrt_sn: `ZF${p(i, 8)}`,
          psn_no: null,
          psn_cert_type: '99',
          certno: null,
          psn_name: null,
          mdtrt_setl_type: '2',
          manu_lotnum: '25010101',
          manu_date: '2025-01-01',
          expy_end: '2027-01-01',
          rx_flag: '1',
          trdn_flag: '0',
          finl_trns_pric: '12.5',
          sel_retn_cnt: n,
          sel_retn_time: time,
          sel_retn_opter_name: '药师甲',
          prsc_dr_name: '医生乙',
          phar_name: '药师甲',
          phar_prac_cert_no: 'YS0001',
          rxno: `CF${p(i, 8)}`,
          created_at: time,
        });
        for (let k = 0; k < n; k++)
          trac.push({ disp_id, trac_seq: k + 1, drug_trac_codg: prefixOf(d) + p(codes++, 13) });
        if (disp.length >= 2000) await flush();
      }
      await flush();
    });
  } finally {
    await db.close();
  }
  return { codes, days };
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** A full collection before a heap reading, so that the reading is what is retained, not garbage. */
let gc: (() => void) | undefined;
const retained = () => {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
  return process.memoryUsage().heapUsed;
};

/** The upload both sections time: the reference profile's records of one kind, every day, applied against the bench's center. */
async function benchUpload(o: {
  db: Db;
  journal: Journal;
  centerUrl: string;
  days: readonly string[];
  kind: TraceKind;
  runId: string;
  onEvent?: (e: UploadEvent) => void;
}) {
  return runUpload({
    source: profileSource(o.db, await loadProfile(referenceProfilePath())),
    journal: o.journal,
    fixmedins_code: CODE,
    center: {
      baseUrl: o.centerUrl,
      fixmedins_code: CODE,
      fixmedins_name: '基准医院',
      mdtrtarea_admvs: '430100',
      insuplc_admdvs: '430100',
      recer_sys_code: 'YBXT',
      infver: 'V1.0',
      opter: 'bench',
      opter_name: 'bench',
      opter_type: '1',
      setl_optins: '430100',
      timeouts: { defaultMs: 30_000 },
    },
    window: { from: o.days[0]!, to: o.days[o.days.length - 1]! },
    kinds: [o.kind],
    apply: true,
    settings: traceSettings({ concurrency: CONCURRENCY, rate: RATE, batchSize: BATCH }),
    runId: o.runId,
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
  });
}

export async function run(): Promise<void> {
  // BENCH_TRACE_PART=stock-in: only the stock-in upload (section at the end); all: both;
  // command: only the command a user runs (its rounds without the in-process run before them).
  const part = process.env.BENCH_TRACE_PART;
  if (part === 'stock-in') return runStockIn();
  if (part === 'all') await runStockIn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-trace-'));
  try {
    const his = path.join(dir, 'his.db');
    const t0 = performance.now();
    const { codes, days } = await seed(his);
    const seedMs = performance.now() - t0;
    if (part === 'command') return await cliUpload(dir, his, days, codes);
    // The center runs in its own process, as a real one runs on its own machine.
    const ledgerFile = path.join(dir, 'center.db');
    const sb = await centerProcess(ledgerFile);
    const db = await connect(`sqlite:${his}`);
    const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    const heap: Array<[string, number]> = [];
    let peak = 0;
    // V8's own counter: process.memoryUsage() reads /proc on every call, which this process's CPU figure would include.
    const sampler = setInterval(() => (peak = Math.max(peak, v8.getHeapStatistics().used_heap_size)), 100);
    const cpu0 = process.cpuUsage();
    try {
      const onEvent = (e: UploadEvent) => {
        if (e.type === 'day') heap.push([`${e.day} planned`, retained()]);
      };
      const r = await benchUpload({ db, journal, centerUrl: sb.url, days, kind: 'sale', runId: 'BENCH', onEvent });
      const cpu = process.cpuUsage(cpu0);
      heap.push(['end', retained()]);
      const sent = r.byKind.reduce((n, s) => n + s.acceptedCodes, 0);
      const requests = r.requests.sent;
      const perRequest = sent / requests;
      const ceilingRps = Math.min((CONCURRENCY * 1000) / LATENCY_MS, RATE > 0 ? RATE : Infinity);
      const ceiling = ceilingRps * perRequest;
      const sendRate = sent / (r.timing.sendMs / 1000);
      const wallRate = sent / (r.timing.durationMs / 1000);
      const centerCpu = await sb.close();
      const ledgerDb = openLedger(ledgerFile);
      const ledger = ledgerDb.countTraceCodes({ fixmedins_code: CODE });
      ledgerDb.close();
      console.log(
        `${RECORDS.toLocaleString('en')} dispensing records, ${codes.toLocaleString('en')} codes over ${DAYS} days; ${LATENCY_MS} ms latency per request; concurrency ${CONCURRENCY}, rate ${RATE}/s, ${BATCH} records per 3505A (HIS seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      );
      printTable(
        ['measure', 'value'],
        [
          ['codes accepted (center ledger)', `${sent.toLocaleString('en')} (${ledger.toLocaleString('en')})`],
          ['requests (attempts, retries)', `${requests} (${r.requests.attempts}, ${r.requests.retries})`],
          ['codes per request', perRequest.toFixed(1)],
          ['ceiling requests/s = min(concurrency × 1000 / latency, rate)', ceilingRps.toFixed(1)],
          ['ceiling codes/s', ceiling.toFixed(0)],
          ['sending time', `${(r.timing.sendMs / 1000).toFixed(2)} s`],
          ['codes/s while sending', sendRate.toFixed(0)],
          ['ratio to ceiling (sending)', `${((sendRate / ceiling) * 100).toFixed(1)} %`],
          ['whole run (read HIS, check, journal, send)', `${(r.timing.durationMs / 1000).toFixed(2)} s`],
          ['codes/s whole run', wallRate.toFixed(0)],
          ['ratio to ceiling (whole run)', `${((wallRate / ceiling) * 100).toFixed(1)} %`],
          ...heap.map(([k, v]): [string, string] => [`heap retained, ${k}`, `${mb(v)} MB`]),
          ['heap peak', `${mb(peak)} MB`],
          ['rss at end', `${mb(process.memoryUsage().rss)} MB`],
          // maxRSS covers the seeding before the run too (smaller: it holds 2,000 rows at a time).
          ['peak RSS of this process (target < 300 MB)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`],
          [
            'CPU of hisops (this process) / of the center process',
            `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s / ${centerCpu}`,
          ],
          [
            'hisops CPU-seconds per 100k codes',
            `${(((cpu.user + cpu.system) / 1e6) * (100_000 / Math.max(1, sent))).toFixed(2)} s`,
          ],
          [
            'load average at the end (2 cores, shared)',
            os
              .loadavg()
              .map((x) => x.toFixed(1))
              .join(' '),
          ],
        ],
      );
    } finally {
      clearInterval(sampler);
      await journal.close();
      await db.close();
      await sb.close();
    }
    await cliUpload(dir, his, days, codes);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The command a user runs, `hisops trace upload --from … --to … --kind sale --apply --json` with
 * the same concurrency, rate and batch size, as a child process over the same HIS: process start,
 * profile and configuration included. Each round has a fresh journal and a fresh center (its own
 * process and ledger), so every round sends every code. Its wall time is the whole run's, against
 * the same ceiling; CPU and peak RSS are the command's own (the center's CPU as the center reports).
 */
async function cliUpload(dir: string, his: string, days: readonly string[], codes: number): Promise<void> {
  const work = path.join(dir, 'cli');
  fs.mkdirSync(work);
  let round = 0;
  let center: Awaited<ReturnType<typeof centerProcess>> | undefined;
  const centerCpu: string[] = [];
  let perRequest = 0;
  const [r] = await compare([
    {
      label: `hisops trace upload --apply (${codes.toLocaleString('en')} codes)`,
      cmd: profiled(
        hisopsCmd(
          'trace',
          'upload',
          '--from',
          days[0]!,
          '--to',
          days[days.length - 1]!,
          '--kind',
          'sale',
          '--apply',
          '--json',
          '--quiet',
          '--concurrency',
          String(CONCURRENCY),
          '--rate',
          String(RATE),
          '--batch-size',
          String(BATCH),
        ),
      ),
      options: { cwd: work, env: { ...process.env, HISOPS_LANG: 'en' } },
      before: async () => {
        round++;
        center = await centerProcess(path.join(work, `center-${round}.db`));
        fs.writeFileSync(
          path.join(work, 'hisops.yaml'),
          cliConfig(path.join(work, `journal-${round}.db`), his, center.url),
        );
      },
      after: async (m) => {
        centerCpu.push(await center!.close());
        const doc = JSON.parse(m.stdout) as {
          data: { requests: { sent: number }; byKind: Array<{ acceptedCodes: number }> };
        };
        const sent = doc.data.byKind.reduce((n, k) => n + k.acceptedCodes, 0);
        if (sent !== codes) throw new Error(`the command sent ${sent} codes of ${codes}`);
        perRequest = sent / doc.data.requests.sent;
      },
    },
  ]);
  cliTable(r!, codes, perRequest, centerCpu);
}

const profiled = ([exe, args]: [string, string[]]): [string, string[]] => [exe, [...PROF, ...args]];

function cliConfig(journal: string, his: string, centerUrl: string): string {
  return `journal:
  url: sqlite:${journal}
institutions:
  - name: main
    fixmedins_code: ${CODE}
    fixmedins_name: 基准医院
    his:
      url: sqlite:${his}
      profile: builtin:reference
    center:
      url: ${centerUrl}
      setl_optins: "430100"
      mdtrtarea_admvs: "430100"
      insuplc_admdvs: "430100"
`;
}

function cliTable(r: CaseResult, codes: number, perRequest: number, centerCpu: string[]): void {
  printComparison('trace upload, the command a user runs', [r]);
  const ceilingRps = Math.min((CONCURRENCY * 1000) / LATENCY_MS, RATE > 0 ? RATE : Infinity);
  const ceiling = ceilingRps * perRequest;
  const rate = codes / (r.wallMs / 1000);
  printTable(
    ['measure (the command, medians)', 'value'],
    [
      ['ceiling codes/s', ceiling.toFixed(0)],
      ['codes/s, whole command', rate.toFixed(0)],
      ['ratio to ceiling (whole command; target ≥ 80 %)', `${((rate / ceiling) * 100).toFixed(1)} %`],
      ['hisops CPU-seconds per 100k codes', `${((r.cpuMs / 1000) * (100_000 / codes)).toFixed(2)} s`],
      ['center CPU per round', centerCpu.join(', ')],
      ['peak RSS of the command (target < 300 MB)', `${r.peakRssMb.toFixed(0)} MB`],
    ],
  );
}

/** The sandbox center in a child process (this file with --center); resolves with its URL. */
async function centerProcess(ledgerFile: string): Promise<{ url: string; close(): Promise<string> }> {
  const child = spawn(process.execPath, [...PROF, fileURLToPath(import.meta.url), '--center', ledgerFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const said: string[] = [];
  lines.on('line', (l) => said.push(l.trim()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (l) => resolve(l.trim()));
    child.once('exit', (code) => reject(new Error(`the center process exited ${code}`)));
  });
  let closed: Promise<string> | undefined;
  return {
    url,
    close() {
      closed ??= (async () => {
        child.stdin!.end();
        await exited;
        return said[said.length - 1] ?? '?';
      })();
      return closed;
    },
  };
}

async function serveCenter(ledgerFile: string): Promise<void> {
  const sb = await startSandbox({ lenientVisits: true, dataFile: ledgerFile, faults: `35*:latency=${LATENCY_MS}ms` });
  process.stdout.write(sb.url + '\n');
  process.stdin.resume();
  await new Promise<void>((r) => process.stdin.once('end', () => r()));
  await sb.close();
  const cpu = process.cpuUsage();
  process.stdout.write(`${((cpu.user + cpu.system) / 1e6).toFixed(1)} s\n`);
}

// ---------------------------------------------------------------- stock-in (3502A)

/**
 * The stock-in upload: 100,000 codes received on stock-in records (inv_chg_type 108, 商品采购入库)
 * over three days, sent as 3502A (`BATCH` records a request) to the same center process with the
 * same latency, concurrency and rate as the dispensing run above. It prints the achieved rate
 * against the ceiling, min(concurrency × 1000 / latency, rate) requests/s × codes per request.
 *
 *   BENCH_TRACE_PART=stock-in node dist-bench/bench/trace.js     (BENCH_STOCK_CODES to size it)
 */
const STOCK_CODES = Number(process.env.BENCH_STOCK_CODES ?? 100_000);
/** Codes per stock-in record, cycled: 2+4+6+8 = 20 over 4 records, 5 on average. */
const STOCK_PER_RECORD = [2, 4, 6, 8];

async function seedStockIn(file: string): Promise<{ codes: number; records: number; days: string[] }> {
  const db = await connect(`sqlite:${file}`, { create: true });
  await loadReferenceSchema(db);
  const days = Array.from({ length: DAYS }, (_, i) => `2026-01-${p(5 + i, 2)}`);
  const records = Math.ceil(STOCK_CODES / 5);
  let codes = 0;
  try {
    await db.knex.transaction(async (trx) => {
      const maps = [];
      for (let d = 0; d < DRUGS; d++)
        maps.push({
          fixmedins_hilist_id: drugId(d),
          fixmedins_hilist_name: `药品${d}`,
          list_type: '101',
          med_list_codg: `XA01BENCH${p(d, 6)}`,
          begndate: '2020-01-01',
          enddate: '2099-12-31',
          created_at: '2024-01-01 09:00:00',
          updated_at: '2024-01-01 09:00:00',
        });
      await trx.batchInsert('his_mapping', maps, 100);
      let stock: Record<string, unknown>[] = [];
      let trac: Record<string, unknown>[] = [];
      const flush = async () => {
        await trx.batchInsert('his_stock', stock, 100);
        await trx.batchInsert('his_stock_trac', trac, 300);
        stock = [];
        trac = [];
      };
      for (let i = 0; i < records && codes < STOCK_CODES; i++) {
        const day = days[Math.floor((i * DAYS) / records)]!;
        const sec = 7 * 3600 + Math.floor(((i % Math.ceil(records / DAYS)) * 10 * 3600) / Math.ceil(records / DAYS));
        const time = `${day} ${p(Math.floor(sec / 3600), 2)}:${p(Math.floor(sec / 60) % 60, 2)}:${p(sec % 60, 2)}`;
        const d = i % DRUGS;
        const n = Math.min(STOCK_PER_RECORD[i % STOCK_PER_RECORD.length]!, STOCK_CODES - codes);
        const stock_id = `RK${day.replace(/-/g, '')}${p(i, 7)}`;
        stock.push({
          stock_id,
          inv_chg_type: '108',
          fixmedins_hilist_id: drugId(d),
          fixmedins_hilist_name: `药品${d}`,
          fixmedins_bchno: `B${p(i, 8)}`,
          pric: '10.5',
          cnt: n,
          rx_flag: '1',
          trdn_flag: '0',
          inv_chg_time: time,
          inv_chg_opter_name: '药库甲',
          manu_lotnum: '25010101',
          manu_date: '2025-01-01',
          expy_end: '2027-01-01',
          spler_name: '供应商甲',
          memo: null,
          created_at: time,
          invc_no: `FP${p(Math.floor(i / 10), 8)}`,
        });
        for (let k = 0; k < n; k++)
          trac.push({ stock_id, trac_seq: k + 1, drug_trac_codg: prefixOf(d) + p(codes++, 13) });
        if (stock.length >= 2000) await flush();
      }
      await flush();
    });
  } finally {
    await db.close();
  }
  return { codes, records, days };
}

export async function runStockIn(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-stock-'));
  try {
    const his = path.join(dir, 'his.db');
    const t0 = performance.now();
    const { codes, records, days } = await seedStockIn(his);
    const seedMs = performance.now() - t0;
    const ledgerFile = path.join(dir, 'center.db');
    const sb = await centerProcess(ledgerFile);
    const db = await connect(`sqlite:${his}`);
    const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    const cpu0 = process.cpuUsage();
    try {
      const r = await benchUpload({ db, journal, centerUrl: sb.url, days, kind: 'stock-in', runId: 'BENCH-STOCK' });
      const cpu = process.cpuUsage(cpu0);
      const sent = r.byKind.reduce((n, s) => n + s.acceptedCodes, 0);
      const requests = r.requests.sent;
      const perRequest = sent / Math.max(1, requests);
      const byConcurrency = (CONCURRENCY * 1000) / LATENCY_MS;
      const ceilingRps = Math.min(byConcurrency, RATE > 0 ? RATE : Infinity);
      const ceiling = ceilingRps * perRequest;
      const sendRate = sent / (r.timing.sendMs / 1000);
      const wallRate = sent / (r.timing.durationMs / 1000);
      const centerCpu = await sb.close();
      const ledgerDb = openLedger(ledgerFile);
      const ledger = ledgerDb.countTraceCodes({ fixmedins_code: CODE });
      ledgerDb.close();
      console.log(
        `\nstock-in: ${records.toLocaleString('en')} records (108 商品采购入库), ${codes.toLocaleString('en')} codes over ${DAYS} days; ${LATENCY_MS} ms latency per request; concurrency ${CONCURRENCY}, rate ${RATE}/s, ${BATCH} records per 3502A (HIS seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      );
      printTable(
        ['measure', 'value'],
        [
          ['codes accepted (center ledger)', `${sent.toLocaleString('en')} (${ledger.toLocaleString('en')})`],
          ['requests by transaction', r.plan.map((x) => `${x.infno} ${x.requests}`).join(', ') || '—'],
          ['requests (attempts, retries)', `${requests} (${r.requests.attempts}, ${r.requests.retries})`],
          ['codes per request', perRequest.toFixed(1)],
          ['ceiling by concurrency: concurrency × 1000 / latency', `${byConcurrency.toFixed(1)} requests/s`],
          ['ceiling by rate limit', RATE > 0 ? `${RATE} requests/s` : 'none'],
          ['ceiling codes/s', ceiling.toFixed(0)],
          ['sending time', `${(r.timing.sendMs / 1000).toFixed(2)} s`],
          [
            'codes/s while sending',
            `${sendRate.toFixed(0)} (${((sendRate / ceiling) * 100).toFixed(1)} % of the ceiling)`,
          ],
          ['whole run (read HIS, check, journal, send)', `${(r.timing.durationMs / 1000).toFixed(2)} s`],
          ['codes/s whole run', `${wallRate.toFixed(0)} (${((wallRate / ceiling) * 100).toFixed(1)} % of the ceiling)`],
          [
            'CPU of hisops (this process) / of the center process',
            `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s / ${centerCpu}`,
          ],
          [
            'load average at the end (2 cores, shared)',
            os
              .loadavg()
              .map((x) => x.toFixed(1))
              .join(' '),
          ],
        ],
      );
    } finally {
      await journal.close();
      await db.close();
      await sb.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--center') await serveCenter(process.argv[3]!);
  else await run();
}
