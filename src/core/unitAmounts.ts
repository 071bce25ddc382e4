import { Decimal, ZERO } from './decimal';
import type { Rounding } from './money';

/**
 * Money as a whole number of minor units (cents, yen, fils) in a plain JS number: exact as long
 * as every value stays a safe integer, which each function here checks. A 330k-line book adds,
 * allocates and converts far faster this way than with a Decimal per step; whenever a value is
 * not a whole number of minor units or would leave the safe range, the callers fall back to
 * Decimal arithmetic, so the result is the same money either way.
 */

const POWERS_OF_TEN: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** 10^n as an exact number (n <= 22, where every power of ten is still exact in a double). */
export function powerOfTen(n: number): number {
  return POWERS_OF_TEN[n];
}

/** Digits of one decimal.js word (0 <= word < 1e7). */
function digitCount(word: number): number {
  if (word < 1e3) return word < 10 ? 1 : word < 100 ? 2 : 3;
  return word < 1e4 ? 4 : word < 1e5 ? 5 : word < 1e6 ? 6 : 7;
}

/**
 * `value` x 10^places as a safe integer, or null when that is not a whole number (more decimals
 * than `places`) or not safe. Reads decimal.js's documented digits/exponent/sign (d, e, s) so
 * the common one- or two-word amount needs no string round trip. -0 gives 0.
 */
export function unitsOf(value: Decimal, places: number): number | null {
  const words = value.d;
  if (!words) return null; // NaN or Infinity
  if (words[0] === 0) return 0;
  if (words.length > 2) return unitsViaText(value, places);
  const coefficient = words.length === 1 ? words[0] : words[0] * 1e7 + words[1];
  const digits = digitCount(words[0]) + 7 * (words.length - 1);
  const shift = value.e - digits + 1 + places;
  let units: number;
  if (shift >= 0) {
    if (shift > 22) return null;
    units = coefficient * POWERS_OF_TEN[shift];
  } else {
    if (-shift > 22) return null;
    const divisor = POWERS_OF_TEN[-shift];
    if (coefficient % divisor !== 0) return null;
    units = coefficient / divisor;
  }
  if (!Number.isSafeInteger(units)) return null;
  return value.s < 0 ? -units : units;
}

function unitsViaText(value: Decimal, places: number): number | null {
  if (value.decimalPlaces() > places) return null;
  const units = Number(value.toFixed(places).replace('.', ''));
  return Number.isSafeInteger(units) ? (units === 0 ? 0 : units) : null;
}

/** The decimal places of a rate or quantity, and its digits as a safe integer (null when too long). */
export function scaledOf(value: Decimal): { units: number; places: number } | null {
  const places = value.decimalPlaces();
  if (places > 22) return null;
  const units = unitsOf(value, places);
  return units === null ? null : { units, places };
}

/** places -> units -> Decimal */
const cache: Map<number, Decimal>[] = [];
const CACHE_LIMIT = 200_000;

/**
 * A whole number of minor units as a Decimal; zero is always the shared ZERO (never -0). Books
 * repeat the same installment, tax and month amounts many times, so values are memoised.
 */
export function decimalOfUnits(units: number, places: number): Decimal {
  if (units === 0) return ZERO;
  let byUnits = cache[places];
  if (byUnits === undefined) {
    byUnits = new Map();
    cache[places] = byUnits;
  }
  let found = byUnits.get(units);
  if (found === undefined) {
    if (byUnits.size >= CACHE_LIMIT) byUnits.clear();
    found = places === 0 ? new Decimal(units) : new Decimal(`${units}e-${places}`);
    byUnits.set(units, found);
  }
  return found;
}

/** True when floorDivide(numerator, denominator) stays exact: |numerator| + denominator is safe. */
export function canDivide(numerator: number, denominator: number): boolean {
  return Number.isSafeInteger(numerator) && denominator > 0 && Number.isSafeInteger(Math.abs(numerator) + denominator);
}

/**
 * Floor quotient and non-negative remainder of two integers (see canDivide): the float
 * quotient is only a first guess, corrected by the exact integer remainder.
 */
export function floorDivide(numerator: number, denominator: number): [number, number] {
  let quotient = Math.floor(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  while (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  }
  while (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  return [quotient, remainder];
}

/**
 * numerator / denominator (canDivide must hold) rounded to a whole number by
 * the Rounding setting: Half Up away from zero (decimal.js ROUND_HALF_UP, Excel ROUND), or
 * Half Even. Floor division corrected by its remainder, so float division never decides it.
 */
export function roundUnitsRatio(numerator: number, denominator: number, rounding: Rounding): number {
  const [quotient, remainder] = floorDivide(numerator, denominator);
  const twice = 2 * remainder;
  let result: number;
  if (twice > denominator) result = quotient + 1;
  else if (twice < denominator) result = quotient;
  else if (rounding === 'Half Even') result = quotient % 2 === 0 ? quotient : quotient + 1;
  else result = numerator >= 0 ? quotient + 1 : quotient;
  return result === 0 ? 0 : result; // no -0
}

/**
 * units/10^fromPlaces x rate, issued in `toPlaces` minor units (rate given as rateUnits/10^ratePlaces),
 * or null when an intermediate would leave the safe-integer range.
 */
export function multiplyUnits(
  units: number,
  fromPlaces: number,
  rateUnits: number,
  ratePlaces: number,
  toPlaces: number,
  rounding: Rounding,
): number | null {
  const product = units * rateUnits;
  if (!Number.isSafeInteger(product)) return null;
  const shift = toPlaces - fromPlaces - ratePlaces;
  if (shift >= 0) {
    if (shift > 15) return null;
    const scaled = product * POWERS_OF_TEN[shift];
    return Number.isSafeInteger(scaled) ? (scaled === 0 ? 0 : scaled) : null;
  }
  if (-shift > 15 || !canDivide(product, POWERS_OF_TEN[-shift])) return null;
  return roundUnitsRatio(product, POWERS_OF_TEN[-shift], rounding);
}

/** a + b when the sum is still a safe integer, else null. */
export function addUnits(a: number, b: number): number | null {
  const total = a + b;
  return Number.isSafeInteger(total) ? total : null;
}

/**
 * A running total of Decimals, kept in whole minor units while every addend is one and the
 * total stays safe; from the first addend that is not, it continues as a Decimal sum from the
 * exact total so far. Either way the same value as ZERO.plus(a).plus(b)..., zero as +0.
 */
export class MoneySum {
  private units = 0;
  private decimal: Decimal | null = null;
  constructor(private readonly places: number) {}

  add(value: Decimal): void {
    if (this.decimal === null) {
      const units = unitsOf(value, this.places);
      if (units !== null) {
        const total = this.units + units;
        if (Number.isSafeInteger(total)) {
          this.units = total;
          return;
        }
      }
      this.decimal = decimalOfUnits(this.units, this.places);
    }
    this.decimal = this.decimal.plus(value);
  }

  value(): Decimal {
    return this.decimal ?? decimalOfUnits(this.units, this.places);
  }
}
