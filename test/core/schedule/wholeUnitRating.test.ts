import fc from 'fast-check';
import { Decimal, ONE } from '../../../src/core/decimal';
import type { ContractLine, PriceTier, PricingModel } from '../../../src/core/model';
import { minorUnits, Rounding, roundMoney } from '../../../src/core/money';
import type { Fraction } from '../../../src/core/periods';
import { sortTiers } from '../../../src/core/pricing';
import { buildBillingSchedule } from '../../../src/core/schedule';
import { rateUsagePeriod } from '../../../src/core/usageRating';
import { WholeUnitRater, WholeUnitRating, wholeUnitRaterOf } from '../../../src/core/wholeUnitRating';
import { billingInputs, contractLine, LineSpec, rows, tier, usageRecord } from './builders';

/**
 * The whole-number usage rater is a speed path: wherever it answers, it must answer exactly what
 * rateUsagePeriod in decimal.js answers once scheduleUsageLine rounds it (gross, net, Calculation
 * words, charged, beyond the last tier). fast-check prints the seed and the shrunk counterexample
 * of a failure; FC_SEED=<seed> replays it.
 */

const RUNS = 3000;
const PARAMS = { numRuns: RUNS, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
const SAFE = new Decimal(Number.MAX_SAFE_INTEGER);
const SEVENTEEN_31: Fraction = { numerator: 17, denominator: 31 };

// ---------------------------------------------------------------------------------------------
// The decimal.js path, as scheduleUsageLine runs it
// ---------------------------------------------------------------------------------------------

interface Rated {
  gross: string;
  net: string;
  expression: string;
  charged: boolean;
  beyondLastTier: boolean;
}

function decimalRating(line: ContractLine, tiers: readonly PriceTier[], units: number, factor: Fraction, partial: boolean, rounding: Rounding): Rated & { grossDecimal: Decimal; netDecimal: Decimal; unrounded: Decimal } {
  const rating = rateUsagePeriod(line, tiers, new Decimal(units), factor, partial);
  const gross = roundMoney(rating.gross, line.currency, rounding);
  const net = line.discountPct.isZero() ? gross : roundMoney(rating.gross.times(ONE.minus(line.discountPct)), line.currency, rounding);
  const places = minorUnits(line.currency);
  return {
    gross: gross.toFixed(places),
    net: net.toFixed(places),
    expression: rating.expression,
    charged: !rating.gross.isZero(),
    beyondLastTier: rating.tierRating?.beyondLastTier === true,
    grossDecimal: gross,
    netDecimal: net,
    unrounded: rating.gross,
  };
}

/** The fast rating in the decimal path's terms: minor units x 10^-places. */
function fastRated(fast: WholeUnitRating, currency: string): Rated & { grossDecimal: Decimal; netDecimal: Decimal } {
  const places = minorUnits(currency);
  const unit = new Decimal(10).pow(-places);
  const gross = new Decimal(fast.grossMinor).times(unit);
  const net = new Decimal(fast.netMinor).times(unit);
  return {
    gross: gross.toFixed(places),
    net: net.toFixed(places),
    expression: fast.expression,
    charged: fast.charged,
    beyondLastTier: fast.beyondLastTier,
    grossDecimal: gross,
    netDecimal: net,
  };
}

function view(r: Rated): Rated {
  return { gross: r.gross, net: r.net, expression: r.expression, charged: r.charged, beyondLastTier: r.beyondLastTier };
}

function expectSameAsDecimal(c: Case, fast: WholeUnitRating): void {
  expect(Number.isSafeInteger(fast.grossMinor)).toBe(true);
  expect(Number.isSafeInteger(fast.netMinor)).toBe(true);
  const slow = decimalRating(c.line, c.tiers, c.units, c.factor, c.partial, c.rounding);
  const quick = fastRated(fast, c.line.currency);
  expect(view(quick)).toEqual(view(slow));
  expect(quick.grossDecimal.equals(slow.grossDecimal)).toBe(true);
  expect(quick.netDecimal.equals(slow.netDecimal)).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// Random usage lines
// ---------------------------------------------------------------------------------------------

interface Case {
  line: ContractLine;
  tiers: PriceTier[];
  units: number;
  partial: boolean;
  factor: Fraction;
  rounding: Rounding;
}

function decimalText(mantissa: number | bigint, decimals: number): string {
  return new Decimal(mantissa.toString()).dividedBy(new Decimal(10).pow(decimals)).toString();
}

/** 0..6 decimals, with tiny prices and half-cent ties (0.005 x an odd count is a tie at 2 places) */
function priceArb(maxMantissa: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('0', '0.0005', '0.005', '0.015', '0.0125', '0.025', '0.000001', '0.000005', '0.01', '0.008', '0.1', '0.125', '0.333333', '1', '2.5', '12'),
    fc.tuple(fc.integer({ min: 0, max: maxMantissa }), fc.integer({ min: 0, max: 6 })).map(([m, s]) => decimalText(m, s)),
  );
}

/** Terms the whole-number path does not take: it must say so (null), never answer differently. */
const oddPriceArb: fc.Arbitrary<string> = fc.constantFrom('-0.01', '-5', '0.0000000001', '0.123456789', '1.0000000005', '0.0000001');

const discountArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '0.1', '0.15', '0.125', '0.333', '1', '0.5', '0.05'),
  fc.integer({ min: 0, max: 10_000 }).map((bp) => decimalText(bp, 4)),
);

