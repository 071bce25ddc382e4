import fc from 'fast-check';
import { addDays, toISO } from '../../../src/core/calendarDate';
import type { AmendmentType } from '../../../src/core/model';
import { buildBillingSchedule, sortSchedule } from '../../../src/core/schedule';
import { amendment } from '../amendments/amendmentBuilder';
import { billingInputs, contractLine, d, milestone, tier, usageRecord } from './builders';
import { byScheduleOrder } from './scheduleOrderRule';

/**
 * A whole book comes out in schedule order (billing.md: Contract ID, Product, Period Start,
 * Invoice Date, line type, line ID), whether amendments' lines are put back in place of the
 * contracted ones or the book has to be sorted: Contract IDs and Products that differ only in
 * case or spaces, ramps, overlapping ramps, usage, milestones, other Stages and every amendment type.
 */

const TYPES: AmendmentType[] = ['Upgrade', 'Downgrade', 'Quantity Change', 'Price Change', 'Add Product', 'Cancel'];
const START = d('2026-01-01');

const lineArb = fc.record({
  contractId: fc.constantFrom('C-1', 'c-1', 'C-2', ' C-10', 'B-9'),
  product: fc.constantFrom('Platform', 'platform', 'Support ', 'API'),
  kind: fc.constantFrom('Monthly', 'Monthly', 'Quarterly', 'Annual', 'Usage', 'Milestone'),
  timing: fc.constantFrom('Advance' as const, 'Arrears' as const),
  startDay: fc.integer({ min: 0, max: 200 }),
  months: fc.integer({ min: 1, max: 14 }),
  stage: fc.constantFrom('Closed Won', 'Closed Won', 'Negotiation'),
});

const amendmentArb = fc.record({
  line: fc.nat(),
  type: fc.constantFrom(...TYPES),
  offset: fc.integer({ min: 0, max: 400 }),
  quantity: fc.integer({ min: 1, max: 30 }),
  bookedLag: fc.constantFrom(0, 0, 45),
});

type Spec<A> = A extends fc.Arbitrary<infer T> ? T : never;

function bookOf(specs: Spec<typeof lineArb>[], changes: Spec<typeof amendmentArb>[]) {
  const contracts = specs.map((s, i) => {
    const start = addDays(START, s.startDay);
    return contractLine({
      row: 2 + i,
      contractId: s.contractId,
      product: s.product,
      billingFrequency: s.kind as 'Monthly',
      billingTiming: s.timing,
      pricingModel: s.kind === 'Usage' ? 'Tiered' : 'Flat',
      tierTable: s.kind === 'Usage' ? 'T' : null,
      usageMetric: s.kind === 'Usage' ? `m${i}` : null,
      stage: s.stage,
      start: toISO(start),
      end: toISO(addDays(start, s.months * 30)),
    });
  });
  const usage = specs.flatMap((s, i) => (s.kind === 'Usage'
    ? [0, 20, 75].map((day, k) => usageRecord(s.contractId, `m${i}`, toISO(addDays(START, s.startDay + day)), 100 * (k + 1), 2 + 3 * i + k))
    : []));
  const milestones = specs.flatMap((s, i) => (s.kind === 'Milestone'
    ? [milestone(s.contractId, s.product, 'Go-live', toISO(addDays(START, s.startDay + 10)), 500, 2 + i)]
    : []));
  const amendments = changes.map((c, i) => {
    const target = specs[c.line % specs.length];
    const effective = addDays(START, target.startDay + c.offset);
    return amendment({
      row: 2 + i,
      contractId: target.contractId,
      product: c.type === 'Add Product' ? 'Addon' : target.product,
      type: c.type,
      effective: toISO(effective),
      booked: toISO(addDays(effective, c.bookedLag)),
      quantity: c.quantity,
      price: c.type === 'Add Product' || c.type === 'Price Change' ? '1200' : null,
    });
  });
  return billingInputs({ contracts, usage, milestones, amendments, priceTiers: [tier('T', 0, null, '0.5')] });
}

describe('the schedule of a whole book', () => {
  it('comes out in schedule order, the same lines sortSchedule would give', () => {
    fc.assert(fc.property(
      fc.array(lineArb, { minLength: 1, maxLength: 6 }),
      fc.array(amendmentArb, { maxLength: 5 }),
      (specs, changes) => {
        const out = buildBillingSchedule(bookOf(specs, changes)).lines;
        expect(out.every((l, i) => i === 0 || byScheduleOrder(out[i - 1], l) < 0)).toBe(true);
        const sorted = sortSchedule(out);
        expect(sorted.every((l, i) => l === out[i])).toBe(true);
      },
    ), { numRuns: 1000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
  });

  it('puts an amended contract line\'s lines back between its neighbours', () => {
    const inputs = billingInputs({
      contracts: [
        contractLine({ row: 2, contractId: 'A-1' }),
        contractLine({ row: 3, contractId: 'B-1' }),
        contractLine({ row: 4, contractId: 'C-1' }),
      ],
      amendments: [amendment({ contractId: 'B-1', effective: '2026-03-16', type: 'Upgrade', quantity: 2 })],
    });
    const out = buildBillingSchedule(inputs).lines;
    expect(out.map((l) => l.contract.contractId)).toEqual([...Array(12).fill('A-1'), ...Array(14).fill('B-1'), ...Array(12).fill('C-1')]);
    const march = out.filter((l) => l.contract.contractId === 'B-1' && toISO(l.periodStart) >= '2026-03-01' && toISO(l.periodStart) <= '2026-03-16');
    expect(march.map((l) => [l.lineType, toISO(l.periodStart), l.netAmount.toFixed(2)])).toEqual([
      ['Recurring', '2026-03-01', '833.33'],
      ['Credit', '2026-03-16', '-430.11'],
      ['Prorated', '2026-03-16', '860.22'],
    ]);
  });

  it('sorts the book when amended lines pass the next contract line\'s (overlapping ramps)', () => {
    // the ramp starting Dec 15 overlaps the first line's December; the Upgrade on Dec 20 hits the
    // first line, so its credit and prorated charge of Dec 20 belong after the ramp's Dec 15 line
    const inputs = billingInputs({
      contracts: [contractLine({ row: 2 }), contractLine({ row: 3, start: '2026-12-15', end: '2027-03-14' })],
      amendments: [amendment({ effective: '2026-12-20', type: 'Upgrade', quantity: 2 })],
    });
    const out = buildBillingSchedule(inputs).lines;
    expect(out.slice(11, 15).map((l) => [l.lineType, toISO(l.periodStart), l.contract.contractLineIndex])).toEqual([
      ['Recurring', '2026-12-01', 0],
      ['Recurring', '2026-12-15', 1],
      ['Credit', '2026-12-20', 0],
      ['Prorated', '2026-12-20', 0],
    ]);
  });

  it('sorts a product Add Product brings in among the contract\'s products', () => {
    const inputs = billingInputs({
      contracts: [contractLine({ row: 2, contractId: 'A-1', product: 'Support' }), contractLine({ row: 3, contractId: 'B-1' })],
      amendments: [amendment({ contractId: 'A-1', product: 'Platform', effective: '2026-07-01', type: 'Add Product', price: '1200' })],
    });
    const out = buildBillingSchedule(inputs).lines;
    expect(out.map((l) => `${l.contract.contractId} ${l.contract.product}`)).toEqual([
      ...Array(6).fill('A-1 Platform'), ...Array(12).fill('A-1 Support'), ...Array(12).fill('B-1 Platform'),
    ]);
  });
});
