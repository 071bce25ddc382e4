/**
 * How an output SheetSpec lands on a sheet, shared by both hosts so a book written inside
 * Excel and one written by `q2c` look the same: cell values (dates as serials), number
 * formats per cell, where notes go, widths, validation lists and Excel's size limits.
 * Pure: no Office.js and no exceljs here.
 */
import type { CalendarDate } from '../../core/calendarDate';
import { serialFromDate, type DateSystem } from '../../core/excelSerial';
import { minorUnits } from '../../core/money';
import {
  currencyNumberFormat,
  dataRow,
  dataRowCount,
  DATE_FORMAT,
  isFormulaCell,
  PERCENT_FORMAT,
  TEXT_FORMAT,
  type ColumnSpec,
  type FormulaCell,
  type OutCell,
  type SheetSpec,
} from '../../workbook/sheetSpec';

export const EXCEL_MAX_ROWS = 1048576;
export const EXCEL_MAX_COLUMNS = 16384;
/** Excel's "Light Red Fill": a failed check, readable in print and for the colour-blind with the text intact. */
export const FLAG_FILL = '#FFC7CE';
export const TABLE_STYLE = 'TableStyleMedium2';
export const DEFAULT_MONEY_FORMAT = '#,##0.00';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const INTEGER_FORMAT = '0';
export const FACTOR_FORMAT = '0.000000';
export const GENERAL_FORMAT = 'General';
/** Excel refuses a list validation whose comma-joined source is longer than this. */
export const VALIDATION_LIST_LIMIT = 255;

/** A value ready for a cell: dates already serials; formulas stay FormulaCells. */
export type SheetValue = string | number | boolean | null | FormulaCell;

/** The table name an input is looked up by: the sheet name without spaces or punctuation. */
export function inputTableName(sheetName: string): string {
  return sheetName.replace(/[^\p{L}\p{N}_]/gu, '');
}

function kindFormat(column: ColumnSpec): string {
  switch (column.kind) {
    case 'text':
      return TEXT_FORMAT;
    case 'money':
      return DEFAULT_MONEY_FORMAT;
    case 'date':
      return DATE_FORMAT;
    case 'datetime':
      return DATETIME_FORMAT;
    case 'percent':
      return PERCENT_FORMAT;
    case 'integer':
      return INTEGER_FORMAT;
    case 'factor':
      return FACTOR_FORMAT;
    case 'number':
      return GENERAL_FORMAT;
  }
}

/**
 * The number format of data cell (row, column). A column's own numberFormat wins (a
 * Reporting Amount column is in the reporting currency whatever the row's currency);
 * otherwise a money cell shows its row's currency; otherwise the kind's default.
 * A formula in a text column gets General, or Excel would show the formula as text.
 */
export function cellNumberFormat(spec: SheetSpec, row: number, column: number): string {
  return numberFormatOf(spec, row, column, dataRow(spec, row)[column]);
}

/** cellNumberFormat for a cell already in hand: a row made on demand is made once, not once per cell. */
export function numberFormatOf(spec: SheetSpec, row: number, column: number, cell: OutCell): string {
  const columnSpec = spec.columns[column];
  if (columnSpec.kind === 'text' && isFormulaCell(cell)) return GENERAL_FORMAT;
  if (columnSpec.numberFormat) return columnSpec.numberFormat;
  if (columnSpec.kind === 'money') {
    const currency = spec.rowCurrency?.[row];
    if (currency) return currencyNumberFormat(currency, minorUnits(currency));
  }
  return kindFormat(columnSpec);
}

/** The totals row's format: the column's own, else the one currency every row shares, else the kind's. */
export function totalsNumberFormat(spec: SheetSpec, column: number): string {
  const columnSpec = spec.columns[column];
  if (columnSpec.numberFormat) return columnSpec.numberFormat;
  if (columnSpec.kind === 'text') return GENERAL_FORMAT;
  if (columnSpec.kind === 'money' && spec.rowCurrency && spec.rowCurrency.length > 0) {
    const first = spec.rowCurrency[0];
    if (first && spec.rowCurrency.every((c) => c === first)) return currencyNumberFormat(first, minorUnits(first));
  }
  return kindFormat(columnSpec);
}

/** A data cell as it goes onto the sheet: CalendarDates become serials in the book's date system. */
export function sheetValue(spec: SheetSpec, row: number, column: number, dateSystem: DateSystem): SheetValue {
  return sheetValueOf(spec, row, column, dataRow(spec, row)[column], dateSystem);
}

/** sheetValue for a cell already in hand (see numberFormatOf). */
export function sheetValueOf(spec: SheetSpec, row: number, column: number, cell: OutCell, dateSystem: DateSystem): SheetValue {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) {
      throw new Error(`Sheet '${spec.name}', row ${row + 1}, column '${spec.columns[column].header}': ${cell} is not a number Excel can hold`);
    }
    if (spec.columns[column].kind === 'date') return serialFromDate(cell as CalendarDate, dateSystem);
  }
  return cell;
}

