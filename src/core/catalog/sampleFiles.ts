/**
 * Generated catalog files in the center's shape — a ZIP holding one tab-separated text file, no
 * header, GBK or UTF-8, `null` literals, Java-style dates — for the demo, the tests and the
 * benchmark. Deterministic: the same n gives the same row. The ZIP is written as a stream, so a
 * million-row file never sits in memory.
 */
import iconv from 'iconv-lite';
import { writeZipStream } from '../files/index.js';
import { KINDS, type CatalogKind } from './kinds.js';

const DEVICES = [
  '一次性使用无菌注射器',
  '医用输液贴',
  '一次性使用输液器',
  '医用纱布块',
  '导尿管',
  '医用缝合线',
  '静脉留置针',
  '医用外科口罩',
  '真空采血管',
  '引流袋',
  '心电电极',
  '止血钳',
];
const DRUGS = [
  '阿莫西林胶囊',
  '布洛芬缓释胶囊',
  '头孢克肟片',
  '二甲双胍片',
  '氨氯地平片',
  '阿托伐他汀钙片',
  '奥美拉唑肠溶胶囊',
  '左氧氟沙星片',
];
const SERVICES = [
  '普通门诊诊查费',
  '静脉输液',
  '血常规检查',
  '肝功能检测',
  '胸部X线摄影',
  '心电图检查',
  '换药',
  '肌肉注射',
];
const HERBS = ['黄芪', '当归', '党参', '白术', '茯苓', '甘草', '川芎', '白芍'];
const FIRMS = [
  '湖南平安医械科技有限公司',
  '山东威高集团医用高分子制品股份有限公司',
  '江西洪达医疗器械集团有限公司',
  '上海康德莱企业发展集团股份有限公司',
  '河南驼人医疗器械集团有限公司',
];

/** The n-th national code of a kind (shapes like the center's). */
export function sampleCode(kind: CatalogKind, n: number): string {
  const d = (w: number) => String(n).padStart(w, '0');
  switch (kind) {
    case '1301':
      return `XA01ABA${d(16)}`;
    case '1302':
      return `T${d(9)}`;
    case '1303':
      return `ZHN${d(10)}`;
    case '1305':
      return `00${d(13)}`;
    case '1306':
      return `C${d(19)}`;
  }
}

interface SampleEntry {
  code: string;
  name: string;
  begndate: string;
  enddate?: string | null;
  vali_flag?: '0' | '1';
  chrgitm_lv?: string;
  ver?: string;
}

/** A documented row (all columns of the kind) for one entry; unset columns are `null` or filler. */
export function sampleRow(kind: CatalogKind, n: number, e?: Partial<SampleEntry>): string[] {
  const list = kind === '1306' ? DEVICES : kind === '1305' ? SERVICES : kind === '1302' ? HERBS : DRUGS;
  const name = e?.name ?? `${list[n % list.length]}${n >= list.length ? `(${Math.floor(n / list.length)})` : ''}`;
  const r = commonColumns(kind, n, e);
  Object.assign(r, kindColumns(kind, n, e, name, list));
  return KINDS[kind].columns.map((c) => r[c] ?? 'null');
}

/** The columns every kind has: code, validity, record id and version. */
function commonColumns(kind: CatalogKind, n: number, e: Partial<SampleEntry> | undefined): Record<string, string> {
  const k = KINDS[kind];
  const ver = e?.ver ?? '202401010001';
  return {
    med_list_codg: e?.code ?? sampleCode(kind, n),
    [k.beginField]: e?.begndate ?? '2024-01-01 00:00:00',
    [k.endField]: e?.enddate === undefined ? 'null' : e.enddate === null ? 'null' : e.enddate,
    vali_flag: e?.vali_flag ?? '1',
    rid: `${kind}${ver}${String(n).padStart(10, '0')}`,
    crte_time: 'Mon Jan 01 00:00:00 CST 2024',
    updt_time: 'Mon Jan 01 00:00:00 CST 2024',
    ver,
    ver_name: `${kind}_${ver}`,
    memo: 'null',
  };
}

/** The columns of the kind's own (names, specification, maker). */
function kindColumns(
  kind: CatalogKind,
  n: number,
  e: Partial<SampleEntry> | undefined,
  name: string,
  list: readonly string[],
): Record<string, string> {
  const firm = FIRMS[n % FIRMS.length]!;
  if (kind === '1306') return deviceColumns(n, name, list[n % list.length]!, firm);
  if (kind === '1301')
    return {
      drug_prodname: name,
      drug_genname: e?.name ?? name.replace(/(\(\d+\))$/, ''),
      drug_spec: '0.25g',
      drug_dosform_name: '胶囊剂',
      prodentp_name: firm,
      aprvno: `国药准字H${String(20000000 + n)}`,
      nat_hi_druglist_chrgitm_lv: e?.chrgitm_lv ?? (n % 3 === 0 ? '02' : '01'),
      min_salunt: '盒',
    };
  if (kind === '1305')
    return {
      servitem_name: name,
      prcunt: '次',
      prcunt_name: '次',
      trt_item_cont: `${name}，含相关操作`,
      servitem_type: '01',
    };
  if (kind === '1302') return { tcmherb_name: name, mlms_name: name, cpnd_flag: '0' };
  return { drug_prodname: name, dosform_name: '合剂', drug_spec: '100ml', prodentp_name: firm };
}

