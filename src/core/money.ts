import { Decimal } from './decimal';

export type Rounding = 'Half Up' | 'Half Even';

/** ISO 4217 minor units of the currencies a billing book is likely to hold; others are unknown. */
const MINOR_UNITS: Record<string, number> = {
  AED: 2, ARS: 2, AUD: 2, BGN: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2, COP: 2, CZK: 2,
  DKK: 2, EGP: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, IQD: 3, ISK: 0, JOD: 3,
  JPY: 0, KES: 2, KRW: 0, KWD: 3, LYD: 3, MAD: 2, MXN: 2, MYR: 2, NGN: 2, NOK: 2, NZD: 2, OMR: 3,
  PEN: 2, PHP: 2, PKR: 2, PLN: 2, QAR: 2, RON: 2, RSD: 2, RUB: 2, SAR: 2, SEK: 2, SGD: 2, THB: 2,
  TND: 3, TRY: 2, TWD: 2, UAH: 2, UGX: 0, USD: 2, UYU: 2, VND: 0, XAF: 0, XOF: 0, ZAR: 2,
};

export function isKnownCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(MINOR_UNITS, code);
}

/** Minor units of an ISO 4217 code; 2 for a code we do not know (the parser reports those). */
export function minorUnits(code: string): number {
  return MINOR_UNITS[code] ?? 2;
}

export function knownCurrencies(): string[] {
  return Object.keys(MINOR_UNITS);
}

function decimalMode(rounding: Rounding): 4 | 6 {
  return rounding === 'Half Even' ? 6 : 4; // decimal.js ROUND_HALF_EVEN / ROUND_HALF_UP
}

/** Round to `places` decimals by the book's Rounding setting (Half Up = away from zero, as Excel ROUND). */
export function roundTo(value: Decimal, places: number, rounding: Rounding): Decimal {
  // already at most `places` decimals (most sums of issued amounts): Decimals never change, so
  // the value itself is its rounding
  if (value.isFinite() && value.decimalPlaces() <= places) return value;
  return value.toDecimalPlaces(places, decimalMode(rounding));
}

/** Round an amount to its currency's minor unit: the one place an amount is issued. */
export function roundMoney(value: Decimal, currency: string, rounding: Rounding): Decimal {
  return roundTo(value, minorUnits(currency), rounding);
}

/** Half of one minor unit: the tolerance for "agrees to the cent". */
export function halfMinorUnit(currency: string): Decimal {
  return new Decimal(5).times(new Decimal(10).pow(-(minorUnits(currency) + 1)));
}

/** 12,345.67 style, with the currency's minor units (for Calculation text); -0.004 is "0.00", never "-0.00". */
export function formatAmount(value: Decimal, currency: string): string {
  if (!value.isFinite()) return value.toString();
  const text = fixedText(value, minorUnits(currency));
  return group(text.charCodeAt(0) === 45 && /^-0(\.0*)?$/.test(text) ? text.slice(1) : text);
}

/** "1234567.5" -> "1,234,567.5"; a plain loop, as this runs for every distinct installment. */
export function group(fixed: string): string {
  const negative = fixed.charCodeAt(0) === 45; // '-'
  const begin = negative ? 1 : 0;
  let point = fixed.indexOf('.');
  if (point < 0) point = fixed.length;
  if (point - begin <= 3) return fixed;
  let out = negative ? '-' : '';
  const head = (point - begin) % 3 || 3;
  out += fixed.slice(begin, begin + head);
  for (let i = begin + head; i < point; i += 3) out += ',' + fixed.slice(i, i + 3);
  return out + fixed.slice(point);
}

/**
 * value.toFixed(places), faster for the usual case of a value with no more decimals than that:
 * decimal.js's toString is several times cheaper than its toFixed, and only zeros are missing.
 */
export function fixedText(value: Decimal, places: number): string {
  const dp = value.decimalPlaces();
  if (dp > places) return value.toFixed(places);
  const text = value.toString();
  if (text.indexOf('e') >= 0) return value.toFixed(places);
  if (dp === places) return text;
  return (dp === 0 ? text + '.' : text) + '0'.repeat(places - dp);
}
