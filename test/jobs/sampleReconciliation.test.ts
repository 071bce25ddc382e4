import { MemoryHost } from '../support/memoryHost';
import { runJob } from '../../src/jobs/runJob';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { PLANTED } from '../../src/jobs/sampleBook/sampleExports';

/**
 * The sample book's exports carry known planted problems (sampleExports.ts): a $150 overbilled
 * invoice, a $75 (0.5% of $15,000) difference under both thresholds, an invoice never issued,
 * a failed card payment with no retry, and two sync failures inside the 7-day lookback. The
 * Reconciliation sheet must flag exactly those, and nothing else.
 */
describe('month-end reconciliation of the sample book', () => {
  const host = new MemoryHost();
  beforeAll(async () => {
    const today = fromISO('2026-11-26') as CalendarDate;
    await runJob('setup', host, { sample: true, today });
    await runJob('reconcile', host, { today });
  });

  test('checks and triggers: the planted ones are red, everything else OK', () => {
    const statuses = Object.fromEntries(host.table('Reconciliation').map((r) => [r['Check'], r['Status']]));
    expect(statuses).toEqual({
      'Invoice accuracy': 'Red Flag',
      'Billing-to-contract': 'Red Flag',
      'Unexpected invoices': 'OK',
      'Failed payment review': 'Red Flag',
      'New customer validation': 'OK',
      'Integration health': 'Red Flag',
      'Invoice error rate': 'OK',
      'Failed payment rate': 'OK',
      'CRM-to-billing sync failures': 'OK',
      'Amendment volume': 'OK',
      'New pricing model': 'OK',
    });
  });

  test('the red detail rows are exactly the planted problems', () => {
    const payments = host.table('Payments');
    const failedOnce = payments.filter((p) => p['Status'] === 'Failed')
      .map((p) => p['Invoice ID'])
      .filter((id) => payments.filter((p) => p['Invoice ID'] === id).length === 1);
    expect(failedOnce).toHaveLength(1);
    const red = host.table('Reconciliation Detail').filter((r) => r['Status'] === 'Red Flag')
      .map((r) => [r['Check'], r['Contract ID'] || r['Invoice ID'] || '', r['Difference']]);
    expect(red).toEqual([
      ['Invoice accuracy', PLANTED.overbilledContract, 150],
      ['Billing-to-contract', PLANTED.missingInvoiceContract, null],
      ...[1, 2, 3].map(() => ['Failed payment review', expect.any(String), null]),
      ['Integration health', '', null],
      ['Integration health', '', null],
    ]);
    const dunning = host.table('Reconciliation Detail').filter((r) => String(r['Rule']).startsWith('dunning did not fire'));
    expect(dunning.map((r) => r['Invoice ID'])).toEqual([failedOnce[0], failedOnce[0], failedOnce[0]]);
    const sync = host.table('Reconciliation Detail').filter((r) => r['Check'] === 'Integration health').map((r) => r['Rule']);
    expect(sync[0]).toContain('2026-10-27');
    expect(sync[1]).toContain('2026-10-29');
  });

  test('the 0.5% difference on the $15,000 invoice is listed but not flagged', () => {
    const row = host.table('Reconciliation Detail').find((r) => r['Contract ID'] === PLANTED.slightlyOffContract);
    expect(row).toMatchObject({ Check: 'Invoice accuracy', Expected: 15000, Actual: 15075, Difference: 75, 'Difference %': 0.005, Status: 'OK' });
  });
});
