import { buildBillingSchedule } from '../../../src/core/schedule';
import { billingInputs, contractLine, milestone, tier, usageRecord } from '../schedule/builders';
import { amendment, amendedRows, prorationRows } from './amendmentBuilder';
import { lineIdOf } from '../../../src/core/lineId';

/** Amendments on usage, milestone, Upfront / Total Contract Value lines, and late-booked changes. */

describe('Usage lines', () => {
  const out = buildBillingSchedule(billingInputs({
    contracts: [contractLine({ row: 2, product: 'API', billingFrequency: 'Usage', billingTiming: 'Arrears', usageMetric: 'api', unitPrice: '0.10', priceBasis: null, end: '2026-06-30' })],
    usage: [
      usageRecord('C-1', 'api', '2026-03-10', 1000, 2),
      usageRecord('C-1', 'api', '2026-03-20', 500, 3),
      usageRecord('C-1', 'api', '2026-05-05', 100, 4),
    ],
    amendments: [
      amendment({ effective: '2026-03-16', product: 'API', type: 'Price Change', price: '0.20', row: 2 }),
      amendment({ effective: '2026-05-01', product: null, type: 'Cancel', row: 3 }),
    ],
  }));

  it('rate usage before E at the old price and from E at the new one, both billed at the period end', () => {
    expect(amendedRows(out.lines)).toEqual([
      'API Usage 2026-03-01 2026-03-15 2026-04-01 100.00 100.00',
      'API Usage 2026-03-16 2026-03-31 2026-04-01 100.00 100.00',
    ]);
    expect(out.lines[1].calculation).toBe('500 units; 500 x 0.20/unit = 100.00');
    expect(new Set(out.lines.map((l) => lineIdOf(l))).size).toBe(2);
  });

  it('do not bill usage after a Cancel, and say so', () => {
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Warning Amendments!C3']);
    expect(out.issues[0].problem).toContain('1 usage row(s) of api are dated after the cancellation (service ended 2026-04-30)');
  });

  describe('a price change booked after usage periods were invoiced', () => {
    const late = (...changes: { effective: string; price: string; booked: string }[]) => buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2, product: 'API', billingFrequency: 'Usage', billingTiming: 'Arrears', usageMetric: 'api', unitPrice: '0.10', priceBasis: null, end: '2026-03-31' })],
      usage: [
        usageRecord('C-1', 'api', '2026-01-10', 1000, 2),
        usageRecord('C-1', 'api', '2026-02-10', 500, 3),
        usageRecord('C-1', 'api', '2026-03-10', 300, 4),
      ],
      amendments: changes.map((c, i) => amendment({ ...c, product: 'API', type: 'Price Change', row: 5 + i })),
    }));
    const february = { effective: '2026-02-01', price: '0.20' };

    it('keep what February billed, credit it and bill it again at the new price on the Booked Date', () => {
      const out = late({ ...february, booked: '2026-03-15' });
      expect(out.issues).toEqual([]);
      expect(amendedRows(out.lines)).toEqual([
        'API Usage 2026-01-01 2026-01-31 2026-02-01 100.00 100.00',
        'API Usage 2026-02-01 2026-02-28 2026-03-01 50.00 50.00',
        'API Credit 2026-02-01 2026-02-28 2026-03-15 -50.00 -50.00',
        'API Usage 2026-02-01 2026-02-28 2026-03-15 100.00 100.00',
        'API Usage 2026-03-01 2026-03-31 2026-04-01 60.00 60.00',
      ]);
      const credit = out.lines[2];
      expect(credit.creditOf).toBe(lineIdOf(out.lines[1]));
      expect(credit.calculation).toBe('credit of usage billed for 2026-02-01 to 2026-02-28, rated again under amendment AMD-5 (booked 2026-03-15): -(50.00) = -50.00');
      expect(out.lines[3].calculation).toBe('500 units; 500 x 0.20/unit = 100.00 (rated again under amendment AMD-5, booked 2026-03-15)');
      expect(new Set(out.lines.map((l) => lineIdOf(l))).size).toBe(5);
    });

    it('a second late change credits the rebill in force, not the original', () => {
      const out = late({ ...february, booked: '2026-03-15' }, { effective: '2026-02-05', price: '0.30', booked: '2026-03-20' });
      expect(out.issues).toEqual([]);
      expect(amendedRows(out.lines)).toEqual([
        'API Usage 2026-01-01 2026-01-31 2026-02-01 100.00 100.00',
        'API Usage 2026-02-01 2026-02-28 2026-03-01 50.00 50.00',
        'API Credit 2026-02-01 2026-02-28 2026-03-15 -50.00 -50.00',
        'API Usage 2026-02-01 2026-02-28 2026-03-15 100.00 100.00',
        'API Credit 2026-02-01 2026-02-28 2026-03-20 -100.00 -100.00',
        'API Usage 2026-02-05 2026-02-28 2026-03-20 150.00 150.00',
        'API Usage 2026-03-01 2026-03-31 2026-04-01 90.00 90.00',
      ]);
      expect(out.lines[4].creditOf).toBe(lineIdOf(out.lines[3]));
    });

    it('change nothing already invoiced when booked on time', () => {
      expect(amendedRows(late({ ...february, booked: '2026-02-01' }).lines)).toEqual([
        'API Usage 2026-01-01 2026-01-31 2026-02-01 100.00 100.00',
        'API Usage 2026-02-01 2026-02-28 2026-03-01 100.00 100.00',
        'API Usage 2026-03-01 2026-03-31 2026-04-01 60.00 60.00',
      ]);
    });
  });

  it('refuse a New Quantity alone (the quantity is the metered usage)', () => {
    const bad = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2, product: 'API', billingFrequency: 'Usage', usageMetric: 'api', unitPrice: '0.10', priceBasis: null })],
      amendments: [amendment({ effective: '2026-03-16', product: 'API', type: 'Quantity Change', quantity: 5, row: 2 })],
    }));
    expect(bad.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Error Amendments!E2']);
  });
});

