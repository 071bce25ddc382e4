import type { Decimal } from './decimal';
import { fixedText, formatAmount, group, minorUnits } from './money';
import type { ContractLine } from './model';
import type { Fraction } from './periods';
import type { TierRating } from './pricing';

/**
 * The Calculation column: the arithmetic of a schedule line in words and numbers, so a person
 * can redo it by hand, e.g. "12,000.00/yr x 1 x 1/12 x 17/31 = 548.39". Every part names what
 * it multiplies by; the Price Basis is always named.
 */

/**
 * The text in one piece. Built by concatenation, a Calculation is a tree of a dozen or more
 * fragments (about 1 KB for 120 characters); each usage period keeps its own, so a usage book
 * would hold and copy those trees through every garbage collection. Converting the text to a
 * number makes V8 copy it into one flat string and let the fragments go.
 */
export function flatText(text: string): string {
  flattened ^= Number(text) | 0;
  return text;
}

/** written so the conversion in flatText is not optimised away */
let flattened = 0;

/** 1,500 or 2.5: as many decimals as the quantity has. */
export function formatQuantity(quantity: Decimal): string {
  const whole = wholeNumberBelow1e14(quantity);
  return whole === null ? group(fixedText(quantity, quantity.decimalPlaces())) : wholeQuantityText(whole);
}

/**
 * decimal.js keeps digits in base-10^7 words: a whole number below 10^14 (any usage reading or
 * quantity) is one or two words, read here as an exact double rather than through toString.
 */
function wholeNumberBelow1e14(value: Decimal): number | null {
  const words = value.d;
  if (!words) return null;
  const exponent = value.e;
  let n: number;
  if (words.length === 1 && exponent >= 0 && exponent < 7) n = words[0];
  else if (words.length === 2 && exponent >= 7 && exponent < 14) n = words[0] * 1e7 + words[1];
  else return null;
  return value.s < 0 ? -n : n;
}

/** A price keeps its own decimals when it has more than the currency's (0.125/mo stays 0.125). */
export function formatPrice(value: Decimal, currency: string): string {
  return group(fixedText(value, Math.max(minorUnits(currency), value.decimalPlaces())));
}

/** 0.1 -> "10%", 0.125 -> "12.5%". */
export function formatPercent(fraction: Decimal): string {
  return `${fraction.times(100).toFixed()}%`;
}

export function formatFraction(f: Fraction): string {
  return f.denominator === 1 ? String(f.numerator) : `${f.numerator}/${f.denominator}`;
}

/** 12, or 11.548387 for a term that is not whole months. */
export function formatMonths(f: Fraction): string {
  if (f.denominator === 1) return String(f.numerator);
  return String(Number((f.numerator / f.denominator).toFixed(6)));
}

const CADENCE_WORD: Record<string, string> = {
  Monthly: 'mo', Quarterly: 'qtr', Semiannual: 'half-yr', Annual: 'yr', Upfront: 'term', Usage: 'mo', Milestone: 'milestone',
};

/** The Price Basis as written after a price: /mo, /yr, /term, or the billing period when blank. */
export function basisWord(line: ContractLine): string {
  switch (line.priceBasis) {
    case 'Month':
      return 'mo';
    case 'Year':
      return 'yr';
    case 'Term':
      return 'term';
    default:
      return CADENCE_WORD[line.billingFrequency] ?? 'period';
  }
}

/** " x 3/12", " x 3 mo", or "" when the period is exactly one basis unit. */
export function monthsText(line: ContractLine, periodMonths: number, basis: Fraction): string {
  if (line.priceBasis === null) return '';
  if (line.priceBasis === 'Month') return periodMonths === 1 ? '' : ` x ${periodMonths} mo`;
  return ` x ${periodMonths}/${formatMonths(basis)}`;
}

/** " x 17/31" (Daily) or " x 16/30 (30/360)"; "" for a full period. */
export function factorText(factor: Fraction, partial: boolean, method: 'Daily' | '30/360'): string {
  if (!partial) return '';
  return ` x ${formatFraction(factor)}${method === '30/360' ? ' (30/360)' : ''}`;
}

