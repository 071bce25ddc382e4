import { parseReconciliationInputs, parseSettings, ParseContext } from '../../../src/workbook/parseInputs';
import type { Settings } from '../../../src/core/model';
import { day, gridOf, iso } from '../inputGrid';

const ctx: ParseContext = { job: 'Reconcile', today: day('2026-04-10') };

function settingsIn(timeZone: string): Settings {
  return parseSettings(gridOf('Settings', [['Setting', 'Value'], ['Time Zone', timeZone]]), ctx).settings;
}

const CONTRACTS = gridOf('Contracts', [['Contract ID', 'Customer'], ['ACME-7', 'Acme'], [1001, 'Beta']]);

describe('Invoices with our own column names', () => {
  test('every field, Created At in the Setting Time Zone, Manual Adjustment Yes/No', () => {
    const r = parseReconciliationInputs({
      Contracts: CONTRACTS,
      Invoices: gridOf('Invoices', [
        ['Invoice ID', 'Contract ID', 'Customer', 'Invoice Date', 'Period Start', 'Period End', 'Subtotal', 'Tax', 'Total', 'Currency', 'Status', 'Created At', 'Manual Adjustment'],
        ['INV-1', 'acme-7', 'Acme', '2026-03-01', '2026-03-01', '2026-03-31', '1,000.00', '82.50', '1,082.50', 'usd', 'paid', '2026-03-01 09:30', 'Yes'],
        [5001, 1001, 'Beta', 46082, null, null, '(250.00)', null, null, null, 'Open', '2026-03-02T10:00:00Z', 'no'],
      ]),
    }, settingsIn('America/New_York'), ctx);
    expect(r.issues).toEqual([
      {
        job: 'Reconcile', severity: 'Warning', sheet: 'Invoices', cell: 'Invoices!I3', column: 'Total', value: '',
        problem: 'Total is blank; Subtotal + Tax = -250 is used', fix: 'Type the invoice Total',
      },
    ]);
    expect(r.rowsRead).toEqual({ Invoices: 2, Payments: 0, 'Sync Log': 0 });
    const [a, b] = r.inputs.invoices;
    expect({ ...a, invoiceDate: iso(a.invoiceDate), periodStart: iso(a.periodStart), periodEnd: iso(a.periodEnd),
      subtotal: a.subtotal.toFixed(2), tax: a.tax?.toFixed(2), total: a.total.toFixed(2), source: a.source.row }).toEqual({
      invoiceId: 'INV-1', contractId: 'ACME-7', customer: 'Acme', customerId: null, invoiceDate: '2026-03-01',
      periodStart: '2026-03-01', periodEnd: '2026-03-31', subtotal: '1000.00', tax: '82.50', total: '1082.50', currency: 'USD',
      status: 'Paid', createdAt: Date.UTC(2026, 2, 1, 14, 30), manualAdjustment: true, fromStripe: false, source: 2,
    });
    expect([b.invoiceId, b.contractId, iso(b.invoiceDate), b.subtotal.toFixed(2), b.tax, b.total.toFixed(2), b.currency, b.status,
      b.createdAt, b.manualAdjustment]).toEqual(['5001', '1001', '2026-03-01', '-250.00', null, '-250.00', 'USD', 'Open',
      Date.UTC(2026, 2, 2, 10, 0), false]);
  });

  test('bad rows are skipped with Issues; good rows still read', () => {
    const r = parseReconciliationInputs({
      Invoices: gridOf('Invoices', [
        ['Invoice ID', 'Invoice Date', 'Subtotal', 'Total', 'Status'],
        ['INV-1', '2026-03-01', 100, 100, 'Paid'],
        ['INV-2', '03/01/2026', 100, 100, 'Paid'],
        ['INV-3', '2026-03-01', 100, 100, 'Refunded'],
        [null, '2026-03-01', 100, 100, 'Paid'],
      ]),
    }, settingsIn('UTC'), ctx);
    expect(r.inputs.invoices.map((i) => i.invoiceId)).toEqual(['INV-1']);
    expect(r.issues.map((i) => [i.severity, i.cell, i.problem, i.fix])).toEqual([
      ['Error', 'Invoices!B3', "'03/01/2026' is ambiguous: the order of day and month is unknown", 'Type the date as yyyy-mm-dd, e.g. 2026-03-04'],
      ['Error', 'Invoices!E4', "'Refunded' is not one of the allowed values", 'Type one of: Paid, Open, Void, Uncollectible'],
      ['Error', 'Invoices!A5', 'Invoice ID is blank', 'Type the Invoice ID for this row'],
    ]);
  });
});

