import { buildBillingSchedule } from '../../../src/core/schedule';
import type { BillingInputs, ScheduleLine } from '../../../src/core/model';
import { billingInputs, contractLine } from '../schedule/builders';
import { amendment, amendedRows, prorationRows } from './amendmentBuilder';
import { lineIdOf } from '../../../src/core/lineId';

/**
 * Amendments (billing.md): every figure below is worked by hand from the spec's rules.
 * The base line, unless a test says otherwise: C-1 Platform, 2026-01-01..2026-12-31, monthly in
 * advance, 10,000.00/yr x 1 = 11 x 833.33 + 833.37.
 */

function bill(inputs: BillingInputs) {
  return buildBillingSchedule(inputs);
}

function byType(lines: ScheduleLine[], type: ScheduleLine['lineType']): ScheduleLine[] {
  return lines.filter((l) => l.lineType === type);
}

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const LAST_DAY: Record<string, string> = { '01': '31', '02': '28', '03': '31', '04': '30', '05': '31', '06': '30', '07': '31', '08': '31', '09': '30', '10': '31', '11': '30', '12': '31' };

/** "Platform Recurring 2026-MM-01 2026-MM-last 2026-MM-01 amount net" for months in advance */
function advanceMonth(month: string, amount: string, product = 'Platform'): string {
  return `${product} Recurring 2026-${month}-01 2026-${month}-${LAST_DAY[month]} 2026-${month}-01 ${amount} ${amount}`;
}

describe('Upgrade in the middle of a period, in advance', () => {
  const out = bill(billingInputs({
    contracts: [contractLine({ row: 2 })],
    amendments: [amendment({ effective: '2026-03-15', quantity: 2, row: 2, id: 'AMD-1' })],
  }));

  it('credits the unused 17/31 of March, charges 17/31 at the new terms, then bills the new price', () => {
    expect(amendedRows(out.lines)).toEqual([
      advanceMonth('01', '833.33'),
      advanceMonth('02', '833.33'),
      advanceMonth('03', '833.33'),
      'Platform Credit 2026-03-15 2026-03-31 2026-03-15 -456.99 -456.99',
      'Platform Prorated 2026-03-15 2026-03-31 2026-03-15 913.98 913.98',
      // a new price segment: 9 x 1,666.666... = 15,000.00, remainder on its last installment
      ...MONTHS.slice(3, 11).map((m) => advanceMonth(m, '1666.67')),
      advanceMonth('12', '1666.64'),
    ]);
    expect(out.issues).toEqual([]);
  });

  it('ties the credit to the March charge, says its arithmetic and names the amendment', () => {
    const [credit] = byType(out.lines, 'Credit');
    const [prorated] = byType(out.lines, 'Prorated');
    const march = out.lines.find((l) => l.lineType === 'Recurring' && l.periodStart === credit.periodStart - 14)!;
    expect(credit.creditOf).toBe(lineIdOf(march));
    // the March charge's ID (contract, line 0, period 2) names the lines the amendment added to its period
    expect(lineIdOf(march)).toBe('C-1|0|2|Recurring');
    expect(credit.lineId).toBe('C-1|0|2|Recurring~row2~credit');
    expect(prorated.lineId).toBe('C-1|0|2|Recurring~row2~prorated');
    expect(credit.source).toBe('AMD-1');
    expect(prorated.source).toBe('AMD-1');
    expect(credit.calculation).toBe('credit of unused 17/31 of 833.33 billed: -(833.33 x 17/31) = -456.99');
    expect(prorated.calculation).toBe('new terms 10,000.00/yr x 2 x 1/12 x 17/31 = 913.98');
    expect(prorated.quantity.toString()).toBe('2');
    expect(credit.quantity.toString()).toBe('1');
    expect(credit.dueDate - credit.invoiceDate).toBe(30);
    expect(credit.prorationFactor.toFixed(6)).toBe('0.548387');
  });

  it('writes one Proration row with the old and new period amounts', () => {
    expect(prorationRows(out.proration)).toEqual([
      'AMD-1 Platform 2026-03-01 2026-03-31 833.33 1666.67 14 17 0.548387 -456.99 913.98',
    ]);
    expect(out.proration[0].type).toBe('Upgrade');
    expect(out.proration[0].contractId).toBe('C-1');
    expect(out.proration[0].calculation).toBe(
      'credit of unused 17/31 of 833.33 billed: -(833.33 x 17/31) = -456.99; new terms 10,000.00/yr x 2 x 1/12 x 17/31 = 913.98',
    );
  });

  it('keeps the example of the spec: 12,000.00/yr x 1 x 1/12 x 17/31 = 548.39', () => {
    const spec = bill(billingInputs({
      contracts: [contractLine({ row: 2, unitPrice: 6000, quantity: 2 })],
      amendments: [amendment({ effective: '2026-03-15', type: 'Price Change', quantity: 1, price: 12000, row: 2 })],
    }));
    expect(byType(spec.lines, 'Prorated')[0].calculation).toBe('new terms 12,000.00/yr x 1 x 1/12 x 17/31 = 548.39');
  });
});

