import fc from 'fast-check';
import { addDays, addMonthsClamped, toISO } from '../../../src/core/calendarDate';
import type { AmendmentType, ScheduleLine } from '../../../src/core/model';
import { minorUnits } from '../../../src/core/money';
import { buildBillingSchedule, sortSchedule } from '../../../src/core/schedule';
import { billingInputs, contractLine, d, dec, defaultSettings } from '../schedule/builders';
import { amendment } from './amendmentBuilder';
import { lineIdOf } from '../../../src/core/lineId';

/**
 * Random contracts and random amendments (billing.md, Properties): a line's periods never
 * overlap, a credit never takes back more than its period billed, and no amount has more
 * decimals than its currency allows (Discount = Amount - Net Amount on every row).
 */

const TYPES: AmendmentType[] = ['Upgrade', 'Downgrade', 'Quantity Change', 'Price Change', 'Add Product', 'Cancel'];

const lineArb = fc.record({
  currency: fc.constantFrom('USD', 'JPY', 'KWD'),
  frequency: fc.constantFrom('Monthly' as const, 'Quarterly' as const, 'Annual' as const, 'Upfront' as const),
  timing: fc.constantFrom('Advance' as const, 'Arrears' as const),
  anchor: fc.constantFrom('Anniversary' as const, 'Calendar' as const),
  startDay: fc.integer({ min: 0, max: 400 }),
  months: fc.integer({ min: 1, max: 24 }),
  rampMonths: fc.option(fc.integer({ min: 1, max: 12 }), { freq: 3 }),
  priceCents: fc.integer({ min: 1, max: 50_000_000 }),
  basis: fc.constantFrom('Year' as const, 'Month' as const, null),
  quantity: fc.integer({ min: 1, max: 20 }),
  discountPct: fc.constantFrom('0', '0.1', '0.125'),
});

const amendmentArb = fc.record({
  type: fc.constantFrom(...TYPES),
  offset: fc.integer({ min: -5, max: 1200 }),
  quantity: fc.option(fc.integer({ min: 0, max: 40 })),
  priceCents: fc.option(fc.integer({ min: 0, max: 50_000_000 })),
  proration: fc.constantFrom('Daily' as const, '30/360' as const, 'None' as const),
  bookedLag: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
  namedProduct: fc.boolean(),
});

const bookArb = fc.record({
  line: lineArb,
  amendments: fc.array(amendmentArb, { minLength: 1, maxLength: 4 }),
  method: fc.constantFrom('Daily' as const, '30/360' as const),
  rounding: fc.constantFrom('Half Up' as const, 'Half Even' as const),
});

type Book = typeof bookArb extends fc.Arbitrary<infer T> ? T : never;

function inputsOf(book: Book) {
  const l = book.line;
  const start = addDays(d('2026-01-01'), l.startDay);
  const end = addDays(addMonthsClamped(start, l.months), -1);
  const common = {
    currency: l.currency,
    billingFrequency: l.frequency,
    billingTiming: l.timing,
    billingAnchor: l.anchor,
    priceBasis: l.basis,
    quantity: l.quantity,
    discount: l.discountPct,
  };
  const contracts = [contractLine({ ...common, row: 2, start: toISO(start), end: toISO(end), unitPrice: dec(l.priceCents).dividedBy(100).toString() })];
  let last = end;
  if (l.rampMonths !== null && l.frequency !== 'Upfront') {
    const rampStart = addDays(end, 1);
    last = addDays(addMonthsClamped(rampStart, l.rampMonths), -1);
    contracts.push(contractLine({ ...common, row: 3, start: toISO(rampStart), end: toISO(last), unitPrice: dec(l.priceCents).times(11).dividedBy(1000).toString() }));
  }
  const span = last - start + 1;
  const amendments = book.amendments.map((a, i) => {
    const effective = addDays(start, a.offset % (span + 10));
    return amendment({
      row: 2 + i,
      type: a.type,
      effective: toISO(effective),
      booked: toISO(addDays(effective, a.bookedLag)),
      product: a.type === 'Add Product' ? 'Addon' : a.namedProduct || a.type !== 'Cancel' ? 'Platform' : null,
      quantity: a.quantity,
      price: a.priceCents === null ? (a.type === 'Add Product' ? '1200' : null) : dec(a.priceCents).dividedBy(100).toString(),
      proration: a.proration,
    });
  });
  return billingInputs({ contracts, amendments, settings: { ...defaultSettings, prorationMethod: book.method, rounding: book.rounding } });
}

