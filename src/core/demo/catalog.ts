/**
 * The demo hospital's item catalog: drugs, herbal pieces, services and materials with their
 * national codes, prices, classes (甲/乙/丙) and, for drugs, the product-identification codes
 * their traceability codes start with. Fixed (not seeded) so that every demo HIS bills the same
 * items and the national catalog a test imports is always the same.
 *
 * Prices are integers in fen (分); `capFen` is the center's price cap (限价) when there is one;
 * `selfpay` is the 乙类 self-pay share in basis points (1000 = 0.1000).
 */

export type Usage =
  | 'consult'
  | 'emergency'
  | 'drug'
  | 'herb'
  | 'exam'
  | 'lab'
  | 'treat'
  | 'material'
  | 'surgery'
  | 'bed'
  | 'nursing';

export interface DemoItem {
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  list_type: string;
  med_chrgitm_type: string;
  chrgitm_lv: '01' | '02' | '03';
  pricFen: number;
  capFen?: number;
  /** 乙类 self-pay share in basis points. */
  selfpay: number;
  prcunt: string;
  spec: string;
  dosform?: string;
  prodentp_name?: string;
  aprvno?: string;
  rx_flag: string;
  /** Dispensing scans traceability codes. */
  trac: boolean;
  trac_prefixes: string[];
  med_list_codg: string;
  usage: Usage;
  /** Items that exist for a planted anomaly only; never billed by the natural generator. */
  special?: 'no_mapping' | 'overlap' | 'unknown_code';
}

export interface NationalEntry {
  med_list_codg: string;
  name: string;
  list_type: string;
  chrgitm_lv: string;
  begndate: string;
  enddate: string;
}

type DrugRow = [
  name: string,
  spec: string,
  unit: string,
  yuan: number,
  lv: '01' | '02' | '03',
  form: string,
  maker: string,
  atc: string,
  capYuan?: number,
];

const WESTERN: DrugRow[] = [
  ['阿莫西林胶囊', '0.25g*24粒', '盒', 12.5, '01', '胶囊剂', '华北制药股份有限公司', 'J01CAA'],
  ['头孢克肟分散片', '0.1g*6片', '盒', 28.6, '02', '片剂', '广州白云山制药股份有限公司', 'J01DDA'],
  ['布洛芬缓释胶囊', '0.3g*20粒', '盒', 15.8, '01', '胶囊剂', '中美天津史克制药有限公司', 'M01AEB'],
  ['对乙酰氨基酚片', '0.5g*12片', '盒', 4.5, '01', '片剂', '上海强生制药有限公司', 'N02BEA'],
  ['盐酸氨溴索口服溶液', '100ml', '瓶', 23.5, '02', '口服溶液剂', '勃林格殷格翰制药有限公司', 'R05CBA'],
  ['蒙脱石散', '3g*10袋', '盒', 18.9, '01', '散剂', '博福-益普生(天津)制药有限公司', 'A07BCA'],
  ['奥美拉唑肠溶胶囊', '20mg*14粒', '盒', 16.2, '01', '胶囊剂', '湖南千金湘江药业股份有限公司', 'A02BCA'],
  ['雷贝拉唑钠肠溶片', '10mg*7片', '盒', 38.9, '02', '片剂', '卫材(中国)药业有限公司', 'A02BCB'],
  ['硝苯地平控释片', '30mg*7片', '盒', 33.1, '01', '片剂', '拜耳医药保健有限公司', 'C08CAA'],
  ['苯磺酸氨氯地平片', '5mg*28片', '盒', 24.5, '01', '片剂', '辉瑞制药有限公司', 'C08CAB'],
  ['缬沙坦胶囊', '80mg*7粒', '盒', 22.8, '02', '胶囊剂', '北京诺华制药有限公司', 'C09CAA'],
  ['盐酸二甲双胍缓释片', '0.5g*30片', '盒', 15.6, '01', '片剂', '中美上海施贵宝制药有限公司', 'A10BAA'],
  ['阿卡波糖片', '50mg*30片', '盒', 42.0, '02', '片剂', '拜耳医药保健有限公司', 'A10BFA'],
  ['阿托伐他汀钙片', '20mg*7片', '盒', 35.5, '02', '片剂', '辉瑞制药有限公司', 'C10AAA'],
  ['瑞舒伐他汀钙片', '10mg*7片', '盒', 29.8, '02', '片剂', '阿斯利康制药有限公司', 'C10AAB'],
  ['阿司匹林肠溶片', '100mg*30片', '盒', 15.8, '01', '片剂', '拜耳医药保健有限公司', 'B01ACA'],
  ['硫酸氢氯吡格雷片', '75mg*7片', '盒', 46.5, '02', '片剂', '赛诺菲(杭州)制药有限公司', 'B01ACB'],
  ['左氧氟沙星片', '0.5g*4片', '盒', 22.8, '01', '片剂', '第一三共制药(北京)有限公司', 'J01MAA'],
  ['甲硝唑片', '0.2g*21片', '瓶', 3.8, '01', '片剂', '湖南汉森制药股份有限公司', 'P01ABA'],
  ['氯雷他定片', '10mg*6片', '盒', 18.5, '02', '片剂', '拜耳医药保健有限公司', 'R06AXA'],
  ['孟鲁司特钠片', '10mg*5片', '盒', 39.6, '02', '片剂', '杭州默沙东制药有限公司', 'R03DCA'],
  ['沙美特罗替卡松吸入粉雾剂', '50μg/250μg*60吸', '盒', 186.5, '02', '吸入剂', '葛兰素史克制药有限公司', 'R03AKA'],
  ['门冬胰岛素注射液', '3ml:300单位', '支', 68.8, '02', '注射剂', '诺和诺德(中国)制药有限公司', 'A10ABA', 60.0],
  ['甲钴胺片', '0.5mg*20片', '盒', 21.5, '02', '片剂', '卫材(中国)药业有限公司', 'B03BAA'],
  ['复合维生素B片', '100片', '瓶', 9.8, '03', '片剂', '湖南九典制药股份有限公司', 'A11EAA'],
  ['0.9%氯化钠注射液', '250ml', '袋', 4.2, '01', '注射剂', '湖南科伦制药有限公司', 'B05XAA'],
  ['注射用头孢曲松钠', '1g', '支', 12.6, '02', '注射剂', '上海罗氏制药有限公司', 'J01DDB', 10.0],
];

