import type { SheetSpec } from '../sheetSpec';

/** Excel's grid has 1,048,576 rows; one is the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * A sheet longer than Excel allows continues on "Name (2)", "Name (3)"... each its own table
 * with the same columns, so no row is lost and every part opens in Excel.
 */
export function splitAtRowLimit(spec: SheetSpec, maxRows: number = EXCEL_MAX_DATA_ROWS): SheetSpec[] {
  if (spec.rows.length <= maxRows) return [spec];
  const parts: SheetSpec[] = [];
  for (let start = 0, part = 1; start < spec.rows.length; start += maxRows, part++) {
    const end = Math.min(start + maxRows, spec.rows.length);
    parts.push({
      ...spec,
      name: part === 1 ? spec.name : `${spec.name} (${part})`,
      tableName: part === 1 ? spec.tableName : `${spec.tableName}${part}`,
      rows: spec.rows.slice(start, end),
      rowCurrency: spec.rowCurrency?.slice(start, end),
      flags: spec.flags?.filter((f) => f.row >= start && f.row < end).map((f) => ({ row: f.row - start, column: f.column })),
      totalsRow: end === spec.rows.length ? spec.totalsRow : undefined,
    });
  }
  return parts;
}
