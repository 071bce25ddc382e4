import { parseBillingInputs, ParseContext } from '../../../src/workbook/parseInputs';
import type { InputGrid, RawCell } from '../../../src/workbook/grid';
import type { InputSheetName } from '../../../src/workbook/inputSheets';
import { day, gridOf, iso } from '../inputGrid';

const ctx: ParseContext = { job: 'Bill', today: day('2026-03-15') };

/** A sheet from rows keyed by header, in the order of `headers`. */
function sheet(name: string, headers: string[], rows: Record<string, RawCell>[], options: Partial<InputGrid> = {}): InputGrid {
  return gridOf(name, [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))], options);
}

const BASIC = ['Contract ID', 'Customer', 'Product', 'Start Date', 'End Date', 'Term (Months)', 'Billing Frequency', 'Unit Price', 'Currency'];

function parse(grids: Partial<Record<InputSheetName, InputGrid | null>>, context: ParseContext = ctx) {
  return parseBillingInputs(grids, context);
}

function contracts(rows: Record<string, RawCell>[], headers = BASIC, options: Partial<InputGrid> = {}) {
  return sheet('Contracts', headers, rows, options);
}

const line = (extra: Record<string, RawCell> = {}): Record<string, RawCell> => ({
  'Contract ID': 'C-1', Customer: 'Acme', Product: 'Platform', 'Start Date': '2026-01-01', 'Term (Months)': 12,
  'Billing Frequency': 'Monthly', 'Unit Price': 1000, ...extra,
});

const ALL = [
  'Contract ID', 'Customer', 'Customer ID', 'Billing Entity', 'Product', 'Start Date', 'End Date', 'Term (Months)',
  'Billing Frequency', 'Billing Timing', 'Billing Anchor', 'Pricing Model', 'Quantity', 'Unit Price', 'Price Basis',
  'Total Contract Value', 'Discount %', 'Currency', 'Payment Terms', 'Payment Method', 'Tax Jurisdiction', 'Tax Exempt',
  'Usage Metric', 'Included Units', 'Tier Table', 'Package Size', 'Minimum Commit', 'Sales Channel', 'Close Date', 'Stage',
  'Owner', 'PO Number', 'Billing Contact', 'Billing Email', 'Bill-To Address',
];

