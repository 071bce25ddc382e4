import type { Issue, JobName } from '../../core/issue';
import { addMonthsClamped, CalendarDate, firstOfMonth, toISO } from '../../core/calendarDate';
import { Decimal } from '../../core/decimal';
import type { ProrationMethod, RampRevenue, Settings } from '../../core/model';
import type { Rounding } from '../../core/money';
import { isValidTimeZone } from '../../core/timeZone';
import type { DateSystem } from '../../core/excelSerial';
import type { InputGrid, RawCell } from '../grid';
import { headersMatch } from '../headerMatch';
import { inputSheet, SETTINGS_DEFAULTS } from '../inputSheets';
import {
  CellResult, readCurrency, readDate, readDecimal, readEnum, readInteger, readMonth, readPaymentTerms,
  readPercent, readText,
} from '../cellParse';
import { SheetRow, SheetTable } from './sheetTable';

/**
 * The Settings sheet (two columns, Setting and Value). A blank or missing setting takes its
 * default; a bad value is an Error on its Value cell and the default is used instead.
 */

export interface SettingsOverrides {
  asOfDate?: CalendarDate;
  reconciliationMonth?: CalendarDate;
}

interface CellContext {
  format: string | null;
  dateSystem: DateSystem;
  timeZone: string;
}

type Reader = (raw: RawCell, cell: CellContext) => CellResult<unknown>;

interface SettingRule {
  name: string;
  read: Reader;
  apply: (settings: Settings, value: never) => void;
}

function setting<T>(name: string, read: (raw: RawCell, cell: CellContext) => CellResult<T>, apply: (s: Settings, value: T) => void): SettingRule {
  return { name, read, apply: apply as (s: Settings, value: never) => void };
}

function atLeast(min: number, read: (raw: RawCell) => CellResult<number>): (raw: RawCell) => CellResult<number> {
  return (raw) => {
    const r = read(raw);
    if (r.ok && r.value < min) return { ok: false, problem: `${r.value} is below ${min}`, fix: `Type a number of at least ${min}` };
    return r;
  };
}

function percent(raw: RawCell, cell: CellContext): CellResult<Decimal> {
  const r = readPercent(raw, cell.format);
  if (r.ok && r.value.isNegative()) return { ok: false, problem: `${readText(raw)} is negative`, fix: 'Type a percentage such as 5%' };
  return r;
}

function amount(raw: RawCell): CellResult<Decimal> {
  const r = readDecimal(raw);
  if (r.ok && r.value.isNegative()) return { ok: false, problem: `${readText(raw)} is negative`, fix: 'Type an amount of 0 or more' };
  return r;
}

function hours(raw: RawCell): CellResult<number> {
  const r = amount(raw);
  return r.ok ? { ok: true, value: r.value.toNumber() } : r;
}

function retryDays(raw: RawCell): CellResult<number[]> {
  const fix = 'Type whole days after the first failed attempt in increasing order, e.g. 3, 5, 7';
  const parts = typeof raw === 'number' ? [raw] : readText(raw).split(/[,;\s]+/).filter((p) => p !== '');
  const days: number[] = [];
  for (const part of parts) {
    const r = readInteger(part);
    if (!r.ok || r.value < 1) return { ok: false, problem: `'${readText(raw)}' is not a list of whole days`, fix };
    if (days.length > 0 && r.value <= days[days.length - 1]) return { ok: false, problem: `'${readText(raw)}' is not in increasing order`, fix };
    days.push(r.value);
  }
  return days.length > 0 ? { ok: true, value: days } : { ok: false, problem: 'no days given', fix };
}

function timeZone(raw: RawCell): CellResult<string> {
  const zone = readText(raw);
  return isValidTimeZone(zone)
    ? { ok: true, value: zone }
    : { ok: false, problem: `'${zone}' is not a time zone`, fix: 'Type an IANA time zone such as America/New_York or Europe/Berlin, UTC, or an offset such as +05:30' };
}

function optionalName(raw: RawCell): CellResult<string | null> {
  const text = readText(raw);
  return { ok: true, value: text === '' ? null : text };
}

