/** The drafts of the statements that read (pure): settlements, center calls, fee lines, items, mappings, trace rows. */
import { ROLES } from './dictionary.js';
import { ALIAS, type Builder, type Draft, key, need, type Piece } from './renderDraftSql.js';

/** Canonical columns a statement reads, from the contract, by the role that holds them. */
const SETTLEMENT_READ = ROLES.settlement.columns.filter((c) => c !== 'void_reason');
const LOG_READ = [
  'msgid',
  'infno',
  'his_setl_no',
  'mdtrt_id',
  'psn_no',
  'setl_id',
  'request_time',
  'response_time',
  'log_status',
  'infcode',
];

function settlementRead(where: (d: Draft) => string, order: (d: Draft) => string): Builder {
  return (d) => {
    const no = need(d, 'settlement');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const sql = `SELECT ${d.list('settlement', SETTLEMENT_READ, todos)}\nFROM ${d.table('settlement')} s\nWHERE ${d.tenant('settlement')}${where(d)}\nORDER BY ${order(d)}`;
    return { sql, todos };
  };
}

export const READ_BUILDERS: Record<string, Builder> = {
  settlements_in_period: settlementRead(
    (d) =>
      `${key(d, 'settlement', 'setl_time')} >= ${d.time(':from')} AND ${key(d, 'settlement', 'setl_time')} < ${d.time(':to')}`,
    (d) => `${key(d, 'settlement', 'setl_time')}, ${key(d, 'settlement', 'his_setl_no')}`,
  ),
  settlement_by_setl_id: settlementRead(
    (d) => `${key(d, 'settlement', 'setl_id')} = :setl_id`,
    (d) => `${key(d, 'settlement', 'setl_time')}, ${key(d, 'settlement', 'his_setl_no')}`,
  ),
  settlements_by_mdtrt_id: settlementRead(
    (d) => `${key(d, 'settlement', 'mdtrt_id')} = :mdtrt_id`,
    (d) => `${key(d, 'settlement', 'created_at')}, ${key(d, 'settlement', 'his_setl_no')}`,
  ),
  settlement_by_msgid: settlementRead(
    (d) => `${key(d, 'settlement', 'msgid')} = :msgid`,
    (d) => `${key(d, 'settlement', 'setl_time')}, ${key(d, 'settlement', 'his_setl_no')}`,
  ),
  pending_settlements: (d) => {
    const no = need(d, 'settlement', 'log');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const join = `l.${d.col('log', 'msgid')?.column ?? 'msgid'} = s.${d.col('settlement', 'msgid')?.column ?? 'msgid'}${d.m.log?.tenant && d.m.settlement?.tenant ? ` AND l.${d.m.log.tenant.column} = s.${d.m.settlement.tenant.column}` : ''}`;
    const sql = `SELECT ${d.list('settlement', SETTLEMENT_READ, todos)},\n       ${d.list('log', ['request_time', 'log_status'], todos)}\nFROM ${d.table('settlement')} s\nLEFT JOIN ${d.table('log')} l ON ${join}\nWHERE ${d.tenant('settlement')}${key(d, 'settlement', 'his_status')} = ${d.code('settlement', 'his_status', 'pending')} AND ${key(d, 'settlement', 'created_at')} < ${d.time(':before')}\nORDER BY ${key(d, 'settlement', 'created_at')}, ${key(d, 'settlement', 'his_setl_no')}`;
    return { sql, todos };
  },
  orphan_center_calls: (d) => {
    const no = need(d, 'settlement', 'log');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const same =
      d.m.log?.tenant && d.m.settlement?.tenant
        ? ` AND s.${d.m.settlement.tenant.column} = l.${d.m.log.tenant.column}`
        : '';
    const sql = `SELECT ${d.list('log', LOG_READ, todos)}\nFROM ${d.table('log')} l\nWHERE ${d.tenant('log')}${key(d, 'log', 'infno')} IN ('2207', '2304')\n  AND ${key(d, 'log', 'request_time')} < ${d.time(':before')}\n  AND NOT EXISTS (SELECT 1 FROM ${d.table('settlement')} s WHERE ${key(d, 'settlement', 'msgid')} = ${key(d, 'log', 'msgid')}${same})\nORDER BY ${key(d, 'log', 'request_time')}, ${key(d, 'log', 'msgid')}`;
    return { sql, todos };
  },
  settlements_for_reconcile: (d) => {
    const no = need(d, 'settlement');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const cols = [
      'his_setl_no',
      'setl_id',
      'mdtrt_id',
      'psn_no',
      'insutype',
      'clr_type',
      'setl_optins',
      'clr_optins',
      'in_area_flag',
      'setl_time',
      'medfee_sumamt',
      'fund_pay_sumamt',
      'acct_pay',
      'psn_cash_pay',
      'hosp_part_amt',
      'refd_setl_flag',
      'init_setl_id',
      'msgid',
      'infno',
      'his_status',
    ];
    return {
      sql: `SELECT ${d.list('settlement', cols, todos)}\nFROM ${d.table('settlement')} s\nWHERE ${d.tenant('settlement')}${key(d, 'settlement', 'setl_time')} >= ${d.time(':from')} AND ${key(d, 'settlement', 'setl_time')} < ${d.time(':to')}`,
      todos,
    };
  },
  center_log_by_msgid: (d) => {
    const no = need(d, 'log');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    return {
      sql: `SELECT ${d.list('log', [...LOG_READ, 'err_msg'], todos)}\nFROM ${d.table('log')} l\nWHERE ${d.tenant('log')}${key(d, 'log', 'msgid')} = :msgid`,
      todos,
    };
  },
  fee_lines_of_settlement: (d) => {
    const no = need(d, 'fee', 'settlement');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const link = d.col('fee', 'his_setl_no') && d.col('settlement', 'his_setl_no') ? 'his_setl_no' : 'setl_id';
    const sql = `SELECT ${d.list('fee', ROLES.fee.columns, todos)}\nFROM ${d.table('fee')} f\nWHERE ${d.tenant('fee')}${key(d, 'fee', link)} IN (SELECT ${key(d, 'settlement', link)} FROM ${d.table('settlement')} s WHERE ${d.tenant('settlement')}${key(d, 'settlement', 'setl_id')} = :setl_id)\nORDER BY ${key(d, 'fee', 'fee_ocur_time')}, ${key(d, 'fee', 'feedetl_sn')}`;
    return { sql, todos };
  },
  fee_lines_of_visit: (d) => {
    const no = need(d, 'fee');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    return {
      sql: `SELECT ${d.list('fee', ROLES.fee.columns, todos)}\nFROM ${d.table('fee')} f\nWHERE ${d.tenant('fee')}${key(d, 'fee', 'mdtrt_id')} = :mdtrt_id\nORDER BY ${key(d, 'fee', 'fee_ocur_time')}, ${key(d, 'fee', 'feedetl_sn')}`,
      todos,
    };
  },
  items_billed_since: (d) => {
    const no = need(d, 'item', 'fee');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const id = key(d, 'fee', 'fixmedins_hilist_id');
    const sql = `SELECT ${d.list('item', ROLES.item.columns, todos)},\n       b.bill_cnt, b.bill_amt, b.last_billed_time\nFROM ${d.table('item')} i\nJOIN (SELECT ${id} AS item_id, COUNT(*) AS bill_cnt, SUM(${key(d, 'fee', 'det_item_fee_sumamt')}) AS bill_amt, MAX(${key(d, 'fee', 'fee_ocur_time')}) AS last_billed_time\n      FROM ${d.table('fee')} f\n      WHERE ${d.tenant('fee')}${key(d, 'fee', 'fee_ocur_time')} >= ${d.time(':since')}\n      GROUP BY ${id}) b ON b.item_id = ${key(d, 'item', 'fixmedins_hilist_id')}\n${d.m.item?.tenant ? `WHERE ${d.tenant('item').replace(/ AND $/, '')}\n` : ''}ORDER BY ${key(d, 'item', 'fixmedins_hilist_id')}`;
    return { sql, todos };
  },
  his_items: (d) => {
    const no = need(d, 'item');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    return {
      sql: `SELECT ${d.list('item', ROLES.item.columns, todos)}\nFROM ${d.table('item')} i\n${d.m.item?.tenant ? `WHERE ${d.tenant('item').replace(/ AND $/, '')}\n` : ''}ORDER BY ${key(d, 'item', 'fixmedins_hilist_id')}`,
      todos,
    };
  },
  drug_trace_prefixes: (d) => {
    const no = need(d, 'trace_prefix');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    return {
      sql: `SELECT ${d.list('trace_prefix', ['fixmedins_hilist_id', 'trac_prefix'], todos)}\nFROM ${d.table('trace_prefix')} p\n${d.m.trace_prefix?.tenant ? `WHERE ${d.tenant('trace_prefix').replace(/ AND $/, '')}\n` : ''}ORDER BY ${key(d, 'trace_prefix', 'fixmedins_hilist_id')}, ${key(d, 'trace_prefix', 'trac_prefix')}`,
      todos,
    };
  },
  dispensing_for_upload: (d) =>
    traceRead(d, 'dispense', 'dispense_trace', 'disp_id', 'sel_retn_time', ROLES.dispense.columns),
  stock_for_upload: (d) => traceRead(d, 'stock', 'stock_trace', 'stock_id', 'inv_chg_time', ROLES.stock.columns),
  mappings: (d) => mappingRead(d, ''),
  mappings_of_item: (d) => mappingRead(d, `${key(d, 'mapping', 'fixmedins_hilist_id')} = :fixmedins_hilist_id`),
};

