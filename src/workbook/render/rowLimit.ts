import { dataRowCount, type RowSource, type SheetSpec } from '../sheetSpec';

/** Excel's grid has 1,048,576 rows; one is the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/** Rows [start, end) of a sheet, in the form it holds them: a slice of plain rows, or a window on its row source. */
function rowsBetween(spec: SheetSpec, start: number, end: number): Pick<SheetSpec, 'rows' | 'rowSource'> {
  const source = spec.rowSource;
  if (!source) return { rows: spec.rows.slice(start, end) };
  const window: RowSource = { count: end - start, row: (index) => source.row(start + index) };
  return { rows: [], rowSource: window };
}

/**
 * A sheet longer than Excel allows continues on "Name (2)", "Name (3)"... each its own table
 * with the same columns, so no row is lost and every part opens in Excel.
 */
export function splitAtRowLimit(spec: SheetSpec, maxRows: number = EXCEL_MAX_DATA_ROWS): SheetSpec[] {
  const count = dataRowCount(spec);
  if (count <= maxRows) return [spec];
  const parts: SheetSpec[] = [];
  for (let start = 0, part = 1; start < count; start += maxRows, part++) {
    const end = Math.min(start + maxRows, count);
    const { rowSource: _whole, ...rest } = spec;
    parts.push({
      ...rest,
      name: part === 1 ? spec.name : `${spec.name} (${part})`,
      tableName: part === 1 ? spec.tableName : `${spec.tableName}${part}`,
      ...rowsBetween(spec, start, end),
      rowCurrency: spec.rowCurrency?.slice(start, end),
      flags: spec.flags?.filter((f) => f.row >= start && f.row < end).map((f) => ({ row: f.row - start, column: f.column })),
      totalsRow: end === count ? spec.totalsRow : undefined,
    });
  }
  return parts;
}
