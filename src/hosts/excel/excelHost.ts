/**
 * The workbook host inside Excel (Office.js). Reads inputs with few syncs; writes each output
 * into a hidden temporary sheet in row blocks (one sync per block, each request well under
 * Excel on the web's 5 MB limit), and only when every sheet is complete copies it into the
 * existing output sheet and resizes its table, so the sheet and table names, and the user's
 * formulas, charts and pivots pointing at them, survive. Office.js does not roll back a request
 * that fails part-way, so before any output sheet is touched its used area is copied into a
 * hidden backup sheet, and the sheets are swapped in one request each; a failure or abort at
 * any point restores every touched sheet from its backup and deletes what the run created,
 * leaving the workbook as it was. An existing output sheet keeps the user's column widths and
 * frozen panes: they cannot be read back and restored exactly, so they are set only on sheets
 * the run creates.
 */
import type { DateSystem } from '../../core/excelSerial';
import type { InputGrid, RawCell } from '../../workbook/grid';
import { columnLetter } from '../../workbook/grid';
import { dataRowCount, isFormulaCell, TEXT_FORMAT, type SheetSpec } from '../../workbook/sheetSpec';
import type { ProgressReporter, WorkbookHost } from '../host';
import { ExcelHostError, isAbort, isPayloadTooLarge } from './excelErrors';
import {
  checkDistinctSheets,
  checkSpecFits,
  columnWidth,
  FLAG_FILL,
  inputTableName,
  notesFirstRow,
  sheetRowCount,
  TABLE_STYLE,
  tableRowCount,
  totalsNumberFormat,
  validationSource,
  widthInPoints,
} from './outputLayout';
import { dataChunk, rowsPerChunk, textChunk, type WriteChunk } from './writeChunks';

export interface ExcelHostOptions {
  /** cells per write request (default 10,000) */
  maxCellsPerChunk?: number;
  /** estimated bytes per write request (default 2 MB, well under Excel on the web's 5 MB) */
  maxRequestBytes?: number;
  /** Office.context.requirements.isSetSupported; without it the optional speed-ups are skipped */
  isSetSupported?: (name: string, version?: string) => boolean;
}

type Context = Excel.RequestContext;

/** An output sheet that already exists, as found before writing. */
interface ExistingOutput {
  sheetName: string;
  tableName: string | null;
  tableShowsTotals: boolean;
  used: { row: number; column: number; rows: number; columns: number } | null;
  /** the table's whole range (from A1, totals row included) before the run */
  tableSize: { rows: number; columns: number } | null;
  /**
   * Where a copy of `used` is kept while the sheet is replaced (null when the sheet is empty): a
   * hidden sheet shared by all the outputs, so deleting the backups at the end is one action that
   * cannot half-apply. Each block keeps its columns and only moves down, so relative references
   * survive the copy there and back.
   */
  backup: { sheet: string; row: number } | null;
}

interface PlannedSheet {
  spec: SheetSpec;
  tempName: string;
  existing: ExistingOutput | null;
  created: boolean;
}

const READ_CELLS_PER_SYNC = 50000;
const MAX_ROWS = 1048576;

function officeIsSetSupported(): ((name: string, version?: string) => boolean) | undefined {
  if (typeof Office === 'undefined') return undefined;
  const requirements = Office.context?.requirements;
  return requirements ? (name, version) => requirements.isSetSupported(name, version) : undefined;
}

