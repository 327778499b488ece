/**
 * 1312 医保目录信息查询: a paged query over the latest state of the sandbox's file catalogs
 * (1301 西药中成药 101, 1302 中药饮片 102, 1303 制剂 103, 1305 服务项目 201, 1306 耗材 301),
 * filtered by updt_time (records updated at or after it), hilist_code, list_type, vali_flag.
 */
import { catalogVersions } from '../catalogGen.js';
import { node, pageOf, text, type Handler } from './context.js';

const LIST_TYPES: [string, string, string][] = [
  ['1301', '101', 'drug_prodname'],
  ['1302', '102', 'tcmherb_name'],
  ['1303', '103', 'drug_prodname'],
  ['1305', '201', 'servitem_name'],
  ['1306', '301', 'mcs_name'],
];

export const hilistQuery: Handler = (ctx) => {
  const d = node(ctx, 'data');
  const since = text(d, 'updt_time');
  const code = text(d, 'hilist_code');
  const listType = text(d, 'list_type');
  const vali = text(d, 'vali_flag');
  const pageNum = Math.max(1, Number(d.page_num));
  const pageSize = Math.max(1, Math.min(1000, Number(d.page_size)));
  const latest = new Map<string, Record<string, unknown>>();
  for (const [infno, lt, nameKey] of LIST_TYPES) {
    if (listType && listType !== lt) continue;
    for (const v of catalogVersions(infno, ctx.opts.seed, ctx.opts.catalog)) {
      for (const r of v.records) {
        latest.set(r.med_list_codg!, {
          hilist_code: r.med_list_codg,
          hilist_name: r[nameKey] ?? '',
          insu_admdvs: ctx.opts.admdvs,
          begndate: r.begndate,
          enddate: r.enddate,
          med_chrgitm_type: lt === '201' ? '05' : lt === '301' ? '08' : lt === '102' ? '10' : '09',
          chrgitm_lv: r.nat_hi_druglist_chrgitm_lv ?? '01',
          lmt_used_flag: '0',
          list_type: lt,
          med_use_flag: '1',
          matn_used_flag: '0',
          hilist_use_type: '1',
          lmt_cpnd_type: '',
          wubi: '',
          pinyin: '',
          memo: r.memo ?? '',
          vali_flag: r.vali_flag,
          rid: r.rid,
          updt_time: r.updt_time,
        });
      }
    }
  }
  const rows = [...latest.values()].filter(
    (r) =>
      (!since || String(r.updt_time) >= since) && (!code || r.hilist_code === code) && (!vali || r.vali_flag === vali),
  );
  return { output: pageOf(rows, pageNum, pageSize) };
};
