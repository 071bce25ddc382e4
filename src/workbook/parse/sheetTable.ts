import type { Issue, JobName, Severity, SourceRow } from '../../core/issue';
import { CalendarDate, toISO } from '../../core/calendarDate';
import { Decimal } from '../../core/decimal';
import { dateFromSerial } from '../../core/excelSerial';
import type { PaymentTerms } from '../../core/model';
import { columnLetter, InputGrid, RawCell } from '../grid';
import { headerUnit, HeaderMatch, matchHeaders } from '../headerMatch';
import type { InputColumn } from '../inputSheets';
import {
  CellResult, isBlank, readBoolean, readCurrency, readDate, readDateTime, readDecimal, readEnum, readId,
  readInteger, readPaymentTerms, readPercent, readText, typedValue, NO_ALIASES,
} from '../cellParse';

const NO_VALUES: readonly string[] = [];

/**
 * One input sheet as a header plus non-empty data rows, with readers that turn each cell into
 * a value or an Issue addressed to that exact cell (Contracts!F14). The sheet parsers in this
 * folder say which fields a row needs; this module knows how cells and addresses work.
 */

export interface ReadContext {
  job: JobName;
  /** Setting Time Zone: date-times without an offset are read in it */
  timeZone: string;
}

/** An Issue and the 0-based column it concerns (null: the row or the sheet as a whole). */
export interface LoggedIssue {
  column: number | null;
  /** 0-based index into grid.values of the row it concerns, null for the sheet */
  row: number | null;
  issue: Issue;
}

export class SheetTable {
  readonly sheet: string;
  /** headers as typed, per column (trimmed) */
  readonly headers: string[];
  readonly match: HeaderMatch;
  readonly rows: SheetRow[] = [];
  /** every Issue of the sheet, in the order raised */
  readonly log: LoggedIssue[] = [];
  /** the Excel row of the header, 0 when the sheet is empty */
  readonly headerRow: number;
  readonly columns: Record<string, string> = {};
  readonly typedHeaders: Record<string, string> = {};
  private readonly missing = new Map<string, Issue>();

  constructor(
    readonly grid: InputGrid,
    readonly fields: readonly InputColumn[],
    readonly ctx: ReadContext,
  ) {
    this.sheet = grid.sheet;
    const values = grid.values;
    const headerIndex = values.findIndex((row) => !isEmptyRow(row));
    this.headerRow = headerIndex < 0 ? 0 : grid.firstRow + headerIndex;
    this.headers = headerIndex < 0 ? [] : values[headerIndex].map((cell) => typedValue(cell).trim());
    this.match = matchHeaders(this.headers, fields);
    for (const [field, column] of this.match.columnOf) {
      this.columns[field] = this.letter(column);
      this.typedHeaders[field] = this.headers[column];
    }
    for (const d of this.match.duplicates) {
      this.record(d.column, this.issue('Warning', `${this.sheet}!${this.letter(d.column)}${this.headerRow}`, this.headers[d.column],
        this.headers[d.column],
        `Column '${this.headers[d.column]}' repeats '${this.headers[d.firstColumn]}' (column ${this.letter(d.firstColumn)}); only the first is read`,
        'Delete or rename one of the two columns'));
    }
    if (headerIndex < 0) return;
    for (let r = headerIndex + 1; r < values.length; r++) {
      if (isEmptyRow(values[r])) continue;
      this.rows.push(new SheetRow(this, r));
    }
  }

  letter(column: number): string {
    return columnLetter(this.grid.firstColumn + column);
  }

  hasColumn(field: string): boolean {
    return this.match.columnOf.has(field);
  }

  schemaOf(field: string): InputColumn {
    return this.fields.find((f) => f.field === field)!;
  }

  /** The header as typed, else the contract's header name (for a column that is missing). */
  headerOf(field: string): string {
    return this.typedHeaders[field] ?? this.schemaOf(field)?.header ?? field;
  }

