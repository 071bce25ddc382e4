import { ZERO } from '../../core/decimal';
import type { PriceTier } from '../../core/model';
import type { ContractNames } from './contracts';
import type { SheetTable } from './sheetTable';

/** The Price Tiers sheet: Tier Table, From Units, To Units (blank = no upper bound), Unit Price, Flat Fee. */
export function readPriceTiers(table: SheetTable, names: ContractNames): PriceTier[] {
  const tiers: PriceTier[] = [];
  for (const row of table.rows) {
    const tierTable = row.id('tierTable', { required: true });
    const fromUnits = row.decimal('fromUnits', { required: true });
    if (fromUnits !== null && fromUnits.isNegative()) row.error('fromUnits', 'From Units is negative', 'Type 0 or more');
    const toUnits = row.decimal('toUnits');
    if (toUnits !== null && fromUnits !== null && toUnits.lessThan(fromUnits)) {
      row.error('toUnits', `To Units ${toUnits.toString()} is below From Units ${fromUnits.toString()}`, 'Type To Units at or above From Units, or leave it blank for no upper bound');
    }
    const unitPrice = row.money('unitPrice');
    const flatFee = row.money('flatFee');
    if (row.blank('unitPrice') && row.blank('flatFee')) {
      row.error(row.table.hasColumn('unitPrice') ? 'unitPrice' : null, 'Neither Unit Price nor Flat Fee is given', 'Type the tier\'s Unit Price (0 for a flat-fee tier) and/or Flat Fee');
    }
    if (row.hasError || tierTable === null || fromUnits === null) continue;
    tiers.push({
      tierTable: names.tierTables.get(tierTable),
      fromUnits,
      toUnits,
      unitPrice: unitPrice ?? ZERO,
      flatFee: flatFee ?? ZERO,
      source: row.source,
    });
  }
  return tiers;
}
