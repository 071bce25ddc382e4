import { addMonthsClamped, lastOfMonth, type CalendarDate } from '../core/calendarDate';
import type { Amendment, BillingDocument, ContractLine, FxRate, BilledLine, Settings } from '../core/model';
import { billingLagHours } from './billingLag';
import { groupContracts, type ContractFacts } from './contracts';
import { compareMatch, type Comparison } from './discrepancy';
import { idKey, isInMonth, monthOf, previousMonth } from './identity';
import { countableInvoices, expectedDocuments, matchInvoices, type ExpectedDocument, type MatchResult } from './matchInvoices';
import type { ActualInvoice, ReconciliationInputs } from './model';
import { paymentHistories, type PaymentHistory } from './payments';
import { Receivables } from './receivables';
import type { Decimal } from '../core/decimal';

export interface ReconcileInput {
  /** first of the Reconciliation Month M (any day of the month is accepted) */
  month: CalendarDate;
  settings: Settings;
  /** billable parsed Contracts lines */
  contracts: ContractLine[];
  amendments: Amendment[];
  /** contracts the parser skipped for an Error: counted as uncovered */
  skippedContractIds: string[];
  /** Draft Invoices over the whole life of every contract */
  expectedDocuments: BillingDocument[];
  /** Billing Schedule lines: the periods each document covers */
  expectedLines: BilledLine[];
  fxRates: FxRate[];
  exports: ReconciliationInputs;
}

/** Everything computed once and read by the checks, triggers and KPIs. */
export interface ReconciliationContext {
  input: ReconcileInput;
  settings: Settings;
  month: CalendarDate;
  contracts: Map<string, ContractFacts>;
  skipped: Set<string>;
  /** non-void invoices, Stripe drafts ignored */
  actuals: ActualInvoice[];
  expected: ExpectedDocument[];
  matching: MatchResult;
  comparisons: Map<ActualInvoice, Comparison>;
  lagHours: Map<ActualInvoice, Decimal>;
  histories: PaymentHistory[];
  receivables: Receivables;
}

/**
 * Draft Invoices cover every contract's whole life; only the months from one before the first
 * invoice (or M) to one after the last can match an actual or be reconciled, so the rest are
 * left out before matching.
 */
function reconcilableRange(actuals: ActualInvoice[], month: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  let first = month;
  let last = month;
  for (const a of actuals) {
    if (a.invoiceDate < first) first = a.invoiceDate;
    if (a.invoiceDate > last) last = a.invoiceDate;
  }
  return { from: previousMonth(monthOf(first)), to: lastOfMonth(addMonthsClamped(monthOf(last), 1, 1)) };
}

export function buildContext(input: ReconcileInput, month: CalendarDate): ReconciliationContext {
  const { settings } = input;
  const contracts = groupContracts(input.contracts, input.amendments);
  const actuals = countableInvoices(input.exports.invoices);
  const range = reconcilableRange(actuals, month);
  const inRange = (date: CalendarDate) => date >= range.from && date <= range.to;
  const expected = expectedDocuments(
    input.expectedDocuments.filter((d) => inRange(d.invoiceDate)),
    input.expectedLines.filter((l) => inRange(l.invoiceDate)),
    contracts,
  );
  const matching = matchInvoices(actuals, expected);
  const comparisons = new Map<ActualInvoice, Comparison>();
  const lagHours = new Map<ActualInvoice, Decimal>();
  for (const match of matching.matches) {
    comparisons.set(match.actual, compareMatch(match, settings, input.fxRates));
    const lag = billingLagHours(match, contracts, settings.timeZone);
    if (lag !== null) lagHours.set(match.actual, lag);
  }
  const histories = paymentHistories(input.exports.payments, input.exports.invoices);
  return {
    input,
    settings,
    month,
    contracts,
    skipped: new Set(input.skippedContractIds.map((id) => idKey(id)).filter((k): k is string => k !== null)),
    actuals,
    expected,
    matching,
    comparisons,
    lagHours,
    histories,
    receivables: new Receivables(actuals, histories, input.fxRates, settings),
  };
}

/** An invoice in error: red-flagged for a discrepancy, or unexpected (matched to no expected document). */
export function isInError(context: ReconciliationContext, actual: ActualInvoice): boolean {
  const comparison = context.comparisons.get(actual);
  return comparison === undefined || comparison.discrepancy;
}

export function invoicesDatedIn(context: ReconciliationContext, month: CalendarDate): ActualInvoice[] {
  return context.actuals.filter((a) => isInMonth(a.invoiceDate, month));
}