/** " x (1 - 10%)"; "" without a discount. */
export function discountText(discountPct: Decimal): string {
  return discountPct.isZero() ? '' : ` x (1 - ${formatPercent(discountPct)})`;
}

/** "12,000.00/yr x 1" for a flat price. */
export function flatPriceText(line: ContractLine, unitPrice: Decimal, quantity: Decimal): string {
  return `${formatPrice(unitPrice, line.currency)}/${basisWord(line)} x ${formatQuantity(quantity)}`;
}

/** "tier table Gold (Tiered): 100 x 10.00 + 50 x 8.00 + 25.00 flat = 1,425.00/yr". */
export function tierPriceText(line: ContractLine, rating: TierRating, quantity: Decimal): string {
  const currency = line.currency;
  if (line.pricingModel === 'Package') {
    const size = line.packageSize ? formatQuantity(line.packageSize) : '?';
    const price = line.unitPrice ? formatPrice(line.unitPrice, currency) : '?';
    return `ceil(${formatQuantity(quantity)}/${size}) = ${formatQuantity(rating.packages ?? quantity)} packages x ${price}/${basisWord(line)}`;
  }
  return `tier table ${line.tierTable ?? ''} (${line.pricingModel}): ${formatQuantity(quantity)} units = ${tierChargesText(rating, currency)} = ${formatPrice(rating.amount, currency)}/${basisWord(line)}`;
}

/**
 * A tier's price and flat fee are the same Decimals in every rating of its table: their text is
 * kept (per currency) rather than formatted again for each usage period.
 */
const tierPriceTexts = new WeakMap<Decimal, { currency: string; text: string }>();

function rememberedPriceText(value: Decimal, currency: string): string {
  const known = tierPriceTexts.get(value);
  if (known !== undefined && known.currency === currency) return known.text;
  const text = formatPrice(value, currency);
  tierPriceTexts.set(value, { currency, text });
  return text;
}

/** Billable units are shown to 6 decimals at most (a partial period's included units can run on). */
export function atMostSixDecimals(units: Decimal): Decimal {
  return units.decimalPlaces() <= 6 ? units : units.toDecimalPlaces(6);
}

/** A line's Included Units read the same in each of its periods: formatted once per Decimal. */
const quantityTexts = new WeakMap<Decimal, string>();

function rememberedQuantityText(value: Decimal): string {
  let text = quantityTexts.get(value);
  if (text === undefined) {
    text = formatQuantity(value);
    quantityTexts.set(value, text);
  }
  return text;
}

/** "100 x 10.00 + 50 x 8.00 + 25.00 flat" */
export function tierChargesText(rating: TierRating, currency: string): string {
  if (rating.charges.length === 0) return '0';
  let text = '';
  for (let i = 0; i < rating.charges.length; i++) {
    const c = rating.charges[i];
    text += tierChargeText(i === 0, formatQuantity(c.units), rememberedPriceText(c.unitPrice, currency),
      c.flatFee.isZero() ? null : rememberedPriceText(c.flatFee, currency));
  }
  return beyondLastTierText(text, rating.beyondLastTier);
}

/** One tier's part of tierChargesText, from its formatted units, price and flat fee (null: none). */
export function tierChargeText(first: boolean, units: string, price: string, flatFee: string | null): string {
  const charge = `${first ? '' : ' + '}${units} x ${price}`;
  return flatFee === null ? charge : `${charge} + ${flatFee} flat`;
}

export function beyondLastTierText(charges: string, beyond: boolean): string {
  return beyond ? `${charges} (units beyond the last tier at its price)` : charges;
}

/** A whole number of units as formatQuantity writes it ("12,500"). */
export function wholeQuantityText(units: number): string {
  // usage readings run into the thousands on every line: group them without cutting up text
  if (Number.isInteger(units) && units >= 1000 && units < 1e9) {
    const thousands = Math.floor(units / 1000);
    const last = THREE_DIGITS[units % 1000];
    return thousands < 1000 ? `${thousands},${last}` : `${Math.floor(thousands / 1000)},${THREE_DIGITS[thousands % 1000]},${last}`;
  }
  return group(String(units));
}

