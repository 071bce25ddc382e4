import type { CalendarDate } from './calendarDate';
import {
  discountText, factorText, flatPriceText, formatPercent, monthsText, remainderTextMinor, resultText, tcvText, tierPriceText,
} from './calculationText';
import { Decimal, ONE, ZERO } from './decimal';
import { cellAddress, Issue, issueAt } from './issue';
import { lineContract } from './lineContract';
import { formatAmount, halfMinorUnit, minorUnits, roundMoney } from './money';
import type { ContractLine, LineType, PriceTier, ScheduleLine, Settings } from './model';
import {
  addFractions, BillingPeriod, divideFractions, Fraction, fraction, PartialMethod, sumMonths,
} from './periods';
import { basisMonths, pricePerBasis, rateThroughTiers, TierRating } from './pricing';
import {
  divideExact, ExactAmount, ExactRun, exactOf, ExactSegment, fromMinorUnits, roundExact, roundExactRuns,
} from './segments';
import {
  beyondLastTierWarning, BillingContext, isoOrBlank, packageSizeOk, partialMethod, periodGrid, ScheduleOptions, tiersOfLine,
} from './scheduleContext';

/**
 * Recurring lines (Monthly ... Upfront; billing.md: Periods, Amounts and rounding, Timing). Each
 * line is one price segment: each distinct installment is computed and rounded once and shared
 * by the periods it bills, which keeps a 300,000-line book fast; the last installment takes the
 * rounding remainder.
 */

/** What one period of a segment bills: rounded amounts and the Calculation text. */
interface InstallmentValues {
  net: Decimal;
  gross: Decimal;
  discount: Decimal;
  calculation: string;
}

/** A whole segment's values, shared by every line with the same prices and period shape. */
export interface SegmentValues {
  full: InstallmentValues | null;
  /** by period index, for partial periods other than the last (every period when `perPeriod`) */
  partials: (InstallmentValues | undefined)[];
  last: InstallmentValues;
  /** each period has its own values in `partials` (see cumulativeSegment) */
  perPeriod: boolean;
}

const SEGMENT_CACHE_LIMIT = 100_000;

export function scheduleRecurringLine(
  line: ContractLine,
  lineIndex: number,
  settings: Settings,
  context: BillingContext,
  options: ScheduleOptions,
  out: ScheduleLine[],
  issues: Issue[],
): void {
  const method = partialMethod(settings);
  const tiers = tiersOfLine(line, context, issues);
  if (tiers === null || !packageSizeOk(line, issues)) return;
  const grid = periodGrid(line, context, options.endDate, options.gridAnchor, method);
  const periods = grid.periods;
  if (periods.length === 0) return;
  const contracted = options.endDate === undefined
    ? grid
    : periodGrid(line, context, undefined, options.gridAnchor, method);
  const term = contracted.term ??= sumMonths(contracted.periods);

  // Lines alike in price and period shape bill alike: compute such a segment once per run.
  const shape = `${term.numerator}/${term.denominator}|${contracted.periods.length}|${grid.shape}`;
  const cacheKey = `${line.pricingModel}|${line.unitPrice?.toString() ?? ''}|${line.quantity.toString()}|${line.totalContractValue?.toString() ?? ''}|`
    + `${line.discountPct.toString()}|${line.priceBasis ?? ''}|${line.billingFrequency}|${line.currency}|${line.tierTable ?? ''}|`
    + `${line.packageSize?.toString() ?? ''}|${settings.rounding}|${method}|${shape}`;
  let values = context.segments.get(cacheKey);
  if (values === undefined) {
    const segmentIssues: Issue[] = [];
    const computed = segmentValues(line, settings, tiers, periods, contracted.periods, term, method, segmentIssues);
    for (const issue of segmentIssues) issues.push(issue);
    if (computed === null) return;
    values = computed;
    // issues are per line, so only a segment that raised none is shared
    if (segmentIssues.length === 0 && context.segments.size < SEGMENT_CACHE_LIMIT) context.segments.set(cacheKey, values);
  }

  const source = cellAddress(line.source);
  const netDays = line.paymentTerms.netDays;
  const contract = lineContract(line, lineIndex);
  const arrears = line.billingTiming === 'Arrears';
  const closeDate = line.closeDate;
  const n = periods.length;
  for (let i = 0; i < n; i++) {
    const p = periods[i];
    const v = i === n - 1 ? values.last
      : p.partial || values.perPeriod ? (values.partials[i] as InstallmentValues) : (values.full as InstallmentValues);
    const lineType: LineType = p.partial ? 'Prorated' : 'Recurring';
    // Advance: the period start, not before the Close Date (one catch-up invoice); Arrears: the day after
    const invoiceDate = arrears ? ((p.end + 1) as CalendarDate) : closeDate !== null && p.start < closeDate ? closeDate : p.start;
    out.push({
      contract,
      lineId: i,
      lineType,
      periodStart: p.start,
      periodEnd: p.end,
      invoiceDate,
      dueDate: (invoiceDate + netDays) as CalendarDate,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      prorationFactor: p.factor,
      amount: v.gross,
      discount: v.discount,
      netAmount: v.net,
      calculation: v.calculation,
      source,
      creditOf: null,
      usageByDate: null,
    });
  }
}

