import { d, TEXT_AS_TYPED } from '../support/hostFixtures';
import { ExcelHost } from '../../src/hosts/excel/excelHost';
import { FLAG_FILL } from '../../src/hosts/excel/outputLayout';
import type { SheetSpec } from '../../src/workbook/sheetSpec';
import { createFakeExcel, type FakeExcel } from '../support/fakeExcel';


function billingSpec(rows = 2): SheetSpec {
  const data = Array.from({ length: rows }, (_, i) => [
    `C-${1000 + i}`,
    d('2026-01-31') + i,
    i % 2 === 0 ? 833.37 : -75.5,
    i % 2 === 0 ? 'USD' : 'EUR',
    { formula: `C${i + 2}*2`, result: (i % 2 === 0 ? 833.37 : -75.5) * 2 },
  ]);
  return {
    name: 'Billing Schedule',
    tableName: 'BillingSchedule',
    columns: [
      { header: 'Contract ID', kind: 'text', width: 14 },
      { header: 'Invoice Date', kind: 'date' },
      { header: 'Amount', kind: 'money' },
      { header: 'Currency', kind: 'text' },
      { header: 'Double', kind: 'money', numberFormat: '#,##0.00' },
    ],
    rows: data,
    rowCurrency: data.map((r) => r[3] as string),
    flags: [{ row: 1, column: 2 }],
    totalsRow: ['Total', null, { formula: 'SUBTOTAL(109,[Amount])', result: 757.87 }, null, null],
    validations: [{ column: 3, list: ['USD', 'EUR', 'GBP'] }],
    notes: ['Amounts are rounded once, Half Up.'],
  };
}

function hostFor(fake: FakeExcel, options: { maxCellsPerChunk?: number; maxRequestBytes?: number } = {}): ExcelHost {
  return new ExcelHost(fake.run, { ...options, isSetSupported: (name, version) => fake.isSetSupported(name, version) });
}

const contractsSeed = {
  Contracts: [
    [null, null, null],
    ['Contract ID', 'Start Date', 'Unit Price'],
    ['C-1', 46023, 100],
    ['C-2', 46054, '1,200.50'],
  ],
};

describe('ExcelHost.readInput', () => {
  it('reads a sheet from its first non-empty row with 1-based position and formats', async () => {
    const fake = createFakeExcel(contractsSeed);
    fake.setNumberFormat('Contracts', 'B3:B4', 'yyyy-mm-dd');
    const grid = await hostFor(fake).readInput('contracts');
    expect(grid).toEqual({
      sheet: 'Contracts',
      source: 'sheet',
      firstRow: 2,
      firstColumn: 1,
      values: [
        ['Contract ID', 'Start Date', 'Unit Price'],
        ['C-1', 46023, 100],
        ['C-2', 46054, '1,200.50'],
      ],
      numberFormats: [
        ['General', 'General', 'General'],
        ['General', 'yyyy-mm-dd', 'General'],
        ['General', 'yyyy-mm-dd', 'General'],
      ],
      dateSystem: 1900,
    });
  });

  it('prefers the table named like the sheet without spaces, wherever it sits', async () => {
    const fake = createFakeExcel({
      'Price Tiers': [
        ['Notes about tiers', null, null],
        [null, null, null],
        [null, 'Tier Table', 'From Units'],
        [null, 'T1', 0],
        [null, 'T1', 101],
        [null, 'Total', null],
      ],
    });
    fake.addTable('Price Tiers', 'PriceTiers', 'B3:C6', true);
    const grid = await hostFor(fake).readInput('Price Tiers');
    expect(grid?.source).toBe('table');
    expect(grid?.firstRow).toBe(3);
    expect(grid?.firstColumn).toBe(2);
    expect(grid?.values).toEqual([
      ['Tier Table', 'From Units'],
      ['T1', 0],
      ['T1', 101],
    ]);
  });

  it('returns null when neither a table nor a sheet exists', async () => {
    expect(await hostFor(createFakeExcel(contractsSeed)).readInput('Usage')).toBeNull();
  });

  it('detects the 1904 date system', async () => {
    const fake = createFakeExcel(contractsSeed, { date1904: true });
    const host = hostFor(fake);
    expect(await host.dateSystem()).toBe(1904);
    expect((await host.readInput('Contracts'))?.dateSystem).toBe(1904);
    fake.setDate1904(false);
    expect(await host.dateSystem()).toBe(1900);
  });

  it('reads in a few syncs', async () => {
    const fake = createFakeExcel(contractsSeed);
    await hostFor(fake).readInput('Contracts');
    expect(fake.stats.syncs).toBe(3);
  });
});

