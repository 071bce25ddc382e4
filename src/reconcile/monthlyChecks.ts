import { lastOfMonth, toISO, type CalendarDate } from '../core/calendarDate';
import { Decimal } from '../core/decimal';
import { formatAmount } from '../core/money';
import { customerKeyOf, isActiveIn, type ContractFacts } from './contracts';
import { invoicesDatedIn, type ReconciliationContext } from './context';
import { percentText, type Comparison } from './discrepancy';
import { idKey, isInMonth } from './identity';
import { blankFinding, counted, outcome, type CheckOutcome } from './checkOutcome';
import type { ActualInvoice, ReconciliationFinding } from './model';

export function comparisonFinding(check: string, c: Comparison): ReconciliationFinding {
  const first = c.match.expected[0];
  return {
    check,
    contractId: first.document.contractId,
    invoiceId: c.match.actual.invoiceId,
    customer: first.document.customer,
    periodStart: first.periodStart ?? c.match.actual.periodStart,
    expected: c.expected,
    actual: c.actual,
    difference: c.difference,
    differencePct: c.differencePct,
    currency: c.currency,
    status: c.discrepancy ? 'Red Flag' : 'OK',
    rule: c.reason,
  };
}

// ---------------------------------------------------------------- Invoice accuracy

export const INVOICE_ACCURACY = 'Invoice accuracy';

/** Comparisons of pairs whose expected document is dated in M. */
export function comparisonsFor(context: ReconciliationContext, month: CalendarDate): Comparison[] {
  return [...context.comparisons.values()]
    .filter((c) => c.match.expected.some((e) => e.month === month))
    .sort((a, b) => a.match.expected[0].order - b.match.expected[0].order);
}

export function discrepancyThresholdText(context: ReconciliationContext): string {
  const { discrepancyAmountThreshold, discrepancyPercentThreshold, reportingCurrency } = context.settings;
  return `> ${formatAmount(discrepancyAmountThreshold, reportingCurrency)} ${reportingCurrency} or > ${percentText(discrepancyPercentThreshold)} of expected`;
}

export function invoiceAccuracyCheck(context: ReconciliationContext): CheckOutcome {
  const compared = comparisonsFor(context, context.month);
  const findings = compared.filter((c) => c.discrepancy || !c.difference?.isZero()).map((c) => comparisonFinding(INVOICE_ACCURACY, c));
  const discrepancies = compared.filter((c) => c.discrepancy).length;
  const noData = compared.length === 0 && invoicesDatedIn(context, context.month).length === 0;
  return outcome(
    INVOICE_ACCURACY, 'Check',
    noData ? null : new Decimal(discrepancies),
    noData ? 'No invoices' : `${counted(discrepancies, 'discrepancy', 'discrepancies')} in ${counted(compared.length, 'matched invoice', 'matched invoices')}`,
    discrepancyThresholdText(context),
    noData ? 'No Data' : discrepancies > 0 ? 'Red Flag' : 'OK',
    findings,
  );
}

// ---------------------------------------------------------------- Billing-to-contract

export const BILLING_TO_CONTRACT = 'Billing-to-contract';

export function activeContracts(context: ReconciliationContext, month: CalendarDate): ContractFacts[] {
  return [...context.contracts.values()].filter((c) => isActiveIn(c, month));
}

/** A contract is covered when a Billing Schedule charge of it covers some day of M (an annual invoice in January covers March). */
function coveredContracts(context: ReconciliationContext, month: CalendarDate): Set<string> {
  const monthEnd = lastOfMonth(month);
  const covered = new Set<string>();
  for (const line of context.input.expectedLines) {
    if (line.lineType === 'Credit' || line.periodStart > monthEnd || line.periodEnd < month) continue;
    const key = idKey(line.contract.contractId);
    if (key !== null) covered.add(key);
  }
  return covered;
}

export function billingToContractCheck(context: ReconciliationContext): CheckOutcome {
  const { month, settings } = context;
  const active = activeContracts(context, month);
  const covered = coveredContracts(context, month);
  const findings: ReconciliationFinding[] = [];
  for (const id of context.input.skippedContractIds) {
    findings.push({ ...blankFinding(BILLING_TO_CONTRACT, 'Red Flag', 'contract skipped by Error Issues (see Issues): counted as uncovered'), contractId: id.trim() });
  }
  const uncovered = active.filter((c) => !covered.has(c.key) && !context.skipped.has(c.key));
  for (const c of uncovered) {
    findings.push({
      ...blankFinding(BILLING_TO_CONTRACT, 'Red Flag', `contract active in ${toISO(month).slice(0, 7)} but no Billing Schedule line covers the month`),
      contractId: c.contractId,
      customer: c.customer,
    });
  }
  const expectedInMonth = context.expected.filter((e) => e.month === month && e.document.invoiceDate <= settings.asOfDate);
  const notIssued = expectedInMonth.filter((e) => !context.matching.byExpected.has(e.document));
  for (const e of notIssued) {
    findings.push({
      check: BILLING_TO_CONTRACT,
      contractId: e.document.contractId,
      invoiceId: e.document.number,
      customer: e.document.customer,
      periodStart: e.periodStart,
      expected: e.document.subtotal,
      actual: null,
      difference: null,
      differencePct: null,
      currency: e.document.currency,
      status: 'Red Flag',
      rule: `expected ${e.document.document} ${e.document.number} dated ${toISO(e.document.invoiceDate)} has no matching actual invoice`,
    });
  }
  const contractCount = active.length + context.input.skippedContractIds.length;
  const noData = contractCount === 0 && expectedInMonth.length === 0;
  const uncoveredCount = uncovered.length + context.input.skippedContractIds.length;
  return outcome(
    BILLING_TO_CONTRACT, 'Check',
    noData ? null : new Decimal(findings.length),
    noData
      ? 'No active contracts or expected documents'
      : `${uncoveredCount} of ${contractCount} contracts uncovered; ${notIssued.length} of ${expectedInMonth.length} expected documents not issued`,
    'any uncovered contract or expected document not issued',
    noData ? 'No Data' : findings.length > 0 ? 'Red Flag' : 'OK',
    findings,
  );
}

