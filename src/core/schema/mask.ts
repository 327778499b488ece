/**
 * Masking patient-identifying values for test databases: the kinds, the rules that pick a kind
 * by column name, and the rules files. Which columns a clone masks (by name, comment or values)
 * is maskChoice.ts; the maskers themselves are masker.ts.
 *
 * Pure.
 */
import YAML from 'yaml';
import { inputError } from '../errors.js';

export type MaskKind = 'name' | 'idcard' | 'phone' | 'address' | 'email' | 'birthdate' | 'tokens' | 'text';
export const MASK_KINDS: MaskKind[] = ['name', 'idcard', 'phone', 'address', 'email', 'birthdate', 'tokens', 'text'];

export interface MaskRule {
  /** Table name pattern (`*`, `?`); any table when absent. */
  table?: string;
  /** Column name pattern (`*`, `?`), case-insensitive. */
  column: string;
  kind: MaskKind;
}

/**
 * Column names that identify patients in Chinese HIS (pinyin abbreviations), in the national
 * insurance interface (psn_no embeds the ID number, brdy is the birth date), and in OpenEMR /
 * Open Hospital (insurance_data.subscriber_*). Broad words like "name" alone are left out on
 * purpose: dictionaries (drug names, ward names) must stay readable.
 */
export const DEFAULT_MASK_RULES: MaskRule[] = [
  ...[
    'psn_name',
    'patient_name',
    'pat_name',
    'patname',
    'brxm',
    'hzxm',
    'xm',
    '*_xm',
    'lxrxm',
    'jhrxm',
    'fname',
    'lname',
    'mname',
    '*_fname',
    '*_lname',
    '*_mname',
    'first_name',
    'last_name',
    'middle_name',
    '*_first_name',
    '*_last_name',
    'pat_fname',
    'pat_sname',
    '*fath_name',
    '*moth_name',
    'mothersname',
    'guardiansname',
    'pat_next_kin',
    'emergency_contact',
    'lxr',
    'lxrmc',
    'jhr',
    'contact_name',
    'conn_name',
    'linkman',
  ].map((column) => ({ column, kind: 'name' as const })),
  ...[
    'certno',
    'cert_no',
    'psn_cert_no',
    '*_certno',
    'idcard',
    'id_card',
    'idcard_no',
    'id_no',
    'idno',
    'sfzh',
    'sfzhm',
    '*sfz*',
    'ss',
    '*_ss',
    'ssn',
    '*_ssn',
    '*taxcode*',
    'psn_no',
    '*_psn_no',
    'psnno',
    'grbh',
    'ybkh',
    'ybh',
    'yb_no',
    'sbkh',
    'insu_no',
    'medicare_no',
    'hicno',
  ].map((column) => ({ column, kind: 'idcard' as const })),
  ...[
    '*phone*',
    '*mobile*',
    'tel',
    '*_tel',
    'tel_*',
    'telephone',
    'lxdh',
    'sjhm',
    'jtdh',
    '*_dh',
    'pat_telephone',
    'lxrdh',
    'conn_tel',
    'cell',
  ].map((column) => ({ column, kind: 'phone' as const })),
  ...[
    '*addr*',
    '*address*',
    'street',
    '*_street',
    '*_street_*',
    'street_*',
    'jtzz',
    'xzz',
    'hkdz',
    'gzdw_dz',
    '*_dz',
    'dz',
    'zz',
    'addr_*',
  ].map((column) => ({ column, kind: 'address' as const })),
  ...['*email*', 'mail', '*_mail'].map((column) => ({ column, kind: 'email' as const })),
  ...[
    'dob',
    '*_dob',
    'dob_*',
    'brdy',
    'csrq',
    'birthday',
    'birth_date',
    'birthdate',
    'date_of_birth',
    '*_birth_date',
    '*_birthday',
    'birth_dt',
    'birth_time',
  ].map((column) => ({ column, kind: 'birthdate' as const })),
];

/**
 * Names that look personal by the rules above but hold no identity: consent flags
 * (`hipaa_allowemail` 'YES'/'NO'), message subjects, IP addresses, types and statuses. Custom
 * rules still win over these; values that are ID numbers or mobiles win too (maskChoice.ts).
 */
export const NOT_PERSONAL: Array<{ column: string; why: string }> = [
  ...[
    'ip',
    '*_ip',
    'ip_*',
    '*ip_addr*',
    '*ipaddr*',
    '*_ip_*',
    'remote_addr*',
    'client_addr*',
    'mac_addr*',
    '*macaddr*',
  ].map((column) => ({ column, why: 'ip' })),
  ...['*subject*', '*_title', '*template*', '*_body', '*_format', '*_label'].map((column) => ({
    column,
    why: 'message',
  })),
  ...[
    '*allow*',
    '*flag*',
    'is_*',
    'has_*',
    '*_yn',
    '*_enabled',
    '*_verified',
    '*_valid*',
    '*_notify*',
    '*_notice*',
    '*_sent',
    '*_opt_in',
    '*_optin',
    '*consent*',
  ].map((column) => ({ column, why: 'flag' })),
  ...[
    '*_type',
    '*_kind',
    '*_status',
    '*_stas',
    '*_code',
    '*_codg',
    '*_cnt',
    '*_count',
    '*_level',
    '*_lv',
    '*_relationship',
    '*_country',
    '*_state',
    '*_city',
    '*_postal_code',
    '*_zip',
  ].map((column) => ({ column, why: 'code' })),
];

