import { CalendarDate, daysInMonth, fromYMD, toYMD } from './calendarDate';
import { days360 } from './days360';
import { Decimal, ONE } from './decimal';
import type { ContractLine } from './model';

/**
 * Billing periods of a contract line (billing.md, Periods): the cadence grid, partial first and
 * last periods, and each period's proration factor. Factors are kept as small whole-number
 * fractions (17/31) as well as Decimals, so amounts can be computed exactly and the Calculation
 * column can show the very fraction a person would write down.
 */

/** numerator/denominator, both whole numbers, denominator > 0 */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface BillingPeriod {
  index: number;
  start: CalendarDate;
  end: CalendarDate;
  /** the full period this one sits in */
  fullStart: CalendarDate;
  fullEnd: CalendarDate;
  /** cadence months of a full period */
  months: number;
  /** 1 for full periods */
  factor: Decimal;
  /** the factor as a fraction of whole days (or 30/360 days) */
  factorFraction: Fraction;
  /** service starts after the full period's start or ends before its end */
  partial: boolean;
}

export type PartialMethod = 'Daily' | '30/360';

export interface PeriodOptions {
  /** the last day of service when it is not the line's End Date (a Cancel ends it early) */
  endDate?: CalendarDate;
  /** an anniversary grid anchored elsewhere than the line's start (Add Product follows its first line) */
  gridAnchor?: CalendarDate;
  prorationMethod?: PartialMethod;
}

const WHOLE: Fraction = { numerator: 1, denominator: 1 };

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function fraction(numerator: number, denominator: number): Fraction {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const g = gcd(numerator, denominator) || 1;
  return { numerator: numerator / g, denominator: denominator / g };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function divideFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator, a.denominator * b.numerator);
}

export function fractionToDecimal(f: Fraction): Decimal {
  if (f.denominator === 1) return f.numerator === 1 ? ONE : new Decimal(f.numerator);
  return new Decimal(f.numerator).dividedBy(f.denominator);
}

export function isWhole(f: Fraction): boolean {
  return f.numerator === f.denominator;
}

/** Months of one full billing period. Upfront = the whole term (see upfrontMonths); Milestone has none. */
export function cadenceMonths(line: ContractLine): number {
  switch (line.billingFrequency) {
    case 'Monthly':
    case 'Usage':
      return 1;
    case 'Quarterly':
      return 3;
    case 'Semiannual':
      return 6;
    case 'Annual':
      return 12;
    case 'Upfront':
      return upfrontMonths(line.startDate, line.endDate);
    default:
      return 0;
  }
}

/**
 * The whole months an Upfront term spans: the smallest n whose anniversary period
 * [start, start + n months - 1 day] reaches the End Date. A term that is not whole months is a
 * partial period of that n-month period, prorated like any other partial period.
 */
export function upfrontMonths(start: CalendarDate, end: CalendarDate): number {
  const s = toYMD(start);
  const e = toYMD(end);
  let n = Math.max(1, (e.year - s.year) * 12 + (e.month - s.month) - 1);
  while (n > 1 && anniversaryBoundary(s.year, s.month, s.day, n - 1) - 1 >= end) n--;
  while (anniversaryBoundary(s.year, s.month, s.day, n) - 1 < end) n++;
  return n;
}

/** start + k months with the day of month clamped from the anchor day: never drifts. */
function anniversaryBoundary(year: number, month: number, anchorDay: number, k: number): CalendarDate {
  const index = year * 12 + (month - 1) + k;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const dim = daysInMonth(y, m);
  return fromYMD(y, m, anchorDay < dim ? anchorDay : dim);
}

function firstOfMonthIndex(index: number): CalendarDate {
  const y = Math.floor(index / 12);
  return fromYMD(y, index - y * 12 + 1, 1);
}

/**
 * Daily: service days / days of the full period, both ends inclusive. Not reduced: 42/91 says
 * "42 of 91 days" where 6/13 would say nothing a person can check.
 */
export function dailyFraction(serviceStart: CalendarDate, serviceEnd: CalendarDate, fullStart: CalendarDate, fullEnd: CalendarDate): Fraction {
  return { numerator: serviceEnd - serviceStart + 1, denominator: fullEnd - fullStart + 1 };
}

export function dailyFactor(serviceStart: CalendarDate, serviceEnd: CalendarDate, fullStart: CalendarDate, fullEnd: CalendarDate): Decimal {
  return fractionToDecimal(dailyFraction(serviceStart, serviceEnd, fullStart, fullEnd));
}

/** 30/360: min(1, DAYS360(first, last + 1) / (30 x cadence months)), as Excel computes it. */
export function thirty360Fraction(serviceStart: CalendarDate, serviceEnd: CalendarDate, cadence: number): Fraction {
  const d = days360(serviceStart, (serviceEnd + 1) as CalendarDate);
  const full = 30 * cadence;
  if (d >= full) return WHOLE;
  return { numerator: Math.max(0, d), denominator: full };
}

