import { addDays, toISO, type CalendarDate } from '../../core/calendarDate';
import { Decimal } from '../../core/decimal';
import type { BillingResult } from '../../core/bill';
import type { BillingDocument, ContractLine } from '../../core/model';
import { d } from './sampleContracts';
import { SAMPLE_AS_OF, SAMPLE_MONTH } from './sampleSheets';
import type { SampleRow } from './sampleRows';

/**
 * A month of billing-system exports (Invoices, Payments, Sync Log) for the sample book. They
 * are what a billing tool would have issued for the expected documents, so they agree with
 * the contracts, except for the discrepancies planted on purpose (listed in PLANTED), which
 * the reconciliation must flag, and a 0.5% difference it must not.
 */
export const PLANTED = {
  /** invoice Subtotal $150.00 above the contract: over the $100 threshold -> Red Flag */
  overbilledContract: 'C-1001',
  overbilledBy: '150.00',
  /** a $15,000.00 invoice off by 0.5% ($75.00): under both thresholds -> OK */
  slightlyOffContract: 'C-1016',
  slightlyOffBy: '75.00',
  /** the month's invoice was never issued -> Billing-to-contract Red Flag */
  missingInvoiceContract: 'C-1015',
  /** two CRM-to-Billing sync failures inside the 7-day lookback */
  syncFailures: ['2026-10-27T02:00:00', '2026-10-29T02:00:00'],
} as const;

const MONTH_START = d(`${SAMPLE_MONTH}-01`);
const MONTH_END = d('2026-10-31');
const AS_OF = d(SAMPLE_AS_OF);

function at(date: CalendarDate, hour: number, minute = 0): string {
  return `${toISO(date)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
}

function money(value: Decimal): number {
  return value.toNumber();
}

export interface SampleExports {
  invoices: SampleRow[];
  payments: SampleRow[];
  syncLog: SampleRow[];
  /** the first card invoice of the month: its payment failed and no retry followed (dunning did not fire) */
  failedNoRetryContract: string;
  /** the second: failed, retried on schedule, recovered */
  recoveredContract: string;
}

export function sampleExports(billing: BillingResult, contracts: ContractLine[]): SampleExports {
  const paymentMethod = new Map(contracts.map((c) => [c.contractId, c.paymentMethod]));
  const monthDocuments = billing.documents
    .filter((doc) => doc.invoiceDate >= MONTH_START && doc.invoiceDate <= MONTH_END)
    .filter((doc) => doc.contractId !== PLANTED.missingInvoiceContract);
  const cardInvoices = monthDocuments.filter((doc) => doc.document === 'Invoice' && paymentMethod.get(doc.contractId) === 'Card');
  const failing = { noRetry: cardInvoices[0]?.contractId ?? '', recovered: cardInvoices[1]?.contractId ?? '' };
  const invoices: SampleRow[] = [];
  const payments: SampleRow[] = [];
  let sequence = 5001;
  let paymentSequence = 9001;
  for (const [i, doc] of monthDocuments.entries()) {
    const invoiceId = `BIL-${sequence++}`;
    const lines = billing.lines.filter((l) => l.documentNumber === doc.number);
    const periodStart = lines.reduce((m, l) => Math.min(m, l.periodStart), Number.MAX_SAFE_INTEGER) as CalendarDate;
    const periodEnd = lines.reduce((m, l) => Math.max(m, l.periodEnd), Number.MIN_SAFE_INTEGER) as CalendarDate;
    const subtotal = doc.subtotal.plus(plantedDifference(doc));
    const total = subtotal.plus(doc.tax);
    const card = paymentMethod.get(doc.contractId) === 'Card';
    const attempts = paymentAttempts(doc, card, failing);
    const paid = attempts.some((a) => a.status === 'Succeeded');
    invoices.push({
      'Invoice ID': invoiceId,
      'Contract ID': doc.contractId,
      Customer: doc.customer,
      'Invoice Date': doc.invoiceDate,
      'Period Start': periodStart,
      'Period End': periodEnd,
      Subtotal: money(subtotal),
      Tax: money(doc.tax),
      Total: money(total),
      Currency: doc.currency,
      Status: paid ? 'Paid' : 'Open',
      'Created At': at(doc.invoiceDate, 6 + (i % 9), (i * 7) % 60),
      'Manual Adjustment': i % 25 === 4 ? 'Yes' : 'No',
    });
    for (const [n, a] of attempts.entries()) {
      payments.push({
        'Payment ID': `PAY-${paymentSequence++}`,
        'Invoice ID': invoiceId,
        'Attempt Date': a.date,
        Amount: money(total),
        Currency: doc.currency,
        Status: a.status,
        Attempt: n + 1,
        'Failure Reason': a.status === 'Failed' ? 'card_declined' : null,
      });
    }
  }
  // A duplicate the billing tool voided the same day: reconciliation must ignore it.
  const voided = invoices.find((r) => r['Contract ID'] === 'C-1006');
  if (voided) invoices.push({ ...voided, 'Invoice ID': `BIL-${sequence++}`, Status: 'Void', 'Manual Adjustment': 'Yes' });
  return { invoices, payments, syncLog: syncLog(), failedNoRetryContract: failing.noRetry, recoveredContract: failing.recovered };
}

function plantedDifference(doc: BillingDocument): Decimal {
  if (doc.document !== 'Invoice') return new Decimal(0);
  if (doc.contractId === PLANTED.overbilledContract) return new Decimal(PLANTED.overbilledBy);
  if (doc.contractId === PLANTED.slightlyOffContract) return new Decimal(PLANTED.slightlyOffBy);
  return new Decimal(0);
}

interface Attempt {
  date: CalendarDate;
  status: 'Succeeded' | 'Failed';
}

/** Cards are charged on the invoice date; others pay within terms, if that day has come. */
function paymentAttempts(doc: BillingDocument, card: boolean, failing: { noRetry: string; recovered: string }): Attempt[] {
  if (doc.document === 'Credit Memo') return [];
  if (doc.contractId === failing.noRetry) return [{ date: doc.invoiceDate, status: 'Failed' }];
  if (doc.contractId === failing.recovered) {
    return [
      { date: doc.invoiceDate, status: 'Failed' },
      { date: addDays(doc.invoiceDate, 3), status: 'Failed' },
      { date: addDays(doc.invoiceDate, 5), status: 'Succeeded' },
    ];
  }
  const date = card ? doc.invoiceDate : addDays(doc.invoiceDate, Math.min(20, doc.dueDate - doc.invoiceDate));
  return date <= AS_OF ? [{ date, status: 'Succeeded' }] : [];
}

/** Nightly syncs from Oct 1 to the As Of Date; two CRM failures planted late in October. */
function syncLog(): SampleRow[] {
  const rows: SampleRow[] = [];
  for (let day = MONTH_START; day <= AS_OF; day = addDays(day, 1)) {
    rows.push({ Timestamp: at(day, 2), Integration: 'CRM to Billing', Status: 'Success', Records: 40 + (day % 17), Error: null });
    rows.push({ Timestamp: at(day, 3), Integration: 'Billing to ERP', Status: 'Success', Records: 10 + (day % 7), Error: null });
  }
  for (const timestamp of PLANTED.syncFailures) {
    rows.push({ Timestamp: timestamp.replace('T02', 'T04'), Integration: 'CRM to Billing', Status: 'Failure', Records: 0,
      Error: 'Salesforce API request timed out (REQUEST_LIMIT_EXCEEDED)' });
  }
  return rows.sort((a, b) => String(a.Timestamp).localeCompare(String(b.Timestamp)));
}
