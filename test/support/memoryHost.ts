import type { WorkbookHost, ProgressReporter } from '../../src/hosts/host';
import type { InputGrid, RawCell } from '../../src/workbook/grid';
import { isFormulaCell, materialized, type OutCell, type SheetSpec } from '../../src/workbook/sheetSpec';
import { serialFromDate } from '../../src/core/excelSerial';
import type { CalendarDate } from '../../src/core/calendarDate';

/**
 * A workbook held in memory for job tests: sheets written as SheetSpecs read back as a host
 * would read them (dates as 1900 serials, formulas as their results, text as text).
 */
export class MemoryHost implements WorkbookHost {
  readonly kind = 'xlsx' as const;
  readonly sheets = new Map<string, SheetSpec>();
  writes = 0;

  async dateSystem() { return 1900 as const; }

  async sheetNames() { return [...this.sheets.keys()]; }

  async readInput(name: string): Promise<InputGrid | null> {
    const spec = [...this.sheets.values()].find((s) => s.name.toLowerCase() === name.toLowerCase()
      || s.tableName.toLowerCase() === name.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
    if (!spec) return null;
    const toRaw = (cell: OutCell, column: number): RawCell => {
      if (isFormulaCell(cell)) return cell.result ?? null;
      if (spec.columns[column]?.kind === 'date' && typeof cell === 'number') return serialFromDate(cell as CalendarDate, 1900);
      return cell;
    };
    return {
      sheet: spec.name,
      source: 'table',
      firstRow: 1,
      firstColumn: 1,
      values: [spec.columns.map((c) => c.header), ...spec.rows.map((r) => r.map(toRaw))],
      numberFormats: null,
      dateSystem: 1900,
    };
  }

  async writeSheets(specs: SheetSpec[], progress?: ProgressReporter, signal?: AbortSignal) {
    if (signal?.aborted) throw new Error('aborted');
    this.writes++;
    for (const [i, s] of specs.entries()) {
      // kept as plain rows, as a workbook holds them, so tests read `rows` whatever form the job made
      this.sheets.set(s.name, materialized(s));
      progress?.({ step: `Writing ${s.name}`, fraction: (i + 1) / specs.length });
    }
  }

  /** The data rows of a sheet as objects keyed by header (formulas as their results). */
  table(name: string): Record<string, OutCell>[] {
    const spec = this.sheets.get(name);
    if (!spec) throw new Error(`no sheet ${name}`);
    return spec.rows.map((r) => Object.fromEntries(spec.columns.map((c, i) => [c.header, isFormulaCell(r[i]) ? (r[i] as { result?: OutCell }).result ?? null : r[i]])));
  }
}