describe('Contracts: a line with every column', () => {
  test('every field is read exactly', () => {
    const r = parse({
      Contracts: sheet('Contracts', ALL, [{
        'Contract ID': 1001, Customer: ' Acme Corp ', 'Customer ID': 501, 'Billing Entity': 'Acme EU GmbH', Product: 'Platform',
        'Start Date': 46023, 'End Date': '2026-12-31', 'Term (Months)': 12, 'Billing Frequency': 'quarterly',
        'Billing Timing': 'in arrears', 'Billing Anchor': 'calendar', 'Pricing Model': 'flat', Quantity: '25',
        'Unit Price': '$1,200.50', 'Price Basis': 'Year', 'Total Contract Value': '30,012.50', 'Discount %': '10%', Currency: 'eur',
        'Payment Terms': 'NET45', 'Payment Method': 'wire transfer', 'Tax Jurisdiction': 'DE', 'Tax Exempt': 'No',
        'Included Units': 100, 'Minimum Commit': '500', 'Sales Channel': 'sales-led', 'Close Date': '2025-12-20',
        Stage: 'closedwon', Owner: 'Dana', 'PO Number': 778899, 'Billing Contact': 'Ana', 'Billing Email': 'ap@acme.test',
        'Bill-To Address': '1 Main St',
      }]),
    });
    expect(r.issues).toEqual([]);
    expect(r.inputs.contracts).toHaveLength(1);
    const c = r.inputs.contracts[0];
    expect({
      ...c,
      startDate: iso(c.startDate), endDate: iso(c.endDate), closeDate: iso(c.closeDate),
      quantity: c.quantity.toString(), unitPrice: c.unitPrice?.toString(), totalContractValue: c.totalContractValue?.toString(),
      discountPct: c.discountPct.toString(), includedUnits: c.includedUnits?.toString(), minimumCommit: c.minimumCommit?.toString(),
      source: undefined,
    }).toEqual({
      contractId: '1001', customer: 'Acme Corp', customerId: '501', billingEntity: 'Acme EU GmbH', product: 'Platform',
      startDate: '2026-01-01', endDate: '2026-12-31', termMonths: 12, billingFrequency: 'Quarterly', billingTiming: 'Arrears',
      billingAnchor: 'Calendar', pricingModel: 'Flat', quantity: '25', unitPrice: '1200.5', priceBasis: 'Year',
      totalContractValue: '30012.5', discountPct: '0.1', currency: 'EUR', paymentTerms: { label: 'Net 45', netDays: 45 },
      paymentMethod: 'Wire', taxJurisdiction: 'DE', taxExempt: false, usageMetric: null, includedUnits: '100', tierTable: null,
      packageSize: null, minimumCommit: '500', salesChannel: 'Sales-Led', closeDate: '2025-12-20', stage: 'Closed Won',
      owner: 'Dana', poNumber: '778899', billingContact: 'Ana', billingEmail: 'ap@acme.test', billToAddress: '1 Main St',
      source: undefined,
    });
    expect(c.source).toEqual({
      sheet: 'Contracts', row: 2,
      columns: expect.objectContaining({ contractId: 'A', unitPrice: 'N', billToAddress: 'AI' }),
      headers: expect.objectContaining({ unitPrice: 'Unit Price', discountPct: 'Discount %' }),
    });
    expect(r.contractRows).toHaveLength(1);
    expect(r.contractRows[0].billable).toBe(true);
    expect(r.rowsRead.Contracts).toBe(1);
  });

  test('defaults: Advance, Anniversary, Flat, Quantity 1, Discount 0, and the Settings for the rest', () => {
    const settings = gridOf('Settings', [
      ['Setting', 'Value'], ['Reporting Currency', 'GBP'], ['Default Payment Terms', 'Net 60'], ['Billing Entity', 'Acme Ltd'],
    ]);
    const r = parse({ Contracts: contracts([line()], ['Contract ID', 'Customer', 'Product', 'Start Date', 'Term (Months)', 'Billing Frequency', 'Unit Price']), Settings: settings });
    expect(r.issues).toEqual([]);
    const c = r.inputs.contracts[0];
    expect([c.billingTiming, c.billingAnchor, c.pricingModel, c.quantity.toString(), c.discountPct.toString(), c.currency,
      c.paymentTerms, c.billingEntity, c.priceBasis, c.totalContractValue, c.taxExempt, iso(c.endDate), c.customerId, c.stage])
      .toEqual(['Advance', 'Anniversary', 'Flat', '1', '0', 'GBP', { label: 'Net 60', netDays: 60 }, 'Acme Ltd', null, null, false,
        '2026-12-31', null, null]);
  });
});

describe('Contracts: blank optional cells', () => {
  test('a billable line has every field: blanks are null, never missing', () => {
    const r = parse({ Contracts: sheet('Contracts', ALL, [line()]) });
    expect(r.issues).toEqual([]);
    const c = r.inputs.contracts[0];
    expect(Object.keys(c).sort()).toEqual([...Object.keys(r.contractRows[0].line)].sort());
    expect(Object.keys(c)).toHaveLength(36);
    expect(Object.entries(c).filter(([, v]) => v === undefined)).toEqual([]);
    expect([c.includedUnits, c.packageSize, c.minimumCommit, c.usageMetric, c.tierTable, c.closeDate, c.paymentMethod,
      c.salesChannel, c.poNumber, c.billingEmail]).toEqual([null, null, null, null, null, null, null, null, null, null]);
  });

  test('a bad optional cell leaves its field absent on the audit row', () => {
    const r = parse({ Contracts: sheet('Contracts', ALL, [line({ 'Included Units': -5, 'Package Size': 'ten', 'Minimum Commit': 'lots' })]) });
    expect(r.issues.map((i) => i.cell)).toEqual(['Contracts!X2', 'Contracts!Z2', 'Contracts!AA2']);
    const audit = r.contractRows[0].line;
    expect(['includedUnits' in audit, 'packageSize' in audit, 'minimumCommit' in audit, 'quantity' in audit]).toEqual([false, false, false, true]);
  });
});

