import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';
import { hisJobsSuite } from './jobsSuite.js';

for (const shape of ['reference', 'vendor'] as const) {
  describeWithPg(`jobs on the ${shape} HIS (PostgreSQL)`, (url) => hisJobsSuite('postgres', shape, () => url));
  describeWithMysql(`jobs on the ${shape} HIS (MariaDB)`, (url) => hisJobsSuite('mysql', shape, () => url));
}
for (const shape of ['reference', 'vendor'] as const) {
  describeWithPg(`jobs on the ${shape} HIS through its drafted profile (PostgreSQL)`, (url) =>
    hisJobsSuite('postgres', shape, () => url, { drafted: true }),
  );
  describeWithMysql(`jobs on the ${shape} HIS through its drafted profile (MariaDB)`, (url) =>
    hisJobsSuite('mysql', shape, () => url, { drafted: true }),
  );
}