const factorArb: fc.Arbitrary<Fraction> = fc.oneof(
  fc.constant(SEVENTEEN_31),
  fc.integer({ min: 28, max: 31 }).chain((days) => fc.integer({ min: 1, max: days - 1 }).map((n) => ({ numerator: n, denominator: days }))),
);

interface TierSpec { gap: number; price: string; fee: string }

const tierSpecArb = (maxMantissa: number): fc.Arbitrary<TierSpec> => fc.record({
  // 0: a tier ending where the one before ends (equal consecutive bounds)
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 2_000_000 })),
  price: priceArb(maxMantissa),
  fee: fc.oneof(fc.constant('0'), fc.integer({ min: 0, max: 100_000 }).map((m) => decimalText(m, 2)), priceArb(maxMantissa)),
});

interface Wild {
  /** prices and terms the fast path must refuse */
  odd: boolean;
  /** units up to 2^53 */
  huge: boolean;
  /** a partial period may have included units */
  partialIncluded: boolean;
  maxMantissa: number;
}

function caseArb(wild: Wild): fc.Arbitrary<Case> {
  const oddOr = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => (wild.odd ? fc.oneof({ arbitrary: arb, weight: 12 }, { arbitrary: oddPriceArb, weight: 1 }) : arb);
  type Units = { kind: 'plain'; units: number } | { kind: 'bound'; index: number; delta: number };
  const unitsKinds: fc.WeightedArbitrary<Units>[] = [
    { arbitrary: fc.integer({ min: 0, max: 1_000 }).map((units) => ({ kind: 'plain' as const, units })), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 100_000 }).map((units) => ({ kind: 'plain' as const, units })), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 10_000_000 }).map((units) => ({ kind: 'plain' as const, units })), weight: 2 },
    { arbitrary: fc.record({ index: fc.nat(8), delta: fc.integer({ min: -2, max: 2 }) }).map((r) => ({ kind: 'bound' as const, ...r })), weight: 2 },
  ];
  if (wild.huge) {
    // near the limit of exact doubles: mostly refused, and where rated, rated right
    unitsKinds.push(
      { arbitrary: fc.bigInt({ min: 10n ** 9n, max: 10n ** 15n }).map((u) => ({ kind: 'plain' as const, units: Number(u) })), weight: 1 },
      { arbitrary: fc.bigInt({ min: 2n ** 53n - 1_000_000n, max: 2n ** 53n - 1n }).map((u) => ({ kind: 'plain' as const, units: Number(u) })), weight: 1 },
    );
  }
  return fc.record({
    model: fc.constantFrom('Flat', 'Tiered', 'Volume', 'Package') as fc.Arbitrary<PricingModel>,
    currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
    rounding: fc.constantFrom('Half Up', 'Half Even') as fc.Arbitrary<Rounding>,
    discount: wild.odd ? fc.oneof({ arbitrary: discountArb, weight: 12 }, { arbitrary: fc.constantFrom('1.5', '-0.1', '0.0000000001', '0.12345678901'), weight: 1 }) : discountArb,
    included: fc.oneof(
      { arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constant('0'), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 20_000 }).map(String), weight: 3 },
      ...(wild.odd ? [{ arbitrary: fc.constantFrom('0.5', '-10', '1000.25', '3000000000'), weight: 1 }] : []),
    ),
    unitPrice: oddOr(priceArb(wild.maxMantissa)),
    /** Tiered and Volume lines sometimes carry a Unit Price too; it plays no part */
    tieredUnitPrice: fc.option(priceArb(wild.maxMantissa), { nil: null }),
    packageSize: fc.oneof(
      { arbitrary: fc.constant('1'), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 5_000 }).map(String), weight: 3 },
      { arbitrary: fc.integer({ min: 1, max: 2 ** 31 - 1 }).map(String), weight: 3 },
      ...(wild.odd ? [{ arbitrary: fc.constantFrom('2.5', '4294967296'), weight: 1 }] : []),
    ),
    tierSpecs: fc.array(tierSpecArb(wild.maxMantissa), { minLength: 1, maxLength: 4 }),
    oddTier: wild.odd
      ? fc.oneof({ arbitrary: fc.constant(null), weight: 12 }, { arbitrary: fc.record({ index: fc.nat(3), price: oddPriceArb }), weight: 1 })
      : fc.constant(null),
    lastBounded: fc.boolean(),
    reversed: fc.boolean(),
    units: fc.oneof(...unitsKinds),
    partial: fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
    factor: factorArb,
  }).map((r) => {
    const tiered = r.model === 'Tiered' || r.model === 'Volume';
    let bound = 0;
    const bounds: number[] = [];
    const tiers = r.tierSpecs.map((t, i) => {
      const from = bound;
      bound += t.gap;
      bounds.push(bound);
      const last = i === r.tierSpecs.length - 1;
      const price = r.oddTier !== null && r.oddTier.index % r.tierSpecs.length === i ? r.oddTier.price : t.price;
      return tier('API', from, last && !r.lastBounded ? null : bound, price, t.fee, 2 + i);
    });
    const includedWhole = r.included === null ? 0 : Math.max(0, Math.trunc(Number(r.included)));
    const units = r.units.kind === 'plain'
      ? r.units.units
      : Math.max(0, bounds[r.units.index % bounds.length] + r.units.delta + (r.model === 'Package' ? 0 : includedWhole));
    const spec: LineSpec = {
      contractId: 'U-1', product: 'API', billingFrequency: 'Usage', usageMetric: 'api_calls', priceBasis: null,
      pricingModel: r.model, currency: r.currency, discount: r.discount, includedUnits: r.included,
      tierTable: tiered ? 'API' : null,
      unitPrice: tiered ? r.tieredUnitPrice : r.unitPrice,
      packageSize: r.model === 'Package' ? r.packageSize : null,
    };
    const includedNonZero = r.included !== null && !new Decimal(r.included).isZero();
    return {
      line: contractLine(spec),
      // the order tiersOfLine hands over, whatever order the sheet had
      tiers: tiered ? sortTiers(r.reversed ? [...tiers].reverse() : tiers) : [],
      units,
      partial: wild.partialIncluded || !includedNonZero ? r.partial : false,
      factor: r.factor,
      rounding: r.rounding,
    };
  });
}

