import { Decimal } from '../../../src/core/decimal';
import type { RevenueRow } from '../../../src/core/model';
import { buildRevenueSchedule } from '../../../src/core/revenue';
import { contractLine, d, fxRate, inputs, iso, line, money, settings } from '../documents/builders';

/** month, billed, recognized, deferred, unbilled */
function table(rows: RevenueRow[], places = 2): string[][] {
  return rows.map((r) => [
    iso(r.month).slice(0, 7),
    r.billed.toFixed(places),
    r.recognized.toFixed(places),
    r.deferredRevenue.toFixed(places),
    r.unbilled.toFixed(places),
  ]);
}

function recognizedTotal(rows: RevenueRow[]): string {
  return rows.reduce((t, r) => t.plus(r.recognized), new Decimal(0)).toFixed(2);
}

describe('ratable recognition per line', () => {
  it('recognizes 1,000.00 for Jan 15 - Feb 14 as 548.39 + 451.61, deferring what was billed ahead', () => {
    const lines = [line({ netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14' })];
    const { rows, issues } = buildRevenueSchedule(lines, inputs());
    expect(table(rows)).toEqual([
      ['2026-01', '1000.00', '548.39', '451.61', '0.00'], // 17/31 days
      ['2026-02', '0.00', '451.61', '0.00', '0.00'],
    ]);
    expect(rows[0]).toMatchObject({ contractId: 'C-100', customer: 'Acme Corp', product: 'Platform', currency: 'USD' });
    expect(iso(rows[0].month)).toBe('2026-01-01');
    expect(issues).toEqual([]);
  });

  it('shows Unbilled when service runs ahead of an arrears invoice', () => {
    const lines = [line({ netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14', invoiceDate: '2026-02-15' })];
    expect(table(buildRevenueSchedule(lines, inputs()).rows)).toEqual([
      ['2026-01', '0.00', '548.39', '0.00', '548.39'],
      ['2026-02', '1000.00', '451.61', '0.00', '0.00'],
    ]);
  });

  it('rounds cumulatively so a year\'s months add up to the line exactly', () => {
    const lines = [line({ netAmount: '12000.00', periodStart: '2026-01-01', periodEnd: '2026-12-31' })];
    const { rows } = buildRevenueSchedule(lines, inputs());
    // through Jan 12,000 x 31/365 = 1,019.18; through Feb x 59/365 = 1,939.73; through Mar x 90/365 = 2,958.90
    expect(rows.slice(0, 3).map((r) => money(r.recognized))).toEqual(['1019.18', '920.55', '1019.17']);
    expect(rows).toHaveLength(12);
    expect(recognizedTotal(rows)).toBe('12000.00');
    expect(money(rows[11].deferredRevenue)).toBe('0.00');
    expect(money(rows[5].deferredRevenue)).toBe('6049.32'); // 12,000 - round(12,000 x 181/365 = 5,950.68)
  });

  it('recognizes Credit and Prorated lines over their own [E, T] period', () => {
    const lines = [
      line({ lineId: 'q1', netAmount: '300.00', periodStart: '2026-01-01', periodEnd: '2026-03-31' }),
      line({ lineType: 'Credit', netAmount: '-150.00', periodStart: '2026-02-15', periodEnd: '2026-03-31', creditOf: 'q1' }),
      line({ lineType: 'Prorated', netAmount: '200.00', periodStart: '2026-02-15', periodEnd: '2026-03-31' }),
    ];
    // charge 103.33 / 93.34 / 103.33; credit -46.67 / -103.33; prorated 62.22 / 137.78
    expect(table(buildRevenueSchedule(lines, inputs()).rows)).toEqual([
      ['2026-01', '300.00', '103.33', '196.67', '0.00'],
      ['2026-02', '50.00', '108.89', '137.78', '0.00'],
      ['2026-03', '0.00', '137.78', '0.00', '0.00'],
    ]);
  });

  it('rounds revenue Half Up or Half Even by the Rounding setting', () => {
    const lines = [line({ netAmount: '0.05', periodStart: '2026-01-31', periodEnd: '2026-02-01' })]; // 0.025 a day
    const up = buildRevenueSchedule(lines, inputs()).rows;
    const even = buildRevenueSchedule(lines, inputs({ settings: settings({ rounding: 'Half Even' }) })).rows;
    expect(up.map((r) => money(r.recognized))).toEqual(['0.03', '0.02']);
    expect(even.map((r) => money(r.recognized))).toEqual(['0.02', '0.03']);
  });

  it('uses the currency\'s minor units (JPY 0, KWD 3)', () => {
    const lines = [
      line({ contractId: 'J-1', currency: 'JPY', netAmount: '1000', periodStart: '2026-01-15', periodEnd: '2026-02-14' }),
      line({ contractId: 'K-1', currency: 'KWD', netAmount: '1000.000', periodStart: '2026-01-15', periodEnd: '2026-02-14' }),
    ];
    const { rows } = buildRevenueSchedule(lines, inputs());
    expect(rows.slice(0, 2).map((r) => r.recognized.toString())).toEqual(['548', '452']);
    expect(rows.slice(2).map((r) => r.recognized.toFixed(3))).toEqual(['548.387', '451.613']);
  });
});

describe('usage, true-up and milestones', () => {
  it('recognizes usage in the months of its usage dates, by units', () => {
    const lines = [line({
      lineType: 'Usage', netAmount: '10.00', periodStart: '2026-01-15', periodEnd: '2026-02-14', invoiceDate: '2026-02-15',
      usageByDate: [{ date: '2026-01-20', quantity: '1' }, { date: '2026-02-03', quantity: '1.5' }, { date: '2026-02-10', quantity: '0.5' }],
    })];
    expect(table(buildRevenueSchedule(lines, inputs()).rows)).toEqual([
      ['2026-01', '0.00', '3.33', '0.00', '3.33'], // 10.00 x 1/3 units, not 17/31 of the days
      ['2026-02', '10.00', '6.67', '0.00', '0.00'],
    ]);
  });

  it('falls back to the period for usage without usage dates', () => {
    const lines = [line({ lineType: 'Usage', netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14', invoiceDate: '2026-02-15' })];
    expect(buildRevenueSchedule(lines, inputs()).rows.map((r) => money(r.recognized))).toEqual(['548.39', '451.61']);
  });

  it('recognizes a True-Up evenly over its period and a Milestone on its date', () => {
    const lines = [
      line({ lineType: 'True-Up', netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14', invoiceDate: '2026-02-15' }),
      line({ lineType: 'Milestone', product: 'Go-Live', netAmount: '5000.00', periodStart: '2026-03-10', periodEnd: '2026-03-10' }),
    ];
    const { rows } = buildRevenueSchedule(lines, inputs());
    expect(rows.map((r) => [r.product, iso(r.month), money(r.billed), money(r.recognized)])).toEqual([
      ['Go-Live', '2026-03-01', '5000.00', '5000.00'],
      ['Platform', '2026-01-01', '0.00', '548.39'],
      ['Platform', '2026-02-01', '1000.00', '451.61'],
    ]);
  });
});

describe('ramp revenue', () => {
  // Year 1 at 12,000, year 2 at 18,000, both quantity 10, billed annually in advance
  const contracts = [
    contractLine(2, { quantity: new Decimal(10), startDate: d('2026-01-01'), endDate: d('2026-12-31'), billingFrequency: 'Annual' }),
    contractLine(3, { quantity: new Decimal(10), startDate: d('2027-01-01'), endDate: d('2027-12-31'), billingFrequency: 'Annual' }),
  ];
  const lines = [
    line({ netAmount: '12000.00', quantity: '10', periodStart: '2026-01-01', periodEnd: '2026-12-31', contractLineIndex: 0 }),
    line({ netAmount: '18000.00', quantity: '10', periodStart: '2027-01-01', periodEnd: '2027-12-31', contractLineIndex: 1 }),
  ];

  it('Straight-Line pools equal-quantity ramp lines and recognizes their total evenly over the combined dates', () => {
    const { rows } = buildRevenueSchedule(lines, inputs({ contracts }));
    expect(rows).toHaveLength(24);
    const t = table(rows);
    expect(t[0]).toEqual(['2026-01', '12000.00', '1273.97', '10726.03', '0.00']); // 30,000 x 31/730
    expect(t[11]).toEqual(['2026-12', '0.00', '1273.97', '0.00', '3000.00']); // 15,000 recognized vs 12,000 billed
    expect(t[12]).toEqual(['2027-01', '18000.00', '1273.97', '13726.03', '0.00']);
    expect(t[23]).toEqual(['2027-12', '0.00', '1273.97', '0.00', '0.00']); // 30,000 - round(30,000 x 699/730)
    expect(recognizedTotal(rows)).toBe('30000.00');
  });

  it('As Billed recognizes each ramp line on its own', () => {
    const { rows } = buildRevenueSchedule(lines, inputs({ contracts, settings: settings({ rampRevenue: 'As Billed' }) }));
    const t = table(rows);
    expect(t[0]).toEqual(['2026-01', '12000.00', '1019.18', '10980.82', '0.00']);
    expect(t[11]).toEqual(['2026-12', '0.00', '1019.18', '0.00', '0.00']);
    expect(t[12]).toEqual(['2027-01', '18000.00', '1528.77', '16471.23', '0.00']);
    expect(recognizedTotal(rows)).toBe('30000.00');
  });

  it('does not pool ramp lines whose quantity steps up', () => {
    const stepped = [contracts[0], { ...contracts[1], quantity: new Decimal(15) }];
    const { rows } = buildRevenueSchedule(lines, inputs({ contracts: stepped }));
    expect(money(rows[0].recognized)).toBe('1019.18');
  });
});

describe('rows', () => {
  it('run from the first month with service or billing to the last, without gaps', () => {
    const lines = [
      line({ netAmount: '100.00', periodStart: '2026-01-01', periodEnd: '2026-01-31', invoiceDate: '2025-12-20' }),
      line({ netAmount: '100.00', periodStart: '2026-04-01', periodEnd: '2026-04-30' }),
    ];
    expect(table(buildRevenueSchedule(lines, inputs()).rows)).toEqual([
      ['2025-12', '100.00', '0.00', '100.00', '0.00'],
      ['2026-01', '0.00', '100.00', '0.00', '0.00'],
      ['2026-02', '0.00', '0.00', '0.00', '0.00'],
      ['2026-03', '0.00', '0.00', '0.00', '0.00'],
      ['2026-04', '100.00', '100.00', '0.00', '0.00'],
    ]);
  });

  it('are per contract and Product, sorted, with Reporting Billed / Recognized at the month-end rate', () => {
    const lines = [
      line({ contractId: 'B-2', currency: 'EUR', netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14' }),
      line({ contractId: 'A-1', product: 'Support', netAmount: '10.00' }),
      line({ contractId: 'A-1', product: 'Platform', netAmount: '20.00' }),
    ];
    const fx = [fxRate('EUR', '1.10', '2026-01-01'), fxRate('EUR', '1.20', '2026-01-31'), fxRate('EUR', '1.30', '2026-03-01')];
    const { rows, issues } = buildRevenueSchedule(lines, inputs({ fxRates: fx }));
    expect(rows.map((r) => [r.contractId, r.product, iso(r.month), money(r.reportingBilled), money(r.reportingRecognized)])).toEqual([
      ['A-1', 'Platform', '2026-01-01', '20.00', '20.00'],
      ['A-1', 'Support', '2026-01-01', '10.00', '10.00'],
      ['B-2', 'Platform', '2026-01-01', '1200.00', '658.07'], // 548.39 x 1.20
      ['B-2', 'Platform', '2026-02-01', '0.00', '541.93'], // 451.61 x 1.20
    ]);
    expect(issues).toEqual([]);
  });

  it('leaves reporting amounts null with a Warning when no rate is known by the month end', () => {
    const lines = [line({ currency: 'EUR', netAmount: '1000.00', periodStart: '2026-01-15', periodEnd: '2026-02-14' })];
    const { rows, issues } = buildRevenueSchedule(lines, inputs({ fxRates: [fxRate('EUR', '1.10', '2026-02-10')] }));
    expect(rows.map((r) => [money(r.reportingBilled), money(r.reportingRecognized)])).toEqual([[null, null], ['0.00', '496.77']]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'Warning', sheet: 'FX Rates', value: 'EUR' });
    expect(issues[0].problem).toContain('2026-01-31');
  });

  it('is empty for an empty schedule', () => {
    expect(buildRevenueSchedule([], inputs())).toEqual({ rows: [], issues: [] });
  });
});
