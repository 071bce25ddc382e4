import { anniversaryPeriods, lineValue, termMonths } from '../../src/analysis/lineValue';
import { cleanRow, date } from './book';

describe('line value and term, as the billing core prorates', () => {
  test.each([
    ['2026-01-01', '2026-12-31', 1, '12', 12],
    ['2026-01-15', '2026-04-14', 1, '3', 3],
    ['2026-01-01', '2026-03-15', 1, '2.483870967741935483870967741935484', 3],
    ['2026-01-31', '2026-03-30', 1, '2', 2], // Jan 31 -> Feb 28 -> Mar 31: [Jan 31, Feb 27], [Feb 28, Mar 30]
    ['2026-01-01', '2028-12-31', 3, '12', 12],
    ['2026-01-01', '2026-05-31', 3, '1.67032967032967032967032967032967', 2], // Apr 1 - May 31 = 61 of 91 days
    ['2026-03-01', '2026-03-01', 12, '0.002739726027397260273972602739726027', 1],
  ])('%s to %s every %i months: factors %s over %i periods', (start, end, cadence, factors, periods) => {
    const sum = anniversaryPeriods(date(start), date(end), cadence);
    expect([sum.factors.toString(), sum.periods]).toEqual([factors, periods]);
  });

  test('term months and a ramp line value', () => {
    // Feb 29 anchors: the last period [2025-01-29, 2025-02-27] is whole (next start clamps to Feb 28)
    expect(termMonths(date('2024-02-29'), date('2025-02-27')).toString()).toBe('12');
    expect(termMonths(date('2024-02-29'), date('2025-02-26')).toString()).toBe('11.96666666666666666666666666666667');
    const value = lineValue(cleanRow(2, { unitPrice: 12000, priceBasis: 'Year', quantity: 2, discountPct: 0.1, billingFrequency: 'Quarterly' }).line)!;
    expect([value.gross.toString(), value.net.toString(), value.periods]).toEqual(['24000', '21600', 4]);
  });

  test('a very long line is bounded, not walked day by day', () => {
    const started = Date.now();
    const sum = anniversaryPeriods(date('2000-01-01'), date('2999-12-31'), 1);
    expect(sum.periods).toBeLessThanOrEqual(1202);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
