import { toISO, fromISO } from '../core/calendarDate';
import { dateFromSerial, type DateSystem } from '../core/excelSerial';
import { normaliseName, splitAddress, type PaneHost, type SettingRow } from './paneHost';

/**
 * PaneHost inside Excel. Every failure is rethrown with what the pane was doing, so the user
 * reads "Could not select Contracts!F14: ..." rather than a bare Office error code; nothing is
 * swallowed.
 */

const SETTINGS_SHEET = 'Settings';
const KPI_SHEET = 'KPIs';
const KPI_CHART_PREFIX = 'Q2C KPI ';

/** Which KPI columns share a chart (one axis scale per chart). */
const KPI_CHARTS: { title: string; columns: string[] }[] = [
  { title: 'Rates', columns: ['Invoice Accuracy Rate', 'Failed Payment Rate', 'Manual Intervention Rate', 'Dunning Recovery Rate'] },
  { title: 'Billing lag (hours)', columns: ['Median Billing Lag (h)'] },
  { title: 'DSO (days)', columns: ['DSO'] },
];

export class PaneHostError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'PaneHostError';
  }
}

/** Excel.run, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

async function withContext<T>(run: ExcelRun, doing: string, action: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await run(action);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    throw new PaneHostError(`Could not ${doing}: ${message}`, typeof code === 'string' ? code : undefined, error);
  }
}

function notFound(message: string): PaneHostError {
  return new PaneHostError(message, 'ItemNotFound', undefined);
}

async function requireSheet(context: Excel.RequestContext, name: string): Promise<Excel.Worksheet> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (sheet.isNullObject) throw notFound(`there is no sheet named "${name}" in this workbook`);
  return sheet;
}

export interface OfficePaneHostOptions {
  run: ExcelRun;
  /** the workbook's date system, as the Excel host detects it (Office.js has no property for it) */
  dateSystem: () => Promise<DateSystem>;
}

export function createOfficePaneHost({ run, dateSystem }: OfficePaneHostOptions): PaneHost {
  return {
    activateSheet: (name) =>
      withContext(run, `open the sheet "${name}"`, async (context) => {
        const sheet = await requireSheet(context, name);
        sheet.activate();
        await context.sync();
      }),

    selectCell: (address) =>
      withContext(run, `select ${address}`, async (context) => {
        const { sheet: sheetName, cell } = splitAddress(address);
        const sheet = await requireSheet(context, sheetName);
        sheet.activate();
        if (cell) sheet.getRange(cell).select();
        await context.sync();
      }),

    readSettings: async () => {
      const system = await dateSystem();
      return withContext(run, 'read the Settings sheet', async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
        await context.sync();
        if (sheet.isNullObject) return [];
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load(['values', 'text', 'numberFormat']);
        await context.sync();
        if (used.isNullObject) return [];
        return settingRows(used.values, used.text, used.numberFormat, system);
      });
    },

    writeSettingValue: (setting, value) =>
      withContext(run, `change the setting "${setting}"`, async (context) => {
        const sheet = await requireSheet(context, SETTINGS_SHEET);
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load(['values', 'rowIndex', 'columnIndex']);
        await context.sync();
        const target = used.isNullObject ? null : locateValueCell(used.values, setting);
        if (!target) throw notFound(`the Settings sheet has no row "${setting}" under a Setting / Value header`);
        sheet.getRangeByIndexes(used.rowIndex + target.row, used.columnIndex + target.column, 1, 1).values = [[value]];
        await context.sync();
      }),

    addKpiCharts: () =>
      withContext(run, 'draw the KPI charts', async (context) => {
        const sheet = await requireSheet(context, KPI_SHEET);
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load(['values', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
        sheet.charts.load('items/name');
        await context.sync();
        if (used.isNullObject) return 0;
        const header = (used.values[0] ?? []).map((cell) => normaliseName(String(cell)));
        const monthColumn = header.indexOf(normaliseName('Month'));
        const months = used.values.slice(1).filter((row) => row[monthColumn] !== '' && row[monthColumn] !== null).length;
        if (monthColumn < 0 || months === 0) return 0;
        // A re-run replaces the charts the pane drew before instead of stacking new ones.
        for (const chart of sheet.charts.items) if (chart.name.startsWith(KPI_CHART_PREFIX)) chart.delete();
        const column = (index: number) => sheet.getRangeByIndexes(used.rowIndex + 1, used.columnIndex + index, months, 1);
        const firstFreeColumn = used.columnIndex + used.columnCount + 1;
        let drawn = 0;
        for (const group of KPI_CHARTS) {
          const indexes = group.columns.map((name) => header.indexOf(normaliseName(name))).filter((i) => i >= 0);
          if (indexes.length === 0) continue;
          const chart = sheet.charts.add('Line', column(indexes[0]), 'Columns');
          chart.name = KPI_CHART_PREFIX + group.title;
          chart.title.text = group.title;
          chart.legend.position = 'Bottom';
          const first = chart.series.getItemAt(0);
          first.name = String(used.values[0][indexes[0]]);
          first.setXAxisValues(column(monthColumn));
          for (const index of indexes.slice(1)) {
            const series = chart.series.add(String(used.values[0][index]));
            series.setValues(column(index));
            series.setXAxisValues(column(monthColumn));
          }
          const top = used.rowIndex + drawn * 16;
          chart.setPosition(sheet.getRangeByIndexes(top, firstFreeColumn, 15, 8));
          drawn++;
        }
        await context.sync();
        return drawn;
      }),
  };
}

interface HeaderPosition {
  headerRow: number;
  settingColumn: number;
  valueColumn: number;
}

function findHeader(values: unknown[][]): HeaderPosition | null {
  for (let row = 0; row < values.length; row++) {
    const names = values[row].map((cell) => normaliseName(String(cell ?? '')));
    const settingColumn = names.indexOf('setting');
    const valueColumn = names.indexOf('value');
    if (settingColumn >= 0 && valueColumn >= 0) return { headerRow: row, settingColumn, valueColumn };
  }
  return null;
}

/** The Value cell (0-based within `values`) of the row whose Setting matches `setting`. */
export function locateValueCell(values: unknown[][], setting: string): { row: number; column: number } | null {
  const header = findHeader(values);
  if (!header) return null;
  const wanted = normaliseName(setting);
  for (let row = header.headerRow + 1; row < values.length; row++) {
    if (normaliseName(String(values[row][header.settingColumn] ?? '')) === wanted) {
      return { row, column: header.valueColumn };
    }
  }
  return null;
}

const DATE_FORMAT = /(^|[^"\\])[dmy]/i;

export function settingRows(values: unknown[][], text: string[][], formats: unknown[][], system: DateSystem): SettingRow[] {
  const header = findHeader(values);
  if (!header) return [];
  const rows: SettingRow[] = [];
  for (let row = header.headerRow + 1; row < values.length; row++) {
    const setting = String(values[row][header.settingColumn] ?? '').trim();
    if (!setting) continue;
    const raw = values[row][header.valueColumn];
    const shown = text[row]?.[header.valueColumn] ?? String(raw ?? '');
    const format = String(formats[row]?.[header.valueColumn] ?? 'General');
    let isoDate: string | null = null;
    if (typeof raw === 'number' && format !== 'General' && DATE_FORMAT.test(format)) {
      const date = dateFromSerial(raw, system);
      isoDate = date === null ? null : toISO(date);
    } else if (typeof raw === 'string') {
      const date = fromISO(raw.trim().slice(0, 10));
      isoDate = date === null ? null : toISO(date);
    }
    rows.push({ setting, text: shown, isoDate });
  }
  return rows;
}
