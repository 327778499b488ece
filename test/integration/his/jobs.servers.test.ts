import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';
import { hisJobsSuite } from './jobsSuite.js';

for (const shape of ['reference', 'vendor'] as const) {
  describeWithPg(`jobs on the ${shape} HIS (PostgreSQL)`, (url) => hisJobsSuite('postgres', shape, () => url));
  describeWithMysql(`jobs on the ${shape} HIS (MariaDB)`, (url) => hisJobsSuite('mysql', shape, () => url));
}
describeWithPg('jobs on the vendor-style HIS through its drafted profile (PostgreSQL)', (url) => hisJobsSuite('postgres', 'vendor', () => url, { drafted: true }));
describeWithMysql('jobs on the vendor-style HIS through its drafted profile (MariaDB)', (url) => hisJobsSuite('mysql', 'vendor', () => url, { drafted: true }));
