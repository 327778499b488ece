/**
 * The four-code library and the package relations of the journal database, as `trace check`
 * uses them: the current library version, and loaders the checker calls a day at a time. Reads
 * only (a fresh journal has neither, and nothing is created).
 */
import type { Journal } from '../journal/index.js';
import { currentLibraryVersion, libraryEntries } from './libraryStore.js';
import { relationsAround } from './relationStore.js';
import type { CheckStores } from './runCheck.js';

export async function checkStores(journal: Pick<Journal, 'knex'>): Promise<CheckStores> {
  const j = journal as Pick<Journal, 'knex' | 'ensure'>;
  return {
    libraryVersion: await currentLibraryVersion(j),
    library: (prefixes) => libraryEntries(j, prefixes),
    relations: (codes) => relationsAround(journal, codes),
  };
}
