import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import type { PaymentAttempt } from '../../src/reconcile/model';
import { d, input, invoice, payment } from './builders';
import { findings, row } from './helpers';

/** n invoices dated 2026-03-02 whose first attempt (on `date`) failed for `failed` of them. */
function firstAttempts(prefix: string, date: string, total: number, failed: number): PaymentAttempt[] {
  return Array.from({ length: total }, (_, i) => payment(`${prefix}${i}`, date, i < failed ? 'Failed' : 'Succeeded', '100.00'));
}

/** Retries for failed ones so dunning never distracts the rate tests. */
function retriesFor(prefix: string, failedOn: string, failed: number): PaymentAttempt[] {
  const base = d(failedOn);
  return Array.from({ length: failed }, (_, i) => [3, 5, 7].map((offset) => ({ ...payment(`${prefix}${i}`, failedOn, 'Failed', '100.00'), attemptDate: (base + offset) as typeof base }))).flat();
}

describe('Failed payment review', () => {
  it.each([
    [1, 11, 'OK', '9.09% (1 of 11 invoices\' first attempts failed)'],
    [1, 10, 'OK', '10.00% (1 of 10 invoices\' first attempts failed)'],
    [2, 19, 'Red Flag', '10.53% (2 of 19 invoices\' first attempts failed)'],
  ])('%i failed of %i first attempts -> %s', (failed, total, status, text) => {
    const result = reconcileMonth(input({
      payments: [...firstAttempts('I-', '2026-03-02', total, failed), ...retriesFor('I-', '2026-03-02', failed)],
    }));
    expect(row(result, 'Failed payment review').status).toBe(status);
    expect(row(result, 'Failed payment review').figureText).toBe(`${text}; 0 dunning retries did not fire`);
    expect(findings(result, 'Failed payment review')).toHaveLength(failed);
  });

  it('takes the first attempt by lowest Attempt, else earliest date', () => {
    const result = reconcileMonth(input({
      invoices: [invoice('B', 'C1', '2026-03-01', '100.00')],
      payments: [
        payment('A', '2026-03-05', 'Succeeded', '100.00', { attempt: 2 }),
        payment('A', '2026-02-27', 'Failed', '100.00', { attempt: 1 }),
        payment('B', '2026-03-03', 'Failed', '100.00'),
        payment('B', '2026-03-01', 'Succeeded', '50.00'),
      ],
    }));
    // A's first attempt is in February; B's first (earliest) attempt succeeded, for 50.00 of 100.00,
    // so B's later failure starts dunning and none of its retries fired.
    expect(row(result, 'Failed payment review').figureText).toBe("0.00% (0 of 1 invoices' first attempts failed); 3 dunning retries did not fire");
    expect(findings(result, 'Failed payment review').map((f) => f.invoiceId)).toEqual(['B', 'B', 'B', 'B']);
  });

  const failedOn10 = (...later: PaymentAttempt[]) => [payment('I-1', '2026-03-10', 'Failed', '500.00'), ...later];

  it('dunning fired: an attempt within 1 day of each retry date (3, 5, 7 days after the failure)', () => {
    const result = reconcileMonth(input({
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: failedOn10(
        payment('I-1', '2026-03-12', 'Failed', '500.00'),
        payment('I-1', '2026-03-16', 'Failed', '500.00'),
        payment('I-1', '2026-03-17', 'Failed', '500.00'),
      ),
    }));
    expect(findings(result, 'Failed payment review').map((f) => f.rule)).toEqual([
      'payment attempt failed on 2026-03-10: 500.00 USD (card_declined)',
    ]);
    expect(row(result, 'Failed payment review').status).toBe('Red Flag'); // 1 of 1 first attempts failed
  });

  it('dunning did not fire: a retry with no attempt within 1 day', () => {
    const result = reconcileMonth(input({
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: [...failedOn10(payment('I-1', '2026-03-11', 'Failed', '500.00')), ...firstAttempts('OK-', '2026-03-01', 10, 0)],
    }));
    expect(findings(result, 'Failed payment review').map((f) => [f.invoiceId, f.status, f.rule])).toEqual([
      ['I-1', 'OK', 'payment attempt failed on 2026-03-10: 500.00 USD (card_declined)'],
      ['I-1', 'Red Flag', 'dunning did not fire: retry 1 due 2026-03-13 (3 days after the failed attempt on 2026-03-10); no attempt within 1 day'],
      ['I-1', 'Red Flag', 'dunning did not fire: retry 2 due 2026-03-15 (5 days after the failed attempt on 2026-03-10); no attempt within 1 day'],
      ['I-1', 'Red Flag', 'dunning did not fire: retry 3 due 2026-03-17 (7 days after the failed attempt on 2026-03-10); no attempt within 1 day'],
    ]);
    expect(row(result, 'Failed payment review').status).toBe('Red Flag');
    expect(row(result, 'Failed payment review').figureText).toBe("9.09% (1 of 11 invoices' first attempts failed); 3 dunning retries did not fire");
  });

  it('no retry is expected once the invoice is paid; a partial payment does not stop dunning', () => {
    const paid = reconcileMonth(input({
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: failedOn10(payment('I-1', '2026-03-13', 'Succeeded', '500.00')),
    }));
    expect(row(paid, 'Failed payment review').figureText).toBe("100.00% (1 of 1 invoices' first attempts failed); 0 dunning retries did not fire");
    expect(findings(paid, 'Failed payment review')[0].rule).toBe('payment attempt failed on 2026-03-10: 500.00 USD (card_declined); invoice since paid');
    const partial = reconcileMonth(input({
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: failedOn10(payment('I-1', '2026-03-13', 'Succeeded', '200.00')),
    }));
    expect(row(partial, 'Failed payment review').figureText).toBe("100.00% (1 of 1 invoices' first attempts failed); 2 dunning retries did not fire");
  });

  it('no retry is expected after the As Of Date (a retry due on it is)', () => {
    const run = (asOf: string) => reconcileMonth(input({
      settings: { asOfDate: d(asOf) },
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: failedOn10(),
    }));
    const dunning = (asOf: string) => findings(run(asOf), 'Failed payment review').filter((f) => f.rule.startsWith('dunning'));
    expect(dunning('2026-03-12')).toHaveLength(0);
    expect(dunning('2026-03-13').map((f) => f.rule)).toEqual([
      'dunning did not fire: retry 1 due 2026-03-13 (3 days after the failed attempt on 2026-03-10); no attempt within 1 day',
    ]);
    expect(dunning('2026-03-16')).toHaveLength(2);
    expect(dunning('2026-03-17')).toHaveLength(3);
  });

  it('Dunning Retry Days come from Settings', () => {
    const result = reconcileMonth(input({
      settings: { dunningRetryDays: [2] },
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: failedOn10(payment('I-1', '2026-03-14', 'Failed', '500.00')),
    }));
    expect(findings(result, 'Failed payment review').filter((f) => f.rule.startsWith('dunning')).map((f) => f.rule)).toEqual([
      'dunning did not fire: retry 1 due 2026-03-12 (2 days after the failed attempt on 2026-03-10); no attempt within 1 day',
    ]);
    // with the default 3, 5, 7 the 2026-03-14 attempt is within 1 day of retry 1 (03-13) and of retry 2
    // (03-15): as the rule is written, it counts for both
    const defaults = reconcileMonth(input({
      invoices: [invoice('I-1', 'C1', '2026-03-01', '500.00')],
      payments: failedOn10(payment('I-1', '2026-03-14', 'Failed', '500.00')),
    }));
    expect(findings(defaults, 'Failed payment review').filter((f) => f.rule.startsWith('dunning')).map((f) => f.rule.slice(0, 38))).toEqual([
      'dunning did not fire: retry 3 due 2026',
    ]);
  });
});