function mappingRead(d: Draft, where: string): Piece | { unsupported: string } {
  const no = need(d, 'mapping');
  if (no) return { unsupported: no };
  const todos: string[] = [];
  const cond = `${d.tenant('mapping')}${where}`.replace(/ AND $/, '');
  const order = where
    ? `${key(d, 'mapping', 'begndate')}, ${key(d, 'mapping', 'med_list_codg')}`
    : `${key(d, 'mapping', 'fixmedins_hilist_id')}, ${key(d, 'mapping', 'begndate')}, ${key(d, 'mapping', 'med_list_codg')}`;
  return {
    sql: `SELECT ${d.list('mapping', ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'list_type', 'med_list_codg', 'begndate', 'enddate'], todos)}\nFROM ${d.table('mapping')} m\n${cond ? `WHERE ${cond}\n` : ''}ORDER BY ${order}`,
    todos,
  };
}

/** Dispensing or stock rows, one per traceability code, with the mapping valid that day. */
function traceRead(
  d: Draft,
  role: 'dispense' | 'stock',
  trace: 'dispense_trace' | 'stock_trace',
  id: string,
  time: string,
  columns: readonly string[],
): Piece | { unsupported: string } {
  const no = need(d, role, trace, 'mapping');
  if (no) return { unsupported: no };
  const todos: string[] = [];
  const a = ALIAS[role];
  const mt =
    d.m.mapping!.tenant && d.m[role]!.tenant
      ? `mm.${d.m.mapping!.tenant.column} = ${a}.${d.m[role]!.tenant!.column} AND `
      : '';
  const day = d.day(key(d, role, time));
  const valid = `${mt}${key(d, 'mapping', 'fixmedins_hilist_id', 'mm')} = ${key(d, role, 'fixmedins_hilist_id')} AND ${key(d, 'mapping', 'begndate', 'mm')} <= ${day} AND ${key(d, 'mapping', 'enddate', 'mm')} >= ${day}`;
  const head = columns.slice(0, columns.indexOf('fixmedins_hilist_name') + 1);
  const rest = columns.slice(columns.indexOf('fixmedins_hilist_name') + 1);
  const tr = d.m[trace]!;
  const kind = tr.columns.trace_kind;
  const kindCond = kind
    ? kind.codes?.kind
      ? ` AND t.${kind.column} = '${kind.codes.kind}'`
      : (todos.push(`${trace}: ${kind.column} tells the kinds of codes apart; add its value for ${role} to the join`),
        '')
    : '';
  const tt = tr.tenant && d.m[role]!.tenant ? `t.${tr.tenant.column} = ${a}.${d.m[role]!.tenant!.column} AND ` : '';
  const sql =
    `SELECT ${d.list(role, head, todos)},\n` +
    `       (SELECT MIN(${key(d, 'mapping', 'med_list_codg', 'mm')}) FROM ${d.table('mapping')} mm WHERE ${valid}) AS med_list_codg,\n` +
    `       (SELECT COUNT(*) FROM ${d.table('mapping')} mm WHERE ${valid}) AS map_cnt,\n` +
    `       ${d.list(role, rest, todos)},\n` +
    `       ${d.list(trace, ['trac_seq', 'drug_trac_codg'], todos, 't')}\n` +
    `FROM ${d.table(role)} ${a}\n` +
    `LEFT JOIN ${tr.table} t ON ${tt}${key(d, trace, id, 't')} = ${key(d, role, id)}${kindCond}\n` +
    `WHERE ${d.tenant(role)}${key(d, role, time)} >= ${d.time(':from')} AND ${key(d, role, time)} < ${d.time(':to')}\n` +
    `ORDER BY ${key(d, role, time)}, ${key(d, role, id)}, ${key(d, trace, 'trac_seq', 't')}`;
  return { sql, todos };
}
