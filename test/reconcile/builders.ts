import { plainContractLine } from '../support/contractLine';
import { playbookSettings } from '../support/playbookSettings';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { Decimal } from '../../src/core/decimal';
import type { SourceRow } from '../../src/core/issue';
import type { Amendment, BillingDocument, ContractLine, FxRate, BilledLine, Settings } from '../../src/core/model';
import type { ReconcileInput } from '../../src/reconcile/reconcileMonth';
import type { ActualInvoice, PaymentAttempt, SyncLogEntry } from '../../src/reconcile/model';

/** Small fixture builders: every field defaulted, tests state only what matters to them. */

export function d(iso: string): CalendarDate {
  const date = fromISO(iso);
  if (date === null) throw new Error(`bad test date ${iso}`);
  return date;
}

export function dec(value: string | number): Decimal {
  return new Decimal(value);
}

let row = 1;
function source(sheet: string): SourceRow {
  row += 1;
  return { sheet, row, columns: {}, headers: {} };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return playbookSettings('2026-04-15', '2026-03-01', overrides);
}

export function contract(contractId: string, start: string, end: string, overrides: Partial<ContractLine> = {}): ContractLine {
  return plainContractLine(source('Contracts'), {
    contractId, customer: `Customer ${contractId}`, startDate: d(start), endDate: d(end), termMonths: null,
    unitPrice: dec(1000), stage: 'Closed Won', ...overrides,
  });
}

export function amendment(contractId: string, effective: string, overrides: Partial<Amendment> = {}): Amendment {
  return {
    amendmentId: `A-${contractId}-${effective}`,
    contractId,
    product: null,
    effectiveDate: d(effective),
    type: 'Quantity Change',
    newQuantity: dec(2),
    newUnitPrice: null,
    proration: 'Daily',
    bookedDate: d(effective),
    note: null,
    source: source('Amendments'),
    ...overrides,
  };
}

function compact(iso: string): string {
  return iso.replace(/-/g, '');
}

/** An expected document (Draft Invoices row) and its one Billing Schedule line. */
export function expected(
  contractId: string,
  invoiceDate: string,
  subtotal: string,
  overrides: Partial<BillingDocument> = {},
  period?: { start: string; end: string },
): { document: BillingDocument; line: BilledLine } {
  const kind = overrides.document ?? (subtotal.startsWith('-') ? 'Credit Memo' : 'Invoice');
  const number = overrides.number ?? `${kind === 'Invoice' ? 'INV' : 'CM'}-${contractId}-${compact(invoiceDate)}`;
  const document: BillingDocument = {
    document: kind,
    number,
    contractId,
    customer: `Customer ${contractId}`,
    billingEntity: 'Default',
    currency: 'USD',
    invoiceDate: d(invoiceDate),
    dueDate: d(invoiceDate),
    subtotal: dec(subtotal),
    tax: dec(0),
    total: dec(subtotal),
    lines: 1,
    appliesTo: '',
    billRun: 'Past',
    poNumber: null,
    billingContact: null,
    billingEmail: null,
    billToAddress: null,
    taxFlagged: false,
    ...overrides,
  };
  const periodStart = d(period?.start ?? invoiceDate);
  const line: BilledLine = {
    contract: {
      contractId,
      customer: document.customer,
      product: 'Platform',
      currency: document.currency,
      billingEntity: document.billingEntity,
      taxJurisdiction: null,
      taxExempt: false,
      contractLineIndex: 0,
    },
    lineId: `${number}-1`,
    lineType: kind === 'Invoice' ? 'Recurring' : 'Credit',
    periodStart,
    periodEnd: d(period?.end ?? invoiceDate),
    invoiceDate: document.invoiceDate,
    dueDate: document.dueDate,
    quantity: dec(1),
    unitPrice: null,
    prorationFactor: dec(1),
    amount: document.subtotal,
    discount: dec(0),
    netAmount: document.subtotal,
    calculation: '',
    source: 'Contracts!A2',
    creditOf: null,
    usageByDate: null,
    tax: dec(0),
    total: document.subtotal,
    documentNumber: number,
    reportingAmount: document.subtotal,
  };
  return { document, line };
}

export function invoice(invoiceId: string, contractId: string | null, invoiceDate: string, subtotal: string, overrides: Partial<ActualInvoice> = {}): ActualInvoice {
  return {
    invoiceId,
    contractId,
    customer: contractId === null ? null : `Customer ${contractId}`,
    customerId: null,
    invoiceDate: d(invoiceDate),
    periodStart: null,
    periodEnd: null,
    subtotal: dec(subtotal),
    tax: dec(0),
    total: dec(subtotal),
    currency: 'USD',
    status: 'Open',
    createdAt: null,
    manualAdjustment: false,
    fromStripe: false,
    source: source('Invoices'),
    ...overrides,
  };
}

export function payment(invoiceId: string, date: string, status: PaymentAttempt['status'], amount: string, overrides: Partial<PaymentAttempt> = {}): PaymentAttempt {
  return {
    paymentId: `P-${invoiceId}-${date}-${status}`,
    invoiceId,
    attemptDate: d(date),
    amount: dec(amount),
    currency: 'USD',
    status,
    attempt: null,
    failureReason: status === 'Failed' ? 'card_declined' : null,
    source: source('Payments'),
    ...overrides,
  };
}

export function sync(date: string, status: SyncLogEntry['status'], overrides: Partial<SyncLogEntry> = {}): SyncLogEntry {
  return {
    timestamp: Date.parse(`${date}T12:00:00Z`),
    date: d(date),
    integration: 'CRM to Billing',
    status,
    records: 10,
    error: status === 'Failure' ? 'timeout' : null,
    source: source('Sync Log'),
    ...overrides,
  };
}

export function fx(currency: string, rate: string, asOf: string): FxRate {
  return { currency, rate: dec(rate), asOf: d(asOf), source: source('FX Rates') };
}

/** A reconcile input for March 2026 with nothing in it; tests add what they need. */
export function input(parts: {
  month?: string;
  settings?: Partial<Settings>;
  contracts?: ContractLine[];
  amendments?: Amendment[];
  skippedContractIds?: string[];
  expected?: { document: BillingDocument; line: BilledLine }[];
  extraLines?: BilledLine[];
  fxRates?: FxRate[];
  invoices?: ActualInvoice[];
  payments?: PaymentAttempt[];
  syncLog?: SyncLogEntry[];
}): ReconcileInput {
  return {
    month: d(parts.month ?? '2026-03-01'),
    settings: settings(parts.settings),
    contracts: parts.contracts ?? [],
    amendments: parts.amendments ?? [],
    skippedContractIds: parts.skippedContractIds ?? [],
    expectedDocuments: (parts.expected ?? []).map((e) => e.document),
    expectedLines: [...(parts.expected ?? []).map((e) => e.line), ...(parts.extraLines ?? [])],
    fxRates: parts.fxRates ?? [],
    exports: { invoices: parts.invoices ?? [], payments: parts.payments ?? [], syncLog: parts.syncLog ?? [] },
  };
}
