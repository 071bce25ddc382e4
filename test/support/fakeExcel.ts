/**
 * An in-memory fake of the Office.js Excel objects the Excel host uses, with Office.js's
 * proxy semantics: calls and property sets are queued, loaded properties only have values
 * after `context.sync()`, `...OrNullObject` getters report `isNullObject` after the sync.
 * It counts syncs, measures each request (JSON length of the queued payloads), and can be
 * told to reject a request above a size (RequestPayloadSizeLimitExceeded) or to fail a
 * given sync half-way, so tests can prove a failed write leaves the workbook as it was.
 *
 * No jest and no node imports: the task pane's browser tests bundle this file too.
 *
 * Value coercion follows Excel: a cell formatted '@' keeps text exactly as written; any
 * other cell turns '=...', '+...', '-...', '@...' into a formula, numeric text into a
 * number, 'TRUE'/'FALSE' into booleans and 'd-d' / 'd/d' into a date serial. That is what
 * lets tests prove text columns get their '@' format before their values.
 */
import type { RawCell } from '../../src/workbook/grid';
import { columnIndex, columnLetter } from '../../src/workbook/grid';

export interface FakeCell {
  value: RawCell;
  /** the formula with its leading '=', or null */
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  validationList: string[] | null;
}

export interface FakeTableInfo {
  name: string;
  sheet: string;
  /** A1 address of the whole table: header, data and (when shown) totals row */
  address: string;
  showTotals: boolean;
  style: string;
}

export interface FakeSheetInfo {
  name: string;
  visibility: 'Visible' | 'Hidden';
  frozenRows: number;
  columnWidths: Record<number, number>;
  /** non-empty cells by A1 address */
  cells: Record<string, FakeCell>;
}

export interface FakeWorkbookSnapshot {
  date1904: boolean;
  sheets: FakeSheetInfo[];
  tables: FakeTableInfo[];
}

export interface FakeStats {
  syncs: number;
  largestRequestBytes: number;
  /** bytes of each request, in order */
  requests: number[];
  /** commands of each request, in order */
  commands: number[];
}

/** The error shape Office.js raises (OfficeExtension.Error): hosts look at `code`. */
export class FakeOfficeError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
  }
}

interface SheetState {
  name: string;
  visibility: 'Visible' | 'Hidden';
  cells: Map<number, FakeCell>;
  columnWidths: Map<number, number>;
  frozenRows: number;
}

interface TableState {
  name: string;
  sheet: SheetState;
  /** 0-based position of the header row's first cell */
  row: number;
  column: number;
  /** header + data rows (the totals row is extra) */
  rows: number;
  columns: number;
  showTotals: boolean;
  style: string;
}