describe('Milestone lines', () => {
  it('a Cancel drops milestones dated on or after E; a repricing is refused', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2, product: 'Impl', billingFrequency: 'Milestone', unitPrice: null })],
      milestones: [milestone('C-1', 'Impl', 'Kickoff', '2026-02-01', 5000, 2), milestone('C-1', 'Impl', 'Go-live', '2026-08-01', 15000, 3)],
      amendments: [
        amendment({ effective: '2026-03-01', product: 'Impl', type: 'Price Change', price: 1, row: 2 }),
        amendment({ effective: '2026-06-01', product: null, type: 'Cancel', row: 3 }),
      ],
    }));
    expect(amendedRows(out.lines)).toEqual(['Impl Milestone 2026-02-01 2026-02-01 2026-02-01 5000.00 5000.00']);
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Error Amendments!B2']);
  });
});

describe('Upfront line priced by Total Contract Value', () => {
  it('credits the unused days of the term and charges them at the new quantity', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2, billingFrequency: 'Upfront', unitPrice: null, tcv: 12000, priceBasis: null })],
      amendments: [amendment({ effective: '2026-07-01', quantity: 2, row: 2 })],
    }));
    // 184 of 365 days remain: 12,000.00 x 184/365 = 6,049.315; 24,000.00 x 184/365 = 12,098.630
    expect(amendedRows(out.lines)).toEqual([
      'Platform Recurring 2026-01-01 2026-12-31 2026-01-01 12000.00 12000.00',
      'Platform Credit 2026-07-01 2026-12-31 2026-07-01 -6049.32 -6049.32',
      'Platform Prorated 2026-07-01 2026-12-31 2026-07-01 12098.63 12098.63',
    ]);
    expect(prorationRows(out.proration)).toEqual(['AMD-2 Platform 2026-01-01 2026-12-31 12000.00 24000.00 181 184 0.50411 -6049.32 12098.63']);
  });
});

