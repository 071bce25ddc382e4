import {
  readBoolean, readCurrency, readDate, readDateTime, readDecimal, readEnum, readId, readInteger, readMonth, readPaymentTerms,
  readPercent, CellResult,
} from '../../src/workbook/cellParse';
import { BILLING_FREQUENCIES } from '../../src/workbook/inputSheets';
import { Decimal } from '../../src/core/decimal';
import type { CalendarDate } from '../../src/core/calendarDate';
import { iso } from './inputGrid';

function value<T>(r: CellResult<T>): T {
  if (!r.ok) throw new Error(`expected a value, got: ${r.problem}`);
  return r.value;
}

function problem<T>(r: CellResult<T>): string {
  if (r.ok) throw new Error('expected a problem');
  return r.problem;
}

const isoOf = (r: CellResult<CalendarDate>) => iso(value(r));

describe('dates', () => {
  test.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45658, '2025-01-01'],
    [46000, '2025-12-09'],
    [46113.75, '2026-04-01'],
  ])('1900 serial %p is %s', (serial, expected) => {
    expect(isoOf(readDate(serial, 1900, 'UTC'))).toBe(expected);
  });

  test('serial 60 is the phantom 1900-02-29: an Error, never a date', () => {
    expect(problem(readDate(60, 1900, 'UTC'))).toBe('1900-02-29 does not exist (Excel serial 60 is a phantom day)');
    expect(readDate(60.5, 1900, 'UTC').ok).toBe(false);
    expect(readDate(0, 1900, 'UTC').ok).toBe(false);
  });

  test('serials past 9999-12-31 are Errors, not a crash', () => {
    expect(isoOf(readDate(2958465, 1900, 'UTC'))).toBe('9999-12-31');
    expect(problem(readDateTime(1e12, 1900, 'America/New_York'))).toBe("1000000000000 is beyond 9999-12-31, the last date Excel knows");
    expect(isoOf(readDate(2957003, 1904, 'UTC'))).toBe('9999-12-31');
    expect(readDate(2957004, 1904, 'UTC').ok).toBe(false);
  });

  test('the 1904 date system', () => {
    expect(isoOf(readDate(0, 1904, 'UTC'))).toBe('1904-01-01');
    expect(isoOf(readDate(60, 1904, 'UTC'))).toBe('1904-03-01');
    expect(isoOf(readDate(44538, 1904, 'UTC'))).toBe('2025-12-09');
  });

  test('ISO text, trimmed; impossible dates are Errors', () => {
    expect(isoOf(readDate('2026-03-04', 1900, 'UTC'))).toBe('2026-03-04');
    expect(isoOf(readDate(' 2024-02-29 ', 1900, 'UTC'))).toBe('2024-02-29');
    expect(problem(readDate('2026-02-30', 1900, 'UTC'))).toBe("'2026-02-30' is not a real calendar date");
    expect(problem(readDate('next Tuesday', 1900, 'UTC'))).toBe("'next Tuesday' is not a date");
    expect(readDate(true, 1900, 'UTC').ok).toBe(false);
  });

  test.each(['3/4/2026', '03/04/2026', '3.4.26', '4-3-2026'])('%s is ambiguous: an Error, not a guess', (text) => {
    const r = readDate(text, 1900, 'UTC');
    expect(r.ok).toBe(false);
    expect(problem(r)).toBe(`'${text}' is ambiguous: the order of day and month is unknown`);
    expect(r.ok || r.fix).toBe('Type the date as yyyy-mm-dd, e.g. 2026-03-04');
  });

  test('a date-time in a date field gives its date in the Setting Time Zone', () => {
    const ny = 'America/New_York';
    // 02:00 UTC on 1 April is 22:00 on 31 March in New York (EDT, -4)
    expect(isoOf(readDate('2026-04-01T02:00:00Z', 1900, ny))).toBe('2026-03-31');
    expect(isoOf(readDate('2026-04-01T02:00:00Z', 1900, 'UTC'))).toBe('2026-04-01');
    expect(isoOf(readDate('2026-04-01T02:00:00+02:00', 1900, 'UTC'))).toBe('2026-04-01');
    expect(isoOf(readDate('2026-04-01T01:00:00+02:00', 1900, 'UTC'))).toBe('2026-03-31');
    // no offset: the clock is already Setting Time Zone's, so the typed date stands
    expect(isoOf(readDate('2026-04-01 02:00', 1900, ny))).toBe('2026-04-01');
    expect(isoOf(readDate('2026-04-01 23:59:59', 1900, 'Asia/Tokyo'))).toBe('2026-04-01');
  });

  test('date-times become UTC instants: Z, an offset, or none (= Setting Time Zone)', () => {
    const ny = 'America/New_York';
    expect(value(readDateTime('2026-04-01T02:00:00Z', 1900, ny)).instant).toBe(Date.UTC(2026, 3, 1, 2, 0, 0));
    expect(value(readDateTime('2026-04-01T10:00+05:30', 1900, ny)).instant).toBe(Date.UTC(2026, 3, 1, 4, 30, 0));
    expect(value(readDateTime('2026-04-01 02:00', 1900, ny)).instant).toBe(Date.UTC(2026, 3, 1, 6, 0, 0));
    expect(value(readDateTime('2026-01-15 02:00', 1900, ny)).instant).toBe(Date.UTC(2026, 0, 15, 7, 0, 0));
    expect(value(readDateTime('2026-04-01 02:00', 1900, 'UTC')).instant).toBe(Date.UTC(2026, 3, 1, 2, 0, 0));
    expect(value(readDateTime('2026-04-01T02:00:00.250Z', 1900, 'UTC')).instant).toBe(Date.UTC(2026, 3, 1, 2, 0, 0, 250));
    const r = value(readDateTime('2026-04-01T02:00:00Z', 1900, ny));
    expect(iso(r.date)).toBe('2026-03-31');
  });

  test('a serial with a fraction is a wall-clock time in the Setting Time Zone', () => {
    const r = value(readDateTime(46113.75, 1900, 'America/New_York'));
    expect(r.instant).toBe(Date.UTC(2026, 3, 1, 22, 0, 0));
    expect(iso(r.date)).toBe('2026-04-01');
    expect(value(readDateTime(46113.5, 1900, '+05:30')).instant).toBe(Date.UTC(2026, 3, 1, 6, 30, 0));
    expect(value(readDateTime(44651.75, 1904, 'UTC')).instant).toBe(Date.UTC(2026, 3, 1, 18, 0, 0));
  });

  test('impossible times are Errors', () => {
    expect(readDateTime('2026-04-01 24:00', 1900, 'UTC').ok).toBe(false);
    expect(readDateTime('2026-04-01T10:00+15:00', 1900, 'UTC').ok).toBe(false);
  });

  test('months: yyyy-mm text or any date in the month', () => {
    expect(isoOf(readMonth('2026-03', 1900, 'UTC'))).toBe('2026-03-01');
    expect(isoOf(readMonth('2026-03-17', 1900, 'UTC'))).toBe('2026-03-01');
    expect(isoOf(readMonth(46113, 1900, 'UTC'))).toBe('2026-04-01');
    expect(readMonth('2026-13', 1900, 'UTC').ok).toBe(false);
    expect(readMonth('March', 1900, 'UTC').ok).toBe(false);
  });
});

