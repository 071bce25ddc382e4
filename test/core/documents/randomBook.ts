import fc from 'fast-check';
import { type CalendarDate, addDays, toISO } from '../../../src/core/calendarDate';
import { Decimal } from '../../../src/core/decimal';
import type { BillingInputs, ContractLine, FxRate, LineType, ScheduleLine, TaxRate } from '../../../src/core/model';
import { minorUnits } from '../../../src/core/money';
import { contractLine, d, inputs, settings, sourceRow } from './builders';

/**
 * Random billing books for the property tests: contracts in several currencies (USD, EUR,
 * JPY 0 decimals, KWD 3), ramps, usage, milestones, credits of billed periods, taxable /
 * exempt / unknown / duplicate jurisdictions, dated tax rates and patchy FX rates.
 */

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'] as const;
const KINDS: LineType[] = ['Recurring', 'Recurring', 'Usage', 'Milestone', 'True-Up', 'Prorated'];

const periodArb = fc.record({
  length: fc.integer({ min: 1, max: 95 }),
  netUnits: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 50_000_000 })),
  arrears: fc.boolean(),
  // up to two credits of one period (two amendments, or a late booking), so the tax cap binds
  credits: fc.array(fc.record({ offset: fc.nat({ max: 200 }), percent: fc.integer({ min: 1, max: 100 }), booked: fc.nat({ max: 40 }) }), { maxLength: 2 }),
  usage: fc.array(fc.record({ offset: fc.nat({ max: 200 }), units: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 4 }),
});

const contractLineArb = fc.record({
  product: fc.constantFrom('Platform', 'Support', 'Seats'),
  quantity: fc.constantFrom(1, 10),
  entity: fc.constantFrom('Default', 'Default', 'EU Ltd'),
  jurisdiction: fc.constantFrom('US-CA', 'US-CA', 'DE', 'XX', 'DUP', '', null),
  exempt: fc.boolean(),
  kind: fc.constantFrom(...KINDS),
  startDay: fc.integer({ min: 0, max: 900 }),
  periods: fc.array(periodArb, { minLength: 1, maxLength: 6 }),
});

