import type { LineType, ScheduleLine } from '../../../src/core/model';
import { lineIdOf } from '../../../src/core/lineId';

/** The order billing.md's Billing Schedule is written in, told plainly (the tests' own reading of it). */
const TYPE_ORDER: Record<LineType, number> = { Recurring: 0, Credit: 1, Prorated: 2, Usage: 3, 'True-Up': 4, Milestone: 5 };

const textOrder = (a: string, b: string): number => {
  const ka = a.trim().toLowerCase();
  const kb = b.trim().toLowerCase();
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

export const byScheduleOrder = (a: ScheduleLine, b: ScheduleLine): number => textOrder(a.contract.contractId, b.contract.contractId)
  || textOrder(a.contract.product, b.contract.product) || a.periodStart - b.periodStart || a.invoiceDate - b.invoiceDate
  || TYPE_ORDER[a.lineType] - TYPE_ORDER[b.lineType] || (lineIdOf(a) < lineIdOf(b) ? -1 : lineIdOf(a) > lineIdOf(b) ? 1 : 0);
