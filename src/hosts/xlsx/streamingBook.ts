/**
 * exceljs's streaming WorkbookWriter (rows go to disk as they are committed, ~10x less memory
 * than the in-memory writer on big sheets) with the two things it lacks: Excel tables and the
 * 1904 date system. Both are added to the package as it is zipped: the table parts, their
 * sheet relationships and <tableParts>, their content types, and workbookPr date1904.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { TABLE_CONTENT_TYPE, TABLE_RELATIONSHIP, tablePartXml, type TablePart } from './tablePart';

interface ZipArchive {
  append(source: unknown, options: { name: string }): unknown;
}

interface SheetWriterInternals {
  _sheetRelsWriter: { addRelationship(relationship: { Target: string; Type: string }): string };
  _writeCloseWorksheet(): void;
  stream: { write(text: string): unknown };
}

/** A stream's buffered bytes, as readable-stream 2 (which archiver wraps every part in) keeps them. */
interface BufferedStream {
  _writableState?: { length: number };
  _readableState?: { length: number };
}

/**
 * exceljs's StreamBuf behind a sheet part: bytes not yet handed on, and the stream archiver
 * reads the part through (a PassThrough into the deflate stream).
 */
interface SheetPartStream {
  buffers: { length: number }[];
  pipes: BufferedStream[];
  /** hands every buffered byte to the pipes */
  uncork(): void;
}

/**
 * Bytes of sheet XML that may wait for the zip. exceljs's StreamBuf ignores back-pressure, and
 * deflate takes a chunk per turn of the event loop, so without a bound a million-row sheet
 * waits in memory, GBs of it, while the rows are being made.
 */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
const DRAIN_POLL_MS = 2;

function pendingBytes(part: SheetPartStream): number {
  let bytes = 0;
  for (const buffer of part.buffers) bytes += buffer.length;
  for (const pipe of part.pipes) bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  return bytes;
}

export interface SheetOptions {
  state?: ExcelJS.WorksheetState;
  properties?: Partial<ExcelJS.WorksheetProperties>;
  views?: Partial<ExcelJS.WorksheetView>[];
  pageSetup?: Partial<ExcelJS.PageSetup>;
  headerFooter?: Partial<ExcelJS.HeaderFooter>;
  autoFilter?: ExcelJS.AutoFilter;
  /** exceljs keys shared strings by value, so a sheet with rich text writes its strings inline */
  useSharedStrings?: boolean;
}

export class StreamingBook {
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly tableFiles: string[] = [];

  private readonly streamFailed: Promise<never>;

  /** `stream` is the file being written; its errors (a missing folder, no permission) end the commit. */
  constructor(
    stream: Writable,
    private readonly date1904: boolean,
  ) {
    this.streamFailed = new Promise<never>((_, reject) => stream.on('error', reject));
    this.streamFailed.catch(() => undefined); // observed by commit(); avoids an unhandled rejection before then
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
    const zip = (this.writer as unknown as { zip: ZipArchive }).zip;
    const append = zip.append.bind(zip);
    zip.append = (source, options) => append(this.completePart(options.name, source), options);
  }

  get definedNames(): ExcelJS.DefinedNames {
    return this.writer.definedNames;
  }

  private completePart(name: string, source: unknown): unknown {
    if (typeof source !== 'string') return source;
    if (name === '[Content_Types].xml' && this.tableFiles.length > 0) {
      const overrides = this.tableFiles.map((file) => `<Override PartName="/xl/tables/${file}" ContentType="${TABLE_CONTENT_TYPE}"/>`).join('');
      return source.replace('</Types>', `${overrides}</Types>`);
    }
    if (name === '/xl/workbook.xml' && this.date1904) {
      if (!source.includes('<workbookPr')) throw new Error('the workbook part has no workbookPr to carry the 1904 date system');
      return source.replace('<workbookPr', '<workbookPr date1904="1"');
    }
    return source;
  }

  addSheet(name: string, options: SheetOptions = {}): ExcelJS.Worksheet {
    const { autoFilter, ...rest } = options;
    const sheet = this.writer.addWorksheet(name, rest as Partial<ExcelJS.AddWorksheetOptions>);
    if (autoFilter) sheet.autoFilter = autoFilter;
    return sheet;
  }

  /** Give a sheet its tables: call before the sheet's first row is committed. */
  addTables(sheet: ExcelJS.Worksheet, tables: Omit<TablePart, 'id'>[]): void {
    if (tables.length === 0) return;
    const internals = sheet as unknown as SheetWriterInternals;
    const files = tables.map((table) => {
      const id = this.tableFiles.length + 1;
      const file = `table${id}.xml`;
      this.tableFiles.push(file);
      (this.writer as unknown as { zip: ZipArchive }).zip.append(tablePartXml({ ...table, id }), { name: `xl/tables/${file}` });
      return file;
    });
    const close = internals._writeCloseWorksheet.bind(sheet);
    internals._writeCloseWorksheet = () => {
      // The relationships are added only now: the zip takes its entries in order, and a
      // relationships part opened before the sheet's rows would hold them all in memory.
      const ids = files.map((file) => internals._sheetRelsWriter.addRelationship({ Target: `../tables/${file}`, Type: TABLE_RELATIONSHIP }));
      internals.stream.write(`<tableParts count="${ids.length}">${ids.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);
      close();
    };
  }

  /**
   * Wait until the zip has taken all but a few MB of what was written to `sheet`: rows go to
   * disk as they are made instead of piling up. Rejects when the file being written fails.
   */
  async drain(sheet: ExcelJS.Worksheet): Promise<void> {
    const part = (sheet as unknown as { _stream?: SheetPartStream })._stream;
    if (!part) return;
    while (pendingBytes(part) > MAX_PENDING_BYTES) {
      // StreamBuf passes its buffers on only when written to; once the zip has reached this part, pass them now
      if (part.pipes.length > 0 && part.buffers.length > 0) part.uncork();
      await Promise.race([new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS)), this.streamFailed]);
    }
  }

  set views(views: ExcelJS.WorkbookView[]) {
    this.writer.views = views;
  }

  async commit(): Promise<void> {
    await Promise.race([this.writer.commit(), this.streamFailed]);
  }
}