function describeCase(c: Case): string {
  const l = c.line;
  const tiers = c.tiers.map((t) => `${t.fromUnits.toString()}-${t.toUnits?.toString() ?? ''}@${t.unitPrice.toString()}+${t.flatFee.toString()}`).join(' ');
  return `${l.pricingModel} ${l.currency} ${c.rounding} price=${l.unitPrice?.toString() ?? 'null'} pkg=${l.packageSize?.toString() ?? 'null'} `
    + `incl=${l.includedUnits?.toString() ?? 'null'} disc=${l.discountPct.toString()} units=${c.units} partial=${c.partial} `
    + `factor=${c.factor.numerator}/${c.factor.denominator} tiers=[${tiers}]`;
}

/** The scaled whole numbers the fast path works in, from the decimal amount: its documented limit (2^53). */
function fitsInDoubles(c: Case): boolean {
  const l = c.line;
  const prices = c.tiers.length > 0 ? c.tiers.flatMap((t) => [t.unitPrice, t.flatFee]) : [l.unitPrice as Decimal];
  const scale = Math.max(minorUnits(l.currency), ...prices.map((p) => p.decimalPlaces()));
  const keep = ONE.minus(l.discountPct);
  const gross = rateUsagePeriod(l, c.tiers, new Decimal(c.units), c.factor, c.partial).gross;
  const scaledGross = gross.times(new Decimal(10).pow(scale));
  const scaledNet = scaledGross.times(keep).times(new Decimal(10).pow(keep.decimalPlaces()));
  return scaledGross.lte(SAFE) && (l.discountPct.isZero() || scaledNet.lte(SAFE));
}

