import { addDays, addMonthsClamped, daysBetween, toYMD, type CalendarDate } from '../core/calendarDate';
import { Decimal, ONE, ZERO } from '../core/decimal';
import type { BillingFrequency, ContractLine, FxRate, Milestone, PriceBasis } from '../core/model';

/**
 * A contract line's value as the billing core would compute it (billing.md "Amounts"): the sum over
 * its anniversary periods of Unit Price x Quantity x (cadence months / basis months) x factor.
 * The audit uses it to check Total Contract Value and to size a contract for the GTM motion.
 */

const CADENCE: Record<BillingFrequency, number | null> = {
  Monthly: 1, Quarterly: 3, Semiannual: 6, Annual: 12, Upfront: null, Usage: 1, Milestone: null,
};

export interface PeriodSum {
  /** sum of period factors (a full period counts 1) */
  factors: Decimal;
  periods: number;
}

/** Periods of `cadence` months from start to end (inclusive), partial ones prorated by days. */
export function anniversaryPeriods(start: CalendarDate, end: CalendarDate, cadence: number): PeriodSum {
  const from = toYMD(start);
  const to = toYMD(end);
  const monthsApart = (to.year - from.year) * 12 + (to.month - from.month);
  // every period that starts a full cadence before End Date's month is whole: count those at once
  const whole = Math.min(1200, Math.max(0, Math.floor(monthsApart / cadence) - 1));
  let factors = new Decimal(whole);
  let periods = whole;
  let periodStart = addMonthsClamped(start, whole * cadence, from.day);
  for (let k = whole; periodStart <= end && periods <= 1200; k++) {
    const nextStart = addMonthsClamped(start, (k + 1) * cadence, from.day);
    const fullDays = daysBetween(periodStart, nextStart);
    const serviceEnd = end < nextStart ? end : addDays(nextStart, -1);
    const serviceDays = daysBetween(periodStart, serviceEnd) + 1;
    factors = factors.plus(serviceDays === fullDays ? ONE : new Decimal(serviceDays).div(fullDays));
    periods++;
    periodStart = nextStart;
  }
  return { factors, periods };
}

/** Term in months, whole months plus the prorated remainder (Jan 15 - Apr 14 = 3). */
export function termMonths(start: CalendarDate, end: CalendarDate): Decimal {
  return anniversaryPeriods(start, end, 1).factors;
}

function basisMonths(basis: PriceBasis | undefined, cadence: Decimal, term: () => Decimal): Decimal {
  if (basis === 'Month') return ONE;
  if (basis === 'Year') return TWELVE;
  if (basis === 'Term') return term();
  return cadence;
}

const TWELVE = new Decimal(12);

export interface LineValue {
  /** before discount */
  gross: Decimal;
  /** after Discount % */
  net: Decimal;
  periods: number;
}

/**
 * The hand-computed value of a priced (Flat) recurring or upfront line; null when the line has
 * no unit price, is usage or milestone, or lacks dates.
 */
export function lineValue(line: Partial<ContractLine>): LineValue | null {
  const { startDate, endDate, billingFrequency, unitPrice } = line;
  if (startDate === undefined || endDate === undefined || billingFrequency === undefined) return null;
  if (unitPrice === undefined || unitPrice === null || endDate < startDate) return null;
  if (billingFrequency === 'Usage' || billingFrequency === 'Milestone') return null;
  if (line.pricingModel !== undefined && line.pricingModel !== 'Flat') return null;
  const quantity = line.quantity ?? ONE;
  const term = () => termMonths(startDate, endDate);
  const cadence = CADENCE[billingFrequency];
  let gross: Decimal;
  let periods: number;
  if (cadence === null) {
    // Upfront: the whole term once; blank basis = per term
    const months = term();
    gross = unitPrice.times(quantity).times(months).div(basisMonths(line.priceBasis ?? 'Term', months, () => months));
    periods = 1;
  } else {
    const sumOfPeriods = anniversaryPeriods(startDate, endDate, cadence);
    const cadenceMonths = new Decimal(cadence);
    gross = unitPrice.times(quantity).times(cadenceMonths).div(basisMonths(line.priceBasis, cadenceMonths, term)).times(sumOfPeriods.factors);
    periods = sumOfPeriods.periods;
  }
  const discount = line.discountPct ?? ZERO;
  return { gross, net: gross.times(ONE.minus(discount)), periods };
}

/**
 * What a line is worth for sizing a contract (not for billing): TCV when given, else the computed
 * value, else the Minimum Commit over the term for usage, else its milestones' amounts.
 */
export function lineWorth(line: Partial<ContractLine>, milestones: readonly Milestone[]): Decimal | null {
  if (line.totalContractValue !== undefined && line.totalContractValue !== null) return line.totalContractValue;
  const computed = lineValue(line);
  if (computed) return computed.net;
  if (line.billingFrequency === 'Usage' && line.minimumCommit && line.startDate !== undefined && line.endDate !== undefined && line.endDate >= line.startDate) {
    return line.minimumCommit.times(termMonths(line.startDate, line.endDate));
  }
  if (line.billingFrequency === 'Milestone' && line.contractId !== undefined) {
    const id = line.contractId.trim().toLowerCase();
    const product = (line.product ?? '').trim().toLowerCase();
    const own = milestones.filter((m) => m.contractId.trim().toLowerCase() === id && m.product.trim().toLowerCase() === product);
    if (own.length > 0) return own.reduce((s, m) => s.plus(m.amount), ZERO);
  }
  return null;
}

/** Units of reporting currency per unit of `currency`: 1 for the reporting currency, else the latest rate on or before asOf. */
export function rateToReporting(currency: string, reportingCurrency: string, fxRates: readonly FxRate[], asOf: CalendarDate): Decimal | null {
  if (currency.toUpperCase() === reportingCurrency.toUpperCase()) return ONE;
  let best: FxRate | null = null;
  for (const r of fxRates) {
    if (r.currency.toUpperCase() !== currency.toUpperCase() || r.asOf > asOf) continue;
    if (best === null || r.asOf > best.asOf) best = r;
  }
  return best ? best.rate : null;
}
