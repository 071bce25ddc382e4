import type { TaxRate } from '../../core/model';
import type { ContractNames } from './contracts';
import type { SheetTable } from './sheetTable';

/** The Tax Rates sheet: Jurisdiction, Rate %, Tax Name, Effective From (blank = always). */
export function readTaxRates(table: SheetTable, names: ContractNames): TaxRate[] {
  const rates: TaxRate[] = [];
  for (const row of table.rows) {
    const jurisdiction = row.id('jurisdiction', { required: true });
    const rate = row.percent('rate', { required: true });
    if (rate !== null && rate.isNegative()) row.error('rate', 'Rate % is negative', 'Type the tax rate, e.g. 8.25 or 8.25%');
    const taxName = row.text('taxName');
    const effectiveFrom = row.date('effectiveFrom');
    if (row.hasError || jurisdiction === null || rate === null) continue;
    rates.push({
      jurisdiction: names.jurisdictions.get(jurisdiction),
      rate,
      taxName: taxName ?? 'Tax',
      effectiveFrom,
      source: row.source,
    });
  }
  return rates;
}