describe('Downgrade with an immediate prorated credit', () => {
  // 30,000.00/yr: 2,500.00 a month; down to 1 seat (833.333...) from 15 March
  const out = bill(billingInputs({
    contracts: [contractLine({ row: 2, quantity: 3 })],
    amendments: [amendment({ effective: '2026-03-15', type: 'Downgrade', quantity: 1, row: 2 })],
  }));

  it('credits 17/31 of 2,500.00 on the Effective Date and rebills 17/31 of 833.33', () => {
    expect(amendedRows(out.lines)).toEqual([
      advanceMonth('01', '2500.00'),
      advanceMonth('02', '2500.00'),
      advanceMonth('03', '2500.00'),
      'Platform Credit 2026-03-15 2026-03-31 2026-03-15 -1370.97 -1370.97',
      'Platform Prorated 2026-03-15 2026-03-31 2026-03-15 456.99 456.99',
      ...MONTHS.slice(3, 11).map((m) => advanceMonth(m, '833.33')),
      advanceMonth('12', '833.36'),
    ]);
    expect(out.issues).toEqual([]);
  });

  it('nets March to 2,500.00 - 1,370.97 + 456.99', () => {
    const march = out.lines.filter((l) => l.periodEnd === out.lines[2].periodEnd);
    expect(march.reduce((t, l) => t.plus(l.netAmount), march[0].netAmount.minus(march[0].netAmount)).toFixed(2)).toBe('1586.02');
  });
});

describe('Quantity Change and Price Change on a ramp', () => {
  // ramp: 10,000.00/yr Jan-Jun, then 12,000.00/yr Jul-Dec
  const ramp = () => [
    contractLine({ row: 2, end: '2026-06-30' }),
    contractLine({ row: 3, start: '2026-07-01', unitPrice: 12000 }),
  ];

  it('applies a New Quantity to the line holding E and to the later ramp lines', () => {
    const out = bill(billingInputs({
      contracts: ramp(),
      amendments: [amendment({ effective: '2026-04-01', type: 'Quantity Change', quantity: 3, row: 2 })],
    }));
    expect(amendedRows(out.lines)).toEqual([
      advanceMonth('01', '833.33'),
      advanceMonth('02', '833.33'),
      advanceMonth('03', '833.33'),
      ...MONTHS.slice(3, 6).map((m) => advanceMonth(m, '2500.00')),
      ...MONTHS.slice(6, 12).map((m) => advanceMonth(m, '3000.00')),
    ]);
    expect(out.lines[11].calculation).toBe('12,000.00/yr x 3 x 1/12 = 3,000.00');
    expect(out.proration).toEqual([]);
  });

  it('applies a New Unit Price only to the line holding E', () => {
    const out = bill(billingInputs({
      contracts: ramp(),
      amendments: [amendment({ effective: '2026-04-01', type: 'Price Change', price: 11000, row: 2 })],
    }));
    expect(amendedRows(out.lines)).toEqual([
      advanceMonth('01', '833.33'),
      advanceMonth('02', '833.33'),
      advanceMonth('03', '833.33'),
      // 3 x 916.666... = 2,750.00
      advanceMonth('04', '916.67'),
      advanceMonth('05', '916.67'),
      advanceMonth('06', '916.66'),
      ...MONTHS.slice(6, 12).map((m) => advanceMonth(m, '1000.00')),
    ]);
  });
});

