/** Dates and times in the institution's zone, as people write them (reports, tables). */
export { DEFAULT_TIMEZONE, checkTimeZone, isTimeZone, isoWithOffset, localDate, localDateTime } from './localTime.js';
export { calendarDay } from './calendarDay.js';
export { CHINA_UTC_OFFSET_MINUTES, addDays, dayOf, daysBetween, isCalendarDay, isDay } from './days.js';
