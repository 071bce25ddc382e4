import type { DateSystem } from '../core/excelSerial';
import type { InputGrid } from '../workbook/grid';
import type { SheetSpec } from '../workbook/sheetSpec';

/** Progress as the user reads it: the step in words and how far the whole job is (0..1). */
export interface Progress {
  step: string;
  fraction: number;
}
export type ProgressReporter = (progress: Progress) => void;

/**
 * The one small interface both hosts implement (Office.js inside Excel, exceljs for .xlsx
 * files). Nothing above the hosts knows about ranges, syncs or files.
 */
export interface WorkbookHost {
  readonly kind: 'excel' | 'xlsx';
  dateSystem(): Promise<DateSystem>;
  sheetNames(): Promise<string[]>;
  /** The Excel table named `name` (spaces removed), else the sheet named `name`; null when neither exists. */
  readInput(name: string): Promise<InputGrid | null>;
  /**
   * Write these sheets, replacing the add-in's own sheets of the same names while keeping
   * their sheet and table names. All or nothing: when it fails or `signal` aborts, the
   * workbook is as it was. Never touches any other sheet.
   */
  writeSheets(specs: SheetSpec[], progress?: ProgressReporter, signal?: AbortSignal): Promise<void>;
  /**
   * The job has read every input it needs: the host may let go of what it keeps only for
   * reading (the .xlsx host's parsed copy of the book) while the job computes; reading or
   * writing afterwards still works.
   */
  doneReading?(): void;
}
