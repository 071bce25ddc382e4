import { toISO } from '../core/calendarDate';
import { formatAmount } from '../core/money';
import { blankFinding, counted, outcome, type CheckOutcome } from './checkOutcome';
import type { ReconciliationContext } from './context';
import { percentText } from './discrepancy';
import { isInMonth } from './identity';
import type { ReconciliationFinding } from './model';
import { dunningRetries, failedPaymentRate } from './payments';

// ---------------------------------------------------------------- Failed payment review

export const FAILED_PAYMENT_REVIEW = 'Failed payment review';

export function failedPaymentReviewCheck(context: ReconciliationContext): CheckOutcome {
  const { month, settings } = context;
  const rate = failedPaymentRate(context.histories, month);
  const overRate = rate.rate !== null && rate.rate.greaterThan(settings.failedPaymentRateRedFlag);
  const failedInMonth = context.histories
    .filter((h) => h.firstFailed !== null && isInMonth(h.firstFailed.attemptDate, month))
    .sort((a, b) => (a.firstFailed?.attemptDate ?? 0) - (b.firstFailed?.attemptDate ?? 0) || (a.invoiceId < b.invoiceId ? -1 : 1));
  const findings: ReconciliationFinding[] = [];
  let notFired = 0;
  for (const h of failedInMonth) {
    const failed = h.firstFailed!;
    const contractId = h.invoice ? h.invoice.contractId ?? context.matching.byActual.get(h.invoice)?.expected[0].document.contractId ?? null : null;
    const base = { ...blankFinding(FAILED_PAYMENT_REVIEW, 'OK', ''), contractId, invoiceId: h.invoiceId, customer: h.invoice?.customer ?? null };
    const reason = failed.failureReason ? ` (${failed.failureReason})` : '';
    findings.push({
      ...base,
      status: overRate ? 'Red Flag' : 'OK',
      rule: `payment attempt failed on ${toISO(failed.attemptDate)}: ${formatAmount(failed.amount, failed.currency)} ${failed.currency}${reason}${h.paid ? '; invoice since paid' : ''}`,
    });
    for (const retry of dunningRetries(h, settings.dunningRetryDays, settings.asOfDate)) {
      if (retry.outcome !== 'Did Not Fire') continue;
      notFired += 1;
      findings.push({ ...base, status: 'Red Flag', rule: retry.reason });
    }
  }
  const noData = rate.rate === null && failedInMonth.length === 0;
  const rateText = rate.rate === null ? 'No first payment attempts' : `${percentText(rate.rate)} (${rate.numerator} of ${rate.denominator} invoices' first attempts failed)`;
  return outcome(
    FAILED_PAYMENT_REVIEW, 'Check',
    rate.rate,
    `${rateText}; ${counted(notFired, 'dunning retry', 'dunning retries')} did not fire`,
    `> ${percentText(settings.failedPaymentRateRedFlag)}; any retry that did not fire`,
    noData ? 'No Data' : overRate || notFired > 0 ? 'Red Flag' : 'OK',
    findings,
  );
}
