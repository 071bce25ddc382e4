import type { CalendarDate } from '../core/calendarDate';
import { Decimal, ZERO } from '../core/decimal';
import type { Amendment, ContractLine, FxRate, Milestone, PaymentMethod, SalesChannel, Settings, TaxRate, UsageRecord } from '../core/model';
import { isKnownCurrency } from '../core/money';
import { firstOf, groupContracts, normalisedId, typedIn, typedText, type ContractGroup } from './contractRows';
import { lineWorth, rateToReporting, termMonths } from './lineValue';
import type { ContractRowRecord } from './model';

/**
 * What each contract is, in the terms the strategy rules speak: how it is sold and paid, how
 * big it is, and which pricing models it uses. Every later conclusion counts these.
 */
export interface ContractFacts {
  contractId: string;
  rows: ContractRowRecord[];
  lines: Partial<ContractLine>[];
  currency: string;
  salesChannel: SalesChannel | null;
  paymentMethod: PaymentMethod | null;
  /** contract value in reporting currency (TCV, computed value, commit or milestones); null when unknown */
  reportingValue: Decimal | null;
  /** first start to last end, in months; null without dates */
  termMonths: Decimal | null;
  /** reportingValue x 12 / termMonths */
  annualValue: Decimal | null;
  allMonthly: boolean;
  anyLongCadence: boolean;
  discounted: boolean;
  hasPoNumber: boolean;
  netDays: number | null;
  subscription: boolean;
  usage: boolean;
  ramp: boolean;
  milestone: boolean;
  tiered: boolean;
  minimumCommit: boolean;
  calendarAnchor: boolean;
  arrears: boolean;
  amended: boolean;
  taxable: boolean;
  taxJurisdictions: string[];
  foreignCurrency: boolean;
  billingEntity: string | null;
}

export interface BookFacts {
  contracts: ContractFacts[];
  reportingCurrency: string;
  currencies: string[];
  /** currencies other than reporting that no FX rate covers */
  currenciesWithoutRate: string[];
  jurisdictions: string[];
  jurisdictionsWithoutRate: string[];
  billingEntities: string[];
  amendments: number;
  usageRecords: number;
  milestones: number;
  settings: Settings;
}

const LONG_CADENCE = new Set(['Quarterly', 'Semiannual', 'Annual', 'Upfront', 'Milestone']);
const RECURRING = new Set(['Monthly', 'Quarterly', 'Semiannual', 'Annual', 'Upfront']);

function contractTerm(lines: Partial<ContractLine>[]): Decimal | null {
  let start: CalendarDate | null = null;
  let end: CalendarDate | null = null;
  for (const l of lines) {
    if (l.startDate === undefined || l.endDate === undefined || l.endDate < l.startDate) continue;
    if (start === null || l.startDate < start) start = l.startDate;
    if (end === null || l.endDate > end) end = l.endDate;
  }
  return start === null || end === null ? null : termMonths(start, end);
}

function isRamp(lines: Partial<ContractLine>[]): boolean {
  const byProduct = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!l.product || l.startDate === undefined) continue;
    const key = normalisedId(l.product);
    const starts = byProduct.get(key) ?? new Set<number>();
    starts.add(l.startDate);
    byProduct.set(key, starts);
  }
  return [...byProduct.values()].some((starts) => starts.size > 1);
}

