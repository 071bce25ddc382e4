import { buildBillingSchedule, scheduleContractLine } from '../../../src/core/schedule';
import type { ContractLine } from '../../../src/core/model';
import {
  billingInputs, contractLine, d, iso, LineSpec, nets, rows, tier, totalNet,
} from './builders';
import { lineIdOf } from '../../../src/core/lineId';

function schedule(spec: LineSpec, settings: NonNullable<Parameters<typeof billingInputs>[0]>['settings'] = {}) {
  const line = contractLine(spec);
  return buildBillingSchedule(billingInputs({ contracts: [line], settings }));
}

describe('playbook QA: annual contract with monthly billing generates 12 correct invoices', () => {
  const result = schedule({ start: '2026-01-01', end: '2026-12-31', unitPrice: '10000', priceBasis: 'Year', row: 5 });

  test('12 lines: 11 x 833.33 + 833.37, summing to 10,000.00', () => {
    expect(result.issues).toEqual([]);
    expect(nets(result.lines)).toEqual([...Array(11).fill('833.33'), '833.37']);
    expect(result.lines.map((l) => l.amount.toFixed(2))).toEqual([...Array(11).fill('833.33'), '833.37']);
    expect(result.lines.every((l) => l.discount.isZero())).toBe(true);
    expect(totalNet(result.lines)).toBe('10000.00');
  });

  test('one invoice a month, in advance, due net 30', () => {
    expect(result.lines.map((l) => iso(l.invoiceDate))).toEqual([
      '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01',
      '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01',
    ]);
    expect(iso(result.lines[0].dueDate)).toBe('2026-01-31');
    expect(iso(result.lines[11].periodEnd)).toBe('2026-12-31');
    expect(iso(result.lines[11].dueDate)).toBe('2026-12-31');
  });

  test('the Calculation names the basis and the remainder', () => {
    expect(result.lines[0].calculation).toBe('10,000.00/yr x 1 x 1/12 = 833.33');
    expect(result.lines[11].calculation).toBe('10,000.00/yr x 1 x 1/12 = 833.33 + 0.04 segment remainder = 833.37');
  });

  test('the rest of each row: type, factor, source, ids; tax and documents left for later', () => {
    const first = result.lines[0];
    expect(first.lineType).toBe('Recurring');
    expect(first.prorationFactor.toString()).toBe('1');
    expect(first.source).toBe('Contracts!A5');
    expect(first.quantity.toString()).toBe('1');
    expect(first.unitPrice?.toString()).toBe('10000');
    for (const later of ['tax', 'total', 'reportingAmount', 'documentNumber']) expect(first).not.toHaveProperty(later);
    expect(first.contract).toEqual({
      contractId: 'C-1', customer: 'Acme', product: 'Platform', currency: 'USD', billingEntity: 'Default',
      taxJurisdiction: null, taxExempt: false, contractLineIndex: 0,
    });
    expect(result.lines.every((l) => l.contract === first.contract)).toBe(true);
    expect(first.creditOf).toBeNull();
    expect(first.usageByDate).toBeNull();
    expect(first.contract.contractLineIndex).toBe(0);
    expect(new Set(result.lines.map((l) => lineIdOf(l))).size).toBe(12);
  });
});

describe('playbook QA: contract with ramp schedule generates correct amounts per period', () => {
  const ramp = [
    contractLine({ contractId: 'R-1', product: 'Platform', start: '2026-01-01', end: '2026-12-31', billingFrequency: 'Quarterly', quantity: 10, unitPrice: '1200', row: 2 }),
    contractLine({ contractId: 'R-1', product: 'Platform', start: '2027-01-01', end: '2027-12-31', billingFrequency: 'Quarterly', quantity: 10, unitPrice: '1500', row: 3 }),
    contractLine({ contractId: 'R-1', product: 'Platform', start: '2028-01-01', end: '2028-12-31', billingFrequency: 'Quarterly', quantity: 12, unitPrice: '1500', row: 4 }),
  ];
  const result = buildBillingSchedule(billingInputs({ contracts: ramp }));

  test('each year at its own price: 3,000 / 3,750 / 4,500 a quarter', () => {
    expect(rows(result.lines).map((r) => `${r.start} ${r.net}`)).toEqual([
      '2026-01-01 3000.00', '2026-04-01 3000.00', '2026-07-01 3000.00', '2026-10-01 3000.00',
      '2027-01-01 3750.00', '2027-04-01 3750.00', '2027-07-01 3750.00', '2027-10-01 3750.00',
      '2028-01-01 4500.00', '2028-04-01 4500.00', '2028-07-01 4500.00', '2028-10-01 4500.00',
    ]);
    expect(result.lines[4].calculation).toBe('1,500.00/yr x 10 x 3/12 = 3,750.00');
    expect(result.lines[8].source).toBe('Contracts!A4');
  });

  test('each ramp line is its own segment: its remainder stays inside its own year', () => {
    const monthly = buildBillingSchedule(billingInputs({
      contracts: [
        contractLine({ contractId: 'R-2', start: '2026-01-01', end: '2026-12-31', unitPrice: '10000' }),
        contractLine({ contractId: 'R-2', start: '2027-01-01', end: '2027-12-31', unitPrice: '11000' }),
      ],
    }));
    expect(nets(monthly.lines)).toEqual([
      ...Array(11).fill('833.33'), '833.37',
      ...Array(11).fill('916.67'), '916.63',
    ]);
    expect(totalNet(monthly.lines.slice(0, 12))).toBe('10000.00');
    expect(totalNet(monthly.lines.slice(12))).toBe('11000.00');
  });
});

