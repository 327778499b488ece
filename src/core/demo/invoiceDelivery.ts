/**
 * The delivery of the day after the last seeded day: supplier invoices booked as stock-in, and the
 * supplier's list of the boxes' codes with planted problems (see invoiceDelivery).
 */
import { addDays, compact, stamp } from './dates.js';
import { pad, type DrugState, type HisState } from './hisState.js';
import { addStockRow, traceCode } from './pharmacy.js';
import type { RowSink } from './rowSink.js';

/** A line of an invoice as booked, with the codes the supplier lists for it. */
interface InvoiceLine {
  invc_no: string;
  drug: DrugState;
  stock_id: string;
  lot: string;
  expy: string;
  codes: string[];
}

/**
 * The delivery of the day after the last: three supplier invoices booked as stock-in without
 * codes (the supplier sends them), and the supplier's code list (rows of supplierRows) with three
 * planted problems — a code on two invoices, a code of another drug, a line one code short.
 * Outside the seeded days, so the other steps never see these records. No random draws: the rest
 * of the data stays as it was.
 */
export function invoiceDelivery(g: HisState, sink: RowSink): void {
  const day = addDays(g.endDate, 1);
  const drugs = [...g.drugs.values()].filter((x) => !x.item.special && x.item.trac_prefixes.length > 0).slice(0, 4);
  if (drugs.length < 4) return;
  const [a, b, c, d] = drugs as [DrugState, DrugState, DrugState, DrugState];
  const inv = (n: number) => `FP${compact(day)}${pad(n, 4)}`;
  const plan: Array<{ invc_no: string; drug: DrugState; qty: number }> = [
    { invc_no: inv(1), drug: a, qty: 10 },
    { invc_no: inv(1), drug: b, qty: 6 },
    { invc_no: inv(2), drug: c, qty: 8 },
    { invc_no: inv(3), drug: d, qty: 5 },
  ];
  const lines = plan.map((p, i) => bookInvoiceLine(g, sink, day, p, i));
  plantListProblems(g, day, lines, d);
  for (const l of lines) {
    for (const code of l.codes)
      g.supplierRows.push([
        l.invc_no,
        l.drug.item.fixmedins_hilist_id,
        l.drug.item.fixmedins_hilist_name,
        l.lot,
        l.expy,
        code,
      ]);
  }
}

/** The stock-in of an invoice line (a new batch, his_stock with the invoice number) and the codes of its boxes. */
function bookInvoiceLine(
  g: HisState,
  sink: RowSink,
  day: string,
  p: { invc_no: string; drug: DrugState; qty: number },
  i: number,
): InvoiceLine {
  const it = p.drug.item;
  const stock_id = `RK${compact(day)}${pad(++g.seq.stock, 6)}`;
  const prefix = it.trac_prefixes[p.drug.batches.length % it.trac_prefixes.length]!;
  const manu = addDays(day, -90);
  const expy = addDays(manu, 730);
  const lot = `${compact(manu).slice(2)}${pad(i, 2)}`;
  const bchno = `B${compact(day)}${it.fixmedins_hilist_id}`;
  const batch = { start: p.drug.stocked, bchno, prefix, lot, manu, expy };
  p.drug.batches.push(batch);
  addStockRow(sink, p.drug, batch, stock_id, p.qty, stamp(day, 8 * 3600 + i * 60), p.invc_no);
  const codes = Array.from({ length: p.qty }, (_, k) => traceCode(prefix, p.drug.index, p.drug.stocked + k));
  p.drug.stocked += p.qty;
  return { invc_no: p.invc_no, drug: p.drug, stock_id, lot, expy, codes };
}

/** The supplier's list gets three problems (the lines' codes are changed in place), each an anomaly. */
function plantListProblems(g: HisState, day: string, lines: InvoiceLine[], d: DrugState): void {
  const base = { job: 'invoice' as const, side: 'his' as const, day };
  // A line one code short: the supplier left out the last box of b.
  const short = lines[1]!;
  const missing = short.codes.pop()!;
  g.addAnomaly({
    ...base,
    kind: 'invoice_code_missing',
    keys: {
      invc_no: short.invc_no,
      stock_id: short.stock_id,
      fixmedins_hilist_id: short.drug.item.fixmedins_hilist_id,
      drug_trac_codg: missing,
    },
    detail: `the list gives ${short.codes.length} codes for ${short.codes.length + 1} boxes`,
  });
  // A code of another drug: c's fourth code carries d's product prefix.
  const wrong = lines[2]!;
  const other = traceCode(d.item.trac_prefixes[0]!, d.index, 1_500_000_000);
  wrong.codes[3] = other;
  g.addAnomaly({
    ...base,
    kind: 'invoice_code_other_drug',
    keys: {
      invc_no: wrong.invc_no,
      stock_id: wrong.stock_id,
      fixmedins_hilist_id: wrong.drug.item.fixmedins_hilist_id,
      drug_trac_codg: other,
      other_drug: d.item.fixmedins_hilist_id,
    },
    detail: `a code of ${d.item.fixmedins_hilist_id} listed for ${wrong.drug.item.fixmedins_hilist_id}`,
  });
  // A code on two invoices: d's last code on invoice 3 is a's first code on invoice 1.
  const twice = lines[3]!;
  twice.codes[twice.codes.length - 1] = lines[0]!.codes[0]!;
  g.addAnomaly({
    ...base,
    kind: 'invoice_code_on_two_invoices',
    keys: { invc_no: [lines[0]!.invc_no, twice.invc_no], drug_trac_codg: lines[0]!.codes[0]! },
    detail: 'the same box listed on two invoices',
  });
}
