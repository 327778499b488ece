/**
 * Hand-made reconciliation scenarios: a settlement written to the HIS (reference schema), to the
 * center's ledger, or to both with chosen differences; the HIS's write-ahead log; and a proxy in
 * front of the sandbox that damages 9102 downloads (truncated, not a ZIP, changed lines).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeText, unzipOne, zipOne } from '../../../src/core/shared/index.js';
import { sandboxRoster, type Ledger, type SettlementRow } from '../../../src/core/center/sandbox/index.js';
import type { Db } from '../../../src/core/db/index.js';
import { D } from '../../../src/core/money.js';
import { CODE } from './helpers.js';

export const PEOPLE = sandboxRoster(40);
export const EMP = PEOPLE.filter((p) => p.insutype === '310' && p.insuplc_admdvs === '430100');
export const RES = PEOPLE.filter((p) => p.insutype === '390' && p.insuplc_admdvs === '430100');
export const FAR = PEOPLE.filter((p) => p.insuplc_admdvs !== '430100');

let seq = 0;

export interface Setl {
  setl_id: string;
  msgid: string;
  mdtrt_id: string;
  psn_no: string;
  insutype: string;
  clr_type: string;
  setl_optins: string;
  setl_time: string;
  medfee: string;
  fund: string;
  acct: string;
  hosp: string;
  refd: '0' | '1';
  init_setl_id: string | null;
  his_status: string;
  infno: string;
  in_area_flag: string | null;
  his_setl_no: string;
}

/** A settlement with consistent ids and figures (cash = medfee − fund − acct − hosp). */
export function setl(over: Partial<Setl> & { day?: string; at?: string; person?: (typeof PEOPLE)[number] } = {}): Setl {
  const n = ++seq;
  const p = over.person ?? EMP[n % EMP.length]!;
  const day = over.day ?? '2025-06-10';
  const pad = (x: number, w: number) => String(x).padStart(w, '0');
  const { day: _d, at: _a, person: _p, ...rest } = over;
  return {
    setl_id: `430100${day.replace(/-/g, '')}7${pad(n, 9)}`,
    msgid: `${CODE}${day.replace(/-/g, '')}1000${pad(n, 6)}`.slice(0, 30),
    mdtrt_id: `MD${day.replace(/-/g, '')}${pad(n, 6)}`,
    psn_no: p.psn_no,
    insutype: p.insutype,
    clr_type: '11',
    setl_optins: p.insuplc_admdvs,
    setl_time: `${day} ${over.at ?? `10:${pad(n % 60, 2)}:00`}`,
    medfee: '100.00',
    fund: '60.00',
    acct: '10.00',
    hosp: '0.00',
    refd: '0',
    init_setl_id: null,
    his_status: 'settled',
    infno: '2207',
    in_area_flag: p.insuplc_admdvs === '430100' ? '1' : '0',
    his_setl_no: `JS${pad(n, 10)}`,
    ...rest,
  };
}

/** Every settlement amount of §5.S for these figures: all in scope, the fund paid from the pool. */
export function amountsOf(a: { medfee: string; fund: string; acct: string; hosp: string }): Record<string, string> {
  const zero = '0.00';
  const part = new D(a.medfee).minus(a.fund).minus(a.hosp);
  return {
    medfee_sumamt: a.medfee,
    fulamt_ownpay_amt: zero,
    overlmt_selfpay: zero,
    preselfpay_amt: zero,
    inscp_scp_amt: a.medfee,
    act_pay_dedc: zero,
    hifp_pay: a.fund,
    cvlserv_pay: zero,
    hifes_pay: zero,
    hifmi_pay: zero,
    hifob_pay: zero,
    maf_pay: zero,
    oth_pay: zero,
    hifdm_pay: zero,
    fund_pay_sumamt: a.fund,
    psn_part_amt: part.toFixed(2),
    acct_pay: a.acct,
    psn_cash_pay: part.minus(a.acct).toFixed(2),
    hosp_part_amt: a.hosp,
    acct_mulaid_pay: zero,
  };
}

/** Write the settlement into the HIS's his_settlement. */
export async function toHis(db: Db, s: Setl, over: Record<string, unknown> = {}): Promise<void> {
  await db.knex('his_settlement').insert({
    his_setl_no: s.his_setl_no,
    setl_id: s.setl_id,
    mdtrt_id: s.mdtrt_id,
    psn_no: s.psn_no,
    insutype: s.insutype,
    setl_time: s.setl_time,
    ...amountsOf(s),
    balc: '0.00',
    medins_setl_id: s.msgid,
    clr_optins: s.setl_optins,
    setl_optins: s.setl_optins,
    clr_type: s.clr_type,
    in_area_flag: s.in_area_flag,
    his_status: s.his_status,
    refd_setl_flag: s.refd,
    init_setl_id: s.init_setl_id,
    msgid: s.msgid,
    infno: s.infno,
    created_at: s.setl_time,
    updated_at: s.setl_time,
    ...over,
  });
}

