import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { Decimal } from '../../src/core/decimal';
import type { Issue, SourceRow } from '../../src/core/issue';
import type { Amendment, ContractLine, FxRate, Milestone, PaymentTerms, PriceTier, Settings, TaxRate, UsageRecord } from '../../src/core/model';
import type { AnalysisInput } from '../../src/analysis/analyzeBook';
import type { ColumnStat, ContractRowRecord } from '../../src/analysis/model';
import type { InputGrid, RawCell } from '../../src/workbook/grid';
import { isFormulaCell, type SheetSpec } from '../../src/workbook/sheetSpec';

/** Small books for the analysis tests: Contracts rows as a user would type them. */

export const FIELDS: (keyof ContractLine)[] = [
  'contractId', 'customer', 'customerId', 'billingEntity', 'product', 'startDate', 'endDate', 'termMonths', 'billingFrequency',
  'billingTiming', 'billingAnchor', 'pricingModel', 'quantity', 'unitPrice', 'priceBasis', 'totalContractValue', 'discountPct',
  'currency', 'paymentTerms', 'paymentMethod', 'taxJurisdiction', 'taxExempt', 'usageMetric', 'includedUnits', 'tierTable',
  'packageSize', 'minimumCommit', 'salesChannel', 'closeDate', 'stage', 'owner', 'poNumber', 'billingContact', 'billingEmail',
  'billToAddress',
];

function letter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : 'A' + String.fromCharCode(65 + i - 26);
}

export const HEADERS: Record<string, string> = {
  contractId: 'Contract ID', customer: 'Customer', customerId: 'Customer ID', billingEntity: 'Billing Entity', product: 'Product',
  startDate: 'Start Date', endDate: 'End Date', termMonths: 'Term (Months)', billingFrequency: 'Billing Frequency',
  billingTiming: 'Billing Timing', billingAnchor: 'Billing Anchor', pricingModel: 'Pricing Model', quantity: 'Quantity',
  unitPrice: 'Unit Price', priceBasis: 'Price Basis', totalContractValue: 'Total Contract Value', discountPct: 'Discount %',
  currency: 'Currency', paymentTerms: 'Payment Terms', paymentMethod: 'Payment Method', taxJurisdiction: 'Tax Jurisdiction',
  taxExempt: 'Tax Exempt', usageMetric: 'Usage Metric', includedUnits: 'Included Units', tierTable: 'Tier Table',
  packageSize: 'Package Size', minimumCommit: 'Minimum Commit', salesChannel: 'Sales Channel', closeDate: 'Close Date',
  stage: 'Stage', owner: 'Owner', poNumber: 'PO Number', billingContact: 'Billing Contact', billingEmail: 'Billing Email',
  billToAddress: 'Bill-To Address',
};

export function columnOf(field: string): string {
  return letter(FIELDS.indexOf(field as keyof ContractLine));
}

function source(row: number, sheet = 'Contracts'): SourceRow {
  return {
    sheet,
    row,
    columns: Object.fromEntries(FIELDS.map((f, i) => [f, letter(i)])),
    headers: HEADERS,
  };
}

export function date(iso: string): CalendarDate {
  const d = fromISO(iso);
  if (d === null) throw new Error(iso);
  return d;
}

export function terms(label: string): PaymentTerms {
  if (label === 'Due on Receipt') return { label, netDays: 0 };
  return { label, netDays: Number(label.replace('Net ', '')) };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    reportingCurrency: 'USD', defaultPaymentTerms: terms('Net 30'), prorationMethod: 'Daily', rounding: 'Half Up',
    billingEntity: 'Default', timeZone: 'UTC', rampRevenue: 'Straight-Line', asOfDate: date('2026-06-30'),
    reconciliationMonth: date('2026-05-01'), discrepancyAmountThreshold: new Decimal(100), discrepancyPercentThreshold: new Decimal('0.01'),
    failedPaymentRateRedFlag: new Decimal('0.1'), failedPaymentRateTarget: new Decimal('0.05'), syncFailureLookbackDays: 7,
    syncFailuresPerMonthTrigger: 5, invoiceErrorRateTrigger: new Decimal('0.02'), amendmentVolumeTrigger: new Decimal('0.2'),
    billingLagTargetHours: 24, billingLagRedFlagHours: 48, manualInterventionTarget: new Decimal('0.1'),
    manualInterventionRedFlag: new Decimal('0.25'), dunningRetryDays: [3, 5, 7], crm: null, billingTool: null, erp: null,
    ...overrides,
  };
}

/** What a user typed on one Contracts row; dates ISO, numbers plain, discount as a fraction. */
export type Typed = Partial<Record<keyof ContractLine, string | number | boolean>>;

const DATES = new Set(['startDate', 'endDate', 'closeDate']);
const DECIMALS = new Set(['quantity', 'unitPrice', 'totalContractValue', 'discountPct', 'includedUnits', 'packageSize', 'minimumCommit']);

export interface RowOptions {
  /** fields typed but unreadable: kept as the raw cell, absent from the line, with an Error Issue */
  bad?: Typed;
  book?: Settings;
}

