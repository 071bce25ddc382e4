import { CalendarDate, toISO } from './calendarDate';
import type { Decimal } from './decimal';
import { fromWholeMinorUnits } from './segments';
import { Issue, issueAt } from './issue';
import type { BillingInputs, ContractLine, PriceTier, Settings } from './model';
import { assignMilestones, MilestoneAssignment } from './milestones';
import { billingPeriods, BillingPeriod, Fraction, PartialMethod } from './periods';
import { sortTiers } from './pricing';
import { assignUsage, UsageAssignment } from './usageRating';
import type { SegmentValues } from './recurringSchedule';
import type { WholeUnitRater } from './wholeUnitRating';
import { matchKey } from './matchKey';

/**
 * What every contract line of a run shares while it is scheduled: the usage and milestones
 * assigned to each line, tier tables, and caches of period grids and segment values, so lines
 * alike in dates or price are worked out once. Also the checks every kind of line makes.
 */

export interface ScheduleOptions {
  /** an anniversary grid anchored elsewhere (Add Product follows its contract's first line) */
  gridAnchor?: CalendarDate;
  /** service ends early (a Cancel: the day before its Effective Date) */
  endDate?: CalendarDate;
}

export function partialMethod(settings: Settings): PartialMethod {
  return settings.prorationMethod === '30/360' ? '30/360' : 'Daily';
}

// ------------------------------------------------------------ lookups shared by every line of a run

export interface BillingContext {
  contracts: BillingInputs['contracts'];
  usageRows: BillingInputs['usage'];
  milestoneRows: BillingInputs['milestones'];
  priceTiers: BillingInputs['priceTiers'];
  tiers: Map<string, PriceTier[]>;
  usage: UsageAssignment;
  milestones: MilestoneAssignment;
  /** segment values by price and period shape (see scheduleRecurringLine) */
  segments: Map<string, SegmentValues>;
  /** period grids by dates, cadence and anchor: lines starting the same day share one */
  grids: Map<string, PeriodGrid>;
  /** the same for lines with no end date or grid anchor of their own (nearly all), by cadence, anchor and method, then dates */
  gridsByDates: Map<string, Map<string, Map<string, Map<number, PeriodGrid>>>>;
  /** whole-number usage raters by usage terms (see wholeUnitRaterOf) */
  usageRaters: Map<string, WholeUnitRater | null>;
  /** usage amounts and quantities by minor units, per number of places (see sharedAmount) */
  amounts: SharedAmounts[];
}

/** A line's billing periods with what the segment cache needs of them, computed once per shape. */
export interface PeriodGrid {
  periods: BillingPeriod[];
  /** partial periods, factors and months: with the price, what makes a segment's values */
  shape: string;
  /** sumMonths(periods), once */
  term: Fraction | null;
}

const GRID_CACHE_LIMIT = 50_000;

/**
 * billingPeriods of `line`, shared by every line with the same dates, cadence and anchor.
 * BillingPeriod records are only read, never changed, so one array serves all of them.
 */
export function periodGrid(line: ContractLine, context: BillingContext, endDate: CalendarDate | undefined,
  gridAnchor: CalendarDate | undefined, method: PartialMethod): PeriodGrid {
  const start = line.startDate;
  const end = line.endDate;
  // most lines: found through maps of the texts and one number for the two dates, as a text
  // key made per line cost more than the lookup it served
  if (endDate === undefined && gridAnchor === undefined && Number.isInteger(start) && Number.isInteger(end)
    && Math.abs(start) < DATE_RANGE && Math.abs(end) < DATE_RANGE) {
    const byAnchor = mapIn(context.gridsByDates, line.billingFrequency);
    const byMethod = mapIn(byAnchor, line.billingAnchor);
    const byDates = mapIn(byMethod, method);
    const dates = (start + DATE_RANGE) * 2 * DATE_RANGE + (end + DATE_RANGE);
    let grid = byDates.get(dates);
    if (grid === undefined) {
      grid = newGrid(line, undefined, undefined, method);
      if (byDates.size < GRID_CACHE_LIMIT) byDates.set(dates, grid);
    }
    return grid;
  }
  const gridKey = `${line.billingFrequency}|${line.billingAnchor}|${start}|${end}|${endDate}|${gridAnchor}|${method}`;
  let grid = context.grids.get(gridKey);
  if (grid === undefined) {
    grid = newGrid(line, endDate, gridAnchor, method);
    if (context.grids.size < GRID_CACHE_LIMIT) context.grids.set(gridKey, grid);
  }
  return grid;
}

/** Dates within this many days of 1970 (years 1 to 47,900) pair into one whole number below 2^50. */
const DATE_RANGE = 2 ** 24;

function mapIn<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

function newGrid(line: ContractLine, endDate: CalendarDate | undefined, gridAnchor: CalendarDate | undefined, method: PartialMethod): PeriodGrid {
  const periods = billingPeriods(line, { endDate, gridAnchor, prorationMethod: method });
  let shape = `${periods.length}`;
  for (const p of periods) if (p.partial) shape += `|${p.index}:${p.months}:${p.factorFraction.numerator}/${p.factorFraction.denominator}`;
  if (periods.length > 0 && !periods[0].partial) shape += `|m${periods[0].months}`;
  return { periods, shape, term: null };
}

