import { buildBillingSchedule, scheduleContractLine } from '../../../src/core/schedule';
import { smallWholeNumber } from '../../../src/core/usageRating';
import type { UsageRecord } from '../../../src/core/model';
import { billingInputs, contractLine, d, iso, LineSpec, nets, rows, tier, usageRecord } from './builders';

const usageLine: LineSpec = {
  contractId: 'U-1', product: 'API', billingFrequency: 'Usage', usageMetric: 'api_calls', unitPrice: '0.01', priceBasis: null,
  start: '2026-01-01', end: '2026-06-30', row: 4,
};

const apiTiers = [
  tier('API', 0, 1000, '0.10', '5'),
  tier('API', 1001, 5000, '0.08', '10'),
  tier('API', 5001, null, '0.05', '0'),
];

function run(spec: LineSpec, usage: UsageRecord[], settings = {}) {
  return buildBillingSchedule(billingInputs({ contracts: [contractLine({ ...usageLine, ...spec })], usage, priceTiers: apiTiers, settings }));
}

describe('usage rating', () => {
  test('Flat: the month\'s units less Included Units, in arrears, with units by date', () => {
    const result = run({ includedUnits: 1000 }, [
      usageRecord('U-1', 'api_calls', '2026-01-05', 800, 2),
      usageRecord('u-1 ', 'API_CALLS', '2026-01-20', 400, 3),
      usageRecord('U-1', 'api_calls', '2026-01-20', 300, 4),
      usageRecord('U-1', 'api_calls', '2026-02-10', 900, 5),
    ]);
    expect(result.issues).toEqual([]);
    expect(rows(result.lines)).toEqual([
      { type: 'Usage', start: '2026-01-01', end: '2026-01-31', invoice: '2026-02-01', amount: '5.00', discount: '0.00', net: '5.00' },
    ]);
    const line = result.lines[0];
    expect(iso(line.dueDate)).toBe('2026-03-03');
    expect(line.quantity.toString()).toBe('1500');
    expect(line.usageByDate?.map((u) => `${iso(u.date)} ${u.quantity.toString()}`)).toEqual(['2026-01-05 800', '2026-01-20 700']);
    expect(line.calculation).toBe('1,500 units - 1,000 included = 500 billable; 500 x 0.01/unit = 5.00');
    expect(line.source).toBe('Usage!D2');
  });

  test('Package: ceil(units / Package Size) x Unit Price', () => {
    const result = run({ pricingModel: 'Package', packageSize: 1000, unitPrice: '12' }, [usageRecord('U-1', 'api_calls', '2026-03-31', 2500)]);
    expect(nets(result.lines)).toEqual(['36.00']);
    expect(result.lines[0].calculation).toBe('2,500 units; ceil(2,500/1,000) = 3 packages x 12.00/package = 36.00');
    expect(iso(result.lines[0].invoiceDate)).toBe('2026-04-01');
  });

  test.each([
    [1000, '105.00'], // the first tier and its flat fee only: 1,000 does not reach into the second
    [1200, '131.00'], // 1,000 x 0.10 + 5 + 200 x 0.08 + 10
    [6000, '485.00'], // 105 + 4,000 x 0.08 + 10 + 1,000 x 0.05
  ])('Tiered (graduated) %i units = %s', (units, amount) => {
    const result = run({ pricingModel: 'Tiered', tierTable: 'API', unitPrice: null }, [usageRecord('U-1', 'api_calls', '2026-01-10', units)]);
    expect(nets(result.lines)).toEqual([amount]);
  });

  test('Tiered Calculation lists every tier reached and its flat fee', () => {
    const result = run({ pricingModel: 'Tiered', tierTable: 'API', unitPrice: null }, [usageRecord('U-1', 'api_calls', '2026-01-10', 1200)]);
    expect(result.lines[0].calculation).toBe('1,200 units; tiered tier table API: 1,000 x 0.10 + 5.00 flat + 200 x 0.08 + 10.00 flat = 131.00');
  });

  test.each([
    [1000, '105.00'], // 1,000 x 0.10 + 5
    [1200, '106.00'], // 1,200 x 0.08 + 10
    [6000, '300.00'], // 6,000 x 0.05
  ])('Volume %i units = %s', (units, amount) => {
    const result = run({ pricingModel: 'Volume', tierTable: 'API', unitPrice: null }, [usageRecord('U-1', 'api_calls', '2026-01-10', units)]);
    expect(nets(result.lines)).toEqual([amount]);
  });

  test('a tier table that stops short prices the excess at its last tier, with a Warning', () => {
    const short = [tier('Short', 0, 100, '1'), tier('Short', 101, 200, '0.5')];
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ ...usageLine, pricingModel: 'Tiered', tierTable: 'Short', unitPrice: null })],
      usage: [usageRecord('U-1', 'api_calls', '2026-01-10', 300)],
      priceTiers: short,
    }));
    expect(nets(result.lines)).toEqual(['200.00']);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'Warning', cell: 'Contracts!Z4' });
  });

  test('a period with no usage and no Minimum Commit produces no line; usage rated 0 neither', () => {
    const result = run({ includedUnits: 1000 }, [usageRecord('U-1', 'api_calls', '2026-02-10', 999)]);
    expect(result.lines).toEqual([]);
  });

  test('discount applies to usage', () => {
    const result = run({ discount: '0.1' }, [usageRecord('U-1', 'api_calls', '2026-01-10', 1234)]);
    expect(rows(result.lines).map((r) => `${r.amount} ${r.discount} ${r.net}`)).toEqual(['12.34 1.23 11.11']);
    expect(result.lines[0].calculation).toBe('1,234 units; 1,234 x 0.01/unit x (1 - 10%) = 11.11');
  });
});

