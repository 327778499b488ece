/**
 * Supplier code lists (入库发票号 → 追溯码) against the HIS's stock-in lines: which code goes to which
 * stock-in record, and what does not fit. Pure: the caller reads the files (readInvoiceFiles.ts)
 * and the HIS lines of each invoice (stock_in_by_invoice), and writes the plan's codes through
 * insert_stock_code (importInvoiceCodes.ts).
 *
 * A code is validated on its own (20 digits; no check digit is checked: no public algorithm for the
 * 码上放心 20-digit code is known), then against the other codes of all files (the same code on two
 * invoices holds back every copy: which invoice is right is for a person to say), then matched to a
 * stock-in line by invoice number and drug (hospital code or name; batch when the file gives one and
 * the invoice has that drug in several batches), and its product prefix (first 7 digits) against the
 * drug's known prefixes (drug_trace_prefixes). Codes the HIS already holds on the line are skipped,
 * so a second run writes nothing. A line with fewer codes than its quantity — after the file's codes
 * — is reported, its codes still written: staff scan the rest at the counter.
 */
import { D } from '../money.js';
import { normalizeCode, productPrefix } from './normalizeCode.js';
import type { PrefixIndex } from './mappingIndex.js';
import { STOCK_IN_TYPES } from './types.js';
import { INVOICE_FINDING_FIX, type InvoiceFinding, type InvoiceFindingKind } from './invoiceFindings.js';

/** One code of a supplier file, as read. */
export interface InvoiceCodeRow {
  file: string;
  line: number;
  invc_no: string;
  /** The drug as the supplier wrote it: hospital item code or name (may be empty). */
  drug: string;
  drug_trac_codg: string;
  manu_lotnum: string;
  expy_end: string;
}

/** A stock-in line of an invoice in the HIS (stock_in_by_invoice, grouped), with the codes it holds. */
export interface InvoiceLine {
  stock_id: string;
  invc_no: string;
  inv_chg_type: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  fixmedins_bchno: string;
  manu_lotnum: string;
  cnt: string;
  codes: string[];
}

/** A code to write: the stock-in record, its position, where it came from. */
export interface InvoiceWrite {
  stock_id: string;
  trac_seq: number;
  drug_trac_codg: string;
  invc_no: string;
  fixmedins_hilist_id: string;
  file: string;
  line: number;
}

export interface InvoiceLineSummary {
  invc_no: string;
  stock_id: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  cnt: string;
  /** Codes the HIS held before. */
  had: number;
  /** Codes the files add. */
  adding: number;
  /** Codes of the files already on the line (a second run). */
  already: number;
}

export interface InvoicePlan {
  rows: number;
  invoices: number;
  writes: InvoiceWrite[];
  lines: InvoiceLineSummary[];
  findings: InvoiceFinding[];
  /** Codes the HIS already held on their line: nothing to write. */
  already: number;
}

const norm = (s: string) => s.replace(/[\s\u3000]+/g, '').toLowerCase();

/** Stock-in lines of `stock_in_by_invoice` rows (one row per code, a line without codes once with a null code). */
export function invoiceLines(rows: ReadonlyArray<Record<string, unknown>>): InvoiceLine[] {
  const byId = new Map<string, InvoiceLine>();
  const t = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  for (const r of rows) {
    const id = t(r.stock_id);
    let line = byId.get(id);
    if (!line) {
      line = {
        stock_id: id,
        invc_no: t(r.invc_no),
        inv_chg_type: t(r.inv_chg_type),
        fixmedins_hilist_id: t(r.fixmedins_hilist_id),
        fixmedins_hilist_name: t(r.fixmedins_hilist_name),
        fixmedins_bchno: t(r.fixmedins_bchno),
        manu_lotnum: t(r.manu_lotnum),
        cnt: t(r.cnt) || '0',
        codes: [],
      };
      byId.set(id, line);
    }
    const code = t(r.drug_trac_codg);
    if (code) line.codes.push(code);
  }
  return [...byId.values()].filter((l) => l.inv_chg_type === '' || STOCK_IN_TYPES.has(l.inv_chg_type));
}

interface PlanInvoiceOptions {
  rows: readonly InvoiceCodeRow[];
  /** The HIS's stock-in lines per invoice number (an invoice missing here is unknown to the HIS). */
  lines: ReadonlyMap<string, readonly InvoiceLine[]>;
  /** Known product prefixes per drug (drug_trace_prefixes); without it prefixes are not judged. */
  prefixes?: PrefixIndex;
}

type Add = (
  kind: InvoiceFindingKind,
  r: Pick<InvoiceCodeRow, 'file' | 'line' | 'invc_no' | 'drug'>,
  message: string,
  extra?: Partial<InvoiceFinding>,
) => void;
type ValidCode = { row: InvoiceCodeRow; code: string };
type Counted = { line: InvoiceLine; first: InvoiceCodeRow; listed: number; adding: string[]; already: number };

