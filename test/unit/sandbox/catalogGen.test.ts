import { describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS, parseCatalogFile, writeCatalogFile } from '../../../src/core/center/protocol/index.js';
import { catalogVersions, nextCatalogVersion } from '../../../src/core/center/sandbox/index.js';

describe('catalogVersions', () => {
  it('publishes new records per version, changes one in v2 and discontinues one in v3', () => {
    const v = catalogVersions('1301', 1);
    expect(v).toHaveLength(3);
    expect(v[0]!.records).toHaveLength(6);
    expect(v[1]!.records[0]!.med_list_codg).toBe(v[0]!.records[0]!.med_list_codg);
    expect(v[1]!.records[0]!.drug_prodname).toMatch(/规格调整/);
    const stop = v[2]!.records[0]!;
    expect(stop.med_list_codg).toBe(v[0]!.records[1]!.med_list_codg);
    expect([stop.vali_flag, stop.enddate]).toEqual(['0', v[2]!.date]);
    const codes = v.flatMap((x) =>
      x.records.filter((r) => r.vali_flag === '1' && r.begndate === x.date).map((r) => r.med_list_codg),
    );
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is deterministic per seed and round-trips through the file format of every file catalog', () => {
    expect(catalogVersions('1305', 5)).toEqual(catalogVersions('1305', 5));
    expect(catalogVersions('1305', 5)[0]!.records[0]!.med_list_codg).not.toBe(
      catalogVersions('1305', 6)[0]!.records[0]!.med_list_codg,
    );
    for (const infno of Object.keys(CATALOG_COLUMNS)) {
      const recs = catalogVersions(infno, 1, { versions: 2, perVersion: 3 }).flatMap((x) => x.records);
      const parsed = parseCatalogFile(infno, writeCatalogFile(infno, recs));
      expect(parsed).toHaveLength(recs.length);
      expect(parsed.map((r) => r.ver_name)).toEqual(recs.map((r) => r.ver_name));
    }
  });

  it('pages by ver or ver_name; an unknown version is null, past the end is undefined', () => {
    const v = catalogVersions('1306', 1);
    expect(nextCatalogVersion(v, '0')).toBe(v[0]);
    expect(nextCatalogVersion(v, '')).toBe(v[0]);
    expect(nextCatalogVersion(v, v[0]!.ver_name)).toBe(v[1]);
    expect(nextCatalogVersion(v, v[1]!.ver)).toBe(v[2]);
    expect(nextCatalogVersion(v, v[2]!.ver_name)).toBeUndefined();
    expect(nextCatalogVersion(v, 'nope')).toBeNull();
  });
});
