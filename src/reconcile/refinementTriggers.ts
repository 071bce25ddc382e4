import { toISO, type CalendarDate } from '../core/calendarDate';
import { Decimal } from '../core/decimal';
import { invoicesDatedIn, isInError, type ReconciliationContext } from './context';
import { percentText } from './discrepancy';
import { idKey, isInMonth, previousMonth } from './identity';
import type { ReconciliationFinding } from './model';
import { counted, outcome, type CheckOutcome } from './checkOutcome';
import { activeContracts } from './monthlyChecks';
import { failedPaymentRate, rateOf } from './payments';

export const INVOICE_ERROR_RATE = 'Invoice error rate';
export const FAILED_PAYMENT_RATE = 'Failed payment rate';
export const SYNC_FAILURES = 'CRM-to-billing sync failures';
export const AMENDMENT_VOLUME = 'Amendment volume';
export const NEW_PRICING_MODEL = 'New pricing model';

function monthName(month: CalendarDate): string {
  return toISO(month).slice(0, 7);
}

/** Invoices dated in M that are in error / non-void invoices dated in M. */
export function invoiceErrorRate(context: ReconciliationContext, month: CalendarDate) {
  const dated = invoicesDatedIn(context, month);
  return rateOf(dated.filter((a) => isInError(context, a)).length, dated.length);
}

export function invoiceErrorRateTrigger(context: ReconciliationContext): CheckOutcome {
  const { settings } = context;
  const rate = invoiceErrorRate(context, context.month);
  const triggered = rate.rate !== null && rate.rate.greaterThan(settings.invoiceErrorRateTrigger);
  return outcome(
    INVOICE_ERROR_RATE, 'Trigger', rate.rate,
    rate.rate === null ? 'No invoices' : `${percentText(rate.rate)} (${rate.numerator} of ${rate.denominator} invoices in error)`,
    `> ${percentText(settings.invoiceErrorRateTrigger)} of invoices`,
    rate.rate === null ? 'No Data' : triggered ? 'Triggered' : 'OK',
    [],
  );
}

export function failedPaymentRateTrigger(context: ReconciliationContext): CheckOutcome {
  const { settings, month } = context;
  const flag = settings.failedPaymentRateRedFlag;
  const current = failedPaymentRate(context.histories, month);
  const before = failedPaymentRate(context.histories, previousMonth(month));
  const over = (r: Decimal | null) => r !== null && r.greaterThan(flag);
  const text = (r: Decimal | null) => (r === null ? 'No Data' : percentText(r));
  return outcome(
    FAILED_PAYMENT_RATE, 'Trigger', current.rate,
    `${monthName(month)}: ${text(current.rate)}; ${monthName(previousMonth(month))}: ${text(before.rate)}`,
    `> ${percentText(flag)} in this month and the month before`,
    current.rate === null ? 'No Data' : over(current.rate) && over(before.rate) ? 'Triggered' : 'OK',
    [],
  );
}

export function syncFailuresTrigger(context: ReconciliationContext): CheckOutcome {
  const { settings, month } = context;
  const inMonth = context.input.exports.syncLog.filter((s) => isInMonth(s.date, month));
  const failures = inMonth.filter((s) => s.status === 'Failure');
  const triggered = failures.length > settings.syncFailuresPerMonthTrigger;
  const findings: ReconciliationFinding[] = triggered
    ? failures.map((f) => ({
        check: SYNC_FAILURES, contractId: null, invoiceId: null, customer: null, periodStart: null, expected: null,
        actual: null, difference: null, differencePct: null, currency: null, status: 'Triggered' as const,
        rule: `${f.source.sheet}!A${f.source.row}: ${f.integration} failed on ${toISO(f.date)}${f.error ? `: ${f.error}` : ''}`,
      }))
    : [];
  return outcome(
    SYNC_FAILURES, 'Trigger',
    inMonth.length === 0 ? null : new Decimal(failures.length),
    inMonth.length === 0 ? 'No Sync Log rows this month' : `${counted(failures.length, 'Failure row', 'Failure rows')} in ${monthName(month)}`,
    `> ${settings.syncFailuresPerMonthTrigger} failures in the month`,
    inMonth.length === 0 ? 'No Data' : triggered ? 'Triggered' : 'OK',
    findings,
  );
}