describe('timing', () => {
  test('advance bills on the period start; arrears the day after the period end', () => {
    const advance = schedule({ billingFrequency: 'Quarterly', billingTiming: 'Advance' });
    const arrears = schedule({ billingFrequency: 'Quarterly', billingTiming: 'Arrears' });
    expect(advance.lines.map((l) => iso(l.invoiceDate))).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(arrears.lines.map((l) => iso(l.invoiceDate))).toEqual(['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01']);
    expect(arrears.lines.map((l) => iso(l.dueDate))).toEqual(['2026-05-01', '2026-07-31', '2026-10-31', '2027-01-31']);
  });

  test('Due on Receipt: due the invoice date', () => {
    const result = schedule({ paymentTerms: { label: 'Due on Receipt', netDays: 0 } });
    expect(iso(result.lines[3].dueDate)).toBe('2026-04-01');
  });

  test('advance invoices before the Close Date move to it: one catch-up invoice', () => {
    const result = schedule({ close: '2026-03-10' });
    expect(result.lines.slice(0, 5).map((l) => `${iso(l.periodStart)} ${iso(l.invoiceDate)} ${iso(l.dueDate)}`)).toEqual([
      '2026-01-01 2026-03-10 2026-04-09',
      '2026-02-01 2026-03-10 2026-04-09',
      '2026-03-01 2026-03-10 2026-04-09',
      '2026-04-01 2026-04-01 2026-05-01',
      '2026-05-01 2026-05-01 2026-05-31',
    ]);
  });

  test('a Close Date before the start changes nothing', () => {
    const result = schedule({ close: '2025-12-15' });
    expect(iso(result.lines[0].invoiceDate)).toBe('2026-01-01');
  });
});

describe('calendar partial first and last periods', () => {
  test('12,000.00/yr billed monthly from Jan 15: 17/31 first, 14/31 last, Prorated', () => {
    const result = schedule({ billingAnchor: 'Calendar', start: '2026-01-15', end: '2027-01-14', unitPrice: '12000' });
    expect(result.lines).toHaveLength(13);
    expect(rows([result.lines[0], result.lines[1], result.lines[12]])).toEqual([
      { type: 'Prorated', start: '2026-01-15', end: '2026-01-31', invoice: '2026-01-15', amount: '548.39', discount: '0.00', net: '548.39' },
      { type: 'Recurring', start: '2026-02-01', end: '2026-02-28', invoice: '2026-02-01', amount: '1000.00', discount: '0.00', net: '1000.00' },
      { type: 'Prorated', start: '2027-01-01', end: '2027-01-14', invoice: '2027-01-01', amount: '451.61', discount: '0.00', net: '451.61' },
    ]);
    expect(result.lines[0].calculation).toBe('12,000.00/yr x 1 x 1/12 x 17/31 = 548.39');
    expect(result.lines[0].prorationFactor.times(31).toFixed(10)).toBe('17.0000000000');
    expect(result.lines[12].calculation).toBe('12,000.00/yr x 1 x 1/12 x 14/31 = 451.61');
    expect(totalNet(result.lines)).toBe('12000.00');
  });

  test('Proration Method 30/360: DAYS360(first, last + 1) / 30', () => {
    const result = schedule({ billingAnchor: 'Calendar', start: '2026-01-15', end: '2027-01-14', unitPrice: '12000' }, { prorationMethod: '30/360' });
    expect(nets([result.lines[0], result.lines[12]])).toEqual(['533.33', '466.67']);
    expect(result.lines[0].calculation).toBe('12,000.00/yr x 1 x 1/12 x 16/30 (30/360) = 533.33');
    expect(result.lines[12].calculation).toBe('12,000.00/yr x 1 x 1/12 x 14/30 (30/360) = 466.67');
    expect(totalNet(result.lines)).toBe('12000.00');
  });

  test('Proration Method None still prorates partial periods by days', () => {
    const result = schedule({ billingAnchor: 'Calendar', start: '2026-01-15', end: '2026-03-31', unitPrice: '12000' }, { prorationMethod: 'None' });
    expect(nets(result.lines)).toEqual(['548.39', '1000.00', '1000.00']);
  });

  test('a per-period price (blank basis) on a partial quarter: 3,000.00/qtr x 31/92', () => {
    const result = schedule({ billingAnchor: 'Calendar', billingFrequency: 'Quarterly', start: '2026-08-31', end: '2026-12-31', unitPrice: '3000', priceBasis: null });
    expect(nets(result.lines)).toEqual(['1010.87', '3000.00']);
    expect(result.lines[0].calculation).toBe('3,000.00/qtr x 1 x 31/92 = 1,010.87');
  });
});