/** Write the settlement into the center's ledger (a refund row as a cancellation of its original). */
export function toCenter(
  ledger: Ledger,
  s: Setl,
  over: {
    setl_time?: string;
    medfee?: string;
    fund?: string;
    acct?: string;
    hifp?: string;
    clr_optins?: string;
    clr_type?: string;
    insutype?: string;
    setl_id?: string;
    msgid?: string;
  } = {},
): SettlementRow {
  if (s.refd === '1')
    return ledger.insertCancellation({
      setl_id: s.init_setl_id!,
      setl_time: over.setl_time ?? s.setl_time,
      new_setl_id: over.setl_id ?? s.setl_id,
      medins_setl_id: over.msgid ?? s.msgid,
    });
  const medfee = over.medfee ?? s.medfee;
  const fund = over.fund ?? s.fund;
  const acct = over.acct ?? s.acct;
  return ledger.insertSettlement({
    setl_time: over.setl_time ?? s.setl_time,
    mdtrt_id: s.mdtrt_id,
    psn_no: s.psn_no,
    medfee_sumamt: medfee,
    insutype: over.insutype ?? s.insutype,
    clr_type: over.clr_type ?? s.clr_type,
    med_type: (over.clr_type ?? s.clr_type) === '21' ? '21' : '11',
    clr_optins: over.clr_optins ?? s.setl_optins,
    setl_id: over.setl_id ?? s.setl_id,
    medins_setl_id: over.msgid ?? s.msgid,
    infno: s.infno,
    fixmedins_code: CODE,
    amounts: { ...amountsOf({ medfee, fund, acct, hosp: s.hosp }), ...(over.hifp ? { hifp_pay: over.hifp } : {}) },
  });
}

/** Both sides, the same. */
export async function both(db: Db, ledger: Ledger, s: Setl): Promise<void> {
  await toHis(db, s);
  toCenter(ledger, s);
}

/** A row of the HIS's own write-ahead log (his_center_log). */
export async function logCall(db: Db, s: Setl, status: 'sent' | 'answered' | 'failed' = 'sent'): Promise<void> {
  await db.knex('his_center_log').insert({
    msgid: s.msgid,
    infno: s.infno,
    his_setl_no: s.his_setl_no,
    mdtrt_id: s.mdtrt_id,
    psn_no: s.psn_no,
    setl_id: status === 'answered' ? s.setl_id : null,
    request_time: s.setl_time,
    response_time: status === 'sent' ? null : s.setl_time,
    log_status: status,
    infcode: status === 'answered' ? '0' : null,
  });
}

export type Damage = 'none' | 'truncate' | 'not-zip' | 'extra-column' | 'drop-last-lines' | 'swap-memo-last';

/**
 * A proxy in front of the sandbox that passes every call through and damages the 9102 answer the
 * way `damage()` says (the 9102 request is recognised by its envelope's infno).
 */
export async function damagingProxy(
  target: string,
): Promise<{ url: string; damage: (d: Damage) => void; downloads: () => number; close: () => Promise<void> }> {
  let mode: Damage = 'none';
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      let infno = '';
      try {
        infno = String((JSON.parse(body.toString('utf8')) as { infno?: unknown }).infno ?? '');
      } catch {
        infno = '';
      }
      const r = await fetch(target + (req.url ?? '/'), {
        method: req.method,
        headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
        body,
      });
      let bytes: Buffer = Buffer.from(await r.arrayBuffer());
      if (infno === '9102' && r.headers.get('content-type')?.includes('octet-stream')) {
        n++;
        bytes = damaged(bytes, mode);
      }
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
      res.end(bytes);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    damage: (d) => (mode = d),
    downloads: () => n,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function damaged(zip: Buffer, mode: Damage): Buffer {
  if (mode === 'none') return zip;
  if (mode === 'truncate') return Buffer.from(zip.subarray(0, Math.floor(zip.length / 2)));
  if (mode === 'not-zip') return Buffer.from('<html><body>502 Bad Gateway</body></html>\n', 'utf8');
  const entry = unzipOne(zip, '.txt');
  const lines = decodeText(entry.data)
    .split('\n')
    .filter((l) => l !== '');
  let out = lines;
  if (mode === 'extra-column') out = lines.map((l, i) => (i === 0 ? `${l}\tEXTRA` : l));
  if (mode === 'drop-last-lines') out = lines.slice(0, Math.max(0, lines.length - 2));
  if (mode === 'swap-memo-last')
    out = lines.map((l) => {
      const c = l.split('\t');
      const memo = c.splice(6, 1)[0]!;
      return [...c, memo].join('\t');
    });
  return zipOne(entry.name, out.join('\n') + '\n');
}