describe('ExcelHost.writeSheets: a new output sheet', () => {
  it('writes header, values, dates as serials, formats, flags, totals, validation, notes and a table', async () => {
    const fake = createFakeExcel(contractsSeed);
    await hostFor(fake).writeSheets([billingSpec()]);
    expect(fake.sheetNames()).toEqual(['Contracts', 'Billing Schedule']);
    expect(fake.table('BillingSchedule')).toEqual({ name: 'BillingSchedule', sheet: 'Billing Schedule', address: 'A1:E4', showTotals: true, style: 'TableStyleMedium2' });
    const cell = (a: string) => fake.cell('Billing Schedule', a);
    expect(fake.values('Billing Schedule').slice(0, 3)).toEqual([
      ['Contract ID', 'Invoice Date', 'Amount', 'Currency', 'Double'],
      ['C-1000', 46053, 833.37, 'USD', '=C2*2'],
      ['C-1001', 46054, -75.5, 'EUR', '=C3*2'],
    ]);
    expect(cell('B2')?.numberFormat).toBe('yyyy-mm-dd');
    expect(cell('C2')?.numberFormat).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(cell('C3')?.numberFormat).toBe('"€"#,##0.00;-"€"#,##0.00');
    expect(cell('E3')?.numberFormat).toBe('#,##0.00');
    expect(cell('A2')?.numberFormat).toBe('@');
    expect(cell('C3')?.fill).toBe(FLAG_FILL);
    expect(cell('C2')?.fill).toBeNull();
    expect(cell('D2')?.validationList).toEqual(['USD', 'EUR', 'GBP']);
    expect(cell('D3')?.validationList).toEqual(['USD', 'EUR', 'GBP']);
    expect(cell('A4')?.value).toBe('Total');
    expect(cell('C4')?.formula).toBe('=SUBTOTAL(109,[Amount])');
    expect(cell('A6')?.value).toBe('Amounts are rounded once, Half Up.');
    const sheet = fake.snapshot().sheets.find((s) => s.name === 'Billing Schedule');
    expect(sheet?.frozenRows).toBe(1);
    expect(sheet?.visibility).toBe('Visible');
    expect(sheet?.columnWidths[0]).toBe(77.25);
  });

  it('keeps user text exactly as typed, never a formula or a number', async () => {
    const fake = createFakeExcel();
    const spec: SheetSpec = { name: 'Issues', tableName: 'Issues', columns: [{ header: 'Value', kind: 'text' }], rows: TEXT_AS_TYPED.map((t) => [t]) };
    await hostFor(fake).writeSheets([spec]);
    TEXT_AS_TYPED.forEach((text, i) => {
      expect(fake.cell('Issues', `A${i + 2}`)).toMatchObject({ value: text, formula: null, numberFormat: '@' });
    });
  });

  it('keeps stray text in a number column as text', async () => {
    const fake = createFakeExcel();
    const spec: SheetSpec = { name: 'KPIs', tableName: 'KPIs', columns: [{ header: 'Value', kind: 'number' }], rows: [[12], ['1E5'], [null]] };
    await hostFor(fake).writeSheets([spec]);
    expect(fake.cell('KPIs', 'A2')).toMatchObject({ value: 12, numberFormat: 'General' });
    expect(fake.cell('KPIs', 'A3')).toMatchObject({ value: '1E5', numberFormat: '@' });
  });

  it('writes dates in the 1904 system when the book uses it', async () => {
    const fake = createFakeExcel({}, { date1904: true });
    const spec: SheetSpec = { name: 'Dates', tableName: 'Dates', columns: [{ header: 'Date', kind: 'date' }], rows: [[d('2026-01-31')]] };
    await hostFor(fake).writeSheets([spec]);
    expect(fake.cell('Dates', 'A2')?.value).toBe(46053 - 1462);
  });

  it('refuses a sheet larger than Excel allows, before touching the book', async () => {
    const fake = createFakeExcel(contractsSeed);
    const before = fake.snapshot();
    const rows = new Array<null[]>(1048576).fill([null]);
    const spec: SheetSpec = { name: 'Usage Detail', tableName: 'UsageDetail', columns: [{ header: 'X', kind: 'number' }], rows };
    await expect(hostFor(fake).writeSheets([spec])).rejects.toThrow(/Usage Detail.*1048576 rows/);
    expect(fake.snapshot()).toEqual(before);
    expect(fake.stats.syncs).toBe(0);
  });
});

