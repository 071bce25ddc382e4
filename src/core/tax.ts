import type { CalendarDate } from './calendarDate';
import type { Decimal } from './decimal';
import type { TaxRate } from './model';

/** Jurisdictions compare as trimmed, case-insensitive text, as IDs do (workbook.md). */
export function jurisdictionKey(jurisdiction: string): string {
  return jurisdiction.trim().toUpperCase();
}

/**
 * The Tax Rates row in force for `jurisdiction` on `date`: the latest Effective From on or
 * before the date, a blank Effective From counting as "always" (earlier than any date).
 * 'unknown' when no row is in force; 'duplicate' when two rows are in force from the same
 * Effective From, because then the book does not say which rate the customer owes.
 */
export function taxRateOn(
  taxRates: TaxRate[],
  jurisdiction: string,
  date: CalendarDate,
): { rate: Decimal; taxName: string } | 'unknown' | 'duplicate' {
  const wanted = jurisdictionKey(jurisdiction);
  let best: TaxRate | null = null;
  let duplicated = false;
  for (const tax of taxRates) {
    if (jurisdictionKey(tax.jurisdiction) !== wanted) continue;
    const from = tax.effectiveFrom ?? Number.NEGATIVE_INFINITY;
    if (from > date) continue;
    const bestFrom = best ? (best.effectiveFrom ?? Number.NEGATIVE_INFINITY) : null;
    if (bestFrom === null || from > bestFrom) {
      best = tax;
      duplicated = false;
    } else if (from === bestFrom) {
      duplicated = true;
    }
  }
  if (best === null) return 'unknown';
  if (duplicated) return 'duplicate';
  return { rate: best.rate, taxName: best.taxName };
}

/** True when the jurisdiction has any Tax Rates row (to tell "unknown" from "not yet in force"). */
export function isListedJurisdiction(taxRates: TaxRate[], jurisdiction: string): boolean {
  const wanted = jurisdictionKey(jurisdiction);
  return taxRates.some((tax) => jurisdictionKey(tax.jurisdiction) === wanted);
}
