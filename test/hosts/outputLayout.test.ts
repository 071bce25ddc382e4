import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { cellNumberFormat, checkSpecFits, inputTableName, notesFirstRow, sheetValue, totalsNumberFormat, widthInPoints } from '../../src/hosts/excel/outputLayout';
import { dataChunk, rowsPerChunk } from '../../src/hosts/excel/writeChunks';
import { qualifyStructuredRefs } from '../../src/hosts/xlsx/tablePart';
import { serialFromJsDate } from '../../src/hosts/xlsx/xlsxRead';
import type { SheetSpec } from '../../src/workbook/sheetSpec';

const d = (iso: string) => fromISO(iso) as CalendarDate;

const spec: SheetSpec = {
  name: 'Draft Invoices',
  tableName: 'DraftInvoices',
  columns: [
    { header: 'Number', kind: 'text' },
    { header: 'Invoice Date', kind: 'date' },
    { header: 'Total', kind: 'money' },
    { header: 'Reporting Total', kind: 'money', numberFormat: '"$"#,##0.00' },
    { header: 'Tax Rate', kind: 'percent' },
    { header: 'Lines', kind: 'integer' },
  ],
  rows: [
    ['INV-1', d('2026-03-01'), 100000, 700.1, 0.19, 3],
    ['INV-2', d('2026-03-02'), -5.255, 'n/a', 0, 1],
    ['CM-3', null, 12.5, 12.5, 0.2, 2],
  ],
  rowCurrency: ['JPY', 'KWD', 'XYZ'],
  flags: [
    { row: 2, column: 2 },
    { row: 0, column: 2 },
    { row: 1, column: 2 },
    { row: 2, column: 5 },
  ],
};

describe('number formats of output cells', () => {
  it.each([
    [0, 2, '"¥"#,##0;-"¥"#,##0'],
    [1, 2, '#,##0.000 "KWD";-#,##0.000 "KWD"'],
    [2, 2, '#,##0.00 "XYZ";-#,##0.00 "XYZ"'],
    [0, 3, '"$"#,##0.00'],
    [0, 0, '@'],
    [0, 1, 'yyyy-mm-dd'],
    [0, 4, '0.00%'],
    [0, 5, '0'],
  ])('row %i column %i -> %s', (row, column, format) => {
    expect(cellNumberFormat(spec, row, column)).toBe(format);
  });

  it('shows a money total in the one currency all rows share, else the plain money format', () => {
    expect(totalsNumberFormat({ ...spec, rowCurrency: ['EUR', 'EUR', 'EUR'] }, 2)).toBe('"€"#,##0.00;-"€"#,##0.00');
    expect(totalsNumberFormat(spec, 2)).toBe('#,##0.00');
    expect(totalsNumberFormat(spec, 3)).toBe('"$"#,##0.00');
  });
});

describe('output cell values', () => {
  it('turns CalendarDates into serials of the book’s date system and leaves other cells alone', () => {
    expect(sheetValue(spec, 0, 1, 1900)).toBe(46082);
    expect(sheetValue(spec, 0, 1, 1904)).toBe(46082 - 1462);
    expect(sheetValue(spec, 2, 1, 1900)).toBeNull();
    expect(sheetValue(spec, 1, 2, 1900)).toBe(-5.255);
  });

  it('refuses a number Excel cannot hold, naming sheet, row and column', () => {
    const bad: SheetSpec = { ...spec, rows: [['INV-1', null, Number.NaN, 1, 0, 1]], rowCurrency: ['USD'], flags: [] };
    expect(() => sheetValue(bad, 0, 2, 1900)).toThrow("Sheet 'Draft Invoices', row 1, column 'Total': NaN is not a number Excel can hold");
  });

  it('reads exceljs Date objects back as the exact serial, 1900 and 1904', () => {
    expect(serialFromJsDate(new Date(Date.UTC(2026, 0, 31)), 1900)).toBe(46053);
    expect(serialFromJsDate(new Date(Date.UTC(2026, 0, 31)), 1904)).toBe(46053 - 1462);
    expect(serialFromJsDate(new Date(Date.UTC(2026, 0, 31, 18)), 1900)).toBe(46053.75);
  });
});