/** One Contracts row the way the parser hands it over: typed values read, blanks defaulted. */
export function row(rowNumber: number, typed: Typed, options: RowOptions = {}): ContractRowRecord {
  const s = options.book ?? settings();
  const src = source(rowNumber);
  const line: Partial<ContractLine> = { source: src };
  const cells: Record<string, RawCell> = {};
  const issues: Issue[] = [];
  const target = line as Record<string, unknown>;
  for (const [field, value] of Object.entries(typed)) {
    if (value === undefined) continue;
    cells[field] = value as RawCell;
    if (DATES.has(field)) target[field] = date(String(value));
    else if (DECIMALS.has(field)) target[field] = new Decimal(value as number);
    else if (field === 'paymentTerms') target[field] = terms(String(value));
    else target[field] = value;
  }
  for (const [field, value] of Object.entries(options.bad ?? {})) {
    cells[field] = value as RawCell;
    delete target[field];
    issues.push({
      job: 'Analyze', severity: 'Error', sheet: 'Contracts', cell: `Contracts!${columnOf(field)}${rowNumber}`, column: HEADERS[field],
      value: String(value), problem: `${HEADERS[field]} '${value}' cannot be read`, fix: 'Retype it',
    });
  }
  const defaults: Partial<ContractLine> = {
    billingTiming: 'Advance', billingAnchor: 'Anniversary', pricingModel: 'Flat', quantity: new Decimal(1), discountPct: new Decimal(0),
    currency: s.reportingCurrency, paymentTerms: s.defaultPaymentTerms, billingEntity: s.billingEntity, taxExempt: false,
  };
  for (const [field, value] of Object.entries(defaults)) if (!(field in cells) && target[field] === undefined) target[field] = value;
  if (line.termMonths !== undefined && line.endDate === undefined && line.startDate !== undefined) {
    // End = Start + Term months - 1 day, as the parser derives it
    const start = new Date(`${typed.startDate}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() + Number(line.termMonths));
    start.setUTCDate(start.getUTCDate() - 1);
    line.endDate = date(start.toISOString().slice(0, 10));
  }
  return { source: src, line, issues, billable: issues.length === 0, cells };
}

/** A clean, billing-ready line; override what the test is about. */
export function cleanRow(rowNumber: number, typed: Typed = {}, options: RowOptions = {}): ContractRowRecord {
  return row(rowNumber, {
    contractId: `C${rowNumber}`, customer: `Customer ${rowNumber}`, product: 'Platform', startDate: '2026-01-01', endDate: '2026-12-31',
    billingFrequency: 'Monthly', unitPrice: 1000, currency: 'USD', paymentTerms: 'Net 30', closeDate: '2025-12-15', stage: 'Closed Won',
    ...typed,
  }, options);
}

/** Column stats as the parser counts them, from the rows' cells. */
export function columnStats(rows: ContractRowRecord[], fields: string[] = FIELDS): ColumnStat[] {
  return fields.map((field) => {
    const filled = rows.filter((r) => r.cells && r.cells[field] !== undefined && r.cells[field] !== null && r.cells[field] !== '').length;
    const invalid = rows.filter((r) => r.issues.some((i) => i.severity === 'Error' && i.cell === `Contracts!${columnOf(field)}${r.source.row}`));
    return {
      header: HEADERS[field], field, rows: rows.length, filled, valid: filled - invalid.length,
      examples: invalid.slice(0, 3).flatMap((r) => r.issues.filter((i) => i.cell === `Contracts!${columnOf(field)}${r.source.row}`).map((i) => `${i.cell}: ${i.problem}`)),
    };
  });
}

export interface BookExtras {
  amendments?: Amendment[];
  milestones?: Milestone[];
  usage?: UsageRecord[];
  priceTiers?: PriceTier[];
  taxRates?: TaxRate[];
  fxRates?: FxRate[];
  settings?: Settings;
  headers?: string[];
}

export function input(rows: ContractRowRecord[], extras: BookExtras = {}): AnalysisInput {
  return {
    contracts: rows.filter((r) => r.billable).map((r) => r.line as ContractLine),
    contractRows: rows,
    columnStats: columnStats(rows),
    amendments: extras.amendments ?? [],
    milestones: extras.milestones ?? [],
    usage: extras.usage ?? [],
    priceTiers: extras.priceTiers ?? [],
    taxRates: extras.taxRates ?? [],
    fxRates: extras.fxRates ?? [],
    settings: extras.settings ?? settings(),
    contractHeaders: extras.headers ?? FIELDS.map((f) => HEADERS[f]),
  };
}

const otherSource = (sheet: string, rowNumber: number): SourceRow => ({ sheet, row: rowNumber, columns: {}, headers: {} });

export function amendment(contractId: string, rowNumber = 2): Amendment {
  return {
    amendmentId: `A-${rowNumber}`, contractId, product: 'Platform', effectiveDate: date('2026-07-01'), type: 'Upgrade',
    newQuantity: new Decimal(2), newUnitPrice: null, proration: 'Daily', bookedDate: date('2026-07-01'), note: null,
    source: otherSource('Amendments', rowNumber),
  };
}

export function usageRecord(contractId: string, metric: string, rowNumber = 2): UsageRecord {
  return { contractId, usageMetric: metric, date: date('2026-02-10'), quantity: new Decimal(100), source: otherSource('Usage', rowNumber) };
}

export function fxRate(currency: string, rate: string, asOf = '2026-01-01'): FxRate {
  return { currency, rate: new Decimal(rate), asOf: date(asOf), source: otherSource('FX Rates', 2) };
}

export function taxRate(jurisdiction: string, rate = '0.0725'): TaxRate {
  return { jurisdiction, rate: new Decimal(rate), taxName: 'Sales Tax', effectiveFrom: null, source: otherSource('Tax Rates', 2) };
}

/** An output sheet as the host reads it back on the next run. */
export function asGrid(spec: SheetSpec, edit?: (values: RawCell[][]) => void): InputGrid {
  const values: RawCell[][] = [spec.columns.map((c) => c.header), ...spec.rows.map((r) => r.map((c) => (isFormulaCell(c) ? (c.result ?? null) : c)))];
  edit?.(values);
  return { sheet: spec.name, source: 'table', firstRow: 1, firstColumn: 1, values, numberFormats: null, dateSystem: 1900 };
}