interface RangeTarget {
  sheet: SheetState;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

interface WorkbookState {
  date1904: boolean;
  sheets: SheetState[];
  tables: TableState[];
}

interface Command {
  bytes: number;
  run: () => void;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
const COMMAND_OVERHEAD_BYTES = 64;

const key = (row: number, column: number): number => row * MAX_COLUMNS + column;

function emptyCell(): FakeCell {
  return { value: null, formula: null, numberFormat: 'General', fill: null, validationList: null };
}

function isBlank(cell: FakeCell): boolean {
  return cell.value === null && cell.formula === null;
}

function isPlain(cell: FakeCell): boolean {
  return isBlank(cell) && cell.numberFormat === 'General' && cell.fill === null && cell.validationList === null;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function payloadBytes(payload: unknown): number {
  return COMMAND_OVERHEAD_BYTES + (payload === undefined ? 0 : JSON.stringify(payload).length);
}

/** What Excel makes of a value typed into a cell that is not formatted as text. */
function coerce(input: string | number | boolean, numberFormat: string): { value: RawCell; formula: string | null } {
  if (typeof input !== 'string') {
    return numberFormat === '@' ? { value: String(input), formula: null } : { value: input, formula: null };
  }
  if (numberFormat === '@' || input === '') return { value: input === '' ? null : input, formula: null };
  const trimmed = input.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return { value: Number(trimmed), formula: null };
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE', formula: null };
  if (/^[=+\-@]/.test(input)) return { value: null, formula: input.startsWith('=') ? input : '=' + input.replace(/^@/, '') };
  const dayMonth = /^(\d{1,2})[-/](\d{1,2})$/.exec(trimmed);
  if (dayMonth) return { value: 45000 + Number(dayMonth[1]) * 31 + Number(dayMonth[2]), formula: null };
  return { value: input, formula: null };
}

function parseAddress(address: string): { row: number; column: number; rows: number; columns: number } {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(local.trim());
  if (!m) throw new FakeOfficeError('InvalidArgument', `Bad range address '${address}'`);
  const c1 = columnIndex(m[1]) - 1;
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? columnIndex(m[3]) - 1 : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return { row: Math.min(r1, r2), column: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

function a1(row: number, column: number, rows = 1, columns = 1): string {
  const first = `${columnLetter(column + 1)}${row + 1}`;
  return rows === 1 && columns === 1 ? first : `${first}:${columnLetter(column + columns)}${row + rows}`;
}

function quotedSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new FakeOfficeError('InvalidArgument', `Invalid sheet name '${name}'`);
  }
}

function tableRowsWithTotals(table: TableState): number {
  return table.rows + (table.showTotals ? 1 : 0);
}

function overlaps(a: RangeTarget, table: TableState): boolean {
  return (
    a.sheet === table.sheet &&
    a.row < table.row + tableRowsWithTotals(table) &&
    table.row < a.row + a.rows &&
    a.column < table.column + table.columns &&
    table.column < a.column + a.columns
  );
}

function loadNames(properties?: string | string[] | { select?: string }): string[] {
  const list = typeof properties === 'string' ? properties.split(',') : Array.isArray(properties) ? properties : (properties?.select ?? '').split(',');
  return list.map((p) => p.trim()).filter((p) => p.length > 0);
}

class FakeContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Command[] = [];

  constructor(
    readonly state: WorkbookState,
    private readonly control: FakeControl,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  enqueue(payload: unknown, run: () => void): void {
    this.queue.push({ bytes: payloadBytes(payload), run });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const commands = this.queue;
    this.queue = [];
    const stats = this.control.stats;
    stats.syncs += 1;
    const bytes = commands.reduce((total, command) => total + command.bytes, 0);
    stats.requests.push(bytes);
    stats.commands.push(commands.length);
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, bytes);
    if (this.control.failingSync === stats.syncs) {
      commands.slice(0, Math.floor(commands.length / 2)).forEach((command) => command.run());
      throw new FakeOfficeError('GeneralException', `The fake was told to fail sync ${stats.syncs}`);
    }
    const limit = this.control.payloadLimitBytes;
    if (limit !== null && bytes > limit) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size (${bytes} bytes) has exceeded the limit (${limit} bytes).`);
    }
    for (const command of commands) command.run();
  }
}

/** Shared behaviour of proxies: resolved at sync time, loaded properties after the sync. */
abstract class FakeProxy<T> {
  protected target: T | null | undefined = undefined;
  protected readonly loaded = new Map<string, unknown>();

  constructor(protected readonly ctx: FakeContext) {}

  get isNullObject(): boolean {
    if (this.target === undefined) throw new FakeOfficeError('PropertyNotLoaded', 'isNullObject is not available before context.sync()');
    return this.target === null;
  }

  /** Queue the resolution of this proxy at this point of the request. */
  bindLater(resolve: () => T | null): this {
    this.ctx.enqueue(undefined, () => {
      this.target = resolve();
    });
    return this;
  }

  bindNow(target: T): this {
    this.target = target;
    return this;
  }

  bindNull(): this {
    this.target = null;
    return this;
  }

  resolved(): T {
    if (this.target === undefined) throw new FakeOfficeError('InvalidObjectPath', 'Object used before it was resolved');
    if (this.target === null) throw new FakeOfficeError('InvalidObjectPath', 'The object is a null object');
    return this.target;
  }

  protected read<V>(property: string): V {
    if (!this.loaded.has(property)) {
      throw new FakeOfficeError('PropertyNotLoaded', `The property '${property}' is not available. Load it and call context.sync() first.`);
    }
    return this.loaded.get(property) as V;
  }

  protected abstract snapshot(property: string, target: T): unknown;

  load(properties?: string | string[] | { select?: string }): this {
    const names = loadNames(properties);
    this.ctx.enqueue(undefined, () => {
      const target = this.target;
      if (target === undefined) throw new FakeOfficeError('InvalidObjectPath', 'Object loaded before it was resolved');
      if (target === null) return;
      for (const name of names) this.loaded.set(name, this.snapshot(name, target));
    });
    return this;
  }
}

class FakeFunctionResult extends FakeProxy<{ value: number }> {
  get value(): number {
    return this.read<number>('value');
  }
  protected snapshot(property: string, target: { value: number }): unknown {
    if (property === 'value') return target.value;
    throw new FakeOfficeError('InvalidArgument', `FunctionResult has no property '${property}'`);
  }
}

class FakeFunctions {
  constructor(private readonly ctx: FakeContext) {}
  date(year: number, month: number, day: number): FakeFunctionResult {
    return new FakeFunctionResult(this.ctx).bindLater(() => {
      const days = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1970, 0, 1)) / 86400000);
      return { value: this.ctx.state.date1904 ? days + 24107 : days + 25569 };
    });
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue(undefined, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.enqueue(undefined, () => undefined);
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;
  readonly functions: FakeFunctions;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
    this.application = new FakeApplication(ctx);
    this.functions = new FakeFunctions(ctx);
  }
}

class FakeWorksheetCollection extends FakeProxy<SheetState[]> {
  constructor(ctx: FakeContext) {
    super(ctx);
    this.bindNow(ctx.state.sheets);
  }

  get items(): FakeWorksheet[] {
    return this.read<FakeWorksheet[]>('items');
  }

  override load(properties?: string | string[] | { select?: string }): this {
    const names = loadNames(properties);
    this.ctx.enqueue(undefined, () => {
      const items = this.ctx.state.sheets.map((sheet) => new FakeWorksheet(this.ctx).bindNow(sheet));
      const wanted = names.map((name) => /^items\/(.+)$/.exec(name)?.[1]).filter((p): p is string => p !== undefined);
      for (const item of items) (wanted.length > 0 ? wanted : ['name', 'visibility']).forEach((p) => item.loadNow(p));
      this.loaded.set('items', items);
    });
    return this;
  }

  protected snapshot(): unknown {
    return undefined;
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx).bindLater(() => this.ctx.state.sheets.find((s) => sameName(s.name, name)) ?? null);
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx).bindLater(() => {
      const sheet = this.ctx.state.sheets.find((s) => sameName(s.name, name));
      if (!sheet) throw new FakeOfficeError('ItemNotFound', `No sheet named '${name}'`);
      return sheet;
    });
  }

  add(name: string): FakeWorksheet {
    const proxy = new FakeWorksheet(this.ctx);
    this.ctx.enqueue({ name }, () => {
      checkSheetName(name);
      if (this.ctx.state.sheets.some((s) => sameName(s.name, name))) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${name}' already exists`);
      }
      const sheet: SheetState = { name, visibility: 'Visible', cells: new Map(), columnWidths: new Map(), frozenRows: 0 };
      this.ctx.state.sheets.push(sheet);
      proxy.bindNow(sheet);
    });
    return proxy;
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {}
  freezeRows(count?: number): void {
    this.ctx.enqueue({ count }, () => {
      this.sheet.resolved().frozenRows = count ?? 1;
    });
  }
}

