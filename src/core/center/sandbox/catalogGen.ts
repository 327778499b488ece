/**
 * Small generated national catalogs for the sandbox's downloads (1301–1315 of kind "file").
 * Deterministic for a seed. Each catalog has a few versions; every version publishes new records,
 * and later versions also change (v2) or discontinue (v3, vali_flag 0 with an end date) a record of
 * the first version — enough to exercise incremental import and validity intervals.
 *
 * Paging: a download with `ver` returns the records of the first version after it ("0" or ""
 * means from the start); the client passes back the ver_name of the last record it received
 * (or its ver) until a download comes back empty (data_cnt 0).
 */
import { CATALOG_COLUMNS } from '../protocol/index.js';
import { digitsFrom, pick } from './rng.js';

export interface CatalogOptions {
  /** Versions per catalog (default 3). */
  versions?: number;
  /** New records per version (default 6). */
  perVersion?: number;
}

export interface CatalogVersion {
  ver: string;
  ver_name: string;
  /** `yyyy-MM-dd` the version takes effect. */
  date: string;
  records: Record<string, string>[];
}

const DRUGS = [
  '阿莫西林胶囊',
  '布洛芬缓释胶囊',
  '头孢克肟片',
  '二甲双胍片',
  '氨氯地平片',
  '阿托伐他汀钙片',
  '奥美拉唑肠溶胶囊',
  '左氧氟沙星片',
  '硝苯地平控释片',
  '氯雷他定片',
  '蒙脱石散',
  '复方甘草片',
];
const HERBS = ['黄芪', '当归', '党参', '白术', '茯苓', '甘草', '川芎', '白芍', '熟地黄', '陈皮', '半夏', '枸杞子'];
const SERVICES = [
  '普通门诊诊查费',
  '静脉输液',
  '血常规检查',
  '肝功能检测',
  '胸部X线摄影',
  '心电图检查',
  '换药',
  '肌肉注射',
  '床位费(三人间)',
  '一级护理',
  '彩色多普勒超声',
  'CT平扫',
];
const DEVICES = [
  '一次性使用无菌注射器',
  '医用输液贴',
  '一次性使用输液器',
  '医用纱布块',
  '导尿管',
  '医用缝合线',
  '留置针',
  '医用外科口罩',
  '真空采血管',
  '引流袋',
  '心电电极',
  '止血钳',
];
const DIAGS = [
  '急性上呼吸道感染',
  '原发性高血压',
  '2型糖尿病',
  '慢性胃炎',
  '支气管炎',
  '腰椎间盘突出',
  '冠状动脉粥样硬化性心脏病',
  '脑梗死',
  '肺炎',
  '胆囊结石',
  '骨质疏松',
  '过敏性鼻炎',
];
const FIRMS = [
  '湖南九典制药股份有限公司',
  '华润双鹤药业股份有限公司',
  '石药集团欧意药业有限公司',
  '浙江华海药业股份有限公司',
  '山东新华制药股份有限公司',
];

const BASE_DATES = ['2024-01-01', '2024-07-01', '2025-01-01', '2025-07-01', '2026-01-01'];

function versionDate(i: number): string {
  if (i < BASE_DATES.length) return BASE_DATES[i]!;
  return `${2026 + Math.floor((i - BASE_DATES.length + 1) / 2)}-${(i - BASE_DATES.length) % 2 === 0 ? '07' : '01'}-01`;
}

/** The national code of the n-th record of a catalog (shapes like the real ones, digits generated). */
export function catalogCode(infno: string, n: number, seed: number): string {
  const d = (w: number) => digitsFrom(`${infno}:${seed}:${n}`, w);
  switch (infno) {
    case '1301':
      return `XA${String(n).padStart(2, '0')}ABA${d(16)}`;
    case '1302':
      return `T${d(9)}`;
    case '1303':
      return `ZHN${d(10)}`;
    case '1305':
      return `00${d(13)}`;
    case '1306':
      return `C${d(19)}`;
    case '1307':
      return `A${String(n % 100).padStart(2, '0')}.${d(3)}`;
    default:
      return `${infno}${d(10)}`;
  }
}

