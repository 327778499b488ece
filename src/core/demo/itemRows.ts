/**
 * The demo HIS's items (his_item with their product-identification codes) and their mappings to
 * the national catalog (his_mapping), with the mapping anomalies: an overlap and a code the
 * national catalog does not know.
 */
import type { DemoItem } from './catalog.js';
import { addDays, stamp } from './dates.js';
import type { HisState } from './hisState.js';
import type { RowSink } from './rowSink.js';
import { fenToString } from './split.js';

/** Items, product-identification codes and mappings (with the mapping anomalies). */
export function itemRows(g: HisState, sink: RowSink): void {
  const created = stamp(addDays(g.opts.startDate, -400), 9 * 3600);
  addItems(g, sink, created);
  addMappings(g, sink, created);
}

/** Each item and its product-identification codes (the first is the smallest package). */
function addItems(g: HisState, sink: RowSink, created: string): void {
  const c = g.catalog;
  for (const it of c.items) {
    sink.add('his_item', {
      fixmedins_hilist_id: it.fixmedins_hilist_id,
      fixmedins_hilist_name: it.fixmedins_hilist_name,
      list_type: it.list_type,
      med_chrgitm_type: it.med_chrgitm_type,
      chrgitm_lv: it.chrgitm_lv,
      pric: fenToString(it.pricFen),
      prcunt: it.prcunt,
      spec: it.spec,
      dosform: it.dosform ?? null,
      prodentp_name: it.prodentp_name ?? null,
      aprvno: it.aprvno ?? null,
      rx_flag: it.rx_flag,
      trac_flag: it.trac ? '1' : '0',
      vali_flag: '1',
      created_at: created,
      updated_at: created,
    });
    it.trac_prefixes.forEach((p, k) =>
      sink.add('his_item_trac_prefix', {
        fixmedins_hilist_id: it.fixmedins_hilist_id,
        trac_prefix: p,
        pack_lv: k === 0 ? '1' : '2',
      }),
    );
  }
}

/** One mapping row per item (two for the remapped one); the planted problems are recorded as anomalies. */
function addMappings(g: HisState, sink: RowSink, created: string): void {
  const start = g.opts.startDate;
  const c = g.catalog;
  const map = (it: DemoItem, code: string, beg: string, end: string, memo: string | null = null) =>
    sink.add('his_mapping', {
      fixmedins_hilist_id: it.fixmedins_hilist_id,
      fixmedins_hilist_name: it.fixmedins_hilist_name,
      list_type: it.list_type,
      med_list_codg: code,
      begndate: beg,
      enddate: end,
      memo,
      created_at: created,
      updated_at: created,
    });
  for (const it of c.items) {
    if (it === c.remapped) {
      // A normal remapping inside the window: the old row ends the day before the new one starts.
      map(it, it.med_list_codg, '2020-01-01', addDays(start, 1));
      map(it, c.remapCode, addDays(start, 2), '2099-12-31', '国家编码调整');
    } else if (it.special === 'no_mapping') {
      map(it, it.med_list_codg, '2020-01-01', start, '停止对照');
    } else if (it.special === 'overlap') {
      map(it, it.med_list_codg, '2020-01-01', '2099-12-31');
      map(it, c.overlapCode, addDays(start, -30), '2099-12-31');
      g.addAnomaly({
        job: 'mapping',
        kind: 'mapping_overlap',
        side: 'his',
        day: null,
        keys: { fixmedins_hilist_id: it.fixmedins_hilist_id, med_list_codg: [it.med_list_codg, c.overlapCode] },
        detail: `two mapping rows of ${it.fixmedins_hilist_id} overlap from ${addDays(start, -30)} (${it.med_list_codg} and ${c.overlapCode})`,
      });
    } else if (it.special === 'unknown_code') {
      map(it, it.med_list_codg, '2020-01-01', '2099-12-31');
      g.addAnomaly({
        job: 'mapping',
        kind: 'mapping_unknown_code',
        side: 'his',
        day: null,
        keys: { fixmedins_hilist_id: it.fixmedins_hilist_id, med_list_codg: it.med_list_codg },
        detail: `${it.fixmedins_hilist_id} is mapped to ${it.med_list_codg}, which is not in the national catalog`,
      });
    } else map(it, it.med_list_codg, '2020-01-01', '2099-12-31');
  }
}
