/** The one rule of --json results: ok exactly on exit 0; error for failures, findings for exit 3. */
import { describe, expect, it } from 'vitest';
import { resultEnvelope } from '../../../src/cli/output.js';
import { ERROR_CODES } from '../../../src/core/errorCodes.js';
import { HisopsError } from '../../../src/core/errors.js';

const base = { command: 'x', runId: 'r', warnings: [] as string[] };

describe('resultEnvelope', () => {
  it('is ok with the data on exit 0', () => {
    expect(resultEnvelope({ ...base, exit: 0, data: { n: 1 } })).toEqual({
      ok: true,
      command: 'x',
      runId: 'r',
      data: { n: 1 },
      warnings: [],
    });
  });

  it('is not ok on exit 3, keeping the data and saying what needs attention', () => {
    const env = resultEnvelope({ ...base, exit: 3, data: { n: 2 }, findings: { summary: '2 stuck', count: 2 } });
    expect(env).toMatchObject({ ok: false, data: { n: 2 }, findings: { summary: '2 stuck', count: 2 } });
    expect(env.error).toBeUndefined();
    expect(resultEnvelope({ ...base, exit: 3, data: {} }).findings?.summary).toMatch(/exit 3/);
  });

  it("carries the command's error and its data on any other exit", () => {
    const error = new HisopsError({
      code: 'FILE_EMPTY',
      summary: 'a.csv: the file holds no rows',
      fix: 'Export again.',
      exit: 2,
    });
    expect(resultEnvelope({ ...base, exit: 2, data: { blocked: true }, error })).toMatchObject({
      ok: false,
      data: { blocked: true },
      error: { code: 'FILE_EMPTY', summary: 'a.csv: the file holds no rows', fix: 'Export again.' },
    });
  });

  it('names a catalogued error with a fix when the command gave none', () => {
    for (const exit of [1, 2, 4, 5]) {
      const env = resultEnvelope({ ...base, exit, data: {} });
      expect(env.ok).toBe(false);
      expect(env.error!.code in ERROR_CODES).toBe(true);
      expect(env.error!.fix).toBeTruthy();
      expect(env.error!.summary).toContain(`exit ${exit}`);
    }
  });
});
