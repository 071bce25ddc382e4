import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import { contract, expected, input, invoice, payment, sync } from './builders';
import { findings } from './helpers';

/**
 * A month-end in miniature with the planted problems of the sample book: one invoice off by
 * $150, one off by 0.5% of $15,000 (under both thresholds), one contract with no invoice, a
 * failed payment with no retry, and two sync failures within 7 days.
 */
describe('a month with planted problems', () => {
  const contracts = Array.from({ length: 8 }, (_, i) => contract(`C${i + 1}`, '2025-07-01', '2026-06-30'));
  const month = (i: number) => [i < 2 ? '15000.00' : '1000.00', `2026-03-0${(i % 5) + 1}`] as const;
  const docs = contracts.map((c, i) => expected(c.contractId, month(i)[1], month(i)[0], {}, { start: month(i)[1], end: '2026-03-31' }));
  const actual = (i: number, subtotal: string) => invoice(`IN-${i + 1}`, contracts[i].contractId, month(i)[1], subtotal);
  const invoices = [
    actual(0, '15150.00'), // off by $150 (1.00%): red flag on the amount
    actual(1, '15075.00'), // off by 0.5%: $75, under both thresholds
    ...[2, 3, 4, 5, 6].map((i) => actual(i, '1000.00')),
    // C8 has no invoice
  ];
  const payments = [
    ...invoices.filter((x) => x.invoiceId !== 'IN-3').map((x) => payment(x.invoiceId, '2026-03-10', 'Succeeded', x.total.toFixed(2))),
    payment('IN-3', '2026-03-10', 'Failed', '1000.00'), // never retried
  ];
  const syncLog = [sync('2026-03-26', 'Failure'), sync('2026-03-29', 'Failure'), sync('2026-03-30', 'Success'), sync('2026-03-12', 'Success')];
  const result = reconcileMonth(input({ contracts, expected: docs, invoices, payments, syncLog }));

  it('flags exactly the planted problems', () => {
    expect(result.checks.map((c) => [c.check, c.status, c.detailRows])).toEqual([
      ['Invoice accuracy', 'Red Flag', 2], // the $150 one red, the 0.5% one listed as OK
      ['Billing-to-contract', 'Red Flag', 1],
      ['Unexpected invoices', 'OK', 0],
      ['Failed payment review', 'Red Flag', 4], // 1 of 7 = 14.29% > 10%, and 3 retries did not fire
      ['New customer validation', 'No Data', 0],
      ['Integration health', 'Red Flag', 2],
    ]);
    expect(findings(result, 'Invoice accuracy').map((f) => [f.invoiceId, f.difference?.toFixed(2), f.status])).toEqual([
      ['IN-1', '150.00', 'Red Flag'],
      ['IN-2', '75.00', 'OK'],
    ]);
    expect(findings(result, 'Billing-to-contract').map((f) => f.invoiceId)).toEqual(['INV-C8-20260303']);
  });

  it('the invoice error rate trigger follows from the one red-flagged invoice of seven', () => {
    expect(result.triggers.map((t) => [t.check, t.status, t.figureText])).toEqual([
      ['Invoice error rate', 'Triggered', '14.29% (1 of 7 invoices in error)'],
      ['Failed payment rate', 'OK', '2026-03: 14.29%; 2026-02: No Data'],
      ['CRM-to-billing sync failures', 'OK', '2 Failure rows in 2026-03'],
      ['Amendment volume', 'OK', '0.00% (0 of 8 active contracts amended)'],
      ['New pricing model', 'OK', '0 of 0 contracts starting this month use a new pricing model or billing frequency'],
    ]);
    expect(result.counts).toEqual({
      activeContracts: 8, expectedDocuments: 8, actualInvoices: 7, matchedInvoices: 7, invoicesInError: 1, redFlags: 4, triggered: 1,
    });
  });
});
