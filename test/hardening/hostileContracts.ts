/**
 * A seeded generator of Contracts rows as a messy CRM export delivers them: known-good rows
 * (unique Contract IDs, every field valid, Stage blank or Closed Won) mixed with hostile ones
 * (wrong types, blanks, huge and negative numbers, dates in 1899 and 9999 as serials and as
 * text, text formulas, 32,767-character strings, RTL / emoji / combining marks, duplicate
 * Contract IDs whose lines disagree). Same seed, same rows, on every machine.
 */
import { seededRandom } from '../../src/jobs/sampleBook/sampleRows';
import { INPUT_SHEETS, SETTINGS_DEFAULTS } from '../../src/workbook/inputSheets';
import { serialFromDate } from '../../src/core/excelSerial';
import { fromYMD } from '../../src/core/calendarDate';
import type { InputGrid, RawCell } from '../../src/workbook/grid';
import type { SheetSpec } from '../../src/workbook/sheetSpec';

export const CONTRACT_HEADERS: string[] = INPUT_SHEETS.find((s) => s.name === 'Contracts')!.columns.map((c) => c.header);

const at = (header: string): number => {
  const i = CONTRACT_HEADERS.indexOf(header);
  if (i < 0) throw new Error(`no Contracts column ${header}`);
  return i;
};

export const MAX_CELL_TEXT = 32767;

const serial = (y: number, m: number, d: number): number => serialFromDate(fromYMD(y, m, d), 1900);