const MAX_WHOLE = new Decimal(2 ** 31);

function wholeInRange(value: Decimal, min: number): boolean {
  return value.isInteger() && value.gte(min) && value.lte(MAX_WHOLE);
}

/**
 * Why the fast path should turn a line's terms away, read from the terms here rather than from
 * the module (its header: fractional or prorated included units, more than nine decimals, a
 * negative price, a whole number beyond 2^53); null = it must take them.
 */
function termsRefusal(c: Case): string | null {
  const l = c.line;
  const tiered = l.pricingModel === 'Tiered' || l.pricingModel === 'Volume';
  if (tiered && c.tiers.length === 0) return 'no tiers';
  if (!tiered && l.unitPrice === null) return 'no unit price';
  const prices = tiered ? c.tiers.flatMap((t) => [t.unitPrice, t.flatFee]) : [l.unitPrice as Decimal];
  if (prices.some((p) => p.isNegative() || p.decimalPlaces() > 9)) return 'negative price or more than 9 decimals';
  const keep = ONE.minus(l.discountPct);
  if (keep.isNegative() || keep.gt(1) || keep.decimalPlaces() > 9) return 'discount outside 0..100% or more than 9 decimals';
  if (l.includedUnits !== null && !wholeInRange(l.includedUnits, 0)) return 'included units not whole';
  if (tiered && c.tiers.some((t) => t.toUnits !== null && !wholeInRange(t.toUnits, 0))) return 'To Units not whole';
  const scale = Math.max(minorUnits(l.currency), ...prices.map((p) => p.decimalPlaces()));
  if (prices.some((p) => p.times(new Decimal(10).pow(scale)).gt(SAFE))) return 'a scaled price beyond 2^53';
  if (l.pricingModel === 'Package' && (l.packageSize === null || !wholeInRange(l.packageSize, 1))) return 'package size not whole';
  return null;
}

