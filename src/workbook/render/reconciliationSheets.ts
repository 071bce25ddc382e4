import { minorUnits } from '../../core/money';
import type { KpiStatus, MonthlyKpis, ReconciliationResult } from '../../reconcile/model';
import type { Decimal } from '../../core/decimal';
import { currencyNumberFormat, MONTH_FORMAT, PERCENT_FORMAT, type ColumnSpec, type OutCell, type SheetSpec } from '../sheetSpec';
import { dateCell, moneyCell, textCell } from './cells';

const NO_DATA = 'No Data';
const DAYS_FORMAT = '0.00';
const FAILING = new Set(['Red Flag', 'Triggered']);

function rateCell(value: Decimal | null): OutCell {
  return value === null ? NO_DATA : value.toNumber();
}

/** Reconciliation: one row per monthly check and refinement trigger for M, the matching rule stated below. */
function renderReconciliation(result: ReconciliationResult): SheetSpec {
  const columns: ColumnSpec[] = [
    { header: 'Check', kind: 'text', width: 30 },
    { header: 'Figure', kind: 'text', width: 60 },
    { header: 'Threshold', kind: 'text', width: 44 },
    { header: 'Status', kind: 'text', width: 11 },
    { header: 'Detail Rows', kind: 'integer', width: 11 },
    { header: 'Kind', kind: 'text', width: 18 },
  ];
  const all = [...result.checks, ...result.triggers];
  const rows = all.map((c) => [
    textCell(c.check), textCell(c.figureText), textCell(c.threshold), c.status, c.detailRows,
    c.kind === 'Check' ? 'Monthly check' : 'Refinement trigger',
  ]);
  const flags = all.flatMap((c, row) => (FAILING.has(c.status) ? [{ row, column: 3 }] : []));
  return { name: 'Reconciliation', tableName: 'Reconciliation', columns, rows, flags, notes: result.matchingRule };
}

/** Reconciliation Detail: one row per finding, amounts in the document's currency. */
function renderReconciliationDetail(result: ReconciliationResult): SheetSpec {
  const columns: ColumnSpec[] = [
    { header: 'Check', kind: 'text', width: 26 },
    { header: 'Contract ID', kind: 'text', width: 14 },
    { header: 'Invoice ID', kind: 'text', width: 24 },
    { header: 'Customer', kind: 'text', width: 24 },
    { header: 'Period Start', kind: 'date', width: 12 },
    { header: 'Expected', kind: 'money', width: 14 },
    { header: 'Actual', kind: 'money', width: 14 },
    { header: 'Difference', kind: 'money', width: 14 },
    { header: 'Difference %', kind: 'percent', numberFormat: PERCENT_FORMAT, width: 12 },
    { header: 'Status', kind: 'text', width: 11 },
    { header: 'Rule', kind: 'text', width: 80 },
    { header: 'Currency', kind: 'text', width: 9 },
  ];
  const rows = result.details.map((f) => [
    textCell(f.check), textCell(f.contractId), textCell(f.invoiceId), textCell(f.customer), dateCell(f.periodStart),
    moneyCell(f.expected), moneyCell(f.actual), moneyCell(f.difference),
    f.differencePct === null ? null : f.differencePct.toNumber(), f.status, textCell(f.rule), textCell(f.currency),
  ]);
  const flags = result.details.flatMap((f, row) => (FAILING.has(f.status) ? [{ row, column: 9 }] : []));
  return {
    name: 'Reconciliation Detail',
    tableName: 'ReconciliationDetail',
    columns,
    rows,
    rowCurrency: result.details.map((f) => f.currency),
    flags,
  };
}

const KPI_STATUS_COLUMNS: { header: string; status: (k: MonthlyKpis) => KpiStatus; values: string[] }[] = [
  { header: 'Invoice Accuracy Rate Status', status: (k) => k.invoiceAccuracyStatus, values: ['Invoice Accuracy Rate'] },
  { header: 'Median Billing Lag (h) Status', status: (k) => k.billingLagStatus, values: ['Median Billing Lag (h)', 'Invoices Over 48h'] },
  { header: 'Failed Payment Rate Status', status: (k) => k.failedPaymentStatus, values: ['Failed Payment Rate'] },
  { header: 'Manual Intervention Rate Status', status: (k) => k.manualInterventionStatus, values: ['Manual Intervention Rate'] },
  { header: 'DSO Status', status: (k) => k.dsoStatus, values: ['DSO'] },
];

/** KPIs: one row per month with data; rates as fractions shown as percentages, No Data where nothing was invoiced. */
function renderKpis(result: ReconciliationResult): SheetSpec {
  const code = result.reportingCurrency;
  const reportingFormat = currencyNumberFormat(code, minorUnits(code));
  const columns: ColumnSpec[] = [
    { header: 'Month', kind: 'date', numberFormat: MONTH_FORMAT, width: 10 },
    { header: 'Invoices', kind: 'integer', width: 9 },
    { header: 'Invoiced Amount', kind: 'money', numberFormat: reportingFormat, width: 16 },
    { header: 'Invoice Accuracy Rate', kind: 'percent', numberFormat: PERCENT_FORMAT, width: 12 },
    { header: 'Median Billing Lag (h)', kind: 'number', numberFormat: DAYS_FORMAT, width: 12 },
    { header: 'Invoices Over 48h', kind: 'integer', width: 10 },
    { header: 'Failed Payment Rate', kind: 'percent', numberFormat: PERCENT_FORMAT, width: 12 },
    { header: 'Manual Intervention Rate', kind: 'percent', numberFormat: PERCENT_FORMAT, width: 12 },
    { header: 'Open Receivables', kind: 'money', numberFormat: reportingFormat, width: 16 },
    { header: 'DSO', kind: 'number', numberFormat: DAYS_FORMAT, width: 9 },
    { header: 'Dunning Recovery Rate', kind: 'percent', numberFormat: PERCENT_FORMAT, width: 12 },
    ...KPI_STATUS_COLUMNS.map((s): ColumnSpec => ({ header: s.header, kind: 'text', width: 14 })),
  ];
  const rows = result.kpis.map((k) => [
    dateCell(k.month), k.invoices, moneyCell(k.invoicedAmount), rateCell(k.invoiceAccuracyRate),
    rateCell(k.medianBillingLagHours), k.invoicesOver48h === null ? NO_DATA : k.invoicesOver48h,
    rateCell(k.failedPaymentRate), rateCell(k.manualInterventionRate), moneyCell(k.openReceivables),
    rateCell(k.dso), rateCell(k.dunningRecoveryRate),
    ...KPI_STATUS_COLUMNS.map((s) => s.status(k)),
  ]);
  const columnOf = (header: string) => columns.findIndex((c) => c.header === header);
  const flags = result.kpis.flatMap((k, row) =>
    KPI_STATUS_COLUMNS.filter((s) => s.status(k) === 'Red Flag').flatMap((s) =>
      [s.header, ...s.values].map((header) => ({ row, column: columnOf(header) })),
    ),
  );
  return { name: 'KPIs', tableName: 'KPIs', columns, rows, rowCurrency: result.kpis.map(() => code), flags, notes: result.kpiTargets };
}

/** The three reconciliation output sheets, in order: Reconciliation, Reconciliation Detail, KPIs. */
export function renderReconciliationSheets(result: ReconciliationResult): SheetSpec[] {
  return [renderReconciliation(result), renderReconciliationDetail(result), renderKpis(result)];
}
