/**
 * Cutting an output sheet into write requests for Office.js: blocks of whole rows at the
 * sheet's full width, each a 2-D array for one range, with the number formats that must go
 * before the values ('@' so text stays as typed) and those that go after. Pure, so the
 * request sizes can be reasoned about and tested without Excel.
 */
import type { DateSystem } from '../../core/excelSerial';
import { dataRowCount, isFormulaCell, TEXT_FORMAT, type SheetSpec } from '../../workbook/sheetSpec';
import { checkedDataRow, GENERAL_FORMAT, numberFormatOf, sheetValueOf } from './outputLayout';

export type WriteValue = string | number | boolean;

/** Number formats for a block of whole columns inside a chunk (0-based column, width). */
export interface FormatRun {
  column: number;
  formats: string[][];
}

/** A vertical run of flagged cells: red fill, one range per run rather than per cell. */
export interface FlagRange {
  row: number;
  column: number;
  rows: number;
}

export interface WriteChunk {
  /** 0-based sheet row and column of the block */
  row: number;
  column: number;
  rows: number;
  columns: number;
  /** written as `formulas` when the block holds a formula, else as `values` */
  cells: WriteValue[][];
  asFormulas: boolean;
  /** formats set before the values: every column holding text */
  formatsBefore: FormatRun[];
  /** formats set after the values: numbers, dates, money */
  formatsAfter: FormatRun[];
  flags: FlagRange[];
  /** estimated request size: JSON of everything sent plus a per-command allowance */
  bytes: number;
}

const COMMAND_BYTES = 200;

function runsOf(columns: boolean[], want: boolean): { column: number; width: number }[] {
  const runs: { column: number; width: number }[] = [];
  let start = -1;
  columns.forEach((flag, c) => {
    if (flag === want && start < 0) start = c;
    if (flag !== want && start >= 0) {
      runs.push({ column: start, width: c - start });
      start = -1;
    }
  });
  if (start >= 0) runs.push({ column: start, width: columns.length - start });
  return runs;
}

function slice(formats: string[][], column: number, width: number): string[][] {
  return formats.map((row) => row.slice(column, column + width));
}

function estimate(chunk: Omit<WriteChunk, 'bytes'>): number {
  const runs = [...chunk.formatsBefore, ...chunk.formatsAfter];
  return (
    JSON.stringify(chunk.cells).length +
    runs.reduce((total, run) => total + JSON.stringify(run.formats).length, 0) +
    COMMAND_BYTES * (2 + runs.length + chunk.flags.length)
  );
}

/** A block of text cells (header, notes) formatted '@' before the values. */
export function textChunk(row: number, column: number, texts: string[][]): WriteChunk {
  const columns = texts[0]?.length ?? 0;
  const chunk = {
    row,
    column,
    rows: texts.length,
    columns,
    cells: texts,
    asFormulas: false,
    formatsBefore: [{ column: 0, formats: texts.map((r) => r.map(() => TEXT_FORMAT)) }],
    formatsAfter: [],
    flags: [],
  };
  return { ...chunk, bytes: estimate(chunk) };
}

/**
 * Data rows [firstRow, firstRow + rowCount) of the spec, placed under the header (sheet row
 * firstRow + 1). A column holding any text in this block gets its formats before the values,
 * text cells as '@'; the others get theirs after, skipped when all General.
 */
export function dataChunk(spec: SheetSpec, firstRow: number, rowCount: number, dateSystem: DateSystem): WriteChunk {
  const width = spec.columns.length;
  const cells: WriteValue[][] = [];
  const formats: string[][] = [];
  const textColumns = spec.columns.map((column) => column.kind === 'text');
  let asFormulas = false;
  for (let r = firstRow; r < firstRow + rowCount; r++) {
    const rowCells: WriteValue[] = [];
    const rowFormats: string[] = [];
    const row = checkedDataRow(spec, r);
    for (let c = 0; c < width; c++) {
      const value = sheetValueOf(spec, r, c, row[c], dateSystem);
      let format = numberFormatOf(spec, r, c, row[c]);
      if (isFormulaCell(value)) {
        asFormulas = true;
        rowCells.push('=' + value.formula);
      } else if (typeof value === 'string') {
        textColumns[c] = true;
        format = TEXT_FORMAT;
        rowCells.push(value);
      } else {
        rowCells.push(value ?? '');
      }
      rowFormats.push(format);
    }
    cells.push(rowCells);
    formats.push(rowFormats);
  }
  const formatsBefore = runsOf(textColumns, true).map(({ column, width: w }) => ({ column, formats: slice(formats, column, w) }));
  const formatsAfter = runsOf(textColumns, false)
    .map(({ column, width: w }) => ({ column, formats: slice(formats, column, w) }))
    .filter((run) => run.formats.some((row) => row.some((f) => f !== GENERAL_FORMAT)));
  const flags = flagRanges(spec, firstRow, rowCount);
  const chunk = { row: firstRow + 1, column: 0, rows: rowCount, columns: width, cells, asFormulas, formatsBefore, formatsAfter, flags };
  return { ...chunk, bytes: estimate(chunk) };
}

/** Flagged cells of data rows [firstRow, firstRow + rowCount), merged into vertical runs, in sheet rows. */
function flagRanges(spec: SheetSpec, firstRow: number, rowCount: number): FlagRange[] {
  const byColumn = new Map<number, number[]>();
  for (const flag of spec.flags ?? []) {
    if (flag.row < firstRow || flag.row >= firstRow + rowCount) continue;
    const rows = byColumn.get(flag.column) ?? [];
    rows.push(flag.row);
    byColumn.set(flag.column, rows);
  }
  const ranges: FlagRange[] = [];
  for (const [column, rows] of [...byColumn.entries()].sort((a, b) => a[0] - b[0])) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let start = sorted[0];
    let previous = sorted[0];
    for (const row of sorted.slice(1)) {
      if (row !== previous + 1) {
        ranges.push({ row: start + 1, column, rows: previous - start + 1 });
        start = row;
      }
      previous = row;
    }
    ranges.push({ row: start + 1, column, rows: previous - start + 1 });
  }
  return ranges;
}

/**
 * Rows per chunk: about maxCells cells at this width, halved until the estimated request
 * stays under maxBytes (measured on the widest-looking block, the first one).
 */
export function rowsPerChunk(spec: SheetSpec, dateSystem: DateSystem, maxCells: number, maxBytes: number): number {
  let rows = Math.max(1, Math.floor(maxCells / spec.columns.length));
  const count = dataRowCount(spec);
  if (count === 0) return rows;
  while (rows > 1 && dataChunk(spec, 0, Math.min(rows, count), dateSystem).bytes > maxBytes) rows = Math.floor(rows / 2);
  return rows;
}
