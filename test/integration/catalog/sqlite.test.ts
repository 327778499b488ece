import fs from 'node:fs';
import { describe } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { tmpDir } from '../../fixtures/catalog/make.js';
import { catalogSuite } from './suite.js';

describe('catalogs and mappings on SQLite', () => {
  catalogSuite(async () => {
    const dir = tmpDir('hisops-catalog-sqlite-');
    const db = await connect(`sqlite:${dir}/catalog.db`, { create: true });
    return {
      db,
      done: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
