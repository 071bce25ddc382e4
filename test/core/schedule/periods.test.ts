import { toISO } from '../../../src/core/calendarDate';
import { days360 } from '../../../src/core/days360';
import {
  billingPeriods, BillingPeriod, cadenceMonths, dailyFactor, sumMonths, thirty360Factor, upfrontMonths,
} from '../../../src/core/periods';
import { contractLine, d, LineSpec } from './builders';

/** "2026-01-31..2026-02-27" plus " 17/31" on a partial period */
function show(periods: BillingPeriod[]): string[] {
  return periods.map((p) => `${toISO(p.start)}..${toISO(p.end)}${p.partial ? ` ${p.factorFraction.numerator}/${p.factorFraction.denominator}` : ''}`);
}

function periodsOf(spec: LineSpec, method: 'Daily' | '30/360' = 'Daily'): string[] {
  return show(billingPeriods(contractLine(spec), { prorationMethod: method }));
}

/** No overlap, no gap, from the line's start to its end. */
function expectContiguous(periods: BillingPeriod[], start: string, end: string): void {
  expect(toISO(periods[0].start)).toBe(start);
  expect(toISO(periods[periods.length - 1].end)).toBe(end);
  for (let i = 1; i < periods.length; i++) expect(periods[i].start).toBe(periods[i - 1].end + 1);
}

describe('cadence months', () => {
  test.each([
    ['Monthly', 1], ['Quarterly', 3], ['Semiannual', 6], ['Annual', 12], ['Usage', 1], ['Milestone', 0],
  ] as const)('%s = %i', (billingFrequency, months) => {
    expect(cadenceMonths(contractLine({ billingFrequency }))).toBe(months);
  });

  test('Upfront = the whole term', () => {
    expect(cadenceMonths(contractLine({ billingFrequency: 'Upfront', start: '2026-01-31', end: '2029-01-30' }))).toBe(36);
    expect(upfrontMonths(d('2026-03-15'), d('2026-09-14'))).toBe(6);
    // not whole months: the smallest whole-month period holding the term
    expect(upfrontMonths(d('2026-01-15'), d('2026-06-30'))).toBe(6);
  });
});