const contexts = new WeakMap<BillingInputs, BillingContext>();

export function contextFor(inputs: BillingInputs): BillingContext {
  const cached = contexts.get(inputs);
  if (cached && cached.contracts === inputs.contracts && cached.usageRows === inputs.usage
    && cached.milestoneRows === inputs.milestones && cached.priceTiers === inputs.priceTiers) {
    return cached;
  }
  const grouped = new Map<string, PriceTier[]>();
  for (const t of inputs.priceTiers) {
    const k = matchKey(t.tierTable);
    const list = grouped.get(k);
    if (list) list.push(t);
    else grouped.set(k, [t]);
  }
  const tiers = new Map<string, PriceTier[]>();
  for (const [k, list] of grouped) tiers.set(k, sortTiers(list));
  const context: BillingContext = {
    contracts: inputs.contracts,
    usageRows: inputs.usage,
    milestoneRows: inputs.milestones,
    priceTiers: inputs.priceTiers,
    tiers,
    usage: assignUsage(inputs.contracts, inputs.usage, inputs.skippedContractIds),
    milestones: assignMilestones(inputs.contracts, inputs.milestones, inputs.skippedContractIds),
    segments: new Map(),
    grids: new Map(),
    gridsByDates: new Map(),
    usageRaters: new Map(),
    amounts: [],
  };
  contexts.set(inputs, context);
  return context;
}

const SHARED_AMOUNTS_LIMIT = 100_000;

/**
 * The Decimals sharedAmount made, by minor units. Whole units from 0 to 2^24 (nearly all usage
 * quantities and amounts) sit in arrays of 4,096: a usage book looks up two to four per period,
 * and a Map of tens of thousands of numbers spent about four times as long finding each.
 */
export interface SharedAmounts {
  pages: ((Decimal | undefined)[] | undefined)[];
  others: Map<number, Decimal>;
  size: number;
}

const PAGE_BITS = 12;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
const PAGED_BELOW = 2 ** 24;

/** Arrays filled with undefined from the start, so V8 keeps them plain arrays, not dictionaries. */
function emptyArray<T>(length: number): (T | undefined)[] {
  return new Array<T | undefined>(length).fill(undefined);
}

/**
 * `units` minor units at `places` decimals as a Decimal, one per value per run. Usage periods
 * repeat the same amounts and quantities, and a Decimal never changes, so lines share them
 * rather than each holding its own (about 110 bytes apiece).
 */
export function sharedAmount(context: BillingContext, units: number, places: number): Decimal {
  const known = context.amounts[places] ??= { pages: emptyArray(PAGED_BELOW >>> PAGE_BITS), others: new Map(), size: 0 };
  const paged = units >= 0 && units < PAGED_BELOW && Number.isInteger(units);
  let page: (Decimal | undefined)[] | undefined;
  let amount: Decimal | undefined;
  if (paged) {
    page = known.pages[units >>> PAGE_BITS];
    amount = page === undefined ? undefined : page[units & PAGE_MASK];
  } else {
    amount = known.others.get(units);
  }
  if (amount !== undefined) return amount;
  amount = fromWholeMinorUnits(units, places);
  if (known.size >= SHARED_AMOUNTS_LIMIT) return amount;
  known.size++;
  if (!paged) {
    known.others.set(units, amount);
  } else {
    page ??= known.pages[units >>> PAGE_BITS] = emptyArray(PAGE_MASK + 1);
    page[units & PAGE_MASK] = amount;
  }
  return amount;
}

export function isoOrBlank(date: CalendarDate): string {
  return Number.isFinite(date) ? toISO(date) : '';
}

/** Tier table rows of a Tiered/Volume line, or an Error when the table is missing. */
export function tiersOfLine(line: ContractLine, context: BillingContext, issues: Issue[]): PriceTier[] | null {
  if (line.pricingModel !== 'Tiered' && line.pricingModel !== 'Volume') return [];
  const tiers = line.tierTable === null ? undefined : context.tiers.get(matchKey(line.tierTable));
  if (!tiers || tiers.length === 0) {
    issues.push(issueAt('Bill', 'Error', line.source, 'tierTable', line.tierTable ?? '',
      line.tierTable === null ? `${line.pricingModel} pricing needs a Tier Table; line not billed` : `Tier Table ${line.tierTable} is not on the Price Tiers sheet; line not billed`,
      'Name a Tier Table that is on the Price Tiers sheet'));
    return null;
  }
  return tiers;
}

export function packageSizeOk(line: ContractLine, issues: Issue[]): boolean {
  if (line.pricingModel !== 'Package' || (line.packageSize !== null && line.packageSize.gt(0))) return true;
  issues.push(issueAt('Bill', 'Error', line.source, 'packageSize', line.packageSize?.toString() ?? '',
    'Package pricing needs a Package Size above zero; line not billed', 'Enter the units per package'));
  return false;
}

export function beyondLastTierWarning(line: ContractLine, issues: Issue[]): void {
  issues.push(issueAt('Bill', 'Warning', line.source, 'tierTable', line.tierTable ?? '',
    `Quantity goes beyond the last tier of ${line.tierTable ?? ''}; the excess is priced at the last tier`,
    'Leave the last tier\'s To Units blank (no upper bound)'));
}
