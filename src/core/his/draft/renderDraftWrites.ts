/** The drafts of the statements that write (pure): settlement status changes, inserted settlements and mappings. */
import { ROLES } from './dictionary.js';
import { type Builder, type Draft, need, type Piece } from './renderDraftSql.js';

export const WRITE_BUILDERS: Record<string, Builder> = {
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
