/**
 * Profile rows → records. `dispensing_for_upload` and `stock_for_upload` return one row per scanned
 * code (a record without codes once, with a null code); the rows of one record are folded into one
 * TraceRecord whose codes keep the scan order (trac_seq).
 */
import { inputError } from '../errors.js';
import { STOCK_IN_TYPES, type TraceKind, type TraceRecord } from './types.js';

type Row = Record<string, unknown>;

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

interface GroupOptions {
  /** Source line of each row (file input), to point findings at the file. */
  lines?: readonly number[];
}

/** Kind of a dispensing row: disp_type `sale`/`return` (also 1/2, 销售/退货, as HIS vendors write them). */
export function dispenseKind(disp_type: unknown): 'sale' | 'return' | undefined {
  const t = String(disp_type ?? '')
    .trim()
    .toLowerCase();
  if (t === 'sale' || t === '1' || t === '销售' || t === 'sell') return 'sale';
  if (t === 'return' || t === '2' || t === '退货' || t === 'refund') return 'return';
  return undefined;
}

export function stockKind(inv_chg_type: unknown): 'stock-in' | 'stock-change' {
  return STOCK_IN_TYPES.has(String(inv_chg_type ?? '').trim()) ? 'stock-in' : 'stock-change';
}

/** Group dispensing rows (sales and returns) into records. */
export function groupDispensing(rows: readonly Row[], opts: GroupOptions = {}): TraceRecord[] {
  return group(rows, opts, DISPENSE_SPEC);
}

const DISPENSE_SPEC: GroupSpec = {
  prefix: 'disp',
  idCol: 'disp_id',
  timeCol: 'sel_retn_time',
  cntCol: 'sel_retn_cnt',
  kindOf: (r) => {
    const kind = dispenseKind(r.disp_type);
    if (!kind) {
      throw inputError(
        'TRACE_BAD_DISP_TYPE',
        `Dispensing record ${String(r.disp_id)} has disp_type "${String(r.disp_type ?? '')}", which is neither a sale nor a return`,
        'Make the profile statement dispensing_for_upload return disp_type as sale or return (see docs/profile.md).',
      ).zh(
        `发药记录 ${String(r.disp_id)} 的 disp_type 为 "${String(r.disp_type ?? '')}"，既不是销售也不是退货`,
        '请让接口配置语句 dispensing_for_upload 返回 sale 或 return 作为 disp_type（见 docs/profile.md）。',
      );
    }
    return kind;
  },
};

/** Group stock rows (stock-in and other stock changes) into records. */
export function groupStock(rows: readonly Row[], opts: GroupOptions = {}): TraceRecord[] {
  return group(rows, opts, STOCK_SPEC);
}

/**
 * Group stock-take rows (stock_count_for_upload) into records. A stock-take has a day, not a time:
 * it is placed at the end of its day, after the day's movements it counts.
 */
export function groupStockCount(rows: readonly Row[], opts: GroupOptions = {}): TraceRecord[] {
  return group(rows, opts, {
    prefix: 'count',
    idCol: 'count_id',
    timeCol: 'invdate',
    cntCol: 'inv_cnt',
    kindOf: () => 'stock-count',
  });
}

interface GroupSpec {
  prefix: 'disp' | 'stock' | 'count';
  idCol: string;
  timeCol: string;
  cntCol: string;
  kindOf: (r: Row) => TraceKind;
}

const STOCK_SPEC: GroupSpec = {
  prefix: 'stock',
  idCol: 'stock_id',
  timeCol: 'inv_chg_time',
  cntCol: 'cnt',
  kindOf: (r) => stockKind(r.inv_chg_type),
};

function group(rows: readonly Row[], opts: GroupOptions, spec: GroupSpec): TraceRecord[] {
  const g = new RecordGrouper(spec, opts);
  rows.forEach((r, i) => g.add(r, i));
  return g.records();
}

/** Folds rows into records as they come (a record's rows need not be next to each other). */
class RecordGrouper {
  private readonly byKey = new Map<string, TraceRecord>();

  constructor(
    readonly spec: GroupSpec,
    private readonly opts: GroupOptions,
  ) {}

  /** The record a row with this id belongs to, if one is open already. */
  existing(id: string): TraceRecord | undefined {
    return this.byKey.get(`${this.spec.prefix}:${id}`);
  }

