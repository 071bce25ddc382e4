import { fromISO, type CalendarDate } from '../../src/core/calendarDate';
import { Decimal } from '../../src/core/decimal';
import type { SourceRow } from '../../src/core/issue';
import type { ContractLine } from '../../src/core/model';

/**
 * A plain contract line for tests: 100.00/month, monthly in advance, USD, Net 30, every
 * optional field blank. Builders override what their tests are about.
 */
export function plainContractLine(source: SourceRow, overrides: Partial<ContractLine> = {}): ContractLine {
  return {
    contractId: 'C-100',
    customer: 'Acme Corp',
    customerId: null,
    billingEntity: 'Default',
    product: 'Platform',
    startDate: fromISO('2026-01-01') as CalendarDate,
    endDate: fromISO('2026-12-31') as CalendarDate,
    termMonths: 12,
    billingFrequency: 'Monthly',
    billingTiming: 'Advance',
    billingAnchor: 'Anniversary',
    pricingModel: 'Flat',
    quantity: new Decimal(1),
    unitPrice: new Decimal(100),
    priceBasis: 'Month',
    totalContractValue: null,
    discountPct: new Decimal(0),
    currency: 'USD',
    paymentTerms: { label: 'Net 30', netDays: 30 },
    paymentMethod: null,
    taxJurisdiction: null,
    taxExempt: false,
    usageMetric: null,
    includedUnits: null,
    tierTable: null,
    packageSize: null,
    minimumCommit: null,
    salesChannel: null,
    closeDate: null,
    stage: null,
    owner: null,
    poNumber: null,
    billingContact: null,
    billingEmail: null,
    billToAddress: null,
    source,
    ...overrides,
  };
}
