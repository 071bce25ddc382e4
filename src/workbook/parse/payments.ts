import type { Settings } from '../../core/model';
import type { PaymentAttempt, PaymentStatus } from '../../reconcile/model';
import type { SheetTable } from './sheetTable';

/** The Payments export: one row per payment attempt. A blank Payment ID becomes the row's first cell. */
export function readPayments(table: SheetTable, settings: Settings): PaymentAttempt[] {
  const payments: PaymentAttempt[] = [];
  for (const row of table.rows) {
    const paymentId = row.id('paymentId') ?? row.firstCell;
    const invoiceId = row.id('invoiceId', { required: true });
    const attemptDate = row.date('attemptDate', { required: true });
    const amount = row.money('amount', { required: true });
    const currency = row.currency('currency') ?? (row.blank('currency') ? settings.reportingCurrency : null);
    const status = row.enumeration<PaymentStatus>('status', { required: true });
    const attempt = row.integer('attempt');
    if (attempt !== null && attempt < 1) row.error('attempt', `Attempt ${attempt} is not 1 or more`, 'Type the attempt number: 1 for the first try, 2 for the first retry, ...');
    const failureReason = row.text('failureReason');
    if (row.hasError || invoiceId === null || attemptDate === null || amount === null || currency === null || status === null) continue;
    payments.push({ paymentId, invoiceId, attemptDate, amount, currency, status, attempt, failureReason, source: row.source });
  }
  return payments;
}