  issue(severity: Severity, cell: string, column: string, value: string, problem: string, fix: string): Issue {
    return { job: this.ctx.job, severity, sheet: this.sheet, cell, column, value, problem, fix };
  }

  record(column: number | null, issue: Issue, row: number | null = null): Issue {
    this.log.push({ column, row, issue });
    return issue;
  }

  /** One sheet-level Error per required column that is missing, raised when a row first needs it. */
  missingColumn(field: string, headers: string = this.headerOf(field)): Issue {
    let issue = this.missing.get(field);
    if (!issue) {
      issue = this.record(null, this.issue('Error', this.sheet, headers, '',
        `The ${this.sheet} sheet has no ${headers} column, so its rows cannot be read`,
        `Add a column headed ${headers}`));
      this.missing.set(field, issue);
    }
    return issue;
  }

  /** Every Issue raised, sheet-level and per row. */
  issues(): Issue[] {
    return this.log.map((l) => l.issue);
  }

  /** The time zone for a date-time column: its own when its header says (UTC), else the setting. */
  zoneOf(field: string): string {
    const column = this.match.columnOf.get(field);
    if (column !== undefined && headerUnit(this.headers[column]) === 'utc') return 'UTC';
    return this.ctx.timeZone;
  }
}

function isEmptyRow(row: readonly RawCell[] | undefined): boolean {
  return !row || row.every((cell) => isBlank(cell));
}

export interface ReadOptions {
  /** blank is an Error ("yes") */
  required?: boolean;
}

export class SheetRow {
  readonly rowNumber: number;
  readonly source: SourceRow;
  readonly issues: Issue[] = [];
  /** true once any Error was raised on this row: the row is skipped */
  hasError = false;
  /** Errors raised on this row's own cells (not sheet- or contract-wide ones noted here) */
  ownErrors = 0;

  constructor(readonly table: SheetTable, readonly index: number) {
    this.rowNumber = table.grid.firstRow + index;
    this.source = { sheet: table.sheet, row: this.rowNumber, columns: table.columns, headers: table.typedHeaders };
  }

  /** The address of the row's first cell, e.g. Amendments!A5. */
  get firstCell(): string {
    return `${this.table.sheet}!${this.table.letter(0)}${this.rowNumber}`;
  }

  address(field: string): string {
    const letter = this.table.columns[field];
    return letter ? `${this.table.sheet}!${letter}${this.rowNumber}` : this.firstCell;
  }

  raw(field: string): RawCell | undefined {
    const column = this.table.match.columnOf.get(field);
    return column === undefined ? undefined : this.table.grid.values[this.index]?.[column];
  }

  numberFormat(field: string): string | null {
    const column = this.table.match.columnOf.get(field);
    if (column === undefined) return null;
    return this.table.grid.numberFormats?.[this.index]?.[column] ?? null;
  }

  blank(field: string): boolean {
    return isBlank(this.raw(field));
  }

  /** Raise an Issue on `field`'s cell (or the row's first cell). Errors mark the row skipped. */
  raise(severity: Severity, field: string | null, problem: string, fix: string, value?: string, counts = true): Issue {
    const column = field === null || !counts ? null : this.table.match.columnOf.get(field) ?? null;
    const issue = this.table.issue(severity, field === null ? this.firstCell : this.address(field),
      field === null ? '' : this.table.headerOf(field),
      value ?? (field === null ? '' : this.shown(field)), problem, fix);
    this.table.record(column, issue, this.index);
    if (severity === 'Error') this.ownErrors++;
    this.note(issue);
    return issue;
  }

  error(field: string | null, problem: string, fix: string, value?: string): Issue {
    return this.raise('Error', field, problem, fix, value);
  }

  /**
   * An Error that skips the row because of cells elsewhere: addressed at `field` so the row is
   * named, but not counted against that column in the CRM Column Audit.
   */
  skipBecause(field: string, problem: string, fix: string): Issue {
    return this.raise('Error', field, problem, fix, undefined, false);
  }

