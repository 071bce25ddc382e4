/**
 * Issue 7, hardening: 10,000 hostile Contracts rows (seeded, so every run sees the same ones).
 * Whatever a CRM export holds, a job never throws; every row is billed or named on Issues by a
 * cell on that row; every known-good row is billed; and the input sheets are left as they were.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxHost } from '../../src/hosts/xlsx/xlsxHost';
import { MemoryHost } from '../support/memoryHost';
import { createFakeExcel } from '../support/fakeExcel';
import { ExcelHost } from '../../src/hosts/excel/excelHost';
import { columnLetter } from '../../src/workbook/grid';
import { runJob } from '../../src/jobs/runJob';
import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { isBillableStage } from '../../src/core/schedule';
import { idKey, isBlank, readId, readText } from '../../src/workbook/cellParse';
import type { RawCell } from '../../src/workbook/grid';
import type { JobKind } from '../../src/jobs/job';
import {
  boundTerms, CONTRACT_HEADERS, hostileContracts, rawInputSpec, settingsRows, type HostileBook,
} from './hostileContracts';

const SEED = 20261126;
const HEADER_ROW = 1;

const column = (header: string): number => CONTRACT_HEADERS.indexOf(header);

function seededHost(book: HostileBook): MemoryHost {
  const host = new MemoryHost();
  host.sheets.set('Contracts', rawInputSpec('Contracts', book.headers, book.rows));
  host.sheets.set('Settings', rawInputSpec('Settings', ['Setting', 'Value'], settingsRows(book.asOf)));
  return host;
}

/** The sheet row number of a Contracts address such as Contracts!AD123, else null. */
function contractsRow(address: unknown): number | null {
  const m = /^Contracts!\$?[A-Z]+\$?(\d+)$/.exec(String(address ?? ''));
  return m ? Number(m[1]) : null;
}

interface Accounting {
  billed: Set<number>;
  reported: Set<number>;
  /** idKey of contracts warned as not Closed Won (one Warning per contract, billing.md) */
  stageWarned: Set<string>;
  errorRows: Set<number>;
}

function contractKey(raw: RawCell): string | null {
  return isBlank(raw) ? null : idKey(readId(raw as string | number | boolean));
}

function account(host: MemoryHost, book: HostileBook): Accounting {
  const billed = new Set<number>();
  for (const name of host.sheets.keys()) {
    if (!/^Billing Schedule( \(\d+\))?$/.test(name)) continue;
    for (const line of host.table(name)) {
      const row = contractsRow(line['Source']);
      if (row !== null) billed.add(row);
    }
  }
  const reported = new Set<number>();
  const errorRows = new Set<number>();
  const stageWarned = new Set<string>();
  for (const issue of host.table('Issues')) {
    const row = contractsRow(issue['Cell']);
    if (row === null) continue;
    reported.add(row);
    if (issue['Severity'] === 'Error') errorRows.add(row);
    if (String(issue['Problem']).includes('not Closed Won')) {
      const key = contractKey(book.rows[row - HEADER_ROW - 1]?.[column('Contract ID')] ?? null);
      if (key !== null) stageWarned.add(key);
    }
  }
  return { billed, reported, stageWarned, errorRows };
}

function describeRow(book: HostileBook, index: number): string {
  const cells = book.rows[index]
    .map((v, c) => (v === null ? null : `${CONTRACT_HEADERS[c]}=${JSON.stringify(typeof v === 'string' && v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v)}`))
    .filter((s) => s !== null);
  return `row ${index + HEADER_ROW + 1}: ${cells.join(', ')}`;
}

/** Rows neither billed, nor named on Issues, nor covered by their contract's not-Closed-Won Warning. */
function unaccounted(book: HostileBook, a: Accounting): string[] {
  const out: string[] = [];
  book.rows.forEach((cells, index) => {
    const row = index + HEADER_ROW + 1;
    if (cells.every((c) => isBlank(c))) return; // an empty row is skipped by rule, not lost
    if (a.billed.has(row) || a.reported.has(row)) return;
    const stage = cells[column('Stage')];
    const key = contractKey(cells[column('Contract ID')]);
    const stageText = isBlank(stage) ? null : readText(stage as string | number | boolean);
    if (!isBillableStage(stageText) && key !== null && a.stageWarned.has(key)) return;
    out.push(describeRow(book, index));
  });
  return out;
}

