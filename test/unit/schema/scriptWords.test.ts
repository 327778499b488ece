/** Object kinds of plan titles in Chinese: no English word may be left inside a zh-CN title. */
import { describe, expect, it } from 'vitest';
import { ddlWarningZh, reasonZh, titleZh } from '../../../src/core/schema/index.js';

describe('titleZh', () => {
  it('names package and type bodies and types in Chinese', () => {
    expect(titleZh('package body PKG_SETL')).toBe('包体 PKG_SETL');
    expect(titleZh('package PKG_SETL')).toBe('包 PKG_SETL');
    expect(titleZh('type body T_ADDR')).toBe('类型体 T_ADDR');
    expect(titleZh('type T_ADDR')).toBe('类型 T_ADDR');
    expect(titleZh('column PAT_INFO.PAT_NAME (type)')).toBe('列 PAT_INFO.PAT_NAME（类型）');
  });

  it('says in Chinese that a column waits for a type made by hand', () => {
    expect(reasonZh('needs type sex_t, which only the review part adds (create it by hand first)')).toBe(
      '需要类型 sex_t，而它只在需审核部分中（请先手工创建）',
    );
  });

  it('says in Chinese that a DDL side holds objects hisops does not manage', () => {
    expect(ddlWarningZh('1 object(s) of kinds hisops does not manage (ENUM TYPE): listed, never changed')).toBe(
      '1 个对象属于 hisops 不管理的类型（ENUM TYPE）：只列出，从不修改',
    );
  });
});
