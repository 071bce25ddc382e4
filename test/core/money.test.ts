import { Decimal } from '../../src/core/decimal';
import { formatAmount, minorUnits, roundMoney } from '../../src/core/money';

describe('money', () => {
  test('minor units follow ISO 4217', () => {
    expect([minorUnits('USD'), minorUnits('JPY'), minorUnits('KWD'), minorUnits('BHD')]).toEqual([2, 0, 3, 3]);
  });

  test('Half Up rounds away from zero, Half Even to the even neighbour', () => {
    expect(roundMoney(new Decimal('2.345'), 'USD', 'Half Up').toFixed(2)).toBe('2.35');
    expect(roundMoney(new Decimal('-2.345'), 'USD', 'Half Up').toFixed(2)).toBe('-2.35');
    expect(roundMoney(new Decimal('2.345'), 'USD', 'Half Even').toFixed(2)).toBe('2.34');
    expect(roundMoney(new Decimal('2.5'), 'JPY', 'Half Even').toFixed(0)).toBe('2');
    expect(roundMoney(new Decimal('1.0005'), 'KWD', 'Half Up').toFixed(3)).toBe('1.001');
  });

  test('amounts are written with separators and the currency\'s decimals, never "-0.00"', () => {
    expect(formatAmount(new Decimal('1234567.891'), 'USD')).toBe('1,234,567.89');
    expect(formatAmount(new Decimal('-13545.21'), 'USD')).toBe('-13,545.21');
    expect(formatAmount(new Decimal('150000'), 'JPY')).toBe('150,000');
    expect(formatAmount(new Decimal('-0.004'), 'USD')).toBe('0.00');
  });
});