class FakeWorksheet extends FakeProxy<SheetState> {
  readonly freezePanes: FakeFreezePanes;
  readonly tables: FakeTableCollection;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.freezePanes = new FakeFreezePanes(ctx, this);
    this.tables = new FakeTableCollection(ctx, this);
  }

  loadNow(property: string): void {
    this.loaded.set(property, this.snapshot(property, this.resolved()));
  }

  protected snapshot(property: string, sheet: SheetState): unknown {
    if (property === 'name') return sheet.name;
    if (property === 'visibility') return sheet.visibility;
    throw new FakeOfficeError('InvalidArgument', `Worksheet has no property '${property}' in this fake`);
  }

  get name(): string {
    return this.read<string>('name');
  }
  set name(value: string) {
    this.ctx.enqueue({ name: value }, () => {
      const sheet = this.resolved();
      checkSheetName(value);
      if (this.ctx.state.sheets.some((s) => s !== sheet && sameName(s.name, value))) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${value}' already exists`);
      }
      sheet.name = value;
    });
  }

  get visibility(): 'Visible' | 'Hidden' {
    return this.read<'Visible' | 'Hidden'>('visibility');
  }
  set visibility(value: 'Visible' | 'Hidden') {
    this.ctx.enqueue({ visibility: value }, () => {
      this.resolved().visibility = value;
    });
  }

  delete(): void {
    this.ctx.enqueue(undefined, () => {
      const sheet = this.resolved();
      const state = this.ctx.state;
      state.sheets.splice(state.sheets.indexOf(sheet), 1);
      state.tables = state.tables.filter((t) => t.sheet !== sheet);
      this.target = null;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx).bindLater(() => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS) {
        throw new FakeOfficeError('InvalidArgument', `Range (${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the sheet`);
      }
      return { sheet: this.resolved(), row: startRow, column: startColumn, rows: rowCount, columns: columnCount };
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx).bindLater(() => {
      const sheet = this.resolved();
      if (address === undefined) return { sheet, row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS };
      return { sheet, ...parseAddress(address) };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx).bindLater(() => {
      const sheet = this.resolved();
      let top = Infinity;
      let left = Infinity;
      let bottom = -1;
      let right = -1;
      for (const [k, cell] of sheet.cells) {
        if (valuesOnly ? isBlank(cell) : isPlain(cell)) continue;
        const row = Math.floor(k / MAX_COLUMNS);
        const column = k % MAX_COLUMNS;
        top = Math.min(top, row);
        left = Math.min(left, column);
        bottom = Math.max(bottom, row);
        right = Math.max(right, column);
      }
      if (bottom < 0) return null;
      return { sheet, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
    });
  }
}

class FakeFill {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {}
  set color(value: string) {
    this.ctx.enqueue({ color: value }, () => this.range.eachCell((cell) => (cell.fill = value)));
  }
}

class FakeRangeFormat {
  readonly fill: FakeFill;
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    this.fill = new FakeFill(ctx, range);
  }
  set columnWidth(points: number) {
    this.ctx.enqueue({ columnWidth: points }, () => {
      const t = this.range.resolved();
      for (let c = t.column; c < t.column + t.columns; c++) t.sheet.columnWidths.set(c, points);
    });
  }
}

