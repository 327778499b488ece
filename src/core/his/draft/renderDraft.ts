/**
 * Write the proposed mapping as a profile (pure): every statement of the contract, its SQL built
 * from the matched tables and columns, `:fixmedins_code` wherever the HIS keeps a hospital code,
 * the status codes turned into the canonical words with CASE where the comment listed them, and
 * above each statement a YAML comment with the confidence and a TODO for whatever could not be
 * decided (the SQL then says NULL AS <column> /* TODO … * /, or the statement is `unsupported`).
 */
import type { Dialect } from '../../db/index.js';
import { STATEMENTS } from '../statements.js';
import { CODE_WORDS, ROLES, type Role } from './dictionary.js';
import type { ColumnMatch, Confidence, ProposedMapping, TableMatch } from './matchSchema.js';

interface Piece {
  sql: string;
  todos: string[];
}

const ALIAS: Record<Role, string> = {
  settlement: 's',
  fee: 'f',
  visit: 'v',
  log: 'l',
  mapping: 'm',
  item: 'i',
  trace_prefix: 'p',
  dispense: 'd',
  stock: 'k',
  dispense_trace: 't',
  stock_trace: 't',
};

class Draft {
  constructor(
    readonly m: ProposedMapping,
    readonly dialect: Dialect,
  ) {}

  col(role: Role, canonical: string): ColumnMatch | undefined {
    return this.m[role]?.columns[canonical];
  }

  /** `s.COL` for a canonical column of a role, or undefined. */
  ref(role: Role, canonical: string, alias = ALIAS[role]): string | undefined {
    const c = this.col(role, canonical);
    return c ? `${alias}.${c.column}` : undefined;
  }

  /** A SELECT list entry: the column AS the canonical name, decoded when the comment gave codes. */
  item(role: Role, canonical: string, todos: string[], alias = ALIAS[role]): string {
    const c = this.col(role, canonical);
    if (!c) {
      todos.push(`${canonical}: no column found in ${this.m[role]?.table ?? role}`);
      return `NULL AS ${canonical}`;
    }
    const ref = `${alias}.${c.column}`;
    if (CODE_WORDS[canonical]) {
      const words = CODE_WORDS[canonical]!.map(([w]) => w);
      const known = c.codes ? Object.values(c.codes) : words;
      const odd = (c.observed ?? []).filter((v) => !known.includes(v));
      if (odd.length)
        todos.push(
          `${canonical}: ${c.column} holds ${odd.map((v) => `'${v}'`).join(', ')}, which ${c.codes ? 'its comment does not explain' : `is not ${words.join('/')}`}; map it with CASE`,
        );
      if (!c.codes) {
        if (c.observed && c.observed.length && !odd.length)
          return c.column.toLowerCase() === canonical ? ref : `${ref} AS ${canonical}`;
        todos.push(
          `${canonical}: check that ${c.column} holds ${CODE_WORDS[canonical]!.map(([w]) => w).join('/')}; map other codes with CASE`,
        );
        return ref === `${alias}.${canonical}` ? ref : `${ref} AS ${canonical}`;
      }
      const whens = Object.entries(c.codes)
        .map(([w, code]) => `WHEN '${code}' THEN '${w}'`)
        .join(' ');
      const missing = CODE_WORDS[canonical]!.map(([w]) => w).filter((w) => !c.codes![w]);
      if (missing.length)
        todos.push(`${canonical}: no code found for ${missing.join(', ')} in the comment of ${c.column}`);
      return `CASE ${ref} ${whens} ELSE ${ref} END AS ${canonical}`;
    }
    return c.column.toLowerCase() === canonical ? ref : `${ref} AS ${canonical}`;
  }

  list(role: Role, canonicals: readonly string[], todos: string[], alias = ALIAS[role]): string {
    return canonicals.map((c) => this.item(role, c, todos, alias)).join(',\n       ');
  }

  /** The hospital-code condition of a role's table ("" when the HIS keeps none). */
  tenant(role: Role, alias = ALIAS[role]): string {
    const t = this.m[role]?.tenant;
    return t ? `${alias}.${t.column} = :fixmedins_code AND ` : '';
  }

  /** The code a canonical word is written as (for writes and WHERE clauses). */
  code(role: Role, canonical: string, word: string): string {
    const c = this.col(role, canonical);
    return `'${c?.codes?.[word] ?? word}'`;
  }