// ---------------------------------------------------------------- Unexpected invoices

export const UNEXPECTED_INVOICES = 'Unexpected invoices';

function unexpectedReason(context: ReconciliationContext, actual: ActualInvoice): string {
  const contract = idKey(actual.contractId);
  if (contract === null) {
    const who = actual.customerId ?? actual.customer ?? '(blank)';
    return `no Contract ID, and no expected document of customer ${who} matched`;
  }
  if (context.skipped.has(contract)) return `contract ${actual.contractId} was skipped by Error Issues, so nothing is expected from it`;
  const known = context.contracts.has(contract) || context.expected.some((e) => e.contractKey === contract);
  if (!known) return `invoice with no contract: ${actual.contractId} is not on Contracts`;
  return `no expected document of contract ${actual.contractId} matched (same Period Start, invoice date within 5 days, or the sum of two documents)`;
}

export function unexpectedInvoices(context: ReconciliationContext, month: CalendarDate): ActualInvoice[] {
  return invoicesDatedIn(context, month).filter((a) => !context.matching.byActual.has(a));
}

export function unexpectedFinding(context: ReconciliationContext, check: string, actual: ActualInvoice): ReconciliationFinding {
  return {
    check,
    contractId: actual.contractId,
    invoiceId: actual.invoiceId,
    customer: actual.customer ?? actual.customerId,
    periodStart: actual.periodStart,
    expected: null,
    actual: actual.subtotal,
    difference: null,
    differencePct: null,
    currency: actual.currency,
    status: 'Red Flag',
    rule: unexpectedReason(context, actual),
  };
}

export function unexpectedInvoicesCheck(context: ReconciliationContext): CheckOutcome {
  const dated = invoicesDatedIn(context, context.month);
  const unexpected = unexpectedInvoices(context, context.month);
  const noData = dated.length === 0;
  return outcome(
    UNEXPECTED_INVOICES, 'Check',
    noData ? null : new Decimal(unexpected.length),
    noData ? 'No invoices' : `${unexpected.length} of ${dated.length} invoices`,
    'any',
    noData ? 'No Data' : unexpected.length > 0 ? 'Red Flag' : 'OK',
    unexpected.map((a) => unexpectedFinding(context, UNEXPECTED_INVOICES, a)),
  );
}

// ---------------------------------------------------------------- New customer validation

export const NEW_CUSTOMER_VALIDATION = 'New customer validation';

/** Customers (ID, else name) whose first contract starts in M. */
function newCustomers(context: ReconciliationContext, month: CalendarDate): Map<string, CalendarDate> {
  const firstStart = new Map<string, CalendarDate>();
  for (const c of context.contracts.values()) {
    const key = customerKeyOf(c);
    const seen = firstStart.get(key);
    if (seen === undefined || c.firstStart < seen) firstStart.set(key, c.firstStart);
  }
  return new Map([...firstStart].filter(([, start]) => isInMonth(start, month)));
}

function customerKeysOfInvoice(context: ReconciliationContext, actual: ActualInvoice): string[] {
  const contract = context.contracts.get(idKey(actual.contractId) ?? '') ??
    context.contracts.get(context.matching.byActual.get(actual)?.expected[0].contractKey ?? '');
  if (contract) return [customerKeyOf(contract)];
  const keys: string[] = [];
  const id = idKey(actual.customerId);
  const name = idKey(actual.customer);
  if (id !== null) keys.push(`id:${id}`);
  if (name !== null) keys.push(`name:${name}`);
  // A contract keyed by Customer ID may still be named on an invoice without one.
  for (const c of context.contracts.values()) if (name !== null && idKey(c.customer) === name) keys.push(customerKeyOf(c));
  return keys;
}

export function newCustomerCheck(context: ReconciliationContext, accuracy: CheckOutcome, unexpected: CheckOutcome): CheckOutcome {
  const customers = newCustomers(context, context.month);
  const isNew = (actual: ActualInvoice) => customerKeysOfInvoice(context, actual).some((k) => customers.has(k));
  const actualsById = new Map(context.actuals.map((a) => [a.invoiceId, a]));
  const errors = [...accuracy.findings, ...unexpected.findings]
    .filter((f) => f.status === 'Red Flag')
    .filter((f) => {
      const actual = f.invoiceId === null ? undefined : actualsById.get(f.invoiceId);
      return actual !== undefined && isNew(actual);
    })
    .map((f) => ({ ...f, check: NEW_CUSTOMER_VALIDATION, rule: `new customer this month: ${f.rule}` }));
  const noData = customers.size === 0;
  return outcome(
    NEW_CUSTOMER_VALIDATION, 'Check',
    noData ? null : new Decimal(errors.length),
    noData ? 'No new customers' : `${counted(errors.length, 'invoice', 'invoices')} in error for ${counted(customers.size, 'new customer', 'new customers')}`,
    'any error on a new customer',
    noData ? 'No Data' : errors.length > 0 ? 'Red Flag' : 'OK',
    errors,
  );
}

