import { analyzeBook } from '../../src/analysis/analyzeBook';
import { renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import { Decimal } from '../../src/core/decimal';
import { cleanRow, input, row, settings } from './book';

function auditOf(rows: Parameters<typeof input>[0], extras: Parameters<typeof input>[1] = {}) {
  return analyzeBook(input(rows, extras)).audit;
}

describe('CRM Data Audit: each problem the playbook names', () => {
  test('a clean contract is billing-ready', () => {
    const audit = auditOf([cleanRow(2)]);
    expect(audit.contracts[0]).toMatchObject({ contractId: 'C2', billingReady: true, problems: [], lines: 1, stage: 'Closed Won', currency: 'USD', rows: 'Contracts!A2' });
  });

  test('missing close date', () => {
    const audit = auditOf([cleanRow(2, { closeDate: undefined })]);
    expect(audit.contracts[0].problems).toEqual(['no Close Date (Contracts!AC2)']);
    expect(audit.contracts[0].billingReady).toBe(false);
  });

  test('non-numeric amount', () => {
    const audit = auditOf([cleanRow(2, { unitPrice: undefined }, { bad: { unitPrice: 'TBD' } })]);
    expect(audit.contracts[0].problems).toEqual(["Unit Price 'TBD' is not a number (Contracts!N2)"]);
  });

  test('missing amount', () => {
    const audit = auditOf([cleanRow(2, { unitPrice: undefined })]);
    expect(audit.contracts[0].problems).toEqual(['no Unit Price or Total Contract Value (Contracts!N2)']);
  });

  test('no payment terms (a blank the parser filled from Settings)', () => {
    const audit = auditOf([cleanRow(2, { paymentTerms: undefined })]);
    expect(audit.contracts[0].problems).toEqual(['no Payment Terms (Contracts!S2)']);
  });

  test('no payment terms is found without cells too (the Settings default object)', () => {
    const book = settings();
    const r = cleanRow(2, { paymentTerms: undefined }, { book });
    delete r.cells;
    const audit = auditOf([r], { settings: book });
    expect(audit.contracts[0].problems).toEqual(['no Payment Terms (Contracts!S2)']);
  });

  test('Unit Price x Quantity x term disagreeing with TCV', () => {
    const audit = auditOf([cleanRow(2, { totalContractValue: 10000 })]);
    expect(audit.contracts[0].problems).toEqual(['Unit Price x Quantity x term = 12,000.00 disagrees with Total Contract Value 10,000.00 (Contracts!P2)']);
  });

  test('TCV that agrees after discount, and a prorated partial period, pass', () => {
    const audit = auditOf([
      cleanRow(2, { totalContractValue: 10800, discountPct: 0.1 }),
      // Jan 1 - Mar 15 at 1,000/month: 2 months + 15/31 = 2,483.87
      cleanRow(3, { endDate: '2026-03-15', totalContractValue: 2483.87 }),
      cleanRow(4, { unitPrice: 12000, priceBasis: 'Year', quantity: 2, totalContractValue: 24000, billingFrequency: 'Quarterly' }),
    ]);
    expect(audit.contracts.map((c) => c.problems)).toEqual([[], [], []]);
  });

  test('end before start (a row the parser kept both dates on)', () => {
    const audit = auditOf([cleanRow(2, { startDate: '2026-03-01', endDate: '2026-01-01' })]);
    expect(audit.contracts[0].problems).toEqual(['End Date 2026-01-01 is before Start Date 2026-03-01 (Contracts!G2)']);
  });

  test('end before start as the parser reports it (End Date dropped, Error on the cell)', () => {
    const r = cleanRow(2, { startDate: '2026-03-01', endDate: undefined });
    r.issues.push({ job: 'Analyze', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!G2', column: 'End Date', value: '2026-01-01', problem: 'End Date 2026-01-01 is before Start Date 2026-03-01', fix: 'Type an End Date on or after the Start Date' });
    r.billable = false;
    const audit = auditOf([r]);
    expect(audit.contracts[0].problems).toEqual(['End Date 2026-01-01 is before Start Date 2026-03-01 (Contracts!G2)']);
  });

  test('unknown currency', () => {
    const audit = auditOf([cleanRow(2, { currency: 'USDD' })]);
    expect(audit.contracts[0].problems).toEqual(["unknown currency 'USDD' (Contracts!R2)"]);
  });

  test('unknown currency the parser rejected (value only on the Issue)', () => {
    const r = cleanRow(2, { currency: undefined }, { bad: { currency: 'XYZ' } });
    delete r.cells;
    const audit = auditOf([r]);
    expect(audit.contracts[0].problems).toEqual(["unknown currency 'XYZ' (Contracts!R2)"]);
  });

  test('Stage not Closed Won', () => {
    const audit = auditOf([cleanRow(2, { stage: 'Negotiation' })]);
    expect(audit.contracts[0].problems).toEqual(["Stage is 'Negotiation', not Closed Won (Contracts!AD2)"]);
  });

  test('duplicate Contract ID lines that disagree on customer and currency', () => {
    const audit = auditOf([
      cleanRow(2, { contractId: 'C-9', customer: 'Acme' }),
      cleanRow(3, { contractId: 'c-9 ', customer: 'Acme Corp', product: 'Support', currency: 'EUR' }),
    ]);
    expect(audit.contracts).toHaveLength(1);
    expect(audit.contracts[0].rows).toBe('Contracts!A2, A3');
    expect(audit.contracts[0].problems).toEqual([
      "duplicate Contract ID lines disagree on Customer: 'Acme' (Contracts!B2) vs 'Acme Corp' (Contracts!B3)",
      "duplicate Contract ID lines disagree on Currency: 'USD' (Contracts!R2) vs 'EUR' (Contracts!R3)",
    ]);
  });

  test('duplicate lines that agree (case and spaces aside) are fine', () => {
    const audit = auditOf([
      cleanRow(2, { contractId: 'C-9', customer: 'Acme' }),
      cleanRow(3, { contractId: 'C-9', customer: 'ACME ', product: 'Support' }),
    ]);
    expect(audit.contracts[0].problems).toEqual([]);
  });

  test('the parser\'s conflict Error noted on every line is reported once, under the audit\'s own wording', () => {
    const a = cleanRow(2, { contractId: 'C-9', customer: 'Acme' });
    const b = cleanRow(3, { contractId: 'C-9', customer: 'Beta' });
    const conflict = { job: 'Analyze' as const, severity: 'Error' as const, sheet: 'Contracts', cell: 'Contracts!B3', column: 'Customer', value: 'Beta', problem: "Customer 'Beta' differs", fix: 'x' };
    a.issues.push(conflict); b.issues.push(conflict);
    const audit = auditOf([a, b]);
    expect(audit.contracts[0].problems).toEqual(["duplicate Contract ID lines disagree on Customer: 'Acme' (Contracts!B2) vs 'Beta' (Contracts!B3)"]);
  });

  test('any other parser Error is a reason, naming its cell', () => {
    const r = cleanRow(2, { billingFrequency: undefined }, { bad: { billingFrequency: 'Fortnightly' } });
    const audit = auditOf([r]);
    expect(audit.contracts[0].problems).toEqual(["Billing Frequency 'Fortnightly' cannot be read (Contracts!I2)"]);
  });

  test('pricing that needs more than a price: tiers on Price Tiers, a package size, milestones', () => {
    const tier = { tierTable: 'API', fromUnits: new Decimal(0), toUnits: null, unitPrice: new Decimal(1), flatFee: new Decimal(0), source: { sheet: 'Price Tiers', row: 2, columns: {}, headers: {} } };
    const audit = auditOf([
      cleanRow(2, { pricingModel: 'Tiered', tierTable: 'API', unitPrice: undefined, billingFrequency: 'Usage', usageMetric: 'Calls' }),
      cleanRow(3, { pricingModel: 'Volume', tierTable: 'Storage', unitPrice: undefined }),
      cleanRow(4, { pricingModel: 'Package', unitPrice: 50 }),
      cleanRow(5, { pricingModel: 'Package', unitPrice: 50, packageSize: 1000 }),
      cleanRow(6, { billingFrequency: 'Milestone', unitPrice: undefined }),
      cleanRow(7, { billingFrequency: 'Upfront', unitPrice: 500, quantity: 3, totalContractValue: 1500 }),
    ], { priceTiers: [tier] });
    expect(audit.contracts.map((c) => c.problems)).toEqual([
      [],
      ["Tier Table 'Storage' is not on Price Tiers (Contracts!Y3)"],
      ['Package pricing with no Package Size (Contracts!Z4)'],
      [],
      ['milestone line with no Milestones rows for C6 / Platform (Contracts!I6)'],
      [],
    ]);
  });

  test('several problems on one contract are all listed', () => {
    const audit = auditOf([cleanRow(2, { stage: 'Proposal', closeDate: undefined, paymentTerms: undefined, currency: 'ABC' })]);
    expect(audit.contracts[0].problems).toEqual([
      "Stage is 'Proposal', not Closed Won (Contracts!AD2)",
      'no Close Date (Contracts!AC2)',
      'no Payment Terms (Contracts!S2)',
      "unknown currency 'ABC' (Contracts!R2)",
    ]);
  });
});

describe('headline and sheets', () => {
  const rows = [cleanRow(2), cleanRow(3, { stage: 'Negotiation' }), cleanRow(4), cleanRow(5, { closeDate: undefined })];

  test('% billing-ready', () => {
    const audit = auditOf(rows);
    expect(audit.ready).toBe(2);
    expect(audit.readyShare).toBe(0.5);
  });

  test('the totals row carries the headline, not-ready cells are red', () => {
    const sheets = renderAnalysisSheets(analyzeBook(input(rows)), {});
    const sheet = sheets.find((s) => s.name === 'CRM Data Audit')!;
    expect(sheet.columns.map((c) => c.header)).toEqual(['Contract ID', 'Customer', 'Lines', 'Stage', 'Close Date', 'Currency', 'GTM Motion', 'Motion Basis', 'Billing-Ready', 'Problems', 'Why Not', 'Rows']);
    expect(sheet.totalsRow![8]).toBe('50.0%');
    expect(sheet.totalsRow![10]).toBe('2 of 4 contracts billing-ready (50.0%)');
    expect(sheet.rows.map((r) => r[8])).toEqual(['Yes', 'No', 'Yes', 'No']);
    expect(sheet.flags).toEqual([{ row: 1, column: 8 }, { row: 1, column: 10 }, { row: 3, column: 8 }, { row: 3, column: 10 }]);
  });

  test('CRM Column Audit: one row per column with filled and valid shares', () => {
    const withBad = [cleanRow(2), cleanRow(3, { unitPrice: undefined }, { bad: { unitPrice: 'TBD' } }), cleanRow(4, { unitPrice: undefined }), cleanRow(5)];
    const sheets = renderAnalysisSheets(analyzeBook(input(withBad)), {});
    const sheet = sheets.find((s) => s.name === 'CRM Column Audit')!;
    expect(sheet.columns.map((c) => c.header)).toEqual(['Column', 'Maps To', 'Rows', 'Filled', 'Valid', '% Filled', '% Valid', 'Example Problems']);
    const price = sheet.rows.find((r) => r[0] === 'Unit Price')!;
    expect(price).toEqual(['Unit Price', 'Unit Price', 4, 3, 2, 0.75, 0.5, "Contracts!N3: Unit Price 'TBD' cannot be read"]);
    expect(sheet.rows).toHaveLength(35);
  });

  test('an empty book says 0% and does not divide by zero', () => {
    const result = analyzeBook(input([], { settings: settings() }));
    expect(result.audit.readyShare).toBe(0);
    expect(result.bookMotion.motion).toBe('Unknown');
    expect(() => renderAnalysisSheets(result, {})).not.toThrow();
  });

  test('a row without a Contract ID is its own contract, named by its row', () => {
    const audit = auditOf([row(7, { customer: 'X', product: 'P', startDate: '2026-01-01', endDate: '2026-12-31', billingFrequency: 'Monthly', unitPrice: 5, paymentTerms: 'Net 30', closeDate: '2025-12-01', stage: 'Closed Won' })]);
    expect(audit.contracts[0].contractId).toBe('(no Contract ID: Contracts!A7)');
  });
});
