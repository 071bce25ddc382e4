import { type CalendarDate, addDays, firstOfMonth, fromYMD, lastOfMonth, toISO, toYMD } from './calendarDate';
import { Decimal, ZERO, sum } from './decimal';
import { FxTable, UnitConversion, toReportingCurrency } from './fx';
import type { Issue } from './issue';
import type { BillingInputs, ContractLine, RevenueRow, ScheduleLine } from './model';
import { type Rounding, minorUnits, roundMoney } from './money';
import { canDivide, decimalOfUnits, roundUnitsRatio, unitsOf } from './unitAmounts';

/**
 * Revenue Schedule (billing.md, "Revenue (ASC 606, ratable)"): what each contract and Product
 * recognizes per calendar month, against what it billed, with the deferred or unbilled gap.
 */
export function buildRevenueSchedule(
  lines: ScheduleLine[],
  inputs: BillingInputs,
): { rows: RevenueRow[]; issues: Issue[] } {
  return revenueInMinorUnits(lines, inputs) ?? revenueInDecimals(lines, inputs);
}

/** The reference computation, Decimal throughout: used whenever the minor-unit path cannot be exact. */
function revenueInDecimals(
  lines: ScheduleLine[],
  inputs: BillingInputs,
): { rows: RevenueRow[]; issues: Issue[] } {
  const { rounding } = inputs.settings;
  const groups = new Map<string, RevenueGroup>();
  const groupOf = (line: ScheduleLine): RevenueGroup => {
    const c = line.contract;
    const contractKey = c.contractId.trim().toUpperCase();
    const product = c.product.trim();
    const key = JSON.stringify([contractKey, product, c.currency]);
    let group = groups.get(key);
    if (!group) {
      group = {
        key, contractKey, contractId: c.contractId.trim(), customer: c.customer, product: c.product, currency: c.currency,
        billed: new Map(), recognized: new Map(), firstMonth: Infinity, lastMonth: -Infinity,
      };
      groups.set(key, group);
    }
    // the same spelling whatever order the lines come in
    if (compareText(c.contractId.trim(), group.contractId) < 0) group.contractId = c.contractId.trim();
    if (compareText(c.customer, group.customer) < 0) group.customer = c.customer;
    return group;
  };

  const pools = inputs.settings.rampRevenue === 'Straight-Line' ? rampPools(inputs.contracts) : new Map<number, number>();
  /** pool and revenue group -> its schedule lines */
  const pooled = new Map<string, { group: RevenueGroup; lines: ScheduleLine[] }>();

  for (const line of lines) {
    const group = groupOf(line);
    addTo(group.billed, firstOfMonth(line.invoiceDate), line.netAmount);
    touch(group, line.invoiceDate);
    const pool = line.lineType === 'Recurring' ? pools.get(line.contract.contractLineIndex) : undefined;
    if (pool !== undefined) {
      const poolKey = JSON.stringify([pool, group.key]);
      const members = pooled.get(poolKey);
      if (members) members.lines.push(line);
      else pooled.set(poolKey, { group, lines: [line] });
      touchPeriod(group, line.periodStart, line.periodEnd);
      continue;
    }
    const service = serviceOf(line);
    for (const month of service.months) touch(group, month);
    for (const [month, amount] of recognizeCumulatively(line.netAmount, service.weights, line.contract.currency, rounding)) {
      addTo(group.recognized, month, amount);
    }
  }

  for (const { group, lines: members } of pooled.values()) {
    const total = sum(members.map((l) => l.netAmount));
    const weights = daysByMonth(members.map((l) => [l.periodStart, l.periodEnd] as const));
    for (const [month, amount] of recognizeCumulatively(total, weights, group.currency, rounding)) {
      addTo(group.recognized, month, amount);
    }
  }

  const fx = new ReportingConversion(inputs);
  const rows: RevenueRow[] = [];
  const ordered = [...groups.values()].sort(
    (a, b) => compareText(a.contractKey, b.contractKey) || compareText(a.product, b.product) || compareText(a.currency, b.currency),
  );
  for (const group of ordered) rows.push(...rowsOf(group, fx));
  return { rows, issues: fx.issues() };
}

