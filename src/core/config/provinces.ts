/**
 * Province profiles: what each province's center does differently from the national baseline,
 * gathered in one table (interface reference §1–§3, sources in brackets). `center.province` picks
 * one; its `settings` fill the center settings that hisops.yaml, the environment and flags leave at
 * their defaults (`hisops config show` names the province as their source), so an institution in
 * Hunan needs to set only its URL and credentials.
 *
 * Whatever the profile, the client reads every envelope variant listed under `answers` — infcode
 * as 0 or "0", err_msg null or "", output as an object, a list or JSON text, unknown keys ignored —
 * so a profile never narrows what is accepted; it sets what is sent (gateway, URL shape, infver,
 * recer_sys_code, the 国密 channel) and documents what to expect.
 *
 * To add a province: append a province(...) line (2-digit admdvs prefix, names), set only what differs from
 * national, cite the source of each fact in `notes`, and add a captured-shape body to
 * test/unit/center/provinces.test.ts.
 */
import { inputError } from '../errors.js';
import type { ConfigValue } from './resolve.js';

export interface ProvinceSettings {
  gateway?: 'none' | 'tif' | 'hsaf';
  appendInfno?: boolean;
  infver?: string;
  recer_sys_code?: string;
  crypto?: 'none' | 'sm4';
}

export interface ProvinceProfile {
  /** 'national' or the 2-digit admdvs prefix. */
  code: string;
  name: string;
  zh: string;
  /** Other names accepted by center.province (lower-case pinyin, Chinese). */
  aliases: readonly string[];
  settings: ProvinceSettings;
  /** Answer variants seen from this province's center (all are read everywhere). */
  answers: readonly string[];
  /** What is known, each with its source in the interface reference. */
  notes: readonly string[];
  /**
   * Which trace transactions the province's center takes in batches, when it differs from the
   * national default (3501A/3502A/3505A in batches, returns one by one as 3506): hisops.yaml's
   * trace.stockBatch / trace.returnBatch still win. No province is known to differ yet.
   */
  trace?: { stockBatch?: boolean; returnBatch?: boolean };
}

/** The envelope variants every profile reads (reference §3). */
export const COMMON_ANSWERS: readonly string[] = [
  'infcode 0 or "0" (string) for success; -1 or "-1" for a refusal',
  'err_msg null, "" or "成功" on success; on a refusal possibly empty (shown as "(no message)")',
  'output as an object, a list (read as { data: [...] }), JSON text, null or ""',
  'unknown keys (province extras) ignored',
];

/** A province: accepted by its pinyin and Chinese names; reads the common answers and any it adds. */
function province(
  code: string,
  name: string,
  zh: string,
  settings: ProvinceSettings,
  notes: string[],
  moreAnswers: string[] = [],
): ProvinceProfile {
  const answers = moreAnswers.length ? [...COMMON_ANSWERS, ...moreAnswers] : COMMON_ANSWERS;
  return { code, name, zh, aliases: [name.toLowerCase(), zh], settings, answers, notes };
}

