import { connect } from '../../../src/core/db/index.js';
import { createTempDatabase, describeWithMysql } from '../../helpers/servers.js';
import { catalogSuite } from './suite.js';

describeWithMysql('catalogs and mappings on MariaDB', (url) => {
  catalogSuite(async () => {
    const tmp = await createTempDatabase('mysql', url, 'hisops_t_catalog');
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