describe('Contracts: dates and term', () => {
  test('a term whose last day would pass 9999-12-31 is an Error on the Term cell; the last possible term is fine', () => {
    const r = parse({ Contracts: contracts([
      line({ 'Start Date': '2026-01-15', 'Term (Months)': 95687 }),
      line({ 'Contract ID': 'C-2', 'Start Date': '2026-01-15', 'Term (Months)': 95688 }),
      line({ 'Contract ID': 'C-3', 'Start Date': '2026-01-01', 'Term (Months)': 9007199254740991 }),
    ]) });
    expect(r.inputs.contracts.map((c) => [c.contractId, iso(c.endDate)])).toEqual([['C-1', '9999-12-14']]);
    expect(r.issues.map((i) => [i.severity, i.cell, i.problem])).toEqual([
      ['Error', 'Contracts!F3', 'Term (Months) 95688 runs past 9999-12-31, the last date Excel can hold'],
      ['Error', 'Contracts!F4', 'Term (Months) 9007199254740991 runs past 9999-12-31, the last date Excel can hold'],
    ]);
  });

  test('End Date = Start Date + Term months - 1 day, clamped', () => {
    const r = parse({ Contracts: contracts([
      line({ 'Start Date': '2026-01-31', 'Term (Months)': 1 }),
      line({ 'Contract ID': 'C-2', 'Start Date': '2024-02-29', 'Term (Months)': 12 }),
      line({ 'Contract ID': 'C-3', 'Start Date': '2026-03-15', 'Term (Months)': null, 'End Date': '2026-09-14' }),
      line({ 'Contract ID': 'C-4', 'Start Date': '2026-01-01', 'Term (Months)': 12, 'End Date': '2026-12-31' }),
    ]) });
    expect(r.issues).toEqual([]);
    expect(r.inputs.contracts.map((c) => [iso(c.startDate), iso(c.endDate), c.termMonths])).toEqual([
      ['2026-01-31', '2026-02-27', 1],
      ['2024-02-29', '2025-02-27', 12],
      ['2026-03-15', '2026-09-14', null],
      ['2026-01-01', '2026-12-31', 12],
    ]);
  });

  test('disagreeing End Date and Term, end before start, neither given: Errors on the exact cells', () => {
    const r = parse({ Contracts: contracts([
      line({ 'End Date': '2026-12-30' }),
      line({ 'Contract ID': 'C-2', 'Term (Months)': null, 'End Date': '2025-12-31' }),
      line({ 'Contract ID': 'C-3', 'Term (Months)': null }),
      line({ 'Contract ID': 'C-4', 'Term (Months)': 0 }),
    ]) });
    expect(r.inputs.contracts).toEqual([]);
    expect(r.issues.map((i) => [i.severity, i.cell, i.column, i.value, i.problem])).toEqual([
      ['Error', 'Contracts!E2', 'End Date', '2026-12-30', 'End Date 2026-12-30 disagrees with Start Date + Term (Months) 12 - 1 day = 2026-12-31'],
      ['Error', 'Contracts!E3', 'End Date', '2025-12-31', 'End Date 2025-12-31 is before Start Date 2026-01-01'],
      ['Error', 'Contracts!E4', 'End Date', '', 'Neither End Date nor Term (Months) is given'],
      ['Error', 'Contracts!F5', 'Term (Months)', '0', 'Term (Months) 0 is not a positive number of months'],
    ]);
    expect(r.inputs.skippedContractIds).toEqual(['C-1', 'C-2', 'C-3', 'C-4']);
    expect(r.issues[0].fix).toBe('Type End Date 2026-12-31, or correct Term (Months), or leave one of them blank');
  });

  test('an Issue shows a date serial as its date and a %-formatted number as a percentage', () => {
    const grid = contracts([line({ 'Term (Months)': null, 'End Date': 46203, 'Start Date': '2026-09-01' }), line({ 'Contract ID': 'C-2', 'Discount %': 1.5 })],
      [...BASIC, 'Discount %']);
    grid.numberFormats = grid.values.map((row, i) => row.map((_c, j) => (i === 2 && j === 9 ? '0%' : 'General')));
    const r = parse({ Contracts: grid });
    expect(r.issues.map((i) => [i.cell, i.value, i.problem])).toEqual([
      ['Contracts!E2', '2026-06-30', 'End Date 2026-06-30 is before Start Date 2026-09-01'],
      ['Contracts!J3', '150%', 'Discount 150% is outside 0-100%'],
    ]);
  });

  test('Excel serials in the 1904 system and the phantom 1900-02-29', () => {
    const r1904 = parse({ Contracts: contracts([line({ 'Start Date': 44561, 'Term (Months)': 12 })], BASIC, { dateSystem: 1904 }) });
    expect(iso(r1904.inputs.contracts[0].startDate)).toBe('2026-01-01');
    const r = parse({ Contracts: contracts([line({ 'Start Date': 60 })]) });
    expect(r.issues).toEqual([{
      job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!D2', column: 'Start Date', value: '60',
      problem: '1900-02-29 does not exist (Excel serial 60 is a phantom day)',
      fix: 'Type the date as yyyy-mm-dd (e.g. 2026-03-04) or enter a real Excel date',
    }]);
  });
});

