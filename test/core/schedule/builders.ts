import { playbookSettings } from '../../support/playbookSettings';
import { CalendarDate, fromISO, toISO } from '../../../src/core/calendarDate';
import { minorUnits } from '../../../src/core/money';
import { Decimal } from '../../../src/core/decimal';
import type { SourceRow } from '../../../src/core/issue';
import type {
  Amendment, BillingInputs, ContractLine, Milestone, PriceTier, ScheduleLine, Settings, UsageRecord,
} from '../../../src/core/model';

/** Small builders for billing-core fixtures: only what a test says differs from a plain line. */

export function d(iso: string): CalendarDate {
  const date = fromISO(iso);
  if (date === null) throw new Error(`bad test date ${iso}`);
  return date;
}

export function dec(value: string | number): Decimal {
  return new Decimal(value);
}

const CONTRACT_COLUMNS: Record<string, string> = {
  contractId: 'A', customer: 'B', product: 'E', startDate: 'F', endDate: 'G', billingFrequency: 'I', unitPrice: 'O',
  priceBasis: 'P', totalContractValue: 'Q', discountPct: 'R', stage: 'AF', closeDate: 'AE', tierTable: 'Z',
  packageSize: 'AA', minimumCommit: 'AB', usageMetric: 'X', quantity: 'N',
};

export function sourceRow(sheet: string, row: number, columns: Record<string, string> = {}): SourceRow {
  return { sheet, row, columns, headers: {} };
}

export const defaultSettings: Settings = playbookSettings('2026-01-15', '2025-12-01');

export type LineSpec = Partial<Omit<ContractLine, 'startDate' | 'endDate' | 'closeDate' | 'quantity' | 'unitPrice' | 'totalContractValue' | 'discountPct' | 'includedUnits' | 'packageSize' | 'minimumCommit'>> & {
  start?: string;
  end?: string;
  close?: string | null;
  quantity?: string | number;
  unitPrice?: string | number | null;
  tcv?: string | number | null;
  discount?: string | number;
  includedUnits?: string | number | null;
  packageSize?: string | number | null;
  minimumCommit?: string | number | null;
  row?: number;
};

let nextRow = 2;

/** A Closed Won, 12-month, monthly, in-advance, flat line of 10,000.00/yr unless told otherwise. */
export function contractLine(spec: LineSpec = {}): ContractLine {
  const opt = (v: string | number | null | undefined): Decimal | null => (v === null || v === undefined ? null : dec(v));
  const row = spec.row ?? nextRow++;
  const { start, end, close, quantity, unitPrice, tcv, discount, includedUnits, packageSize, minimumCommit, row: _row, ...rest } = spec;
  void _row;
  return {
    contractId: 'C-1',
    customer: 'Acme',
    customerId: null,
    billingEntity: 'Default',
    product: 'Platform',
    termMonths: null,
    billingFrequency: 'Monthly',
    billingTiming: 'Advance',
    billingAnchor: 'Anniversary',
    pricingModel: 'Flat',
    priceBasis: 'Year',
    currency: 'USD',
    paymentTerms: { label: 'Net 30', netDays: 30 },
    paymentMethod: null,
    taxJurisdiction: null,
    taxExempt: false,
    usageMetric: null,
    tierTable: null,
    salesChannel: null,
    stage: 'Closed Won',
    owner: null,
    poNumber: null,
    billingContact: null,
    billingEmail: null,
    billToAddress: null,
    source: sourceRow('Contracts', row, CONTRACT_COLUMNS),
    ...rest,
    startDate: d(start ?? '2026-01-01'),
    endDate: d(end ?? '2026-12-31'),
    closeDate: close ? d(close) : null,
    quantity: dec(quantity ?? 1),
    unitPrice: unitPrice === undefined ? dec('10000') : opt(unitPrice),
    totalContractValue: opt(tcv),
    discountPct: dec(discount ?? 0),
    includedUnits: opt(includedUnits),
    packageSize: opt(packageSize),
    minimumCommit: opt(minimumCommit),
  };
}

export function usageRecord(contractId: string, usageMetric: string, date: string, quantity: string | number, row = 2): UsageRecord {
  return { contractId, usageMetric, date: d(date), quantity: dec(quantity), source: sourceRow('Usage', row, { contractId: 'A', usageMetric: 'B', date: 'C', quantity: 'D' }) };
}

export function milestone(contractId: string, product: string, name: string, date: string, amount: string | number, row = 2): Milestone {
  return { contractId, product, milestone: name, date: d(date), amount: dec(amount), source: sourceRow('Milestones', row, { contractId: 'A', product: 'B', milestone: 'C', date: 'D', amount: 'E' }) };
}

export function tier(tierTable: string, fromUnits: string | number, toUnits: string | number | null, unitPrice: string | number, flatFee: string | number = 0, row = 2): PriceTier {
  return {
    tierTable, fromUnits: dec(fromUnits), toUnits: toUnits === null ? null : dec(toUnits), unitPrice: dec(unitPrice), flatFee: dec(flatFee),
    source: sourceRow('Price Tiers', row, { tierTable: 'A', fromUnits: 'B', toUnits: 'C', unitPrice: 'D', flatFee: 'E' }),
  };
}

export function billingInputs(spec: Omit<Partial<BillingInputs>, 'settings'> & { settings?: Partial<Settings> } = {}): BillingInputs {
  return {
    contracts: spec.contracts ?? [],
    amendments: spec.amendments ?? ([] as Amendment[]),
    milestones: spec.milestones ?? [],
    usage: spec.usage ?? [],
    priceTiers: spec.priceTiers ?? [],
    fxRates: spec.fxRates ?? [],
    taxRates: spec.taxRates ?? [],
    settings: { ...defaultSettings, ...(spec.settings ?? {}) },
    skippedContractIds: spec.skippedContractIds ?? [],
  };
}

/** A line's schedule lines as compact rows that read well in an expectation. */
export interface Row {
  type: string;
  start: string;
  end: string;
  invoice: string;
  amount: string;
  discount: string;
  net: string;
}

export function rows(lines: readonly ScheduleLine[]): Row[] {
  return lines.map((l) => ({
    type: l.lineType,
    start: iso(l.periodStart),
    end: iso(l.periodEnd),
    invoice: iso(l.invoiceDate),
    amount: l.amount.toFixed(minorUnits(l.contract.currency)),
    discount: l.discount.toFixed(minorUnits(l.contract.currency)),
    net: l.netAmount.toFixed(minorUnits(l.contract.currency)),
  }));
}

export function iso(date: CalendarDate): string {
  return toISO(date);
}

export function nets(lines: readonly ScheduleLine[]): string[] {
  return lines.map((l) => l.netAmount.toFixed(minorUnits(l.contract.currency)));
}

export function totalNet(lines: readonly ScheduleLine[]): string {
  if (lines.length === 0) return '0';
  return lines.reduce((t, l) => t.plus(l.netAmount), dec(0)).toFixed(minorUnits(lines[0].contract.currency));
}