describe('price basis', () => {
  test('Month basis billed quarterly: x 3 mo', () => {
    const result = schedule({ billingFrequency: 'Quarterly', quantity: 50, unitPrice: '40', priceBasis: 'Month' });
    expect(nets(result.lines)).toEqual(['6000.00', '6000.00', '6000.00', '6000.00']);
    expect(result.lines[0].calculation).toBe('40.00/mo x 50 x 3 mo = 6,000.00');
  });

  test('Term basis: the price is for the whole term, spread by months', () => {
    const result = schedule({ start: '2026-01-01', end: '2028-12-31', billingFrequency: 'Annual', unitPrice: '100000', priceBasis: 'Term' });
    expect(nets(result.lines)).toEqual(['33333.33', '33333.33', '33333.34']);
    expect(result.lines[0].calculation).toBe('100,000.00/term x 1 x 12/36 = 33,333.33');
  });

  test('Term basis over calendar years with partial first and last years sums exactly to the price', () => {
    const result = schedule({ billingAnchor: 'Calendar', billingFrequency: 'Annual', start: '2026-03-15', end: '2028-06-30', unitPrice: '100000', priceBasis: 'Term' });
    // T = 12 x 292/365 + 12 + 12 x 182/366 = 9.6 + 12 + 5.967213 months
    expect(result.lines.map((l) => l.calculation)).toEqual([
      '100,000.00/term x 1 x 12/27.567213 x 292/365 = 34,823.98',
      '100,000.00/term x 1 x 12/27.567213 = 43,529.97',
      '100,000.00/term x 1 x 12/27.567213 x 182/366 = 21,646.05',
    ]);
    expect(totalNet(result.lines)).toBe('100000.00');
  });

  test('Upfront with a blank basis bills the price once for the whole term', () => {
    const result = schedule({ billingFrequency: 'Upfront', start: '2026-03-01', end: '2027-02-28', unitPrice: '24000', priceBasis: null, quantity: 2 });
    expect(rows(result.lines)).toEqual([
      { type: 'Recurring', start: '2026-03-01', end: '2027-02-28', invoice: '2026-03-01', amount: '48000.00', discount: '0.00', net: '48000.00' },
    ]);
    expect(result.lines[0].calculation).toBe('24,000.00/term x 2 = 48,000.00');
  });

  test('Upfront with a Month basis: price x term months', () => {
    const result = schedule({ billingFrequency: 'Upfront', start: '2026-03-01', end: '2027-02-28', unitPrice: '1000', priceBasis: 'Month' });
    expect(nets(result.lines)).toEqual(['12000.00']);
    expect(result.lines[0].calculation).toBe('1,000.00/mo x 1 x 12 mo = 12,000.00');
  });
});

