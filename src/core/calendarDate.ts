/**
 * Calendar dates with no time zone: a whole number of days since 1970-01-01 (an "epoch day").
 * Integer arithmetic only, so a date never shifts by a day in some time zone.
 */
export type CalendarDate = number & { readonly __calendarDate: unique symbol };

export interface YearMonthDay {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
export function fromYMD(year: number, month: number, day: number): CalendarDate {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as CalendarDate;
}

export function toYMD(date: CalendarDate): YearMonthDay {
  const z = date + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return (date + days) as CalendarDate;
}

/** Whole days from `from` to `to` (to - from). Inclusive day counts add 1. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return to - from;
}

/**
 * `date` moved by `months` calendar months, the day of month taken from `anchorDay` (the
 * original start day) and clamped to the target month's length: Jan 31 -> Feb 28/29 -> Mar 31.
 * Passing the original day every time is what keeps a schedule from drifting.
 */
export function addMonthsClamped(date: CalendarDate, months: number, anchorDay?: number): CalendarDate {
  const { year, month, day } = toYMD(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index - y * 12) + 1;
  const d = Math.min(anchorDay ?? day, daysInMonth(y, m));
  return fromYMD(y, m, d);
}

export function firstOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = toYMD(date);
  return fromYMD(year, month, 1);
}

export function lastOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = toYMD(date);
  return fromYMD(year, month, daysInMonth(year, month));
}

export function toISO(date: CalendarDate): string {
  const { year, month, day } = toYMD(date);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** yyyymmdd, as used in document numbers. */
export function toCompact(date: CalendarDate): string {
  return toISO(date).replace(/-/g, '');
}

/** Strict ISO yyyy-mm-dd; null when the text is not a real calendar date. */
export function fromISO(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return fromYMD(year, month, day);
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** Today's date in UTC (the As Of Date default); injected where determinism matters. */
export function todayUTC(now: Date = new Date()): CalendarDate {
  return fromYMD(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}