interface ListRule {
  list?: { inCellDropDown: boolean; source: string };
}

class FakeDataValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
  ) {}
  set rule(rule: ListRule) {
    this.ctx.enqueue(rule, () => {
      const source = rule.list?.source;
      if (source === undefined) throw new FakeOfficeError('InvalidArgument', 'Only list rules are supported by this fake');
      if (source.length > 255) throw new FakeOfficeError('InvalidArgument', 'A list source is limited to 255 characters');
      const list = source.split(',');
      this.range.eachCell((cell) => (cell.validationList = list));
    });
  }
  clear(): void {
    this.ctx.enqueue(undefined, () => this.range.eachCell((cell) => (cell.validationList = null)));
  }
}

type Matrix = (string | number | boolean | null)[][];

class FakeRange extends FakeProxy<RangeTarget> {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.format = new FakeRangeFormat(ctx, this);
    this.dataValidation = new FakeDataValidation(ctx, this);
  }

  /** Visit every cell of the range, creating missing ones (for writes). */
  eachCell(visit: (cell: FakeCell, row: number, column: number) => void): void {
    const t = this.live();
    for (let r = 0; r < t.rows; r++) {
      for (let c = 0; c < t.columns; c++) {
        const k = key(t.row + r, t.column + c);
        let cell = t.sheet.cells.get(k);
        if (!cell) {
          cell = emptyCell();
          t.sheet.cells.set(k, cell);
        }
        visit(cell, r, c);
      }
    }
  }

  /** The target, refusing a range on a deleted sheet as Excel does. */
  live(): RangeTarget {
    const t = this.resolved();
    if (!this.ctx.state.sheets.includes(t.sheet)) throw new FakeOfficeError('InvalidObjectPath', 'The range is on a deleted sheet');
    return t;
  }

  private cellsMatrix<V>(pick: (cell: FakeCell) => V): V[][] {
    const t = this.live();
    const out: V[][] = [];
    for (let r = 0; r < t.rows; r++) {
      const row: V[] = [];
      for (let c = 0; c < t.columns; c++) row.push(pick(t.sheet.cells.get(key(t.row + r, t.column + c)) ?? emptyCell()));
      out.push(row);
    }
    return out;
  }

  protected snapshot(property: string, t: RangeTarget): unknown {
    switch (property) {
      case 'values':
        return this.cellsMatrix((cell) => (cell.value === null ? '' : cell.value));
      case 'formulas':
        return this.cellsMatrix((cell) => cell.formula ?? (cell.value === null ? '' : cell.value));
      case 'numberFormat':
        return this.cellsMatrix((cell) => cell.numberFormat);
      case 'rowIndex':
        return t.row;
      case 'columnIndex':
        return t.column;
      case 'rowCount':
        return t.rows;
      case 'columnCount':
        return t.columns;
      case 'address':
        return `${quotedSheet(t.sheet.name)}!${a1(t.row, t.column, t.rows, t.columns)}`;
      default:
        throw new FakeOfficeError('InvalidArgument', `Range has no property '${property}' in this fake`);
    }
  }

  private checkShape(matrix: unknown[][], what: string): void {
    const t = this.resolved();
    if (matrix.length !== t.rows || matrix.some((row) => row.length !== t.columns)) {
      throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the ${what} array doesn't match the size of the range (${t.rows} x ${t.columns}).`);
    }
  }

  private write(matrix: Matrix, what: string): void {
    this.ctx.enqueue(matrix, () => {
      this.checkShape(matrix, what);
      this.eachCell((cell, r, c) => {
        const input = matrix[r][c];
        if (input === null) return; // Office.js leaves a cell unchanged for null
        const { value, formula } = coerce(input, cell.numberFormat);
        cell.value = value;
        cell.formula = formula;
      });
    });
  }

  get values(): Matrix {
    return this.read<Matrix>('values');
  }
  set values(matrix: Matrix) {
    this.write(matrix, 'values');
  }

  get formulas(): Matrix {
    return this.read<Matrix>('formulas');
  }
  set formulas(matrix: Matrix) {
    this.write(matrix, 'formulas');
  }

  get numberFormat(): string[][] {
    return this.read<string[][]>('numberFormat');
  }
  set numberFormat(matrix: string[][]) {
    this.ctx.enqueue(matrix, () => {
      this.checkShape(matrix, 'numberFormat');
      this.eachCell((cell, r, c) => {
        if (matrix[r][c] !== null) cell.numberFormat = matrix[r][c];
      });
    });
  }

  get rowIndex(): number {
    return this.read<number>('rowIndex');
  }
  get columnIndex(): number {
    return this.read<number>('columnIndex');
  }
  get rowCount(): number {
    return this.read<number>('rowCount');
  }
  get columnCount(): number {
    return this.read<number>('columnCount');
  }
  get address(): string {
    return this.read<string>('address');
  }

  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void {
    this.ctx.enqueue({ applyTo }, () => {
      const what = applyTo ?? 'All';
      this.eachCell((cell) => {
        if (what !== 'Formats') {
          cell.value = null;
          cell.formula = null;
        }
        if (what !== 'Contents') {
          cell.numberFormat = 'General';
          cell.fill = null;
        }
      });
    });
  }

  /** Paste All: values, formulas, number formats, fills and validation; not column widths. */
  copyFrom(source: FakeRange | string, copyType?: 'All' | 'Formulas' | 'Values' | 'Formats'): void {
    this.ctx.enqueue({ copyType }, () => {
      if (typeof source === 'string') throw new FakeOfficeError('InvalidArgument', 'This fake copies from Range objects only');
      if (copyType !== undefined && copyType !== 'All') throw new FakeOfficeError('InvalidArgument', 'This fake supports copyType All only');
      const from = source.live();
      const to = this.live();
      const copies: [number, FakeCell][] = [];
      for (let r = 0; r < from.rows; r++) {
        for (let c = 0; c < from.columns; c++) {
          const cell = from.sheet.cells.get(key(from.row + r, from.column + c)) ?? emptyCell();
          copies.push([key(to.row + r, to.column + c), { ...cell, validationList: cell.validationList && [...cell.validationList] }]);
        }
      }
      for (const [k, cell] of copies) to.sheet.cells.set(k, cell);
    });
  }
}

