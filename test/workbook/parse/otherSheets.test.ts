import { parseBillingInputs, ParseContext } from '../../../src/workbook/parseInputs';
import type { InputGrid } from '../../../src/workbook/grid';
import type { InputSheetName } from '../../../src/workbook/inputSheets';
import { day, gridOf, iso } from '../inputGrid';

const ctx: ParseContext = { job: 'Bill', today: day('2026-03-15') };

const CONTRACTS = gridOf('Contracts', [
  ['Contract ID', 'Customer', 'Product', 'Start Date', 'Term (Months)', 'Billing Frequency', 'Unit Price', 'Usage Metric', 'Tax Jurisdiction'],
  ['C-1', 'Acme', 'Platform', '2026-01-01', 12, 'Monthly', 1000, null, 'US-CA'],
  ['C-1', 'Acme', 'API', '2026-01-01', 12, 'Usage', '0.002', 'API Calls', 'US-CA'],
]);

function parse(grids: Partial<Record<InputSheetName, InputGrid | null>>) {
  return parseBillingInputs({ Contracts: CONTRACTS, ...grids }, ctx);
}

describe('Amendments', () => {
  test('defaults: Proration from Settings, Booked Date = Effective Date, a blank ID names the row\'s first cell', () => {
    const r = parse({
      Settings: gridOf('Settings', [['Setting', 'Value'], ['Proration Method', '30/360']]),
      Amendments: gridOf('Amendments', [
        ['Contract ID', 'Product', 'Effective Date', 'Type', 'New Quantity', 'New Unit Price', 'Proration', 'Booked Date', 'Amendment ID', 'Note'],
        ['c-1', 'platform', '2026-04-15', 'Upgrade', 20, '1,100.00', null, null, null, 'more seats'],
        ['C-1', null, '2026-09-01', 'cancellation', null, null, 'none', '2026-08-20', 'AMD-2', null],
        ['C-1', 'Analytics', '2026-05-01', 'Add Product', 5, 300, 'Daily', null, 'AMD-3', null],
      ], { firstRow: 4, firstColumn: 2 }),
    });
    expect(r.issues).toEqual([]);
    expect(r.rowsRead.Amendments).toBe(3);
    expect(r.inputs.amendments.map((a) => [a.amendmentId, a.contractId, a.product, iso(a.effectiveDate), a.type,
      a.newQuantity?.toString() ?? null, a.newUnitPrice?.toString() ?? null, a.proration, iso(a.bookedDate), a.note, a.source.row]))
      .toEqual([
        ['Amendments!B5', 'C-1', 'Platform', '2026-04-15', 'Upgrade', '20', '1100', '30/360', '2026-04-15', 'more seats', 5],
        ['AMD-2', 'C-1', null, '2026-09-01', 'Cancel', null, null, 'None', '2026-08-20', null, 6],
        ['AMD-3', 'C-1', 'Analytics', '2026-05-01', 'Add Product', '5', '300', 'Daily', '2026-05-01', null, 7],
      ]);
  });

  test('what an amendment needs', () => {
    const r = parse({
      Amendments: gridOf('Amendments', [
        ['Contract ID', 'Product', 'Effective Date', 'Type', 'New Quantity', 'New Unit Price'],
        ['C-1', null, '2026-04-15', 'Price Change', null, 900],
        ['C-1', 'Training', '2026-04-15', 'Add Product', 1, null],
        ['C-1', 'Platform', null, 'Downgrade', 5, null],
        ['C-1', 'Platform', '2026-04-15', 'Renewal', 5, null],
        ['C-1', 'Platform', '2026-04-15', 'Quantity Change', -5, null],
      ]),
    });
    expect(r.inputs.amendments).toEqual([]);
    expect(r.issues.map((i) => [i.severity, i.cell, i.problem])).toEqual([
      ['Error', 'Amendments!B2', 'A Price Change amendment needs the Product it changes'],
      ['Error', 'Amendments!F3', 'An Add Product amendment needs a New Unit Price'],
      ['Error', 'Amendments!C4', 'Effective Date is blank'],
      ['Error', 'Amendments!D5', "'Renewal' is not one of the allowed values"],
      ['Error', 'Amendments!E6', 'New Quantity is negative'],
    ]);
    expect(r.issues[3].fix).toBe('Type one of: Upgrade, Downgrade, Quantity Change, Price Change, Add Product, Cancel');
  });
});