// ------------------------------------------------------------------ the same in whole minor units

/** Far inside the safe-integer range, so every billed and recognized sum of the run stays exact. */
const MAX_BOOK_UNITS = 2 ** 50;

interface UnitGroup {
  key: string;
  contractKey: string;
  contractId: string;
  customer: string;
  product: string;
  currency: string;
  places: number;
  /** first of the month -> minor units */
  billed: Map<number, number>;
  recognized: Map<number, number>;
  firstMonth: number;
  lastMonth: number;
}

class Unsafe extends Error {}

function addUnitsTo(amounts: Map<number, number>, month: number, units: number): void {
  const total = (amounts.get(month) ?? 0) + units;
  if (!Number.isSafeInteger(total)) throw new Unsafe();
  amounts.set(month, total);
}

/**
 * buildRevenueSchedule in whole minor units: the same grouping, ratable daily spreading with
 * cumulative rounding and month rows as revenueInDecimals, with integer day weights and plain
 * safe-integer sums instead of a Decimal per step. Null when any Net Amount is not a whole
 * number of its currency's minor units or the book's amounts could leave the safe range; the
 * Decimal path then answers, so the rows are the same either way.
 */
function revenueInMinorUnits(
  lines: ScheduleLine[],
  inputs: BillingInputs,
): { rows: RevenueRow[]; issues: Issue[] } | null {
  const nets: number[] = new Array<number>(lines.length);
  let magnitude = 0;
  for (let i = 0; i < lines.length; i++) {
    const net = unitsOf(lines[i].netAmount, minorUnits(lines[i].contract.currency));
    if (net === null) return null;
    nets[i] = net;
    magnitude += Math.abs(net);
    if (magnitude > MAX_BOOK_UNITS) return null;
  }
  try {
    return unitRevenue(lines, nets, inputs);
  } catch (e) {
    if (e instanceof Unsafe) return null;
    throw e;
  }
}