export function thirty360Factor(serviceStart: CalendarDate, serviceEnd: CalendarDate, cadence: number): Decimal {
  return fractionToDecimal(thirty360Fraction(serviceStart, serviceEnd, cadence));
}

function makePeriod(
  index: number,
  fullStart: CalendarDate,
  fullEnd: CalendarDate,
  lineStart: CalendarDate,
  lineEnd: CalendarDate,
  months: number,
  method: PartialMethod,
): BillingPeriod {
  const start = fullStart < lineStart ? lineStart : fullStart;
  const end = fullEnd > lineEnd ? lineEnd : fullEnd;
  const partial = start !== fullStart || end !== fullEnd;
  let factorFraction = WHOLE;
  if (partial) {
    factorFraction = method === '30/360' ? thirty360Fraction(start, end, months) : dailyFraction(start, end, fullStart, fullEnd);
  }
  return { index, start, end, fullStart, fullEnd, months, factor: fractionToDecimal(factorFraction), factorFraction, partial };
}

/**
 * The line's periods from its Start Date to its End Date (or options.endDate), without gap or
 * overlap. Anniversary: period k = [anchor + k*m months, anchor + (k+1)*m months - 1 day], the
 * day of month always taken from the anchor's own day. Calendar: calendar months, quarters
 * (Jan, Apr, Jul, Oct), halves (Jan, Jul) or years. Upfront: the whole term, anchor ignored.
 * Milestone lines have no periods (their dates come from the Milestones sheet).
 */
export function billingPeriods(line: ContractLine, options: PeriodOptions = {}): BillingPeriod[] {
  const lineStart = line.startDate;
  const lineEnd = options.endDate ?? line.endDate;
  const method: PartialMethod = options.prorationMethod ?? 'Daily';
  const periods: BillingPeriod[] = [];
  if (!(lineEnd >= lineStart) || line.billingFrequency === 'Milestone') return periods;

  if (line.billingFrequency === 'Upfront') {
    // The full period is the contracted term, even when a Cancel ends service earlier.
    const termEnd = line.endDate >= lineStart ? line.endDate : lineEnd;
    const n = upfrontMonths(lineStart, termEnd);
    const s = toYMD(lineStart);
    const fullEnd = (anniversaryBoundary(s.year, s.month, s.day, n) - 1) as CalendarDate;
    periods.push(makePeriod(0, lineStart, fullEnd, lineStart, lineEnd, n, method));
    return periods;
  }

  const m = cadenceMonths(line);
  if (m <= 0) return periods;

  if (line.billingAnchor === 'Calendar') {
    const s = toYMD(lineStart);
    let index = Math.floor((s.year * 12 + s.month - 1) / m) * m;
    let fullStart = firstOfMonthIndex(index);
    for (let k = 0; fullStart <= lineEnd; k++) {
      const next = firstOfMonthIndex(index + m);
      periods.push(makePeriod(k, fullStart, (next - 1) as CalendarDate, lineStart, lineEnd, m, method));
      index += m;
      fullStart = next;
    }
    return periods;
  }

  const anchor = options.gridAnchor ?? lineStart;
  const a = toYMD(anchor);
  const s = toYMD(lineStart);
  // the grid period holding the start: estimate from the month difference, then settle
  let k = Math.floor(((s.year - a.year) * 12 + (s.month - a.month)) / m);
  while (anniversaryBoundary(a.year, a.month, a.day, k * m) > lineStart) k--;
  while (anniversaryBoundary(a.year, a.month, a.day, (k + 1) * m) <= lineStart) k++;
  let fullStart = anniversaryBoundary(a.year, a.month, a.day, k * m);
  for (let i = 0; fullStart <= lineEnd; i++) {
    k++;
    const next = anniversaryBoundary(a.year, a.month, a.day, k * m);
    periods.push(makePeriod(i, fullStart, (next - 1) as CalendarDate, lineStart, lineEnd, m, method));
    fullStart = next;
  }
  return periods;
}

/**
 * Months x factor summed over `periods`. Over a line's contracted periods (billingPeriods with
 * no end date) this is its term in months as billed: 12 for a 12-month anniversary term,
 * 11 + 17/31 + ... for a calendar one. A Term price basis and a Total Contract Value are spread
 * over exactly this, so they sum back to themselves.
 */
export function sumMonths(periods: readonly BillingPeriod[]): Fraction {
  let total: Fraction = { numerator: 0, denominator: 1 };
  let whole = 0;
  for (const p of periods) {
    if (p.factorFraction.numerator === p.factorFraction.denominator) whole += p.months;
    else total = addFractions(total, multiplyFractions({ numerator: p.months, denominator: 1 }, p.factorFraction));
  }
  return addFractions(total, { numerator: whole, denominator: 1 });
}
