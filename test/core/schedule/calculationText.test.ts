import {
  formatFraction, formatMinorUnits, formatMonths, formatPercent, formatPrice, formatQuantity, remainderText,
  remainderTextMinor, wholeQuantityText,
} from '../../../src/core/calculationText';
import fc from 'fast-check';
import { formatAmount } from '../../../src/core/money';
import { dec } from './builders';

describe('Calculation text numbers', () => {
  test.each([
    ['0', 'USD', '0.00'], ['5', 'USD', '5.00'], ['999.995', 'USD', '1,000.00'], ['1000', 'USD', '1,000.00'],
    ['-1234567.891', 'USD', '-1,234,567.89'], ['123456', 'JPY', '123,456'], ['-100', 'JPY', '-100'],
    ['1000.1234', 'KWD', '1,000.123'], ['100000', 'USD', '100,000.00'], ['1000.5', 'USD', '1,000.50'], ['-0.5', 'KWD', '-0.500'], ['12.30', 'USD', '12.30'],
  ])('formatAmount(%s %s) = %s', (value, currency, text) => {
    expect(formatAmount(dec(value), currency)).toBe(text);
  });

  test('an amount that is not a number reads as decimal.js writes it, not cut into groups', () => {
    expect(formatAmount(dec('Infinity'), 'USD')).toBe('Infinity');
    expect(formatAmount(dec('-Infinity'), 'USD')).toBe('-Infinity');
    expect(formatAmount(dec('NaN'), 'USD')).toBe('NaN');
  });

  test('a negative amount that rounds to zero prints as 0.00, never -0.00', () => {
    expect(formatAmount(dec('-0.004'), 'USD')).toBe('0.00');
    expect(formatAmount(dec('-0'), 'JPY')).toBe('0');
  });

  test('prices keep their own decimals, quantities all of theirs', () => {
    expect(formatPrice(dec('0.125'), 'USD')).toBe('0.125');
    expect(formatPrice(dec('12000'), 'USD')).toBe('12,000.00');
    expect(formatPrice(dec('150000'), 'JPY')).toBe('150,000');
    expect(formatQuantity(dec('1500'))).toBe('1,500');
    expect(formatQuantity(dec('2.5'))).toBe('2.5');
  });

  // whole numbers below 10^14 take a shortcut past decimal.js's toString: both sides of each
  // 10^7 word boundary, negatives, and fractions that must not take it
  test.each([
    ['9999999', '9,999,999'], ['10000000', '10,000,000'], ['12345678', '12,345,678'], ['70000001', '70,000,001'],
    ['99999999999999', '99,999,999,999,999'], ['100000000000000', '100,000,000,000,000'], ['-10000001', '-10,000,001'],
    ['1234567.5', '1,234,567.5'], ['12345678.25', '12,345,678.25'], ['0.001', '0.001'], ['-0', '0'], ['1e20', '100,000,000,000,000,000,000'],
  ])('quantity %s reads %s', (value, text) => {
    expect(formatQuantity(dec(value))).toBe(text);
  });

  test('percent, fractions and months', () => {
    expect(formatPercent(dec('0.1'))).toBe('10%');
    expect(formatPercent(dec('0.125'))).toBe('12.5%');
    expect(formatFraction({ numerator: 17, denominator: 31 })).toBe('17/31');
    expect(formatFraction({ numerator: 3, denominator: 1 })).toBe('3');
    expect(formatMonths({ numerator: 36, denominator: 1 })).toBe('36');
    expect(formatMonths({ numerator: 48, denominator: 31 })).toBe('1.548387');
  });

  test('whole minor units print as amounts', () => {
    expect(formatMinorUnits(83337n, 2)).toBe('833.37');
    expect(formatMinorUnits(5n, 2)).toBe('0.05');
    expect(formatMinorUnits(-5n, 3)).toBe('-0.005');
    expect(formatMinorUnits(123456789n, 2)).toBe('1,234,567.89');
    expect(formatMinorUnits(-8337n, 0)).toBe('-8,337');
    expect(formatMinorUnits(0n, 2)).toBe('0.00');
    expect(remainderTextMinor('x', 83333n, 4n, 2)).toBe('x = 833.33 + 0.04 segment remainder = 833.37');
    expect(remainderTextMinor('x', 72917n, -4n, 2)).toBe('x = 729.17 - 0.04 segment remainder = 729.13');
    expect(remainderTextMinor('x', 100000n, 0n, 2)).toBe('x = 1,000.00');
  });

  test('the remainder phrase', () => {
    expect(remainderText('x', dec('833.33'), dec('0.04'), 'USD')).toBe('x = 833.33 + 0.04 segment remainder = 833.37');
    expect(remainderText('x', dec('729.17'), dec('-0.04'), 'USD')).toBe('x = 729.17 - 0.04 segment remainder = 729.13');
    expect(remainderText('x', dec('1000'), dec('0'), 'USD')).toBe('x = 1,000.00');
  });
});

describe('wholeQuantityText', () => {
  test.each([
    [0, '0'], [999, '999'], [1000, '1,000'], [1001, '1,001'], [10000, '10,000'], [999999, '999,999'], [1000000, '1,000,000'],
    [12345678, '12,345,678'], [999999999, '999,999,999'], [1e9, '1,000,000,000'], [-1234, '-1,234'], [-1000000, '-1,000,000'],
  ])('%d is written %s', (units, text) => {
    expect(wholeQuantityText(units)).toBe(text);
  });

  it('writes any whole number with a comma between each group of three digits', () => {
    fc.assert(fc.property(fc.integer({ min: -2e9, max: 2e9 }), (units) => {
      expect(wholeQuantityText(units)).toBe(String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    }), { numRuns: 5000 });
  });
});