describe('Total Contract Value', () => {
  test('TCV alone: the periods share it by months, summing exactly to it', () => {
    const result = schedule({ unitPrice: null, tcv: '10000' });
    expect(nets(result.lines)).toEqual([...Array(11).fill('833.33'), '833.37']);
    expect(result.lines[0].calculation).toBe('TCV 10,000.00 x 1/12 mo = 833.33');
    expect(result.lines[0].unitPrice).toBeNull();
  });

  test('TCV alone with partial calendar periods: shares by months x factor', () => {
    const result = schedule({ unitPrice: null, tcv: '12000', billingAnchor: 'Calendar', start: '2026-01-15', end: '2027-01-14' });
    expect(nets([result.lines[0], result.lines[1], result.lines[12]])).toEqual(['548.39', '1000.00', '451.61']);
    expect(totalNet(result.lines)).toBe('12000.00');
    expect(result.lines[0].calculation).toBe('TCV 12,000.00 x 1/12 mo x 17/31 = 548.39');
  });

  test('TCV is net of discount; Amount is grossed back up so Discount = Amount - Net', () => {
    const result = schedule({ unitPrice: null, tcv: '9000', discount: '0.1' });
    expect(rows(result.lines.slice(0, 1))).toEqual([
      { type: 'Recurring', start: '2026-01-01', end: '2026-01-31', invoice: '2026-01-01', amount: '833.33', discount: '83.33', net: '750.00' },
    ]);
    expect(totalNet(result.lines)).toBe('9000.00');
    expect(result.lines.reduce((t, l) => t.plus(l.amount), result.lines[0].amount.minus(result.lines[0].amount)).toFixed(2)).toBe('10000.00');
  });

  test('Unit Price and TCV that agree: TCV governs', () => {
    const result = schedule({ unitPrice: '10000', tcv: '9000', discount: '0.1' });
    expect(result.issues).toEqual([]);
    expect(totalNet(result.lines)).toBe('9000.00');
    // within half a cent per period: 10,000.05 against 10,000.00 over 12 periods
    const near = schedule({ unitPrice: '10000', tcv: '10000.05' });
    expect(near.issues).toEqual([]);
    expect(totalNet(near.lines)).toBe('10000.05');
    expect(near.lines.every((l) => l.discount.isZero())).toBe(true);
  });

  test('Unit Price and TCV that disagree: an Error on the TCV cell and the line is skipped', () => {
    const result = schedule({ unitPrice: '10000', tcv: '12000', row: 9 });
    expect(result.lines).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!Q9', value: '12000' });
    expect(result.issues[0].problem).toContain('10,000.00');
  });

  test('neither Unit Price nor TCV: an Error on the Unit Price cell', () => {
    const result = schedule({ unitPrice: null, row: 7 });
    expect(result.lines).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!O7' });
  });
});

describe('discount and segment remainders', () => {
  test('the remainder rule holds for Amount and for Net Amount; Discount = Amount - Net on every row', () => {
    const result = schedule({ unitPrice: '10000', discount: '0.125' });
    expect(rows(result.lines).map((r) => `${r.amount} ${r.discount} ${r.net}`)).toEqual([
      ...Array(11).fill('833.33 104.16 729.17'), '833.37 104.24 729.13',
    ]);
    expect(totalNet(result.lines)).toBe('8750.00');
    for (const l of result.lines) expect(l.discount.equals(l.amount.minus(l.netAmount))).toBe(true);
    expect(result.lines[0].calculation).toBe('10,000.00/yr x 1 x 1/12 x (1 - 12.5%) = 729.17');
    expect(result.lines[11].calculation).toBe('10,000.00/yr x 1 x 1/12 x (1 - 12.5%) = 729.17 - 0.04 segment remainder = 729.13');
  });

  test('a discount whose net divides evenly leaves the whole remainder in Discount', () => {
    const result = schedule({ unitPrice: '10000', discount: '0.07' });
    expect(rows(result.lines).map((r) => `${r.amount} ${r.discount} ${r.net}`)).toEqual([
      ...Array(11).fill('833.33 58.33 775.00'), '833.37 58.37 775.00',
    ]);
  });

  test('100% discount: Amount billed, Net zero', () => {
    const result = schedule({ unitPrice: '1200', discount: '1' });
    expect(rows(result.lines.slice(0, 1)).map((r) => `${r.amount} ${r.discount} ${r.net}`)).toEqual(['100.00 100.00 0.00']);
  });
});