describe('Add Product', () => {
  it('co-terms with the contract and starts with a partial period on the first line\'s grid', () => {
    // first line: anniversary months from the 15th; Analytics from 1 March = [Mar 1, Mar 14] of [Feb 15, Mar 14]
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2, start: '2026-01-15', end: '2027-01-14', discount: 0 })],
      amendments: [amendment({ effective: '2026-03-01', type: 'Add Product', product: 'Analytics', price: 1200, row: 2, id: 'AMD-ADD' })],
    }));
    const analytics = out.lines.filter((l) => l.contract.product === 'Analytics');
    const periodStarts = ['03-15', '04-15', '05-15', '06-15', '07-15', '08-15', '09-15', '10-15', '11-15', '12-15'];
    const periodEnds = ['04-14', '05-14', '06-14', '07-14', '08-14', '09-14', '10-14', '11-14', '12-14', '01-14'];
    expect(amendedRows(analytics)).toEqual([
      'Analytics Prorated 2026-03-01 2026-03-14 2026-03-01 50.00 50.00',
      ...periodStarts.map((s, i) => `Analytics Recurring 2026-${s} ${i === 9 ? '2027' : '2026'}-${periodEnds[i]} 2026-${s} 100.00 100.00`),
    ]);
    expect(analytics.every((l) => l.source === 'AMD-ADD')).toBe(true);
    expect(analytics[0].calculation).toBe('1,200.00/yr x 1 x 1/12 x 14/28 = 50.00');
    expect(new Set(out.lines.map((l) => lineIdOf(l))).size).toBe(out.lines.length);
    expect(prorationRows(out.proration)).toEqual(['AMD-ADD Analytics 2026-03-01 2026-03-14 0.00 100.00 14 14 0.5 0.00 50.00']);
    // the first line is untouched
    expect(out.lines.filter((l) => l.contract.product === 'Platform').map((l) => l.netAmount.toFixed(2))).toEqual([...Array(11).fill('833.33'), '833.37']);
  });

  it('inherits Frequency, Timing, Discount % and Tax Jurisdiction from the contract\'s first line', () => {
    const out = bill(billingInputs({
      contracts: [
        contractLine({ row: 2, billingFrequency: 'Quarterly', billingTiming: 'Arrears', discount: '0.1', taxJurisdiction: 'US-CA' }),
        contractLine({ row: 3, product: 'Support', end: '2027-03-31' }),
      ],
      amendments: [amendment({ effective: '2026-07-01', type: 'Add Product', product: 'Analytics', price: 4000, quantity: 2, row: 2 })],
    }));
    // quarters from Jan 1 to the contract's latest End Date 2027-03-31; 4,000.00/yr x 2 x 3/12 x (1 - 10%)
    expect(amendedRows(out.lines.filter((l) => l.contract.product === 'Analytics'))).toEqual([
      'Analytics Recurring 2026-07-01 2026-09-30 2026-10-01 2000.00 1800.00',
      'Analytics Recurring 2026-10-01 2026-12-31 2027-01-01 2000.00 1800.00',
      'Analytics Recurring 2027-01-01 2027-03-31 2027-04-01 2000.00 1800.00',
    ]);
    expect(out.lines.find((l) => l.contract.product === 'Analytics')!.contract.taxJurisdiction).toBe('US-CA');
  });
});

