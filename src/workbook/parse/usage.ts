import type { UsageRecord } from '../../core/model';
import { smallWholeNumber } from '../../core/usageRating';
import type { ContractNames } from './contracts';
import type { SheetTable } from './sheetTable';

/** The Usage sheet: Contract ID, Usage Metric, Date, Quantity (all required). */
export function readUsage(table: SheetTable, names: ContractNames): UsageRecord[] {
  const usage: UsageRecord[] = [];
  for (const row of table.rows) {
    const contractId = row.id('contractId', { required: true });
    const usageMetric = row.id('usageMetric', { required: true });
    const date = row.date('date', { required: true });
    const quantity = row.decimal('quantity', { required: true });
    if (row.hasError || contractId === null || usageMetric === null || date === null || quantity === null) continue;
    usage.push({
      contractId: names.contractIds.get(contractId),
      usageMetric: names.usageMetrics.get(usageMetric),
      date,
      quantity,
      wholeQuantity: smallWholeNumber(quantity),
      source: row.source,
    });
  }
  return usage;
}
