/**
 * Codes with their names, as reports and tables show them: "310 职工基本医疗保险" under zh-CN,
 * "310 employee basic medical insurance" in English. The Chinese names are the national code
 * tables (codes.ts); the English ones are translations of those for the tables people read in
 * reports (险种, 清算类别, 医疗类别, 结算方式, 清算方式, 就诊凭证类型). A province's local code has no
 * name here and is shown bare.
 */
import { codeName, type CodeTableName } from './codes.js';

export type NameLang = 'en' | 'zh-CN';

const EN: Partial<Record<CodeTableName, Record<string, string>>> = {
  insutype: {
    '310': 'employee basic medical insurance',
    '320': 'civil servant medical subsidy',
    '330': 'large medical expense subsidy',
    '340': 'retired cadres medical security',
    '350': 'disabled veterans (grades 1–6) medical subsidy',
    '360': 'Red Army veterans medical security',
    '370': 'enterprise supplementary medical insurance',
    '380': 'new rural cooperative medical scheme',
    '390': 'urban and rural residents basic medical insurance',
    '391': 'urban residents basic medical insurance',
    '392': 'urban and rural residents critical illness insurance',
    '399': 'other special persons medical security',
    '410': 'long-term care insurance',
    '510': 'maternity insurance',
  },
  clr_type: { '11': 'outpatient', '21': 'inpatient', '41': 'pharmacy purchase', '99': 'other' },
  clr_way: {
    '01': 'per item',
    '02': 'single disease',
    '03': 'per bed-day',
    '04': 'per capita',
    '05': 'DRG points',
    '99': 'other',
  },
  med_type: {
    '11': 'general outpatient',
    '12': 'outpatient registration',
    '13': 'emergency',
    '14': 'outpatient chronic/special disease',
    '15': 'special drugs',
    '16': 'TCM outpatient',
    '21': 'general inpatient',
    '22': 'injury inpatient',
    '23': 'referred inpatient',
    '24': 'emergency to inpatient',
    '25': 'inpatient in another region',
    '26': 'single-disease inpatient',
    '27': 'self-arranged treatment',
    '28': 'day surgery',
    '29': 'deductible-line treatment',
    '41': 'pharmacy purchase',
    '51': 'maternity outpatient',
    '52': 'maternity inpatient',
    '5212': 'newborn expenses',
    '61': 'care insurance',
    '81': 'accident outpatient',
    '9107': 'physical examination',
    '140104': 'outpatient chronic disease',
    '140201': 'outpatient special disease',
  },
  psn_setlway: { '01': 'per item', '02': 'fixed amount' },
  mdtrt_cert_type: { '01': 'e-voucher', '02': 'resident ID card', '03': 'social security card' },
};

/** The name of a code in the language, or undefined for a code the table does not know. */
export function codeNameIn(table: CodeTableName, code: string, lang: NameLang): string | undefined {
  if (lang === 'en') {
    const t = EN[table];
    if (t && Object.hasOwn(t, code)) return t[code];
  }
  return codeName(table, code);
}

/** "310 职工基本医疗保险": the code first (people search by it), then its name when known. */
export function codeLabel(table: CodeTableName, code: string | null | undefined, lang: NameLang): string {
  if (code === null || code === undefined || code === '') return '';
  const name = codeNameIn(table, code, lang);
  return name ? `${code} ${name}` : code;
}
