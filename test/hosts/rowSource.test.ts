/**
 * A sheet whose rows are made on demand (SheetSpec.rowSource) must land in the workbook exactly
 * as the same rows given whole: the same .xlsx parts byte for byte, and the same Excel writes
 * (values, formulas, number formats, red fills, tables, request sizes), split at the row limit
 * the same way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { d, xlsxParts } from '../support/hostFixtures';
import { createFakeExcel } from '../support/fakeExcel';
import { ExcelHost } from '../../src/hosts/excel/excelHost';
import { XlsxHost } from '../../src/hosts/xlsx/xlsxHost';
import { splitAtRowLimit } from '../../src/workbook/render/rowLimit';
import { dataRowCount, materialized, type OutCell, type SheetSpec } from '../../src/workbook/sheetSpec';

const dir = mkdtempSync(path.join(tmpdir(), 'q2c-rowsource-'));
const day = d('2026-01-31');

/** Every kind of cell both hosts handle, a formula row among them, over 8 rows. */
function plainSpec(): SheetSpec {
  const rows: OutCell[][] = [
    ['C-1', day, 833.37, 833.37, 3, 'USD', '12 x 69.45'],
    ['  leading space', day + 1, -75.5, null, 0.0001, 'EUR', 'line\nbreak'],
    ['=HYPERLINK("x")', null, 0, 0, 1e-7, 'JPY', 'a & b < c > d "q"'],
    ['trailing\t', day + 2, 10, 10, 1, 'GBP', 'cr\ronly'],
    ['F-1', day + 3, 5, 5, 1, 'USD', { formula: '[@[Net Amount]]*2', result: 10 }],
    [null, null, null, null, null, null, null],
    ['C-7', day + 4, 1234567.891, 12, 2, 'CHF', 'ünïcödé ✓'],
    ['C-8', day + 5, -0.01, -0.01, 4, 'USD', 'last row'],
  ];
  return {
    name: 'Billing Schedule',
    tableName: 'BillingSchedule',
    columns: [
      { header: 'Contract ID', kind: 'text', width: 14 },
      { header: 'Invoice Date', kind: 'date' },
      { header: 'Net Amount', kind: 'money' },
      { header: 'Reporting Amount', kind: 'money', numberFormat: '"$"#,##0.00' },
      { header: 'Quantity', kind: 'number', numberFormat: '#,##0.####' },
      { header: 'Currency', kind: 'text' },
      { header: 'Calculation', kind: 'text', width: 40 },
    ],
    rows,
    rowCurrency: ['USD', 'EUR', 'JPY', 'GBP', 'USD', null, 'CHF', 'USD'],
    flags: [{ row: 0, column: 3 }, { row: 2, column: 0 }, { row: 6, column: 2 }, { row: 7, column: 2 }],
    totalsRow: ['Total', null, { formula: 'SUBTOTAL(109,[Net Amount])', result: 2007.86 }, null, null, null, null],
    notes: ['Amounts are rounded once, Half Up.'],
  };
}

/** The same sheet with its rows made on demand; `made` counts the rows made. */
function onDemand(spec: SheetSpec): { spec: SheetSpec; made: number[] } {
  const made: number[] = [];
  const whole = spec.rows;
  return {
    spec: { ...spec, rows: [], rowSource: { count: whole.length, row: (i) => { made.push(i); return [...whole[i]]; } } },
    made,
  };
}

const LIMIT = 3;

async function savedParts(specs: SheetSpec[], name: string): Promise<Record<string, string>> {
  const host = XlsxHost.createEmpty();
  await host.writeSheets(specs);
  const file = path.join(dir, name);
  await host.save(file);
  return xlsxParts(file);
}

