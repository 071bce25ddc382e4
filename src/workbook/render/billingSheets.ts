import { currencyNumberFormat, type ColumnSpec, type SheetSpec } from '../sheetSpec';
import { minorUnits } from '../../core/money';
import type { BillingResult } from '../../core/bill';
import type { Settings } from '../../core/model';
import { dateCell, decimalToNumber, moneyCell, textCell } from './cells';
import { EXCEL_MAX_DATA_ROWS, splitAtRowLimit } from './rowLimit';
import { recordRows } from './recordRows';

const QUANTITY_FORMAT = '#,##0.####';
const UNIT_PRICE_FORMAT = '#,##0.00##';
const FACTOR_FORMAT = '0.000000';

function reportingColumn(header: string, settings: Settings): ColumnSpec {
  const code = settings.reportingCurrency;
  return { header, kind: 'money', numberFormat: currencyNumberFormat(code, minorUnits(code)), width: 16 };
}

/** Billing Schedule: one row per charge, credits negative (workbook.md). Splits at Excel's row limit. */
export function renderBillingSchedule(result: BillingResult, settings: Settings, sheetRowLimit: number = EXCEL_MAX_DATA_ROWS): SheetSpec[] {
  const columns: ColumnSpec[] = [
    { header: 'Contract ID', kind: 'text', width: 14 },
    { header: 'Customer', kind: 'text', width: 24 },
    { header: 'Product', kind: 'text', width: 22 },
    { header: 'Line Type', kind: 'text', width: 11 },
    { header: 'Period Start', kind: 'date', width: 12 },
    { header: 'Period End', kind: 'date', width: 12 },
    { header: 'Invoice Date', kind: 'date', width: 12 },
    { header: 'Due Date', kind: 'date', width: 12 },
    { header: 'Quantity', kind: 'number', numberFormat: QUANTITY_FORMAT, width: 10 },
    { header: 'Unit Price', kind: 'number', numberFormat: UNIT_PRICE_FORMAT, width: 12 },
    { header: 'Proration Factor', kind: 'factor', numberFormat: FACTOR_FORMAT, width: 10 },
    { header: 'Amount', kind: 'money', width: 14 },
    { header: 'Discount', kind: 'money', width: 12 },
    { header: 'Net Amount', kind: 'money', width: 14 },
    { header: 'Currency', kind: 'text', width: 9 },
    { header: 'Tax', kind: 'money', width: 12 },
    { header: 'Total', kind: 'money', width: 14 },
    reportingColumn('Reporting Amount', settings),
    { header: 'Calculation', kind: 'text', width: 48 },
    { header: 'Source', kind: 'text', width: 18 },
    { header: 'Document', kind: 'text', width: 24 },
  ];
  const rowSource = recordRows(result.lines, (l) => [
    textCell(l.contract.contractId), textCell(l.contract.customer), textCell(l.contract.product), l.lineType,
    dateCell(l.periodStart), dateCell(l.periodEnd), dateCell(l.invoiceDate), dateCell(l.dueDate),
    decimalToNumber(l.quantity), moneyCell(l.unitPrice), decimalToNumber(l.prorationFactor),
    moneyCell(l.amount), moneyCell(l.discount), moneyCell(l.netAmount), l.contract.currency,
    moneyCell(l.tax), moneyCell(l.total), moneyCell(l.reportingAmount),
    textCell(l.calculation), textCell(l.source), textCell(l.documentNumber),
  ]);
  const reportingIndex = columns.findIndex((c) => c.header === 'Reporting Amount');
  const flags = result.lines.flatMap((l, row) => (l.reportingAmount === null ? [{ row, column: reportingIndex }] : []));
  return splitAtRowLimit({
    name: 'Billing Schedule',
    tableName: 'BillingSchedule',
    columns,
    rows: [],
    rowSource,
    rowCurrency: result.lines.map((l) => l.contract.currency),
    flags,
  }, sheetRowLimit);
}

