import { analyzeBook } from '../../src/analysis/analyzeBook';
import { renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import type { InputGrid } from '../../src/workbook/grid';
import { asGrid, cleanRow, input, settings, usageRecord } from './book';

const salesLed = (n: number, extra = {}) => cleanRow(n, {
  paymentMethod: 'Wire', billingFrequency: 'Annual', unitPrice: 50000, endDate: '2028-12-31', paymentTerms: 'Net 60',
  billingContact: 'Ann', billToAddress: undefined, taxJurisdiction: 'US-CA', ...extra,
});

function gapSheet(rows: Parameters<typeof input>[0], extras: Parameters<typeof input>[1] = {}, previous?: InputGrid) {
  return renderAnalysisSheets(analyzeBook(input(rows, extras)), { gapAnalysis: previous }).find((s) => s.name === 'Gap Analysis')!;
}

const book = [salesLed(2), salesLed(3, { unitPrice: undefined, paymentTerms: undefined })];

describe('Gap Analysis', () => {
  test('columns, default Status and its drop-down', () => {
    const sheet = gapSheet(book);
    expect(sheet.columns.map((c) => c.header)).toEqual(['Requirement', 'Source Field', 'Current State', 'Gap', 'Severity', 'Owner', 'Plan', 'Status']);
    expect(sheet.rows.every((r) => r[7] === 'ASSUMED')).toBe(true);
    expect(sheet.validations).toEqual([{ column: 7, list: ['ASSUMED', 'CONFIRMED'] }]);
    expect(sheet.notes!.some((n) => n.startsWith('Severity rule: Low: present wherever the book needs it'))).toBe(true);
  });

  test('requirements follow the methodology and the book, not a fixed list', () => {
    const contract = gapSheet(book).rows.map((r) => r[0]);
    expect(contract).toEqual([
      'Contract dates', 'Price', 'Billing frequency', 'Payment terms', 'Currency', 'Closed Won trigger', 'CRM data quality',
      'Billing contact', 'Bill-to address', 'Tax jurisdiction', 'Tax engine', 'Payment method', 'CRM-to-billing sync',
      'Amendment process', 'Dunning design', 'ERP sync', 'RevRec scope', 'Cutover date',
    ]);
    const usage = cleanRow(2, { billingFrequency: 'Usage', usageMetric: 'API Calls', unitPrice: 0.01, currency: 'EUR' });
    const usageBook = gapSheet([usage, cleanRow(3, { contractId: 'C3', billingFrequency: 'Usage', unitPrice: 0.01 })], { usage: [usageRecord('C2', 'api calls')] });
    const names = usageBook.rows.map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['Usage metric', 'Usage events', 'Multi-currency']));
    expect(names).not.toContain('Tax engine');
  });

  test('each severity by the stated rule, with the measured Current State', () => {
    const sheet = gapSheet(book);
    const row = (name: string) => sheet.rows.find((r) => r[0] === name)!;
    // critical input partly filled -> Blocker
    expect(row('Price').slice(0, 6)).toEqual(['Price', 'Unit Price / Total Contract Value', 'partly filled 50%', '1 of 2 lines lack a readable price that agrees with TCV: Contracts!N3', 'Blocker', 'RevOps']);
    // accuracy input partly filled -> High
    expect(row('Payment terms').slice(2, 6)).toEqual(['partly filled 50%', '1 of 2 contracts lack typed Payment Terms: C3', 'High', 'Finance']);
    // supporting input missing -> Medium
    expect(row('Bill-to address').slice(2, 6)).toEqual(['missing', '2 of 2 contracts lack a Bill-To Address: C2, C3', 'Medium', 'RevOps']);
    // present -> Low
    expect(row('Billing frequency').slice(2, 6)).toEqual(['present', 'none: all 2 lines have a Billing Frequency; confirm', 'Low', 'RevOps']);
    // a process the workbook cannot show is missing; ERP sync is IT's and High under a setup methodology
    expect(row('ERP sync').slice(2, 6)).toEqual(['missing', 'no ERP named in Settings', 'High', 'IT']);
    expect(row('Tax engine').slice(2, 5)).toEqual(['missing', '1 of 1 jurisdictions have no rate: US-CA', 'High']);
    // Blockers are red
    expect(sheet.flags).toEqual([{ row: 1, column: 4 }]);
  });

  test('importance moves with the methodology: dunning is High for PLG, Medium for Contract-Based', () => {
    const plg = gapSheet([cleanRow(2, { paymentMethod: 'Card', unitPrice: 100 })]);
    expect(plg.rows.find((r) => r[0] === 'Dunning design')![4]).toBe('High');
    expect(gapSheet(book).rows.find((r) => r[0] === 'Dunning design')![4]).toBe('Medium');
    const handoff = gapSheet(book, { settings: settings({ billingTool: 'Stripe', crm: 'Salesforce' }) });
    expect(handoff.rows.find((r) => r[0] === 'CRM-to-billing sync')!.slice(2, 5)).toEqual(['missing', 'Salesforce trigger, field mapping and sync not yet designed', 'Blocker']);
    expect(handoff.rows.map((r) => r[0])).not.toContain('Cutover date');
  });

  test('re-running carries Status, Owner and Plan over by Requirement; dropped requirements stay at the bottom', () => {
    const first = gapSheet(book);
    const previous = asGrid(first, (values) => {
      const terms = values.findIndex((r) => r[0] === 'Payment terms');
      values[terms][5] = 'RevOps';
      values[terms][6] = 'Jane backfills terms by Friday';
      values[terms][7] = 'confirmed';
      const price = values.findIndex((r) => r[0] === 'Price');
      values[price][7] = 'maybe';
      values.push(['Usage metric', 'Usage Metric', 'missing', 'x', 'Blocker', 'IT', 'Ask engineering for the event name', 'CONFIRMED']);
    });
    const second = gapSheet(book, {}, previous);
    const terms = second.rows.find((r) => r[0] === 'Payment terms')!;
    expect(terms.slice(5)).toEqual(['RevOps', 'Jane backfills terms by Friday', 'CONFIRMED']);
    expect(second.rows.find((r) => r[0] === 'Price')![7]).toBe('ASSUMED');
    const last = second.rows[second.rows.length - 1];
    expect(last).toEqual(['Usage metric', 'Usage Metric', 'no longer derived', 'no longer derived: the book no longer needs this requirement; kept with your edits', '', 'IT', 'Ask engineering for the event name', 'CONFIRMED']);
    expect(second.rows).toHaveLength(first.rows.length + 1);

    // and a third run keeps both, once
    const third = gapSheet(book, {}, asGrid(second));
    expect(third.rows).toEqual(second.rows);
  });

  test('a requirement derived again comes back to its place with the edits', () => {
    const withUsage = [cleanRow(2, { billingFrequency: 'Usage', usageMetric: 'API Calls', unitPrice: 0.01 })];
    const previous = asGrid(gapSheet(book), (values) => {
      values.push(['Usage metric', 'Usage Metric', 'no longer derived', 'x', '', 'IT', 'Ask engineering', 'CONFIRMED']);
    });
    const sheet = gapSheet(withUsage, {}, previous);
    const usage = sheet.rows.find((r) => r[0] === 'Usage metric')!;
    expect(usage.slice(2)).toEqual(['present', 'none: all 1 lines have a Usage Metric; confirm', 'Low', 'IT', 'Ask engineering', 'CONFIRMED']);
    expect(sheet.rows.filter((r) => r[2] === 'no longer derived').map((r) => r[0])).toEqual(['Tax engine']);
  });
});