describe('rows made on demand (rowSource)', () => {
  it('split at the row limit into the same parts as plain rows, rows and flags following', () => {
    const plain = splitAtRowLimit(plainSpec(), LIMIT);
    const lazy = splitAtRowLimit(onDemand(plainSpec()).spec, LIMIT);
    expect(lazy.map((p) => [p.name, p.tableName, dataRowCount(p)])).toEqual([
      ['Billing Schedule', 'BillingSchedule', 3],
      ['Billing Schedule (2)', 'BillingSchedule2', 3],
      ['Billing Schedule (3)', 'BillingSchedule3', 2],
    ]);
    expect(lazy.every((p) => p.rows.length === 0 && p.rowSource !== undefined)).toBe(true);
    expect(lazy.map(materialized)).toEqual(plain);
    expect(lazy[1].rowSource!.row(0)).toEqual(['trailing\t', day + 2, 10, 10, 1, 'GBP', 'cr\ronly']);
  });

  it('save to the same .xlsx parts, byte for byte, each row made once as it is written', async () => {
    const { spec, made } = onDemand(plainSpec());
    const lazyParts = splitAtRowLimit(spec, LIMIT);
    made.length = 0; // checkSpecFits and the split may look at a row; count only the save's
    const fromRows = await savedParts(splitAtRowLimit(plainSpec(), LIMIT), 'rows.xlsx');
    const host = XlsxHost.createEmpty();
    await host.writeSheets(lazyParts);
    made.length = 0;
    await host.save(path.join(dir, 'source.xlsx'));
    expect([...made].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const fromSource = await savedParts(splitAtRowLimit(onDemand(plainSpec()).spec, LIMIT), 'source2.xlsx');
    expect(Object.keys(fromSource)).toEqual(Object.keys(fromRows));
    expect(Object.keys(fromRows)).toEqual(expect.arrayContaining(['xl/worksheets/sheet3.xml', 'xl/tables/table3.xml']));
    for (const entry of Object.keys(fromRows)) expect({ entry, xml: fromSource[entry] }).toEqual({ entry, xml: fromRows[entry] });
    // not two empty books: the second part holds row 4 of the schedule, its amount in pounds
    expect(fromRows['xl/worksheets/sheet2.xml']).toContain('<t xml:space="preserve">trailing\t</t>');
    expect(fromRows['xl/worksheets/sheet2.xml']).toContain('<f>BillingSchedule2[[#This Row],[Net Amount]]*2</f>');
  });

  it('read back from the .xlsx host within the run as the same grid', async () => {
    const plainHost = XlsxHost.createEmpty();
    await plainHost.writeSheets([plainSpec()]);
    const lazyHost = XlsxHost.createEmpty();
    await lazyHost.writeSheets([onDemand(plainSpec()).spec]);
    const plain = await plainHost.readInput('Billing Schedule');
    expect(plain?.values).toHaveLength(9);
    expect(await lazyHost.readInput('Billing Schedule')).toEqual(plain);
  });

  it('make the same Excel writes: cells, formats, fills, tables and the same requests', async () => {
    const write = async (specs: SheetSpec[]) => {
      const fake = createFakeExcel();
      // two rows per request, so every part takes several chunks
      const host = new ExcelHost(fake.run, { maxCellsPerChunk: 14, isSetSupported: (n, v) => fake.isSetSupported(n, v) });
      await host.writeSheets(specs);
      return { snapshot: fake.snapshot(), stats: { ...fake.stats } };
    };
    const plain = await write(splitAtRowLimit(plainSpec(), LIMIT));
    const lazy = await write(splitAtRowLimit(onDemand(plainSpec()).spec, LIMIT));
    expect(lazy).toEqual(plain);
    expect(plain.snapshot.tables.map((t) => [t.name, t.address, t.showTotals])).toEqual([
      ['BillingSchedule', 'A1:G4', false],
      ['BillingSchedule2', 'A1:G4', false],
      ['BillingSchedule3', 'A1:G4', true],
    ]);
    const third = plain.snapshot.sheets.find((s) => s.name === 'Billing Schedule (3)')!;
    expect(third.cells['C2']).toMatchObject({ value: 1234567.891, numberFormat: expect.stringContaining('CHF'), fill: expect.any(String) });
    expect(plain.stats.syncs).toBeGreaterThan(6);
  });

  it('refuse a made row of the wrong width as it is written, naming the sheet and row', async () => {
    const spec = plainSpec();
    const bad: SheetSpec = { ...spec, rows: [], rowSource: { count: spec.rows.length, row: (i) => (i === 5 ? spec.rows[i].slice(1) : spec.rows[i]) } };
    const host = XlsxHost.createEmpty();
    await host.writeSheets([bad]);
    await expect(host.save(path.join(dir, 'bad.xlsx'))).rejects.toThrow("Sheet 'Billing Schedule', row 6: 6 cells for 7 columns");
    const fake = createFakeExcel();
    const excel = new ExcelHost(fake.run, { isSetSupported: (n, v) => fake.isSetSupported(n, v) });
    await expect(excel.writeSheets([bad])).rejects.toThrow("row 6: 6 cells for 7 columns");
    expect(fake.snapshot().sheets).toEqual([]);
  });
});
