export { CONFIG_KEYS, KEY_BY_NAME, envName, type KeySpec, type KeyType } from './schema.js';
export {
  resolveConfig,
  SECRET_SOURCES,
  type SecretKey,
  type ResolvedConfig,
  type ConfigValue,
  type Connection,
  type ConfigInputs,
} from './resolve.js';
export { parseConfigText } from './parseConfigText.js';
export { describeConfig, redactPassword } from './describeConfig.js';
export { coerce } from './coerce.js';
export { closest } from '../shared/closest.js';
export {
  PROVINCES,
  COMMON_ANSWERS,
  provinceProfile,
  applyProvince,
  type ProvinceProfile,
  type ProvinceSettings,
} from './provinces.js';
