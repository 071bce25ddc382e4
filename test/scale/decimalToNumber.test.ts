import { Decimal } from '../../src/core/decimal';
import { decimalToNumber, moneyCell } from '../../src/workbook/render/cells';

/** A seeded generator, so a failure names a value that can be reproduced. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('decimalToNumber', () => {
  it('is exactly toNumber() for amounts, factors, quantities and extremes', () => {
    const fixed = ['0', '-0', '833.37', '-75.50', '0.1', '0.2', '0.3', '1e-7', '123456789012.34', '-9007199254740991', '9007199254740993',
      '17.0000000000000001', '0.000000000000000000000001', '1e21', '1e30', '123456789.123456789', '0.5483870967741935483870967741935484',
      '99999999999999.99', '-0.005', '1234567.891', '100', '1e22', '1e23'];
    for (const text of fixed) expect(Object.is(decimalToNumber(new Decimal(text)), new Decimal(text).toNumber())).toBe(true);
    const random = lcg(7);
    for (let i = 0; i < 10_000; i++) {
      const units = Math.floor(random() * 10 ** (1 + Math.floor(random() * 15)));
      const scale = Math.floor(random() * 12);
      const value = new Decimal(units).div(new Decimal(10).pow(scale)).times(random() < 0.3 ? -1 : 1);
      const divided = new Decimal(units).div(1 + Math.floor(random() * 997));
      for (const v of [value, divided]) {
        if (!Object.is(decimalToNumber(v), v.toNumber())) throw new Error(`${v.toString()}: ${decimalToNumber(v)} != ${v.toNumber()}`);
      }
    }
  });

  it('keeps null money blank', () => {
    expect(moneyCell(null)).toBeNull();
    expect(moneyCell(new Decimal('833.37'))).toBe(833.37);
  });
});