const ADDED = /~row\d+~(credit|prorated)$/;

function check(lines: ScheduleLine[]): void {
  // 1. no amount has more decimals than its currency; Discount = Amount - Net Amount
  for (const l of lines) {
    const places = minorUnits(l.contract.currency);
    for (const value of [l.amount, l.discount, l.netAmount]) expect(value.decimalPlaces()).toBeLessThanOrEqual(places);
    expect(l.discount.equals(l.amount.minus(l.netAmount))).toBe(true);
    expect(l.periodEnd).toBeGreaterThanOrEqual(l.periodStart);
  }
  // 2. periods of a line never overlap (its own charges; credits and prorated charges sit on them)
  const charges = new Map<string, ScheduleLine[]>();
  for (const l of lines) {
    if (ADDED.test(lineIdOf(l))) continue;
    const added = /~add~row(\d+)$/.exec(lineIdOf(l))?.[1] ?? '';
    const k = `${l.contract.contractLineIndex}|${l.contract.product}|${added}`;
    const list = charges.get(k) ?? [];
    list.push(l);
    charges.set(k, list);
  }
  for (const list of charges.values()) {
    const sorted = [...list].sort((a, b) => a.periodStart - b.periodStart);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].periodStart).toBeGreaterThan(sorted[i - 1].periodEnd);
  }
  // 3. a credit never exceeds what was billed for its period, at the time it is issued
  const byId = new Map(lines.map((l) => [lineIdOf(l), l]));
  const attached = new Map<string, ScheduleLine[]>();
  for (const l of lines) {
    const m = /^(.*)~row(\d+)~(credit|prorated)$/.exec(lineIdOf(l));
    if (!m) continue;
    const list = attached.get(m[1]) ?? [];
    list.push(l);
    attached.set(m[1], list);
  }
  for (const [chargeId, extras] of attached) {
    const charge = byId.get(chargeId);
    expect(charge).toBeDefined();
    // every credit fits in what the charge and the prorated charges of its period billed (a
    // credit of a negative installment, which a tiny price's rounding remainder can make, is
    // positive), and all of them together never take the period past zero
    const charged = extras.filter((l) => l.lineType === 'Prorated').reduce((t, l) => t.plus(l.netAmount), charge!.netAmount);
    for (const extra of extras) {
      if (extra.lineType !== 'Credit') continue;
      expect(extra.netAmount.times(charged).lte(0)).toBe(true);
      expect(extra.netAmount.abs().lte(charged.abs())).toBe(true);
    }
    const net = extras.reduce((t, l) => t.plus(l.netAmount), charge!.netAmount);
    expect(net.times(charged).gte(0)).toBe(true);
  }
}

test('random amendments keep periods apart, credits within what was billed, and amounts in minor units', () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const out = buildBillingSchedule(inputsOf(book));
      check(out.lines);
      // the schedule comes out in order (amended lines put back in place, or sorted): sorting changes nothing
      const sorted = sortSchedule(out.lines);
      expect(sorted.every((l, i) => l === out.lines[i])).toBe(true);
      for (const row of out.proration) {
        expect(row.daysUsed + row.daysRemaining).toBeGreaterThan(0);
        expect(row.factor.gte(0) && row.factor.lte(1)).toBe(true);
      }
    }),
    { numRuns: 1000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
  );
}, 180_000);
