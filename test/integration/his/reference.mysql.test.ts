import { describeWithMysql } from '../../helpers/servers.js';
import { referenceHisSuite } from './serverSuite.js';

describeWithMysql('reference HIS on MySQL/MariaDB', (url) => referenceHisSuite('mysql', () => url));