class FakeTable extends FakeProxy<TableState> {
  readonly worksheet: FakeWorksheet;

  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheet = new FakeWorksheet(ctx);
  }

  bindTable(table: TableState | null): this {
    this.target = table;
    if (table) this.worksheet.bindNow(table.sheet);
    else this.worksheet.bindNull();
    return this;
  }

  protected snapshot(property: string, table: TableState): unknown {
    switch (property) {
      case 'name':
        return table.name;
      case 'showTotals':
        return table.showTotals;
      case 'style':
        return table.style;
      default:
        throw new FakeOfficeError('InvalidArgument', `Table has no property '${property}' in this fake`);
    }
  }

  loadNow(property: string): void {
    this.loaded.set(property, this.snapshot(property, this.resolved()));
  }

  get name(): string {
    return this.read<string>('name');
  }
  set name(value: string) {
    this.ctx.enqueue({ name: value }, () => {
      const table = this.resolved();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value) || value.length > 255) throw new FakeOfficeError('InvalidArgument', `Invalid table name '${value}'`);
      if (this.ctx.state.tables.some((t) => t !== table && sameName(t.name, value))) {
        throw new FakeOfficeError('InvalidArgument', `A table named '${value}' already exists`);
      }
      table.name = value;
    });
  }

  get showTotals(): boolean {
    return this.read<boolean>('showTotals');
  }
  set showTotals(value: boolean) {
    this.ctx.enqueue({ showTotals: value }, () => {
      this.resolved().showTotals = value;
    });
  }

  get style(): string {
    return this.read<string>('style');
  }
  set style(value: string) {
    this.ctx.enqueue({ style: value }, () => {
      this.resolved().style = value;
    });
  }

  private rangeOf(pick: (table: TableState) => Omit<RangeTarget, 'sheet'> | null, what: string): FakeRange {
    return new FakeRange(this.ctx).bindLater(() => {
      const table = this.resolved();
      const part = pick(table);
      if (!part) throw new FakeOfficeError('ItemNotFound', `The table has no ${what}`);
      return { sheet: table.sheet, ...part };
    });
  }

  getRange(): FakeRange {
    return this.rangeOf((t) => ({ row: t.row, column: t.column, rows: tableRowsWithTotals(t), columns: t.columns }), 'range');
  }
  getHeaderRowRange(): FakeRange {
    return this.rangeOf((t) => ({ row: t.row, column: t.column, rows: 1, columns: t.columns }), 'header row');
  }
  getDataBodyRange(): FakeRange {
    return this.rangeOf((t) => ({ row: t.row + 1, column: t.column, rows: Math.max(1, t.rows - 1), columns: t.columns }), 'data body');
  }
  getTotalRowRange(): FakeRange {
    return this.rangeOf((t) => (t.showTotals ? { row: t.row + t.rows, column: t.column, rows: 1, columns: t.columns } : null), 'totals row');
  }

  resize(newRange: FakeRange | string): void {
    this.ctx.enqueue({ newRange: typeof newRange === 'string' ? newRange : 'range' }, () => {
      const table = this.resolved();
      const target = typeof newRange === 'string' ? { sheet: table.sheet, ...parseAddress(newRange) } : newRange.resolved();
      if (target.sheet !== table.sheet || target.row !== table.row || !overlaps(target, table)) {
        throw new FakeOfficeError('InvalidArgument', 'The new range must overlap the table and keep its header row');
      }
      const others = this.ctx.state.tables.filter((t) => t !== table);
      if (others.some((t) => overlaps(target, t))) throw new FakeOfficeError('InvalidArgument', 'A table cannot overlap another table');
      table.column = target.column;
      table.columns = target.columns;
      table.rows = target.rows - (table.showTotals ? 1 : 0);
    });
  }

  delete(): void {
    this.ctx.enqueue(undefined, () => {
      const table = this.resolved();
      this.ctx.state.tables = this.ctx.state.tables.filter((t) => t !== table);
      this.target = null;
    });
  }
}