/** A medical device's (1306) columns: registration, packaging, the maker's details. */
function deviceColumns(n: number, name: string, genname: string, firm: string): Record<string, string> {
  return {
    mcs_name: name,
    udi: `0${String(6900000000000 + n)}`,
    hi_genname_code: `C${String(n % 100000).padStart(9, '0')}`,
    hi_genname: genname,
    prod_mol: `M-${n % 997}`,
    spec_code: String(n % 89),
    spec: `${(n % 9) + 1}ml`,
    mcs_type: '01',
    spec_mol: `${(n % 9) + 1}ml/M-${n % 997}`,
    matl_code: String(n % 13),
    mcs_matl: '聚丙烯',
    pacspec: '100支/箱',
    pac_cnt: '100',
    prod_pacmatl: '纸塑',
    pacunt: '箱',
    prod_convrat: '100',
    min_useunt: '支',
    prodplac_type: '1',
    prodplac_type_name: '国产',
    prodstrd: 'YY/T 0001',
    prodexpy: '3年',
    perf_stru_comp: '由针管、芯杆、活塞组成',
    apb_scp: '供抽吸液体或注射用',
    prod_istr: '按说明书使用',
    prod_img_no: 'null',
    prod_qlt_std: 'GB 15810',
    manl: 'null',
    oth_cert_matl: 'null',
    sped_flag: '0',
    sped_name: '否',
    comb_name: 'null',
    case_flag: '0',
    lmt_used_flag: '0',
    hi_lmt_scp: 'null',
    min_salunt: '支',
    highval_mcs_flag: n % 5 === 0 ? '1' : '0',
    matl_type_code: '01',
    impt_matl_hmorgn_flag: '0',
    stlz_flag: '1',
    stlz_flag_name: '是',
    impt_itvt_clss_flag: '0',
    impt_itvt_clss_name: '否',
    dspo_used_flag: '1',
    dspo_used_flag_name: '是',
    reger_name: firm,
    med_equ_mgt_type: '3',
    med_equ_mgt_type_name: '第三类',
    reg_fil_no: `国械注准2020${String(3000000 + (n % 999999)).padStart(7, '0')}`,
    reg_fil_prod_name: name,
    stru_comp: '由针管、芯杆组成',
    oth_cont: 'null',
    aprv_date: '2020-06-01',
    reger_addr: '山东省威海市',
    regcert_expy_begntime: '2020-06-01',
    regcert_expy_endtime: '2025-05-31',
    prodentp_code: String(91370000 + (n % 1000)),
    prodentp_name: firm,
    manu_addr: '山东省威海市火炬高技术产业开发区',
    agnt_entp: 'null',
    agnt_entp_addr: 'null',
    manu_nat_regn: '中国',
    aftsal_serins: firm,
    reg_fil_elec_file: 'null',
    prod_img: 'null',
  };
}

/** Rows → the center's text: tab-separated lines, `\n` line ends. */
export function sampleText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.join('\t')).join('\n') + (rows.length ? '\n' : '');
}

/** Encode text for a file: GBK (the center's usual) or UTF-8. */
export function encodeText(text: string, encoding: 'gbk' | 'utf8'): Buffer {
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}

/** A catalog download file: `count` generated rows (plus `extra` rows given verbatim) zipped as `<kind>.txt`. */
export async function writeSampleCatalogZip(
  file: string,
  kind: CatalogKind,
  count: number,
  o: { encoding?: 'gbk' | 'utf8'; extraRows?: string[][]; start?: number; rowsPerChunk?: number } = {},
): Promise<{ bytes: number; compressed: number }> {
  const enc = o.encoding ?? 'gbk';
  const per = o.rowsPerChunk ?? 2000;
  const start = o.start ?? 0;
  function* gen(): Generator<Buffer> {
    for (let i = 0; i < count; i += per) {
      const rows: string[][] = [];
      for (let n = i; n < Math.min(count, i + per); n++) rows.push(sampleRow(kind, start + n));
      yield encodeText(sampleText(rows), enc);
    }
    if (o.extraRows?.length) yield encodeText(sampleText(o.extraRows), enc);
  }
  return writeZipStream(file, `${kind}.txt`, gen());
}
