import { CalendarDate, toISO } from './calendarDate';
import { atMostSixDecimals, formatPrice, formatQuantity, tierChargesText, usageQuantityText } from './calculationText';
import { Decimal, ZERO } from './decimal';
import { Issue, issueAt } from './issue';
import type { ContractLine, PriceTier, PricingModel, UsageRecord } from './model';
import { Fraction, fractionToDecimal } from './periods';
import { rateThroughTiers, TierRating } from './pricing';
import { matchKey } from './matchKey';

/**
 * Usage rating (billing.md, Usage rating): which Usage rows a line bills, and what one monthly
 * period of usage costs. Rows are matched to the line of their Contract ID and Usage Metric
 * whose dates contain them; anything else is a Warning and is not billed.
 */

export interface UsageAssignment {
  /** contract line index -> its usage rows, by date then sheet row */
  byLine: Map<number, UsageRecord[]>;
  /** one Warning per contract, metric and reason for rows no line bills */
  issues: Issue[];
}

export function assignUsage(
  contracts: readonly ContractLine[],
  usage: readonly UsageRecord[],
  skippedContractIds: readonly string[] = [],
): UsageAssignment {
  const byLine = new Map<number, UsageRecord[]>();
  const issues: Issue[] = [];
  if (usage.length === 0) return { byLine, issues };

  const candidates = new Map<string, number[]>();
  const knownContracts = new Set<string>();
  contracts.forEach((line, index) => {
    knownContracts.add(matchKey(line.contractId));
    if (line.billingFrequency !== 'Usage' || line.usageMetric === null) return;
    const k = `${matchKey(line.contractId)}\u0000${matchKey(line.usageMetric)}`;
    const list = candidates.get(k);
    if (list) list.push(index);
    else candidates.set(k, [index]);
  });
  const skipped = new Set(skippedContractIds.map(matchKey));

  interface Unbilled { first: UsageRecord; rows: number; units: Decimal; outside: boolean }
  const unbilled = new Map<string, Unbilled>();
  // a contract's readings usually come together: reuse the last row's keys, candidate lines and
  // owner's list while its text and owner repeat
  let lastContractText: string | null = null;
  let lastMetricText: string | null = null;
  let contract = '';
  let k = '';
  let lines: number[] | undefined;
  let lastOwner = -1;
  let ownList: UsageRecord[] | undefined;
  for (let i = 0; i < usage.length; i++) {
    const record = usage[i];
    if (record.contractId !== lastContractText || record.usageMetric !== lastMetricText) {
      lastContractText = record.contractId;
      lastMetricText = record.usageMetric;
      contract = matchKey(record.contractId);
      k = `${contract}\u0000${matchKey(record.usageMetric)}`;
      lines = candidates.get(k);
    }
    let owner = -1;
    if (lines) {
      for (const index of lines) {
        const line = contracts[index];
        if (record.date >= line.startDate && record.date <= line.endDate) {
          owner = index;
          break;
        }
      }
    }
    if (owner >= 0) {
      if (owner !== lastOwner) {
        lastOwner = owner;
        ownList = byLine.get(owner);
        if (ownList === undefined) {
          ownList = [];
          byLine.set(owner, ownList);
        }
      }
      (ownList as UsageRecord[]).push(record);
      continue;
    }
    if (skipped.has(contract)) continue; // the parser already reported why that contract is not billed
    const reasonKey = `${k}\u0000${lines ? 'outside' : 'unknown'}`;
    const seen = unbilled.get(reasonKey);
    if (seen) {
      seen.rows++;
      seen.units = seen.units.plus(record.quantity);
    } else {
      unbilled.set(reasonKey, { first: record, rows: 1, units: record.quantity, outside: lines !== undefined });
    }
  }
  // a Usage sheet is usually in date order already: a list is sorted only when it is not
  const byDateAndRow = (a: UsageRecord, b: UsageRecord): number => a.date - b.date || a.source.row - b.source.row;
  for (const list of byLine.values()) {
    let ordered = true;
    for (let i = 1; ordered && i < list.length; i++) ordered = byDateAndRow(list[i - 1], list[i]) <= 0;
    if (!ordered) list.sort(byDateAndRow);
  }

  for (const u of unbilled.values()) {
    const rows = u.rows === 1 ? '1 usage row' : `${u.rows} usage rows`;
    const what = `${rows} (${formatQuantity(u.units)} units) of ${u.first.usageMetric} for contract ${u.first.contractId}`;
    issues.push(
      u.outside
        ? issueAt('Bill', 'Warning', u.first.source, 'date', toISO(u.first.date), `${what} dated outside every service period of its usage line; not billed`, 'Check the usage dates, or extend the usage line\'s Start/End Date on Contracts')
        : issueAt('Bill', 'Warning', u.first.source, knownContracts.has(matchKey(u.first.contractId)) ? 'usageMetric' : 'contractId',
          knownContracts.has(matchKey(u.first.contractId)) ? u.first.usageMetric : u.first.contractId,
          `${what} match no Usage line on Contracts; not billed`, 'Add a Usage line with this Contract ID and Usage Metric, or correct the usage row'),
    );
  }
  return { byLine, issues };
}

export interface UsagePeriodRating {
  /** units used in the period */
  quantity: Decimal;
  /** included units for the period (x factor when partial) */
  included: Decimal;
  /** units charged: quantity - included, not below zero */
  billable: Decimal;
  /** rated amount before discount, unrounded */
  gross: Decimal;
  tierRating: TierRating | null;
  /** "1,250 units - 1,000 included = 250 billable; 250 x 0.10/unit" (no result) */
  expression: string;
}

