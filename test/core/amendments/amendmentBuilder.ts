import type { Amendment, AmendmentType, ProrationMethod, ProrationRow, ScheduleLine } from '../../../src/core/model';
import { minorUnits } from '../../../src/core/money';
import { d, dec, iso, sourceRow } from '../schedule/builders';

/** An Amendments sheet row: only what a test says differs from a plain one. */
export interface AmendmentSpec {
  contractId?: string;
  product?: string | null;
  effective: string;
  type?: AmendmentType;
  quantity?: string | number | null;
  price?: string | number | null;
  proration?: ProrationMethod;
  booked?: string;
  id?: string;
  row?: number;
}

const AMENDMENT_COLUMNS = {
  contractId: 'A', product: 'B', effectiveDate: 'C', type: 'D', newQuantity: 'E', newUnitPrice: 'F', proration: 'G', bookedDate: 'H', amendmentId: 'I',
};

let nextRow = 2;

export function amendment(spec: AmendmentSpec): Amendment {
  const row = spec.row ?? nextRow++;
  return {
    amendmentId: spec.id ?? `AMD-${row}`,
    contractId: spec.contractId ?? 'C-1',
    product: spec.product === undefined ? 'Platform' : spec.product,
    effectiveDate: d(spec.effective),
    type: spec.type ?? 'Upgrade',
    newQuantity: spec.quantity === null || spec.quantity === undefined ? null : dec(spec.quantity),
    newUnitPrice: spec.price === null || spec.price === undefined ? null : dec(spec.price),
    proration: spec.proration ?? 'Daily',
    bookedDate: d(spec.booked ?? spec.effective),
    note: null,
    source: sourceRow('Amendments', row, AMENDMENT_COLUMNS),
  };
}

/** Schedule lines as compact rows, with the line's product and source, for expectations. */
export function amendedRows(lines: readonly ScheduleLine[]): string[] {
  return lines.map((l) => {
    const places = minorUnits(l.contract.currency);
    return [l.contract.product, l.lineType, iso(l.periodStart), iso(l.periodEnd), iso(l.invoiceDate), l.amount.toFixed(places), l.netAmount.toFixed(places)].join(' ');
  });
}

export function prorationRows(rows: readonly ProrationRow[]): string[] {
  return rows.map((r) =>
    [r.amendmentId, r.product, iso(r.periodStart), iso(r.periodEnd), r.oldPeriodAmount.toFixed(2), r.newPeriodAmount.toFixed(2), r.daysUsed, r.daysRemaining, r.factor.toSignificantDigits(6).toString(), r.credit.toFixed(2), r.charge.toFixed(2)].join(' '),
  );
}
