import { ExcelHost } from '../src/hosts/excel/excelHost';
import { createFakeExcel } from '../test/support/fakeExcel';
import type { SheetSpec } from '../src/workbook/sheetSpec';

/**
 * The Excel host writing one large output sheet into the in-memory fake, which counts syncs and
 * measures each request as it would travel to Excel on the web.
 */
export async function benchExcelHost(rows: number): Promise<Record<string, number>> {
  const fake = createFakeExcel({ Contracts: [['Contract ID'], ['C-1']] });
  const host = new ExcelHost(fake.run);
  const columns = 21;
  const spec: SheetSpec = {
    name: 'Billing Schedule',
    tableName: 'BillingSchedule',
    columns: Array.from({ length: columns }, (_, c) => ({ header: `Column ${c + 1}`, kind: c % 4 === 0 ? 'text' : c % 4 === 1 ? 'date' : 'money' })),
    rows: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => (c % 4 === 0 ? `C-${r}` : c % 4 === 1 ? 20000 + (r % 700) : (r * 7 + c) / 100))),
  };
  const t = process.hrtime.bigint();
  await host.writeSheets([spec]);
  const cells = (rows + 1) * columns;
  return {
    rows,
    cells,
    'write s (fake)': Math.round(Number(process.hrtime.bigint() - t) / 1e6) / 1000,
    syncs: fake.stats.syncs,
    'sync limit': Math.ceil(cells / 10_000) + 3,
    'largest request KB': Math.round(fake.stats.largestRequestBytes / 1024),
    'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
