import { isHisopsError, type HisopsError } from '../../src/core/errors.js';

/** The HisopsError a promise rejects with; anything else (or no failure at all) fails the test. */
export async function caught(p: Promise<unknown>): Promise<HisopsError> {
  try {
    await p;
  } catch (e) {
    if (isHisopsError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}