describe('Late-booked and deferred changes', () => {
  it('Add Product booked after its first invoice dates bills those periods on the Booked Date', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-03-15', booked: '2026-04-10', type: 'Add Product', product: 'Analytics', price: 1200, row: 2 })],
    }));
    const rows = amendedRows(out.lines.filter((l) => l.contract.product === 'Analytics'));
    expect(rows.slice(0, 3)).toEqual([
      // 100.00 x 17/31 = 54.838
      'Analytics Prorated 2026-03-15 2026-03-31 2026-04-10 54.84 54.84',
      'Analytics Recurring 2026-04-01 2026-04-30 2026-04-10 100.00 100.00',
      'Analytics Recurring 2026-05-01 2026-05-31 2026-05-01 100.00 100.00',
    ]);
    expect(rows).toHaveLength(10);
  });

  it('Cancel with Proration None ends service at the end of the period holding E, with no credit', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-09-16', type: 'Cancel', product: null, proration: 'None', row: 2 })],
    }));
    expect(out.lines.map((l) => `${l.lineType} ${l.netAmount.toFixed(2)}`)).toEqual(Array(9).fill('Recurring 833.33'));
    expect(out.proration).toEqual([]);
  });

  it('a later change credits what an earlier one rebilled, not the original installment', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2, unitPrice: 12000 })],
      amendments: [
        amendment({ effective: '2026-03-11', quantity: 2, row: 2 }),
        amendment({ effective: '2026-03-21', type: 'Downgrade', quantity: 1, row: 3 }),
      ],
    }));
    expect(amendedRows(out.lines.filter((l) => l.lineType !== 'Recurring'))).toEqual([
      // 1,000.00 x 21/31 = 677.42 back; 2,000.00 x 21/31 = 1,354.84 on
      'Platform Credit 2026-03-11 2026-03-31 2026-03-11 -677.42 -677.42',
      'Platform Prorated 2026-03-11 2026-03-31 2026-03-11 1354.84 1354.84',
      // 2,000.00 x 11/31 = 709.68 back; 1,000.00 x 11/31 = 354.84 on
      'Platform Credit 2026-03-21 2026-03-31 2026-03-21 -709.68 -709.68',
      'Platform Prorated 2026-03-21 2026-03-31 2026-03-21 354.84 354.84',
    ]);
    const credits = out.lines.filter((l) => l.lineType === 'Credit');
    expect(credits[1].creditOf).toBe(lineIdOf(out.lines.find((l) => l.lineType === 'Prorated')!));
    // April on: back at 1,000.00
    expect(out.lines.filter((l) => l.lineType === 'Recurring').slice(3).map((l) => l.netAmount.toFixed(2))).toEqual(Array(9).fill('1000.00'));
  });

  it('Proration None in the last period changes nothing on the line, with a Warning', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2 })],
      amendments: [amendment({ effective: '2026-12-10', quantity: 5, proration: 'None', row: 2 })],
    }));
    expect(out.lines.map((l) => l.netAmount.toFixed(2))).toEqual([...Array(11).fill('833.33'), '833.37']);
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Warning Amendments!G2']);
  });
});

describe('Tiered and Volume lines (priced by their tier table)', () => {
  const tiers = [tier('T', 0, 10, 10, 0, 2), tier('T', 10, null, 8, 0, 3)];
  const tiered = (amendments: ReturnType<typeof amendment>[]) => buildBillingSchedule(billingInputs({
    contracts: [contractLine({ row: 2, product: 'Seats', pricingModel: 'Tiered', tierTable: 'T', unitPrice: null, quantity: 12, priceBasis: 'Month', end: '2026-03-31' })],
    priceTiers: tiers,
    amendments,
  }));

  it('refuse a New Unit Price alone, on its cell, and bill as contracted', () => {
    const out = tiered([amendment({ effective: '2026-02-01', product: 'Seats', type: 'Price Change', price: '5', row: 2 })]);
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Error Amendments!F2']);
    expect(out.issues[0].problem).toContain('priced by Tier Table T (Tiered); a New Unit Price cannot reprice it');
    // 10 x 10 + 2 x 8 = 116 a month, unchanged
    expect(amendedRows(out.lines)).toEqual([
      'Seats Recurring 2026-01-01 2026-01-31 2026-01-01 116.00 116.00',
      'Seats Recurring 2026-02-01 2026-02-28 2026-02-01 116.00 116.00',
      'Seats Recurring 2026-03-01 2026-03-31 2026-03-01 116.00 116.00',
    ]);
  });

  it('refuse a New Unit Price on a tiered Usage line, where no New Quantity can apply either', () => {
    const out = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ row: 2, product: 'API', billingFrequency: 'Usage', billingTiming: 'Arrears', usageMetric: 'api', pricingModel: 'Tiered', tierTable: 'T', unitPrice: null, priceBasis: null, end: '2026-03-31' })],
      priceTiers: tiers,
      usage: [usageRecord('C-1', 'api', '2026-02-10', 12, 2)],
      amendments: [amendment({ effective: '2026-02-01', product: 'API', type: 'Price Change', price: '5', row: 4 })],
    }));
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Error Amendments!F4']);
    expect(amendedRows(out.lines)).toEqual(['API Usage 2026-02-01 2026-02-28 2026-03-01 116.00 116.00']);
  });

  it('apply a New Quantity given with it, and warn that the price was not applied', () => {
    const out = tiered([amendment({ effective: '2026-02-01', product: 'Seats', type: 'Upgrade', quantity: 20, price: '5', row: 3 })]);
    expect(out.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(['Warning Amendments!F3']);
    // 20 seats: 10 x 10 + 10 x 8 = 180 from February
    expect(amendedRows(out.lines)).toEqual([
      'Seats Recurring 2026-01-01 2026-01-31 2026-01-01 116.00 116.00',
      'Seats Recurring 2026-02-01 2026-02-28 2026-02-01 180.00 180.00',
      'Seats Recurring 2026-03-01 2026-03-31 2026-03-01 180.00 180.00',
    ]);
  });
});
