export { CONFIG_KEYS, KEY_BY_NAME, envName, type KeySpec, type KeyType } from './schema.js';
export {
  parseConfigText,
  resolveConfig,
  describeConfig,
  SECRET_SOURCES,
  type SecretKey,
  redactPassword,
  closest,
  coerce,
  type ResolvedConfig,
  type ConfigValue,
  type Connection,
  type ConfigInputs,
} from './resolve.js';
export {
  PROVINCES,
  COMMON_ANSWERS,
  provinceProfile,
  applyProvince,
  type ProvinceProfile,
  type ProvinceSettings,
} from './provinces.js';
