import { Decimal, ZERO } from './decimal';
import { roundMoney, Rounding } from './money';

/**
 * A price segment is a run of periods of one line at one price (billing.md). Each installment
 * is rounded once; the segment's last installment takes the remainder, so the segment sums to
 * round(sum of unrounded installments): 10,000.00/yr monthly = 11 x 833.33 + 833.37.
 */
export function roundSegment(unrounded: Decimal[], currency: string, rounding: Rounding, total?: Decimal): Decimal[] {
  return roundSegmentWithMethod(unrounded, currency, rounding, total).installments;
}

export interface RoundedInstallments {
  installments: Decimal[];
  /** true when rounded on the running total because the remainder would have flipped a sign */
  cumulative: boolean;
}

/**
 * roundSegment, telling how it rounded. Installments far below one minor unit (0.15 JPY a year
 * billed monthly) can leave the remainder larger than an installment with the opposite sign
 * (1 + 1 + 1 - 1 JPY): a negative installment no customer was sold, which a later credit would
 * then "take back". Such a segment is rounded on the running total instead, like the billing
 * schedule's own segments: it still sums to round(total) and never flips a sign. `runningTotal`
 * asks for that rounding outright (a segment's Amount must be rounded the way its Net Amount is).
 */
export function roundSegmentWithMethod(
  unrounded: Decimal[],
  currency: string,
  rounding: Rounding,
  total?: Decimal,
  runningTotal = false,
): RoundedInstallments {
  const n = unrounded.length;
  if (n === 0) return { installments: [], cumulative: false };
  const rounded: Decimal[] = new Array<Decimal>(n);
  let others = ZERO;
  let exact = ZERO;
  // The periods of a repriced segment mostly share one amount (the same Decimal): each run of
  // it is rounded once and added as amount x count, which is exact where adding count times
  // rounds each partial sum to 34 digits.
  for (let i = 0; i < n;) {
    const value = unrounded[i];
    let end = i + 1;
    while (end < n && unrounded[end] === value) end++;
    const count = end - i;
    exact = exact.plus(count === 1 ? value : value.times(count));
    const roundedEnd = Math.min(end, n - 1);
    if (i < roundedEnd) {
      const r = roundMoney(value, currency, rounding);
      for (let k = i; k < roundedEnd; k++) rounded[k] = r;
      others = others.plus(roundedEnd - i === 1 ? r : r.times(roundedEnd - i));
    }
    i = end;
  }
  const target = roundMoney(total ?? exact, currency, rounding);
  const last = target.minus(others);
  const own = roundMoney(unrounded[n - 1], currency, rounding);
  const against = (a: Decimal, b: Decimal): boolean => signOf(a) * signOf(b) < 0;
  if (!runningTotal && !against(last, own) && !against(last, exact)) {
    rounded[n - 1] = last;
    return { installments: rounded, cumulative: false };
  }
  // installment k = round(sum 1..k) - round(sum 1..k-1), scaled so the segment ends on `target`
  const scale = total === undefined || exact.isZero() ? null : total.dividedBy(exact);
  let running = ZERO;
  let before = ZERO;
  for (let i = 0; i < n; i++) {
    running = running.plus(unrounded[i]);
    const to = i === n - 1 ? target : roundMoney(scale === null ? running : running.times(scale), currency, rounding);
    rounded[i] = to.minus(before);
    before = to;
  }
  return { installments: rounded, cumulative: true };
}

function signOf(value: Decimal): number {
  return value.isZero() ? 0 : value.isNegative() ? -1 : 1;
}

/**
 * The same rule for a segment told as runs of equal installments (most periods of a line are
 * alike, so each distinct installment is rounded once). Returns the rounded value of each run's
 * installments and the last installment, which belongs to the last run.
 */
export interface SegmentRun {
  unrounded: Decimal;
  count: number;
}

export interface RoundedSegment {
  /** per run: the rounded installment (for the last run, all but its last installment) */
  installments: Decimal[];
  /** the segment's last installment, remainder included */
  last: Decimal;
  /** last minus its own rounded value: what the remainder added */
  remainder: Decimal;
}

