import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function sheetValues(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`${file} has no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  });
  return rows;
}

describe('q2c on .xlsx files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'q2c-cli-'));
  const book = path.join(dir, 'book.xlsx');

  beforeAll(async () => {
    const c = capture();
    expect(await main(['init', book, '--sample', '-q'], c.io)).toBe(0);
  });

  test('bill writes BOOK-q2c.xlsx beside the input, keeps the input file and its sheets as they were', async () => {
    const before = readFileSync(book);
    const c = capture();
    expect(await main(['bill', book, '-q'], c.io)).toBe(0);
    const out = path.join(dir, 'book-q2c.xlsx');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(book).equals(before)).toBe(true);
    for (const sheet of ['Contracts', 'Amendments', 'Usage', 'Settings', 'Invoices']) {
      expect(await sheetValues(out, sheet)).toEqual(await sheetValues(book, sheet));
    }
    expect(c.out.join('\n')).toContain('Billing Schedule');
    expect(c.out.join('\n')).toContain('Control totals tie: Yes');
  });

  test('--json prints the summary as JSON and --as-of fixes the As Of Date', async () => {
    const c = capture();
    const out = path.join(dir, 'json.xlsx');
    expect(await main(['reconcile', book, '-o', out, '--as-of', '2026-11-20', '--month', '2026-10', '--json', '-q'], c.io)).toBe(0);
    const summary = JSON.parse(c.out.join('\n'));
    expect(summary.output).toBe(out);
    expect(summary.jobs[0].job).toBe('reconcile');
    expect(summary.jobs[0].redFlags).toBe(4);
    expect(summary.jobs[0].sheets.map((s: { name: string }) => s.name)).toEqual(['Reconciliation', 'Reconciliation Detail', 'KPIs', 'Issues', 'Run Summary']);
  });

  test('--in-place keeps a .bak copy of the original', async () => {
    const copy = path.join(dir, 'inplace.xlsx');
    writeFileSync(copy, readFileSync(book));
    const c = capture();
    expect(await main(['analyze', copy, '--in-place', '-q'], c.io)).toBe(0);
    expect(readFileSync(`${copy}.bak`).equals(readFileSync(book))).toBe(true);
    expect((await sheetValues(copy, 'Tool Selection')).length).toBeGreaterThan(5);
  });

  test('exit 1 when the input cannot be read as a workbook, naming the file', async () => {
    const bad = path.join(dir, 'not-a-book.xlsx');
    writeFileSync(bad, 'hello');
    const c = capture();
    expect(await main(['bill', bad], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/not-a-book\.xlsx: cannot be read as an \.xlsx workbook/);
    const missing = capture();
    expect(await main(['bill', path.join(dir, 'nope.xlsx')], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toContain('nope.xlsx: no such file');
  });

  test('exit 2 for usage errors; init never overwrites', async () => {
    const c = capture();
    expect(await main(['bill'], c.io)).toBe(2);
    expect(c.err[0]).toContain('bill needs exactly one workbook');
    const again = capture();
    expect(await main(['init', book], again.io)).toBe(2);
    expect(again.err[0]).toContain('already exists');
  });
});