describe('Failed payment rate trigger (> 10% in M and in M - 1)', () => {
  const months = (febFailed: number, marFailed: number) =>
    reconcileMonth(input({
      payments: [
        ...firstAttempts('F-', '2026-02-10', 10, febFailed), ...retriesFor('F-', '2026-02-10', febFailed),
        ...firstAttempts('M-', '2026-03-10', 10, marFailed), ...retriesFor('M-', '2026-03-10', marFailed),
      ],
    }));
  it.each([
    [2, 2, 'Triggered'],
    [1, 2, 'OK'],
    [2, 1, 'OK'],
  ])('February %i of 10, March %i of 10 -> %s', (feb, mar, status) => {
    expect(row(months(feb, mar), 'Failed payment rate').status).toBe(status);
  });
  it('states both months', () => {
    expect(row(months(2, 2), 'Failed payment rate').figureText).toBe('2026-03: 20.00%; 2026-02: 20.00%');
    const marchOnly = reconcileMonth(input({ payments: [...firstAttempts('M-', '2026-03-10', 10, 2), ...retriesFor('M-', '2026-03-10', 2)] }));
    expect(row(marchOnly, 'Failed payment rate').figureText).toBe('2026-03: 20.00%; 2026-02: No Data');
    expect(row(marchOnly, 'Failed payment rate').status).toBe('OK');
  });
});