const PATENT: DrugRow[] = [
  ['连花清瘟胶囊', '0.35g*24粒', '盒', 16.8, '02', '胶囊剂', '石家庄以岭药业股份有限公司', 'ZA04BA'],
  ['复方丹参滴丸', '27mg*180丸', '瓶', 26.8, '01', '滴丸剂', '天士力医药集团股份有限公司', 'ZA12EA'],
  ['蓝芩口服液', '10ml*6支', '盒', 23.5, '02', '合剂', '扬子江药业集团有限公司', 'ZA07BA'],
  ['血塞通软胶囊', '60mg*24粒', '盒', 32.8, '02', '软胶囊剂', '昆药集团股份有限公司', 'ZA12GA'],
  ['感冒清热颗粒', '12g*10袋', '盒', 15.6, '01', '颗粒剂', '北京同仁堂科技发展股份有限公司', 'ZA01AA'],
];

type PlainRow = [
  name: string,
  unit: string,
  yuan: number,
  lv: '01' | '02' | '03',
  usage: Usage,
  chrgitm: string,
  capYuan?: number,
];

const HERBS: PlainRow[] = [
  ['黄芪', 'g', 0.12, '01', 'herb', '10'],
  ['当归', 'g', 0.18, '01', 'herb', '10'],
  ['甘草', 'g', 0.06, '01', 'herb', '10'],
  ['党参', 'g', 0.22, '02', 'herb', '10'],
];

const SERVICES: PlainRow[] = [
  ['普通门诊诊查费', '次', 12.0, '01', 'consult', '02'],
  ['副主任医师门诊诊查费', '次', 25.0, '01', 'consult', '02'],
  ['主任医师门诊诊查费', '次', 35.0, '02', 'consult', '02'],
  ['急诊诊查费', '次', 15.0, '01', 'emergency', '02'],
  ['住院诊查费', '日', 15.0, '01', 'consult', '02'],
  ['血细胞分析(血常规)', '次', 20.0, '01', 'lab', '04'],
  ['尿液分析', '次', 10.0, '01', 'lab', '04'],
  ['肝功能检查', '次', 60.0, '01', 'lab', '04'],
  ['肾功能检查', '次', 45.0, '01', 'lab', '04'],
  ['血糖测定', '次', 8.0, '01', 'lab', '04'],
  ['C反应蛋白测定', '次', 30.0, '01', 'lab', '04'],
  ['常规心电图检查', '次', 25.0, '01', 'exam', '03'],
  ['胸部X线摄影', '次', 80.0, '01', 'exam', '03'],
  ['CT平扫', '次', 320.0, '02', 'exam', '03'],
  ['彩色多普勒超声检查', '次', 150.0, '01', 'exam', '03'],
  ['磁共振平扫', '次', 680.0, '02', 'exam', '03'],
  ['静脉输液', '组', 12.0, '01', 'treat', '05'],
  ['肌肉注射', '次', 5.0, '01', 'treat', '05'],
  ['清创缝合术', '次', 120.0, '01', 'treat', '06'],
  ['雾化吸入', '次', 15.0, '01', 'treat', '05'],
  ['针灸治疗', '次', 40.0, '02', 'treat', '05'],
  ['床位费(三人间)', '日', 40.0, '01', 'bed', '01'],
  ['一级护理', '日', 28.0, '01', 'nursing', '07'],
  ['阑尾切除术', '次', 1800.0, '01', 'surgery', '06'],
  ['腹腔镜下胆囊切除术', '次', 3500.0, '01', 'surgery', '06'],
  ['子宫下段剖宫产术', '次', 2200.0, '01', 'surgery', '06'],
  ['股骨颈骨折闭合复位内固定术', '次', 4200.0, '02', 'surgery', '06'],
  ['单人病房床位费升级', '日', 60.0, '03', 'bed', '01'],
];