describe('layout rules', () => {
  it('puts notes below the totals row and a blank row', () => {
    expect(notesFirstRow(spec)).toBe(7);
    expect(notesFirstRow({ ...spec, rows: [], rowCurrency: [], flags: [] })).toBe(5);
  });

  it('looks inputs up by the sheet name without spaces or punctuation', () => {
    expect(inputTableName('Price Tiers')).toBe('PriceTiers');
    expect(inputTableName('FX Rates')).toBe('FXRates');
    expect(inputTableName('Sync-Log (2026)')).toBe('SyncLog2026');
  });

  it('converts a width in characters to points', () => {
    expect(widthInPoints(14)).toBe(77.25);
  });

  it.each([
    [{ ...spec, columns: [...spec.columns.slice(0, 5), { header: 'total', kind: 'integer' as const }] }, "two columns headed 'total'"],
    [{ ...spec, rows: [['INV-1']] }, 'row 1: 1 cells for 6 columns'],
    [{ ...spec, flags: [{ row: 3, column: 0 }] }, 'a red flag points at row 4, column 1, outside the data'],
    [{ ...spec, validations: [{ column: 0, list: ['a,b'] }] }, "drop-down item 'a,b' contains a comma"],
    [{ ...spec, validations: [{ column: 0, list: Array.from({ length: 60 }, (_, i) => `Option ${i}`) }] }, 'Excel allows 255'],
    [{ ...spec, tableName: 'Draft Invoices' }, "'Draft Invoices' is not a valid Excel table name"],
    [{ ...spec, name: 'Draft/Invoices' }, "'Draft/Invoices' is not a valid Excel sheet name"],
  ])('refuses a spec Excel could not take (%#)', (bad, message) => {
    expect(() => checkSpecFits(bad)).toThrow(message);
  });
});

describe('Excel write chunks', () => {
  it('sets text formats before values, others after, and merges flagged cells into runs', () => {
    const chunk = dataChunk(spec, 0, 3, 1900);
    expect(chunk).toMatchObject({ row: 1, column: 0, rows: 3, columns: 6, asFormulas: false });
    expect(chunk.cells[1]).toEqual(['INV-2', 46083, -5.255, 'n/a', 0, 1]);
    expect(chunk.cells[2][1]).toBe('');
    expect(chunk.formatsBefore.map((run) => [run.column, run.formats[0].length])).toEqual([
      [0, 1],
      [3, 1],
    ]);
    expect(chunk.formatsBefore[1].formats.map((r) => r[0])).toEqual(['"$"#,##0.00', '@', '"$"#,##0.00']);
    expect(chunk.formatsAfter.map((run) => [run.column, run.formats[0].length])).toEqual([
      [1, 2],
      [4, 2],
    ]);
    expect(chunk.flags).toEqual([
      { row: 1, column: 2, rows: 3 },
      { row: 3, column: 5, rows: 1 },
    ]);
  });

  it('writes a block holding a formula as formulas', () => {
    const withFormula: SheetSpec = { ...spec, rows: [['INV-1', null, 1, 1, { formula: 'C2*0.19', result: 0.19 }, 1]], rowCurrency: ['USD'], flags: [] };
    const chunk = dataChunk(withFormula, 0, 1, 1900);
    expect(chunk.asFormulas).toBe(true);
    expect(chunk.cells[0][4]).toBe('=C2*0.19');
  });

  it('takes about 10,000 cells a block, fewer when the request would pass the byte budget', () => {
    expect(rowsPerChunk(spec, 1900, 10000, 2_000_000)).toBe(1666);
    const wide: SheetSpec = { ...spec, rows: Array.from({ length: 100 }, () => ['x'.repeat(5000), null, 1, 1, 0, 1]), rowCurrency: undefined, flags: [] };
    expect(rowsPerChunk(wide, 1900, 10000, 20_000)).toBeLessThan(4);
  });
});

describe('structured references in a file', () => {
  it.each([
    ['SUBTOTAL(109,[Amount])', 'SUBTOTAL(109,T[Amount])'],
    ['[@Amount]*2', 'T[[#This Row],[Amount]]*2'],
    ['[@[Net Amount]]+[@Tax]', 'T[[#This Row],[Net Amount]]+T[[#This Row],[Tax]]'],
    ['SUM(Other[Amount])', 'SUM(Other[Amount])'],
    ['"[not a ref]"&[Name]', '"[not a ref]"&T[Name]'],
    ['"say ""[x]"""&A1', '"say ""[x]"""&A1'],
    ['T[[#Totals],[Amount]]', 'T[[#Totals],[Amount]]'],
    ['A1+B1', 'A1+B1'],
  ])('%s -> %s', (formula, stored) => {
    expect(qualifyStructuredRefs(formula, 'T')).toBe(stored);
  });
});