function times(value: Decimal, r: Fraction): Decimal {
  if (r.numerator === r.denominator) return value;
  const scaled = r.numerator === 1 ? value : value.times(r.numerator);
  return r.denominator === 1 ? scaled : scaled.dividedBy(r.denominator);
}

/**
 * One line's segment: each distinct installment's unrounded net and gross, rounded once, the
 * last installment taking the remainder (billing.md, Amounts and rounding). Null (with an Error
 * Issue) when the line cannot be billed as stated.
 */
function segmentValues(
  line: ContractLine,
  settings: Settings,
  tiers: readonly PriceTier[],
  periods: readonly BillingPeriod[],
  contracted: readonly BillingPeriod[],
  term: Fraction,
  method: PartialMethod,
  issues: Issue[],
): SegmentValues | null {
  const currency = line.currency;
  const rounding = settings.rounding;
  let tierRating: TierRating | null = null;
  let perBasis: Decimal | null;
  if (line.pricingModel === 'Flat') {
    perBasis = pricePerBasis(line, line.quantity, line.unitPrice);
  } else {
    tierRating = rateThroughTiers(tiers, line.quantity, line.pricingModel, line.packageSize, line.unitPrice);
    perBasis = line.pricingModel === 'Package' && line.unitPrice === null ? null : tierRating.amount;
    if (tierRating.beyondLastTier) beyondLastTierWarning(line, issues);
  }
  const tcv = line.totalContractValue;
  if (perBasis === null && tcv === null) {
    issues.push(issueAt('Bill', 'Error', line.source, 'unitPrice', '',
      'Line has neither a Unit Price nor a Total Contract Value; not billed', 'Enter the Unit Price or the Total Contract Value'));
    return null;
  }
  const d = line.discountPct;
  const keep = ONE.minus(d);

  // each period's share: months x factor / basis months (a price), or months x factor / term months (a TCV).
  // Every period of a line has the cadence's months, so a run's share is (its months x factor) / basis:
  // summing months x factor first keeps the whole numbers small (at most two partial periods).
  const basis = basisMonths(line, periods[0].months, term);
  const share = (p: BillingPeriod, over: Fraction): Fraction => (over.numerator === 0
    ? { numerator: 0, denominator: 1 }
    : fraction(p.months * p.factorFraction.numerator * over.denominator, p.factorFraction.denominator * over.numerator));
  const shareSum = (list: readonly BillingPeriod[], over: Fraction): Fraction =>
    (over.numerator === 0 ? { numerator: 0, denominator: 1 } : divideFractions(sumMonths(list), over));

  if (perBasis !== null && tcv !== null) {
    const value = times(perBasis, shareSum(contracted, basis)).times(keep);
    const tolerance = halfMinorUnit(currency).times(contracted.length);
    if (roundMoney(value, currency, rounding).minus(tcv).abs().gt(tolerance)) {
      issues.push(issueAt('Bill', 'Error', line.source, 'totalContractValue', tcv.toString(),
        `Total Contract Value ${formatAmount(tcv, currency)} does not agree with Unit Price x Quantity over the term, net of discount (${formatAmount(roundMoney(value, currency, rounding), currency)}); line not billed`,
        'Correct the Unit Price, Quantity, Discount % or Total Contract Value, or clear one of them'));
      return null;
    }
  }
  if (tcv !== null && perBasis === null && keep.isZero() && !tcv.isZero()) {
    issues.push(issueAt('Bill', 'Error', line.source, 'discountPct', formatPercent(d),
      'A 100% discount leaves nothing to bill, but the Total Contract Value is not zero; line not billed',
      'Correct the Discount % or the Total Contract Value'));
    return null;
  }

  const spreadOverTerm = tcv !== null || line.priceBasis === 'Term' || (line.priceBasis === null && line.billingFrequency === 'Upfront');
  if (spreadOverTerm && term.numerator === 0) {
    // only 30/360 can make a term of no days: one day on the 30th of a 31-day month
    issues.push(issueAt('Bill', 'Error', line.source, 'endDate', isoOrBlank(line.endDate),
      'The term has no days under 30/360 (DAYS360 counts it as 0), so its price cannot be spread over it; line not billed',
      'Check the Start and End Date, or use the Daily Proration Method'));
    return null;
  }

  // Net and gross as base x share: the net base is the TCV when it governs, else price x (1 - d).
  // Where TCV governs, the gross is the net grossed up by the discount (so Discount never picks
  // up the sub-cent difference between TCV and the price); a 100% discount keeps the list price.
  const tcvGoverns = tcv !== null;
  const grossFromPrice = perBasis !== null && keep.isZero();
  const netBase = tcvGoverns ? exactOf(tcv) : exactOf(d.isZero() ? (perBasis as Decimal) : (perBasis as Decimal).times(keep));
  const netOver = tcvGoverns ? term : basis;
  let grossBase: ExactAmount;
  let grossOver: Fraction;
  if (!tcvGoverns || grossFromPrice) {
    grossBase = d.isZero() ? netBase : exactOf(perBasis as Decimal);
    grossOver = basis;
  } else if (keep.isZero()) {
    grossBase = { numerator: 0n, denominator: 1n };
    grossOver = term;
  } else {
    grossBase = d.isZero() ? netBase : divideExact(netBase, exactOf(keep));
    grossOver = term;
  }
  const sameGross = grossBase === netBase && grossOver === netOver;

  const discountPart = tcvGoverns ? '' : discountText(d);
  const pricePart = perBasis === null || tcvGoverns ? ''
    : tierRating !== null ? tierPriceText(line, tierRating, line.quantity) : flatPriceText(line, line.unitPrice as Decimal, line.quantity);
  const expressionOf = (p: BillingPeriod): string => {
    const partialPart = factorText(p.factorFraction, p.partial, method);
    return tcvGoverns
      ? `${tcvText(tcv, currency, p.months, term)}${partialPart}`
      : `${pricePart}${monthsText(line, p.months, basis)}${partialPart}${discountPart}`;
  };

  // runs of equal installments: every full period is alike, each partial period is its own;
  // the run holding the last period goes last, so it takes the remainder
  const n = periods.length;
  const lastPeriod = periods[n - 1];
  let firstFull: BillingPeriod | null = null;
  let fullCount = 0;
  for (const p of periods) {
    if (!p.partial) {
      firstFull ??= p;
      fullCount++;
    }
  }
  const runPeriods: BillingPeriod[] = [];
  const runCounts: number[] = [];
  const runOfPeriod = new Int32Array(n);
  let fullRun = -1;
  if (firstFull !== null && lastPeriod.partial) {
    fullRun = runPeriods.push(firstFull) - 1;
    runCounts.push(fullCount);
  }
  for (let i = 0; i < n - 1; i++) {
    if (!periods[i].partial) continue;
    runOfPeriod[i] = runPeriods.push(periods[i]) - 1;
    runCounts.push(1);
  }
  if (lastPeriod.partial) {
    runPeriods.push(lastPeriod);
    runCounts.push(1);
  } else {
    fullRun = runPeriods.push(lastPeriod) - 1;
    runCounts.push(fullCount);
  }
  const places = minorUnits(currency);
  const runsOver = (over: Fraction): ExactRun[] => runPeriods.map((p, i) => ({ share: share(p, over), count: runCounts[i] }));
  const netSegment = roundExactRuns(netBase, runsOver(netOver), shareSum(periods, netOver), places, rounding);
  const grossSegment = sameGross ? netSegment : roundExactRuns(grossBase, runsOver(grossOver), shareSum(periods, grossOver), places, rounding);

  // Installments far below one minor unit (0.50 JPY a month) can leave the remainder larger than
  // an installment, with the opposite sign: 1 + 1 + 1 - 1 JPY. Such a segment is rounded by
  // cumulative totals instead, which still sums to round(total) and never flips a sign.
  const flips = (segment: ExactSegment): boolean => {
    const own = segment.last - segment.remainder;
    return (segment.last < 0n && own > 0n) || (segment.last > 0n && own < 0n);
  };
  if (flips(netSegment) || flips(grossSegment)) {
    return cumulativeSegment(periods, netBase, netOver, sameGross ? null : grossBase, grossOver, places, rounding, currency, expressionOf);
  }

  const valuesOf = (run: number, period: BillingPeriod): InstallmentValues => {
    const net = fromMinorUnits(netSegment.installments[run], places);
    const gross = sameGross ? net : fromMinorUnits(grossSegment.installments[run], places);
    return { net, gross, discount: gross === net ? ZERO : gross.minus(net), calculation: resultText(expressionOf(period), net, currency) };
  };
  const partialValues: (InstallmentValues | undefined)[] = new Array<InstallmentValues | undefined>(n);
  for (let i = 0; i < n - 1; i++) if (periods[i].partial) partialValues[i] = valuesOf(runOfPeriod[i], periods[i]);
  const lastNet = fromMinorUnits(netSegment.last, places);
  const lastGross = sameGross ? lastNet : fromMinorUnits(grossSegment.last, places);
  return {
    perPeriod: false,
    full: firstFull !== null && fullCount > (lastPeriod.partial ? 0 : 1) ? valuesOf(fullRun, firstFull) : null,
    partials: partialValues,
    last: {
      net: lastNet,
      gross: lastGross,
      discount: lastGross === lastNet ? ZERO : lastGross.minus(lastNet),
      calculation: remainderTextMinor(expressionOf(lastPeriod), netSegment.last - netSegment.remainder, netSegment.remainder, places),
    },
  };
}