export function glob(p: string): RegExp {
  return new RegExp(
    '^' +
      p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
    'i',
  );
}

export interface CompiledRules {
  kindFor(table: string, column: string): MaskKind | undefined;
  /** The custom rule (from a rules file) for this column, if any. */
  customKindFor(table: string, column: string): MaskKind | undefined;
  /** Why a column that a default rule would pick holds no identity ('ip', 'flag', …), if it does not. */
  notPersonal(column: string): string | undefined;
  /** The column name pattern of the default rule that picks this column. */
  patternFor(table: string, column: string): string | undefined;
}

/** Custom rules are tried first, then the defaults (unless `replaceDefaults`). */
export function compileRules(custom: MaskRule[] = [], replaceDefaults = false): CompiledRules {
  const comp = (list: MaskRule[]) =>
    list.map((r) => ({ t: r.table ? glob(r.table) : undefined, c: glob(r.column), kind: r.kind, pattern: r.column }));
  const mine = comp(custom);
  const defaults = comp(replaceDefaults ? [] : DEFAULT_MASK_RULES);
  const notPersonal = NOT_PERSONAL.map((x) => ({ c: glob(x.column), why: x.why }));
  const find = (list: typeof mine, table: string, column: string) =>
    list.find((r) => (!r.t || r.t.test(table)) && r.c.test(column));
  return {
    kindFor(table, column) {
      const c = find(mine, table, column);
      if (c) return c.kind;
      if (notPersonal.some((x) => x.c.test(column))) return undefined;
      return find(defaults, table, column)?.kind;
    },
    customKindFor: (table, column) => find(mine, table, column)?.kind,
    notPersonal: (column) => notPersonal.find((x) => x.c.test(column))?.why,
    patternFor: (table, column) => find(defaults, table, column)?.pattern,
  };
}

/** A rules file: `mask: [{ column: "pat_*name", kind: name }, { table: t, column: c, kind: text }]`, optional `replaceDefaults: true`. */
export function parseMaskRules(text: string, file: string): { rules: MaskRule[]; replaceDefaults: boolean } {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    throw inputError(
      'MASK_RULES_BAD',
      `Cannot read the mask rules ${file}`,
      'Write it as YAML: mask: [{ column: "pat_*name", kind: name }].',
      (e as Error).message,
      { file },
    ).zh(`无法读取脱敏规则 ${file}`, '请写成 YAML：mask: [{ column: "pat_*name", kind: name }]。');
  }
  const d = (doc ?? {}) as { mask?: unknown; replaceDefaults?: unknown };
  const list = d.mask ?? [];
  if (!Array.isArray(list))
    throw inputError(
      'MASK_RULES_BAD',
      `"mask" in ${file} is not a list`,
      `Write mask: [{ column: "…", kind: ${MASK_KINDS.join('|')} }].`,
      undefined,
      { file },
    ).zh(`${file} 中的 "mask" 不是列表`, `请写成 mask: [{ column: "…", kind: ${MASK_KINDS.join('|')} }]。`);
  const rules = list.map((r: unknown, i: number) => {
    const x = r as Partial<MaskRule>;
    if (
      !x ||
      typeof x.column !== 'string' ||
      !MASK_KINDS.includes(x.kind as MaskKind) ||
      (x.table !== undefined && typeof x.table !== 'string')
    ) {
      throw inputError(
        'MASK_RULES_BAD',
        `Rule ${i + 1} in ${file} is not valid`,
        `Each rule needs column (a name pattern) and kind (${MASK_KINDS.join(', ')}), and may name a table pattern.`,
        undefined,
        { file, rule: r },
      ).zh(
        `${file} 中的第 ${i + 1} 条规则无效`,
        `每条规则需要 column（列名模式）和 kind（${MASK_KINDS.join('、')}），可另给 table 模式。`,
      );
    }
    return { column: x.column, kind: x.kind as MaskKind, ...(x.table ? { table: x.table } : {}) };
  });
  return { rules, replaceDefaults: d.replaceDefaults === true };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** An 18-character resident ID with a real birth date and a correct check character. */
export function isValidIdCard(v: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (y < 1800 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idCheckDigit(v.slice(0, 17)) === v[17]!.toUpperCase();
}