describe('Milestones and Usage', () => {
  test('milestones take the Contracts spelling of contract and product', () => {
    const r = parse({
      Milestones: gridOf('Milestones', [
        ['Contract ID', 'Product', 'Milestone', 'Date', 'Amount'],
        ['c-1', 'PLATFORM', 'Go-live', '2026-02-15', '$12,500.00'],
        ['C-1', 'Platform', 'Sign-off', '2026-02-30', 100],
      ]),
    });
    expect(r.inputs.milestones.map((m) => [m.contractId, m.product, m.milestone, iso(m.date), m.amount.toFixed(2)]))
      .toEqual([['C-1', 'Platform', 'Go-live', '2026-02-15', '12500.00']]);
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([['Milestones!D3', "'2026-02-30' is not a real calendar date"]]);
  });

  test('usage rows: metric in the Contracts spelling, quantities exact', () => {
    const r = parse({
      Usage: gridOf('Usage', [
        ['Contract ID', 'Usage Metric', 'Date', 'Quantity'],
        ['C-1', 'api calls', '2026-01-15', '1,250,000'],
        ['C-1', 'API Calls', 46068, 0.5],
        ['C-1', 'API Calls', '2026-02-16', null],
        ['X-9', 'Storage', '2026-02-16', 3],
        ['X-9', 'Storage', '2026-02-17', 12345678],
        ['X-9', 'Storage', '2026-02-18', -40],
      ]),
    });
    // a whole number below 10^7 is also kept as a plain number, for rating usage without decimal.js
    expect(r.inputs.usage.map((u) => [u.contractId, u.usageMetric, iso(u.date), u.quantity.toString(), u.wholeQuantity])).toEqual([
      ['C-1', 'API Calls', '2026-01-15', '1250000', 1250000],
      ['C-1', 'API Calls', '2026-02-15', '0.5', null],
      ['X-9', 'Storage', '2026-02-16', '3', 3],
      ['X-9', 'Storage', '2026-02-17', '12345678', null],
      ['X-9', 'Storage', '2026-02-18', '-40', -40],
    ]);
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([['Usage!D4', 'Quantity is blank']]);
  });
});

describe('Price Tiers, FX Rates, Tax Rates', () => {
  test('price tiers: blank To Units is no bound; blank Flat Fee is 0', () => {
    const r = parse({
      'Price Tiers': gridOf('Price Tiers', [
        ['Tier Table', 'From Units', 'To Units', 'Unit Price', 'Flat Fee'],
        ['API', 0, 1000, '0.01', null],
        ['API', 1000, null, '0.008', '25.00'],
        ['API', 500, 100, '0.01', null],
        ['API', 0, null, null, null],
      ]),
    });
    expect(r.inputs.priceTiers.map((t) => [t.tierTable, t.fromUnits.toString(), t.toUnits?.toString() ?? null, t.unitPrice.toString(),
      t.flatFee.toString()])).toEqual([['API', '0', '1000', '0.01', '0'], ['API', '1000', null, '0.008', '25']]);
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([
      ['Price Tiers!C4', 'To Units 100 is below From Units 500'],
      ['Price Tiers!D5', 'Neither Unit Price nor Flat Fee is given'],
    ]);
  });

  test('FX rates: currency codes, positive rates, As Of dates', () => {
    const r = parse({
      'FX Rates': gridOf('FX Rates', [
        ['Currency', 'Rate', 'As Of'],
        ['eur', '1.0825', '2026-01-01'],
        ['GBP', 1.27, 46054],
        ['EUR', 0, '2026-02-01'],
        ['EURO', 1.1, '2026-02-01'],
      ]),
    });
    expect(r.inputs.fxRates.map((f) => [f.currency, f.rate.toString(), iso(f.asOf)])).toEqual([
      ['EUR', '1.0825', '2026-01-01'], ['GBP', '1.27', '2026-02-01'],
    ]);
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([
      ['FX Rates!B4', 'Rate must be more than 0'],
      ['FX Rates!A5', "'EURO' is not a known ISO 4217 currency code"],
    ]);
  });

  test('tax rates: Rate % as points, %-text or %-format; jurisdiction in the Contracts spelling', () => {
    const grid = gridOf('Tax Rates', [
      ['Jurisdiction', 'Rate %', 'Tax Name', 'Effective From'],
      ['us-ca', 7.25, 'Sales Tax', null],
      ['DE', '19%', 'VAT', '2026-01-01'],
      ['GB', 0.2, 'VAT', null],
      ['FR', 0.2, null, null],
    ]);
    grid.numberFormats = grid.values.map((row, i) => row.map((_c, j) => (i === 3 && j === 1 ? '0.00%' : 'General')));
    const r = parse({ 'Tax Rates': grid });
    expect(r.inputs.taxRates.map((t) => [t.jurisdiction, t.rate.toString(), t.taxName, iso(t.effectiveFrom)])).toEqual([
      ['US-CA', '0.0725', 'Sales Tax', null],
      ['DE', '0.19', 'VAT', '2026-01-01'],
      ['GB', '0.2', 'VAT', null],
      ['FR', '0.002', 'Tax', null],
    ]);
    expect(r.issues.map((i) => [i.severity, i.cell, i.problem])).toEqual([
      ['Warning', 'Tax Rates!B5', '0.2 is read as 0.2%: did you mean 0.2% or 20%?'],
    ]);
  });
});