describe('Contracts: cell problems become Issues with exact addresses', () => {
  test('a table that starts at C10, with an empty row: the bad Unit Price is Contracts!F14', () => {
    const headers = ['Contract ID', 'Customer', 'Product', 'Unit Price', 'Start Date', 'Term (Months)', 'Billing Frequency'];
    const values: RawCell[][] = [
      headers,
      ['C-1', 'Acme', 'Platform', 100, '2026-01-01', 12, 'Monthly'],
      [null, '  ', null, null, null, null, null],
      ['C-2', 'Beta', 'Platform', 200, '2026-01-01', 12, 'Monthly'],
      ['C-3', 'Gamma', 'Platform', 'twelve hundred', '2026-01-01', 12, 'Monthly'],
      ['C-4', 'Delta', 'Platform', 300, '3/4/2026', 12, 'Fortnightly'],
    ];
    const r = parse({ Contracts: gridOf('Contracts', [[null, null], ...values], { firstRow: 9, firstColumn: 3 }) });
    expect(r.rowsRead.Contracts).toBe(4);
    expect(r.inputs.contracts.map((c) => [c.contractId, c.source.row])).toEqual([['C-1', 11], ['C-2', 13]]);
    expect(r.issues).toEqual([
      {
        job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!F14', column: 'Unit Price', value: 'twelve hundred',
        problem: "'twelve hundred' is not a number", fix: 'Type a number such as 1200.50, 1,200.50 or (75.00) for a negative amount',
      },
      {
        job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!G15', column: 'Start Date', value: '3/4/2026',
        problem: "'3/4/2026' is ambiguous: the order of day and month is unknown", fix: 'Type the date as yyyy-mm-dd, e.g. 2026-03-04',
      },
      {
        job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!I15', column: 'Billing Frequency', value: 'Fortnightly',
        problem: "'Fortnightly' is not one of the allowed values",
        fix: 'Type one of: Monthly, Quarterly, Semiannual, Annual, Upfront, Milestone, Usage',
      },
    ]);
    expect(r.contractRows.map((row) => [row.source.row, row.billable, row.issues.length])).toEqual([
      [11, true, 0], [13, true, 0], [14, false, 1], [15, false, 2],
    ]);
    expect(r.contractRows[2].line.unitPrice).toBeUndefined();
    expect(r.contractRows[2].line.customer).toBe('Gamma');
    expect(r.inputs.skippedContractIds).toEqual(['C-3', 'C-4']);
  });

  test('the job, enumerations, currency, payment terms and discount problems', () => {
    const headers = [...BASIC, 'Payment Terms', 'Discount %', 'Billing Timing'];
    const r = parse({ Contracts: contracts([
      line({ Currency: 'XYZ' }),
      line({ 'Contract ID': 'C-2', 'Payment Terms': '30' }),
      line({ 'Contract ID': 'C-3', 'Discount %': 150 }),
      line({ 'Contract ID': 'C-4', 'Billing Timing': 'later' }),
    ], headers) }, { job: 'Analyze', today: day('2026-03-15') });
    expect(r.issues.map((i) => [i.job, i.cell, i.problem, i.fix])).toEqual([
      ['Analyze', 'Contracts!I2', "'XYZ' is not a known ISO 4217 currency code", 'Type a three-letter ISO 4217 code such as USD, EUR, GBP or JPY'],
      ['Analyze', 'Contracts!J3', "'30' is not a payment term", 'Type one of: Net 15, Net 30, Net 45, Net 60, Net 90, Due on Receipt'],
      ['Analyze', 'Contracts!K4', 'Discount 150% is outside 0-100%', 'Type a discount from 0 to 100, e.g. 15 or 15%'],
      ['Analyze', 'Contracts!L5', "'later' is not one of the allowed values", 'Type one of: Advance, Arrears'],
    ]);
    expect(r.inputs.contracts).toEqual([]);
  });

  test('percent cells: by format, by text, and the 0..1 Warning (processed as points)', () => {
    const headers = [...BASIC, 'Discount %'];
    const grid = contracts([
      line({ 'Discount %': 0.15 }),
      line({ 'Contract ID': 'C-2', 'Discount %': '15%' }),
      line({ 'Contract ID': 'C-3', 'Discount %': 15 }),
      line({ 'Contract ID': 'C-4', 'Discount %': 0.15 }),
    ], headers);
    grid.numberFormats = grid.values.map((row, i) => row.map((_c, j) => (i === 1 && j === 9 ? '0%' : 'General')));
    const r = parse({ Contracts: grid });
    expect(r.inputs.contracts.map((c) => c.discountPct.toString())).toEqual(['0.15', '0.15', '0.15', '0.0015']);
    expect(r.issues).toEqual([{
      job: 'Bill', severity: 'Warning', sheet: 'Contracts', cell: 'Contracts!J5', column: 'Discount %', value: '0.15',
      problem: '0.15 is read as 0.15%: did you mean 0.15% or 15%?',
      fix: 'Type 15% (with the % sign) if you meant 15 percent; type 0.15% to keep 0.15 percent',
    }]);
    expect(r.contractRows[3].billable).toBe(true);
  });

  test('what each kind of line needs', () => {
    const headers = [...BASIC, 'Total Contract Value', 'Pricing Model', 'Usage Metric', 'Tier Table', 'Package Size'];
    const r = parse({
      Contracts: contracts([
        line({ 'Unit Price': null }),
        line({ 'Contract ID': 'C-2', 'Unit Price': null, 'Total Contract Value': '12,000' }),
        line({ 'Contract ID': 'C-3', 'Billing Frequency': 'Usage', 'Unit Price': 0.01 }),
        line({ 'Contract ID': 'C-4', 'Pricing Model': 'Tiered', 'Unit Price': null }),
        line({ 'Contract ID': 'C-5', 'Pricing Model': 'Package' }),
        line({ 'Contract ID': 'C-6', 'Billing Frequency': 'Milestone', 'Unit Price': null }),
        line({ 'Contract ID': 'C-7', 'Pricing Model': 'Volume', 'Tier Table': 'NOPE', 'Unit Price': null }),
        line({ 'Contract ID': 'C-8', 'Pricing Model': 'volume', 'Tier Table': 'api tiers', 'Unit Price': null, 'Billing Frequency': 'Usage', 'Usage Metric': 'API Calls' }),
        line({ 'Contract ID': 'C-9', 'Billing Frequency': 'Milestone', Product: 'Implementation', 'Unit Price': null }),
      ], headers),
      'Price Tiers': gridOf('Price Tiers', [['Tier Table', 'From Units', 'To Units', 'Unit Price'], ['API Tiers', 0, 1000, '0.01']]),
      Milestones: gridOf('Milestones', [['Contract ID', 'Product', 'Milestone', 'Date', 'Amount'], ['c-9', 'implementation', 'Kickoff', '2026-02-01', 5000]]),
    });
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([
      ['Contracts!H2', 'Neither Unit Price nor Total Contract Value is given'],
      ['Contracts!L4', 'A Usage line needs a Usage Metric'],
      ['Contracts!M5', 'A Tiered line needs a Tier Table'],
      ['Contracts!N6', 'A Package line needs a Package Size'],
      ['Contracts!G7', 'Milestone line C-6 / Platform has no rows on the Milestones sheet'],
      ['Contracts!M8', "Tier Table 'NOPE' has no rows on the Price Tiers sheet"],
    ]);
    expect(r.inputs.contracts.map((c) => c.contractId)).toEqual(['C-2', 'C-8', 'C-9']);
    expect(r.inputs.contracts[1].tierTable).toBe('api tiers');
    expect(r.inputs.priceTiers[0].tierTable).toBe('api tiers');
    expect(r.inputs.milestones[0]).toMatchObject({ contractId: 'C-9', product: 'Implementation', milestone: 'Kickoff' });
  });

  test('a missing required column is one sheet-level Error, and its rows are skipped', () => {
    const r = parse({ Contracts: contracts([line(), line({ 'Contract ID': 'C-2' })], ['Contract ID', 'Customer', 'Product', 'Term (Months)', 'Billing Frequency', 'Unit Price']) });
    expect(r.issues).toEqual([{
      job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts', column: 'Start Date', value: '',
      problem: 'The Contracts sheet has no Start Date column, so its rows cannot be read', fix: 'Add a column headed Start Date',
    }]);
    expect(r.contractRows.map((row) => row.issues.length)).toEqual([1, 1]);
    expect(r.inputs.skippedContractIds).toEqual(['C-1', 'C-2']);
  });

  test('no Contracts sheet at all: one Error, nothing else', () => {
    const r = parse({ Contracts: null });
    expect(r.issues).toEqual([{
      job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts', column: '', value: '',
      problem: 'There is no Contracts sheet or table, so there is nothing to bill',
      fix: 'Add a Contracts sheet (Set up workbook creates one) whose first row holds the headers, one row per contract line',
    }]);
    expect(r.inputs.contracts).toEqual([]);
    expect(r.contractRows).toEqual([]);
    expect(r.columnStats).toEqual([]);
    expect(r.rowsRead.Contracts).toBe(0);
    expect(parse({}).issues).toHaveLength(1);
  });
});