function unitRevenue(lines: ScheduleLine[], nets: number[], inputs: BillingInputs): { rows: RevenueRow[]; issues: Issue[] } {
  const { rounding } = inputs.settings;
  const groups = new Map<string, UnitGroup>();
  const contractKeys = new Map<string, string>();
  let last: ScheduleLine | null = null;
  let lastGroup: UnitGroup | null = null;
  const groupOf = (line: ScheduleLine): UnitGroup => {
    const c = line.contract;
    let group: UnitGroup | undefined;
    if (last !== null && lastGroup !== null && c.contractId === last.contract.contractId && c.product === last.contract.product && c.currency === last.contract.currency) {
      group = lastGroup;
    } else {
      let contractKey = contractKeys.get(c.contractId);
      if (contractKey === undefined) {
        contractKey = c.contractId.trim().toUpperCase();
        contractKeys.set(c.contractId, contractKey);
      }
      const product = c.product.trim();
      const key = JSON.stringify([contractKey, product, c.currency]);
      group = groups.get(key);
      if (!group) {
        group = {
          key, contractKey, contractId: c.contractId.trim(), customer: c.customer, product: c.product, currency: c.currency,
          places: minorUnits(c.currency), billed: new Map(), recognized: new Map(), firstMonth: Infinity, lastMonth: -Infinity,
        };
        groups.set(key, group);
      }
      // the same spelling whatever order the lines come in
      if (compareText(c.contractId.trim(), group.contractId) < 0) group.contractId = c.contractId.trim();
    }
    if (c.customer !== group.customer && compareText(c.customer, group.customer) < 0) group.customer = c.customer;
    last = line;
    lastGroup = group;
    return group;
  };

  const pools = inputs.settings.rampRevenue === 'Straight-Line' ? rampPools(inputs.contracts) : new Map<number, number>();
  const pooled = new Map<string, { group: UnitGroup; lines: ScheduleLine[]; total: number }>();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const net = nets[i];
    const group = groupOf(line);
    addUnitsTo(group.billed, firstOfMonth(line.invoiceDate), net);
    touch(group, line.invoiceDate);
    const pool = line.lineType === 'Recurring' ? pools.get(line.contract.contractLineIndex) : undefined;
    if (pool !== undefined) {
      const poolKey = JSON.stringify([pool, group.key]);
      const members = pooled.get(poolKey);
      if (members) {
        members.lines.push(line);
        members.total += net;
      } else {
        pooled.set(poolKey, { group, lines: [line], total: net });
      }
      touchPeriod(group, line.periodStart, line.periodEnd);
      continue;
    }
    if (line.lineType === 'Milestone' || (line.lineType === 'Usage' && line.usageByDate && line.usageByDate.length > 0)) {
      const service = serviceOf(line);
      for (const month of service.months) touch(group, month);
      for (const [month, amount] of recognizeCumulatively(line.netAmount, service.weights, line.contract.currency, rounding)) {
        const units = unitsOf(amount, group.places);
        if (units === null) throw new Unsafe();
        addUnitsTo(group.recognized, month, units);
      }
      continue;
    }
    // evenly per day over the line's own period
    const end = line.periodEnd >= line.periodStart ? line.periodEnd : line.periodStart;
    touch(group, line.periodStart);
    touch(group, end);
    spreadByDays(group.recognized, net, [[line.periodStart, end]], rounding);
  }

  for (const { group, lines: members, total } of pooled.values()) {
    spreadByDays(group.recognized, total, mergedPeriods(members.map((l) => [l.periodStart, l.periodEnd] as const)), rounding);
  }

  const fx = new ReportingConversion(inputs);
  const rows: RevenueRow[] = [];
  const ordered = [...groups.values()].sort(
    (a, b) => compareText(a.contractKey, b.contractKey) || compareText(a.product, b.product) || compareText(a.currency, b.currency),
  );
  const conversion = new UnitConversion(inputs.settings.reportingCurrency, rounding);
  const monthRates = new Map<string, Map<number, Decimal | null>>();
  const rateAt = (currency: string, month: CalendarDate): Decimal | null => {
    let byMonth = monthRates.get(currency);
    if (byMonth === undefined) {
      byMonth = new Map();
      monthRates.set(currency, byMonth);
    }
    let rate = byMonth.get(month);
    if (rate === undefined) {
      rate = fx.rateAt(currency, lastOfMonth(month));
      byMonth.set(month, rate);
    }
    return rate;
  };
  for (const group of ordered) {
    if (!Number.isFinite(group.firstMonth)) continue;
    const { places, currency } = group;
    let cumulativeBilled = 0;
    let cumulativeRecognized = 0;
    for (let month = group.firstMonth as CalendarDate; month <= group.lastMonth; month = nextMonth(month)) {
      const billedUnits = group.billed.get(month) ?? 0;
      const recognizedUnits = group.recognized.get(month) ?? 0;
      cumulativeBilled += billedUnits;
      cumulativeRecognized += recognizedUnits;
      const gap = cumulativeBilled - cumulativeRecognized;
      if (!Number.isSafeInteger(gap)) throw new Unsafe();
      const billed = decimalOfUnits(billedUnits, places);
      const recognized = decimalOfUnits(recognizedUnits, places);
      const rate = rateAt(currency, month);
      rows.push({
        contractId: group.contractId,
        customer: group.customer,
        product: group.product,
        month,
        currency,
        billed,
        recognized,
        deferredRevenue: decimalOfUnits(gap > 0 ? gap : 0, places),
        unbilled: decimalOfUnits(gap < 0 ? -gap : 0, places),
        reportingBilled: rate === null ? null : conversion.convertUnits(billedUnits, places, rate, billed) ?? fx.convert(billed, rate),
        reportingRecognized: rate === null ? null : conversion.convertUnits(recognizedUnits, places, rate, recognized) ?? fx.convert(recognized, rate),
      });
    }
  }
  return { rows, issues: fx.issues() };
}

