/**
 * Copying an input sheet, as exceljs read it, into the streaming writer: cells (values,
 * formulas with their results, rich text, hyperlinks, notes), styles and number formats,
 * column widths, row heights, merges, views, validations, conditional formats, filters,
 * protection and tables. Dates are written back as the serials they were read from, so a
 * 1904 book keeps its dates.
 */
import type ExcelJS from 'exceljs';
import type { DateSystem } from '../../core/excelSerial';
import { serialFromJsDate } from './xlsxRead';
import { YIELD_EVERY_ROWS } from './outputSheet';
import type { StreamingBook } from './streamingBook';
import type { TablePart } from './tablePart';

/** The table model exceljs keeps for a table it read. */
interface LoadedTable {
  name: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  autoFilterRef?: string;
  columns: { name: string; totalsRowLabel?: string; totalsRowFunction?: string; totalsRowFormula?: string; filterButton?: boolean }[];
  style?: { theme?: string; showFirstColumn?: boolean; showLastColumn?: boolean; showRowStripes?: boolean; showColumnStripes?: boolean };
}

interface SheetInternals {
  tables: Record<string, { table?: LoadedTable; model?: LoadedTable }>;
  _merges: Record<string, { tl: string; br: string }>;
  conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[];
  sheetProtection?: unknown;
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
}

export function loadedTables(sheet: ExcelJS.Worksheet): LoadedTable[] {
  return Object.values((sheet as unknown as SheetInternals).tables ?? {})
    .map((t) => t.table ?? t.model)
    .filter((t): t is LoadedTable => t !== undefined);
}

export function loadedTableRef(table: LoadedTable): string | undefined {
  return table.tableRef ?? table.ref;
}

function hasRichText(sheet: ExcelJS.Worksheet): boolean {
  let found = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (found) return;
    row.eachCell({ includeEmpty: false }, (cell) => {
      const value = cell.value;
      if (typeof value === 'object' && value !== null && 'richText' in value) found = true;
      if (typeof value === 'object' && value !== null && 'text' in value && typeof (value as { text: unknown }).text === 'object') found = true;
    });
  });
  return found;
}

function copyResult(result: unknown, dateSystem: DateSystem): unknown {
  return result instanceof Date ? serialFromJsDate(result, dateSystem) : result;
}

/** The value to write for a cell read from the input book. */
function copyValue(cell: ExcelJS.Cell, dateSystem: DateSystem): ExcelJS.CellValue {
  const value = cell.value;
  if (value instanceof Date) return serialFromJsDate(value, dateSystem);
  if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) {
    const formulaValue = value as { shareType?: string; ref?: string; result?: unknown };
    const copy: Record<string, unknown> = { formula: cell.formula, result: copyResult(formulaValue.result, dateSystem) };
    if (formulaValue.shareType === 'array' && formulaValue.ref) {
      copy.shareType = 'array';
      copy.ref = formulaValue.ref;
    }
    return copy as unknown as ExcelJS.CellValue;
  }
  return value;
}

function tablePart(table: LoadedTable): Omit<TablePart, 'id'> | null {
  const ref = loadedTableRef(table);
  if (!ref) return null;
  const style = table.style ?? {};
  return {
    name: table.name,
    displayName: table.displayName ?? table.name,
    ref,
    headerRow: table.headerRow !== false,
    totalsRow: table.totalsRow === true,
    autoFilterRef: table.autoFilterRef ?? null,
    // exceljs fills in a 'Total' label even for tables without a totals row; carry totals only when shown
    columns: table.columns.map((c) =>
      table.totalsRow === true ? { name: c.name, totalsRowLabel: c.totalsRowLabel, totalsRowFunction: c.totalsRowFunction, totalsRowFormula: c.totalsRowFormula } : { name: c.name },
    ),
    style: {
      theme: style.theme ?? null,
      showFirstColumn: style.showFirstColumn === true,
      showLastColumn: style.showLastColumn === true,
      showRowStripes: style.showRowStripes === true,
      showColumnStripes: style.showColumnStripes === true,
    },
  };
}

/** Copy one input sheet into the book; calls onRow per row written. */
export async function copySheet(book: StreamingBook, source: ExcelJS.Worksheet, dateSystem: DateSystem, onRow: () => void): Promise<void> {
  const internals = source as unknown as SheetInternals;
  const target = book.addSheet(source.name, {
    state: source.state,
    properties: source.properties,
    views: source.views,
    pageSetup: source.pageSetup,
    headerFooter: source.headerFooter,
    autoFilter: source.autoFilter,
    useSharedStrings: !hasRichText(source),
  });
  const columns = source.columns as ExcelJS.Column[] | null | undefined;
  if (columns && columns.length > 0) {
    target.columns = columns.map((column) => ({ width: column.width, hidden: column.hidden, outlineLevel: column.outlineLevel, style: column.style }) as Partial<ExcelJS.Column>);
  }
  book.addTables(target, loadedTables(source).map(tablePart).filter((p): p is Omit<TablePart, 'id'> => p !== null));
  for (const merge of Object.values(internals._merges ?? {})) target.mergeCells(`${merge.tl}:${merge.br}`);
  (target as unknown as SheetInternals).dataValidations.model = { ...internals.dataValidations.model };
  for (const rule of internals.conditionalFormattings ?? []) target.addConditionalFormatting(rule);
  if (internals.sheetProtection) (target as unknown as SheetInternals).sheetProtection = internals.sheetProtection;

  for (let rowNumber = 1; rowNumber <= source.rowCount; rowNumber++) {
    const row = source.findRow(rowNumber);
    if (!row) continue;
    const out = target.getRow(rowNumber);
    if (row.height !== undefined) out.height = row.height;
    if (row.hidden) out.hidden = true;
    if (row.outlineLevel) out.outlineLevel = row.outlineLevel;
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      const copy = out.getCell(columnNumber);
      const isSlave = cell.isMerged && cell.master !== cell;
      if (!isSlave) copy.value = copyValue(cell, dateSystem);
      copy.style = cell.style;
      if (cell.note) copy.note = cell.note;
    });
    out.commit();
    onRow();
    if (rowNumber % YIELD_EVERY_ROWS === 0) await book.drain(target);
  }
  target.commit();
}
