import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { StreamingBook } from '../../src/hosts/xlsx/streamingBook';
import { writeOutputSheet } from '../../src/hosts/xlsx/outputSheet';
import { xmlText } from '../../src/hosts/xlsx/rowXml';
import type { SheetSpec } from '../../src/workbook/sheetSpec';

const day = fromISO('2026-01-31') as CalendarDate;

/** Cells of every kind the direct XML rows handle, plus one formula row that goes through exceljs. */
const spec: SheetSpec = {
  name: 'Billing Schedule',
  tableName: 'BillingSchedule',
  columns: [
    { header: 'Contract ID', kind: 'text' },
    { header: 'Invoice Date', kind: 'date' },
    { header: 'Net Amount', kind: 'money' },
    { header: 'Reporting Amount', kind: 'money', numberFormat: '"$"#,##0.00' },
    { header: 'Quantity', kind: 'number', numberFormat: '#,##0.####' },
    { header: 'Taxable', kind: 'text' },
    { header: 'Calculation', kind: 'text' },
  ],
  rows: [
    ['C-1', day, 833.37, 833.37, 3, true, '12 x 69.45'],
    ['  leading space', day + 1, -75.5, null, 0.0001, false, 'line\nbreak'],
    ['=HYPERLINK("x")', null, 0, -0, 1e-7, null, 'a & b < c > d "q" \'s\' \u0001ctl\u007f'],
    ['trailing\t', day, 10, 10, 1, 'x', 'cr\ronly'],
    ['F-1', day, 5, 5, 1, 'x', { formula: '[@[Net Amount]]*2', result: 10 }],
    [null, null, null, null, null, null, null],
    ['C-7', day, 1234567.891, 12, 2, 'Yes', 'ünïcödé ✓ 𝄞'],
  ],
  rowCurrency: ['USD', 'EUR', 'JPY', null, 'GBP', null, 'CHF'],
  flags: [{ row: 0, column: 3 }, { row: 2, column: 0 }, { row: 6, column: 2 }],
  totalsRow: ['Total', null, { formula: 'SUBTOTAL(109,[Net Amount])', result: 2007.87 }, null, null, null, null],
  notes: ['Amounts are rounded once, Half Up.'],
};

async function sheetXml(asXml: boolean): Promise<{ sheet: string; styles: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  const book = new StreamingBook(out, false);
  await writeOutputSheet(book, spec, spec.name, spec.tableName, 1900, () => undefined, asXml);
  await book.commit();
  await done;
  const zip = await JSZip.loadAsync(Buffer.concat(chunks));
  return {
    sheet: await zip.file('xl/worksheets/sheet1.xml')!.async('string'),
    styles: await zip.file('xl/styles.xml')!.async('string'),
  };
}

describe('output rows written as XML', () => {
  it("are byte for byte what exceljs's row objects write, styles included", async () => {
    const reference = await sheetXml(false);
    const direct = await sheetXml(true);
    expect(direct.sheet).toContain('<c r="A3" s="');
    expect(direct.sheet).toContain('t="inlineStr"><is><r><t xml:space="preserve">  leading space</t></r></is>');
    expect(direct.sheet).toContain('<f>');
    // exceljs writes a raw CR, which XML readers turn into LF; ours is Excel's _x000D_ (the only difference)
    expect(direct.sheet).toBe(reference.sheet.replace(/\r/g, '_x000D_'));
    expect(direct.styles).toBe(reference.styles);
  });

  it('escape text as exceljs does, dropping control characters XML cannot hold', () => {
    expect(xmlText('plain')).toBe('plain');
    expect(xmlText('a & b < c > "d" \'e\'')).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
    expect(xmlText('x\u0001y\u007fz\r\n\t')).toBe('xyz_x000D_\n\t');
    expect(xmlText('literal _x000D_ stays')).toBe('literal _x005F_x000D_ stays');
  });
});