describe('rounding setting', () => {
  const spec: LineSpec = { billingFrequency: 'Quarterly', unitPrice: '10.125', priceBasis: null };
  test('Half Up rounds .5 away from zero; the last takes the remainder', () => {
    expect(nets(schedule(spec, { rounding: 'Half Up' }).lines)).toEqual(['10.13', '10.13', '10.13', '10.11']);
  });
  test('Half Even rounds .5 to the even cent', () => {
    expect(nets(schedule(spec, { rounding: 'Half Even' }).lines)).toEqual(['10.12', '10.12', '10.12', '10.14']);
  });
  test('negative prices round away from zero under Half Up', () => {
    expect(nets(schedule({ ...spec, unitPrice: '-10.125' }, { rounding: 'Half Up' }).lines)).toEqual(['-10.13', '-10.13', '-10.13', '-10.11']);
  });
});

describe('installments below one minor unit', () => {
  test('0.50 JPY a month: rounded on the running total, never 1 + 1 + 1 - 1', () => {
    const spec: LineSpec = { currency: 'JPY', unitPrice: '0.05', quantity: 10, priceBasis: null, start: '2026-01-01', end: '2026-04-30' };
    const halfUp = schedule(spec);
    expect(nets(halfUp.lines)).toEqual(['1', '0', '1', '0']);
    expect(halfUp.lines[0].calculation).toBe('0.05/mo x 10 = 1 (rounded on the running total: each installment is below one minor unit)');
    // Half Even rounds each 0.5 to 0, so the ordinary rule holds: the last takes all of it, no sign flips
    expect(nets(schedule(spec, { rounding: 'Half Even' }).lines)).toEqual(['0', '0', '0', '2']);
  });
});

describe('currency minor units', () => {
  test('JPY has none', () => {
    const result = schedule({ currency: 'JPY', unitPrice: '100000' });
    expect(nets(result.lines)).toEqual([...Array(11).fill('8333'), '8337']);
    expect(result.lines[0].netAmount.decimalPlaces()).toBe(0);
    expect(result.lines[11].calculation).toBe('100,000/yr x 1 x 1/12 = 8,333 + 4 segment remainder = 8,337');
  });

  test('KWD has three', () => {
    const result = schedule({ currency: 'KWD', unitPrice: '1000' });
    expect(nets(result.lines)).toEqual([...Array(11).fill('83.333'), '83.337']);
    expect(result.lines[0].calculation).toBe('1,000.000/yr x 1 x 1/12 = 83.333');
  });
});

describe('which lines are billed', () => {
  test('a contract not Closed Won: not billed, one Warning for the contract', () => {
    const contracts = [
      contractLine({ contractId: 'C-9', stage: 'Negotiation', row: 11 }),
      contractLine({ contractId: 'C-9', product: 'Support', stage: 'Negotiation', row: 12 }),
      contractLine({ contractId: 'C-10', stage: 'closed won', row: 13 }),
      contractLine({ contractId: 'C-11', stage: null, row: 14 }),
      contractLine({ contractId: 'C-12', stage: '', row: 15 }),
    ];
    const result = buildBillingSchedule(billingInputs({ contracts }));
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'Warning', cell: 'Contracts!AF11', value: 'Negotiation' });
    expect(result.issues[0].problem).toContain('not Closed Won');
    expect([...new Set(result.lines.map((l) => l.contract.contractId))]).toEqual(['C-10', 'C-11', 'C-12']);
  });

  test('End Date before Start Date: an Error and no lines', () => {
    const result = schedule({ start: '2026-05-01', end: '2026-04-30', row: 3 });
    expect(result.lines).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!G3' });
  });

  test('Discount % above 100%: an Error', () => {
    const result = schedule({ discount: '1.5', row: 3 });
    expect(result.lines).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!R3' });
  });
});