describe('ExcelHost.writeSheets: big writes', () => {
  const bigSpec = (rows: number): SheetSpec => ({
    name: 'Revenue Schedule',
    tableName: 'RevenueSchedule',
    columns: [
      { header: 'Contract ID', kind: 'text' },
      { header: 'Product', kind: 'text' },
      { header: 'Month', kind: 'date', numberFormat: 'mmm yyyy' },
      { header: 'Currency', kind: 'text' },
      { header: 'Billed', kind: 'money' },
      { header: 'Recognized', kind: 'money' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [`C-${i}`, `Product ${i % 7}`, d('2026-01-01') + (i % 365), 'USD', 1000 + i / 100, 12.34]),
    rowCurrency: Array.from({ length: rows }, () => 'USD'),
  });

  it('writes 50,000 x 6 in about one sync per 10,000 cells, each request under 2 MB', async () => {
    const fake = createFakeExcel(contractsSeed);
    const spec = bigSpec(50000);
    const fractions: number[] = [];
    await hostFor(fake).writeSheets([spec], (p) => fractions.push(p.fraction));
    expect(fake.stats.syncs).toBeLessThanOrEqual(Math.ceil((50000 * 6) / 10000) + 3);
    expect(fake.stats.largestRequestBytes).toBeLessThanOrEqual(2_000_000);
    expect(fake.sheetNames()).toEqual(['Contracts', 'Revenue Schedule']);
    const values = fake.values('Revenue Schedule');
    expect(values.length).toBe(50001);
    expect(values[50000]).toEqual(['C-49999', 'Product 5', 20454 + 25569 + (49999 % 365), 'USD', 1499.99, 12.34]);
    expect(fake.table('RevenueSchedule')?.address).toBe('A1:F50001');
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('halves the block and retries when Excel refuses the request size', async () => {
    const fake = createFakeExcel();
    fake.payloadLimitBytes = 120_000;
    await hostFor(fake).writeSheets([bigSpec(5000)]);
    const accepted = fake.stats.requests.filter((bytes) => bytes <= 120_000);
    expect(accepted.length).toBeLessThan(fake.stats.requests.length);
    const values = fake.values('Revenue Schedule');
    expect(values.length).toBe(5001);
    expect(values[4321]).toEqual(['C-4320', 'Product 1', 20454 + 25569 + (4320 % 365), 'USD', 1043.2, 12.34]);
  });

  it('gives up with the Office error in context when even one row is too large', async () => {
    const fake = createFakeExcel();
    fake.payloadLimitBytes = 600;
    const before = fake.snapshot();
    await expect(hostFor(fake).writeSheets([bigSpec(3)])).rejects.toThrow(/Revenue Schedule.*payload size/);
    expect(fake.snapshot()).toEqual(before);
  });
});

describe('ExcelHost.writeSheets: replacing an existing output', () => {
  function bookWithOldOutput(): FakeExcel {
    const fake = createFakeExcel({
      Contracts: contractsSeed.Contracts,
      'Billing Schedule': [
        ['Contract ID', 'Invoice Date', 'Amount', 'Currency', 'Double', 'Old Column'],
        ...Array.from({ length: 6 }, (_, i) => [`OLD-${i}`, 1, 2, 'USD', 4, 'x']),
        [null, null, null, null, null, null],
        [null, null, null, null, null, null],
        ['an old note', null, null, null, null, null],
      ],
      Report: [['=SUM(BillingSched[Amount])']],
    });
    fake.addTable('Billing Schedule', 'BillingSched', 'A1:F8', true);
    return fake;
  }

  it('copies into the sheet, resizes its table, keeps both names, leaves no temp sheet', async () => {
    const fake = bookWithOldOutput();
    await hostFor(fake).writeSheets([billingSpec(3)]);
    expect(fake.sheetNames()).toEqual(['Contracts', 'Billing Schedule', 'Report']);
    expect(fake.snapshot().tables).toEqual([{ name: 'BillingSched', sheet: 'Billing Schedule', address: 'A1:E5', showTotals: true, style: 'TableStyleMedium2' }]);
    const values = fake.values('Billing Schedule');
    expect(values[0]).toEqual(['Contract ID', 'Invoice Date', 'Amount', 'Currency', 'Double']);
    expect(values[3]).toEqual(['C-1002', 46055, 833.37, 'USD', '=C4*2']);
    expect(values[4]).toEqual(['Total', null, '=SUBTOTAL(109,[Amount])', null, null]);
    expect(values[6]).toEqual(['Amounts are rounded once, Half Up.', null, null, null, null]);
    expect(values.length).toBe(7);
    expect(fake.cell('Billing Schedule', 'F2')?.value ?? null).toBeNull();
    expect(fake.cell('Billing Schedule', 'C3')?.fill).toBe(FLAG_FILL);
    expect(fake.values('Report')).toEqual([['=SUM(BillingSched[Amount])']]);
  });

  it('leaves the workbook exactly as it was when a sync fails half-way', async () => {
    const big = (rows: number): SheetSpec => ({ ...billingSpec(rows), flags: [], totalsRow: undefined });
    for (const failing of [1, 2, 3, 5]) {
      const fake = bookWithOldOutput();
      const before = fake.snapshot();
      fake.failAtSync(failing);
      const error = await hostFor(fake, { maxCellsPerChunk: 500 }).writeSheets([big(400), { ...big(10), name: 'Proration', tableName: 'Proration' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/fail sync/);
      expect(fake.snapshot()).toEqual(before);
    }
  });

  it('leaves the workbook as it was when the run is aborted', async () => {
    const fake = bookWithOldOutput();
    const before = fake.snapshot();
    const controller = new AbortController();
    const write = hostFor(fake, { maxCellsPerChunk: 500 }).writeSheets([billingSpec(400)], (p) => {
      if (p.fraction > 0.2) controller.abort();
    }, controller.signal);
    await expect(write).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.snapshot()).toEqual(before);
  });

  it('never touches input sheets', async () => {
    const fake = bookWithOldOutput();
    const inputs = () => fake.snapshot().sheets.filter((s) => s.name === 'Contracts' || s.name === 'Report');
    const before = inputs();
    await hostFor(fake).writeSheets([billingSpec(3), { ...billingSpec(1), flags: [], name: 'Draft Invoices', tableName: 'DraftInvoices' }]);
    expect(inputs()).toEqual(before);
  });

  it('refuses, changing nothing, when the user moved the output table off A1', async () => {
    const fake = createFakeExcel({ 'Billing Schedule': [[null], ['Contract ID', 'Amount'], ['C-1', 5]] });
    fake.addTable('Billing Schedule', 'BillingSchedule', 'A2:B3');
    const before = fake.snapshot();
    await expect(hostFor(fake).writeSheets([billingSpec(2)])).rejects.toThrow(/'BillingSchedule'.*no longer starts at A1/);
    expect(fake.snapshot()).toEqual(before);
  });

  it('refuses, changing nothing, when another table already has the output table name', async () => {
    const fake = createFakeExcel({ Contracts: contractsSeed.Contracts.slice(1) });
    fake.addTable('Contracts', 'BillingSchedule', 'A1:C3');
    const before = fake.snapshot();
    await expect(hostFor(fake).writeSheets([billingSpec(2)])).rejects.toThrow(/'Billing Schedule' cannot get its table 'BillingSchedule'/);
    expect(fake.snapshot()).toEqual(before);
  });

  it('reads the 1900 system without asking Excel when worksheet functions are unavailable', async () => {
    const fake = createFakeExcel({}, { date1904: true, apiMinor: 1 });
    expect(await hostFor(fake).dateSystem()).toBe(1900);
    expect(fake.stats.syncs).toBe(1);
  });

  it('refuses to overwrite an existing input sheet from Setup, changing nothing', async () => {
    const fake = createFakeExcel(contractsSeed);
    const before = fake.snapshot();
    const setup: SheetSpec = { name: 'Contracts', tableName: 'Contracts', role: 'input', columns: [{ header: 'Contract ID', kind: 'text' }], rows: [] };
    await expect(hostFor(fake).writeSheets([setup])).rejects.toThrow(/Contracts.*input sheet/);
    expect(fake.snapshot()).toEqual(before);
  });

  it('creates an input sheet from Setup with a one-row table and its drop-downs', async () => {
    const fake = createFakeExcel();
    const setup: SheetSpec = {
      name: 'Contracts',
      tableName: 'Contracts',
      role: 'input',
      columns: [
        { header: 'Contract ID', kind: 'text' },
        { header: 'Billing Frequency', kind: 'text' },
      ],
      rows: [],
      validations: [{ column: 1, list: ['Monthly', 'Quarterly', 'Annual'] }],
    };
    await hostFor(fake).writeSheets([setup]);
    expect(fake.table('Contracts')?.address).toBe('A1:B2');
    expect(fake.cell('Contracts', 'B2')?.validationList).toEqual(['Monthly', 'Quarterly', 'Annual']);
  });
});
