import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import type { ContractLine } from '../../src/core/model';
import { amendment, contract, d, dec, expected, input, invoice, sync } from './builders';
import { findings, row } from './helpers';

describe('New customer validation', () => {
  const old = contract('OLD', '2025-06-01', '2026-05-31', { customerId: 'K-OLD' });
  const fresh = contract('NEW', '2026-03-05', '2027-03-04', { customerId: 'K-NEW' });
  const oldCustomerNewContract = contract('OLD2', '2026-03-01', '2027-02-28', { customerId: 'K-OLD' });
  const parts = (newActual: string) => ({
    contracts: [old, fresh, oldCustomerNewContract],
    expected: [expected('OLD', '2026-03-01', '1000.00'), expected('NEW', '2026-03-05', '2000.00'), expected('OLD2', '2026-03-01', '300.00')],
    invoices: [invoice('I-OLD', 'OLD', '2026-03-01', '1200.00'), invoice('I-NEW', 'NEW', '2026-03-05', newActual), invoice('I-OLD2', 'OLD2', '2026-03-01', '300.00')],
  });

  it('flags an error on an invoice of a customer whose first contract starts in M', () => {
    const result = reconcileMonth(input(parts('2300.00')));
    expect(row(result, 'New customer validation').status).toBe('Red Flag');
    expect(row(result, 'New customer validation').figureText).toBe('1 invoice in error for 1 new customer');
    expect(findings(result, 'New customer validation').map((f) => [f.invoiceId, f.difference?.toFixed(2)])).toEqual([['I-NEW', '300.00']]);
    // the old customer's 200.00 error is an accuracy finding, not a new-customer one
    expect(findings(result, 'Invoice accuracy').map((f) => f.invoiceId)).toEqual(['I-OLD', 'I-NEW']);
  });

  it('is OK when the new customer invoices agree, and No Data with no new customer', () => {
    expect(row(reconcileMonth(input(parts('2000.00'))), 'New customer validation').status).toBe('OK');
    const none = reconcileMonth(input({ contracts: [old] }));
    expect(row(none, 'New customer validation').status).toBe('No Data');
  });

  it('counts an unexpected invoice of a new customer (no Contract ID, by name)', () => {
    const result = reconcileMonth(input({
      contracts: [old, contract('NEW', '2026-03-05', '2027-03-04')],
      invoices: [invoice('in_9', null, '2026-03-06', '50.00', { customer: 'Customer NEW', fromStripe: true })],
    }));
    expect(findings(result, 'New customer validation').map((f) => [f.invoiceId, f.rule])).toEqual([
      ['in_9', 'new customer this month: no Contract ID, and no expected document of customer Customer NEW matched'],
    ]);
  });
});

describe('Integration health (Sync Failure Lookback Days ending on the earlier of As Of Date and end of M)', () => {
  it('counts failures in the 7 days ending at the month end when the As Of Date is later', () => {
    const result = reconcileMonth(input({
      syncLog: [sync('2026-03-24', 'Failure'), sync('2026-03-25', 'Failure'), sync('2026-03-26', 'Success'), sync('2026-03-31', 'Failure'), sync('2026-04-01', 'Failure')],
    }));
    expect(row(result, 'Integration health').status).toBe('Red Flag');
    expect(row(result, 'Integration health').figureText).toBe('2 failures in 3 sync runs 2026-03-25 to 2026-03-31');
    expect(findings(result, 'Integration health').map((f) => f.rule)).toEqual([
      expect.stringMatching(/^Sync Log!A\d+: CRM to Billing failed on 2026-03-25: timeout$/),
      expect.stringMatching(/failed on 2026-03-31: timeout$/),
    ]);
  });

  it('ends on the As Of Date when it is inside M, and follows the lookback setting', () => {
    const log = [sync('2026-03-10', 'Failure'), sync('2026-03-16', 'Success'), sync('2026-03-20', 'Failure')];
    const asOf16 = reconcileMonth(input({ settings: { asOfDate: d('2026-03-16') }, syncLog: log }));
    expect(row(asOf16, 'Integration health').figureText).toBe('1 failure in 2 sync runs 2026-03-10 to 2026-03-16');
    const asOf17 = reconcileMonth(input({ settings: { asOfDate: d('2026-03-17') }, syncLog: log }));
    expect(row(asOf17, 'Integration health').status).toBe('OK');
    const longer = reconcileMonth(input({ settings: { asOfDate: d('2026-03-17'), syncFailureLookbackDays: 8 }, syncLog: log }));
    expect(row(longer, 'Integration health').status).toBe('Red Flag');
  });
});

describe('CRM-to-billing sync failures trigger (> 5 Failure rows in M)', () => {
  const failures = (n: number) => Array.from({ length: n }, (_, i) => sync(`2026-03-${String(i + 1).padStart(2, '0')}`, 'Failure'));
  it.each([
    [4, 'OK'],
    [5, 'OK'],
    [6, 'Triggered'],
  ])('%i failures -> %s', (n, status) => {
    const result = reconcileMonth(input({ syncLog: [...failures(n), sync('2026-02-27', 'Failure')] }));
    expect(row(result, 'CRM-to-billing sync failures').status).toBe(status);
    expect(row(result, 'CRM-to-billing sync failures').figureText).toBe(`${n} Failure rows in 2026-03`);
  });
  it('follows the setting', () => {
    expect(row(reconcileMonth(input({ settings: { syncFailuresPerMonthTrigger: 6 }, syncLog: failures(6) })), 'CRM-to-billing sync failures').status).toBe('OK');
  });
});

