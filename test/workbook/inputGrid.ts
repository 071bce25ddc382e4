import { CalendarDate, fromISO, toISO } from '../../src/core/calendarDate';
import type { InputGrid, RawCell } from '../../src/workbook/grid';

/** An InputGrid literal as a host would hand it over: header row first, at A1 unless told. */
export function gridOf(sheet: string, values: RawCell[][], options: Partial<InputGrid> = {}): InputGrid {
  return { sheet, source: 'sheet', firstRow: 1, firstColumn: 1, values, numberFormats: null, dateSystem: 1900, ...options };
}

export function day(iso: string): CalendarDate {
  const d = fromISO(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

export function iso(date: CalendarDate | null | undefined): string | null {
  return date === null || date === undefined ? null : toISO(date);
}