async function fuzz(rows: number, kind: JobKind): Promise<{ book: HostileBook; host: MemoryHost; seconds: number; bounded: number }> {
  const book = hostileContracts(rows, SEED);
  const bounded = boundTerms(book);
  const host = seededHost(book);
  const today = fromISO(book.asOf) as CalendarDate;
  const contractsBefore = host.sheets.get('Contracts');
  const gridBefore = structuredClone(await host.readInput('Contracts'));
  const settingsBefore = structuredClone(await host.readInput('Settings'));
  const started = performance.now();
  await expect(runJob(kind, host, { today })).resolves.toBeDefined();
  const seconds = (performance.now() - started) / 1000;
  // inputs untouched: the same sheet object, the same cells
  expect(host.sheets.get('Contracts')).toBe(contractsBefore);
  expect(await host.readInput('Contracts')).toEqual(gridBefore);
  expect(await host.readInput('Settings')).toEqual(settingsBefore);
  expect(host.sheets.get('Contracts')!.rows).toEqual(book.rows);
  return { book, host, seconds, bounded };
}

const FIGURES: string[] = [];
afterAll(() => {
  // the figures the report quotes
  if (FIGURES.length > 0) console.log(`fuzzContracts figures:\n${FIGURES.join('\n')}`);
});

/**
 * One fuzzed book per job kind, run once; its tests read the result. Rows are billed when a
 * Billing Schedule line's Source names their row (Contracts!A<row>).
 */
function fuzzSuite(rows: number, kinds: readonly JobKind[]): void {
  for (const kind of kinds) {
    describe(`${kind} on ${rows.toLocaleString('en-US')} hostile rows`, () => {
      let run: { book: HostileBook; host: MemoryHost; seconds: number; bounded: number };
      let a: Accounting;
      beforeAll(async () => {
        run = await fuzz(rows, kind);
        a = account(run.host, run.book);
        FIGURES.push(`${kind}: ${rows} rows (${run.book.good.length} known-good, ${run.bounded} Terms past 9999 replaced) in `
          + `${run.seconds.toFixed(1)} s; ${run.host.table('Issues').length} Issues rows; `
          + `${run.host.sheets.get('Billing Schedule')?.rows.length ?? 0} schedule lines`);
      }, 240_000);

      test('does not throw and leaves the input sheets as they were', () => {
        // fuzz() asserts both; reaching here means they held
        expect(run.book.rows).toHaveLength(rows);
      });

      test('bills every known-good row, with no Error on it', () => {
        const goodRows = run.book.good.map((i) => i + HEADER_ROW + 1);
        expect(goodRows.filter((row) => !a.billed.has(row)).map((row) => describeRow(run.book, row - HEADER_ROW - 1))).toEqual([]);
        expect(goodRows.filter((row) => a.errorRows.has(row))).toEqual([]);
        // not vacuous: plenty of rows rejected, plenty billed
        expect(a.errorRows.size).toBeGreaterThan(rows / 3);
        expect(a.billed.size).toBeGreaterThanOrEqual(run.book.good.length);
      });

      // a contract whose lines disagree on Customer / Currency / Payment Terms / Billing Entity is
      // skipped whole: each of its lines needs its own Issue, not only the differing one
      test('names every row it did not bill on Issues, by a cell on that row', () => {
        expect(unaccounted(run.book, a)).toEqual([]);
      });
    });
  }
}

describe('hostile Contracts rows', () => {
  fuzzSuite(2_000, ['bill', 'run']);
});

// 10,000 rows take longer than a minute (figures printed after the run); kept, as issue 7 asks.
describe('10,000 hostile Contracts rows', () => {
  fuzzSuite(10_000, ['bill', 'run']);
});

/**
 * The same fuzz inside Excel: the hostile sheet (a table, date and percent formats, a formula
 * cell) is read and the outputs written by the Excel host into the fake; the Contracts and
 * Settings sheets' values, formulas and formats must be exactly as before.
 */
