/**
 * Fills the browser test's fake workbook with the benchmark book (bench/syntheticBook.ts), where
 * the fake lives (its Worker): generating it there is far quicker than shipping its cells from node.
 */
import { syntheticBook } from '../../bench/syntheticBook';
import { sampleGrid } from '../../src/jobs/sampleBook/sampleBook';
import { DATE_FORMAT } from '../../src/workbook/sheetSpec';
import { columnLetter } from '../../src/workbook/grid';
import { INPUT_SHEETS, type InputSheetName } from '../../src/workbook/inputSheets';
import type { FakeExcel } from '../support/fakeExcel';

/** Data rows written per sheet. */
export function seedLargeBook(fake: FakeExcel, contracts: number): Record<string, number> {
  const book = syntheticBook(contracts);
  const rows: Record<string, number> = {};
  for (const [name, sheetRows] of Object.entries(book)) {
    const sheet = name as InputSheetName;
    const grid = sampleGrid(sheet, sheetRows ?? []);
    fake.seedSheet(sheet, grid.values);
    rows[sheet] = grid.values.length - 1;
    // dates shown as dates, as a typed or pasted book has them
    const columns = INPUT_SHEETS.find((s) => s.name === sheet)?.columns ?? [];
    columns.forEach((column, c) => {
      if (column.kind === 'date' && grid.values.length > 1) {
        const letter = columnLetter(c + 1);
        fake.setNumberFormat(sheet, `${letter}2:${letter}${grid.values.length}`, DATE_FORMAT);
      }
    });
  }
  return rows;
}