describe('money and numbers', () => {
  test.each([
    ['1,200.50', '1200.50'],
    ['$1,200.50', '1200.50'],
    ['€75', '75.00'],
    ['£1,000', '1000.00'],
    ['(75.00)', '-75.00'],
    ['($75.00)', '-75.00'],
    ['-75', '-75.00'],
    ['-$75.10', '-75.10'],
    ['$-75.10', '-75.10'],
    ['  12.345  ', '12.35'],
    ['.5', '0.50'],
    ['1,234,567.891', '1234567.89'],
  ])('%p reads as %s', (text, expected) => {
    expect(value(readDecimal(text)).toFixed(2)).toBe(expected);
  });

  test('never rounded on read, never through a float', () => {
    expect(value(readDecimal('12.345')).toString()).toBe('12.345');
    expect(value(readDecimal('0.1')).plus(value(readDecimal('0.2'))).toString()).toBe('0.3');
    expect(value(readDecimal(0.1)).toString()).toBe('0.1');
    expect(value(readDecimal(1200.5)).toString()).toBe('1200.5');
    expect(value(readDecimal('123456789012345678.99')).toString()).toBe('123456789012345678.99');
  });

  test.each(['abc', '1,2', '1.200,50', '12 USD', '--5', '', '$', '1e5'])('%p is not an amount', (text) => {
    const r = readDecimal(text);
    expect(r.ok).toBe(false);
    expect(r.ok || r.fix).toBe('Type a number such as 1200.50, 1,200.50 or (75.00) for a negative amount');
  });

  test('integers', () => {
    expect(value(readInteger(12))).toBe(12);
    expect(value(readInteger('24'))).toBe(24);
    expect(problem(readInteger(12.5))).toBe('12.5 is not a whole number');
  });
});