describe('Minimum Commit', () => {
  test('a True-Up makes up the shortfall; a month with no usage is all True-Up; enough usage needs none', () => {
    const result = run({ includedUnits: 1000, minimumCommit: 50, end: '2026-03-31' }, [
      usageRecord('U-1', 'api_calls', '2026-01-10', 1500),
      usageRecord('U-1', 'api_calls', '2026-03-10', 7000),
    ]);
    expect(rows(result.lines).map((r) => `${r.type} ${r.start} ${r.invoice} ${r.net}`)).toEqual([
      'Usage 2026-01-01 2026-02-01 5.00',
      'True-Up 2026-01-01 2026-02-01 45.00',
      'True-Up 2026-02-01 2026-03-01 50.00',
      'Usage 2026-03-01 2026-04-01 60.00',
    ]);
    expect(result.lines[1].calculation).toBe('minimum commit 50.00 - usage 5.00 = 45.00');
    expect(result.lines[1].source).toBe('Contracts!AB4');
  });

  test('the True-Up is not discounted: it tops the discounted usage up to the minimum', () => {
    const result = run({ minimumCommit: 50, discount: '0.1', end: '2026-01-31' }, [usageRecord('U-1', 'api_calls', '2026-01-10', 500)]);
    expect(rows(result.lines).map((r) => `${r.type} ${r.amount} ${r.discount} ${r.net}`)).toEqual([
      'Usage 5.00 0.50 4.50',
      'True-Up 45.50 0.00 45.50',
    ]);
  });

  test('on a partial period Included Units and Minimum Commit are multiplied by the factor', () => {
    const result = run({ billingAnchor: 'Calendar', start: '2026-01-15', end: '2026-02-28', includedUnits: 1000, minimumCommit: 100 }, [
      usageRecord('U-1', 'api_calls', '2026-01-20', 1000),
    ]);
    expect(rows(result.lines).map((r) => `${r.type} ${r.start} ${r.end} ${r.net}`)).toEqual([
      'Usage 2026-01-15 2026-01-31 4.52',
      'True-Up 2026-01-15 2026-01-31 50.32',
      'True-Up 2026-02-01 2026-02-28 100.00',
    ]);
    expect(result.lines[0].calculation).toBe('1,000 units - 1,000 included x 17/31 = 451.612903 billable; 451.612903 x 0.01/unit = 4.52');
    expect(result.lines[1].calculation).toBe('minimum commit 100.00 x 17/31 = 54.84 - usage 4.52 = 50.32');
  });
});

