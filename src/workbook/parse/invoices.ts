import type { Settings } from '../../core/model';
import type { ActualInvoice, InvoiceStatus } from '../../reconcile/model';
import type { InputGrid } from '../grid';
import { headerKey } from '../headerMatch';
import { inputSheet, InputColumn } from '../inputSheets';
import { readText, typedValue } from '../cellParse';
import type { CanonicalNames } from './canonical';
import { ReadContext, SheetTable } from './sheetTable';

/**
 * The Invoices export: our own column names, or Stripe's invoice export. Stripe's "Customer" is
 * its customer ID and its name is "Customer Name"; its "Amount Due" (net of balance, with tax)
 * is never read as the subtotal: reconciliation compares "Subtotal" (reconciliation.md).
 */

/** Headers only Stripe's invoice export has. */
const STRIPE_MARKERS = new Set(['amountdue', 'amountpaid', 'amountremaining', 'dateutc', 'createdutc', 'periodstartutc', 'periodendutc']);

function stripeColumn(field: string, header: string, synonyms: string[] = []): InputColumn {
  const ours = inputSheet('Invoices').columns.find((c) => c.field === field)!;
  return { ...ours, header, synonyms };
}

const STRIPE_COLUMNS: InputColumn[] = [
  stripeColumn('invoiceId', 'id', ['Invoice ID', 'Number']),
  stripeColumn('contractId', 'contract_id (metadata)', ['Contract ID', 'contract (metadata)']),
  stripeColumn('customer', 'Customer Name', ['Customer Description']),
  stripeColumn('customerId', 'Customer', ['Customer ID']),
  stripeColumn('invoiceDate', 'Date (UTC)', ['Invoice Date', 'Date']),
  stripeColumn('periodStart', 'Period Start (UTC)', ['Period Start']),
  stripeColumn('periodEnd', 'Period End (UTC)', ['Period End']),
  stripeColumn('subtotal', 'Subtotal'),
  stripeColumn('tax', 'Tax'),
  stripeColumn('total', 'Total'),
  stripeColumn('currency', 'Currency'),
  stripeColumn('status', 'Status'),
  stripeColumn('createdAt', 'Created (UTC)', ['Created At', 'Created']),
  stripeColumn('manualAdjustment', 'manual_adjustment (metadata)', ['Manual Adjustment']),
];

export function isStripeInvoiceExport(grid: InputGrid): boolean {
  const header = grid.values.find((row) => row.some((c) => readText(c ?? '') !== ''));
  return (header ?? []).some((cell) => STRIPE_MARKERS.has(headerKey(typedValue(cell))));
}

export function readInvoices(grid: InputGrid, ctx: ReadContext, settings: Settings, contractIds: CanonicalNames): {
  invoices: ActualInvoice[];
  table: SheetTable;
} {
  const fromStripe = isStripeInvoiceExport(grid);
  const table = new SheetTable(grid, fromStripe ? STRIPE_COLUMNS : inputSheet('Invoices').columns, ctx);
  const invoices: ActualInvoice[] = [];
  for (const row of table.rows) {
    const invoiceId = row.id('invoiceId', { required: true });
    const contractId = row.id('contractId');
    const customer = row.text('customer');
    const customerId = row.id('customerId');
    const invoiceDate = row.date('invoiceDate', { required: true });
    const periodStart = row.date('periodStart');
    const periodEnd = row.date('periodEnd');
    const subtotal = row.money('subtotal', { required: true });
    const tax = row.money('tax');
    let total = row.money('total');
    if (total === null && row.blank('total') && subtotal !== null) {
      total = subtotal.plus(tax ?? 0);
      if (row.table.hasColumn('total')) {
        row.warn('total', `Total is blank; Subtotal + Tax = ${total.toString()} is used`, 'Type the invoice Total');
      }
    }
    const currency = row.currency('currency') ?? (row.blank('currency') ? settings.reportingCurrency : null);
    const status = row.enumeration<InvoiceStatus>('status', { required: true });
    const createdAt = row.dateTime('createdAt');
    const manualAdjustment = row.boolean('manualAdjustment') ?? false;
    if (row.hasError || invoiceId === null || invoiceDate === null || subtotal === null || total === null || currency === null || status === null) continue;
    invoices.push({
      invoiceId,
      contractId: contractId === null ? null : contractIds.get(contractId),
      customer,
      customerId,
      invoiceDate,
      periodStart,
      periodEnd,
      subtotal,
      tax,
      total,
      currency,
      status,
      createdAt: createdAt === null ? null : createdAt.instant,
      manualAdjustment,
      fromStripe,
      source: row.source,
    });
  }
  return { invoices, table };
}