describe('anniversary periods from month-end starts never drift, skip or overlap (golden table)', () => {
  test('Jan 31 monthly (non-leap year): Feb 28, then back to the 31st', () => {
    expect(periodsOf({ start: '2026-01-31', end: '2027-01-30' })).toEqual([
      '2026-01-31..2026-02-27', '2026-02-28..2026-03-30', '2026-03-31..2026-04-29', '2026-04-30..2026-05-30',
      '2026-05-31..2026-06-29', '2026-06-30..2026-07-30', '2026-07-31..2026-08-30', '2026-08-31..2026-09-29',
      '2026-09-30..2026-10-30', '2026-10-31..2026-11-29', '2026-11-30..2026-12-30', '2026-12-31..2027-01-30',
    ]);
  });

  test('Jan 31 monthly (leap year): Feb 29', () => {
    expect(periodsOf({ start: '2028-01-31', end: '2028-05-30' })).toEqual([
      '2028-01-31..2028-02-28', '2028-02-29..2028-03-30', '2028-03-31..2028-04-29', '2028-04-30..2028-05-30',
    ]);
  });

  test('Jan 31 quarterly and annual', () => {
    expect(periodsOf({ start: '2026-01-31', end: '2027-01-30', billingFrequency: 'Quarterly' })).toEqual([
      '2026-01-31..2026-04-29', '2026-04-30..2026-07-30', '2026-07-31..2026-10-30', '2026-10-31..2027-01-30',
    ]);
    expect(periodsOf({ start: '2026-01-31', end: '2029-01-30', billingFrequency: 'Annual' })).toEqual([
      '2026-01-31..2027-01-30', '2027-01-31..2028-01-30', '2028-01-31..2029-01-30',
    ]);
  });

  test('Feb 29 monthly, quarterly and annual', () => {
    expect(periodsOf({ start: '2028-02-29', end: '2028-06-28' })).toEqual([
      '2028-02-29..2028-03-28', '2028-03-29..2028-04-28', '2028-04-29..2028-05-28', '2028-05-29..2028-06-28',
    ]);
    expect(periodsOf({ start: '2028-02-29', end: '2029-02-27', billingFrequency: 'Quarterly' })).toEqual([
      '2028-02-29..2028-05-28', '2028-05-29..2028-08-28', '2028-08-29..2028-11-28', '2028-11-29..2029-02-27',
    ]);
    expect(periodsOf({ start: '2028-02-29', end: '2031-02-27', billingFrequency: 'Annual' })).toEqual([
      '2028-02-29..2029-02-27', '2029-02-28..2030-02-27', '2030-02-28..2031-02-27',
    ]);
  });

  test('Aug 31 monthly, quarterly and annual', () => {
    expect(periodsOf({ start: '2026-08-31', end: '2027-02-27' })).toEqual([
      '2026-08-31..2026-09-29', '2026-09-30..2026-10-30', '2026-10-31..2026-11-29', '2026-11-30..2026-12-30',
      '2026-12-31..2027-01-30', '2027-01-31..2027-02-27',
    ]);
    expect(periodsOf({ start: '2026-08-31', end: '2027-08-30', billingFrequency: 'Quarterly' })).toEqual([
      '2026-08-31..2026-11-29', '2026-11-30..2027-02-27', '2027-02-28..2027-05-30', '2027-05-31..2027-08-30',
    ]);
    expect(periodsOf({ start: '2026-08-31', end: '2028-08-30', billingFrequency: 'Annual' })).toEqual([
      '2026-08-31..2027-08-30', '2027-08-31..2028-08-30',
    ]);
  });

  test('Nov 30 monthly, quarterly and annual', () => {
    expect(periodsOf({ start: '2026-11-30', end: '2027-03-29' })).toEqual([
      '2026-11-30..2026-12-29', '2026-12-30..2027-01-29', '2027-01-30..2027-02-27', '2027-02-28..2027-03-29',
    ]);
    expect(periodsOf({ start: '2026-11-30', end: '2027-11-29', billingFrequency: 'Quarterly' })).toEqual([
      '2026-11-30..2027-02-27', '2027-02-28..2027-05-29', '2027-05-30..2027-08-29', '2027-08-30..2027-11-29',
    ]);
    expect(periodsOf({ start: '2026-11-30', end: '2028-11-29', billingFrequency: 'Annual' })).toEqual([
      '2026-11-30..2027-11-29', '2027-11-30..2028-11-29',
    ]);
  });

  test('a 5-year monthly line from Jan 31 stays on the 31st wherever the month has one', () => {
    const periods = billingPeriods(contractLine({ start: '2026-01-31', end: '2031-01-30' }));
    expect(periods).toHaveLength(60);
    expectContiguous(periods, '2026-01-31', '2031-01-30');
    for (const p of periods) {
      const [y, m, day] = toISO(p.start).split('-').map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      expect(day).toBe(Math.min(31, last));
    }
  });

  test('an End Date inside a period makes a partial last period (Daily: days / days of the full period)', () => {
    expect(periodsOf({ start: '2026-01-15', end: '2026-04-30' })).toEqual([
      '2026-01-15..2026-02-14', '2026-02-15..2026-03-14', '2026-03-15..2026-04-14', '2026-04-15..2026-04-30 16/30',
    ]);
  });
});

describe('calendar periods', () => {
  test('month-end starts give a partial first period and whole calendar periods after it', () => {
    expect(periodsOf({ start: '2026-01-31', end: '2026-04-30', billingAnchor: 'Calendar' })).toEqual([
      '2026-01-31..2026-01-31 1/31', '2026-02-01..2026-02-28', '2026-03-01..2026-03-31', '2026-04-01..2026-04-30',
    ]);
    expect(periodsOf({ start: '2026-08-31', end: '2027-08-30', billingAnchor: 'Calendar', billingFrequency: 'Quarterly' })).toEqual([
      '2026-08-31..2026-09-30 31/92', '2026-10-01..2026-12-31', '2027-01-01..2027-03-31', '2027-04-01..2027-06-30',
      '2027-07-01..2027-08-30 61/92',
    ]);
    expect(periodsOf({ start: '2028-02-29', end: '2030-02-28', billingAnchor: 'Calendar', billingFrequency: 'Annual' })).toEqual([
      '2028-02-29..2028-12-31 307/366', '2029-01-01..2029-12-31', '2030-01-01..2030-02-28 59/365',
    ]);
    expect(periodsOf({ start: '2026-11-30', end: '2027-11-29', billingAnchor: 'Calendar', billingFrequency: 'Semiannual' })).toEqual([
      '2026-11-30..2026-12-31 32/184', '2027-01-01..2027-06-30', '2027-07-01..2027-11-29 152/184',
    ]);
  });

  test('partial first and last calendar months: 17/31 and 14/31', () => {
    expect(periodsOf({ start: '2026-01-15', end: '2026-03-14', billingAnchor: 'Calendar' })).toEqual([
      '2026-01-15..2026-01-31 17/31', '2026-02-01..2026-02-28', '2026-03-01..2026-03-14 14/31',
    ]);
  });

  test('quarters are Jan, Apr, Jul, Oct', () => {
    const starts = billingPeriods(contractLine({ start: '2026-02-10', end: '2027-02-09', billingAnchor: 'Calendar', billingFrequency: 'Quarterly' }))
      .map((p) => toISO(p.fullStart));
    expect(starts).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01']);
  });

  test('the anchor is ignored for Upfront: one period, the whole term', () => {
    expect(periodsOf({ start: '2026-01-15', end: '2027-01-14', billingAnchor: 'Calendar', billingFrequency: 'Upfront' })).toEqual([
      '2026-01-15..2027-01-14',
    ]);
  });

  test('Milestone lines have no periods', () => {
    expect(periodsOf({ billingFrequency: 'Milestone' })).toEqual([]);
  });
});

