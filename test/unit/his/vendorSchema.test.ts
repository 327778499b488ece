/**
 * The shipped templates/sql/vendor-his.<dialect>.sql files are the rendering of the model in
 * src/core/his/vendorSchema.ts. After changing the model, refresh them with
 * HISOPS_UPDATE_GOLDEN=1 npx vitest run test/unit/his/vendorSchema.test.ts
 */
import { readGolden } from '../../helpers/golden.js';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_TABLES,
  renderVendorSchema,
  splitSqlScript,
  VENDOR_DIALECTS,
  VENDOR_TABLES,
  vendorCopyStatements,
  vendorSchemaPath,
} from '../../../src/core/his/index.js';

describe('vendor-style HIS schema', () => {
  for (const d of VENDOR_DIALECTS) {
    it(`templates/sql/vendor-his.${d}.sql matches the model`, () => {
      const want = renderVendorSchema(d);
      expect(readGolden(vendorSchemaPath(d), want)).toBe(want);
    });
  }

  it('puts a hospital code and a Chinese comment on every table and column, amounts DECIMAL(12,4)', () => {
    for (const t of VENDOR_TABLES) {
      expect(t.name).toMatch(/^[A-Z]{2}_[A-Z]+$/);
      expect(t.columns[0]!.name).toBe('YYBM');
      expect(t.primaryKey[0]).toBe('YYBM');
      for (const c of t.columns) {
        expect(c.name).toMatch(/^[A-Z]+$/);
        expect(c.comment).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(renderVendorSchema('mysql')).toMatch(/GRZHZF\s+decimal\(12,4\) COMMENT '个人账户支付'/);
    expect(renderVendorSchema('postgres')).toContain("COMMENT ON COLUMN YB_JSXX.JSID IS '结算ID';");
    expect(renderVendorSchema('sqlite')).toMatch(/TCJJZF\s+numeric\(12,4\), -- 统筹基金支付/);
  });

  it('copies every column from a reference column that exists', () => {
    const refCols = new Map(REFERENCE_TABLES.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
    for (const t of VENDOR_TABLES) {
      for (const c of t.columns)
        for (const m of c.from.matchAll(/\br\.(\w+)/g))
          expect(refCols.get(t.source)!.has(m[1]!), `${t.name}.${c.name}`).toBe(true);
    }
    const sql = vendorCopyStatements('H43010000001');
    expect(sql).toHaveLength(VENDOR_TABLES.length + 1);
    expect(sql.find((s) => s.startsWith('INSERT INTO YB_JSXX'))).toContain("CASE r.his_status WHEN 'pending' THEN '0'");
    expect(() => vendorCopyStatements("x'; DROP")).toThrow();
    for (const d of VENDOR_DIALECTS)
      expect(splitSqlScript(renderVendorSchema(d)).length).toBeGreaterThanOrEqual(VENDOR_TABLES.length);
  });
});
