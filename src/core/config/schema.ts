/**
 * Every configuration key hisops knows, in one table: its type, default, whether it is a secret
 * and what it is for. The environment name is derived (`center.url` → HISOPS_CENTER_URL) so that
 * users can guess it. Keys marked `perInstitution` live under each entry of `institutions:`.
 */
export type KeyType = 'string' | 'bool' | 'int' | 'enum' | 'dburl' | 'path' | 'timezone';

export interface KeySpec {
  key: string;
  type: KeyType;
  values?: readonly string[];
  default?: string | number | boolean;
  secret?: boolean;
  perInstitution?: boolean;
  /** Secrets are read from the environment or a file only, never from a flag or hisops.yaml. */
  fileAllowed?: boolean;
  doc: string;
}

export const CONFIG_KEYS: readonly KeySpec[] = [
  {
    key: 'lang',
    type: 'enum',
    values: ['en', 'zh-CN'],
    doc: 'Language of human output (default: from the system locale)',
  },
  { key: 'institution', type: 'string', doc: 'Which entry of institutions: to use (default: the first)' },
  {
    key: 'journal.url',
    type: 'dburl',
    default: 'sqlite:.hisops/journal.db',
    doc: 'Where hisops keeps its own bookkeeping tables',
  },
  { key: 'journal.passwordEnv', type: 'string', doc: 'Environment variable holding the journal database password' },
  {
    key: 'journal.busyTimeoutMs',
    type: 'int',
    default: 30000,
    doc: 'SQLite journal: how long a write waits for another process writing to it, in milliseconds',
  },
  {
    key: 'journal.lockLeaseMs',
    type: 'int',
    default: 120000,
    doc: 'A run lock whose holder on another host has not renewed it for this long (milliseconds) is taken over',
  },
  {
    key: 'schema.session',
    type: 'string',
    doc: 'Statements run on the connection before each step of schema sync --apply, separated by ; (e.g. SET SESSION innodb_strict_mode=0)',
  },
  {
    key: 'schema.scratch',
    type: 'dburl',
    doc: 'A MySQL/MariaDB or PostgreSQL server (URL or connection name) where schema commands may create and drop a temporary database to read DDL files of that dialect (--scratch)',
  },
  {
    key: 'schema.oracle.maxIdentifier',
    type: 'string',
    doc: 'Longest Oracle name the sync scripts may use: 30 (before 12.2, the default) or 128 (12.2 and later); longer generated index and constraint names are shortened with a hash',
  },

  {
    key: 'name',
    type: 'string',
    perInstitution: true,
    default: 'default',
    doc: 'Short name of the institution (used by --institution)',
  },
  {
    key: 'fixmedins_code',
    type: 'string',
    perInstitution: true,
    default: 'H00000000001',
    doc: 'Institution code issued by the center (定点医药机构编号)',
  },
  { key: 'fixmedins_name', type: 'string', perInstitution: true, default: '示例医院', doc: 'Institution name' },
  {
    key: 'timezone',
    type: 'timezone',
    perInstitution: true,
    default: 'Asia/Shanghai',
    doc: 'Time zone of dates and times in reports and tables (IANA name; JSON keeps ISO with the offset)',
  },
  {
    key: 'center.setl_optins_name',
    type: 'string',
    perInstitution: true,
    doc: 'Name of the settlement agency (经办机构) printed on the 对账单',
  },
  {
    key: 'his.url',
    type: 'dburl',
    perInstitution: true,
    default: 'sqlite:.hisops/his.db',
    doc: 'The HIS database (URL or the name of a connection)',
  },
  {
    key: 'catalog.url',
    type: 'dburl',
    perInstitution: true,
    doc: 'Where hisops keeps the catalogs and mappings (default: the HIS database, so the HIS can read them through a view)',
  },
  {
    key: 'his.profile',
    type: 'path',
    perInstitution: true,
    default: 'builtin:reference',
    doc: 'HIS profile: named SQL statements for this HIS',
  },
  {
    key: 'his.passwordEnv',
    type: 'string',
    perInstitution: true,
    doc: 'Environment variable holding the HIS password (default HISOPS_HIS_PASSWORD)',
  },
  { key: 'his.passwordFile', type: 'path', perInstitution: true, doc: 'File holding the HIS password' },
  {
    key: 'his.password',
    type: 'string',
    perInstitution: true,
    secret: true,
    doc: 'HIS password (environment or file only)',
  },
  {
    key: 'center.url',
    type: 'string',
    perInstitution: true,
    default: 'http://127.0.0.1:8700',
    doc: "The center's base URL (default: the local sandbox)",
  },
  {
    key: 'center.appendInfno',
    type: 'bool',
    perInstitution: true,
    default: false,
    doc: 'Append the transaction number (infno) to the URL path',
  },
  {
    key: 'center.gateway',
    type: 'enum',
    values: ['none', 'tif', 'hsaf'],
    perInstitution: true,
    default: 'none',
    doc: 'Gateway signing scheme: none, tif (x-tif-*), hsaf (_api_*)',
  },
  {
    key: 'center.paasid',
    type: 'string',
    perInstitution: true,
    doc: 'Gateway app id (x-tif-paasid / _api_access_key)',
  },
  {
    key: 'center.secretEnv',
    type: 'string',
    perInstitution: true,
    doc: 'Environment variable holding the gateway secret (default HISOPS_CENTER_SECRET)',
  },
  { key: 'center.secretFile', type: 'path', perInstitution: true, doc: 'File holding the gateway secret' },
  {
    key: 'center.secret',
    type: 'string',
    perInstitution: true,
    secret: true,
    doc: 'Gateway secret (environment or file only)',
  },
  {
    key: 'center.province',
    type: 'string',
    perInstitution: true,
    default: 'national',
    doc: "Province profile of the center's envelope (docs/center.md): national, a 2-digit admdvs prefix (22, 43, 44, 50 …) or its name (jilin, 吉林); fills the settings left at their defaults",
  },
  {
    key: 'center.crypto',
    type: 'enum',
    values: ['none', 'sm4'],
    perInstitution: true,
    default: 'none',
    doc: '国密 message channel: none (plain JSON) or sm4 (SM4-encrypted input/output, SM2 signatures when keys are set)',
  },
  {
    key: 'center.sm4KeyFile',
    type: 'path',
    perInstitution: true,
    doc: 'File holding the SM4 key of the encrypted channel (32 hex digits)',
  },
  {
    key: 'center.sm4Key',
    type: 'string',
    perInstitution: true,
    secret: true,
    doc: 'SM4 key of the encrypted channel (environment HISOPS_CENTER_SM4_KEY or file only)',
  },
  {
    key: 'center.sm2KeyFile',
    type: 'path',
    perInstitution: true,
    doc: "File holding the institution's SM2 private key (64 hex digits) that signs requests",
  },
  {
    key: 'center.sm2Key',
    type: 'string',
    perInstitution: true,
    secret: true,
    doc: "The institution's SM2 private key (environment HISOPS_CENTER_SM2_KEY or file only)",
  },
  {
    key: 'center.sm2CenterPublicKey',
    type: 'string',
    perInstitution: true,
    doc: "The center's SM2 public key (130 hex digits): answers' signatures are verified with it",
  },
  {
    key: 'center.sm2UserId',
    type: 'string',
    perInstitution: true,
    default: '1234567812345678',
    doc: 'SM2 user id of the signature digest (Z_A)',
  },
  {
    key: 'center.tlsCa',
    type: 'path',
    perInstitution: true,
    doc: "PEM file of the CA that signed a private center's certificate (trusted besides the system's CAs; verification stays on)",
  },
  {
    key: 'center.mdtrtarea_admvs',
    type: 'string',
    perInstitution: true,
    default: '430100',
    doc: 'Treatment-area admin division (就医地医保区划)',
  },
  {
    key: 'center.insuplc_admdvs',
    type: 'string',
    perInstitution: true,
    default: '430100',
    doc: 'Default insured-place admin division (参保地医保区划)',
  },
  {
    key: 'center.setl_optins',
    type: 'string',
    perInstitution: true,
    default: '430100',
    doc: 'Default settlement agency (结算经办机构) for reconciliation',
  },
  { key: 'center.recer_sys_code', type: 'string', perInstitution: true, default: 'YBXT', doc: 'Receiver system code' },
  {
    key: 'center.infver',
    type: 'string',
    perInstitution: true,
    default: 'V1.0',
    doc: 'Interface version announced by the province',
  },
  {
    key: 'center.opter',
    type: 'string',
    perInstitution: true,
    default: 'hisops',
    doc: 'Operator id sent with every call',
  },
  {
    key: 'center.opter_name',
    type: 'string',
    perInstitution: true,
    default: 'hisops',
    doc: 'Operator name sent with every call',
  },
  {
    key: 'center.opter_type',
    type: 'enum',
    values: ['1', '2', '3'],
    perInstitution: true,
    default: '1',
    doc: 'Operator type: 1 operator, 2 kiosk, 3 mobile',
  },
  { key: 'center.dev_no', type: 'string', perInstitution: true, doc: 'Device id' },
  {
    key: 'center.utcOffsetMinutes',
    type: 'int',
    perInstitution: true,
    default: 480,
    doc: "The center's clock as minutes east of UTC (480 = China time), used for inf_time, msgids and clock checks whatever the host's zone",
  },
  {
    key: 'center.timeoutMs',
    type: 'int',
    perInstitution: true,
    default: 30000,
    doc: 'Default timeout of one center call, in milliseconds',
  },
];

export const KEY_BY_NAME: ReadonlyMap<string, KeySpec> = new Map(CONFIG_KEYS.map((k) => [k.key, k]));

/** `center.url` → `HISOPS_CENTER_URL`; `center.appendInfno` → `HISOPS_CENTER_APPEND_INFNO`; `center.sm4Key` → `HISOPS_CENTER_SM4_KEY`. */
export function envName(key: string): string {
  return (
    'HISOPS_' +
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/\./g, '_')
      .toUpperCase()
  );
}
