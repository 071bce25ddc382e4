import { plainContractLine } from '../../support/contractLine';
import { type CalendarDate, fromISO, toISO } from '../../../src/core/calendarDate';
import { Decimal } from '../../../src/core/decimal';
import type {
  BillingInputs, ContractLine, FxRate, ScheduleLine, Settings, TaxRate,
} from '../../../src/core/model';
import type { SourceRow } from '../../../src/core/issue';

/** Small fixtures for the documents and revenue tests: ScheduleLines built by hand. */

export function d(iso: string): CalendarDate {
  const date = fromISO(iso);
  if (date === null) throw new Error(`bad test date ${iso}`);
  return date;
}

export const iso = toISO;

export function dec(value: string | number): Decimal {
  return new Decimal(value);
}

export function sourceRow(sheet: string, row: number): SourceRow {
  return {
    sheet,
    row,
    columns: { contractId: 'A', taxJurisdiction: 'U', rate: 'B', asOf: 'C' },
    headers: { contractId: 'Contract ID', taxJurisdiction: 'Tax Jurisdiction' },
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    reportingCurrency: 'USD',
    defaultPaymentTerms: { label: 'Net 30', netDays: 30 },
    prorationMethod: 'Daily',
    rounding: 'Half Up',
    billingEntity: 'Default',
    timeZone: 'UTC',
    rampRevenue: 'Straight-Line',
    asOfDate: d('2026-03-15'),
    reconciliationMonth: d('2026-02-01'),
    discrepancyAmountThreshold: dec(100),
    discrepancyPercentThreshold: dec('0.01'),
    failedPaymentRateRedFlag: dec('0.1'),
    failedPaymentRateTarget: dec('0.05'),
    syncFailureLookbackDays: 7,
    syncFailuresPerMonthTrigger: 5,
    invoiceErrorRateTrigger: dec('0.02'),
    amendmentVolumeTrigger: dec('0.2'),
    billingLagTargetHours: 24,
    billingLagRedFlagHours: 48,
    manualInterventionTarget: dec('0.1'),
    manualInterventionRedFlag: dec('0.25'),
    dunningRetryDays: [3, 5, 7],
    crm: null,
    billingTool: null,
    erp: null,
    ...overrides,
  };
}

/** Contract line at sheet row `row` (index row - 2 when built in order). */
export function contractLine(row: number, overrides: Partial<ContractLine> = {}): ContractLine {
  return plainContractLine(sourceRow('Contracts', row), overrides);
}

export function inputs(overrides: Partial<BillingInputs> = {}): BillingInputs {
  return {
    contracts: [contractLine(2)],
    amendments: [],
    milestones: [],
    usage: [],
    priceTiers: [],
    fxRates: [],
    taxRates: [],
    settings: settings(),
    skippedContractIds: [],
    ...overrides,
  };
}

export function taxRate(jurisdiction: string, ratePct: string, effectiveFrom: string | null = null, row = 2): TaxRate {
  return {
    jurisdiction,
    rate: dec(ratePct).div(100),
    taxName: `${jurisdiction} tax`,
    effectiveFrom: effectiveFrom === null ? null : d(effectiveFrom),
    source: sourceRow('Tax Rates', row),
  };
}

export function fxRate(currency: string, rate: string, asOf: string, row = 2): FxRate {
  return { currency, rate: dec(rate), asOf: d(asOf), source: sourceRow('FX Rates', row) };
}

export interface LineSpec {
  lineId?: string;
  contractId?: string;
  product?: string;
  lineType?: ScheduleLine['lineType'];
  periodStart?: string;
  periodEnd?: string;
  invoiceDate?: string;
  dueDate?: string;
  netAmount?: string;
  currency?: string;
  billingEntity?: string;
  taxJurisdiction?: string | null;
  taxExempt?: boolean;
  contractLineIndex?: number;
  creditOf?: string | null;
  quantity?: string;
  usageByDate?: { date: string; quantity: string }[] | null;
}

let nextId = 1;

/** A Billing Schedule line as the schedule would hand it over (no tax or document yet). */
export function line(spec: LineSpec = {}): ScheduleLine {
  const periodStart = d(spec.periodStart ?? '2026-01-01');
  const periodEnd = d(spec.periodEnd ?? '2026-01-31');
  const invoiceDate = spec.invoiceDate ? d(spec.invoiceDate) : periodStart;
  const net = dec(spec.netAmount ?? '100.00');
  return {
    contract: {
      contractId: spec.contractId ?? 'C-100',
      customer: 'Acme Corp',
      product: spec.product ?? 'Platform',
      currency: spec.currency ?? 'USD',
      billingEntity: spec.billingEntity ?? 'Default',
      taxJurisdiction: spec.taxJurisdiction === undefined ? null : spec.taxJurisdiction,
      taxExempt: spec.taxExempt ?? false,
      contractLineIndex: spec.contractLineIndex ?? 0,
    },
    lineId: spec.lineId ?? `L${nextId++}`,
    lineType: spec.lineType ?? 'Recurring',
    periodStart,
    periodEnd,
    invoiceDate,
    dueDate: spec.dueDate ? d(spec.dueDate) : ((invoiceDate + 30) as CalendarDate),
    quantity: dec(spec.quantity ?? '1'),
    unitPrice: net,
    prorationFactor: dec(1),
    amount: net,
    discount: dec(0),
    netAmount: net,
    calculation: '',
    source: 'Contracts!A2',
    creditOf: spec.creditOf ?? null,
    usageByDate: spec.usageByDate ? spec.usageByDate.map((u) => ({ date: d(u.date), quantity: dec(u.quantity) })) : null,
  };
}

/** Decimal to its exact string with the currency's places, for assertions. */
export function money(value: Decimal | null, places = 2): string | null {
  return value === null ? null : value.toFixed(places);
}
