import { OfficeMockObject } from 'office-addin-mock';
import { ExcelHost } from '../../src/hosts/excel/excelHost';

/**
 * Shape tests with Microsoft's office-addin-mock: it refuses a property read before load and
 * sync, so these catch a host that reads what it never loaded. It has no Excel semantics and
 * counts no syncs: chunking, sync counts and payload limits are tested against
 * test/support/fakeExcel.ts instead. Its objects report isNullObject only once loaded by name,
 * unlike Office.js, so the null-object paths (getItemOrNullObject) are tested on the fake too.
 */
function mockExcel(workbook: Record<string, unknown>): typeof Excel.run {
  const mock = new OfficeMockObject({
    context: { workbook },
    run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  }) as unknown as { run: typeof Excel.run };
  return mock.run.bind(mock) as typeof Excel.run;
}

/** DATE(1904,1,1) answers 0 in a 1904 workbook and 1462 in a 1900 one. */
function functions(dateValue: number) {
  return { probe: { value: dateValue }, date: function (this: { probe: unknown }) { return this.probe; } };
}

describe('Excel host against office-addin-mock', () => {
  test('detects the date system from DATE(1904,1,1) after loading its value', async () => {
    expect(await new ExcelHost(mockExcel({ functions: functions(0) })).dateSystem()).toBe(1904);
    expect(await new ExcelHost(mockExcel({ functions: functions(1462) })).dateSystem()).toBe(1900);
  });
});