describe('usage nobody bills', () => {
  test('outside every service period, for an unknown contract, or an unknown metric: Warnings, not billed', () => {
    const result = run({}, [
      usageRecord('U-1', 'api_calls', '2026-07-01', 10, 2),
      usageRecord('U-1', 'api_calls', '2026-08-01', 15, 3),
      usageRecord('NOPE', 'api_calls', '2026-01-10', 5, 4),
      usageRecord('U-1', 'storage', '2026-01-10', 7, 5),
    ]);
    expect(result.lines).toEqual([]);
    expect(result.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Warning Usage!C2', 'Warning Usage!A4', 'Warning Usage!B5']);
    expect(result.issues[0].problem).toContain('2 usage rows (25 units)');
    expect(result.issues[0].problem).toContain('outside every service period');
  });

  test('usage of a contract the parser skipped raises nothing more', () => {
    const result = buildBillingSchedule(billingInputs({ usage: [usageRecord('GONE', 'api_calls', '2026-01-10', 5)], skippedContractIds: ['gone'] }));
    expect(result.issues).toEqual([]);
  });

  test('a Usage line needs its Usage Metric and a Unit Price', () => {
    expect(run({ usageMetric: null }, []).issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!X4' });
    expect(run({ unitPrice: null }, []).issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!O4' });
  });
});

describe('a usage line that ends early (options.endDate, for a Cancel)', () => {
  test('the last period is partial and billed in arrears the day after; later usage is a Warning', () => {
    const line = contractLine({ ...usageLine, minimumCommit: 31 });
    const inputs = billingInputs({
      contracts: [line],
      usage: [usageRecord('U-1', 'api_calls', '2026-01-10', 1000, 2), usageRecord('U-1', 'api_calls', '2026-01-20', 500, 3)],
    });
    const result = scheduleContractLine(line, 0, inputs, { endDate: d('2026-01-15') });
    expect(rows(result.lines).map((r) => `${r.type} ${r.start} ${r.end} ${r.invoice} ${r.net}`)).toEqual([
      'Usage 2026-01-01 2026-01-15 2026-01-16 10.00',
      'True-Up 2026-01-01 2026-01-15 2026-01-16 5.00',
    ]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'Warning', cell: 'Usage!C3' });
  });
});

describe('usage read from the sheet', () => {
  it('bills the same whether the reader kept each whole Quantity as a number or not', () => {
    const made = [usageRecord('U-1', 'api_calls', '2026-01-05', 700), usageRecord('U-1', 'api_calls', '2026-01-20', '2.5'), usageRecord('U-1', 'api_calls', '2026-02-03', 1200)];
    const read = made.map((u) => ({ ...u, wholeQuantity: smallWholeNumber(u.quantity) }));
    expect(read.map((u) => u.wholeQuantity)).toEqual([700, null, 1200]);
    const bill = (usage: UsageRecord[]) => buildBillingSchedule(billingInputs({ contracts: [contractLine(usageLine)], usage })).lines
      .map((l) => `${iso(l.periodStart)} ${l.quantity.toString()} ${l.netAmount.toFixed(2)} ${l.calculation}`);
    expect(bill(read)).toEqual(bill(made));
    expect(bill(read)).toEqual([
      '2026-01-01 702.5 7.03 702.5 units; 702.5 x 0.01/unit = 7.03',
      '2026-02-01 1200 12.00 1,200 units; 1,200 x 0.01/unit = 12.00',
    ]);
  });
});
