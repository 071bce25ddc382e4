import type { CalendarDate } from '../core/calendarDate';
import type { Decimal } from '../core/decimal';
import type { Issue, SourceRow } from '../core/issue';

/** Billing-system exports as parsed from the Invoices, Payments and Sync Log sheets. */

export type InvoiceStatus = 'Paid' | 'Open' | 'Void' | 'Uncollectible' | 'Draft';

export interface ActualInvoice {
  invoiceId: string;
  contractId: string | null;
  customer: string | null;
  customerId: string | null;
  invoiceDate: CalendarDate;
  periodStart: CalendarDate | null;
  periodEnd: CalendarDate | null;
  /** the compared amount (Stripe: "Subtotal", never "Amount Due") */
  subtotal: Decimal;
  tax: Decimal | null;
  total: Decimal;
  currency: string;
  status: InvoiceStatus;
  /** UTC epoch milliseconds; date-times without an offset are taken in Setting Time Zone */
  createdAt: number | null;
  manualAdjustment: boolean;
  /** read with Stripe's export column names (its period looks back one period) */
  fromStripe: boolean;
  source: SourceRow;
}

export type PaymentStatus = 'Succeeded' | 'Failed' | 'Refunded';

export interface PaymentAttempt {
  paymentId: string;
  invoiceId: string;
  attemptDate: CalendarDate;
  amount: Decimal;
  currency: string;
  status: PaymentStatus;
  attempt: number | null;
  failureReason: string | null;
  source: SourceRow;
}

export interface SyncLogEntry {
  /** UTC epoch milliseconds */
  timestamp: number;
  /** the calendar date of the timestamp in Setting Time Zone */
  date: CalendarDate;
  integration: string;
  status: 'Success' | 'Failure';
  records: number | null;
  error: string | null;
  source: SourceRow;
}

export interface ReconciliationInputs {
  invoices: ActualInvoice[];
  payments: PaymentAttempt[];
  syncLog: SyncLogEntry[];
}

// ---------------------------------------------------------------- reconciliation results

/** Status of a monthly check or refinement trigger (reconciliation.md, Output sheets). */
export type CheckStatus = 'OK' | 'Red Flag' | 'Triggered' | 'No Data';

/** Status of a hypercare KPI against its target and red flag. */
export type KpiStatus = 'OK' | 'Off Target' | 'Red Flag' | 'No Data';

/** One row of the Reconciliation sheet: a monthly check or a refinement trigger for month M. */
export interface ReconciliationCheck {
  check: string;
  kind: 'Check' | 'Trigger';
  /** the figure as a number (a count or a fraction); null = No Data */
  figure: Decimal | null;
  /** the figure as the finance user reads it, e.g. "2 of 25 matched invoices" or "12.50%" */
  figureText: string;
  threshold: string;
  status: CheckStatus;
  /** rows of Reconciliation Detail behind this check */
  detailRows: number;
}

/** One row of Reconciliation Detail: one finding. */
export interface ReconciliationFinding {
  check: string;
  contractId: string | null;
  invoiceId: string | null;
  customer: string | null;
  periodStart: CalendarDate | null;
  expected: Decimal | null;
  actual: Decimal | null;
  /** actual - expected, in the document currency; null when one side is missing or currencies differ */
  difference: Decimal | null;
  /** difference / |expected| (a fraction) */
  differencePct: Decimal | null;
  /** currency of Expected / Actual / Difference on this row */
  currency: string | null;
  status: CheckStatus;
  rule: string;
}

/** One row of the KPIs sheet: one month with data. Null = No Data. */
export interface MonthlyKpis {
  month: CalendarDate;
  invoices: number;
  /** Invoiced(month), reporting currency */
  invoicedAmount: Decimal;
  invoiceAccuracyRate: Decimal | null;
  medianBillingLagHours: Decimal | null;
  invoicesOver48h: number | null;
  failedPaymentRate: Decimal | null;
  manualInterventionRate: Decimal | null;
  /** AR(month), reporting currency */
  openReceivables: Decimal;
  /** days, two decimals */
  dso: Decimal | null;
  dunningRecoveryRate: Decimal | null;
  invoiceAccuracyStatus: KpiStatus;
  billingLagStatus: KpiStatus;
  failedPaymentStatus: KpiStatus;
  manualInterventionStatus: KpiStatus;
  dsoStatus: KpiStatus;
}

/** Everything the reconcile job writes for one Reconciliation Month. */
export interface ReconciliationResult {
  /** first of the Reconciliation Month M */
  month: CalendarDate;
  reportingCurrency: string;
  checks: ReconciliationCheck[];
  triggers: ReconciliationCheck[];
  details: ReconciliationFinding[];
  /** one per month with data, oldest first */
  kpis: MonthlyKpis[];
  /** the matching rule, stated under the Reconciliation table */
  matchingRule: string[];
  /** the KPI targets and red flags from Settings, stated under the KPIs table */
  kpiTargets: string[];
  counts: {
    activeContracts: number;
    expectedDocuments: number;
    /** non-void invoices dated in M */
    actualInvoices: number;
    matchedInvoices: number;
    invoicesInError: number;
    redFlags: number;
    triggered: number;
  };
  /** Warnings for the Issues sheet (e.g. a missing FX rate) */
  issues: Issue[];
}