/** Inclusive periods with end >= start, sorted and with overlapping or touching ones joined. */
function mergedPeriods(periods: ReadonlyArray<readonly [CalendarDate, CalendarDate]>): [CalendarDate, CalendarDate][] {
  const sorted = periods
    .map(([s, e]) => [s, e >= s ? e : s] as [CalendarDate, CalendarDate])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [CalendarDate, CalendarDate][] = [];
  for (const [s, e] of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && s <= previous[1] + 1) {
      if (e > previous[1]) previous[1] = e;
    } else {
      merged.push([s, e]);
    }
  }
  return merged;
}

/**
 * recognizeCumulatively with service days as the weights (daysByMonth of merged periods), in
 * minor units: recognized through month k = round(net x days through k / all days).
 */
function spreadByDays(
  recognized: Map<number, number>,
  net: number,
  merged: ReadonlyArray<readonly [CalendarDate, CalendarDate]>,
  rounding: Rounding,
): void {
  const months: number[] = [];
  const days: number[] = [];
  let totalDays = 0;
  for (const [start, end] of merged) {
    let from = start;
    while (from <= end) {
      const monthEnd = lastOfMonth(from);
      const to = monthEnd < end ? monthEnd : end;
      const month = firstOfMonth(from);
      if (months.length > 0 && months[months.length - 1] === month) days[days.length - 1] += to - from + 1;
      else {
        months.push(month);
        days.push(to - from + 1);
      }
      totalDays += to - from + 1;
      from = addDays(to, 1);
    }
  }
  let daysSoFar = 0;
  let recognizedSoFar = 0;
  for (let i = 0; i < months.length; i++) {
    daysSoFar += days[i];
    let through: number;
    if (i === months.length - 1) through = net;
    else {
      const numerator = net * daysSoFar;
      if (!canDivide(numerator, totalDays)) throw new Unsafe();
      through = roundUnitsRatio(numerator, totalDays, rounding);
    }
    addUnitsTo(recognized, months[i], through - recognizedSoFar);
    recognizedSoFar = through;
  }
}

// ------------------------------------------------------------------ grouping

interface RevenueGroup {
  key: string;
  contractKey: string;
  contractId: string;
  customer: string;
  product: string;
  currency: string;
  /** first of the month -> amount */
  billed: Map<number, Decimal>;
  recognized: Map<number, Decimal>;
  firstMonth: number;
  lastMonth: number;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addTo(amounts: Map<number, Decimal>, month: CalendarDate, amount: Decimal): void {
  amounts.set(month, (amounts.get(month) ?? ZERO).plus(amount));
}

function touch(group: { firstMonth: number; lastMonth: number }, date: CalendarDate): void {
  const month = firstOfMonth(date);
  if (month < group.firstMonth) group.firstMonth = month;
  if (month > group.lastMonth) group.lastMonth = month;
}

function touchPeriod(group: { firstMonth: number; lastMonth: number }, start: CalendarDate, end: CalendarDate): void {
  touch(group, start);
  touch(group, end >= start ? end : start);
}

/**
 * Ramp pools for Straight-Line: contract lines of one contract and Product (two or more, a
 * ramp) with equal Quantity, i.e. the same stand-ready service at stepped prices. Returns
 * contract line index -> pool number. Usage and milestone lines are never pooled.
 */
function rampPools(contracts: ContractLine[]): Map<number, number> {
  const byKey = new Map<string, number[]>();
  contracts.forEach((line, index) => {
    if (line.billingFrequency === 'Usage' || line.billingFrequency === 'Milestone') return;
    const key = JSON.stringify([line.contractId.trim().toUpperCase(), line.product.trim(), line.quantity.toString()]);
    const list = byKey.get(key);
    if (list) list.push(index);
    else byKey.set(key, [index]);
  });
  const pools = new Map<number, number>();
  for (const indexes of byKey.values()) {
    if (indexes.length < 2) continue;
    for (const index of indexes) pools.set(index, indexes[0]);
  }
  return pools;
}

// ------------------------------------------------------------------ spreading a line over months

interface MonthWeight {
  month: CalendarDate;
  weight: Decimal;
}

/** Service days per calendar month over the union of the given inclusive periods. */
function daysByMonth(periods: ReadonlyArray<readonly [CalendarDate, CalendarDate]>): MonthWeight[] {
  const sorted = periods
    .map(([s, e]) => [s, e >= s ? e : s] as [CalendarDate, CalendarDate])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [CalendarDate, CalendarDate][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1] + 1) {
      if (e > last[1]) last[1] = e;
    } else {
      merged.push([s, e]);
    }
  }
  const days = new Map<number, number>();
  for (const [start, end] of merged) {
    let from = start;
    while (from <= end) {
      const monthEnd = lastOfMonth(from);
      const to = monthEnd < end ? monthEnd : end;
      const month = firstOfMonth(from);
      days.set(month, (days.get(month) ?? 0) + (to - from + 1));
      from = addDays(to, 1);
    }
  }
  return [...days.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([month, d]) => ({ month: month as CalendarDate, weight: new Decimal(d) }));
}

