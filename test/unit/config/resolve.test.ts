import { describe, expect, it } from 'vitest';
import { resolveConfig, envName, closest } from '../../../src/core/config/index.js';

describe('configuration keys', () => {
  it('derives environment names from keys', () => {
    expect(envName('center.url')).toBe('HISOPS_CENTER_URL');
    expect(envName('center.appendInfno')).toBe('HISOPS_CENTER_APPEND_INFNO');
    expect(envName('journal.url')).toBe('HISOPS_JOURNAL_URL');
    expect(envName('fixmedins_code')).toBe('HISOPS_FIXMEDINS_CODE');
  });

  it('suggests the closest key only when it is close', () => {
    expect(closest('centre', ['center', 'his', 'journal'])).toBe('center');
    expect(closest('zzzzzz', ['center', 'his'])).toBeUndefined();
  });

  it('coerces typed values from the environment and rejects bad ones', () => {
    const cfg = resolveConfig({
      baseDir: '/x',
      env: { HISOPS_CENTER_APPEND_INFNO: 'yes', HISOPS_CENTER_TIMEOUT_MS: '1500' },
      flags: {},
    });
    expect(cfg.values['center.appendInfno']).toEqual({ value: true, source: 'env HISOPS_CENTER_APPEND_INFNO' });
    expect(cfg.values['center.timeoutMs']!.value).toBe(1500);
    expect(() => resolveConfig({ baseDir: '/x', env: { HISOPS_CENTER_TIMEOUT_MS: 'soon' }, flags: {} })).toThrow(
      /HISOPS_CENTER_TIMEOUT_MS.*timeoutMs/,
    );
  });

  it('rejects two institutions with one name, naming the line', () => {
    const text = 'institutions:\n  - name: a\n  - name: a\n';
    expect(() => resolveConfig({ text, file: 'h.yaml', baseDir: '/x', env: {}, flags: {} })).toThrow(
      /h\.yaml:3: two institutions are named "a"/,
    );
  });

  it('reads secrets from the variable a key names, never from the file', () => {
    const text = 'institutions:\n  - name: a\n    his:\n      passwordEnv: MY_PW\n';
    const cfg = resolveConfig({
      text,
      file: 'h.yaml',
      baseDir: '/x',
      env: { MY_PW: 'pw', HISOPS_HIS_PASSWORD: 'other' },
      flags: {},
    });
    expect(cfg.values['his.password']).toEqual({ value: 'pw', source: 'env MY_PW' });
  });
});
