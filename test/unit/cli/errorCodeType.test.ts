/**
 * Error codes are typed: `inputError` and `externalError` take only codes of the catalogue
 * (src/core/errorCodes.ts). The `@ts-expect-error` lines make the typecheck fail the day a free
 * string is accepted again.
 */
import { describe, expect, it } from 'vitest';
import { isErrorCode, type ErrorCode } from '../../../src/core/errorCodes.js';
import { externalError, HisopsError, inputError } from '../../../src/core/errors.js';

describe('typed error codes', () => {
  it('accepts catalogued codes and tells a catalogued code from free text', () => {
    const code: ErrorCode = 'BAD_DATE';
    expect(inputError(code, 's', 'f').exit).toBe(2);
    expect(externalError('EXTERNAL_FAILED', 's', 'f').exit).toBe(5);
    expect(isErrorCode('BAD_DATE')).toBe(true);
    expect(isErrorCode('NOT_A_CODE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('refuses a free string at compile time', () => {
    // @ts-expect-error not a code of the catalogue
    expect(inputError('NOT_A_CODE', 's', 'f').code).toBe('NOT_A_CODE');
    // @ts-expect-error not a code of the catalogue
    expect(externalError('CENTER_OOPS', 's', 'f').code).toBe('CENTER_OOPS');
    const free: string = 'BAD_DATE';
    // @ts-expect-error a string variable is not an ErrorCode without isErrorCode
    inputError(free, 's', 'f');
    if (isErrorCode(free)) expect(inputError(free, 's', 'f').code).toBe('BAD_DATE');
    // @ts-expect-error the constructor takes only catalogued codes too
    expect(new HisopsError({ code: 'CENTER_OOPS', summary: 's' }).code).toBe('CENTER_OOPS');
  });
});
