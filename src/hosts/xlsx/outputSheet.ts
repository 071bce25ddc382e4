/**
 * Writing one output SheetSpec into the streaming book: one Excel table at A1 with the frozen
 * header, per-cell number formats (text as '@', money in the row's currency, dates as serials
 * with a date format), formulas with their cached results, red fill on flagged cells, the
 * totals row, drop-down validations and the notes below the table. Same layout as the Excel
 * host (outputLayout.ts).
 */
import type ExcelJS from 'exceljs';
import type { DateSystem } from '../../core/excelSerial';
import { columnLetter } from '../../workbook/grid';
import { dataRowCount, isFormulaCell, TEXT_FORMAT, type OutCell, type SheetSpec } from '../../workbook/sheetSpec';
import {
  checkedDataRow,
  columnWidth,
  notesFirstRow,
  numberFormatOf,
  sheetValueOf,
  TABLE_STYLE,
  tableRowCount,
  totalsNumberFormat,
  validationSource,
} from '../excel/outputLayout';
import type { StreamingBook } from './streamingBook';
import { qualifyStructuredRefs } from './tablePart';
import { RowXmlWriter, StyleCache } from './rowXml';

/** Rows written between two looks at how much the zip has yet to compress (see StreamingBook.drain). */
export const YIELD_EVERY_ROWS = 1000;

/**
 * An in-cell string is written as <v>, where leading or trailing whitespace and line breaks
 * are not safe; such text goes as a one-run rich text, whose <t xml:space="preserve"> keeps
 * it exactly as typed.
 */
function cellValue(cell: OutCell | number, tableName: string): ExcelJS.CellValue {
  if (typeof cell === 'string' && /^\s|\s$|[\r\n]/.test(cell)) return { richText: [{ text: cell }] };
  if (isFormulaCell(cell)) {
    const formula = qualifyStructuredRefs(cell.formula, tableName);
    return (cell.result === undefined ? { formula } : { formula, result: cell.result }) as ExcelJS.CellValue;
  }
  return cell;
}

/** Write `spec` as sheet `sheetName` with table `tableName` (kept from a previous run when there was one). */
export async function writeOutputSheet(
  book: StreamingBook,
  spec: SheetSpec,
  sheetName: string,
  tableName: string,
  dateSystem: DateSystem,
  onRow: () => void,
  /** false writes every row through exceljs's row objects (the reference the XML rows are checked against) */
  plainRowsAsXml = true,
): Promise<void> {
  const width = spec.columns.length;
  const lastColumn = columnLetter(width);
  const tableRows = tableRowCount(spec);
  const hasTotals = spec.totalsRow !== undefined;
  const sheet = book.addSheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    // exceljs's shared-string table costs ~350 MB at 200k rows; outputs write strings in the cell
    useSharedStrings: false,
  });
  sheet.columns = spec.columns.map((column) => ({ width: columnWidth(column) }) as Partial<ExcelJS.Column>);
  book.addTables(sheet, [
    {
      name: tableName,
      displayName: tableName,
      ref: `A1:${lastColumn}${tableRows + (hasTotals ? 1 : 0)}`,
      headerRow: true,
      totalsRow: hasTotals,
      autoFilterRef: `A1:${lastColumn}${tableRows}`,
      columns: spec.columns.map((column, c) => {
        const total = spec.totalsRow?.[c] ?? null;
        if (!hasTotals || total === null) return { name: column.header };
        if (isFormulaCell(total)) return { name: column.header, totalsRowFunction: 'custom', totalsRowFormula: qualifyStructuredRefs(total.formula, tableName) };
        return { name: column.header, totalsRowLabel: String(total) };
      }),
      style: { theme: TABLE_STYLE, showFirstColumn: false, showLastColumn: false, showRowStripes: true, showColumnStripes: false },
    },
  ]);
  for (const validation of spec.validations ?? []) {
    const letter = columnLetter(validation.column + 1);
    const list = validationSource(spec, validation.column, validation.list).replace(/"/g, '""');
    (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${tableRows}`, {
      type: 'list',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [`"${list}"`],
    });
  }

  const styles = new StyleCache();
  const header = sheet.getRow(1);
  spec.columns.forEach((column, c) => {
    const cell = header.getCell(c + 1);
    cell.style = styles.get(TEXT_FORMAT, false);
    cell.value = column.header;
  });
  header.commit();
  onRow();

  const flagged = new Set((spec.flags ?? []).map((f) => f.row * width + f.column));
  const rowsXml = new RowXmlWriter(sheet, spec, styles, flagged, dateSystem);
  const rowCount = dataRowCount(spec);
  for (let r = 0; r < rowCount; r++) {
    // a row made on demand lives only until it is written
    const cells = checkedDataRow(spec, r);
    if (!plainRowsAsXml || !rowsXml.write(r, cells)) {
      rowsXml.flush();
      const row = sheet.getRow(r + 2);
      for (let c = 0; c < width; c++) {
        const value = sheetValueOf(spec, r, c, cells[c], dateSystem);
        const format = typeof value === 'string' ? TEXT_FORMAT : numberFormatOf(spec, r, c, cells[c]);
        const cell = row.getCell(c + 1);
        cell.style = styles.get(format, flagged.has(r * width + c));
        if (value !== null) cell.value = cellValue(value, tableName);
      }
      row.commit();
    }
    onRow();
    if (r % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) {
      rowsXml.flush();
      await book.drain(sheet);
    }
  }
  rowsXml.flush();

  if (spec.totalsRow) {
    const row = sheet.getRow(tableRows + 1);
    spec.totalsRow.forEach((total, c) => {
      const cell = row.getCell(c + 1);
      const text = spec.columns[c].kind === 'text' && !isFormulaCell(total);
      cell.style = styles.get(text ? TEXT_FORMAT : totalsNumberFormat(spec, c), false);
      if (total !== null) cell.value = cellValue(total, tableName);
    });
    row.commit();
    onRow();
  }

  const notesRow = notesFirstRow(spec);
  (spec.notes ?? []).forEach((note, i) => {
    const row = sheet.getRow(notesRow + i);
    const cell = row.getCell(1);
    cell.style = styles.get(TEXT_FORMAT, false);
    cell.value = note;
    row.commit();
    onRow();
  });
  sheet.commit();
}
