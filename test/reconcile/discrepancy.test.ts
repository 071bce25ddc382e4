import { reconcileMonth } from '../../src/reconcile/reconcileMonth';
import { contract, dec, expected, fx, input, invoice } from './builders';
import { brief, findings, row } from './helpers';

const c1 = contract('C1', '2026-01-01', '2026-12-31');

function accuracy(expectedSubtotal: string, actualSubtotal: string, extra: Parameters<typeof input>[0] = {}) {
  const result = reconcileMonth(input({
    contracts: [c1],
    expected: [expected('C1', '2026-03-01', expectedSubtotal)],
    invoices: [invoice('I-1', 'C1', '2026-03-01', actualSubtotal)],
    ...extra,
  }));
  return { status: row(result, 'Invoice accuracy').status, findings: findings(result, 'Invoice accuracy'), result };
}

describe('discrepancy thresholds ($100 or 1%; exactly at a threshold is OK)', () => {
  // 20,000.00 expected: 1% = 200.00, so the $100 amount threshold decides.
  it.each([
    ['20099.99', 'OK'],
    ['20100.00', 'OK'],
    ['20100.01', 'Red Flag'],
    ['19899.99', 'Red Flag'],
  ])('amount threshold: 20000.00 expected, %s actual -> %s', (actual, status) => {
    expect(accuracy('20000.00', actual).status).toBe(status);
  });

  // 5,000.00 expected: 1% = 50.00 is under $100, so the percent threshold decides.
  it.each([
    ['5049.99', 'OK'],
    ['5050.00', 'OK'],
    ['5050.01', 'Red Flag'],
    ['4949.99', 'Red Flag'],
  ])('percent threshold: 5000.00 expected, %s actual -> %s', (actual, status) => {
    expect(accuracy('5000.00', actual).status).toBe(status);
  });

  it('reports a difference within thresholds as an OK finding and exact agreement as none', () => {
    const within = accuracy('15000.00', '15075.00');
    expect(within.findings.map(brief)).toEqual([{ invoiceId: 'I-1', expected: '15000.00', actual: '15075.00', difference: '75.00', status: 'OK' }]);
    expect(within.findings[0].differencePct?.toString()).toBe('0.005');
    expect(within.findings[0].rule).toBe(
      'matched INV-C1-20260301 by Contract ID + Invoice Date; |difference| 75.00 USD <= 100.00 USD; 0.50% of expected <= 1.00%: within thresholds',
    );
    expect(within.result.counts.invoicesInError).toBe(0);
    expect(accuracy('15000.00', '15000.00').findings).toEqual([]);
  });

  it('flags $150 off a 15,000.00 invoice with the rule in words', () => {
    const off = accuracy('15000.00', '15150.00');
    expect(off.status).toBe('Red Flag');
    expect(off.findings[0].rule).toBe(
      'matched INV-C1-20260301 by Contract ID + Invoice Date; |difference| 150.00 USD > 100.00 USD; 1.00% of expected <= 1.00%',
    );
  });

  it('converts the difference to the reporting currency at the expected invoice date rate', () => {
    const eur = (actual: string) => {
      const result = reconcileMonth(input({
        contracts: [contract('C1', '2026-01-01', '2026-12-31', { currency: 'EUR' })],
        expected: [expected('C1', '2026-03-01', '20000.00', { currency: 'EUR' })],
        invoices: [invoice('I-1', 'C1', '2026-03-01', actual, { currency: 'EUR' })],
        // the 2026-03-02 rate is after the invoice date and must not be used
        fxRates: [fx('EUR', '1.10', '2026-02-27'), fx('EUR', '2.00', '2026-03-02')],
      }));
      return row(result, 'Invoice accuracy').status;
    };
    expect(eur('20090.90')).toBe('OK'); // 90.90 x 1.10 = 99.99
    expect(eur('20090.91')).toBe('OK'); // 100.001 -> 100.00 USD, at the threshold
    expect(eur('20091.00')).toBe('Red Flag'); // 100.10 USD
  });

  it('flags a difference it cannot convert (no FX rate) and says why', () => {
    const result = reconcileMonth(input({
      contracts: [contract('C1', '2026-01-01', '2026-12-31', { currency: 'EUR' })],
      expected: [expected('C1', '2026-03-01', '20000.00', { currency: 'EUR' })],
      invoices: [invoice('I-1', 'C1', '2026-03-01', '20000.01', { currency: 'EUR' })],
    }));
    expect(row(result, 'Invoice accuracy').status).toBe('Red Flag');
    expect(findings(result, 'Invoice accuracy')[0].rule).toContain('no FX rate for EUR on or before the invoice date');
  });

  it('a currency mismatch is a discrepancy', () => {
    const mismatch = accuracy('1000.00', '1000.00', { invoices: [invoice('I-1', 'C1', '2026-03-01', '1000.00', { currency: 'EUR' })] });
    expect(mismatch.status).toBe('Red Flag');
    expect(mismatch.findings[0].difference).toBeNull();
    expect(mismatch.findings[0].rule).toBe('matched INV-C1-20260301 by Contract ID + Invoice Date; currency mismatch: actual EUR, expected USD');
  });

  it('thresholds come from Settings: change one and the status follows', () => {
    expect(accuracy('20000.00', '20150.00').status).toBe('Red Flag');
    expect(accuracy('20000.00', '20150.00', { settings: { discrepancyAmountThreshold: dec(150) } }).status).toBe('OK');
    expect(accuracy('5000.00', '5060.00').status).toBe('Red Flag');
    expect(accuracy('5000.00', '5060.00', { settings: { discrepancyPercentThreshold: dec('0.012') } }).status).toBe('OK');
  });
});
