/**
 * A problem the user must see: one row of the Issues sheet. Error = the row was skipped;
 * Warning = it was processed as stated. Every room may raise them; none throws at the user.
 */
export type Severity = 'Error' | 'Warning';

export type JobName = 'Setup' | 'Bill' | 'Analyze' | 'Reconcile';

export interface Issue {
  job: JobName;
  severity: Severity;
  sheet: string;
  /** A1 address with the sheet, e.g. Contracts!F14; the sheet alone when no cell applies. */
  cell: string;
  column: string;
  value: string;
  problem: string;
  fix: string;
}

/**
 * Where an input record came from: its sheet, its 1-based row, and the column letter of each
 * field it read, so a rule far from the parser can still name the exact cell.
 */
export interface SourceRow {
  sheet: string;
  row: number;
  /** field name (as in the record type) -> column letter, e.g. { unitPrice: 'K' } */
  columns: Readonly<Record<string, string>>;
  /** field name -> the header text as the user typed it */
  headers: Readonly<Record<string, string>>;
}

export function cellAddress(source: SourceRow, field?: string): string {
  const column = field ? source.columns[field] : undefined;
  return column ? `${source.sheet}!${column}${source.row}` : `${source.sheet}!A${source.row}`;
}

/** The Issue for a rule broken by `field` of `source`. */
export function issueAt(
  job: JobName,
  severity: Severity,
  source: SourceRow,
  field: string | undefined,
  value: unknown,
  problem: string,
  fix: string,
): Issue {
  return {
    job,
    severity,
    sheet: source.sheet,
    cell: cellAddress(source, field),
    column: (field && (source.headers[field] ?? field)) || '',
    value: value === null || value === undefined ? '' : String(value),
    problem,
    fix,
  };
}