describe('Contracts: contract-level fields and IDs', () => {
  test('a blank inherits the contract\'s value from any of its lines', () => {
    const headers = [...BASIC, 'Payment Terms', 'Billing Entity'];
    const r = parse({ Contracts: contracts([
      line({ Customer: null, Currency: null }),
      line({ Product: 'Support', Currency: 'EUR', 'Payment Terms': 'Net 15', 'Billing Entity': 'Acme BV' }),
      line({ Product: 'Training', Customer: 'acme' }),
    ], headers) });
    expect(r.issues).toEqual([]);
    expect(r.inputs.contracts.map((c) => [c.customer, c.currency, c.paymentTerms.label, c.billingEntity])).toEqual([
      ['Acme', 'EUR', 'Net 15', 'Acme BV'],
      ['Acme', 'EUR', 'Net 15', 'Acme BV'],
      ['Acme', 'EUR', 'Net 15', 'Acme BV'],
    ]);
  });

  test('two different values skip every line of the contract, naming both cells', () => {
    const r = parse({ Contracts: contracts([
      line(),
      line({ Product: 'Support', Customer: 'Acme Corp' }),
      line({ 'Contract ID': 'C-2', Customer: 'Beta' }),
      line({ 'Contract ID': 'c-1', Product: 'Training', Customer: null }),
    ]) });
    const skipped = {
      job: 'Bill', severity: 'Error', sheet: 'Contracts', column: 'Contract ID',
      problem: "This line is skipped with every line of contract C-1: Customer 'Acme Corp' in Contracts!B3 differs from 'Acme' in Contracts!B2",
      fix: 'Type the same Customer on every line of contract C-1, or leave it blank to inherit',
    };
    expect(r.issues).toEqual([
      { ...skipped, cell: 'Contracts!A2', value: 'C-1' },
      {
        job: 'Bill', severity: 'Error', sheet: 'Contracts', cell: 'Contracts!B3', column: 'Customer', value: 'Acme Corp',
        problem: "Customer 'Acme Corp' differs from 'Acme' in Contracts!B2; a contract has one Customer, so every line of contract C-1 is skipped",
        fix: 'Type the same Customer on every line of contract C-1, or leave it blank to inherit',
      },
      { ...skipped, cell: 'Contracts!A5', value: 'c-1' },
    ]);
    expect(r.inputs.contracts.map((c) => c.contractId)).toEqual(['C-2']);
    expect(r.inputs.skippedContractIds).toEqual(['C-1']);
    // every skipped row is named by a cell of its own, and carries the conflict itself
    expect(r.contractRows.map((row) => [row.line.contractId, row.billable, row.issues.map((i) => i.cell)])).toEqual([
      ['C-1', false, ['Contracts!A2', 'Contracts!B3']],
      ['C-1', false, ['Contracts!B3']],
      ['C-2', true, []],
      ['C-1', false, ['Contracts!A5', 'Contracts!B3']],
    ]);
  });

  test('currency and payment terms conflicts too; a contract with one bad line keeps its good lines', () => {
    const headers = [...BASIC, 'Payment Terms'];
    const r = parse({ Contracts: contracts([
      line({ Currency: 'USD', 'Payment Terms': 'Net 30' }),
      line({ Product: 'Support', Currency: 'EUR', 'Payment Terms': 'net 60' }),
      line({ 'Contract ID': 'C-2', Product: 'A' }),
      line({ 'Contract ID': 'C-2', Product: 'B', 'Start Date': 'soon' }),
    ], headers) });
    expect(r.issues.map((i) => [i.cell, i.problem])).toEqual([
      ['Contracts!A2', "This line is skipped with every line of contract C-1: Currency 'EUR' in Contracts!I3 differs from 'USD' in Contracts!I2; Payment Terms 'Net 60' in Contracts!J3 differs from 'Net 30' in Contracts!J2"],
      ['Contracts!I3', "Currency 'EUR' differs from 'USD' in Contracts!I2; a contract has one Currency, so every line of contract C-1 is skipped"],
      ['Contracts!J3', "Payment Terms 'Net 60' differs from 'Net 30' in Contracts!J2; a contract has one Payment Terms, so every line of contract C-1 is skipped"],
      ['Contracts!D5', "'soon' is not a date"],
    ]);
    expect(r.issues[0].fix).toBe('Type the same Currency and Payment Terms on every line of contract C-1, or leave it blank to inherit');
    const contractIdStat = r.columnStats.find((c) => c.field === 'contractId');
    expect([contractIdStat?.filled, contractIdStat?.valid, contractIdStat?.examples]).toEqual([4, 4, []]);
    expect(r.inputs.contracts.map((c) => [c.contractId, c.product])).toEqual([['C-2', 'A']]);
    expect(r.inputs.skippedContractIds).toEqual(['C-1']);
    expect(r.contractRows[0].issues).toHaveLength(3);
  });

  test('IDs: 1001 never 1001.0, and every sheet takes the spelling first seen in Contracts', () => {
    const r = parse({
      Contracts: contracts([
        line({ 'Contract ID': 1001 }),
        line({ 'Contract ID': 'ACME-7', Product: 'Platform' }),
        line({ 'Contract ID': ' acme-7 ', Product: 'PLATFORM', 'Start Date': '2027-01-01' }),
      ]),
      Amendments: gridOf('Amendments', [
        ['Contract ID', 'Product', 'Effective Date', 'Type', 'New Quantity'],
        ['Acme-7', 'platform', '2026-06-01', 'quantity change', 5],
        [1001, 'platform ', '2026-06-01', 'Upgrade', 2],
      ]),
      Usage: gridOf('Usage', [['Contract ID', 'Usage Metric', 'Date', 'Quantity'], ['ACME-7', 'API Calls', '2026-02-03', 10]]),
    });
    expect(r.issues).toEqual([]);
    expect(r.inputs.contracts.map((c) => [c.contractId, c.product])).toEqual([['1001', 'Platform'], ['ACME-7', 'Platform'], ['ACME-7', 'Platform']]);
    expect(r.inputs.amendments.map((a) => [a.contractId, a.product, a.type])).toEqual([
      ['ACME-7', 'Platform', 'Quantity Change'], ['1001', 'Platform', 'Upgrade'],
    ]);
    expect(r.inputs.usage[0].contractId).toBe('ACME-7');
  });

  test('Stage: closedwon and Closed Won are one; other stages as typed, trimmed', () => {
    const r = parse({ Contracts: contracts([
      line({ Stage: 'closedwon' }), line({ 'Contract ID': 'C-2', Stage: 'CLOSED WON' }), line({ 'Contract ID': 'C-3', Stage: ' Negotiation ' }),
      line({ 'Contract ID': 'C-4' }),
    ], [...BASIC, 'Stage']) });
    expect(r.inputs.contracts.map((c) => c.stage)).toEqual(['Closed Won', 'Closed Won', 'Negotiation', null]);
  });
});

