import { d, TEXT_AS_TYPED, xlsxParts } from '../support/hostFixtures';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxHost } from '../../src/hosts/xlsx/xlsxHost';
import { XlsxReadError } from '../../src/hosts/xlsx/xlsxErrors';
import type { SheetSpec } from '../../src/workbook/sheetSpec';

const dir = mkdtempSync(path.join(tmpdir(), 'q2c-xlsx-'));
let fileCount = 0;
const file = (name: string) => path.join(dir, `${++fileCount}-${name}`);


function billingSpec(rows = 2): SheetSpec {
  const data = Array.from({ length: rows }, (_, i) => [
    `C-${1000 + i}`,
    d('2026-01-31') + i,
    i % 2 === 0 ? 833.37 : -75.5,
    i % 2 === 0 ? 'USD' : 'EUR',
    { formula: `[@Amount]*2`, result: (i % 2 === 0 ? 833.37 : -75.5) * 2 },
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
    flags: rows > 1 ? [{ row: 1, column: 2 }] : [],
    totalsRow: ['Total', null, { formula: 'SUBTOTAL(109,[Amount])', result: 757.87 }, null, null],
    validations: [{ column: 3, list: ['USD', 'EUR', 'GBP'] }],
    notes: ['Amounts are rounded once, Half Up.'],
  };
}

/** An input book as a finance user keeps it: a table, a plain sheet, formulas, styles, dates. */
async function inputBook(options: { date1904?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  const contracts = wb.addWorksheet('Contracts');
  contracts.addTable({
    name: 'Contracts',
    ref: 'A1',
    headerRow: true,
    columns: [{ name: 'Contract ID' }, { name: 'Start Date' }, { name: 'Unit Price' }, { name: 'Note' }],
    rows: [
      ['1001', new Date(Date.UTC(2026, 0, 31)), 1200.5, 'ramp'],
      ['C-2', new Date(Date.UTC(2026, 1, 28)), 99.99, 'plain'],
    ],
  });
  contracts.getCell('B2').numFmt = 'yyyy-mm-dd';
  contracts.getCell('B3').numFmt = 'd mmm yyyy';
  contracts.getCell('C2').numFmt = '#,##0.00';
  contracts.getCell('A1').font = { bold: true, color: { argb: 'FF1F4E79' } };
  contracts.getColumn(1).width = 18;
  const settings = wb.addWorksheet('Settings');
  settings.getCell('A3').value = 'Setting';
  settings.getCell('B3').value = 'Value';
  settings.getCell('A4').value = 'Reporting Currency';
  settings.getCell('B4').value = { richText: [{ text: 'U', font: { bold: true } }, { text: 'SD' }] };
  settings.getCell('A5').value = 'Double price';
  settings.getCell('B5').value = { formula: 'Contracts!C2*2', result: 2401 };
  settings.getCell('A6').value = 'Docs';
  settings.getCell('B6').value = { text: 'playbook', hyperlink: 'https://example.com/playbook' };
  settings.getCell('A7').value = 'Broken';
  settings.getCell('B7').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  settings.getCell('A8').value = 'Ratio';
  settings.getCell('B8').value = 0.15;
  settings.getCell('B8').numFmt = '0%';
  settings.getCell('B8').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  settings.mergeCells('D3:E4');
  settings.getCell('D3').value = 'merged note';
  settings.getCell('B4').dataValidation = { type: 'list', allowBlank: true, formulae: ['"USD,EUR"'] };
  settings.getRow(3).height = 24;
  settings.addConditionalFormatting({ ref: 'B8:B9', rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['0.1'], priority: 1, style: { font: { color: { argb: 'FF9C0006' } } } }] });
  settings.getCell('A8').note = 'ask finance';
  const lookups = wb.addWorksheet('Lookups', { state: 'hidden', properties: { tabColor: { argb: 'FF00B050' } } });
  lookups.getCell('A1').value = 'Net 30';
  wb.definedNames.add("'Lookups'!$A$1", 'DefaultTerms');
  const target = file('input.xlsx');
  await wb.xlsx.writeFile(target);
  return target;
}

async function load(target: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(target);
  return wb;
}

function tablesOf(sheet: ExcelJS.Worksheet): { name: string; tableRef: string; totalsRow: boolean; columns: { name: string }[] }[] {
  return Object.values((sheet as unknown as { tables: Record<string, { table: { name: string; tableRef: string; totalsRow: boolean; columns: { name: string }[] } }> }).tables).map((t) => t.table);
}