/** "000" to "999": the groups after the first */
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** "TCV 36,000.00 x 3/36 mo": a Total Contract Value shared by months x factor. */
export function tcvText(tcv: Decimal, currency: string, periodMonths: number, termMonths: Fraction): string {
  return `TCV ${formatAmount(tcv, currency)} x ${periodMonths}/${formatMonths(termMonths)} mo`;
}

/** "<expression> = 833.33" */
export function resultText(expression: string, amount: Decimal, currency: string): string {
  return `${expression} = ${formatAmount(amount, currency)}`;
}

/** resultText of an amount in whole minor units */
export function resultTextMinor(expression: string, units: bigint | number, places: number): string {
  return `${expression} = ${formatMinorUnits(units, places)}`;
}

/** 83337 minor units with 2 places -> "833.37" (grouped), straight from whole minor units. */
export function formatMinorUnits(units: bigint | number, places: number): string {
  const negative = units < 0;
  let digits = (negative ? -units : units).toString();
  if (places > 0) {
    if (digits.length <= places) digits = '0'.repeat(places - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  }
  return group(negative ? `-${digits}` : digits);
}

/** remainderText from whole minor units: the segment's last installment before and after its remainder */
export function remainderTextMinor(expression: string, rounded: bigint, remainder: bigint, places: number): string {
  if (remainder === 0n) return resultTextMinor(expression, rounded, places);
  const sign = remainder < 0n ? '-' : '+';
  return `${expression} = ${formatMinorUnits(rounded, places)} ${sign} ${formatMinorUnits(remainder < 0n ? -remainder : remainder, places)} segment remainder = ${formatMinorUnits(rounded + remainder, places)}`;
}

/** "<expression> = 833.33 + 0.04 segment remainder = 833.37" */
export function remainderText(expression: string, rounded: Decimal, remainder: Decimal, currency: string): string {
  if (remainder.isZero()) return resultText(expression, rounded, currency);
  const sign = remainder.isNegative() ? '-' : '+';
  return `${expression} = ${formatAmount(rounded, currency)} ${sign} ${formatAmount(remainder.abs(), currency)} segment remainder = ${formatAmount(rounded.plus(remainder), currency)}`;
}

/** "1,250 units - 1,000 included x 17/31 = 701.612903 billable" */
export function usageQuantityText(quantity: Decimal, included: Decimal | null, factor: Fraction, partial: boolean, billable: Decimal): string {
  const someIncluded = included !== null && !included.isZero();
  return usageUnitsText(formatQuantity(quantity), someIncluded ? rememberedQuantityText(included) : null,
    partial ? formatFraction(factor) : null, someIncluded ? formatQuantity(atMostSixDecimals(billable)) : '');
}

/** usageQuantityText from formatted parts: no included units (null) reads as the units alone. */
export function usageUnitsText(units: string, included: string | null, factor: string | null, billable: string): string {
  if (included === null) return `${units} units`;
  return `${units} units - ${included} included${factor === null ? '' : ` x ${factor}`} = ${billable} billable`;
}

/** "minimum commit 500.00 x 17/31 = 274.19 - usage 120.00 = 154.19" */
export function trueUpText(minimum: Decimal, factor: Fraction, partial: boolean, minimumDue: Decimal, usageNet: Decimal, trueUp: Decimal, currency: string): string {
  const scaled = partial ? ` x ${formatFraction(factor)} = ${formatAmount(minimumDue, currency)}` : '';
  return `minimum commit ${formatAmount(minimum, currency)}${scaled} - usage ${formatAmount(usageNet, currency)} = ${formatAmount(trueUp, currency)}`;
}

/** 'milestone "Go-live" = 25,000.00' */
export function milestoneText(name: string, amount: Decimal, currency: string): string {
  return `milestone "${name}" = ${formatAmount(amount, currency)}`;
}