describe('Contracts: CRM Column Audit figures', () => {
  test('every typed column: rows, filled, valid and up to three examples', () => {
    const headers = [...BASIC, 'Lead Source'];
    const r = parse({ Contracts: contracts([
      line({ Currency: 'XYZ', 'Lead Source': 'Web' }),
      line({ 'Contract ID': 'C-2', Currency: 'usd' }),
      line({ 'Contract ID': 'C-3', Currency: 'ABC' }),
      line({ 'Contract ID': 'C-4', Currency: 'QQQ' }),
      line({ 'Contract ID': 'C-5', Currency: 'ZZZ', 'Start Date': null }),
    ], headers) });
    const byHeader = Object.fromEntries(r.columnStats.map((s) => [s.header, s]));
    expect(r.columnStats.map((s) => s.header)).toEqual(headers);
    expect(byHeader.Currency).toEqual({
      header: 'Currency', field: 'currency', rows: 5, filled: 5, valid: 1,
      examples: [
        "Contracts!I2: 'XYZ' is not a known ISO 4217 currency code",
        "Contracts!I4: 'ABC' is not a known ISO 4217 currency code",
        "Contracts!I5: 'QQQ' is not a known ISO 4217 currency code",
      ],
    });
    expect(byHeader['Start Date']).toEqual({
      header: 'Start Date', field: 'startDate', rows: 5, filled: 4, valid: 4, examples: ['Contracts!D6: Start Date is blank'],
    });
    expect(byHeader['Lead Source']).toEqual({ header: 'Lead Source', field: null, rows: 5, filled: 1, valid: 1, examples: [] });
    expect(byHeader['Unit Price']).toEqual({ header: 'Unit Price', field: 'unitPrice', rows: 5, filled: 5, valid: 5, examples: [] });
  });
});

