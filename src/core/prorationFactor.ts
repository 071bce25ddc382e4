import { addDays, CalendarDate } from './calendarDate';
import { days360 } from './days360';
import { Decimal } from './decimal';

/**
 * How much of a billing period [S, T] lies on or after an amendment's Effective Date E
 * (billing.md, Amendments): (T - E + 1) / (T - S + 1) under Daily, D(E, T + 1) / D(S, T + 1)
 * under 30/360 with D = Excel's DAYS360, so the user can redo it in Excel.
 * Kept as a fraction of whole days so the Calculation column can show "17/31".
 */
export interface RemainingShare {
  /** days (or 30/360 days) of the period before E */
  daysUsed: number;
  /** days (or 30/360 days) from E to the period end, inclusive */
  daysRemaining: number;
  /** daysUsed + daysRemaining */
  periodDays: number;
  /** daysRemaining / periodDays, unrounded */
  factor: Decimal;
  method: 'Daily' | '30/360';
}

export function remainingShare(
  periodStart: CalendarDate,
  periodEnd: CalendarDate,
  effectiveDate: CalendarDate,
  method: 'Daily' | '30/360',
): RemainingShare {
  if (method === '30/360') {
    const periodDays = days360(periodStart, addDays(periodEnd, 1));
    // A one-day period such as [Jan 30, Jan 30] has no 30/360 length; only Daily can share it.
    if (periodDays > 0) {
      const daysRemaining = Math.max(0, Math.min(periodDays, days360(effectiveDate, addDays(periodEnd, 1))));
      return share(periodDays - daysRemaining, daysRemaining, '30/360');
    }
  }
  const periodDays = periodEnd - periodStart + 1;
  const daysRemaining = periodEnd - effectiveDate + 1;
  return share(periodDays - daysRemaining, daysRemaining, 'Daily');
}

/** A whole period: factor 1 (a Booked Date credit of a period entirely after E). */
export function wholePeriodShare(periodStart: CalendarDate, periodEnd: CalendarDate, method: 'Daily' | '30/360'): RemainingShare {
  return remainingShare(periodStart, periodEnd, periodStart, method);
}

function share(daysUsed: number, daysRemaining: number, method: 'Daily' | '30/360'): RemainingShare {
  const periodDays = daysUsed + daysRemaining;
  return {
    daysUsed,
    daysRemaining,
    periodDays,
    factor: new Decimal(daysRemaining).dividedBy(periodDays),
    method,
  };
}

/** "17/31", or "1" for a whole period. */
export function shareText(s: RemainingShare): string {
  return s.daysUsed === 0 ? '1' : `${s.daysRemaining}/${s.periodDays}`;
}
