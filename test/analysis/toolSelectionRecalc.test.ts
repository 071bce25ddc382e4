import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { analyzeBook } from '../../src/analysis/analyzeBook';
import { carryToolEdits, toolTotals } from '../../src/analysis/toolSelection';
import { XlsxHost } from '../../src/hosts/xlsx/xlsxHost';
import type { RawCell } from '../../src/workbook/grid';
import { renderAnalysisSheets } from '../../src/workbook/render/analysisSheets';
import { isFormulaCell, type SheetSpec } from '../../src/workbook/sheetSpec';
import { amendment, cleanRow, date, input, settings } from './book';
import { Decimal } from '../../src/core/decimal';

/**
 * The Tool Selection formulas really calculate: LibreOffice (headless) recalculates the written
 * file, its totals must equal the code's, and editing a weight in the file must re-rank the tools.
 */

function soffice(): string {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('LibreOffice is needed for this test: apt-get install -y --no-install-recommends libreoffice-calc');
  }
}

/** A private LibreOffice profile that recalculates every formula of an .xlsx on load (never trusting cached values). */
function profile(dir: string): string {
  const user = join(dir, 'profile', 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(join(user, 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);
  return `file://${join(dir, 'profile')}`;
}

function recalculate(file: string, outDir: string, userInstallation: string): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync(soffice(), [`-env:UserInstallation=${userInstallation}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, file], { stdio: 'pipe', timeout: 120000 });
  return join(outDir, file.split('/').pop()!);
}

function resultOf(value: ExcelJS.CellValue): number | string | null {
  if (value !== null && typeof value === 'object' && 'formula' in value) return (value.result ?? null) as number | string | null;
  return value as number | string | null;
}

async function readSheet(file: string): Promise<RawCell[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('Tool Selection')!;
  const values: RawCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: RawCell[] = [];
    for (let c = 1; c <= 12; c++) cells.push(resultOf(row.getCell(c).value) as RawCell);
    values[n - 1] = cells;
  });
  return values;
}

/** Type a number into one cell of the only sheet, as a person would in Excel (the package XML, so nothing else changes). */
async function setNumber(from: string, to: string, cell: string, value: number): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(from));
  const path = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(path)!.async('string');
  const pattern = new RegExp(`(<c r="${cell}"[^>]*>)<v>[^<]*</v>`);
  expect(pattern.test(xml)).toBe(true);
  zip.file(path, xml.replace(pattern, `$1<v>${value}</v>`));
  writeFileSync(to, await zip.generateAsync({ type: 'nodebuffer' }));
}

const milestone = { contractId: 'C4', product: 'Platform', milestone: 'Go-live', date: date('2026-03-01'), amount: new Decimal(5000), source: { sheet: 'Milestones', row: 2, columns: {}, headers: {} } };
const book = input(
  [cleanRow(2), cleanRow(3), cleanRow(4, { billingFrequency: 'Milestone', unitPrice: undefined })],
  { amendments: [amendment('C3')], milestones: [milestone], settings: settings({ crm: 'Salesforce', erp: 'NetSuite' }) },
);

describe('Tool Selection recalculated by LibreOffice', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'q2c-tools-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  test('formula totals equal the code\'s totals, and a weight edited in the file re-ranks the tools', async () => {
    const result = analyzeBook(book);
    const spec = renderAnalysisSheets(result, {}).find((s) => s.name === 'Tool Selection')!;
    const live = result.toolMatrix.rows.length;
    const totalsIndex = live; // data row index of Weighted Total
    const expected = spec.rows[totalsIndex].slice(4).map((c) => (isFormulaCell(c) ? c.result : c));
    const expectedUnknown = spec.rows[totalsIndex + 1].slice(4).map((c) => (isFormulaCell(c) ? c.result : c));
    expect(expected).toEqual(toolTotals(result.toolMatrix).map((t) => t.total.toNumber()));

    // write it with every cached result wrong, so only a real recalculation can produce the totals
    const poisoned: SheetSpec = { ...spec, rows: spec.rows.map((r) => r.map((c) => (isFormulaCell(c) ? { formula: c.formula, result: typeof c.result === 'number' ? -1 : 'stale' } : c))) };
    const host = XlsxHost.createEmpty();
    await host.writeSheets([poisoned]);
    const written = join(dir, 'tools.xlsx');
    await host.save(written);
    const userInstallation = profile(dir);

    const first = await readSheet(recalculate(written, join(dir, 'first'), userInstallation));
    const excelTotalsRow = totalsIndex + 1; // values[0] is the header
    expect(first[excelTotalsRow][0]).toBe('Weighted Total');
    expect(first[excelTotalsRow].slice(4)).toEqual(expected);
    expect(first[excelTotalsRow + 1].slice(4)).toEqual(expectedUnknown);
    expect(first[excelTotalsRow + 2][3]).toBe('Zuora');

    // the architect makes Milestone billing decisive
    const milestoneRow = first.findIndex((r) => r[0] === 'Milestone billing');
    expect(milestoneRow).toBeGreaterThan(0);
    const edited = join(dir, 'edited.xlsx');
    await setNumber(join(dir, 'first', 'tools.xlsx'), edited, `D${milestoneRow + 1}`, 5000);

    const second = await readSheet(recalculate(edited, join(dir, 'second'), userInstallation));
    const secondTotals = second[excelTotalsRow].slice(4) as number[];
    expect(second[excelTotalsRow + 2][3]).toBe('Tabs');
    expect(Math.max(...secondTotals)).toBe(secondTotals[7]);
    // and the code, carrying the edit over from the recalculated sheet, agrees to the unit
    const carried = carryToolEdits(result.toolMatrix, second);
    expect(toolTotals(carried).map((t) => t.total.toNumber())).toEqual(secondTotals);
    expect(secondTotals[7] - (expected[7] as number)).toBe((5000 - (spec.rows[milestoneRow - 1][3] as number)) * 3);
  });
});