const MATERIALS: PlainRow[] = [
  ['一次性使用输液器', '套', 3.5, '01', 'material', '08'],
  ['医用脱脂纱布块', '包', 2.0, '01', 'material', '08'],
  ['静脉留置针', '支', 25.0, '02', 'material', '08'],
  ['一次性使用吻合器', '把', 4800.0, '02', 'material', '08', 3000.0],
  ['可吸收性外科缝线', '根', 180.0, '02', 'material', '08'],
];

const SELFPAY_BP: Record<string, number> = { '01': 0, '02': 1000, '03': 0 };

const fen = (yuan: number) => Math.round(yuan * 100);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A deterministic, stable national code for the i-th item of a kind. */
function nationalCode(kind: 'X' | 'Z' | 'T' | 'S' | 'C', i: number, group = ''): string {
  switch (kind) {
    case 'X':
      return `X${group}${pad(100 + i, 3)}A001010${pad(10000 + i * 37, 6)}`; // 23 chars, 西药
    case 'Z':
      return `Z${group.slice(1)}${pad(i + 1, 4)}010${pad(2000 + i * 41, 6)}`; // 中成药
    case 'T':
      return `T${pad(100 + i, 9)}`; // 中药饮片
    case 'S':
      return `${pad(11020000 + i * 101, 9)}0000`; // 医疗服务项目
    case 'C':
      return `C14${pad(2010010 + i * 13, 9)}${pad(i + 1, 8)}`; // 医用耗材
  }
}

function drugItems(): DemoItem[] {
  const out: DemoItem[] = [];
  const all: Array<[DrugRow, 'X' | 'Z']> = [
    ...WESTERN.map((r) => [r, 'X'] as [DrugRow, 'X']),
    ...PATENT.map((r) => [r, 'Z'] as [DrugRow, 'Z']),
  ];
  all.forEach(([r, kind], i) => {
    const [name, spec, unit, yuan, lv, form, maker, atc, cap] = r;
    // Product-identification codes: "8" + 6 digits, unique per drug; every fifth drug has a second one.
    const prefixes = [`8${pad(300000 + i * 127, 6)}`];
    if (i % 5 === 2) prefixes.push(`8${pad(600000 + i * 131, 6)}`);
    out.push({
      fixmedins_hilist_id: `YP${pad(i + 1, 5)}`,
      fixmedins_hilist_name: name,
      list_type: '101',
      med_chrgitm_type: kind === 'X' ? '09' : '11',
      chrgitm_lv: lv,
      pricFen: fen(yuan),
      capFen: cap !== undefined ? fen(cap) : undefined,
      selfpay: SELFPAY_BP[lv]!,
      prcunt: unit,
      spec,
      dosform: form,
      prodentp_name: maker,
      aprvno: kind === 'X' ? `国药准字H${pad(20000000 + i * 7919, 8)}` : `国药准字Z${pad(20000000 + i * 7907, 8)}`,
      rx_flag: lv === '03' || name.includes('维生素') ? '0' : '1',
      trac: true,
      trac_prefixes: prefixes,
      med_list_codg: nationalCode(kind, i, atc),
      usage: 'drug',
    });
  });
  return out;
}

function plainItems(
  rows: PlainRow[],
  idPrefix: string,
  listType: string,
  kind: 'T' | 'S' | 'C',
  offset: number,
): DemoItem[] {
  return rows.map(([name, unit, yuan, lv, usage, chrgitm, cap], i) => ({
    fixmedins_hilist_id: `${idPrefix}${pad(i + 1, 5)}`,
    fixmedins_hilist_name: name,
    list_type: listType,
    med_chrgitm_type: chrgitm,
    chrgitm_lv: lv,
    pricFen: fen(yuan),
    capFen: cap !== undefined ? fen(cap) : undefined,
    selfpay: SELFPAY_BP[lv]!,
    prcunt: unit,
    spec: '',
    rx_flag: '0',
    trac: false,
    trac_prefixes: [],
    med_list_codg: nationalCode(kind, i + offset),
    usage,
  }));
}

