import { describe } from 'vitest';
import { hisJobsSuite } from './jobsSuite.js';

describe('jobs on the reference HIS (SQLite)', () => hisJobsSuite('sqlite', 'reference'));
describe('jobs on the vendor-style HIS (SQLite)', () => hisJobsSuite('sqlite', 'vendor'));
