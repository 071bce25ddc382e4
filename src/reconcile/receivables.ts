import { daysInMonth, lastOfMonth, toISO, toYMD, type CalendarDate } from '../core/calendarDate';
import { Decimal, ZERO } from '../core/decimal';
import { fxRateOn, toReportingCurrency } from '../core/fx';
import { issueAt, type Issue } from '../core/issue';
import { roundTo } from '../core/money';
import type { FxRate, Settings } from '../core/model';
import { idKey, isInMonth } from './identity';
import type { ActualInvoice } from './model';
import { paidOnOrBefore, type PaymentHistory } from './payments';

/**
 * Open receivables, invoiced amount and DSO (reconciliation.md), in the reporting currency at
 * each invoice's own date rate. An invoice with no rate is left out and reported once.
 */
export class Receivables {
  private readonly historyByInvoice = new Map<string, PaymentHistory>();
  private readonly missingRate = new Set<ActualInvoice>();
  private readonly dsoByMonth = new Map<CalendarDate, Decimal | null>();

  constructor(
    private readonly invoices: ActualInvoice[],
    histories: PaymentHistory[],
    private readonly fxRates: FxRate[],
    private readonly settings: Settings,
  ) {
    for (const h of histories) {
      const key = idKey(h.invoiceId);
      if (key !== null) this.historyByInvoice.set(key, h);
    }
  }

  private readonly rateByInvoice = new Map<ActualInvoice, Decimal | null>();

  private toReporting(invoice: ActualInvoice, amount: Decimal): Decimal | null {
    if (!this.rateByInvoice.has(invoice)) {
      this.rateByInvoice.set(invoice, fxRateOn(this.fxRates, invoice.currency, invoice.invoiceDate, this.settings.reportingCurrency));
    }
    const rate = this.rateByInvoice.get(invoice) ?? null;
    if (rate === null) {
      this.missingRate.add(invoice);
      return null;
    }
    return toReportingCurrency(amount, rate, this.settings.reportingCurrency, this.settings.rounding);
  }

  /** AR(M): sum of max(0, Total - succeeded payments dated on or before the end of M) over invoices dated by then. */
  openReceivables(month: CalendarDate): Decimal {
    const end = lastOfMonth(month);
    let total = ZERO;
    for (const invoice of this.invoices) {
      if (invoice.invoiceDate > end) continue;
      const paid = paidOnOrBefore(this.historyByInvoice.get(idKey(invoice.invoiceId) ?? ''), end);
      const open = Decimal.max(ZERO, invoice.total.minus(paid));
      if (open.isZero()) continue;
      total = total.plus(this.toReporting(invoice, open) ?? ZERO);
    }
    return total;
  }

  /** Invoiced(M): sum of Total of documents dated in M, credit memos negative. */
  invoiced(month: CalendarDate): Decimal {
    let total = ZERO;
    for (const invoice of this.invoices) {
      if (!isInMonth(invoice.invoiceDate, month)) continue;
      total = total.plus(this.toReporting(invoice, invoice.total) ?? ZERO);
    }
    return total;
  }

  /** DSO(M) = AR(M) / Invoiced(M) x days in M, to two decimals; null (No Data) when Invoiced(M) <= 0. */
  dso(month: CalendarDate): Decimal | null {
    if (this.dsoByMonth.has(month)) return this.dsoByMonth.get(month) ?? null;
    const dso = this.computeDso(month);
    this.dsoByMonth.set(month, dso);
    return dso;
  }

  private computeDso(month: CalendarDate): Decimal | null {
    const invoiced = this.invoiced(month);
    if (invoiced.lessThanOrEqualTo(0)) return null;
    const { year, month: m } = toYMD(month);
    return roundTo(this.openReceivables(month).dividedBy(invoiced).times(daysInMonth(year, m)), 2, this.settings.rounding);
  }

  issues(): Issue[] {
    return [...this.missingRate]
      .sort((a, b) => a.source.row - b.source.row)
      .map((invoice) =>
        issueAt(
          'Reconcile', 'Warning', invoice.source, 'currency', invoice.currency,
          `No FX rate for ${invoice.currency} on or before ${toISO(invoice.invoiceDate)}: invoice ${invoice.invoiceId} is left out of open receivables and invoiced amounts`,
          `Add a ${invoice.currency} row to FX Rates with As Of on or before ${toISO(invoice.invoiceDate)}`,
        ),
      );
  }
}