export const bookArb = fc.record({
  contracts: fc.array(
    fc.record({ currency: fc.constantFrom(...CURRENCIES), lines: fc.array(contractLineArb, { minLength: 1, maxLength: 3 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  caRateBp: fc.integer({ min: 0, max: 1500 }),
  caNewRateBp: fc.integer({ min: 0, max: 1500 }),
  caNewFromDay: fc.integer({ min: 0, max: 1000 }),
  deRateBp: fc.integer({ min: 0, max: 2500 }),
  fx: fc.array(
    fc.record({ currency: fc.constantFrom(...CURRENCIES), rateMicro: fc.integer({ min: 1, max: 400_000_000 }), asOfDay: fc.integer({ min: 0, max: 1000 }) }),
    { maxLength: 8 },
  ),
  rounding: fc.constantFrom('Half Up' as const, 'Half Even' as const),
  rampRevenue: fc.constantFrom('Straight-Line' as const, 'As Billed' as const),
  reportingCurrency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
  asOfDay: fc.integer({ min: 0, max: 1200 }),
});

export type BookPlan = typeof bookArb extends fc.Arbitrary<infer T> ? T : never;

const EPOCH = d('2025-01-01');
const day = (n: number): CalendarDate => addDays(EPOCH, n);

function units(n: number, currency: string): Decimal {
  return new Decimal(n).div(new Decimal(10).pow(minorUnits(currency)));
}

export function buildBook(plan: BookPlan): { lines: ScheduleLine[]; inputs: BillingInputs } {
  const contracts: ContractLine[] = [];
  const lines: ScheduleLine[] = [];
  plan.contracts.forEach((contract, c) => {
    const contractId = `C-${c + 1}`;
    for (const spec of contract.lines) {
      const index = contracts.length;
      contracts.push(contractLine(index + 2, {
        contractId,
        product: spec.product,
        quantity: new Decimal(spec.quantity),
        currency: contract.currency,
        billingEntity: spec.entity,
        billingFrequency: spec.kind === 'Usage' ? 'Usage' : spec.kind === 'Milestone' ? 'Milestone' : 'Monthly',
        taxJurisdiction: spec.jurisdiction,
        taxExempt: spec.exempt,
        poNumber: `PO-${c + 1}`,
      }));
      let start = day(spec.startDay);
      spec.periods.forEach((period, p) => {
        const end = spec.kind === 'Milestone' ? start : addDays(start, period.length - 1);
        const invoiceDate = period.arrears && spec.kind !== 'Milestone' ? addDays(end, 1) : start;
        const lineId = `${contractId}/${index}/${p}`;
        const net = units(period.netUnits, contract.currency);
        const usageByDate = spec.kind === 'Usage'
          ? period.usage.map((u) => ({ date: addDays(start, u.offset % (end - start + 1)), quantity: new Decimal(u.units) }))
          : null;
        lines.push(scheduleLine({
          lineId, contractId, product: spec.product, lineType: spec.kind, periodStart: start, periodEnd: end,
          invoiceDate, net, currency: contract.currency, billingEntity: spec.entity, jurisdiction: spec.jurisdiction,
          exempt: spec.exempt, index, quantity: spec.quantity, usageByDate,
        }));
        period.credits.forEach((credit, k) => {
          if (spec.kind === 'Usage') return;
          const creditStart = addDays(start, credit.offset % (end - start + 1));
          const creditUnits = Math.floor((period.netUnits * credit.percent) / 100);
          lines.push(scheduleLine({
            lineId: `${lineId}/credit${k}`, contractId, product: spec.product, lineType: 'Credit', periodStart: creditStart,
            periodEnd: end, invoiceDate: addDays(creditStart, credit.booked), net: units(-creditUnits, contract.currency),
            currency: contract.currency, billingEntity: spec.entity, jurisdiction: spec.jurisdiction, exempt: spec.exempt,
            index, quantity: spec.quantity, usageByDate: null, creditOf: lineId,
          }));
        });
        start = addDays(end, 1);
      });
    }
  });
  const taxRates: TaxRate[] = [
    { jurisdiction: 'US-CA', rate: new Decimal(plan.caRateBp).div(10000), taxName: 'Sales Tax', effectiveFrom: null, source: sourceRow('Tax Rates', 2) },
    { jurisdiction: 'US-CA', rate: new Decimal(plan.caNewRateBp).div(10000), taxName: 'Sales Tax', effectiveFrom: day(plan.caNewFromDay), source: sourceRow('Tax Rates', 3) },
    { jurisdiction: 'DE', rate: new Decimal(plan.deRateBp).div(10000), taxName: 'VAT', effectiveFrom: null, source: sourceRow('Tax Rates', 4) },
    { jurisdiction: 'DUP', rate: new Decimal('0.05'), taxName: 'GST', effectiveFrom: null, source: sourceRow('Tax Rates', 5) },
    { jurisdiction: 'DUP', rate: new Decimal('0.06'), taxName: 'GST', effectiveFrom: null, source: sourceRow('Tax Rates', 6) },
  ];
  const fxRates: FxRate[] = plan.fx.map((fx, i) => ({
    currency: fx.currency, rate: new Decimal(fx.rateMicro).div(1_000_000), asOf: day(fx.asOfDay), source: sourceRow('FX Rates', i + 2),
  }));
  return {
    lines,
    inputs: inputs({
      contracts, taxRates, fxRates,
      settings: settings({
        rounding: plan.rounding, rampRevenue: plan.rampRevenue, reportingCurrency: plan.reportingCurrency, asOfDate: day(plan.asOfDay),
      }),
    }),
  };
}

interface LineParts {
  lineId: string;
  contractId: string;
  product: string;
  lineType: LineType;
  periodStart: CalendarDate;
  periodEnd: CalendarDate;
  invoiceDate: CalendarDate;
  net: Decimal;
  currency: string;
  billingEntity: string;
  jurisdiction: string | null;
  exempt: boolean;
  index: number;
  quantity: number;
  usageByDate: { date: CalendarDate; quantity: Decimal }[] | null;
  creditOf?: string;
}

function scheduleLine(p: LineParts): ScheduleLine {
  return {
    contract: {
      contractId: p.contractId, customer: `Customer ${p.contractId}`, product: p.product, currency: p.currency,
      billingEntity: p.billingEntity, taxJurisdiction: p.jurisdiction, taxExempt: p.exempt, contractLineIndex: p.index,
    },
    lineId: p.lineId, lineType: p.lineType,
    periodStart: p.periodStart, periodEnd: p.periodEnd, invoiceDate: p.invoiceDate, dueDate: addDays(p.invoiceDate, 30),
    quantity: new Decimal(p.quantity), unitPrice: null, prorationFactor: new Decimal(1), amount: p.net, discount: new Decimal(0),
    netAmount: p.net, calculation: `${toISO(p.periodStart)}..${toISO(p.periodEnd)}`, source: 'Contracts!A2',
    creditOf: p.creditOf ?? null, usageByDate: p.usageByDate,
  };
}