describe("Stripe's invoice export", () => {
  const STRIPE_HEADER = [
    'id', 'Number', 'Customer', 'Customer Name', 'Customer Email', 'Amount Due', 'Amount Paid', 'Subtotal', 'Tax', 'Total',
    'Currency', 'Status', 'Date (UTC)', 'Period Start (UTC)', 'Period End (UTC)', 'Created (UTC)', 'contract_id (metadata)',
  ];

  test('read by Stripe names: Subtotal (never Amount Due), Customer is the ID, (UTC) columns in UTC', () => {
    const r = parseReconciliationInputs({
      Contracts: CONTRACTS,
      Invoices: gridOf('Invoices', [
        STRIPE_HEADER,
        ['in_1Abc', 'ABCD-0001', 'cus_9xY', 'Acme Inc', 'ap@acme.test', '1,050.00', '0.00', '1,000.00', '82.50', '1,082.50',
          'usd', 'open', '2026-03-01 03:00', '2026-02-01 00:00', '2026-03-01 00:00', '2026-03-01 02:59:10', 'acme-7'],
        ['in_2Def', 'ABCD-0002', 'cus_8zz', 'Beta LLC', '', '0.00', '0.00', '500.00', '0.00', '500.00',
          'eur', 'draft', '2026-03-05 12:00', '', '', '2026-03-05 11:00', ''],
      ]),
    }, settingsIn('America/New_York'), ctx);
    expect(r.issues).toEqual([]);
    const [a, b] = r.inputs.invoices;
    expect([a.invoiceId, a.contractId, a.customer, a.customerId, a.subtotal.toFixed(2), a.tax?.toFixed(2), a.total.toFixed(2),
      a.currency, a.status, a.fromStripe]).toEqual(['in_1Abc', 'ACME-7', 'Acme Inc', 'cus_9xY', '1000.00', '82.50', '1082.50',
      'USD', 'Open', true]);
    // 03:00 UTC on 1 March is 22:00 on 28 February in New York
    expect([iso(a.invoiceDate), iso(a.periodStart), iso(a.periodEnd)]).toEqual(['2026-02-28', '2026-01-31', '2026-02-28']);
    expect(a.createdAt).toBe(Date.UTC(2026, 2, 1, 2, 59, 10));
    expect([b.status, b.contractId, b.currency, b.periodStart]).toEqual(['Draft', null, 'EUR', null]);
  });

  test('a Stripe export without Subtotal is an Error; Amount Due never stands in', () => {
    const header = STRIPE_HEADER.filter((h) => h !== 'Subtotal');
    const r = parseReconciliationInputs({
      Invoices: gridOf('Invoices', [header, ['in_1', 'N-1', 'cus_1', 'Acme', '', '1,050.00', '0', '82.50', '1,132.50', 'usd', 'paid',
        '2026-03-01', '', '', '', '']]),
    }, settingsIn('UTC'), ctx);
    expect(r.inputs.invoices).toEqual([]);
    expect(r.issues).toEqual([{
      job: 'Reconcile', severity: 'Error', sheet: 'Invoices', cell: 'Invoices', column: 'Subtotal', value: '',
      problem: 'The Invoices sheet has no Subtotal column, so its rows cannot be read', fix: 'Add a column headed Subtotal',
    }]);
  });
});

describe('Payments and Sync Log', () => {
  test('payments: statuses, Invoice IDs in the Invoices spelling, a blank Payment ID names its first cell', () => {
    const r = parseReconciliationInputs({
      Invoices: gridOf('Invoices', [['Invoice ID', 'Invoice Date', 'Subtotal', 'Status'], ['INV-1', '2026-03-01', 100, 'Open']]),
      Payments: gridOf('Payments', [
        ['Payment ID', 'Invoice ID', 'Attempt Date', 'Amount', 'Currency', 'Status', 'Attempt', 'Failure Reason'],
        ['PAY-1', 'inv-1', '2026-03-01', '100.00', 'USD', 'failed', 1, 'card_declined'],
        [null, 'INV-1', '2026-03-04', 60, null, 'Succeeded', 2, null],
        ['PAY-3', 'INV-1', '2026-03-05', 40, 'USD', 'pending', 3, null],
      ], { firstColumn: 2 }),
    }, settingsIn('UTC'), ctx);
    expect(r.inputs.payments.map((p) => [p.paymentId, p.invoiceId, iso(p.attemptDate), p.amount.toFixed(2), p.currency, p.status,
      p.attempt, p.failureReason])).toEqual([
      ['PAY-1', 'INV-1', '2026-03-01', '100.00', 'USD', 'Failed', 1, 'card_declined'],
      ['Payments!B3', 'INV-1', '2026-03-04', '60.00', 'USD', 'Succeeded', 2, null],
    ]);
    expect(r.issues.map((i) => [i.cell, i.fix])).toEqual([['Payments!G4', 'Type one of: Succeeded, Failed, Refunded']]);
    expect(r.rowsRead).toEqual({ Invoices: 1, Payments: 3, 'Sync Log': 0 });
  });

  test('sync log: timestamps to UTC instants and their date in the Setting Time Zone', () => {
    const r = parseReconciliationInputs({
      'Sync Log': gridOf('Sync Log', [
        ['Timestamp', 'Integration', 'Status', 'Records', 'Error'],
        ['2026-03-31T23:30:00-04:00', 'CRM to Billing', 'Failure', 0, 'timeout'],
        ['2026-03-31 23:30', 'CRM to Billing', 'success', 12, null],
        [46112.5, 'Billing to ERP', 'failed', null, 'auth'],
        ['yesterday', 'CRM to Billing', 'Success', 1, null],
      ]),
    }, settingsIn('Europe/Berlin'), ctx);
    expect(r.inputs.syncLog.map((e) => [e.timestamp, iso(e.date), e.integration, e.status, e.records, e.error])).toEqual([
      // 23:30 at -04:00 is 03:30 UTC on 1 April, 05:30 in Berlin (CEST)
      [Date.UTC(2026, 3, 1, 3, 30), '2026-04-01', 'CRM to Billing', 'Failure', 0, 'timeout'],
      [Date.UTC(2026, 2, 31, 21, 30), '2026-03-31', 'CRM to Billing', 'Success', 12, null],
      [Date.UTC(2026, 2, 31, 10, 0), '2026-03-31', 'Billing to ERP', 'Failure', null, 'auth'],
    ]);
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([['Sync Log!A5', "'yesterday' is not a date"]]);
  });

  test('missing exports are simply empty', () => {
    const r = parseReconciliationInputs({}, settingsIn('UTC'), ctx);
    expect(r).toEqual({ inputs: { invoices: [], payments: [], syncLog: [] }, rowsRead: { Invoices: 0, Payments: 0, 'Sync Log': 0 }, issues: [] });
  });
});
