import { addDays, addMonthsClamped, firstOfMonth, lastOfMonth, type CalendarDate } from '../core/calendarDate';

/** IDs and names compare as trimmed, case-insensitive text (workbook.md). */
export function idKey(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const key = text.trim().toLowerCase();
  return key === '' ? null : key;
}

export function monthOf(date: CalendarDate): CalendarDate {
  return firstOfMonth(date);
}

export function previousMonth(month: CalendarDate): CalendarDate {
  return addMonthsClamped(month, -1, 1);
}

export function isInMonth(date: CalendarDate, month: CalendarDate): boolean {
  return date >= month && date <= lastOfMonth(month);
}

/** Days either side of a month in which an actual invoice may still match it (an invoice a day late). */
export const MATCH_WINDOW_DAYS = 5;

/** Actual invoices dated from 5 days before the month to 5 days after it may match its documents. */
export function isInMatchWindow(date: CalendarDate, month: CalendarDate): boolean {
  return date >= addDays(month, -MATCH_WINDOW_DAYS) && date <= addDays(lastOfMonth(month), MATCH_WINDOW_DAYS);
}
