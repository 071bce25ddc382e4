import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import { renderReconciliationSheets } from '../../src/workbook/render/reconciliationSheets';
import { contract, d, expected, input, invoice, payment, sync } from './builders';

const result = reconcileMonth(input({
  contracts: [contract('C1', '2026-01-01', '2026-12-31'), contract('C2', '2026-01-01', '2026-12-31')],
  expected: [expected('C1', '2026-03-01', '15000.00', {}, { start: '2026-03-01', end: '2026-03-31' }), expected('C2', '2026-03-01', '500.00', {}, { start: '2026-03-01', end: '2026-03-31' })],
  invoices: [invoice('I-1', 'C1', '2026-03-01', '15150.00'), invoice('I-2', 'C2', '2026-03-02', '500.00', { manualAdjustment: true })],
  payments: [payment('I-1', '2026-03-05', 'Succeeded', '15150.00')],
  syncLog: [sync('2026-03-30', 'Success')],
}));
const [reconciliation, detail, kpis] = renderReconciliationSheets(result);

describe('renderReconciliationSheets', () => {
  it('Reconciliation: one row per check and trigger, status flagged red, the matching rule stated below', () => {
    expect(reconciliation.name).toBe('Reconciliation');
    expect(reconciliation.columns.map((c) => c.header).slice(0, 5)).toEqual(['Check', 'Figure', 'Threshold', 'Status', 'Detail Rows']);
    expect(reconciliation.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['Invoice accuracy', 'Red Flag', 1],
      ['Billing-to-contract', 'OK', 0],
      ['Unexpected invoices', 'OK', 0],
      ['Failed payment review', 'OK', 0],
      ['New customer validation', 'No Data', 0],
      ['Integration health', 'OK', 0],
      ['Invoice error rate', 'Triggered', 0],
      ['Failed payment rate', 'OK', 0],
      ['CRM-to-billing sync failures', 'OK', 0],
      ['Amendment volume', 'OK', 0],
      ['New pricing model', 'OK', 0],
    ]);
    expect(reconciliation.rows[0].slice(1, 3)).toEqual(['1 discrepancy in 2 matched invoices', '> 100.00 USD or > 1.00% of expected']);
    expect(reconciliation.flags).toEqual([{ row: 0, column: 3 }, { row: 6, column: 3 }]);
    expect(reconciliation.notes?.[0]).toMatch(/^Matching rule: /);
    expect(reconciliation.notes?.join(' ')).toContain('matched by Customer (ID, else name) in steps 2 and 3');
  });

  it('Reconciliation Detail: the finding with expected, actual, difference and rule', () => {
    expect(detail.columns.map((c) => c.header).slice(0, 11)).toEqual([
      'Check', 'Contract ID', 'Invoice ID', 'Customer', 'Period Start', 'Expected', 'Actual', 'Difference', 'Difference %', 'Status', 'Rule',
    ]);
    expect(detail.rows).toEqual([[
      'Invoice accuracy', 'C1', 'I-1', 'Customer C1', d('2026-03-01'), 15000, 15150, 150, 0.01, 'Red Flag',
      'matched INV-C1-20260301 by Contract ID + Invoice Date; |difference| 150.00 USD > 100.00 USD; 1.00% of expected <= 1.00%', 'USD',
    ]]);
    expect(detail.rowCurrency).toEqual(['USD']);
    expect(detail.flags).toEqual([{ row: 0, column: 9 }]);
  });

  it('KPIs: one row per month, rates as fractions, No Data as text, statuses flagged', () => {
    expect(kpis.columns.map((c) => c.header)).toEqual([
      'Month', 'Invoices', 'Invoiced Amount', 'Invoice Accuracy Rate', 'Median Billing Lag (h)', 'Invoices Over 48h',
      'Failed Payment Rate', 'Manual Intervention Rate', 'Open Receivables', 'DSO', 'Dunning Recovery Rate',
      'Invoice Accuracy Rate Status', 'Median Billing Lag (h) Status', 'Failed Payment Rate Status', 'Manual Intervention Rate Status', 'DSO Status',
    ]);
    expect(kpis.rows).toEqual([[
      d('2026-03-01'), 2, 15650, 0.5, 'No Data', 'No Data', 0, 0.5, 500, 0.99, 'No Data',
      'Red Flag', 'No Data', 'OK', 'Red Flag', 'OK',
    ]]);
    expect(kpis.columns[3].numberFormat).toBe('0.00%');
    expect(kpis.columns[2].numberFormat).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(kpis.notes?.[2]).toBe('Failed Payment Rate: target under 5.00%; red flag over 10.00%.');
    expect(kpis.flags).toEqual([{ row: 0, column: 11 }, { row: 0, column: 3 }, { row: 0, column: 14 }, { row: 0, column: 7 }]);
  });
});
