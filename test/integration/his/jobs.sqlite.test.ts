import { describe } from 'vitest';
import { hisJobsSuite } from './jobsSuite.js';

describe('jobs on the reference HIS (SQLite)', () => hisJobsSuite('sqlite', 'reference'));
describe('jobs on the vendor-style HIS (SQLite)', () => hisJobsSuite('sqlite', 'vendor'));
describe('jobs on the reference HIS through its drafted profile (SQLite)', () =>
  hisJobsSuite('sqlite', 'reference', undefined, { drafted: true }));
describe('jobs on the vendor-style HIS through its drafted profile (SQLite)', () =>
  hisJobsSuite('sqlite', 'vendor', undefined, { drafted: true }));
