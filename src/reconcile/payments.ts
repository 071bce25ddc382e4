import { addDays, toISO, type CalendarDate } from '../core/calendarDate';
import { Decimal, ZERO } from '../core/decimal';
import { idKey, isInMonth } from './identity';
import type { ActualInvoice, PaymentAttempt } from './model';

/** One invoice's payment attempts, in attempt order, with what they say about it. */
export interface PaymentHistory {
  invoiceId: string;
  invoice: ActualInvoice | null;
  attempts: PaymentAttempt[];
  /** lowest Attempt, else earliest Attempt Date */
  first: PaymentAttempt;
  /** the earliest failed attempt: dunning retries count from it */
  firstFailed: PaymentAttempt | null;
  /** the date succeeded payments first cover the invoice's Total; null when they never do */
  paidDate: CalendarDate | null;
  /** paid by its payments, or marked Paid in the Invoices export */
  paid: boolean;
}

function attemptOrder(attempts: PaymentAttempt[]): PaymentAttempt[] {
  const numbered = attempts.every((a) => a.attempt !== null);
  return [...attempts].sort((a, b) =>
    numbered
      ? (a.attempt ?? 0) - (b.attempt ?? 0) || a.attemptDate - b.attemptDate || a.source.row - b.source.row
      : a.attemptDate - b.attemptDate || a.source.row - b.source.row,
  );
}

function paidDateOf(attempts: PaymentAttempt[], invoice: ActualInvoice | null): CalendarDate | null {
  const succeeded = attempts.filter((a) => a.status === 'Succeeded').sort((a, b) => a.attemptDate - b.attemptDate || a.source.row - b.source.row);
  if (invoice === null) return succeeded.length > 0 ? succeeded[0].attemptDate : null;
  let paidSoFar = ZERO;
  for (const a of succeeded) {
    paidSoFar = paidSoFar.plus(a.amount);
    if (paidSoFar.greaterThanOrEqualTo(invoice.total)) return a.attemptDate;
  }
  return null;
}

/** Payment attempts grouped by invoice (Invoice ID compared as trimmed, case-insensitive text). */
export function paymentHistories(payments: PaymentAttempt[], invoices: ActualInvoice[]): PaymentHistory[] {
  const invoiceById = new Map<string, ActualInvoice>();
  for (const invoice of invoices) {
    const key = idKey(invoice.invoiceId);
    if (key !== null && invoice.status !== 'Void' && invoice.status !== 'Draft' && !invoiceById.has(key)) invoiceById.set(key, invoice);
  }
  const byInvoice = new Map<string, PaymentAttempt[]>();
  for (const p of payments) {
    const key = idKey(p.invoiceId);
    if (key === null) continue;
    const list = byInvoice.get(key);
    if (list) list.push(p);
    else byInvoice.set(key, [p]);
  }
  return [...byInvoice.entries()].map(([key, list]) => {
    const attempts = attemptOrder(list);
    const invoice = invoiceById.get(key) ?? null;
    const paidDate = paidDateOf(attempts, invoice);
    return {
      invoiceId: attempts[0].invoiceId.trim(),
      invoice,
      attempts,
      first: attempts[0],
      firstFailed: attempts.find((a) => a.status === 'Failed') ?? null,
      paidDate,
      paid: paidDate !== null || invoice?.status === 'Paid',
    };
  });
}

export interface RateFigure {
  numerator: number;
  denominator: number;
  /** null = No Data (nothing to divide by) */
  rate: Decimal | null;
}

export function rateOf(numerator: number, denominator: number): RateFigure {
  return { numerator, denominator, rate: denominator === 0 ? null : new Decimal(numerator).dividedBy(denominator) };
}

/** Failed Payment Rate(M): invoices whose first attempt is dated in M and failed / those whose first attempt is dated in M. */
export function failedPaymentRate(histories: PaymentHistory[], month: CalendarDate): RateFigure {
  const firstInMonth = histories.filter((h) => isInMonth(h.first.attemptDate, month));
  return rateOf(firstInMonth.filter((h) => h.first.status === 'Failed').length, firstInMonth.length);
}

/** Dunning Recovery Rate: failed-first invoices later paid / failed-first invoices, by month of the first failure. */
export function dunningRecoveryRate(histories: PaymentHistory[], month: CalendarDate): RateFigure {
  const failedFirst = histories.filter((h) => h.first.status === 'Failed' && isInMonth(h.first.attemptDate, month));
  return rateOf(failedFirst.filter((h) => h.paid).length, failedFirst.length);
}

export type RetryOutcome = 'Fired' | 'Did Not Fire' | 'Not Expected';

export interface DunningRetry {
  retry: number;
  offsetDays: number;
  dueDate: CalendarDate;
  outcome: RetryOutcome;
  reason: string;
}

/**
 * Dunning Retry Days are offsets from the first failed attempt: retry n has fired if the invoice
 * has an attempt within 1 day of its date. A retry is not expected once the invoice is paid,
 * beyond the last offset, or when it falls after the As Of Date.
 */
export function dunningRetries(history: PaymentHistory, retryDays: number[], asOfDate: CalendarDate): DunningRetry[] {
  const failed = history.firstFailed;
  if (failed === null) return [];
  return retryDays.map((offsetDays, i) => {
    const dueDate = addDays(failed.attemptDate, offsetDays);
    const due = toISO(dueDate);
    const fired = history.attempts.find((a) => a !== failed && Math.abs(a.attemptDate - dueDate) <= 1);
    const head = { retry: i + 1, offsetDays, dueDate };
    if (fired) return { ...head, outcome: 'Fired' as const, reason: `retry ${i + 1} due ${due} fired on ${toISO(fired.attemptDate)}` };
    if (history.paid && (history.paidDate === null || history.paidDate <= dueDate)) {
      return { ...head, outcome: 'Not Expected' as const, reason: `retry ${i + 1} due ${due} not expected: invoice paid` };
    }
    if (dueDate > asOfDate) {
      return { ...head, outcome: 'Not Expected' as const, reason: `retry ${i + 1} due ${due} not expected: after the As Of Date ${toISO(asOfDate)}` };
    }
    return {
      ...head,
      outcome: 'Did Not Fire' as const,
      reason: `dunning did not fire: retry ${i + 1} due ${due} (${offsetDays} days after the failed attempt on ${toISO(failed.attemptDate)}); no attempt within 1 day`,
    };
  });
}

/** Succeeded payments on an invoice dated on or before `date`. */
export function paidOnOrBefore(history: PaymentHistory | undefined, date: CalendarDate): Decimal {
  if (!history) return ZERO;
  return history.attempts
    .filter((a) => a.status === 'Succeeded' && a.attemptDate <= date)
    .reduce((total, a) => total.plus(a.amount), ZERO);
}
