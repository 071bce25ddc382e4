import { serialFromDate } from '../../core/excelSerial';
import type { CalendarDate } from '../../core/calendarDate';
import { billBook } from '../../core/bill';
import type { InputGrid, RawCell } from '../../workbook/grid';
import { INPUT_SHEETS, type InputSheetName } from '../../workbook/inputSheets';
import { parseBillingInputs } from '../../workbook/parseInputs';
import { sampleContracts } from './sampleContracts';
import { sampleExports } from './sampleExports';
import type { SampleRow } from './sampleRows';
import {
  SAMPLE_AS_OF, sampleAmendments, sampleFxRates, sampleMilestones, samplePriceTiers, sampleSettingValues,
  sampleTaxRates, sampleUsage,
} from './sampleSheets';
import { fromISO } from '../../core/calendarDate';

export type SampleBook = Record<InputSheetName, SampleRow[]>;

/**
 * Every input sheet of the sample book. The billing-system exports are derived from what the
 * billing core expects for these contracts, then the planted discrepancies are applied.
 */
export function sampleBook(settingsRows: SampleRow[]): SampleBook {
  const inputs: Omit<SampleBook, 'Invoices' | 'Payments' | 'Sync Log'> = {
    Contracts: sampleContracts(),
    Amendments: sampleAmendments(),
    Milestones: sampleMilestones(),
    Usage: sampleUsage(),
    'Price Tiers': samplePriceTiers(),
    'FX Rates': sampleFxRates(),
    'Tax Rates': sampleTaxRates(),
    Settings: settingsRows,
  };
  const grids = Object.fromEntries(
    Object.entries(inputs).map(([name, rows]) => [name, sampleGrid(name as InputSheetName, rows)]),
  );
  const asOf = fromISO(SAMPLE_AS_OF) as CalendarDate;
  const parsed = parseBillingInputs(grids, { job: 'Setup', today: asOf });
  const exports = sampleExports(billBook(parsed.inputs), parsed.inputs.contracts);
  return { ...inputs, Invoices: exports.invoices, Payments: exports.payments, 'Sync Log': exports.syncLog };
}

/** The Settings rows Setup writes: the defaults, with the sample company's values where it has its own. */
export function withSampleSettings(defaults: SampleRow[]): SampleRow[] {
  const own = sampleSettingValues();
  return defaults.map((r) => (String(r.Setting) in own ? { ...r, Value: own[String(r.Setting)] } : r));
}

/** A sample sheet as a host would hand it over (dates as 1900-system serials), for parsing. */
export function sampleGrid(name: InputSheetName, rows: SampleRow[]): InputGrid {
  const schema = INPUT_SHEETS.find((s) => s.name === name);
  const headers = schema ? schema.columns.map((c) => c.header) : Object.keys(rows[0] ?? {});
  const dateHeaders = new Set(schema?.columns.filter((c) => c.kind === 'date').map((c) => c.header) ?? []);
  const cell = (header: string, value: SampleRow[string] | undefined): RawCell => {
    if (value === undefined || value === null) return null;
    if (dateHeaders.has(header) && typeof value === 'number') return serialFromDate(value as CalendarDate, 1900);
    return value;
  };
  return {
    sheet: name,
    source: 'table',
    firstRow: 1,
    firstColumn: 1,
    values: [headers, ...rows.map((r) => headers.map((h) => cell(h, r[h])))],
    numberFormats: null,
    dateSystem: 1900,
  };
}
