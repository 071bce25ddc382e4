/**
 * Issue 7, hardening: the same input and As Of Date give identical output sheet data on a
 * second run. Two fresh memory hosts are seeded identically (the sample book: ramps, usage,
 * amendments, milestones, several currencies, messy CRM rows, a month of exports), `run`
 * runs on each, and every output SheetSpec must be equal; then both are saved by the q2c
 * command's .xlsx writer and the cell values read back with exceljs must be equal too. A
 * third run with a different As Of Date must differ, so the comparison can fail.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { MemoryHost } from '../support/memoryHost';
import { runJob } from '../../src/jobs/runJob';
import { XlsxHost } from '../../src/hosts/xlsx/xlsxHost';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import type { SheetSpec } from '../../src/workbook/sheetSpec';

const today = fromISO('2026-11-26') as CalendarDate;
const dir = mkdtempSync(path.join(tmpdir(), 'q2c-determinism-'));

async function sampleRun(asOfDate?: CalendarDate): Promise<MemoryHost> {
  const host = new MemoryHost();
  await runJob('setup', host, { sample: true, today });
  await runJob('run', host, { today, asOfDate });
  return host;
}

function outputs(host: MemoryHost): SheetSpec[] {
  return [...host.sheets.values()].filter((spec) => spec.role !== 'input');
}

/** Every cell value of every sheet, as exceljs reads the saved file. */
async function savedValues(host: MemoryHost, file: string): Promise<Record<string, unknown[][]>> {
  const xlsx = XlsxHost.createEmpty();
  await xlsx.writeSheets(outputs(host));
  await xlsx.save(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheets: Record<string, unknown[][]> = {};
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v)));
    });
    sheets[sheet.name] = rows;
  });
  return sheets;
}

describe('the same input and As Of Date give identical output', () => {
  let first: MemoryHost;
  let second: MemoryHost;
  beforeAll(async () => {
    first = await sampleRun();
    second = await sampleRun();
  }, 120_000);

  test('the same output sheets, in the same order, with the same columns', () => {
    expect(outputs(second).map((s) => s.name)).toEqual(outputs(first).map((s) => s.name));
    expect(outputs(first).length).toBeGreaterThanOrEqual(10);
    for (const spec of outputs(first)) expect(second.sheets.get(spec.name)!.columns).toEqual(spec.columns);
  });

  test('every output sheet holds the same rows, currencies and red flags', () => {
    const differing: string[] = [];
    for (const spec of outputs(first)) {
      const other = second.sheets.get(spec.name)!;
      const pick = (s: SheetSpec) => ({ rows: s.rows, rowCurrency: s.rowCurrency, flags: s.flags, totalsRow: s.totalsRow, notes: s.notes });
      if (JSON.stringify(pick(spec)) !== JSON.stringify(pick(other))) {
        const row = spec.rows.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(other.rows[i]));
        differing.push(`${spec.name}: first difference at data row ${row + 1}: ${JSON.stringify(spec.rows[row])} vs ${JSON.stringify(other.rows[row])}`);
      }
    }
    expect(differing).toEqual([]);
    expect(first.table('Billing Schedule').length).toBeGreaterThan(100);
  });

  test('the saved .xlsx files hold the same cell values', async () => {
    const a = await savedValues(first, path.join(dir, 'first.xlsx'));
    const b = await savedValues(second, path.join(dir, 'second.xlsx'));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect({ name, rows: b[name] }).toEqual({ name, rows: a[name] });
  }, 60_000);

  test('a different As Of Date does change the output (the comparison can fail)', async () => {
    const other = await sampleRun(fromISO('2026-12-31') as CalendarDate);
    const draft = (h: MemoryHost) => JSON.stringify(h.sheets.get('Draft Invoices')!.rows);
    expect(draft(other)).not.toEqual(draft(first));
  }, 60_000);
});