/**
 * How a line's Net Amount is spread: evenly per day over its own period; Usage by units on
 * its usage dates; a Milestone wholly in the month of its date. `months` are every month the
 * line serves (they start and end the Revenue Schedule rows even when an amount rounds to 0).
 */
function serviceOf(line: ScheduleLine): { weights: MonthWeight[]; months: CalendarDate[] } {
  if (line.lineType === 'Milestone') {
    // The milestone's own date; a one-day period is that date even if invoicing moved.
    const date = line.periodStart === line.periodEnd ? line.periodStart : line.invoiceDate;
    return { weights: [{ month: firstOfMonth(date), weight: new Decimal(1) }], months: [date] };
  }
  const periodMonths = [line.periodStart, line.periodEnd >= line.periodStart ? line.periodEnd : line.periodStart];
  if (line.lineType === 'Usage' && line.usageByDate && line.usageByDate.length > 0) {
    const units = new Map<number, Decimal>();
    for (const { date, quantity } of line.usageByDate) {
      const month = firstOfMonth(date);
      units.set(month, (units.get(month) ?? ZERO).plus(quantity));
    }
    const weights = [...units.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([month, weight]) => ({ month: month as CalendarDate, weight }));
    if (!sum(weights.map((w) => w.weight)).isZero()) {
      return { weights, months: [...periodMonths, ...weights.map((w) => w.month)] };
    }
  }
  return { weights: daysByMonth([[line.periodStart, line.periodEnd]]), months: periodMonths };
}

/** An amount with at most `places` decimals as a whole number of its smallest units. */
function toUnits(value: Decimal, places: number): bigint {
  return BigInt(value.toFixed(places).replace('.', ''));
}

/** numerator / denominator (denominator > 0) rounded to a whole number by the Rounding setting. */
function roundRatio(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += denominator;
  }
  const twice = 2n * remainder;
  if (twice > denominator) return quotient + 1n;
  if (twice < denominator) return quotient;
  if (rounding === 'Half Even') return quotient % 2n === 0n ? quotient : quotient + 1n;
  return numerator >= 0n ? quotient + 1n : quotient; // half away from zero
}

/**
 * Cumulative rounding: recognized through month k = round(net x weight through k / total
 * weight), and the month's amount is the difference, so the months add up to `net` exactly
 * and no month drifts by more than one rounding. Whole minor units and integer weights keep
 * every step exact.
 */