class FakeTableCollection extends FakeProxy<TableState[]> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeWorksheet | null,
  ) {
    super(ctx);
  }

  private scope(): TableState[] {
    const all = this.ctx.state.tables;
    if (!this.sheet) return all;
    const sheet = this.sheet.resolved();
    return all.filter((t) => t.sheet === sheet);
  }

  get items(): FakeTable[] {
    return this.read<FakeTable[]>('items');
  }

  override load(properties?: string | string[] | { select?: string }): this {
    const names = loadNames(properties);
    this.ctx.enqueue(undefined, () => {
      const items = this.scope().map((t) => new FakeTable(this.ctx).bindTable(t));
      for (const name of names) {
        const m = /^items\/(.+)$/.exec(name);
        if (m) items.forEach((item) => item.loadNow(m[1]));
      }
      this.loaded.set('items', items);
    });
    return this;
  }

  protected snapshot(): unknown {
    return undefined;
  }

  getItem(name: string): FakeTable {
    const proxy = new FakeTable(this.ctx);
    this.ctx.enqueue(undefined, () => {
      const table = this.scope().find((t) => sameName(t.name, name));
      if (!table) throw new FakeOfficeError('ItemNotFound', `No table named '${name}'`);
      proxy.bindTable(table);
    });
    return proxy;
  }

  getItemOrNullObject(name: string): FakeTable {
    const proxy = new FakeTable(this.ctx);
    this.ctx.enqueue(undefined, () => {
      proxy.bindTable(this.scope().find((t) => sameName(t.name, name)) ?? null);
    });
    return proxy;
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    const proxy = new FakeTable(this.ctx);
    this.ctx.enqueue({ address: typeof address === 'string' ? address : 'range', hasHeaders }, () => {
      let target: RangeTarget;
      if (typeof address === 'string') {
        const sheet = this.sheet?.resolved();
        if (!sheet) throw new FakeOfficeError('InvalidArgument', 'This fake adds tables by address on a worksheet only');
        target = { sheet, ...parseAddress(address) };
      } else {
        target = address.resolved();
      }
      if (!hasHeaders) throw new FakeOfficeError('InvalidArgument', 'This fake adds tables with headers only');
      if (this.ctx.state.tables.some((t) => overlaps(target, t))) throw new FakeOfficeError('InvalidArgument', 'A table cannot overlap another table');
      let n = this.ctx.state.tables.length + 1;
      while (this.ctx.state.tables.some((t) => sameName(t.name, `Table${n}`))) n += 1;
      const table: TableState = { name: `Table${n}`, sheet: target.sheet, row: target.row, column: target.column, rows: target.rows, columns: target.columns, showTotals: false, style: 'TableStyleMedium2' };
      this.ctx.state.tables.push(table);
      proxy.bindTable(table);
    });
    return proxy;
  }
}