/** Draft Invoices: one row per document; Subtotal + Tax = Total exactly. */
export function renderDraftInvoices(result: BillingResult): SheetSpec {
  const columns: ColumnSpec[] = [
    { header: 'Document', kind: 'text', width: 12 },
    { header: 'Number', kind: 'text', width: 26 },
    { header: 'Contract ID', kind: 'text', width: 14 },
    { header: 'Customer', kind: 'text', width: 24 },
    { header: 'Billing Entity', kind: 'text', width: 16 },
    { header: 'Currency', kind: 'text', width: 9 },
    { header: 'Invoice Date', kind: 'date', width: 12 },
    { header: 'Due Date', kind: 'date', width: 12 },
    { header: 'Subtotal', kind: 'money', width: 14 },
    { header: 'Tax', kind: 'money', width: 12 },
    { header: 'Total', kind: 'money', width: 14 },
    { header: 'Lines', kind: 'integer', width: 7 },
    { header: 'Applies To', kind: 'text', width: 26 },
    { header: 'Bill Run', kind: 'text', width: 11 },
    { header: 'PO Number', kind: 'text', width: 14 },
    { header: 'Billing Contact', kind: 'text', width: 18 },
    { header: 'Billing Email', kind: 'text', width: 24 },
    { header: 'Bill-To Address', kind: 'text', width: 30 },
  ];
  const taxColumn = columns.findIndex((c) => c.header === 'Tax');
  return {
    name: 'Draft Invoices',
    tableName: 'DraftInvoices',
    columns,
    rows: [],
    rowSource: recordRows(result.documents, (d) => [
      d.document, d.number, textCell(d.contractId), textCell(d.customer), textCell(d.billingEntity), d.currency,
      dateCell(d.invoiceDate), dateCell(d.dueDate), moneyCell(d.subtotal), moneyCell(d.tax), moneyCell(d.total),
      d.lines, textCell(d.appliesTo), d.billRun, textCell(d.poNumber), textCell(d.billingContact),
      textCell(d.billingEmail), textCell(d.billToAddress),
    ]),
    rowCurrency: result.documents.map((d) => d.currency),
    flags: result.documents.flatMap((d, row) => (d.taxFlagged ? [{ row, column: taxColumn }] : [])),
  };
}

/** Proration: one row per amendment and affected period. */
export function renderProration(result: BillingResult): SheetSpec {
  const columns: ColumnSpec[] = [
    { header: 'Amendment ID', kind: 'text', width: 16 },
    { header: 'Contract ID', kind: 'text', width: 14 },
    { header: 'Product', kind: 'text', width: 22 },
    { header: 'Type', kind: 'text', width: 15 },
    { header: 'Effective Date', kind: 'date', width: 12 },
    { header: 'Period Start', kind: 'date', width: 12 },
    { header: 'Period End', kind: 'date', width: 12 },
    { header: 'Old Period Amount', kind: 'money', width: 14 },
    { header: 'New Period Amount', kind: 'money', width: 14 },
    { header: 'Days Used', kind: 'integer', width: 8 },
    { header: 'Days Remaining', kind: 'integer', width: 8 },
    { header: 'Factor', kind: 'factor', numberFormat: FACTOR_FORMAT, width: 10 },
    { header: 'Credit', kind: 'money', width: 14 },
    { header: 'Charge', kind: 'money', width: 14 },
    { header: 'Calculation', kind: 'text', width: 60 },
  ];
  return {
    name: 'Proration',
    tableName: 'Proration',
    columns,
    rows: [],
    rowSource: recordRows(result.proration, (p) => [
      textCell(p.amendmentId), textCell(p.contractId), textCell(p.product), p.type,
      dateCell(p.effectiveDate), dateCell(p.periodStart), dateCell(p.periodEnd),
      moneyCell(p.oldPeriodAmount), moneyCell(p.newPeriodAmount), p.daysUsed, p.daysRemaining,
      decimalToNumber(p.factor), moneyCell(p.credit), moneyCell(p.charge), textCell(p.calculation),
    ]),
    rowCurrency: result.proration.map((p) => p.currency),
  };
}

/** Revenue Schedule: one row per contract, Product and calendar month. */
export function renderRevenueSchedule(result: BillingResult, settings: Settings): SheetSpec {
  const columns: ColumnSpec[] = [
    { header: 'Contract ID', kind: 'text', width: 14 },
    { header: 'Customer', kind: 'text', width: 24 },
    { header: 'Product', kind: 'text', width: 22 },
    { header: 'Month', kind: 'date', numberFormat: 'mmm yyyy', width: 10 },
    { header: 'Currency', kind: 'text', width: 9 },
    { header: 'Billed', kind: 'money', width: 14 },
    { header: 'Recognized', kind: 'money', width: 14 },
    { header: 'Deferred Revenue', kind: 'money', width: 14 },
    { header: 'Unbilled', kind: 'money', width: 14 },
    reportingColumn('Reporting Billed', settings),
    reportingColumn('Reporting Recognized', settings),
  ];
  return {
    name: 'Revenue Schedule',
    tableName: 'RevenueSchedule',
    columns,
    rows: [],
    rowSource: recordRows(result.revenue, (r) => [
      textCell(r.contractId), textCell(r.customer), textCell(r.product), dateCell(r.month), r.currency,
      moneyCell(r.billed), moneyCell(r.recognized), moneyCell(r.deferredRevenue), moneyCell(r.unbilled),
      moneyCell(r.reportingBilled), moneyCell(r.reportingRecognized),
    ]),
    rowCurrency: result.revenue.map((r) => r.currency),
  };
}