/** Data row `row`, checked to be as wide as the sheet: a row made on demand is only seen as it is written. */
export function checkedDataRow(spec: SheetSpec, row: number): OutCell[] {
  const cells = dataRow(spec, row);
  if (cells.length !== spec.columns.length) throw new Error(`Sheet '${spec.name}', row ${row + 1}: ${cells.length} cells for ${spec.columns.length} columns`);
  return cells;
}

/** 1-based sheet row of the first note: one row for the totals row (shown or not), one blank. */
export function notesFirstRow(spec: SheetSpec): number {
  return tableRowCount(spec) + 3;
}

/** Rows of the table on the sheet: header plus data, at least one data row (Excel needs one). */
export function tableRowCount(spec: SheetSpec): number {
  return Math.max(dataRowCount(spec), 1) + 1;
}

/** Rows the host writes from A1: header, data, and the notes block when there are notes. */
export function sheetRowCount(spec: SheetSpec): number {
  const notes = spec.notes ?? [];
  return notes.length > 0 ? notesFirstRow(spec) + notes.length - 1 : tableRowCount(spec);
}

/** Column width in points (Office.js) for a width in characters (Excel's unit), 7-pixel digits. */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** The width in characters a column gets: its own, else room for its header. */
export function columnWidth(column: ColumnSpec): number {
  return column.width ?? Math.max(12, column.header.length + 2);
}

/** The comma-joined list a drop-down validation carries; throws when Excel could not hold it. */
export function validationSource(spec: SheetSpec, column: number, list: string[]): string {
  const header = spec.columns[column]?.header;
  if (header === undefined) throw new Error(`Sheet '${spec.name}': a drop-down list is set on column ${column + 1}, which the sheet does not have`);
  const bad = list.find((item) => item.includes(','));
  if (bad !== undefined) throw new Error(`Sheet '${spec.name}', column '${header}': drop-down item '${bad}' contains a comma, which Excel's list cannot hold`);
  const source = list.join(',');
  if (source.length > VALIDATION_LIST_LIMIT) {
    throw new Error(`Sheet '${spec.name}', column '${header}': the drop-down list is ${source.length} characters; Excel allows ${VALIDATION_LIST_LIMIT}`);
  }
  return source;
}

/** Refuse a spec that cannot be written as one sheet, naming the sheet and the problem. */
export function checkSpecFits(spec: SheetSpec): void {
  const width = spec.columns.length;
  if (width === 0) throw new Error(`Sheet '${spec.name}' has no columns`);
  if (width > EXCEL_MAX_COLUMNS) throw new Error(`Sheet '${spec.name}' has ${width} columns; Excel allows ${EXCEL_MAX_COLUMNS}`);
  const rowCount = dataRowCount(spec);
  if (sheetRowCount(spec) > EXCEL_MAX_ROWS) {
    throw new Error(
      `Sheet '${spec.name}' has ${rowCount} rows; with its header, totals and notes that is more than Excel's ${EXCEL_MAX_ROWS} rows per sheet (the caller must split it)`,
    );
  }
  const headers = new Set<string>();
  for (const column of spec.columns) {
    const key = column.header.trim().toLowerCase();
    if (key === '') throw new Error(`Sheet '${spec.name}' has a column without a header`);
    if (headers.has(key)) throw new Error(`Sheet '${spec.name}' has two columns headed '${column.header}'; a table's headers must differ`);
    headers.add(key);
  }
  // rows made on demand are checked as they are written (checkedDataRow); the first one here, so a renderer's slip shows before anything is written
  const checkedRows = spec.rowSource ? Math.min(rowCount, 1) : rowCount;
  for (let i = 0; i < checkedRows; i++) checkedDataRow(spec, i);
  if (spec.totalsRow && spec.totalsRow.length !== width) {
    throw new Error(`Sheet '${spec.name}': the totals row has ${spec.totalsRow.length} cells for ${width} columns`);
  }
  if (spec.rowCurrency && spec.rowCurrency.length !== rowCount) {
    throw new Error(`Sheet '${spec.name}': ${spec.rowCurrency.length} row currencies for ${rowCount} rows`);
  }
  for (const flag of spec.flags ?? []) {
    if (flag.row < 0 || flag.row >= rowCount || flag.column < 0 || flag.column >= width) {
      throw new Error(`Sheet '${spec.name}': a red flag points at row ${flag.row + 1}, column ${flag.column + 1}, outside the data`);
    }
  }
  for (const validation of spec.validations ?? []) validationSource(spec, validation.column, validation.list);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(spec.tableName)) throw new Error(`Sheet '${spec.name}': '${spec.tableName}' is not a valid Excel table name`);
  if (spec.name.length === 0 || spec.name.length > 31 || /[[\]:*?/\\]/.test(spec.name)) throw new Error(`'${spec.name}' is not a valid Excel sheet name`);
}

/** Refuse two specs for one sheet in one write (Excel sheet names ignore case). */
export function checkDistinctSheets(specs: SheetSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    const key = spec.name.toLowerCase();
    if (seen.has(key)) throw new Error(`Sheet '${spec.name}' is written twice in one run`);
    seen.add(key);
  }
}
