import {
  beyondLastTierText, formatPrice, formatQuantity, tierChargeText, usageUnitsText, wholeQuantityText,
} from './calculationText';
import { Decimal, ONE } from './decimal';
import { minorUnits, Rounding } from './money';
import type { ContractLine, PriceTier, PricingModel } from './model';
import { flatUsageText, packageUsageText, tieredUsageText, usageExpression } from './usageRating';

/**
 * Usage periods rated in whole numbers (billing.md, Usage rating), for speed: a usage book rates
 * every period of every line, and decimal.js spends most of that time allocating. Prices, flat
 * fees and the discount are scaled, once per distinct set of usage terms in a run, to whole
 * numbers at a common power of ten; readings are whole units; so every product and sum is a
 * whole number below 2^53 and exact, and each is checked to stay there. Anything else (a fractional reading, a partial period's
 * included units, a price with more than nine decimals, a negative price) returns null, and the
 * period is rated by rateUsagePeriod in decimal.js. Both give the same amounts and the same words;
 * test/core/schedule/wholeUnitRating.test.ts holds them to it.
 */

export interface WholeUnitRating {
  /** amount before discount, rounded to the currency's minor unit, in minor units */
  grossMinor: number;
  /** amount after discount, rounded once from the unrounded amount, in minor units */
  netMinor: number;
  /** rateUsagePeriod's expression: units, included units, pricing */
  expression: string;
  /** the unrounded amount is not zero (a period rated at zero bills no line) */
  charged: boolean;
  beyondLastTier: boolean;
}

interface ScaledTier {
  toUnits: number | null;
  price: number;
  flatFee: number;
  priceText: string;
  flatFeeText: string | null;
}

const MAX_DECIMALS = 9;
const SAFE = Number.MAX_SAFE_INTEGER;

/** value x 10^scale as a whole number, or null when that is not whole or not exact as a double. */
function scaled(value: Decimal, scale: number): number | null {
  const v = value.times(new Decimal(10).pow(scale));
  return v.isInteger() && v.abs().lte(SAFE) ? v.toNumber() : null;
}

function wholeNumber(value: Decimal | null): number | null {
  if (value === null) return 0;
  return value.isInteger() && value.gte(0) && value.lte(2 ** 31) ? value.toNumber() : null;
}

function product(a: number, b: number): number {
  const p = a * b;
  // doubles round monotonically: a product above 2^53 - 1 cannot come out at or below it
  return p <= SAFE ? p : NaN;
}

/** A whole number `value` at `drop` decimals, rounded to none by the book's Rounding (value >= 0). */
function roundOff(value: number, drop: number, rounding: Rounding): number {
  if (drop === 0) return value;
  const unit = 10 ** drop;
  // fmod is exact, and so is dividing out an exact multiple: no double rounding on the way
  const rest = value % unit;
  const down = (value - rest) / unit;
  const twice = rest * 2;
  if (twice > unit || (twice === unit && (rounding === 'Half Up' || down % 2 === 1))) return down + 1;
  return down;
}

/**
 * The rater of a usage line, shared by every line of a run with the same terms (`raters` is the
 * run's cache): scaling a tier table costs more than rating a period.
 */
export function wholeUnitRaterOf(
  line: ContractLine,
  tiers: readonly PriceTier[],
  rounding: Rounding,
  raters: Map<string, WholeUnitRater | null>,
): WholeUnitRater | null {
  const terms = `${line.pricingModel}|${line.tierTable ?? ''}|${line.currency}|${line.discountPct.toString()}|${line.includedUnits?.toString() ?? ''}|`
    + `${line.unitPrice?.toString() ?? ''}|${line.packageSize?.toString() ?? ''}|${rounding}`;
  let rater = raters.get(terms);
  if (rater === undefined) {
    rater = WholeUnitRater.of(line, tiers, rounding);
    raters.set(terms, rater);
  }
  return rater;
}

export class WholeUnitRater {
  private constructor(
    private readonly model: PricingModel,
    private readonly tierTable: string | null,
    /** prices and flat fees are whole numbers at this many decimals */
    private readonly scale: number,
    private readonly tiers: ScaledTier[],
    private readonly unitPrice: number,
    private readonly unitPriceText: string,
    private readonly packageSize: number,
    private readonly included: number,
    private readonly includedText: string | null,
    /** 1 - Discount % at `keepScale` decimals */
    private readonly keep: number,
    private readonly keepScale: number,
    private readonly places: number,
    private readonly rounding: Rounding,
  ) {}

  /** no Discount %: the net is the gross */
  private get fullPrice(): boolean {
    return this.keepScale === 0 && this.keep === 1;
  }