describe('Cancel', () => {
  it('in advance: credits the unused days and drops the later periods', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-09-16', type: 'Cancel', product: null, row: 2 })],
    }));
    expect(amendedRows(out.lines)).toEqual([
      ...MONTHS.slice(0, 9).map((m) => advanceMonth(m, '833.33')),
      // 833.33 x 15/30 = 416.665, half up
      'Platform Credit 2026-09-16 2026-09-30 2026-09-16 -416.67 -416.67',
    ]);
  });

  it('in arrears: bills the last period [S, E - 1] on E, and nothing after', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2, billingTiming: 'Arrears' })],
      amendments: [amendment({ effective: '2026-09-16', type: 'Cancel', product: null, row: 2 })],
    }));
    const rows = amendedRows(out.lines);
    expect(rows.slice(7)).toEqual([
      'Platform Recurring 2026-08-01 2026-08-31 2026-09-01 833.33 833.33',
      'Platform Recurring 2026-09-01 2026-09-15 2026-09-16 416.67 416.67',
    ]);
    expect(rows).toHaveLength(9);
    expect(out.lines[8].calculation).toBe('old 833.33 x 15/30 = 416.67');
    expect(prorationRows(out.proration)).toEqual(['AMD-2 Platform 2026-09-01 2026-09-30 833.33 0.00 15 15 0.5 -416.67 0.00']);
  });

  it('ends only the named Product\'s lines', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 }), contractLine({ row: 3, product: 'Support', unitPrice: 1200 })],
      amendments: [amendment({ effective: '2026-07-01', type: 'Cancel', product: 'Support', row: 2 })],
    }));
    expect(out.lines.filter((l) => l.contract.product === 'Support').map((l) => l.periodStart)).toHaveLength(6);
    expect(out.lines.filter((l) => l.contract.product === 'Platform')).toHaveLength(12);
    expect(byType(out.lines, 'Credit')).toEqual([]);
  });
});

describe('Where E falls and how it is prorated', () => {
  const expectedFromApril = [
    advanceMonth('01', '833.33'),
    advanceMonth('02', '833.33'),
    advanceMonth('03', '833.33'),
    ...MONTHS.slice(3, 11).map((m) => advanceMonth(m, '1666.67')),
    advanceMonth('12', '1666.64'),
  ];

  it('E on a period start: that period and later bill at the new terms, nothing credited', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-04-01', quantity: 2, row: 2 })],
    }));
    expect(amendedRows(out.lines)).toEqual(expectedFromApril);
    expect(out.proration).toEqual([]);
  });

  it('Proration None: the change starts at the next period start; nothing credited', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-03-15', quantity: 2, proration: 'None', row: 2 })],
    }));
    expect(amendedRows(out.lines)).toEqual(expectedFromApril);
    expect(out.proration).toEqual([]);
  });

  it('30/360: factor = DAYS360(E, T + 1) / DAYS360(S, T + 1) = 16/30', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-03-15', quantity: 2, proration: '30/360', row: 2 })],
    }));
    expect(amendedRows(byType(out.lines, 'Credit').concat(byType(out.lines, 'Prorated')))).toEqual([
      'Platform Credit 2026-03-15 2026-03-31 2026-03-15 -444.44 -444.44',
      'Platform Prorated 2026-03-15 2026-03-31 2026-03-15 888.89 888.89',
    ]);
    expect(prorationRows(out.proration)).toEqual(['AMD-2 Platform 2026-03-01 2026-03-31 833.33 1666.67 14 16 0.533333 -444.44 888.89']);
    expect(byType(out.lines, 'Prorated')[0].calculation).toBe('new terms 10,000.00/yr x 2 x 1/12 x 16/30 (30/360 days) = 888.89');
  });

  it('in arrears, the period holding E is billed once: old x (1 - factor) + new x factor', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2, billingTiming: 'Arrears' })],
      amendments: [amendment({ effective: '2026-03-15', quantity: 2, row: 2 })],
    }));
    const march = out.lines[2];
    // 833.33 x 14/31 + 1,666.666... x 17/31 = 376.3426 + 913.9785
    expect(amendedRows([march])).toEqual(['Platform Recurring 2026-03-01 2026-03-31 2026-04-01 1290.32 1290.32']);
    expect(march.calculation).toBe('old 833.33 x 14/31 + new terms 10,000.00/yr x 2 x 1/12 x 17/31 = 1,290.32');
    expect(byType(out.lines, 'Credit')).toEqual([]);
    expect(out.lines.slice(3).map((l) => l.netAmount.toFixed(2))).toEqual([...Array(8).fill('1666.67'), '1666.64']);
  });
});