describe('hostile Contracts rows through the Excel host', () => {
  test('2,000 rows: bill resolves and the input sheets keep their values, formulas and formats', async () => {
    const book = hostileContracts(2_000, SEED + 1);
    boundTerms(book);
    const fake = createFakeExcel({
      Contracts: [book.headers, ...book.rows],
      Settings: [['Setting', 'Value'], ...settingsRows(book.asOf)],
    });
    fake.addTable('Contracts', 'Contracts', `A1:${columnLetter(book.headers.length)}${book.rows.length + 1}`);
    fake.setNumberFormat('Contracts', `${columnLetter(column('Start Date') + 1)}2:${columnLetter(column('End Date') + 1)}${book.rows.length + 1}`, 'yyyy-mm-dd');
    fake.setNumberFormat('Contracts', `${columnLetter(column('Discount %') + 1)}2:${columnLetter(column('Discount %') + 1)}${book.rows.length + 1}`, '0%');
    const priced = fake.cell('Contracts', `${columnLetter(column('Unit Price') + 1)}3`)!;
    priced.formula = '=1200*1.5';
    priced.value = 1800;
    const before = fake.snapshot();
    const host = new ExcelHost(fake.run, { isSetSupported: (n, v) => fake.isSetSupported(n, v) });
    const started = performance.now();
    await expect(runJob('bill', host, { today: fromISO(book.asOf) as CalendarDate })).resolves.toBeDefined();
    FIGURES.push(`bill through the Excel host into the fake: ${book.rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const after = fake.snapshot();
    for (const name of ['Contracts', 'Settings']) {
      expect(after.sheets.find((s) => s.name === name)).toEqual(before.sheets.find((s) => s.name === name));
    }
    expect(after.tables.find((t) => t.name === 'Contracts')).toEqual(before.tables.find((t) => t.name === 'Contracts'));
    expect(fake.values('Billing Schedule').length).toBeGreaterThan(book.good.length);
  }, 120_000);
});

/**
 * The same fuzz through the q2c command's host: a hostile Contracts table (with formats and a
 * formula) saved by exceljs is opened, billed and saved; the saved Contracts and Settings
 * sheets must hold the same values, formulas and number formats as the file that went in.
 */
describe('hostile Contracts rows through the .xlsx host', () => {
  test('2,000 rows: bill resolves and the saved input sheets keep their values, formulas and formats', async () => {
    const book = hostileContracts(2_000, SEED + 2);
    boundTerms(book);
    const dir = mkdtempSync(path.join(tmpdir(), 'q2c-fuzz-'));
    const input = new ExcelJS.Workbook();
    const contracts = input.addWorksheet('Contracts');
    contracts.addTable({
      name: 'Contracts', ref: 'A1', headerRow: true,
      columns: book.headers.map((name) => ({ name })),
      rows: book.rows.map((r) => r.map((v) => v as ExcelJS.CellValue)),
    });
    const start = column('Start Date') + 1;
    for (let r = 2; r <= book.rows.length + 1; r++) contracts.getCell(r, start).numFmt = 'yyyy-mm-dd';
    contracts.getCell(3, column('Unit Price') + 1).value = { formula: '1200*1.5', result: 1800 };
    const settings = input.addWorksheet('Settings');
    settings.addRows([['Setting', 'Value'], ...settingsRows(book.asOf)]);
    const inPath = path.join(dir, 'in.xlsx');
    const outPath = path.join(dir, 'out.xlsx');
    await input.xlsx.writeFile(inPath);

    const started = performance.now();
    const host = await XlsxHost.open(inPath);
    await expect(runJob('bill', host, { today: fromISO(book.asOf) as CalendarDate })).resolves.toBeDefined();
    await host.save(outPath);
    FIGURES.push(`bill through the .xlsx host (open, run, save): ${book.rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const cellsOf = async (file: string, sheet: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const out: unknown[] = [];
      wb.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row, r) => {
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          out.push([r, c, cell.type, cell.formula ?? null, cell.numFmt ?? null, cell.value instanceof Date ? `date ${cell.value.getTime()}` : cell.value]);
        });
      });
      return out;
    };
    const inputCells = await cellsOf(inPath, 'Contracts');
    // the comparison below covers a formula and a date format (it could fail)
    expect(inputCells.some((c) => (c as unknown[])[3] === '1200*1.5')).toBe(true);
    expect(inputCells.some((c) => (c as unknown[])[4] === 'yyyy-mm-dd')).toBe(true);
    for (const sheet of ['Contracts', 'Settings']) {
      expect({ sheet, cells: await cellsOf(outPath, sheet) }).toEqual({ sheet, cells: await cellsOf(inPath, sheet) });
    }
  }, 180_000);
});

describe('the generator', () => {
  test('is deterministic and hostile enough', () => {
    const a = hostileContracts(2000, SEED);
    expect(hostileContracts(2000, SEED)).toEqual(a);
    const all = a.rows.flat();
    expect(all.some((v) => typeof v === 'string' && v.length === 32767)).toBe(true);
    expect(all).toEqual(expect.arrayContaining(['=1+1', '+cmd', '@SUM(A1)', 2958465, '9999-12-31', '1899-12-31', 0, true, 1e308]));
    const ids = a.rows.map((r) => r[column('Contract ID')]).filter((v) => typeof v === 'string' && v.startsWith('DUP-'));
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });
});