function periodRefusal(c: Case): string | null {
  if (!Number.isSafeInteger(c.units) || c.units < 0) return 'units not whole';
  if (c.partial && c.line.includedUnits !== null && !c.line.includedUnits.isZero()) return 'prorated included units';
  if (!fitsInDoubles(c)) return 'amount beyond 2^53';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('whole-unit usage rating: the same answers as decimal.js', () => {
  test('whenever the fast path rates a period, gross, net, Calculation, charged and beyond-last-tier match rateUsagePeriod exactly', () => {
    let compared = 0;
    let refused = 0;
    fc.assert(fc.property(caseArb({ odd: true, huge: true, partialIncluded: true, maxMantissa: 10_000_000 }), (c) => {
      try {
        const rater = WholeUnitRater.of(c.line, c.tiers, c.rounding);
        // the fast path turns terms away for its stated reasons only, and takes all others
        expect(rater === null).toBe(termsRefusal(c) !== null);
        if (rater === null) {
          refused++;
          return;
        }
        const fast = rater.rate(c.units, c.partial);
        expect(fast === null ? `refused (${periodRefusal(c) ?? 'no reason'})` : 'rated').toBe(periodRefusal(c) === null ? 'rated' : `refused (${periodRefusal(c) ?? ''})`);
        if (fast === null) {
          refused++;
          return;
        }
        compared++;
        expectSameAsDecimal(c, fast);
      } catch (e) {
        throw new Error(`${describeCase(c)}\n${(e as Error).message}`);
      }
    }), PARAMS);
    // about half the wild lines are rated (the rest are odd terms, prorated included units or
    // amounts past 2^53): enough that the comparison is not vacuous
    expect(compared).toBeGreaterThan(RUNS * 0.35);
    expect(refused).toBeGreaterThan(RUNS * 0.2);
  });

  test('the fast path takes the common case: whole units, prices of up to 6 decimals, no prorated included units', () => {
    let inRange = 0;
    fc.assert(fc.property(caseArb({ odd: false, huge: false, partialIncluded: false, maxMantissa: 1_000_000 }), (c) => {
      const rater = WholeUnitRater.of(c.line, c.tiers, c.rounding);
      if (rater === null) throw new Error(`no rater: ${describeCase(c)}`);
      // beyond 2^53 in scaled whole numbers the amount needs decimal.js (the module's stated limit)
      if (!fitsInDoubles(c)) return;
      inRange++;
      const fast = rater.rate(c.units, c.partial);
      if (fast === null) throw new Error(`rate returned null: ${describeCase(c)}`);
      expectSameAsDecimal(c, fast);
    }), PARAMS);
    expect(inRange).toBeGreaterThan(RUNS * 0.9);
  });

  test('the rater of a run is shared by lines with the same terms, and differs when a term differs', () => {
    const raters = new Map<string, WholeUnitRater | null>();
    const tiers = sortTiers([tier('API', 0, 10000, '0.01'), tier('API', 10000, null, '0.008', '10')]);
    const spec: LineSpec = { billingFrequency: 'Usage', usageMetric: 'api_calls', pricingModel: 'Tiered', tierTable: 'API', unitPrice: null, includedUnits: 1000, discount: '0.1' };
    const a = wholeUnitRaterOf(contractLine({ ...spec, contractId: 'U-1' }), tiers, 'Half Up', raters);
    const b = wholeUnitRaterOf(contractLine({ ...spec, contractId: 'U-2', customer: 'Other' }), tiers, 'Half Up', raters);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(wholeUnitRaterOf(contractLine({ ...spec, discount: '0.15' }), tiers, 'Half Up', raters)).not.toBe(a);
    expect(wholeUnitRaterOf(contractLine(spec), tiers, 'Half Even', raters)).not.toBe(a);
    expect(wholeUnitRaterOf(contractLine({ ...spec, currency: 'KWD' }), tiers, 'Half Up', raters)).not.toBe(a);
    expect(wholeUnitRaterOf(contractLine({ ...spec, includedUnits: 0 }), tiers, 'Half Up', raters)).not.toBe(a);
    expect(raters.size).toBe(5);
  });
});

// ---------------------------------------------------------------------------------------------
// Examples with the numbers written out
// ---------------------------------------------------------------------------------------------

const usageSpec: LineSpec = {
  contractId: 'U-1', product: 'API', billingFrequency: 'Usage', usageMetric: 'api_calls', priceBasis: null,
  start: '2026-01-01', end: '2026-06-30', row: 4,
};

/** The synthetic bench's table (bench/syntheticBook.ts) */
const benchTiers = (): PriceTier[] => sortTiers([tier('API', 0, 10000, '0.01', 0, 2), tier('API', 10000, null, '0.008', 10, 3)]);

function rated(spec: LineSpec, tiers: PriceTier[], units: number, rounding: Rounding = 'Half Up', partial = false): WholeUnitRating | null {
  const rater = WholeUnitRater.of(contractLine({ ...usageSpec, ...spec }), tiers, rounding);
  if (rater === null) throw new Error('expected a rater');
  return rater.rate(units, partial);
}

describe('whole-unit usage rating: examples', () => {
  test('the bench table: 15,500 units, 1,000 included, 15% off', () => {
    const line = contractLine({ ...usageSpec, pricingModel: 'Tiered', tierTable: 'API', unitPrice: null, includedUnits: 1000, discount: '0.15' });
    const tiers = benchTiers();
    const fast = WholeUnitRater.of(line, tiers, 'Half Up')?.rate(15500, false);
    // 10,000 x 0.01 + 4,500 x 0.008 + 10 = 146.00; x 0.85 = 124.10
    expect(fast).toEqual({
      grossMinor: 14600,
      netMinor: 12410,
      expression: '15,500 units - 1,000 included = 14,500 billable; tiered tier table API: 10,000 x 0.01 + 4,500 x 0.008 + 10.00 flat',
      charged: true,
      beyondLastTier: false,
    });
    const slow = decimalRating(line, tiers, 15500, SEVENTEEN_31, false, 'Half Up');
    expect(view(slow)).toEqual({ gross: '146.00', net: '124.10', expression: fast?.expression, charged: true, beyondLastTier: false });
  });

  test('the bench table at the first tier\'s bound, and below the included units', () => {
    const spec: LineSpec = { pricingModel: 'Tiered', tierTable: 'API', unitPrice: null, includedUnits: 1000, discount: '0.15' };
    // 11,000 - 1,000 = 10,000: the first tier only, not reaching into the second (nor its flat fee)
    expect(rated(spec, benchTiers(), 11000)).toEqual({
      grossMinor: 10000, netMinor: 8500, charged: true, beyondLastTier: false,
      expression: '11,000 units - 1,000 included = 10,000 billable; tiered tier table API: 10,000 x 0.01',
    });
    expect(rated(spec, benchTiers(), 11001)).toEqual({
      grossMinor: 11001, netMinor: 9351, charged: true, beyondLastTier: false,
      expression: '11,001 units - 1,000 included = 10,001 billable; tiered tier table API: 10,000 x 0.01 + 1 x 0.008 + 10.00 flat',
    });
    expect(rated(spec, benchTiers(), 500)).toEqual({
      grossMinor: 0, netMinor: 0, charged: false, beyondLastTier: false,
      expression: '500 units - 1,000 included = 0 billable; tiered tier table API: 0',
    });
  });

  test('a half-cent tie: Half Up rounds away from zero, Half Even to the even cent', () => {
    const flat: LineSpec = { pricingModel: 'Flat', unitPrice: '0.005' };
    // 1 x 0.005 = 0.005: 0.01 Half Up, 0.00 Half Even, and still a charged period (the amount is not zero)
    expect(rated(flat, [], 1, 'Half Up')).toEqual({ grossMinor: 1, netMinor: 1, expression: '1 units; 1 x 0.005/unit', charged: true, beyondLastTier: false });
    expect(rated(flat, [], 1, 'Half Even')).toEqual({ grossMinor: 0, netMinor: 0, expression: '1 units; 1 x 0.005/unit', charged: true, beyondLastTier: false });
    // 0.015 -> 0.02 both ways (1 is odd); 0.025 -> 0.03 Half Up, 0.02 Half Even
    expect(rated(flat, [], 3, 'Half Even')?.grossMinor).toBe(2);
    expect(rated(flat, [], 5, 'Half Up')?.grossMinor).toBe(3);
    expect(rated(flat, [], 5, 'Half Even')?.grossMinor).toBe(2);
    const line = contractLine({ ...usageSpec, ...flat });
    expect(view(decimalRating(line, [], 1, SEVENTEEN_31, false, 'Half Up')).gross).toBe('0.01');
    expect(view(decimalRating(line, [], 1, SEVENTEEN_31, false, 'Half Even')).gross).toBe('0.00');
    // the tie in the net: 0.01 x (1 - 50%) = 0.005
    const half: LineSpec = { pricingModel: 'Flat', unitPrice: '0.01', discount: '0.5' };
    expect(rated(half, [], 1, 'Half Up')).toMatchObject({ grossMinor: 1, netMinor: 1 });
    expect(rated(half, [], 1, 'Half Even')).toMatchObject({ grossMinor: 1, netMinor: 0 });
  });

  test('Volume in KWD (3 places) beyond a bounded last tier', () => {
    const tiers = sortTiers([tier('V', 0, 100, '0.125', 0, 2), tier('V', 100, 200, '0.1005', '1.5', 3)]);
    // 250 x 0.1005 + 1.500 = 26.625
    expect(rated({ pricingModel: 'Volume', tierTable: 'V', unitPrice: null, currency: 'KWD' }, tiers, 250)).toEqual({
      grossMinor: 26625, netMinor: 26625, charged: true, beyondLastTier: true,
      expression: '250 units; volume tier table V: 250 x 0.1005 + 1.500 flat (units beyond the last tier at its price)',
    });
  });

  test('Package in JPY (no minor unit) with a price of 1.5', () => {
    const spec: LineSpec = { pricingModel: 'Package', packageSize: 100, unitPrice: '1.5', currency: 'JPY', includedUnits: 0 };
    // ceil(1,050 / 100) = 11 packages x 1.5 = 16.5: 17 Half Up, 16 Half Even
    const expression = '1,050 units; ceil(1,050/100) = 11 packages x 1.5/package';
    expect(rated(spec, [], 1050, 'Half Up')).toEqual({ grossMinor: 17, netMinor: 17, expression, charged: true, beyondLastTier: false });
    expect(rated(spec, [], 1050, 'Half Even')).toEqual({ grossMinor: 16, netMinor: 16, expression, charged: true, beyondLastTier: false });
  });

  test('a partial period prorates included units: decimal.js rates it', () => {
    const line = contractLine({ ...usageSpec, pricingModel: 'Flat', unitPrice: '0.01', includedUnits: 1000 });
    const rater = WholeUnitRater.of(line, [], 'Half Up');
    expect(rater).not.toBeNull();
    expect(rater?.rate(1500, true)).toBeNull();
    expect(rater?.rate(1500, false)).toEqual({
      grossMinor: 500, netMinor: 500, charged: true, beyondLastTier: false,
      expression: '1,500 units - 1,000 included = 500 billable; 500 x 0.01/unit',
    });
    // 1,000 x 17/31 = 548.387096..., so 951.612903 billable x 0.01 = 9.52
    expect(view(decimalRating(line, [], 1500, SEVENTEEN_31, true, 'Half Up'))).toEqual({
      gross: '9.52', net: '9.52', charged: true, beyondLastTier: false,
      expression: '1,500 units - 1,000 included x 17/31 = 951.612903 billable; 951.612903 x 0.01/unit',
    });
    // with no included units a partial period is rated whole: nothing is prorated
    const noIncluded = contractLine({ ...usageSpec, pricingModel: 'Flat', unitPrice: '0.01' });
    expect(WholeUnitRater.of(noIncluded, [], 'Half Up')?.rate(1500, true)).toEqual({
      grossMinor: 1500, netMinor: 1500, charged: true, beyondLastTier: false, expression: '1,500 units; 1,500 x 0.01/unit',
    });
  });

  test('terms the whole-number path cannot hold exactly return null (decimal.js rates them)', () => {
    const of = (spec: LineSpec, tiers: PriceTier[] = []) => WholeUnitRater.of(contractLine({ ...usageSpec, ...spec }), tiers, 'Half Up');
    expect(of({ pricingModel: 'Flat', unitPrice: '-0.01' })).toBeNull();
    expect(of({ pricingModel: 'Flat', unitPrice: '0.0000000001' })).toBeNull(); // 10 decimals
    expect(of({ pricingModel: 'Flat', unitPrice: '0.000000001' })).not.toBeNull(); // 9 decimals is the limit
    expect(of({ pricingModel: 'Flat', unitPrice: null })).toBeNull();
    expect(of({ pricingModel: 'Flat', unitPrice: '0.01', discount: '1.5' })).toBeNull();
    expect(of({ pricingModel: 'Flat', unitPrice: '0.01', discount: '-0.1' })).toBeNull();
    expect(of({ pricingModel: 'Flat', unitPrice: '0.01', includedUnits: '0.5' })).toBeNull();
    expect(of({ pricingModel: 'Package', unitPrice: '1', packageSize: '2.5' })).toBeNull();
    expect(of({ pricingModel: 'Tiered', tierTable: 'API', unitPrice: null })).toBeNull(); // no tiers
    expect(of({ pricingModel: 'Tiered', tierTable: 'API', unitPrice: null }, sortTiers([tier('API', 0, 10, '0.01'), tier('API', 10, null, '-0.001')]))).toBeNull();
    expect(of({ pricingModel: 'Volume', tierTable: 'API', unitPrice: null }, sortTiers([tier('API', 0, '10.5', '0.01'), tier('API', '10.5', null, '0.001')]))).toBeNull();

    const rater = of({ pricingModel: 'Flat', unitPrice: '1' });
    expect(rater?.rate(1.5, false)).toBeNull();
    expect(rater?.rate(-1, false)).toBeNull();
    expect(rater?.rate(2 ** 53, false)).toBeNull();
    // 2^53 - 1 units x 1.00 is beyond 2^53 in cents
    expect(rater?.rate(Number.MAX_SAFE_INTEGER, false)).toBeNull();
    expect(rater?.rate(90_071_992_547_409, false)).toMatchObject({ grossMinor: 9_007_199_254_740_900, netMinor: 9_007_199_254_740_900 });
  });
});

// ---------------------------------------------------------------------------------------------
// Through buildBillingSchedule: a fractional month (decimal.js) and a whole one (fast path)
// ---------------------------------------------------------------------------------------------

describe('whole-unit usage rating in a billing schedule', () => {
  afterEach(() => jest.restoreAllMocks());

  test('the fractional month goes through decimal.js, the whole month through the fast path; both read the same way', () => {
    const rate = jest.spyOn(WholeUnitRater.prototype, 'rate');
    const result = buildBillingSchedule(billingInputs({
      contracts: [contractLine({ ...usageSpec, pricingModel: 'Tiered', tierTable: 'API', unitPrice: null, includedUnits: 1000, discount: '0.1' })],
      usage: [
        usageRecord('U-1', 'api_calls', '2026-01-10', '7000.25', 2),
        usageRecord('U-1', 'api_calls', '2026-01-20', 8500, 3),
        usageRecord('U-1', 'api_calls', '2026-02-03', 5000, 4),
        usageRecord('U-1', 'api_calls', '2026-02-17', 7345, 5),
      ],
      priceTiers: [tier('API', 0, 10000, '0.01', 0, 2), tier('API', 10000, null, '0.008', 10, 3)],
    }));
    expect(result.issues).toEqual([]);
    expect(rows(result.lines)).toEqual([
      // 15,500.25 - 1,000 = 14,500.25: 100 + 36.002 + 10 = 146.002 -> 146.00; x 0.9 = 131.4018 -> 131.40
      { type: 'Usage', start: '2026-01-01', end: '2026-01-31', invoice: '2026-02-01', amount: '146.00', discount: '14.60', net: '131.40' },
      // 12,345 - 1,000 = 11,345: 100 + 10.76 + 10 = 120.76; x 0.9 = 108.684 -> 108.68
      { type: 'Usage', start: '2026-02-01', end: '2026-02-28', invoice: '2026-03-01', amount: '120.76', discount: '12.08', net: '108.68' },
    ]);
    expect(result.lines.map((l) => l.calculation)).toEqual([
      '15,500.25 units - 1,000 included = 14,500.25 billable; tiered tier table API: 10,000 x 0.01 + 4,500.25 x 0.008 + 10.00 flat x (1 - 10%) = 131.40',
      '12,345 units - 1,000 included = 11,345 billable; tiered tier table API: 10,000 x 0.01 + 1,345 x 0.008 + 10.00 flat x (1 - 10%) = 108.68',
    ]);
    expect(result.lines.map((l) => l.quantity.toString())).toEqual(['15500.25', '12345']);
    // January's fractional reading never reaches the fast path; February's whole units do, and it answers
    expect(rate.mock.calls).toEqual([[12345, false]]);
    expect(rate.mock.results.map((r) => r.value)).toEqual([
      { grossMinor: 12076, netMinor: 10868, charged: true, beyondLastTier: false, 
        expression: '12,345 units - 1,000 included = 11,345 billable; tiered tier table API: 10,000 x 0.01 + 1,345 x 0.008 + 10.00 flat' },
    ]);
  });
});