  /** The rater of a usage line, or null when its terms need decimal.js. */
  static of(line: ContractLine, tiers: readonly PriceTier[], rounding: Rounding): WholeUnitRater | null {
    const model = line.pricingModel;
    const tiered = model === 'Tiered' || model === 'Volume';
    if (tiered && tiers.length === 0) return null;
    const prices: Decimal[] = tiered ? tiers.flatMap((t) => [t.unitPrice, t.flatFee]) : line.unitPrice === null ? [] : [line.unitPrice];
    if (!tiered && prices.length === 0) return null;
    const places = minorUnits(line.currency);
    let scale = places;
    for (const price of prices) {
      if (price.isNegative() || price.decimalPlaces() > MAX_DECIMALS) return null;
      scale = Math.max(scale, price.decimalPlaces());
    }
    const keepValue = ONE.minus(line.discountPct);
    if (keepValue.isNegative() || keepValue.gt(1) || keepValue.decimalPlaces() > MAX_DECIMALS) return null;
    const keepScale = keepValue.decimalPlaces();
    const keep = scaled(keepValue, keepScale);
    const included = wholeNumber(line.includedUnits);
    if (keep === null || included === null) return null;

    const scaledTiers: ScaledTier[] = [];
    if (tiered) {
      for (const t of tiers) {
        const toUnits = t.toUnits === null ? null : wholeNumber(t.toUnits);
        const price = scaled(t.unitPrice, scale);
        const flatFee = scaled(t.flatFee, scale);
        if ((t.toUnits !== null && toUnits === null) || price === null || flatFee === null) return null;
        scaledTiers.push({
          toUnits, price, flatFee, priceText: formatPrice(t.unitPrice, line.currency),
          flatFeeText: t.flatFee.isZero() ? null : formatPrice(t.flatFee, line.currency),
        });
      }
    }
    let unitPrice = 0;
    let packageSize = 0;
    if (!tiered) {
      const price = scaled(line.unitPrice as Decimal, scale);
      if (price === null) return null;
      unitPrice = price;
      if (model === 'Package') {
        const size = wholeNumber(line.packageSize);
        if (size === null || size <= 0) return null;
        packageSize = size;
      }
    }
    return new WholeUnitRater(
      model, line.tierTable, scale, scaledTiers, unitPrice, line.unitPrice === null ? '' : formatPrice(line.unitPrice, line.currency),
      packageSize, included, included === 0 ? null : formatQuantity(line.includedUnits as Decimal),
      keep, keepScale, places, rounding,
    );
  }

  /** One period's rating of `units` whole units, or null when decimal.js must rate it. */
  rate(units: number, partial: boolean): WholeUnitRating | null {
    if (!Number.isSafeInteger(units) || units < 0) return null;
    // a partial period's included units are prorated: rarely whole
    if (partial && this.included !== 0) return null;
    const billable = Math.max(units - this.included, 0);
    const billableText = wholeQuantityText(billable);
    let amount: number;
    let pricing: string;
    let beyond = false;
    switch (this.model) {
      case 'Tiered':
      case 'Volume': {
        const rated = this.model === 'Tiered' ? this.graduated(billable) : this.volume(billable);
        if (rated === null) return null;
        ({ amount, beyond } = rated);
        pricing = tieredUsageText(this.model, this.tierTable, rated.text);
        break;
      }
      case 'Package': {
        const packages = billable <= 0 ? 0 : Math.ceil(billable / this.packageSize);
        amount = product(packages, this.unitPrice);
        pricing = packageUsageText(billableText, wholeQuantityText(this.packageSize), wholeQuantityText(packages), this.unitPriceText);
        break;
      }
      default:
        amount = product(billable, this.unitPrice);
        pricing = flatUsageText(billableText, this.unitPriceText);
    }
    if (!Number.isFinite(amount)) return null;
    const grossMinor = roundOff(amount, this.scale - this.places, this.rounding);
    let netMinor = grossMinor;
    if (!this.fullPrice) {
      const net = product(amount, this.keep);
      if (!Number.isFinite(net)) return null;
      netMinor = roundOff(net, this.scale + this.keepScale - this.places, this.rounding);
    }
    const head = usageUnitsText(wholeQuantityText(units), this.includedText, null, billableText);
    return { grossMinor, netMinor, expression: usageExpression(head, pricing), charged: amount !== 0, beyondLastTier: beyond };
  }

  /** Graduated tiers, as rateThroughTiers: each tier prices the units within it, plus its flat fee. */
  private graduated(units: number): { amount: number; text: string; beyond: boolean } | null {
    if (units <= 0) return { amount: 0, text: '0', beyond: false };
    let amount = 0;
    let previous = 0;
    let beyond = false;
    let text = '';
    const tiers = this.tiers;
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i];
      if (units <= previous) break;
      let upTo = tier.toUnits === null || units <= tier.toUnits ? units : tier.toUnits;
      if (i === tiers.length - 1 && tier.toUnits !== null && units > tier.toUnits) {
        upTo = units;
        beyond = true;
      }
      const within = upTo - previous;
      amount += product(within, tier.price) + tier.flatFee;
      if (!(amount <= SAFE)) return null;
      text += tierChargeText(i === 0, wholeQuantityText(within), tier.priceText, tier.flatFeeText);
      if (tier.toUnits === null) break;
      previous = tier.toUnits;
    }
    return { amount, text: beyondLastTierText(text, beyond), beyond };
  }

  /** Volume: every unit at the price of the tier the quantity falls in, plus that tier's flat fee. */
  private volume(units: number): { amount: number; text: string; beyond: boolean } | null {
    if (units <= 0) return { amount: 0, text: '0', beyond: false };
    const tiers = this.tiers;
    let chosen = tiers[tiers.length - 1];
    let beyond = true;
    for (const tier of tiers) {
      if (tier.toUnits === null || units <= tier.toUnits) {
        chosen = tier;
        beyond = false;
        break;
      }
    }
    const amount = product(units, chosen.price) + chosen.flatFee;
    if (!(amount <= SAFE)) return null;
    const text = tierChargeText(true, wholeQuantityText(units), chosen.priceText, chosen.flatFeeText);
    return { amount, text: beyondLastTierText(text, beyond), beyond };
  }
}
