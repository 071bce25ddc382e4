import DecimalJs from 'decimal.js';

/**
 * The one Decimal every money computation uses. A private clone, so nothing else in the
 * process (exceljs, a test) can change its precision or rounding under us. 34 significant
 * digits (IEEE decimal128) keep unrounded factors like 17/31 exact far beyond the minor unit.
 */
export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