/** Text a CRM lets anyone type; each must be carried as text and never become a formula. */
export const FORMULA_TEXT = ['=1+1', '+cmd', '@SUM(A1)', '-2+3', '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '\t=1+1', '\r=1+1'];

const UNICODE_TEXT = [
  'שלום עולם',               // Hebrew, right to left
  'شركة الاختبار',           // Arabic
  '\u202eevil\u202c',        // RTL override
  'Café\u0301 Zoë',          // combining acute
  'Z\u0351\u0352\u0353algo', // stacked combining marks
  '💸🧾 Emoji Ltd 👩‍👩‍👧',      // astral plane and ZWJ sequences
  '株式会社テスト',
  'zero\u200bwidth',
  '\ufeffBOM Inc',
];

const HUGE_NUMBERS: RawCell[] = [1e308, -1e308, 9.999999999999999e307, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, 5e-324, -0.000001, 123456789012.345];
const HUGE_NUMBER_TEXT: RawCell[] = ['123456789012345678901234567890', '-99999999999999999999', '1e400', '1,2,3', '(75.00)', '$-1', 'NaN', 'Infinity', '0x1F', '1_000'];
const DATE_EDGES: RawCell[] = [
  0, -1, 1, 59, 60, 61, 2958465, 2958466, 1e7, 0.5, 45000.75, -45000,
  '1899-12-31', '1899-12-30', '1900-02-29', '9999-12-31', '10000-01-01', '0000-01-01', '2026-02-30', '2026-13-01',
  '3/4/2026', '2026-01-01T25:00', 'yesterday', '2026-1-1',
];
const WRONG_TYPES: RawCell[] = [true, false, 'abc', 'TRUE', '#N/A', '#VALUE!', '   ', '', null, '-', '.', '%', '12%%'];

export interface HostileBook {
  headers: string[];
  rows: RawCell[][];
  /** 0-based data row indexes of the known-good rows */
  good: number[];
  asOf: string;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function longText(rand: () => number): string {
  const unit = pick(rand, ['A', 'é', '💸', 'ש', 'x\u0301']);
  // as many whole units as fit in Excel's 32,767 UTF-16 code units
  return unit.repeat(Math.floor(MAX_CELL_TEXT / unit.length));
}

function hostileValue(rand: () => number): RawCell {
  switch (Math.floor(rand() * 7)) {
    case 0: return pick(rand, WRONG_TYPES);
    case 1: return pick(rand, HUGE_NUMBERS);
    case 2: return pick(rand, HUGE_NUMBER_TEXT);
    case 3: return pick(rand, DATE_EDGES);
    case 4: return pick(rand, FORMULA_TEXT);
    case 5: return rand() < 0.15 ? longText(rand) : pick(rand, UNICODE_TEXT);
    default: return Math.round((rand() - 0.7) * 1e6) / 100; // often negative
  }
}

const FREQUENCIES = ['Monthly', 'Quarterly', 'Semiannual', 'Annual', 'Upfront'];
const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Société Générale', 'שלום בע"מ', '株式会社テスト 💸', 'Zoë\u0301 Ltd', 'O\'Brien & Sons'];

/** A row that must bill: unique ID, valid dates, price and frequency, Stage blank or Closed Won. */
function goodRow(rand: () => number, n: number): RawCell[] {
  const row: RawCell[] = CONTRACT_HEADERS.map(() => null);
  const year = 2025 + Math.floor(rand() * 2);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  row[at('Contract ID')] = `GOOD-${String(n).padStart(5, '0')}`;
  row[at('Customer')] = `${pick(rand, CUSTOMERS)} ${n}`;
  row[at('Product')] = pick(rand, ['Platform', 'Support', 'Seats', 'Plattform Ü']);
  row[at('Start Date')] = rand() < 0.7 ? serial(year, month, day) : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  row[at('Term (Months)')] = pick(rand, [1, 3, 6, 12, 24, 36]);
  row[at('Billing Frequency')] = pick(rand, FREQUENCIES);
  row[at('Quantity')] = 1 + Math.floor(rand() * 50);
  const cents = 1 + Math.floor(rand() * 9_999_999);
  const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  row[at('Unit Price')] = rand() < 0.5 ? Number(price) : price;
  row[at('Currency')] = rand() < 0.5 ? 'USD' : null;
  row[at('Discount %')] = rand() < 0.3 ? 5 + Math.floor(rand() * 40) : null;
  row[at('Stage')] = rand() < 0.5 ? 'Closed Won' : null;
  row[at('PO Number')] = rand() < 0.3 ? pick(rand, FORMULA_TEXT) : null;
  row[at('Billing Contact')] = rand() < 0.3 ? pick(rand, UNICODE_TEXT) : null;
  return row;
}

const DUPLICATE_IDS = Array.from({ length: 60 }, (_, i) => `DUP-${i + 1}`);

/** A hostile row: a plausible line with 1-4 fields corrupted, a disagreeing duplicate, or pure noise. */
function hostileRow(rand: () => number, n: number): RawCell[] {
  const kind = rand();
  if (kind < 0.1) return CONTRACT_HEADERS.map(() => (rand() < 0.7 ? hostileValue(rand) : null));
  const row = goodRow(rand, n);
  row[at('Contract ID')] = rand() < 0.6 ? pick(rand, DUPLICATE_IDS) : `H-${n}`;
  if (kind < 0.3) {
    // a duplicate whose contract-level fields disagree with its other lines
    row[at('Contract ID')] = pick(rand, DUPLICATE_IDS);
    row[at('Customer')] = pick(rand, CUSTOMERS);
    row[at('Currency')] = pick(rand, ['USD', 'EUR', 'usd', null]);
    row[at('Payment Terms')] = pick(rand, ['Net 30', 'Net 60', null]);
    return row;
  }
  const corrupt = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < corrupt; k++) row[Math.floor(rand() * row.length)] = hostileValue(rand);
  if (rand() < 0.1) row[at('Stage')] = pick(rand, ['Closed Lost', 'Prospecting', 'closedwon', ' CLOSED WON ', 'Closed  Won']);
  return row;
}

/** `count` data rows, about a third of them known-good, the rest hostile. */
export function hostileContracts(count: number, seed: number): HostileBook {
  const rand = seededRandom(seed);
  const rows: RawCell[][] = [];
  const good: number[] = [];
  for (let i = 0; i < count; i++) {
    if (rand() < 0.3) {
      good.push(i);
      rows.push(goodRow(rand, i + 1));
    } else {
      rows.push(hostileRow(rand, i + 1));
    }
  }
  return { headers: CONTRACT_HEADERS, rows, good, asOf: '2026-11-26' };
}

/** Settings as Setup writes them, with a fixed As Of Date. */
export function settingsRows(asOf: string): RawCell[][] {
  return SETTINGS_DEFAULTS.map((s) => [s.setting, s.setting === 'As Of Date' ? asOf : s.value]);
}

/**
 * An input sheet for the memory host. Every column is declared 'text' so the memory host hands
 * each raw cell over exactly as generated (numbers stay numbers, serials stay serials).
 */
export function rawInputSpec(name: string, headers: string[], rows: RawCell[][]): SheetSpec {
  return {
    name,
    tableName: name.replace(/[^A-Za-z0-9]/g, ''),
    columns: headers.map((header) => ({ header, kind: 'text' as const })),
    rows: rows.map((r) => [...r]),
    role: 'input',
  };
}

/** The grid a host hands over for an input sheet written from A1. */
export function rawGrid(name: string, headers: string[], rows: RawCell[][]): InputGrid {
  return { sheet: name, source: 'table', firstRow: 1, firstColumn: 1, values: [headers, ...rows], numberFormats: null, dateSystem: 1900 };
}

/**
 * Replace every Term (Months) that reaches past year 9999 (1e308, 2^53, 1e21, thirty-digit
 * text...) with 120 and return how many were replaced. Such terms currently make the Bill job
 * run without end (defect, see termBeyond9999.test.ts), so the big fuzz runs without them.
 */
export function boundTerms(book: HostileBook): number {
  const term = at('Term (Months)');
  let replaced = 0;
  for (const row of book.rows) {
    const v = row[term];
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(/,/g, '')) : NaN;
    if (Number.isFinite(n) ? n > 96_000 : typeof v === 'string' && /^\s*\d{7,}/.test(v)) {
      row[term] = 120;
      replaced++;
    }
  }
  return replaced;
}
