import type { CalendarDate } from '../core/calendarDate';
import type { Decimal } from '../core/decimal';
import type { SourceRow } from '../core/issue';

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
