import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import { amendment, contract, d, expected, input, invoice } from './builders';
import { findings, row } from './helpers';

describe('Billing-to-contract', () => {
  it('an annual invoice in January covers March', () => {
    const annual = contract('C1', '2026-01-01', '2026-12-31', { billingFrequency: 'Annual' });
    const result = reconcileMonth(input({
      contracts: [annual],
      expected: [expected('C1', '2026-01-01', '12000.00', {}, { start: '2026-01-01', end: '2026-12-31' })],
    }));
    expect(row(result, 'Billing-to-contract').status).toBe('OK');
    expect(row(result, 'Billing-to-contract').figureText).toBe('0 of 1 contracts uncovered; 0 of 0 expected documents not issued');
  });

  it('flags an active contract with no schedule, and says so in the finding', () => {
    const result = reconcileMonth(input({ contracts: [contract('C1', '2026-02-15', '2027-02-14')] }));
    expect(row(result, 'Billing-to-contract').status).toBe('Red Flag');
    expect(findings(result, 'Billing-to-contract')).toEqual([
      expect.objectContaining({ contractId: 'C1', customer: 'Customer C1', status: 'Red Flag', rule: 'contract active in 2026-03 but no Billing Schedule line covers the month' }),
    ]);
  });

  it('does not count a credit line as coverage', () => {
    const credit = expected('C1', '2026-03-10', '-300.00', {}, { start: '2026-03-10', end: '2026-03-31' });
    const result = reconcileMonth(input({ contracts: [contract('C1', '2026-01-01', '2026-12-31')], expected: [credit], invoices: [invoice('CN', 'C1', '2026-03-10', '-300.00')] }));
    expect(findings(result, 'Billing-to-contract').map((f) => f.rule)).toEqual(['contract active in 2026-03 but no Billing Schedule line covers the month']);
  });

  it('a contract is not active in M when it ends before M, starts after it, is cancelled before it, or is not Closed Won', () => {
    const result = reconcileMonth(input({
      contracts: [
        contract('ENDED', '2025-03-01', '2026-02-28'),
        contract('LATER', '2026-04-01', '2027-03-31'),
        contract('CANCELLED', '2026-01-01', '2026-12-31'),
        contract('OPEN', '2026-01-01', '2026-12-31', { stage: 'Negotiation' }),
        contract('LASTDAY', '2025-04-01', '2026-03-01'),
      ],
      amendments: [amendment('CANCELLED', '2026-03-01', { type: 'Cancel', newQuantity: null })],
    }));
    expect(result.counts.activeContracts).toBe(1);
    expect(findings(result, 'Billing-to-contract').map((f) => f.contractId)).toEqual(['LASTDAY']);
  });

  it('a Cancel effective mid-month leaves the contract active in that month', () => {
    const result = reconcileMonth(input({
      contracts: [contract('C1', '2026-01-01', '2026-12-31')],
      amendments: [amendment('C1', '2026-03-02', { type: 'Cancel', newQuantity: null })],
    }));
    expect(result.counts.activeContracts).toBe(1);
  });

  it('flags an expected invoice not issued, but not one dated after the As Of Date', () => {
    const result = reconcileMonth(input({
      settings: { asOfDate: d('2026-03-15') },
      contracts: [contract('C1', '2026-01-01', '2026-12-31'), contract('C2', '2026-01-20', '2026-12-19')],
      expected: [expected('C1', '2026-03-01', '1000.00', {}, { start: '2026-03-01', end: '2026-03-31' }), expected('C2', '2026-03-20', '800.00', {}, { start: '2026-03-20', end: '2026-04-19' })],
    }));
    expect(findings(result, 'Billing-to-contract').map((f) => [f.invoiceId, f.expected?.toFixed(2), f.rule])).toEqual([
      ['INV-C1-20260301', '1000.00', 'expected Invoice INV-C1-20260301 dated 2026-03-01 has no matching actual invoice'],
    ]);
  });

  it('counts contracts skipped by Error Issues as uncovered', () => {
    const result = reconcileMonth(input({
      contracts: [contract('C1', '2026-01-01', '2026-12-31')],
      expected: [expected('C1', '2026-03-01', '1000.00', {}, { start: '2026-03-01', end: '2026-03-31' })],
      invoices: [invoice('I-1', 'C1', '2026-03-01', '1000.00')],
      skippedContractIds: ['C9 '],
    }));
    expect(row(result, 'Billing-to-contract').status).toBe('Red Flag');
    expect(row(result, 'Billing-to-contract').figureText).toBe('1 of 2 contracts uncovered; 0 of 1 expected documents not issued');
    expect(findings(result, 'Billing-to-contract')).toEqual([
      expect.objectContaining({ contractId: 'C9', rule: 'contract skipped by Error Issues (see Issues): counted as uncovered' }),
    ]);
  });

  it('shows No Data when there is nothing to reconcile', () => {
    const result = reconcileMonth(input({}));
    expect(result.checks.map((c) => [c.check, c.status])).toEqual([
      ['Invoice accuracy', 'No Data'],
      ['Billing-to-contract', 'No Data'],
      ['Unexpected invoices', 'No Data'],
      ['Failed payment review', 'No Data'],
      ['New customer validation', 'No Data'],
      ['Integration health', 'No Data'],
    ]);
    expect(result.triggers.map((c) => [c.check, c.status])).toEqual([
      ['Invoice error rate', 'No Data'],
      ['Failed payment rate', 'No Data'],
      ['CRM-to-billing sync failures', 'No Data'],
      ['Amendment volume', 'No Data'],
      ['New pricing model', 'OK'],
    ]);
    expect(result.kpis).toEqual([]);
  });
});

describe('Unexpected invoices', () => {
  const c1 = contract('C1', '2026-01-01', '2026-12-31');
  it('names an invoice with no contract, one of a skipped contract, and one its contract did not expect', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      skippedContractIds: ['C7'],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [
        invoice('I-1', 'C1', '2026-03-01', '1000.00'),
        invoice('I-2', 'C1', '2026-03-20', '400.00'),
        invoice('I-3', 'NOPE', '2026-03-21', '10.00'),
        invoice('I-4', 'c7', '2026-03-22', '10.00'),
        invoice('I-OUT', 'NOPE', '2026-04-03', '10.00'),
      ],
    }));
    expect(row(result, 'Unexpected invoices').figureText).toBe('3 of 4 invoices');
    expect(findings(result, 'Unexpected invoices').map((f) => [f.invoiceId, f.actual?.toFixed(2), f.rule])).toEqual([
      ['I-2', '400.00', 'no expected document of contract C1 matched (same Period Start, invoice date within 5 days, or the sum of two documents)'],
      ['I-3', '10.00', 'invoice with no contract: NOPE is not on Contracts'],
      ['I-4', '10.00', 'contract c7 was skipped by Error Issues, so nothing is expected from it'],
    ]);
  });
});