const RULES: SettingRule[] = [
  setting('Reporting Currency', (raw) => readCurrency(raw), (s, v) => { s.reportingCurrency = v; }),
  setting('Default Payment Terms', (raw) => readPaymentTerms(raw), (s, v) => { s.defaultPaymentTerms = v; }),
  setting('Proration Method', (raw) => readEnum<ProrationMethod>(raw, ['Daily', '30/360', 'None'], { Actual: 'Daily', '30-360': '30/360' }),
    (s, v) => { s.prorationMethod = v; }),
  setting('Rounding', (raw) => readEnum<Rounding>(raw, ['Half Up', 'Half Even'], {
    'Half Up (away from zero)': 'Half Up', 'Half Away From Zero': 'Half Up', "Banker's": 'Half Even', Bankers: 'Half Even',
  }), (s, v) => { s.rounding = v; }),
  setting('Billing Entity', (raw) => ({ ok: true, value: readText(raw) }), (s, v) => { s.billingEntity = v; }),
  setting('Time Zone', timeZone, (s, v) => { s.timeZone = v; }),
  setting('Ramp Revenue', (raw) => readEnum<RampRevenue>(raw, ['Straight-Line', 'As Billed'], { Straight: 'Straight-Line', Ratable: 'Straight-Line' }),
    (s, v) => { s.rampRevenue = v; }),
  setting('As Of Date', (raw, c) => readDate(raw, c.dateSystem, c.timeZone), (s, v) => { s.asOfDate = v; }),
  setting('Reconciliation Month', (raw, c) => readMonth(raw, c.dateSystem, c.timeZone), (s, v) => { s.reconciliationMonth = v; }),
  setting('Discrepancy Amount Threshold', amount, (s, v) => { s.discrepancyAmountThreshold = v; }),
  setting('Discrepancy Percent Threshold', percent, (s, v) => { s.discrepancyPercentThreshold = v; }),
  setting('Failed Payment Rate Red Flag', percent, (s, v) => { s.failedPaymentRateRedFlag = v; }),
  setting('Failed Payment Rate Target', percent, (s, v) => { s.failedPaymentRateTarget = v; }),
  setting('Sync Failure Lookback Days', atLeast(1, readInteger), (s, v) => { s.syncFailureLookbackDays = v; }),
  setting('Sync Failures Per Month Trigger', atLeast(0, readInteger), (s, v) => { s.syncFailuresPerMonthTrigger = v; }),
  setting('Invoice Error Rate Trigger', percent, (s, v) => { s.invoiceErrorRateTrigger = v; }),
  setting('Amendment Volume Trigger', percent, (s, v) => { s.amendmentVolumeTrigger = v; }),
  setting('Billing Lag Target Hours', hours, (s, v) => { s.billingLagTargetHours = v; }),
  setting('Billing Lag Red Flag Hours', hours, (s, v) => { s.billingLagRedFlagHours = v; }),
  setting('Manual Intervention Target', percent, (s, v) => { s.manualInterventionTarget = v; }),
  setting('Manual Intervention Red Flag', percent, (s, v) => { s.manualInterventionRedFlag = v; }),
  setting('Dunning Retry Days', retryDays, (s, v) => { s.dunningRetryDays = v; }),
  setting('CRM', optionalName, (s, v) => { s.crm = v; }),
  setting('Billing Tool', optionalName, (s, v) => { s.billingTool = v; }),
  setting('ERP', optionalName, (s, v) => { s.erp = v; }),
];

/** The settings every book starts from; As Of Date is `today`, the month the one before it. */
export function defaultSettings(today: CalendarDate): Settings {
  return {
    reportingCurrency: 'USD',
    defaultPaymentTerms: { label: 'Net 30', netDays: 30 },
    prorationMethod: 'Daily',
    rounding: 'Half Up',
    billingEntity: 'Default',
    timeZone: 'UTC',
    rampRevenue: 'Straight-Line',
    asOfDate: today,
    reconciliationMonth: monthBefore(today),
    discrepancyAmountThreshold: new Decimal(100),
    discrepancyPercentThreshold: new Decimal('0.01'),
    failedPaymentRateRedFlag: new Decimal('0.1'),
    failedPaymentRateTarget: new Decimal('0.05'),
    syncFailureLookbackDays: 7,
    syncFailuresPerMonthTrigger: 5,
    invoiceErrorRateTrigger: new Decimal('0.02'),
    amendmentVolumeTrigger: new Decimal('0.2'),
    billingLagTargetHours: 24,
    billingLagRedFlagHours: 48,
    manualInterventionTarget: new Decimal('0.1'),
    manualInterventionRedFlag: new Decimal('0.25'),
    dunningRetryDays: [3, 5, 7],
    crm: null,
    billingTool: null,
    erp: null,
  };
}

