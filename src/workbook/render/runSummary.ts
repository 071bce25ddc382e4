import type { JobName } from '../../core/issue';
import type { ControlTotal } from '../../core/model';
import type { InputGrid } from '../grid';
import type { ColumnSpec, OutCell, SheetSpec } from '../sheetSpec';
import { dateCell, moneyCell, yesNo } from './cells';
import { rowsOfOtherJobs } from './previousRows';
import type { CalendarDate } from '../../core/calendarDate';

export interface RunRecord {
  job: JobName;
  asOfDate: CalendarDate;
  settingsUsed: string;
  rowsRead: Record<string, number>;
  errors: number;
  warnings: number;
  /** bill only: one row per currency */
  controlTotals: ControlTotal[];
}

const COLUMNS: ColumnSpec[] = [
  { header: 'Job', kind: 'text', width: 10 },
  { header: 'As Of Date', kind: 'date', width: 12 },
  { header: 'Settings Used', kind: 'text', width: 50 },
  { header: 'Rows Read', kind: 'text', width: 50 },
  { header: 'Errors', kind: 'integer', width: 8 },
  { header: 'Warnings', kind: 'integer', width: 9 },
  { header: 'Currency', kind: 'text', width: 9 },
  { header: 'Billing Schedule Net Amount', kind: 'money', width: 16 },
  { header: 'Draft Invoices Subtotal', kind: 'money', width: 16 },
  { header: 'Revenue Schedule Billed', kind: 'money', width: 16 },
  { header: 'Ties', kind: 'text', width: 6 },
];

/**
 * Run Summary: one row per job run (per currency for billing, with the control totals that must
 * tie). Rows other jobs wrote earlier stay. No clock time, so a re-run gives the same sheet.
 */
export function renderRunSummary(records: RunRecord[], previous: InputGrid | null): SheetSpec {
  const kept = rowsOfOtherJobs(previous, COLUMNS.map((c) => c.header), records.map((r) => r.job));
  const fresh: OutCell[][] = [];
  const rowCurrency: (string | null)[] = kept.map(() => null);
  for (const r of records) {
    const rowsRead = Object.entries(r.rowsRead).map(([sheet, n]) => `${sheet} ${n}`).join('; ');
    const common: OutCell[] = [r.job, dateCell(r.asOfDate), r.settingsUsed, rowsRead, r.errors, r.warnings];
    if (r.controlTotals.length === 0) {
      fresh.push([...common, '', null, null, null, '']);
      rowCurrency.push(null);
    }
    for (const t of r.controlTotals) {
      fresh.push([...common, t.currency, moneyCell(t.scheduleNet), moneyCell(t.documentSubtotal), moneyCell(t.revenueBilled), yesNo(t.ties)]);
      rowCurrency.push(t.currency);
    }
  }
  const rows = [...kept, ...fresh];
  return {
    name: 'Run Summary',
    tableName: 'RunSummary',
    columns: COLUMNS,
    rows,
    rowCurrency,
    flags: rows.flatMap((row, i) => (row[10] === 'No' ? [{ row: i, column: 10 }] : [])),
  };
}
