/**
 * 32 concurrent clients for a few seconds against a sandbox on a real file: every answer is a
 * success, and the ledger holds exactly what the answers say (no lost or doubled write).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, sandboxRoster, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { envelope, openSandbox, post, settleInput } from './helpers.js';

const CLIENTS = 32;
const SECONDS = 3;
let dir: string;
let sb: Sandbox;
let sign_no: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-sandbox-load-'));
  ({ sb, sign_no } = await openSandbox({ dataFile: path.join(dir, 'center.db') }));
});
afterAll(async () => {
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('load', () => {
  it(`holds ${CLIENTS} concurrent clients for ${SECONDS} s without an error or a lost write`, async () => {
    const roster = sandboxRoster(CLIENTS);
    const settled = new Map<string, string>(); // setl_id → msgid
    const sold: string[] = [];
    const failures: string[] = [];
    let queries = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      roster.map(async (p, c) => {
        for (let i = 0; Date.now() < until; i++) {
          const kind = i % 3;
          try {
            if (kind === 0) {
              const env = envelope('2207', settleInput(p, { mdtrt_id: `L${c}-${i}`, acct_used_flag: '0' }), sign_no, {
                insuplc_admdvs: p.insuplc_admdvs,
              });
              const a = await post(sb.url, env);
              if (a.body.infcode !== 0) failures.push(String(a.body.err_msg));
              else
                settled.set((a.body.output as { setlinfo: { setl_id: string } }).setlinfo.setl_id, String(env.msgid));
            } else if (kind === 1) {
              const code = `86${String(c).padStart(4, '0')}${String(i).padStart(14, '0')}`;
              const a = await post(
                sb.url,
                envelope(
                  '3505',
                  {
                    selinfo: {
                      med_list_codg: 'XA01',
                      fixmedins_hilist_id: 'D1',
                      fixmedins_hilist_name: '药',
                      fixmedins_bchno: 'B1',
                      prsc_dr_name: '医',
                      phar_name: '药师',
                      phar_prac_cert_no: 'P1',
                      hi_feesetl_type: '1',
                      mdtrt_sn: `L${c}`,
                      psn_cert_type: '01',
                      manu_lotnum: 'L1',
                      manu_date: '2025-01-01',
                      expy_end: '2027-01-01',
                      rx_flag: '1',
                      trdn_flag: '0',
                      rx_circ_flag: '0',
                      rtal_docno: `R${c}-${i}`,
                      sel_retn_cnt: 1,
                      sel_retn_time: '2026-01-10 10:00:00',
                      sel_retn_opter_name: '药师',
                      drugtracinfo: [{ drug_trac_codg: code }],
                    },
                  },
                  sign_no,
                ),
              );
              const r = (a.body.output as { result?: { retRslt: string } } | null)?.result;
              if (a.body.infcode !== 0 || r?.retRslt !== '1')
                failures.push(String(a.body.err_msg ?? JSON.stringify(r)));
              else sold.push(code);
            } else {
              const a = await post(
                sb.url,
                envelope(
                  '1101',
                  { data: { mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, psn_cert_type: '01' } },
                  sign_no,
                ),
              );
              if (a.body.infcode !== 0) failures.push(String(a.body.err_msg));
              else queries++;
            }
          } catch (e) {
            failures.push(String(e));
          }
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(settled.size).toBeGreaterThan(CLIENTS);
    expect(queries).toBeGreaterThan(0);
    // Read the file through a second connection: what the answers said is what is stored.
    const L = openLedger(sb.ledger.file);
    try {
      const rows = L.listSettlements();
      expect(rows).toHaveLength(settled.size);
      for (const r of rows) expect(settled.get(r.setl_id)).toBe(r.medins_setl_id);
      expect(L.countTraceCodes({ movement: 'sale' })).toBe(sold.length);
      expect(new Set(L.listTraceCodes({ movement: 'sale' }).map((t) => t.drug_trac_codg))).toEqual(new Set(sold));
    } finally {
      L.close();
    }
  });
});