describe('options', () => {
  test('endDate ends the periods early (a Cancel): the last one is partial', () => {
    const periods = billingPeriods(contractLine({ start: '2026-01-01', end: '2026-12-31', billingFrequency: 'Quarterly' }), { endDate: d('2026-05-15') });
    expect(show(periods)).toEqual(['2026-01-01..2026-03-31', '2026-04-01..2026-05-15 45/91']);
  });

  test('gridAnchor puts a later line on its contract\'s anniversary grid (first period partial)', () => {
    const line = contractLine({ start: '2026-05-20', end: '2026-12-31', billingFrequency: 'Quarterly' });
    expect(show(billingPeriods(line, { gridAnchor: d('2026-01-01') }))).toEqual([
      '2026-05-20..2026-06-30 42/91', '2026-07-01..2026-09-30', '2026-10-01..2026-12-31',
    ]);
  });
});

describe('30/360 factors', () => {
  test('min(1, DAYS360(first, last + 1) / (30 x cadence months)), as Excel computes it', () => {
    expect(periodsOf({ start: '2026-01-15', end: '2026-03-14', billingAnchor: 'Calendar' }, '30/360')).toEqual([
      '2026-01-15..2026-01-31 16/30', '2026-02-01..2026-02-28', '2026-03-01..2026-03-14 14/30',
    ]);
    // Jan 15 - Jan 31: DAYS360(Jan 15, Feb 1) = 16 -> 16/30
    expect(days360(d('2026-01-15'), d('2026-02-01'))).toBe(16);
    expect(thirty360Factor(d('2026-01-15'), d('2026-01-31'), 1).toString()).toBe(dailyOf(16, 30));
    // Feb 15 - Feb 28: DAYS360(Feb 15, Mar 1) = 16 -> 16/30 (Daily would be 14/28)
    expect(days360(d('2026-02-15'), d('2026-03-01'))).toBe(16);
    expect(thirty360Factor(d('2026-02-15'), d('2026-02-28'), 1).toString()).toBe(dailyOf(16, 30));
    expect(dailyFactor(d('2026-02-15'), d('2026-02-28'), d('2026-02-01'), d('2026-02-28')).toString()).toBe('0.5');
    // a quarter: Aug 31 - Sep 30 of Q3 = DAYS360(Aug 31, Oct 1) = 31 -> 31/90
    expect(days360(d('2026-08-31'), d('2026-10-01'))).toBe(31);
    expect(thirty360Factor(d('2026-08-31'), d('2026-09-30'), 3).toString()).toBe(dailyOf(31, 90));
    // never above 1
    expect(thirty360Factor(d('2026-01-01'), d('2026-01-31'), 1).toString()).toBe('1');
  });

  test('a full period is 1 under 30/360 even in February', () => {
    expect(periodsOf({ start: '2026-02-01', end: '2026-02-28', billingAnchor: 'Calendar' }, '30/360')).toEqual(['2026-02-01..2026-02-28']);
  });
});

describe('effective term months', () => {
  const termOf = (line: ReturnType<typeof contractLine>) => sumMonths(billingPeriods(line));

  test('whole anniversary term = its months; a calendar term adds up its partial months', () => {
    expect(termOf(contractLine({ start: '2026-01-31', end: '2027-01-30' }))).toEqual({ numerator: 12, denominator: 1 });
    // 17/31 + 11 + 14/31 = 12
    expect(termOf(contractLine({ start: '2026-01-15', end: '2027-01-14', billingAnchor: 'Calendar' }))).toEqual({ numerator: 12, denominator: 1 });
    // 17/31 + 1 = 48/31
    expect(termOf(contractLine({ start: '2026-01-15', end: '2026-02-28', billingAnchor: 'Calendar' }))).toEqual({ numerator: 48, denominator: 31 });
  });
});

function dailyOf(n: number, dd: number): string {
  // the Decimal of n/dd at the core's precision, computed the same way the core does
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Decimal } = require('../../../src/core/decimal') as typeof import('../../../src/core/decimal');
  return new Decimal(n).dividedBy(dd).toString();
}
