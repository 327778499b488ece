import { connect } from '../../../src/core/db/index.js';
import { createTempDatabase, describeWithPg } from '../../helpers/servers.js';
import { catalogSuite } from './suite.js';

describeWithPg('catalogs and mappings on PostgreSQL', (url) => {
  catalogSuite(async () => {
    const tmp = await createTempDatabase('postgres', url, 'hisops_t_catalog');
    const db = await connect(tmp.url);
    return {
      db,
      done: async () => {
        await db.close();
        await tmp.drop();
      },
    };
  });
});
