import type { Issue } from '../core/issue';
import type { InputGrid } from '../workbook/grid';
import { INPUT_SHEETS, SETTINGS_DEFAULTS, type InputColumn, type InputSheetSchema } from '../workbook/inputSheets';
import { dataRowCount, type ColumnSpec, type OutCell, type SheetSpec } from '../workbook/sheetSpec';
import type { ComputedJob } from './computeJob';
import type { ComputeOptions, Grids } from './parsedBook';
import { sampleBook, withSampleSettings } from './sampleBook/sampleBook';
import type { SampleRow } from './sampleBook/sampleRows';

/**
 * Set up workbook: every input sheet with its headers, drop-downs and the Settings defaults;
 * with `sample`, the sample company's book. A sheet that already holds data is left exactly
 * as it is (a Warning says so): Setup never overwrites a user's rows.
 */
export function computeSetup(grids: Grids, options: ComputeOptions): ComputedJob {
  const settingsRows: SampleRow[] = SETTINGS_DEFAULTS.map((s) => ({ Setting: s.setting, Value: s.value, Note: s.note }));
  const book = options.sample ? sampleBook(withSampleSettings(settingsRows)) : null;
  const specs: SheetSpec[] = [];
  const issues: Issue[] = [];
  for (const schema of INPUT_SHEETS) {
    const existing = grids[schema.name] ?? null;
    if (hasData(existing)) {
      issues.push({
        job: 'Setup', severity: 'Warning', sheet: schema.name, cell: `${schema.name}!A1`, column: '', value: '',
        problem: `${schema.name} already has data, so Setup left it as it is`,
        fix: 'Nothing to do; to start afresh, rename or delete the sheet and run Set up again',
      });
      continue;
    }
    const rows = schema.name === 'Settings' ? (book?.Settings ?? settingsRows) : (book?.[schema.name] ?? []);
    specs.push(inputSheetSpec(schema, rows));
  }
  return {
    specs,
    result: {
      job: 'setup',
      sheetsWritten: specs.map((s) => ({ name: s.name, rows: dataRowCount(s) })),
      issues,
      errors: 0,
      warnings: issues.length,
      redFlags: 0,
      summary: [{ label: 'Sample data', value: options.sample ? 'Yes' : 'No' }],
    },
  };
}

function hasData(grid: InputGrid | null): boolean {
  return !!grid && grid.values.slice(1).some((row) => row.some((c) => c !== null && c !== ''));
}

function columnSpec(column: InputColumn): ColumnSpec {
  const width = Math.max(10, Math.min(28, column.header.length + 4));
  switch (column.kind) {
    case 'date': return { header: column.header, kind: 'date', width: 12 };
    case 'money': return { header: column.header, kind: 'money', numberFormat: '#,##0.00##', width };
    case 'decimal': case 'integer': return { header: column.header, kind: 'number', numberFormat: 'General', width };
    // Percent cells hold what the user typed ("8.25%" text or points); keep them as typed.
    default: return { header: column.header, kind: column.kind === 'percent' ? 'number' : 'text', width };
  }
}

export function inputSheetSpec(schema: InputSheetSchema, rows: SampleRow[]): SheetSpec {
  const columns = schema.columns.map(columnSpec);
  if (schema.name === 'Settings') columns.push({ header: 'Note', kind: 'text', width: 60 });
  const headers = columns.map((c) => c.header);
  const cells: OutCell[][] = rows.map((r) => headers.map((h) => r[h] ?? null));
  return {
    name: schema.name,
    tableName: schema.tableName,
    columns,
    rows: cells,
    role: 'input',
    validations: schema.columns.flatMap((c, column) => (c.allowed ? [{ column, list: c.allowed }] : [])),
  };
}