  time(bind: string): string {
    return this.dialect === 'oracle' ? `TO_TIMESTAMP(${bind}, 'YYYY-MM-DD HH24:MI:SS')` : bind;
  }

  day(expr: string): string {
    return this.dialect === 'sqlite'
      ? `date(${expr})`
      : this.dialect === 'oracle'
        ? `TRUNC(${expr})`
        : `CAST(${expr} AS DATE)`;
  }

  table(role: Role): string {
    return this.m[role]!.table;
  }
}

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

type Builder = (d: Draft) => Piece | { unsupported: string };

const need = (d: Draft, ...roles: Role[]): string | undefined => {
  const gone = roles.filter((r) => !d.m[r]);
  return gone.length ? `no table found for ${gone.map((r) => ROLES[r].what).join(', ')}` : undefined;
};

function settlementRead(where: (d: Draft) => string, order: (d: Draft) => string): Builder {
  return (d) => {
    const no = need(d, 'settlement');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const sql = `SELECT ${d.list('settlement', SETTLEMENT_READ, todos)}\nFROM ${d.table('settlement')} s\nWHERE ${d.tenant('settlement')}${where(d)}\nORDER BY ${order(d)}`;
    return { sql, todos };
  };
}

const key = (d: Draft, role: Role, canonical: string, alias?: string) =>
  d.ref(role, canonical, alias) ?? `NULL /* TODO: ${canonical} */`;

