/** The rows of `hisops config show`: every key, section value and bind with its source, secrets redacted. */
import { redactUrlsInText } from '../shared/redactUrl.js';
import type { ResolvedConfig } from './resolve.js';
import { CONFIG_KEYS } from './schema.js';

/** The rows `hisops config show` prints: every key with its value (secrets redacted) and source. */
export function describeConfig(
  cfg: ResolvedConfig,
): Array<{ key: string; value: string; source: string; secret: boolean }> {
  const rows = CONFIG_KEYS.map((spec) => {
    const v = cfg.values[spec.key];
    const shown = spec.secret
      ? v?.value !== undefined || v?.source.startsWith('file')
        ? '***'
        : ''
      : v?.value === undefined
        ? ''
        : redactPassword(String(v.value));
    return { key: spec.key, value: shown, source: v?.source ?? 'default', secret: !!spec.secret };
  });
  // The sections other jobs own (reconcile:, trace:, stuck: …): what the file sets, each with its
  // line; a section the file leaves out is listed once, on its defaults.
  const sectionValues = cfg.sectionValues ?? {};
  for (const name of cfg.sectionNames ?? []) {
    const keys = Object.keys(sectionValues).filter((k) => k === name || k.startsWith(name + '.'));
    if (keys.length === 0) rows.push({ key: name, value: '', source: 'default', secret: false });
    for (const k of keys)
      rows.push({
        key: k,
        value: sectionValues[k]!.value === undefined ? '' : redactPassword(String(sectionValues[k]!.value)),
        source: sectionValues[k]!.source,
        secret: false,
      });
  }
  // The institution's values of the HIS profile's institution binds.
  for (const [b, v] of Object.entries(cfg.binds ?? {}))
    rows.push({
      key: `binds.${b}`,
      value: v.value === undefined ? '' : String(v.value),
      source: v.source,
      secret: false,
    });
  return rows;
}

/** A password written inside a URL (postgres://u:PW@h/db) is shown as ***. */
export const redactPassword = redactUrlsInText;
