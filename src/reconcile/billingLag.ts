import type { CalendarDate } from '../core/calendarDate';
import { Decimal, ZERO } from '../core/decimal';
import { zonedMidnight } from '../core/timeZone';
import type { ContractFacts } from './contracts';
import type { InvoiceMatch } from './matchInvoices';

const MS_PER_HOUR = 3_600_000;

/**
 * Billing lag of a matched invoice: hours from the trigger, 00:00 (Setting Time Zone) of the
 * later of the expected invoice date and the contract's Close Date, to the invoice's Created At.
 * A negative lag (invoice created ahead of its date) counts 0. Null when Created At is blank.
 */
export function billingLagHours(match: InvoiceMatch, contracts: Map<string, ContractFacts>, timeZone: string): Decimal | null {
  const createdAt = match.actual.createdAt;
  if (createdAt === null) return null;
  let trigger = Math.max(...match.expected.map((e) => e.document.invoiceDate)) as CalendarDate;
  for (const e of match.expected) {
    const close = contracts.get(e.contractKey)?.closeDate ?? null;
    if (close !== null && close > trigger) trigger = close;
  }
  const hours = new Decimal(createdAt - zonedMidnight(trigger, timeZone)).dividedBy(MS_PER_HOUR);
  return Decimal.max(ZERO, hours);
}

/** Median of the lags; the mean of the middle two for an even count. */
export function median(values: Decimal[]): Decimal | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).dividedBy(2);
}
