import type { FxRate } from '../../core/model';
import type { SheetTable } from './sheetTable';

/** The FX Rates sheet: Currency, Rate (reporting currency per 1 unit), As Of. */
export function readFxRates(table: SheetTable): FxRate[] {
  const rates: FxRate[] = [];
  for (const row of table.rows) {
    const currency = row.currency('currency', { required: true });
    const rate = row.decimal('rate', { required: true });
    if (rate !== null && !rate.greaterThan(0)) row.error('rate', 'Rate must be more than 0', 'Type the units of reporting currency per 1 unit of this currency, e.g. 1.0825');
    const asOf = row.date('asOf', { required: true });
    if (row.hasError || currency === null || rate === null || asOf === null) continue;
    rates.push({ currency, rate, asOf, source: row.source });
  }
  return rates;
}