function recognizeCumulatively(
  net: Decimal,
  weights: MonthWeight[],
  currency: string,
  rounding: Rounding,
): [CalendarDate, Decimal][] {
  if (weights.length === 0) return [];
  const places = minorUnits(currency);
  const netUnits = toUnits(roundMoney(net, currency, rounding), places);
  const weightPlaces = Math.max(0, ...weights.map((w) => w.weight.decimalPlaces()));
  let scaled = weights.map((w) => toUnits(w.weight, weightPlaces));
  let totalWeight = scaled.reduce((a, b) => a + b, 0n);
  if (totalWeight === 0n) return [];
  if (totalWeight < 0n) {
    scaled = scaled.map((x) => -x);
    totalWeight = -totalWeight;
  }
  const out: [CalendarDate, Decimal][] = [];
  let weightSoFar = 0n;
  let recognizedSoFar = 0n;
  weights.forEach(({ month }, i) => {
    weightSoFar += scaled[i];
    const through = i === weights.length - 1 ? netUnits : roundRatio(netUnits * weightSoFar, totalWeight, rounding);
    const amount = through - recognizedSoFar;
    out.push([month, amount === 0n ? ZERO : new Decimal(`${amount}e-${places}`)]);
    recognizedSoFar = through;
  });
  return out;
}

// ------------------------------------------------------------------ rows

function nextMonth(month: CalendarDate): CalendarDate {
  const { year, month: m } = toYMD(month);
  return m === 12 ? fromYMD(year + 1, 1, 1) : fromYMD(year, m + 1, 1);
}

/** Reporting Billed / Recognized at the latest rate on or before the month end. */
class ReportingConversion {
  private readonly missing = new Map<string, { currency: string; date: CalendarDate }>();
  private readonly table: FxTable;
  constructor(private readonly inputs: BillingInputs) {
    this.table = new FxTable(inputs.fxRates, inputs.settings.reportingCurrency);
  }

  rateAt(currency: string, monthEnd: CalendarDate): Decimal | null {
    const rate = this.table.rateOn(currency, monthEnd);
    if (rate === null) this.missing.set(JSON.stringify([currency, monthEnd]), { currency, date: monthEnd });
    return rate;
  }

  convert(amount: Decimal, rate: Decimal | null): Decimal | null {
    const { reportingCurrency, rounding } = this.inputs.settings;
    return rate === null ? null : toReportingCurrency(amount, rate, reportingCurrency, rounding);
  }

  issues(): Issue[] {
    const reporting = this.inputs.settings.reportingCurrency;
    return [...this.missing.values()]
      .sort((a, b) => compareText(a.currency, b.currency) || a.date - b.date)
      .map(({ currency, date }) => ({
        job: 'Bill' as const,
        severity: 'Warning' as const,
        sheet: 'FX Rates',
        cell: 'FX Rates',
        column: 'Rate',
        value: currency,
        problem: `No FX rate for ${currency} with As Of on or before ${toISO(date)}; Revenue Schedule rows for that month have blank Reporting Billed and Reporting Recognized`,
        fix: `Add an FX Rates row for ${currency} (units of ${reporting} per 1 ${currency}) with As Of on or before ${toISO(date)}`,
      }));
  }
}

function rowsOf(group: RevenueGroup, fx: ReportingConversion): RevenueRow[] {
  const rows: RevenueRow[] = [];
  if (!Number.isFinite(group.firstMonth)) return rows;
  let cumulativeBilled = ZERO;
  let cumulativeRecognized = ZERO;
  for (let month = group.firstMonth as CalendarDate; month <= group.lastMonth; month = nextMonth(month)) {
    const billed = group.billed.get(month) ?? ZERO;
    const recognized = group.recognized.get(month) ?? ZERO;
    cumulativeBilled = cumulativeBilled.plus(billed);
    cumulativeRecognized = cumulativeRecognized.plus(recognized);
    const gap = cumulativeBilled.minus(cumulativeRecognized);
    const rate = fx.rateAt(group.currency, lastOfMonth(month));
    rows.push({
      contractId: group.contractId,
      customer: group.customer,
      product: group.product,
      month,
      currency: group.currency,
      billed,
      recognized,
      deferredRevenue: Decimal.max(ZERO, gap),
      unbilled: Decimal.max(ZERO, gap.negated()),
      reportingBilled: fx.convert(billed, rate),
      reportingRecognized: fx.convert(recognized, rate),
    });
  }
  return rows;
}