export function roundSegmentRuns(runs: readonly SegmentRun[], total: Decimal, currency: string, rounding: Rounding): RoundedSegment {
  const installments: Decimal[] = [];
  let others = ZERO;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const rounded = roundMoney(run.unrounded, currency, rounding);
    installments.push(rounded);
    const count = i === runs.length - 1 ? run.count - 1 : run.count;
    if (count === 1) others = others.plus(rounded);
    else if (count > 1) others = others.plus(rounded.times(count));
  }
  const last = roundMoney(total, currency, rounding).minus(others);
  const ownRounded = installments.length > 0 ? installments[installments.length - 1] : ZERO;
  return { installments, last, remainder: last.minus(ownRounded) };
}

/**
 * The same rule computed exactly, for the billing schedule's own segments. An installment is
 * base x share, with base a decimal amount and share a fraction of whole numbers (months x
 * factor / basis months), so every installment is a rational number: rounding it with whole
 * numbers is exact (no 34-digit cut-off) and several times faster than decimal.js division.
 */
export interface ExactAmount {
  numerator: bigint;
  /** > 0 */
  denominator: bigint;
}

const TEN = 10n;
const POWERS: bigint[] = [];
function pow10(places: number): bigint {
  return (POWERS[places] ??= TEN ** BigInt(places));
}

export function exactOf(value: Decimal): ExactAmount {
  const text = value.toFixed();
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const point = body.indexOf('.');
  const digits = point < 0 ? body : body.slice(0, point) + body.slice(point + 1);
  const places = point < 0 ? 0 : body.length - point - 1;
  const magnitude = BigInt(digits);
  return { numerator: negative ? -magnitude : magnitude, denominator: pow10(places) };
}

/** a / b, for b > 0 */
export function divideExact(a: ExactAmount, b: ExactAmount): ExactAmount {
  return { numerator: a.numerator * b.denominator, denominator: a.denominator * b.numerator };
}

export interface Share {
  numerator: number;
  denominator: number;
}

/** base x share rounded to `places` decimals, as a whole number of minor units. */
export function roundExact(base: ExactAmount, share: Share, places: number, rounding: Rounding): bigint {
  const numerator = base.numerator * BigInt(share.numerator) * pow10(places);
  const denominator = base.denominator * BigInt(share.denominator);
  if (denominator === 0n) return 0n;
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const twice = 2n * (n - q * d);
  // Half Up = half away from zero (on the magnitude); Half Even = half to the even unit
  if (twice > d || (twice === d && (rounding === 'Half Up' || (q & 1n) === 1n))) q += 1n;
  return negative ? -q : q;
}

export interface ExactRun {
  share: Share;
  count: number;
}

export interface ExactSegment {
  /** per run, in minor units */
  installments: bigint[];
  /** the segment's last installment (it belongs to the last run), remainder included */
  last: bigint;
  /** what the remainder added to the last installment's own rounded value */
  remainder: bigint;
}

/** Each run's installment rounded once; the last installment = round(total) - all the others. */
export function roundExactRuns(base: ExactAmount, runs: readonly ExactRun[], total: Share, places: number, rounding: Rounding): ExactSegment {
  const installments: bigint[] = [];
  let others = 0n;
  for (let i = 0; i < runs.length; i++) {
    const q = roundExact(base, runs[i].share, places, rounding);
    installments.push(q);
    others += q * BigInt(i === runs.length - 1 ? runs[i].count - 1 : runs[i].count);
  }
  const last = roundExact(base, total, places, rounding) - others;
  return { installments, last, remainder: last - (installments[installments.length - 1] ?? 0n) };
}

/** fromMinorUnits of a whole number of minor units held in a double (below 2^53, so exact). */
export function fromWholeMinorUnits(units: number, places: number): Decimal {
  // an exact product (far below 34 digits), and about twice as quick as parsing "12345e-2"
  return places === 0 || units === 0 ? new Decimal(units) : new Decimal(units).times(minorUnitOf(places));
}

const MINOR_UNIT: Decimal[] = [];

/** 10^-places: 0.01 for cents */
function minorUnitOf(places: number): Decimal {
  return MINOR_UNIT[places] ??= new Decimal(10).pow(-places);
}

/** minor units -> Decimal amount */
export function fromMinorUnits(units: bigint, places: number): Decimal {
  return places === 0 ? new Decimal(units.toString()) : new Decimal(`${units.toString()}e-${places}`);
}
