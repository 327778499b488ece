/** Every text of the statement contract has its Chinese words (contractZh.ts). */
import { describe, expect, it } from 'vitest';
import { contractText, contractTextsWithoutZh } from '../../../src/core/his/index.js';

describe('the contract in Chinese', () => {
  it('has Chinese for every English meaning, value meaning and consequence', () => {
    expect(contractTextsWithoutZh()).toEqual([]);
  });
  it('keeps English under en and Chinese under zh-CN', () => {
    const en = 'refunds are counted as settlements: the day is off by twice the refunded amount';
    expect(contractText('en', en)).toBe(en);
    expect(contractText('zh-CN', en)).toBe('退费被当成结算：当天差额为退费金额的两倍');
  });
});