/**
 * Rates one period of usage. Included Units come off first (x the period's factor when the
 * period is partial); then Flat, Package, Tiered (graduated) or Volume pricing.
 */
export function rateUsagePeriod(
  line: ContractLine,
  tiers: readonly PriceTier[],
  quantity: Decimal,
  factor: Fraction,
  partial: boolean,
): UsagePeriodRating {
  let included = line.includedUnits ?? ZERO;
  if (partial && !included.isZero()) included = included.times(fractionToDecimal(factor));
  let billable = quantity.minus(included);
  if (billable.isNegative()) billable = ZERO;
  const currency = line.currency;
  const head = usageQuantityText(quantity, line.includedUnits, factor, partial, billable);
  let gross: Decimal;
  let tierRating: TierRating | null = null;
  let pricing: string;
  switch (line.pricingModel) {
    case 'Tiered':
    case 'Volume':
      tierRating = rateThroughTiers(tiers, billable, line.pricingModel);
      gross = tierRating.amount;
      pricing = tieredUsageText(line.pricingModel, line.tierTable, tierChargesText(tierRating, currency));
      break;
    case 'Package': {
      tierRating = rateThroughTiers([], billable, 'Package', line.packageSize, line.unitPrice);
      gross = tierRating.amount;
      const size = line.packageSize ? formatQuantity(line.packageSize) : '?';
      pricing = packageUsageText(formatQuantity(atMostSixDecimals(billable)), size, formatQuantity(tierRating.packages ?? ZERO), formatPrice(line.unitPrice ?? ZERO, currency));
      break;
    }
    default: {
      const price = line.unitPrice ?? ZERO;
      gross = billable.times(price);
      pricing = flatUsageText(formatQuantity(atMostSixDecimals(billable)), formatPrice(price, currency));
    }
  }
  return { quantity, included, billable, gross, tierRating, expression: usageExpression(head, pricing) };
}

// The pricing half of a usage period's Calculation, from formatted parts (wholeUnitRating writes
// the same words from whole numbers).

export function tieredUsageText(model: PricingModel, tierTable: string | null, charges: string): string {
  return `${MODEL_WORDS[model] ?? model.toLowerCase()} tier table ${tierTable ?? ''}: ${charges}`;
}

/** the pricing model in a Calculation, written once rather than lower-cased on every period */
const MODEL_WORDS: Record<PricingModel, string> = { Flat: 'flat', Tiered: 'tiered', Volume: 'volume', Package: 'package' };

export function packageUsageText(billable: string, size: string, packages: string, price: string): string {
  return `ceil(${billable}/${size}) = ${packages} packages x ${price}/package`;
}

export function flatUsageText(billable: string, price: string): string {
  return `${billable} x ${price}/unit`;
}

export function usageExpression(units: string, pricing: string): string {
  return `${units}; ${pricing}`;
}

/** Units by usage date (same-day rows added), so revenue can follow usage. */
export function unitsByDate(records: readonly UsageRecord[]): { date: CalendarDate; quantity: Decimal }[] {
  return unitsByDateIn(records, 0, records.length);
}

/** unitsByDate of records[from..to), without copying them out. */
export function unitsByDateIn(records: readonly UsageRecord[], from: number, to: number): { date: CalendarDate; quantity: Decimal }[] {
  const out: { date: CalendarDate; quantity: Decimal }[] = [];
  // A reading alone on its date is its own entry (read only, never changed): most dates have
  // one reading, and a 200k-row Usage sheet then makes no second object per reading.
  let merged: { date: CalendarDate; quantity: Decimal } | null = null;
  for (let i = from; i < to; i++) {
    const r = records[i];
    const last = out.length > 0 ? out[out.length - 1] : null;
    if (last === null || last.date !== r.date) {
      out.push(r);
      merged = null;
    } else if (merged === null) {
      merged = { date: r.date, quantity: last.quantity.plus(r.quantity) };
      out[out.length - 1] = merged;
    } else {
      merged.quantity = merged.quantity.plus(r.quantity);
    }
  }
  return out;
}

/** decimal.js keeps digits in base-10^7 words: one word and an exponent 0..6 is a whole number below 10^7. */
export function smallWholeNumber(value: Decimal): number | null {
  const words = value.d;
  if (!words || words.length !== 1 || value.e < 0 || value.e > 6) return null;
  return value.s < 0 ? -words[0] : words[0];
}

/** The units of records[from..to) as a whole number, or null when a reading is not a whole number below 10^7. */
export function wholeUnitsUsed(records: readonly UsageRecord[], from: number, to: number): number | null {
  let whole = 0;
  for (let i = from; i < to; i++) {
    const record = records[i];
    const n = record.wholeQuantity !== undefined ? record.wholeQuantity : smallWholeNumber(record.quantity);
    if (n === null) return null;
    whole += n;
  }
  return Number.isSafeInteger(whole) ? whole : null;
}

/**
 * The units of records[from..to), added up. Whole-number readings below 10^7 (nearly all of
 * them) are added as plain numbers, which is exact far beyond any period's total and spares a
 * Decimal per reading; anything else is added as Decimal.
 */
export function usedUnits(records: readonly UsageRecord[], from: number, to: number): Decimal {
  let whole = 0;
  let rest: Decimal | null = null;
  for (let i = from; i < to; i++) {
    const q = records[i].quantity;
    const n = smallWholeNumber(q);
    if (n !== null && Math.abs(whole) < 2 ** 52 - 1e7) whole += n;
    else rest = rest === null ? q : rest.plus(q);
  }
  if (rest === null) return whole === 0 ? ZERO : new Decimal(whole);
  return whole === 0 ? ZERO.plus(rest) : rest.plus(whole);
}