export function planInvoiceCodes(o: PlanInvoiceOptions): InvoicePlan {
  const findings: InvoiceFinding[] = [];
  const add: Add = (kind, r, message, extra = {}) =>
    findings.push({
      kind,
      file: r.file,
      line: r.line,
      invc_no: r.invc_no,
      drug: r.drug,
      drug_trac_codg: null,
      stock_id: null,
      related: null,
      message,
      fix: INVOICE_FINDING_FIX[kind],
      ...extra,
    });
  const { valid, blocked } = judgeCodes(o.rows, add);
  const { lineOf, counted } = matchLines(o, add);
  const { writes, already } = collectWrites(o, valid, blocked, lineOf, counted, add);
  const lines = summarize(counted, writes, add);
  findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.kind.localeCompare(b.kind),
  );
  lines.sort((a, b) => a.invc_no.localeCompare(b.invc_no) || a.stock_id.localeCompare(b.stock_id));
  return {
    rows: o.rows.length,
    invoices: new Set(o.rows.map((r) => r.invc_no)).size,
    writes,
    lines,
    findings,
    already,
  };
}

/** 1. Each code on its own, then across all files: a code on two invoices holds back every copy. */
function judgeCodes(rows: readonly InvoiceCodeRow[], add: Add): { valid: ValidCode[]; blocked: Set<ValidCode> } {
  const valid: ValidCode[] = [];
  const where = new Map<string, ValidCode[]>();
  for (const row of rows) {
    const v = normalizeCode(row.drug_trac_codg);
    if (!v.ok) {
      add(v.kind === 'bad_chars' ? 'bad_chars' : 'bad_length', row, v.reason, { drug_trac_codg: row.drug_trac_codg });
      continue;
    }
    const e = { row, code: v.code };
    const list = where.get(v.code) ?? [];
    list.push(e);
    where.set(v.code, list);
    valid.push(e);
  }
  const blocked = new Set<ValidCode>();
  for (const [code, list] of where) {
    if (list.length < 2) continue;
    const invoices = new Set(list.map((x) => x.row.invc_no));
    if (invoices.size > 1) {
      for (const x of list) {
        const other = list.find((y) => y.row.invc_no !== x.row.invc_no)!;
        add(
          'code_on_two_invoices',
          x.row,
          `${code} is listed on invoice ${x.row.invc_no} and on invoice ${other.row.invc_no} (${other.row.file}:${other.row.line})`,
          { drug_trac_codg: code, related: `${other.row.file}:${other.row.line}` },
        );
        blocked.add(x);
      }
    } else {
      for (const x of list.slice(1)) {
        add(
          'duplicate_in_file',
          x.row,
          `${code} is listed again (first at ${list[0]!.row.file}:${list[0]!.row.line})`,
          { drug_trac_codg: code, related: `${list[0]!.row.file}:${list[0]!.row.line}` },
        );
        blocked.add(x);
      }
    }
  }
  return { valid, blocked };
}

/** 2. Invoice and drug → stock-in line. Rows keep their files' order; every code of a row with a finding still counts as listed for its line. */
function matchLines(
  o: PlanInvoiceOptions,
  add: Add,
): { lineOf: Map<string, InvoiceLine>; counted: Map<string, Counted> } {
  const lineOf = new Map<string, InvoiceLine>();
  const counted = new Map<string, Counted>();
  const unknownShown = new Set<string>();
  const notOnShown = new Set<string>();
  for (const row of o.rows) {
    const lines = o.lines.get(row.invc_no);
    if (!lines || lines.length === 0) {
      if (!unknownShown.has(row.invc_no))
        add('unknown_invoice', row, `the HIS has no stock-in with invoice number ${row.invc_no}`);
      unknownShown.add(row.invc_no);
      continue;
    }
    const line = pickLine(lines, row, o.prefixes);
    if (!line) {
      const k = `${row.invc_no}|${norm(row.drug)}`;
      if (!notOnShown.has(k))
        add(
          'drug_not_on_invoice',
          row,
          `invoice ${row.invc_no} has no stock-in line of ${row.drug || '(no drug given)'} (it has ${[...new Set(lines.map((l) => l.fixmedins_hilist_id))].join(', ')})`,
        );
      notOnShown.add(k);
      continue;
    }
    lineOf.set(`${row.file}:${row.line}`, line);
    const c = counted.get(line.stock_id) ?? { line, first: row, listed: 0, adding: [], already: 0 };
    counted.set(line.stock_id, c);
    c.listed++;
  }
  return { lineOf, counted };
}

