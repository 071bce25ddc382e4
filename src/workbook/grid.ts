import type { DateSystem } from '../core/excelSerial';

/**
 * A raw cell as a host hands it over. Dates arrive as serial numbers in the workbook's date
 * system (the host converts exceljs Date objects), with their number format alongside, so
 * parsing is the same inside Excel and on an .xlsx file.
 */
export type RawCell = string | number | boolean | null;

/** An input sheet or table as read by a host: the header row first. */
export interface InputGrid {
  /** the sheet the data sits on */
  sheet: string;
  /** 'table' when read from an Excel table (ListObject) named like the sheet */
  source: 'table' | 'sheet';
  /** 1-based row and column of values[0][0] on the sheet, for cell addresses */
  firstRow: number;
  firstColumn: number;
  values: RawCell[][];
  /** same shape as values where the host knows formats ('General' otherwise), else null */
  numberFormats: string[][] | null;
  dateSystem: DateSystem;
}

/** Column letters for a 1-based column index: 1 -> A, 28 -> AB. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 1-based column index for letters: A -> 1, AB -> 28. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
