import { Decimal, ZERO } from './decimal';
import type { ContractLine, PriceTier } from './model';
import { Fraction, fraction } from './periods';
import { matchKey } from './matchKey';

/**
 * What a line costs per Price Basis, and per billing period (billing.md, Amounts and rounding;
 * Usage rating for the tier rules, shared by usage and non-usage lines).
 */

export type TierModel = 'Tiered' | 'Volume' | 'Package';

/** One step of a tier calculation, for the Calculation column. */
export interface TierCharge {
  units: Decimal;
  unitPrice: Decimal;
  flatFee: Decimal;
}

export interface TierRating {
  amount: Decimal;
  charges: TierCharge[];
  /** units above the last tier's To Units, priced at the last tier (the table has a gap) */
  beyondLastTier: boolean;
  /** Package: packages billed */
  packages: Decimal | null;
}

/** The rows of one tier table, in up_to order (blank To Units last). */
export function tiersFor(tierTable: string | null, priceTiers: readonly PriceTier[]): PriceTier[] {
  if (tierTable === null) return [];
  const key = matchKey(tierTable);
  return sortTiers(priceTiers.filter((t) => matchKey(t.tierTable) === key));
}

export function sortTiers(tiers: readonly PriceTier[]): PriceTier[] {
  return [...tiers].sort((a, b) => {
    if (a.toUnits === null || b.toUnits === null) {
      if (a.toUnits === b.toUnits) return a.fromUnits.comparedTo(b.fromUnits);
      return a.toUnits === null ? 1 : -1;
    }
    return a.toUnits.comparedTo(b.toUnits) || a.fromUnits.comparedTo(b.fromUnits);
  });
}

/**
 * Prices `quantity` through a tier table as Stripe's `up_to`: a tier covers the units above the
 * previous tier's To Units up to and including its own; its Flat Fee is charged once the
 * quantity reaches into it (quantity > 0 for the first tier). `tiers` must be in up_to order
 * (tiersFor). Package ignores the table: ceil(quantity / size) x Unit Price.
 */
export function rateThroughTiers(
  tiers: readonly PriceTier[],
  quantity: Decimal,
  model: TierModel,
  packageSize?: Decimal | null,
  unitPrice?: Decimal | null,
): TierRating {
  if (model === 'Package') {
    const price = unitPrice ?? ZERO;
    if (!packageSize || packageSize.lte(0) || quantity.lte(0)) {
      return { amount: ZERO, charges: [], beyondLastTier: false, packages: ZERO };
    }
    const packages = quantity.dividedBy(packageSize).ceil();
    return { amount: packages.times(price), charges: [], beyondLastTier: false, packages };
  }
  const charges: TierCharge[] = [];
  if (quantity.lte(0) || tiers.length === 0) return { amount: ZERO, charges, beyondLastTier: false, packages: null };

  if (model === 'Volume') {
    let chosen = tiers[tiers.length - 1];
    let beyond = true;
    for (const tier of tiers) {
      if (tier.toUnits === null || quantity.lte(tier.toUnits)) {
        chosen = tier;
        beyond = false;
        break;
      }
    }
    charges.push({ units: quantity, unitPrice: chosen.unitPrice, flatFee: chosen.flatFee });
    return { amount: quantity.times(chosen.unitPrice).plus(chosen.flatFee), charges, beyondLastTier: beyond, packages: null };
  }

  const ladder = ladderOf(tiers);
  if (ladder !== null) {
    // the tiers below the one holding the quantity are whole: their charges and running amount
    // are the same for every quantity, so they come from the ladder and only the top tier is priced
    let k = 0;
    while (k < tiers.length - 1 && tiers[k].toUnits !== null && quantity.gt(tiers[k].toUnits as Decimal)) k++;
    const tier = tiers[k];
    const previous = k === 0 ? ZERO : tiers[k - 1].toUnits as Decimal;
    const beyond = k === tiers.length - 1 && tier.toUnits !== null && quantity.gt(tier.toUnits);
    const upTo = beyond || tier.toUnits === null || quantity.lte(tier.toUnits) ? quantity : tier.toUnits;
    const units = upTo.minus(previous);
    const below = ladderStep(ladder, tiers, k);
    const charges = below.charges.slice();
    charges.push({ units, unitPrice: tier.unitPrice, flatFee: tier.flatFee });
    return { amount: below.amount.plus(units.times(tier.unitPrice)).plus(tier.flatFee), charges, beyondLastTier: beyond, packages: null };
  }

  let amount = ZERO;
  let previous = ZERO;
  let beyond = false;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i];
    if (!quantity.gt(previous)) break;
    const last = i === tiers.length - 1;
    let upTo = tier.toUnits === null || quantity.lte(tier.toUnits) ? quantity : tier.toUnits;
    if (last && tier.toUnits !== null && quantity.gt(tier.toUnits)) {
      // a table that stops short: the excess is priced at the last tier rather than dropped
      upTo = quantity;
      beyond = true;
    }
    const units = upTo.minus(previous);
    charges.push({ units, unitPrice: tier.unitPrice, flatFee: tier.flatFee });
    amount = amount.plus(units.times(tier.unitPrice)).plus(tier.flatFee);
    if (tier.toUnits === null) break;
    previous = tier.toUnits;
  }
  return { amount, charges, beyondLastTier: beyond, packages: null };
}

/** Graduated pricing of one tier table, tier by tier: what the whole tiers below tier k charge. */
interface TierLadder {
  /** the table as it was when the ladder was built (a changed table gets a new ladder) */
  tiers: PriceTier[];
  toUnits: (Decimal | null)[];
  unitPrices: Decimal[];
  flatFees: Decimal[];
  /** steps[k]: tiers 0..k-1 taken whole, as the tier loop adds them up */
  steps: { amount: Decimal; charges: TierCharge[] }[];
}