function nameOf(infno: string, n: number): string {
  const list =
    infno === '1302'
      ? HERBS
      : infno === '1305'
        ? SERVICES
        : infno === '1306'
          ? DEVICES
          : infno === '1307'
            ? DIAGS
            : DRUGS;
  const base = list[n % list.length]!;
  return n < list.length ? base : `${base}(${Math.floor(n / list.length) + 1})`;
}

function record(
  infno: string,
  n: number,
  seed: number,
  v: { ver: string; ver_name: string; date: string },
  state: 'new' | 'changed' | 'discontinued',
): Record<string, string> {
  const code = catalogCode(infno, n, seed);
  const name = nameOf(infno, n) + (state === 'changed' ? '(规格调整)' : '');
  const stamp = `${v.date} 00:00:00`;
  const r: Record<string, string> = {
    med_list_codg: code,
    vali_flag: state === 'discontinued' ? '0' : '1',
    rid: `${infno}${v.ver}${String(n).padStart(6, '0')}`,
    crte_time: stamp,
    updt_time: stamp,
    ver: v.ver,
    ver_name: v.ver_name,
    begndate: state === 'new' ? v.date : BASE_DATES[0]!,
    enddate: state === 'discontinued' ? v.date : '2099-12-31',
    memo: state === 'discontinued' ? '停用' : '',
  };
  const firm = FIRMS[pick(`firm:${code}`, FIRMS.length)]!;
  const own = Object.hasOwn(OWN_FIELDS, infno) ? OWN_FIELDS[infno] : undefined;
  if (own) Object.assign(r, own(name, code, firm));
  else {
    r.col_1 = code;
    r.col_2 = name;
  }
  return r;
}

/** A catalog's own columns of one record, from its name, code and maker. */
type OwnFields = (name: string, code: string, firm: string) => Record<string, string>;

const drugFields: OwnFields = (name, code, firm) => ({
  drug_prodname: name,
  drug_genname: name.replace(/(片|胶囊|散|缓释胶囊|肠溶胶囊|控释片)$/, ''),
  genname_codg: digitsFrom(`gen:${code}`, 8),
  drug_dosform: name.includes('胶囊') ? 'AC' : 'AA',
  drug_dosform_name: name.includes('胶囊') ? '胶囊剂' : '片剂',
  drug_spec: `${[0.1, 0.25, 0.5, 10, 20][pick(`spec:${code}`, 5)]}${pick(`u:${code}`, 2) ? 'g' : 'mg'}`,
  pacspec: `${[12, 24, 30, 36][pick(`pac:${code}`, 4)]}粒/盒`,
  prodentp_name: firm,
  aprvno: `国药准字H${digitsFrom(`aprv:${code}`, 8)}`,
  min_salunt: '盒',
  min_useunt: '粒',
  convrat: '1',
  nat_hi_druglist_chrgitm_lv: pick(`lv:${code}`, 3) === 0 ? '02' : '01',
  otc_flag: pick(`otc:${code}`, 2) ? '1' : '0',
});

const herbFields: OwnFields = (name) => ({
  tcmherb_name: name,
  cpnd_flag: '0',
  med_part: '根',
  cnvl_used: '煎服',
  natfla: '甘,温',
  mertpm: '脾,肺经',
  mlms_name: name,
  nat_hi_pay_pol: '基金可以支付',
  prov_hi_pay_pol: '',
});

const preparationFields: OwnFields = (name, code, firm) => ({
  drug_prodname: `${name}(院内制剂)`,
  dosform_name: '合剂',
  drug_spec: '100ml',
  prodentp_name: firm,
  aprvno: `湘药制字Z${digitsFrom(`aprv:${code}`, 8)}`,
});

const serviceFields: OwnFields = (name) => ({
  prcunt: '次',
  prcunt_name: '次',
  servitem_name: name,
  trt_item_cont: `${name}，含相关操作`,
  trt_exct_cont: '',
  servitem_type: '01',
  item_dscr: '',
});

