/**
 * A host-neutral description of an output sheet: what render produces and what both hosts
 * write. One table starting at A1, header row frozen. Nothing here knows about ranges,
 * syncs or files.
 */

/**
 * How a column is typed and shown.
 * - text: user text, written with number format @ before the values so it stays as typed
 * - money: a number; shown with the column's own numberFormat when it has one (e.g. a reporting-
 *   currency column), else the row's currency format (rowCurrency), else a plain 2-decimal format
 * - date: a CalendarDate (epoch day); hosts convert to a serial in the workbook's date system
 * - datetime: an Excel serial with a fraction, already in the workbook's date system
 * - percent: a fraction shown as a percentage
 * - number / integer / factor: plain numbers
 */
export type ColumnKind = 'text' | 'money' | 'date' | 'datetime' | 'percent' | 'number' | 'integer' | 'factor';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** overrides the kind's default number format */
  numberFormat?: string;
  /** characters, as Excel's column width */
  width?: number;
}

/** A formula cell; `result` is the value the code computed, cached for readers that never calculate. */
export interface FormulaCell {
  formula: string; // without the leading '='
  result?: number | string;
}

export type OutCell = string | number | boolean | null | FormulaCell;

/** Rows of a sheet rendered one at a time from the records they show. */
export interface RowSource {
  readonly count: number;
  row(index: number): OutCell[];
}

export function dataRowCount(spec: SheetSpec): number {
  return spec.rowSource ? spec.rowSource.count : spec.rows.length;
}

export function dataRow(spec: SheetSpec, index: number): OutCell[] {
  return spec.rowSource ? spec.rowSource.row(index) : spec.rows[index];
}

/** The spec with every row made: plain data again, for structured cloning to and from a Worker. */
export function materialized(spec: SheetSpec): SheetSpec {
  const source = spec.rowSource;
  if (!source) return spec;
  const rows = new Array<OutCell[]>(source.count);
  for (let i = 0; i < source.count; i++) rows[i] = source.row(i);
  const { rowSource: _made, ...rest } = spec;
  return { ...rest, rows };
}

export function isFormulaCell(cell: OutCell): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null;
}

export interface SheetSpec {
  /** sheet name, also the table's display name base */
  name: string;
  /** Excel table name (no spaces), e.g. BillingSchedule */
  tableName: string;
  columns: ColumnSpec[];
  /** data rows (no header); each row has columns.length cells. Empty when `rowSource` is set. */
  rows: OutCell[][];
  /**
   * Data rows made on demand, instead of `rows`: a million-line schedule is then never held
   * twice, once as records and again as cells. Read rows through dataRowCount / dataRow.
   */
  rowSource?: RowSource;
  /** per data row, the ISO currency for its money cells (null = the column's format) */
  rowCurrency?: (string | null)[];
  /** red fill where a check fails: 0-based data row and column indexes */
  flags?: { row: number; column: number }[];
  /** a totals row under the table (Excel table total row), same width as columns */
  totalsRow?: OutCell[];
  /** drop-down lists (data validation) for a column over the data rows */
  validations?: { column: number; list: string[] }[];
  /** rows written below the table as plain notes (rule statements), not part of the table */
  notes?: string[];
  /** an input sheet created by Setup rather than an output the add-in owns */
  role?: 'output' | 'input';
}

/** Excel number format for an ISO currency code, e.g. USD -> "$"#,##0.00. */
export function currencyNumberFormat(code: string, minorUnits: number): string {
  const decimals = minorUnits > 0 ? '.' + '0'.repeat(minorUnits) : '';
  const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
  const symbol = symbols[code];
  const body = `#,##0${decimals}`;
  return symbol ? `"${symbol}"${body};-"${symbol}"${body}` : `${body} "${code}";-${body} "${code}"`;
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const MONTH_FORMAT = 'mmm yyyy';
export const PERCENT_FORMAT = '0.00%';
export const TEXT_FORMAT = '@';
