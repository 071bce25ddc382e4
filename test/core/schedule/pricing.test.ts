import fc from 'fast-check';
import { Decimal, ZERO } from '../../../src/core/decimal';
import { fullPeriodAmount, priceThroughTiers } from '../../../src/core/pricing';
import { roundSegment, roundSegmentRuns } from '../../../src/core/segments';
import { contractLine, dec, tier } from './builders';

describe('priceThroughTiers (Stripe up_to)', () => {
  const tiers = [tier('T', 51, null, '6', '25'), tier('T', 1, 10, '10', '0'), tier('T', 11, 50, '8', '3')];
  test.each([
    ['Tiered', 0, '0'],
    ['Tiered', 10, '100'], // the second tier's flat fee needs a unit above 10
    ['Tiered', 11, '111'], // 100 + 1 x 8 + 3
    ['Tiered', 50, '423'], // 100 + 40 x 8 + 3
    ['Tiered', 51, '454'], // 423 + 6 + 25
    ['Volume', 0, '0'],
    ['Volume', 10, '100'],
    ['Volume', 11, '91'], // 11 x 8 + 3
    ['Volume', 51, '331'], // 51 x 6 + 25
    ['Tiered', '10.5', '107'], // fractional units: 100 + 0.5 x 8 + 3
  ] as const)('%s %s units = %s', (model, units, amount) => {
    expect(priceThroughTiers(tiers, dec(units), model).toString()).toBe(amount);
  });

  test('Package rounds packages up', () => {
    expect(priceThroughTiers([], dec(2001), 'Package', dec(1000), dec(12)).toString()).toBe('36');
    expect(priceThroughTiers([], dec(2000), 'Package', dec(1000), dec(12)).toString()).toBe('24');
    expect(priceThroughTiers([], dec(0), 'Package', dec(1000), dec(12)).toString()).toBe('0');
  });
});

describe('fullPeriodAmount', () => {
  test('Unit Price x Quantity x (period months / basis months), unrounded', () => {
    const yearly = contractLine({ priceBasis: 'Year' });
    expect(fullPeriodAmount(yearly, dec(3), dec(12000), 3, 12).toString()).toBe('9000');
    expect(fullPeriodAmount(yearly, dec(1), dec(10000), 1, 12).toFixed(10)).toBe('833.3333333333');
    expect(fullPeriodAmount(contractLine({ priceBasis: 'Month' }), dec(2), dec(100), 3, 12).toString()).toBe('600');
    expect(fullPeriodAmount(contractLine({ priceBasis: 'Term' }), dec(1), dec(36000), 12, 36).toString()).toBe('12000');
    expect(fullPeriodAmount(contractLine({ priceBasis: null, billingFrequency: 'Quarterly' }), dec(2), dec(500), 3, 12).toString()).toBe('1000');
  });

  test('Tiered lines price the quantity through their tiers first', () => {
    const line = contractLine({ priceBasis: 'Month', pricingModel: 'Tiered', tierTable: 'T' });
    const tiers = [tier('T', 1, 10, '10'), tier('T', 11, null, '8')];
    expect(fullPeriodAmount(line, dec(25), dec(0), 3, 12, tiers).toString()).toBe('660');
  });
});

describe('roundSegment', () => {
  test('each installment rounded once, the last takes the remainder', () => {
    const third = new Decimal(10000).dividedBy(12);
    const rounded = roundSegment(Array(12).fill(third), 'USD', 'Half Up');
    expect(rounded.map((r) => r.toFixed(2))).toEqual([...Array(11).fill('833.33'), '833.37']);
  });

  test('runs give the same answer', () => {
    const third = new Decimal(10000).dividedBy(12);
    const runs = roundSegmentRuns([{ unrounded: third, count: 12 }], new Decimal(10000), 'USD', 'Half Up');
    expect(runs.installments[0].toFixed(2)).toBe('833.33');
    expect(runs.last.toFixed(2)).toBe('833.37');
    expect(runs.remainder.toFixed(2)).toBe('0.04');
  });

  test('a given exact total wins over the sum of inexact installments', () => {
    const third = new Decimal(1).dividedBy(3);
    expect(roundSegment([third, third, third], 'USD', 'Half Up', new Decimal(1)).map((r) => r.toFixed(2))).toEqual(['0.33', '0.33', '0.34']);
  });

  // Runs of one repeated amount (one Decimal) are rounded once and added as amount x count:
  // the same installments as the same amounts each its own Decimal, rounded period by period.
  test('runs of a repeated amount round as each period one by one would', () => {
    const run = fc.record({ cents: fc.integer({ min: -10_000_000, max: 10_000_000 }), thousandths: fc.integer({ min: 0, max: 9 }), count: fc.integer({ min: 1, max: 40 }) });
    fc.assert(fc.property(fc.array(run, { minLength: 1, maxLength: 6 }), fc.boolean(), (runs, total) => {
      const amounts = runs.flatMap(({ cents, thousandths, count }) => Array<Decimal>(count).fill(new Decimal(cents).plus(new Decimal(thousandths).dividedBy(10)).dividedBy(100)));
      const oneByOne = amounts.map((a) => new Decimal(a));
      const given = total ? amounts.reduce((t, a) => t.plus(a), ZERO).plus('0.004') : undefined;
      expect(roundSegment(amounts, 'USD', 'Half Up', given).map((r) => r.toFixed(2)))
        .toEqual(roundSegment(oneByOne, 'USD', 'Half Up', given).map((r) => r.toFixed(2)));
    }), { numRuns: 1000 });
  });

  test('an empty segment is empty', () => {
    expect(roundSegment([], 'USD', 'Half Up')).toEqual([]);
  });
});