describe('Invoice error rate trigger (> 2% of invoices in M)', () => {
  /** n matched invoices of which `errors` are off by 500.00 */
  function book(n: number, errors: number) {
    const contracts = Array.from({ length: n }, (_, i) => contract(`C${i}`, '2026-01-01', '2026-12-31'));
    return reconcileMonth(input({
      contracts,
      expected: contracts.map((c) => expected(c.contractId, '2026-03-01', '1000.00', {}, { start: '2026-03-01', end: '2026-03-31' })),
      invoices: contracts.map((c, i) => invoice(`I${i}`, c.contractId, '2026-03-01', i < errors ? '1500.00' : '1000.00')),
    }));
  }
  it.each([
    [51, 1, 'OK', '1.96% (1 of 51 invoices in error)', '0.9804'],
    [50, 1, 'OK', '2.00% (1 of 50 invoices in error)', '0.9800'],
    [49, 1, 'Triggered', '2.04% (1 of 49 invoices in error)', '0.9796'],
  ])('%i invoices, %i in error -> %s', (n, errors, status, text, accuracy) => {
    const result = book(n, errors);
    expect(row(result, 'Invoice error rate').status).toBe(status);
    expect(row(result, 'Invoice error rate').figureText).toBe(text);
    expect(result.kpis[0].invoiceAccuracyRate?.toFixed(4)).toBe(accuracy);
    expect(result.kpis[0].invoiceAccuracyStatus).toBe('Red Flag');
  });
});

describe('Amendment volume trigger (> 20% of contracts active in M)', () => {
  const active = Array.from({ length: 10 }, (_, i) => contract(`C${i}`, '2026-01-01', '2026-12-31'));
  const amended = (n: number) => Array.from({ length: n }, (_, i) => amendment(`C${i}`, '2026-03-15'));
  it.each([
    [1, 'OK', '10.00% (1 of 10 active contracts amended)'],
    [2, 'OK', '20.00% (2 of 10 active contracts amended)'],
    [3, 'Triggered', '30.00% (3 of 10 active contracts amended)'],
  ])('%i of 10 amended -> %s', (n, status, text) => {
    const result = reconcileMonth(input({ contracts: active, amendments: [...amended(n), amendment('C0', '2026-03-20', { type: 'Price Change' }), amendment('C9', '2026-04-01')] }));
    expect(row(result, 'Amendment volume').status).toBe(status);
    expect(row(result, 'Amendment volume').figureText).toBe(text);
  });
  it('lists the amended contracts when triggered', () => {
    const result = reconcileMonth(input({ contracts: active, amendments: [...amended(3), amendment('C0', '2026-03-20', { type: 'Price Change' })] }));
    expect(findings(result, 'Amendment volume').map((f) => [f.contractId, f.rule])).toEqual([
      ['C0', 'amended in 2026-03: Quantity Change, Price Change'],
      ['C1', 'amended in 2026-03: Quantity Change'],
      ['C2', 'amended in 2026-03: Quantity Change'],
    ]);
  });
  it('follows the setting', () => {
    const result = reconcileMonth(input({ settings: { amendmentVolumeTrigger: dec('0.30') }, contracts: active, amendments: amended(3) }));
    expect(row(result, 'Amendment volume').status).toBe('OK');
  });
});

describe('New pricing model trigger', () => {
  const earlier: ContractLine[] = [contract('E1', '2025-01-01', '2026-12-31'), contract('E2', '2026-02-01', '2027-01-31', { billingFrequency: 'Annual' })];
  it('triggers on a Pricing Model or Billing Frequency no earlier contract uses', () => {
    const result = reconcileMonth(input({
      contracts: [
        ...earlier,
        contract('N1', '2026-03-10', '2027-03-09', { pricingModel: 'Tiered' }),
        contract('N2', '2026-03-01', '2027-02-28', { billingFrequency: 'Annual' }),
        contract('N3', '2026-03-01', '2027-02-28', { billingFrequency: 'Quarterly' }),
        contract('L1', '2026-04-01', '2027-03-31', { pricingModel: 'Volume' }),
      ],
    }));
    expect(row(result, 'New pricing model').status).toBe('Triggered');
    expect(findings(result, 'New pricing model').map((f) => [f.contractId, f.rule])).toEqual([
      ['N1', 'new to the book: Pricing Model Tiered (no contract that started earlier uses it)'],
      ['N3', 'new to the book: Billing Frequency Quarterly (no contract that started earlier uses it)'],
    ]);
  });
  it('is OK when the new contracts use known models, and never triggers when none started earlier', () => {
    expect(row(reconcileMonth(input({ contracts: [...earlier, contract('N2', '2026-03-01', '2027-02-28')] })), 'New pricing model').status).toBe('OK');
    const first = reconcileMonth(input({ contracts: [contract('N1', '2026-03-10', '2027-03-09', { pricingModel: 'Tiered' })] }));
    expect(row(first, 'New pricing model').status).toBe('OK');
    expect(row(first, 'New pricing model').figureText).toBe('No contract started earlier: nothing to compare');
  });
});
