/**
 * The workbook host for .xlsx files (the `q2c` command). Opens a book with exceljs, reads
 * inputs from it, records the sheets a job writes, and saves input sheets plus outputs
 * through the streaming writer, so a 200k-row output costs about 200 MB rather than GBs.
 */
import { createWriteStream } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DateSystem } from '../../core/excelSerial';
import type { InputGrid, RawCell } from '../../workbook/grid';
import { columnIndex } from '../../workbook/grid';
import { dataRowCount, isFormulaCell, TEXT_FORMAT, type SheetSpec } from '../../workbook/sheetSpec';
import type { ProgressReporter, WorkbookHost } from '../host';
import { checkDistinctSheets, checkedDataRow, checkSpecFits, inputTableName, numberFormatOf, sheetRowCount, sheetValueOf } from '../excel/outputLayout';
import { writeOutputSheet } from './outputSheet';
import { copySheet, loadedTableRef, loadedTables } from './sheetCopy';
import { StreamingBook } from './streamingBook';
import { XlsxReadError, XlsxWriteError, messageOf } from './xlsxErrors';
import { readBlock, readSheetGrid } from './xlsxRead';

const NEW_BOOK = '(new workbook)';
const PROGRESS_EVERY_ROWS = 2000;

const lower = (name: string): string => name.toLowerCase();

function decodeRef(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) throw new Error(`'${ref}' is not a range address`);
  const left = columnIndex(m[1]);
  const top = Number(m[2]);
  return { top, left, right: m[3] ? columnIndex(m[3]) : left, bottom: m[4] ? Number(m[4]) : top };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** An output as a later job reads it back within the same run: what the table will hold. */
function gridFromSpec(spec: SheetSpec, dateSystem: DateSystem): InputGrid {
  const values: RawCell[][] = [spec.columns.map((c) => c.header)];
  const numberFormats: string[][] = [spec.columns.map(() => TEXT_FORMAT)];
  const rowCount = dataRowCount(spec);
  for (let r = 0; r < rowCount; r++) {
    const row = checkedDataRow(spec, r);
    const rowValues: RawCell[] = [];
    const rowFormats: string[] = [];
    row.forEach((cell, c) => {
      const value = sheetValueOf(spec, r, c, cell, dateSystem);
      rowValues.push(isFormulaCell(value) ? (value.result ?? null) : value);
      rowFormats.push(typeof value === 'string' ? TEXT_FORMAT : numberFormatOf(spec, r, c, cell));
    });
    values.push(rowValues);
    numberFormats.push(rowFormats);
  }
  return { sheet: spec.name, source: 'table', firstRow: 1, firstColumn: 1, values, numberFormats, dateSystem };
}

export class XlsxHost implements WorkbookHost {
  readonly kind = 'xlsx' as const;
  /** recorded outputs by lower-cased sheet name, in the order first written */
  private readonly outputs = new Map<string, SheetSpec>();

  /**
   * exceljs's model of the opened book: input values for readInput, and everything save() copies.
   * Dropped by doneReading() while the job computes (it is ~10 KB per input row, 370 MB on a
   * 35,000-contract book) and parsed again from `source`, the file's bytes, when next needed.
   */
  private book: ExcelJS.Workbook | null;

  private constructor(
    book: ExcelJS.Workbook,
    private readonly file: string,
    private readonly zipEntries: string[],
    private readonly source: Buffer | null,
  ) {
    this.book = book;
  }