const BUILDERS: Record<string, Builder> = {
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
  mark_settlement_void: (d) =>
    statusWrite(d, 'void', ['pending', 'settled'], (set) => [...set('void_reason', ':reason')]),
  mark_settlement_cancelled: (d) =>
    statusWrite(d, 'cancelled', ['pending', 'settled', 'void'], (set, c) => [
      ...(c('setl_id') ? [`${c('setl_id')} = COALESCE(${c('setl_id')}, :setl_id)`] : []),
      ...set('void_reason', ':reason'),
    ]),
  complete_settlement: (d) =>
    statusWrite(d, 'settled', ['pending'], (set, c) => {
      const amounts = ROLES.settlement.columns.filter(
        (x) => /_(pay|amt|sumamt|selfpay|dedc)$|^balc$/.test(x) && x !== 'pool_prop_selfpay',
      );
      return [
        ...set('setl_id', ':setl_id'),
        ...set('setl_time', ':setl_time'),
        ...(c('mdtrt_id') ? [`${c('mdtrt_id')} = COALESCE(:mdtrt_id, ${c('mdtrt_id')})`] : []),
        ...amounts.flatMap((a) => set(a, `:${a}`)),
        ...['pool_prop_selfpay', 'medins_setl_id', 'clr_optins', 'clr_way'].flatMap((a) => set(a, `:${a}`)),
        ...(c('clr_type') ? [`${c('clr_type')} = COALESCE(:clr_type, ${c('clr_type')})`] : []),
      ];
    }),
  insert_settlement: (d) => {
    const no = need(d, 'settlement');
    if (no) return { unsupported: no };
    const binds = [
      'his_setl_no',
      'setl_id',
      'mdtrt_id',
      'psn_no',
      'insutype',
      'med_type',
      'setl_time',
      ...ROLES.settlement.columns.filter((x) => /_(pay|amt|sumamt|selfpay|dedc)$|^balc$/.test(x)),
      'medins_setl_id',
      'clr_optins',
      'setl_optins',
      'clr_way',
      'clr_type',
      'in_area_flag',
      'insuplc_admdvs',
      'his_status',
      'refd_setl_flag',
      'init_setl_id',
      'msgid',
      'infno',
    ];
    const todos: string[] = [];
    const cols: string[] = [];
    const vals: string[] = [];
    if (d.m.settlement?.tenant) cols.push(d.m.settlement.tenant.column), vals.push(':fixmedins_code');
    for (const b of binds) {
      const c = d.col('settlement', b);
      if (!c) {
        todos.push(`${b}: no column to write it to`);
        continue;
      }
      cols.push(c.column);
      vals.push(
        b === 'his_status' && c.codes
          ? `CASE :his_status ${Object.entries(c.codes)
              .map(([w, code]) => `WHEN '${w}' THEN '${code}'`)
              .join(' ')} END`
          : `:${b}`,
      );
    }
    for (const b of ['created_at', 'updated_at'])
      if (d.col('settlement', b)) cols.push(d.col('settlement', b)!.column), vals.push(d.time(':now'));
    return { sql: `INSERT INTO ${d.table('settlement')} (${cols.join(', ')})\nVALUES (${vals.join(', ')})`, todos };
  },
  insert_mapping: (d) => {
    const no = need(d, 'mapping');
    if (no) return { unsupported: no };
    const todos: string[] = [];
    const cols: string[] = [];
    const vals: string[] = [];
    if (d.m.mapping?.tenant) cols.push(d.m.mapping.tenant.column), vals.push(':fixmedins_code');
    for (const b of [
      'fixmedins_hilist_id',
      'fixmedins_hilist_name',
      'list_type',
      'med_list_codg',
      'begndate',
      'enddate',
    ]) {
      const c = d.col('mapping', b);
      if (c) cols.push(c.column), vals.push(`:${b}`);
      else todos.push(`${b}: no column to write it to`);
    }
    for (const b of ['created_at', 'updated_at'])
      if (d.col('mapping', b)) cols.push(d.col('mapping', b)!.column), vals.push(d.time(':now'));
    return { sql: `INSERT INTO ${d.table('mapping')} (${cols.join(', ')})\nVALUES (${vals.join(', ')})`, todos };
  },
  end_mapping: (d) => {
    const no = need(d, 'mapping');
    if (no) return { unsupported: no };
    const upd = d.col('mapping', 'updated_at') ? `, ${d.col('mapping', 'updated_at')!.column} = :now` : '';
    const c = (x: string) => d.col('mapping', x)?.column ?? `${x} /* TODO */`;
    return {
      sql: `UPDATE ${d.table('mapping')}\nSET ${c('enddate')} = :enddate${upd}\nWHERE ${d.m.mapping?.tenant ? `${d.m.mapping.tenant.column} = :fixmedins_code AND ` : ''}${c('fixmedins_hilist_id')} = :fixmedins_hilist_id AND ${c('med_list_codg')} = :med_list_codg\n  AND ${c('begndate')} = :begndate`,
      todos: [],
    };
  },
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

type Setter = (canonical: string, value: string) => string[];

/** UPDATE of the settlement row of :msgid to a status, from the statuses it may leave. */
function statusWrite(
  d: Draft,
  to: string,
  from: string[],
  sets: (set: Setter, col: (c: string) => string | undefined) => string[],
): Piece | { unsupported: string } {
  const no = need(d, 'settlement');
  if (no) return { unsupported: no };
  const todos: string[] = [];
  const col = (c: string) => d.col('settlement', c)?.column;
  const set: Setter = (c, v) =>
    col(c) ? [`${col(c)} = ${c === 'setl_time' ? d.time(v) : v}`] : (todos.push(`${c}: no column to write it to`), []);
  const status = col('his_status');
  if (!status || !col('msgid'))
    return { unsupported: 'no status or msgid column found in the settlement table — write this statement by hand' };
  const parts = [
    ...sets(set, col),
    `${status} = ${d.code('settlement', 'his_status', to)}`,
    ...(col('updated_at') ? [`${col('updated_at')} = ${d.time(':now')}`] : []),
  ];
  const tenant = d.m.settlement?.tenant ? `${d.m.settlement.tenant.column} = :fixmedins_code AND ` : '';
  const ins = from.map((f) => d.code('settlement', 'his_status', f)).join(', ');
  return {
    sql: `UPDATE ${d.table('settlement')}\nSET ${parts.join(',\n    ')}\nWHERE ${tenant}${col('msgid')} = :msgid AND ${status} ${from.length === 1 ? `= ${ins}` : `IN (${ins})`}`,
    todos,
  };
}

/** Which roles a statement reads or writes (for its confidence note). */
const ROLES_OF: Record<string, Role[]> = {
  pending_settlements: ['settlement', 'log'],
  orphan_center_calls: ['log', 'settlement'],
  center_log_by_msgid: ['log'],
  fee_lines_of_settlement: ['fee', 'settlement'],
  fee_lines_of_visit: ['fee'],
  items_billed_since: ['item', 'fee'],
  his_items: ['item'],
  drug_trace_prefixes: ['trace_prefix'],
  dispensing_for_upload: ['dispense', 'dispense_trace', 'mapping'],
  stock_for_upload: ['stock', 'stock_trace', 'mapping'],
  mappings: ['mapping'],
  mappings_of_item: ['mapping'],
  insert_mapping: ['mapping'],
  end_mapping: ['mapping'],
};

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

function note(m: ProposedMapping, name: string, todos: string[]): string[] {
  const tables = (ROLES_OF[name] ?? ['settlement']).map((r) => m[r]).filter((t): t is TableMatch => !!t);
  const conf = tables.reduce<Confidence>((c, t) => (RANK[t.confidence] < RANK[c] ? t.confidence : c), 'high');
  const level = todos.length && conf === 'high' ? 'medium' : conf;
  return [
    `  # confidence: ${level} — ${tables.map((t) => `${t.table}${t.comment ? ` (${t.comment})` : ''}`).join(', ')}`,
    ...todos.map((t) => `  # TODO ${t}`),
  ];
}

/** A statement that cannot use a required bind (its key) cannot be drafted: it must be written by hand. */
function requiredBindsUsed(name: string, p: Piece): Piece | { unsupported: string } {
  const spec = STATEMENTS[name];
  const lost = Object.entries(spec?.binds ?? {})
    .filter(([b, bs]) => bs.required && !new RegExp(`:${b}\\b`).test(p.sql))
    .map(([b]) => b);
  return lost.length
    ? { unsupported: `no column found for ${lost.map((b) => `:${b}`).join(', ')} — write this statement by hand` }
    : p;
}

const indent = (s: string, n: number) =>
  s
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');

export interface RenderDraftOptions {
  dialect: Dialect;
  /** Where the schema came from (shown in the header, without secrets). */
  source: string;
  /** Statement names in the order the profile lists them. */
  statements: readonly string[];
}

/** The whole profile text. */
export function renderDraft(
  m: ProposedMapping,
  o: RenderDraftOptions,
): { text: string; todos: number; unsupported: string[] } {
  const d = new Draft(m, o.dialect);
  const out: string[] = [
    `# HIS profile drafted by hisops profile draft from ${o.source} (${o.dialect}).`,
    '# Every statement says how sure the draft is and what it could not decide (TODO). Read each one,',
    '# fix the TODOs, then run hisops profile check (or hisops doctor) before any job uses it.',
    '#',
    '# Tables found:',
    ...(Object.entries(m) as Array<[Role, TableMatch]>).map(
      ([r, t]) =>
        `#   ${r}: ${t.table}${t.comment ? ` (${t.comment})` : ''} — ${t.confidence}: ${t.why}${t.tenant ? `; hospital code ${t.tenant.column}` : ''}`,
    ),
    ...(Object.keys(ROLES) as Role[])
      .filter((r) => !m[r])
      .map((r) => `#   ${r}: TODO no table found for ${ROLES[r].what}`),
  ];
  if (Object.values(m).some((t) => t?.tenant))
    out.push(
      '#',
      '# The hospital-code columns are bound to :fixmedins_code (the institution in hisops.yaml). If they',
      "# hold the HIS's own hospital code instead, declare it under binds: and use that bind.",
    );
  out.push(`name: drafted`, `description: drafted from ${o.source}`, 'statements:');
  let todos = 0;
  const unsupported: string[] = [];
  for (const name of o.statements) {
    const b = BUILDERS[name];
    // Optional statements over tables the draft does not look for (stock-takes, invoice numbers of
    // stock-ins) are left out: the jobs work without them, and a guess would only mislead.
    if (!b && STATEMENTS[name]?.optional) continue;
    const built = b ? b(d) : { unsupported: 'hisops profile draft does not know this statement yet' };
    const r = 'unsupported' in built ? built : requiredBindsUsed(name, built);
    if ('unsupported' in r) {
      unsupported.push(name);
      todos++;
      out.push('', `  # TODO ${r.unsupported}`, `  ${name}:`, `    unsupported: ${r.unsupported}`);
      continue;
    }
    todos += r.todos.length;
    out.push('', ...note(m, name, r.todos), `  ${name}:`, '    sql: |', indent(r.sql, 6));
  }
  return { text: out.join('\n') + '\n', todos, unsupported };
}