  warn(field: string | null, problem: string, fix: string, value?: string): Issue {
    return this.raise('Warning', field, problem, fix, value);
  }

  /**
   * The cell as the user sees it: a date serial as its date, a %-formatted number as a
   * percentage, anything else as typed.
   */
  shown(field: string): string {
    const raw = this.raw(field);
    const kind = this.table.schemaOf(field)?.kind;
    if (typeof raw === 'number' && Number.isInteger(raw) && (kind === 'date' || kind === 'datetime')) {
      const date = dateFromSerial(raw, this.table.grid.dateSystem);
      if (date !== null) return toISO(date);
    }
    if (typeof raw === 'number' && kind === 'percent' && this.numberFormat(field)?.includes('%')) {
      return `${new Decimal(String(raw)).times(100).toString()}%`;
    }
    return typedValue(raw);
  }

  /** Attach an Issue raised elsewhere (a sheet-level or contract-wide one) to this row. */
  note(issue: Issue): void {
    if (!this.issues.includes(issue)) this.issues.push(issue);
    if (issue.severity === 'Error') this.hasError = true;
  }

  private read<T>(field: string, options: ReadOptions, parse: (raw: RawCell) => CellResult<T>): T | null {
    if (!this.table.hasColumn(field)) {
      if (options.required) this.note(this.table.missingColumn(field));
      return null;
    }
    const raw = this.raw(field);
    if (raw === undefined || isBlank(raw)) {
      if (options.required) {
        const header = this.table.headerOf(field);
        this.error(field, `${header} is blank`, `Type the ${header} for this row`);
      }
      return null;
    }
    const result = parse(raw);
    if (!result.ok) {
      this.error(field, result.problem, result.fix);
      return null;
    }
    if (result.warning) this.warn(field, result.warning.problem, result.warning.fix);
    return result.value;
  }

  text(field: string, options: ReadOptions = {}): string | null {
    return this.read(field, options, (raw) => ({ ok: true, value: readText(raw) }));
  }

  id(field: string, options: ReadOptions = {}): string | null {
    return this.read(field, options, (raw) => ({ ok: true, value: readId(raw) }));
  }

  date(field: string, options: ReadOptions = {}): CalendarDate | null {
    const { grid, ctx } = this.table;
    return this.read(field, options, (raw) => readDate(raw, grid.dateSystem, ctx.timeZone, this.table.zoneOf(field)));
  }

  dateTime(field: string, options: ReadOptions = {}): { instant: number; date: CalendarDate } | null {
    const { grid, ctx } = this.table;
    return this.read(field, options, (raw) => readDateTime(raw, grid.dateSystem, ctx.timeZone, this.table.zoneOf(field)));
  }

  decimal(field: string, options: ReadOptions = {}): Decimal | null {
    return this.read(field, options, readDecimal);
  }

  money(field: string, options: ReadOptions = {}): Decimal | null {
    return this.read(field, options, readDecimal);
  }

  integer(field: string, options: ReadOptions = {}): number | null {
    return this.read(field, options, readInteger);
  }

  percent(field: string, options: ReadOptions = {}): Decimal | null {
    return this.read(field, options, (raw) => readPercent(raw, this.numberFormat(field)));
  }

  boolean(field: string, options: ReadOptions = {}): boolean | null {
    return this.read(field, options, readBoolean);
  }

  enumeration<T extends string>(field: string, options: ReadOptions = {}): T | null {
    const schema = this.table.schemaOf(field);
    const allowed = (schema.allowed ?? NO_VALUES) as T[];
    const aliases = (schema.aliases ?? NO_ALIASES) as Record<string, T>;
    return this.read(field, options, (raw) => readEnum(raw, allowed, aliases));
  }

  paymentTerms(field: string, options: ReadOptions = {}): PaymentTerms | null {
    return this.read(field, options, readPaymentTerms);
  }

  currency(field: string, options: ReadOptions = {}): string | null {
    return this.read(field, options, readCurrency);
  }
}