function validationsOf(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation | undefined> {
  return (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
}

describe('XlsxHost reading', () => {
  it('reads an input from its table, dates as serials, formats alongside', async () => {
    const host = await XlsxHost.open(await inputBook());
    const grid = await host.readInput('contracts');
    expect(grid).toEqual({
      sheet: 'Contracts',
      source: 'table',
      firstRow: 1,
      firstColumn: 1,
      values: [
        ['Contract ID', 'Start Date', 'Unit Price', 'Note'],
        ['1001', 46053, 1200.5, 'ramp'],
        ['C-2', 46081, 99.99, 'plain'],
      ],
      numberFormats: [
        ['General', 'General', 'General', 'General'],
        ['General', 'yyyy-mm-dd', '#,##0.00', 'General'],
        ['General', 'd mmm yyyy', 'General', 'General'],
      ],
      dateSystem: 1900,
    });
  });

  it('reads a plain sheet from its first non-empty row: formulas as results, rich text and links as text, errors as text', async () => {
    const host = await XlsxHost.open(await inputBook());
    const grid = await host.readInput('SETTINGS');
    expect(grid?.source).toBe('sheet');
    expect(grid?.firstRow).toBe(3);
    expect(grid?.firstColumn).toBe(1);
    expect(grid?.values.map((r) => r.slice(0, 2))).toEqual([
      ['Setting', 'Value'],
      ['Reporting Currency', 'USD'],
      ['Double price', 2401],
      ['Docs', 'playbook'],
      ['Broken', '#N/A'],
      ['Ratio', 0.15],
    ]);
    expect(grid?.numberFormats?.[5][1]).toBe('0%');
  });

  it('returns null for an input that is neither a table nor a sheet', async () => {
    const host = await XlsxHost.open(await inputBook());
    expect(await host.readInput('Usage')).toBeNull();
    expect(await host.sheetNames()).toEqual(['Contracts', 'Settings', 'Lookups']);
  });

  it('reads dates of a 1904 book as 1904 serials', async () => {
    const host = await XlsxHost.open(await inputBook({ date1904: true }));
    expect(await host.dateSystem()).toBe(1904);
    const grid = await host.readInput('Contracts');
    expect(grid?.dateSystem).toBe(1904);
    expect(grid?.values[1][1]).toBe(46053 - 1462);
  });

  it('refuses what is not a workbook, naming the file and the problem', async () => {
    const missing = file('missing.xlsx');
    await expect(XlsxHost.open(missing)).rejects.toThrow(`${missing}: no such file`);
    const text = file('notes.xlsx');
    writeFileSync(text, 'Contract ID,Customer\n1001,Acme\n');
    await expect(XlsxHost.open(text)).rejects.toThrow(`${text}: is not an .xlsx workbook (it is not a zip package`);
    const zip = new JSZip();
    zip.file('word/document.xml', '<w/>');
    const docx = file('letter.xlsx');
    writeFileSync(docx, await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(XlsxHost.open(docx)).rejects.toBeInstanceOf(XlsxReadError);
  });
});

describe('XlsxHost writing', () => {
  it('round-trips an output: table, frozen header, formats, formulas, flags, totals, validations, notes', async () => {
    const host = XlsxHost.createEmpty();
    await host.writeSheets([billingSpec()]);
    const out = file('out.xlsx');
    await host.save(out);
    const wb = await load(out);
    const ws = wb.getWorksheet('Billing Schedule');
    if (!ws) throw new Error('no sheet');
    expect(ws.getRow(1).values).toEqual([undefined, 'Contract ID', 'Invoice Date', 'Amount', 'Currency', 'Double']);
    expect(ws.getCell('A2').value).toBe('C-1000');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect((ws.getCell('B2').value as Date).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(ws.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('C2').value).toBe(833.37);
    expect(ws.getCell('C3').value).toBe(-75.5);
    expect(ws.getCell('C2').numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(ws.getCell('C3').numFmt).toBe('"€"#,##0.00;-"€"#,##0.00');
    expect(ws.getCell('E2').value).toEqual({ formula: 'BillingSchedule[[#This Row],[Amount]]*2', result: 1666.74 });
    expect(ws.getCell('E2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C3').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('C2').fill?.type === 'pattern' && ws.getCell('C2').fill).not.toMatchObject({ pattern: 'solid' });
    expect(ws.getCell('A4').value).toBe('Total');
    expect(ws.getCell('C4').value).toEqual({ formula: 'SUBTOTAL(109,BillingSchedule[Amount])', result: 757.87 });
    expect(ws.getCell('A6').value).toBe('Amounts are rounded once, Half Up.');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(14);
    expect(tablesOf(ws)).toEqual([
      expect.objectContaining({ name: 'BillingSchedule', tableRef: 'A1:E4', totalsRow: true, columns: expect.arrayContaining([expect.objectContaining({ name: 'Amount' })]) }),
    ]);
    expect(validationsOf(ws)['D2']).toMatchObject({ type: 'list', formulae: ['"USD,EUR,GBP"'] });
    expect(validationsOf(ws)['D3']).toMatchObject({ type: 'list', formulae: ['"USD,EUR,GBP"'] });

    const reread = await (await XlsxHost.open(out)).readInput('Billing Schedule');
    expect(reread?.source).toBe('table');
    expect(reread?.values).toEqual([
      ['Contract ID', 'Invoice Date', 'Amount', 'Currency', 'Double'],
      ['C-1000', 46053, 833.37, 'USD', 1666.74],
      ['C-1001', 46054, -75.5, 'EUR', -151],
    ]);
  });

  it('keeps user text exactly as typed, as text, never a formula or a number', async () => {
    const host = XlsxHost.createEmpty();
    await host.writeSheets([{ name: 'Issues', tableName: 'Issues', columns: [{ header: 'Value', kind: 'text' }], rows: TEXT_AS_TYPED.map((t) => [t]) }]);
    const out = file('text.xlsx');
    await host.save(out);
    const ws = (await load(out)).getWorksheet('Issues');
    TEXT_AS_TYPED.forEach((text, i) => {
      const cell = ws?.getCell(`A${i + 2}`);
      expect(cell?.text).toBe(text);
      expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText]).toContain(cell?.type);
      expect(cell?.numFmt).toBe('@');
    });
    expect(ws?.getCell('A5').value).toEqual({ richText: [{ text: '\tleading tab' }] });
    const zip = await JSZip.loadAsync(await readFile(out));
    expect(await zip.file('xl/worksheets/sheet1.xml')?.async('string')).toContain('<t xml:space="preserve">\tleading tab</t>');
    expect((await (await XlsxHost.open(out)).readInput('Issues'))?.values.slice(1).map((r) => r[0])).toEqual(TEXT_AS_TYPED);
  });

  it('keeps input sheets identical: values, formulas, formats, styles, merges, tables, validations', async () => {
    const input = await inputBook();
    const host = await XlsxHost.open(input);
    await host.writeSheets([billingSpec(3)]);
    const out = file('kept.xlsx');
    await host.save(out);
    const [before, after] = [await load(input), await load(out)];
    expect(after.worksheets.map((s) => s.name)).toEqual(['Contracts', 'Settings', 'Lookups', 'Billing Schedule']);
    for (const name of ['Contracts', 'Settings', 'Lookups']) {
      const a = before.getWorksheet(name);
      const b = after.getWorksheet(name);
      if (!a || !b) throw new Error(name);
      const cells = (ws: ExcelJS.Worksheet) => {
        const seen: Record<string, unknown> = {};
        ws.eachRow({ includeEmpty: true }, (row) =>
          row.eachCell({ includeEmpty: true }, (cell) => {
            seen[cell.address] = { value: cell.value, type: cell.type, numFmt: cell.numFmt, font: cell.font, fill: cell.fill, border: cell.border, alignment: cell.alignment };
          }),
        );
        return seen;
      };
      expect(cells(b)).toEqual(cells(a));
      expect(b.getColumn(1).width).toBe(a.getColumn(1).width);
      expect(b.getRow(3).height).toBe(a.getRow(3).height);
      expect(tablesOf(b).map((t) => [t.name, t.tableRef])).toEqual(tablesOf(a).map((t) => [t.name, t.tableRef]));
      expect(validationsOf(b)).toEqual(validationsOf(a));
    }
    expect(after.getWorksheet('Settings')?.getCell('E4').isMerged).toBe(true);
    expect(after.getWorksheet('Settings')?.getCell('A8').note).toBe('ask finance');
    const rulesOf = (wb: ExcelJS.Workbook) => (wb.getWorksheet('Settings') as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
    expect(rulesOf(after)).toEqual(rulesOf(before));
    expect(rulesOf(after)).toHaveLength(1);
    expect(after.getWorksheet('Lookups')?.state).toBe('hidden');
    expect(after.getWorksheet('Lookups')?.properties.tabColor).toEqual({ argb: 'FF00B050' });
    expect(after.definedNames.model).toEqual(before.definedNames.model);
  });

  it('lets the parsed input go between reading and writing, then reads and saves as if it never had', async () => {
    const input = await inputBook();
    const kept = await XlsxHost.open(input);
    const contracts = await kept.readInput('Contracts');
    await kept.writeSheets([billingSpec(3)]);
    const keptOut = file('kept-book.xlsx');
    await kept.save(keptOut);

    const released = await XlsxHost.open(input);
    expect(await released.readInput('Contracts')).toEqual(contracts);
    released.doneReading();
    expect((released as unknown as { book: unknown }).book).toBeNull();
    expect(await released.readInput('Contracts')).toEqual(contracts);
    released.doneReading();
    expect(await released.sheetNames()).toEqual(['Contracts', 'Settings', 'Lookups']);
    await released.writeSheets([billingSpec(3)]);
    const releasedOut = file('released-book.xlsx');
    await released.save(releasedOut);
    const [a, b] = [await xlsxParts(keptOut), await xlsxParts(releasedOut)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(a['xl/worksheets/sheet2.xml']).toContain('Reporting Currency');
    for (const entry of Object.keys(a)) expect({ entry, xml: b[entry] }).toEqual({ entry, xml: a[entry] });
  });

  it('replaces an output on a re-run, keeping its place, its sheet name and its table name', async () => {
    const first = XlsxHost.createEmpty();
    await first.writeSheets([billingSpec(5), { name: 'Notes', tableName: 'Notes', columns: [{ header: 'Note', kind: 'text' }], rows: [['keep me']] }]);
    const once = file('once.xlsx');
    await first.save(once);
    // the user renamed the sheet's case and the table; both must survive
    const edited = await load(once);
    const sheet = edited.getWorksheet('Billing Schedule');
    if (!sheet) throw new Error('no sheet');
    sheet.name = 'renaming';
    sheet.name = 'BILLING schedule';
    const table = (sheet as unknown as { tables: Record<string, { table: { name: string; displayName: string } }> }).tables['BillingSchedule'].table;
    table.name = 'MyBilling';
    table.displayName = 'MyBilling';
    const renamed = file('renamed.xlsx');
    await edited.xlsx.writeFile(renamed);

    const again = await XlsxHost.open(renamed);
    await again.writeSheets([billingSpec(2)]);
    const twice = file('twice.xlsx');
    await again.save(twice);
    const wb = await load(twice);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['BILLING schedule', 'Notes']);
    const ws = wb.getWorksheet('BILLING schedule');
    if (!ws) throw new Error('no sheet');
    expect(tablesOf(ws).map((t) => [t.name, t.tableRef])).toEqual([['MyBilling', 'A1:E4']]);
    expect(ws.getCell('E2').value).toEqual({ formula: 'MyBilling[[#This Row],[Amount]]*2', result: 1666.74 });
    expect(ws.getCell('A5').value).toBeNull();
    expect(ws.getCell('A6').value).toBe('Amounts are rounded once, Half Up.');
    expect(wb.getWorksheet('Notes')?.getCell('A2').value).toBe('keep me');
  });

  it('keeps the 1904 date system and writes output dates as 1904 serials', async () => {
    const host = await XlsxHost.open(await inputBook({ date1904: true }));
    await host.writeSheets([billingSpec(1)]);
    const out = file('1904.xlsx');
    await host.save(out);
    const zip = await JSZip.loadAsync(await readFile(out));
    expect(await zip.file('xl/workbook.xml')?.async('string')).toContain('date1904="1"');
    const reopened = await XlsxHost.open(out);
    expect(await reopened.dateSystem()).toBe(1904);
    expect((await reopened.readInput('Billing Schedule'))?.values[1][1]).toBe(46053 - 1462);
    expect((await reopened.readInput('Contracts'))?.values[1][1]).toBe(46053 - 1462);
  });

  it('lets a later job read what an earlier one wrote in the same run', async () => {
    const host = XlsxHost.createEmpty();
    await host.writeSheets([billingSpec(1)]);
    expect(await host.sheetNames()).toEqual(['Billing Schedule']);
    expect((await host.readInput('Billing Schedule'))?.values[1]).toEqual(['C-1000', 46053, 833.37, 'USD', 1666.74]);
  });

  it('refuses a sheet larger than Excel allows, naming it', async () => {
    const host = XlsxHost.createEmpty();
    const rows = new Array<null[]>(1048576).fill([null]);
    await expect(host.writeSheets([{ name: 'Usage Detail', tableName: 'UsageDetail', columns: [{ header: 'X', kind: 'number' }], rows }])).rejects.toThrow(
      /Usage Detail.*1048576 rows.*1048576 rows per sheet/,
    );
    const fits = new Array<null[]>(1048575).fill([null]);
    await expect(host.writeSheets([{ name: 'Usage Detail', tableName: 'UsageDetail', columns: [{ header: 'X', kind: 'number' }], rows: fits }])).resolves.toBeUndefined();
  });

  it('refuses to overwrite an input sheet from Setup and a table name already taken', async () => {
    const host = await XlsxHost.open(await inputBook());
    await expect(host.writeSheets([{ name: 'Contracts', tableName: 'Contracts', role: 'input', columns: [{ header: 'Contract ID', kind: 'text' }], rows: [] }])).rejects.toThrow(
      /Contracts.*input sheet/,
    );
    await expect(host.writeSheets([{ ...billingSpec(1), tableName: 'contracts' }])).rejects.toThrow(/'contracts' is already used by a table on sheet 'Contracts'/);
  });

  it('reports a save into a missing folder with the path, leaving nothing behind', async () => {
    const host = XlsxHost.createEmpty();
    await host.writeSheets([billingSpec(1)]);
    const out = path.join(dir, 'no-such-folder', 'out.xlsx');
    await expect(host.save(out)).rejects.toThrow(out);
    expect(existsSync(out)).toBe(false);
  });

  it('creates input sheets for q2c init: a one-row table with its drop-downs', async () => {
    const host = XlsxHost.createEmpty();
    await host.writeSheets([
      {
        name: 'Contracts',
        tableName: 'Contracts',
        role: 'input',
        columns: [
          { header: 'Contract ID', kind: 'text' },
          { header: 'Billing Frequency', kind: 'text' },
        ],
        rows: [],
        validations: [{ column: 1, list: ['Monthly', 'Quarterly', 'Annual'] }],
      },
    ]);
    const out = file('init.xlsx');
    await host.save(out);
    const ws = (await load(out)).getWorksheet('Contracts');
    if (!ws) throw new Error('no sheet');
    expect(tablesOf(ws).map((t) => t.tableRef)).toEqual(['A1:B2']);
    expect(validationsOf(ws)['B2']).toMatchObject({ type: 'list', formulae: ['"Monthly,Quarterly,Annual"'] });
    expect((await (await XlsxHost.open(out)).readInput('Contracts'))?.values).toEqual([
      ['Contract ID', 'Billing Frequency'],
      [null, null],
    ]);
  });
});

describe('XlsxHost.chartsOrPivotsReason', () => {
  it('is null for a book without charts or pivots', async () => {
    expect((await XlsxHost.open(await inputBook())).chartsOrPivotsReason()).toBeNull();
    expect(XlsxHost.createEmpty().chartsOrPivotsReason()).toBeNull();
  });

  it('names the charts and pivot tables the writer would drop', async () => {
    const zip = await JSZip.loadAsync(await readFile(await inputBook()));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace/>');
    zip.file('xl/charts/chart2.xml', '<c:chartSpace/>');
    zip.file('xl/pivotTables/pivotTable1.xml', '<pivotTableDefinition/>');
    const book = file('charts.xlsx');
    writeFileSync(book, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await XlsxHost.open(book)).chartsOrPivotsReason()).toBe(`${book} holds 2 charts and 1 pivot table, which the .xlsx writer cannot carry over`);
    zip.file('xl/media/image1.png', 'png');
    writeFileSync(book, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await XlsxHost.open(book)).chartsOrPivotsReason()).toBe(`${book} holds 2 charts, 1 pivot table and 1 picture, which the .xlsx writer cannot carry over`);
  });
});
