/**
 * The data rows of an output sheet written straight into the worksheet part as XML, byte for
 * byte what exceljs's row and cell xforms would write for the same cells. exceljs builds a row
 * object, a cell object per cell, a model per cell and an XML node stack per row; on a
 * million-row schedule that costs more than the whole billing computation, so the plain rows
 * (text, numbers, dates, booleans, blanks) skip it. Rows holding a formula go back to exceljs.
 */
import type ExcelJS from 'exceljs';
import type { DateSystem } from '../../core/excelSerial';
import { columnLetter } from '../../workbook/grid';
import { TEXT_FORMAT, type OutCell, type SheetSpec } from '../../workbook/sheetSpec';
import { FLAG_FILL, numberFormatOf, sheetValueOf } from '../excel/outputLayout';

const FLAG_ARGB = 'FF' + FLAG_FILL.slice(1).toUpperCase();

/** One shared style object per (format, flagged): the writer dedups them into a handful of xfs. */
export class StyleCache {
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();
  get(numFmt: string, flagged: boolean): Partial<ExcelJS.Style> {
    const key = `${flagged ? 1 : 0}${numFmt}`;
    let style = this.styles.get(key);
    if (!style) {
      style = flagged ? { numFmt, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FLAG_ARGB } } } : { numFmt };
      this.styles.set(key, style);
    }
    return style;
  }
}

interface WorksheetWriterInternals {
  _workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number } };
  _rowZero: number;
  _rows: unknown[];
  startedData: boolean;
  stream: { write(text: string): unknown };
}

const ESCAPED = /[<>&'"\x7F\x00-\x08\x0B-\x0D\x0E-\x1F]/;
/** A literal _xHHHH_ in user text: its underscore is itself escaped so Excel does not decode it. */
const LITERAL_ESCAPE = /_(x[0-9A-Fa-f]{4}_)/g;

/**
 * exceljs's xmlEncode (the five entities, control characters XML cannot hold dropped), plus a
 * carriage return written as Excel's _x000D_, because XML readers turn a raw CR into LF and
 * the user's text must come back exactly as typed.
 */
export function xmlText(raw: string): string {
  const text = raw.includes('_x') ? raw.replace(LITERAL_ESCAPE, '_x005F_$1') : raw;
  const first = ESCAPED.exec(text);
  if (!first) return text;
  let result = '';
  let lastIndex = 0;
  let i = first.index;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escape: string;
    switch (code) {
      case 34: escape = '&quot;'; break;
      case 38: escape = '&amp;'; break;
      case 39: escape = '&apos;'; break;
      case 60: escape = '&lt;'; break;
      case 62: escape = '&gt;'; break;
      case 127: escape = ''; break;
      case 13: escape = '_x000D_'; break;
      default:
        if (code <= 31 && (code <= 8 || (code >= 11 && code !== 13))) {
          escape = '';
          break;
        }
        continue;
    }
    if (lastIndex !== i) result += text.substring(lastIndex, i);
    lastIndex = i + 1;
    result += escape;
  }
  return lastIndex !== i ? result + text.substring(lastIndex, i) : result;
}

/** Text exceljs would write as rich text (see outputSheet's cellValue): leading/trailing space or a line break. */
const NEEDS_RICH_TEXT = /^\s|\s$|[\r\n]/;
const NEEDS_PRESERVE = /^\s|\n|\s$/;

const BATCH_ROWS = 200;

export class RowXmlWriter {
  private readonly internals: WorksheetWriterInternals;
  private readonly letters: string[];
  private readonly width: number;
  /** style id per column for non-text values, when the format does not vary by row */
  private readonly columnStyle: (number | null)[];
  private readonly moneyStyleByCurrency: Map<string, number>[];
  private readonly textStyle: number;
  private batch: string[] = [];