function monthBefore(date: CalendarDate): CalendarDate {
  return addMonthsClamped(firstOfMonth(date), -1);
}

/** The default as the user would type it, for "the default ... is used". */
function defaultText(name: string, today: CalendarDate): string {
  if (name === 'As Of Date') return `today (${toISO(today)})`;
  if (name === 'Reconciliation Month') return 'the month before the As Of Date';
  const value = SETTINGS_DEFAULTS.find((d) => d.setting === name)?.value ?? '';
  return value === '' ? 'blank' : value;
}

/** Settings sheets without a header row still read: the first two columns are Setting and Value. */
function withHeader(grid: InputGrid): InputGrid {
  const first = grid.values.find((row) => row.some((c) => c !== null && String(c).trim() !== ''));
  const firstName = first ? readText(first[0] ?? '') : '';
  const isHeader = ['Setting', 'Settings', 'Name', 'Parameter'].some((name) => headersMatch(firstName, name));
  if (first && !isHeader) {
    return {
      ...grid,
      firstRow: grid.firstRow - 1,
      values: [['Setting', 'Value'], ...grid.values],
      numberFormats: grid.numberFormats ? [['General', 'General'], ...grid.numberFormats] : null,
    };
  }
  return grid;
}

export function readSettingsSheet(
  grid: InputGrid | null,
  job: JobName,
  today: CalendarDate,
  overrides: SettingsOverrides = {},
): { settings: Settings; issues: Issue[]; rowsRead: number } {
  const settings = defaultSettings(today);
  let asOfFromSheet = false;
  let monthFromSheet = false;
  let issues: Issue[] = [];
  let rowsRead = 0;
  if (grid) {
    const table = new SheetTable(withHeader(grid), inputSheet('Settings').columns, { job, timeZone: 'UTC' });
    rowsRead = table.rows.length;
    const rowsByRule = new Map<SettingRule, SheetRow>();
    for (const row of table.rows) {
      const name = row.text('setting');
      if (name === null || name === '') continue;
      const rule = RULES.find((r) => headersMatch(name, r.name));
      if (!rule) {
        row.warn('setting', `Unknown setting '${name}' is ignored`, `Use one of: ${RULES.map((r) => r.name).join(', ')}`);
      } else if (rowsByRule.has(rule)) {
        row.warn('setting', `${rule.name} is set twice; the first (row ${rowsByRule.get(rule)!.rowNumber}) is used`, 'Delete one of the two rows');
      } else {
        rowsByRule.set(rule, row);
      }
    }
    // Rules run in their own order, so Time Zone is known before any date is read.
    for (const rule of RULES) {
      const row = rowsByRule.get(rule);
      if (!row || row.blank('value')) continue;
      const raw = row.raw('value')!;
      const result = rule.read(raw, { format: row.numberFormat('value'), dateSystem: table.grid.dateSystem, timeZone: settings.timeZone });
      if (!result.ok) {
        row.error('value', `${rule.name}: ${result.problem}; the default ${defaultText(rule.name, today)} is used`, result.fix);
        continue;
      }
      if (result.warning) row.warn('value', `${rule.name}: ${result.warning.problem}`, result.warning.fix);
      rule.apply(settings, result.value as never);
      if (rule.name === 'As Of Date') asOfFromSheet = true;
      if (rule.name === 'Reconciliation Month') monthFromSheet = true;
    }
    issues = table.issues();
  }
  if (overrides.asOfDate !== undefined) settings.asOfDate = overrides.asOfDate;
  else if (!asOfFromSheet) settings.asOfDate = today;
  if (overrides.reconciliationMonth !== undefined) settings.reconciliationMonth = firstOfMonth(overrides.reconciliationMonth);
  else if (!monthFromSheet) settings.reconciliationMonth = monthBefore(settings.asOfDate);
  return { settings, issues, rowsRead };
}
