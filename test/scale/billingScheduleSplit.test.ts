import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { XlsxHost } from '../../src/hosts/xlsx/xlsxHost';
import { computeJob } from '../../src/jobs/computeJob';
import { runJob } from '../../src/jobs/runJob';
import { inputSheetSpec } from '../../src/jobs/setup';
import { INPUT_SHEETS } from '../../src/workbook/inputSheets';
import { syntheticBook } from '../../bench/syntheticBook';

const dir = mkdtempSync(path.join(tmpdir(), 'q2c-scale-'));
const today = fromISO('2025-08-01') as CalendarDate;

async function smallBook(): Promise<string> {
  const host = XlsxHost.createEmpty();
  const sheets = syntheticBook(4, 6);
  await host.writeSheets(INPUT_SHEETS.filter((s) => sheets[s.name]).map((s) => inputSheetSpec(s, sheets[s.name] ?? [])));
  const file = path.join(dir, 'book.xlsx');
  await host.save(file);
  return file;
}

describe('a Billing Schedule longer than the row limit', () => {
  it('continues on "Billing Schedule (2)" in the saved book, every line kept, and the job says so', async () => {
    const file = await smallBook();
    const wholeHost = await XlsxHost.open(file);
    const whole = await runJob('bill', wholeHost, { today });
    const wholeGrid = await wholeHost.readInput('Billing Schedule');
    const lines = whole.sheetsWritten.find((s) => s.name === 'Billing Schedule')?.rows ?? 0;
    expect(lines).toBeGreaterThan(20);

    const limit = 10;
    const host = await XlsxHost.open(file);
    const result = await runJob('bill', host, { today }, async (kind, grids, options) => computeJob(kind, grids, options, limit));
    const parts = result.sheetsWritten.filter((s) => s.name.startsWith('Billing Schedule'));
    expect(parts.map((s) => s.name)).toEqual(
      Array.from({ length: Math.ceil(lines / limit) }, (_, i) => (i === 0 ? 'Billing Schedule' : `Billing Schedule (${i + 1})`)),
    );
    expect(parts.reduce((n, s) => n + s.rows, 0)).toBe(lines);
    expect(parts.slice(0, -1).every((s) => s.rows === limit)).toBe(true);
    expect(result.summary.find((i) => i.label === 'Billing Schedule continues on')?.value).toBe(
      `${parts.slice(1).map((s) => s.name).join(', ')} (one sheet holds 10 rows, Excel's row limit)`,
    );
    expect(whole.summary.some((i) => i.label === 'Billing Schedule continues on')).toBe(false);

    const out = path.join(dir, 'out.xlsx');
    await host.save(out);
    const saved = await XlsxHost.open(out);
    expect(await saved.sheetNames()).toEqual(expect.arrayContaining(['Billing Schedule', 'Billing Schedule (2)']));
    const first = await saved.readInput('Billing Schedule');
    const second = await saved.readInput('Billing Schedule (2)');
    expect(first?.values[0]).toEqual(second?.values[0]);
    expect(first?.values).toHaveLength(limit + 1);
    // the parts, read back from the file, are the unsplit schedule line for line
    expect(first?.values.slice(1)).toEqual(wholeGrid?.values.slice(1, limit + 1));
    expect(second?.values.slice(1)).toEqual(wholeGrid?.values.slice(limit + 1, 2 * limit + 1));
  });
});