export const PROVINCES: readonly ProvinceProfile[] = [
  {
    code: 'national',
    name: 'National baseline',
    zh: '国家基线版',
    aliases: ['national', 'default', '国家', 'nhsa'],
    settings: {},
    answers: COMMON_ANSWERS,
    notes: [
      'Plain JSON over one URL (front-end processor or /fsi/api/rsfComIfsService/callService) [J]; no gateway headers; infver V1.0, recer_sys_code YBXT [A].',
    ],
  },
  province('13', 'Hebei', '河北', { gateway: 'tif' }, [
    'x-tif-* gateway headers [A].',
    'A per-service path table exists (…/signInSignOutService/signIn for 9001, …) but the active client used one base URL: set pathByInfno only if the gateway asks [A].',
  ]),
  province(
    '22',
    'Jilin',
    '吉林',
    { crypto: 'sm4' },
    [
      '国密 channel: input and output SM4-encrypted (Base64), requests and answers signed with SM2 (cainfo, signtype SM2), enc_type "SM4" on requests; keys per institution [B].',
      "OAuth bearer gateway (POST /auth/oauth/token, then Authorization: Bearer): not built into hisops — post through the institution's front-end processor or a proxy that adds the token [B].",
      'recer_sys_code sys01 seen in one client (not set by the profile: ask the province) [B]; local med_type 990404; 3203A/3204A/3205A/3206A clearing variants [B].',
    ],
    ['output as Base64 SM4 ciphertext with enctype "SM4", cainfo (SM2 signature) and signtype "SM2"'],
  ),
  province(
    '31',
    'Shanghai',
    '上海',
    {},
    ['Answers carry warn_msg [B]; inf_refmsgid starts 310000.'],
    ['warn_msg filled on success (shown as a warning)'],
  ),
  province('36', 'Jiangxi', '江西', { gateway: 'hsaf' }, [
    '_api_* (HSAF) gateway headers on /fsi/api/rsfComIfsService/callService [J].',
  ]),
  province('43', 'Hunan', '湖南', { gateway: 'hsaf', appendInfno: true }, [
    '_api_* (HSAF, HMAC-SHA1) gateway headers; URL …/power-csb/powercsb/{infno}: the infno is appended to the path [E].',
    'recer_sys_code MBS_LOCAL seen in an SDK example [E]; local codes med_type 2101, clr_type 9902.',
  ]),
  province('44', 'Guangdong', '广东', { gateway: 'tif', appendInfno: true }, [
    'x-tif-* gateway headers; the URL ends with the infno (…/poc/hsa/hgs/{infno}; Guangzhou …/poc-hsa-hgs-{infno}: put {infno} in center.url) [F].',
    'Shenzhen (440300) field lengths: fixmedins_code 12, fixmedins_name 20 [C].',
  ]),
  province('50', 'Chongqing', '重庆', { gateway: 'tif' }, [
    'x-tif-* gateway headers (test paasid mbs_fsi_auth) [A]; recer_sys_code YBXT, LXXT for 离休 (insutype 340), GSXT for work injury [A]; inf_refmsgid starts 500000.',
  ]),
];

/** The profile named by center.province: 'national', a 2-digit prefix, a 6-digit division or a name. */
export function provinceProfile(name: string | undefined): ProvinceProfile {
  const n = (name ?? 'national').trim().toLowerCase();
  const key = /^\d{6}$/.test(n) ? n.slice(0, 2) : n;
  const p = PROVINCES.find((x) => x.code === key || x.aliases.includes(key));
  if (p) return p;
  const known = PROVINCES.map((x) => `${x.code} (${x.name})`).join(', ');
  throw inputError(
    'CENTER_PROVINCE',
    `center.province "${name}" is not a province hisops has a profile for`,
    `Use one of: ${known}; or leave it at national and set the center settings yourself (docs/center.md says how to add a province).`,
  ).zh(
    `center.province "${name}" 没有对应的省份配置`,
    `可选：${PROVINCES.map((x) => `${x.code}（${x.zh}）`).join('、')}；或保留 national 并自行设置中心参数（添加省份的方法见 docs/center.md）。`,
  );
}

/** Which config key each profile setting fills. */
const SETTING_KEYS: ReadonlyArray<[string, keyof ProvinceSettings]> = [
  ['center.gateway', 'gateway'],
  ['center.appendInfno', 'appendInfno'],
  ['center.infver', 'infver'],
  ['center.recer_sys_code', 'recer_sys_code'],
  ['center.crypto', 'crypto'],
];

/** Fill the settings left at their defaults from the profile center.province names (in place). */
export function applyProvince(values: Record<string, ConfigValue>): void {
  const p = provinceProfile(values['center.province']?.value as string | undefined);
  for (const [key, setting] of SETTING_KEYS) {
    const v = p.settings[setting];
    if (v !== undefined && (!values[key] || values[key]!.source === 'default'))
      values[key] = { value: v, source: `province ${p.code} (${p.name})` };
  }
}
