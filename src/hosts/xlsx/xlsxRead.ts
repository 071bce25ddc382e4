/**
 * Reading exceljs cells as the raw cells both hosts hand to the parser: dates back to serials
 * in the book's date system, formulas as their cached result, rich text and hyperlinks as
 * their text, errors as their text ('#N/A').
 */
import type ExcelJS from 'exceljs';
import type { DateSystem } from '../../core/excelSerial';
import type { InputGrid, RawCell } from '../../workbook/grid';

const MS_PER_DAY = 86400000;
const EPOCH_SERIAL_1900 = 25569;
const DAYS_1900_TO_1904 = 1462;

/**
 * exceljs turns a date-formatted serial into new Date((serial - 25569 [+ 1462]) days); this is
 * its exact inverse, so the serial comes back as stored (phantom 1900-02-29 included).
 */
export function serialFromJsDate(date: Date, dateSystem: DateSystem): number {
  const days = Math.round(date.getTime()) / MS_PER_DAY;
  const serial = days + EPOCH_SERIAL_1900 - (dateSystem === 1904 ? DAYS_1900_TO_1904 : 0);
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    const runs = (value as { richText: { text: string }[] }).richText;
    return runs.map((run) => run.text).join('');
  }
  return value === null || value === undefined ? '' : String(value);
}

/** A cell value (or a formula's cached result) as a RawCell. */
export function rawValue(value: unknown, dateSystem: DateSystem): RawCell {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) return serialFromJsDate(value, dateSystem);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return rawValue((value as { result?: unknown }).result, dateSystem);
    if ('richText' in value) return textOf(value);
    if ('hyperlink' in value) return textOf((value as { text?: unknown }).text);
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}

/** Values and formats of rows [top, bottom] x columns [left, right] (1-based, inclusive). */
export function readBlock(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, dateSystem: DateSystem): { values: RawCell[][]; numberFormats: string[][] } {
  const values: RawCell[][] = [];
  const numberFormats: string[][] = [];
  // find*, not get*: reading must not add rows or cells to the book that save() copies
  for (let r = top; r <= bottom; r++) {
    const row = sheet.findRow(r);
    const rowValues: RawCell[] = [];
    const rowFormats: string[] = [];
    for (let c = left; c <= right; c++) {
      const cell = row?.findCell(c);
      rowValues.push(cell ? rawValue(cell.value, dateSystem) : null);
      rowFormats.push(cell?.numFmt || 'General');
    }
    values.push(rowValues);
    numberFormats.push(rowFormats);
  }
  return { values, numberFormats };
}

/** The sheet from its first non-empty row, across the columns that hold anything. */
export function readSheetGrid(sheet: ExcelJS.Worksheet, dateSystem: DateSystem): InputGrid {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (rawValue(cell.value, dateSystem) === null) return;
      top = Math.min(top, rowNumber);
      bottom = Math.max(bottom, rowNumber);
      left = Math.min(left, columnNumber);
      right = Math.max(right, columnNumber);
    });
  });
  if (bottom === 0) return { sheet: sheet.name, source: 'sheet', firstRow: 1, firstColumn: 1, values: [], numberFormats: [], dateSystem };
  const block = readBlock(sheet, top, left, bottom, right, dateSystem);
  return { sheet: sheet.name, source: 'sheet', firstRow: top, firstColumn: left, ...block, dateSystem };
}
