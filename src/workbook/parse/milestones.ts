import type { Milestone } from '../../core/model';
import type { ContractNames } from './contracts';
import type { SheetTable } from './sheetTable';

/** The Milestones sheet: Contract ID, Product, Milestone, Date, Amount (all required). */
export function readMilestones(table: SheetTable, names: ContractNames): Milestone[] {
  const milestones: Milestone[] = [];
  for (const row of table.rows) {
    const typedId = row.id('contractId', { required: true });
    const contractId = typedId === null ? null : names.contractIds.get(typedId);
    const typedProduct = row.text('product', { required: true });
    const product = typedProduct === null || contractId === null ? typedProduct : names.products.get(contractId, typedProduct);
    const milestone = row.text('milestone', { required: true });
    const date = row.date('date', { required: true });
    const amount = row.money('amount', { required: true });
    if (row.hasError || contractId === null || product === null || milestone === null || date === null || amount === null) continue;
    milestones.push({ contractId, product, milestone, date, amount, source: row.source });
  }
  return milestones;
}