const ladders = new WeakMap<readonly PriceTier[], TierLadder>();

function ladderOf(tiers: readonly PriceTier[]): TierLadder | null {
  let ladder = ladders.get(tiers);
  if (ladder !== undefined && ladder.tiers.length === tiers.length) {
    let same = true;
    for (let i = 0; i < tiers.length && same; i++) {
      const t = tiers[i];
      same = t === ladder.tiers[i] && t.toUnits === ladder.toUnits[i] && t.unitPrice === ladder.unitPrices[i] && t.flatFee === ladder.flatFees[i];
    }
    if (same) return ladder;
  }
  // tiers must be in up_to order for the loop's meaning; only build for such a table
  for (let i = 1; i < tiers.length; i++) {
    const a = tiers[i - 1].toUnits;
    const b = tiers[i].toUnits;
    if (a === null || (b !== null && b.lt(a))) return null;
  }
  ladder = {
    tiers: tiers.slice(),
    toUnits: tiers.map((t) => t.toUnits),
    unitPrices: tiers.map((t) => t.unitPrice),
    flatFees: tiers.map((t) => t.flatFee),
    steps: [{ amount: ZERO, charges: [] }],
  };
  ladders.set(tiers, ladder);
  return ladder;
}

function ladderStep(ladder: TierLadder, tiers: readonly PriceTier[], k: number): { amount: Decimal; charges: TierCharge[] } {
  for (let i = ladder.steps.length; i <= k; i++) {
    const below = ladder.steps[i - 1];
    const tier = tiers[i - 1];
    const previous = i - 1 === 0 ? ZERO : tiers[i - 2].toUnits as Decimal;
    const units = (tier.toUnits as Decimal).minus(previous);
    ladder.steps.push({
      amount: below.amount.plus(units.times(tier.unitPrice)).plus(tier.flatFee),
      charges: [...below.charges, { units, unitPrice: tier.unitPrice, flatFee: tier.flatFee }],
    });
  }
  return ladder.steps[k];
}

export function priceThroughTiers(
  tiers: PriceTier[],
  quantity: Decimal,
  model: TierModel,
  packageSize?: Decimal | null,
  unitPrice?: Decimal | null,
): Decimal {
  return rateThroughTiers(sortTiers(tiers), quantity, model, packageSize, unitPrice).amount;
}

/**
 * The price of the line's whole quantity for one Price Basis unit (a month, a year, the term,
 * or one billing period when the basis is blank), before discount. Null when the line has no
 * price of its own (Flat or Package without a Unit Price: a Total Contract Value line).
 */
export function pricePerBasis(
  line: ContractLine,
  quantity: Decimal,
  unitPrice: Decimal | null,
  tiers: readonly PriceTier[] = [],
): Decimal | null {
  switch (line.pricingModel) {
    case 'Tiered':
    case 'Volume':
      return tiers.length === 0 ? null : rateThroughTiers(tiers, quantity, line.pricingModel).amount;
    case 'Package':
      return unitPrice === null ? null : rateThroughTiers([], quantity, 'Package', line.packageSize, unitPrice).amount;
    default:
      return unitPrice === null ? null : unitPrice.times(quantity);
  }
}

/**
 * Months in the line's Price Basis: Month 1, Year 12, Term = the term's months; blank = one
 * billing period (for Upfront that is the term).
 */
export function basisMonths(line: ContractLine, periodMonths: number, termMonths: Fraction): Fraction {
  switch (line.priceBasis) {
    case 'Month':
      return { numerator: 1, denominator: 1 };
    case 'Year':
      return { numerator: 12, denominator: 1 };
    case 'Term':
      return termMonths;
    default:
      return line.billingFrequency === 'Upfront' ? termMonths : fraction(periodMonths, 1);
  }
}

function toFraction(months: number | Decimal | Fraction): Fraction {
  if (typeof months === 'number') {
    if (Number.isInteger(months)) return { numerator: months, denominator: 1 };
    return decimalToFraction(new Decimal(months));
  }
  if (months instanceof Decimal) return decimalToFraction(months);
  return months;
}

function decimalToFraction(d: Decimal): Fraction {
  const [n, den] = d.toFraction(1e9);
  return fraction(n.toNumber(), den.toNumber());
}

/**
 * Gross amount of one FULL period of `periodMonths` months, unrounded: price per basis x
 * (period months / basis months). Multiply by a partial period's factor, then by (1 - Discount %).
 * `termMonths` is the line's term (sumMonths of its contracted periods), used by the Term basis and by Upfront.
 */
export function fullPeriodAmount(
  line: ContractLine,
  quantity: Decimal,
  unitPrice: Decimal,
  periodMonths: number,
  termMonths: number | Decimal | Fraction,
  tiers: readonly PriceTier[] = [],
): Decimal {
  const perBasis = pricePerBasis(line, quantity, unitPrice, tiers) ?? ZERO;
  const basis = basisMonths(line, periodMonths, toFraction(termMonths));
  if (basis.numerator === 0) return ZERO;
  const numerator = periodMonths * basis.denominator;
  const denominator = basis.numerator;
  if (numerator === denominator) return perBasis;
  const ratio = fraction(numerator, denominator);
  const scaled = ratio.numerator === 1 ? perBasis : perBasis.times(ratio.numerator);
  return ratio.denominator === 1 ? scaled : scaled.dividedBy(ratio.denominator);
}