/**
 * Installment k = round(base x shares 1..k) - round(base x shares 1..k-1): each installment
 * keeps the sign of the segment and the segment sums to round(base x all shares).
 */
function cumulativeSegment(
  periods: readonly BillingPeriod[],
  netBase: ExactAmount,
  netOver: Fraction,
  grossBase: ExactAmount | null,
  grossOver: Fraction,
  places: number,
  rounding: Settings['rounding'],
  currency: string,
  expressionOf: (p: BillingPeriod) => string,
): SegmentValues {
  const partials: (InstallmentValues | undefined)[] = new Array<InstallmentValues | undefined>(periods.length);
  let months: Fraction = { numerator: 0, denominator: 1 };
  let netBefore = 0n;
  let grossBefore = 0n;
  let last: InstallmentValues | null = null;
  periods.forEach((p, i) => {
    months = addFractions(months, fraction(p.months * p.factorFraction.numerator, p.factorFraction.denominator));
    const netTo = netOver.numerator === 0 ? 0n : roundExact(netBase, divideFractions(months, netOver), places, rounding);
    const grossTo = grossBase === null ? netTo : grossOver.numerator === 0 ? 0n : roundExact(grossBase, divideFractions(months, grossOver), places, rounding);
    const net = fromMinorUnits(netTo - netBefore, places);
    const gross = grossBase === null ? net : fromMinorUnits(grossTo - grossBefore, places);
    netBefore = netTo;
    grossBefore = grossTo;
    const values: InstallmentValues = {
      net,
      gross,
      discount: gross === net ? ZERO : gross.minus(net),
      calculation: `${resultText(expressionOf(p), net, currency)} (rounded on the running total: each installment is below one minor unit)`,
    };
    if (i === periods.length - 1) last = values;
    else partials[i] = values;
  });
  return { perPeriod: true, full: null, partials, last: last as unknown as InstallmentValues };
}