interface FakeControl {
  stats: FakeStats;
  failingSync: number | null;
  payloadLimitBytes: number | null;
}

export interface FakeExcel {
  /** drop-in for Excel.run: `new ExcelHost(fake.run)` */
  run: typeof Excel.run;
  stats: FakeStats;
  /** reject any request larger than this with RequestPayloadSizeLimitExceeded (null = no limit) */
  payloadLimitBytes: number | null;
  /** adds (or replaces) a sheet of raw values from A1 after creation, as the creation seed does */
  seedSheet(name: string, rows: RawCell[][]): void;
  /** make the n-th sync since creation (1-based, counting every sync) apply half its commands and throw */
  failAtSync(n: number | null): void;
  /** answers Office.context.requirements.isSetSupported for the host's optional features */
  isSetSupported(name: string, version?: string): boolean;
  resetStats(): void;
  setDate1904(on: boolean): void;
  addTable(sheet: string, name: string, address: string, showTotals?: boolean): void;
  setNumberFormat(sheet: string, address: string, numberFormat: string): void;
  sheetNames(): string[];
  /** 0-based position; undefined for a cell never touched */
  cell(sheet: string, address: string): FakeCell | undefined;
  /** values of a sheet's used area from A1, '' as null */
  values(sheet: string): RawCell[][];
  table(name: string): FakeTableInfo | undefined;
  snapshot(): FakeWorkbookSnapshot;
}

function sheetByName(state: WorkbookState, name: string): SheetState {
  const sheet = state.sheets.find((s) => sameName(s.name, name));
  if (!sheet) throw new Error(`fake workbook has no sheet '${name}'`);
  return sheet;
}

function tableInfo(t: TableState): FakeTableInfo {
  return { name: t.name, sheet: t.sheet.name, address: a1(t.row, t.column, tableRowsWithTotals(t), t.columns), showTotals: t.showTotals, style: t.style };
}

