import { describeWithPg } from '../../helpers/servers.js';
import { referenceHisSuite } from './serverSuite.js';

describeWithPg('reference HIS on PostgreSQL', (url) => referenceHisSuite('postgres', () => url));