  constructor(
    sheet: ExcelJS.Worksheet,
    private readonly spec: SheetSpec,
    private readonly styles: StyleCache,
    private readonly flagged: Set<number>,
    private readonly dateSystem: DateSystem,
  ) {
    this.internals = sheet as unknown as WorksheetWriterInternals;
    this.width = spec.columns.length;
    this.letters = spec.columns.map((_, c) => columnLetter(c + 1));
    this.textStyle = this.styleId(TEXT_FORMAT, false);
    this.moneyStyleByCurrency = spec.columns.map(() => new Map());
    this.columnStyle = spec.columns.map(() => null);
  }

  private styleId(format: string, flagged: boolean): number {
    return this.internals._workbook.styles.addStyleModel(this.styles.get(format, flagged));
  }

  /** The style id exceljs would give cell (r, c) holding a non-string value. */
  private valueStyle(r: number, c: number, cell: OutCell): number {
    const column = this.spec.columns[c];
    const varies = column.kind === 'money' && !column.numberFormat;
    if (!varies) {
      let id = this.columnStyle[c];
      if (id === null) {
        id = this.styleId(numberFormatOf(this.spec, r, c, cell), false);
        this.columnStyle[c] = id;
      }
      return id;
    }
    const currency = this.spec.rowCurrency?.[r] ?? '';
    const byCurrency = this.moneyStyleByCurrency[c];
    let id = byCurrency.get(currency);
    if (id === undefined) {
      id = this.styleId(numberFormatOf(this.spec, r, c, cell), false);
      byCurrency.set(currency, id);
    }
    return id;
  }

  /** Append data row r (0-based), whose cells are `cells`, to the batch; false when it holds a cell only exceljs can write. */
  write(r: number, cells: OutCell[]): boolean {
    for (let c = 0; c < this.width; c++) {
      const cell = cells[c];
      if (cell !== null && typeof cell === 'object') return false;
    }
    const rowNumber = r + 2;
    // the internals must agree with exceljs, whose getRow continues after the last row written
    this.internals._rowZero = rowNumber + 1;
    // exceljs leaves out a row with no values at all, styled blanks included
    if (cells.every((cell) => cell === null)) return true;
    let xml = `<row r="${rowNumber}" spans="1:${this.width}" x14ac:dyDescent="0.25">`;
    for (let c = 0; c < this.width; c++) {
      const value = sheetValueOf(this.spec, r, c, cells[c], this.dateSystem);
      const flagged = this.flagged.size > 0 && this.flagged.has(r * this.width + c);
      const address = `${this.letters[c]}${rowNumber}`;
      if (typeof value === 'string') {
        const style = flagged ? this.styleId(TEXT_FORMAT, true) : this.textStyle;
        if (NEEDS_RICH_TEXT.test(value)) {
          const preserve = NEEDS_PRESERVE.test(value) ? ' xml:space="preserve"' : '';
          xml += `<c r="${address}" s="${style}" t="inlineStr"><is><r><t${preserve}>${xmlText(value)}</t></r></is></c>`;
        } else {
          xml += `<c r="${address}" s="${style}" t="str"><v>${xmlText(value)}</v></c>`;
        }
        continue;
      }
      const style = flagged ? this.styleId(numberFormatOf(this.spec, r, c, cells[c]), true) : this.valueStyle(r, c, cells[c]);
      const s = style ? ` s="${style}"` : '';
      if (value === null) xml += s ? `<c r="${address}"${s}/>` : '';
      else if (typeof value === 'boolean') xml += `<c r="${address}"${s} t="b"><v>${value ? '1' : '0'}</v></c>`;
      else xml += `<c r="${address}"${s}><v>${value}</v></c>`;
    }
    this.batch.push(xml + '</row>');
    if (this.batch.length >= BATCH_ROWS) this.flush();
    return true;
  }

  flush(): void {
    if (this.batch.length === 0) return;
    if (!this.internals.startedData) throw new Error('the header row must be committed before the data rows');
    this.internals.stream.write(this.batch.join(''));
    this.batch = [];
  }
}
