/**
 * The planted traceability-code anomalies of the pharmacy: walk-in self-pay sales and returns
 * that each carry one problem (a code too short, letters, a code scanned twice, a code sold
 * twice, a return never sold, a sale of an unmapped drug), and their anomaly records.
 */
import { compact } from './dates.js';
import { pad, type DrugState, type HisState } from './hisState.js';
import type { SaleIntent } from './pharmacy.js';
import type { Rng } from './prng.js';

/** Planted pharmacy records: standalone self-pay sales/returns that each carry one trace-code anomaly. */
export function plantTrace(g: HisState, rng: Rng, d: number, sales: SaleIntent[]): void {
  const plan = g.plans[d]!;
  const day = g.days[d]!;
  const natural = [...g.drugs.values()].filter((x) => !x.item.special);
  const pick = () => natural[rng.int(natural.length)]!;
  const walkIn = (drug: DrugState, type: 'sale' | 'return', planted: string, cnt = 1): SaleIntent => {
    const s: SaleIntent = {
      type,
      drug,
      cnt,
      sec: rng.range(9 * 3600, 16 * 3600),
      setl_id: null,
      mdtrt_sn: `ZF${compact(day)}${pad(rng.int(100_000), 5)}`,
      psn: null,
      rxno: null,
      doctor: null,
      planted,
    };
    sales.push(s);
    return s;
  };
  for (const kind of plan.trace) {
    if (kind === 'invalid_length' || kind === 'invalid_chars' || kind === 'duplicate' || kind === 'sold_twice_first')
      walkIn(pick(), 'sale', kind, kind === 'duplicate' ? 2 : 1);
    else if (kind === 'sold_twice_second') {
      const first = g.soldTwiceCode;
      if (!first) throw new Error('demo seed: the first sale of the sold-twice pair is missing');
      walkIn(first.drug, 'sale', kind);
    } else if (kind === 'return_never_sold') walkIn(pick(), 'return', kind);
    else if (kind === 'no_mapping_sale') walkIn(g.drugs.get('YP90001')!, 'sale', kind);
  }
}

/** The anomaly a planted record carries, now that its disp_id and codes are known. */
export function recordPlanted(g: HisState, s: SaleIntent, day: string, disp_id: string, codes: string[]): void {
  if (!s.planted) return;
  const drug = s.drug.item.fixmedins_hilist_id;
  const base = { job: 'trace' as const, side: 'his' as const, day };
  switch (s.planted) {
    case 'invalid_length':
      g.addAnomaly({
        ...base,
        kind: 'trace_invalid_length',
        keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
        detail: 'a scanned code of 19 digits (one digit lost)',
      });
      break;
    case 'invalid_chars':
      g.addAnomaly({
        ...base,
        kind: 'trace_invalid_chars',
        keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
        detail: 'a scanned code with letters in it',
      });
      break;
    case 'duplicate':
      g.addAnomaly({
        ...base,
        kind: 'trace_duplicate_in_record',
        keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
        detail: 'the same code scanned twice in one sale (sel_retn_cnt 2)',
      });
      break;
    case 'sold_twice_first':
      g.soldTwiceCode = { code: codes[0]!, disp_id, drug: s.drug, serial: s.serials![0]! };
      break;
    case 'sold_twice_second':
      g.addAnomaly({
        ...base,
        kind: 'trace_sold_twice',
        keys: {
          disp_id: [g.soldTwiceCode!.disp_id, disp_id],
          drug_trac_codg: codes[0]!,
          fixmedins_hilist_id: drug,
        },
        detail: 'a code sold in an earlier sale is sold again',
      });
      break;
    case 'return_never_sold':
      g.addAnomaly({
        ...base,
        kind: 'trace_return_never_sold',
        keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
        detail: 'a sale return of a code that was never sold (nor stocked)',
      });
      break;
    case 'no_mapping_sale':
      g.addAnomaly({
        ...base,
        kind: 'dispense_no_mapping',
        keys: { disp_id, fixmedins_hilist_id: drug, drug_trac_codg: codes[0]! },
        detail: `${drug} is sold on ${day}; its only mapping ended on ${g.opts.startDate}`,
      });
      break;
  }
}