describe('Contracts: CRM exports', () => {
  test('a Salesforce Opportunity export with products reads into lines', () => {
    const headers = [
      'Opportunity ID', 'Opportunity Name', 'Account Name', 'Account ID', 'Close Date', 'Stage', 'Amount', 'Opportunity Owner',
      'Product Name', 'Quantity', 'Sales Price', 'List Price', 'Total Price', 'Discount', 'Opportunity Currency', 'Service Date',
      'Term', 'Billing Frequency', 'Payment Terms',
    ];
    const r = parse({ Contracts: contracts([
      {
        'Opportunity ID': '0065g00000AbCdE', 'Opportunity Name': 'Acme renewal', 'Account Name': 'Acme', 'Account ID': '0015g00000XyZ',
        'Close Date': '2025-12-20', Stage: 'Closed Won', Amount: '108,000.00', 'Opportunity Owner': 'Dana', 'Product Name': 'Platform',
        Quantity: 10, 'Sales Price': '1,000.00', 'List Price': '1,200.00', 'Total Price': '108,000.00', Discount: 10,
        'Opportunity Currency': 'USD', 'Service Date': '2026-01-01', Term: 12, 'Billing Frequency': 'Monthly', 'Payment Terms': 'Net 30',
      },
    ], headers) });
    expect(r.issues).toEqual([]);
    const c = r.inputs.contracts[0];
    expect([c.contractId, c.customer, c.customerId, iso(c.closeDate), c.stage, c.owner, c.product, c.quantity.toString(),
      c.unitPrice?.toString(), c.totalContractValue?.toString(), c.discountPct.toString(), c.currency, iso(c.startDate),
      iso(c.endDate)]).toEqual(['0065g00000AbCdE', 'Acme', '0015g00000XyZ', '2025-12-20', 'Closed Won', 'Dana', 'Platform', '10',
      '1000', '108000', '0.1', 'USD', '2026-01-01', '2026-12-31']);
    expect(r.columnStats.filter((s) => s.field === null).map((s) => s.header)).toEqual(['Opportunity Name', 'Amount', 'List Price']);
  });

  test('a HubSpot Deal export: closedwon is Closed Won; what it lacks is reported once per column', () => {
    const headers = ['Record ID', 'Deal Name', 'Associated Company', 'Close Date', 'Deal Stage', 'Amount', 'Deal owner', 'Deal currency code'];
    const r = parse({ Contracts: contracts([
      { 'Record ID': 9876543210, 'Deal Name': 'Acme', 'Associated Company': 'Acme', 'Close Date': '2026-01-15', 'Deal Stage': 'closedwon', Amount: 24000, 'Deal owner': 'Sam', 'Deal currency code': 'EUR' },
      { 'Record ID': 9876543211, 'Deal Name': 'Beta', 'Associated Company': 'Beta', 'Close Date': '2026-01-20', 'Deal Stage': 'appointmentscheduled', Amount: 5000, 'Deal owner': 'Sam', 'Deal currency code': 'EUR' },
    ], headers) });
    expect(r.contractRows.map((row) => [row.line.contractId, row.line.stage, row.line.totalContractValue?.toString(), row.line.currency, row.billable]))
      .toEqual([['9876543210', 'Closed Won', '24000', 'EUR', false], ['9876543211', 'appointmentscheduled', '5000', 'EUR', false]]);
    expect(r.issues.map((i) => [i.cell, i.column])).toEqual([
      ['Contracts', 'Product'], ['Contracts', 'Start Date'], ['Contracts', 'End Date or Term (Months)'], ['Contracts', 'Billing Frequency'],
    ]);
    expect(r.issues[2].problem).toBe('The Contracts sheet has no End Date or Term (Months) column, so its rows cannot be read');
    expect(r.inputs.skippedContractIds).toEqual(['9876543210', '9876543211']);
  });

  test('a repeated column is a Warning on its header cell; only the first is read', () => {
    const r = parse({ Contracts: contracts([line({ 'start_date': '2027-01-01' })], [...BASIC, 'start_date']) });
    expect(r.issues).toEqual([{
      job: 'Bill', severity: 'Warning', sheet: 'Contracts', cell: 'Contracts!J1', column: 'start_date', value: 'start_date',
      problem: "Column 'start_date' repeats 'Start Date' (column D); only the first is read", fix: 'Delete or rename one of the two columns',
    }]);
    expect(iso(r.inputs.contracts[0].startDate)).toBe('2026-01-01');
    expect(r.columnStats.map((s) => s.field)).toEqual([...BASIC.map(() => expect.any(String)), null]);
  });
});