  /** Fold a row into its record (opened by it when it is the record's first row); returns the record. */
  add(r: Row, i: number): TraceRecord {
    const { prefix, idCol } = this.spec;
    const id = text(r[idCol]);
    if (id === null) {
      throw inputError(
        'TRACE_NO_ID',
        `A ${prefix === 'disp' ? 'dispensing' : prefix === 'count' ? 'stock-take' : 'stock'} row has no ${idCol}${this.opts.lines ? ` (line ${this.opts.lines[i]})` : ''}`,
        `Every row needs its record id (${idCol}); check the profile statement or the file.`,
      ).zh(
        `一条${prefix === 'disp' ? '发药' : prefix === 'count' ? '盘存' : '出入库'}记录没有 ${idCol}${this.opts.lines ? `（第 ${this.opts.lines[i]} 行）` : ''}`,
        `每条记录都需要其编号（${idCol}）；请检查接口配置语句或文件。`,
      );
    }
    const rec = this.existing(id) ?? this.open(r, id, i);
    addCode(rec, r.drug_trac_codg, r.trac_seq);
    return rec;
  }

  private open(r: Row, id: string, i: number): TraceRecord {
    const { prefix, timeCol, cntCol } = this.spec;
    const key = `${prefix}:${id}`;
    const given = text(r[timeCol]) ?? '';
    const time = given.length === 10 ? `${given} 23:59:59` : given;
    const rec: TraceRecord = {
      key,
      kind: this.spec.kindOf(r),
      id,
      time,
      day: time.slice(0, 10),
      fixmedins_hilist_id: text(r.fixmedins_hilist_id) ?? '',
      origId: prefix === 'disp' ? text(r.orig_disp_id) : null,
      cnt: text(r[cntCol]),
      codes: [],
      // The record's first row as it is (its code columns are ignored): no copy per record.
      fields: r,
      ...(this.opts.lines ? { line: this.opts.lines[i] } : {}),
    };
    this.byKey.set(key, rec);
    return rec;
  }

  records(): TraceRecord[] {
    return [...this.byKey.values()];
  }
}

function addCode(rec: TraceRecord, code: unknown, seq: unknown): void {
  // A LEFT JOIN gives a record without codes one row with a null code: that is "no codes", not an empty scan.
  if (code === null || code === undefined) {
    if (seq !== null && seq !== undefined) rec.codes.push(null);
  } else rec.codes.push(String(code));
}

/**
 * Groups a statement's rows handed over raw, as arrays (runStatementEach): only a record's first
 * row becomes a canonical row object (its fields); the rest give their code alone. One row per
 * code repeats every field of its record, so this spares an object and a normalisation per code.
 */
export function rawGrouper(
  what: 'dispensing' | 'stock',
  normalize: (column: string, v: unknown) => unknown,
): { sink: (values: unknown[], columns: readonly string[]) => void; records: () => TraceRecord[] } {
  const g = new RecordGrouper(what === 'dispensing' ? DISPENSE_SPEC : STOCK_SPEC, {});
  let cols: readonly string[] | undefined;
  let at = { id: -1, code: -1, seq: -1 };
  let n = 0;
  // The record of the row before, by its raw id: a record's rows come one after the other, so
  // most rows find theirs without normalising the id and looking it up.
  let lastRaw: unknown;
  let last: TraceRecord | undefined;
  const sink = (values: unknown[], columns: readonly string[]) => {
    if (columns !== cols) {
      cols = columns;
      at = {
        id: columns.indexOf(g.spec.idCol),
        code: columns.indexOf('drug_trac_codg'),
        seq: columns.indexOf('trac_seq'),
      };
    }
    const rawId = at.id >= 0 ? values[at.id] : null;
    let rec: TraceRecord | undefined;
    if (rawId !== null && rawId !== undefined)
      rec = last !== undefined && rawId === lastRaw ? last : g.existing(String(normalize(g.spec.idCol, rawId)));
    if (rec)
      addCode(
        rec,
        at.code >= 0 ? normalize('drug_trac_codg', values[at.code]) : undefined,
        at.seq >= 0 ? values[at.seq] : undefined,
      );
    else {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]!] = normalize(columns[i]!, values[i]);
      rec = g.add(row, n);
    }
    lastRaw = rawId;
    last = rec;
    n++;
  };
  return { sink, records: () => g.records() };
}

const KIND_ORDER: Record<TraceKind, number> = {
  'stock-in': 0,
  'stock-count': 1,
  'stock-change': 2,
  sale: 3,
  return: 4,
};

/** Time order; at the same second goods come in before they go out, and a sale before its return. */
export function compareRecords(a: TraceRecord, b: TraceRecord): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  const k = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (k !== 0) return k;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
