/** The center settings of the stuck-settlement suites (also used by the crash test's child process). */
import type { CenterConfig } from '../../../src/core/center/index.js';

export const centerConfig = (url: string, over: Partial<CenterConfig> = {}): CenterConfig => ({
  baseUrl: url,
  fixmedins_code: 'H43010000001',
  fixmedins_name: '示例医院',
  mdtrtarea_admvs: '430100',
  insuplc_admdvs: '430100',
  recer_sys_code: 'YBXT',
  infver: 'V1.0',
  opter: 'op07',
  opter_name: '信息科乙',
  opter_type: '1',
  setl_optins: '430100',
  retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
  timeouts: { defaultMs: 5000, byInfno: { '2207': 500, '2304': 500 } },
  ...over,
});