  private static async parse(path: string, buffer: Buffer): Promise<ExcelJS.Workbook> {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    } catch (error) {
      throw new XlsxReadError(path, `cannot be read as a workbook: ${messageOf(error)}`, error);
    }
    return book;
  }

  /** The opened book, parsed again if doneReading() let it go. */
  private async workbook(): Promise<ExcelJS.Workbook> {
    if (!this.book) {
      if (!this.source) throw new Error('the workbook was released with nothing to reload it from');
      this.book = await XlsxHost.parse(this.file, this.source);
    }
    return this.book;
  }

  /** Open a book; XlsxReadError names the file and the problem when it is not a readable workbook. */
  static async open(path: string): Promise<XlsxHost> {
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a workbook' : `cannot be read (${messageOf(error)})`;
      throw new XlsxReadError(path, problem, error);
    }
    let entries: string[];
    try {
      entries = Object.keys((await JSZip.loadAsync(buffer)).files);
    } catch (error) {
      throw new XlsxReadError(path, 'is not an .xlsx workbook (it is not a zip package; an .xls or .csv file must be saved as .xlsx first)', error);
    }
    if (!entries.some((entry) => /^xl\/workbook\.xml$/i.test(entry))) {
      throw new XlsxReadError(path, 'is not an .xlsx workbook (the package has no xl/workbook.xml)');
    }
    return new XlsxHost(await XlsxHost.parse(path, buffer), path, entries, buffer);
  }

  /** An empty book, for `q2c init`. */
  static createEmpty(): XlsxHost {
    return new XlsxHost(new ExcelJS.Workbook(), NEW_BOOK, [], null);
  }

  /** The job has read its inputs: let the parsed book go while it computes (a new book has nothing to reload from, so it stays). */
  doneReading(): void {
    if (this.source) this.book = null;
  }

  async dateSystem(): Promise<DateSystem> {
    return (await this.workbook()).properties?.date1904 ? 1904 : 1900;
  }

  async sheetNames(): Promise<string[]> {
    const inputs = (await this.workbook()).worksheets.map((sheet) => sheet.name);
    const known = new Set(inputs.map(lower));
    return [...inputs, ...[...this.outputs.values()].map((spec) => spec.name).filter((name) => !known.has(lower(name)))];
  }

  async readInput(name: string): Promise<InputGrid | null> {
    const dateSystem = await this.dateSystem();
    const recorded = this.outputs.get(lower(name));
    if (recorded) return gridFromSpec(recorded, dateSystem);
    const tableName = lower(inputTableName(name));
    const book = await this.workbook();
    try {
      for (const sheet of book.worksheets) {
        for (const table of loadedTables(sheet)) {
          const ref = loadedTableRef(table);
          if (lower(table.name) !== tableName || !ref) continue;
          const { top, left, bottom, right } = decodeRef(ref);
          const last = table.totalsRow ? bottom - 1 : bottom;
          return { sheet: sheet.name, source: 'table', firstRow: top, firstColumn: left, ...readBlock(sheet, top, left, last, right, dateSystem), dateSystem };
        }
      }
      const sheet = book.worksheets.find((s) => lower(s.name) === lower(name));
      return sheet ? readSheetGrid(sheet, dateSystem) : null;
    } catch (error) {
      throw new XlsxReadError(this.file, `reading '${name}' failed: ${messageOf(error)}`, error);
    }
  }

  /** The table name an output gets: the one its sheet already has (so references keep working), else the spec's. */
  private static outputTableName(book: ExcelJS.Workbook, spec: SheetSpec): string {
    const existing = book.worksheets.find((s) => lower(s.name) === lower(spec.name));
    const table = existing ? loadedTables(existing)[0] : undefined;
    return table ? table.name : spec.tableName;
  }

  /** Records the sheets (replacing same-named outputs); save() writes them. All or nothing. */
  async writeSheets(specs: SheetSpec[], progress?: ProgressReporter, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    checkDistinctSheets(specs);
    specs.forEach(checkSpecFits);
    const book = await this.workbook();
    for (const spec of specs) {
      if (spec.role === 'input' && book.worksheets.some((s) => lower(s.name) === lower(spec.name))) {
        throw new XlsxWriteError(this.file, spec.name, 'the sheet already exists and is an input sheet; Setup does not overwrite it');
      }
    }
    const replaced = new Set([...this.outputs.keys(), ...specs.map((s) => lower(s.name))]);
    const tableOwners = new Map<string, string>();
    for (const sheet of book.worksheets) {
      if (replaced.has(lower(sheet.name))) continue;
      for (const table of loadedTables(sheet)) tableOwners.set(lower(table.name), sheet.name);
    }
    const pending = new Map(this.outputs);
    for (const spec of specs) pending.set(lower(spec.name), spec);
    for (const spec of pending.values()) {
      const tableName = lower(XlsxHost.outputTableName(book, spec));
      const owner = tableOwners.get(tableName);
      if (owner !== undefined) {
        throw new XlsxWriteError(this.file, spec.name, `its table name '${XlsxHost.outputTableName(book, spec)}' is already used by a table on sheet '${owner}'`);
      }
      tableOwners.set(tableName, spec.name);
    }
    for (const spec of specs) this.outputs.set(lower(spec.name), spec);
    progress?.({ step: `Prepared ${plural(specs.length, 'sheet')}`, fraction: 1 });
  }

  /** Why `--in-place` must be refused: parts of the book the writer cannot carry over; null when there are none. */
  chartsOrPivotsReason(): string | null {
    const count = (pattern: RegExp) => this.zipEntries.filter((entry) => pattern.test(entry)).length;
    const charts = count(/^xl\/charts\/chart[^/]*\.xml$/i) + count(/^xl\/chartsheets\/[^/]+\.xml$/i);
    const pivots = count(/^xl\/pivotTables\/[^/]+\.xml$/i);
    const pictures = count(/^xl\/media\/[^/]+$/i);
    const parts = [charts > 0 ? plural(charts, 'chart') : '', pivots > 0 ? plural(pivots, 'pivot table') : '', pictures > 0 ? plural(pictures, 'picture') : ''].filter((p) => p);
    if (parts.length === 0) return null;
    const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    return `${this.file} holds ${list}, which the .xlsx writer cannot carry over`;
  }

  private async inputRowCount(): Promise<number> {
    return (await this.workbook()).worksheets.reduce((n, sheet) => n + sheet.rowCount, 0);
  }

  /**
   * The book's own sheets in their order: inputs copied, outputs it already had rewritten in
   * place. Returns the outputs written; the parsed book is referenced only in here.
   */
  private async writeInputSheets(book: StreamingBook, dateSystem: DateSystem, onRow: () => void, onSheet: (name: string) => void): Promise<Set<string>> {
    const input = await this.workbook();
    book.definedNames.model = input.definedNames.model;
    if (input.views?.length) book.views = input.views;
    const written = new Set<string>();
    for (const sheet of input.worksheets) {
      onSheet(sheet.name);
      const spec = this.outputs.get(lower(sheet.name));
      if (spec) {
        await writeOutputSheet(book, spec, sheet.name, XlsxHost.outputTableName(input, spec), dateSystem, onRow);
        written.add(lower(sheet.name));
      } else {
        await copySheet(book, sheet, dateSystem, onRow);
      }
    }
    return written;
  }

  /** Write the input sheets unchanged and the recorded outputs to `outPath`; a failed save leaves no partial file. */
  async save(outPath: string, progress?: ProgressReporter): Promise<void> {
    const dateSystem = await this.dateSystem();
    const stream = createWriteStream(outPath);
    const book = new StreamingBook(stream, dateSystem === 1904);
    const totalRows = (await this.inputRowCount()) + [...this.outputs.values()].reduce((n, spec) => n + sheetRowCount(spec), 0);
    let rows = 0;
    let sheetName: string | undefined;
    const onRow = () => {
      rows += 1;
      if (progress && rows % PROGRESS_EVERY_ROWS === 0) progress({ step: `Writing ${sheetName}`, fraction: Math.min(0.99, rows / Math.max(1, totalRows)) });
    };
    try {
      const written = await this.writeInputSheets(book, dateSystem, onRow, (name) => { sheetName = name; });
      // every input sheet is copied: the parsed book goes before the new outputs, the largest part, are written
      this.doneReading();
      for (const [key, spec] of this.outputs) {
        if (written.has(key)) continue;
        sheetName = spec.name;
        await writeOutputSheet(book, spec, spec.name, spec.tableName, dateSystem, onRow);
      }
      sheetName = undefined;
      progress?.({ step: 'Finishing the file', fraction: 0.99 });
      await book.commit();
    } catch (error) {
      stream.destroy();
      await unlink(outPath).catch((unlinkError: NodeJS.ErrnoException) => {
        if (unlinkError.code !== 'ENOENT') throw new XlsxWriteError(outPath, sheetName, `${messageOf(error)}; removing the partial file failed too: ${messageOf(unlinkError)}`, error);
      });
      throw new XlsxWriteError(outPath, sheetName, messageOf(error), error);
    }
    progress?.({ step: 'Saved', fraction: 1 });
  }
}
