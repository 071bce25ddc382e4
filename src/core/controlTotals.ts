import type { Decimal } from './decimal';
import type { BillingDocument, ControlTotal, RevenueRow, ScheduleLine } from './model';
import { minorUnits } from './money';
import { MoneySum } from './unitAmounts';

interface Sums {
  scheduleNet: MoneySum;
  documentSubtotal: MoneySum;
  revenueBilled: MoneySum;
}

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
  const totals = new Map<string, Sums>();
  const totalFor = (currency: string): Sums => {
    let total = totals.get(currency);
    if (!total) {
      const places = minorUnits(currency);
      total = { scheduleNet: new MoneySum(places), documentSubtotal: new MoneySum(places), revenueBilled: new MoneySum(places) };
      totals.set(currency, total);
    }
    return total;
  };
  for (const line of lines) totalFor(line.contract.currency).scheduleNet.add(line.netAmount);
  for (const document of documents) totalFor(document.currency).documentSubtotal.add(document.subtotal);
  for (const row of revenue) totalFor(row.currency).revenueBilled.add(row.billed);
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sums]) => {
      const scheduleNet: Decimal = sums.scheduleNet.value();
      const documentSubtotal = sums.documentSubtotal.value();
      const revenueBilled = sums.revenueBilled.value();
      return {
        currency, scheduleNet, documentSubtotal, revenueBilled,
        ties: scheduleNet.equals(documentSubtotal) && documentSubtotal.equals(revenueBilled),
      };
    });
}
