/**
 * The demo hospital's patients: the first N persons of the center sandbox's roster, so that the
 * names, ID numbers, insurance types and person numbers in the seeded HIS are the ones the sandbox
 * answers for (1101/5203). Kept in compact columns: a large seed has 100,000 persons.
 */
// The roster module itself, not the sandbox's index: the index also loads the server and its
// SQLite ledger, which seeding a HIS (possibly on PostgreSQL) does not need.
import { sandboxRoster } from '../center/sandbox/roster.js';

export interface PersonPool {
  size: number;
  psn_no: string[];
  psn_name: string[];
  certno: string[];
  gend: string[];
  brdy: string[];
  birthYear: Int16Array;
  insutype: string[];
  psn_type: string[];
  cvlserv_flag: string[];
  insuplc_admdvs: string[];
  /** Personal-account balance in fen, updated as settlements draw on it. */
  balance: Float64Array;
  /** Receives medical assistance (医疗救助): a demo flag, about 3 % of residents. */
  assistance: Uint8Array;
}

export function personPool(size: number, opts: { admdvs: string; seed: number; today: string }): PersonPool {
  const roster = sandboxRoster(size, { admdvs: opts.admdvs, seed: opts.seed, today: opts.today });
  const pool: PersonPool = {
    size,
    psn_no: [],
    psn_name: [],
    certno: [],
    gend: [],
    brdy: [],
    birthYear: new Int16Array(size),
    insutype: [],
    psn_type: [],
    cvlserv_flag: [],
    insuplc_admdvs: [],
    balance: new Float64Array(size),
    assistance: new Uint8Array(size),
  };
  roster.forEach((p, i) => {
    pool.psn_no.push(p.psn_no);
    pool.psn_name.push(p.psn_name);
    pool.certno.push(p.certno);
    pool.gend.push(p.gend);
    pool.brdy.push(p.brdy);
    pool.birthYear[i] = Number(p.brdy.slice(0, 4));
    pool.insutype.push(p.insutype);
    pool.psn_type.push(p.psn_type);
    pool.cvlserv_flag.push(p.cvlserv_flag);
    pool.insuplc_admdvs.push(p.insuplc_admdvs);
    pool.balance[i] = Math.round(p.initial_balc.times(100).toNumber());
    pool.assistance[i] = p.insutype === '390' && Number(p.certno.slice(14, 17)) % 33 === 7 ? 1 : 0;
  });
  return pool;
}
