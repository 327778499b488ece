/**
 * Mappings that end within the next days with no later period of the same HIS item to take over:
 * the count `hisops status` shows, read from the catalog store alone (no HIS, no center).
 */
import type { Knex } from 'knex';
import { addDays, OPEN_END, type Day } from '../day.js';
import { MAPPING_TABLE } from './tables.js';

export async function expiringMappings(
  knex: Knex,
  today: Day,
  days: number,
): Promise<Array<{ fixmedins_hilist_id: string; med_list_codg: string; enddate: string }>> {
  if (!(await knex.schema.hasTable(MAPPING_TABLE.name))) return [];
  const t = MAPPING_TABLE.name;
  return (await knex(`${t} as m`)
    .select('m.fixmedins_hilist_id', 'm.med_list_codg', 'm.enddate')
    .whereNotNull('m.enddate')
    .where('m.enddate', '>=', today)
    .where('m.enddate', '<=', addDays(today, days))
    .where('m.enddate', '<', OPEN_END)
    .whereNotExists((q) =>
      q
        .select(knex.raw('1'))
        .from(`${t} as n`)
        .whereRaw('n.fixmedins_hilist_id = m.fixmedins_hilist_id')
        .whereRaw('n.begndate > m.enddate'),
    )
    .orderBy('m.enddate')) as Array<{ fixmedins_hilist_id: string; med_list_codg: string; enddate: string }>;
}