/** Items that exist only to carry a planted anomaly. */
function specialItems(): DemoItem[] {
  return [
    {
      fixmedins_hilist_id: 'YP90001',
      fixmedins_hilist_name: '盐酸曲美他嗪缓释片',
      list_type: '101',
      med_chrgitm_type: '09',
      chrgitm_lv: '02',
      pricFen: 4380,
      selfpay: 1000,
      prcunt: '盒',
      spec: '35mg*30片',
      dosform: '片剂',
      prodentp_name: '施维雅(天津)制药有限公司',
      aprvno: '国药准字H20055465',
      rx_flag: '1',
      trac: true,
      trac_prefixes: ['8399001'],
      med_list_codg: 'XC01EBQ082A006010100112',
      usage: 'drug',
      special: 'no_mapping',
    },
    {
      fixmedins_hilist_id: 'ZL90001',
      fixmedins_hilist_name: '中医推拿治疗',
      list_type: '201',
      med_chrgitm_type: '05',
      chrgitm_lv: '02',
      pricFen: 6000,
      selfpay: 1000,
      prcunt: '次',
      spec: '',
      rx_flag: '0',
      trac: false,
      trac_prefixes: [],
      med_list_codg: '450000001000000',
      usage: 'treat',
      special: 'overlap',
    },
    {
      fixmedins_hilist_id: 'CL90001',
      fixmedins_hilist_name: '一次性使用医用外科口罩',
      list_type: '301',
      med_chrgitm_type: '08',
      chrgitm_lv: '03',
      pricFen: 150,
      selfpay: 0,
      prcunt: '只',
      spec: '17.5cm*9.5cm',
      rx_flag: '0',
      trac: false,
      trac_prefixes: [],
      med_list_codg: 'C9999999999999999999',
      usage: 'material',
      special: 'unknown_code',
    },
  ];
}

export interface DemoCatalog {
  items: DemoItem[];
  byId: Map<string, DemoItem>;
  /** Items the natural generator bills, by usage. */
  byUsage: Map<Usage, DemoItem[]>;
  /** The drug whose mapping changes inside the window (a normal remapping, not an anomaly). */
  remapped: DemoItem;
  /** The national code it is mapped to from the change on. */
  remapCode: string;
  /** The second national code of the overlap item. */
  overlapCode: string;
}

let cached: DemoCatalog | undefined;

export function demoCatalog(): DemoCatalog {
  if (cached) return cached;
  const items = [
    ...drugItems(),
    ...plainItems(HERBS, 'ZY', '102', 'T', 0),
    ...plainItems(SERVICES, 'ZL', '201', 'S', 0),
    ...plainItems(MATERIALS, 'CL', '301', 'C', 0),
    ...specialItems(),
  ];
  const byUsage = new Map<Usage, DemoItem[]>();
  for (const it of items) {
    if (it.special) continue;
    const list = byUsage.get(it.usage) ?? [];
    list.push(it);
    byUsage.set(it.usage, list);
  }
  const remapped = items.find((i) => i.fixmedins_hilist_name === '氯雷他定片')!;
  cached = {
    items,
    byId: new Map(items.map((i) => [i.fixmedins_hilist_id, i])),
    byUsage,
    remapped,
    remapCode: 'XR06AXL108A001010100447',
    overlapCode: '450000002000000',
  };
  return cached;
}

/** The national catalog the demo's mappings point into (the unknown code is deliberately absent). */
export function demoNationalCatalog(): NationalEntry[] {
  const c = demoCatalog();
  const out: NationalEntry[] = [];
  for (const it of c.items) {
    if (it.special === 'unknown_code') continue;
    out.push({
      med_list_codg: it.med_list_codg,
      name: it.fixmedins_hilist_name,
      list_type: it.list_type,
      chrgitm_lv: it.chrgitm_lv,
      begndate: '2020-01-01',
      enddate: '2099-12-31',
    });
  }
  out.push({
    med_list_codg: c.remapCode,
    name: c.remapped.fixmedins_hilist_name,
    list_type: '101',
    chrgitm_lv: c.remapped.chrgitm_lv,
    begndate: '2020-01-01',
    enddate: '2099-12-31',
  });
  out.push({
    med_list_codg: c.overlapCode,
    name: '推拿治疗(中医)',
    list_type: '201',
    chrgitm_lv: '02',
    begndate: '2020-01-01',
    enddate: '2099-12-31',
  });
  return out.sort((a, b) => a.med_list_codg.localeCompare(b.med_list_codg));
}
