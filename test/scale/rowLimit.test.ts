import { splitAtRowLimit, EXCEL_MAX_DATA_ROWS } from '../../src/workbook/render/rowLimit';
import type { SheetSpec } from '../../src/workbook/sheetSpec';

function schedule(rows: number): SheetSpec {
  return {
    name: 'Billing Schedule',
    tableName: 'BillingSchedule',
    columns: [{ header: 'Contract ID', kind: 'text' }, { header: 'Net Amount', kind: 'money' }],
    rows: Array.from({ length: rows }, (_, i) => [`C-${i}`, i + 0.25]),
    rowCurrency: Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 'USD' : 'EUR')),
    flags: [{ row: 0, column: 1 }, { row: 4, column: 1 }, { row: 6, column: 0 }],
    totalsRow: ['Total', { formula: 'SUBTOTAL(109,[Net Amount])', result: 1 }],
  };
}

describe('splitAtRowLimit', () => {
  it("keeps a sheet within Excel's 1,048,575 data rows whole", () => {
    expect(EXCEL_MAX_DATA_ROWS).toBe(1_048_575);
    const spec = schedule(3);
    expect(splitAtRowLimit(spec, 3)).toEqual([spec]);
  });

  it('continues on "Name (2)", "Name (3)" with the same columns, no row lost, flags and currencies following their rows', () => {
    const parts = splitAtRowLimit(schedule(7), 3);
    expect(parts.map((p) => p.name)).toEqual(['Billing Schedule', 'Billing Schedule (2)', 'Billing Schedule (3)']);
    expect(parts.map((p) => p.tableName)).toEqual(['BillingSchedule', 'BillingSchedule2', 'BillingSchedule3']);
    expect(parts.map((p) => p.rows.map((r) => r[0]))).toEqual([['C-0', 'C-1', 'C-2'], ['C-3', 'C-4', 'C-5'], ['C-6']]);
    expect(parts.map((p) => p.rowCurrency)).toEqual([['USD', 'EUR', 'USD'], ['EUR', 'USD', 'EUR'], ['USD']]);
    expect(parts.map((p) => p.flags)).toEqual([[{ row: 0, column: 1 }], [{ row: 1, column: 1 }], [{ row: 0, column: 0 }]]);
    for (const p of parts) expect(p.columns).toEqual(schedule(1).columns);
    // the totals row closes the last part only, where the table ends
    expect(parts.map((p) => p.totalsRow === undefined)).toEqual([true, true, false]);
  });
});