function toRawCell(value: unknown): RawCell {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function isEmptyRow(row: RawCell[]): boolean {
  return row.every((cell) => cell === null);
}

function backupSheetNames(planned: PlannedSheet[]): string[] {
  return [...new Set(planned.flatMap(({ existing }) => (existing?.backup ? [existing.backup.sheet] : [])))];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function address(row: number, column: number, rows: number, columns: number): string {
  return `${columnLetter(column + 1)}${row + 1}:${columnLetter(column + columns)}${row + rows}`;
}

export class ExcelHost implements WorkbookHost {
  readonly kind = 'excel' as const;
  private readonly maxCellsPerChunk: number;
  private readonly maxRequestBytes: number;
  private readonly isSetSupported: ((name: string, version?: string) => boolean) | undefined;

  constructor(
    private readonly run: typeof Excel.run = Excel.run,
    options: ExcelHostOptions = {},
  ) {
    this.maxCellsPerChunk = options.maxCellsPerChunk ?? 10000;
    this.maxRequestBytes = options.maxRequestBytes ?? 2_000_000;
    this.isSetSupported = options.isSetSupported ?? officeIsSetSupported();
  }

  private supports(version: string): boolean {
    return this.isSetSupported?.('ExcelApi', version) ?? false;
  }

  /**
   * DATE(1904,1,1) is 0 in the 1904 system and 1462 in the 1900 one; evaluating it through
   * workbook.functions reads the date system without writing a cell (the Workbook object has
   * no date-system property in the office-js typings this project builds against).
   */
  private queueDateSystem(context: Context): () => DateSystem {
    if (this.isSetSupported && !this.isSetSupported('ExcelApi', '1.2')) return () => 1900; // no worksheet functions: assume the default system
    const probe = context.workbook.functions.date(1904, 1, 1);
    probe.load('value');
    return () => (probe.value === 0 ? 1904 : 1900);
  }

  async dateSystem(): Promise<DateSystem> {
    return this.excel('reading the workbook date system', async (context) => {
      const system = this.queueDateSystem(context);
      await context.sync();
      return system();
    });
  }

  async sheetNames(): Promise<string[]> {
    return this.excel('listing the sheets', async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
  }

  async readInput(name: string): Promise<InputGrid | null> {
    return this.excel(`reading '${name}'`, async (context) => {
      const table = context.workbook.tables.getItemOrNullObject(inputTableName(name));
      table.load('name,showTotals');
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load('name');
      const system = this.queueDateSystem(context);
      await context.sync();
      const dateSystem = system();

      let range: Excel.Range;
      let source: InputGrid['source'];
      let sheetName: Excel.Worksheet;
      if (!table.isNullObject) {
        range = table.getRange();
        source = 'table';
        sheetName = table.worksheet;
        sheetName.load('name');
      } else if (!sheet.isNullObject) {
        range = sheet.getUsedRangeOrNullObject(true);
        source = 'sheet';
        sheetName = sheet;
      } else {
        return null;
      }
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      if (range.isNullObject) {
        return { sheet: sheetName.name, source, firstRow: 1, firstColumn: 1, values: [], numberFormats: [], dateSystem };
      }
      const rowCount = range.rowCount - (source === 'table' && table.showTotals ? 1 : 0);
      const grid = await this.readBlock(context, sheetName, range.rowIndex, range.columnIndex, rowCount, range.columnCount);
      let skip = 0;
      while (skip < grid.values.length && isEmptyRow(grid.values[skip])) skip += 1;
      return {
        sheet: sheetName.name,
        source,
        firstRow: range.rowIndex + 1 + skip,
        firstColumn: range.columnIndex + 1,
        values: grid.values.slice(skip),
        numberFormats: grid.numberFormats.slice(skip),
        dateSystem,
      };
    });
  }

  /** Values and number formats of a block, a bounded number of cells per sync. */
  private async readBlock(context: Context, sheet: Excel.Worksheet, row: number, column: number, rows: number, columns: number): Promise<{ values: RawCell[][]; numberFormats: string[][] }> {
    const values: RawCell[][] = [];
    const numberFormats: string[][] = [];
    const step = Math.max(1, Math.floor(READ_CELLS_PER_SYNC / Math.max(1, columns)));
    for (let start = 0; start < rows; start += step) {
      const block = sheet.getRangeByIndexes(row + start, column, Math.min(step, rows - start), columns);
      block.load('values,numberFormat');
      await context.sync();
      block.values.forEach((r) => values.push(r.map(toRawCell)));
      block.numberFormat.forEach((r) => numberFormats.push(r.map((f) => (typeof f === 'string' && f !== '' ? f : 'General'))));
    }
    return { values, numberFormats };
  }

  async writeSheets(specs: SheetSpec[], progress?: ProgressReporter, signal?: AbortSignal): Promise<void> {
    checkDistinctSheets(specs);
    specs.forEach(checkSpecFits);
    if (specs.length === 0) return;
    await this.excel('writing the output sheets', async (context) => {
      const system = this.queueDateSystem(context);
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      const namedTables = specs.map((spec) => context.workbook.tables.getItemOrNullObject(spec.tableName).load('name'));
      await context.sync();
      const dateSystem = system();
      const names = sheets.items.map((s) => s.name);
      const planned = await this.plan(context, specs, names);
      /** once the swap request is sent, any prefix of it may have been applied */
      let swapSent = false;
      planned.forEach(({ spec, existing }, i) => {
        const createsTable = existing === null || existing.tableName === null;
        if (createsTable && !namedTables[i].isNullObject) {
          throw new ExcelHostError(`Sheet '${spec.name}' cannot get its table '${spec.tableName}': another table in the workbook already has that name`, spec.name);
        }
      });
      try {
        const totalCells = specs.reduce((total, spec) => total + sheetRowCount(spec) * spec.columns.length, 0);
        let done = 0;
        for (const sheet of planned) {
          const before = done;
          const report = (cells: number) => progress?.({ step: `Writing ${sheet.spec.name}`, fraction: (0.9 * (before + cells)) / Math.max(1, totalCells) });
          done += await this.writeTemp(context, sheet, dateSystem, signal, report);
        }
        signal?.throwIfAborted();
        progress?.({ step: 'Backing up the output sheets', fraction: 0.92 });
        await this.backUp(context, planned);
        signal?.throwIfAborted();
        progress?.({ step: 'Replacing the output sheets', fraction: 0.95 });
        const application = context.workbook.application;
        if (this.supports('1.9')) application.suspendScreenUpdatingUntilNextSync();
        if (this.supports('1.6')) application.suspendApiCalculationUntilNextSync();
        planned.forEach((sheet) => this.queueSwap(context, sheet));
        swapSent = true;
        try {
          await context.sync();
        } catch (error) {
          throw new ExcelHostError(`Replacing the output sheets failed: ${message(error)}`, undefined, error);
        }
        await this.dropBackups(context, planned);
      } catch (error) {
        await this.rollBack(context, planned, swapSent, error);
        if (!swapSent || isAbort(error)) throw error;
        const sheet = error instanceof ExcelHostError ? error.sheet : undefined;
        throw new ExcelHostError(`${message(error)}; the output sheets were put back as they were`, sheet, error);
      }
      progress?.({ step: 'Done', fraction: 1 });
    });
  }

  /** Find the output sheets that exist already, their table and used area; refuse to overwrite inputs. */
  private async plan(context: Context, specs: SheetSpec[], names: string[]): Promise<PlannedSheet[]> {
    const lower = new Set(names.map((n) => n.toLowerCase()));
    const found: { spec: SheetSpec; name: string | undefined; tables?: Excel.TableCollection; used?: Excel.Range }[] = [];
    for (const spec of specs) {
      const name = names.find((n) => n.toLowerCase() === spec.name.toLowerCase());
      if (name !== undefined && spec.role === 'input') {
        throw new ExcelHostError(`Sheet '${name}' already exists and is an input sheet; Setup does not overwrite it`, spec.name);
      }
      if (name === undefined) {
        found.push({ spec, name });
        continue;
      }
      const sheet = context.workbook.worksheets.getItem(name);
      const tables = sheet.tables;
      tables.load('items/name,items/showTotals');
      const used = sheet.getUsedRangeOrNullObject();
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      found.push({ spec, name, tables, used });
    }
    if (found.some((f) => f.name !== undefined)) await context.sync();
    const stamp = Date.now().toString(36).slice(-5);
    const planned = found.map(({ spec, name, tables, used }, i): PlannedSheet => {
      let tempName = `q2c tmp ${i + 1} ${stamp}`;
      while (lower.has(tempName.toLowerCase())) tempName += 'x';
      if (name === undefined || !tables || !used) return { spec, tempName, existing: null, created: false };
      const table = tables.items.find((t) => t.name.toLowerCase() === spec.tableName.toLowerCase()) ?? tables.items[0];
      return {
        spec,
        tempName,
        created: false,
        existing: {
          sheetName: name,
          tableName: table ? table.name : null,
          tableShowsTotals: table ? table.showTotals : false,
          used: used.isNullObject ? null : { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns: used.columnCount },
          tableSize: null,
          backup: null,
        },
      };
    });
    await this.checkTablesAtA1(context, planned);
    this.placeBackups(planned, lower, stamp);
    return planned;
  }

  /** Stack the used blocks on one backup sheet, opening another only past Excel's last row. */
  private placeBackups(planned: PlannedSheet[], lower: Set<string>, stamp: string): void {
    let sheets = 0;
    let name = '';
    let nextRow = MAX_ROWS;
    for (const { existing } of planned) {
      if (!existing || !existing.used) continue;
      const { row, rows } = existing.used;
      if (nextRow + row + rows > MAX_ROWS) {
        sheets += 1;
        name = `q2c backup ${sheets} ${stamp}`;
        while (lower.has(name.toLowerCase())) name += 'x';
        nextRow = 0;
      }
      existing.backup = { sheet: name, row: nextRow + row };
      nextRow += row + rows;
    }
  }

  /** Resizing keeps a table's header row, so an output table the user moved off A1 is refused before anything is written. */
  private async checkTablesAtA1(context: Context, planned: PlannedSheet[]): Promise<void> {
    const probes = planned.flatMap(({ spec, existing }) => {
      if (!existing || existing.tableName === null) return [];
      const range = context.workbook.worksheets.getItem(existing.sheetName).tables.getItem(existing.tableName).getRange();
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      return [{ spec, existing, range }];
    });
    if (probes.length === 0) return;
    await context.sync();
    for (const { spec, existing, range } of probes) {
      if (range.rowIndex !== 0 || range.columnIndex !== 0) {
        throw new ExcelHostError(
          `The table '${existing.tableName}' on output sheet '${existing.sheetName}' no longer starts at A1, so it cannot be refreshed in place; move it back to A1 or delete the sheet and run again`,
          spec.name,
        );
      }
      existing.tableSize = { rows: range.rowCount, columns: range.columnCount };
    }
  }

  /** Write one spec into its temporary sheet, a block of rows per sync; returns the cells written. */
  private async writeTemp(context: Context, sheet: PlannedSheet, dateSystem: DateSystem, signal: AbortSignal | undefined, onCells: (cells: number) => void): Promise<number> {
    const { spec } = sheet;
    const header = textChunk(0, 0, [spec.columns.map((c) => c.header)]);
    const notes = spec.notes ?? [];
    const notesChunk = notes.length > 0 ? textChunk(notesFirstRow(spec) - 1, 0, notes.map((n) => [n])) : null;
    let perChunk = rowsPerChunk(spec, dateSystem, this.maxCellsPerChunk, this.maxRequestBytes);
    let headerDone = false;
    let notesDone = notesChunk === null;
    let next = 0;
    let written = 0;
    const rowCount = dataRowCount(spec);
    while (!headerDone || next < rowCount || !notesDone) {
      const request: WriteChunk[] = headerDone ? [] : [header];
      let rows = 0;
      if (next < rowCount) {
        rows = Math.min(perChunk, rowCount - next);
        let chunk = dataChunk(spec, next, rows, dateSystem);
        while (chunk.bytes > this.maxRequestBytes && rows > 1) {
          rows = Math.ceil(rows / 2);
          chunk = dataChunk(spec, next, rows, dateSystem);
        }
        request.push(chunk);
      }
      const reachesEnd = next + rows >= rowCount;
      if (reachesEnd && notesChunk && !notesDone) request.push(notesChunk);
      signal?.throwIfAborted();
      try {
        const target = this.tempSheet(context, sheet);
        if (this.supports('1.6')) context.workbook.application.suspendApiCalculationUntilNextSync();
        for (const chunk of request) this.queueChunk(target, chunk);
        await context.sync();
        sheet.created = true;
      } catch (error) {
        if (isPayloadTooLarge(error) && rows > 1) {
          // Excel rejected the whole request, so none of it was applied: retry with half the rows.
          perChunk = Math.max(1, Math.floor(rows / 2));
          continue;
        }
        const where = rows > 0 ? ` (rows ${next + 1} to ${next + rows})` : '';
        throw new ExcelHostError(`Writing sheet '${spec.name}'${where} failed: ${error instanceof Error ? error.message : String(error)}`, spec.name, error);
      }
      headerDone = true;
      next += rows;
      if (reachesEnd) notesDone = true;
      written += request.reduce((n, chunk) => n + chunk.rows * chunk.columns, 0);
      onCells(written);
    }
    return written;
  }

  private tempSheet(context: Context, sheet: PlannedSheet): Excel.Worksheet {
    if (sheet.created) return context.workbook.worksheets.getItem(sheet.tempName);
    const created = context.workbook.worksheets.add(sheet.tempName);
    created.visibility = 'Hidden';
    return created;
  }

  private queueChunk(sheet: Excel.Worksheet, chunk: WriteChunk): void {
    for (const run of chunk.formatsBefore) {
      sheet.getRangeByIndexes(chunk.row, chunk.column + run.column, chunk.rows, run.formats[0].length).numberFormat = run.formats;
    }
    const range = sheet.getRangeByIndexes(chunk.row, chunk.column, chunk.rows, chunk.columns);
    if (chunk.asFormulas) range.formulas = chunk.cells;
    else range.values = chunk.cells;
    for (const run of chunk.formatsAfter) {
      sheet.getRangeByIndexes(chunk.row, chunk.column + run.column, chunk.rows, run.formats[0].length).numberFormat = run.formats;
    }
    for (const flag of chunk.flags) {
      sheet.getRangeByIndexes(flag.row, flag.column, flag.rows, 1).format.fill.color = FLAG_FILL;
    }
  }

  /**
   * Copy the used area of every existing output sheet into a hidden backup sheet at the same
   * address, in one request that changes no sheet the user sees; a half-applied request only
   * leaves backup sheets, which the roll-back deletes.
   */
  private async backUp(context: Context, planned: PlannedSheet[]): Promise<void> {
    const backupSheets = new Map<string, Excel.Worksheet>();
    for (const { existing } of planned) {
      if (!existing || !existing.used || !existing.backup) continue;
      const { row, column, rows, columns } = existing.used;
      let backup = backupSheets.get(existing.backup.sheet);
      if (!backup) {
        backup = context.workbook.worksheets.add(existing.backup.sheet);
        backup.visibility = 'Hidden';
        backupSheets.set(existing.backup.sheet, backup);
      }
      const source = context.workbook.worksheets.getItem(existing.sheetName).getRangeByIndexes(row, column, rows, columns);
      backup.getRangeByIndexes(existing.backup.row, column, rows, columns).copyFrom(source, 'All');
    }
    if (backupSheets.size === 0) return;
    try {
      await context.sync();
    } catch (error) {
      throw new ExcelHostError(`Backing up the output sheets before replacing them failed: ${message(error)}`, undefined, error);
    }
  }

  /**
   * Queue copying the complete temp sheet into place (or renaming it), setting up the table and
   * dropping the temp. All sheets go in one request: the roll-back does not depend on how much
   * of it was applied, so splitting it would only cost syncs.
   */
  private queueSwap(context: Context, { spec, tempName, existing }: PlannedSheet): void {
    const width = spec.columns.length;
    const tableAddress = address(0, 0, tableRowCount(spec), width);
    const temp = context.workbook.worksheets.getItem(tempName);
    let sheet: Excel.Worksheet;
    let table: Excel.Table;
    if (existing) {
      sheet = context.workbook.worksheets.getItem(existing.sheetName);
      if (existing.tableName !== null) {
        const current = sheet.tables.getItem(existing.tableName);
        if (existing.tableShowsTotals) current.showTotals = false;
      }
      if (existing.used) {
        const old = sheet.getRangeByIndexes(existing.used.row, existing.used.column, existing.used.rows, existing.used.columns);
        old.dataValidation.clear();
        old.clear('All');
      }
      if (existing.tableName !== null) sheet.tables.getItem(existing.tableName).resize(sheet.getRange(tableAddress));
      sheet.getRange('A1').copyFrom(temp.getRangeByIndexes(0, 0, sheetRowCount(spec), width), 'All');
      temp.delete();
      if (existing.tableName === null) {
        table = sheet.tables.add(sheet.getRange(tableAddress), true);
        table.name = spec.tableName;
        table.style = TABLE_STYLE;
      } else {
        table = sheet.tables.getItem(existing.tableName);
      }
    } else {
      sheet = temp;
      sheet.name = spec.name;
      sheet.visibility = 'Visible';
      table = sheet.tables.add(sheet.getRange(tableAddress), true);
      table.name = spec.tableName;
      table.style = TABLE_STYLE;
    }
    // the user's widths and frozen panes on an existing sheet stay: they could not be restored exactly
    this.queueTableFinish(sheet, table, spec, existing === null);
  }

  private queueTableFinish(sheet: Excel.Worksheet, table: Excel.Table, spec: SheetSpec, layout: boolean): void {
    const width = spec.columns.length;
    if (layout) {
      sheet.freezePanes.freezeRows(1);
      spec.columns.forEach((column, c) => {
        sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthInPoints(columnWidth(column));
      });
    }
    const dataRows = tableRowCount(spec) - 1;
    for (const validation of spec.validations ?? []) {
      sheet.getRangeByIndexes(1, validation.column, dataRows, 1).dataValidation.rule = {
        list: { inCellDropDown: true, source: validationSource(spec, validation.column, validation.list) },
      };
    }
    if (spec.totalsRow) {
      table.showTotals = true;
      const totals = sheet.getRangeByIndexes(tableRowCount(spec), 0, 1, width);
      const cells = spec.totalsRow;
      totals.numberFormat = [cells.map((cell, c) => (spec.columns[c].kind === 'text' && !isFormulaCell(cell) ? TEXT_FORMAT : totalsNumberFormat(spec, c)))];
      totals.formulas = [cells.map((cell) => (isFormulaCell(cell) ? '=' + cell.formula : (cell ?? '')))];
    }
  }

  /**
   * Put the workbook back as it was: delete the temporary sheets and the sheets this run created,
   * restore every existing output sheet from its backup once the swap request was sent (any part
   * of it may have been applied), then delete the backups. Each step is a request of its own, so a backup is deleted
   * only once its sheet is restored. If restoring fails, the backups stay for the user.
   */
  private async rollBack(context: Context, planned: PlannedSheet[], swapSent: boolean, error: unknown): Promise<void> {
    const backups = backupSheetNames(planned);
    try {
      const sheets = context.workbook.worksheets;
      const probe = (name: string): Excel.Worksheet => sheets.getItemOrNullObject(name).load('name');
      const temps = planned.map(({ tempName }) => probe(tempName));
      const created = planned.map(({ spec, existing }) => (existing === null && swapSent ? probe(spec.name) : null));
      const backupSheets = backups.map(probe);
      // a sheet without a table had none at all, so any table on it now is the run's, named or not yet
      const addedTables = planned.map(({ existing }) =>
        existing && existing.tableName === null && swapSent ? sheets.getItem(existing.sheetName).tables.load('items/name') : null,
      );
      await context.sync();
      const backedUp = new Set(backupSheets.filter((s) => !s.isNullObject).map((s) => s.name.toLowerCase()));

      for (const sheet of [...temps, ...created]) if (sheet && !sheet.isNullObject) sheet.delete();
      if (swapSent) {
        planned.forEach((p, i) => {
          if (p.existing) this.queueRestore(context, p, p.existing, addedTables[i]?.items ?? [], backedUp);
        });
      }
      await context.sync();
    } catch (restoreError) {
      const hidden = [...backups, ...planned.map((p) => p.tempName)].map((n) => `'${n}'`).join(', ');
      const state = swapSent
        ? `so the workbook may be partly written.${backups.length > 0 ? ` The previous contents are kept in the hidden sheet(s) ${backups.map((n) => `'${n}'`).join(', ')}.` : ''}`
        : `; the output sheets were not changed, but hidden sheets of this run may be left (any of ${hidden}); delete them by hand.`;
      throw new ExcelHostError(
        `${message(error)}; putting the workbook back failed too (${message(restoreError)})${swapSent ? ', ' : ''}${state}`,
        error instanceof ExcelHostError ? error.sheet : undefined,
        error,
      );
    }
    await this.deleteBackups(context, planned, error);
  }

  /** Queue putting one existing output sheet back: its table's size and totals row, then its cells from the backup. */
  private queueRestore(context: Context, { spec }: PlannedSheet, existing: ExistingOutput, addedTables: Excel.Table[], backedUp: Set<string>): void {
    const sheet = context.workbook.worksheets.getItem(existing.sheetName);
    addedTables.forEach((table) => table.delete());
    if (existing.tableName !== null && existing.tableSize) {
      const table = sheet.tables.getItem(existing.tableName);
      // the same order as the swap: resize without a totals row, then show it again if it was shown
      table.showTotals = false;
      table.resize(sheet.getRangeByIndexes(0, 0, existing.tableSize.rows - (existing.tableShowsTotals ? 1 : 0), existing.tableSize.columns));
      if (existing.tableShowsTotals) table.showTotals = true;
    }
    // everything the swap may have written, and everything that was there before
    const used = existing.used;
    const rows = Math.max(sheetRowCount(spec), tableRowCount(spec) + 1, existing.tableSize?.rows ?? 0, used ? used.row + used.rows : 0);
    const columns = Math.max(spec.columns.length, existing.tableSize?.columns ?? 0, used ? used.column + used.columns : 0);
    const area = sheet.getRangeByIndexes(0, 0, rows, columns);
    area.dataValidation.clear();
    area.clear('All');
    if (used && existing.backup) {
      if (!backedUp.has(existing.backup.sheet.toLowerCase())) {
        throw new ExcelHostError(`The backup of sheet '${existing.sheetName}' is missing, so it cannot be restored`, existing.sheetName);
      }
      const backup = context.workbook.worksheets.getItem(existing.backup.sheet).getRangeByIndexes(existing.backup.row, used.column, used.rows, used.columns);
      sheet.getRangeByIndexes(used.row, used.column, used.rows, used.columns).copyFrom(backup, 'All');
    }
  }

  /** The last request of a successful write: one action per backup sheet (normally one). */
  private async dropBackups(context: Context, planned: PlannedSheet[]): Promise<void> {
    const names = backupSheetNames(planned);
    if (names.length === 0) return;
    names.forEach((name) => context.workbook.worksheets.getItem(name).delete());
    try {
      await context.sync();
    } catch (error) {
      throw new ExcelHostError(`Deleting the hidden backup sheet(s) ${names.map((n) => `'${n}'`).join(', ')} after replacing the output sheets failed: ${message(error)}`, undefined, error);
    }
  }

  /** After a roll-back, delete whichever backup sheets exist; `failure` is the error that caused it. */
  private async deleteBackups(context: Context, planned: PlannedSheet[], failure: unknown): Promise<void> {
    const names = backupSheetNames(planned);
    if (names.length === 0) return;
    try {
      const probes = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name).load('name'));
      await context.sync();
      const found = probes.filter((sheet) => !sheet.isNullObject);
      if (found.length === 0) return;
      found.forEach((sheet) => sheet.delete());
      await context.sync();
    } catch (deleteError) {
      throw new ExcelHostError(
        `${message(failure)}; the workbook was put back as it was, but deleting the hidden backup sheet(s) ${names.map((n) => `'${n}'`).join(', ')} failed (${message(deleteError)}); delete them by hand`,
        undefined,
        failure,
      );
    }
  }

  /** Run a batch; an Office error comes back with what we were doing, never swallowed. */
  private async excel<T>(doing: string, batch: (context: Context) => Promise<T>): Promise<T> {
    try {
      return await this.run(batch);
    } catch (error) {
      if (isAbort(error) || error instanceof ExcelHostError) throw error;
      throw new ExcelHostError(`Excel failed while ${doing}: ${error instanceof Error ? error.message : String(error)}`, undefined, error);
    }
  }
}
