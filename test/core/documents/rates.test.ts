import { allocateByLargestRemainder } from '../../../src/core/documents';
import fc from 'fast-check';
import { FxTable, fxRateOn } from '../../../src/core/fx';
import { addDays } from '../../../src/core/calendarDate';
import { taxRateOn } from '../../../src/core/tax';
import { d, dec, fxRate, taxRate } from './builders';

describe('fxRateOn', () => {
  const rates = [
    fxRate('EUR', '1.0857', '2026-02-01', 3),
    fxRate('EUR', '1.10', '2026-01-01', 2),
    fxRate('GBP', '1.27', '2026-01-15', 4),
    fxRate('EUR', '1.0900', '2026-02-01', 5),
  ];

  it('is 1 for the reporting currency, with or without rates', () => {
    expect(fxRateOn([], 'USD', d('2020-01-01'), 'USD')?.toString()).toBe('1');
    expect(fxRateOn(rates, 'usd', d('2020-01-01'), 'USD')?.toString()).toBe('1');
  });

  it('takes the latest rate with As Of on or before the date', () => {
    expect(fxRateOn(rates, 'EUR', d('2026-01-01'), 'USD')?.toString()).toBe('1.1');
    expect(fxRateOn(rates, 'EUR', d('2026-01-31'), 'USD')?.toString()).toBe('1.1');
    expect(fxRateOn(rates, 'GBP', d('2026-03-01'), 'USD')?.toString()).toBe('1.27');
  });

  it('breaks a tie on one As Of by the lower sheet row (the later correction)', () => {
    expect(fxRateOn(rates, 'EUR', d('2026-02-01'), 'USD')?.toString()).toBe('1.09');
  });

  it('FxTable (the indexed look-up the jobs use) agrees with fxRateOn', () => {
    const rowArb = fc.record({ currency: fc.constantFrom('EUR', 'GBP', 'usd'), rate: fc.integer({ min: 1, max: 999 }), day: fc.nat({ max: 60 }) });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), fc.constantFrom('EUR', 'GBP', 'USD', 'JPY'), fc.nat({ max: 70 }), (rows, currency, day) => {
        const rates = rows.map((r, i) => fxRate(r.currency, String(r.rate), '2026-01-01', i + 2)).map((r, i) => ({ ...r, asOf: addDays(r.asOf, rows[i].day) }));
        const date = addDays(d('2026-01-01'), day);
        const table = new FxTable(rates, 'USD');
        expect(table.rateOn(currency, date)?.toString() ?? null).toBe(fxRateOn(rates, currency, date, 'USD')?.toString() ?? null);
      }),
      { numRuns: 1000 },
    );
  });

  it('is null, never 0, before the first rate or for a currency without rates', () => {
    expect(fxRateOn(rates, 'EUR', d('2025-12-31'), 'USD')).toBeNull();
    expect(fxRateOn(rates, 'JPY', d('2026-06-01'), 'USD')).toBeNull();
  });
});

describe('taxRateOn', () => {
  const rates = [
    taxRate('US-CA', '7.25', null, 2),
    taxRate('US-CA', '8', '2026-07-01', 3),
    taxRate('DE', '19', '2026-01-01', 4),
    taxRate('DE', '16', '2026-01-01', 5),
    taxRate('DE', '19', '2026-03-01', 6),
    taxRate('GB', '20', '2026-06-01', 7),
  ];

  it('uses a blank Effective From as always, superseded by a dated row once in force', () => {
    const before = taxRateOn(rates, 'US-CA', d('2026-06-30'));
    const after = taxRateOn(rates, 'us-ca', d('2026-07-01'));
    expect(before !== 'unknown' && before !== 'duplicate' && before.rate.toString()).toBe('0.0725');
    expect(after !== 'unknown' && after !== 'duplicate' && [after.rate.toString(), after.taxName]).toEqual(['0.08', 'US-CA tax']);
  });

  it('is duplicate only while two rows are in force from the same Effective From', () => {
    expect(taxRateOn(rates, 'DE', d('2026-02-01'))).toBe('duplicate');
    const later = taxRateOn(rates, 'DE', d('2026-03-01'));
    expect(later !== 'unknown' && later !== 'duplicate' && later.rate.toString()).toBe('0.19');
  });

  it('is unknown for an unlisted jurisdiction or before its first Effective From', () => {
    expect(taxRateOn(rates, 'FR', d('2026-02-01'))).toBe('unknown');
    expect(taxRateOn(rates, 'GB', d('2026-05-31'))).toBe('unknown');
  });
});

describe('allocateByLargestRemainder', () => {
  const shares = (total: string, weights: string[], places = 2) =>
    allocateByLargestRemainder(dec(total), weights.map(dec), places).map((s) => s.toFixed(places));

  it('sums exactly to the total with the leftover to the largest remainders', () => {
    expect(shares('4.35', ['10.00', '20.00', '30.01'])).toEqual(['0.72', '1.45', '2.18']);
    expect(shares('0.02', ['1', '1', '1'])).toEqual(['0.01', '0.01', '0.00']);
    expect(shares('100', ['1', '2', '3', '4'], 0)).toEqual(['10', '20', '30', '40']);
  });

  it('handles negative totals and zero weights', () => {
    expect(shares('-0.10', ['1', '1', '1'])).toEqual(['-0.03', '-0.03', '-0.04']);
    expect(shares('0.00', ['0', '0'])).toEqual(['0.00', '0.00']);
  });
});
