import type { CalendarDate } from '../../core/calendarDate';
import type { Decimal } from '../../core/decimal';
import type { OutCell } from '../sheetSpec';

/**
 * Turning domain values into sheet cells. Money leaves decimal.js only here, as the number
 * Excel stores; nothing is summed after this point.
 */
export function moneyCell(value: Decimal | null): OutCell {
  return value === null ? null : decimalToNumber(value);
}

/** Exact powers of ten as literals: `10 ** k` is not guaranteed to be the nearest double. */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const WORD = 1e7; // decimal.js keeps its digits in base-10^7 words

/** decimal.js's documented read-only state of a finite Decimal: digit words, exponent, sign. */
interface DecimalDigits {
  d: number[] | null;
  e: number;
  s: number;
}

/**
 * The double nearest the Decimal, the same as value.toNumber(), without its detour through a
 * string (a million-line schedule converts ten million amounts). An amount is digits M x 10^-k;
 * when M and 10^k are both exact doubles, one IEEE division gives the correctly rounded result,
 * which is what parsing the decimal string gives. Anything else takes toNumber().
 */
export function decimalToNumber(value: Decimal): number {
  const { d, e, s } = value as unknown as DecimalDigits;
  if (!d || d.length > 3 || d[0] === 0) return value.toNumber();
  let digits = 0;
  for (let w = d[0]; w >= 1; w = Math.floor(w / 10)) digits++;
  digits += 7 * (d.length - 1);
  let m = d[0];
  for (let i = 1; i < d.length; i++) m = m * WORD + d[i];
  if (m > Number.MAX_SAFE_INTEGER) return value.toNumber();
  let exponent = e - (digits - 1);
  while (m % 10 === 0) {
    m /= 10;
    exponent++;
  }
  if (exponent >= 0) {
    if (exponent > 22) return value.toNumber();
    const n = m * POWERS_OF_TEN[exponent];
    return n > Number.MAX_SAFE_INTEGER ? value.toNumber() : s * n;
  }
  if (-exponent > 22) return value.toNumber();
  return (s * m) / POWERS_OF_TEN[-exponent];
}

export function dateCell(value: CalendarDate | null): OutCell {
  return value === null ? null : value;
}

export function textCell(value: string | null | undefined): OutCell {
  return value === null || value === undefined ? '' : value;
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}
