/**
 * yyyy-MM-dd of a Date on this machine's clock (the process time zone), for the "today" and
 * "yesterday" a command defaults to; localDate is the one for the institution's configured zone.
 */
export function calendarDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
