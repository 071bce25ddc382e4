import type { CalendarDate } from './calendarDate';
import { type Decimal, ONE, ZERO } from './decimal';
import type { FxRate } from './model';
import { minorUnits, roundMoney, type Rounding } from './money';
import { decimalOfUnits, multiplyUnits, scaledOf, unitsOf } from './unitAmounts';

function currencyKey(code: string): string {
  return code.trim().toUpperCase();
}

/** Of two rows for one currency and As Of, the lower one on the sheet wins (the usual way a rate is corrected). */
function supersedes(a: FxRate, b: FxRate): boolean {
  return a.asOf > b.asOf || (a.asOf === b.asOf && a.source.row >= b.source.row);
}

/**
 * Units of the reporting currency per 1 unit of `currency` on `date`: the latest FX Rates row
 * with As Of on or before the date (workbook.md, FX Rates). The reporting currency itself is 1.
 * Null when no rate applies yet (never 0).
 */
export function fxRateOn(
  fxRates: FxRate[],
  currency: string,
  date: CalendarDate,
  reportingCurrency: string,
): Decimal | null {
  const wanted = currencyKey(currency);
  if (wanted === currencyKey(reportingCurrency)) return ONE;
  let best: FxRate | null = null;
  for (const fx of fxRates) {
    if (currencyKey(fx.currency) !== wanted || fx.asOf > date) continue;
    if (best === null || supersedes(fx, best)) best = fx;
  }
  return best ? best.rate : null;
}

/**
 * The same lookup as fxRateOn, indexed once for a whole run: a book converts every schedule
 * line and every revenue month, and a linear scan per amount would dominate the job.
 */
export class FxTable {
  private readonly byCurrency = new Map<string, FxRate[]>();
  private readonly reporting: string;

  constructor(fxRates: FxRate[], reportingCurrency: string) {
    this.reporting = currencyKey(reportingCurrency);
    for (const fx of fxRates) {
      const key = currencyKey(fx.currency);
      const list = this.byCurrency.get(key);
      if (list) list.push(fx);
      else this.byCurrency.set(key, [fx]);
    }
    for (const list of this.byCurrency.values()) {
      list.sort((a, b) => a.asOf - b.asOf || a.source.row - b.source.row);
    }
  }

  rateOn(currency: string, date: CalendarDate): Decimal | null {
    const wanted = currencyKey(currency);
    if (wanted === this.reporting) return ONE;
    const list = this.byCurrency.get(wanted);
    if (!list) return null;
    // the last row with As Of <= date (rows sorted by As Of, then sheet row)
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].asOf <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : list[lo - 1].rate;
  }
}

/** An amount converted at `rate` and issued in the reporting currency's minor units. */
export function toReportingCurrency(
  amount: Decimal,
  rate: Decimal,
  reportingCurrency: string,
  rounding: Rounding,
): Decimal {
  const converted = roundMoney(amount.times(rate), currencyKey(reportingCurrency), rounding);
  return converted.isZero() ? ZERO : converted; // never a -0 in a cell
}

/**
 * toReportingCurrency in whole minor units, for the many amounts of a run: the same rounded
 * result whenever the amount is a whole number of its currency's minor units and the product
 * stays a safe integer; null otherwise, and the caller uses toReportingCurrency.
 */
export class UnitConversion {
  private readonly places: number;
  private readonly scaledRates = new Map<Decimal, { units: number; places: number } | null>();

  constructor(reportingCurrency: string, private readonly rounding: Rounding) {
    this.places = minorUnits(currencyKey(reportingCurrency));
  }

  convert(amount: Decimal, currency: string, rate: Decimal): Decimal | null {
    const fromPlaces = minorUnits(currency);
    const units = unitsOf(amount, fromPlaces);
    return units === null ? null : this.convertUnits(units, fromPlaces, rate, units !== 0 ? amount : undefined);
  }

  /**
   * `units` minor units of a currency with `fromPlaces` decimals, converted at `rate`; `issued`,
   * when given, is that amount as a Decimal, returned as is when the rate is 1 and the places agree.
   */
  convertUnits(units: number, fromPlaces: number, rate: Decimal, issued?: Decimal): Decimal | null {
    let scaled = this.scaledRates.get(rate);
    if (scaled === undefined) {
      scaled = scaledOf(rate);
      this.scaledRates.set(rate, scaled);
    }
    if (scaled === null) return null;
    if (issued !== undefined && scaled.units === 1 && scaled.places === 0 && fromPlaces === this.places && (units !== 0 || issued === ZERO)) {
      return issued;
    }
    const converted = multiplyUnits(units, fromPlaces, scaled.units, scaled.places, this.places, this.rounding);
    return converted === null ? null : decimalOfUnits(converted, this.places);
  }
}
