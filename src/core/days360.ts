import { CalendarDate, daysInMonth, toYMD } from './calendarDate';

/**
 * Excel's DAYS360(start, end, FALSE), the U.S. (NASD) method, so a finance user can check a
 * 30/360 factor with the same formula in Excel:
 * - a start on the 31st or the last day of February becomes the 30th;
 * - then an end on the 31st becomes the 30th when the start day is 30 (else it counts as the
 *   1st of the next month, which is the same number of days).
 * Excel does not apply the textbook NASD rule "both dates the last day of February: the end
 * becomes the 30th": DAYS360(2007-02-28, 2008-02-29) is 359 in Excel, and
 * DAYS360(2007-02-28, 2007-02-28) is -2.
 */
export function days360(start: CalendarDate, end: CalendarDate): number {
  const a = toYMD(start);
  const b = toYMD(end);
  const startIsFebEnd = a.month === 2 && a.day === daysInMonth(a.year, 2);
  let d1 = a.day;
  let d2 = b.day;
  if (d1 === 31 || startIsFebEnd) d1 = 30;
  if (d1 === 30 && d2 === 31) d2 = 30;
  return (b.year - a.year) * 360 + (b.month - a.month) * 30 + (d2 - d1);
}
