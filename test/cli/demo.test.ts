import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';

const quiet = { out: () => undefined, err: () => undefined };

async function values(file: string): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v))));
    sheets.set(ws.name, rows);
  });
  return sheets;
}

test('q2c demo writes a book LibreOffice opens, whose input sheets are the sample book', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'q2c-demo-'));
  const demo = path.join(dir, 'q2c-demo.xlsx');
  const sample = path.join(dir, 'sample.xlsx');
  expect(await main(['demo', '-o', demo, '-q'], quiet)).toBe(0);
  expect(await main(['init', sample, '--sample', '-q'], quiet)).toBe(0);

  const demoSheets = await values(demo);
  const sampleSheets = await values(sample);
  for (const [name, rows] of sampleSheets) expect(demoSheets.get(name)).toEqual(rows);
  for (const output of ['Billing Schedule', 'Draft Invoices', 'Revenue Schedule', 'Tool Selection', 'Reconciliation', 'KPIs', 'Issues', 'Run Summary']) {
    expect(demoSheets.get(output)?.length).toBeGreaterThan(1);
  }

  execFileSync('soffice', ['--headless', '--convert-to', 'csv', '--outdir', dir, demo], { stdio: 'pipe', timeout: 120_000 });
  expect(readdirSync(dir)).toContain('q2c-demo.csv');
}, 180_000);
