/**
 * Real bind values for `profile check`: the period statements get the checked day; the key
 * lookups get the keys of a settlement, an item and a mapping read earlier in the same check, so
 * that they return rows; the writes get a settlement of the day (rolled back afterwards) or, for
 * inserts, values that cannot collide with real rows.
 */
import { SETTLEMENT_AMOUNTS, formatDateTime, type Row } from './canonical.js';
import type { Binds } from './runStatement.js';

export interface CheckSamples {
  date: string;
  now: Date;
  /** A row each earlier read returned (settlements_in_period: a settled original when there is one). */
  rows: Record<string, Row | undefined>;
}

const NO_KEY = 'hisops-check-no-row';

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const text = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));
const key = (v: unknown) => text(v) ?? NO_KEY;

/** What the binds are made of: the rows read earlier, the checked day's bounds, now, and a unique stamp. */
interface Samples {
  setl: Row | undefined;
  pending: Row | undefined;
  item: Row | undefined;
  mapping: Row | undefined;
  date: string;
  from: string;
  to: string;
  now: string;
  stamp: string;
}

export function checkBindsFor(name: string, s: CheckSamples): Binds {
  const c = samplesOf(s);
  const { setl, item, mapping } = c;
  switch (name) {
    case 'settlement_by_setl_id':
    case 'fee_lines_of_settlement':
      return { setl_id: key(setl?.setl_id) };
    case 'settlements_by_mdtrt_id':
    case 'fee_lines_of_visit':
      return { mdtrt_id: key(setl?.mdtrt_id) };
    case 'settlement_by_msgid':
    case 'center_log_by_msgid':
      return { msgid: key(setl?.msgid) };
    case 'pending_settlements':
    case 'orphan_center_calls':
      return { before: c.to };
    case 'items_billed_since':
      return { since: `${daysBefore(s.date, 30)} 00:00:00` };
    case 'mappings_of_item':
      return { fixmedins_hilist_id: key(mapping?.fixmedins_hilist_id ?? item?.fixmedins_hilist_id) };
    case 'mark_settlement_void':
    case 'mark_settlement_cancelled':
      return {
        msgid: key(setl?.msgid),
        setl_id: text(setl?.setl_id),
        reason: 'hisops profile check (rolled back)',
        now: c.now,
      };
    case 'complete_settlement':
      return completeSettlementBinds(c);
    case 'insert_settlement':
      return insertSettlementBinds(c);
    case 'insert_mapping':
      return insertMappingBinds(c);
    case 'end_mapping':
      return endMappingBinds(c);
    case 'stock_in_by_invoice':
      return { invc_no: NO_KEY };
    case 'insert_stock_code':
      return { stock_id: `CHK${c.stamp}`, trac_seq: '1', drug_trac_codg: `CHK${c.stamp}` };
    default:
      return { from: c.from, to: c.to };
  }
}

function samplesOf(s: CheckSamples): Samples {
  return {
    setl: s.rows.settlements_in_period,
    pending: s.rows.pending_settlements,
    item: s.rows.his_items,
    mapping: s.rows.mappings,
    date: s.date,
    from: `${s.date} 00:00:00`,
    to: `${nextDay(s.date)} 00:00:00`,
    now: formatDateTime(s.now),
    stamp: s.now.getTime().toString(36).toUpperCase(),
  };
}

/** Every settlement amount of a row as text (0.00 when empty), negated for a refund. */
function amounts(r: Row | undefined, sign: 1 | -1): Record<string, string> {
  return Object.fromEntries(
    SETTLEMENT_AMOUNTS.map((a) => [
      a,
      r?.[a] === null || r?.[a] === undefined ? '0.00' : sign < 0 ? negate(String(r[a])) : String(r[a]),
    ]),
  );
}

/** The pending settlement (else the day's settled one) completed with its own values. */
function completeSettlementBinds({ pending, setl, from, now, stamp }: Samples): Binds {
  const r = pending ?? setl;
  return {
    msgid: key(r?.msgid),
    setl_id: text(r?.setl_id) ?? `CHK${stamp}`,
    setl_time: text(r?.setl_time) ?? from,
    mdtrt_id: text(r?.mdtrt_id),
    ...amounts(r, 1),
    pool_prop_selfpay: text(r?.pool_prop_selfpay),
    medins_setl_id: text(r?.msgid),
    clr_optins: text(r?.clr_optins),
    clr_way: text(r?.clr_way),
    clr_type: text(r?.clr_type),
    now,
  };
}

/** A refund of the day's settlement under new keys that cannot collide with real rows. */
function insertSettlementBinds({ setl, from, now, stamp }: Samples): Binds {
  return {
    his_setl_no: `HOCHK${stamp}`,
    setl_id: `CHK${stamp}`,
    msgid: `CHK${stamp}`,
    infno: String(setl?.infno) === '2304' ? '2305' : '2208',
    setl_time: from,
    his_status: 'settled',
    refd_setl_flag: '1',
    init_setl_id: text(setl?.setl_id),
    mdtrt_id: text(setl?.mdtrt_id),
    psn_no: text(setl?.psn_no),
    insutype: text(setl?.insutype),
    med_type: text(setl?.med_type),
    clr_type: text(setl?.clr_type),
    clr_way: text(setl?.clr_way),
    clr_optins: text(setl?.clr_optins),
    setl_optins: text(setl?.setl_optins),
    in_area_flag: text(setl?.in_area_flag),
    insuplc_admdvs: text(setl?.insuplc_admdvs),
    medins_setl_id: `CHK${stamp}`,
    ...amounts(setl, -1),
    pool_prop_selfpay: text(setl?.pool_prop_selfpay),
    now,
  };
}

function insertMappingBinds({ date, now, stamp }: Samples): Binds {
  return {
    fixmedins_hilist_id: `CHK${stamp}`,
    fixmedins_hilist_name: 'hisops profile check',
    list_type: '101',
    med_list_codg: `CHK${stamp}`,
    begndate: date,
    enddate: date,
    now,
  };
}

/** The mapping read earlier, ended on its own end date. */
function endMappingBinds({ mapping, date, now }: Samples): Binds {
  return {
    fixmedins_hilist_id: key(mapping?.fixmedins_hilist_id),
    med_list_codg: key(mapping?.med_list_codg),
    begndate: text(mapping?.begndate)?.slice(0, 10) ?? date,
    enddate: text(mapping?.enddate)?.slice(0, 10) ?? date,
    now,
  };
}

function negate(v: string): string {
  const t = v.trim();
  if (t === '0' || /^-?0+(\.0+)?$/.test(t)) return t.replace('-', '');
  return t.startsWith('-') ? t.slice(1) : `-${t}`;
}