describe('Booked Date after periods were invoiced', () => {
  const out = bill(billingInputs({
    contracts: [contractLine({ row: 2 })],
    amendments: [amendment({ effective: '2026-03-15', booked: '2026-05-10', quantity: 2, row: 2, id: 'AMD-LATE' })],
  }));

  it('keeps what was billed, credits and rebills each period with service from E, on the Booked Date', () => {
    expect(amendedRows(out.lines)).toEqual([
      advanceMonth('01', '833.33'),
      advanceMonth('02', '833.33'),
      advanceMonth('03', '833.33'),
      'Platform Credit 2026-03-15 2026-03-31 2026-05-10 -456.99 -456.99',
      'Platform Prorated 2026-03-15 2026-03-31 2026-05-10 913.98 913.98',
      advanceMonth('04', '833.33'),
      'Platform Credit 2026-04-01 2026-04-30 2026-05-10 -833.33 -833.33',
      'Platform Prorated 2026-04-01 2026-04-30 2026-05-10 1666.67 1666.67',
      advanceMonth('05', '833.33'),
      'Platform Credit 2026-05-01 2026-05-31 2026-05-10 -833.33 -833.33',
      'Platform Prorated 2026-05-01 2026-05-31 2026-05-10 1666.67 1666.67',
      // June on: 7 x 1,666.666... = 11,666.67
      ...MONTHS.slice(5, 11).map((m) => advanceMonth(m, '1666.67')),
      advanceMonth('12', '1666.65'),
    ]);
  });

  it('credits a whole period exactly as billed (factor 1)', () => {
    const april = byType(out.lines, 'Credit')[1];
    expect(april.calculation).toBe('credit of whole period of 833.33 billed: -(833.33 x 1) = -833.33');
    expect(april.prorationFactor.toString()).toBe('1');
  });

  it('writes a Proration row per affected period', () => {
    expect(prorationRows(out.proration)).toEqual([
      'AMD-LATE Platform 2026-03-01 2026-03-31 833.33 1666.67 14 17 0.548387 -456.99 913.98',
      'AMD-LATE Platform 2026-04-01 2026-04-30 833.33 1666.67 0 30 1 -833.33 1666.67',
      'AMD-LATE Platform 2026-05-01 2026-05-31 833.33 1666.67 0 31 1 -833.33 1666.67',
    ]);
  });
});

