import type { Amendment, AmendmentType, ProrationMethod, Settings } from '../../core/model';
import type { ContractNames } from './contracts';
import type { SheetTable } from './sheetTable';

/**
 * The Amendments sheet. IDs take their Contracts spelling; a blank Amendment ID becomes the
 * address of the row's first cell (Amendments!A5), so every Source names something real.
 */
export function readAmendments(table: SheetTable, names: ContractNames, settings: Settings): Amendment[] {
  const amendments: Amendment[] = [];
  for (const row of table.rows) {
    const typedId = row.id('contractId', { required: true });
    const contractId = typedId === null ? null : names.contractIds.get(typedId);
    const type = row.enumeration<AmendmentType>('type', { required: true });
    const typedProduct = row.text('product');
    const product = typedProduct === null || contractId === null ? typedProduct : names.products.get(contractId, typedProduct);
    if (typedProduct === null && type !== null && type !== 'Cancel') {
      if (row.table.hasColumn('product')) row.error('product', `A ${type} amendment needs the Product it changes`, 'Type the Product as on the Contracts sheet');
      else row.note(row.table.missingColumn('product'));
    }
    const effectiveDate = row.date('effectiveDate', { required: true });
    const newQuantity = row.decimal('newQuantity');
    if (newQuantity !== null && newQuantity.isNegative()) row.error('newQuantity', 'New Quantity is negative', 'Type a quantity of 0 or more');
    const newUnitPrice = row.money('newUnitPrice');
    if (type === 'Add Product' && row.blank('newUnitPrice')) {
      row.error('newUnitPrice', 'An Add Product amendment needs a New Unit Price', 'Type the new product\'s unit price');
    }
    const proration = row.enumeration<ProrationMethod>('proration') ?? settings.prorationMethod;
    const bookedDate = row.date('bookedDate');
    const amendmentId = row.id('amendmentId') ?? row.firstCell;
    const note = row.text('note');
    if (row.hasError || contractId === null || type === null || effectiveDate === null) continue;
    amendments.push({
      amendmentId,
      contractId,
      product,
      effectiveDate,
      type,
      newQuantity,
      newUnitPrice,
      proration,
      bookedDate: bookedDate ?? effectiveDate,
      note,
      source: row.source,
    });
  }
  return amendments;
}