/** A fake Excel workbook seeded with sheets of raw values (each from A1). */
export function createFakeExcel(seed: Record<string, RawCell[][]> = {}, options: { date1904?: boolean; apiMinor?: number } = {}): FakeExcel {
  const state: WorkbookState = { date1904: options.date1904 ?? false, sheets: [], tables: [] };
  const seedSheet = (name: string, rows: RawCell[][]): void => {
    checkSheetName(name);
    const cells = new Map<number, FakeCell>();
    rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null && value !== '') cells.set(key(r, c), { ...emptyCell(), value });
      }),
    );
    const sheet: SheetState = { name, visibility: 'Visible', cells, columnWidths: new Map(), frozenRows: 0 };
    const existing = state.sheets.findIndex((s) => sameName(s.name, name));
    if (existing < 0) {
      state.sheets.push(sheet);
      return;
    }
    state.tables = state.tables.filter((t) => t.sheet !== state.sheets[existing]);
    state.sheets[existing] = sheet;
  };
  for (const [name, rows] of Object.entries(seed)) seedSheet(name, rows);
  const control: FakeControl = { stats: { syncs: 0, largestRequestBytes: 0, requests: [], commands: [] }, failingSync: null, payloadLimitBytes: null };
  // ExcelApi 1.<apiMinor> and below are supported
  const apiMinor = options.apiMinor ?? 13;

  const runImpl = async (...args: unknown[]): Promise<unknown> => {
    const batch = args[args.length - 1];
    if (typeof batch !== 'function') throw new Error('Excel.run needs a batch function');
    const ctx = new FakeContext(state, control);
    const result: unknown = await (batch as (context: FakeContext) => Promise<unknown>)(ctx);
    if (ctx.pending > 0) await ctx.sync();
    return result;
  };

  const fake: FakeExcel = {
    run: runImpl as unknown as typeof Excel.run,
    stats: control.stats,
    get payloadLimitBytes() {
      return control.payloadLimitBytes;
    },
    set payloadLimitBytes(limit: number | null) {
      control.payloadLimitBytes = limit;
    },
    seedSheet,
    failAtSync(n) {
      control.failingSync = n;
    },
    isSetSupported(name, version) {
      const [major, minor] = (version ?? '1.1').split('.').map(Number);
      return name === 'ExcelApi' && major === 1 && minor <= apiMinor;
    },
    resetStats() {
      control.stats.syncs = 0;
      control.stats.largestRequestBytes = 0;
      control.stats.requests.length = 0;
      control.stats.commands.length = 0;
    },
    setDate1904(on) {
      state.date1904 = on;
    },
    addTable(sheetName, name, address, showTotals = false) {
      const sheet = sheetByName(state, sheetName);
      const p = parseAddress(address);
      state.tables.push({ name, sheet, row: p.row, column: p.column, rows: p.rows - (showTotals ? 1 : 0), columns: p.columns, showTotals, style: 'TableStyleMedium2' });
    },
    setNumberFormat(sheetName, address, numberFormat) {
      const sheet = sheetByName(state, sheetName);
      const p = parseAddress(address);
      for (let r = p.row; r < p.row + p.rows; r++) {
        for (let c = p.column; c < p.column + p.columns; c++) {
          const cell = sheet.cells.get(key(r, c)) ?? emptyCell();
          cell.numberFormat = numberFormat;
          sheet.cells.set(key(r, c), cell);
        }
      }
    },
    sheetNames() {
      return state.sheets.map((s) => s.name);
    },
    cell(sheetName, address) {
      const p = parseAddress(address);
      return sheetByName(state, sheetName).cells.get(key(p.row, p.column));
    },
    values(sheetName) {
      const sheet = sheetByName(state, sheetName);
      let bottom = -1;
      let right = -1;
      for (const [k, cell] of sheet.cells) {
        if (isBlank(cell)) continue;
        bottom = Math.max(bottom, Math.floor(k / MAX_COLUMNS));
        right = Math.max(right, k % MAX_COLUMNS);
      }
      const out: RawCell[][] = [];
      for (let r = 0; r <= bottom; r++) {
        const row: RawCell[] = [];
        for (let c = 0; c <= right; c++) {
          const cell = sheet.cells.get(key(r, c));
          row.push(cell ? (cell.formula ?? cell.value) : null);
        }
        out.push(row);
      }
      return out;
    },
    table(name) {
      const t = state.tables.find((x) => sameName(x.name, name));
      return t ? tableInfo(t) : undefined;
    },
    snapshot() {
      return {
        date1904: state.date1904,
        sheets: state.sheets.map((s) => {
          const cells: Record<string, FakeCell> = {};
          for (const [k, cell] of s.cells) {
            if (!isPlain(cell)) cells[a1(Math.floor(k / MAX_COLUMNS), k % MAX_COLUMNS)] = { ...cell, validationList: cell.validationList && [...cell.validationList] };
          }
          return { name: s.name, visibility: s.visibility, frozenRows: s.frozenRows, columnWidths: Object.fromEntries(s.columnWidths), cells };
        }),
        tables: state.tables.map(tableInfo),
      };
    },
  };
  return fake;
}