describe('Order and conflicts', () => {
  it('two amendments on one line with the same E: Error on the later row, which is skipped', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [
        amendment({ effective: '2026-04-01', quantity: 3, row: 5 }),
        amendment({ effective: '2026-04-01', quantity: 2, row: 4 }),
      ],
    }));
    expect(out.lines[3].netAmount.toFixed(2)).toBe('1666.67');
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]).toMatchObject({ severity: 'Error', sheet: 'Amendments', cell: 'Amendments!C5', value: '2026-04-01' });
  });

  it('applies in order of (Effective Date, sheet row), whatever order the rows are in', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [
        amendment({ effective: '2026-06-01', type: 'Price Change', price: 12000, row: 2 }),
        amendment({ effective: '2026-03-01', type: 'Quantity Change', quantity: 2, row: 3 }),
      ],
    }));
    // March on at 2 seats (a segment to December), then June on at the new price with 2 seats
    expect(out.lines.map((l) => l.netAmount.toFixed(2))).toEqual([
      '833.33', '833.33', '1666.67', '1666.67', '1666.67', '2000.00', '2000.00', '2000.00', '2000.00', '2000.00', '2000.00', '2000.00',
    ]);
    expect(out.issues).toEqual([]);
  });

  it('an unknown contract, an unknown product and an E outside the line are Errors on their cells', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [
        amendment({ contractId: 'C-404', effective: '2026-03-01', quantity: 2, row: 2 }),
        amendment({ product: 'Nope', effective: '2026-03-01', quantity: 2, row: 3 }),
        amendment({ effective: '2027-03-01', quantity: 2, row: 4 }),
      ],
    }));
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Error Amendments!A2', 'Error Amendments!B3', 'Error Amendments!C4']);
    expect(out.lines.every((l) => l.lineType === 'Recurring')).toBe(true);
    expect(out.lines.map((l) => l.netAmount.toFixed(2))).toEqual([...Array(11).fill('833.33'), '833.37']);
  });

  it('an amendment on a line that billed nothing (an Error kept it off the schedule) is an Error, and nothing is billed', () => {
    // Total Contract Value 5,000.00 against 10,000.00/yr x 12 months: the line is not billed
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2, tcv: 5000 })],
      amendments: [amendment({ effective: '2026-04-01', quantity: 2, row: 2 })],
    }));
    expect(out.lines).toEqual([]);
    expect(out.issues.map((i) => `${i.severity} ${i.cell} ${i.problem}`)).toEqual([
      expect.stringMatching(/^Error Contracts!\S+ Total Contract Value 5,000\.00 does not agree/),
      'Error Amendments!B2 Amendment AMD-2: The Platform line of contract C-1 is not billed, so the amendment was not applied',
    ]);
  });

  it('an Upgrade that lowers the amount is applied with a Warning', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-04-01', price: 8000, row: 2 })],
    }));
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Warning Amendments!D2']);
    expect(out.lines[3].netAmount.toFixed(2)).toBe('666.67');
  });
});

describe('A credit never exceeds what was billed for the period', () => {
  it('caps a 30/360 credit that would take back more than a Daily change billed', () => {
    // 12,000.00/yr: 1,000.00 a month. 20 Feb (Daily, 9/28): up to 100 seats; 21 Feb (30/360, 10/30): cancel.
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2, unitPrice: 12000 })],
      amendments: [
        amendment({ effective: '2026-02-20', quantity: 100, row: 2 }),
        amendment({ effective: '2026-02-21', type: 'Cancel', proration: '30/360', row: 3 }),
      ],
    }));
    expect(amendedRows(out.lines)).toEqual([
      advanceMonth('01', '1000.00'),
      advanceMonth('02', '1000.00'),
      'Platform Credit 2026-02-20 2026-02-28 2026-02-20 -321.43 -321.43',
      'Platform Prorated 2026-02-20 2026-02-28 2026-02-20 32142.86 32142.86',
      // 100,000.00 x 10/30 = 33,333.33 > 1,000.00 - 321.43 + 32,142.86 = 32,821.43 billed
      'Platform Credit 2026-02-21 2026-02-28 2026-02-21 -32821.43 -32821.43',
    ]);
    const credits = byType(out.lines, 'Credit');
    expect(credits[1].creditOf).toBe(lineIdOf(byType(out.lines, 'Prorated')[0]));
    expect(credits[1].calculation).toContain('(capped at the amount billed for the period)');
  });
});

describe('Discount on amendment lines', () => {
  it('is positive on the charge, negative on the credit, and always Amount - Net Amount', () => {
    const out = bill(billingInputs({
      contracts: [contractLine({ row: 2, discount: '0.1' })],
      amendments: [amendment({ effective: '2026-03-15', quantity: 2, row: 2 })],
    }));
    const [credit] = byType(out.lines, 'Credit');
    const [prorated] = byType(out.lines, 'Prorated');
    // gross 833.33 / net 750.00 a month; x 17/31
    expect([credit.amount, credit.discount, credit.netAmount].map((x) => x.toFixed(2))).toEqual(['-456.99', '-45.70', '-411.29']);
    expect([prorated.amount, prorated.discount, prorated.netAmount].map((x) => x.toFixed(2))).toEqual(['913.98', '91.40', '822.58']);
    expect(prorated.calculation).toBe('new terms 10,000.00/yr x 2 x 1/12 x (1 - 10%) x 17/31 = 822.58');
  });
});