describe('tiered, volume and package prices on a recurring line', () => {
  const priceTiers = [tier('Seats', 1, 10, '10', 0), tier('Seats', 11, 50, '8', 0), tier('Seats', 51, null, '6', '25')];
  function tiered(spec: LineSpec) {
    const line = contractLine({ billingFrequency: 'Quarterly', priceBasis: 'Month', unitPrice: null, tierTable: 'Seats', ...spec });
    return buildBillingSchedule(billingInputs({ contracts: [line], priceTiers }));
  }

  test('Tiered: 25 seats = 10 x 10.00 + 15 x 8.00 = 220.00/mo, x 3 a quarter', () => {
    const result = tiered({ pricingModel: 'Tiered', quantity: 25 });
    expect(nets(result.lines)).toEqual(['660.00', '660.00', '660.00', '660.00']);
    expect(result.lines[0].calculation).toBe('tier table Seats (Tiered): 25 units = 10 x 10.00 + 15 x 8.00 = 220.00/mo x 3 mo = 660.00');
  });

  test('Tiered into a tier with a flat fee', () => {
    const result = tiered({ pricingModel: 'Tiered', quantity: 60 });
    // 10 x 10 + 40 x 8 + 10 x 6 + 25 = 505.00/mo
    expect(nets(result.lines)[0]).toBe('1515.00');
  });

  test('Volume: all 25 seats at 8.00', () => {
    expect(nets(tiered({ pricingModel: 'Volume', quantity: 25 }).lines)[0]).toBe('600.00');
  });

  test('Package: ceil(25 / 10) = 3 packages x 50.00', () => {
    const result = tiered({ pricingModel: 'Package', quantity: 25, packageSize: 10, unitPrice: '50', tierTable: null });
    expect(nets(result.lines)[0]).toBe('450.00');
    expect(result.lines[0].calculation).toBe('ceil(25/10) = 3 packages x 50.00/mo x 3 mo = 450.00');
  });

  test('an unknown tier table: an Error on the Tier Table cell', () => {
    const result = tiered({ pricingModel: 'Tiered', quantity: 25, tierTable: 'Nope', row: 8 });
    expect(result.lines).toEqual([]);
    expect(result.issues[0]).toMatchObject({ severity: 'Error', cell: 'Contracts!Z8', value: 'Nope' });
  });
});

describe('scheduleContractLine', () => {
  test('options.endDate cuts the line (for a Cancel); a Term price stays spread over the contracted term', () => {
    const line: ContractLine = contractLine({ start: '2026-01-01', end: '2026-12-31', billingFrequency: 'Quarterly', unitPrice: '12000', priceBasis: 'Term' });
    const result = scheduleContractLine(line, 0, billingInputs({ contracts: [line] }), { endDate: d('2026-05-15') });
    expect(rows(result.lines).map((r) => `${r.type} ${r.start} ${r.end} ${r.net}`)).toEqual([
      'Recurring 2026-01-01 2026-03-31 3000.00',
      'Prorated 2026-04-01 2026-05-15 1483.52',
    ]);
  });

  test('options.gridAnchor follows another line\'s anniversary grid', () => {
    const line = contractLine({ start: '2026-03-16', end: '2026-12-31', billingFrequency: 'Quarterly', unitPrice: '1200', priceBasis: 'Month' });
    const result = scheduleContractLine(line, 0, billingInputs({ contracts: [line] }), { gridAnchor: d('2026-01-01') });
    expect(rows(result.lines).map((r) => `${r.type} ${r.start} ${r.end} ${r.net}`)).toEqual([
      'Prorated 2026-03-16 2026-03-31 640.00',
      'Recurring 2026-04-01 2026-06-30 3600.00',
      'Recurring 2026-07-01 2026-09-30 3600.00',
      'Recurring 2026-10-01 2026-12-31 3600.00',
    ]);
    expect(result.lines[0].calculation).toBe('1,200.00/mo x 1 x 3 mo x 16/90 = 640.00');
  });
});

describe('order', () => {
  test('Contract ID, Product, Period Start, then Invoice Date', () => {
    const contracts = [
      contractLine({ contractId: 'B-2', product: 'Support', start: '2026-01-01', end: '2026-02-28' }),
      contractLine({ contractId: 'A-1', product: 'Zeta', start: '2026-01-01', end: '2026-02-28' }),
      contractLine({ contractId: 'A-1', product: 'Alpha', start: '2026-02-01', end: '2026-03-31' }),
      contractLine({ contractId: 'B-2', product: 'Support', start: '2025-12-01', end: '2025-12-31' }),
    ];
    const result = buildBillingSchedule(billingInputs({ contracts }));
    expect(result.lines.map((l) => `${l.contract.contractId} ${l.contract.product} ${iso(l.periodStart)}`)).toEqual([
      'A-1 Alpha 2026-02-01', 'A-1 Alpha 2026-03-01', 'A-1 Zeta 2026-01-01', 'A-1 Zeta 2026-02-01',
      'B-2 Support 2025-12-01', 'B-2 Support 2026-01-01', 'B-2 Support 2026-02-01',
    ]);
  });

  test('the same input gives the same output', () => {
    const contracts = [contractLine({ contractId: 'X' }), contractLine({ contractId: 'Y', billingAnchor: 'Calendar', start: '2026-02-10' })];
    const a = buildBillingSchedule(billingInputs({ contracts }));
    const b = buildBillingSchedule(billingInputs({ contracts }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
