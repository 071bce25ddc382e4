import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import { contract, expected, input, invoice } from './builders';
import { brief, findings, row } from './helpers';

const c1 = contract('C1', '2026-01-01', '2026-12-31');

describe('matching actual invoices to expected documents', () => {
  it('step 1 matches Contract ID + Period Start even when the dates are more than 5 days apart', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [invoice('I-1', 'C1', '2026-03-06', '1000.00', { periodStart: expected('C1', '2026-03-01', '0').line.periodStart })],
    }));
    expect(row(result, 'Invoice accuracy').status).toBe('OK');
    expect(row(result, 'Invoice accuracy').figureText).toBe('0 discrepancies in 1 matched invoice');
    expect(row(result, 'Unexpected invoices').status).toBe('OK');
    expect(row(result, 'Billing-to-contract').status).toBe('OK');
    expect(result.counts.matchedInvoices).toBe(1);
  });

  it('skips step 1 for a Stripe export (its period looks back one period)', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [invoice('in_1', 'C1', '2026-03-07', '1000.00', { periodStart: expected('C1', '2026-03-01', '0').line.periodStart, fromStripe: true })],
    }));
    expect(row(result, 'Unexpected invoices').status).toBe('Red Flag');
    expect(findings(result, 'Unexpected invoices').map((f) => f.invoiceId)).toEqual(['in_1']);
    expect(findings(result, 'Billing-to-contract').map(brief)).toEqual([
      { invoiceId: 'INV-C1-20260301', expected: '1000.00', actual: null, difference: null, status: 'Red Flag' },
    ]);
  });

  it('matches an invoice a day late, also across the month end', () => {
    const parts = {
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00'), expected('C1', '2026-03-31', '1000.00')],
      invoices: [invoice('I-1', 'C1', '2026-03-02', '1000.00'), invoice('I-2', 'C1', '2026-04-01', '1000.00')],
    };
    const march = reconcileMonth(input(parts));
    expect(march.counts.expectedDocuments).toBe(2);
    expect(row(march, 'Billing-to-contract').figureText).toBe('0 of 1 contracts uncovered; 0 of 2 expected documents not issued');
    expect(row(march, 'Invoice accuracy').status).toBe('OK');
    const april = reconcileMonth(input({ ...parts, month: '2026-04-01' }));
    // I-2 is dated in April but belongs to March's document: it is not unexpected in April.
    expect(row(april, 'Unexpected invoices').status).toBe('OK');
    expect(row(april, 'Unexpected invoices').figureText).toBe('0 of 1 invoices');
  });

  it('does not match an invoice 6 days from the expected date without a Period Start', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-10', '1000.00')],
      invoices: [invoice('I-1', 'C1', '2026-03-16', '1000.00')],
    }));
    expect(row(result, 'Unexpected invoices').status).toBe('Red Flag');
    const fiveDays = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-10', '1000.00')],
      invoices: [invoice('I-1', 'C1', '2026-03-15', '1000.00')],
    }));
    expect(row(fiveDays, 'Unexpected invoices').status).toBe('OK');
  });

  it('matches nearest first in step 2', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00'), expected('C1', '2026-03-04', '1200.00')],
      invoices: [invoice('I-3', 'C1', '2026-03-03', '1200.00'), invoice('I-5', 'C1', '2026-03-05', '1000.00')],
    }));
    // I-3 is nearest to 03-04 (1 day); I-5 then takes 03-01 (4 days): both agree.
    expect(row(result, 'Invoice accuracy').status).toBe('OK');
    expect(findings(result, 'Invoice accuracy')).toEqual([]);
  });

  it('step 3 matches one invoice covering two expected documents', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [
        expected('C1', '2026-03-01', '1000.00'),
        expected('C1', '2026-03-20', '500.00', {}, { start: '2026-03-20', end: '2026-03-31' }),
      ],
      invoices: [invoice('I-1', 'C1', '2026-03-10', '1500.00')],
    }));
    expect(row(result, 'Invoice accuracy').figureText).toBe('0 discrepancies in 1 matched invoice');
    expect(row(result, 'Billing-to-contract').status).toBe('OK');
    expect(row(result, 'Unexpected invoices').status).toBe('OK');
    const notEqual = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00'), expected('C1', '2026-03-20', '500.00')],
      invoices: [invoice('I-1', 'C1', '2026-03-10', '1500.01')],
    }));
    expect(row(notEqual, 'Unexpected invoices').status).toBe('Red Flag');
    expect(findings(notEqual, 'Billing-to-contract')).toHaveLength(2);
  });

  it('matches a credit memo (negative Subtotal) only to an expected credit memo', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-10', '1000.00'), expected('C1', '2026-03-10', '-200.00')],
      invoices: [invoice('CN-1', 'C1', '2026-03-10', '-250.00'), invoice('I-1', 'C1', '2026-03-10', '1000.00')],
    }));
    expect(findings(result, 'Invoice accuracy').map(brief)).toEqual([
      { invoiceId: 'CN-1', expected: '-200.00', actual: '-250.00', difference: '-50.00', status: 'Red Flag' },
    ]);
    expect(findings(result, 'Invoice accuracy')[0].differencePct?.toString()).toBe('-0.25');
    expect(row(result, 'Unexpected invoices').status).toBe('OK');
  });

  it('ignores a voided invoice and a Stripe draft', () => {
    const result = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [
        invoice('I-VOID', 'C1', '2026-03-01', '1000.00', { status: 'Void' }),
        invoice('in_draft', null, '2026-03-01', '1000.00', { status: 'Draft', fromStripe: true, customer: 'Customer C1' }),
      ],
    }));
    expect(result.counts.actualInvoices).toBe(0);
    expect(row(result, 'Unexpected invoices').status).toBe('No Data');
    expect(findings(result, 'Billing-to-contract').map((f) => f.invoiceId)).toEqual(['INV-C1-20260301']);
    const replaced = reconcileMonth(input({
      contracts: [c1],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [
        invoice('I-VOID', 'C1', '2026-03-01', '900.00', { status: 'Void' }),
        invoice('I-NEW', 'C1', '2026-03-02', '1000.00'),
      ],
    }));
    expect(row(replaced, 'Billing-to-contract').status).toBe('OK');
    expect(row(replaced, 'Invoice accuracy').status).toBe('OK');
  });

  it('a Stripe export: Subtotal compared (not Amount Due), matched by customer name or by contract_id metadata', () => {
    const stripe = (id: string, contractId: string | null) =>
      invoice(id, contractId, '2026-03-01', '1000.00', {
        fromStripe: true, customer: 'customer c1 ', total: expected('C1', '2026-03-01', '1080.00').document.total,
        periodStart: expected('C1', '2026-02-01', '0').line.periodStart,
      });
    const byName = reconcileMonth(input({ contracts: [c1], expected: [expected('C1', '2026-03-01', '1000.00')], invoices: [stripe('in_1', null)] }));
    expect(row(byName, 'Invoice accuracy').status).toBe('OK');
    expect(row(byName, 'Unexpected invoices').status).toBe('OK');
    const byMetadata = reconcileMonth(input({ contracts: [c1], expected: [expected('C1', '2026-03-01', '1000.00')], invoices: [stripe('in_2', 'c1')] }));
    expect(row(byMetadata, 'Invoice accuracy').status).toBe('OK');
    expect(byMetadata.counts.matchedInvoices).toBe(1);
  });

  it('matches by Customer ID before name when both sides have one', () => {
    const withId = contract('C1', '2026-01-01', '2026-12-31', { customerId: 'CUST-1' });
    const matched = reconcileMonth(input({
      contracts: [withId],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [invoice('in_1', null, '2026-03-01', '1000.00', { fromStripe: true, customerId: ' cust-1', customer: 'Other Name Inc' })],
    }));
    expect(matched.counts.matchedInvoices).toBe(1);
    const otherId = reconcileMonth(input({
      contracts: [withId],
      expected: [expected('C1', '2026-03-01', '1000.00')],
      invoices: [invoice('in_1', null, '2026-03-01', '1000.00', { fromStripe: true, customerId: 'CUST-2', customer: 'Customer C1' })],
    }));
    expect(otherId.counts.matchedInvoices).toBe(0);
    expect(findings(otherId, 'Unexpected invoices')[0].rule).toBe('no Contract ID, and no expected document of customer CUST-2 matched');
  });
});