/** The codes to add to their lines: not held already, not on another line, of the line's drug. */
function collectWrites(
  o: PlanInvoiceOptions,
  valid: readonly ValidCode[],
  blocked: ReadonlySet<ValidCode>,
  lineOf: ReadonlyMap<string, InvoiceLine>,
  counted: ReadonlyMap<string, Counted>,
  add: Add,
): { writes: InvoiceWrite[]; already: number } {
  const heldElsewhere = new Map<string, string>();
  for (const ls of o.lines.values()) for (const l of ls) for (const c of l.codes) heldElsewhere.set(c, l.stock_id);
  const writes: InvoiceWrite[] = [];
  let already = 0;
  for (const e of valid) {
    if (blocked.has(e)) continue;
    const line = lineOf.get(`${e.row.file}:${e.row.line}`);
    if (!line) continue;
    const c = counted.get(line.stock_id)!;
    if (line.codes.includes(e.code)) {
      c.already++;
      already++;
      continue;
    }
    const other = heldElsewhere.get(e.code);
    if (other !== undefined && other !== line.stock_id) {
      add('code_on_other_line', e.row, `${e.code} is already on stock-in ${other} in the HIS`, {
        drug_trac_codg: e.code,
        stock_id: line.stock_id,
        related: other,
      });
      continue;
    }
    const known = o.prefixes?.get(line.fixmedins_hilist_id);
    if (known && known.size && !known.has(productPrefix(e.code))) {
      const owner = ownerOf(o.prefixes!, productPrefix(e.code));
      add(
        'code_other_drug',
        e.row,
        `${e.code} starts with ${productPrefix(e.code)}, ${owner ? `the product code of ${owner}` : 'a product code of no known drug'}, not one of ${line.fixmedins_hilist_id}'s (${[...known].sort().join(', ')})`,
        { drug_trac_codg: e.code, stock_id: line.stock_id, related: owner },
      );
      continue;
    }
    c.adding.push(e.code);
    writes.push({
      stock_id: line.stock_id,
      trac_seq: 0,
      drug_trac_codg: e.code,
      invc_no: e.row.invc_no,
      fixmedins_hilist_id: line.fixmedins_hilist_id,
      file: e.row.file,
      line: e.row.line,
    });
  }
  return { writes, already };
}

/** 3. Positions after the codes each line holds; quantities against codes. */
function summarize(counted: ReadonlyMap<string, Counted>, writes: InvoiceWrite[], add: Add): InvoiceLineSummary[] {
  const next = new Map<string, number>();
  for (const w of writes) {
    const line = counted.get(w.stock_id)!.line;
    const n = (next.get(w.stock_id) ?? line.codes.length) + 1;
    next.set(w.stock_id, n);
    w.trac_seq = n;
  }
  const lines: InvoiceLineSummary[] = [];
  for (const c of counted.values()) {
    const l = c.line;
    lines.push({
      invc_no: l.invc_no,
      stock_id: l.stock_id,
      fixmedins_hilist_id: l.fixmedins_hilist_id,
      fixmedins_hilist_name: l.fixmedins_hilist_name,
      cnt: l.cnt,
      had: l.codes.length,
      adding: c.adding.length,
      already: c.already,
    });
    // What the line will hold: its own codes and every code the files list for it that it does not hold yet.
    const total = l.codes.length + c.listed - c.already;
    const cnt = D(l.cnt);
    if (cnt.gt(total))
      add(
        'codes_short',
        c.first,
        `stock-in ${l.stock_id} (${l.fixmedins_hilist_id}) received ${cnt.toString()}, the HIS and the list give ${total} code(s)`,
        { stock_id: l.stock_id, cnt: cnt.toString(), codes: total },
      );
    else if (cnt.lt(total))
      add(
        'codes_over',
        c.first,
        `stock-in ${l.stock_id} (${l.fixmedins_hilist_id}) received ${cnt.toString()}, the HIS and the list give ${total} code(s)`,
        { stock_id: l.stock_id, cnt: cnt.toString(), codes: total },
      );
  }
  return lines;
}

/** The invoice's line for a row: by drug code or name, then batch; a row naming no drug goes by the code's product prefix. */
function pickLine(
  lines: readonly InvoiceLine[],
  row: InvoiceCodeRow,
  prefixes: PrefixIndex | undefined,
): InvoiceLine | undefined {
  const d = norm(row.drug);
  let cands: InvoiceLine[];
  if (d) cands = lines.filter((l) => norm(l.fixmedins_hilist_id) === d || norm(l.fixmedins_hilist_name) === d);
  else if (lines.length === 1) cands = [...lines];
  else {
    const v = normalizeCode(row.drug_trac_codg);
    cands =
      v.ok && prefixes ? lines.filter((l) => prefixes.get(l.fixmedins_hilist_id)?.has(productPrefix(v.code))) : [];
  }
  if (cands.length <= 1) return cands[0];
  const b = norm(row.manu_lotnum);
  const byBatch = b ? cands.filter((l) => norm(l.manu_lotnum) === b || norm(l.fixmedins_bchno) === b) : [];
  return byBatch[0] ?? cands[0];
}

function ownerOf(prefixes: PrefixIndex, prefix: string): string | null {
  for (const [drug, set] of prefixes) if (set.has(prefix)) return drug;
  return null;
}
