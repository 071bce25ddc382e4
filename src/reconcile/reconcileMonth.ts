import { firstOfMonth } from '../core/calendarDate';
import { buildContext, invoicesDatedIn, isInError, type ReconcileInput } from './context';
import { MATCHING_RULE } from './matchInvoices';
import type { ReconciliationResult } from './model';
import {
  activeContracts,
  billingToContractCheck,
  invoiceAccuracyCheck,
  newCustomerCheck,
  unexpectedInvoicesCheck,
} from './monthlyChecks';
import { failedPaymentReviewCheck } from './failedPaymentReview';
import { integrationHealthCheck } from './integrationHealth';
import { kpiTargets, monthlyKpis, monthsWithData } from './monthlyKpis';
import {
  amendmentVolumeTrigger,
  failedPaymentRateTrigger,
  invoiceErrorRateTrigger,
  newPricingModelTrigger,
  syncFailuresTrigger,
} from './refinementTriggers';

export type { ReconcileInput } from './context';
export type { ReconciliationResult } from './model';

/**
 * Month-end reconciliation for Reconciliation Month M (reconciliation.md): the monthly checks,
 * the refinement triggers, their findings, and the hypercare KPIs for every month with data.
 * Pure: the same input gives the same result.
 */
export function reconcileMonth(input: ReconcileInput): ReconciliationResult {
  const month = firstOfMonth(input.month);
  const context = buildContext(input, month);
  const accuracy = invoiceAccuracyCheck(context);
  const unexpected = unexpectedInvoicesCheck(context);
  const checks = [
    accuracy,
    billingToContractCheck(context),
    unexpected,
    failedPaymentReviewCheck(context),
    newCustomerCheck(context, accuracy, unexpected),
    integrationHealthCheck(context),
  ];
  const triggers = [
    invoiceErrorRateTrigger(context),
    failedPaymentRateTrigger(context),
    syncFailuresTrigger(context),
    amendmentVolumeTrigger(context),
    newPricingModelTrigger(context),
  ];
  const kpis = monthsWithData(context).map((m) => monthlyKpis(context, m));
  const dated = invoicesDatedIn(context, month);
  const expectedInMonth = context.expected.filter((e) => e.month === month);
  return {
    month,
    reportingCurrency: input.settings.reportingCurrency,
    checks: checks.map((c) => c.row),
    triggers: triggers.map((t) => t.row),
    details: [...checks, ...triggers].flatMap((c) => c.findings),
    kpis,
    matchingRule: MATCHING_RULE,
    kpiTargets: kpiTargets(input.settings),
    counts: {
      activeContracts: activeContracts(context, month).length,
      expectedDocuments: expectedInMonth.length,
      actualInvoices: dated.length,
      matchedInvoices: dated.filter((a) => context.matching.byActual.has(a)).length,
      invoicesInError: dated.filter((a) => isInError(context, a)).length,
      redFlags: checks.filter((c) => c.row.status === 'Red Flag').length,
      triggered: triggers.filter((t) => t.row.status === 'Triggered').length,
    },
    issues: context.receivables.issues(),
  };
}
