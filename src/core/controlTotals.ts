import { ZERO } from './decimal';
import type { BillingDocument, ControlTotal, RevenueRow, ScheduleLine } from './model';

/**
 * Run Summary control totals, per currency: Billing Schedule Net Amount, Draft Invoices
 * Subtotal and Revenue Schedule Billed must be the same money three ways. A currency seen in
 * only one of them still gets a row, so a missing side shows instead of vanishing.
 */
export function controlTotals(
  lines: ScheduleLine[],
  documents: BillingDocument[],
  revenue: RevenueRow[],
): ControlTotal[] {
  const totals = new Map<string, ControlTotal>();
  const totalFor = (currency: string): ControlTotal => {
    let total = totals.get(currency);
    if (!total) {
      total = { currency, scheduleNet: ZERO, documentSubtotal: ZERO, revenueBilled: ZERO, ties: false };
      totals.set(currency, total);
    }
    return total;
  };
  for (const line of lines) {
    const t = totalFor(line.currency);
    t.scheduleNet = t.scheduleNet.plus(line.netAmount);
  }
  for (const document of documents) {
    const t = totalFor(document.currency);
    t.documentSubtotal = t.documentSubtotal.plus(document.subtotal);
  }
  for (const row of revenue) {
    const t = totalFor(row.currency);
    t.revenueBilled = t.revenueBilled.plus(row.billed);
  }
  return [...totals.values()]
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map((t) => ({ ...t, ties: t.scheduleNet.equals(t.documentSubtotal) && t.documentSubtotal.equals(t.revenueBilled) }));
}
