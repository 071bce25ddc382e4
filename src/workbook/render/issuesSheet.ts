import type { Issue, JobName } from '../../core/issue';
import type { InputGrid } from '../grid';
import type { ColumnSpec, OutCell, SheetSpec } from '../sheetSpec';
import { rowsOfOtherJobs } from './previousRows';

const COLUMNS: ColumnSpec[] = [
  { header: 'Job', kind: 'text', width: 10 },
  { header: 'Severity', kind: 'text', width: 9 },
  { header: 'Sheet', kind: 'text', width: 14 },
  { header: 'Cell', kind: 'text', width: 16 },
  { header: 'Column', kind: 'text', width: 18 },
  { header: 'Value', kind: 'text', width: 20 },
  { header: 'Problem', kind: 'text', width: 50 },
  { header: 'Fix', kind: 'text', width: 50 },
];

/**
 * The Issues sheet: this run's issues plus the rows other jobs left there earlier, so a job
 * replaces only its own rows (workbook.md). Errors get the red fill.
 */
export function renderIssues(issues: Issue[], jobs: JobName[], previous: InputGrid | null): SheetSpec {
  const kept = rowsOfOtherJobs(previous, COLUMNS.map((c) => c.header), jobs);
  const fresh: OutCell[][] = issues.map((i) => [i.job, i.severity, i.sheet, i.cell, i.column, i.value, i.problem, i.fix]);
  const rows = [...kept, ...fresh];
  return {
    name: 'Issues',
    tableName: 'Issues',
    columns: COLUMNS,
    rows,
    flags: rows.flatMap((r, row) => (r[1] === 'Error' ? [{ row, column: 1 }] : [])),
  };
}