function contractFacts(group: ContractGroup, settings: Settings, fxRates: readonly FxRate[], milestones: readonly Milestone[], amendedIds: Set<string>): ContractFacts {
  const lines = group.rows.map((r) => r.line);
  const currencyRow = group.rows.find((r) => typedIn(r, 'currency'));
  const currency = (currencyRow ? typedText(currencyRow, 'currency') : (firstOf(group.rows, 'currency') ?? settings.reportingCurrency)).toUpperCase();
  const frequencies = lines.map((l) => l.billingFrequency).filter((f) => f !== undefined);

  const worths = lines.map((l) => lineWorth(l, milestones)).filter((w) => w !== null);
  const value: Decimal | null = worths.length === 0 ? null : worths.reduce((s, w) => s.plus(w), ZERO);
  const rate = rateToReporting(currency, settings.reportingCurrency, fxRates, settings.asOfDate);
  const reportingValue = value !== null && rate !== null ? value.times(rate) : null;
  const term = contractTerm(lines);
  const annualValue = reportingValue !== null && term !== null && term.greaterThan(0) ? reportingValue.times(12).div(term) : null;

  const netDaysList = group.rows.filter((r) => typedIn(r, 'paymentTerms', settings) && r.line.paymentTerms).map((r) => r.line.paymentTerms!.netDays);
  const jurisdictions = [...new Set(lines.filter((l) => l.taxJurisdiction && !l.taxExempt).map((l) => l.taxJurisdiction!.trim().toUpperCase()))];
  return {
    contractId: group.contractId,
    rows: group.rows,
    lines,
    currency,
    salesChannel: firstOf(group.rows, 'salesChannel') ?? null,
    paymentMethod: firstOf(group.rows, 'paymentMethod') ?? null,
    reportingValue,
    termMonths: term,
    annualValue,
    allMonthly: frequencies.length > 0 && frequencies.every((f) => f === 'Monthly' || f === 'Usage'),
    anyLongCadence: frequencies.some((f) => LONG_CADENCE.has(f)),
    discounted: lines.some((l) => l.discountPct !== undefined && !l.discountPct.isZero()),
    hasPoNumber: lines.some((l) => !!l.poNumber && l.poNumber.trim() !== ''),
    netDays: netDaysList.length > 0 ? Math.max(...netDaysList) : null,
    subscription: frequencies.some((f) => RECURRING.has(f)),
    usage: frequencies.some((f) => f === 'Usage'),
    ramp: isRamp(lines),
    milestone: frequencies.some((f) => f === 'Milestone'),
    tiered: lines.some((l) => l.pricingModel !== undefined && l.pricingModel !== 'Flat'),
    minimumCommit: lines.some((l) => l.minimumCommit !== undefined && l.minimumCommit !== null && l.minimumCommit.greaterThan(0)),
    calendarAnchor: lines.some((l) => l.billingAnchor === 'Calendar'),
    arrears: lines.some((l) => l.billingTiming === 'Arrears' || l.billingFrequency === 'Usage'),
    amended: amendedIds.has(normalisedId(group.contractId)),
    taxable: jurisdictions.length > 0,
    taxJurisdictions: jurisdictions,
    // an unknown code is an audit problem, not a currency the book bills in
    foreignCurrency: isKnownCurrency(currency) && currency !== settings.reportingCurrency.toUpperCase(),
    billingEntity: firstOf(group.rows, 'billingEntity') ?? null,
  };
}

export interface BookFactsInput {
  contractRows: readonly ContractRowRecord[];
  amendments: readonly Amendment[];
  milestones: readonly Milestone[];
  usage: readonly UsageRecord[];
  taxRates: readonly TaxRate[];
  fxRates: readonly FxRate[];
  settings: Settings;
}

export function bookFacts(input: BookFactsInput): BookFacts {
  const { settings } = input;
  const amendedIds = new Set(input.amendments.map((a) => normalisedId(a.contractId)));
  const contracts = groupContracts(input.contractRows).map((g) => contractFacts(g, settings, input.fxRates, input.milestones, amendedIds));
  const currencies = [...new Set(contracts.map((c) => c.currency).filter(isKnownCurrency))].sort();
  const reporting = settings.reportingCurrency.toUpperCase();
  const jurisdictions = [...new Set(contracts.flatMap((c) => c.taxJurisdictions))].sort();
  const rated = new Set(input.taxRates.map((t) => t.jurisdiction.trim().toUpperCase()));
  return {
    contracts,
    reportingCurrency: reporting,
    currencies,
    currenciesWithoutRate: currencies.filter((c) => rateToReporting(c, reporting, input.fxRates, settings.asOfDate) === null),
    jurisdictions,
    jurisdictionsWithoutRate: jurisdictions.filter((j) => !rated.has(j)),
    billingEntities: [...new Set(contracts.map((c) => c.billingEntity ?? settings.billingEntity))].sort(),
    amendments: input.amendments.length,
    usageRecords: input.usage.length,
    milestones: input.milestones.length,
    settings,
  };
}