describe('percentages', () => {
  test('a % number format holds a fraction', () => {
    expect(value(readPercent(0.15, '0%')).toString()).toBe('0.15');
    expect(value(readPercent(0.0825, '0.00%')).toString()).toBe('0.0825');
  });

  test('text ending in % holds a fraction', () => {
    expect(value(readPercent('15%', null)).toString()).toBe('0.15');
    expect(value(readPercent(' 8.25 % ', 'General')).toString()).toBe('0.0825');
  });

  test('any other number is in points', () => {
    expect(value(readPercent(15, 'General')).toString()).toBe('0.15');
    expect(value(readPercent('20', null)).toString()).toBe('0.2');
    expect(value(readPercent(1, null)).toString()).toBe('0.01');
    expect(value(readPercent(0, null)).toString()).toBe('0');
    expect(readPercent(1, null)).toEqual({ ok: true, value: new Decimal('0.01') });
  });

  test('a plain number between 0 and 1 is read as points, with a Warning', () => {
    const r = readPercent(0.15, 'General');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toString()).toBe('0.0015');
    expect(r.warning?.problem).toBe('0.15 is read as 0.15%: did you mean 0.15% or 15%?');
  });

  test('not a percentage', () => {
    expect(readPercent('lots', null).ok).toBe(false);
    expect(readPercent('x%', null).ok).toBe(false);
  });
});

describe('IDs, enumerations, booleans, payment terms, currencies', () => {
  test('IDs: trimmed text, whole numbers without .0', () => {
    expect(readId(1001)).toBe('1001');
    expect(readId(1001.0)).toBe('1001');
    expect(readId('  C-1001 ')).toBe('C-1001');
    expect(readId(10.5)).toBe('10.5');
  });

  test('enumerations ignore case, spaces and hyphens; unknown values list the allowed ones', () => {
    expect(value(readEnum('semi-annual', BILLING_FREQUENCIES))).toBe('Semiannual');
    expect(value(readEnum('MONTHLY', BILLING_FREQUENCIES))).toBe('Monthly');
    expect(value(readEnum(' up front ', BILLING_FREQUENCIES))).toBe('Upfront');
    expect(value(readEnum('Yearly', BILLING_FREQUENCIES, { Yearly: 'Annual' }))).toBe('Annual');
    const r = readEnum('Fortnightly', BILLING_FREQUENCIES);
    expect(r).toEqual({
      ok: false,
      problem: "'Fortnightly' is not one of the allowed values",
      fix: 'Type one of: Monthly, Quarterly, Semiannual, Annual, Upfront, Milestone, Usage',
    });
  });

  test.each([
    ['Net 30', 'Net 30', 30],
    ['NET30', 'Net 30', 30],
    ['net-45', 'Net 45', 45],
    ['Net 90', 'Net 90', 90],
    ['Due on Receipt', 'Due on Receipt', 0],
    ['due upon receipt', 'Due on Receipt', 0],
  ])('payment terms %p are %s (%i days)', (text, label, netDays) => {
    expect(value(readPaymentTerms(text))).toEqual({ label, netDays });
  });

  test('"30" alone is not a payment term', () => {
    expect(readPaymentTerms('30')).toEqual({
      ok: false,
      problem: "'30' is not a payment term",
      fix: 'Type one of: Net 15, Net 30, Net 45, Net 60, Net 90, Due on Receipt',
    });
    expect(readPaymentTerms('Net 20').ok).toBe(false);
  });

  test('booleans', () => {
    expect(value(readBoolean('Yes'))).toBe(true);
    expect(value(readBoolean('no'))).toBe(false);
    expect(value(readBoolean(true))).toBe(true);
    expect(readBoolean('maybe')).toEqual({ ok: false, problem: "'maybe' is not Yes or No", fix: 'Type one of: Yes, No' });
  });

  test('currencies', () => {
    expect(value(readCurrency('usd'))).toBe('USD');
    expect(value(readCurrency(' JPY '))).toBe('JPY');
    expect(problem(readCurrency('XYZ'))).toBe("'XYZ' is not a known ISO 4217 currency code");
    expect(readCurrency('Dollars').ok).toBe(false);
  });
});