export function amendmentVolumeTrigger(context: ReconciliationContext): CheckOutcome {
  const { settings, month } = context;
  const active = activeContracts(context, month);
  const amended = new Map<string, { contractId: string; types: Set<string> }>();
  for (const a of context.input.amendments) {
    const key = idKey(a.contractId);
    if (key === null || !isInMonth(a.effectiveDate, month)) continue;
    const entry = amended.get(key) ?? { contractId: a.contractId.trim(), types: new Set<string>() };
    entry.types.add(a.type);
    amended.set(key, entry);
  }
  const rate = rateOf(amended.size, active.length);
  const triggered = rate.rate !== null && rate.rate.greaterThan(settings.amendmentVolumeTrigger);
  const findings: ReconciliationFinding[] = triggered
    ? [...amended.values()].map((a) => ({
        check: AMENDMENT_VOLUME, contractId: a.contractId, invoiceId: null,
        customer: context.contracts.get(idKey(a.contractId) ?? '')?.customer ?? null, periodStart: null, expected: null,
        actual: null, difference: null, differencePct: null, currency: null, status: 'Triggered' as const,
        rule: `amended in ${monthName(month)}: ${[...a.types].join(', ')}`,
      }))
    : [];
  return outcome(
    AMENDMENT_VOLUME, 'Trigger', rate.rate,
    rate.rate === null ? 'No active contracts' : `${percentText(rate.rate)} (${rate.numerator} of ${rate.denominator} active contracts amended)`,
    `> ${percentText(settings.amendmentVolumeTrigger)} of active contracts`,
    rate.rate === null ? 'No Data' : triggered ? 'Triggered' : 'OK',
    findings,
  );
}

/** A Pricing Model or Billing Frequency used by a contract first starting in M and by no contract that started earlier. */
export function newPricingModelTrigger(context: ReconciliationContext): CheckOutcome {
  const { month } = context;
  const contracts = [...context.contracts.values()];
  const earlier = contracts.filter((c) => c.firstStart < month);
  const starting = contracts.filter((c) => isInMonth(c.firstStart, month));
  const known = new Set(earlier.flatMap((c) => c.lines.flatMap((l) => [`Pricing Model ${l.pricingModel}`, `Billing Frequency ${l.billingFrequency}`])));
  const findings: ReconciliationFinding[] = [];
  if (earlier.length > 0) {
    for (const c of starting) {
      const fresh = new Set(c.lines.flatMap((l) => [`Pricing Model ${l.pricingModel}`, `Billing Frequency ${l.billingFrequency}`]).filter((m) => !known.has(m)));
      if (fresh.size === 0) continue;
      findings.push({
        check: NEW_PRICING_MODEL, contractId: c.contractId, invoiceId: null, customer: c.customer, periodStart: c.firstStart,
        expected: null, actual: null, difference: null, differencePct: null, currency: null, status: 'Triggered',
        rule: `new to the book: ${[...fresh].join(', ')} (no contract that started earlier uses it)`,
      });
    }
  }
  const figureText =
    earlier.length === 0
      ? 'No contract started earlier: nothing to compare'
      : `${findings.length} of ${starting.length} contracts starting this month use a new pricing model or billing frequency`;
  return outcome(
    NEW_PRICING_MODEL, 'Trigger', new Decimal(findings.length), figureText,
    'any Pricing Model or Billing Frequency not used by an earlier contract',
    findings.length > 0 ? 'Triggered' : 'OK',
    findings,
  );
}
