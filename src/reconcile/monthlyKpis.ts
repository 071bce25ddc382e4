import type { CalendarDate } from '../core/calendarDate';
import type { Settings } from '../core/model';
import { percentText } from './discrepancy';
import { Decimal } from '../core/decimal';
import { roundTo } from '../core/money';
import { median } from './billingLag';
import { invoicesDatedIn, type ReconciliationContext } from './context';
import { monthOf, previousMonth } from './identity';
import type { KpiStatus, MonthlyKpis } from './model';
import { dunningRecoveryRate, failedPaymentRate, rateOf } from './payments';
import { invoiceErrorRate } from './refinementTriggers';

/** Months with data: any non-void invoice or payment attempt dated in them, oldest first. */
export function monthsWithData(context: ReconciliationContext): CalendarDate[] {
  const months = new Set<CalendarDate>();
  for (const a of context.actuals) months.add(monthOf(a.invoiceDate));
  for (const p of context.input.exports.payments) months.add(monthOf(p.attemptDate));
  return [...months].sort((a, b) => a - b);
}

/** Lower is better: Red Flag over the red flag, Off Target at or over the target. */
function againstTargets(value: Decimal | null, target: Decimal, redFlag: Decimal): KpiStatus {
  if (value === null) return 'No Data';
  if (value.greaterThan(redFlag)) return 'Red Flag';
  return value.greaterThanOrEqualTo(target) ? 'Off Target' : 'OK';
}

/** DSO rising three months running: M > M-1 > M-2 > M-3. */
export function dsoRisingThreeMonths(context: ReconciliationContext, month: CalendarDate): boolean {
  let current = context.receivables.dso(month);
  let m = month;
  for (let i = 0; i < 3; i++) {
    m = previousMonth(m);
    const before = context.receivables.dso(m);
    if (current === null || before === null || !current.greaterThan(before)) return false;
    current = before;
  }
  return true;
}

function dsoStatus(context: ReconciliationContext, month: CalendarDate, dso: Decimal | null): KpiStatus {
  if (dso === null) return 'No Data';
  if (dsoRisingThreeMonths(context, month)) return 'Red Flag';
  const before = context.receivables.dso(previousMonth(month));
  return before !== null && !dso.lessThan(before) ? 'Off Target' : 'OK';
}

export function monthlyKpis(context: ReconciliationContext, month: CalendarDate): MonthlyKpis {
  const { settings } = context;
  const dated = invoicesDatedIn(context, month);
  const errorRate = invoiceErrorRate(context, month).rate;
  const accuracy = errorRate === null ? null : new Decimal(1).minus(errorRate);
  const lags = dated.map((a) => context.lagHours.get(a)).filter((l): l is Decimal => l !== undefined);
  const medianLag = median(lags);
  const over = lags.length === 0 ? null : lags.filter((l) => l.greaterThan(settings.billingLagRedFlagHours)).length;
  // A month with no invoices shows No Data for every rate, never 0% or 100% (reconciliation.md).
  const hasInvoices = dated.length > 0;
  const failed = hasInvoices ? failedPaymentRate(context.histories, month).rate : null;
  const manual = rateOf(dated.filter((a) => a.manualAdjustment).length, dated.length).rate;
  const dso = context.receivables.dso(month);
  let billingLagStatus: KpiStatus = 'No Data';
  if (medianLag !== null) {
    billingLagStatus = (over ?? 0) > 0 ? 'Red Flag' : medianLag.greaterThanOrEqualTo(settings.billingLagTargetHours) ? 'Off Target' : 'OK';
  }
  return {
    month,
    invoices: dated.length,
    invoicedAmount: context.receivables.invoiced(month),
    invoiceAccuracyRate: accuracy,
    medianBillingLagHours: medianLag === null ? null : roundTo(medianLag, 2, settings.rounding),
    invoicesOver48h: over,
    failedPaymentRate: failed,
    manualInterventionRate: manual,
    openReceivables: context.receivables.openReceivables(month),
    dso,
    dunningRecoveryRate: hasInvoices ? dunningRecoveryRate(context.histories, month).rate : null,
    invoiceAccuracyStatus: accuracy === null ? 'No Data' : accuracy.lessThan(1) ? 'Red Flag' : 'OK',
    billingLagStatus,
    failedPaymentStatus: againstTargets(failed, settings.failedPaymentRateTarget, settings.failedPaymentRateRedFlag),
    manualInterventionStatus: againstTargets(manual, settings.manualInterventionTarget, settings.manualInterventionRedFlag),
    dsoStatus: dsoStatus(context, month, dso),
  };
}

/** The targets and red flags the statuses were judged by, in the finance user's words. */
export function kpiTargets(settings: Settings): string[] {
  return [
    'Invoice Accuracy Rate: target 100%; red flag on any invoice in error (a discrepancy or an unexpected invoice).',
    `Billing lag: target median under ${settings.billingLagTargetHours} h; red flag when any invoice is created more than ${settings.billingLagRedFlagHours} h after its trigger (00:00 ${settings.timeZone} of the later of invoice date and Close Date).`,
    `Failed Payment Rate: target under ${percentText(settings.failedPaymentRateTarget)}; red flag over ${percentText(settings.failedPaymentRateRedFlag)}.`,
    `Manual Intervention Rate: target under ${percentText(settings.manualInterventionTarget)}; red flag over ${percentText(settings.manualInterventionRedFlag)}.`,
    'DSO: target lower than the month before; red flag when it rises three months running.',
    'Dunning Recovery Rate: by month of the first failure; reviewed quarterly. No Data: nothing to measure that month (never shown as 0% or 100%).',
  ];
}
