import type { CalendarDate } from '../core/calendarDate';
import { Decimal, sum } from '../core/decimal';
import { fxRateOn, toReportingCurrency } from '../core/fx';
import { formatAmount } from '../core/money';
import type { FxRate, Settings } from '../core/model';
import { idKey } from './identity';
import type { InvoiceMatch } from './matchInvoices';

/** A matched pair compared (reconciliation.md, Discrepancy). */
export interface Comparison {
  match: InvoiceMatch;
  currency: string;
  expected: Decimal;
  actual: Decimal;
  /** actual - expected; null on a currency mismatch */
  difference: Decimal | null;
  /** difference / |expected|; null when expected is 0 or currencies differ */
  differencePct: Decimal | null;
  /** |difference| in the reporting currency; null when no rate applies */
  reportingDifference: Decimal | null;
  discrepancy: boolean;
  /** why, in words and numbers */
  reason: string;
}

export function percentText(fraction: Decimal): string {
  return `${fraction.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
}

export function compareMatch(match: InvoiceMatch, settings: Settings, fxRates: FxRate[]): Comparison {
  const documents = match.expected.map((e) => e.document);
  const currency = documents[0].currency;
  const expected = sum(documents.map((d) => d.subtotal));
  const actual = match.actual.subtotal;
  const numbers = documents.map((d) => d.number).join(' + ');
  const base = { match, currency, expected, actual };
  if (idKey(match.actual.currency) !== idKey(currency)) {
    return {
      ...base, difference: null, differencePct: null, reportingDifference: null, discrepancy: true,
      reason: `matched ${numbers} by ${match.rule}; currency mismatch: actual ${match.actual.currency}, expected ${currency}`,
    };
  }
  const difference = actual.minus(expected);
  const differencePct = expected.isZero() ? null : difference.dividedBy(expected.abs());
  if (difference.isZero()) {
    return { ...base, difference, differencePct, reportingDifference: difference, discrepancy: false, reason: `matched ${numbers} by ${match.rule}; amounts agree` };
  }
  const reporting = settings.reportingCurrency;
  // The expected invoice date's rate; for two documents (step 3) the earlier one's.
  const rateDate = Math.min(...documents.map((d) => d.invoiceDate)) as CalendarDate;
  const rate = fxRateOn(fxRates, currency, rateDate, reporting);
  const reportingDifference = rate === null ? null : toReportingCurrency(difference.abs(), rate, reporting, settings.rounding);
  const amountThreshold = settings.discrepancyAmountThreshold;
  const percentThreshold = settings.discrepancyPercentThreshold;
  const overAmount = reportingDifference === null || reportingDifference.greaterThan(amountThreshold);
  const overPercent = differencePct === null || differencePct.abs().greaterThan(percentThreshold);
  const amountText =
    reportingDifference === null
      ? `no FX rate for ${currency} on or before the invoice date, so the amount threshold cannot clear it`
      : `|difference| ${formatAmount(reportingDifference, reporting)} ${reporting} ${overAmount ? '>' : '<='} ${formatAmount(amountThreshold, reporting)} ${reporting}`;
  const percentTextPart =
    differencePct === null
      ? 'expected amount is 0'
      : `${percentText(differencePct.abs())} of expected ${overPercent ? '>' : '<='} ${percentText(percentThreshold)}`;
  const discrepancy = overAmount || overPercent;
  return {
    ...base, difference, differencePct, reportingDifference, discrepancy,
    reason: `matched ${numbers} by ${match.rule}; ${amountText}; ${percentTextPart}${discrepancy ? '' : ': within thresholds'}`,
  };
}