const deviceFields: OwnFields = (name, code, firm) => ({
  mcs_name: name,
  spec: '标准型',
  prod_mol: `M${digitsFrom(`mol:${code}`, 3)}`,
  prodentp_name: firm,
  highval_mcs_flag: pick(`hv:${code}`, 5) === 0 ? '1' : '0',
  min_salunt: '个',
  lmt_used_flag: '0',
});

const diagnosisFields: OwnFields = (name, code) => ({
  diag_list_id: digitsFrom(`diag:${code}`, 10),
  diag_code: code,
  diag_name: name,
  natstd_diag_code: code,
  natstd_diag_name: name,
  clnc_diag_code: code,
  clnc_diag_name: name,
  used_std: '1',
});

/** The own columns of each catalog with named columns (the others get col_1, col_2). */
const OWN_FIELDS: Record<string, OwnFields> = {
  '1301': drugFields,
  '1302': herbFields,
  '1303': preparationFields,
  '1305': serviceFields,
  '1306': deviceFields,
  '1307': diagnosisFields,
};

/** The versions of a catalog (pure; same seed → same catalog). */
export function catalogVersions(infno: string, seed = 1, opts: CatalogOptions = {}): CatalogVersion[] {
  if (!CATALOG_COLUMNS[infno]) return [];
  const count = Math.max(1, opts.versions ?? 3);
  const per = Math.max(1, opts.perVersion ?? 6);
  const out: CatalogVersion[] = [];
  for (let i = 0; i < count; i++) {
    const date = versionDate(i);
    const ver = `${date.replace(/-/g, '')}${String(i + 1).padStart(4, '0')}`;
    const v = { ver, ver_name: `${infno}_${ver}`, date };
    const records: Record<string, string>[] = [];
    if (i === 1) records.push(record(infno, 0, seed, v, 'changed'));
    if (i === 2) records.push(record(infno, 1, seed, v, 'discontinued'));
    for (let k = 0; k < per; k++) records.push(record(infno, i * per + k, seed, v, 'new'));
    out.push({ ...v, records });
  }
  return out;
}

/** The version after `ver` (by ver or ver_name; "", "0" = from the start); undefined = none left; null = unknown ver. */
export function nextCatalogVersion(
  versions: readonly CatalogVersion[],
  ver: string,
): CatalogVersion | undefined | null {
  const v = ver.trim();
  if (v === '' || v === '0') return versions[0];
  const i = versions.findIndex((x) => x.ver === v || x.ver_name === v);
  if (i < 0) return null;
  return versions[i + 1];
}

/**
 * The sandbox's four-code library (what it answers to ZSMCJ003): every drug of its generated
 * 西药中成药 catalog (1301, latest state) in three package levels — box (1), medium package (2),
 * case (3) — each with its own 7-digit product-identification code starting with 8, as 码上放心
 * codes do. Deterministic for a seed; no two entries share a product code.
 */
export function traceLibraryEntries(seed = 1, opts: CatalogOptions = {}): Record<string, string>[] {
  const latest = new Map<string, Record<string, string>>();
  for (const v of catalogVersions('1301', seed, opts)) for (const r of v.records) latest.set(r.med_list_codg!, r);
  const used = new Set<string>();
  const out: Record<string, string>[] = [];
  for (const r of latest.values()) {
    const code = r.med_list_codg!;
    const small = Number(digitsFrom(`pac:${code}`, 1)) + 1;
    for (const lv of ['1', '2', '3']) {
      let prefix = `8${digitsFrom(`trac:${seed}:${code}:${lv}`, 6)}`;
      for (let i = 0; used.has(prefix); i++) prefix = `8${digitsFrom(`trac:${seed}:${code}:${lv}:${i}`, 6)}`;
      used.add(prefix);
      out.push({
        trac_prefix: prefix,
        med_list_codg: code,
        drugstdcode: `86${digitsFrom(`std:${code}`, 12)}`,
        aprvno: r.aprvno ?? '',
        drug_name: r.drug_prodname ?? '',
        drug_spec: r.drug_spec ?? '',
        pacspec: r.pacspec ?? '',
        prodentp_name: r.prodentp_name ?? '',
        pac_lv: lv,
        pac_ratio: `1:${small * 10}:${small * 100}`,
      });
    }
  }
  return out;
}
